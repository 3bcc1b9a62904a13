"""Small reusable pieces of page: sources one click away, badges on values, the contact call to action.

* :func:`sources_popover` — a small "Sources (n)" marker per card or figure; clicking it lists
  each source (title in the page language, publisher, date at its precision, link). It
  replaces long source footers. :func:`sources_expander` and :func:`sources_help` remain for
  pages that have not moved yet.
* :func:`provenance_tag` / :func:`provenance_badge` — "illustrative" (or "derived") as a badge on
  the value itself, not a banner. A sourced value carries no badge.
* :func:`status_tag` / :func:`status_badge` — a status in words on its palette colour.
* :func:`contact_cta` — whom to contact (``contacts`` table, see :mod:`dashboard.contact`),
  or the enquiry form when nobody can be named.
"""

from __future__ import annotations

from urllib.parse import urlencode

import streamlit as st
from streamlit.errors import StreamlitAPIException

from imc_data import Dataset, queries
from imc_data.cells import web_address

from . import formatting, palette
from .cache.shared import shared_result
from .citations import citation
from .contact import ENQUIRY_PAGE, ENQUIRY_PATH, ContactCard, contact_card
from .i18n import translate
from .labels import label, provenance_words
from .nav import lang_query
from .safe import md

# --- sources -----------------------------------------------------------------------------------


def _present(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _link(url: object) -> str:
    address = web_address(url)
    if address:
        host = address.split("://", 1)[1].split("/", 1)[0]
        return f" — [{md(host)}](<{address}>)"
    return ""


def source_lines(ds: Dataset, source_ids, lang: str) -> list[str]:
    """One Markdown line per source (escaped text, link only to the source's own http(s) address)."""
    lines = []
    for _, src in queries.sources_for(ds, source_ids).iterrows():
        lines.append(f"- {md(citation(src, lang))}{_link(src['url'])}")
    return lines


@shared_result(key=lambda ds, source_ids, lang: (ds.content_key, tuple(source_ids), lang), max_entries=1024)
def cached_source_lines(ds: Dataset, source_ids, lang: str) -> list[str]:
    """:func:`source_lines`, kept per version of the data, list of ids and language (shared, read-only).

    Pages list the same sources on every rerun (the data page has a list per conflict).
    ``source_ids`` must be a list, tuple or dict (it is read twice: for the key and for the lines).
    """
    return source_lines(ds, source_ids, lang)


def sources_help(ds: Dataset, source_ids, provenance: str, lang: str) -> str:
    """Tooltip text for a figure: its provenance and its sources, as escaped Markdown."""
    prov = translate("frame.provenance", lang, value=label("provenance", provenance, lang))
    return "\n\n".join([prov, *cached_source_lines(ds, source_ids, lang)])


def sources_expander(ds: Dataset, source_ids, lang: str, label: str | None = None) -> None:
    """An expander listing sources (pages not yet moved to :func:`sources_popover`)."""
    with st.expander(label or translate("frame.sources", lang)):
        st.markdown("\n".join(cached_source_lines(ds, source_ids, lang)))


def sources_popover(
    ds: Dataset,
    source_ids,
    lang: str,
    *,
    provenance: str | None = None,
    note: str | None = None,
    key: str | None = None,
) -> None:
    """A small "Sources (n)" marker that opens the list of sources: one per card or figure.

    Parameters
    ----------
    ds : Dataset
        The data (for ``sources``).
    source_ids : iterable of str
        Sources of what the card shows; unknown ids are skipped, repeats shown once.
    lang : str
        Page language (titles, dates).
    provenance : str, optional
        Provenance of the card's values, written above the list when it is not ``sourced``.
    note : str, optional
        One line of plain text (escaped here) shown above the list, e.g. what was counted.
    key : str, optional
        Streamlit key, needed when two popovers on a page would have the same label.
    """
    marker, text = sources_text(ds, source_ids, lang, provenance=provenance, note=note)
    if marker:
        with st.popover(marker, icon=":material/menu_book:", type="tertiary", key=key):
            st.markdown(text)


def sources_text(
    ds: Dataset, source_ids, lang: str, *, provenance: str | None = None, note: str | None = None
) -> tuple[str, str]:
    """The "Sources (n)" marker and the escaped Markdown it opens (note, provenance in words, one line per
    source, in one block); ``("", "")`` when there is nothing to show. Parameters as :func:`sources_popover`."""
    lines = cached_source_lines(ds, dict.fromkeys(source_ids), lang)  # each source once
    if not lines and not note:
        return "", ""
    parts = [md(note)] if note else []
    if provenance_words(provenance, lang):
        parts.append(
            provenance_tag(provenance, lang) + " " + md(translate(f"frame.provenance_means.{provenance}", lang))
        )
    parts.append("\n".join(lines))
    return translate("frame.sources_marker", lang, n=formatting.count(len(lines), lang)), "\n\n".join(parts)


# --- badges on values -----------------------------------------------------------------------------


def _badge_markdown(text: str, colour: str) -> str:
    # Streamlit's inline badge directive; brackets in the text would end it early.
    safe = md(text).replace("[", "(").replace("]", ")")
    return f":{colour}-badge[{safe}]"


def provenance_tag(provenance: str, lang: str) -> str:
    """Inline Markdown badge for a value that is not plainly sourced ("illustrative", "derived"); "" if sourced."""
    words = provenance_words(provenance, lang)
    return _badge_markdown(words, palette.badge_colour("provenance", provenance)) if words else ""


def with_provenance(value_text: str, provenance: str, lang: str) -> str:
    """``15,000 m² :orange-badge[illustrative]``: a value (escaped) with its provenance badge."""
    tag = provenance_tag(provenance, lang)
    return f"{md(value_text)} {tag}" if tag else md(value_text)


def provenance_badge(provenance: str, lang: str) -> None:
    """A badge naming the provenance (colour plus word, never colour alone)."""
    st.badge(label("provenance", provenance, lang), color=palette.badge_colour("provenance", provenance))


def status_tag(kind: str, value: object, lang: str) -> str:
    """Inline Markdown badge of a status: its words on its palette colour."""
    return _badge_markdown(label(kind, value, lang), palette.badge_colour(kind, value))


def status_badge(kind: str, value: object, lang: str) -> None:
    """A status as a badge: words and colour (:mod:`dashboard.palette`)."""
    st.badge(label(kind, value, lang), color=palette.badge_colour(kind, value))


# --- contact ---------------------------------------------------------------------------------------


def _enquiry_link(lang: str, *, primary: bool) -> None:
    text = translate("contact.enquiry", lang)
    params = lang_query(lang)
    # When nobody can be written to directly, the enquiry link is the call to action (a button).
    with st.container(key="imc-cta-enquiry" if primary else None):
        try:
            st.page_link(ENQUIRY_PAGE, label=text, icon=":material/mail:", query_params=params)
        except StreamlitAPIException:
            # Not running as the multipage app (a single script): a plain link to the same page.
            suffix = f"?{urlencode(params)}" if params else ""
            st.markdown(f":material/mail: [{md(text)}]({ENQUIRY_PATH}{suffix})")
    if primary:
        st.caption(translate("contact.enquiry_help", lang))


def contact_cta(
    ds: Dataset, lang: str, *, heading: bool = True, card: ContactCard | None = None, compact: bool = False
) -> ContactCard:
    """The call to action: whom to contact, from the ``contacts`` table, and the enquiry form.

    Shows only what the table holds: the organisation, its role, website, e-mail and phone where
    given, the languages spoken, and its sources. Without a contact that can be written to or
    called (no table, empty fields, an illustrative row), the enquiry form on the Opportunities
    page is the call to action. Returns the card shown (for tests and for callers' layout).
    ``compact`` (a card in a row of cards) puts the organisation's role in a tooltip.
    """
    card = card or contact_card(ds, lang)
    if heading:
        st.markdown(f"**{md(translate('contact.title', lang))}**")
    if card.organisation and compact:
        st.markdown(md(card.organisation), help=md(card.role) if card.role else None)
    elif card.organisation:
        role = f" · {md(card.role)}" if card.role else ""
        st.markdown(f"{md(card.organisation)}{role}")
    if card.email:
        st.link_button(
            translate("contact.email", lang, email=card.email), card.email_url, icon=":material/mail:", type="primary"
        )
    if card.phone:
        st.markdown(f":material/call: [{md(card.phone)}](<{card.phone_url}>)")
    if card.website:
        st.markdown(f":material/language: [{md(card.website.split('://', 1)[1].rstrip('/'))}](<{card.website}>)")
    if card.languages:
        st.caption(translate("contact.languages", lang, languages=md(card.languages)))
    _enquiry_link(lang, primary=not card.reachable)
    return card


def text_table(frame) -> None:
    """A small table whose long texts wrap (a staff finding and its fix are read whole, never cut off).

    ``st.table`` reads Markdown in its cells, so every cell is escaped: data is shown as text.
    """
    st.table(frame.astype("string").fillna("").map(md), hide_index=True, border="horizontal")
