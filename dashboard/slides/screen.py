"""A slide in the browser: the subject large, the talking points, the legend, a footnote line.

:func:`draw_body` lays out a :class:`~dashboard.slides.content.Slide` by its kind — the picture
(map or chart, from :mod:`dashboard.slides.figures`) or the big numbers, cards and facts on the
left, the talking points and the legend on the right — and :func:`draw_footnote` the provenance
badge, one line of sources and the full list one click away. Sizes come from
:data:`dashboard.presenter.PRESENTER_CSS`: every text at least 18 px, the slide as high as the screen.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from imc_data import Dataset

from ..components import provenance_tag, sources_popover
from ..i18n import translate
from ..safe import markup, md
from . import content, figures, qr
from .content import Slide

PICTURE_KEY = "imc-slide-picture"
POINTS_KEY = "imc-slide-points"
CHROME_PX = 270  # title row, footer row and paddings at 1440 × 900 (dashboard.presenter.PRESENTER_CSS)
DESIGN_VIEWPORT = (1440, 900)  # the screen a slide is laid out for; a smaller one scales it (presenter.SLIDE_FIT_CSS)
# Share of the slide's width the subject takes, by kind (the talking points get the rest).
SUBJECT_SHARE = {"locator": 0.56, "timeline": 0.78, "legal": 0.72, "operators": 0.68, "kpis": 0.64, "contact": 0.62}
SUBJECT_SHARE_WITH_FACTS = 0.56  # a site map beside a plot's facts: more room for the facts, so they fit the height
CARDS_WITH_TEXT = 4  # a legal slide with more cards shows their headlines
# Opportunities or benefits listed on a slide, as many as fit its card at 18 px; the rest are counted ("and 4 more").
SCREEN_LINES = {"opportunities": 9, "opportunity": 2}


def picture_px(slide: Slide, viewport: tuple[int, int]) -> tuple[int, int]:
    """Width and height in px the slide's picture gets on a screen of ``viewport`` (the map's view is fitted to it)."""
    width, height = viewport
    share = _columns(slide)[0] / sum(_columns(slide))
    return max(int((width - 70) * share) - 20, 320), max(height - CHROME_PX, 300)


def draw_body(ds: Dataset, slide: Slide, viewport: tuple[int, int], today: dt.date | None = None) -> None:
    """The subject, the talking points and the legend of ``slide``."""
    columns = st.columns(_columns(slide), gap="medium")
    px = picture_px(slide, viewport)
    with columns[0]:
        _SUBJECTS[slide.kind](ds, slide, px, today)
    with columns[-1]:
        _points(slide)
        _legend(slide)
    if len(columns) == 3:  # an opportunity: its card on the left, the map in the middle
        with columns[1]:
            # The middle column is 0.9 of the first; a little less, so the plan (an SVG) is never scaled down
            # to its column, which took its 18 px labels under 18 px.
            _picture(ds, slide, (int(px[0] * 0.88), px[1]), today)


def draw_footnote(ds: Dataset, slide: Slide) -> None:
    """The provenance badge, the slide's note or first sources in one line, and every source in a popover."""
    line = st.container(horizontal=True, vertical_alignment="center", gap="small", key="imc-slide-footnote")
    with line:
        tag = provenance_tag(slide.provenance, slide.lang)
        text = slide.note or content.footnote_sources(ds, slide.source_ids, slide.lang)
        st.markdown(" ".join(part for part in (tag, md(text)) if part))
        sources_popover(ds, slide.source_ids, slide.lang, provenance=slide.provenance, key="imc_slide_sources")


def _columns(slide: Slide) -> list[float]:
    if slide.kind in ("opportunity", "opportunities"):
        return [0.4, 0.36, 0.24]
    share = (
        SUBJECT_SHARE_WITH_FACTS if slide.kind == "site_map" and slide.facts else SUBJECT_SHARE.get(slide.kind, 0.62)
    )
    return [share, 1 - share]


# --- the subject of each kind -------------------------------------------------------------------------


def _picture(ds: Dataset, slide: Slide, px: tuple[int, int], today: dt.date | None) -> None:
    with st.container(key=PICTURE_KEY):
        if slide.picture == content.SITE_MAP:
            # Markdown's raw-HTML block (st.html drops SVG), as the locator below: a still picture, no deck.gl.
            st.markdown(f"<div>\n{figures.site_map_svg(ds, slide, px, today)}\n</div>", unsafe_allow_html=True)
        elif slide.picture == content.LOCATOR:
            st.markdown(figures.locator_svg(ds, slide.lang, px), unsafe_allow_html=True)  # a still picture: no deck.gl
        elif slide.picture == content.TIMELINE:
            # The page's Gantt at slide size, as HTML (no chart code to load in front of the audience).
            st.markdown(figures.timeline_figure(ds, slide, px, today), unsafe_allow_html=True)
        elif slide.picture == content.WORLD_MAP:
            # Drawn at its own size (it fits px), so its labels are the 18 px they were drawn at.
            st.image(figures.world_map_svg(ds, slide.lang, px), alt=slide.title)


def _kpis_subject(ds: Dataset, slide: Slide, px, today) -> None:
    per_row = 3 if len(slide.figures) > 4 else 2
    with st.container(key="imc-slide-kpis"):
        for start in range(0, len(slide.figures), per_row):
            for column, figure in zip(st.columns(per_row), slide.figures[start : start + per_row], strict=False):
                tag = provenance_tag(figure.provenance, slide.lang)
                column.metric(figure.label, figure.value, border=True)
                if tag:
                    column.markdown(tag)


def _cards_subject(ds: Dataset, slide: Slide, px, today) -> None:
    per_row = 3 if len(slide.cards) > 4 else 2
    # More cards than fit with their text at 18 px: the headlines only (the PDF deck and the page keep the text).
    headlines_only = len(slide.cards) > CARDS_WITH_TEXT
    with st.container(key="imc-slide-cards"):
        for start in range(0, len(slide.cards), per_row):
            for column, card in zip(st.columns(per_row), slide.cards[start : start + per_row], strict=False):
                with column.container(border=True):
                    st.markdown(f"**{md(card.title)}**")
                    if card.text and not headlines_only:
                        st.markdown(md(card.text))
                    if card.caption:
                        st.caption(md(card.caption))


def _facts(slide: Slide) -> None:
    if slide.heading:
        # A list of every open opportunity needs the card's height: its count is a smaller heading.
        level = "####" if slide.kind == "opportunities" else "###"
        st.markdown(f"{level} {md(slide.heading)}")
    rows = []
    for fact in slide.facts:
        tag = provenance_tag(fact.provenance, slide.lang)
        rows.append(f"- **{md(fact.label)}:** {md(fact.value)}" + (f" {tag}" if tag else ""))
    if rows:
        st.markdown("\n".join(rows))


def _opportunity_subject(ds: Dataset, slide: Slide, px, today) -> None:
    with st.container(key="imc-slide-card", border=True):
        _facts(slide)
        if slide.lines:
            shown = slide.lines[: SCREEN_LINES[slide.kind]]
            more = len(slide.lines) - len(shown)
            if slide.extra.get("benefits_heading"):
                st.markdown(f"**{md(slide.extra['benefits_heading'])}**")
            text = "\n".join(f"- {md(line)}" for line in shown)
            if more > 0:
                text += "\n- " + md(translate("presenter.more_sources", slide.lang, n=more))
            st.markdown(text)


def _contact_subject(ds: Dataset, slide: Slide, px, today) -> None:
    url = slide.extra.get("qr_url")
    text, code = st.columns([3, 2], gap="medium")
    with text.container(key="imc-slide-contact"):
        if slide.heading:
            st.markdown(f"### {md(slide.heading)}")
        for line in slide.lines:
            st.markdown(md(line))
        _facts_only(slide)
    if url:
        with code.container(key="imc-slide-qr"):
            st.image(qr.qr_png(url), width=min(px[1] - 160, 340))
            st.markdown(f"**{md(slide.extra.get('qr_label', ''))}**  \n{md(url)}")


def _facts_only(slide: Slide) -> None:
    rows = [f"- **{md(f.label)}:** {md(f.value)}" for f in slide.facts]
    if rows:
        st.markdown("\n".join(rows))


_SUBJECTS = {
    "kpis": _kpis_subject,
    "site_map": _picture,
    "locator": _picture,
    "timeline": _picture,
    "opportunities": _opportunity_subject,
    "opportunity": _opportunity_subject,
    "operators": _picture,
    "legal": _cards_subject,
    "contact": _contact_subject,
}


# --- talking points and legend ----------------------------------------------------------------------


def _points(slide: Slide) -> None:
    with st.container(key=POINTS_KEY):
        if slide.kind == "site_map" and slide.facts:
            _facts(slide)
        if slide.kind == "locator" and slide.lines:
            st.markdown("\n".join(f"- {md(line)}" for line in slide.lines))
        if slide.kind == "operators" and slide.figures:
            st.markdown("\n".join(f"- **{md(f.value)}** {md(f.label)}" for f in slide.figures))
        if slide.points:
            st.markdown("\n".join(f"- {md(point)}" for point in slide.points))


def _legend(slide: Slide) -> None:
    legend = slide.legend
    if slide.kind == "timeline":  # the chart writes each bar's status beside it: only the plan's outline needs a key
        legend = tuple(item for item in legend if item.shape == "outline")
    if not legend:
        return
    items = []
    for item in legend:
        if item.shape == "outline":
            swatch = f"background:transparent;border:3px solid {item.hex}"
        elif item.shape == "line":
            swatch = f"background:{item.hex};height:0.3em;border:none"
        else:
            swatch = f"background:{item.hex};border:1px solid #3c3c3c"
        items.append(
            f"<span class='imc-legend-item'><span class='imc-swatch' style='{swatch}'></span>"
            f"{markup(item.label)}</span>"
        )
    # Our own constants (colours) and escaped labels: no text from a cell is read as HTML.
    st.markdown("<div class='imc-legend'>" + "".join(items) + "</div>", unsafe_allow_html=True)
