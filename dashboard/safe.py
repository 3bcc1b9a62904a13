"""Show text from data files as text: escape Markdown or markup so nothing in a cell becomes a link, image or HTML."""

from __future__ import annotations

import re

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=&\"'])")


def md(text: object) -> str:
    """Escape every Markdown-significant character in ``text`` (``None`` becomes an empty string)."""
    if text is None:
        return ""
    return _MD_SPECIAL.sub(r"\\\1", str(text)).replace("\n", " ")


def markup(text: object) -> str:
    """Escape ``text`` for HTML or SVG markup: element content and quoted attribute values alike.

    ``None`` becomes an empty string. Every data text drawn into an SVG (the locator, the phone site plan) goes through here.
    The markup is shown with ``st.markdown``, which still reads Markdown and math between tags, so the Markdown-significant
    characters become numeric character references along with ``< > & " '``: the browser shows them, Markdown does not act
    on them.
    """
    if text is None:
        return ""
    return _MD_SPECIAL.sub(lambda m: f"&#{ord(m.group(1))};", str(text))


def css_string(text: object) -> str:
    """``text`` for a quoted string in a style sheet (``[data-row="…"]``): every character but ASCII letters,
    digits, ``_`` and ``-`` as a CSS escape. HTML entities mean nothing inside ``<style>``, and ``<`` there
    could end it."""
    return "".join(ch if ch.isascii() and (ch.isalnum() or ch in "_-") else f"\\{ord(ch):x} " for ch in str(text))


def markdown_table(frame) -> str:
    """``frame`` (a pandas DataFrame) as a Markdown table, every header and cell escaped with :func:`md`.

    Numbers are right-aligned. For phones, where ``st.table`` arrives late and grows the page (see the
    Operators page); the values should already be formatted for the reader's language.
    """
    numeric = [frame[c].dtype.kind in "iuf" for c in frame.columns]
    lines = [
        "| " + " | ".join(md(c) for c in frame.columns) + " |",
        "|" + "|".join("---:" if n else "---" for n in numeric) + "|",
    ]
    lines += ["| " + " | ".join(md(v) for v in row) + " |" for row in frame.itertuples(index=False)]
    return "\n".join(lines)
