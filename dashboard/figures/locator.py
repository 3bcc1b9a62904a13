"""The locator map: where the IMC is in Moscow, drawn on the server as one small SVG, and the same facts as text.

Geometry (the city boundary, the MKAD ring and the other lines) comes from ``assets/locator.geojson``
(open data, built by ``tools/build_locator.py``); the named places and their sources from the
``locator_places`` table; distances from :mod:`imc_data.locator`. Nothing is typed in here but
styling: names, coordinates and licences are data.

Why an SVG and not a deck.gl chart: the map is a still picture, and deck.gl costs a phone about
fifteen times the blocking time of an empty page (issue 20). The SVG is computed here, sent
inline (no request, no script), keeps its text selectable and has its height the moment it
arrives (no layout shift). Positions are projected to :data:`imc_data.schema.METRIC_CRS`, so
the scale bar is true in metres. Every label is placed on a side of its point where it fits
inside the picture without covering another label; one that fits nowhere is left off the map
(the text list still has it), so no label is ever cut at the edge.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import shapely
import shapely.ops
from pyproj import Transformer

from imc_data import locator as places_math
from imc_data.load import Dataset
from imc_data.schema import METRIC_CRS

from .. import formatting
from ..cache.shared import shared_result
from ..i18n import col, translate
from ..nav import APP_ROOT
from ..safe import markup
from .screen import View, text_width

LOCATOR_GEOJSON = APP_ROOT / "assets" / "locator.geojson"
TO_METRIC = Transformer.from_crs("EPSG:4326", METRIC_CRS, always_xy=True)

VIEWS = {
    # Sizes in CSS px at which the picture is drawn 1:1 (it only ever shrinks below them).
    "wide": View(580, 440, font_px=14),  # the map column of a 1440 px laptop screen
    "phone": View(358, 420, font_px=14),  # a 390 px phone minus the page's margins
    "inset": View(330, 250, font_px=14),  # the Overview's card at 1440 px; still >= 12 px down to a 283 px card
}
EDGE_PX = 4  # labels keep this far from the picture's edge
FOOT_GAP_PX = 12  # the bottom strip kept free for the scale bar and the attribution: their type plus this
FIT_STEP = 0.95  # the scale shrinks by this factor until the required labels fit
FONT = "Inter, 'DejaVu Sans', Arial, sans-serif"  # the page's font; labels are measured in the wider DejaVu
# Labels are placed in this order; a later one gives way to an earlier one.
LABEL_PRIORITY = ("imc", "city_centre", "airport", "innovation_centre", "station")
REQUIRED_LABELS = ("imc", "city_centre", "airport")  # the scale shrinks until these all fit
MARKERS = {  # kind: (fill, radius px)
    "imc": ("#c81e2d", 7),
    "innovation_centre": ("none", 14),
    "city_centre": ("#282828", 6),
    "airport": ("#1e50a0", 6),
    "station": ("#287846", 4),
}
# How each kind of feature is drawn: SVG attributes of its path(s), bottom to top.
FEATURE_STYLE = {
    "city_boundary": ({"fill": "#ece6d9", "stroke": "#a89c88", "stroke-width": "1"},),
    "river": ({"fill": "none", "stroke": "#7db0e0", "stroke-width": "2.5"},),
    "rail": (
        {"fill": "none", "stroke": "#4a4a4a", "stroke-width": "3"},
        {"fill": "none", "stroke": "#ffffff", "stroke-width": "1.4", "stroke-dasharray": "5 5"},
    ),
    "road": ({"fill": "none", "stroke": "#e39b4f", "stroke-width": "2.2"},),
    "ring_road": ({"fill": "none", "stroke": "#d6782a", "stroke-width": "3"},),
}
# The legend's swatch of each kind: the colour its main path is drawn with (the area's fill).
LEGEND_SWATCH = {
    kind: styles[0]["stroke" if kind != "city_boundary" else "fill"] for kind, styles in FEATURE_STYLE.items()
}
SCALE_STEPS_KM = (1, 2, 5, 10, 20, 50)
# Where a label may sit relative to its point: (text anchor, vertical place, unit offset x, unit offset y).
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


LINK_KINDS = ("ring_road", "road", "rail")  # lines listed with their distance from the IMC


def link_entries(places: pd.DataFrame, geometry: dict, lang: str) -> list[dict]:
    """The road and rail lines of the map (:data:`LINK_KINDS`), each with its distance from the IMC.

    The distance is to the line's nearest point, straight, computed from the geometry; lines
    without a name in ``lang`` or when the IMC has no position are left out.
    """
    imc = next((r for r in place_records(places, lang) if r["kind"] == places_math.ORIGIN_KIND), None)
    entries = []
    for feature in geometry.get("features", []) if imc else []:
        props, shape = feature.get("properties") or {}, feature.get("geometry") or {}
        if props.get("kind") not in LINK_KINDS or not props.get(col("name", lang)):
            continue
        lines = [shape["coordinates"]] if shape.get("type") == "LineString" else shape.get("coordinates", [])
        if shape.get("type") not in ("LineString", "MultiLineString") or not lines:
            continue
        km = min(places_math.distance_to_line_km(tuple(imc["position"]), line) for line in lines)
        entries.append(
            {
                "place_id": str(props.get("feature_id", "")),
                "name": str(props[col("name", lang)]),
                "distance": translate("locator.nearest_point", lang, distance=distance_text(km, lang)),
                "travel_time": "",
            }
        )
    return entries


def text_list(places: pd.DataFrame, lang: str, geometry: dict | None = None) -> list[dict]:
    """The map's facts as text: for every place but the IMC, its name, distance and travel time.

    ``places`` is :func:`located_places` (distances are measured from the IMC's point); with
    ``geometry``, the road and rail lines follow the places (:func:`link_entries`).

    Returns
    -------
    list of dict
        ``place_id``, ``name`` (in ``lang``), ``distance`` (e.g. ``31 km`` / ``31 км``; for the
        innovation centre, that the IMC is on its territory) and ``travel_time`` (``""`` unless
        a source gives one), in the order places are read: centre, airports, station, lines.
    """
    entries = [_entry(r, lang) for r in place_records(places, lang) if r["kind"] != places_math.ORIGIN_KIND]
    return entries + (link_entries(places, geometry, lang) if geometry else [])


def text_lines(places: pd.DataFrame, lang: str, geometry: dict | None = None) -> list[str]:
    """:func:`text_list` as plain lines (``Name — 31 km · about 40 min``), for lists and copy-paste."""
    return [
        " · ".join(filter(None, (f"{e['name']} — {e['distance']}", e["travel_time"])))
        for e in text_list(places, lang, geometry)
    ]


def _metric(lon: float, lat: float) -> tuple[float, float]:
    x, y = TO_METRIC.transform(lon, lat)
    return float(x), float(y)


@dataclass(frozen=True)
class Frame:
    """Where the metric CRS lands in the picture: ``px = (x - left) * scale``, ``py = (top - y) * scale``."""

    view: View
    left: float
    top: float
    scale: float  # px per metre

    def px(self, x: float, y: float) -> tuple[float, float]:
        return (x - self.left) * self.scale, (self.top - y) * self.scale

    def bounds(self) -> tuple[float, float, float, float]:
        """The picture's extent in metres: (min x, min y, max x, max y)."""
        return self.left, self.top - self.view.height / self.scale, self.left + self.view.width / self.scale, self.top


def _label_box(anchor_xy: tuple[float, float], side: tuple, text: str, view: View, bold: bool) -> tuple:
    """Screen box (x0, y0, x1, y1) that a label with its light background covers."""
    width = text_width(text, view.font_px, bold) + 6
    height = view.font_px + 6
    anchor, place, _dx, _dy = side
    x, y = anchor_xy
    x0 = {"start": x - 3, "end": x - width + 3, "middle": x - width / 2}[anchor]
    y0 = {"center": y - height / 2, "bottom": y - height + 2, "top": y - 2}[place]
    return x0, y0, x0 + width, y0 + height


def _overlaps(a: tuple, b: tuple) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _foot_px(view: View) -> int:
    """Height of the bottom strip kept free for the scale bar and the attribution line."""
    return view.small_px + FOOT_GAP_PX


def place_labels(records: list[dict], frame: Frame) -> list[dict]:
    """Labels placed beside their points, inside the picture and clear of each other.

    Each label tries the right, left, top and bottom of its point in turn (see :data:`SIDES`);
    labels are placed in :data:`LABEL_PRIORITY` order and one that fits nowhere is left out.
    Every returned label carries its screen ``box`` (x0, y0, x1, y1) in picture px.
    """
    view = frame.view
    limits = (EDGE_PX, EDGE_PX, view.width - EDGE_PX, view.height - EDGE_PX - _foot_px(view))
    rank = {kind: i for i, kind in enumerate(LABEL_PRIORITY)}
    placed: list[dict] = []
    for rec in sorted(records, key=lambda r: rank.get(r["kind"], len(rank))):
        sx, sy = frame.px(*rec["xy"])
        gap = MARKERS.get(rec["kind"], MARKERS["station"])[1] + 4
        bold = rec["kind"] == places_math.ORIGIN_KIND
        for side in SIDES:
            box = _label_box((sx + side[2] * gap, sy + side[3] * gap), side, rec["short"], view, bold)
            inside = limits[0] <= box[0] and limits[1] <= box[1] and box[2] <= limits[2] and box[3] <= limits[3]
            if inside and not any(_overlaps(box, other["box"]) for other in placed):
                placed.append({"place_id": rec["place_id"], "kind": rec["kind"], "text": rec["short"], "box": box})
                break
    return placed


def _markers_inside(records: list[dict], frame: Frame) -> bool:
    view = frame.view
    for rec in records:
        sx, sy = frame.px(*rec["xy"])
        radius = MARKERS.get(rec["kind"], MARKERS["station"])[1] + 2
        if not (EDGE_PX + radius <= sx <= view.width - EDGE_PX - radius):
            return False
        if not (EDGE_PX + radius <= sy <= view.height - EDGE_PX - _foot_px(view) - radius):
            return False
    return True


def fit_frame(records: list[dict], view: View) -> tuple[Frame, list[dict]]:
    """The frame and labels of the picture: the places fitted into it above the foot strip.

    The scale then shrinks step by step until every marker is inside and the labels of the IMC,
    the centre and the airports all fit.
    """
    if not records:
        return Frame(view, 0.0, 0.0, 1.0), []
    xs, ys = zip(*(r["xy"] for r in records), strict=True)
    span_x, span_y = max(max(xs) - min(xs), 1.0), max(max(ys) - min(ys), 1.0)
    usable_h = view.height - _foot_px(view)
    scale = min(view.width / span_x, usable_h / span_y)
    required = {r["place_id"] for r in records if r["kind"] in REQUIRED_LABELS}
    for _ in range(60):
        mid_x, mid_y = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
        frame = Frame(view, mid_x - view.width / 2 / scale, mid_y + usable_h / 2 / scale, scale)
        labels = place_labels(records, frame)
        if _markers_inside(records, frame) and required <= {label["place_id"] for label in labels}:
            break
        scale *= FIT_STEP
    return frame, labels


def _to_metric_geometry(geometry: dict) -> shapely.Geometry | None:
    try:
        shape = shapely.from_geojson(json.dumps(geometry))
    except (shapely.errors.GEOSException, TypeError, ValueError):
        return None
    return shapely.ops.transform(TO_METRIC.transform, shape)


def _path_data(shape: shapely.Geometry, frame: Frame) -> str:
    """SVG path data of ``shape`` (metres) in picture px, 1 decimal; rings closed with ``Z``."""
    parts = []
    for line in _lines(shape):
        coords = [frame.px(x, y) for x, y in line.coords]
        if len(coords) < 2:
            continue
        text = " ".join(f"{x:.1f} {y:.1f}" for x, y in coords)
        parts.append(f"M{text}{'Z' if line.is_ring and shape.geom_type.endswith('Polygon') else ''}")
    return "".join(parts)


def _lines(shape: shapely.Geometry) -> list:
    if shape.is_empty:
        return []
    if shape.geom_type == "Polygon":
        return [shape.exterior, *shape.interiors]
    if shape.geom_type in ("LineString", "LinearRing"):
        return [shape]
    return [line for part in getattr(shape, "geoms", []) for line in _lines(part)]


def _attributes(style: dict) -> str:
    return " ".join(f'{name}="{value}"' for name, value in style.items())


def _feature_paths(geometry: dict, frame: Frame) -> list[str]:
    """The geometry's features as SVG paths, clipped to the picture, drawn in :data:`FEATURE_STYLE` order."""
    x0, y0, x1, y1 = frame.bounds()
    margin = 20 / frame.scale
    by_kind: dict[str, list[str]] = {kind: [] for kind in FEATURE_STYLE}
    for feature in geometry.get("features", []):
        kind = (feature.get("properties") or {}).get("kind")
        if kind not in FEATURE_STYLE or not isinstance(feature.get("geometry"), dict):
            continue
        shape = _to_metric_geometry(feature["geometry"])
        if shape is None:
            continue
        clipped = shapely.clip_by_rect(shape, x0 - margin, y0 - margin, x1 + margin, y1 + margin)
        data = _path_data(clipped, frame)
        if data:
            by_kind[kind].extend(f'<path d="{data}" {_attributes(style)}/>' for style in FEATURE_STYLE[kind])
    return [path for paths in by_kind.values() for path in paths]


def _marker(rec: dict, frame: Frame, lang: str) -> str:
    fill, radius = MARKERS.get(rec["kind"], MARKERS["station"])
    x, y = frame.px(*rec["xy"])
    entry = _entry(rec, lang) if rec["kind"] != places_math.ORIGIN_KIND else None
    tip = markup(rec["name"] if entry is None else f"{rec['name']} — {entry['distance']}")
    if rec["kind"] == "innovation_centre":  # a ring around the IMC: the territory it sits on
        return (
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{radius}" fill="#c81e2d" fill-opacity="0.08" '
            f'stroke="#c81e2d" stroke-width="1.5" stroke-dasharray="3 2"><title>{tip}</title></circle>'
        )
    halo = (
        f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{radius + 5}" fill="#c81e2d" fill-opacity="0.18"/>'
        if rec["kind"] == places_math.ORIGIN_KIND
        else ""
    )
    return (
        f'{halo}<circle cx="{x:.1f}" cy="{y:.1f}" r="{radius}" fill="{fill}" stroke="#ffffff" '
        f'stroke-width="1.5"><title>{tip}</title></circle>'
    )


def _label(label: dict, view: View) -> str:
    x0, y0, x1, y1 = label["box"]
    imc = label["kind"] == places_math.ORIGIN_KIND
    colour, weight = ("#a01423", "700") if imc else ("#1e1e1e", "400")
    baseline = (y0 + y1) / 2 + 0.36 * view.font_px  # the middle of capitals and lower case sits on the centre
    return (
        f'<rect x="{x0:.1f}" y="{y0:.1f}" width="{x1 - x0:.1f}" height="{y1 - y0:.1f}" rx="3" '
        f'fill="#ffffff" fill-opacity="0.85"/>'
        f'<text x="{x0 + 3:.1f}" y="{baseline:.1f}" font-size="{view.font_px}" font-weight="{weight}" '
        f'fill="{colour}">{markup(label["text"])}</text>'
    )


def _scale_bar(frame: Frame, lang: str) -> str:
    """A bar of a round number of km, about a fifth of the picture wide, in the bottom-left corner."""
    target_km = frame.view.width / 5 / frame.scale / 1000
    km = min(SCALE_STEPS_KM, key=lambda step: abs(math.log(step / target_km)))
    length = km * 1000 * frame.scale
    x, y = EDGE_PX + 4, frame.view.height - 8
    return (
        f'<path d="M{x:.1f} {y - 5:.1f}V{y:.1f}H{x + length:.1f}V{y - 5:.1f}" fill="none" stroke="#333333" '
        f'stroke-width="1.5"/>'
        f'<text x="{x + length + 5:.1f}" y="{y:.1f}" font-size="{frame.view.small_px}" fill="#333333">'
        f"{markup(distance_text(km, lang))}</text>"
    )


def _north_arrow(frame: Frame, lang: str) -> str:
    """An arrow to true north (the metric grid turns about a degree away from it at Moscow), top right."""
    x0, y0, x1, y1 = frame.bounds()
    centre_lonlat = TO_METRIC.transform((x0 + x1) / 2, (y0 + y1) / 2, direction="INVERSE")
    ax, ay = _metric(*centre_lonlat)
    bx, by = _metric(centre_lonlat[0], centre_lonlat[1] + 0.05)
    angle = math.degrees(math.atan2(bx - ax, by - ay))
    cx, cy = frame.view.width - EDGE_PX - 12, EDGE_PX + 26
    return (
        f'<g transform="rotate({angle:.1f} {cx} {cy})">'
        f'<path d="M{cx} {cy - 10}L{cx + 6} {cy + 8}L{cx} {cy + 4}L{cx - 6} {cy + 8}Z" fill="#333333"/></g>'
        f'<text x="{cx}" y="{cy - 13}" font-size="{frame.view.small_px}" font-weight="700" fill="#333333" '
        f'text-anchor="middle">{markup(translate("locator.north", lang))}</text>'
    )


def _with_metric(records: list[dict]) -> list[dict]:
    return [{**rec, "xy": _metric(*rec["position"])} for rec in records]


def locator_svg(places: pd.DataFrame, geometry: dict, lang: str, view: str | View = "wide", alt: str = "") -> str:
    """The locator map for ``lang`` as one ``<svg>`` element, fitted to ``view``.

    Parameters
    ----------
    places : pandas.DataFrame
        The places with the IMC located (:func:`located_places`); a row without coordinates
        (the raw table's IMC row) is left off the map.
    geometry : dict
        :func:`load_geometry` (boundary, ring road, river, road and rail lines); may be empty.
    lang : str
        Language of the labels, the scale bar and the attribution.
    view : str or View
        ``"wide"`` (a page column), ``"phone"``, ``"inset"`` (the Overview) or a :class:`View`.
    alt : str
        What the picture shows, for screen readers (the list beside it has the same facts).

    Returns
    -------
    str
        Markup that requests nothing: drawn at ``view``'s size in CSS px, shrinking (never
        growing) with a narrower column; every data text escaped by :func:`dashboard.safe.markup`.
        Show it with ``st.markdown(svg, unsafe_allow_html=True)``: ``st.html`` drops an ``<svg>``
        (Streamlit 1.67), ``st.image`` would make its text unselectable.
    """
    size = VIEWS[view] if isinstance(view, str) else view
    records = _with_metric(place_records(places, lang))
    frame, labels = fit_frame(records, size)
    # The innovation centre's ring first, the IMC last: the IMC's dot is never covered.
    order = {"innovation_centre": 0, places_math.ORIGIN_KIND: 2}
    markers = [_marker(rec, frame, lang) for rec in sorted(records, key=lambda r: order.get(r["kind"], 1))]
    attribution = (
        f'<text x="{size.width - EDGE_PX}" y="{size.height - 8}" font-size="{size.small_px}" fill="#555555" '
        f'text-anchor="end">{markup(translate("locator.attribution", lang))}</text>'
    )
    body = "".join(
        [
            f'<rect width="{size.width}" height="{size.height}" fill="#f7f6f2"/>',
            *_feature_paths(geometry, frame),
            *markers,
            *(_label(label, size) for label in labels),
            _scale_bar(frame, lang),
            _north_arrow(frame, lang),
            attribution,
        ]
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="imc-locator" viewBox="0 0 {size.width} {size.height}" '
        f'width="100%" role="img" aria-label="{markup(alt)}" font-family="{FONT}" '
        f'style="display:block;max-width:{size.width}px;height:auto;aspect-ratio:{size.width}/{size.height}">'
        f"{body}</svg>"
    )


def legend_entries(geometry: dict, lang: str) -> list[dict]:
    """What the map's area and lines are, named from the data: ``[{"label", "hex", "shape"}]``."""
    entries = []
    for feature in geometry.get("features", []):
        props = feature.get("properties") or {}
        if props.get("kind") in LEGEND_SWATCH and props.get(col("name", lang)):
            shape = "area" if props["kind"] == "city_boundary" else "line"
            entries.append(
                {"label": str(props[col("name", lang)]), "hex": LEGEND_SWATCH[props["kind"]], "shape": shape}
            )
    return entries


def legend_html(geometry: dict, lang: str) -> str:
    """:func:`legend_entries` as one line of swatches and names (escaped), for under the map."""
    swatches = [
        f"<span style='white-space:nowrap'><span style='display:inline-block;width:1em;"
        f"height:{'0.9em' if e['shape'] == 'area' else '0.3em'};background:{e['hex']};"
        f"border:{'1px solid #a89c88' if e['shape'] == 'area' else 'none'};"
        f"margin-right:0.35em;vertical-align:middle'></span>{markup(e['label'])}</span>"
        for e in legend_entries(geometry, lang)
    ]
    return f"<div class='imc-locator-legend' style='font-size:0.875rem'>{' &nbsp;·&nbsp; '.join(swatches)}</div>"


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


@shared_result(
    key=lambda ds, lang, view="wide", alt="": (ds.content_key, _geometry_version(), lang, view, alt), max_entries=16
)
def locator_figure(ds: Dataset, lang: str, view: str = "wide", alt: str = "") -> str:
    """:func:`locator_svg` of the data's places, kept per data version, geometry file, language and view."""
    return locator_svg(located_places(ds), load_geometry(), lang, view, alt)
