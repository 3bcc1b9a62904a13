"""The locator map (issue 21): its data, its distances, its figure and its place on the Site map page."""

from __future__ import annotations

import importlib.util
import json
import math
import re

import pandas as pd
import pytest
from pyproj import Geod, Transformer

from dashboard.figures import locator
from dashboard.safe import md
from imc_data import load_dataset
from imc_data import locator as places_math

from .apptest_helpers import run_app, visible_text
from .conftest import ROOT

GEOJSON = ROOT / "assets" / "locator.geojson"
MANIFEST = ROOT / "tools" / "locator_sources.json"
CYRILLIC = re.compile("[А-Яа-яЁё]")


def _generator():
    spec = importlib.util.spec_from_file_location("build_locator", ROOT / "tools" / "build_locator.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


@pytest.fixture(scope="module")
def places(ds):
    return locator.located_places(ds)


@pytest.fixture(scope="module")
def geometry():
    return json.loads(GEOJSON.read_text(encoding="utf-8"))


# --- data -------------------------------------------------------------------------------------------


def test_every_feature_and_place_names_a_known_source_and_a_licence(ds, places, geometry):
    known = set(ds["sources"]["source_id"])
    rows = [f["properties"] for f in geometry["features"]] + places.to_dict("records")
    assert len(geometry["features"]) >= 2 and len(places) >= 6
    for row in rows:
        cell = row["source_ids"]
        ids = list(cell) if isinstance(cell, tuple) else [s for s in str(cell).split(";") if s]
        assert ids and set(ids) <= known, row
        assert str(row["licence"]).strip() not in ("", "nan"), row
    for props in (f["properties"] for f in geometry["features"]):
        assert props["source"] and props["retrieved"] and props["attribution"] == "© OpenStreetMap contributors"


def test_the_places_table_has_the_centre_three_airports_and_the_imc(places):
    kinds = places["kind"].value_counts()
    assert kinds["imc"] == 1 and kinds["city_centre"] == 1 and kinds["airport"] == 3
    assert set(places.loc[places["kind"] == "airport", "place_id"]) == {"SVO", "VKO", "DME"}


def test_shipped_geometry_is_small_and_matches_its_manifest(geometry):
    assert GEOJSON.stat().st_size < 200 * 1024
    manifest = json.loads(MANIFEST.read_text(encoding="utf-8"))
    for layer, feature in zip(manifest["layers"], geometry["features"], strict=True):
        props = feature["properties"]
        assert (props["feature_id"], props["licence"], props["source_ids"], props["as_of"]) == (
            layer["feature_id"],
            layer["licence"],
            layer["source_ids"],
            layer["as_of"],
        )


def test_shipped_geometry_is_the_real_city_and_ring_road(geometry):
    import geopandas as gpd

    frame = gpd.GeoDataFrame.from_features(geometry["features"], crs="EPSG:4326").to_crs("EPSG:32637")
    by_kind = dict(zip(frame["kind"], frame.geometry, strict=True))
    assert 2450 < by_kind["city_boundary"].area / 1e6 < 2650  # Moscow since 2012: about 2,561 km²
    assert 105 < by_kind["ring_road"].length / 1000 < 112  # the MKAD is 108.9 km long


def test_generator_reproduces_the_shipped_file():
    generator = _generator()
    raw = generator.raw_folder()
    if raw is None:
        pytest.skip("raw OpenStreetMap extracts not on this machine (see tools/locator_sources.json)")
    assert generator.dumps(generator.build(raw)) == GEOJSON.read_text(encoding="utf-8")


def test_generator_refuses_a_raw_file_that_is_not_the_recorded_one(tmp_path):
    generator = _generator()
    manifest = json.loads(MANIFEST.read_text(encoding="utf-8"))
    (tmp_path / manifest["layers"][0]["raw_file"]).write_text('{"type": "FeatureCollection", "features": []}')
    with pytest.raises(generator.RawDataError, match="SHA-256"):
        generator.build(tmp_path, manifest)


@pytest.mark.parametrize("place_id", ["SVO", "VKO", "DME", "CENTRE"])
def test_distances_from_the_imc_equal_the_geodesic_within_one_percent(places, place_id):
    by_id = places.set_index("place_id")
    imc, there = by_id.loc["IMC"], by_id.loc[place_id]
    _, _, metres = Geod(ellps="WGS84").inv(imc["lon"], imc["lat"], there["lon"], there["lat"])
    computed = places_math.distances_km(places)[place_id]
    assert computed == pytest.approx(metres / 1000, rel=0.01)


def test_the_imc_sits_at_the_centre_of_the_site_outline(ds, places):
    outline = next(
        f
        for f in json.loads((ROOT / "imc_data" / "tables" / "site.geojson").read_text(encoding="utf-8"))["features"]
        if f["properties"]["kind"] == "site_outline"
    )
    ring = outline["geometry"]["coordinates"][0][:-1]
    mean_lon, mean_lat = (sum(c[i] for c in ring) / len(ring) for i in (0, 1))  # a rectangle: corner mean
    imc = places.set_index("place_id").loc["IMC"]
    _, _, metres = Geod(ellps="WGS84").inv(imc["lon"], imc["lat"], mean_lon, mean_lat)
    assert metres < 20
    assert pd.isna(ds["locator_places"].set_index("place_id").loc["IMC", "lon"])  # no source gives it
    given = ds["locator_places"].assign(
        lon=ds["locator_places"]["lon"].fillna(37.0), lat=ds["locator_places"]["lat"].fillna(55.0)
    )
    kept = places_math.with_imc_position(given, ds.site_geo).set_index("place_id").loc["IMC"]
    assert (kept["lon"], kept["lat"]) == (37.0, 55.0)  # a row with coordinates keeps them


def test_distances_need_an_imc_row(places):
    assert places_math.distances_km(places[places["kind"] != "imc"]).empty


# --- text list --------------------------------------------------------------------------------------


def test_text_list_in_english_and_russian(places):
    geod = Geod(ellps="WGS84")
    by_id = places.set_index("place_id")
    imc = by_id.loc["IMC"]
    expected_km = round(geod.inv(imc["lon"], imc["lat"], by_id.loc["SVO", "lon"], by_id.loc["SVO", "lat"])[2] / 1000)
    english = {e["place_id"]: e for e in locator.text_list(places, "en")}
    russian = {e["place_id"]: e for e in locator.text_list(places, "ru")}
    assert "IMC" not in english  # distances are from the IMC
    assert english["SVO"]["name"] == by_id.loc["SVO", "name_en"]
    assert english["SVO"]["distance"] == f"{expected_km}\u00a0km"
    assert russian["SVO"]["name"] == by_id.loc["SVO", "name_ru"]
    assert russian["SVO"]["distance"] == f"{expected_km}\u00a0км"
    assert re.fullmatch(r"1,\d\u00a0км", russian["SKST"]["distance"])  # under 10 km: one decimal, comma
    assert all(e["travel_time"] == "" for e in english.values())  # no source gives a travel time yet


def test_a_sourced_travel_time_is_shown(places):
    timed = places.copy()
    timed.loc[timed["place_id"] == "VKO", "travel_time_min"] = 25
    name = timed.set_index("place_id").loc["VKO", "name_ru"]
    line = next(line for line in locator.text_lines(timed, "ru") if line.startswith(name))
    assert line.endswith("около 25 мин")


# --- figure -----------------------------------------------------------------------------------------


def _labels(deck) -> dict[str, list[dict]]:
    spec = json.loads(deck.to_json())
    return {layer["id"]: layer["data"] for layer in spec["layers"] if layer["@@type"] == "TextLayer"}


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_labels_are_in_the_page_language(places, geometry, lang):
    labels = _labels(locator.build_locator_deck(places, geometry, lang, "wide"))
    names = [d["text"] for d in labels["locator-labels"] + labels["locator-imc-label"]]
    by_id = places.set_index("place_id")
    for pid in ("IMC", "CENTRE", "SVO", "VKO", "DME"):
        assert by_id.loc[pid, f"short_{lang}"] in names
    assert all(bool(CYRILLIC.search(n)) == (lang == "ru") for n in names)
    attribution = labels["locator-attribution"][0]["text"]
    assert "OpenStreetMap" in attribution and bool(CYRILLIC.search(attribution)) == (lang == "ru")


def test_deck_json_requests_nothing_from_outside(places, geometry):
    text = locator.build_locator_deck(places, geometry, "en", "phone").to_json()
    spec = json.loads(text)
    assert not re.search(r"https?://|//[a-z0-9.-]+\.[a-z]{2,}/", text)
    assert spec["mapStyle"] == "__MAP_STYLE__" and "mapProvider" not in spec


@pytest.mark.parametrize("view", sorted(locator.VIEWS))
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_every_label_fits_inside_the_view(places, geometry, view, lang):
    """Screen positions recomputed with pyproj's Web Mercator, not the module's own formula."""
    size = locator.VIEWS[view]
    deck = locator.build_locator_deck(places, geometry, lang, view)
    state = json.loads(deck.to_json())["initialViewState"]
    to_merc = Transformer.from_crs("EPSG:4326", "EPSG:3857", always_xy=True)
    metres_per_px = 2 * math.pi * 6378137 / (512 * 2 ** state["zoom"])
    cx, cy = to_merc.transform(state["longitude"], state["latitude"])
    labels = _labels(deck)
    placed = labels["locator-labels"] + labels["locator-imc-label"]
    assert {"IMC", "CENTRE", "SVO", "VKO", "DME"} <= {d["place_id"] for d in placed}
    for label in placed:
        x, y = to_merc.transform(*label["position"])
        sx = size.width / 2 + (x - cx) / metres_per_px + label["offset"][0]
        sy = size.height / 2 - (y - cy) / metres_per_px + label["offset"][1]
        width = len(label["text"]) * size.font_px * 0.62
        left = {"start": sx, "end": sx - width, "middle": sx - width / 2}[label["anchor"]]
        top = {"center": sy - size.font_px / 2, "bottom": sy - size.font_px, "top": sy}[label["baseline"]]
        assert left >= 0 and left + width <= size.width, (view, lang, label["text"])
        assert top >= 0 and top + size.font_px <= size.height, (view, lang, label["text"])


def test_a_missing_geometry_file_leaves_the_places_on_the_map(places, tmp_path):
    empty = locator.load_geometry(tmp_path / "missing.geojson")
    assert empty["features"] == []
    (tmp_path / "broken.geojson").write_text("{not json", encoding="utf-8")
    assert locator.load_geometry(tmp_path / "broken.geojson")["features"] == []
    spec = json.loads(locator.build_locator_deck(places, empty, "ru", "inset").to_json())
    markers = next(layer for layer in spec["layers"] if layer["id"] == "locator-places")
    assert len(markers["data"]) == len(places)


def test_legend_and_sources_come_from_the_data(places, geometry):
    names = [f["properties"]["name_ru"] for f in geometry["features"]]
    assert [e["label"] for e in locator.legend_entries(geometry, "ru")] == names
    ids = locator.source_ids(places, geometry)
    assert {"OSMBOUNDARY", "OSMMKAD", "AIRPORTSDATA"} <= set(ids) and len(ids) == len(set(ids))


# --- page -------------------------------------------------------------------------------------------


def test_site_map_page_shows_the_locator_with_russian_names(places):
    at = run_app(page="pages/1_site_map.py", lang="ru")
    specs = [json.loads(chart.proto.json) for chart in at.get("deck_gl_json_chart")]
    locator_specs = [s for s in specs if any(layer["id"] == "locator-places" for layer in s["layers"])]
    assert len(locator_specs) == 1
    text = visible_text(at)
    for pid in ("CENTRE", "SVO", "VKO", "DME"):
        assert md(places.set_index("place_id").loc[pid, "name_ru"]) in text  # shown as text, escaped
    assert "Где это" in text
