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

from . import dates
from .load import Dataset
from .missing import is_missing

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
FIRST_REPORT = "first_report"  # construction start unknown: the first report of work under way
AS_OF = "as_of"  # still in progress at the row's as_of date (latest report)

IN_PROGRESS = ("under_construction", "partly_completed")
"""Statuses of work begun and not finished: their bar runs from the first report to the latest."""
BUILT = ("operating", "completed")
NOT_PROJECTED = ("announced_not_realised",)
"""A project announced and not realised has no live plan to be overdue on."""
_WORK_CATEGORIES = ("construction", "opening")

HAPPENED = "actual"
MILESTONE_STATES = (HAPPENED, "planned", "overdue", "planned_missed")
"""What a milestone shows: happened, planned (still ahead), overdue (a planned date passed with no
confirmation) or planned_missed (a source reports the miss)."""


def stage_bounds(stages: pd.DataFrame) -> dict[str, tuple[pd.Timestamp, pd.Timestamp]]:
    """``{stage_id: (1 Jan of start_year, 31 Dec of end_year)}`` from ``stages.csv``."""
    return {
        row.stage_id: (pd.Timestamp(int(row.start_year), 1, 1), pd.Timestamp(int(row.end_year), 12, 31))
        for row in stages.itertuples()
    }


def _get(row, name: str):
    value = getattr(row, name, None) if not isinstance(row, dict | pd.Series) else row.get(name)
    return None if is_missing(value) else value


def _start(row, column: str) -> tuple[pd.Timestamp | None, str]:
    """A date column as the first day of its period, and its precision."""
    precision = dates.normalise_precision(_get(row, column + "_precision"))
    value = dates.period_start(_get(row, column), precision)
    return (pd.Timestamp(value) if value else None), precision


def _end(row, column: str) -> tuple[pd.Timestamp | None, str]:
    """A date column as the last day of its period ("2017" ends on 31 Dec 2017), and its precision."""
    precision = dates.normalise_precision(_get(row, column + "_precision"))
    value = dates.period_end(_get(row, column), precision)
    return (pd.Timestamp(value) if value else None), precision


def facility_target(row, stage_end_year=None) -> tuple[pd.Timestamp, str, str] | None:
    """The completion a facility is (still) aiming at: ``(first day of the period, precision, basis)``.

    The latest announced completion (``expected_end``), else the first plan (``planned_end``),
    else the end of the facility's stage (year precision); ``None`` without any of them.
    """
    for column, basis in (("expected_end", LATEST_TARGET), ("planned_end", DATED)):
        value, precision = _start(row, column)
        if value is not None:
            return value, precision, basis
    if not is_missing(stage_end_year):
        return pd.Timestamp(int(stage_end_year), 1, 1), dates.YEAR, STAGE_END
    return None


def facility_overdue(row, stage_end_year=None, on: dt.date | None = None) -> bool:
    """True when a facility not yet built has a completion target whose whole period lies before ``on``.

    Built facilities (completed, operating) and projects already marked announced-not-realised
    are never overdue; "spring 2026" is overdue from 1 June 2026.
    """
    if _get(row, "status") in BUILT + NOT_PROJECTED:
        return False
    target = facility_target(row, stage_end_year)
    return target is not None and dates.has_passed(target[0], target[1], on or dates.today())


def milestone_state(status: str, date, precision: str, on: dt.date | None = None) -> str:
    """What a milestone shows on ``on`` (default today): one of :data:`MILESTONE_STATES`.

    A ``planned`` milestone whose whole period lies before ``on`` is ``overdue``: its date has
    passed and no source confirms it, so it is never shown as upcoming.
    """
    if status == "planned" and dates.has_passed(date, precision, on or dates.today()):
        return "overdue"
    return status if status in MILESTONE_STATES else "planned"


def milestone_states(milestones: pd.DataFrame, on: dt.date | None = None) -> pd.Series:
    """:func:`milestone_state` of every row of a milestones frame (same index)."""
    on = on or dates.today()
    return pd.Series(
        [
            milestone_state(status, date, precision, on)
            for status, date, precision in zip(
                milestones["status"], milestones["date"], milestones["date_precision"], strict=True
            )
        ],
        index=milestones.index,
        dtype=object,
    )


def first_reports(ds: Dataset) -> dict[str, pd.Timestamp]:
    """facility_id → the earliest actual construction or opening milestone (work reported under way)."""
    ms = ds["milestones"]
    ms = ms[(ms["status"] == "actual") & ms["category"].isin(_WORK_CATEGORIES) & ms["facility_id"].notna()]
    return ms.groupby("facility_id")["date"].min().to_dict()


def facility_spans(ds: Dataset, on: dt.date | None = None) -> pd.DataFrame:
    """One row per facility with its plan, actual and target spans and the basis of each end.

    Dates of year, quarter, season or month precision are drawn over their whole period: a
    start at the period's first day, an end at its last ("completion 2017" ends on 31 Dec 2017).

    Returns
    -------
    pandas.DataFrame
        Indexed like ``ds["facilities"]`` with columns ``facility_id``,
        ``plan_start``/``plan_end`` (+ ``_basis``, ``_precision``), ``actual_start``/``actual_end``
        (+ ``_basis``, ``_precision``; NaT when nothing happened yet), ``target_end`` (+
        ``_precision``: latest announced target when it is later than everything drawn, else NaT),
        ``slip`` (:class:`imc_data.dates.Slippage` from the first planned completion to the actual
        one, or to the latest target when not completed, in the precision both allow; ``None``
        when either is unknown), ``overdue`` (:func:`facility_overdue` on ``on``, default today)
        and ``drawn`` (whether the facility has any span at all).
    """
    on = on or dates.today()
    fac = ds["facilities"]
    bounds = stage_bounds(ds["stages"])
    stage_end = ds["stages"].set_index("stage_id")["end_year"].to_dict()
    reports = first_reports(ds)
    rows = []
    for f in fac.itertuples():
        stage = bounds.get(f.stage_id) if isinstance(f.stage_id, str) else None
        plan_start, plan_start_basis, plan_start_prec = _plan_start(f, stage)
        plan_end, plan_end_basis, plan_end_prec = _plan_end(f, stage)
        if plan_start is not None and plan_end is not None and plan_start > plan_end:
            plan_start, plan_start_basis = plan_end, plan_end_basis
        if plan_start is None or plan_end is None:
            plan_start = plan_end = None
            plan_start_basis = plan_end_basis = None
        actual = _actual(f, plan_start, plan_start_basis, plan_start_prec, reports.get(f.facility_id))
        drawn_end = max((d for d in (plan_end, actual["actual_end"]) if d is not None), default=None)
        target, target_prec = _end(f, "expected_end")
        target_end = target if target is not None and (drawn_end is None or target > drawn_end) else None
        rows.append(
            {
                "facility_id": f.facility_id,
                "plan_start": plan_start,
                "plan_start_basis": plan_start_basis,
                "plan_start_precision": plan_start_prec if plan_start is not None else None,
                "plan_end": plan_end,
                "plan_end_basis": plan_end_basis,
                "plan_end_precision": plan_end_prec if plan_end is not None else None,
                **actual,
                "target_end": target_end,
                "target_end_precision": target_prec if target_end is not None else None,
                "slip": _slip(f),
                "overdue": facility_overdue(f, stage_end.get(f.stage_id), on),
                "drawn": plan_start is not None or actual["actual_start"] is not None or target_end is not None,
            }
        )
    out = pd.DataFrame(rows, index=fac.index)
    for column in ("plan_start", "plan_end", "actual_start", "actual_end", "target_end"):
        out[column] = pd.to_datetime(out[column])
    return out


def _slip(f) -> dates.Slippage | None:
    planned, planned_prec = _start(f, "planned_end")
    for column in ("actual_end", "expected_end"):
        later, later_prec = _start(f, column)
        if later is not None:
            return dates.slippage(planned, planned_prec, later, later_prec) if planned is not None else None
    return None


def _plan_start(f, stage) -> tuple[pd.Timestamp | None, str | None, str | None]:
    start, precision = _start(f, "planned_start")
    if start is not None:
        return start, DATED, precision
    # No published start: the earlier of the stage start and the actual construction start
    # (a plan cannot have started after construction did).
    candidates = []
    actual, actual_prec = _start(f, "actual_start")
    if actual is not None:
        candidates.append((actual, ACTUAL_START, actual_prec))
    if stage is not None:
        candidates.append((stage[0], STAGE_START, dates.YEAR))
    return min(candidates, key=lambda c: c[0]) if candidates else (None, None, None)


def _plan_end(f, stage) -> tuple[pd.Timestamp | None, str | None, str | None]:
    end, precision = _end(f, "planned_end")
    if end is not None:
        return end, DATED, precision
    end, precision = _end(f, "expected_end")
    if end is not None:
        return end, LATEST_TARGET, precision
    if stage is not None:
        return stage[1], STAGE_END, dates.YEAR
    return None, None, None


def _actual(f, plan_start, plan_start_basis, plan_start_prec, first_report) -> dict:
    """The solid bar: what happened, each end with its basis and precision (``None`` when nothing did)."""
    end, end_prec = _end(f, "actual_end")
    if end is None:
        end, end_prec = _end(f, "opening_date")
    start, start_prec = _start(f, "actual_start")
    start_basis = DATED
    if start is None and end is None and f.status in IN_PROGRESS:
        # Work reported under way, start never published: from the first report of work (a dated
        # construction milestone), else from the start of the latest report's period.
        if first_report is not None:
            start, start_basis, start_prec = pd.Timestamp(first_report), FIRST_REPORT, dates.DAY
        else:
            start, start_prec = _start(f, "as_of")
            start_basis = FIRST_REPORT
    if start is None and end is None:
        return dict.fromkeys(
            (
                "actual_start",
                "actual_start_basis",
                "actual_start_precision",
                "actual_end",
                "actual_end_basis",
                "actual_end_precision",
            )
        )
    if start is None:
        if plan_start is not None and plan_start <= end:
            start = plan_start
            start_basis = PLAN_START if plan_start_basis == DATED else plan_start_basis
            start_prec = plan_start_prec
        else:
            start, start_prec = end, end_prec
    if end is None:
        # Started, not finished: the bar ends at the latest report, not at an invented date.
        report, report_prec = _end(f, "as_of")
        if report is None or report < start:
            report, report_prec = start, start_prec
        end, end_basis, end_prec = report, AS_OF, report_prec
    else:
        end_basis = DATED
    return {
        "actual_start": start,
        "actual_start_basis": start_basis,
        "actual_start_precision": start_prec,
        "actual_end": end,
        "actual_end_basis": end_basis,
        "actual_end_precision": end_prec,
    }


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
