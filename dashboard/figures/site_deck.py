"""The site map as a pydeck ``Deck``, built from the tables alone (no network, no Streamlit).

Everything here is a pure function of the dataset, the language and the year, so it is
unit-tested without a browser:

* :func:`plot_records` — one plain dict per plot (ids, labels, state, colour and the exterior
  ring ``[[lon, lat], ...]`` in EPSG:4326), safe to serialise (no Timestamps, no NaN);
* :func:`build_site_deck` — the deck: context from ``site.geojson`` drawn locally, the plots
  coloured by their state in a year, their ids and states as text labels; ``map_provider=None``
  so no tiles are fetched;
* :func:`selected_plot` — the plot id clicked, from the ``st.pydeck_chart`` selection event.

What the card beside the map shows is :mod:`dashboard.views.plot_card`. The records without
emphasis, the context and the deck of each view are kept by the shared cache: a click or a
filter that returns to a view seen before, by anyone, is not built again.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Iterator, Mapping

import pandas as pd
import pydeck as pdk
from shapely.geometry import Polygon, box

from imc_data import Dataset, dates, queries
from imc_data.missing import is_missing
from imc_data.plot_state import PLANNED, STATES, stage_years

from .. import formatting, labels, palette
from ..cache.queries import plot_states
from ..cache.shared import shared_result
from ..i18n import col, translate
from . import locator
from .plot_labels import LINE_HEIGHT, PADDING, fit_label, label_size, wrap
from .screen import View, merc_lonlat, merc_xy, metres_per_pixel, text_layer, text_width, to_screen

PLOTS_LAYER = "plots"
PLOT_LABELS_LAYER = "plot-labels"
LEADERS_LAYER = "plot-label-leaders"
CONTEXT_AREAS_LAYER = "context-areas"
CONTEXT_LINES_LAYER = "context-lines"
CONTEXT_LABELS_LAYER = "context-labels"
STATION_LAYER = "station"
FURNITURE_LINES_LAYER = "north-arrow-scale-bar"
FURNITURE_TEXT_LAYER = "north-arrow-scale-bar-text"
LAYER_IDS = (
    CONTEXT_AREAS_LAYER,
    CONTEXT_LINES_LAYER,
    STATION_LAYER,
    PLOTS_LAYER,
    LEADERS_LAYER,
    PLOT_LABELS_LAYER,
    CONTEXT_LABELS_LAYER,
    FURNITURE_LINES_LAYER,
    FURNITURE_TEXT_LAYER,
)

# The palette's plot-state colours (Okabe-Ito: distinguishable with the common colour-vision
# deficiencies); the legend writes each state beside its colour and lists its plots by name.
STATE_COLOURS: dict[str, tuple[int, int, int]] = {s: tuple(palette.rgb("plot_state", s)) for s in STATES}
FILL_ALPHA = 215
PROJECTED_ALPHA = 120  # a state that rests on a plan is drawn paler (and says "plan" in the tooltip and card)
DIMMED_ALPHA = 45  # plots outside a ``highlight`` set
OUTLINE = [60, 60, 60, 255]
SELECTED_OUTLINE = [0, 0, 0, 255]
HIGHLIGHT_OUTLINE = palette.PURPLE.rgb(255)
CONTEXT_STYLE = {
    # kind: (fill RGBA, line RGBA, line width in pixels): quiet, behind the plots
    "district": ([226, 226, 220, 170], [170, 170, 160, 255], 1),
    "forest": ([196, 224, 182, 170], [140, 170, 125, 255], 1),
    "site_outline": ([248, 248, 244, 255], [110, 110, 110, 255], 2),
    "road": ([0, 0, 0, 0], [150, 150, 150, 255], 7),
}
STATION_COLOUR = [40, 120, 70, 255]
INK = [30, 30, 30, 255]
CONTEXT_INK = [85, 85, 85, 255]
METRES_PER_M2 = 1 / 400  # extrusion: 1 m of height per 400 m² of floor area
FIT_MARGIN = 1.08  # room around the plots and the station in the initial view
EDGE_PX = 6  # labels and map furniture keep this far from the map's edge
SCALE_BAR_STEPS_M = (50, 100, 200, 250, 500, 1000, 2000)
SCALE_BAR_PX = (70, 160)  # the scale bar's length on screen lies in this range when a step allows
FURNITURE_BAND_PX = 34  # bottom strip kept for the scale bar
PITCH_3D = 45
BEARING_3D = -20
VIEWS = {
    "wide": View(560, 560),  # the map column of a 1440 px laptop screen (about 585 px), with a margin
    "phone": View(350, 420, font_px=14),  # a 390 px phone minus the page's margins
    "band": View(560, 420),  # a 420 px high map across a laptop page (the Opportunities page's default)
}
"""Viewports the initial view is fitted to; a presenter slide passes its own :class:`View`."""


def as_view(view: str | View) -> View:
    """A :class:`View` from its name in :data:`VIEWS` (or the view itself)."""
    return VIEWS[view] if isinstance(view, str) else view


def clean_value(value):
    """A JSON-safe plain value: NaN/NA → None, numpy scalars → Python, Timestamps → ISO dates."""
    if is_missing(value):
        return None
    if isinstance(value, pd.Timestamp | dt.date):
        return value.isoformat()[:10]
    if hasattr(value, "item") and pd.api.types.is_scalar(value):  # numpy scalars; an array stays as it is
        return value.item()
    return value


def state_label(state: str, lang: str, projected: bool = False) -> str:
    """The state in ``lang``, with "(plan)" when it rests on a plan rather than on a reported fact."""
    text = labels.label("plot_state", state, lang)
    return f"{text} ({translate('site_map.projected', lang)})" if projected else text


def _ring(geometry) -> list[list[float]]:
    """Exterior ring of a polygon as ``[[lon, lat], ...]`` (plain floats, 7 decimals ≈ 1 cm)."""
    return [[round(float(x), 7), round(float(y), 7)] for x, y, *_ in geometry.exterior.coords]


def plot_records(
    ds: Dataset,
    lang: str,
    year: int,
    *,
    highlight: Iterable[str] | None = None,
    selected: str | None = None,
    today: dt.date | None = None,
) -> list[dict]:
    """One plain dict per plot with a polygon, for the deck layers and the legend.

    Parameters
    ----------
    ds : Dataset
        The loaded data (``plots``, ``plots_geo``, ``facilities``, ``operators``, ``stages``).
    lang : str
        ``"en"`` or ``"ru"``: language of the labels.
    year : int
        Year whose state colours the plots (see :func:`imc_data.plot_state.plot_states`).
    highlight : iterable of str, optional
        Plot ids to emphasise (others are dimmed); ``None`` emphasises nothing.
    selected : str, optional
        Plot id drawn with a heavy outline.
    today : datetime.date, optional
        Day separating facts from plans; default the current date.

    Returns
    -------
    list of dict
        In ``plots.csv`` order. Keys: ``plot_id``, ``number`` ("4"), ``plot_name`` ("Plot 4 ·
        Oncology …"), ``what`` (what names the plot, or None), ``state``, ``state_label``,
        ``projected``, ``area_ha``, ``area_text``, ``use``, ``use_label``, ``stage_id``,
        ``description``, ``facility_ids``, ``facilities``, ``operators``, ``floor_area_m2``,
        ``elevation``, ``provenance``, ``highlighted``, ``selected``, ``fill_colour``,
        ``line_colour``, ``line_width``, ``position`` (centroid) and ``coordinates`` (exterior
        ring ``[[lon, lat], ...]``, EPSG:4326). Values are plain Python (str, int, float, bool, list, None).
    """
    return style_records(base_plot_records(ds, lang, year, today=today), highlight=highlight, selected=selected)


@shared_result(key=lambda ds, lang, year, today: (ds.content_key, lang, year, today or dates.today()), max_entries=64)
def base_plot_records(ds: Dataset, lang: str, year: int, *, today: dt.date | None = None) -> list[dict]:
    """:func:`plot_records` without the emphasis (highlight, selection, their colours and outlines).

    This part is the expensive one (every facility's state in ``year``, the geometry) and is
    shared (read-only); the emphasis changes with every filter and is added by :func:`style_records`.
    """
    today = today or dates.today()
    states = plot_states(ds, year, today=today).set_index("plot_id")
    # What stands by confirmed dates (the year itself, or today for a later year): only that rises in 3D,
    # so a plan (a projected state) stays flat and pale, as the timeline shows it planned.
    facts = plot_states(ds, min(year, today.year), today=today).set_index("plot_id")
    plots = ds["plots"].set_index("plot_id")
    geo = _plots_wgs84(ds).set_index("plot_id")
    fac = ds["facilities"].set_index("facility_id")
    facility_names = fac[f"name_{lang}"].to_dict()
    operator_names = queries.names(ds, "operators", lang)
    names, subjects = labels.plot_names(ds, lang), labels.plot_subjects(ds, lang)
    records = []
    for pid in plots.index:
        if pid not in geo.index:
            continue
        plot = plots.loc[pid]
        polygon = geo.loc[pid, "geometry"]
        st_row = states.loc[pid]
        state, projected = st_row["state"], bool(st_row["projected"])
        fids = list(st_row["facility_ids"])
        operators = list(dict.fromkeys(fac.loc[f, "operator_id"] for f in fids if pd.notna(fac.loc[f, "operator_id"])))
        # Only facilities that exist (or are being built) in ``year`` by confirmed dates add height.
        fact_row = facts.loc[pid]
        standing = [
            f for f, s in zip(fact_row["facility_ids"], fact_row["facility_states"], strict=True) if s != PLANNED
        ]
        floor = sum(float(fac.loc[f, "floor_area_m2"]) for f in standing if pd.notna(fac.loc[f, "floor_area_m2"]))
        if not floor and pd.notna(plot["max_floor_area_m2"]):
            floor = float(plot["max_floor_area_m2"])
        use = plot["permitted_use"]
        facility_list = [facility_names[f] for f in fids]
        centre = polygon.centroid
        records.append(
            {
                "plot_id": str(pid),
                "number": labels.plot_number(pid),
                "plot_name": names.get(pid, str(pid)),
                "what": subjects.get(pid),
                "state": state,
                "state_label": state_label(state, lang, projected),
                "projected": projected,
                "area_ha": clean_value(plot["area_ha"]),
                "area_text": formatting.area_ha(plot["area_ha"], lang),
                "use": use,
                "use_label": labels.label("permitted_use", use, lang),
                "stage_id": clean_value(plot["stage_id"]),
                "description": clean_value(plot[f"description_{lang}"]) or "",
                "facility_ids": [str(f) for f in fids],
                "facilities": "; ".join(facility_list) if facility_list else translate("site_map.no_facility", lang),
                "operators": "; ".join(operator_names.get(o, o) for o in operators),
                "floor_area_m2": floor or None,
                "elevation": round(floor * METRES_PER_M2, 1) if fact_row["state"] != PLANNED else 0.0,
                "provenance": clean_value(plot["provenance"]),
                "position": [round(centre.x, 7), round(centre.y, 7), 0.0],
                "coordinates": _ring(polygon),
            }
        )
    return records


def _plots_wgs84(ds: Dataset):
    geo = ds.plots_geo
    return geo.to_crs(4326) if geo.crs is not None and geo.crs.to_epsg() != 4326 else geo


def style_records(
    base: list[dict], *, highlight: Iterable[str] | None = None, selected: str | None = None
) -> list[dict]:
    """New records: ``base`` (left unchanged) plus emphasis, fill and outline for ``highlight`` and ``selected``."""
    highlight = set(highlight) if highlight is not None else None
    styled = []
    for rec in base:
        pid = rec["plot_id"]
        is_highlighted = highlight is not None and pid in highlight
        alpha = PROJECTED_ALPHA if rec["projected"] else FILL_ALPHA
        if highlight is not None and not is_highlighted:
            alpha = DIMMED_ALPHA
        if pid == selected:
            line, width = SELECTED_OUTLINE, 5
        elif is_highlighted:
            line, width = HIGHLIGHT_OUTLINE, 4
        else:
            line, width = OUTLINE, 1
        styled.append(
            {
                **rec,
                "highlighted": is_highlighted,
                "selected": pid == selected,
                "fill_colour": [*STATE_COLOURS[rec["state"]], alpha],
                "line_colour": line,
                "line_width": width,
            }
        )
    return styled


@shared_result(key=lambda ds, lang: (ds.content_key, lang), max_entries=16)
def context_records(ds: Dataset, lang: str) -> list[dict]:
    """Site outline, road, forest and neighbouring districts from ``site.geojson`` as plain dicts.

    Areas carry ``coordinates`` (exterior ring) and lines carry ``path``; both in EPSG:4326.
    Drawn order: districts and forest, then the site outline, then roads. Shared: read-only.
    """
    order = {"district": 0, "forest": 1, "site_outline": 2, "road": 3}
    out = []
    site = ds.site_geo.sort_values("kind", key=lambda s: s.map(order), kind="stable")
    for _, feat in site.iterrows():
        fill, line, width = CONTEXT_STYLE[feat["kind"]]
        geom = feat["geometry"]
        if geom.geom_type not in ("Polygon", "LineString"):  # MultiPolygon and friends: the largest part
            geom = max(getattr(geom, "geoms", [geom]), key=lambda g: g.area)
        rec = {
            "feature_id": str(feat["feature_id"]),
            "kind": feat["kind"],
            "name": str(feat[f"name_{lang}"]),
            "fill_colour": fill,
            "line_colour": line,
            "line_width": width,
            "geometry": geom,
        }
        if geom.geom_type == "Polygon":
            rec["coordinates"] = _ring(geom)
        rec["path"] = rec.get("coordinates") or [[round(float(x), 7), round(float(y), 7)] for x, y, *_ in geom.coords]
        out.append(rec)
    return out


@shared_result(key=lambda ds, lang: (ds.content_key, lang), max_entries=16)
def station_record(ds: Dataset, lang: str) -> dict | None:
    """The nearest rail stop from the ``locator_places`` table (sourced coordinates), or ``None``.

    Keys: ``name`` (short name), ``full_name``, ``position`` ``[lon, lat]`` and ``distance`` (from the IMC).
    """
    places = locator.located_places(ds)
    rows = places[places["kind"] == "station"].dropna(subset=["lon", "lat"])
    if rows.empty:
        return None
    row = rows.iloc[0]
    distances = {e["place_id"]: e["distance"] for e in locator.text_list(places, lang)}
    short = row[col("short", lang)]
    return {
        "name": str(short if pd.notna(short) else row[col("name", lang)]),
        "full_name": str(row[col("name", lang)]),
        "position": [float(row["lon"]), float(row["lat"])],
        "distance": distances.get(str(row["place_id"]), ""),
    }


def _frame(ds: Dataset) -> tuple[float, float, float, float] | None:
    """What the initial view shows: the plots (else the site) and the nearest station."""
    frame = ds.plots_geo if len(ds.plots_geo) else ds.site_geo
    if not len(frame):
        return None
    minx, miny, maxx, maxy = (float(v) for v in frame.total_bounds)
    if any(math.isnan(v) for v in (minx, miny, maxx, maxy)):
        return None
    station = station_record(ds, "en")
    if station is not None:
        lon, lat = station["position"]
        minx, miny, maxx, maxy = min(minx, lon), min(miny, lat), max(maxx, lon), max(maxy, lat)
    return minx, miny, maxx, maxy


def fitted_view(ds: Dataset, view: str | View = "wide") -> tuple[tuple[float, float], float]:
    """Centre (world px at zoom 0) and zoom that fit the plots and the station into ``view``.

    deck.gl draws the world 512 px wide at zoom 0; the frame's Web Mercator span, with a margin
    and a bottom strip for the scale bar, gives the zoom. Identical on every rerun.
    """
    size = as_view(view)
    frame = _frame(ds)
    if frame is None:
        return merc_xy(0.0, 0.0), 1.0
    (x0, y1), (x1, y0) = merc_xy(frame[0], frame[1]), merc_xy(frame[2], frame[3])
    span_x, span_y = max(x1 - x0, 1e-9), max(y1 - y0, 1e-9)
    usable_h = size.height - 2 * FURNITURE_BAND_PX
    zoom = math.log2(min(size.width / span_x, usable_h / span_y) / FIT_MARGIN)
    return ((x0 + x1) / 2, (y0 + y1) / 2), round(zoom, 2)


def view_state(ds: Dataset, *, extruded: bool = False, view: str | View = "wide") -> pdk.ViewState:
    """The initial view: the plots and the station fitted into ``view`` (see :func:`fitted_view`).

    The 3D view is pitched and slightly turned.
    """
    centre, zoom = fitted_view(ds, view)
    lon, lat = merc_lonlat(*centre)
    return pdk.ViewState(
        longitude=round(lon, 6),
        latitude=round(lat, 6),
        zoom=zoom,
        pitch=PITCH_3D if extruded else 0,
        bearing=BEARING_3D if extruded else 0,
    )


def _to_lonlat(sx: float, sy: float, centre: tuple[float, float], zoom: float, size: View) -> list[float]:
    scale = 2.0**zoom
    lon, lat = merc_lonlat(centre[0] + (sx - size.width / 2) / scale, centre[1] + (sy - size.height / 2) / scale)
    return [round(lon, 7), round(lat, 7)]


@shared_result(key=lambda ds, lang, view: (ds.content_key, lang, view), max_entries=32)
def plot_labels(ds: Dataset, lang: str, view: str | View = "wide") -> list[dict]:
    """Each plot's map label fitted into its plot at the initial 2D view of ``view`` (shared, read-only).

    Keys: ``plot_id``, ``label`` (lines joined by ``\\n``: "4 · Oncology …" or "4"), ``position``
    ``[lon, lat]`` (the label's centre), ``screen_box`` (x0, y0, x1, y1 in px on the ``view``
    canvas), ``inside`` and ``leader`` (``[[lon, lat], [lon, lat]]`` for a label outside its plot).
    """
    size = as_view(view)
    centre, zoom = fitted_view(ds, size)
    geo = _plots_wgs84(ds)
    subjects = labels.plot_subjects(ds, lang)
    site_centre = to_screen(*merc_lonlat(*centre), centre, zoom, size)
    canvas = (EDGE_PX, EDGE_PX, size.width - EDGE_PX, size.height - FURNITURE_BAND_PX)
    out = []
    for pid, polygon in zip(geo["plot_id"], geo.geometry, strict=True):
        screen = Polygon([to_screen(x, y, centre, zoom, size) for x, y, *_ in polygon.exterior.coords])
        fitted = fit_label(
            labels.plot_number(pid), subjects.get(pid), screen, size.font_px, away_from=site_centre, canvas=canvas
        )
        leader = [_to_lonlat(*p, centre, zoom, size) for p in fitted.leader] if fitted.leader else None
        out.append(
            {
                "plot_id": str(pid),
                "label": fitted.text,
                "position": _to_lonlat(*fitted.anchor, centre, zoom, size),
                "screen_box": [round(v, 2) for v in fitted.box],
                "inside": fitted.inside,
                "leader": leader,
            }
        )
    return out


def _clamped_label(half_w: float, half_h: float, point: tuple[float, float], size: View) -> tuple[float, float]:
    """``point`` moved so that a label box of half-size ``half_w`` × ``half_h`` centred on it stays inside the canvas."""
    x = min(max(point[0], EDGE_PX + half_w), size.width - EDGE_PX - half_w)
    y = min(max(point[1], EDGE_PX + half_h), size.height - FURNITURE_BAND_PX - half_h)
    return x, y


def _overlaps(a: tuple, b: tuple) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _free_spot(
    text: str, point: tuple[float, float], size: View, font_px: int, taken: list[tuple]
) -> tuple[str, tuple] | None:
    """The label (wrapped to the canvas's width) and a box for it near ``point``, clear of ``taken``; or ``None``.

    Tries the point itself, then steps of one label height down and up: a context name gives
    way to plot labels and to names placed before it, and is left out rather than drawn over them.
    """
    lines = wrap(text, size.width - 2 * (EDGE_PX + PADDING[0]), font_px, bold=False) or [text]
    width, height = label_size(lines, font_px, bold=False)
    for step in (0, 1, -1, 2, -2, 3, -3):
        x, y = _clamped_label(width / 2, height / 2, (point[0], point[1] + step * (height + 2)), size)
        candidate = (x - width / 2, y - height / 2, x + width / 2, y + height / 2)
        if not any(_overlaps(candidate, other) for other in taken):
            return "\n".join(lines), candidate
    return None


def context_labels(ds: Dataset, lang: str, view: str | View = "wide") -> list[dict]:
    """Names of the station, roads, forest and districts, each once, where it is seen in the initial view.

    A name sits on the part of its feature inside the canvas, moved inwards so that it is never
    cut at the map's edge, and never over a plot's label or another name (left out if no place
    near its feature is free). Keys: ``text``, ``position`` ``[lon, lat]``, ``anchor``, ``screen_box``.
    """
    size = as_view(view)
    centre, zoom = fitted_view(ds, size)
    corners = [_to_lonlat(x, y, centre, zoom, size) for x, y in ((0, 0), (size.width, size.height))]
    canvas = box(corners[0][0], corners[1][1], corners[1][0], corners[0][1])
    font_px = size.context_px
    taken = [tuple(p["screen_box"]) for p in plot_labels(ds, lang, size)]
    wanted = []  # (text, screen point), the station first: its distance is what a visitor asks
    station = station_record(ds, lang)
    if station is not None:
        text = f"{station['name']} · {station['distance']}" if station["distance"] else station["name"]
        sx, sy = to_screen(*station["position"], centre, zoom, size)
        half_w = (text_width(text, font_px) + 2 * PADDING[0]) / 2
        # Beside the stop, on the side with room.
        sx = sx + 10 + half_w if sx + 10 + 2 * half_w <= size.width - EDGE_PX else sx - 10 - half_w
        wanted.append((text, (sx, sy)))
    seen = set()
    for rec in context_records(ds, lang):
        if rec["kind"] == "site_outline" or rec["name"] in seen:
            continue  # the outline is named in the legend; two patches of one district are named once
        seen.add(rec["name"])
        visible = rec["geometry"].intersection(canvas)
        if visible.is_empty:
            continue
        point = visible.interpolate(0.5, normalized=True) if visible.geom_type == "LineString" else None
        point = point or visible.representative_point()
        wanted.append((rec["name"], to_screen(point.x, point.y, centre, zoom, size)))
    out = []
    for name, point in wanted:
        found = _free_spot(name, point, size, font_px, taken)
        if found is None:
            continue
        text, spot = found
        taken.append(spot)
        middle = ((spot[0] + spot[2]) / 2, (spot[1] + spot[3]) / 2)
        out.append(
            {
                "text": text,
                "position": _to_lonlat(*middle, centre, zoom, size),
                "anchor": "middle",
                "screen_box": [round(v, 2) for v in spot],
            }
        )
    return out


def scale_bar_metres(metres_per_px: float) -> int:
    """The longest round length in :data:`SCALE_BAR_STEPS_M` whose bar fits :data:`SCALE_BAR_PX`."""
    fitting = [m for m in SCALE_BAR_STEPS_M if SCALE_BAR_PX[0] <= m / metres_per_px <= SCALE_BAR_PX[1]]
    if fitting:
        return fitting[-1]
    return min(SCALE_BAR_STEPS_M, key=lambda m: abs(m / metres_per_px - sum(SCALE_BAR_PX) / 2))


def map_furniture(ds: Dataset, lang: str, view: str | View = "wide") -> tuple[list[dict], list[dict]]:
    """The north arrow and the scale bar: ``(paths, texts)`` in lon/lat, on the ground like the plots.

    The scale bar's length is a round number of metres measured at the map's latitude (Web
    Mercator: ``metres per pixel = 2πR·cos(lat) / (512·2^zoom)``); drawn on the ground, both
    stay true when the 3D view turns and tilts (the arrow keeps pointing north).
    """
    size = as_view(view)
    centre, zoom = fitted_view(ds, size)
    lat = merc_lonlat(*centre)[1]
    metres = scale_bar_metres(metres_per_pixel(lat, zoom))
    bar_px = metres / metres_per_pixel(lat, zoom)
    x0, y = EDGE_PX + 4, size.height - EDGE_PX - 10
    here = lambda sx, sy: _to_lonlat(sx, sy, centre, zoom, size)  # noqa: E731
    nx, top = size.width - EDGE_PX - 12, EDGE_PX + 16
    paths = [
        {"path": [here(x0, y - 6), here(x0, y), here(x0 + bar_px, y), here(x0 + bar_px, y - 6)], "width": 2},
        {"path": [here(nx, top + 30), here(nx, top)], "width": 2},
        {"path": [here(nx - 6, top + 10), here(nx, top), here(nx + 6, top + 10)], "width": 2},
    ]
    texts = [
        {
            "text": formatting.quantity(metres, "m", lang, 0),
            "position": here(x0 + bar_px + 6, y - 3),
            "anchor": "start",
        },
        {"text": translate("site_map.north", lang), "position": here(nx, top - 8), "anchor": "middle"},
    ]
    return paths, texts


def plan_key(ds: Dataset, lang: str, year: int, selected, highlight, today, view) -> tuple:
    """What tells one drawing of the site plan from another (the deck here, the phone's SVG in ``site_svg``)."""
    return (
        ds.content_key,
        lang,
        year,
        selected,
        None if highlight is None else tuple(highlight),
        today or dates.today(),
        view,
    )


@shared_result(
    key=lambda ds, lang, year, selected, highlight, extruded, today, view: (
        *plan_key(ds, lang, year, selected, highlight, today, view),
        extruded,
    ),
    max_entries=256,
)
def build_site_deck(
    ds: Dataset,
    lang: str,
    year: int,
    *,
    selected: str | None = None,
    highlight: Iterable[str] | None = None,
    extruded: bool = False,
    today: dt.date | None = None,
    view: str | View = "band",
) -> pdk.Deck:
    """The site plan: quiet context, plots coloured by state in ``year``, named labels, north arrow, scale bar.

    Parameters
    ----------
    ds : Dataset
        The loaded data.
    lang : str
        Language of labels and tooltips.
    year : int
        Year whose state colours the plots.
    selected : str, optional
        Plot drawn with a heavy outline (the one whose card is open).
    highlight : iterable of str, optional
        Plots to emphasise, e.g. those with an open opportunity; others are dimmed.
    extruded : bool
        Raise plots under construction or operating by floor area and tilt the view.
    today : datetime.date, optional
        Day separating facts from plans; default the current date.
    view : str or View
        The viewport the initial view and the labels are fitted to (:data:`VIEWS`, or a
        :class:`View` for a presenter slide: size and font); the chart's height should be the
        view's. Default ``"band"``: a 420 px high chart at least 560 px wide.

    Returns
    -------
    pydeck.Deck
        With ``map_provider=None`` (no basemap, no tiles: nothing leaves the machine) and the
        layers :data:`LAYER_IDS`. Only the plots layer is pickable, so a click selects a plot.
        Shared by every caller of the same view: read-only.
    """
    plots = style_records(base_plot_records(ds, lang, year, today=today), highlight=highlight, selected=selected)
    size = as_view(view)
    tooltip_text = translate(
        "site_map.tooltip",
        lang,
        name="{plot_name}",
        state="{state_label}",
        area="{area_text}",
        use="{use_label}",
        facilities="{facilities}",
    )
    # The tilted 3D view has no single scale, and names placed for the flat view would collide
    # there: it shows the blocks and their numbers only (the flat view is one switch away).
    paths, texts = ([], []) if extruded else map_furniture(ds, lang, size)
    names = [] if extruded else context_labels(ds, lang, size)
    return pdk.Deck(
        layers=[
            *_context_layers(context_records(ds, lang), station_record(ds, lang)),
            _plots_layer(plots, extruded),
            *_label_layers(plots, plot_labels(ds, lang, size), names, extruded, size),
            *_furniture_layers(paths, texts, size),
        ],
        initial_view_state=view_state(ds, extruded=extruded, view=size),
        map_provider=None,
        tooltip={"text": tooltip_text, "style": TOOLTIP_STYLE},
    )


# The tooltip wraps in a narrow box, so it stays inside the map beside the pointer (never cut off).
TOOLTIP_STYLE = {"maxWidth": "240px", "whiteSpace": "pre-wrap", "fontSize": "14px", "lineHeight": "1.35"}


def _context_layers(context: list[dict], station: dict | None) -> list[pdk.Layer]:
    """The districts, forest and site outline as areas, the roads as lines, the station as a dot."""
    return [
        pdk.Layer(
            "PolygonLayer",
            id=CONTEXT_AREAS_LAYER,
            data=[{k: v for k, v in c.items() if k != "geometry"} for c in context if "coordinates" in c],
            get_polygon="coordinates",
            get_fill_color="fill_colour",
            get_line_color="line_colour",
            get_line_width="line_width",
            line_width_units="'pixels'",
            stroked=True,
            filled=True,
            pickable=False,
        ),
        pdk.Layer(
            "PathLayer",
            id=CONTEXT_LINES_LAYER,
            data=[{k: v for k, v in c.items() if k != "geometry"} for c in context if c["kind"] == "road"],
            get_path="path",
            get_color="line_colour",
            get_width="line_width",
            width_units="'pixels'",
            cap_rounded=True,
            pickable=False,
        ),
        pdk.Layer(
            "ScatterplotLayer",
            id=STATION_LAYER,
            data=[station] if station else [],
            get_position="position",
            get_fill_color=STATION_COLOUR,
            get_line_color=[255, 255, 255, 255],
            get_radius=6,
            radius_units="'pixels'",
            line_width_units="'pixels'",
            get_line_width=2,
            stroked=True,
            pickable=False,
        ),
    ]


def _plots_layer(plots: list[dict], extruded: bool) -> pdk.Layer:
    """The plots, coloured by state, raised by floor area in 3D; the one pickable layer."""
    return pdk.Layer(
        "PolygonLayer",
        id=PLOTS_LAYER,
        data=plots,
        get_polygon="coordinates",
        get_fill_color="fill_colour",
        get_line_color="line_colour",
        get_line_width="line_width",
        line_width_units="'pixels'",
        line_width_min_pixels=1,
        stroked=True,
        filled=True,
        extruded=extruded,
        wireframe=extruded,
        get_elevation="elevation",
        pickable=True,
        auto_highlight=True,
        highlight_color=[255, 255, 255, 90],
    )


def _text_layer(layer_id: str, data: list[dict], size: int, **style) -> pdk.Layer:
    """A site-plan label layer: facing the viewer, and in 3D never hidden inside the blocks."""
    return text_layer(
        layer_id,
        data,
        size,
        billboard=True,
        # In 3D, depth testing would hide labels inside the blocks.
        parameters={"depthCompare": "always", "depthWriteEnabled": False},
        **style,
    )


def _label_layers(
    plots: list[dict], placed: list[dict], context: list[dict], extruded: bool, size: View
) -> list[pdk.Layer]:
    """Leader lines, each plot's label (its number and name where it fits) and the context names."""
    elevation = {p["plot_id"]: p["elevation"] for p in plots}
    plot_text = [
        # Labels sit on top of the blocks in 3D (at ground level they would be hidden inside them).
        {"label": p["label"], "position": [*p["position"], elevation[p["plot_id"]] + 3.0 if extruded else 0.0]}
        for p in placed
    ]
    return [
        pdk.Layer(
            "PathLayer",
            id=LEADERS_LAYER,
            data=[{"path": p["leader"]} for p in placed if p["leader"]],
            get_path="path",
            get_color=INK,
            get_width=1,
            width_units="'pixels'",
            pickable=False,
        ),
        _text_layer(
            PLOT_LABELS_LAYER,
            plot_text,
            size.font_px,
            get_text="label",
            get_color=INK,
            font_weight=700,
            line_height=LINE_HEIGHT,
            get_text_anchor="'middle'",
            get_alignment_baseline="'center'",
            background=True,
            get_background_color=[255, 255, 255, 215],
            background_padding=list(PADDING),
        ),
        _text_layer(
            CONTEXT_LABELS_LAYER,
            context,
            size.context_px,
            get_color=CONTEXT_INK,
            font_style="'italic'",
            line_height=LINE_HEIGHT,
            get_text_anchor="'middle'",
            get_alignment_baseline="'center'",
            background=True,
            get_background_color=[255, 255, 255, 170],
            background_padding=list(PADDING),
        ),
    ]


def _furniture_layers(paths: list[dict], texts: list[dict], size: View) -> list[pdk.Layer]:
    return [
        pdk.Layer(
            "PathLayer",
            id=FURNITURE_LINES_LAYER,
            data=paths,
            get_path="path",
            get_color=INK,
            get_width="width",
            width_units="'pixels'",
            pickable=False,
        ),
        _text_layer(
            FURNITURE_TEXT_LAYER,
            texts,
            size.font_px,
            get_color=INK,
            font_weight=700,
            get_text_anchor="anchor",
            get_alignment_baseline="'center'",
        ),
    ]


PLAY_SECONDS_PER_YEAR = 0.8  # the 3D play: long enough to see a block rise, 20 years in about 16 s


def play_years(ds: Dataset) -> range:
    """The years the 3D play shows, in order: every stage year (:func:`imc_data.plot_state.stage_years`)."""
    return stage_years(ds)


def play_frames(
    ds: Dataset, lang: str, *, today: dt.date | None = None, view: str | View = "wide"
) -> Iterator[tuple[int, pdk.Deck, list[dict]]]:
    """The 3D play, one frame per year of :func:`play_years`: ``(year, 3D deck, plot records)``.

    Each frame is the 3D view of that year exactly as the year slider would show it (the same
    shared decks), so the play ends on the view the slider is left at.
    """
    for year in play_years(ds):
        yield (
            year,
            build_site_deck(ds, lang, year, extruded=True, today=today, view=view),
            plot_records(ds, lang, year, today=today),
        )


def selected_plot(event) -> str | None:
    """The plot id picked on the map, from the ``st.pydeck_chart(..., on_select="rerun")`` event.

    Parameters
    ----------
    event : mapping or None
        ``{"selection": {"indices": {layer_id: [...]}, "objects": {layer_id: [row, ...]}}}``
        (Streamlit's ``PydeckState``, or a plain dict, or ``None`` before any click).

    Returns
    -------
    str or None
        The ``plot_id`` of the first selected object of the plots layer; ``None`` when
        nothing (or something other than a plot) is selected.
    """
    if not isinstance(event, Mapping):
        return None
    selection = event.get("selection")
    if not isinstance(selection, Mapping):
        return None
    objects = selection.get("objects")
    if not isinstance(objects, Mapping):
        return None
    picked = objects.get(PLOTS_LAYER) or []
    for obj in picked:
        if isinstance(obj, Mapping) and isinstance(obj.get("plot_id"), str) and obj["plot_id"]:
            return obj["plot_id"]
    return None


def _legend_name(record: dict, lang: str) -> str:
    """ "4 · Oncology …", with "(plan)" when the plot's state in the year rests on a plan (drawn paler)."""
    name = f"{record['number']} · {record['what']}" if record["what"] else record["number"]
    return f"{name} ({translate('site_map.projected', lang)})" if record["projected"] else name


def legend_entries(records: list[dict], lang: str) -> list[dict]:
    """One entry per state (most advanced first): colour, label, number of plots and the plots' names.

    Keys: ``state``, ``hex``, ``label``, ``count``, ``plots`` (``[(plot_id, "4 · Oncology …")]``
    in number order) — the legend is also the key to the plot numbers on the map.
    """
    entries = []
    for state in reversed(STATES):
        mine = sorted(
            (r for r in records if r["state"] == state), key=lambda r: int(r["number"]) if r["number"].isdigit() else 0
        )
        entries.append(
            {
                "state": state,
                "hex": "#{:02x}{:02x}{:02x}".format(*STATE_COLOURS[state]),
                "label": labels.label("plot_state", state, lang),
                "count": len(mine),
                "plots": [(r["plot_id"], _legend_name(r, lang)) for r in mine],
            }
        )
    return entries
