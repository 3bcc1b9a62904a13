"""World map of OECD member states and the countries of IMC operators, drawn with no network.

Plotly's geo traces (``go.Choropleth``, ``go.Scattergeo``) download their base map as topojson from
a CDN. This map therefore draws the country outlines itself as filled ``go.Scatter`` shapes on plain
axes (longitude / latitude), from ``assets/world_countries.geojson`` (Natural Earth, public domain)
shipped in the repository. Nothing is fetched at run time.

A country's role is shown by colour **and** by a hatch pattern, a label with a marker (operator
countries) and a hover text, so the map does not rely on colour alone.
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
    OTHER: ("#e4e4e4", None, "#ffffff"),
    OECD: ("#9fc5e8", None, "#ffffff"),
    OECD_WITH_OPERATORS: ("#0b5394", "/", "#ffffff"),
    OPERATORS_NOT_OECD: ("#e69138", "x", "#ffffff"),
}

# Visible frame: Antarctica and the far Arctic are left out.
LON_RANGE = (-170.0, 180.0)
LAT_RANGE = (-56.0, 80.0)
PX_PER_DEGREE = 3.3  # approximate screen scale, used only to keep labels apart
LABEL_HEIGHT_PX = 18
LABEL_CHAR_PX = 7.0


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


_OFFSETS = [
    (0, -26),
    (0, 28),
    (-80, -36),
    (80, -36),
    (-95, 0),
    (95, 0),
    (-80, 40),
    (80, 40),
    (-150, -70),
    (150, -70),
    (-150, 70),
    (150, 70),
]


def place_labels(anchors: list[tuple[str, float, float]]) -> dict[str, tuple[int, int]]:
    """Pixel offsets (ax, ay) for labels so that they do not overlap one another.

    Parameters
    ----------
    anchors : list of (text, lon, lat)
        Label text and the point it points at.

    Returns
    -------
    dict
        ``text -> (ax, ay)``: offset of the label from its point in screen pixels (y down). Labels are
        placed north to south; each takes the first candidate offset that keeps it clear of the
        labels already placed.
    """
    placed: list[tuple[float, float, float, float]] = []
    out: dict[str, tuple[int, int]] = {}
    for text, lon, lat in sorted(anchors, key=lambda a: -a[2]):
        px, py = lon * PX_PER_DEGREE, -lat * PX_PER_DEGREE
        width = len(text) * LABEL_CHAR_PX + 10
        choice = _OFFSETS[-1]
        for ax, ay in _OFFSETS:
            box = (
                px + ax - width / 2,
                py + ay - LABEL_HEIGHT_PX / 2,
                px + ax + width / 2,
                py + ay + LABEL_HEIGHT_PX / 2,
            )
            if not any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in placed):
                choice = (ax, ay)
                break
        ax, ay = choice
        placed.append(
            (px + ax - width / 2, py + ay - LABEL_HEIGHT_PX / 2, px + ax + width / 2, py + ay + LABEL_HEIGHT_PX / 2)
        )
        out[text] = (ax, ay)
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
        if role["operators"]:
            lon, lat = label_anchor(rings)
            marker_rows.append((f"{plotly_text(role['name'])} · {len(role['operators'])}", lon, lat, hover, category))
    return other_rings, country_traces, marker_rows


def _legend_entry(category: str, lang: str) -> go.Scatter:
    # Legend entries are drawn once per category (the country traces carry their hover text as name).
    fill, pattern, _ = STYLE[category]
    symbol = {None: "square", "/": "square-x", "x": "square-x"}[pattern]
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
    offsets = place_labels([(text, lon, lat) for text, lon, lat, _, _ in marker_rows])
    for text, lon, lat, _, _ in marker_rows:
        ax, ay = offsets[text]
        fig.add_annotation(
            x=lon,
            y=lat,
            text=text,
            ax=ax,
            ay=ay,
            showarrow=True,
            arrowhead=0,
            arrowwidth=1,
            arrowcolor="#333333",
            font={"size": 13, "color": "#111111"},
            bgcolor="rgba(255,255,255,0.85)",
            bordercolor="#333333",
            borderwidth=1,
        )
