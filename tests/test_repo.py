"""Repository contracts: the README's test command is what CI runs; the code passes ruff."""

from __future__ import annotations

import subprocess
import sys

import pytest

from .conftest import ROOT


def _readme_block(after: str) -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = text.split(after, 1)[1].split("```bash", 1)[1].split("```", 1)[0]
    return block.strip()


def test_ci_runs_the_readme_test_command():
    command = _readme_block("**Install and run the tests:**")
    assert command in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "pytest" in command


def test_readme_app_command_starts_streamlit():
    command = _readme_block("**Install and run the app**")
    assert command.endswith("streamlit run app.py")
    assert "requirements.txt" in command


def test_ruff_passes():
    pytest.importorskip("ruff")
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--output-format", "concise", "."],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_no_streamlit_or_plotting_in_the_data_layer():
    for path in (ROOT / "imc_data").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for banned in ("import streamlit", "import plotly", "import pydeck", "from streamlit", "from plotly"):
            assert banned not in text, f"{path.name} imports {banned}"


def test_python_is_3_11_or_newer():
    assert sys.version_info >= (3, 11)
