"""Offline guarantee: no page, in either language or in presenter mode, requests anything off the machine."""

from __future__ import annotations

from dashboard.nav import available_pages
from imc_data import load_dataset

from .conftest import open_page, wait_for_script


def page_path(key: str) -> str:
    return "/" if key == "overview" else f"/{key}"


def test_no_page_requests_anything_outside_the_machine(app_url, browser_page, external_requests):
    pages = available_pages()
    assert len(pages) >= 2
    errors: dict[str, int] = {}
    for p in pages:
        for query in ("", "?lang=ru"):
            url = app_url + page_path(p.key) + query
            open_page(browser_page, url)
            # Something was drawn: the page's own title, not a blank or "page not found" screen.
            assert browser_page.locator("h1").count() >= 1, url
            errors[url] = browser_page.locator('[data-testid="stException"]').count()
    assert external_requests == [], f"requests that left the machine: {sorted(set(external_requests))}"
    assert not any(errors.values()), {u: n for u, n in errors.items() if n}


def test_presenter_walks_every_scene_in_russian_offline(app_url, browser_page, external_requests):
    total = len(load_dataset()["scenes"])
    open_page(browser_page, app_url + "/?present=1&lang=ru")
    bar = browser_page.locator(".st-key-presenter_bar")
    assert browser_page.locator('[data-testid="stSidebar"]').is_hidden()
    seen = []
    for _ in range(total + 1):
        browser_page.keyboard.press("ArrowRight")  # the Next shortcut
        wait_for_script(browser_page, settle_ms=600)
        counter = bar.locator("strong").first.inner_text()
        seen.append(counter)
        assert "lang=ru" in browser_page.url and "present=1" in browser_page.url
    assert seen == [f"{n} / {total}" for n in range(1, total + 1)] + [f"1 / {total}"]
    assert "Далее" in bar.inner_text()
    assert external_requests == [], f"requests that left the machine: {sorted(set(external_requests))}"
