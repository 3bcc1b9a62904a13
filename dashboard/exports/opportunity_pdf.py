"""A one-page PDF about one opportunity: its name, key facts beside a map, benefits, contact, sources."""

from __future__ import annotations

import datetime as dt

import pandas as pd
from fpdf.enums import XPos, YPos

from imc_data import Dataset, dates
from imc_data import opportunities as opps

from .. import labels
from ..cache.queries import opportunity_frame
from ..i18n import translate
from ..views.opportunity_table import benefit_titles, opportunity_facts
from . import pdf_kit
from .pdf_kit import BLACK, FONT, GREY, HEADING_BLUE

MAP_WIDTH_MM = 88
MAP_PX = (704, 480)
# The stage and plot are in the heading and the line under it; the facts beside the map say the rest.
PDF_FACTS = ("specialty", "status", "available_from", "plot_area", "floor_area", "model")


def opportunity_pdf(
    ds: Dataset,
    opportunity_id: str,
    lang: str,
    *,
    generated: dt.date | None = None,
    enquiry_url: str | None = None,
) -> bytes:
    """A one-page PDF about one opportunity in ``lang``.

    Headed by the opportunity's name ("Ophthalmology clinic · Stage 2"; the id follows in grey),
    it holds the key facts (illustrative values tagged), a static map, the basis of the status,
    the 160-FZ benefits, the contact, the sources, and the generation and data dates.

    Parameters
    ----------
    ds : Dataset
        Loaded data.
    opportunity_id : str
        Id from ``opportunities.csv``.
    lang : str
        ``en`` or ``ru``.
    generated : datetime.date, optional
        Date printed as the generation date (default today).
    enquiry_url : str, optional
        Public address of the enquiry form (see :func:`.pdf_kit.enquiry_address`); without it the
        PDF names the page.

    Returns
    -------
    bytes
        The PDF file.
    """
    frame = opportunity_frame(ds)
    match = frame[frame["opportunity_id"] == opportunity_id]
    if match.empty:
        raise KeyError(opportunity_id)
    row = match.iloc[0]
    facts = opportunity_facts(ds, row, lang)
    name = labels.opportunity_name(ds, opportunity_id, lang)
    pdf = pdf_kit.start_page(
        ds,
        lang,
        generated or dates.today(),
        title=name,
        heading=name,
        subtitle=translate(
            "opportunities.pdf.kicker", lang, id=opportunity_id, plot=facts["plot"].value, status=facts["status"].value
        ),
    )
    pdf.ln(1.5)
    _map_and_facts(pdf, ds, row, facts, lang)
    pdf_kit.heading(pdf, translate("opportunities.col.note", lang))
    pdf_kit.para(pdf, str(row[f"note_{lang}"]))
    pdf_kit.heading(pdf, translate("opportunities.pdf.benefits", lang))
    texts = opps.benefits_of(ds, row["benefit_ids"])[f"text_{lang}"].tolist()
    for title, text in zip(benefit_titles(ds, row["benefit_ids"], lang), texts, strict=True):
        pdf_kit.titled_para(pdf, f"• {title}", str(text))
    pdf_kit.contact(pdf, ds, [row["contact_id"]], lang, enquiry_url)
    pdf_kit.sources(pdf, ds, opps.all_source_ids(row), lang, size=7, height=3.4)
    return bytes(pdf.output())


def _map_and_facts(pdf, ds: Dataset, row: pd.Series, facts: dict, lang: str) -> None:
    """The map on the left with its caption, the key facts on the right; then below the taller of the two."""
    top = pdf.get_y()
    pdf_kit.site_map(pdf, ds, [row["plot_id"]], x=pdf.l_margin, y=top, width=MAP_WIDTH_MM, px=MAP_PX)
    pdf.set_xy(pdf.l_margin, top + MAP_WIDTH_MM * MAP_PX[1] / MAP_PX[0] + 0.5)
    pdf.set_font(FONT, "", 7)
    pdf.set_text_color(*GREY)
    pdf.multi_cell(MAP_WIDTH_MM, 3.4, translate("opportunities.pdf.map_one", lang, plot=facts["plot"].value))
    pdf.set_text_color(*BLACK)
    below_map = pdf.get_y()

    x = pdf.l_margin + MAP_WIDTH_MM + 6
    width = pdf.w - pdf.r_margin - x
    pdf.set_xy(x, top)
    pdf.set_font(FONT, "B", 11)
    pdf.set_text_color(*HEADING_BLUE)
    pdf.cell(width, 6, translate("opportunities.pdf.facts", lang), new_x=XPos.LEFT, new_y=YPos.NEXT)
    for key in PDF_FACTS:
        fact = facts[key]
        pdf.set_x(x)
        pdf.set_font(FONT, "", 7.5)
        pdf.set_text_color(*GREY)
        pdf.multi_cell(width, 3.6, fact.label, new_x=XPos.LEFT, new_y=YPos.NEXT)
        tag = labels.label("provenance", fact.provenance, lang) if fact.provenance else None
        pdf_kit.value_with_tag(pdf, x, width, fact.value, tag)
        pdf.ln(0.6)
    pdf.set_xy(x, pdf.get_y() + 1)
    pdf.set_font(FONT, "", 6.8)
    pdf.set_text_color(*GREY)
    pdf.multi_cell(width, 3.2, translate("opportunities.pdf.illustrative", lang), new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.set_text_color(*BLACK)
    pdf.set_xy(pdf.l_margin, max(below_map, pdf.get_y()) + 1)
