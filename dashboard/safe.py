"""Show text from data files as text: escape Markdown so nothing in a cell becomes a link, image or HTML."""

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
    """``text`` as HTML/SVG text or attribute value: ``& < > " '`` escaped (``None`` becomes an empty string)."""
    if text is None:
        return ""
    return html.escape(str(text), quote=True)
