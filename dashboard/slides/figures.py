"""The maps and charts of the slides, at presentation size: the page's figure builders, with larger type.

Each slide picture comes from the builder its page uses (:mod:`dashboard.figures`): the site plan
(the phone's SVG, drawn from the deck's parts) with larger labels fitted to the slide, the locator and the world map (both SVG) with 18 px labels,
and the Timeline's Gantt (HTML) with its text at :data:`SLIDE_TEXT_PX` and its own legend
left out (a slide draws one legend, the same on screen and in the PDF). Results are
kept by the shared cache, so a scene seen before — or prepared by :func:`prepare` in the background
once presenting starts (:mod:`dashboard.presenter`) — is not built again.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from imc_data import Dataset, dates
from imc_data import timeline as tl

from ..cache.shared import shared_result
from ..figures import gantt, locator, site_svg, worldmap
from ..figures import site_deck as deck
from . import content
from .content import Slide

# Characters per line of a facility's name: a longer one takes two lines (the rows share the picture's height),
# so the names leave the axis the room for every status on one line (Russian names ran to 650 px on one line).
NAME_WRAP = 44
SLIDE_TEXT_PX = 18  # the smallest text on a slide, chart and map labels included (issue 19)
MAP_LABEL_PX = 18


@shared_result(
    key=lambda ds, slide, view_px, today=None: (
        ds.content_key,
        slide.scene.scene_id,
        slide.lang,
        tuple(view_px),
        today or dates.today(),
    ),
    max_entries=32,
)
def timeline_figure(ds: Dataset, slide: Slide, view_px: tuple[int, int], today: dt.date | None = None) -> str:
    """The Gantt of a timeline slide: the page's chart (HTML) at :data:`SLIDE_TEXT_PX`, for the slide's years,
    its rows sharing the picture's height (``view_px``), so the slide does not scroll.

    Every name in full (wrapped at :data:`NAME_WRAP` characters), no links
    (a click must not leave the presentation), no legend (a slide draws one, the same on screen and in the
    PDF), and no "· target passed" after a status: the dotted line to the passed target says it, as the
    slide's talking point explains (the page keeps the words).
    """
    today = today or dates.today()
    first, last = years_shown(ds, slide.facility_ids, today)
    view = gantt.GanttView(
        font_px=SLIDE_TEXT_PX,
        years=(first, last),
        name_wrap=NAME_WRAP,
        links=False,
        legend=False,
        overdue_words=False,
        band_titles=False,
        height_px=int(view_px[1]),
        min_track_px=0,
    )
    # The axis runs on until every status written after its bar fits on one line: measured, in the shipped
    # font (wider than the page's), on the room the names leave.
    track = view_px[0] - gantt.name_column_px(
        gantt.chart_rows(ds, slide.facility_ids, slide.lang, slide.show_milestones, view, today), SLIDE_TEXT_PX
    )
    draws = gantt.gantt_parts(ds, slide.lang, today).draws
    labels = [
        (draws[f]["right"], gantt.status_label_px(draws[f], view))
        for f in slide.facility_ids
        if draws[f]["right"] is not None
    ]
    end = last
    while end < last + 15 and not _labels_fit(labels, first, end, track):
        end += 1
    view = dataclasses.replace(view, years=(first, end))
    return gantt.build_gantt(
        ds, slide.facility_ids, slide.lang, show_milestones=slide.show_milestones, today=today, view=view
    )


def _labels_fit(labels, first: int, end: int, track: float) -> bool:
    """Whether every ``(row end, label width)`` fits between its row's end and the axis' end (``track`` px wide)."""
    axis = gantt.Axis.of_years(first, end)
    return all(axis.at(right) / 100 * track + width <= track for right, width in labels)


def years_shown(ds: Dataset, facility_ids, today: dt.date) -> tuple[int, int]:
    """The first and last year a timeline slide shows: its facilities' plans, facts and targets, and today."""
    spans = tl.facility_spans(ds, today).set_index("facility_id").loc[list(facility_ids)]
    return gantt.axis_years(spans, [today.year])


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
        timeline_figure(ds, slide, view_px, today)
    elif slide.picture == content.WORLD_MAP:
        world_map_svg(ds, slide.lang, view_px)
    elif slide.picture == content.SITE_MAP:
        site_map_svg(ds, slide, view_px, today)
    elif slide.picture == content.LOCATOR:
        locator_svg(ds, slide.lang, view_px)
