"""Dates of a period (day, month, quarter, season, year) and the one clock."""

from __future__ import annotations

import datetime as dt

import pytest

from imc_data import dates


@pytest.mark.parametrize(
    ("value", "precision", "start", "end"),
    [
        ("2018-09-05", "day", dt.date(2018, 9, 5), dt.date(2018, 9, 5)),
        ("2018-03-17", "month", dt.date(2018, 3, 1), dt.date(2018, 3, 31)),
        ("2024-02-10", "month", dt.date(2024, 2, 1), dt.date(2024, 2, 29)),  # leap year
        ("2021-11-15", "quarter", dt.date(2021, 10, 1), dt.date(2021, 12, 31)),  # Q4 2021
        ("2026-04-20", "season", dt.date(2026, 3, 1), dt.date(2026, 5, 31)),  # spring 2026
        ("2021-10-01", "season", dt.date(2021, 9, 1), dt.date(2021, 11, 30)),  # autumn 2021
        ("2026-01-15", "season", dt.date(2025, 12, 1), dt.date(2026, 2, 28)),  # winter 2025/26
        ("2025-12-01", "season", dt.date(2025, 12, 1), dt.date(2026, 2, 28)),
        ("2022-07-01", "year", dt.date(2022, 1, 1), dt.date(2022, 12, 31)),
    ],
)
def test_a_period_runs_from_its_first_to_its_last_day(value, precision, start, end):
    assert dates.period_start(value, precision) == start
    assert dates.period_end(value, precision) == end
    assert dates.is_period_start(start, precision)
    assert dates.is_period_start(value, precision) == (dt.date.fromisoformat(value) == start)


def test_an_empty_or_unknown_precision_is_a_day():
    assert dates.period_end("2021-08-30", None) == dt.date(2021, 8, 30)
    assert dates.period_end("2021-08-30", "fortnight") == dt.date(2021, 8, 30)
    assert dates.period_start(None, "year") is None


@pytest.mark.parametrize(
    ("value", "precision", "on", "passed"),
    [
        ("2026-03-01", "season", dt.date(2026, 5, 31), False),  # spring 2026 is not over on 31 May
        ("2026-03-01", "season", dt.date(2026, 6, 1), True),
        ("2026-03-01", "month", dt.date(2026, 4, 1), True),
        ("2022-01-01", "year", dt.date(2022, 12, 31), False),
        ("2022-01-01", "year", dt.date(2023, 1, 1), True),
        ("2035-01-01", "year", dt.date(2026, 12, 2), False),
    ],
)
def test_a_period_has_passed_only_after_its_last_day(value, precision, on, passed):
    assert dates.has_passed(value, precision, on) is passed


@pytest.mark.parametrize(
    ("planned", "later", "amount", "unit"),
    [
        (("2020-01-01", "year"), ("2021-08-30", "day"), 1, "year"),  # "2020" vs 30 Aug 2021: a year, not 20 months
        (("2017-01-01", "year"), ("2018-03-01", "month"), 1, "year"),
        (("2025-01-01", "year"), ("2026-03-01", "season"), 1, "year"),
        (("2021-10-01", "quarter"), ("2022-04-01", "quarter"), 2, "quarter"),
        (("2021-10-01", "quarter"), ("2022-03-01", "season"), 1, "year"),  # misaligned periods: years
        (("2018-03-01", "month"), ("2018-09-05", "day"), 6, "month"),
        (("2023-01-01", "year"), ("2022-01-01", "year"), -1, "year"),
    ],
)
def test_slippage_is_counted_in_the_precision_both_dates_allow(planned, later, amount, unit):
    assert dates.slippage(*planned, *later) == dates.Slippage(amount, unit)


def test_slippage_needs_both_dates():
    assert dates.slippage(None, "year", "2021-01-01", "year") is None


def test_today_comes_from_the_clock_unless_imc_today_is_set(monkeypatch):
    monkeypatch.delenv(dates.TODAY_ENV, raising=False)
    assert dates.today() == dt.date.today()
    monkeypatch.setenv(dates.TODAY_ENV, "2026-12-15")
    assert dates.today() == dt.date(2026, 12, 15)
    monkeypatch.setenv(dates.TODAY_ENV, "15.12.2026")  # unparsable: ignored, the page stays up
    assert dates.today() == dt.date.today()


def test_no_module_asks_the_system_clock_for_today_but_the_clock():
    # "today" has one home (imc_data.dates.today): a page that read the system date itself could
    # not be set to a day for a test or a scene.
    from .conftest import ROOT

    offenders = []
    for path in [ROOT / "app.py", *ROOT.glob("pages/*.py"), *ROOT.glob("dashboard/*.py"), *ROOT.glob("imc_data/*.py")]:
        text = path.read_text(encoding="utf-8")
        if path.name != "dates.py" and (
            "date.today()" in text or "Timestamp.now(" in text or "Timestamp.today(" in text
        ):
            offenders.append(path.name)
    assert offenders == []
