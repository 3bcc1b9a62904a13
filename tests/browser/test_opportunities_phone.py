"""Opportunities on a phone (issue 20): cards stacked, no sideways scrolling, the one-pager downloads, the form fits."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from dashboard.i18n import translate
from tools.page_state import TIMEOUT_MS, WS_HOOK_JS

from .conftest import is_external, open_page

pytestmark = pytest.mark.browser

PHONE = {
    "viewport": {"width": 390, "height": 844},
    "is_mobile": True,
    "has_touch": True,
    "user_agent": (
        "Mozilla/5.0 (Linux; Android 13; Pixel 5) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/120.0.0.0 Mobile Safari/537.36"
    ),
}


@pytest.fixture
def phone(browser):
    context = browser.new_context(accept_downloads=True, **PHONE)
    context.set_default_timeout(TIMEOUT_MS)
    context.add_init_script(WS_HOOK_JS)
    page = context.new_page()
    external: list[str] = []
    context.on("request", lambda req: external.append(req.url) if is_external(req.url) else None)
    yield page, external
    context.close()


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_phone_shows_stacked_cards_without_sideways_scrolling_and_downloads_a_one_pager(app_url, phone, lang):
    page, external = phone
    open_page(page, app_url + f"/opportunities?lang={lang}")
    width = page.evaluate("() => window.innerWidth")
    assert page.evaluate("() => document.scrollingElement.scrollWidth") <= width

    cards = page.locator('[class*="st-key-imc-opp-card-results-"]')
    first, second = cards.nth(0).bounding_box(), cards.nth(1).bounding_box()
    assert second["y"] >= first["y"] + first["height"] - 1  # one under the other, not side by side
    assert first["x"] >= 0 and first["x"] + first["width"] <= width
    # The filters are folded away: the first card starts on the first screen.
    assert first["y"] < 844

    with page.expect_download() as info:
        cards.nth(0).get_by_role("button", name=translate("opportunities.card.pdf", lang)).click()
    reader = PdfReader(io.BytesIO(Path(info.value.path()).read_bytes()))
    assert len(reader.pages) == 1 and "O01" in reader.pages[0].extract_text()

    for field in ("name", "organisation", "email", "country"):
        box = page.get_by_label(translate(f"opportunities.enquiry.{field}", lang)).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, field
    assert external == []
