"""Cross-table rules (imc_data.consistency): each breaks a copy of the shipped tables as staff might,
and the finding must name the file, the spreadsheet row and the column, in English and Russian."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from imc_data import load_dataset
from imc_data.validate import main as validate_main


def edit_cell(path: Path, key: str, column: str, value: str) -> int:
    """Set one cell of a CSV (the row whose first column is ``key``); return its spreadsheet row."""
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    header = rows[0]
    position = header.index(column)
    keys = [row[0] for row in rows]
    assert key in keys, f"{key} not in {path.name}"
    number = keys.index(key) + 1
    rows[number - 1][position] = value
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    return number


def row_of(path: Path, key: str) -> int:
    """The spreadsheet row (header = 1) of the row whose first column is ``key``."""
    with open(path, encoding="utf-8", newline="") as fh:
        keys = [row[0] for row in csv.reader(fh)]
    return keys.index(key) + 1


def findings(data_dir: Path, severity: str = "error"):
    ds = load_dataset(data_dir)
    return [f for f in ds.report.findings if f.severity == severity]


def only(found, file: str, row: int, column: str):
    hits = [f for f in found if (f.file, f.row, f.column) == (file, row, column)]
    assert len(hits) == 1, [f.format() for f in found]
    finding = hits[0]
    assert finding.message and finding.message_ru and finding.message != finding.message_ru
    return finding


# --- floor area on a plot ---------------------------------------------------------------------------


def test_a_p04_style_floor_area_excess_is_an_error_naming_file_row_column(data_dir, capsys):
    # P02 allows 27,000 m²; the therapy building on it states 25,000 m². Lower the plot's maximum below it.
    row = edit_cell(data_dir / "plots.csv", "P02", "max_floor_area_m2", "20000")
    finding = only(findings(data_dir), "plots.csv", row, "max_floor_area_m2")
    assert "25,000 m²" in finding.message and "20,000 m²" in finding.message and "F02" in finding.message
    assert "25\u00a0000 м²" in finding.message_ru
    # The area as its source states it (facilities.floor_area_bound): "about", in both languages.
    assert "F02 about 25,000 m²" in finding.message and "F02 около 25\u00a0000 м²" in finding.message_ru
    assert "state about 25,000 m²" in finding.message  # a sum of one "about" figure is "about" too
    assert validate_main([str(data_dir)]) == 1
    assert f"plots.csv:{row}:max_floor_area_m2: error:" in capsys.readouterr().out


def test_the_shipped_p04_excess_is_a_warning_only_while_its_conflict_is_on_record(data_dir):
    row = row_of(data_dir / "plots.csv", "P04")
    warning = only(findings(data_dir, "warning"), "plots.csv", row, "max_floor_area_m2")
    assert "109,500 m²" in warning.message and "C14" in warning.message
    # F04's 49,500 m² is exact, F05's "more than 60,000 m²" a lower bound: so is their sum.
    assert "state more than 109,500 m²" in warning.message and "имеют более 109\u00a0500 м²" in warning.message_ru
    assert "F05 more than 60,000 m²" in warning.message and "F05 более 60\u00a0000 м²" in warning.message_ru
    # Drop the conflict's link to the facilities: the same excess becomes an error.
    edit_cell(data_dir / "conflicts.csv", "C14", "record_ids", "")
    edit_cell(data_dir / "conflicts.csv", "C14", "columns", "")
    edit_cell(data_dir / "conflicts.csv", "C14", "table", "")
    only(findings(data_dir), "plots.csv", row, "max_floor_area_m2")


# --- one cell against the other tables: the error stands at (row of the edited key, column) ------------

# (id, file, key, column edited, value, column of the error, words of the English message)
ONE_CELL_RULES = [
    # P01 carries the operating clinic F01: an opportunity there cannot be open.
    ("open_opportunity_on_a_built_plot", "opportunities.csv", "O05", "plot_id", "P01", "status", ("F01", "operating")),
    # Saint Charles (agreement signed) has the orthopaedic clinic on P11: its slot cannot be open.
    ("open_opportunity_on_a_taken_plot", "opportunities.csv", "O12", "status", "open", "status", ("OP06",)),
    ("sourced_row_citing_only_the_dashboards_own_layout", "milestones.csv", "M01", "source_ids", "LAYOUT",
     "source_ids", ("LAYOUT (not_applicable)",)),
    ("sourced_link_to_an_illustrative_plot", "facilities.csv", "F01", "plot_provenance", "sourced",
     "plot_provenance", ("P01", "illustrative")),
    ("plot_link_without_its_own_provenance", "facilities.csv", "F03", "plot_provenance", "", "plot_provenance", ()),
    ("date_without_its_precision", "facilities.csv", "F01", "planned_end_precision", "", "planned_end_precision",
     ("day, month, quarter, season or year",)),
    # The defect of M19: 2022 plans called "missed" on the strength of a 2021 article.
    ("plan_called_missed_needs_a_later_source", "milestones.csv", "M19", "status", "planned_missed", "status",
     ("2022-12-31",)),
]  # fmt: skip


@pytest.mark.parametrize(
    ("file", "key", "column", "value", "at_column", "words"),
    [pytest.param(*rule[1:], id=rule[0]) for rule in ONE_CELL_RULES],
)
def test_a_cell_that_contradicts_another_table_is_an_error(data_dir, file, key, column, value, at_column, words):
    row = edit_cell(data_dir / file, key, column, value)
    finding = only(findings(data_dir), file, row, at_column)
    assert all(word in finding.message for word in words), finding.message


# --- sources and provenance -------------------------------------------------------------------------


def test_a_sourced_row_whose_sources_are_all_low_confidence_is_an_error(data_dir):
    edit_cell(data_dir / "sources.csv", "NG2021", "confidence", "low")
    # F12 (Saint Charles clinic) cites NG2021 alone and is marked sourced.
    row = row_of(data_dir / "facilities.csv", "F12")
    finding = only(findings(data_dir), "facilities.csv", row, "source_ids")
    assert "NG2021 (low)" in finding.message


# --- dates ------------------------------------------------------------------------------------------


def test_a_period_is_stored_as_its_first_day(data_dir):
    # "March 2018" written as the month's last day, as the old tables did.
    row = edit_cell(data_dir / "facilities.csv", "F01", "actual_end", "2018-03-31")
    finding = only(findings(data_dir), "facilities.csv", row, "actual_end")
    assert "write 2018-03-01" in finding.message and "2018-03-01" in finding.message_ru


# --- conflicts and contacts -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("column", "value", "expected"),
    [
        ("record_ids", "F02;F99", "'F99' is not a facility_id in facilities.csv"),
        ("columns", "beds;bed_count", "'bed_count' is not a column of facilities.csv"),
        ("table", "facility", "unknown table 'facility'"),
    ],
)
def test_a_conflict_should_point_at_rows_and_columns_that_exist(data_dir, column, value, expected):
    row = edit_cell(data_dir / "conflicts.csv", "C11", column, value)
    # A warning: a stale pointer must not block publishing the table it points into.
    finding = only(findings(data_dir, "warning"), "conflicts.csv", row, column)
    assert expected in finding.message


@pytest.mark.parametrize(
    ("column", "value"), [("email", "info at mimc"), ("phone", "8 (495) 1234"), ("languages", "EN;russian")]
)
def test_a_contact_gets_a_plausible_email_phone_and_language_codes(data_dir, column, value):
    row = edit_cell(data_dir / "contacts.csv", "CT01", column, value)
    only(findings(data_dir), "contacts.csv", row, column)


def test_valid_contact_details_are_accepted(data_dir):
    edit_cell(data_dir / "contacts.csv", "CT01", "email", "info@example.org")
    edit_cell(data_dir / "contacts.csv", "CT01", "phone", "+7 495 123-45-67")
    assert not [f for f in findings(data_dir) if f.file == "contacts.csv"]
