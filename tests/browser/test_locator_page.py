"""The Site map page in a real browser (issues 20, 21): the locator (an SVG) offline and in Russian; on a phone the
map fits, only one plot map is sent, and a click on a plot opens its card right under the map."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from dashboard import labels
from dashboard.figures import site_deck
from imc_data import load_dataset

from .conftest import act, deck_pixel, open_page

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


def test_on_a_phone_the_map_fits_and_a_click_shows_the_card_under_it(app_url, phone_visitor):
    ds = load_dataset()
    page, external = phone_visitor.page, phone_visitor.external
    open_page(page, app_url + "/site_map?lang=ru")
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 390  # no sideways scrolling
    charts = page.locator(CHARTS)
    assert charts.count() == 1  # one plot map (never a wide and a narrow copy); the locator is an SVG
    locator_box = page.locator("svg.imc-locator").bounding_box()
    assert locator_box["x"] >= 0 and locator_box["x"] + locator_box["width"] <= 390
    site = charts.first
    box = site.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    assert _drawn(page, site), "the plot map drew nothing"

    # Every plot's corners fall inside the map as fitted for a phone (no plot cut at the edge).
    view = site_deck.view_state(ds, view="phone").__dict__
    for polygon in ds.plots_geo.to_crs(4326).geometry:
        for lon, lat, *_ in polygon.exterior.coords:
            x, y = deck_pixel(lon, lat, view, box)
            assert box["x"] <= x <= box["x"] + box["width"] and box["y"] <= y <= box["y"] + box["height"]

    centre = ds.plots_geo.to_crs(4326).set_index("plot_id").loc["P09", "geometry"].representative_point()
    x, y = deck_pixel(centre.x, centre.y, view, box)
    # A pointer click: Playwright's synthetic touch events do not reach deck.gl's picking here.
    page.mouse.move(x, y)
    act(page, lambda: page.mouse.click(x, y))
    heading = page.get_by_role("heading", name=labels.plot_name(ds, "P09", "ru"))
    heading.wait_for()
    # The card is the next thing under the map (not beside it, not after the legend).
    card = page.locator(".st-key-imc-plot-card")
    map_bottom = site.bounding_box()["y"] + site.bounding_box()["height"]
    assert 0 <= card.bounding_box()["y"] - map_bottom <= 40
    assert card.bounding_box()["x"] >= 0 and card.bounding_box()["x"] + card.bounding_box()["width"] <= 390
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 390
    assert external == [], f"requests that left the machine: {sorted(set(external))}"
