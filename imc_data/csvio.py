"""Read a CSV file as a spreadsheet saved it: encoding, delimiter and shape.

Excel realities are handled here, once: a UTF-8 byte-order mark, Windows-1251
text and ``;`` delimiters are accepted with a warning; binary files, unterminated
quotes and rows of the wrong width are rejected with the line number.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from .findings import Report

MAX_BYTES = 5 * 1024 * 1024  # a curated table is a few kB; anything this large is a mistake


def decode(raw: bytes, file: str, report: Report) -> str | None:
    """Decode file bytes to text, accepting UTF-8 (with or without BOM) and Windows-1251."""
    if not raw.strip():
        report.error(file, None, None, "the file is empty; restore its header and rows (or a backup)")
        return None
    if b"\x00" in raw[:4096]:
        report.error(file, None, None, "this is not a text file (binary content); save the table as CSV UTF-8")
        return None
    if raw.startswith(b"\xef\xbb\xbf"):
        report.warning(file, None, None, "UTF-8 byte-order mark (BOM) found and ignored")
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        text = raw.decode("cp1251")
    except UnicodeDecodeError:
        report.error(file, None, None, "the file is neither UTF-8 nor Windows-1251 text; save it as CSV UTF-8")
        return None
    report.warning(file, None, None, "read as Windows-1251 (Cyrillic Excel); save as 'CSV UTF-8' to avoid this")
    return text


def sniff_delimiter(text: str, file: str, report: Report) -> str:
    """Choose ``,`` unless the header clearly uses ``;`` or tabs (Excel in Russian locales)."""
    header = text.splitlines()[0] if text.splitlines() else ""
    counts = {d: header.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=counts.get)
    if best != "," and counts[best] > counts[","]:
        name = "semicolon" if best == ";" else "tab"
        report.warning(file, 1, None, f"{name}-separated file accepted; the standard is comma-separated")
        return best
    return ","


def read_rows(path: Path, file: str, report: Report) -> tuple[list[str], list[tuple[int, list[str]]]] | None:
    """Return the header and ``(line_number, cells)`` rows, or ``None`` when unreadable."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        report.error(file, None, None, "the file is missing; restore it from a backup or the repository")
        return None
    except OSError as exc:
        report.error(file, None, None, f"cannot read the file ({exc.strerror})")
        return None
    if size > MAX_BYTES:
        report.error(file, None, None, f"the file is {size // 1024} kB, over the {MAX_BYTES // 1024} kB limit")
        return None
    try:
        raw = path.read_bytes()
    except OSError as exc:
        report.error(file, None, None, f"cannot read the file ({exc.strerror})")
        return None
    return parse_text(raw, file, report)


def parse_text(raw: bytes, file: str, report: Report) -> tuple[list[str], list[tuple[int, list[str]]]] | None:
    """Parse CSV bytes into a header and numbered rows (line numbers as a spreadsheet shows them)."""
    text = decode(raw, file, report)
    if text is None:
        return None
    delimiter = sniff_delimiter(text, file, report)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows: list[tuple[int, list[str]]] = []
    try:
        header = next(reader)
        for cells in reader:
            rows.append((reader.line_num, cells))
    except StopIteration:
        report.error(file, None, None, "the file has no header row")
        return None
    except csv.Error as exc:
        report.error(
            file,
            reader.line_num,
            None,
            f"cannot parse this line ({exc}); a quote is probably not closed, or the file was cut short",
        )
        return None
    header = [h.strip().lstrip("\ufeff") for h in header]
    width = len(header)
    good: list[tuple[int, list[str]]] = []
    for line, cells in rows:
        if not any(c.strip() for c in cells):
            continue  # blank line (Excel often leaves some at the end)
        if len(cells) != width:
            report.error(
                file,
                line,
                None,
                f"this row has {len(cells)} fields but the header has {width}; "
                "put text that contains the delimiter in double quotes",
            )
            continue
        good.append((line, cells))
    return header, good
