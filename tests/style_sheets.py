"""Reading the style sheets a page sends, as a browser applies them: which selectors a rule hides."""

from __future__ import annotations

import re


def rules(style: str) -> list[tuple[list[str], str]]:
    """``(selectors, declarations)`` of each rule in ``style`` (``<style>`` tags allowed), declarations without spaces."""
    return [
        ([selector.strip() for selector in selectors.split(",")], body.replace(" ", ""))
        for selectors, body in re.findall(r"([^{}]*)\{([^}]*)\}", re.sub(r"</?style>", "", style))
    ]
