"""The Site map page's locator in a real browser (issue 21): offline and in Russian. The site plan on a phone:
``test_site_map_phone.py``."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from imc_data import load_dataset

from .conftest import open_page

pytestmark = pytest.mark.browser

CHARTS = '[data-testid="stDeckGlJsonChart"]'


def _drawn(page, chart) -> bool:
    """Whether a deck.gl chart has drawn something (WebGL draws in its own frames, after the page is idle)."""
    for _ in range(60):
        shot = page.screenshot(clip=chart.bounding_box())
        if len(Image.open(io.BytesIO(shot)).convert("RGB").getcolors(maxcolors=1 << 20) or []) > 20:
            return True
        page.wait_for_timeout(500)
    return False


def test_locator_draws_offline_with_russian_names(app_url, visitor):
    page = visitor.page
    places = load_dataset()["locator_places"].set_index("place_id")
    open_page(page, app_url + "/site_map?lang=ru")
    assert "Где это" in page.locator("#where-it-is").inner_text()
    page.evaluate("document.querySelector('#where-it-is').scrollIntoView({block: 'start'})")
    charts = page.locator(CHARTS)
    assert charts.count() == 2  # the plot map, then the locator
    assert _drawn(page, charts.nth(1)), "the locator map drew nothing"
    text = page.locator('[data-testid="stMain"]').inner_text()
    for pid in ("CENTRE", "SVO", "VKO", "DME"):
        assert places.loc[pid, "name_ru"] in text, pid
    assert visitor.external == [], f"requests that left the machine: {sorted(set(visitor.external))}"
