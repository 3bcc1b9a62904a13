"""Every validation rule, broken on purpose: the finding names file, row and column."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from imc_data import load_dataset

from .conftest import replace_in, without_column


def shipped_warnings() -> dict[tuple, list[str]]:
    """The warnings of the shipped folder itself (e.g. a floor-area excess while its conflict is on record)."""
    return found(load_dataset().data_dir, "warning")


def found(data_dir: Path, severity: str = "error") -> dict[tuple, list[str]]:
    """Findings of one severity, grouped by (file, row, column)."""
    out: dict[tuple, list[str]] = {}
    for f in load_dataset(data_dir).report.findings:
        if f.severity == severity:
            out.setdefault((f.file, f.row, f.column), []).append(f.message)
    return out


def one(findings: dict[tuple, list[str]], where: tuple, *words: str) -> str:
    """The message at ``where`` that contains every word (case-insensitive)."""
    assert where in findings, f"{where} not in {sorted(findings, key=str)}"
    for message in findings[where]:
        if all(word.lower() in message.lower() for word in words):
            return message
    raise AssertionError(f"no message at {where} with {words}: {findings[where]}")


# --- one cell or header broken: the finding names file, row and column -------------

# (id, file, text as shipped, text as broken, (file, row, column) of the finding, words in its message)
BROKEN_CELLS = [
    ("missing_required_column", "stages.csv", "stage_id,name_en,name_ru,start_year", "stage_id,name_en,name_ru,begin",
     ("stages.csv", None, "start_year"), ("missing",)),
    ("renamed_column_gets_a_rename_hint", "stages.csv", ",start_year,", ",start_yeer,",
     ("stages.csv", None, "start_year"), ("rename", "start_yeer")),
    ("duplicated_column", "stages.csv", "stage_id,name_en,", "stage_id,name_en,name_en,",
     ("stages.csv", 1, "name_en"), ("twice",)),
    ("blank_required_cell", "plots.csv", "P03,2.0,healthcare,S1,16000,", "P03,2.0,,S1,16000,",
     ("plots.csv", 4, "permitted_use"), ("empty",)),
    ("duplicate_id", "plots.csv", "\nP04,", "\nP03,", ("plots.csv", 5, "plot_id"), ("duplicate", "row 4")),
    ("dangling_foreign_key", "facilities.csv", ",S1,sourced,P01,illustrative,", ",S1,sourced,P99,illustrative,",
     ("facilities.csv", 2, "plot_id"), ("P99", "plots.csv")),
    ("unknown_source_id_in_a_list", "stages.csv", "SEED001,2017-01-01,year,sourced\nS2",
     "SEED001;NOPE,2017-01-01,year,sourced\nS2", ("stages.csv", 2, "source_ids"), ("NOPE", "sources.csv")),
    ("unknown_enumeration_value", "facilities.csv", ",OP18,OP01,operating,", ",OP18,OP01,open,",
     ("facilities.csv", 2, "status"), ("unknown value", "operating")),
    ("id_turned_into_a_number_by_excel", "milestones.csv", "\nM02,", "\n2,",
     ("milestones.csv", 3, "milestone_id"), ("excel", "number")),
    ("text_in_a_number_column", "plots.csv", "P02,2.8,", "P02,big,", ("plots.csv", 3, "area_ha"), ("not a number",)),
    ("negative_quantity", "facilities.csv", ",10546.7,", ",-10546.7,",
     ("facilities.csv", 2, "floor_area_m2"), ("negative",)),
    ("ambiguous_thousands_separator", "facilities.csv", ",10546.7,", ',"10,546",',
     ("facilities.csv", 2, "floor_area_m2"), ("ambiguous",)),
    ("end_before_start", "facilities.csv", ",2016-08-01,month,2018-03-01,month,",
     ",2016-08-01,month,2015-03-01,month,", ("facilities.csv", 2, "actual_end"), ("before actual_start",)),
    ("stage_end_before_start", "stages.csv", ",2025,2035,", ",2035,2025,", ("stages.csv", 3, "end_year"), ("before",)),
    ("date_outside_2012_2040", "milestones.csv", "M26,2035-01-01,", "M26,2045-01-01,",
     ("milestones.csv", 28, "date"), ("2012-2040",)),
    ("impossible_date", "milestones.csv", "M02,2015-06-09,", "M02,2021-02-30,",
     ("milestones.csv", 3, "date"), ("calendar",)),
    ("row_with_wrong_number_of_fields", "stages.csv", "S2,Stage 2,", "S2,Stage, 2,",
     ("stages.csv", 3, None), ("cells", "quotes")),
    ("plot_total_differs_from_site_total", "facts.csv", "site_area_ha,57.6,", "site_area_ha,70,",
     ("plots.csv", None, "area_ha"), ("57.6 ha", "70 ha")),
]  # fmt: skip


@pytest.mark.parametrize(
    ("file", "shipped", "broken", "where", "words"), [pytest.param(*c[1:], id=c[0]) for c in BROKEN_CELLS]
)
def test_a_broken_cell_is_named(data_dir, file, shipped, broken, where, words):
    replace_in(data_dir / file, shipped, broken)
    one(found(data_dir), where, *words)


# --- Excel realities: accepted with a warning ----------------------------------


def test_utf8_bom_is_accepted_silently(data_dir):
    # What Excel's "CSV UTF-8" and the app's own downloads write: expected, so not even a warning.
    path = data_dir / "stages.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert not found(data_dir)
    assert found(data_dir, "warning") == shipped_warnings()


def test_cp1251_is_accepted_with_a_warning(data_dir):
    path = data_dir / "stages.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("cp1251"))
    ds = load_dataset(data_dir)
    assert ds.ok
    assert ds["stages"].set_index("stage_id").loc["S1", "name_ru"] == "Этап 1"
    one(found(data_dir, "warning"), ("stages.csv", None, None), "Windows-1251")


def test_semicolon_delimiter_and_decimal_comma_are_accepted(data_dir):
    path = data_dir / "plots.csv"
    import csv
    import io

    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    rows[1][1] = rows[1][1].replace(".", ",")  # 2.2 -> 2,2 as Russian Excel writes it
    out = io.StringIO()
    csv.writer(out, delimiter=";").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    ds = load_dataset(data_dir)
    assert ds.ok, [f.format() for f in ds.report.errors]
    assert ds["plots"].set_index("plot_id").loc["P01", "area_ha"] == 2.2
    # What Russian Excel writes (and the app's own Russian download): expected, so not even a warning.
    assert found(data_dir, "warning") == shipped_warnings()


def test_dotted_date_is_accepted_with_a_warning(data_dir):
    replace_in(data_dir / "milestones.csv", "M04,2015-06-29,", "M04,29.06.2015,")
    ds = load_dataset(data_dir)
    assert ds.ok
    assert str(ds["milestones"].set_index("milestone_id").loc["M04", "date"].date()) == "2015-06-29"
    one(found(data_dir, "warning"), ("milestones.csv", 5, "date"), "DD.MM.YYYY")


def test_stray_spaces_are_trimmed_with_a_warning(data_dir):
    replace_in(data_dir / "plots.csv", "P05,2.0,research,", "P05,2.0,  research ,")
    assert load_dataset(data_dir).ok
    one(found(data_dir, "warning"), ("plots.csv", 6, "permitted_use"), "spaces")


# --- file-level problems ----------------------------------------------------------


def test_unterminated_quote_in_a_truncated_file(data_dir):
    path = data_dir / "stages.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("Stage 2") + 40], encoding="utf-8")
    errors = found(data_dir)
    assert any(k[0] == "stages.csv" and "quote" in m for k, ms in errors.items() for m in ms), errors


@pytest.mark.parametrize(
    ("content", "words"),
    [(b"", ("empty",)), (b"\x00\x01\x02PK\x03\x04" * 20, ("binary",))],
)
def test_empty_and_binary_files(data_dir, content, words):
    (data_dir / "stages.csv").write_bytes(content)
    one(found(data_dir), ("stages.csv", None, None), *words)


def test_missing_file(data_dir):
    (data_dir / "operators.csv").unlink()
    one(found(data_dir), ("operators.csv", None, None), "missing")


# --- geometry ---------------------------------------------------------------------


def _edit_plot(data_dir: Path, plot_id: str, fn) -> int:
    path = data_dir / "plots.geojson"
    doc = json.loads(path.read_text(encoding="utf-8"))
    for number, feature in enumerate(doc["features"], start=1):
        if feature["properties"]["plot_id"] == plot_id:
            feature["geometry"]["coordinates"] = fn(feature["geometry"]["coordinates"])
            path.write_text(json.dumps(doc), encoding="utf-8")
            return number
    raise AssertionError(plot_id)


def test_self_intersecting_polygon(data_dir):
    def bowtie(coords):
        ring = coords[0]
        return [[ring[0], ring[2], ring[1], ring[3], ring[0]]]

    n = _edit_plot(data_dir, "P03", bowtie)
    one(found(data_dir), ("plots.geojson", n, "geometry"), "invalid polygon")


def test_plot_outside_the_site(data_dir):
    n = _edit_plot(data_dir, "P04", lambda c: [[[x + 0.05, y] for x, y in c[0]]])
    one(found(data_dir), ("plots.geojson", n, "geometry"), "outside the site")


def test_lat_lon_swapped(data_dir):
    n = _edit_plot(data_dir, "P04", lambda c: [[[y, x] for x, y in c[0]]])
    one(found(data_dir), ("plots.geojson", n, "geometry"), "swapped")


def test_projected_coordinates(data_dir):
    n = _edit_plot(data_dir, "P04", lambda c: [[[x * 10_000, y * 100_000] for x, y in c[0]]])
    one(found(data_dir), ("plots.geojson", n, "geometry"), "projected")


def test_overlapping_plots(data_dir):
    path = data_dir / "plots.geojson"
    doc = json.loads(path.read_text(encoding="utf-8"))
    first = doc["features"][0]["geometry"]["coordinates"]
    doc["features"][1]["geometry"]["coordinates"] = first
    path.write_text(json.dumps(doc), encoding="utf-8")
    one(found(data_dir), ("plots.geojson", 2, "geometry"), "overlaps", "P01")


def test_stated_area_differs_from_polygon_area(data_dir):
    replace_in(data_dir / "plots.csv", "P02,2.8,", "P02,3.8,")
    replace_in(data_dir / "plots.csv", "P20,3.0,", "P20,2.0,")  # keep the total right
    one(found(data_dir), ("plots.geojson", 2, "geometry"), "differs from area_ha")


def test_plot_without_polygon(data_dir):
    path = data_dir / "plots.geojson"
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["features"] = [f for f in doc["features"] if f["properties"]["plot_id"] != "P07"]
    path.write_text(json.dumps(doc), encoding="utf-8")
    one(found(data_dir), ("plots.geojson", None, "plot_id"), "P07", "no polygon")


def test_invalid_json(data_dir):
    (data_dir / "site.geojson").write_text('{"type": "FeatureCollection", "features": [', encoding="utf-8")
    one(found(data_dir), ("site.geojson", None, None), "invalid JSON", "line 1")


def test_a_date_reported_wrong_is_not_reported_again_as_empty(data_dir):
    # An impossible day: one error at the cell, no second finding that its precision has no date.
    replace_in(data_dir / "stages.csv", "SEED001,2017-01-01,year,sourced", "SEED001,2017-02-31,day,sourced")
    errors, warnings = found(data_dir), found(data_dir, "warning")
    assert ("stages.csv", 2, "as_of") in errors
    assert ("stages.csv", 2, "as_of_precision") not in warnings


def test_a_missing_date_column_is_one_finding_not_one_per_row(data_dir):
    path = data_dir / "stages.csv"
    path.write_text(without_column(path.read_text(encoding="utf-8"), "as_of"), encoding="utf-8")
    errors, warnings = found(data_dir), found(data_dir, "warning")
    assert one(errors, ("stages.csv", None, "as_of"), "missing")
    assert not [where for where in warnings if where[0] == "stages.csv" and where[2] == "as_of_precision"]
