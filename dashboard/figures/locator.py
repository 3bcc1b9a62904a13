"""The locator map: where the IMC is in Moscow, drawn offline with pydeck, and the same facts as text.

Geometry (the city boundary and the MKAD ring) comes from ``assets/locator.geojson``
(OpenStreetMap, ODbL; built by ``tools/build_locator.py``); the named places and their sources
from the ``locator_places`` table; distances from :mod:`imc_data.locator`. Nothing is typed in
here but styling: names, coordinates and licences are data.

The deck has no basemap (``map_provider=None``): nothing is requested from outside the machine.
Its initial view is fitted to a viewport given by name (:data:`VIEWS`: a wide page column, a
phone, the small inset of the Overview) and every label is placed on a side of its point where
it fits inside that viewport without covering another label; a label that fits nowhere is left
off the map (the text list still has it), so no label is ever cut at the map's edge.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pandas as pd
import pydeck as pdk

from imc_data import locator as places_math
from imc_data.load import Dataset

from .. import formatting
from ..cache.shared import shared_result
from ..i18n import col, translate
from ..nav import APP_ROOT
from .screen import View, merc_lonlat, merc_xy, text_layer, text_width

LOCATOR_GEOJSON = APP_ROOT / "assets" / "locator.geojson"


VIEWS = {
    "wide": View(620, 440),  # the map column of a 1440 px laptop screen
    "phone": View(350, 380),  # a 390 px phone minus the page's margins; also safe for any wider column
    "inset": View(300, 220, font_px=11),  # the Overview's small picture of the place
}
EDGE_PX = 4  # labels keep this far from the map's edge
ATTRIBUTION_BAND_PX = 18  # bottom strip kept free for the attribution line
ZOOM_STEP = 0.1
# Labels are placed in this order; a later one gives way to an earlier one.
LABEL_PRIORITY = ("imc", "city_centre", "airport", "innovation_centre", "station")
MARKERS = {  # kind: (fill RGBA, radius px, outline RGBA)
    "imc": ([200, 30, 45, 255], 8, [255, 255, 255, 255]),
    "innovation_centre": ([0, 0, 0, 0], 13, [200, 30, 45, 220]),
    "city_centre": ([40, 40, 40, 255], 6, [255, 255, 255, 255]),
    "airport": ([30, 80, 160, 255], 6, [255, 255, 255, 255]),
    "station": ([40, 120, 70, 255], 4, [255, 255, 255, 255]),
}
BOUNDARY_FILL = [236, 231, 220, 255]
BOUNDARY_LINE = [150, 140, 125, 255]
MKAD_COLOUR = [214, 120, 40, 255]
# Where a label may sit relative to its point: (text anchor, baseline, offset x, offset y) in px.
SIDES = (
    ("start", "center", 1, 0),
    ("end", "center", -1, 0),
    ("middle", "bottom", 0, -1),
    ("middle", "top", 0, 1),
)


@shared_result(key=lambda path, mtime_ns: (path, mtime_ns), max_entries=4)
def _read_geometry(path: str, mtime_ns: int) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def load_geometry(path: Path = LOCATOR_GEOJSON) -> dict:
    """The locator's FeatureCollection; an empty one if the file is missing or unreadable.

    The map then shows the places without the outline: a broken asset never takes a page down.
    """
    try:
        collection = _read_geometry(str(path), path.stat().st_mtime_ns)
    except (OSError, ValueError):
        return {"type": "FeatureCollection", "features": []}
    if not isinstance(collection.get("features"), list):
        return {"type": "FeatureCollection", "features": []}
    return collection


def _screen(lon: float, lat: float, centre: tuple[float, float], zoom: float, view: View) -> tuple[float, float]:
    x, y = merc_xy(lon, lat)
    scale = 2.0**zoom
    return view.width / 2 + (x - centre[0]) * scale, view.height / 2 + (y - centre[1]) * scale


def distance_text(km: float, lang: str) -> str:
    """``31 km`` / ``31 км``; one decimal under 10 km (``1.1 km`` / ``1,1 км``)."""
    decimals = 1 if km < 10 else 0
    return translate("locator.distance", lang, km=formatting.number(round(km, decimals), lang, decimals))


def place_records(places: pd.DataFrame, lang: str) -> list[dict]:
    """One record per place, in reading order, with its names, position and distance from the IMC.

    Keys: ``place_id``, ``kind``, ``name``, ``short`` (the map label), ``position`` ``[lon, lat]``,
    ``distance_km`` (``None`` for the IMC itself or when it cannot be measured) and
    ``travel_time_min`` (``None`` unless a source gives it).
    """
    distances = places_math.distances_km(places)
    origin = places_math.origin_id(places)
    records = []
    for row in places_math.ordered_places(places).to_dict("records"):
        if pd.isna(row["lon"]) or pd.isna(row["lat"]):
            continue
        pid = str(row["place_id"])
        minutes = row.get("travel_time_min")
        records.append(
            {
                "place_id": pid,
                "kind": str(row["kind"]),
                "name": str(row[col("name", lang)]),
                "short": str(row[col("short", lang)] if pd.notna(row[col("short", lang)]) else row[col("name", lang)]),
                "position": [float(row["lon"]), float(row["lat"])],
                "distance_km": float(distances[pid]) if pid in distances.index and pid != origin else None,
                "travel_time_min": int(minutes) if minutes is not None and pd.notna(minutes) else None,
            }
        )
    return records


def _entry(record: dict, lang: str) -> dict:
    if record["kind"] == "innovation_centre":
        distance = translate("locator.inside", lang)
    elif record["distance_km"] is None:
        distance = "—"
    else:
        distance = distance_text(record["distance_km"], lang)
    minutes = record["travel_time_min"]
    travel = translate("locator.travel_time", lang, minutes=formatting.number(minutes, lang)) if minutes else ""
    return {"place_id": record["place_id"], "name": record["name"], "distance": distance, "travel_time": travel}


def text_list(places: pd.DataFrame, lang: str) -> list[dict]:
    """The map's facts as text: for every place but the IMC, its name, distance and travel time.

    ``places`` is :func:`located_places` (distances are measured from the IMC's point).

    Returns
    -------
    list of dict
        ``place_id``, ``name`` (in ``lang``), ``distance`` (e.g. ``31 km`` / ``31 км``; for the
        innovation centre, that the IMC is on its territory) and ``travel_time`` (``""`` unless
        a source gives one), in the order places are read: centre, airports, station.
    """
    return [_entry(r, lang) for r in place_records(places, lang) if r["kind"] != places_math.ORIGIN_KIND]


def text_lines(places: pd.DataFrame, lang: str) -> list[str]:
    """:func:`text_list` as plain lines (``Name — 31 km · about 40 min``), for lists and copy-paste."""
    return [
        " · ".join(filter(None, (f"{e['name']} — {e['distance']}", e["travel_time"]))) for e in text_list(places, lang)
    ]


def _label_box(anchor_xy: tuple[float, float], side: tuple, text: str, view: View) -> tuple[float, float, float, float]:
    """Screen box (x0, y0, x1, y1) that a label with its white background covers."""
    width = text_width(text, view.font_px) + 6
    height = view.font_px + 6
    anchor, baseline, _dx, _dy = side
    x, y = anchor_xy
    x0 = {"start": x - 3, "end": x - width + 3, "middle": x - width / 2}[anchor]
    y0 = {"center": y - height / 2, "bottom": y - height + 2, "top": y - 2}[baseline]
    return x0, y0, x0 + width, y0 + height


def _overlaps(a: tuple, b: tuple) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def place_labels(records: list[dict], centre: tuple[float, float], zoom: float, view: View) -> list[dict]:
    """Labels placed beside their points, inside the viewport and clear of each other.

    Each label tries the right, left, top and bottom of its point in turn (see :data:`SIDES`);
    labels are placed in :data:`LABEL_PRIORITY` order and one that fits nowhere is left out.
    Every returned label carries its screen ``box`` so callers (and tests) can check the fit.
    """
    limits = (EDGE_PX, EDGE_PX, view.width - EDGE_PX, view.height - EDGE_PX - ATTRIBUTION_BAND_PX)
    rank = {kind: i for i, kind in enumerate(LABEL_PRIORITY)}
    placed: list[dict] = []
    for rec in sorted(records, key=lambda r: rank.get(r["kind"], len(rank))):
        sx, sy = _screen(*rec["position"], centre, zoom, view)
        gap = MARKERS.get(rec["kind"], MARKERS["station"])[1] + 4
        for side in SIDES:
            offset = [side[2] * gap, side[3] * gap]
            box = _label_box((sx + offset[0], sy + offset[1]), side, rec["short"], view)
            inside = limits[0] <= box[0] and limits[1] <= box[1] and box[2] <= limits[2] and box[3] <= limits[3]
            if inside and not any(_overlaps(box, other["box"]) for other in placed):
                placed.append(
                    {
                        "place_id": rec["place_id"],
                        "kind": rec["kind"],
                        "text": rec["short"],
                        "position": rec["position"],
                        "anchor": side[0],
                        "baseline": side[1],
                        "offset": offset,
                        "box": box,
                    }
                )
                break
    return placed


REQUIRED_LABELS = ("imc", "city_centre", "airport")  # the view zooms out until these all fit


def _markers_inside(records: list[dict], centre: tuple[float, float], zoom: float, view: View) -> bool:
    for rec in records:
        sx, sy = _screen(*rec["position"], centre, zoom, view)
        radius = MARKERS.get(rec["kind"], MARKERS["station"])[1] + 2
        if not (EDGE_PX + radius <= sx <= view.width - EDGE_PX - radius):
            return False
        if not (EDGE_PX + radius <= sy <= view.height - EDGE_PX - ATTRIBUTION_BAND_PX - radius):
            return False
    return True


def fit_view(records: list[dict], view: View) -> tuple[tuple[float, float], float, list[dict]]:
    """Centre (Web Mercator px at zoom 0), zoom and labels of the initial view for ``view``.

    The places' bounds are fitted into the viewport above the attribution strip, then the zoom
    steps out until every marker is inside it and the labels of the IMC, the centre and the
    airports all fit.
    """
    if not records:
        return merc_xy(0.0, 0.0), 1.0, []  # no places: the whole world, nothing labelled
    xs, ys = zip(*(merc_xy(*r["position"]) for r in records), strict=True)
    span_x, span_y = max(max(xs) - min(xs), 1e-9), max(max(ys) - min(ys), 1e-9)
    usable_h = view.height - ATTRIBUTION_BAND_PX
    zoom = math.log2(min(view.width / span_x, usable_h / span_y))
    required = {r["place_id"] for r in records if r["kind"] in REQUIRED_LABELS}
    for _ in range(60):
        scale = 2.0**zoom
        centre = ((min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2 + ATTRIBUTION_BAND_PX / 2 / scale)
        labels = place_labels(records, centre, zoom, view)
        fits = _markers_inside(records, centre, zoom, view)
        if fits and required <= {label["place_id"] for label in labels}:
            break
        zoom -= ZOOM_STEP
    return centre, round(zoom, 2), labels


def _rings(geometry: dict) -> list[list[list[float]]]:
    if geometry.get("type") == "Polygon":
        return [geometry["coordinates"][0]]
    if geometry.get("type") == "MultiPolygon":
        return [polygon[0] for polygon in geometry["coordinates"]]
    return []


def _geometry_layers(geometry: dict, lang: str) -> list[pdk.Layer]:
    features = [f for f in geometry.get("features", []) if isinstance(f, dict) and "properties" in f]
    areas = [
        {"ring": ring, "name": f["properties"].get(col("name", lang), "")}
        for f in features
        if f["properties"].get("kind") == "city_boundary"
        for ring in _rings(f.get("geometry") or {})
    ]
    lines = [
        {"path": f["geometry"]["coordinates"], "name": f["properties"].get(col("name", lang), "")}
        for f in features
        if f["properties"].get("kind") == "ring_road" and (f.get("geometry") or {}).get("type") == "LineString"
    ]
    return [
        pdk.Layer(
            "PolygonLayer",
            id="locator-city",
            data=areas,
            get_polygon="ring",
            get_fill_color=BOUNDARY_FILL,
            get_line_color=BOUNDARY_LINE,
            get_line_width=1,
            line_width_units="'pixels'",
            stroked=True,
            filled=True,
            pickable=False,
        ),
        pdk.Layer(
            "PathLayer",
            id="locator-mkad",
            data=lines,
            get_path="path",
            get_color=MKAD_COLOUR,
            get_width=2.5,
            width_units="'pixels'",
            pickable=False,
        ),
    ]


def _marker_records(records: list[dict], lang: str) -> list[dict]:
    out = []
    for rec in records:
        fill, radius, outline = MARKERS.get(rec["kind"], MARKERS["station"])
        entry = _entry(rec, lang) if rec["kind"] != places_math.ORIGIN_KIND else None
        tooltip = rec["name"] if entry is None else f"{rec['name']}\n{entry['distance']}"
        out.append(
            {"position": rec["position"], "fill": fill, "radius": radius, "outline": outline, "tooltip": tooltip}
        )
    # The IMC is drawn last, on top of the innovation centre's ring and the station.
    return sorted(out, key=lambda m: m["radius"] == MARKERS["imc"][1] and m["fill"] == MARKERS["imc"][0])


def _text_layer(layer_id: str, data: list[dict], size: int, colour: list[int], weight: int = 400) -> pdk.Layer:
    """A locator label layer: anchored per label, on a light background."""
    return text_layer(
        layer_id,
        data,
        size,
        get_color=colour,
        get_text_anchor="anchor",
        get_alignment_baseline="baseline",
        get_pixel_offset="offset",
        font_weight=weight,
        background=True,
        get_background_color=[255, 255, 255, 215],
        background_padding=[3, 1],
    )


def build_locator_deck(places: pd.DataFrame, geometry: dict, lang: str, view: str | View = "wide") -> pdk.Deck:
    """The locator map for ``lang``, its initial view fitted to ``view``.

    Parameters
    ----------
    places : pandas.DataFrame
        The places with the IMC located (:func:`located_places`); a row without coordinates
        (the raw table's IMC row) is left off the map.
    geometry : dict
        :func:`load_geometry` (the city boundary and the MKAD); may be empty.
    lang : str
        Language of the labels and the tooltip.
    view : str or View
        ``"wide"`` (a page column), ``"phone"``, ``"inset"`` (the Overview) or a :class:`View`.

    Returns
    -------
    pydeck.Deck
        ``map_provider=None``: no basemap, nothing fetched. Labels sit inside the viewport; the
        attribution line is at its bottom centre.
    """
    size = VIEWS[view] if isinstance(view, str) else view
    records = place_records(places, lang)
    centre, zoom, labels = fit_view(records, size)
    scale = 2.0**zoom
    # Bottom centre: the chart may be wider than the view it was fitted to, never narrower.
    corner = merc_lonlat(centre[0], centre[1] + (size.height / 2 - EDGE_PX) / scale)
    attribution = [
        {
            "position": list(corner),
            "text": translate("locator.attribution", lang),
            "anchor": "middle",
            "baseline": "bottom",
            "offset": [0, 0],
        }
    ]
    imc_labels = [{k: v for k, v in lab.items() if k != "box"} for lab in labels if lab["kind"] == "imc"]
    other_labels = [{k: v for k, v in lab.items() if k != "box"} for lab in labels if lab["kind"] != "imc"]
    layers = [
        *_geometry_layers(geometry, lang),
        pdk.Layer(
            "ScatterplotLayer",
            id="locator-places",
            data=_marker_records(records, lang),
            get_position="position",
            get_fill_color="fill",
            get_line_color="outline",
            get_radius="radius",
            radius_units="'pixels'",
            line_width_units="'pixels'",
            get_line_width=1.5,
            stroked=True,
            filled=True,
            pickable=True,
        ),
        _text_layer("locator-labels", other_labels, size.font_px, [30, 30, 30, 255]),
        _text_layer("locator-imc-label", imc_labels, size.font_px + 1, [160, 20, 35, 255], weight=700),
        _text_layer("locator-attribution", attribution, max(size.font_px - 3, 9), [90, 90, 90, 255]),
    ]
    lon, lat = merc_lonlat(*centre)
    return pdk.Deck(
        layers=layers,
        initial_view_state=pdk.ViewState(longitude=round(lon, 5), latitude=round(lat, 5), zoom=zoom),
        map_provider=None,
        tooltip={"text": "{tooltip}"},
    )


def legend_entries(geometry: dict, lang: str) -> list[dict]:
    """What the map's area and line are, named from the data: ``[{"label", "hex", "shape"}]``."""
    style = {"city_boundary": (BOUNDARY_FILL, "area"), "ring_road": (MKAD_COLOUR, "line")}
    entries = []
    for feature in geometry.get("features", []):
        props = feature.get("properties") or {}
        if props.get("kind") in style and props.get(col("name", lang)):
            rgba, shape = style[props["kind"]]
            entries.append(
                {"label": str(props[col("name", lang)]), "hex": "#{:02x}{:02x}{:02x}".format(*rgba[:3]), "shape": shape}
            )
    return entries


def source_ids(places: pd.DataFrame, geometry: dict) -> list[str]:
    """Every source behind the map: the places' and the geometry's ``source_ids``, in first-seen order."""
    cells = list(places["source_ids"].dropna()) + [
        (f.get("properties") or {}).get("source_ids", "") for f in geometry.get("features", [])
    ]
    ids: dict[str, None] = {}
    for cell in cells:
        # The loaded table holds a tuple of ids; the GeoJSON, the file's ``;``-separated text.
        for sid in cell if isinstance(cell, (tuple, list)) else str(cell).split(";"):
            if sid.strip():
                ids.setdefault(sid.strip(), None)
    return list(ids)


@shared_result(key=lambda ds: ds.content_key, max_entries=4)
def located_places(ds: Dataset) -> pd.DataFrame:
    """The ``locator_places`` table with the IMC placed at the centre of the site outline (read-only, shared)."""
    return places_math.with_imc_position(ds["locator_places"], ds.site_geo)


def _geometry_version() -> int:
    try:
        return LOCATOR_GEOJSON.stat().st_mtime_ns
    except OSError:
        return 0


@shared_result(key=lambda ds, lang, view="wide": (ds.content_key, _geometry_version(), lang, view), max_entries=16)
def locator_deck(ds: Dataset, lang: str, view: str = "wide") -> pdk.Deck:
    """:func:`build_locator_deck` of the data's places, kept per data version, geometry file, language and view."""
    return build_locator_deck(located_places(ds), load_geometry(), lang, view)
