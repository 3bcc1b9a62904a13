"""How a source is cited, in plain text: the one rule behind the on-screen source lines and the PDFs."""

from __future__ import annotations

from imc_data import queries

from . import formatting
from .i18n import translate


def source_title(src, lang: str) -> str:
    """A source's title in the page language (``title_ru`` on a Russian page), a translation marked as such."""
    text, translated = queries.source_title(src, lang)
    return translate("frame.source_title_translated", lang, title=text.strip()) if translated else text.strip()


def citation(src, lang: str) -> str:
    """``Title — Publisher, date`` in ``lang``, the date at the precision the source gives.

    A part the sources do not give (publisher, date) is left out rather than shown as a dash.
    """
    when = queries.source_date(src)
    byline = ", ".join(
        part
        for part in (queries.source_publisher(src, lang), formatting.date(when[0], lang, when[1]) if when else "")
        if part
    )
    title = source_title(src, lang)
    return f"{title} — {byline}" if byline else title
