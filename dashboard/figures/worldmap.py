"""World map of OECD member states and the countries of IMC operators, drawn with no network.

Plotly's geo traces download their base map as topojson from a CDN, and a Plotly chart costs the page
its whole chart library. This map is one SVG picture instead, shown as an image: the country outlines of
``assets/world_countries.geojson`` (Natural Earth, public domain, shipped in the repository) in a plain
longitude / latitude frame. Nothing is fetched at run time, and it prints.

The emphasis is on the OECD countries of IMC partners: they carry the strong colour, a hatch, a
marker and a label; other OECD members are a light blue, the rest of the world and the operator
countries outside the OECD (Russia, the host) are a quiet dotted beige, with their role in the table
under the map. A role is never shown by colour alone (hatch, dots, label, legend, table).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

import pandas as pd

from imc_data import Dataset

from ..cache.shared import shared_result
from ..i18n import translate
from ..nav import APP_ROOT
from ..safe import markup
from .locator import FONT

WORLD_SHAPES = APP_ROOT / "assets" / "world_countries.geojson"

# Categories in drawing order (later ones on top).
OTHER = "other"
OECD = "oecd_member"
OECD_WITH_OPERATORS = "oecd_with_operators"
OPERATORS_NOT_OECD = "operators_not_oecd"
CATEGORIES = (OTHER, OECD, OECD_WITH_OPERATORS, OPERATORS_NOT_OECD)

STYLE = {
    # fill colour, hatch shape (None = plain), outline colour
    OTHER: ("#e6e6e6", None, "#ffffff"),
    OECD: ("#c6dbef", None, "#ffffff"),
    OECD_WITH_OPERATORS: ("#0b5394", "/", "#ffffff"),
    OPERATORS_NOT_OECD: ("#d9d3c7", ".", "#ffffff"),  # quiet: the pitch is the OECD partners
}
# The marks over the two patterned fills (map and legend alike): white stripes, grey-brown dots.
HATCH_INK, HATCH_OPACITY = "#ffffff", 0.45
DOT_INK = "#8a7f6c"
LABELLED = (OECD_WITH_OPERATORS,)  # categories whose countries get a marker and a label

# Visible frame: Antarctica and the far Arctic are left out.
LON_RANGE = (-170.0, 180.0)
LAT_RANGE = (-56.0, 80.0)
# Label layout, in map degrees, for labels of LABEL_FONT_PX on a map of PX_PER_DEGREE (the defaults of
# place_labels; a MapView passes its own).
PX_PER_DEGREE = 2.3
LABEL_FONT_PX = 14
LABEL_HEIGHT_PX = 24  # a 14 px line, its padding and border
LABEL_CHAR_PX = 8.0  # a generous average width of one character at 14 px
CLUSTER_DEG = 20.0  # points closer than this share one column of labels
COLUMN_GAP_DEG = 12.0  # that column stands this far west of the cluster's westernmost point


@dataclass(frozen=True)
class MapView:
    """The size of the drawing: ``width`` px for the frame :data:`LON_RANGE` × :data:`LAT_RANGE`, labels of ``font_px``.

    The picture is drawn ``width`` px wide, or narrower (text with it) in a narrower column.
    """

    width: int = 960
    font_px: int = LABEL_FONT_PX

    @classmethod
    def fitting(cls, box_px: tuple[int, int], font_px: int = LABEL_FONT_PX) -> MapView:
        """The widest view whose drawing fits in ``box_px`` (width, height)."""
        aspect = (LON_RANGE[1] - LON_RANGE[0]) / (LAT_RANGE[1] - LAT_RANGE[0])
        return cls(min(int(box_px[0]), int(box_px[1] * aspect)), font_px)

    @property
    def px_per_degree(self) -> float:
        return self.width / (LON_RANGE[1] - LON_RANGE[0])

    @property
    def height(self) -> int:
        return round((LAT_RANGE[1] - LAT_RANGE[0]) * self.px_per_degree)

    def x(self, lon: float) -> float:
        return (lon - LON_RANGE[0]) * self.px_per_degree

    def y(self, lat: float) -> float:
        return (LAT_RANGE[1] - lat) * self.px_per_degree


@shared_result(key=lambda path: (path, path.stat().st_mtime_ns), max_entries=2)
def load_world_shapes(path: Path = WORLD_SHAPES) -> dict:
    """The country outlines as a GeoJSON FeatureCollection (``properties.iso3``, ``properties.name``); shared."""
    return json.loads(path.read_text(encoding="utf-8"))


@shared_result(key=lambda ds, lang, view=None: (ds.content_key, lang, view), max_entries=8)
def operator_world_map(ds: Dataset, lang: str, view: MapView | None = None) -> str:
    """The Operators page's map: :func:`world_map_svg` of the shipped outlines and the data's roles (shared)."""
    roles = country_roles(ds["operators"], ds["countries"], lang)
    return world_map_svg(load_world_shapes(), roles, lang, view or MapView())


def country_roles(operators: pd.DataFrame, countries: pd.DataFrame, lang: str) -> pd.DataFrame:
    """One row per country of ``countries.csv``: name, OECD membership and the operators based there.

    Parameters
    ----------
    operators, countries : DataFrame
        The ``operators`` and ``countries`` tables.
    lang : str
        ``"en"`` or ``"ru"``: language of the names.

    Returns
    -------
    DataFrame
        Columns ``iso3``, ``name``, ``oecd_member`` (bool), ``accession_year`` (int or ``None``),
        ``operators`` (list of ``(name, status)``) and ``category`` (one of :data:`CATEGORIES`).
    """
    name_col = f"name_{lang}"
    by_country: dict[str, list[tuple[str, str]]] = {}
    for _, op in operators.iterrows():
        by_country.setdefault(op["country_iso3"], []).append((op[name_col], op["status"]))
    rows = []
    for _, c in countries.iterrows():
        member = bool(c["oecd_member"]) if pd.notna(c["oecd_member"]) else False
        ops = by_country.get(c["iso3"], [])
        with_ops = OECD_WITH_OPERATORS if member else OPERATORS_NOT_OECD
        category = with_ops if ops else (OECD if member else OTHER)
        year = c["oecd_accession_year"]
        rows.append(
            {
                "iso3": c["iso3"],
                "name": c[name_col],
                "oecd_member": member,
                "accession_year": int(year) if pd.notna(year) else None,
                "operators": ops,
                "category": category,
            }
        )
    return pd.DataFrame(rows, columns=["iso3", "name", "oecd_member", "accession_year", "operators", "category"])


def _rings(geometry: dict) -> list[list[list[float]]]:
    # Exterior rings only: holes are small at this scale and drawn over by their own country.
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"][0]]
    if geometry["type"] == "MultiPolygon":
        return [poly[0] for poly in geometry["coordinates"]]
    return []


def label_anchor(rings: list) -> tuple[float, float]:
    """Where to pin a country's label: the centre of the bounding box of its largest ring."""
    best = max(
        rings,
        key=lambda r: (max(p[0] for p in r) - min(p[0] for p in r)) * (max(p[1] for p in r) - min(p[1] for p in r)),
    )
    xs = [p[0] for p in best]
    ys = [p[1] for p in best]
    return (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2


def label_size_deg(
    text: str, px_per_degree: float = PX_PER_DEGREE, font_px: float = LABEL_FONT_PX
) -> tuple[float, float]:
    """Width and height of a label's box in map degrees, for labels of ``font_px`` on a map of ``px_per_degree``."""
    grow = font_px / LABEL_FONT_PX
    return (len(text) * LABEL_CHAR_PX * grow + 12) / px_per_degree, LABEL_HEIGHT_PX * grow / px_per_degree


def label_box(
    text: str, x: float, y: float, anchor: str, px_per_degree: float = PX_PER_DEGREE, font_px: float = LABEL_FONT_PX
) -> tuple[float, float, float, float]:
    """``(west, south, east, north)`` of a label whose box is anchored at ``(x, y)`` (``"center"`` or ``"right"``)."""
    width, height = label_size_deg(text, px_per_degree, font_px)
    west = x - width if anchor == "right" else x - width / 2
    return west, y - height / 2, west + width, y + height / 2


def _overlap(a: tuple, b: tuple) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _clusters(anchors: list[tuple[str, float, float]]) -> list[list[tuple[str, float, float]]]:
    """Groups of points that are closer than :data:`CLUSTER_DEG` to one of the group (single link)."""
    groups: list[list[tuple[str, float, float]]] = []
    for anchor in anchors:
        near = [
            g
            for g in groups
            if any(abs(anchor[1] - o[1]) < CLUSTER_DEG and abs(anchor[2] - o[2]) < CLUSTER_DEG for o in g)
        ]
        merged = [anchor] + [a for g in near for a in g]
        groups = [g for g in groups if g not in near] + [merged]
    return groups


def place_labels(
    anchors: list[tuple[str, float, float]], px_per_degree: float = PX_PER_DEGREE, font_px: float = LABEL_FONT_PX
) -> dict[str, tuple[float, float, str]]:
    """Where each label stands, in map degrees, so that no two labels overlap.

    Parameters
    ----------
    anchors : list of (text, lon, lat)
        Label text and the point it points at.
    px_per_degree, font_px : float
        The map's scale and the labels' font size, both in the picture's px.

    Returns
    -------
    dict
        ``text -> (lon, lat, anchor)``: the label box's anchor point and its side (``"right"``: the box
        ends there; ``"center"``). Points close together (Europe) get one column of labels to their
        west, north to south in the order of their points, each joined to its point by a line; a point
        on its own gets its label above it, else below, else beside it.
    """
    placed: list[tuple[float, float, float, float]] = []
    out: dict[str, tuple[float, float, str]] = {}
    _, step = label_size_deg("", px_per_degree, font_px)
    step += 1.0
    groups = sorted(_clusters(anchors), key=len, reverse=True)
    for group in (g for g in groups if len(g) > 1):
        column = min(a[1] for a in group) - COLUMN_GAP_DEG
        top = sum(a[2] for a in group) / len(group) + step * (len(group) - 1) / 2
        for i, (text, _, _) in enumerate(sorted(group, key=lambda a: -a[2])):
            out[text] = (column, top - i * step, "right")
            placed.append(label_box(text, *out[text], px_per_degree, font_px))
    for text, lon, lat in (g[0] for g in groups if len(g) == 1):
        width, _ = label_size_deg(text, px_per_degree, font_px)
        candidates = [(lon, lat + step), (lon, lat - step), (lon + width / 2 + 3, lat), (lon - width / 2 - 3, lat)]
        spot = next(
            (
                c
                for c in candidates
                if not any(_overlap(label_box(text, *c, "center", px_per_degree, font_px), b) for b in placed)
            ),
            candidates[0],
        )
        out[text] = (*spot, "center")
        placed.append(label_box(text, *out[text], px_per_degree, font_px))
    return out


def world_map_svg(shapes: dict, roles: pd.DataFrame, lang: str, view: MapView | None = None) -> str:
    """The world map as one ``<svg>`` element: OECD members, operator countries (OECD or not) and the rest.

    Parameters
    ----------
    shapes : dict
        GeoJSON FeatureCollection with ``properties.iso3`` (see :func:`load_world_shapes`).
    roles : DataFrame
        Output of :func:`country_roles`.
    lang : str
        Language of the labels.
    view : MapView
        Width and label size in px (the height follows from the frame).

    Returns
    -------
    str
        Markup that requests nothing (a plain equirectangular drawing, no geo subplot, no base map).
        Each country with a role is its own ``<path>`` carrying ``data-iso3`` and ``data-category``;
        the OECD partners' countries also get a marker and a label ``"Country · n"`` (n = operators
        and partners listed there). No tooltips: an image shows none, and the table under the map
        gives each role. Every data text is escaped by :func:`dashboard.safe.markup`. Show it with
        ``st.image(svg, alt=...)`` (its own size, smaller in a narrower column): as inline markup the
        page took about 0.8 s longer to draw it. The legend is :func:`legend_html`.
    """
    view = view or MapView()
    role_by_iso = roles.set_index("iso3")
    other: list[str] = []
    countries: dict[str, list[str]] = {c: [] for c in CATEGORIES}
    labelled: list[tuple[str, float, float, str]] = []  # label, lon, lat, category
    for feature in shapes["features"]:
        iso3 = feature["properties"]["iso3"]
        rings = _rings(feature["geometry"])
        if not rings:
            continue
        data = _path_data(rings, view)
        if iso3 not in role_by_iso.index or role_by_iso.loc[iso3, "category"] == OTHER:
            other.append(data)
            continue
        role = role_by_iso.loc[iso3]
        category = role["category"]
        countries[category].append(
            f'<path d="{data}" fill="{_fill(category)}" stroke="{STYLE[category][2]}" stroke-width="0.6" '
            f'data-iso3="{markup(iso3)}" data-category="{category}"/>'
        )
        if role["operators"] and category in LABELLED:
            labelled.append((f"{role['name']} · {len(role['operators'])}", *label_anchor(rings), category))
    fill, _, line = STYLE[OTHER]
    body = [
        f'<rect width="{view.width}" height="{view.height}" fill="#f5f9fc"/>',
        f'<g fill="{fill}" stroke="{line}" stroke-width="0.6">',
        *(f'<path d="{data}"/>' for data in other),
        "</g>",
        *(path for category in CATEGORIES[1:] for path in countries[category]),
        *_labels(labelled, view),
    ]
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="imc-world-map" viewBox="0 0 {view.width} {view.height}" '
        f'width="{view.width}" height="{view.height}" font-family="{FONT}">'
        f"{_PATTERNS}{''.join(body)}</svg>"
    )


def legend_html(lang: str) -> str:
    """What the colours, hatch and dots mean, as one line of swatches and names (escaped), for under the map."""
    entries = []
    for category in CATEGORIES[1:]:
        label = markup(translate(f"operators.map.legend.{category}", lang))
        entries.append(f"<span style='white-space:nowrap'>{_swatch(category)}{label}</span>")
    separator = " \u00a0·\u00a0 "  # no-break spaces keep the dot with its neighbours (no entity: XML reads it)
    return f"<div class='imc-world-map-legend' style='font-size:0.875rem'>{separator.join(entries)}</div>"


def _swatch(category: str) -> str:
    """A square drawn as the map draws the category, in CSS (an inline SVG here made the page draw 0.5 s later)."""
    colour, pattern, _ = STYLE[category]
    marks = {
        "/": f"repeating-linear-gradient(135deg, {_rgba(HATCH_INK, HATCH_OPACITY)} 0 2px, transparent 2px 5px), ",
        ".": f"radial-gradient(circle, {DOT_INK} 1px, transparent 1.5px) 0 0 / 5px 5px, ",
        None: "",
    }[pattern]
    return (
        f"<span style='display:inline-block;width:0.9em;height:0.9em;background:{marks}{colour};"
        "border:1px solid #333333;margin-right:0.35em;vertical-align:-0.1em'></span>"
    )


# A hatch (OECD partners) and dots (partners outside the OECD): a role is never told by colour alone.
_PATTERNS = (
    "<defs>"
    '<pattern id="imc-wm-hatch" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)">'
    f'<rect width="6" height="6" fill="{STYLE[OECD_WITH_OPERATORS][0]}"/>'
    f'<rect width="2" height="6" fill="{HATCH_INK}" fill-opacity="{HATCH_OPACITY}"/></pattern>'
    '<pattern id="imc-wm-dots" patternUnits="userSpaceOnUse" width="5" height="5">'
    f'<rect width="5" height="5" fill="{STYLE[OPERATORS_NOT_OECD][0]}"/>'
    f'<circle cx="2.5" cy="2.5" r="1" fill="{DOT_INK}"/></pattern>'
    "</defs>"
)
_PATTERN_IDS = {"/": "imc-wm-hatch", ".": "imc-wm-dots"}


def _rgba(hex_colour: str, opacity: float) -> str:
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{opacity})"


def _fill(category: str) -> str:
    colour, pattern, _ = STYLE[category]
    return f"url(#{_PATTERN_IDS[pattern]})" if pattern else colour


def _path_data(rings: list, view: MapView) -> str:
    """SVG path data of ``rings`` (lon/lat) in whole picture px (exact enough for a world map, half the
    bytes), as relative steps, repeated points dropped."""
    parts = []
    for ring in rings:
        points: list[tuple[int, int]] = []
        for lon, lat, *_ in ring:
            point = (round(view.x(lon)), round(view.y(lat)))
            if not points or points[-1] != point:
                points.append(point)
        if len(points) > 2:
            steps = " ".join(f"{x - px} {y - py}" for (px, py), (x, y) in pairwise(points))
            parts.append(f"M{points[0][0]} {points[0][1]}l{steps}z")
    return "".join(parts)


def _labels(rows: list[tuple[str, float, float, str]], view: MapView) -> list[str]:
    """A marker on each labelled country, a line to its label and the label, placed so that none overlap."""
    scale = view.px_per_degree
    spots = place_labels([(text, lon, lat) for text, lon, lat, _ in rows], scale, view.font_px)
    lines, boxes, markers = [], [], []
    for text, lon, lat, category in rows:
        x, y, anchor = spots[text]
        west, south, east, north = label_box(text, x, y, anchor, scale, view.font_px)
        lines.append(
            f'<line x1="{view.x(lon):.1f}" y1="{view.y(lat):.1f}" x2="{view.x(x):.1f}" y2="{view.y(y):.1f}" '
            'stroke="#333333" stroke-width="1"/>'
        )
        boxes.append(
            f'<rect x="{view.x(west):.1f}" y="{view.y(north):.1f}" width="{(east - west) * scale:.1f}" '
            f'height="{(north - south) * scale:.1f}" rx="2" fill="#ffffff" fill-opacity="0.92" stroke="#333333"/>'
            f'<text x="{view.x((west + east) / 2):.1f}" y="{view.y(y) + 0.36 * view.font_px:.1f}" '
            f'font-size="{view.font_px}" fill="#111111" text-anchor="middle">{markup(text)}</text>'
        )
        markers.append(
            f'<circle cx="{view.x(lon):.1f}" cy="{view.y(lat):.1f}" r="4.5" fill="{STYLE[category][0]}" '
            f'stroke="#000000" stroke-width="1.5"/>'
        )
    return lines + markers + boxes
