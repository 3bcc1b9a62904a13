"""Show text from data files as text: escape Markdown or markup so nothing in a cell becomes a link, image or HTML."""

from __future__ import annotations

import html
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
    """
    if text is None:
        return ""
    return html.escape(str(text), quote=True)
