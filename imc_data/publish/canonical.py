"""The canonical form of a table: what publishing writes, and what versions are compared in.

UTF-8, comma-separated, schema column order, ISO dates, ``.`` decimals, ``yes``/``no``.
:func:`keyed_cells` reads any version of a file (canonical or as a spreadsheet saved it)
into ``{row key: {column: canonical text}}``, so two versions compare cell by cell
whatever their encoding, delimiter or date format.
"""

from __future__ import annotations

import csv
import io
import json
import math

import pandas as pd

from .. import schema
from ..cells import CellError, parse_cell
from ..csvio import parse_table
from ..findings import Report

Cells = dict[str, dict[str, str]]  # row key -> column -> canonical text


def cell_text(value, column: schema.Column) -> str:
    """The canonical text of a typed value (``2018-09-05``, ``57.6``, ``yes``, ``A;B``; empty for missing)."""
    if column.kind == "ids":
        return ";".join(value) if isinstance(value, tuple | list) else ("" if missing(value) else str(value))
    if missing(value):
        return ""
    if column.kind == "date":
        return pd.Timestamp(value).date().isoformat()
    if column.kind == "int":
        return str(int(value))
    if column.kind == "float":
        text = repr(float(value))
        return text[:-2] if text.endswith(".0") else text
    if column.kind == "bool":
        return "yes" if bool(value) else "no"
    return str(value)


def missing(value) -> bool:
    """Whether a cell value is empty (``None``, ``NA``, ``NaT`` or NaN)."""
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and math.isnan(value)


def frame_to_csv(frame: pd.DataFrame, table: schema.Table) -> bytes:
    """Write a typed table in the canonical form: UTF-8, comma-separated, schema column order."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(table.names)
    for record in frame.to_dict("records"):
        writer.writerow([cell_text(record.get(c.name), c) for c in table.columns])
    return buffer.getvalue().encode("utf-8")


def cells_to_csv(cells: Cells, table: schema.Table) -> bytes:
    """Canonical CSV bytes of keyed canonical cells (rows in the dict's order)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(table.names)
    for row in cells.values():
        writer.writerow([row.get(name, "") for name in table.names])
    return buffer.getvalue().encode("utf-8")


def frame_cells(frame: pd.DataFrame, table: schema.Table) -> Cells:
    """Keyed canonical cells of a typed frame (rows without a key are left out)."""
    out: Cells = {}
    for record in frame.to_dict("records"):
        key = record.get(table.key)
        if not missing(key):
            out[str(key)] = {c.name: cell_text(record.get(c.name), c) for c in table.columns}
    return out


def keyed_cells(raw: bytes, table: schema.Table) -> tuple[Cells, dict[str, int]]:
    """Canonical cells of any version of a table's file, and each key's row number in that file.

    Cells that do not parse keep their trimmed text, so a broken version still compares.
    """
    parsed = parse_table(raw, table.filename, Report())
    if parsed is None:
        return {}, {}
    positions = {name: i for i, name in enumerate(parsed.header) if name in table.names}
    if table.key not in positions:
        return {}, {}
    decimal_comma = parsed.delimiter == ";"
    cells: Cells = {}
    rows: dict[str, int] = {}
    for line, values in parsed.rows:
        key = values[positions[table.key]].strip()
        if not key or key in cells:
            continue
        row = {}
        for col in table.columns:
            text = values[positions[col.name]].strip() if col.name in positions else ""
            row[col.name] = _canonical(text, col, decimal_comma)
        cells[key], rows[key] = row, line
    return cells, rows


def _canonical(text: str, col: schema.Column, decimal_comma: bool) -> str:
    if not text:
        return ""
    try:
        value, _warning = parse_cell(text, col, decimal_comma)
    except CellError:
        return text
    return cell_text(value, col)


def feature_cells(raw: bytes | None, key: str) -> Cells:
    """A GeoJSON FeatureCollection as keyed cells: per feature its properties and its geometry (as JSON)."""
    if not raw:
        return {}
    try:
        doc = json.loads(raw.decode("utf-8-sig", errors="replace"))
    except (ValueError, RecursionError):
        return {}
    out: Cells = {}
    for feature in doc.get("features", []) if isinstance(doc, dict) else []:
        if not isinstance(feature, dict):
            continue
        props = feature.get("properties") if isinstance(feature.get("properties"), dict) else {}
        out[str(props.get(key, ""))] = {
            "properties": json.dumps(props, ensure_ascii=False, sort_keys=True),
            "geometry": json.dumps(feature.get("geometry"), sort_keys=True),
        }
    return out
