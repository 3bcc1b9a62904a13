"""A one-page PDF about one opportunity: key facts beside a map, benefits, contact, sources."""

from __future__ import annotations

import datetime as dt

import pandas as pd
from fpdf.enums import XPos, YPos

from imc_data import Dataset, dates, queries
from imc_data import opportunities as opps

from .. import formatting
from ..cache.queries import opportunity_frame
from ..i18n import translate
from ..views.opportunity_table import model_label, status_label
from . import pdf_kit
from .pdf_kit import BLACK, FONT, GREY, HEADING_BLUE

MAP_WIDTH_MM = 88
MAP_PX = (704, 480)


def opportunity_pdf(ds: Dataset, opportunity_id: str, lang: str, *, generated: dt.date | None = None) -> bytes:
    """A one-page PDF about one opportunity in ``lang``.

    Holds the key facts, a static map thumbnail, the 160-FZ benefits, the status basis,
    the sources, the contact and the generation date; illustrative values are labelled.

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
    pdf = pdf_kit.start_page(
        ds,
        lang,
        generated or dates.today(),
        title=f"{opportunity_id} — {row[f'specialty_{lang}']}",
        heading=translate("opportunities.pdf.heading", lang, id=opportunity_id),
    )
    pdf.line_of_text(str(row[f"specialty_{lang}"]), 12, 6)
    pdf_kit.banner(pdf, translate("opportunities.pdf.illustrative", lang))
    _map_and_facts(pdf, ds, row, lang)
    pdf_kit.heading(pdf, translate("opportunities.col.note", lang))
    pdf_kit.para(pdf, str(row[f"note_{lang}"]))
    pdf_kit.heading(pdf, translate("opportunities.pdf.benefits", lang))
    for _, prov in opps.benefits_of(ds, row["benefit_ids"]).iterrows():
        article = f" ({prov['article']})" if isinstance(prov["article"], str) and prov["article"] else ""
        pdf.line_of_text(f"• {prov[f'title_{lang}']}{article}", 8.5, 4.2, bold=True)
        pdf.set_x(pdf.l_margin + 3)
        pdf.line_of_text(str(prov[f"text_{lang}"]), 8, 3.8)
    pdf_kit.contact(pdf, ds, [row["contact_id"]], lang)
    pdf_kit.sources(pdf, ds, opps.all_source_ids(row), lang, size=7, height=3.4)
    return bytes(pdf.output())


def _map_and_facts(pdf, ds: Dataset, row: pd.Series, lang: str) -> None:
    """The map on the left with its caption, the key facts on the right; then below the taller of the two."""
    top = pdf.get_y()
    pdf_kit.site_map(pdf, ds, [row["plot_id"]], x=pdf.l_margin, y=top, width=MAP_WIDTH_MM, px=MAP_PX)
    pdf.set_xy(pdf.l_margin, top + MAP_WIDTH_MM * MAP_PX[1] / MAP_PX[0] + 0.5)
    pdf.set_font(FONT, "", 7)
    pdf.set_text_color(*GREY)
    pdf.multi_cell(MAP_WIDTH_MM, 3.4, translate("opportunities.pdf.map", lang, plots=row["plot_id"]))
    pdf.set_text_color(*BLACK)
    below_map = pdf.get_y()

    x = pdf.l_margin + MAP_WIDTH_MM + 6
    width = pdf.w - pdf.r_margin - x
    pdf.set_xy(x, top)
    pdf.set_font(FONT, "B", 11)
    pdf.set_text_color(*HEADING_BLUE)
    pdf.cell(width, 6, translate("opportunities.pdf.facts", lang), new_x=XPos.LEFT, new_y=YPos.NEXT)
    for label, value in _facts(ds, row, lang):
        pdf.set_x(x)
        pdf.set_font(FONT, "", 7.5)
        pdf.set_text_color(*GREY)
        pdf.multi_cell(width, 3.6, label, new_x=XPos.LEFT, new_y=YPos.NEXT)
        pdf.set_x(x)
        pdf.set_font(FONT, "B", 9)
        pdf.set_text_color(*BLACK)
        pdf.multi_cell(width, 4.4, value, new_x=XPos.LEFT, new_y=YPos.NEXT)
        pdf.ln(0.6)
    pdf.set_xy(pdf.l_margin, max(below_map, pdf.get_y()) + 1)


def _facts(ds: Dataset, row: pd.Series, lang: str) -> list[tuple[str, str]]:
    stages = queries.names(ds, "stages", lang)

    def t(key: str) -> str:
        return translate(f"opportunities.col.{key}", lang)

    ill = translate("provenance.illustrative", lang)
    plot_area = formatting.number(row["area_ha"], lang)
    return [
        (t("specialty"), str(row[f"specialty_{lang}"])),
        (t("plot"), str(row["plot_id"])),
        (t("stage"), stages.get(row["stage_id"], row["stage_id"])),
        (t("status"), status_label(row["status"], lang)),
        (t("available_from"), f"{row['available_from']} ({translate(f'provenance.{row.provenance}', lang)})"),
        (t("plot_area"), f"{plot_area} ({translate(f'provenance.{row.plot_provenance}', lang)})"),
        (t("floor_area"), f"{formatting.number(row['max_floor_area_m2'], lang)} ({ill})"),
        (t("model"), f"{model_label(row['investment_model'], lang)} ({ill})"),
    ]
