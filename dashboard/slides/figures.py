"""The maps and charts of the slides, at presentation size: the page's figure builders, with larger type.

Each slide picture comes from the builder its page uses (:mod:`dashboard.figures`): the site plan
(the phone's SVG, drawn from the deck's parts) with larger labels fitted to the slide, the locator and the world map (both SVG) with 18 px labels,
and the Timeline's Gantt copied with every font raised to :data:`SLIDE_TEXT_PX` and its own legend
left out (a slide draws one legend, the same on screen and in the PDF). Results are
kept by the shared cache, so a scene seen before — or prepared by :func:`prepare` in the background
once presenting starts (:mod:`dashboard.presenter`) — is not built again.
"""

from __future__ import annotations

import datetime as dt
import html
import textwrap
from collections.abc import MutableMapping

import pandas as pd
import plotly.graph_objects as go

from imc_data import Dataset, dates
from imc_data import timeline as tl

from ..cache.shared import shared_result
from ..figures import gantt, locator, site_svg, worldmap
from ..figures import site_deck as deck
from ..figures.plotly_text import plotly_text
from ..i18n import translate
from . import content
from .content import Slide

SLIDE_TEXT_PX = 18  # the smallest text on a slide, chart and map labels included (issue 19)
MAP_LABEL_PX = 18
LABEL_ROOM = 0.7  # share of the shown years added on the right for the bars' status labels
NAME_WRAP = 44  # characters per line of a facility's name when the Gantt has few rows
FEW_ROWS = 10


def raise_fonts(spec: MutableMapping, px: int) -> None:
    """Every font size in a Plotly layout or trace spec (nested dicts and lists) raised to at least ``px``, in place.

    A ``font``-like entry (``font``, ``tickfont``, ``textfont``…) without a size gets ``px``.
    """
    for key, value in spec.items():
        if isinstance(value, MutableMapping):
            if key.endswith("font"):
                value["size"] = max(value.get("size") or 0, px)
            raise_fonts(value, px)
        elif isinstance(value, list):
            for item in value:
                if isinstance(item, MutableMapping):
                    raise_fonts(item, px)


def presentation_figure(fig: go.Figure, px: int = SLIDE_TEXT_PX, margin: dict | None = None) -> go.Figure:
    """A copy of ``fig`` for a slide: fonts at least ``px``, no legend, height left to the slide."""
    spec = fig.to_dict()
    layout = spec.setdefault("layout", {})
    layout.setdefault("font", {})
    raise_fonts(layout, px)
    for trace in spec.get("data", []):
        raise_fonts(trace, px)
    layout["showlegend"] = False
    layout.pop("height", None)
    layout["autosize"] = True
    if margin is not None:
        layout["margin"] = margin
    return go.Figure(spec)


@shared_result(
    key=lambda ds, slide, today=None: (ds.content_key, slide.scene.scene_id, slide.lang, today or dates.today()),
    max_entries=32,
)
def timeline_figure(ds: Dataset, slide: Slide, today: dt.date | None = None) -> go.Figure:
    """The Gantt of a timeline slide (shared, read-only)."""
    fig = gantt.build_gantt(ds, slide.facility_ids, slide.lang, show_milestones=slide.show_milestones, today=today)
    names = ds["facilities"].set_index("facility_id").loc[list(slide.facility_ids), f"name_{slide.lang}"]
    fig = presentation_figure(fig, margin={"l": 10, "r": 60, "t": 90, "b": 40})  # r: room for the last status labels
    ticktext = list(fig.layout.yaxis.ticktext or ())
    wrap = NAME_WRAP if len(ticktext) <= FEW_ROWS else None  # few rows have the height for two-line names
    fig.update_yaxes(ticktext=full_names(ticktext, list(names), wrap))
    # A slide has no room for "· target passed" after each status at 18 px: the dotted line from the
    # bar to its passed target says it, as the slide's talking point explains (the page keeps the words).
    suffix = plotly_text(translate("timeline.overdue_label_short", slide.lang, status=""))
    for note in fig.layout.annotations or ():
        if note.text and note.text.endswith(suffix):
            note.text = note.text[: -len(suffix)]
    first, last = years_shown(ds, slide.facility_ids, today or dates.today())
    # The years the slide's facilities span (not the whole programme), a tick every 1–5 years as room allows.
    # Room on the right for a status written after its bar (it would be cut at the chart's edge); a status
    # written inside its bar (rows ending late) needs none, or Stage 2's axis ran a decade past its last date.
    after = [note.x for note in fig.layout.annotations or () if note.xshift == gantt.LABEL_SHIFT_AFTER]
    # A label starts after its row's end, in that year or the next: room is counted from four years on (Russian labels are the longer).
    label_end = max((pd.Timestamp(x).year + 4 for x in after), default=first)
    end = max(last, label_end + max(2, round((last - first) * LABEL_ROOM)))
    fig.update_xaxes(range=[f"{first}-01-01", f"{end}-06-30"], dtick=f"M{12 * max(1, (end - first) // 6)}")
    return fig


def years_shown(ds: Dataset, facility_ids, today: dt.date) -> tuple[int, int]:
    """The first and last year a timeline slide shows: its facilities' plans, facts and targets, and today."""
    spans = tl.facility_spans(ds, today).set_index("facility_id").loc[list(facility_ids)]
    days = pd.concat(
        [spans[c] for c in ("plan_start", "plan_end", "actual_start", "actual_end", "target_end")]
    ).dropna()
    years = [d.year for d in days] + [today.year]
    return min(years) - 1, max(years) + 1


def full_names(ticktext: list[str], names: list[str], wrap: int | None = None) -> list[str]:
    """The Gantt's row labels for a slide: every facility name in full, on one line, or wrapped at ``wrap``
    characters when the rows have the height for it (a slide has the room, and nothing on a slide is cut).

    Headers (bold) are kept as they are; a name the Gantt wrapped or shortened ("…") is written anew.
    """
    out = []
    for text in ticktext:
        if not text.startswith("<b>"):
            flat = html.unescape(text.replace("<br>", " "))
            stem = flat[:-1] if flat.endswith("…") else flat
            full = next((n for n in names if n.startswith(stem)), flat)
            lines = textwrap.wrap(full, wrap) if wrap else [full]
            text = "<br>".join(plotly_text(line) for line in lines)
        out.append(text)
    return out


def world_map_svg(ds: Dataset, lang: str, view_px: tuple[int, int]) -> str:
    """The Operators page's world map as large as fits ``view_px``, labels at :data:`MAP_LABEL_PX` (shared)."""
    return worldmap.operator_world_map(ds, lang, worldmap.MapView.fitting(view_px, MAP_LABEL_PX))


def site_map_svg(ds: Dataset, slide: Slide, view_px: tuple[int, int], today: dt.date | None = None) -> str:
    """The site plan of a slide as a still SVG: its plot selected or its plots highlighted, labels at :data:`MAP_LABEL_PX`.

    The same plan as the Site map page's (:func:`dashboard.figures.site_svg.site_plan_svg`, drawn from the deck's
    parts), without links: a click must not leave the presentation. A still picture is drawn at once, where a
    deck.gl map left the slide blank for seconds on a laptop without a graphics card.
    """
    return site_svg.site_plan_svg(
        ds,
        slide.lang,
        slide.year,
        selected=slide.selected_plot,
        highlight=slide.highlight_plots,
        query=None,
        today=today,
        # The names around the plots too at MAP_LABEL_PX (on a page they are a pixel smaller): no slide text under it.
        view=deck.View(int(view_px[0]), int(view_px[1]), font_px=MAP_LABEL_PX, names_px=MAP_LABEL_PX),
    )


def _geometry_stamp() -> int:
    try:
        return locator.LOCATOR_GEOJSON.stat().st_mtime_ns
    except OSError:
        return 0


@shared_result(key=lambda ds, lang, view_px: (ds.content_key, _geometry_stamp(), lang, view_px), max_entries=8)
def locator_svg(ds: Dataset, lang: str, view_px: tuple[int, int]) -> str:
    """The locator map (an SVG) fitted to ``view_px`` with labels at :data:`MAP_LABEL_PX` (shared, read-only)."""
    view = locator.View(int(view_px[0]), int(view_px[1]), font_px=MAP_LABEL_PX, small_px=SLIDE_TEXT_PX)
    return locator.locator_svg(locator.located_places(ds), locator.load_geometry(), lang, view)


def prepare(ds: Dataset, slide: Slide, view_px: tuple[int, int], today: dt.date | None = None) -> None:
    """Build what ``slide`` will show (its picture), so that showing it later takes it from the cache."""
    if slide.picture == content.TIMELINE:
        timeline_figure(ds, slide, today)
    elif slide.picture == content.WORLD_MAP:
        world_map_svg(ds, slide.lang, view_px)
    elif slide.picture == content.SITE_MAP:
        site_map_svg(ds, slide, view_px, today)
    elif slide.picture == content.LOCATOR:
        locator_svg(ds, slide.lang, view_px)
