"""The pages of the app, in menu order."""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping
from dataclasses import dataclass
from pathlib import Path

from .i18n import DEFAULT_LANG

APP_ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Page:
    """A page: its key (also its URL path and text key ``nav.<key>``) and script path."""

    key: str
    script: str
    icon: str


PAGES = (
    Page("overview", "app.py", ":material/home:"),
    Page("site_map", "pages/1_site_map.py", ":material/map:"),
    Page("timeline", "pages/2_timeline.py", ":material/timeline:"),
    Page("opportunities", "pages/3_opportunities.py", ":material/storefront:"),
    Page("operators", "pages/4_operators.py", ":material/public:"),
    Page("legal_regime", "pages/5_legal_regime.py", ":material/gavel:"),
    Page("data", "pages/6_data.py", ":material/database:"),
)


def page(key: str) -> Page:
    """The page with this key."""
    for p in PAGES:
        if p.key == key:
            return p
    raise KeyError(key)


# A link keeps the reader's language in its address; English, the default, adds nothing, so the
# addresses people share most stay short. Every link and language switch goes through these two.


def lang_query(lang: str, params: Mapping[str, str] | None = None) -> dict[str, str]:
    """``params`` plus ``lang=<lang>`` unless ``lang`` is the default language."""
    query = dict(params or {})
    if lang != DEFAULT_LANG:
        query["lang"] = lang
    return query


def store_lang(query_params: MutableMapping[str, str], lang: str) -> None:
    """Put ``lang`` in the page's address (``st.query_params``), or take it out for the default language."""
    if lang == DEFAULT_LANG:
        query_params.pop("lang", None)
    else:
        query_params["lang"] = lang
