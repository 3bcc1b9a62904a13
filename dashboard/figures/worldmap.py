"""World map of OECD member states and the countries of IMC operators, drawn with no network.

Plotly's geo traces (``go.Choropleth``, ``go.Scattergeo``) download their base map as topojson from
a CDN. This map therefore draws the country outlines itself as filled ``go.Scatter`` shapes on plain
axes (longitude / latitude), from ``assets/world_countries.geojson`` (Natural Earth, public domain)
shipped in the repository. Nothing is fetched at run time.

The emphasis is on the OECD countries of IMC partners: they carry the strong colour, a hatch, a
marker and a label; other OECD members are a light blue, the rest of the world and the operator
countries outside the OECD (Russia, the host) are quiet greys with their role in the hover text and in
the table under the map. A role is never shown by colour alone (hatch, label, hover, table).
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

from imc_data import Dataset

from ..cache.shared import shared_result
from ..i18n import translate
from ..nav import APP_ROOT
from .plotly_text import plotly_text

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
LABELLED = (OECD_WITH_OPERATORS,)  # categories whose countries get a marker and a label

# Visible frame: Antarctica and the far Arctic are left out.
LON_RANGE = (-170.0, 180.0)
LAT_RANGE = (-56.0, 80.0)
# Label layout, in map degrees. The scale is the smallest the page draws on a laptop (a 1280 px wide
# window: about 2.3 px per degree); on a wider screen labels are smaller in degrees, so still apart.
PX_PER_DEGREE = 2.3
LABEL_FONT_PX = 14
LABEL_HEIGHT_PX = 24  # a 14 px line, its padding and border
LABEL_CHAR_PX = 8.0  # a generous average width of one character at 14 px
CLUSTER_DEG = 20.0  # points closer than this share one column of labels
COLUMN_GAP_DEG = 12.0  # that column stands this far west of the cluster's westernmost point


@shared_result(key=lambda path: (path, path.stat().st_mtime_ns), max_entries=2)
def load_world_shapes(path: Path = WORLD_SHAPES) -> dict:
    """The country outlines as a GeoJSON FeatureCollection (``properties.iso3``, ``properties.name``); shared."""
    return json.loads(path.read_text(encoding="utf-8"))


@shared_result(key=lambda ds, lang: (ds.content_key, lang), max_entries=8)
def operator_world_map(ds: Dataset, lang: str) -> go.Figure:
    """The Operators page's map: :func:`world_map_figure` of the shipped outlines and the data's roles (shared)."""
    return world_map_figure(load_world_shapes(), country_roles(ds["operators"], ds["countries"], lang), lang)


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


def hover_text(role: pd.Series, lang: str) -> str:
    """Hover text of a country: name, OECD membership and its operators with their status."""
    lines = [f"<b>{plotly_text(role['name'])}</b>"]
    if role["oecd_member"]:
        year = role["accession_year"]
        lines.append(
            translate("operators.map.member_since", lang, year=year)
            if year
            else translate("operators.map.member", lang)
        )
    else:
        lines.append(translate("operators.map.not_member", lang))
    for name, status in role["operators"]:
        lines.append(f"• {plotly_text(name)} — {translate(f'ostatus.{status}', lang)}")
    return "<br>".join(lines)


def _rings(geometry: dict) -> list[list[list[float]]]:
    # Exterior rings only: holes are small at this scale and drawn over by their own country.
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"][0]]
    if geometry["type"] == "MultiPolygon":
        return [poly[0] for poly in geometry["coordinates"]]
    return []


def _path(rings: list) -> tuple[list, list]:
    xs: list = []
    ys: list = []
    for ring in rings:
        xs += [p[0] for p in ring] + [None]
        ys += [p[1] for p in ring] + [None]
    return xs, ys


def label_anchor(rings: list) -> tuple[float, float]:
    """Where to pin a country's label: the centre of the bounding box of its largest ring."""
    best = max(
        rings,
        key=lambda r: (max(p[0] for p in r) - min(p[0] for p in r)) * (max(p[1] for p in r) - min(p[1] for p in r)),
    )
    xs = [p[0] for p in best]
    ys = [p[1] for p in best]
    return (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2


def label_size_deg(text: str) -> tuple[float, float]:
    """Width and height of a label's box in map degrees (see :data:`PX_PER_DEGREE`)."""
    return (len(text) * LABEL_CHAR_PX + 12) / PX_PER_DEGREE, LABEL_HEIGHT_PX / PX_PER_DEGREE


def label_box(text: str, x: float, y: float, anchor: str) -> tuple[float, float, float, float]:
    """``(west, south, east, north)`` of a label whose box is anchored at ``(x, y)`` (``"center"`` or ``"right"``)."""
    width, height = label_size_deg(text)
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


def place_labels(anchors: list[tuple[str, float, float]]) -> dict[str, tuple[float, float, str]]:
    """Where each label stands, in map degrees, so that no two labels overlap.

    Parameters
    ----------
    anchors : list of (text, lon, lat)
        Label text and the point it points at.

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
    _, step = label_size_deg("")
    step += 1.0
    groups = sorted(_clusters(anchors), key=len, reverse=True)
    for group in (g for g in groups if len(g) > 1):
        column = min(a[1] for a in group) - COLUMN_GAP_DEG
        top = sum(a[2] for a in group) / len(group) + step * (len(group) - 1) / 2
        for i, (text, _, _) in enumerate(sorted(group, key=lambda a: -a[2])):
            out[text] = (column, top - i * step, "right")
            placed.append(label_box(text, *out[text]))
    for text, lon, lat in (g[0] for g in groups if len(g) == 1):
        width, _ = label_size_deg(text)
        candidates = [(lon, lat + step), (lon, lat - step), (lon + width / 2 + 3, lat), (lon - width / 2 - 3, lat)]
        spot = next(
            (c for c in candidates if not any(_overlap(label_box(text, *c, "center"), b) for b in placed)),
            candidates[0],
        )
        out[text] = (*spot, "center")
        placed.append(label_box(text, *out[text]))
    return out


def world_map_figure(shapes: dict, roles: pd.DataFrame, lang: str, height: int = 560) -> go.Figure:
    """The world map: OECD members, operator countries (OECD or not) and the rest, with a legend.

    Parameters
    ----------
    shapes : dict
        GeoJSON FeatureCollection with ``properties.iso3`` (see :func:`load_world_shapes`).
    roles : DataFrame
        Output of :func:`country_roles`.
    lang : str
        Language of legend, labels and hover text.
    height : int
        Figure height in pixels.

    Returns
    -------
    plotly.graph_objects.Figure
        Filled ``Scatter`` traces only (no geo subplot, so no base map is downloaded). Each
        highlighted country is its own trace named by its hover text; operator countries also get
        a marker and a label ``"Country · n"`` (n = operators and partners listed there).
    """
    other_rings, country_traces, marker_rows = _countries(shapes, roles, lang)
    fig = go.Figure()
    ox, oy = _path(other_rings)
    fill, _, line = STYLE[OTHER]
    fig.add_trace(
        go.Scatter(
            x=ox,
            y=oy,
            mode="lines",
            fill="toself",
            fillcolor=fill,
            line={"color": line, "width": 0.6},
            hoverinfo="skip",
            showlegend=False,
            name=translate("operators.map.legend.other", lang),
            meta={"category": OTHER},
        )
    )
    for category in CATEGORIES[1:]:
        for trace in country_traces[category]:
            fig.add_trace(trace)
    for category in CATEGORIES[1:]:
        fig.add_trace(_legend_entry(category, lang))
    if marker_rows:
        _add_operator_markers(fig, marker_rows, lang)
    fig.update_xaxes(visible=False, range=list(LON_RANGE), fixedrange=False)
    fig.update_yaxes(visible=False, range=list(LAT_RANGE), scaleanchor="x", scaleratio=1)
    fig.update_layout(
        height=height,
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        plot_bgcolor="#f5f9fc",
        paper_bgcolor="#ffffff",
        hovermode="closest",
        hoverlabel={"namelength": -1, "bgcolor": "#ffffff", "font": {"size": 13}},
        legend={"orientation": "h", "yanchor": "top", "y": -0.02, "xanchor": "left", "x": 0, "font": {"size": 13}},
        dragmode="pan",
    )
    return fig


def _countries(shapes: dict, roles: pd.DataFrame, lang: str) -> tuple[list, dict[str, list[go.Scatter]], list]:
    """The rings of countries without a role, a filled trace per country with one, and operator-country markers.

    Marker rows are ``(label, lon, lat, hover text, category)``.
    """
    role_by_iso = roles.set_index("iso3")
    other_rings: list = []
    country_traces: dict[str, list[go.Scatter]] = {c: [] for c in CATEGORIES}
    marker_rows: list[tuple[str, float, float, str, str]] = []
    for feature in shapes["features"]:
        iso3 = feature["properties"]["iso3"]
        rings = _rings(feature["geometry"])
        if not rings:
            continue
        if iso3 not in role_by_iso.index or role_by_iso.loc[iso3, "category"] == OTHER:
            other_rings += rings
            continue
        role = role_by_iso.loc[iso3]
        category = role["category"]
        fill, pattern, line = STYLE[category]
        xs, ys = _path(rings)
        hover = hover_text(role, lang)
        country_traces[category].append(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines",
                fill="toself",
                fillcolor=fill,
                fillpattern=(
                    {"shape": pattern, "fgcolor": "#ffffff", "bgcolor": fill, "size": 7, "solidity": 0.3}
                    if pattern
                    else None
                ),
                line={"color": line, "width": 0.6},
                name=hover,
                hoveron="fills",
                hoverinfo="name",
                showlegend=False,
                meta={"iso3": iso3, "category": category},
            )
        )
        if role["operators"] and category in LABELLED:
            lon, lat = label_anchor(rings)
            marker_rows.append((f"{plotly_text(role['name'])} · {len(role['operators'])}", lon, lat, hover, category))
    return other_rings, country_traces, marker_rows


def _legend_entry(category: str, lang: str) -> go.Scatter:
    # Legend entries are drawn once per category (the country traces carry their hover text as name).
    fill, pattern, _ = STYLE[category]
    symbol = {None: "square", "/": "square-x", ".": "square-dot"}[pattern]
    return go.Scatter(
        x=[None],
        y=[None],
        mode="markers",
        marker={"symbol": symbol, "size": 14, "color": fill, "line": {"color": "#333333", "width": 1}},
        name=translate(f"operators.map.legend.{category}", lang),
        showlegend=True,
        meta={"legend": category},
    )


def _add_operator_markers(fig: go.Figure, marker_rows: list, lang: str) -> None:
    """A marker on each operator country and its label, placed so that no two labels overlap."""
    fig.add_trace(
        go.Scatter(
            x=[r[1] for r in marker_rows],
            y=[r[2] for r in marker_rows],
            mode="markers",
            marker={
                "size": 9,
                "color": [STYLE[r[4]][0] for r in marker_rows],
                "line": {"color": "#000000", "width": 1.5},
            },
            hovertext=[r[3] for r in marker_rows],
            hoverinfo="text",
            showlegend=False,
            name=translate("operators.map.legend.markers", lang),
            meta={"markers": [r[0] for r in marker_rows]},
        )
    )
    spots = place_labels([(text, lon, lat) for text, lon, lat, _, _ in marker_rows])
    for text, lon, lat, _, _ in marker_rows:
        x, y, anchor = spots[text]
        fig.add_annotation(
            x=lon,
            y=lat,
            text=text,
            ax=x,
            ay=y,
            axref="x",
            ayref="y",
            xanchor=anchor,
            showarrow=True,
            arrowhead=0,
            arrowwidth=1,
            arrowcolor="#333333",
            font={"size": LABEL_FONT_PX, "color": "#111111"},
            bgcolor="rgba(255,255,255,0.9)",
            bordercolor="#333333",
            borderwidth=1,
        )
