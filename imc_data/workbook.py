"""Excel workbooks (.xlsx) in and out, with openpyxl.

A staff member's spreadsheet is read into the same CSV text every other upload goes
through, so the checks, the diff and publishing are the ones of a CSV file. Each sheet
row becomes one CSV record (blank rows included), so findings name the row number the
sheet shows. Typed cells are written as their canonical text: a date cell as
``2018-09-05``, ``2016.0`` as ``2016``. Formulas are refused: the value a staff member
sees must be the value that is published.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from dataclasses import dataclass

from . import schema
from .csvio import ZIP_MAGIC
from .findings import Report
from .formulas import formula_like

MAX_UNPACKED_BYTES = 64 * 1024 * 1024  # a 2 MB .xlsx is a ZIP; refuse archives that unpack to more (ZIP bombs)
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def is_workbook(raw: bytes) -> bool:
    """Whether ``raw`` is a ZIP archive, as an .xlsx file is."""
    return raw.startswith(ZIP_MAGIC)


def workbook_to_csv(raw: bytes, file: str, report: Report, table: schema.Table | None = None) -> bytes | None:
    """The first sheet (or the sheet named after ``table``) as UTF-8 CSV bytes; ``None`` when unreadable."""
    sheet = _open_sheet(raw, file, report, table)
    if sheet is None:
        return None
    header = [cell.value for cell in next(sheet.iter_rows(min_row=1, max_row=1), ())]
    width = max((i + 1 for i, v in enumerate(header) if v not in (None, "")), default=0)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    names = [str(v).strip() if v is not None else "" for v in header[:width]]
    for number, row in enumerate(sheet.iter_rows(min_row=1, max_col=max(width, sheet.max_column)), start=1):
        texts = []
        for i, cell in enumerate(row):
            if cell.data_type == "f":
                column = names[i] if i < len(names) and names[i] else None
                report.error(
                    file,
                    number,
                    column,
                    f"this cell holds a formula ({str(cell.value)[:40]}); replace it by its value (copy, then "
                    "Paste Special → Values)",
                    f"в ячейке формула ({str(cell.value)[:40]}); замените её значением (копировать, затем "
                    "«Специальная вставка» → «Значения»)",
                )
            texts.append(cell_text(cell.value))
        while len(texts) > width and not texts[-1]:
            texts.pop()  # empty cells right of the table
        writer.writerow(texts + [""] * (width - len(texts)) if width else texts)
    return buffer.getvalue().encode("utf-8")


def _open_sheet(raw: bytes, file: str, report: Report, table: schema.Table | None):
    import openpyxl  # deferred: only staff uploads and downloads need it

    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
        if unpacked > MAX_UNPACKED_BYTES:
            raise ValueError(f"unpacks to {unpacked // (1024 * 1024)} MB")
        book = openpyxl.load_workbook(io.BytesIO(raw), data_only=False)
    except Exception as exc:  # not a workbook, damaged, encrypted, or a ZIP bomb
        report.error(
            file,
            None,
            None,
            f"this file cannot be opened as an Excel workbook ({type(exc).__name__}); save it again as .xlsx "
            "(Excel Workbook) or as 'CSV UTF-8'",
            f"файл не открывается как книга Excel ({type(exc).__name__}); сохраните его заново как .xlsx "
            "(книга Excel) или как «CSV UTF-8»",
        )
        return None
    names = {ws.title.strip().lower(): ws for ws in book.worksheets}
    if table is not None and table.name in names:
        return names[table.name]
    return book.worksheets[0]


def cell_text(value) -> str:
    """The text of one typed sheet cell as the CSV path expects it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time(0) else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


@dataclass(frozen=True)
class Sheet:
    """One sheet to write: a header, rows of typed values, and per column its schema kind and a note.

    ``kinds`` are schema column kinds: ``date`` cells get ``date_format``, ``id`` and text cells
    the Text format (so a spreadsheet does not turn ``P01`` or ``1-2`` into something else).
    """

    title: str
    header: list[str]
    rows: list[list]
    kinds: list[str]
    notes: list[str]
    date_format: str


def write_workbook(sheets: list[Sheet]) -> bytes:
    """An .xlsx file: per sheet a bold, frozen header (with a note per column) and typed cells.

    Formula-like text (:func:`imc_data.formulas.formula_like`) is stored as text, never as a formula.
    """
    import openpyxl  # deferred: only downloads of tables need it

    book = openpyxl.Workbook()
    book.remove(book.active)
    for sheet in sheets:
        _write_sheet(book.create_sheet(sheet.title[:31]), sheet)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _write_sheet(target, sheet: Sheet) -> None:
    from openpyxl.comments import Comment
    from openpyxl.styles import Font

    target.append(sheet.header)
    for cell, note in zip(target[1], sheet.notes, strict=True):
        cell.font = Font(bold=True)
        if note:
            cell.comment = Comment(note, "IMC")
    for values in sheet.rows:
        target.append([None if v == "" else v for v in values])
    for index, kind in enumerate(sheet.kinds, start=1):
        number_format = sheet.date_format if kind == "date" else ("General" if kind in ("int", "float") else "@")
        widest = len(sheet.header[index - 1])
        for (cell,) in target.iter_rows(min_row=2, min_col=index, max_col=index):
            cell.number_format = number_format
            if isinstance(cell.value, str) and formula_like(cell.value):
                cell.data_type = "s"  # text that looks like a formula stays text
            widest = max(widest, min(60, len(str(cell.value or ""))))
        target.column_dimensions[target.cell(1, index).column_letter].width = widest + 2
    target.freeze_panes = "A2"
