"""The leave-behind deck: the whole presenter story as a 16:9 PDF, one page per slide, in English or Russian.

Each page says what its slide says (:func:`dashboard.slides.content.build_slide`, the same
content the screen draws): the title, the picture — the site map and the timeline as images
drawn locally, the Moscow and world maps as their text lists — or the big numbers, cards and
facts, the talking points, the legend, the provenance and the slide's sources with their titles
in the page language (:func:`dashboard.citations.citation`). Every page's footer carries the
generation date, the contact of ``contacts.csv`` and the page number.
"""

from __future__ import annotations

import datetime as dt
import io

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from imc_data import Dataset, dates
from imc_data.scenes import playable_scenes

from .. import formatting
from ..cache.shared import shared_result
from ..citations import citation
from ..contact import contact_card
from ..figures import site_deck
from ..figures.thumbnail import FONT_BOLD, FONT_REGULAR, site_thumbnail
from ..i18n import translate
from ..labels import provenance_words
from ..slides import content, qr
from ..slides.content import Slide
from . import deck_pictures
from .pdf_kit import BLACK, FONT, GREY, HEADING_BLUE

PAGE_MM = (254.0, 142.875)  # 16:9 (10 × 5.625 in), width × height
MARGIN = 10.0
BODY_TOP, BODY_BOTTOM = 27.0, 114.0
SOURCES_SHOWN = 3
HIGHLIGHT = tuple(site_deck.HIGHLIGHT_OUTLINE[:3])  # the plot(s) a slide is about, outlined as on screen


@shared_result(key=lambda ds, lang, generated=None: (ds.content_key, lang, generated or dates.today()), max_entries=8)
def deck_pdf(ds: Dataset, lang: str, generated: dt.date | None = None) -> bytes:
    """The PDF deck of the story in ``scenes.csv`` in ``lang`` (shared, read-only bytes).

    Parameters
    ----------
    ds : Dataset
        The validated data.
    lang : str
        ``en`` or ``ru``: every slide in this language.
    generated : datetime.date, optional
        The generation date printed on each page; default :func:`imc_data.dates.today`.
    """
    generated = generated or dates.today()
    scenes, _ = playable_scenes(ds["scenes"])
    pdf = FPDF(orientation="L", unit="mm", format=PAGE_MM[::-1])  # fpdf2 takes (short, long) sides
    pdf.add_font(FONT, "", str(FONT_REGULAR))
    pdf.add_font(FONT, "B", str(FONT_BOLD))
    pdf.set_auto_page_break(False)
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.set_title(translate("app.title", lang))
    pdf.set_creator("IMC Road-Show Dashboard")
    footer = _footer(ds, lang, generated)
    for scene in scenes:
        slide = content.build_slide(ds, scene, lang, generated)
        pdf.add_page()
        _header(pdf, slide, len(scenes), lang)
        _body(pdf, ds, slide, generated)
        _footnote(pdf, ds, slide, footer)
    return bytes(pdf.output())


def _text(
    pdf: FPDF, text: str, size: float, *, bold: bool = False, colour=BLACK, width: float = 0, height=None
) -> None:
    pdf.set_font(FONT, "B" if bold else "", size)
    pdf.set_text_color(*colour)
    pdf.multi_cell(width, height or size * 0.45, text, align="L", new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.set_text_color(*BLACK)


def _header(pdf: FPDF, slide: Slide, total: int, lang: str) -> None:
    pdf.set_xy(MARGIN, 7)
    pdf.set_font(FONT, "", 8)
    pdf.set_text_color(*GREY)
    pdf.cell(0, 4, translate("app.title", lang))
    pdf.set_xy(MARGIN, 7)
    pdf.cell(0, 4, translate("presenter.pdf.page", lang, n=slide.scene.number, total=total), align="R")
    pdf.set_xy(MARGIN, 13)
    _text(pdf, slide.title, 20, bold=True, colour=HEADING_BLUE, height=9)


def _columns(slide: Slide) -> tuple[float, float]:
    """Width of the subject and of the talking points, in mm."""
    usable = PAGE_MM[0] - 2 * MARGIN - 6
    share = 0.62 if slide.picture or slide.cards or slide.figures else 0.55
    return usable * share, usable * (1 - share)


def _body(pdf: FPDF, ds: Dataset, slide: Slide, generated: dt.date) -> None:
    left_w, right_w = _columns(slide)
    pdf.set_xy(MARGIN, BODY_TOP)
    _subject(pdf, ds, slide, left_w, generated)
    x = MARGIN + left_w + 6
    pdf.set_xy(x, BODY_TOP)
    for point in slide.points:
        _text(pdf, f"• {point}", 12, width=right_w, height=5.6)
        pdf.set_xy(x, pdf.get_y() + 1.5)
    if slide.legend:
        pdf.set_xy(x, pdf.get_y() + 2)
        for item in _pdf_legend(slide):
            _legend_item(pdf, item, right_w)


def _pdf_legend(slide: Slide) -> tuple[content.LegendItem, ...]:
    """The slide's legend; on a site map the plot in focus is outlined like the highlighted plots."""
    if slide.picture in (content.WORLD_MAP, content.LOCATOR):  # their text stands in for the map: no map legend
        return ()
    if slide.picture == content.SITE_MAP and slide.selected_plot:
        return (
            *slide.legend,
            content.LegendItem(translate("presenter.legend.plot_in_focus", slide.lang), _hex(HIGHLIGHT), "outline"),
        )
    return slide.legend


def _legend_item(pdf: FPDF, item: content.LegendItem, width: float) -> None:
    x, y = pdf.get_x(), pdf.get_y()
    r, g, b = (int(item.hex.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4))
    if item.shape == "outline":
        pdf.set_draw_color(r, g, b)
        pdf.set_line_width(0.6)
        pdf.rect(x, y + 0.8, 5, 3)
        pdf.set_line_width(0.2)
    else:
        pdf.set_fill_color(r, g, b)
        pdf.rect(x, y + (1.8 if item.shape == "line" else 0.8), 5, 1 if item.shape == "line" else 3, style="F")
    pdf.set_draw_color(0, 0, 0)
    pdf.set_xy(x + 7, y)
    _text(pdf, item.label, 9, width=width - 7, height=4.0)
    pdf.set_xy(x, pdf.get_y() + 0.4)


def _subject(pdf: FPDF, ds: Dataset, slide: Slide, width: float, generated: dt.date) -> None:
    height = BODY_BOTTOM - BODY_TOP
    if slide.picture == content.SITE_MAP:
        x = MARGIN
        if slide.facts:
            _facts(pdf, slide, width * 0.56)
            x, width = MARGIN + width * 0.58, width * 0.42
        pdf.image(
            io.BytesIO(_site_png(ds, slide, width, height)), x=x, y=BODY_TOP, w=width, h=height, keep_aspect_ratio=True
        )
    elif slide.picture == content.TIMELINE:
        size = (int(width * 10), int(height * 10))
        png = deck_pictures.gantt_png(ds, slide.facility_ids, slide.lang, size=size, today=generated)
        pdf.image(io.BytesIO(png), x=MARGIN, y=BODY_TOP, w=width, h=height, keep_aspect_ratio=True)
    elif slide.picture == content.QR_CODE:
        _contact(pdf, slide, width)
    else:
        if slide.figures:
            _big_numbers(pdf, slide, width)
        if slide.cards:
            _cards(pdf, slide, width)
        _lines(pdf, slide.lines, width)


def _site_png(ds: Dataset, slide: Slide, width: float, height: float) -> bytes:
    """The site map as on the slide: plots in their state's colour, the plot(s) in focus outlined."""
    records = site_deck.plot_records(ds, slide.lang, slide.year)
    fills = {r["plot_id"]: tuple(r["fill_colour"][:3]) for r in records}
    plots = [slide.selected_plot] if slide.selected_plot else list(slide.highlight_plots or ())
    size = (int(width * 12), int(height * 12))
    return site_thumbnail(
        ds, plots, width=size[0], height=size[1], label_all=True, fills=fills, highlight_outline=HIGHLIGHT
    )


def _hex(rgb) -> str:
    return "#{:02x}{:02x}{:02x}".format(*rgb[:3])


def _facts(pdf: FPDF, slide: Slide, width: float) -> None:
    if slide.heading:
        _text(pdf, slide.heading, 12, bold=True, width=width, height=5.4)
        pdf.ln(1)
    for fact in slide.facts:
        mark = provenance_words(fact.provenance, slide.lang)
        _text(pdf, f"{fact.label}: {fact.value}" + (f" ({mark})" if mark else ""), 9.5, width=width, height=4.4)
        pdf.ln(0.6)
    if slide.lines and slide.extra.get("benefits_heading"):
        pdf.ln(1)
        _text(pdf, slide.extra["benefits_heading"], 10, bold=True, width=width, height=4.8)
    _lines(pdf, slide.lines, width)


def _lines(pdf: FPDF, lines, width: float) -> None:
    x = pdf.get_x()
    for line in lines:
        if pdf.get_y() > BODY_BOTTOM - 5:  # the rest is on the page the slide opens; never over the sources
            break
        pdf.set_x(x)
        _text(pdf, f"– {line}", 10, width=width, height=4.8)


def _big_numbers(pdf: FPDF, slide: Slide, width: float) -> None:
    per_row = 3 if len(slide.figures) > 4 else 2
    cell_w = width / per_row
    row_top = pdf.get_y()
    for start in range(0, len(slide.figures), per_row):
        bottom = row_top
        for i, figure in enumerate(slide.figures[start : start + per_row]):
            x = MARGIN + i * cell_w
            pdf.set_xy(x, row_top)
            _text(pdf, figure.value, 17, bold=True, colour=HEADING_BLUE, width=cell_w - 4, height=8.5)
            mark = provenance_words(figure.provenance, slide.lang)
            pdf.set_x(x)
            _text(pdf, figure.label + (f" ({mark})" if mark else ""), 9.5, width=cell_w - 4, height=4.4)
            bottom = max(bottom, pdf.get_y())
        row_top = bottom + 5
    pdf.set_xy(MARGIN, row_top)


def _cards(pdf: FPDF, slide: Slide, width: float) -> None:
    for card in slide.cards:
        if pdf.get_y() > BODY_BOTTOM - 10:
            break
        pdf.set_x(MARGIN)
        caption = f" ({card.caption})" if card.caption else ""
        _text(pdf, card.title + caption, 10.5, bold=True, width=width, height=4.8)
        if card.text:
            pdf.set_x(MARGIN)
            _text(pdf, card.text, 9, width=width, height=4.2)
        pdf.ln(1.2)


def _contact(pdf: FPDF, slide: Slide, width: float) -> None:
    text_w = width * 0.6
    _facts(pdf, slide, text_w)
    url = slide.extra.get("qr_url")
    if url:
        side = min(width * 0.38, BODY_BOTTOM - BODY_TOP - 12)
        x = MARGIN + width - side
        pdf.image(io.BytesIO(qr.qr_png(url)), x=x, y=BODY_TOP, w=side, h=side)
        pdf.set_xy(x - 10, BODY_TOP + side + 1)
        _text(pdf, url, 8, colour=GREY, width=side + 10, height=3.6)


def _footnote(pdf: FPDF, ds: Dataset, slide: Slide, footer: str) -> None:
    lang = slide.lang
    pdf.set_draw_color(200, 200, 200)
    pdf.line(MARGIN, BODY_BOTTOM + 2, PAGE_MM[0] - MARGIN, BODY_BOTTOM + 2)
    pdf.set_xy(MARGIN, BODY_BOTTOM + 3)
    found = content.audience_sources(ds, slide.source_ids)
    cited = [citation(src, lang) for _, src in found.head(SOURCES_SHOWN).iterrows()]
    line = translate("presenter.pdf.sources", lang) + ": " + "; ".join(cited)
    if len(found) > SOURCES_SHOWN:
        line += " " + translate("presenter.more_sources", lang, n=len(found) - SOURCES_SHOWN)
    lead = " — ".join(part for part in (provenance_words(slide.provenance, lang), slide.note) if part)
    if lead:
        _text(pdf, lead, 7.5, colour=GREY, height=3.4)
    if cited:
        _text(pdf, line, 7, colour=GREY, height=3.2)
    pdf.set_xy(MARGIN, PAGE_MM[1] - 8)
    _text(pdf, footer, 7.5, colour=GREY, height=3.4)


def _footer(ds: Dataset, lang: str, generated: dt.date) -> str:
    card = contact_card(ds, lang)
    name = " · ".join(part for part in (card.organisation, card.website) if part)
    generated_text = translate("presenter.pdf.generated", lang, date=formatting.date(generated, lang))
    return f"{generated_text} · " + translate("presenter.pdf.contact", lang, name=name)
