"""Small reusable pieces of page: source lists, provenance badges, findings lists."""

from __future__ import annotations

import streamlit as st

from imc_data import Dataset, queries

from . import formatting
from .i18n import translate
from .kept import kept
from .safe import md


def source_lines(ds: Dataset, source_ids, lang: str) -> list[str]:
    """One Markdown line per source (escaped text, link only to the source's own http(s) address)."""
    lines = []
    for _, src in queries.sources_for(ds, source_ids).iterrows():
        # Title and publisher in the page's language, the date at the precision the source gives; a part
        # the sources do not give (publisher, date) is left out rather than shown as a dash.
        when = queries.source_date(src)
        byline = ", ".join(
            part
            for part in (queries.source_publisher(src, lang), formatting.date(when[0], lang, when[1]) if when else "")
            if part
        )
        title = queries.source_title(src, lang)[0]
        text = md(f"{title} — {byline}" if byline else title)
        url = src["url"]
        if isinstance(url, str) and url.startswith(("http://", "https://")):
            text += f" — [{md(_short(url))}](<{url.replace('>', '%3E').replace(' ', '%20')}>)"
        lines.append(f"- {text}")
    return lines


@kept(max_entries=4096)
def _line(_ds: Dataset, key: str, source_id: str, lang: str) -> tuple[str, ...]:
    return tuple(source_lines(_ds, [source_id], lang))  # empty for an unknown id


@kept(max_entries=1024)
def _cached_lines(_ds: Dataset, key: str, ids: tuple, lang: str) -> list[str]:
    # Line by line: a new list of ids (a new filter set) formats only sources not seen before.
    return [line for sid in ids for line in _line(_ds, key, sid, lang)]


def cached_source_lines(ds: Dataset, source_ids, lang: str) -> list[str]:
    """:func:`source_lines`, built once per version of the data, list of ids and language.

    Pages list the same sources on every rerun (the data page alone has a list per conflict);
    formatting them row by row was a tenth of that page's rerun (bench/PROFILE.md). Shared by
    every session (:mod:`dashboard.kept`): callers only read the list.
    """
    return _cached_lines(ds, ds.content_key, tuple(source_ids), lang)


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
