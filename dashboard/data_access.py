"""Cached access to the dataset, keyed on the data folder and its files' sizes and times."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from imc_data import Dataset, data_dir_from_env, data_fingerprint, load_dataset


@st.cache_data(show_spinner=False, max_entries=4)
def _load(data_dir: str, fingerprint: tuple) -> Dataset:
    # ``fingerprint`` is only part of the cache key: an edited file gives a new entry.
    return load_dataset(Path(data_dir))


def get_dataset() -> Dataset:
    """The dataset of ``IMC_DATA_DIR`` (or the shipped tables); reloaded when a file changes."""
    data_dir = data_dir_from_env()
    return _load(str(data_dir), data_fingerprint(data_dir))
