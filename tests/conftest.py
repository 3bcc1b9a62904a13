"""Shared fixtures: a writable copy of the shipped data and a clean Streamlit cache."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "imc_data" / "tables"


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A copy of the shipped tables that a test may break."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


@pytest.fixture(autouse=True)
def _clear_streamlit_cache():
    """Caches are process-global; start every test from a cold cache."""
    import streamlit as st

    st.cache_data.clear()
    yield
    st.cache_data.clear()


def replace_in(path: Path, old: str, new: str, count: int = 1) -> None:
    """Edit a data file as staff would; fail loudly if the text to replace is not there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")
