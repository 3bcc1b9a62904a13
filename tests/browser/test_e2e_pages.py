"""Every page in English and Russian, as a person sees it, with a screenshot for review.

Screenshots go to ``tests/browser/artifacts/screenshots/<page>_<lang>.png`` (git ignores the folder).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dashboard.i18n import translate
from dashboard.nav import available_pages

from .conftest import is_external, open_page

SHOTS = Path(__file__).parent / "artifacts" / "screenshots"
CYRILLIC = re.compile(r"[А-Яа-яЁё]")


def page_path(key: str) -> str:
    return "/" if key == "overview" else f"/{key}"


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_every_page_in_its_language(app_url, browser, lang):
    SHOTS.mkdir(parents=True, exist_ok=True)
    # Tall window: Streamlit scrolls inside its own container, so "full page" is the viewport.
    context = browser.new_context(viewport={"width": 1400, "height": 2400})
    external: list[str] = []
    context.on("request", lambda req: external.append(req.url) if is_external(req.url) else None)
    page = context.new_page()
    pages = available_pages()
    try:
        for p in pages:
            url = app_url + page_path(p.key) + ("?lang=ru" if lang == "ru" else "")
            open_page(page, url, settle_ms=1200)
            page.screenshot(path=str(SHOTS / f"{p.key}_{lang}.png"))
            # The browser tab names the page in the chosen language.
            assert page.title() == f"{translate(f'nav.{p.key}', lang)} · {translate('app.title', lang)}"
            heading = page.locator("h1").first.inner_text()
            assert bool(CYRILLIC.search(heading)) == (lang == "ru"), f"{url}: heading {heading!r}"
            # Every menu entry is translated and carries the language on.
            sidebar = page.locator('[data-testid="stSidebar"]')
            for other in pages:
                link = sidebar.get_by_role("link", name=translate(f"nav.{other.key}", lang))
                assert link.count() == 1, f"{url}: menu entry {other.key}"
                if lang == "ru":
                    assert "lang=ru" in (link.get_attribute("href") or "")
            assert page.locator('[data-testid="stException"]').count() == 0, url
    finally:
        context.close()
    assert external == []
