"""Small reusable pieces of page: source lists, provenance badges, findings lists."""

from __future__ import annotations

import streamlit as st

from imc_data import Dataset, queries
from imc_data.cells import web_address

from . import formatting
from .cache.shared import shared_result
from .i18n import translate
from .safe import md


def source_lines(ds: Dataset, source_ids, lang: str) -> list[str]:
    """One Markdown line per source (escaped text, link only to the source's own http(s) address)."""
    lines = []
    for _, src in queries.sources_for(ds, source_ids).iterrows():
        text = translate(
            "frame.source_line",
            lang,
            title=md(src["title"]),
            publisher=md(src["publisher"]),
            date=formatting.date(src["published"], lang),
        )
        url = web_address(src["url"])
        if url:
            text += f" — [{md(_short(url))}](<{url}>)"
        lines.append(f"- {text}")
    return lines


@shared_result(key=lambda ds, source_ids, lang: (ds.content_key, tuple(source_ids), lang), max_entries=1024)
def cached_source_lines(ds: Dataset, source_ids, lang: str) -> list[str]:
    """:func:`source_lines`, kept per version of the data, list of ids and language (shared, read-only).

    Pages list the same sources on every rerun (the data page has a list per conflict).
    ``source_ids`` must be a list, tuple or dict (it is read twice: for the key and for the lines).
    """
    return source_lines(ds, source_ids, lang)


def _short(url: str) -> str:
    host = url.split("://", 1)[1].split("/", 1)[0]
    return host


def sources_help(ds: Dataset, source_ids, provenance: str, lang: str) -> str:
    """Tooltip text for a figure: its provenance and its sources, as escaped Markdown."""
    prov = translate("frame.provenance", lang, value=translate(f"provenance.{provenance}", lang))
    return "\n\n".join([prov, *cached_source_lines(ds, source_ids, lang)])


def sources_expander(ds: Dataset, source_ids, lang: str, label: str | None = None) -> None:
    """An expander listing sources."""
    with st.expander(label or translate("frame.sources", lang)):
        st.markdown("\n".join(cached_source_lines(ds, source_ids, lang)))


def provenance_badge(provenance: str, lang: str) -> None:
    """A badge naming the provenance (colour plus word, never colour alone)."""
    colour = {"sourced": "green", "derived": "blue", "illustrative": "orange"}.get(provenance, "gray")
    st.badge(translate(f"provenance.{provenance}", lang), color=colour)
