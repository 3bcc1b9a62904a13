"""Investment opportunities: the joined view, filtering, totals and the shortlist.

Pure functions over the loaded :class:`~imc_data.load.Dataset`; the Opportunities page,
the exports and the tests all go through them. Totals never mix provenances: a sum of
illustrative plot areas is reported as illustrative, and a sourced value would be
summed apart from it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pandas as pd

from .load import Dataset

MAX_COMPARE = 4
SHORTLIST_SEPARATOR = ","
SHORTLISTABLE_STATUSES = ("open",)
"""Statuses an investor can still take up: a taken slot, or one announced for a project that was never
realised, is shown (with the basis of its status) but cannot go on a shortlist."""
DEFAULT_STATUSES = ("open",)
"""What the page shows before anyone filters: the opportunities that are open."""
_ID = re.compile(r"^[A-Za-z0-9_-]{1,20}$")


def opportunity_frame(ds: Dataset) -> pd.DataFrame:
    """One row per opportunity with its plot's area, use and provenance.

    Parameters
    ----------
    ds : Dataset
        The loaded data.

    Returns
    -------
    pandas.DataFrame
        The ``opportunities`` columns plus ``area_ha``, ``permitted_use``,
        ``plot_provenance`` and ``plot_source_ids`` from ``plots``, in id order.
    """
    opps = ds["opportunities"].copy()
    plots = ds["plots"][["plot_id", "area_ha", "permitted_use", "provenance", "source_ids"]].rename(
        columns={"provenance": "plot_provenance", "source_ids": "plot_source_ids"}
    )
    frame = opps.merge(plots, on="plot_id", how="left", validate="many_to_one")
    return frame.sort_values("opportunity_id", kind="stable").reset_index(drop=True)


@dataclass(frozen=True)
class Filters:
    """What an investor narrowed the list to; an empty tuple or ``None`` means "any".

    Attributes
    ----------
    stages, specialties, statuses, models : tuple of str
        Allowed ``stage_id``, ``specialty_en``, ``status`` and ``investment_model`` values.
    plot_area_ha, floor_area_m2 : (float, float), optional
        Inclusive ranges of plot area and maximum floor area.
    available_by : int, optional
        Keep slots available from this year or earlier.
    """

    stages: tuple[str, ...] = ()
    specialties: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    models: tuple[str, ...] = ()
    plot_area_ha: tuple[float, float] | None = None
    floor_area_m2: tuple[float, float] | None = None
    available_by: int | None = None


# (Filters field, column) pairs.
_CHOICE_COLUMNS = (
    ("stages", "stage_id"),
    ("specialties", "specialty_en"),
    ("statuses", "status"),
    ("models", "investment_model"),
)
_RANGE_COLUMNS = (("plot_area_ha", "area_ha"), ("floor_area_m2", "max_floor_area_m2"))


def filter_opportunities(frame: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """Rows of :func:`opportunity_frame` that pass every filter (all filters combine with AND).

    Parameters
    ----------
    frame : pandas.DataFrame
        Output of :func:`opportunity_frame`.
    filters : Filters
        The chosen filters.

    Returns
    -------
    pandas.DataFrame
        Matching rows, in the input order; possibly empty.
    """
    keep = pd.Series(True, index=frame.index)
    for field, column in _CHOICE_COLUMNS:
        allowed = getattr(filters, field)
        if allowed:
            keep &= frame[column].isin(allowed)
    for field, column in _RANGE_COLUMNS:
        limits = getattr(filters, field)
        if limits is not None:
            keep &= pd.to_numeric(frame[column], errors="coerce").between(*limits)  # a missing value passes no range
    if filters.available_by is not None:
        keep &= pd.to_numeric(frame["available_from"], errors="coerce") <= filters.available_by
    return frame[keep]


def statuses_present(frame: pd.DataFrame, order: Sequence[str]) -> list[str]:
    """The statuses the rows hold, in ``order`` (the schema's), then any other value found.

    A filter offers only statuses the sources support: no "in negotiation" choice while no
    row is in negotiation.
    """
    found = [str(v) for v in dict.fromkeys(frame["status"].dropna())]
    return [s for s in order if s in found] + [s for s in found if s not in order]


def can_shortlist(status: object) -> bool:
    """Whether an opportunity of this status may go on a shortlist (see :data:`SHORTLISTABLE_STATUSES`)."""
    return status in SHORTLISTABLE_STATUSES


def shortlistable_ids(frame: pd.DataFrame) -> list[str]:
    """Ids of the rows that may go on a shortlist, in frame order."""
    return frame.loc[frame["status"].map(can_shortlist), "opportunity_id"].astype(str).tolist()


def bounds(frame: pd.DataFrame, column: str) -> tuple[float, float]:
    """Smallest and largest value of a numeric column (``(0, 0)`` when it holds none)."""
    values = pd.to_numeric(frame[column], errors="coerce").dropna()
    if values.empty:
        return (0.0, 0.0)
    return (float(values.min()), float(values.max()))


@dataclass(frozen=True)
class Total:
    """A sum of one provenance: never mixes sourced with illustrative values."""

    value: float
    provenance: str
    count: int


@dataclass(frozen=True)
class Summary:
    """Count of matching opportunities and their area totals, one :class:`Total` per provenance."""

    count: int
    plot_area_ha: tuple[Total, ...]
    floor_area_m2: tuple[Total, ...]


def _totals(values: pd.Series, provenances: pd.Series) -> tuple[Total, ...]:
    out = []
    values = pd.to_numeric(values, errors="coerce")
    for prov in ("sourced", "derived", "illustrative"):
        part = values[(provenances == prov) & values.notna()]
        if len(part):
            out.append(Total(float(part.sum()), prov, len(part)))
    return tuple(out)


def summarise(frame: pd.DataFrame) -> Summary:
    """Count and totals of a (filtered) opportunity frame.

    Plot areas are summed once per plot (two slots on one plot do not double its area)
    and grouped by the plot's provenance; floor areas by the opportunity's provenance.

    Parameters
    ----------
    frame : pandas.DataFrame
        Rows of :func:`opportunity_frame`.

    Returns
    -------
    Summary
    """
    plots = frame.drop_duplicates("plot_id")
    return Summary(
        count=len(frame),
        plot_area_ha=_totals(plots["area_ha"], plots["plot_provenance"]),
        floor_area_m2=_totals(frame["max_floor_area_m2"], frame["provenance"]),
    )


def parse_id_list(text: object, known: Iterable[str], limit: int | None = None) -> list[str]:
    """Ids from a URL value such as ``"O01,O03"``: known ids only, first occurrence kept, in order.

    Parameters
    ----------
    text : str, list of str or None
        The raw value (a repeated URL parameter arrives as a list).
    known : iterable of str
        Valid ids; anything else (typos, stale ids, injected text) is dropped.
    limit : int, optional
        Keep at most this many.

    Returns
    -------
    list of str
    """
    if text is None:
        return []
    parts = text if isinstance(text, list | tuple) else [text]
    valid = set(known)
    out: list[str] = []
    for part in parts:
        for item in str(part).split(SHORTLIST_SEPARATOR):
            item = item.strip().upper()
            if _ID.match(item) and item in valid and item not in out:
                out.append(item)
    return out[:limit] if limit is not None else out


def format_id_list(ids: Sequence[str]) -> str:
    """The URL form of a shortlist: ``["O01", "O03"]`` → ``"O01,O03"``."""
    return SHORTLIST_SEPARATOR.join(dict.fromkeys(ids))


def add_to_shortlist(shortlist: Sequence[str], ids: Iterable[str]) -> list[str]:
    """The shortlist with ``ids`` appended (existing entries keep their place)."""
    return list(dict.fromkeys([*shortlist, *ids]))


def remove_from_shortlist(shortlist: Sequence[str], ids: Iterable[str]) -> list[str]:
    """The shortlist without ``ids``."""
    drop = set(ids)
    return [i for i in shortlist if i not in drop]


def benefits_of(ds: Dataset, benefit_ids: Iterable[str]) -> pd.DataFrame:
    """The ``legal_provisions`` rows named by an opportunity, in the opportunity's order."""
    provisions = ds["legal_provisions"].set_index("provision_id", drop=False)
    ids = [i for i in benefit_ids if i in provisions.index]
    return provisions.loc[ids].reset_index(drop=True)


def all_source_ids(row: pd.Series) -> list[str]:
    """Sources of an opportunity row and of its plot, without repeats."""
    return list(dict.fromkeys([*row["source_ids"], *(row.get("plot_source_ids") or ())]))


def linked_opportunity(frame: pd.DataFrame, opp: object = None, plot: object = None) -> str | None:
    """The opportunity a deep link points at: ``?opp=O05``, else the first (by id) on ``?plot=P16``."""
    ids = parse_id_list(opp, frame["opportunity_id"], limit=1)
    if ids:
        return ids[0]
    plot_ids = parse_id_list(plot, frame["plot_id"], limit=1)
    if plot_ids:
        on_plot = frame[frame["plot_id"] == plot_ids[0]].sort_values("opportunity_id")
        if len(on_plot):
            return str(on_plot["opportunity_id"].iloc[0])
    return None
