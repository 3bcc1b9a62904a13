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
from collections.abc import Iterable, Mapping

import pandas as pd
import pydeck as pdk
from shapely.geometry import box

from imc_data import Dataset, dates, queries
from imc_data.plot_state import OPERATING, PLANNED, STATES, UNDER_CONSTRUCTION

from .. import formatting
from ..cache.queries import plot_states
from ..cache.shared import shared_result
from ..i18n import translate

PLOTS_LAYER = "plots"
PLOT_LABELS_LAYER = "plot-labels"
CONTEXT_AREAS_LAYER = "context-areas"
CONTEXT_LINES_LAYER = "context-lines"
CONTEXT_LABELS_LAYER = "context-labels"
LAYER_IDS = (CONTEXT_AREAS_LAYER, CONTEXT_LINES_LAYER, PLOTS_LAYER, PLOT_LABELS_LAYER, CONTEXT_LABELS_LAYER)

# Okabe-Ito blue and orange plus a neutral grey: distinguishable with the common colour-vision
# deficiencies; the state is also written in every plot label, so colour is never the only cue.
STATE_COLOURS: dict[str, tuple[int, int, int]] = {
    OPERATING: (0, 114, 178),
    UNDER_CONSTRUCTION: (230, 159, 0),
    PLANNED: (189, 189, 189),
}
FILL_ALPHA = 200
PROJECTED_ALPHA = 110  # a state that rests on a plan is drawn paler (and says "plan" in its label)
DIMMED_ALPHA = 45  # plots outside a ``highlight`` set
OUTLINE = [60, 60, 60, 255]
SELECTED_OUTLINE = [0, 0, 0, 255]
HIGHLIGHT_OUTLINE = [204, 121, 167, 255]  # Okabe-Ito reddish purple
CONTEXT_STYLE = {
    # kind: (fill RGBA, line RGBA, line width in pixels)
    "district": ([214, 214, 206, 160], [150, 150, 140, 255], 1),
    "forest": ([178, 214, 160, 170], [110, 150, 95, 255], 1),
    "site_outline": ([246, 246, 240, 255], [90, 90, 90, 255], 2),
    "road": ([0, 0, 0, 0], [110, 110, 110, 255], 7),
}
METRES_PER_M2 = 1 / 400  # extrusion: 1 m of height per 400 m² of floor area
FIT_MARGIN = 1.15  # 15 % room around the plots in the initial view
# pydeck turns bare strings into accessors ("@@=name"); constants are quoted to stay literal.
FONT_FAMILY = "`'DejaVu Sans', 'Helvetica Neue', Arial, sans-serif`"
PITCH_3D = 45
BEARING_3D = -20
PLOT_LABEL_PX = 11  # plot labels on the page's map; presenter slides ask for larger ones


def clean_value(value):
    """A JSON-safe plain value: NaN/NA → None, numpy scalars → Python, Timestamps → ISO dates."""
    if value is None:
        return None
    if isinstance(value, pd.Timestamp | dt.date):
        return value.isoformat()[:10]
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        return value
    if hasattr(value, "item"):
        return value.item()
    return value


def state_label(state: str, lang: str, projected: bool = False) -> str:
    """The state in ``lang``, with "(plan)" when it rests on a plan rather than on a reported fact."""
    label = translate(f"site_map.state.{state}", lang)
    return f"{label} ({translate('site_map.projected', lang)})" if projected else label


def _short_label(plot_id: str, state: str, lang: str, projected: bool) -> str:
    """Map label: id, short state and, for a state that rests on a plan, "(plan)" — one per line."""
    lines = [str(plot_id), translate(f"site_map.state_short.{state}", lang)]
    if projected:
        lines.append(f"({translate('site_map.projected', lang)})")
    return "\n".join(lines)


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
        In ``plots.csv`` order. Keys: ``plot_id``, ``label`` (id and state, two lines),
        ``state``, ``state_label``, ``projected``, ``area_ha``, ``area_text``, ``use``,
        ``use_label``, ``stage_id``, ``description``, ``facility_ids``, ``facilities``,
        ``operators``, ``floor_area_m2``, ``elevation``, ``provenance``, ``highlighted``,
        ``selected``, ``fill_colour``, ``line_colour``, ``line_width``, ``position``
        (label point) and ``coordinates`` (exterior ring ``[[lon, lat], ...]``, EPSG:4326).
        Values are plain Python (str, int, float, bool, list, None).
    """
    return style_records(base_plot_records(ds, lang, year, today=today), highlight=highlight, selected=selected)


@shared_result(key=lambda ds, lang, year, today: (ds.content_key, lang, year, today or dates.today()), max_entries=64)
def base_plot_records(ds: Dataset, lang: str, year: int, *, today: dt.date | None = None) -> list[dict]:
    """:func:`plot_records` without the emphasis (highlight, selection, their colours and outlines).

    This part is the expensive one (every facility's state in ``year``, the geometry) and is
    shared (read-only); the emphasis changes with every filter and is added by :func:`style_records`.
    """
    states = plot_states(ds, year, today=today).set_index("plot_id")
    plots = ds["plots"].set_index("plot_id")
    geo = ds.plots_geo.set_index("plot_id")
    if geo.crs is not None and geo.crs.to_epsg() != 4326:
        geo = geo.to_crs(4326)
    fac = ds["facilities"].set_index("facility_id")
    facility_names = fac[f"name_{lang}"].to_dict()
    operator_names = queries.names(ds, "operators", lang)
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
        # Only facilities that exist (or are being built) in ``year`` add height.
        standing = [f for f, s in zip(fids, st_row["facility_states"], strict=True) if s != PLANNED]
        floor = sum(float(fac.loc[f, "floor_area_m2"]) for f in standing if pd.notna(fac.loc[f, "floor_area_m2"]))
        if not floor and pd.notna(plot["max_floor_area_m2"]):
            floor = float(plot["max_floor_area_m2"])
        label = state_label(state, lang, projected)
        use = plot["permitted_use"]
        names = [facility_names[f] for f in fids]
        centre = polygon.centroid
        records.append(
            {
                "plot_id": str(pid),
                "label": _short_label(pid, state, lang, projected),
                "state": state,
                "state_label": label,
                "projected": projected,
                "area_ha": clean_value(plot["area_ha"]),
                "area_text": f"{formatting.number(plot['area_ha'], lang)} {translate('unit.ha', lang)}",
                "use": use,
                "use_label": translate(f"site_map.use.{use}", lang),
                "stage_id": clean_value(plot["stage_id"]),
                "description": clean_value(plot[f"description_{lang}"]) or "",
                "facility_ids": [str(f) for f in fids],
                "facilities": "; ".join(names) if names else translate("site_map.no_facility", lang),
                "operators": "; ".join(operator_names.get(o, o) for o in operators),
                "floor_area_m2": floor or None,
                "elevation": round(floor * METRES_PER_M2, 1) if state != PLANNED else 0.0,
                "provenance": clean_value(plot["provenance"]),
                "position": [round(centre.x, 7), round(centre.y, 7), 0.0],
                "coordinates": _ring(polygon),
            }
        )
    return records


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
    # Label each feature where it is on screen: inside the box around the plots shown at first.
    frame = ds.plots_geo if len(ds.plots_geo) else ds.site_geo
    view = box(*frame.total_bounds).buffer(0.003, join_style="mitre") if len(frame) else None
    site = ds.site_geo.sort_values("kind", key=lambda s: s.map(order), kind="stable")
    for _, feat in site.iterrows():
        fill, line, width = CONTEXT_STYLE[feat["kind"]]
        geom = feat["geometry"]
        rec = {
            "feature_id": str(feat["feature_id"]),
            "kind": feat["kind"],
            "name": str(feat[f"name_{lang}"]),
            "fill_colour": fill,
            "line_colour": line,
            "line_width": width,
        }
        if geom.geom_type == "Polygon":
            rec["coordinates"] = _ring(geom)
            rec["path"] = rec["coordinates"]
            point = geom.representative_point()
        elif geom.geom_type == "LineString":
            rec["path"] = [[round(float(x), 7), round(float(y), 7)] for x, y, *_ in geom.coords]
            point = geom.interpolate(0.5, normalized=True)
        else:  # MultiPolygon and friends: outline of the largest part
            part = max(getattr(geom, "geoms", [geom]), key=lambda g: g.area)
            rec["coordinates"] = _ring(part)
            rec["path"] = rec["coordinates"]
            point = part.representative_point()
        visible = geom.intersection(view) if view is not None else None
        if visible is not None and not visible.is_empty:
            point = (
                visible.interpolate(0.5, normalized=True)
                if visible.geom_type == "LineString"
                else visible.representative_point()
            )
        rec["position"] = [round(point.x, 7), round(point.y, 7)]
        out.append(rec)
    return out


def view_state(ds: Dataset, *, extruded: bool = False, width_px: int = 480, height_px: int = 560) -> pdk.ViewState:
    """The initial view: the plots fitted into a ``width_px`` × ``height_px`` map, identical on every rerun.

    The zoom is computed from the plots' bounds in Web Mercator (deck.gl draws the world
    512 px wide at zoom 0) with a margin, so the whole layout is visible without a basemap.
    The 3D view is pitched and slightly turned.
    """
    frame = ds.plots_geo if len(ds.plots_geo) else ds.site_geo
    minx, miny, maxx, maxy = (float(v) for v in frame.total_bounds) if len(frame) else (math.nan,) * 4
    if any(math.isnan(v) for v in (minx, miny, maxx, maxy)):
        return pdk.ViewState(longitude=0, latitude=0, zoom=1)

    def merc_y(lat: float) -> float:
        return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)) / (2 * math.pi)

    span_x = max((maxx - minx) / 360, 1e-9)
    span_y = max(merc_y(maxy) - merc_y(miny), 1e-9)
    zoom = math.log2(min(width_px / span_x, height_px / span_y) / 512 / FIT_MARGIN)
    return pdk.ViewState(
        longitude=round((minx + maxx) / 2, 6),
        latitude=round((miny + maxy) / 2, 6),
        zoom=round(zoom, 2),
        pitch=PITCH_3D if extruded else 0,
        bearing=BEARING_3D if extruded else 0,
    )


@shared_result(
    key=lambda ds, lang, year, selected, highlight, extruded, today, label_px=PLOT_LABEL_PX, view_px=None: (
        ds.content_key,
        lang,
        year,
        selected,
        None if highlight is None else tuple(highlight),
        extruded,
        today or dates.today(),
        label_px,
        view_px,
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
    label_px: int = PLOT_LABEL_PX,
    view_px: tuple[int, int] | None = None,
) -> pdk.Deck:
    """The site map: local context, plots coloured by state in ``year``, id + state labels.

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
    label_px : int
        Size of the plot labels in pixels (context labels are 2 px larger); presenter slides use 18.
    view_px : (int, int), optional
        Width and height in pixels the initial view is fitted to; default the page's map (480 × 560).

    Returns
    -------
    pydeck.Deck
        With ``map_provider=None`` (no basemap, no tiles: nothing leaves the machine) and the
        layers :data:`LAYER_IDS`. Only the plots layer is pickable, so a click selects a plot.
        Shared by every caller of the same view: read-only.
    """
    plots = style_records(base_plot_records(ds, lang, year, today=today), highlight=highlight, selected=selected)
    context = context_records(ds, lang)
    tooltip_text = translate(
        "site_map.tooltip",
        lang,
        plot="{plot_id}",
        state="{state_label}",
        description="{description}",
        area="{area_text}",
        use="{use_label}",
        facilities="{facilities}",
    )
    return pdk.Deck(
        layers=[
            *_context_layers(context),
            _plots_layer(plots, extruded),
            *_label_layers(plots, context, extruded, label_px),
        ],
        initial_view_state=view_state(ds, extruded=extruded, **_view_size(view_px)),
        map_provider=None,
        tooltip={"text": tooltip_text},
    )


def _view_size(view_px: tuple[int, int] | None) -> dict:
    return {} if view_px is None else {"width_px": int(view_px[0]), "height_px": int(view_px[1])}


def _context_layers(context: list[dict]) -> list[pdk.Layer]:
    """The districts, forest and site outline as areas, the roads as lines (not pickable)."""
    return [
        pdk.Layer(
            "PolygonLayer",
            id=CONTEXT_AREAS_LAYER,
            data=[c for c in context if "coordinates" in c],
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
            data=[c for c in context if c["kind"] == "road"],
            get_path="path",
            get_color="line_colour",
            get_width="line_width",
            width_units="'pixels'",
            cap_rounded=True,
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


def _label_layers(
    plots: list[dict], context: list[dict], extruded: bool, label_px: int = PLOT_LABEL_PX
) -> list[pdk.Layer]:
    """Each plot's id and state, and the names of the roads, forest and districts, always on top."""
    # Labels sit on top of the blocks in 3D (at ground level they would be hidden inside them).
    labels = [
        {"label": p["label"], "position": [*p["position"][:2], p["elevation"] + 3.0 if extruded else 0.0]}
        for p in plots
    ]
    # In 3D, depth testing would hide the lower lines inside the blocks.
    on_top = {"depthCompare": "always", "depthWriteEnabled": False}
    return [
        pdk.Layer(
            "TextLayer",
            id=PLOT_LABELS_LAYER,
            data=labels,
            get_position="position",
            get_text="label",
            get_size=label_px,
            size_units="'pixels'",
            get_color=[20, 20, 20, 255],
            character_set="'auto'",  # Cyrillic labels need glyphs beyond the default ASCII set
            font_family=FONT_FAMILY,
            font_weight=600,
            background=True,
            get_background_color=[255, 255, 255, 200],
            background_padding=[3, 2],
            billboard=True,
            parameters=on_top,
            pickable=False,
        ),
        pdk.Layer(
            "TextLayer",
            id=CONTEXT_LABELS_LAYER,
            # One label per name: two patches of "neighbouring development" need it once.
            data=list({c["name"]: c for c in reversed(context) if c["kind"] != "site_outline"}.values())[::-1],
            get_position="position",
            get_text="name",
            get_size=label_px + 2,
            size_units="'pixels'",
            get_color=[80, 80, 80, 255],
            character_set="'auto'",
            font_family=FONT_FAMILY,
            font_style="'italic'",
            parameters=on_top,
            pickable=False,
        ),
    ]


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


def legend_entries(records: list[dict], lang: str) -> list[dict]:
    """One entry per state (most advanced first): colour as CSS hex, label and number of plots."""
    counts = {s: sum(1 for r in records if r["state"] == s) for s in STATES}
    return [
        {
            "state": s,
            "hex": "#{:02x}{:02x}{:02x}".format(*STATE_COLOURS[s]),
            "label": translate(f"site_map.state.{s}", lang),
            "count": counts[s],
        }
        for s in reversed(STATES)
    ]
