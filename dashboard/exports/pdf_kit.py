"""The one-page PDFs' shared parts: an A4 page with the shipped Cyrillic font, headings, paragraphs, banner,
footer, and the sources and contact lines (fpdf2)."""

from __future__ import annotations

import datetime as dt
import io

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from imc_data import Dataset, queries
from imc_data.cells import web_address

from .. import formatting
from ..cache.queries import newest_fact
from ..citations import citation
from ..contact import contact_card
from ..figures.thumbnail import FONT_BOLD, FONT_REGULAR, site_thumbnail
from ..i18n import translate

FONT = "DejaVu"
GREY = (90, 90, 90)
BLACK = (0, 0, 0)
HEADING_BLUE = (20, 40, 80)


class OnePage(FPDF):
    """An A4 page in portrait with the DejaVu font (Cyrillic included), left-aligned text and a footer line."""

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
        self.set_text_color(*GREY)
        self.cell(0, 5, self._footer_text, align="C")

    def line_of_text(self, text: str, size: float, height: float, bold: bool = False, colour=BLACK) -> None:
        """One wrapped paragraph across the page, then back to the left margin."""
        self.set_font(FONT, "B" if bold else "", size)
        self.set_text_color(*colour)
        self.multi_cell(0, height, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_text_color(*BLACK)


def start_page(ds: Dataset, lang: str, generated: dt.date, title: str, heading: str) -> OnePage:
    """A new one-pager: the app's name, the heading, and the banner saying which values are illustrative."""
    pdf = OnePage(_footer_text(ds, lang, generated))
    pdf.set_title(title)
    pdf.add_page()
    pdf.set_font(FONT, "", 8.5)
    pdf.set_text_color(*GREY)
    pdf.cell(0, 5, translate("app.title", lang), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(*BLACK)
    pdf.line_of_text(heading, 16, 7.5, bold=True)
    return pdf


def heading(pdf: FPDF, text: str, size: float = 11) -> None:
    """A section heading."""
    pdf.ln(2)
    pdf.line_of_text(text, size, 5.5, bold=True, colour=HEADING_BLUE)


def para(pdf: FPDF, text: str, size: float = 8.5, height: float = 4.2) -> None:
    """A paragraph of running text."""
    pdf.line_of_text(text, size, height)


def banner(pdf: FPDF, text: str) -> None:
    """A framed, tinted note across the page (what is illustrative)."""
    pdf.ln(1.5)
    pdf.set_fill_color(253, 236, 214)
    pdf.set_draw_color(230, 120, 30)
    pdf.set_font(FONT, "", 8.5)
    pdf.multi_cell(0, 4.6, text, border=1, fill=True, padding=1.5, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_draw_color(0, 0, 0)
    pdf.ln(2)


def site_map(
    pdf: FPDF, ds: Dataset, plots: list[str], *, x: float, width: float, px: tuple[int, int], y: float | None = None
) -> None:
    """The static site map with ``plots`` highlighted, ``width`` mm wide at ``x`` (and ``y``, else where the text is)."""
    png = site_thumbnail(ds, plots, width=px[0], height=px[1])
    pdf.image(io.BytesIO(png), x=x, y=y, w=width)


def contact(pdf: FPDF, ds: Dataset, contact_ids, lang: str) -> None:
    """The contact section: who to write to about these opportunities."""
    heading(pdf, translate("opportunities.pdf.contact", lang))
    names = []
    for cid in contact_ids:
        card = contact_card(ds, lang, cid)
        if card.organisation:
            names.append(card.organisation + (f" ({card.website})" if card.website else ""))
    name = "; ".join(dict.fromkeys(names))
    para(pdf, translate("opportunities.pdf.contact_text", lang, name=name))


def sources(pdf: FPDF, ds: Dataset, source_ids, lang: str, size: float, height: float) -> None:
    """The sources section: title, publisher, date and (a checked) address of each source."""
    heading(pdf, translate("opportunities.pdf.sources", lang))
    for _, src in queries.sources_for(ds, source_ids).iterrows():
        text = citation(src, lang)
        address = web_address(src["url"])
        if address:
            text += f". {address}"
        para(pdf, f"– {text}", size=size, height=height)


def _footer_text(ds: Dataset, lang: str, generated: dt.date) -> str:
    newest = newest_fact(ds)
    return translate(
        "opportunities.pdf.generated",
        lang,
        date=formatting.date(generated, lang),
        as_of=formatting.date(newest[0], lang, newest[1]) if newest is not None else "—",
    )
