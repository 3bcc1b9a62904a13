"""The Site map page's locator in a real browser (issue 21): offline and in Russian. The site plan on a phone:
``test_site_map_phone.py``."""

from __future__ import annotations

import pytest

from imc_data import load_dataset

from .conftest import open_page

pytestmark = pytest.mark.browser

CHARTS = '[data-testid="stDeckGlJsonChart"]'


def test_locator_draws_offline_with_russian_names(app_url, visitor):
    page = visitor.page
    places = load_dataset()["locator_places"].set_index("place_id")
    open_page(page, app_url + "/site_map?lang=ru")
    assert "Где это" in page.locator("#where-it-is").inner_text()
    assert page.locator(CHARTS).count() == 1  # the plot map only: the locator is no deck.gl chart
    svg = page.locator("svg.imc-locator")
    assert svg.count() == 1
    svg.scroll_into_view_if_needed()
    box = svg.bounding_box()
    assert box["width"] > 300 and box["height"] > 200  # drawn, with its height from the start
    drawn = svg.text_content()
    for pid in ("CENTRE", "SVO", "VKO", "DME"):
        assert places.loc[pid, "short_ru"] in drawn, pid  # on the map, in Russian
    text = page.locator('[data-testid="stMain"]').inner_text()
    for pid in ("CENTRE", "SVO", "VKO", "DME"):
        assert places.loc[pid, "name_ru"] in text, pid  # and in the list beside it
    # Every label is at least 12 px on screen.
    sizes = page.evaluate(
        "[...document.querySelectorAll('svg.imc-locator text')].map(t => t.getBoundingClientRect().height)"
    )
    assert sizes and min(sizes) >= 12
    assert visitor.external == [], f"requests that left the machine: {sorted(set(visitor.external))}"
