"""The one-page PDFs' shared parts: an A4 page with the shipped Cyrillic font, headings, paragraphs, a
value with its provenance tag, the footer (generation date and data date), and the contact and sources
sections (fpdf2).

The PDFs follow the house rules of the pages: names rather than codes, numbers in the reader's locale,
"illustrative" as a tag on the value (never a banner), the contact from ``contacts.csv`` (an e-mail or
phone only when the table gives one, otherwise the enquiry form), source titles in the PDF's language.
"""

from __future__ import annotations

import datetime as dt
import io
import ipaddress
from urllib.parse import unquote, urlsplit

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
TAG_ORANGE = (170, 85, 0)  # the "illustrative" tag: the page's badge colour, dark enough to read in print
LOCAL_SUFFIXES = (".localhost", ".local", ".internal", ".lan", ".home.arpa")  # host names no PDF reader can reach


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


def start_page(
    ds: Dataset, lang: str, generated: dt.date, title: str, heading: str, subtitle: str | None = None
) -> OnePage:
    """A new one-pager: the app's name, the heading (a name, never a code) and an optional grey subtitle.

    The footer of every page gives the generation date and the date of the newest fact.
    """
    pdf = OnePage(_footer_text(ds, lang, generated))
    pdf.set_title(title)
    pdf.set_lang(lang)
    pdf.add_page()
    pdf.set_font(FONT, "", 8.5)
    pdf.set_text_color(*GREY)
    pdf.cell(0, 5, translate("app.title", lang), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(*BLACK)
    pdf.line_of_text(heading, 16, 7.5, bold=True)
    if subtitle:
        pdf.line_of_text(subtitle, 9.5, 5, colour=GREY)
    return pdf


def heading(pdf: FPDF, text: str, size: float = 11) -> None:
    """A section heading."""
    pdf.ln(2)
    pdf.line_of_text(text, size, 5.5, bold=True, colour=HEADING_BLUE)


def para(pdf: FPDF, text: str, size: float = 8.5, height: float = 4.2) -> None:
    """A paragraph of running text."""
    pdf.line_of_text(text, size, height)


def titled_para(pdf: FPDF, title: str, text: str, size: float = 8, height: float = 3.9) -> None:
    """A paragraph that starts with its title in bold ("• Title — text"), wrapped across the page."""
    pdf.set_x(pdf.l_margin)
    pdf.set_font(FONT, "B", size)
    pdf.set_text_color(*BLACK)
    pdf.write(height, f"{title} — ")
    pdf.set_font(FONT, "", size)
    pdf.write(height, text)
    pdf.ln(height + 0.6)


def note(pdf: FPDF, text: str) -> None:
    """A one-line grey footnote across the page (e.g. what "illustrative" means)."""
    pdf.line_of_text(text, 7.5, 3.8, colour=GREY)


def value_with_tag(pdf: FPDF, x: float, width: float, value: str, tag: str | None, size: float = 9) -> None:
    """A bold value at ``x`` and, when given, its provenance ``tag`` in small orange type after it.

    The tag follows on the same line when it fits, else on the next; long values wrap between words.
    """
    pdf.set_xy(x, pdf.get_y())
    pdf.set_font(FONT, "B", size)
    pdf.set_text_color(*BLACK)
    line = size * 0.5
    tag_text = f" {tag}" if tag else ""
    pdf.set_font(FONT, "", size - 2)
    tag_width = pdf.get_string_width(tag_text) + 1
    pdf.set_font(FONT, "B", size)
    if pdf.get_string_width(value) + tag_width <= width:
        pdf.cell(pdf.get_string_width(value) + 0.5, line, value)  # the tag follows on this line
    else:
        pdf.multi_cell(width, line, value, new_x=XPos.LEFT, new_y=YPos.NEXT)
        if not tag:
            return
        tag_text = tag_text.lstrip()
    if tag:
        pdf.set_font(FONT, "", size - 2)
        pdf.set_text_color(*TAG_ORANGE)
        pdf.cell(tag_width, line, tag_text)
        pdf.set_text_color(*BLACK)
    pdf.set_xy(x, pdf.get_y() + line)


def site_map(
    pdf: FPDF, ds: Dataset, plots: list[str], *, x: float, width: float, px: tuple[int, int], y: float | None = None
) -> None:
    """The static site map with ``plots`` highlighted, ``width`` mm wide at ``x`` (and ``y``, else where the text is)."""
    png = site_thumbnail(ds, plots, width=px[0], height=px[1])
    pdf.image(io.BytesIO(png), x=x, y=y, w=width)


def enquiry_address(page_url: str | None) -> str | None:
    """The address of the enquiry form to print in a PDF: the page's own address when the public can reach it.

    ``page_url`` is the address the visitor's browser shows for the Opportunities page
    (``st.context.url``). A laptop's ``localhost`` or a private network address would mean nothing
    to the reader of the PDF, so those give ``None`` (the PDF then names the page instead).
    """
    address = web_address(page_url)
    if not address:
        return None
    host = (urlsplit(address).hostname or "").lower()
    try:
        public = ipaddress.ip_address(host).is_global
    except ValueError:  # a name: a dotted public name, not "localhost" nor a local network's suffix
        public = "." in host and not host.endswith(LOCAL_SUFFIXES) and host != "localhost"
    return address.split("?", 1)[0].split("#", 1)[0] if public else None


def contact(pdf: FPDF, ds: Dataset, contact_ids, lang: str, enquiry_url: str | None = None) -> None:
    """The contact section: who to write to, from ``contacts.csv``, and how.

    Each contact once: the organisation, its website, e-mail and phone where the table gives them,
    the languages. When nobody can be written to or called directly, the enquiry form is the way:
    its address when known (``enquiry_url``), else the page named in words. Nothing is invented.
    """
    heading(pdf, translate("opportunities.pdf.contact", lang))
    cards = {}
    for cid in dict.fromkeys(contact_ids):
        card = contact_card(ds, lang, cid)
        if card.organisation:
            cards.setdefault(card.organisation, card)
    for card in cards.values():
        pdf.line_of_text(card.organisation, 9, 4.4, bold=True)
        for key, value in (
            ("website", card.website),
            ("email", card.email),
            ("phone", card.phone),
            ("languages", card.languages),
        ):
            if value:
                para(pdf, translate(f"opportunities.pdf.{key}", lang, **{"url" if key == "website" else key: value}))
    if not any(card.reachable for card in cards.values()):
        if enquiry_url:
            para(pdf, translate("opportunities.pdf.form_at", lang, url=enquiry_url))
        else:
            para(pdf, translate("opportunities.pdf.form", lang))


def readable_address(address: str) -> str:
    """A web address as a person reads it: percent-escapes decoded (Cyrillic paths readable), no trailing slash."""
    return unquote(address).rstrip("/")


def sources(pdf: FPDF, ds: Dataset, source_ids, lang: str, size: float, height: float) -> None:
    """The sources section: title in ``lang``, publisher, date at its precision, and its (checked) address."""
    heading(pdf, translate("opportunities.pdf.sources", lang))
    for _, src in queries.sources_for(ds, source_ids).iterrows():
        text = citation(src, lang)
        address = web_address(src["url"])
        if address:
            text += f". {readable_address(address)}"
        para(pdf, f"– {text}", size=size, height=height)


def _footer_text(ds: Dataset, lang: str, generated: dt.date) -> str:
    newest = newest_fact(ds)
    return translate(
        "opportunities.pdf.generated",
        lang,
        date=formatting.date(generated, lang),
        as_of=formatting.date(newest[0], lang, newest[1]) if newest is not None else "—",
    )
