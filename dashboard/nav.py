"""The pages of the app, in menu order."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

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
