"""What the Timeline page draws, worked out from the tables alone (no plotting here).

For each facility the page shows the *first plan*, what *actually happened* and the
*latest announced target*. Many facilities lack some of these dates, so every span
carries the basis of each end (``dated`` = the table's own date; otherwise the name
of what it was derived from), so that the chart can say so instead of inventing dates.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import pandas as pd

from .load import Dataset

NO_STAGE = "none"
"""Filter value for facilities without a stage."""
NO_OPERATOR = "none"
"""Filter value for facilities without a named operator."""

# Bases of a span end, in the words the chart uses to explain a bar.
DATED = "dated"  # the facility's own date column
STAGE_START = "stage_start"  # 1 January of the facility's stage start year
STAGE_END = "stage_end"  # 31 December of the facility's stage end year
LATEST_TARGET = "latest_target"  # expected_end (latest announced target) stands in for a missing plan
ACTUAL_START = "actual_start"  # the plan's start is unknown but construction started earlier than the stage
PLAN_START = "plan_start"  # construction start unknown: the plan's start (itself maybe derived)
AS_OF = "as_of"  # still in progress at the row's as_of date (latest report)


def stage_bounds(stages: pd.DataFrame) -> dict[str, tuple[pd.Timestamp, pd.Timestamp]]:
    """``{stage_id: (1 Jan of start_year, 31 Dec of end_year)}`` from ``stages.csv``."""
    return {
        row.stage_id: (pd.Timestamp(int(row.start_year), 1, 1), pd.Timestamp(int(row.end_year), 12, 31))
        for row in stages.itertuples()
    }


def facility_spans(ds: Dataset) -> pd.DataFrame:
    """One row per facility with its plan, actual and target spans and the basis of each end.

    Returns
    -------
    pandas.DataFrame
        Indexed like ``ds["facilities"]`` with columns ``facility_id``,
        ``plan_start``/``plan_end`` (+ ``_basis``), ``actual_start``/``actual_end``
        (+ ``_basis``; NaT when nothing happened yet), ``target_end`` (latest
        announced target when it is later than everything drawn, else NaT),
        ``slip_days`` (days between the first planned completion and the actual
        completion, or the latest target when not completed; NaN when either is
        unknown) and ``drawn`` (whether the facility has any span at all).
    """
    fac = ds["facilities"]
    bounds = stage_bounds(ds["stages"])
    rows = []
    for f in fac.itertuples():
        stage = bounds.get(f.stage_id) if isinstance(f.stage_id, str) else None
        plan_start, plan_start_basis = _plan_start(f, stage)
        plan_end, plan_end_basis = _plan_end(f, stage)
        if pd.notna(plan_start) and pd.notna(plan_end) and plan_start > plan_end:
            plan_start, plan_start_basis = plan_end, plan_end_basis
        if pd.isna(plan_start) or pd.isna(plan_end):
            plan_start = plan_end = pd.NaT
            plan_start_basis = plan_end_basis = None
        actual_start, actual_start_basis, actual_end, actual_end_basis = _actual(f, plan_start, plan_start_basis)
        drawn_end = max((d for d in (plan_end, actual_end) if pd.notna(d)), default=pd.NaT)
        target = f.expected_end
        target_end = target if pd.notna(target) and (pd.isna(drawn_end) or target > drawn_end) else pd.NaT
        finished = f.actual_end if pd.notna(f.actual_end) else f.expected_end
        slip = (finished - f.planned_end).days if pd.notna(finished) and pd.notna(f.planned_end) else float("nan")
        rows.append(
            {
                "facility_id": f.facility_id,
                "plan_start": plan_start,
                "plan_start_basis": plan_start_basis,
                "plan_end": plan_end,
                "plan_end_basis": plan_end_basis,
                "actual_start": actual_start,
                "actual_start_basis": actual_start_basis,
                "actual_end": actual_end,
                "actual_end_basis": actual_end_basis,
                "target_end": target_end,
                "slip_days": slip,
                "drawn": pd.notna(plan_start) or pd.notna(actual_start) or pd.notna(target_end),
            }
        )
    out = pd.DataFrame(rows, index=fac.index)
    for column in ("plan_start", "plan_end", "actual_start", "actual_end", "target_end"):
        out[column] = pd.to_datetime(out[column])
    return out


def _plan_start(f, stage) -> tuple[pd.Timestamp, str | None]:
    if pd.notna(f.planned_start):
        return f.planned_start, DATED
    # No published start: the earlier of the stage start and the actual construction start
    # (a plan cannot have started after construction did).
    candidates = []
    if pd.notna(f.actual_start):
        candidates.append((f.actual_start, ACTUAL_START))
    if stage is not None:
        candidates.append((stage[0], STAGE_START))
    return min(candidates, key=lambda c: c[0]) if candidates else (pd.NaT, None)


def _plan_end(f, stage) -> tuple[pd.Timestamp, str | None]:
    if pd.notna(f.planned_end):
        return f.planned_end, DATED
    if pd.notna(f.expected_end):
        return f.expected_end, LATEST_TARGET
    if stage is not None:
        return stage[1], STAGE_END
    return pd.NaT, None


def _actual(f, plan_start, plan_start_basis):
    end = f.actual_end if pd.notna(f.actual_end) else f.opening_date
    if pd.isna(f.actual_start) and pd.isna(end):
        return pd.NaT, None, pd.NaT, None
    if pd.notna(f.actual_start):
        start, start_basis = f.actual_start, DATED
    elif pd.notna(plan_start) and plan_start <= end:
        start, start_basis = plan_start, PLAN_START if plan_start_basis == DATED else plan_start_basis
    else:
        start, start_basis = end, DATED
    if pd.notna(end):
        return start, start_basis, end, DATED
    # Started, not finished: the bar ends at the latest report, not at an invented date.
    report = f.as_of if pd.notna(f.as_of) and f.as_of >= start else start
    return start, start_basis, report, AS_OF


def filter_facilities(
    facilities: pd.DataFrame,
    stages: Iterable[str] = (),
    categories: Iterable[str] = (),
    statuses: Iterable[str] = (),
    operators: Iterable[str] = (),
) -> pd.DataFrame:
    """Facilities matching every non-empty filter (an empty filter means "all").

    ``stages`` may contain :data:`NO_STAGE` and ``operators`` :data:`NO_OPERATOR`
    to keep facilities without one.
    """
    keep = pd.Series(True, index=facilities.index)
    for column, chosen, none_value in (
        ("stage_id", set(stages), NO_STAGE),
        ("category", set(categories), None),
        ("status", set(statuses), None),
        ("operator_id", set(operators), NO_OPERATOR),
    ):
        if not chosen:
            continue
        values = facilities[column]
        match = values.isin(chosen)
        if none_value in chosen:
            match |= values.isna()
        keep &= match
    return facilities[keep]


def shown_source_ids(ds: Dataset, shown: pd.DataFrame, show_milestones: bool) -> list[str]:
    """Sources of the facilities ``shown`` and, when drawn, of their milestones and the programme's; first use first, once each."""
    used = [sid for ids in shown["source_ids"] for sid in ids]
    if show_milestones:
        ms = ds["milestones"]
        ms = ms[ms["facility_id"].isna() | ms["facility_id"].isin(shown["facility_id"])]
        used += [sid for ids in ms["source_ids"] for sid in ids]
    return list(dict.fromkeys(used))


def filter_options(facilities: pd.DataFrame, column: str, none_value: str | None = None) -> list[str]:
    """Distinct values of ``column`` in file order, plus ``none_value`` when some rows are empty."""
    values = list(dict.fromkeys(v for v in facilities[column] if isinstance(v, str) and v))
    if none_value is not None and facilities[column].isna().any():
        values.append(none_value)
    return values


def display_precision(value: pd.Timestamp | dt.date) -> str:
    """How precisely to write a facility date that has no precision column.

    The tables store "March 2018" as 2018-03-31 and "Q4 2021" as 2021-10-01, so a
    first or last day of a month is written as a month, never as a day it may not be.
    """
    ts = pd.Timestamp(value)
    return "month" if ts.day == 1 or ts.is_month_end else "day"
