"""Facts about the data themselves, for the About the data page: freshness, provenance, dictionary, sources.

Everything here is computed from the tables and :mod:`imc_data.schema`, so the page
never describes a column or a count by hand.
"""

from __future__ import annotations

import datetime as dt
import os

import pandas as pd

from . import dates, schema, timeline
from .load import Dataset

STALE_ENV = "IMC_STALE_AFTER_DAYS"
DEFAULT_STALE_DAYS = 365


def stale_after_days() -> int:
    """Age (days) after which a table is marked stale: ``IMC_STALE_AFTER_DAYS`` or 365."""
    try:
        value = int(os.environ.get(STALE_ENV, "").strip() or DEFAULT_STALE_DAYS)
    except ValueError:
        return DEFAULT_STALE_DAYS
    return value if value > 0 else DEFAULT_STALE_DAYS


def freshness(ds: Dataset, today: dt.date | None = None, stale_days: int | None = None) -> pd.DataFrame:
    """One row per table: rows, newest and oldest ``as_of``, age in days of the newest, stale flag.

    A table is stale when even its newest row was last checked more than ``stale_days`` ago.
    Provenance counts (``sourced`` / ``derived`` / ``illustrative``) are columns of the result.
    """
    today = today or dates.today()
    stale_days = stale_days or stale_after_days()
    records = []
    for table in schema.TABLES.values():
        frame = ds[table.name]
        as_of = frame["as_of"].dropna() if "as_of" in frame else pd.Series(dtype="datetime64[ns]")
        newest = as_of.max().date() if len(as_of) else None
        oldest = as_of.min().date() if len(as_of) else None
        age = (today - newest).days if newest else None
        counts = frame["provenance"].value_counts() if "provenance" in frame else pd.Series(dtype=int)
        records.append(
            {
                "table": table.name,
                "filename": table.filename,
                "title_en": table.title_en,
                "title_ru": table.title_ru,
                "rows": len(frame),
                "newest_as_of": newest,
                "oldest_as_of": oldest,
                "age_days": age,
                "stale": age is not None and age > stale_days,
                **{p: int(counts.get(p, 0)) for p in schema.PROVENANCE},
            }
        )
    return pd.DataFrame.from_records(records)


CHECK_STALE = "stale"
CHECK_OVERDUE = "overdue"
"""Reasons a table needs a check: its newest row is older than the stale limit, or it holds planned
dates that have passed with no confirmation (``overdue``)."""


def tables_needing_check(ds: Dataset, today: dt.date | None = None, stale_days: int | None = None) -> pd.DataFrame:
    """The tables staff should check now, and why: one row per (table, reason).

    Parameters
    ----------
    ds : Dataset
        The loaded data.
    today : datetime.date, optional
        Default :func:`imc_data.dates.today` (``IMC_TODAY`` honoured).
    stale_days : int, optional
        Default :func:`stale_after_days`.

    Returns
    -------
    pandas.DataFrame
        Columns ``table``, ``filename``, ``reason`` (:data:`CHECK_STALE` or :data:`CHECK_OVERDUE`),
        ``ids`` (tuple of the rows concerned: for ``overdue`` the facilities or milestones whose
        planned date has passed unconfirmed; empty for ``stale``) and ``newest_as_of``. Empty when
        nothing needs a check.
    """
    today = today or dates.today()
    fresh = freshness(ds, today, stale_days).set_index("table")
    records = []
    for name in fresh.index[fresh["stale"]]:
        records.append((name, CHECK_STALE, ()))
    stage_end = ds["stages"].set_index("stage_id")["end_year"].to_dict()
    fac = ds["facilities"]
    overdue = tuple(
        f["facility_id"] for _, f in fac.iterrows() if timeline.facility_overdue(f, stage_end.get(f["stage_id"]), today)
    )
    if overdue:
        records.append(("facilities", CHECK_OVERDUE, overdue))
    ms = ds["milestones"]
    late = tuple(ms.loc[timeline.milestone_states(ms, today) == "overdue", "milestone_id"]) if len(ms) else ()
    if late:
        records.append(("milestones", CHECK_OVERDUE, late))
    return pd.DataFrame(
        [
            {
                "table": name,
                "filename": schema.TABLES[name].filename,
                "reason": reason,
                "ids": ids,
                "newest_as_of": fresh.loc[name, "newest_as_of"],
            }
            for name, reason, ids in records
        ],
        columns=["table", "filename", "reason", "ids", "newest_as_of"],
    )


KIND_LABELS = {
    "id": ("identifier", "идентификатор"),
    "text": ("text", "текст"),
    "int": ("whole number", "целое число"),
    "float": ("number", "число"),
    "date": ("date YYYY-MM-DD", "дата ГГГГ-ММ-ДД"),
    "choice": ("one of a list", "значение из списка"),
    "bool": ("yes / no", "yes / no"),
    "ids": ("list of ids separated by ';'", "список идентификаторов через ';'"),
    "url": ("web address (http/https)", "веб-адрес (http/https)"),
}


def dictionary(table_name: str, lang: str) -> pd.DataFrame:
    """The data dictionary of one table: column, type, required, allowed values, reference, meaning."""
    table = schema.TABLES[table_name]
    ru = lang == "ru"
    rows = []
    for col in table.columns:
        allowed = ", ".join(col.choices)
        if col.minimum is not None:
            allowed = f"≥ {col.minimum:g}"
        if col.years is not None:
            allowed = f"{col.years[0]}–{col.years[1]}"
        rows.append(
            {
                "column": col.name,
                "type": KIND_LABELS[col.kind][1 if ru else 0],
                "required": col.required,
                "allowed": allowed,
                "references": col.ref or "",
                "meaning": (col.meaning_ru if ru else col.meaning_en) or "",
            }
        )
    return pd.DataFrame.from_records(rows)


def provenance_counts(ds: Dataset) -> dict[str, int]:
    """Rows per provenance (``sourced`` / ``derived`` / ``illustrative``) across every table."""
    counts = dict.fromkeys(schema.PROVENANCE, 0)
    for table in schema.TABLES.values():
        frame = ds[table.name]
        if "provenance" in frame:
            for value, n in frame["provenance"].value_counts().items():
                if value in counts:
                    counts[value] += int(n)
    return counts


def source_usage(ds: Dataset) -> pd.Series:
    """How many rows across all tables cite each source id."""
    counts: dict[str, int] = dict.fromkeys(ds["sources"]["source_id"], 0)
    for table in schema.TABLES.values():
        frame = ds[table.name]
        if "source_ids" not in frame:
            continue
        for ids in frame["source_ids"]:
            for sid in ids:
                counts[sid] = counts.get(sid, 0) + 1
    return pd.Series(counts, name="rows", dtype=int)
