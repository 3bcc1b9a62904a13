"""Excel round-trip: download a table in a form Excel opens correctly, accept it back as Excel saves it.

Decisions (documented in the README, "Staff: editing data"):

* **Encoding**: UTF-8 with a byte-order mark, so Excel on Windows shows Cyrillic correctly
  when the file is opened by double-click (without the BOM it assumes the ANSI code page).
* **Two dialects**, because Excel uses the list separator of the computer's locale:
  ``ru`` (Russian Excel): ``;`` between fields, decimal comma (``57,6``), dates ``DD.MM.YYYY``;
  ``en``: ``,`` between fields, decimal point, ISO dates ``YYYY-MM-DD``.
  Writing ``57.6`` for Russian Excel would turn ``2.8`` into the date 2 August.
* **Version in the file name**: ``facilities.<12 hex digits>.csv``, the start of the published
  file's content hash; Excel keeps the name when saving, so an upload knows which version
  the edit started from and :func:`imc_data.publish.publish` can refuse to overwrite a newer one.
* **Import** reuses the one loader (:mod:`imc_data.csvio`, :mod:`imc_data.cells`) through
  :func:`imc_data.publish.validate_candidate`: BOM, Windows-1251, ``;``, decimal commas and
  ``DD.MM.YYYY`` are accepted with a warning; anything else is refused with FILE:ROW:COLUMN and the fix.
* Text cells that would start a formula (``=``, ``+``, ``-``, ``@``) are written with a leading
  apostrophe, so Excel shows them as text instead of running them; such cells are refused on upload.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from pathlib import Path

import pandas as pd

from . import schema
from .publish import Candidate, cell_text, file_hash, validate_candidate

DIALECTS = ("ru", "en")
VERSION_CHARS = 12
_VERSIONED_NAME = re.compile(r"^(?P<stem>[a-z_]+)\.(?P<version>[0-9a-f]{12})(?:\s*\(\d+\))?\.(?P<ext>csv|geojson)$")


def export_name(filename: str, content_hash: str) -> str:
    """``facilities.csv`` + hash → ``facilities.3fa2b1c4d5e6.csv``."""
    stem, ext = filename.rsplit(".", 1)
    return f"{stem}.{content_hash[:VERSION_CHARS]}.{ext}"


def version_in_name(upload_name: str | None) -> tuple[str, str] | None:
    """``(filename, version)`` from an exported file's name, or ``None`` for any other name."""
    m = _VERSIONED_NAME.match(Path(upload_name or "").name.lower())
    return (f"{m['stem']}.{m['ext']}", m["version"]) if m else None


def excel_cell(value, column: schema.Column, dialect: str) -> str:
    """One cell as Excel in ``dialect`` reads it back unchanged."""
    text = cell_text(value, column)
    if not text:
        return text
    if dialect == "ru":
        if column.kind == "float":
            return text.replace(".", ",")
        if column.kind == "date":
            y, m, d = text.split("-")
            return f"{d}.{m}.{y}"
    if column.kind in ("text", "url") and text[0] in "=+-@":
        return "'" + text
    return text


def to_excel_csv(frame: pd.DataFrame, table: schema.Table, dialect: str = "ru") -> bytes:
    """A table as CSV bytes that Excel (Russian or English locale) opens in columns, Cyrillic intact."""
    if dialect not in DIALECTS:
        raise ValueError(f"dialect must be one of {DIALECTS}")
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";" if dialect == "ru" else ",", lineterminator="\r\n")
    writer.writerow(table.names)
    for record in frame.to_dict("records"):
        writer.writerow([excel_cell(record.get(c.name), c, dialect) for c in table.columns])
    return "\ufeff".encode() + buffer.getvalue().encode("utf-8")


def export_table(data_dir: Path, frame: pd.DataFrame, table_name: str, dialect: str = "ru") -> tuple[str, bytes]:
    """File name (with the published version) and bytes of an Excel-friendly download."""
    table = schema.TABLES[table_name]
    return export_name(table.filename, file_hash(Path(data_dir) / table.filename)), to_excel_csv(frame, table, dialect)


def import_upload(raw: bytes, table_name: str, data_dir: Path, upload_name: str | None = None) -> Candidate:
    """Validate an uploaded table (as Excel saved it) as a candidate for publishing.

    When the file name carries the version it was exported from, the edit is based on that
    version: if the table was published since, the candidate gets a warning now and
    :func:`imc_data.publish.publish` refuses it (nothing is overwritten unseen).
    """
    data_dir = Path(data_dir)
    filename = schema.TABLES[table_name].filename if table_name in schema.TABLES else None
    current = file_hash(data_dir / filename) if filename else ""
    base = None
    found = version_in_name(upload_name)
    if found and found[0] == filename and not current.startswith(found[1]):
        base = "version:" + found[1]  # never equals a full hash: publishing will report the conflict
    candidate = validate_candidate(raw, table_name, data_dir, base_hash=base or current, upload_name=upload_name)
    if base:
        candidate.report.warning(
            upload_name or filename,
            None,
            None,
            f"exported from version {found[1]}, but {filename} has been published since (now "
            f"{current[:VERSION_CHARS]}); the diff below is against the current file",
        )
    return candidate


def content_version(raw: bytes) -> str:
    """The version token of some bytes (as used in export names)."""
    return hashlib.sha256(raw).hexdigest()[:VERSION_CHARS]
