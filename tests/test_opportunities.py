"""Filtering, totals, shortlist parsing and deep links of the Opportunities page (pure functions)."""

from __future__ import annotations

import csv

import pandas as pd
import pytest

from imc_data import load_dataset
from imc_data import opportunities as opps

from .conftest import DATA as TABLES


@pytest.fixture(scope="module")
def frame():
    return opps.opportunity_frame(load_dataset())


def ids(result) -> list[str]:
    return sorted(result["opportunity_id"])


def expected(frame, mask) -> list[str]:
    chosen = sorted(frame.loc[mask, "opportunity_id"])
    assert 0 < len(chosen) < len(frame), "a filter test needs a case that keeps some rows and drops others"
    return chosen


def test_frame_joins_plot_area_and_keeps_one_row_per_opportunity(frame):
    raw = load_dataset()["opportunities"]
    assert len(frame) == len(raw)
    plots = load_dataset()["plots"].set_index("plot_id")
    for _, row in frame.iterrows():
        assert row["area_ha"] == plots.loc[row["plot_id"], "area_ha"]
        assert row["plot_provenance"] == plots.loc[row["plot_id"], "provenance"]


def test_no_filter_keeps_everything(frame):
    assert ids(opps.filter_opportunities(frame, opps.Filters())) == sorted(frame["opportunity_id"])


def test_stage_alone(frame):
    got = opps.filter_opportunities(frame, opps.Filters(stages=("S2",)))
    assert ids(got) == expected(frame, frame["stage_id"] == "S2")


def test_specialty_alone(frame):
    got = opps.filter_opportunities(frame, opps.Filters(specialties=("Cardiology", "Urology")))
    assert ids(got) == expected(frame, frame["specialty_en"].isin(["Cardiology", "Urology"])) == ["O02", "O06"]


def test_status_alone(frame):
    got = opps.filter_opportunities(frame, opps.Filters(statuses=("taken", "announced_not_realised")))
    assert ids(got) == expected(frame, frame["status"] != "open")


def test_model_alone(frame):
    got = opps.filter_opportunities(frame, opps.Filters(models=("build_to_lease",)))
    assert ids(got) == expected(frame, frame["investment_model"] == "build_to_lease")


def test_plot_area_range_is_inclusive(frame):
    got = opps.filter_opportunities(frame, opps.Filters(plot_area_ha=(2.0, 2.8)))
    assert ids(got) == expected(frame, frame["area_ha"].between(2.0, 2.8))
    assert {2.0, 2.8} <= set(got["area_ha"])


def test_floor_area_range(frame):
    got = opps.filter_opportunities(frame, opps.Filters(floor_area_m2=(20000, 30000)))
    assert ids(got) == expected(frame, frame["max_floor_area_m2"].between(20000, 30000))


def test_available_by_year(frame):
    got = opps.filter_opportunities(frame, opps.Filters(available_by=2027))
    assert ids(got) == expected(frame, frame["available_from"] <= 2027)


def test_a_missing_area_or_year_passes_no_range_but_counts_when_unfiltered(frame):
    gaps = frame.copy()
    gaps["area_ha"] = gaps["area_ha"].astype(float)
    gaps.loc[gaps.index[0], "area_ha"] = float("nan")
    gaps.loc[gaps.index[1], "available_from"] = pd.NA
    gaps.loc[gaps.index[2], "max_floor_area_m2"] = float("nan")
    first, second, third = gaps["opportunity_id"].iloc[:3]
    assert first not in ids(opps.filter_opportunities(gaps, opps.Filters(plot_area_ha=(0.0, 100.0))))
    assert second not in ids(opps.filter_opportunities(gaps, opps.Filters(available_by=2100)))
    assert third not in ids(opps.filter_opportunities(gaps, opps.Filters(floor_area_m2=(0, 10**7))))
    assert ids(opps.filter_opportunities(gaps, opps.Filters())) == sorted(gaps["opportunity_id"])
    # Totals leave the missing values out and never count them.
    summary = opps.summarise(gaps)
    floor_parts = sum(total.count for total in summary.floor_area_m2)
    assert floor_parts == len(gaps) - 1
    assert sum(t.value for t in summary.floor_area_m2) == gaps["max_floor_area_m2"].sum()


def test_filters_combine_with_and(frame):
    both = opps.Filters(stages=("S2",), models=("build_to_lease",))
    assert ids(opps.filter_opportunities(frame, both)) == ["O05", "O07", "O09"]
    narrower = opps.Filters(stages=("S2",), models=("build_to_lease",), available_by=2029, floor_area_m2=(0, 15000))
    assert ids(opps.filter_opportunities(frame, narrower)) == ["O05", "O07"]


def test_contradicting_filters_give_an_empty_frame(frame):
    got = opps.filter_opportunities(frame, opps.Filters(stages=("S2",), statuses=("taken",)))
    assert got.empty and list(got.columns) == list(frame.columns)


def test_summary_totals_are_labelled_illustrative_and_count_each_plot_once(frame):
    rows = frame[frame["opportunity_id"].isin(["O05", "O07", "O09"])]
    summary = opps.summarise(rows)
    assert summary.count == 3
    assert summary.plot_area_ha == (opps.Total(pytest.approx(7.0), "illustrative", 3),)
    assert summary.floor_area_m2 == (opps.Total(51000.0, "illustrative", 3),)
    twice = pd.concat([rows, rows.iloc[[0]]])
    assert opps.summarise(twice).plot_area_ha[0].value == pytest.approx(7.0)


def test_summary_never_adds_sourced_to_illustrative(frame):
    rows = frame[frame["opportunity_id"].isin(["O05", "O07"])].copy()
    rows.loc[rows.index[0], "plot_provenance"] = "sourced"
    totals = opps.summarise(rows).plot_area_ha
    assert {(t.provenance, t.value) for t in totals} == {("sourced", 2.0), ("illustrative", 2.0)}


@pytest.mark.parametrize(
    "filters",
    [
        opps.Filters(),
        opps.Filters(stages=("S2",)),
        opps.Filters(statuses=("open",), models=("own_construction",)),
        opps.Filters(plot_area_ha=(2.0, 2.8), available_by=2029),
        opps.Filters(specialties=("Cardiology", "Oncology"), floor_area_m2=(0, 30000)),
        opps.Filters(stages=("S2",), statuses=("taken",)),
    ],
)
def test_filters_and_totals_match_a_row_by_row_reading_of_the_tables(filters):
    # The expectation is read from the CSV files themselves, row by row, not through the data layer.
    plots = {row["plot_id"]: row for row in csv.DictReader((TABLES / "plots.csv").open(encoding="utf-8"))}
    expected, plot_area, floor_area = [], {}, 0.0
    for row in csv.DictReader((TABLES / "opportunities.csv").open(encoding="utf-8")):
        area, floor, year = (
            float(plots[row["plot_id"]]["area_ha"]),
            float(row["max_floor_area_m2"]),
            int(row["available_from"]),
        )
        if (
            (not filters.stages or row["stage_id"] in filters.stages)
            and (not filters.specialties or row["specialty_en"] in filters.specialties)
            and (not filters.statuses or row["status"] in filters.statuses)
            and (not filters.models or row["investment_model"] in filters.models)
            and (filters.plot_area_ha is None or filters.plot_area_ha[0] <= area <= filters.plot_area_ha[1])
            and (filters.floor_area_m2 is None or filters.floor_area_m2[0] <= floor <= filters.floor_area_m2[1])
            and (filters.available_by is None or year <= filters.available_by)
        ):
            expected.append(row["opportunity_id"])
            plot_area[row["plot_id"]] = area
            floor_area += floor
    rows = opps.filter_opportunities(opps.opportunity_frame(load_dataset()), filters)
    assert rows["opportunity_id"].tolist() == sorted(expected)
    summary = opps.summarise(rows)
    assert summary.count == len(expected)
    assert sum(t.value for t in summary.plot_area_ha) == pytest.approx(sum(plot_area.values()))
    assert sum(t.value for t in summary.floor_area_m2) == pytest.approx(floor_area)


def test_parse_id_list_keeps_known_ids_in_order_once():
    known = ["O01", "O02", "O03"]
    assert opps.parse_id_list("O03,o01,O03,O99,=cmd|x, O02", known) == ["O03", "O01", "O02"]
    assert opps.parse_id_list(["O02", "O01,O03"], known, limit=2) == ["O02", "O01"]
    assert opps.parse_id_list(None, known) == [] == opps.parse_id_list("", known)


def test_shortlist_round_trip_and_edit():
    assert opps.format_id_list(["O05", "O07", "O05"]) == "O05,O07"
    assert opps.add_to_shortlist(["O05"], ["O07", "O05"]) == ["O05", "O07"]
    assert opps.remove_from_shortlist(["O05", "O07", "O09"], ["O07"]) == ["O05", "O09"]


def test_deep_link_by_opportunity_or_by_plot(frame):
    assert opps.linked_opportunity(frame, opp="O07") == "O07"
    assert opps.linked_opportunity(frame, opp="O99", plot="P09") == "O10"
    assert opps.linked_opportunity(frame, plot="P01") is None
    assert opps.linked_opportunity(frame) is None
