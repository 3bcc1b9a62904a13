"""The shipped data validate and keep the promises the issue makes about them."""

import geopandas as gpd
import pandas as pd
import pytest

from imc_data import load_dataset, schema
from imc_data.load import DEFAULT_DATA_DIR


@pytest.fixture(scope="module")
def ds():
    return load_dataset(DEFAULT_DATA_DIR)


def test_shipped_data_have_no_errors_and_no_warnings(ds):
    assert [f.format() for f in ds.report.findings] == []


def test_every_row_carries_provenance(ds):
    for name, frame in ds.tables.items():
        assert frame["provenance"].isin(schema.PROVENANCE).all(), name
        assert frame["as_of"].notna().all(), name
        if name != "sources":
            assert frame["source_ids"].map(len).gt(0).all(), name


def test_no_low_confidence_source_is_used(ds):
    assert set(ds["sources"]["confidence"]) <= {"high", "medium", "not_applicable"}


def test_plot_layout_adds_up_to_the_canonical_site_area(ds):
    site = ds["facts"].set_index("fact_id").loc["site_area_ha", "value"]
    assert site == 57.6
    assert abs(ds["plots"]["area_ha"].sum() - site) / site <= 0.01
    metric = ds.plots_geo.to_crs(schema.METRIC_CRS)
    computed = pd.Series(metric.area.values / 10_000, index=ds.plots_geo["plot_id"])
    stated = ds["plots"].set_index("plot_id")["area_ha"]
    assert ((computed - stated).abs() / stated).max() <= 0.02


def test_layout_is_marked_illustrative_and_sits_near_skolkovo(ds):
    assert set(ds["plots"]["provenance"]) == {"illustrative"}
    assert all(p == "illustrative" for p in ds.site_geo["provenance"])
    centre = ds.plots_geo.to_crs(schema.METRIC_CRS).union_all().centroid
    lon, lat = gpd.GeoSeries([centre], crs=schema.METRIC_CRS).to_crs(4326).iloc[0].coords[0]
    assert abs(lat - 55.697) < 0.01 and abs(lon - 37.358) < 0.01


def test_built_facilities_have_actual_dates_apart_from_plans(ds):
    fac = ds["facilities"].set_index("facility_id")
    assert fac.loc["F01", "actual_end"].year == 2018 and fac.loc["F01", "planned_end"].year == 2017
    assert fac.loc["F02", "actual_end"].year == 2021 and fac.loc["F02", "planned_end"].year == 2020
    assert fac.loc["F03", "actual_end"].year == 2025
    assert fac.loc["F05", "status"] == "under_construction"
    assert set(fac.loc[["F10", "F11", "F12"], "status"]) <= {"announced_not_realised", "unknown"}
    assert set(fac.loc[fac["stage_id"] == "S2", "status"]) >= {"planned"}


def test_dates_are_parsed(ds):
    assert pd.api.types.is_datetime64_any_dtype(ds["milestones"]["date"])
    assert ds.plots_geo.crs.to_epsg() == 4326
