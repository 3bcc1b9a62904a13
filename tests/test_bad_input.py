"""The bad-input catalogue: every case through the folder validator and through the staff upload path.

Each case is a file built from the shipped tables by one edit a staff member, a spreadsheet or an
attacker could make. Both paths must name the file, the row and the column and say how to fix it —
in English and in Russian — never raise, and the upload path must leave every published file
exactly as it was ("loses nothing").
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from imc_data import excel, load_dataset, publish, schema
from imc_data.findings import Report

from .conftest import DATA

CYRILLIC = re.compile(r"[А-Яа-яЁё]")


@dataclass(frozen=True)
class Expect:
    """The finding one path must report: where (``FILE[:ROW[:COLUMN]]``), severity, and part of each message."""

    where: str
    says: str
    says_ru: str
    severity: str = "error"


@dataclass(frozen=True)
class Case:
    """One bad input: which file, how it is broken, and what each path reports (``None``: not that path)."""

    id: str
    target: str  # table name or plots_geo / site_geo
    make: Callable[[bytes], bytes | None]  # shipped bytes -> broken bytes (None: the file is missing)
    folder: Expect | None
    upload: Expect | None
    alone: bool = False  # the root cause is the only error: follow-ons in other files are not listed


def same(expect: Expect) -> tuple[Expect, Expect]:
    return expect, expect


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


def cells(edits: dict[tuple[str, str], str]) -> Callable[[bytes], bytes]:
    """Set cells by (row id, column), writing the table back as a spreadsheet would (quoting as needed)."""

    def make(raw: bytes) -> bytes:
        rows = list(csv.reader(io.StringIO(raw.decode("utf-8"), newline="")))
        header = rows[0]
        for (key, column), value in edits.items():
            row = next(r for r in rows[1:] if r and r[0] == key)
            row[header.index(column)] = value
        out = io.StringIO(newline="")
        csv.writer(out, lineterminator="\n").writerows(rows)
        return out.getvalue().encode("utf-8")

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
    filler = b"\n" * (3 * 1024 * 1024)  # blank lines: over the limit, otherwise harmless
    return head + b"\n" + rest + filler


def _duplicate_kpi(raw: bytes) -> bytes:
    # Crash 1 of issue 18: a second site-area row made the totals check raise (a Series in an `if`).
    line = next(x for x in raw.decode("utf-8").splitlines() if x.startswith("site_area_ha,"))
    return raw + line.replace(",57.6,", ",60,", 1).encode("utf-8") + b"\n"


def _deeply_nested(raw: bytes) -> bytes:
    # Crash 2 of issue 18: 100,000 nested lists (200 kB) made json.loads raise RecursionError.
    return b'{"type": "FeatureCollection", "features": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"


def _unicode_text(raw: bytes) -> bytes:
    # Excel's "Unicode text": UTF-16 with a byte-order mark, tab-separated, CRLF.
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8"), newline="")))
    out = io.StringIO(newline="")
    csv.writer(out, delimiter="\t", lineterminator="\r\n").writerows(rows)
    return out.getvalue().encode("utf-16")


def _stray_quote(raw: bytes) -> bytes:
    return sub("\nF05,Moscow City", '\nF05,"Moscow City')(raw)


def _xlsx_with_formula(raw: bytes) -> bytes:
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(excel.to_xlsx(load_dataset(DATA)["stages"], schema.TABLES["stages"])))
    book.active["B3"] = "=UPPER(C3)"  # name_en of S2, as a formula
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


FACTS_ROWS = len((DATA / "facts.csv").read_text(encoding="utf-8").splitlines())

CASES = [
    Case(
        "empty_file",
        "facilities",
        lambda raw: b"",
        *same(Expect("facilities.csv: error", "the file is empty", "файл пуст")),
    ),
    Case(
        "truncated_file",
        "facilities",
        _truncate_in_quote,
        *same(Expect("facilities.csv:2: error", "double quote", "двойная кавычка")),
        alone=True,
    ),
    Case(
        "title_row_above_the_header",
        "facilities",
        lambda raw: "Facilities — edited by Olga\n".encode() + raw,
        *same(Expect("facilities.csv:1: error", "row 1 holds only 'Facilities — edited", "в строке 1 только")),
        alone=True,
    ),
    Case(
        "binary_garbage",
        "facilities",
        lambda raw: b"PK\x03\x04\x00\x00\x08\x00" + bytes(range(256)) * 4,
        Expect("facilities.csv: error", "not a text file", "это не текстовый файл"),
        Expect("facilities.csv: error", "cannot be opened as an Excel workbook", "не открывается как книга Excel"),
    ),
    Case(
        "missing_file",
        "facilities",
        lambda raw: None,
        Expect("facilities.csv: error", "the file is missing", "файл отсутствует"),
        # Uploading another file is not blocked by a file already broken on disk; it is named as such.
        Expect(
            "facilities.csv: warning",
            "already wrong in the published files, not caused by this upload — fix that file too: the file is missing",
            "исправьте и тот файл: файл отсутствует",
            "warning",
        ),
    ),
    Case(
        "missing_column",
        "facilities",
        _drop_id_column,
        *same(Expect("facilities.csv:", "required column 'status' is missing", "нет обязательного столбца «status»")),
    ),
    Case(
        "renamed_column",
        "facilities",
        header_sub("status", "statuss"),
        *same(Expect("facilities.csv:status: error", "found 'statuss': rename it", "переименуйте его в «status»")),
    ),
    Case(
        "duplicated_column",
        "facilities",
        header_sub("note_en", "name_en"),
        *same(Expect("facilities.csv:1:name_en: error", "appears twice", "встречается дважды")),
    ),
    Case(
        "blank_id",
        "facilities",
        sub("\nF01,", "\n,"),
        *same(Expect("facilities.csv:2:facility_id: error", "is empty", "не заполнен")),
    ),
    Case(
        "duplicate_id",
        "facilities",
        sub("\nF02,", "\nF01,"),
        *same(Expect("facilities.csv:3:facility_id: error", "duplicate", "повторяющийся facility_id")),
    ),
    Case(
        "duplicate_kpi_row_crash",
        "facts",
        _duplicate_kpi,
        *same(
            Expect(
                f"facts.csv:{FACTS_ROWS + 1}:fact_id: error",
                "duplicate fact_id 'site_area_ha' (first on row 2)",
                "повторяющийся fact_id «site_area_ha» (впервые в строке 2)",
            )
        ),
        alone=True,
    ),
    Case(
        "deeply_nested_geojson_crash",
        "site_geo",
        _deeply_nested,
        *same(Expect("site.geojson: error", "nested far too deeply", "вложен слишком глубоко")),
    ),
    Case(
        "dangling_foreign_key",
        "facilities",
        sub(",S1,sourced,P01,", ",S1,sourced,P99,"),
        *same(
            Expect("facilities.csv:2:plot_id: error", "'P99' is not a plot_id in plots.csv", "«P99» нет среди plot_id")
        ),
    ),
    Case(
        "unknown_status",
        "facilities",
        sub(",OP01,operating,", ",OP01,opened,"),
        *same(
            Expect(
                "facilities.csv:2:status: error", "unknown value 'opened'; allowed:", "неизвестное значение «opened»"
            )
        ),
    ),
    Case(
        "text_in_number",
        "facilities",
        sub(",10546.7,", ",about 10000,"),
        *same(Expect("facilities.csv:2:floor_area_m2: error", "is not a number", "не число")),
    ),
    Case(
        "negative_area",
        "plots",
        sub("P02,2.8,", "P02,-2.8,"),
        *same(Expect("plots.csv:3:area_ha: error", "is negative", "отрицательное значение")),
    ),
    Case(
        "decimal_comma",
        "facilities",
        sub(",10546.7,", ',"10546,7",'),
        *same(
            Expect(
                "facilities.csv:2:floor_area_m2: warning",
                "decimal comma read as a decimal point",
                "десятичная запятая прочитана как точка",
                "warning",
            )
        ),
    ),
    Case(
        "thousands_separator",
        "facilities",
        sub(",10546.7,", ',"10,546",'),
        *same(Expect("facilities.csv:2:floor_area_m2: error", "ambiguous", "неоднозначно")),
    ),
    Case(
        "impossible_date",
        "facilities",
        sub(",2016-08-01,month,2018-03-01,", ",2016-08-01,month,2021-02-30,"),
        *same(Expect("facilities.csv:2:actual_end: error", "not a real calendar date", "несуществующая дата")),
    ),
    Case(
        "end_before_start",
        "facilities",
        sub(",2016-08-01,month,2018-03-01,", ",2016-08-01,month,2015-12-01,"),
        *same(Expect("facilities.csv:2:actual_end: error", "is before actual_start", "раньше, чем actual_start")),
    ),
    Case(
        "libreoffice_two_digit_year",
        "milestones",
        sub("\nM01,2012-04-12,", "\nM01,12.04.12,"),
        *same(
            Expect(
                "milestones.csv:2:date: warning",
                "two-digit year read in the only century this column allows (2012-2040)",
                "год из двух цифр прочитан в единственном веке, допустимом в этом столбце (2012–2040)",
                "warning",
            )
        ),
    ),
    Case(
        "two_digit_year_outside_the_column",
        "milestones",
        sub("\nM01,2012-04-12,", "\nM01,12.04.45,"),
        *same(Expect("milestones.csv:2:date: error", "write the year with four digits", "запишите год четырьмя")),
    ),
    Case(
        "not_a_date_names_the_forms",
        "milestones",
        sub("\nM01,2012-04-12,", "\nM01,12 April 2012,"),
        *same(Expect("milestones.csv:2:date: error", "DD.MM.YY (05.09.18)", "ДД.ММ.ГГ (05.09.18)")),
    ),
    Case(
        "id_mangled_by_excel",
        "plots",
        sub("\nP01,", "\n1,"),
        *same(Expect("plots.csv:2:plot_id: error", "Excel turned into a number", "Excel превратил в число")),
    ),
    Case(
        "cyrillic_letter_in_id",
        "plots",
        sub("\nP02,", "\nР02,"),  # the first letter is the Cyrillic Р
        *same(Expect("plots.csv:3:plot_id: error", "Cyrillic letter(s) 'Р'", "кириллические буквы «Р»")),
    ),
    Case(
        "html_in_name",
        "facilities",
        sub(",Diagnostic & Outpatient Center", ",<script>alert(1)</script> Diagnostic & Outpatient Center"),
        *same(Expect("facilities.csv:2:name_en: error", "contains HTML", "содержит HTML")),
    ),
    Case(
        "formula_text",
        "facilities",
        sub(",Diagnostic & Outpatient Center", ",=cmd|'/C calc'!A0 Diagnostic & Outpatient Center"),
        *same(Expect("facilities.csv:2:name_en: error", "treat it as a formula", "примет это за формулу")),
    ),
    Case(
        "self_intersecting_polygon",
        "plots_geo",
        geo(_bowtie),
        *same(Expect("plots.geojson:1:geometry: error", "invalid polygon", "неправильный полигон")),
    ),
    Case(
        "plot_outside_site",
        "plots_geo",
        geo(_shift_out),
        *same(Expect("plots.geojson:1:geometry: error", "outside the site", "выходит за контур")),
    ),
    Case(
        "overlapping_plots",
        "plots_geo",
        geo(_overlap),
        *same(Expect("plots.geojson:2:geometry: error", "overlaps plot", "накладывается на участок")),
    ),
    Case(
        "lat_lon_swapped",
        "plots_geo",
        geo(_swap),
        *same(Expect("plots.geojson:1:geometry: error", "look swapped", "перепутаны")),
    ),
    Case(
        "projected_coordinates",
        "plots_geo",
        geo(_projected),
        *same(Expect("plots.geojson:1:geometry: error", "look projected", "похожи на метры")),
    ),
    Case(
        "invalid_json",
        "plots_geo",
        lambda raw: raw[: len(raw) // 2],
        *same(Expect("plots.geojson: error", "invalid JSON at line", "ошибка JSON в строке")),
    ),
    Case(
        "oversized",
        "facilities",
        _oversized,
        *same(Expect("facilities.csv: error", "over the 2048 kB limit", "больше предела 2048 КБ")),
    ),
    Case(
        "wrong_row_width",
        "stages",
        sub("\nS1,Stage 1,", "\nS1,Stage, 1,"),
        *same(Expect("stages.csv:2: error", "cells but the header has", "а в заголовке")),
    ),
    Case(
        "row_numbers_after_a_line_break_in_a_cell",
        "facilities",
        cells({("F01", "note_en"): "First line\nsecond line (Alt+Enter)", ("F03", "plot_id"): "P99"}),
        *same(Expect("facilities.csv:4:plot_id: error", "'P99' is not a plot_id", "«P99» нет среди plot_id")),
    ),
    Case(
        "stray_quote_reported_once",
        "facilities",
        _stray_quote,
        *same(Expect("facilities.csv:6: error", "follow-on error(s)", "зависимые ошибки")),
        alone=True,
    ),
    Case(
        "nul_byte_after_4_kb",
        "facilities",
        sub("\nF07,Nuclear Medicine Centre,", "\nF07,Nuclear Medi\x00cine Centre,"),
        *same(Expect("facilities.csv:8:name_en: error", "NUL character", "символ NUL")),
    ),
    Case(
        "javascript_link",
        "sources",
        sub("https://en.wikipedia.org/wiki/The_Moscow_International_Medical_Cluster", "javascript:alert(1)"),
        *same(Expect("sources.csv:2:url: error", "must start with http:// or https://", "http:// или https://")),
    ),
    Case(
        "year_out_of_range",
        "milestones",
        sub("\nM01,2012-04-12,", "\nM01,1912-04-12,"),
        *same(Expect("milestones.csv:2:date: error", "outside 2012-2040", "вне диапазона 2012–2040")),
    ),
    Case(
        "windows_1251_lost_characters",
        "facilities",
        lambda raw: raw.decode("utf-8").encode("cp1251", errors="replace"),
        # On disk nobody knows what the '?' were, so the file is refused whole; an upload is compared with the
        # published file and each lost character named.
        Expect("facilities.csv: error", "saved as Windows-1251", "сохранён в кодировке Windows-1251"),
        Expect("facilities.csv:3:note_en: error", "'²' became '?' in", "«²» превратилось в «?»"),
    ),
    Case(
        "excel_unicode_text_utf16",
        "facilities",
        _unicode_text,
        *same(Expect("facilities.csv: warning", "UTF-16", "UTF-16", "warning")),
    ),
    Case(
        "tab_separated",
        "stages",
        lambda raw: raw.decode("utf-8").replace(",", "\t").encode("utf-8"),
        *same(Expect("stages.csv:1: warning", "tab-separated file accepted", "«табуляция»", "warning")),
    ),
    Case(
        "plots_file_uploaded_as_facilities",
        "facilities",
        lambda raw: (DATA / "plots.csv").read_bytes(),
        None,
        Expect("facilities.csv:1: error", "this looks like plots.csv (Plots)", "это похоже на plots.csv"),
    ),
    Case(
        "map_file_uploaded_as_a_table",
        "facilities",
        lambda raw: (DATA / "plots.geojson").read_bytes(),
        None,
        Expect("facilities.csv: error", "this is a GeoJSON (map) file", "это файл GeoJSON"),
    ),
    Case(
        "formula_in_a_workbook",
        "stages",
        _xlsx_with_formula,
        None,
        Expect("stages.csv:3:name_en: error", "holds a formula", "в ячейке формула"),
    ),
]


def shipped(target: str) -> bytes:
    return (DATA / publish.targets()[target].filename).read_bytes()


def matching(report: Report, expect: Expect) -> list[str]:
    """Findings at ``expect.where`` with its severity whose English and Russian texts say what is expected."""
    where = expect.where.replace(": error", f": {expect.severity}").replace(": warning", f": {expect.severity}")
    return [
        f.format()
        for f in report.findings
        if f.format().startswith(where) and expect.says in f.text("en") and expect.says_ru in f.text("ru")
    ]


def untranslated(report: Report) -> list[str]:
    """Findings a Russian-speaking staff member would read in English."""
    return [f.format() for f in report.findings if not CYRILLIC.search(f.text("ru"))]


def put(case: Case, data_dir: Path) -> None:
    broken = case.make(shipped(case.target))
    path = data_dir / publish.targets()[case.target].filename
    if broken is None:
        path.unlink()
    else:
        path.write_bytes(broken)


def test_the_catalogue_has_at_least_40_distinct_cases():
    assert len({c.id for c in CASES}) == len(CASES) >= 40


@pytest.mark.parametrize("case", [c for c in CASES if c.folder], ids=[c.id for c in CASES if c.folder])
def test_folder_validator_names_file_row_column_in_both_languages(case: Case, data_dir: Path):
    put(case, data_dir)
    report = publish.validate_folder(data_dir)  # what the CLI runs: every check publishing runs
    found = matching(report, case.folder)
    assert found, "\n".join(f.format() for f in report.findings[:20])
    assert report.ok == (case.folder.severity == "warning")
    assert untranslated(report) == []
    if case.alone:
        assert [f.format() for f in report.errors] == found


@pytest.mark.parametrize("case", [c for c in CASES if c.upload], ids=[c.id for c in CASES if c.upload])
@pytest.mark.slow
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
    candidate = publish.validate_candidate(broken, target, data_dir, upload_name=filename)
    found = matching(candidate.report, case.upload)
    assert found, "\n".join(f.format() for f in candidate.report.findings[:20])
    assert untranslated(candidate.report) == []
    if case.alone:
        assert [f.format() for f in candidate.report.errors] == found
    if case.upload.severity == "error":
        assert not candidate.ok
        with pytest.raises(publish.PublishError):
            publish.publish(candidate, data_dir, "tester")
    else:
        assert candidate.ok  # accepted with a warning; the value is repaired, not lost
    after = {name: publish.file_hash(data_dir / name) for name in publish.data_files()}
    assert after == before


def test_the_two_crash_files_do_not_raise_and_name_the_file(data_dir: Path):
    (data_dir / "facts.csv").write_bytes(_duplicate_kpi(shipped("facts")))
    (data_dir / "site.geojson").write_bytes(_deeply_nested(shipped("site_geo")))
    ds = load_dataset(data_dir)  # must not raise
    assert not ds.ok
    assert {f.file for f in ds.report.errors} >= {"facts.csv", "site.geojson"}


def test_any_exception_while_loading_becomes_a_finding_with_the_file_and_row(data_dir: Path, monkeypatch):
    """The promise holds for bugs too: a check that raises is reported where it was, never propagated."""
    from imc_data import load

    real = load._check_unique

    def broken(key, table, line, seen, report):
        if table.name == "stages" and line == 3:
            raise ZeroDivisionError("a bug in a check")
        return real(key, table, line, seen, report)

    monkeypatch.setattr(load, "_check_unique", broken)
    report = load_dataset(data_dir).report
    (finding,) = [f for f in report.errors if f.file == "stages.csv"]
    assert (finding.row, "ZeroDivisionError: a bug in a check" in finding.message) == (3, True)
    assert "не удалось проверить" in finding.text("ru")


def test_accepted_spreadsheet_habits_keep_the_value(data_dir: Path):
    raw = shipped("facilities").replace(b",10546.7,", b',"10546,7",')
    candidate = excel.import_upload(raw, "facilities", data_dir, "facilities.csv")
    assert candidate.ok
    published = load_dataset(data_dir)["facilities"].set_index("facility_id").loc["F01", "floor_area_m2"]
    assert published == 10546.7
    assert candidate.diff.empty  # 10546,7 is the same number: nothing to publish


def test_the_russian_download_comes_back_without_a_single_warning(data_dir: Path):
    """';', decimal commas and DD.MM.YYYY are what the app's own Russian download writes: not worth a warning."""
    ds = load_dataset(data_dir)
    name, raw = excel.export_table(data_dir, ds["facilities"], "facilities", "ru")
    candidate = excel.import_upload(raw, "facilities", data_dir, name)
    # Only what the shipped folder already reports (e.g. a floor-area conflict on record), nothing about the format.
    assert candidate.ready and candidate.diff.empty and candidate.report.findings == ds.report.findings


def test_utf16_unicode_text_is_read_without_loss(data_dir: Path):
    candidate = excel.import_upload(_unicode_text(shipped("facilities")), "facilities", data_dir, "facilities.txt")
    assert candidate.ok and candidate.diff.empty, [f.format() for f in candidate.report.errors]


def test_two_digit_years_keep_the_date(data_dir: Path):
    (data_dir / "milestones.csv").write_bytes(sub("\nM01,2012-04-12,", "\nM01,12.04.12,")(shipped("milestones")))
    ds = load_dataset(data_dir)
    assert ds.ok and str(ds["milestones"].set_index("milestone_id").loc["M01", "date"].date()) == "2012-04-12"


def test_semicolon_file_reads_three_decimals_after_a_comma_as_decimals(data_dir: Path):
    # Russian Excel writes 0.125 as "0,125"; in a ';'-separated file the comma cannot be a thousands separator.
    raw = excel.to_excel_csv(load_dataset(data_dir)["plots"], schema.TABLES["plots"], "ru")
    raw = raw.replace(b'"2,8"', b'"2,805"', 1)
    candidate = excel.import_upload(raw, "plots", data_dir, "plots.csv")
    changes = {(c.key, c.column): c.new for c in candidate.diff.changed}
    assert changes.get(("P02", "area_ha")) == "2.805"
