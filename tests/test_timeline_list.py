"""The phone list of the Timeline: every facility a filter keeps, with its status in words and its dates."""

from __future__ import annotations

import datetime as dt

import pytest

from dashboard.i18n.labels import LABELS
from dashboard.views.timeline_list import timeline_list
from imc_data import load_dataset

TODAY = dt.date(2026, 11, 24)


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


def entries(groups):
    return [entry for group in groups for entry in group.entries]


@pytest.mark.parametrize(("lang", "column"), [("en", 0), ("ru", 1)])
@pytest.mark.parametrize(("stage", "statuses"), [(None, None), ("S2", None), (None, {"planned", "operating"})])
def test_every_facility_of_the_filter_appears_once_with_its_status_in_words(ds, lang, column, stage, statuses):
    table = ds["facilities"]
    keep = table if stage is None else table[table["stage_id"] == stage]
    keep = keep if statuses is None else keep[keep["status"].isin(statuses)]
    # Expected straight from the table and the words table, not from the view's own helpers.
    expected = sorted(
        (row[f"name_{lang}"], LABELS["facility_status"][row["status"]][column]) for _, row in keep.iterrows()
    )
    shown = entries(timeline_list(ds, keep["facility_id"], lang, today=TODAY))
    assert sorted((e.name, e.status_text) for e in shown) == expected


def test_dates_are_written_at_their_precision_and_slippage_and_overdue_are_said(ds):
    (f01,) = entries(timeline_list(ds, ["F01"], "en", today=TODAY))
    assert "First planned completion: 2017" in f01.lines  # a year-precision plan is a year, not "1 Jan 2017"
    assert "Completed: Mar 2018" in f01.lines  # month precision
    assert "1 year later than first planned" in f01.lines
    (f09,) = entries(timeline_list(ds, ["F09"], "ru", today=TODAY))
    assert "Первый плановый срок: осень 2021" in f09.lines  # season precision, in Russian
    assert f09.overdue == "Срок завершения 2024 прошёл, подтверждения нет"
    (f05,) = entries(timeline_list(ds, ["F05"], "en", today=TODAY))
    assert f05.overdue == "Completion target spring 2026 has passed with no confirmation"
    assert f01.overdue is None


def test_milestones_follow_the_toggle_and_undated_facilities_say_so(ds):
    with_ms = entries(timeline_list(ds, ["F01", "F13"], "en", today=TODAY))
    assert "5 Sep 2018 · Hadassah Medical Moscow opens: the first foreign-operated clinic in Russia" in (
        with_ms[0].milestones
    )
    without = entries(timeline_list(ds, ["F01"], "en", show_milestones=False, today=TODAY))
    assert without[0].milestones == ()
    assert with_ms[1].lines == ("No dates, stage or plot published",)
