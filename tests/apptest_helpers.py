"""Helpers for AppTest: start from the entry point, read what a user sees."""

from __future__ import annotations

import re

from streamlit.testing.v1 import AppTest

from .conftest import ROOT
from .style_sheets import rules

APP = str(ROOT / "app.py")


def run_app(page: str | None = None, timeout: float = 60, state: dict | None = None, **query) -> AppTest:
    """Run ``app.py`` (then switch to ``page``, e.g. ``pages/1_site_map.py``) with query parameters.

    ``state`` goes into the session before the page runs (e.g. a signed-in staff user).
    """
    at = AppTest.from_file(APP, default_timeout=timeout)
    for key, value in query.items():
        at.query_params[key] = value
    if page is not None:
        at.run()
        at.switch_page(page)
        for key, value in query.items():
            at.query_params[key] = value
    for key, value in (state or {}).items():
        at.session_state[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def visible_text(at: AppTest) -> str:
    """All Markdown, captions, titles, headers and metric labels/values on the page, joined."""
    parts: list[str] = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "text", "info", "warning", "error", "success"):
        parts += [str(el.value) for el in getattr(at, kind)]
    for m in at.metric:
        parts += [str(m.label), str(m.value)]
    return "\n".join(parts)


def hidden_keys(at: AppTest) -> set[str]:
    """Keys of the containers the page's style sheets hide (``display:none`` rules on ``.st-key-…`` classes)."""
    hidden = set()
    for body in (h.proto.body for h in at.get("html")):
        for selectors, declarations in rules(body):
            if declarations.startswith("display:none"):
                hidden |= {key for selector in selectors for key in re.findall(r"\.st-key-([\w-]+)", selector)}
    return hidden
