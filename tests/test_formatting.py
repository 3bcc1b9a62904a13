"""Numbers and dates as each language writes them (dashboard.formatting).

The expected strings are written out by hand, not computed with Babel, so a change of
locale data or of our patterns shows up here. ``\\u00a0`` is the no-break space Russian
uses inside numbers and that we put between a number and its unit.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from dashboard import formatting

NB = "\u00a0"


@pytest.mark.parametrize(
    ("lang", "value", "expected"),
    [
        ("en", 3.6, "3.6 ha"),
        ("ru", 3.6, "3,6 га"),
        ("en", 2, "2.0 ha"),
        ("ru", 2, "2,0 га"),
        ("en", 57.6, "57.6 ha"),
        ("ru", 57.6, "57,6 га"),
        ("en", 65.84, "65.8 ha"),
        ("ru", 1234.5, f"1{NB}234,5 га"),
    ],
)
def test_area_in_hectares(lang, value, expected):
    assert formatting.area_ha(value, lang) == expected.replace(" ", NB)


@pytest.mark.parametrize(
    ("lang", "value", "expected"),
    [
        ("en", 15000, "15,000 m²"),
        ("ru", 15000, "15 000 м²"),
        ("en", 450000, "450,000 m²"),
        ("ru", 450000, "450 000 м²"),
        ("en", 27000.0, "27,000 m²"),
        ("ru", 999, "999 м²"),
        ("en", 14300.4, "14,300 m²"),
    ],
)
def test_floor_area_in_square_metres(lang, value, expected):
    assert formatting.floor_area(value, lang) == expected.replace(" ", NB)


@pytest.mark.parametrize(
    ("lang", "value", "expected"),
    [("en", 12, "12"), ("ru", 12, "12"), ("en", 1234, "1,234"), ("ru", 1234, "1 234"), ("en", 7.0, "7")],
)
def test_counts(lang, value, expected):
    assert formatting.count(value, lang) == expected.replace(" ", NB)


@pytest.mark.parametrize(("lang", "expected"), [("en", "15,000–50,000 m²"), ("ru", "15 000–50 000 м²")])
def test_range_names_its_unit_once(lang, expected):
    assert formatting.value_range(15000, 50000, "m²", lang) == expected.replace(" ", NB)


def test_range_of_hectares_and_equal_ends():
    assert formatting.value_range(0.5, 4.6, "ha", "ru") == f"0,5–4,6{NB}га"
    assert formatting.value_range(2, 2, "ha", "en") == f"2{NB}ha"


def test_percent_and_kilometres():
    assert formatting.percent(0.25, "en") == "25%"
    assert formatting.percent(0.25, "ru") == f"25{NB}%"
    assert formatting.percent(0.253, "ru", 1) == f"25,3{NB}%"
    assert formatting.km(3.2, "en") == f"3.2{NB}km"
    assert formatting.km(3.2, "ru") == f"3,2{NB}км"


def test_plain_numbers_keep_the_old_contract():
    assert formatting.number(450000, "en") == "450,000"
    assert formatting.number(450000, "ru") == f"450{NB}000"
    assert formatting.number(57.6, "ru") == "57,6"
    assert formatting.number(2, "ru", 1) == "2,0"
    assert formatting.number(None, "en") == "—"
    assert formatting.number(float("nan"), "ru") == "—"


@pytest.mark.parametrize("value", [2035, 2035.0, "2035", " 2035 ", dt.date(2035, 1, 1), pd.Timestamp("2035-06-30")])
def test_years_never_have_decimals_or_separators(value):
    assert formatting.year(value) == "2035"


def test_missing_year():
    assert formatting.year(None) == "—"
    assert formatting.year(float("nan")) == "—"


DAYS = [
    (dt.date(2025, 12, 12), "12 Dec 2025", "12 дек. 2025"),
    (pd.Timestamp("2018-09-05"), "5 Sep 2018", "5 сент. 2018"),
    ("2017-09-14", "14 Sep 2017", "14 сент. 2017"),
    (dt.datetime(2026, 5, 1, 13, 30), "1 May 2026", "1 мая 2026"),
]


@pytest.mark.parametrize(("value", "en", "ru"), DAYS)
def test_dates_at_day_precision(value, en, ru):
    assert formatting.date(value, "en") == en
    assert formatting.date(value, "ru", "day") == ru


@pytest.mark.parametrize(
    ("value", "precision", "en", "ru"),
    [
        (dt.date(2026, 3, 1), "month", "Mar 2026", "март 2026"),
        (dt.date(2020, 12, 1), "month", "Dec 2020", "декабрь 2020"),
        (dt.date(2021, 10, 1), "quarter", "Q4 2021", "IV кв. 2021"),
        (dt.date(2022, 1, 1), "quarter", "Q1 2022", "I кв. 2022"),
        (dt.date(2023, 4, 1), "quarter", "Q2 2023", "II кв. 2023"),
        (dt.date(2026, 3, 1), "season", "spring 2026", "весна 2026"),
        (dt.date(2024, 6, 1), "season", "summer 2024", "лето 2024"),
        (dt.date(2019, 9, 1), "season", "autumn 2019", "осень 2019"),
        (dt.date(2025, 12, 1), "season", "winter 2025/26", "зима 2025/26"),
        (dt.date(1999, 12, 1), "season", "winter 1999/00", "зима 1999/00"),
        (dt.date(2022, 1, 1), "year", "2022", "2022"),
        (pd.Timestamp("2035-01-01"), "year", "2035", "2035"),
    ],
)
def test_dates_at_coarser_precisions(value, precision, en, ru):
    assert formatting.date(value, "en", precision) == en
    assert formatting.date(value, "ru", precision) == ru


def test_missing_and_odd_dates_do_not_crash():
    assert formatting.date(None, "en") == "—"
    assert formatting.date(pd.NaT, "ru", "month") == "—"
    assert formatting.date(float("nan"), "en", "year") == "—"
    assert formatting.date(dt.date(2025, 12, 12), "en", "") == "12 Dec 2025"  # empty precision: a day
    assert formatting.date(dt.date(2025, 12, 12), "en", "fortnight") == "12 Dec 2025"  # unknown: logged, a day


def test_law_citations_in_russian():
    assert formatting.article("Art. 3 part 2", "ru") == "ст. 3 ч. 2"
    assert formatting.article("Art. 3 part 2", "en") == "Art. 3 part 2"


# --- widgets -----------------------------------------------------------------------------------


def test_slider_steps_are_exact_and_end_on_the_maximum():
    assert formatting.slider_steps(0.5, 1.0, 0.1) == [0.5, 0.6, 0.7, 0.8, 0.9, 1.0]
    assert formatting.slider_steps(15000, 30000, 5000) == [15000, 20000, 25000, 30000]
    assert formatting.slider_steps(0, 12, 5) == [0, 5, 10, 12]
    with pytest.raises(ValueError):
        formatting.slider_steps(0, 1, 0)


def test_select_slider_labels_follow_the_page_language():
    # What a Russian slider shows instead of Streamlit's "2.0" or "15,000".
    assert formatting.slider_label("ha", "ru")(2.0) == f"2,0{NB}га"
    assert formatting.slider_label("m²", "ru")(15000) == f"15{NB}000{NB}м²"
    assert formatting.slider_label("m²", "en")(15000) == f"15,000{NB}m²"
    assert formatting.slider_label("year", "ru")(2027.0) == "2027"
    assert formatting.slider_label("count", "en")(12000) == "12,000"
    assert formatting.nearest_step(2.04, [1.5, 2.0, 2.5]) == 2.0


def test_printf_formats_only_for_whole_numbers():
    assert formatting.slider_format("year") == "%d"
    with pytest.raises(ValueError):
        formatting.slider_format("ha")
