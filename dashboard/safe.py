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
