"""The site map's pure builders: layer records, the deck JSON, selection parsing, the plot card."""

from __future__ import annotations

import datetime as dt
import json
import math

import pandas as pd
import pytest
from shapely.geometry import Polygon
from streamlit.elements.deck_gl_json_chart import PydeckState

from dashboard import formatting, labels, palette
from dashboard.figures import site_deck as deck
from dashboard.slides import figures as slide_figures
from dashboard.views.plot_card import date_text, plot_card
from imc_data import load_dataset
from imc_data.plot_state import OPERATING, PLANNED, UNDER_CONSTRUCTION

TODAY = dt.date(2026, 11, 24)


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


def plain(value) -> bool:
    """True when ``value`` holds only JSON-native Python values (no Timestamps, numpy, NaN)."""
    if isinstance(value, dict):
        return all(isinstance(k, str) and plain(v) for k, v in value.items())
    if isinstance(value, list):
        return all(plain(v) for v in value)
    if isinstance(value, float):
        return math.isfinite(value)
    return value is None or type(value) in (str, int, bool)


def test_one_record_per_plot_with_its_own_ring_in_lon_lat(ds):
    records = deck.plot_records(ds, "en", 2026, today=TODAY)
    assert [r["plot_id"] for r in records] == list(ds["plots"]["plot_id"])
    geo = ds.plots_geo.set_index("plot_id")
    outline = ds.site_geo.loc[ds.site_geo["kind"] == "site_outline", "geometry"].iloc[0]
    for rec in records:
        ring = rec["coordinates"]
        assert ring[0] == ring[-1] and len(ring) >= 4
        for lon, lat in ring:
            assert -180 <= lon <= 180 and -90 <= lat <= 90  # degrees, not metres
        drawn = Polygon(ring)
        assert drawn.within(outline.buffer(1e-5)), rec["plot_id"]
        assert drawn.symmetric_difference(geo.loc[rec["plot_id"], "geometry"]).area < 1e-10


def test_records_are_plain_json_without_timestamps(ds):
    records = deck.plot_records(ds, "ru", 2035, highlight={"P12"}, selected="P04", today=TODAY)
    assert plain(records)
    text = json.dumps(records, allow_nan=False, ensure_ascii=False)
    assert "{}" not in text and "Timestamp" not in text


def test_records_carry_state_colour_and_label_of_the_year(ds):
    by_id = {r["plot_id"]: r for r in deck.plot_records(ds, "en", 2016, today=TODAY)}
    assert by_id["P01"]["state"] == UNDER_CONSTRUCTION
    assert by_id["P01"]["fill_colour"][:3] == list(deck.STATE_COLOURS[UNDER_CONSTRUCTION])
    assert by_id["P01"]["state_label"] == "Under construction"  # in words, never "Building"
    assert by_id["P01"]["plot_name"].startswith("Plot 1 · ")  # named, the code is not the label
    assert by_id["P02"]["state"] == PLANNED and by_id["P02"]["state_label"].startswith("Planned")
    assert by_id["P02"]["elevation"] == 0.0  # nothing stands on a planned plot
    ru = {r["plot_id"]: r for r in deck.plot_records(ds, "ru", 2035, today=TODAY)}
    assert ru["P16"]["state_label"] == "Построен / работает (план)"  # a plan, said in words, not only by colour
    assert ru["P16"]["fill_colour"][3] == deck.PROJECTED_ALPHA
    assert ru["P01"]["state_label"] == "Построен / работает"


def test_extrusion_counts_only_facilities_standing_in_that_year(ds):
    by_id = {r["plot_id"]: r for r in deck.plot_records(ds, "en", 2024, today=TODAY)}
    fac = ds["facilities"].set_index("facility_id")
    # P04: F05 is under construction in 2024, F04 is still only planned
    assert by_id["P04"]["floor_area_m2"] == fac.loc["F05", "floor_area_m2"]
    assert by_id["P04"]["elevation"] == pytest.approx(fac.loc["F05", "floor_area_m2"] * deck.METRES_PER_M2)


def test_highlight_and_selection_are_drawn(ds):
    records = deck.plot_records(ds, "en", 2026, highlight={"P12", "P13"}, selected="P04", today=TODAY)
    by_id = {r["plot_id"]: r for r in records}
    assert by_id["P12"]["highlighted"] and by_id["P12"]["line_colour"] == deck.HIGHLIGHT_OUTLINE
    assert not by_id["P01"]["highlighted"] and by_id["P01"]["fill_colour"][3] == deck.DIMMED_ALPHA
    assert by_id["P04"]["selected"] and by_id["P04"]["line_width"] > by_id["P01"]["line_width"]
    assert sum(r["selected"] for r in records) == 1


def deck_json(ds, **kwargs) -> dict:
    return json.loads(deck.build_site_deck(ds, kwargs.pop("lang", "en"), kwargs.pop("year", 2026), **kwargs).to_json())


def test_deck_has_named_layers_one_polygon_per_plot_and_no_basemap(ds):
    spec = deck_json(ds, today=TODAY)
    layers = {layer["id"]: layer for layer in spec["layers"]}
    assert tuple(layers) == deck.LAYER_IDS
    assert len(layers["plots"]["data"]) == len(ds["plots"])
    assert layers["plots"]["pickable"] is True
    assert all(not layer.get("pickable") for lid, layer in layers.items() if lid != "plots")
    # map_provider=None: pydeck leaves its sentinel, which Streamlit drops, and names no provider
    assert spec["mapStyle"] == "__MAP_STYLE__"
    assert "mapProvider" not in spec
    kinds = {c["kind"] for c in layers["context-areas"]["data"] + layers["context-lines"]["data"]}
    assert kinds == {"site_outline", "district", "forest", "road"}


def test_constant_props_stay_literal(ds):
    # pydeck turns bare strings into accessors ("@@=pixels"): constants must arrive as values.
    layers = {layer["id"]: layer for layer in deck_json(ds, lang="ru", today=TODAY)["layers"]}
    labels = layers["plot-labels"]
    assert labels["characterSet"] == "auto"  # Cyrillic glyphs
    assert labels["sizeUnits"] == "pixels"
    assert labels["getText"] == "@@=label"
    assert layers["plots"]["lineWidthUnits"] == "pixels"
    assert layers["plots"]["getFillColor"] == "@@=fill_colour"


def test_view_is_stable_and_3d_tilts_and_extrudes(ds):
    flat, again = deck_json(ds, today=TODAY), deck_json(ds, year=2035, selected="P04", today=TODAY)
    assert flat["initialViewState"] == again["initialViewState"]  # year and selection never move the view
    assert flat["initialViewState"]["pitch"] == 0
    tilted = deck_json(ds, extruded=True, today=TODAY)
    assert tilted["initialViewState"]["pitch"] > 0
    plots = next(layer for layer in tilted["layers"] if layer["id"] == "plots")
    assert plots["extruded"] is True
    labels = next(layer for layer in tilted["layers"] if layer["id"] == "plot-labels")
    p01 = next(r for r in plots["data"] if r["plot_id"] == "P01")
    assert labels["data"][0]["position"][2] > p01["elevation"]  # label above its block
    # A perspective has no single scale, and flat-view names would collide: neither is drawn in 3D.
    tilted_layers = {layer["id"]: layer for layer in tilted["layers"]}
    assert tilted_layers[deck.FURNITURE_LINES_LAYER]["data"] == []
    assert tilted_layers[deck.CONTEXT_LABELS_LAYER]["data"] == []
    flat_layers = {layer["id"]: layer for layer in flat["layers"]}
    assert len(flat_layers[deck.FURNITURE_LINES_LAYER]["data"]) == 3  # scale bar, arrow shaft, arrow head
    minx, miny, maxx, maxy = ds.plots_geo.total_bounds
    view = flat["initialViewState"]
    assert minx < view["longitude"] < maxx and miny < view["latitude"] < maxy


def test_tooltip_is_text_in_the_page_language(ds):
    tooltip = deck.build_site_deck(ds, "ru", 2026, today=TODAY)._tooltip
    assert "html" not in tooltip  # text, never HTML
    assert "{plot_name}" in tooltip["text"] and "{facilities}" in tooltip["text"]
    assert "{plot_id}" not in tooltip["text"]
    assert "Нажмите" in tooltip["text"]


@pytest.mark.parametrize(
    ("event", "expected"),
    [
        (
            {"selection": {"indices": {"plots": [6]}, "objects": {"plots": [{"plot_id": "P07", "state": "planned"}]}}},
            "P07",
        ),
        (PydeckState({"selection": {"indices": {"plots": [0]}, "objects": {"plots": [{"plot_id": "P01"}]}}}), "P01"),
        ({"selection": {"indices": {}, "objects": {}}}, None),
        ({"selection": {"indices": {"context-areas": [0]}, "objects": {"context-areas": [{"kind": "forest"}]}}}, None),
        ({"selection": {"indices": {"plots": [0]}, "objects": {"plots": [{"plot_id": ""}]}}}, None),
        ({}, None),
        (None, None),
        ("P07", None),
    ],
)
def test_selected_plot_parses_the_event(event, expected):
    assert deck.selected_plot(event) == expected


def test_legend_counts_every_plot_once(ds):
    records = deck.plot_records(ds, "en", 2026, today=TODAY)
    entries = deck.legend_entries(records, "en")
    assert [e["state"] for e in entries] == [OPERATING, UNDER_CONSTRUCTION, PLANNED]
    assert sum(e["count"] for e in entries) == len(ds["plots"])
    # the shared colour-blind-safe palette
    assert entries[0]["hex"] == palette.swatch("plot_state", OPERATING).hex.lower()
    built = sum(r["state"] == OPERATING for r in records)
    assert entries[0]["count"] == built == len(entries[0]["plots"])
    assert all(not name.startswith("P") for e in entries for _pid, name in e["plots"])  # "4 · Oncology …", not "P04"


@pytest.mark.parametrize(
    ("value", "precision", "lang", "expected"),
    [
        ("2017-01-01", "year", "en", "2017"),
        ("2018-03-01", "month", "en", "Mar 2018"),
        ("2026-03-01", "month", "ru", "март 2026"),
        ("2021-08-30", "day", "en", "30 Aug 2021"),
        (None, "year", "en", "—"),
    ],
)
def test_dates_keep_the_precision_of_the_source(value, precision, lang, expected):
    # The tables store a period as its first day with a *_precision column beside it.
    assert date_text(pd.Timestamp(value) if value else None, lang, precision) == expected


def test_card_of_a_plot_with_two_facilities(ds):
    card = plot_card(ds, "en", 2024, "P04", today=TODAY)
    assert card["area_text"] == formatting.area_ha(4.6, "en")
    assert card["use_label"] == "Healthcare"
    assert card["stage_text"] == "Stage 1 (2016–2025)"
    assert card["state_label"] == "Under construction"
    assert [f["facility_id"] for f in card["facilities"]] == ["F04", "F05"]
    f05 = card["facilities"][1]
    operators = ds["operators"].set_index("operator_id")
    assert f05["operator"] == operators.loc["OP10", "name_en"]
    assert f05["actual"] is None  # 27 Aug 2023 started its second building; the complex's start is not published
    assert f05["planned"] == ("—", "2025")
    # Spring 2026 has passed by TODAY with no confirmation: the card says so.
    spring = formatting.date(pd.Timestamp("2026-03-01"), "en", "season")
    assert f05["expected_text"] == f"{spring} (overdue, unconfirmed)"
    assert "LAYOUT" in card["source_ids"] and "IZ2025" in card["source_ids"]
    assert card["provenance"] == "illustrative"


def test_card_lists_the_opportunities_on_the_plot(ds):
    opps = ds["opportunities"]
    for plot_id in ds["plots"]["plot_id"]:
        card = plot_card(ds, "ru", 2026, plot_id, today=TODAY)
        here = opps[opps["plot_id"] == plot_id]
        expected = [
            {
                "opportunity_id": o,
                "what": w,
                "name": labels.opportunity_name(ds, o, "ru"),
                "status": labels.label("opportunity_status", status, "ru"),
            }
            for o, w, status in zip(here["opportunity_id"], here["specialty_ru"], here["status"], strict=True)
        ]
        assert card["opportunities"] == expected, plot_id
    assert not opps["plot_id"].isin(["P01"]).any()  # a plot without an opportunity lists none
    assert plot_card(ds, "ru", 2026, "P01", today=TODAY)["opportunities"] == []


def test_card_of_an_unknown_plot_is_none(ds):
    assert plot_card(ds, "en", 2026, "P99") is None
    assert plot_card(ds, "en", 2026, "") is None


def _screen_px(lon: float, lat: float, centre_lonlat: tuple[float, float], zoom: float, view) -> tuple[float, float]:
    """Web Mercator (deck.gl: 512 px world at zoom 0) written out here, independent of the figure code."""

    def world(lo, la):
        return (lo + 180) / 360 * 512, (1 - math.log(math.tan(math.pi / 4 + math.radians(la) / 2)) / math.pi) * 256

    cx, cy = world(*centre_lonlat)
    x, y = world(lon, lat)
    return view.width / 2 + (x - cx) * 2**zoom, view.height / 2 + (y - cy) * 2**zoom


@pytest.mark.parametrize("view_name", sorted(deck.VIEWS))
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_plots_and_labels_fit_the_screen_they_are_fitted_to(ds, view_name, lang):
    # Issue 20: at 390 px (the phone view) no plot and no label is cut at the map's edge, and
    # no context name is drawn over a plot's number or name.
    view = deck.VIEWS[view_name]
    state = deck_json(ds, lang=lang, view=view_name, today=TODAY)["initialViewState"]
    centre, zoom = (state["longitude"], state["latitude"]), state["zoom"]
    for polygon in ds.plots_geo.to_crs(4326).geometry:
        for lon, lat, *_ in polygon.exterior.coords:
            x, y = _screen_px(lon, lat, centre, zoom, view)
            assert 0 <= x <= view.width and 0 <= y <= view.height
    plot_boxes = [p["screen_box"] for p in deck.plot_labels(ds, lang, view_name)]
    context_boxes = [c["screen_box"] for c in deck.context_labels(ds, lang, view_name)]
    for x0, y0, x1, y1 in plot_boxes + context_boxes:
        assert 0 <= x0 < x1 <= view.width and 0 <= y0 < y1 <= view.height
    for a in context_boxes:
        for b in plot_boxes + [c for c in context_boxes if c is not a]:
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]), (a, b)


def test_plot_labels_lie_inside_their_plots_or_point_to_them(ds):
    view = deck.VIEWS["wide"]
    state = deck_json(ds, view="wide", today=TODAY)["initialViewState"]
    plots = dict(zip(ds.plots_geo["plot_id"], ds.plots_geo.to_crs(4326).geometry, strict=True))
    for label in deck.plot_labels(ds, "ru", "wide"):
        outline = Polygon(
            [
                _screen_px(lon, lat, (state["longitude"], state["latitude"]), state["zoom"], view)
                for lon, lat, *_ in plots[label["plot_id"]].exterior.coords
            ]
        )
        x0, y0, x1, y1 = label["screen_box"]
        if label["inside"]:
            assert outline.buffer(0.5).contains(Polygon([(x0, y0), (x1, y0), (x1, y1), (x0, y1)])), label
            assert label["leader"] is None
        else:
            assert label["leader"] is not None and label["label"].isdigit()


def test_scale_bar_says_its_true_ground_length(ds):
    from pyproj import Geod

    paths, texts = deck.map_furniture(ds, "en", "wide")
    bar = paths[0]["path"]  # tick, left end, right end, tick
    (lon0, lat0), (lon1, lat1) = bar[1], bar[2]
    _, _, metres = Geod(ellps="WGS84").inv(lon0, lat0, lon1, lat1)
    said = texts[0]["text"]
    assert said.replace("\u00a0", " ").endswith(" m")
    assert metres == pytest.approx(float(said.split("\u00a0")[0].replace(",", "")), rel=0.01)
    arrow = paths[1]["path"]  # from its foot to its tip: due north
    assert arrow[1][0] == pytest.approx(arrow[0][0], abs=1e-7) and arrow[1][1] > arrow[0][1]
    assert texts[1]["text"] == "N" and deck.map_furniture(ds, "ru", "wide")[1][1]["text"] == "С"


def test_in_3d_a_plan_stays_flat_and_pale(ds):
    # P16 holds only a Stage 2 plan: in 2035 it is "operating" by that plan, not by a confirmed date.
    by_id = {r["plot_id"]: r for r in deck.plot_records(ds, "en", 2035, today=TODAY)}
    assert by_id["P16"]["state"] == OPERATING and by_id["P16"]["projected"]
    assert by_id["P16"]["elevation"] == 0.0 and by_id["P16"]["fill_colour"][3] == deck.PROJECTED_ALPHA
    assert by_id["P01"]["elevation"] > 0  # built by confirmed dates: it stands
    legend = {pid: name for e in deck.legend_entries(list(by_id.values()), "en") for pid, name in e["plots"]}
    assert legend["P16"].endswith("(plan)") and not legend["P01"].endswith("(plan)")


def _stage_years_from_the_table() -> list[int]:
    import csv

    from .conftest import DATA

    with open(DATA / "stages.csv", encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    return list(range(min(int(r["start_year"]) for r in rows), max(int(r["end_year"]) for r in rows) + 1))


def test_the_3d_play_shows_every_stage_year_in_the_colours_of_that_year(ds):
    from imc_data.plot_state import plot_states

    frames = list(deck.play_frames(ds, "en", today=TODAY))
    years = [year for year, _, _ in frames]
    assert years == _stage_years_from_the_table()  # every year once, in order, ending on the last
    for year, frame, _ in frames:
        spec = json.loads(frame.to_json())
        layer = next(layer for layer in spec["layers"] if layer["id"] == deck.PLOTS_LAYER)
        assert layer["extruded"] is True and spec["initialViewState"]["pitch"] > 0
        states = plot_states(ds, year, today=TODAY).set_index("plot_id")
        expected = {
            pid: [
                *palette.rgb("plot_state", row["state"]),
                deck.PROJECTED_ALPHA if row["projected"] else deck.FILL_ALPHA,
            ]
            for pid, row in states.iterrows()
        }
        assert {p["plot_id"]: p["fill_colour"] for p in layer["data"]} == expected, year


def _svg(markup: str):
    import xml.etree.ElementTree as ET

    return ET.fromstring(markup)


SVG = "{http://www.w3.org/2000/svg}"


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_phone_plan_is_the_deck_drawn_as_svg(ds, lang):
    from dashboard.figures import site_svg

    svg = _svg(site_svg.site_plan_svg(ds, lang, 2035, selected="P12", query={"lang": lang}, today=TODAY))
    spec = json.loads(deck.build_site_deck(ds, lang, 2035, selected="P12", today=TODAY, view="phone").to_json())
    layers = {layer["id"]: layer for layer in spec["layers"]}
    assert svg.get("viewBox") == f"0 0 {deck.VIEWS['phone'].width} {deck.VIEWS['phone'].height}"
    links = svg.findall(f"{SVG}a")
    assert len(links) == len(ds["plots"])
    for link, plot in zip(links, layers[deck.PLOTS_LAYER]["data"], strict=True):
        # Each plot opens its own card, in the page's language, and scrolls to it.
        assert link.get("href") == f"?lang={lang}&plot={plot['plot_id']}#plot-card" and link.get("target") == "_self"
        polygon = link.find(f"{SVG}polygon")
        fill = [int(v) for v in polygon.get("fill")[4:-1].split(",")]
        assert fill == plot["fill_colour"][:3]
        assert float(polygon.get("fill-opacity")) == pytest.approx(plot["fill_colour"][3] / 255, abs=1e-3)
        assert float(polygon.get("stroke-width")) == plot["line_width"]  # the selected plot heavily outlined
        assert plot["plot_name"] in link.get("aria-label")
    texts = ["\n".join(span.text for span in t.findall(f"{SVG}tspan")) for t in svg.iter(f"{SVG}text")]
    for label in layers[deck.PLOT_LABELS_LAYER]["data"] + layers[deck.CONTEXT_LABELS_LAYER]["data"]:
        assert label.get("label", label.get("text")) in texts


def test_phone_plan_escapes_data_text(data_dir, monkeypatch):
    from dashboard.figures import site_svg

    from .conftest import replace_in

    replace_in(
        data_dir / "facilities.csv",
        "Biotech R&D laboratory (Sistema-Biotech)",
        '<img src=x onerror=alert(1)> "lab" **bold** $x^2$',
    )
    hostile = load_dataset(data_dir)
    markup = site_svg.site_plan_svg(hostile, "en", 2026, query={"lang": "en", "x": '"><script>'}, today=TODAY)
    assert "<img" not in markup and "<script" not in markup
    # st.markdown reads Markdown and math between the tags: none of their characters may reach it raw.
    assert "**" not in markup and "$x" not in markup
    labels = [a.get("aria-label") or "" for a in _svg(markup).iter(f"{SVG}a")]
    assert any('<img src=x onerror=alert(1)> "lab" **bold** $x^2$' in label for label in labels)


def test_a_slide_plan_is_a_still_picture_with_the_same_plots(ds):
    """The presenter's plan: every plot drawn as on the page, none a link (a click must not leave the slides)."""
    from dashboard.figures import site_svg
    from dashboard.slides import content
    from imc_data import scenes

    (scene,) = [s for s in scenes.playable_scenes(ds["scenes"])[0] if s.kind == "site_map" and s.plot_id]
    slide = content.build_slide(ds, scene, "ru", TODAY)
    still = _svg(slide_figures.site_map_svg(ds, slide, (800, 600), TODAY))
    page = _svg(site_svg.site_plan_svg(ds, "ru", slide.year, selected=slide.selected_plot, query={}, today=TODAY))
    assert still.findall(f".//{SVG}a") == []
    plots = page.findall(f".//{SVG}a/{SVG}polygon")
    assert len(plots) == len(ds["plots"])
    # The same fills and outlines (the selected plot heavily), only fitted to the slide's size.
    drawn = [(p.get("fill"), p.get("stroke-width")) for p in still.findall(f"{SVG}polygon")]
    for plot in plots:
        assert (plot.get("fill"), plot.get("stroke-width")) in drawn
    assert still.get("viewBox") == "0 0 800 600"
