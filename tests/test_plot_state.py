"""State of facilities and plots in a year: facts up to today, plans still in force after it."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from imc_data import load_dataset
from imc_data.plot_state import (
    OPERATING,
    PLANNED,
    STATES,
    UNDER_CONSTRUCTION,
    facilities_with_stage_years,
    facility_state,
    is_projected,
    plot_states,
)

TODAY = dt.date(2026, 11, 24)


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


def facility(ds, fid: str) -> pd.Series:
    fac = facilities_with_stage_years(ds)
    return fac.set_index("facility_id").loc[fid]


def row(**values) -> dict:
    base = dict.fromkeys(
        ("planned_start", "planned_end", "expected_end", "actual_start", "actual_end", "opening_date", "stage_end_year")
    )
    base.update({"status": "planned", "as_of": pd.Timestamp("2020-01-01")})
    base.update({k: pd.Timestamp(v) if isinstance(v, str) and k != "status" else v for k, v in values.items()})
    return base


def test_first_building_goes_from_construction_to_operating_in_its_completion_year(ds):
    f01 = facility(ds, "F01")  # actual start Aug 2016, completed Mar 2018, opened Sep 2018
    assert f01["actual_start"].year == 2016 and f01["actual_end"].year == 2018
    assert facility_state(f01, 2016, today=TODAY) == UNDER_CONSTRUCTION
    assert facility_state(f01, 2017, today=TODAY) == UNDER_CONSTRUCTION
    assert facility_state(f01, 2018, today=TODAY) == OPERATING
    assert facility_state(f01, 2035, today=TODAY) == OPERATING


def test_completion_year_counts_as_operating_and_the_year_before_does_not(ds):
    f02 = facility(ds, "F02")  # commissioned 30 Aug 2021, no construction start in the table
    done = f02["actual_end"].year
    assert facility_state(f02, done, today=TODAY) == OPERATING
    assert facility_state(f02, done - 1, today=TODAY) == PLANNED


def test_2016_only_the_first_plot_is_being_built(ds):
    states = plot_states(ds, 2016, today=TODAY)
    assert list(states["plot_id"]) == list(ds["plots"]["plot_id"])  # one row per plot, file order
    by_plot = dict(zip(states["plot_id"], states["state"], strict=True))
    assert by_plot.pop("P01") == UNDER_CONSTRUCTION
    assert set(by_plot.values()) == {PLANNED}
    assert not states["projected"].any()


def test_2035_projects_stage_two_but_not_lapsed_or_abandoned_plans(ds):
    states = plot_states(ds, 2035, today=TODAY).set_index("plot_id")
    stage2 = ds["plots"].loc[ds["plots"]["stage_id"] == "S2", "plot_id"]
    assert len(stage2) > 0
    for pid in stage2:  # passport clinics of stage 2 (2025-2035): operating by the end of the stage, as a plan
        assert states.loc[pid, "state"] == OPERATING
        assert states.loc[pid, "projected"]
    assert states.loc["P09", "state"] == PLANNED  # SNUBH: announced, not realised
    assert states.loc["P05", "state"] == UNDER_CONSTRUCTION  # started 2021, its completion date lapsed unconfirmed
    assert states.loc["P01", "state"] == OPERATING and not states.loc["P01", "projected"]


def test_cluster_never_shrinks_from_2016_to_2035(ds):
    rank = {s: i for i, s in enumerate(STATES)}
    previous = None
    for year in range(2016, 2036):
        now = plot_states(ds, year, today=TODAY).set_index("plot_id")["state"].map(rank)
        if previous is not None:
            assert (now >= previous).all(), year
        previous = now
    assert (previous == rank[OPERATING]).sum() > (plot_states(ds, 2016, today=TODAY)["state"] == OPERATING).sum()


def test_plot_takes_the_most_advanced_state_of_its_facilities(ds):
    states = plot_states(ds, 2024, today=TODAY).set_index("plot_id")
    # P04 holds F04 (announced, unconfirmed) and F05 (under construction since 2023)
    assert states.loc["P04", "facility_ids"] == ("F04", "F05")
    assert states.loc["P04", "facility_states"] == (PLANNED, UNDER_CONSTRUCTION)
    assert states.loc["P04", "state"] == UNDER_CONSTRUCTION


def test_plot_without_facilities_is_planned():
    ds = load_dataset()
    ds.tables["facilities"] = ds["facilities"][ds["facilities"]["plot_id"] != "P12"]
    states = plot_states(ds, 2035, today=TODAY).set_index("plot_id")
    assert states.loc["P12", "state"] == PLANNED
    assert states.loc["P12", "facility_ids"] == ()


@pytest.mark.parametrize(
    ("values", "year", "expected"),
    [
        # built status without dates: operating from the year the source said so
        ({"status": "completed", "as_of": "2022-05-01"}, 2021, PLANNED),
        ({"status": "completed", "as_of": "2022-05-01"}, 2022, OPERATING),
        # under construction without a start date: from its as_of year
        ({"status": "under_construction", "as_of": "2024-03-01"}, 2024, UNDER_CONSTRUCTION),
        # a plan in force: built from its expected completion, building from a future planned start
        ({"expected_end": "2030-06-30", "planned_start": "2028-01-01"}, 2027, PLANNED),
        ({"expected_end": "2030-06-30", "planned_start": "2028-01-01"}, 2028, UNDER_CONSTRUCTION),
        ({"expected_end": "2030-06-30", "planned_start": "2028-01-01"}, 2030, OPERATING),
        # plans never decide the past or the present
        ({"planned_end": "2020-12-31"}, 2022, PLANNED),
        ({"expected_end": "2026-06-30"}, 2026, PLANNED),
        # a lapsed plan is not projected
        ({"status": "unknown", "planned_end": "2022-12-31"}, 2035, PLANNED),
        # announced, not realised: never projected, even with a future date
        ({"status": "announced_not_realised", "expected_end": "2030-12-31"}, 2035, PLANNED),
        # no dates of its own: the end of its stage
        ({"stage_end_year": 2035}, 2034, PLANNED),
        ({"stage_end_year": 2035}, 2035, OPERATING),
    ],
)
def test_rule(values, year, expected):
    assert facility_state(row(**values), year, today=TODAY) == expected


def test_projection_flag_marks_plans_only():
    plan = row(expected_end="2030-06-30")
    assert not is_projected(plan, 2026, today=TODAY)
    assert is_projected(plan, 2031, today=TODAY)
    fact = row(actual_start="2016-08-01", actual_end="2018-03-31")
    assert not is_projected(fact, 2031, today=TODAY)


def test_today_defaults_to_the_clock():
    built = row(actual_end="2018-03-31")
    assert facility_state(built, 2019) == OPERATING
    assert facility_state(pd.Series(built), 2017) == PLANNED
