"""The locator map (issue 21): its data, its distances, its figure and its place on the Site map page."""

from __future__ import annotations

import gzip
import hashlib
import importlib.util
import json
import re
import xml.etree.ElementTree as ET

import pandas as pd
import pytest
import shapely
from pyproj import Geod

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
        assert props["source"] and props["retrieved"] and props["attribution"]
        if props["licence"].startswith("ODbL"):  # OpenStreetMap data: its attribution is the licence's condition
            assert props["attribution"] == "© OpenStreetMap contributors"
    assert {f["properties"]["kind"] for f in geometry["features"]} >= {"city_boundary", "ring_road", "river"}


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


def test_shipped_geometry_is_the_real_city_ring_road_and_river(geometry):
    import geopandas as gpd

    frame = gpd.GeoDataFrame.from_features(geometry["features"], crs="EPSG:4326").to_crs("EPSG:32637")
    by_kind = dict(zip(frame["kind"], frame.geometry, strict=True))
    assert 2450 < by_kind["city_boundary"].area / 1e6 < 2650  # Moscow since 2012: about 2,561 km²
    assert 105 < by_kind["ring_road"].length / 1000 < 112  # the MKAD is 108.9 km long
    # The river crosses the MKAD twice (in from the north-west, out to the south-east) and runs
    # through the area it encloses.
    crossings = by_kind["river"].intersection(by_kind["ring_road"])
    assert len(getattr(crossings, "geoms", [crossings])) == 2
    inside = by_kind["river"].intersection(shapely.Polygon(by_kind["ring_road"].coords))
    assert inside.length / 1000 > 25


def test_generator_reproduces_the_shipped_file():
    """The raw extracts ship in tools/locator_raw/, so this runs everywhere (CI included)."""
    generator = _generator()
    raw = generator.raw_folder()
    assert raw is not None
    assert generator.dumps(generator.build(raw)) == GEOJSON.read_text(encoding="utf-8")


def test_every_raw_extract_ships_and_is_small():
    manifest = json.loads(MANIFEST.read_text(encoding="utf-8"))
    packed = [ROOT / "tools" / "locator_raw" / (layer["raw_file"] + ".gz") for layer in manifest["layers"]]
    assert all(path.exists() for path in packed)
    assert sum(path.stat().st_size for path in packed) < 400 * 1024
    for layer, path in zip(manifest["layers"], packed, strict=True):
        assert hashlib.sha256(gzip.decompress(path.read_bytes())).hexdigest() == layer["sha256"]


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


def test_text_list_in_english_and_russian(places, geometry):
    geod = Geod(ellps="WGS84")
    by_id = places.set_index("place_id")
    imc = by_id.loc["IMC"]
    expected_km = round(geod.inv(imc["lon"], imc["lat"], by_id.loc["SVO", "lon"], by_id.loc["SVO", "lat"])[2] / 1000)
    english = {e["place_id"]: e for e in locator.text_list(places, "en", geometry)}
    russian = {e["place_id"]: e for e in locator.text_list(places, "ru", geometry)}
    assert "IMC" not in english  # distances are from the IMC
    assert english["SVO"]["name"] == by_id.loc["SVO", "name_en"]
    assert english["SVO"]["distance"] == f"{expected_km}\u00a0km"
    assert russian["SVO"]["name"] == by_id.loc["SVO", "name_ru"]
    assert russian["SVO"]["distance"] == f"{expected_km}\u00a0км"
    assert re.fullmatch(r"1,\d\u00a0км", russian["SKST"]["distance"])  # under 10 km: one decimal, comma
    assert all(e["travel_time"] == "" for e in english.values())  # no source gives a travel time yet
    assert english["mkad"]["name"] == "MKAD (Moscow Ring Road)" and russian["mkad"]["name"] == "МКАД"
    assert "moskva_river" not in english  # the river is on the map, not a link to the IMC


def test_distance_to_the_mkad_equals_the_geodesic_to_its_nearest_point(places, geometry):
    """Independent: geodesic distances from the IMC to the MKAD line densified to about 10 m steps."""
    imc = places.set_index("place_id").loc["IMC"]
    line = next(f for f in geometry["features"] if f["properties"]["kind"] == "ring_road")["geometry"]
    dense = shapely.segmentize(shapely.LineString(line["coordinates"]), 0.0001)
    lons, lats = zip(*dense.coords, strict=True)
    _, _, metres = Geod(ellps="WGS84").inv([imc["lon"]] * len(lons), [imc["lat"]] * len(lats), lons, lats)
    computed = places_math.distance_to_line_km((imc["lon"], imc["lat"]), line["coordinates"])
    assert computed == pytest.approx(min(metres) / 1000, rel=0.01)
    shown = {e["place_id"]: e["distance"] for e in locator.text_list(places, "en", geometry)}["mkad"]
    assert shown == f"{min(metres) / 1000:.1f}\u00a0km to its nearest point"


def test_a_sourced_travel_time_is_shown(places):
    timed = places.copy()
    timed.loc[timed["place_id"] == "VKO", "travel_time_min"] = 25
    name = timed.set_index("place_id").loc["VKO", "name_ru"]
    line = next(line for line in locator.text_lines(timed, "ru") if line.startswith(name))
    assert line.endswith("около 25 мин")


# --- figure (an inline SVG) -------------------------------------------------------------------------

SVG = "{http://www.w3.org/2000/svg}"
CORE_PLACES = ("IMC", "CENTRE", "SVO", "VKO", "DME")


def _svg(places, geometry, lang, view="wide") -> ET.Element:
    return ET.fromstring(locator.locator_svg(places, geometry, lang, view, alt="map"))


def _texts(root: ET.Element) -> list[ET.Element]:
    return list(root.iter(f"{SVG}text"))


def _markers(root: ET.Element) -> dict[str, tuple[float, float]]:
    """Marker centre by the name in its tooltip (the name before the distance)."""
    out = {}
    for circle in root.iter(f"{SVG}circle"):
        title = circle.find(f"{SVG}title")
        if title is not None:
            out[title.text.split(" — ")[0]] = (float(circle.get("cx")), float(circle.get("cy")))
    return out


def _label_boxes(root: ET.Element) -> dict[str, tuple[float, float, float, float]]:
    """Each label's text and the box of the background drawn just before it."""
    children = list(root)
    boxes = {}
    for before, element in zip(children, children[1:], strict=False):
        if element.tag == f"{SVG}text" and before.tag == f"{SVG}rect":
            x, y = float(before.get("x")), float(before.get("y"))
            boxes[element.text] = (x, y, x + float(before.get("width")), y + float(before.get("height")))
    return boxes


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_labels_are_in_the_page_language(places, geometry, lang):
    root = _svg(places, geometry, lang)
    texts = [t.text for t in _texts(root)]
    by_id = places.set_index("place_id")
    for pid in CORE_PLACES:
        assert by_id.loc[pid, f"short_{lang}"] in texts
    assert all(bool(CYRILLIC.search(text)) == (lang == "ru") for text in texts)  # scale bar and north too
    assert any("OpenStreetMap" in text for text in texts)


def test_svg_requests_nothing_and_runs_nothing(places, geometry):
    text = locator.locator_svg(places, geometry, "en", "phone", alt="map")
    without_namespace = text.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert not re.search(r"https?://|href|src=|url\(|@import|<script|<image|<foreignObject|\bon\w+=", without_namespace)


def test_data_text_is_escaped_in_the_svg(places, geometry):
    hostile = places.copy()
    hostile.loc[hostile["place_id"] == "CENTRE", "short_en"] = '<script>alert(1)</script> & "Kremlin"'
    root = _svg(hostile, geometry, "en")  # still well-formed XML
    assert '<script>alert(1)</script> & "Kremlin"' in [t.text for t in _texts(root)]
    assert not list(root.iter(f"{SVG}script"))


@pytest.mark.parametrize("view", sorted(locator.VIEWS))
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_every_label_is_inside_the_picture_beside_its_point_and_readable(places, geometry, view, lang):
    root = _svg(places, geometry, lang, view)
    width, height = (float(v) for v in root.get("viewBox").split()[2:])
    boxes, markers = _label_boxes(root), _markers(root)
    by_id = places.set_index("place_id")
    for pid in CORE_PLACES:
        short, name = by_id.loc[pid, f"short_{lang}"], by_id.loc[pid, f"name_{lang}"]
        x0, y0, x1, y1 = boxes[short]
        assert x0 >= 0 and x1 <= width and y0 >= 0 and y1 <= height, (view, lang, short)
        mx, my = markers[name]
        gap_x, gap_y = max(x0 - mx, mx - x1, 0), max(y0 - my, my - y1, 0)
        assert max(gap_x, gap_y) <= 20, (view, lang, short)  # right beside its own point
    assert all(float(t.get("font-size")) >= 12 for t in _texts(root))  # drawn 1:1 at its size
    ordered = sorted(boxes.values())
    for i, a in enumerate(ordered):
        for b in ordered[i + 1 :]:
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]), (a, b)


def test_the_scale_bar_and_the_points_agree_with_geodesic_distances(places, geometry):
    """Independent: pixel distance between two markers / geodesic km equals the scale bar's px per km."""
    root = _svg(places, geometry, "en")
    by_id = places.set_index("place_id")
    markers = _markers(root)
    (ax, ay), (bx, by) = markers[by_id.loc["SVO", "name_en"]], markers[by_id.loc["DME", "name_en"]]
    _, _, metres = Geod(ellps="WGS84").inv(*by_id.loc["SVO", ["lon", "lat"]], *by_id.loc["DME", ["lon", "lat"]])
    px_per_km = ((ax - bx) ** 2 + (ay - by) ** 2) ** 0.5 / (metres / 1000)
    bar = next(p for p in root.iter(f"{SVG}path") if p.get("stroke") == "#333333" and "V" in p.get("d"))
    xs = [float(v) for v in re.findall(r"[MH]([\d.]+)", bar.get("d"))]
    label = next(t.text for t in _texts(root) if t.text.endswith("\u00a0km"))
    km = float(label.split("\u00a0")[0])
    assert (max(xs) - min(xs)) / km == pytest.approx(px_per_km, rel=0.01)
    assert ay < by  # north up: Sheremetyevo above Domodedovo


def test_a_missing_geometry_file_leaves_the_places_on_the_map(places, tmp_path):
    empty = locator.load_geometry(tmp_path / "missing.geojson")
    assert empty["features"] == []
    (tmp_path / "broken.geojson").write_text("{not json", encoding="utf-8")
    assert locator.load_geometry(tmp_path / "broken.geojson")["features"] == []
    root = _svg(places, empty, "ru", "inset")
    assert len(_markers(root)) == len(places.dropna(subset=["lon", "lat"]))
    assert not [p for p in root.iter(f"{SVG}path") if p.get("stroke") == "#d6782a"]  # no MKAD without its file


def test_legend_and_sources_come_from_the_data(places, geometry):
    names = [f["properties"]["name_ru"] for f in geometry["features"]]
    assert [e["label"] for e in locator.legend_entries(geometry, "ru")] == names
    ids = locator.source_ids(places, geometry)
    assert {"OSMBOUNDARY", "OSMMKAD", "NERIVERS", "AIRPORTSDATA"} <= set(ids) and len(ids) == len(set(ids))


# --- pages ------------------------------------------------------------------------------------------


def _page_svgs(at) -> list[ET.Element]:
    return [ET.fromstring(el.value) for el in at.markdown if str(el.value).startswith("<svg")]


def test_site_map_page_shows_the_locator_with_russian_names(places):
    at = run_app(page="pages/1_site_map.py", lang="ru")
    assert not any(
        any(layer["id"].startswith("locator") for layer in json.loads(chart.proto.json)["layers"])
        for chart in at.get("deck_gl_json_chart")
    )  # the locator is no deck.gl chart
    (svg,) = _page_svgs(at)
    drawn = [t.text for t in _texts(svg)]
    by_id = places.set_index("place_id")
    for pid in ("CENTRE", "SVO", "VKO", "DME"):
        assert by_id.loc[pid, "short_ru"] in drawn
    text = visible_text(at)
    for pid in ("CENTRE", "SVO", "VKO", "DME"):
        assert md(by_id.loc[pid, "name_ru"]) in text  # also as text, escaped
    assert "Где это" in text and md("МКАД") in text


def test_overview_inset_is_the_svg_without_deck_gl(places):
    at = run_app(lang="en")
    assert not at.get("deck_gl_json_chart")  # the Overview loads no deck.gl at all
    (svg,) = _page_svgs(at)
    drawn = [t.text for t in _texts(svg)]
    assert places.set_index("place_id").loc["SVO", "short_en"] in drawn and "IMC" in drawn
