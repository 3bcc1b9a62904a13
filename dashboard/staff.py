"""Pure helpers behind the staff part of the Data page: editor frames, findings and diff tables."""

from __future__ import annotations

import csv
import io

import pandas as pd

from imc_data import Report
from imc_data.csvio import parse_text
from imc_data.publish import Diff

from .i18n import translate


def editor_frame(raw: bytes, filename: str) -> pd.DataFrame | None:
    """The published CSV as a frame of text cells (exactly as written, so a broken file can be repaired).

    Returns ``None`` when the bytes cannot be read as a table at all.
    """
    parsed = parse_text(raw, filename, Report())
    if parsed is None:
        return None
    header, rows = parsed
    return pd.DataFrame([cells for _line, cells in rows], columns=header, dtype="string")


def editor_csv(frame: pd.DataFrame) -> bytes:
    """The edited frame as CSV bytes (UTF-8, comma-separated; empty cells and blank rows as typed)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(list(frame.columns))
    for row in frame.itertuples(index=False):
        writer.writerow(["" if pd.isna(v) else str(v) for v in row])
    return buffer.getvalue().encode("utf-8")


def findings_frame(report: Report, lang: str, severity: str = "error") -> pd.DataFrame:
    """Findings of one severity as a table: file, row, column, message (text, shown as data)."""
    items = report.errors if severity == "error" else report.warnings
    return pd.DataFrame(
        {
            translate("data.find_file", lang): [f.file for f in items],
            translate("data.find_row", lang): pd.array([f.row for f in items], dtype="Int64"),
            translate("data.find_column", lang): [f.column or "" for f in items],
            translate("data.find_message", lang): [f.message for f in items],
        }
    )


def diff_frame(diff: Diff, lang: str) -> pd.DataFrame:
    """Added, removed and changed rows as one table (one line per changed cell)."""
    kind, row, column, old, new = (translate(f"data.diff_{k}", lang) for k in ("kind", "row", "column", "old", "new"))
    records = [{kind: translate("data.diff_added", lang), row: k, column: "", old: "", new: ""} for k in diff.added]
    records += [
        {kind: translate("data.diff_changed", lang), row: c.key, column: c.column, old: c.old, new: c.new}
        for c in diff.changed
    ]
    records += [
        {kind: translate("data.diff_removed", lang), row: k, column: "", old: "", new: ""} for k in diff.removed
    ]
    return pd.DataFrame.from_records(records, columns=[kind, row, column, old, new])


def warnings_frame(report: Report, lang: str, examples: int = 5) -> pd.DataFrame:
    """Warnings grouped by message (an Excel file repeats the same accepted habit in every row)."""
    groups: dict[str, list] = {}
    for f in report.warnings:
        groups.setdefault(f.message, []).append(f)
    where = []
    for items in groups.values():
        spots = [":".join(str(p) for p in (f.row, f.column) if p is not None) or f.file for f in items[:examples]]
        where.append(", ".join(spots) + (" …" if len(items) > examples else ""))
    return pd.DataFrame(
        {
            translate("data.find_message", lang): list(groups),
            translate("data.warn_count", lang): [len(v) for v in groups.values()],
            translate("data.warn_where", lang): where,
        }
    )
