"""Dates as the sources give them: a day, a month, a quarter, a season or a year; and the clock.

A source that says "2022", "Q4 2021" or "spring 2026" gives a *period*, not a day. The tables
store such a date as ``YYYY-MM-DD`` = the **first day of the period** with a precision column
beside it (``planned_end`` + ``planned_end_precision``):

=========  ===================================  ==========================
precision  stored as                            example
=========  ===================================  ==========================
day        the day                              5 Sep 2018 → 2018-09-05
month      the 1st of the month                 Mar 2018 → 2018-03-01
quarter    the 1st of its first month           Q4 2021 → 2021-10-01
season     the 1st of its first month           spring 2026 → 2026-03-01
year       1 January                            2022 → 2022-01-01
=========  ===================================  ==========================

Seasons are the meteorological ones: spring = March–May, summer = June–August, autumn =
September–November, winter = December–February, and a winter is stored under the December
that starts it (winter 2025/26 → 2025-12-01). Everything here is pure: what a period covers,
whether it has passed on a given day, and how far apart two dates are in the precision both
allow. Display is :func:`dashboard.formatting.date`.

"Today" comes from :func:`today`, which honours ``IMC_TODAY=YYYY-MM-DD`` so tests and presenter
scenes can fix the clock; no other module asks the system clock for the date.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass

from .missing import is_missing

DAY, MONTH, QUARTER, SEASON, YEAR = "day", "month", "quarter", "season", "year"
PRECISIONS = (DAY, MONTH, QUARTER, SEASON, YEAR)
"""Allowed values of every ``*_precision`` column, finest first."""

TODAY_ENV = "IMC_TODAY"

# Months that may start a period of each precision (a quarter starts in Jan/Apr/Jul/Oct,
# a season in Mar/Jun/Sep/Dec).
_START_MONTHS = {
    MONTH: tuple(range(1, 13)),
    QUARTER: (1, 4, 7, 10),
    SEASON: (3, 6, 9, 12),
    YEAR: (1,),
}
_MONTHS_LONG = {MONTH: 1, QUARTER: 3, SEASON: 3, YEAR: 12}


def today() -> dt.date:
    """The current date, or ``IMC_TODAY`` (``YYYY-MM-DD``) when that is set to a valid date.

    The one clock of the project: tests, benchmarks and presenter scenes set the variable to
    show the dashboard as it reads on a given day. An unparsable value is ignored (the real
    date is used) rather than taking a page down.
    """
    value = os.environ.get(TODAY_ENV, "").strip()
    if value:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    return dt.date.today()


def as_date(value) -> dt.date | None:
    """``value`` (date, datetime, Timestamp or ISO text) as a :class:`datetime.date`.

    ``None`` for an empty cell or a value that is not a date (a number, say).

    Raises
    ------
    ValueError
        When ``value`` is text that is not an ISO date.
    """
    if isinstance(value, str):
        return dt.date.fromisoformat(value.strip()[:10]) if value.strip() else None
    if is_missing(value):
        return None
    if isinstance(value, dt.datetime):  # a pandas Timestamp is a datetime too
        return value.date()
    if isinstance(value, dt.date):
        return value
    return None


def normalise_precision(precision: object) -> str:
    """The precision to use: a known value as it is, an empty or unknown one as ``day``."""
    return precision if isinstance(precision, str) and precision in PRECISIONS else DAY


def period_start(value, precision: str) -> dt.date | None:
    """The first day of the period of ``precision`` that contains ``value``.

    ``period_start("2021-11-15", "quarter")`` is 2021-10-01; a January or February day of a
    ``season`` belongs to the winter that started the December before.
    """
    day = as_date(value)
    if day is None:
        return None
    precision = normalise_precision(precision)
    if precision == DAY:
        return day
    if precision == SEASON and day.month <= 2:
        return dt.date(day.year - 1, 12, 1)
    month = max(m for m in _START_MONTHS[precision] if m <= day.month)
    return dt.date(day.year, month, 1)


def is_period_start(value, precision: str) -> bool:
    """True when ``value`` is stored as the first day of its period (the tables' rule)."""
    day = as_date(value)
    return day is not None and period_start(day, precision) == day


def period_end(value, precision: str) -> dt.date | None:
    """The last day of the period that starts at (or contains) ``value``.

    ``period_end("2026-03-01", "season")`` is 2026-05-31 (spring); ``period_end("2022-01-01",
    "year")`` is 2022-12-31; a ``day`` ends on itself.
    """
    start = period_start(value, precision)
    if start is None:
        return None
    precision = normalise_precision(precision)
    if precision == DAY:
        return start
    months = start.year * 12 + start.month - 1 + _MONTHS_LONG[precision]
    return dt.date(months // 12, months % 12 + 1, 1) - dt.timedelta(days=1)


def has_passed(value, precision: str, on: dt.date | None = None) -> bool:
    """True when the whole period of ``value`` lies before ``on`` (default :func:`today`).

    "Spring 2026" has passed on 1 June 2026, not on 1 March: a date given as a period is
    only over when its last day is.
    """
    end = period_end(value, precision)
    return end is not None and end < (on or today())


def coarser(first: str, second: str) -> str:
    """The coarser of two precisions; a quarter and a season (misaligned by a month) give ``year``."""
    a, b = normalise_precision(first), normalise_precision(second)
    if {a, b} == {QUARTER, SEASON}:
        return YEAR
    return max(a, b, key=PRECISIONS.index)


@dataclass(frozen=True)
class Slippage:
    """How much later (positive) or earlier (negative) a date is than a plan, in ``unit``.

    ``unit`` is the coarser precision of the two dates (``day`` is counted in months): a plan of
    "2020" against an actual 30 Aug 2021 is one *year* late, never "about 20 months".
    """

    amount: int
    unit: str  # month, quarter, season or year


def slippage(planned, planned_precision: str, later, later_precision: str) -> Slippage | None:
    """The distance from ``planned`` to ``later`` in the precision both dates allow.

    Parameters
    ----------
    planned, later : date-like
        The first planned date and the later one (actual, or the latest target), each the
        first day of its period.
    planned_precision, later_precision : str
        Their precisions (:data:`PRECISIONS`).

    Returns
    -------
    Slippage or None
        ``None`` when either date is missing. Whole periods between the two periods' starts,
        so "2025" against "spring 2026" is 1 year and Mar 2018 against "2017" is 1 year.
    """
    unit = coarser(planned_precision, later_precision)
    a, b = period_start(planned, unit), period_start(later, unit)
    if a is None or b is None:
        return None
    months = (b.year - a.year) * 12 + (b.month - a.month)
    if unit == YEAR:
        return Slippage(b.year - a.year, YEAR)
    if unit in (QUARTER, SEASON):
        return Slippage(months // 3, unit)
    return Slippage(months, MONTH)
