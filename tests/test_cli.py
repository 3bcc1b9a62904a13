"""The CLI contract staff and scripts rely on: line format and exit codes."""

from __future__ import annotations

import re
import subprocess
import sys

from .conftest import ROOT, replace_in

LINE = re.compile(r"^[\w.]+(:\d+)?(:\w+)?: (error|warning): .+$")


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "imc_data.validate", *args], cwd=ROOT, capture_output=True, text=True, timeout=120
    )


def test_shipped_data_exit_0_with_summary():
    result = run()
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip().splitlines()[-1].startswith("OK: 0 errors")


def test_broken_cell_exit_1_and_names_the_cell(data_dir):
    replace_in(data_dir / "plots.csv", "P02,2.8,", "P02,2.8ha,")
    result = run(str(data_dir))
    assert result.returncode == 1
    lines = result.stdout.strip().splitlines()
    assert "plots.csv:3:area_ha: error: '2.8ha' is not a number" in lines[0]
    assert all(LINE.match(line) for line in lines[:-1]), lines
    assert lines[-1].startswith("FAILED: ")
    assert "Traceback" not in result.stdout + result.stderr


def test_missing_folder_exit_2(tmp_path):
    result = run(str(tmp_path / "nope"))
    assert result.returncode == 2
    assert "not found" in result.stderr
    assert "Traceback" not in result.stderr


def test_env_variable_points_at_another_folder(data_dir):
    replace_in(data_dir / "plots.csv", "P02,2.8,", "P02,x,")
    import os

    env = {**os.environ, "IMC_DATA_DIR": str(data_dir)}
    result = subprocess.run(
        [sys.executable, "-m", "imc_data.validate"], cwd=ROOT, capture_output=True, text=True, env=env, timeout=120
    )
    assert result.returncode == 1
    assert str(data_dir) in result.stdout
