"""The CLI contract staff and scripts rely on: line format and exit codes.

One test starts the command as staff do (``python -m imc_data.validate``); the others call its
``main`` in this process with the same arguments (a new Python for each would spend its time on
imports), reading what it prints as the terminal would.
"""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import dataclass

import pytest

from imc_data import validate

from .conftest import ROOT, replace_in

LINE = re.compile(r"^[\w.]+(:\d+)?(:\w+)?: (error|warning): .+$")


@dataclass
class Result:
    returncode: int
    stdout: str
    stderr: str


@pytest.fixture
def run(capsys):
    """``run(*args)``: the command's exit status and output, as ``python -m imc_data.validate *args`` gives them."""

    def run_main(*args: str) -> Result:
        capsys.readouterr()  # only this call's output
        status = validate.main(list(args))
        out, err = capsys.readouterr()
        return Result(status, out, err)

    return run_main


@pytest.mark.slow
def test_shipped_data_exit_0_with_summary():
    result = subprocess.run(
        [sys.executable, "-m", "imc_data.validate"], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip().splitlines()[-1].startswith("OK: 0 errors")


def test_broken_cell_exit_1_and_names_the_cell(data_dir, run):
    replace_in(data_dir / "plots.csv", "P02,2.8,", "P02,2.8ha,")
    result = run(str(data_dir))
    assert result.returncode == 1
    lines = result.stdout.strip().splitlines()
    assert "plots.csv:3:area_ha: error: '2.8ha' is not a number" in lines[0]
    assert all(LINE.match(line) for line in lines[:-1]), lines
    assert lines[-1].startswith("FAILED: ")
    assert "Traceback" not in result.stdout + result.stderr


def test_missing_folder_exit_2(tmp_path, run):
    result = run(str(tmp_path / "nope"))
    assert result.returncode == 2
    assert "not found" in result.stderr
    assert "Traceback" not in result.stderr


def test_env_variable_points_at_another_folder(data_dir, monkeypatch, run):
    replace_in(data_dir / "plots.csv", "P02,2.8,", "P02,x,")
    monkeypatch.setenv("IMC_DATA_DIR", str(data_dir))
    result = run()
    assert result.returncode == 1
    assert str(data_dir) in result.stdout


def test_russian_messages_with_lang_ru(data_dir, run):
    replace_in(data_dir / "plots.csv", "P02,2.8,", "P02,2.8ha,")
    result = run("--lang", "ru", str(data_dir))
    assert result.returncode == 1
    lines = result.stdout.strip().splitlines()
    assert (
        lines[0]
        == "plots.csv:3:area_ha: ошибка: «2.8ha» — не число; запишите цифрами, дробную часть через «,» или «.» (например, 57,6)"
    )
    assert lines[-1].startswith("ЕСТЬ ОШИБКИ: ошибок: 2, предупреждений:")  # the plot total too


def test_a_duplicated_kpi_row_is_a_finding_with_file_and_row_not_a_crash(data_dir, run):
    path = data_dir / "facts.csv"
    rows = path.read_text(encoding="utf-8").splitlines()
    site = next(line for line in rows if line.startswith("site_area_ha,"))
    path.write_text("\n".join([*rows, site.replace(",57.6,", ",60,")]) + "\n", encoding="utf-8")
    result = run(str(data_dir))
    assert result.returncode == 1, result.stderr
    assert result.stdout.startswith(f"facts.csv:{len(rows) + 1}:fact_id: error: duplicate fact_id 'site_area_ha'")
    assert "could not run" not in result.stderr


def test_the_cli_runs_the_checks_publishing_runs(data_dir, run):
    """Markup and formula-looking text, refused on upload, fail the command-line check too."""
    replace_in(data_dir / "stages.csv", "\nS1,Stage 1,", "\nS1,<b>Stage 1</b>,")
    replace_in(data_dir / "stages.csv", "\nS2,Stage 2,", "\nS2,=Stage 2,")
    result = run(str(data_dir))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert any(line.startswith("stages.csv:2:name_en: error:") and "HTML" in line for line in lines)
    assert any(line.startswith("stages.csv:3:name_en: error:") and "formula" in line for line in lines)
