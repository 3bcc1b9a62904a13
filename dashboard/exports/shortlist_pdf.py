"""A one-page PDF comparing the shortlisted opportunities: a map, one table row each, totals, benefits."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pandas as pd
from fpdf.fonts import FontFace

from imc_data import Dataset, dates
from imc_data import opportunities as opps

from .. import labels
from ..cache.queries import opportunity_frame
from ..i18n import translate
from ..views.opportunity_table import benefit_titles, column_label, format_totals, glued_tail, opportunity_facts
from . import pdf_kit
from .pdf_kit import FONT, GREY

MAP_WIDTH_MM = 120
MAP_PX = (900, 420)
# Short headers, each word narrower than its column, so a header wraps between words and never inside one.
COLUMNS = ("opportunity", "status", "available_from", "plot_area", "floor_area", "model")
COLUMN_WIDTHS = (60, 20, 19, 20, 25, 36)
COLUMN_ALIGN = ("LEFT", "LEFT", "RIGHT", "RIGHT", "RIGHT", "LEFT")
MARK = "*"  # after an illustrative value; the note under the table says what it means


def shortlist_pdf(
    ds: Dataset,
    opportunity_ids: Sequence[str],
    lang: str,
    *,
    generated: dt.date | None = None,
    enquiry_url: str | None = None,
) -> bytes:
    """A one-page PDF comparing the shortlisted opportunities (one table row each) in ``lang``.

    Parameters
    ----------
    ds : Dataset
        Loaded data.
    opportunity_ids : sequence of str
        The shortlist, in order; ids unknown or no longer open (:func:`imc_data.opportunities.can_shortlist`)
        are left out.
    lang : str
        ``en`` or ``ru``.
    generated : datetime.date, optional
        Date printed as the generation date (default today).
    enquiry_url : str, optional
        Public address of the enquiry form (see :func:`.pdf_kit.enquiry_address`).
    """
    frame = opportunity_frame(ds).set_index("opportunity_id", drop=False)
    # Only what can still be taken up: a taken slot is never printed as a shortlisted opportunity.
    wanted = [
        i for i in dict.fromkeys(opportunity_ids) if i in frame.index and opps.can_shortlist(frame.loc[i, "status"])
    ]
    rows = frame.loc[wanted].reset_index(drop=True)
    heading = translate("opportunities.pdf.shortlist_heading", lang)
    pdf = pdf_kit.start_page(ds, lang, generated or dates.today(), title=heading, heading=heading)
    pdf.ln(1.5)
    plots = list(dict.fromkeys(rows["plot_id"]))
    width = MAP_WIDTH_MM if len(rows) <= 6 else MAP_WIDTH_MM * 0.7  # a long list leaves the map less room
    pdf_kit.site_map(pdf, ds, plots, x=(pdf.w - width) / 2, width=width, px=MAP_PX)
    pdf.set_font(FONT, "", 7)
    pdf.set_text_color(*GREY)
    numbers = ", ".join(labels.plot_number(p) for p in plots)
    pdf.cell(0, 4, translate("opportunities.pdf.map_many", lang, plots=numbers), align="C")
    pdf.ln(5)
    pdf.set_text_color(0, 0, 0)
    _comparison_table(pdf, ds, rows, lang)
    _benefits(pdf, ds, rows, lang)
    pdf_kit.contact(pdf, ds, rows["contact_id"], lang, enquiry_url)
    source_ids = list(dict.fromkeys(s for _, r in rows.iterrows() for s in opps.all_source_ids(r)))
    pdf_kit.sources(pdf, ds, source_ids, lang, size=6.5, height=3.1)
    return bytes(pdf.output())


def _cell(fact) -> str:
    return f"{fact.value}{MARK}" if fact.provenance == "illustrative" else fact.value


def _comparison_table(pdf, ds: Dataset, rows: pd.DataFrame, lang: str) -> None:
    """One row per opportunity (its name, then its id and plot), then the totals (never adding provenances)."""
    names = labels.opportunity_names(ds, lang)
    pdf.set_font(FONT, "", 7.5)
    pdf.set_fill_color(255, 255, 255)
    with pdf.table(
        col_widths=COLUMN_WIDTHS,
        text_align=COLUMN_ALIGN,
        line_height=3.8,
        headings_style=FontFace(emphasis="BOLD", fill_color=(228, 234, 244)),
        first_row_as_headings=True,
        wrapmode="WORD",
    ) as table:
        table.row([column_label(c, lang) for c in COLUMNS])
        for _, r in rows.iterrows():
            facts = opportunity_facts(ds, r, lang)
            oid = str(r["opportunity_id"])
            table.row(
                [
                    f"{glued_tail(names.get(oid, oid))}\n{oid} · {facts['plot'].value}",
                    facts["status"].value,
                    *(_cell(facts[k]) for k in ("available_from", "plot_area", "floor_area", "model")),
                ]
            )
    if len(rows):
        summary = opps.summarise(rows)
        pdf.ln(1)
        pdf_kit.para(
            pdf,
            translate(
                "opportunities.pdf.totals",
                lang,
                plot=format_totals(summary.plot_area_ha, lang, "ha", 1),
                floor=format_totals(summary.floor_area_m2, lang, "m²"),
            ),
            size=8,
        )
        pdf_kit.note(pdf, f"{MARK} " + translate("opportunities.pdf.illustrative", lang))


def _benefits(pdf, ds: Dataset, rows: pd.DataFrame, lang: str) -> None:
    """Each 160-FZ benefit once; the opportunities it applies to named unless it applies to all of them."""
    benefit_ids = list(dict.fromkeys(b for ids in rows["benefit_ids"] for b in ids)) if len(rows) else []
    pdf_kit.heading(pdf, translate("opportunities.pdf.benefits", lang))
    names = labels.opportunity_names(ds, lang)
    for pid in benefit_ids:
        title = next(iter(benefit_titles(ds, [pid], lang)), None)
        if title is None:  # an id the provisions table does not hold
            continue
        holders = [str(r["opportunity_id"]) for _, r in rows.iterrows() if pid in r["benefit_ids"]]
        text = title
        if len(holders) < len(rows):
            text = translate(
                "opportunities.pdf.benefits_for", lang, title=title, names="; ".join(names[h] for h in holders)
            )
        pdf_kit.para(pdf, f"• {text}", size=8, height=3.9)
