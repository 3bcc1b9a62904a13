"""Downloads of the Opportunities page: formula-safe CSV and one-page PDFs (fpdf2, Cyrillic font shipped).

Everything here is a pure function of the dataset, the chosen ids and the language, so the
tests can open the files a user would download.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence

import pandas as pd
from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace

from imc_data import Dataset, dates, queries
from imc_data import opportunities as opps
from imc_data.formulas import formula_safe

from . import formatting
from .i18n import translate
from .thumbnail import FONT_BOLD, FONT_REGULAR, site_thumbnail

FONT = "DejaVu"


def neutralise_cell(value: object) -> object:
    """Prefix text that a spreadsheet would run as a formula with ``'``; leave anything else alone.

    Parameters
    ----------
    value : object
        A cell value. Only ``str`` values are changed.

    Returns
    -------
    object
        ``"'=1+1"`` for ``"=1+1"``; numbers, ``None`` and harmless text unchanged.
    """
    return formula_safe(value)


def neutralise_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy with every text cell passed through :func:`neutralise_cell` (numeric columns untouched)."""
    out = frame.copy()
    for column in out.columns:
        if not pd.api.types.is_numeric_dtype(out[column]) and not pd.api.types.is_bool_dtype(out[column]):
            out[column] = out[column].map(neutralise_cell)
    return out


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """CSV for Excel: UTF-8 with BOM (so Cyrillic opens correctly), formula-like text neutralised.

    Rows end in CRLF (RFC 4180), which also makes the writer quote any cell holding a lone CR
    so it cannot split a row.
    """
    return neutralise_frame(frame).to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def _stage_names(ds: Dataset, lang: str) -> dict[str, str]:
    return ds["stages"].set_index("stage_id")[f"name_{lang}"].to_dict()


def status_label(status: str, lang: str) -> str:
    """Translated opportunity status."""
    return translate(f"opportunities.status.{status}", lang)


def model_label(model: str, lang: str) -> str:
    """Translated investment model."""
    return translate(f"opportunities.model.{model}", lang)


def table_frame(ds: Dataset, frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The opportunities as a user reads them: translated headers and values, numbers kept numeric.

    Parameters
    ----------
    ds : Dataset
        Loaded data (stage names).
    frame : pandas.DataFrame
        Rows of :func:`imc_data.opportunities.opportunity_frame`.
    lang : str
        ``en`` or ``ru``.
    """
    stages = _stage_names(ds, lang)

    def t(key: str) -> str:
        return translate(f"opportunities.col.{key}", lang)

    def provenance(value: str) -> str:
        return translate(f"provenance.{value}", lang)

    return pd.DataFrame(
        {
            t("id"): frame["opportunity_id"].astype(str),
            t("specialty"): frame[f"specialty_{lang}"],
            t("plot"): frame["plot_id"],
            t("stage"): frame["stage_id"].map(lambda s: stages.get(s, s)),
            t("status"): frame["status"].map(lambda s: status_label(s, lang)),
            t("available_from"): frame["available_from"].astype("Int64"),
            t("plot_area"): frame["area_ha"].astype(float),
            t("floor_area"): frame["max_floor_area_m2"].astype(float),
            t("model"): frame["investment_model"].map(lambda m: model_label(m, lang)),
            t("benefits"): frame["benefit_ids"].map(lambda ids: ";".join(ids)),
            t("provenance"): frame["provenance"].map(provenance),
            t("plot_provenance"): frame["plot_provenance"].map(provenance),
            t("sources"): frame.apply(lambda r: ";".join(opps.all_source_ids(r)), axis=1),
            t("as_of"): frame["as_of"].dt.date.astype(str),
        }
    ).reset_index(drop=True)


def format_totals(totals: Sequence[opps.Total], lang: str, unit: str, decimals: int | None = None) -> str:
    """``"56.6 ha (illustrative)"``; one part per provenance, never summed together; ``—`` when empty."""
    if not totals:
        return "—"
    return " + ".join(
        translate(
            "opportunities.summary.total_label",
            lang,
            value=f"{formatting.number(t.value, lang, decimals)} {unit}",
            provenance=translate(f"provenance.{t.provenance}", lang),
        )
        for t in totals
    )


# --------------------------------------------------------------------------- PDF


class _Page(FPDF):
    def __init__(self, footer_text: str):
        super().__init__(orientation="P", unit="mm", format="A4")
        self._footer_text = footer_text
        self.add_font(FONT, "", str(FONT_REGULAR))
        self.add_font(FONT, "B", str(FONT_BOLD))
        self.set_margins(15, 14, 15)
        self.set_auto_page_break(True, margin=16)
        self.set_creator("IMC Road-Show Dashboard")

    def multi_cell(self, *args, **kwargs):
        # Left-aligned by default: fpdf2 justifies, which stretches lines holding long URLs.
        kwargs.setdefault("align", "L")
        return super().multi_cell(*args, **kwargs)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FONT, "", 7.5)
        self.set_text_color(90, 90, 90)
        self.cell(0, 5, self._footer_text, align="C")


def _heading(pdf: FPDF, text: str, size: float = 11) -> None:
    pdf.ln(2)
    pdf.set_font(FONT, "B", size)
    pdf.set_text_color(20, 40, 80)
    pdf.multi_cell(0, 5.5, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(0, 0, 0)


def _para(pdf: FPDF, text: str, size: float = 8.5, height: float = 4.2) -> None:
    pdf.set_font(FONT, "", size)
    pdf.multi_cell(0, height, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _banner(pdf: FPDF, text: str) -> None:
    pdf.set_fill_color(253, 236, 214)
    pdf.set_draw_color(230, 120, 30)
    pdf.set_font(FONT, "", 8.5)
    pdf.multi_cell(0, 4.6, text, border=1, fill=True, padding=1.5, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_draw_color(0, 0, 0)


def _source_lines(ds: Dataset, source_ids, lang: str) -> list[str]:
    lines = []
    for _, src in queries.sources_for(ds, source_ids).iterrows():
        when = queries.source_date(src)
        byline = ", ".join(
            part
            for part in (queries.source_publisher(src, lang), formatting.date(when[0], lang, when[1]) if when else "")
            if part
        )
        text = queries.source_title(src, lang)[0] + (f" — {byline}" if byline else "")
        if isinstance(src["url"], str) and src["url"]:
            text += f". {src['url']}"
        lines.append(text)
    return lines


def _footer_text(ds: Dataset, lang: str, generated: dt.date) -> str:
    newest = queries.newest_fact(ds)
    return translate(
        "opportunities.pdf.generated",
        lang,
        date=formatting.date(generated, lang),
        as_of=formatting.date(newest[0], lang, newest[1]) if newest is not None else "—",
    )


def _contact_name(ds: Dataset, contact_ids, lang: str) -> str:
    contacts = ds["contacts"].set_index("contact_id")
    names = []
    for cid in contact_ids:
        if cid in contacts.index:
            row = contacts.loc[cid]
            website = row["website"] if isinstance(row["website"], str) else ""
            names.append(row[f"organisation_{lang}"] + (f" ({website})" if website else ""))
    return "; ".join(dict.fromkeys(names))


def _facts(ds: Dataset, row: pd.Series, lang: str) -> list[tuple[str, str]]:
    stages = _stage_names(ds, lang)

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
    frame = opps.opportunity_frame(ds)
    match = frame[frame["opportunity_id"] == opportunity_id]
    if match.empty:
        raise KeyError(opportunity_id)
    row = match.iloc[0]
    generated = generated or dates.today()
    pdf = _Page(_footer_text(ds, lang, generated))
    pdf.set_title(f"{opportunity_id} — {row[f'specialty_{lang}']}")
    pdf.add_page()

    pdf.set_font(FONT, "", 8.5)
    pdf.set_text_color(90, 90, 90)
    pdf.cell(0, 5, translate("app.title", lang), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(0, 0, 0)
    pdf.set_font(FONT, "B", 16)
    pdf.multi_cell(
        0, 7.5, translate("opportunities.pdf.heading", lang, id=opportunity_id), new_x=XPos.LMARGIN, new_y=YPos.NEXT
    )
    pdf.set_font(FONT, "", 12)
    pdf.multi_cell(0, 6, str(row[f"specialty_{lang}"]), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(1.5)
    _banner(pdf, translate("opportunities.pdf.illustrative", lang))
    pdf.ln(2)

    # Map on the left, key facts on the right.
    top = pdf.get_y()
    map_w = 88
    png = site_thumbnail(ds, [row["plot_id"]], width=704, height=480)
    pdf.image(io.BytesIO(png), x=pdf.l_margin, y=top, w=map_w)
    map_h = map_w * 480 / 704
    pdf.set_xy(pdf.l_margin, top + map_h + 0.5)
    pdf.set_font(FONT, "", 7)
    pdf.set_text_color(90, 90, 90)
    pdf.multi_cell(map_w, 3.4, translate("opportunities.pdf.map", lang, plots=row["plot_id"]))
    pdf.set_text_color(0, 0, 0)
    below_map = pdf.get_y()

    x = pdf.l_margin + map_w + 6
    width = pdf.w - pdf.r_margin - x
    pdf.set_xy(x, top)
    pdf.set_font(FONT, "B", 11)
    pdf.set_text_color(20, 40, 80)
    pdf.cell(width, 6, translate("opportunities.pdf.facts", lang), new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.set_text_color(0, 0, 0)
    for label, value in _facts(ds, row, lang):
        pdf.set_x(x)
        pdf.set_font(FONT, "", 7.5)
        pdf.set_text_color(90, 90, 90)
        pdf.multi_cell(width, 3.6, label, new_x=XPos.LEFT, new_y=YPos.NEXT)
        pdf.set_x(x)
        pdf.set_font(FONT, "B", 9)
        pdf.set_text_color(0, 0, 0)
        pdf.multi_cell(width, 4.4, value, new_x=XPos.LEFT, new_y=YPos.NEXT)
        pdf.ln(0.6)
    pdf.set_xy(pdf.l_margin, max(below_map, pdf.get_y()) + 1)

    _heading(pdf, translate("opportunities.col.note", lang))
    _para(pdf, str(row[f"note_{lang}"]))

    _heading(pdf, translate("opportunities.pdf.benefits", lang))
    for _, prov in opps.benefits_of(ds, row["benefit_ids"]).iterrows():
        article = f" ({prov['article']})" if isinstance(prov["article"], str) and prov["article"] else ""
        pdf.set_font(FONT, "B", 8.5)
        pdf.multi_cell(0, 4.2, f"• {prov[f'title_{lang}']}{article}", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_x(pdf.l_margin + 3)
        pdf.set_font(FONT, "", 8)
        pdf.multi_cell(0, 3.8, str(prov[f"text_{lang}"]), new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    _heading(pdf, translate("opportunities.pdf.contact", lang))
    _para(pdf, translate("opportunities.pdf.contact_text", lang, name=_contact_name(ds, [row["contact_id"]], lang)))

    _heading(pdf, translate("opportunities.pdf.sources", lang))
    for line in _source_lines(ds, opps.all_source_ids(row), lang):
        _para(pdf, f"– {line}", size=7, height=3.4)
    return bytes(pdf.output())


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
    frame = opps.opportunity_frame(ds).set_index("opportunity_id", drop=False)
    ids = [i for i in opportunity_ids if i in frame.index]
    rows = frame.loc[ids].reset_index(drop=True)
    generated = generated or dates.today()
    pdf = _Page(_footer_text(ds, lang, generated))
    pdf.set_title(translate("opportunities.pdf.shortlist_heading", lang))
    pdf.add_page()
    pdf.set_font(FONT, "", 8.5)
    pdf.set_text_color(90, 90, 90)
    pdf.cell(0, 5, translate("app.title", lang), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(0, 0, 0)
    pdf.set_font(FONT, "B", 16)
    pdf.multi_cell(0, 7.5, translate("opportunities.pdf.shortlist_heading", lang), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(1.5)
    _banner(pdf, translate("opportunities.pdf.illustrative", lang))
    pdf.ln(2)

    plots = list(dict.fromkeys(rows["plot_id"]))
    png = site_thumbnail(ds, plots, width=900, height=420)
    map_w = 120
    pdf.image(io.BytesIO(png), x=(pdf.w - map_w) / 2, w=map_w)
    pdf.set_font(FONT, "", 7)
    pdf.set_text_color(90, 90, 90)
    pdf.cell(0, 4, translate("opportunities.pdf.map", lang, plots=", ".join(plots)), align="C")
    pdf.ln(5)
    pdf.set_text_color(0, 0, 0)

    def t(key: str) -> str:
        return translate(f"opportunities.col.{key}", lang)

    stages = _stage_names(ds, lang)
    header = [t(k) for k in ("id", "specialty", "plot", "stage", "status", "available_from", "plot_area")]
    header += [t("floor_area"), t("model")]
    pdf.set_font(FONT, "", 7.5)
    pdf.set_fill_color(255, 255, 255)
    with pdf.table(
        col_widths=(8, 30, 14, 11, 21, 13, 14, 16, 25),
        text_align=("LEFT", "LEFT", "LEFT", "LEFT", "LEFT", "RIGHT", "RIGHT", "RIGHT", "LEFT"),
        line_height=3.8,
        headings_style=FontFace(emphasis="BOLD", fill_color=(228, 234, 244)),
        first_row_as_headings=True,
    ) as table:
        table.row(header)
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
    summary = opps.summarise(rows) if len(rows) else None
    if summary is not None:
        pdf.ln(1)
        _para(
            pdf,
            f"{t('plot_area')}: {format_totals(summary.plot_area_ha, lang, translate('unit.ha', lang))} · "
            f"{t('floor_area')}: {format_totals(summary.floor_area_m2, lang, translate('unit.m²', lang))}",
            size=8,
        )

    benefit_ids = list(dict.fromkeys(b for ids in rows["benefit_ids"] for b in ids)) if len(rows) else []
    _heading(pdf, translate("opportunities.pdf.benefits", lang))
    for _, prov in opps.benefits_of(ds, benefit_ids).iterrows():
        holders = [r["opportunity_id"] for _, r in rows.iterrows() if prov["provision_id"] in r["benefit_ids"]]
        pdf.set_font(FONT, "", 8)
        pdf.multi_cell(
            0,
            3.9,
            f"• {prov[f'title_{lang}']} — {', '.join(holders)}",
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )

    _heading(pdf, translate("opportunities.pdf.contact", lang))
    _para(pdf, translate("opportunities.pdf.contact_text", lang, name=_contact_name(ds, rows["contact_id"], lang)))

    _heading(pdf, translate("opportunities.pdf.sources", lang))
    source_ids = list(dict.fromkeys(s for _, r in rows.iterrows() for s in opps.all_source_ids(r)))
    for line in _source_lines(ds, source_ids, lang):
        _para(pdf, f"– {line}", size=6.5, height=3.1)
    return bytes(pdf.output())
