"""Spreadsheet round trip: download a table as Excel or LibreOffice opens it, accept it back as they save it.

Decisions (documented in docs/staff-data.md, "Editing in the app"):

* **.xlsx** (Excel workbook, written with openpyxl): typed cells — dates are dates, numbers
  are numbers, ids and text are Text cells — so nothing depends on the computer's locale.
  This is the format the Data page proposes first.
* **CSV**, UTF-8 with a byte-order mark (so Excel on Windows shows Cyrillic when the file is
  opened by double-click), in two dialects because spreadsheets use the locale's list separator:
  ``ru`` (Russian Excel / LibreOffice): ``;`` between fields, decimal comma (``57,6``), dates
  ``DD.MM.YYYY``; ``en``: ``,`` between fields, decimal point, ISO dates. Writing ``57.6`` for a
  Russian spreadsheet would turn ``2.8`` into the date 2 August.
* **Version in the file name** (``facilities.3fa2b1c4d5e6.xlsx``): the start of the published
  file's content hash, for the staff member's own bookkeeping. Publishing never relies on it:
  the version a file was made from is found from its content (:mod:`imc_data.publish.history`).
* **Import** is :func:`imc_data.publish.validate_candidate`: the one loader with its
  spreadsheet habits (BOM, Windows-1251, UTF-16, ``;``, decimal commas, ``DD.MM.YYYY`` and
  ``DD.MM.YY``) accepted with a warning, anything else refused with FILE:ROW:COLUMN and the fix.
* Text that a spreadsheet would run as a formula is written safely
  (:func:`imc_data.formulas.formula_safe` in CSV, a Text cell in .xlsx) and refused on upload.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd

from . import schema
from .formulas import formula_safe
from .publish import Candidate, cell_text, file_hash, validate_candidate
from .publish.canonical import missing
from .workbook import Sheet, write_workbook

DIALECTS = ("ru", "en")
FORMATS = ("xlsx", "csv")
VERSION_CHARS = 12


def export_name(filename: str, content_hash: str, fmt: str = "csv") -> str:
    """``facilities.csv`` + hash → ``facilities.3fa2b1c4d5e6.csv`` (or ``.xlsx``)."""
    stem = filename.rsplit(".", 1)[0]
    return f"{stem}.{content_hash[:VERSION_CHARS]}.{fmt}"


def excel_cell(value, column: schema.Column, dialect: str) -> str:
    """One cell as a spreadsheet in ``dialect`` reads it back unchanged."""
    text = cell_text(value, column)
    if not text:
        return text
    if dialect == "ru":
        if column.kind == "float":
            return text.replace(".", ",")
        if column.kind == "date":
            y, m, d = text.split("-")
            return f"{d}.{m}.{y}"
    if column.kind in ("text", "url"):
        return formula_safe(text)
    return text


def to_excel_csv(frame: pd.DataFrame, table: schema.Table, dialect: str = "ru") -> bytes:
    """A table as CSV bytes that a spreadsheet (Russian or English locale) opens in columns, Cyrillic intact."""
    if dialect not in DIALECTS:
        raise ValueError(f"dialect must be one of {DIALECTS}")
    buffer = io.StringIO(newline="")
    # Every cell quoted: a spreadsheet that splits on both ',' and ';' (LibreOffice's import dialog can)
    # still keeps "Check-up, diagnostics" in one cell. Quoted numbers and dates are still read as such.
    writer = csv.writer(buffer, delimiter=";" if dialect == "ru" else ",", lineterminator="\r\n", quoting=csv.QUOTE_ALL)
    writer.writerow(table.names)
    for record in frame.to_dict("records"):
        writer.writerow([excel_cell(record.get(c.name), c, dialect) for c in table.columns])
    return "\ufeff".encode() + buffer.getvalue().encode("utf-8")


def to_xlsx(frame: pd.DataFrame, table: schema.Table, lang: str = "ru") -> bytes:
    """A table as an .xlsx workbook: typed cells, a frozen header with each column's meaning as a note."""
    return write_workbook([_sheet(frame, table, lang)])


def tables_xlsx(frames: dict[str, pd.DataFrame], lang: str) -> bytes:
    """Several tables as one .xlsx workbook, one sheet per table (the visitors' download of the data)."""
    return write_workbook([_sheet(frame, schema.TABLES[name], lang) for name, frame in frames.items()])


def _sheet(frame: pd.DataFrame, table: schema.Table, lang: str) -> Sheet:
    rows = [[_xlsx_value(record.get(c.name), c) for c in table.columns] for record in frame.to_dict("records")]
    notes = [(c.meaning_ru if lang == "ru" else c.meaning_en) or "" for c in table.columns]
    date_format = "DD.MM.YYYY" if lang == "ru" else "YYYY-MM-DD"
    return Sheet(table.name, table.names, rows, [c.kind for c in table.columns], notes, date_format)


def _xlsx_value(value, column: schema.Column):
    if column.kind in ("ids", "bool", "id", "text", "url", "choice"):
        return cell_text(value, column)
    if missing(value):
        return ""
    if column.kind == "date":
        return pd.Timestamp(value).date()
    if column.kind == "int":
        return int(value)
    return float(value)


def export_table(
    data_dir: Path, frame: pd.DataFrame, table_name: str, dialect: str = "ru", fmt: str = "csv"
) -> tuple[str, bytes]:
    """File name (with the published version) and bytes of a spreadsheet download (``fmt``: csv or xlsx)."""
    table = schema.TABLES[table_name]
    name = export_name(table.filename, file_hash(Path(data_dir) / table.filename), fmt)
    return name, export_bytes(frame, table_name, dialect, fmt)


def export_bytes(frame: pd.DataFrame, table_name: str, dialect: str = "ru", fmt: str = "csv") -> bytes:
    """The bytes of a spreadsheet download of one table (``fmt``: csv or xlsx; ``dialect``: ru or en)."""
    table = schema.TABLES[table_name]
    return to_xlsx(frame, table, dialect) if fmt == "xlsx" else to_excel_csv(frame, table, dialect)


def import_upload(raw: bytes, table_name: str, data_dir: Path, upload_name: str | None = None) -> Candidate:
    """Check an uploaded table (CSV or .xlsx, as a spreadsheet saved it) as a candidate for publishing."""
    return validate_candidate(raw, table_name, Path(data_dir), upload_name=upload_name)
