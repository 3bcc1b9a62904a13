"""A one-page PDF comparing the shortlisted opportunities: a map, one table row each, totals, benefits."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pandas as pd
from fpdf.fonts import FontFace

from imc_data import Dataset, dates, queries
from imc_data import opportunities as opps

from .. import formatting
from ..cache.queries import opportunity_frame
from ..i18n import translate
from ..views.opportunity_table import format_totals, model_label, status_label
from . import pdf_kit
from .pdf_kit import FONT, GREY

MAP_WIDTH_MM = 120
MAP_PX = (900, 420)
COLUMNS = ("id", "specialty", "plot", "stage", "status", "available_from", "plot_area", "floor_area", "model")
COLUMN_WIDTHS = (8, 30, 14, 11, 21, 13, 14, 16, 25)
COLUMN_ALIGN = ("LEFT", "LEFT", "LEFT", "LEFT", "LEFT", "RIGHT", "RIGHT", "RIGHT", "LEFT")


def shortlist_pdf(ds: Dataset, opportunity_ids: Sequence[str], lang: str, *, generated: dt.date | None = None) -> bytes:
    """A one-page PDF comparing the shortlisted opportunities (one table row each) in ``lang``.

    Parameters
    ----------
    ds : Dataset
        Loaded data.
    opportunity_ids : sequence of str
        The shortlist, in order.
    lang : str
        ``en`` or ``ru``.
    generated : datetime.date, optional
        Date printed as the generation date (default today).
    """
    frame = opportunity_frame(ds).set_index("opportunity_id", drop=False)
    rows = frame.loc[[i for i in opportunity_ids if i in frame.index]].reset_index(drop=True)
    heading = translate("opportunities.pdf.shortlist_heading", lang)
    pdf = pdf_kit.start_page(ds, lang, generated or dates.today(), title=heading, heading=heading)
    pdf_kit.banner(pdf, translate("opportunities.pdf.illustrative", lang))
    plots = list(dict.fromkeys(rows["plot_id"]))
    pdf_kit.site_map(pdf, ds, plots, x=(pdf.w - MAP_WIDTH_MM) / 2, width=MAP_WIDTH_MM, px=MAP_PX)
    pdf.set_font(FONT, "", 7)
    pdf.set_text_color(*GREY)
    pdf.cell(0, 4, translate("opportunities.pdf.map", lang, plots=", ".join(plots)), align="C")
    pdf.ln(5)
    pdf.set_text_color(0, 0, 0)
    _comparison_table(pdf, ds, rows, lang)
    _benefits(pdf, ds, rows, lang)
    pdf_kit.contact(pdf, ds, rows["contact_id"], lang)
    source_ids = list(dict.fromkeys(s for _, r in rows.iterrows() for s in opps.all_source_ids(r)))
    pdf_kit.sources(pdf, ds, source_ids, lang, size=6.5, height=3.1)
    return bytes(pdf.output())


def _comparison_table(pdf, ds: Dataset, rows: pd.DataFrame, lang: str) -> None:
    """One row per opportunity, then the totals (never adding sourced to illustrative)."""

    def t(key: str) -> str:
        return translate(f"opportunities.col.{key}", lang)

    stages = queries.names(ds, "stages", lang)
    pdf.set_font(FONT, "", 7.5)
    pdf.set_fill_color(255, 255, 255)
    with pdf.table(
        col_widths=COLUMN_WIDTHS,
        text_align=COLUMN_ALIGN,
        line_height=3.8,
        headings_style=FontFace(emphasis="BOLD", fill_color=(228, 234, 244)),
        first_row_as_headings=True,
    ) as table:
        table.row([t(c) for c in COLUMNS])
        for _, r in rows.iterrows():
            table.row(
                [
                    str(r["opportunity_id"]),
                    str(r[f"specialty_{lang}"]),
                    str(r["plot_id"]),
                    stages.get(r["stage_id"], r["stage_id"]),
                    status_label(r["status"], lang),
                    str(r["available_from"]),
                    formatting.number(r["area_ha"], lang),
                    formatting.number(r["max_floor_area_m2"], lang),
                    model_label(r["investment_model"], lang),
                ]
            )
    if len(rows):
        summary = opps.summarise(rows)
        pdf.ln(1)
        pdf_kit.para(
            pdf,
            f"{t('plot_area')}: {format_totals(summary.plot_area_ha, lang, translate('unit.ha', lang))} · "
            f"{t('floor_area')}: {format_totals(summary.floor_area_m2, lang, translate('unit.m²', lang))}",
            size=8,
        )


def _benefits(pdf, ds: Dataset, rows: pd.DataFrame, lang: str) -> None:
    """Each 160-FZ benefit once, with the shortlisted opportunities it applies to."""
    benefit_ids = list(dict.fromkeys(b for ids in rows["benefit_ids"] for b in ids)) if len(rows) else []
    pdf_kit.heading(pdf, translate("opportunities.pdf.benefits", lang))
    for _, prov in opps.benefits_of(ds, benefit_ids).iterrows():
        holders = [r["opportunity_id"] for _, r in rows.iterrows() if prov["provision_id"] in r["benefit_ids"]]
        pdf_kit.para(pdf, f"• {prov[f'title_{lang}']} — {', '.join(holders)}", size=8, height=3.9)
