"""The bad-input catalogue: every case through the folder validator and through the staff upload path.

Each case is a fixture built from the shipped tables by one edit a staff member (or Excel)
could make. Both paths must name the file, the row and the column and say how to fix it,
and the upload path must leave every published file exactly as it was ("loses nothing").
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from imc_data import excel, load_dataset, publish
from imc_data.findings import Report

from .conftest import DATA


@dataclass(frozen=True)
class Case:
    """One bad input: which file, how it is broken, and the finding both paths must report."""

    id: str
    target: str  # table name or plots_geo / site_geo
    make: Callable[[bytes], bytes | None]  # shipped bytes -> broken bytes (None: the file is missing)
    where: str  # FILE[:ROW[:COLUMN]] the finding starts with
    says: str  # part of the message
    severity: str = "error"
    upload_severity: str | None = None  # when the upload path is stricter than the folder validator


def sub(old: str, new: str, count: int = 1) -> Callable[[bytes], bytes]:
    def make(raw: bytes) -> bytes:
        text = raw.decode("utf-8")
        assert old in text, old
        return text.replace(old, new, count).encode("utf-8")

    return make


def header_sub(old: str, new: str) -> Callable[[bytes], bytes]:
    def make(raw: bytes) -> bytes:
        head, rest = raw.decode("utf-8").split("\n", 1)
        assert old in head.split(","), old
        return (",".join(new if h == old else h for h in head.split(",")) + "\n" + rest).encode("utf-8")

    return make


def geo(edit: Callable[[list[dict]], None]) -> Callable[[bytes], bytes]:
    def make(raw: bytes) -> bytes:
        doc = json.loads(raw)
        edit(doc["features"])
        return json.dumps(doc).encode("utf-8")

    return make


def ring(feature: dict) -> list[list[float]]:
    return feature["geometry"]["coordinates"][0]


def _bowtie(features):
    r = ring(features[0])
    r[1], r[2] = r[2], r[1]


def _shift_out(features):
    features[0]["geometry"]["coordinates"][0] = [[x + 0.05, y] for x, y in ring(features[0])]


def _overlap(features):
    features[1]["geometry"] = json.loads(json.dumps(features[0]["geometry"]))


def _swap(features):
    features[0]["geometry"]["coordinates"][0] = [[y, x] for x, y in ring(features[0])]


def _projected(features):
    features[0]["geometry"]["coordinates"][0] = [[x * 100_000, y * 100_000] for x, y in ring(features[0])]


def _drop_id_column(raw: bytes) -> bytes:
    lines = raw.decode("utf-8").split("\n")
    return "\n".join(line.replace(",status,", ",", 1) if i == 0 else line for i, line in enumerate(lines)).encode()


def _truncate_in_quote(raw: bytes) -> bytes:
    text = raw.decode("utf-8")
    cut = text.index('"Check-up') + 10  # inside a quoted field of row 2
    return text[:cut].encode("utf-8")


def _oversized(raw: bytes) -> bytes:
    head, rest = raw.split(b"\n", 1)
    filler = b"\n" * (6 * 1024 * 1024)  # blank lines: over both limits, otherwise harmless
    return head + b"\n" + rest + filler


CASES = [
    Case("empty_file", "facilities", lambda raw: b"", "facilities.csv: error", "the file is empty"),
    Case("truncated_file", "facilities", _truncate_in_quote, "facilities.csv:2: error", "cannot parse this line"),
    Case(
        "binary_garbage",
        "facilities",
        lambda raw: b"PK\x03\x04\x00\x00\x08\x00" + bytes(range(256)) * 4,
        "facilities.csv: error",
        "not a text file",
    ),
    Case("missing_file", "facilities", lambda raw: None, "facilities.csv: error", "the file is missing"),
    Case("missing_column", "facilities", _drop_id_column, "facilities.csv:", "required column 'status' is missing"),
    Case(
        "renamed_column",
        "facilities",
        header_sub("status", "statuss"),
        "facilities.csv:status: error",
        "found 'statuss': rename it to 'status'",
    ),
    Case(
        "duplicated_column",
        "facilities",
        header_sub("note_en", "name_en"),
        "facilities.csv:1:name_en: error",
        "appears twice",
    ),
    Case("blank_id", "facilities", sub("\nF01,", "\n,"), "facilities.csv:2:facility_id: error", "is empty"),
    Case("duplicate_id", "facilities", sub("\nF02,", "\nF01,"), "facilities.csv:3:facility_id: error", "duplicate"),
    Case(
        "dangling_foreign_key",
        "facilities",
        sub(",S1,sourced,P01,", ",S1,sourced,P99,"),
        "facilities.csv:2:plot_id: error",
        "'P99' is not a plot_id in plots.csv",
    ),
    Case(
        "unknown_status",
        "facilities",
        sub(",OP01,operating,", ",OP01,opened,"),
        "facilities.csv:2:status: error",
        "unknown value 'opened'; allowed:",
    ),
    Case(
        "text_in_number",
        "facilities",
        sub(",10546.7,", ",about 10000,"),
        "facilities.csv:2:floor_area_m2: error",
        "is not a number",
    ),
    Case("negative_area", "plots", sub("P02,2.8,", "P02,-2.8,"), "plots.csv:3:area_ha: error", "is negative"),
    Case(
        "decimal_comma",
        "facilities",
        sub(",10546.7,", ',"10546,7",'),
        "facilities.csv:2:floor_area_m2: warning",
        "decimal comma read as a decimal point",
        severity="warning",
    ),
    Case(
        "thousands_separator",
        "facilities",
        sub(",10546.7,", ',"10,546",'),
        "facilities.csv:2:floor_area_m2: error",
        "ambiguous",
    ),
    Case(
        "impossible_date",
        "facilities",
        sub(",2016-08-01,month,2018-03-01,", ",2016-08-01,month,2021-02-30,"),
        "facilities.csv:2:actual_end: error",
        "not a real calendar date",
    ),
    Case(
        "end_before_start",
        "facilities",
        sub(",2016-08-01,month,2018-03-01,", ",2016-08-01,month,2015-12-01,"),
        "facilities.csv:2:actual_end: error",
        "is before actual_start",
    ),
    Case(
        "id_mangled_by_excel",
        "plots",
        sub("\nP01,", "\n1,"),
        "plots.csv:2:plot_id: error",
        "looks like an id that Excel turned into a number",
    ),
    Case(
        "html_in_name",
        "facilities",
        sub(",Diagnostic & Outpatient Center", ",<script>alert(1)</script> Diagnostic & Outpatient Center"),
        "facilities.csv:2:name_en: error",
        "contains HTML",
    ),
    Case(
        "formula_text",
        "facilities",
        sub(",Diagnostic & Outpatient Center", ",=cmd|'/C calc'!A0 Diagnostic & Outpatient Center"),
        "facilities.csv:2:name_en: error",
        "treat it as a formula",
    ),
    Case(
        "self_intersecting_polygon",
        "plots_geo",
        geo(_bowtie),
        "plots.geojson:1:geometry: error",
        "invalid polygon",
    ),
    Case("plot_outside_site", "plots_geo", geo(_shift_out), "plots.geojson:1:geometry: error", "outside the site"),
    Case("overlapping_plots", "plots_geo", geo(_overlap), "plots.geojson:2:geometry: error", "overlaps plot"),
    Case("lat_lon_swapped", "plots_geo", geo(_swap), "plots.geojson:1:geometry: error", "look swapped"),
    Case("projected_coordinates", "plots_geo", geo(_projected), "plots.geojson:1:geometry: error", "look projected"),
    Case(
        "invalid_json",
        "plots_geo",
        lambda raw: raw[: len(raw) // 2],
        "plots.geojson: error",
        "invalid JSON at line",
    ),
    Case("oversized_upload", "facilities", _oversized, "facilities.csv: error", "over the"),
    Case(
        "wrong_row_width",
        "stages",
        sub("\nS1,Stage 1,", "\nS1,Stage, 1,"),
        "stages.csv:2: error",
        "fields but the header has",
    ),
    Case(
        "javascript_link",
        "sources",
        sub("https://en.wikipedia.org/wiki/The_Moscow_International_Medical_Cluster", "javascript:alert(1)"),
        "sources.csv:2:url: error",
        "must start with http:// or https://",
    ),
    Case(
        "year_out_of_range",
        "milestones",
        sub("\nM01,2012-04-12,", "\nM01,1912-04-12,"),
        "milestones.csv:2:date: error",
        "outside 2012-2040",
    ),
    Case(
        "windows_1251",
        "facilities",
        lambda raw: raw.decode("utf-8").encode("cp1251", errors="replace"),
        "facilities.csv: warning",
        "Windows-1251",
        severity="warning",
    ),
    Case(
        "semicolons_and_dotted_dates",
        "stages",
        lambda raw: raw.decode("utf-8").replace(",", ";").replace("Stage 1;", "Stage 1;").encode("utf-8"),
        "stages.csv:1: warning",
        "semicolon-separated file accepted",
        severity="warning",
    ),
]

# The folder validator reports markup and formulas as warnings (the text is shown as text and
# other tools may legitimately hold such cells); the upload path refuses them.
FOLDER_SEVERITY = {"html_in_name": "warning", "formula_text": "warning"}


def shipped(target: str) -> bytes:
    return (DATA / publish.targets()[target].filename).read_bytes()


def matching(report: Report, case: Case, severity: str) -> list[str]:
    where = case.where.replace(": error", f": {severity}").replace(": warning", f": {severity}")
    return [f.format() for f in report.findings if f.format().startswith(where) and case.says in f.message]


def test_the_catalogue_has_at_least_25_distinct_cases():
    assert len({c.id for c in CASES}) == len(CASES) >= 25


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_folder_validator_names_file_row_column(case: Case, data_dir: Path):
    broken = case.make(shipped(case.target))
    path = data_dir / publish.targets()[case.target].filename
    if broken is None:
        path.unlink()
    else:
        path.write_bytes(broken)
    report = publish.validate_folder(data_dir)
    severity = FOLDER_SEVERITY.get(case.id, case.severity)
    found = matching(report, case, severity)
    assert found, "\n".join(f.format() for f in report.findings[:20])
    assert report.ok == (severity == "warning" and not report.errors)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_upload_path_names_file_row_column_and_loses_nothing(case: Case, data_dir: Path):
    before = {name: publish.file_hash(data_dir / name) for name in publish.data_files()}
    broken = case.make(shipped(case.target))
    target = case.target
    if broken is None:
        # A missing published file: any upload is checked against the folder and names the missing file.
        (data_dir / "facilities.csv").unlink()
        before["facilities.csv"] = ""
        target, broken = "plots", shipped("plots")
    filename = publish.targets()[target].filename
    if publish.targets()[target].kind == "csv":
        candidate = excel.import_upload(broken, target, data_dir, upload_name=filename)
    else:
        candidate = publish.validate_candidate(broken, target, data_dir, upload_name=filename)
    found = matching(candidate.report, case, case.severity)
    assert found, "\n".join(f.format() for f in candidate.report.findings[:20])
    if case.severity == "error":
        assert not candidate.ok
        with pytest.raises(publish.PublishError):
            publish.publish(candidate, data_dir, "tester")
    else:
        assert candidate.ok  # accepted with a warning; the value is repaired, not lost
    after = {name: publish.file_hash(data_dir / name) for name in publish.data_files()}
    assert after == before


def test_accepted_excel_habits_keep_the_value(data_dir: Path):
    raw = shipped("facilities").replace(b",10546.7,", b',"10546,7",')
    candidate = excel.import_upload(raw, "facilities", data_dir, "facilities.csv")
    assert candidate.ok
    published = load_dataset(data_dir)["facilities"].set_index("facility_id").loc["F01", "floor_area_m2"]
    assert published == 10546.7
    assert candidate.diff.empty  # 10546,7 is the same number: nothing to publish
