"""Read a CSV file as a spreadsheet saved it: size, encoding, delimiter and shape.

Excel and LibreOffice realities are handled here, once: UTF-8 with or without a
byte-order mark, Windows-1251 and UTF-16 ("Unicode text") are read, ``;`` and tab
delimiters are accepted with a warning; binary files, NUL characters, unclosed quotes
and rows of the wrong width are refused with the row a spreadsheet shows.

Row numbers are counted in records, not in lines of the file: a cell with a line break
(Alt+Enter) is one row in the spreadsheet, so the rows after it keep their numbers.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from .findings import Report

# The one size limit of a data file, on disk and uploaded. The largest table is a few dozen kB
# and the plot boundaries about 10 kB; 2 MB leaves room for detailed GeoJSON.
MAX_BYTES = 2 * 1024 * 1024

UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
ZIP_MAGIC = b"PK\x03\x04"

Rows = list[tuple[int, list[str]]]


@dataclass(frozen=True)
class Parsed:
    """A table as read from a file: header, numbered rows, and how the file was written."""

    header: list[str]
    rows: Rows
    delimiter: str
    encoding: str


@dataclass(frozen=True)
class Decoded:
    """The text of a file and the encoding it was read in (``utf-8``, ``cp1251``, ``utf-16``)."""

    text: str
    encoding: str


def size_limit_text(size: int) -> tuple[str, str]:
    """The refusal of a file over :data:`MAX_BYTES`, in English and Russian."""
    kb, limit = size // 1024, MAX_BYTES // 1024
    return (
        f"the file is {kb} kB, over the {limit} kB limit for one data file; save only this table "
        "(without other sheets, pictures or formatting) and try again",
        f"файл весит {kb} КБ — больше предела {limit} КБ для одного файла данных; сохраните только эту "
        "таблицу (без других листов, рисунков и оформления) и попробуйте снова",
    )


def check_size(size: int, file: str, report: Report) -> bool:
    """Report a file over the limit; return whether the size is acceptable."""
    if size > MAX_BYTES:
        report.error(file, None, None, *size_limit_text(size))
        return False
    return True


def looks_binary(raw: bytes) -> bool:
    """Whether ``raw`` is a binary file rather than text (a ZIP, a picture, a database …)."""
    if raw.startswith(UTF16_BOMS):
        return False
    head = raw[:4096]
    return raw.startswith(ZIP_MAGIC) or head.count(0) > max(8, len(head) // 10) and not _utf16_without_bom(raw)


def _utf16_without_bom(raw: bytes) -> str | None:
    # Excel's "Unicode text" has a BOM; some tools write UTF-16 without one: every other byte is 0.
    head = raw[:4096]
    if len(head) < 4:
        return None
    even, odd = head[0::2], head[1::2]
    if odd.count(0) > len(odd) * 0.3 and even.count(0) == 0:
        return "utf-16-le"
    if even.count(0) > len(even) * 0.3 and odd.count(0) == 0:
        return "utf-16-be"
    return None


def decode_text(raw: bytes, file: str, report: Report) -> Decoded | None:
    """Decode file bytes: UTF-8 (with or without BOM), UTF-16, else Windows-1251 with a warning."""
    if not raw.strip():
        report.error(
            file,
            None,
            None,
            "the file is empty; restore its header and rows (or a backup)",
            "файл пуст; верните заголовок и строки (или восстановите резервную копию)",
        )
        return None
    if raw.startswith(UTF16_BOMS) or _utf16_without_bom(raw):
        return _decode_utf16(raw, file, report)
    if looks_binary(raw):
        workbook = raw.startswith(ZIP_MAGIC)
        report.error(
            file,
            None,
            None,
            "this is not a text file (binary content"
            + (", perhaps an Excel workbook" if workbook else "")
            + "); save the table as 'CSV UTF-8' (or upload it as .xlsx on the Data page)",
            "это не текстовый файл (двоичное содержимое"
            + (", возможно, книга Excel" if workbook else "")
            + "); сохраните таблицу как «CSV UTF-8» (или загрузите её как .xlsx на странице «О данных»)",
        )
        return None
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]  # what Excel's "CSV UTF-8" writes (and the app's own downloads): expected, not a warning
    try:
        return Decoded(raw.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    try:
        text = raw.decode("cp1251")
    except UnicodeDecodeError:
        report.error(
            file,
            None,
            None,
            "the file is neither UTF-8 nor Windows-1251 text; save it as 'CSV UTF-8'",
            "файл не в кодировке UTF-8 и не в Windows-1251; сохраните его как «CSV UTF-8»",
        )
        return None
    report.warning(
        file,
        None,
        None,
        "read as Windows-1251 (Excel's plain 'CSV' in a Russian locale): characters it cannot hold, such as "
        "'²' or '€', were lost when the file was saved; save as 'CSV UTF-8' next time",
        "файл прочитан в кодировке Windows-1251 (обычный «CSV» русского Excel): символы, которых в ней нет "
        "(например, «²» или «€»), при сохранении потеряны; в следующий раз сохраняйте как «CSV UTF-8»",
    )
    return Decoded(text, "cp1251")


def _decode_utf16(raw: bytes, file: str, report: Report) -> Decoded | None:
    encoding = "utf-16" if raw.startswith(UTF16_BOMS) else _utf16_without_bom(raw)
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError:
        report.error(
            file,
            None,
            None,
            "the file looks like UTF-16 ('Unicode text') but cannot be read as such; save it as 'CSV UTF-8'",
            "файл похож на UTF-16 («Текст Юникод»), но не читается; сохраните его как «CSV UTF-8»",
        )
        return None
    report.warning(
        file,
        None,
        None,
        "read as UTF-16 (Excel's 'Unicode text'); accepted — 'CSV UTF-8' is the usual format",
        "файл прочитан как UTF-16 («Текст Юникод» из Excel); принят — обычный формат «CSV UTF-8»",
    )
    return Decoded(text.lstrip("\ufeff"), "utf-16")


def decode(raw: bytes, file: str, report: Report) -> str | None:
    """The text of ``raw`` (see :func:`decode_text`), or ``None`` when it cannot be read as text."""
    decoded = decode_text(raw, file, report)
    return decoded.text if decoded is not None else None


def sniff_delimiter(text: str, file: str, report: Report) -> str:
    """Choose ``,`` unless the header clearly uses ``;`` or tabs.

    ``;`` is what Excel and LibreOffice write in Russian locales (and the app's own Russian
    download): accepted silently. Tabs (Excel's "Unicode text") are accepted with a warning.
    """
    header = text.split("\n", 1)[0]
    counts = {d: header.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=counts.get)
    if best == "," or counts[best] <= counts[","]:
        return ","
    if best == "\t":
        report.warning(
            file,
            1,
            None,
            "tab-separated file accepted; the standard is comma-separated",
            "файл с разделителем «табуляция» принят; стандартный разделитель — запятая",
        )
    return best


def read_file(path: Path, file: str, report: Report) -> bytes | None:
    """The bytes of a data file, or ``None`` with the reason reported (missing, unreadable, too large).

    The size is checked before reading, so an oversized upload left on disk is never loaded.
    """
    try:
        if not check_size(path.stat().st_size, file, report):
            return None
        return path.read_bytes()
    except FileNotFoundError:
        report.error(
            file,
            None,
            None,
            "the file is missing; restore it from a backup or the repository",
            "файл отсутствует; восстановите его из резервной копии или из репозитория",
        )
    except OSError as exc:
        report.error(
            file, None, None, f"cannot read the file ({exc.strerror})", f"не удаётся прочитать файл ({exc.strerror})"
        )
    return None


def read_table(path: Path, file: str, report: Report) -> Parsed | None:
    """Read a CSV file: header, ``(row_number, cells)`` rows, delimiter; ``None`` when unreadable."""
    raw = read_file(path, file, report)
    return None if raw is None else parse_table(raw, file, report)


def parse_text(raw: bytes, file: str, report: Report) -> tuple[list[str], Rows] | None:
    """Parse CSV bytes into a header and numbered rows (row numbers as a spreadsheet shows them)."""
    parsed = parse_table(raw, file, report)
    return (parsed.header, parsed.rows) if parsed is not None else None


def parse_table(raw: bytes, file: str, report: Report) -> Parsed | None:
    """Parse CSV bytes: header, numbered rows, delimiter and encoding (``None`` when unreadable)."""
    decoded = decode_text(raw, file, report)
    if decoded is None:
        return None
    delimiter = sniff_delimiter(decoded.text, file, report)
    records = _records(decoded.text, delimiter, file, report)
    if records is None:
        return None
    if not records or not any(c.strip() for c in records[0][1]):
        report.error(
            file,
            1,
            None,
            "the file has no header row; row 1 must hold the column names",
            "в файле нет строки заголовка; в строке 1 должны быть названия столбцов",
        )
        return None
    filled = [c.strip() for c in records[0][1] if c.strip()]
    below = [c for c in records[1][1] if c.strip()] if len(records) > 1 else []
    if len(filled) == 1 and len(below) >= 3:
        # A title typed above the table ("Facilities — edited by Olga"): every row would otherwise be "wider than
        # the header" and every column "missing". One message says what to do.
        title = filled[0] if len(filled[0]) <= 40 else filled[0][:37] + "…"
        report.error(
            file,
            1,
            None,
            f"row 1 holds only '{title}' and the column names follow in row 2; row 1 must hold the column names: "
            "delete the title row",
            f"в строке 1 только «{title}», а названия столбцов идут в строке 2; в строке 1 должны быть названия "
            "столбцов — удалите строку с заголовком",
        )
        return None
    header = [h.strip().lstrip("\ufeff") for h in records[0][1]]
    if any("\x00" in h for h in header):
        report.error(
            file,
            1,
            None,
            "the header contains an invisible NUL character (a damaged or binary file); restore the file from a backup",
            "в заголовке невидимый символ NUL (файл повреждён или двоичный); восстановите файл из резервной копии",
        )
        return None
    rows = _rows_of_header_width(records[1:], header, file, report)
    return Parsed(header, rows, delimiter, decoded.encoding)


def _records(text: str, delimiter: str, file: str, report: Report) -> Rows | None:
    # Every record counts as one spreadsheet row, blank ones included (a spreadsheet shows them too).
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    records: Rows = []
    try:
        for cells in reader:
            records.append((len(records) + 1, cells))
    except csv.Error as exc:
        row = len(records) + 1  # the record that was being read: where the quote was opened
        if "field larger" in str(exc):
            en = "a cell in this row is longer than the 131,072 characters a cell may hold; shorten it"
            ru = "ячейка в этой строке длиннее 131 072 символов; сократите её"
        else:
            en = (
                'a double quote (") in this row opens a quoted cell that is not closed where a cell ends, so the '
                "table cannot be read from here on; delete the stray quote, or write a quote inside text as two "
                'quotes ("")'
            )
            ru = (
                'двойная кавычка (") в этой строке открывает ячейку в кавычках, которая не закрыта в конце ячейки, '
                "поэтому таблицу дальше прочитать нельзя; удалите лишнюю кавычку или запишите кавычку внутри текста "
                'двумя кавычками ("")'
            )
        report.error(file, row, None, en, ru)
        return None
    return records


def _rows_of_header_width(records: Rows, header: list[str], file: str, report: Report) -> Rows:
    width = len(header)
    good: Rows = []
    for row, cells in records:
        if not any(c.strip() for c in cells):
            continue  # a blank row (Excel often leaves some at the end)
        if len(cells) != width:
            report.error(
                file,
                row,
                None,
                f"this row has {len(cells)} cells but the header has {width}; put text that contains the "
                "delimiter in double quotes, or remove the extra cells",
                f"ячеек в этой строке: {len(cells)}, а в заголовке: {width}; заключите текст с разделителем в "
                "двойные кавычки или удалите лишние ячейки",
            )
            continue
        for name, cell in zip(header, cells, strict=True):
            if "\x00" in cell:
                report.error(
                    file,
                    row,
                    name or None,
                    "this cell contains an invisible NUL character (a damaged or binary file); retype the cell "
                    "or restore the file from a backup",
                    "в ячейке невидимый символ NUL (файл повреждён или двоичный); наберите ячейку заново или "
                    "восстановите файл из резервной копии",
                )
        good.append((row, cells))
    return good
