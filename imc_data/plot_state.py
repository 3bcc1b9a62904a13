"""The state of each facility and plot in a given year: planned, under construction or operating.

The same derivation serves the site map (year slider) and the timeline, so it lives in
the data layer and depends on the tables alone (no Streamlit, no plotting).

The rule, in one paragraph (also in :func:`facility_state`): confirmed dates decide the
past and the present; the future (years after *today*) is drawn from plans that are
still alive (an announced completion date that lies after today, or the end of the
facility's stage when it has no dates of its own); a plan whose date passed without
confirmation is not projected, and a project announced but not realised is never
projected. A plot takes the most advanced state of its facilities; a plot without
facilities is planned.
"""

from __future__ import annotations

import datetime as dt
import numbers
from collections.abc import Mapping

import pandas as pd

from . import dates
from .load import Dataset
from .missing import is_missing
from .timeline import BUILT, IN_PROGRESS, NOT_PROJECTED, first_reports

PLANNED = "planned"
UNDER_CONSTRUCTION = "under_construction"
OPERATING = "operating"
STATES = (PLANNED, UNDER_CONSTRUCTION, OPERATING)
"""The three states, least to most advanced."""


def _year(value) -> int | None:
    """Year of a date cell (Timestamp, date, ISO string) or ``None`` when empty."""
    if is_missing(value):
        return None
    if isinstance(value, numbers.Real):
        return int(value)
    if isinstance(value, str):
        value = pd.Timestamp(value)
    return int(value.year)


def _get(row, name: str):
    if isinstance(row, Mapping):
        return row.get(name)
    return row[name] if name in row.index else None


def facility_state(row, year: int, *, today: dt.date | None = None) -> str:
    """State of one facility in ``year``: ``"planned"``, ``"under_construction"`` or ``"operating"``.

    Parameters
    ----------
    row : pandas.Series or mapping
        A row of ``facilities`` (columns ``status``, ``planned_start``, ``planned_end``,
        ``expected_end``, ``actual_start``, ``actual_end``, ``opening_date``, ``as_of``).
        An optional ``stage_end_year`` (see :func:`facilities_with_stage_years`) lets a
        facility without dates of its own be projected to the end of its stage.
    year : int
        The year asked about.
    today : datetime.date, optional
        The day that separates facts from plans; default the current date.

    Returns
    -------
    str
        One of :data:`STATES`.

    Notes
    -----
    Facts (any year):

    * **operating** from the year of completion: the earlier of ``actual_end`` and
      ``opening_date``; a facility whose latest status is ``operating`` / ``completed``
      but that has no such date counts from the year of its ``as_of``;
    * **under construction** from the year of ``actual_start`` (or, without it, for a facility
      whose latest status is ``under_construction`` or ``partly_completed``, from its first report
      of work, column ``first_report``, else its ``as_of`` year) until it is complete;
    * otherwise **planned** — including announced projects whose status is unconfirmed
      (``unknown``) and those announced but not realised.

    Projection (only years after ``today``'s year, and only when the facts do not
    already make the facility operating):

    * never for ``announced_not_realised``;
    * the target year is the latest announced completion (``expected_end``, else
      ``planned_end``), else the end of the facility's stage (``stage_end_year``); a
      target that is not after today's year is a lapsed plan and is not projected;
    * from the target year the facility is **operating**; before it, **under
      construction** from a future ``planned_start`` (and from a confirmed start);
      otherwise it keeps its state of today.
    """
    today = today or dates.today()
    status = _get(row, "status")
    as_of_year = _year(_get(row, "as_of"))
    ends = [y for y in (_year(_get(row, "actual_end")), _year(_get(row, "opening_date"))) if y is not None]
    done = min(ends) if ends else None
    if done is None and status in BUILT:
        done = as_of_year
    started = _year(_get(row, "actual_start"))
    if started is None and status in IN_PROGRESS:
        # Start not published: from the first report of work (a dated construction milestone), else the
        # latest report. A partly completed facility (the first part built, the rest not) counts as under way.
        started = _year(_get(row, "first_report")) or as_of_year

    def factual(y: int) -> str:
        if done is not None and y >= done:
            return OPERATING
        if started is not None and y >= started:
            return UNDER_CONSTRUCTION
        return PLANNED

    state = factual(year)
    if year <= today.year or state == OPERATING or status in NOT_PROJECTED:
        return state
    target = _year(_get(row, "expected_end")) or _year(_get(row, "planned_end")) or _year(_get(row, "stage_end_year"))
    if target is None or target <= today.year:
        return state
    if year >= target:
        return OPERATING
    planned_start = _year(_get(row, "planned_start"))
    if planned_start is not None and today.year < planned_start <= year:
        return UNDER_CONSTRUCTION
    return state


def is_projected(row, year: int, *, today: dt.date | None = None) -> bool:
    """Whether the state of ``row`` in ``year`` comes from a plan rather than from facts.

    True when ``year`` is after today's year and the projected state differs from the
    state the facts alone give (see :func:`facility_state`).
    """
    today = today or dates.today()
    if year <= today.year:
        return False
    return facility_state(row, year, today=today) != facility_state(row, today.year, today=today)


def stage_years(ds: Dataset) -> range:
    """Every year the stages span, first stage's start to the last stage's end (the year slider and the 3D play)."""
    stages = ds["stages"]
    return range(int(stages["start_year"].min()), int(stages["end_year"].max()) + 1)


def facilities_with_stage_years(ds: Dataset) -> pd.DataFrame:
    """``facilities`` with ``stage_start_year`` and ``stage_end_year`` of their stage and ``first_report``
    (the earliest dated report of work, :func:`imc_data.timeline.first_reports`) joined in."""
    stages = ds["stages"].set_index("stage_id")
    fac = ds["facilities"].copy()
    fac["stage_start_year"] = fac["stage_id"].map(stages["start_year"])
    fac["stage_end_year"] = fac["stage_id"].map(stages["end_year"])
    fac["first_report"] = fac["facility_id"].map(first_reports(ds))
    return fac


def plot_states(ds: Dataset, year: int, *, today: dt.date | None = None) -> pd.DataFrame:
    """State of every plot in ``year``.

    Parameters
    ----------
    ds : Dataset
        The loaded data.
    year : int
        The year asked about.
    today : datetime.date, optional
        The day that separates facts from plans; default the current date.

    Returns
    -------
    pandas.DataFrame
        One row per plot of ``plots``, in file order, with columns ``plot_id``,
        ``state`` (the most advanced state of its facilities; ``planned`` for a plot
        without facilities), ``facility_ids`` (tuple, file order), ``facility_states``
        (tuple, same order) and ``projected`` (True when the plot's state in ``year``
        rests on a plan rather than on facts).
    """
    today = today or dates.today()
    fac = facilities_with_stage_years(ds)
    fac = fac[fac["plot_id"].notna()]
    rank = {s: i for i, s in enumerate(STATES)}
    rows = []
    for pid in ds["plots"]["plot_id"]:
        mine = fac[fac["plot_id"] == pid]
        states = [facility_state(r, year, today=today) for _, r in mine.iterrows()]
        facts = [facility_state(r, min(year, today.year), today=today) for _, r in mine.iterrows()]
        state = max(states, key=rank.__getitem__) if states else PLANNED
        fact_state = max(facts, key=rank.__getitem__) if facts else PLANNED
        rows.append(
            {
                "plot_id": pid,
                "state": state,
                "facility_ids": tuple(mine["facility_id"]),
                "facility_states": tuple(states),
                "projected": bool(year > today.year and state != fact_state),
            }
        )
    return pd.DataFrame(rows, columns=["plot_id", "state", "facility_ids", "facility_states", "projected"])
