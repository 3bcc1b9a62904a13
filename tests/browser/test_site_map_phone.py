"""The site plan on a phone (issues 20, 21), 390×844: a light SVG plan whose plots open their card in view; the
interactive deck.gl map only when asked for, fitted to the width, and a tap on it scrolls the card into view."""

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
SITE_DECK = ".st-key-site_map_deck"
PLAN = ".st-key-imc-site-plan svg"
CARD = ".st-key-imc-plot-card"
# The card's top lies on screen, in its upper part (where a tap scrolls it to).
CARD_IN_VIEW_JS = f"""() => {{ const c = document.querySelector('{CARD}'); if (!c) return false;
    const top = c.getBoundingClientRect().top; return top >= -2 && top <= window.innerHeight * 0.6; }}"""


def _drawn(page, chart) -> bool:
    """Whether a deck.gl chart has drawn something (WebGL draws in its own frames, after the page is idle)."""
    for _ in range(60):
        shot = page.screenshot(clip=chart.bounding_box())
        if len(Image.open(io.BytesIO(shot)).convert("RGB").getcolors(maxcolors=1 << 20) or []) > 20:
            return True
        page.wait_for_timeout(500)
    return False


def test_on_a_phone_the_plan_is_light_and_a_tap_opens_the_card_in_view(app_url, phone_visitor):
    ds = load_dataset()
    page, external = phone_visitor.page, phone_visitor.external
    open_page(page, app_url + "/site_map?lang=ru")
    assert page.locator(SITE_DECK).count() == 0  # no deck.gl for the plan unless asked for
    plan = page.locator(PLAN)
    box = plan.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390 and box["height"] > 300
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 390
    assert plan.locator("a").count() == len(ds["plots"])
    assert not page.locator(CARD).count()

    link = plan.locator('a[href*="plot=P09"]')
    target = link.bounding_box()
    page.touchscreen.tap(target["x"] + target["width"] / 2, target["y"] + target["height"] / 2)
    page.wait_for_url("**plot=P09**")
    page.get_by_role("heading", name=labels.plot_name(ds, "P09", "ru")).wait_for()
    page.wait_for_function(CARD_IN_VIEW_JS)
    assert "lang=ru" in page.url
    assert page.locator(f'{PLAN} a[href*="plot=P09"] polygon').get_attribute("stroke-width") == "5"  # outlined
    assert external == [], f"requests that left the machine: {sorted(set(external))}"


def test_on_a_phone_the_interactive_map_fits_and_a_tap_scrolls_the_card_into_view(app_url, phone_visitor):
    ds = load_dataset()
    page, external = phone_visitor.page, phone_visitor.external
    open_page(page, app_url + "/site_map?lang=ru&interactive=true")
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 390  # no sideways scrolling
    site = page.locator(f"{SITE_DECK} {CHARTS}")
    assert site.count() == 1 and page.locator(PLAN).count() == 0  # one plot map, never both
    site.scroll_into_view_if_needed()
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
    page.get_by_role("heading", name=labels.plot_name(ds, "P09", "ru")).wait_for()
    card = page.locator(CARD)
    # The card is the next thing under the map (not beside it, not after the legend) ...
    map_bottom = site.bounding_box()["y"] + site.bounding_box()["height"]
    assert 0 <= card.bounding_box()["y"] - map_bottom <= 40
    # ... and the tap scrolled it into view (the map fills the phone's screen).
    page.wait_for_function(CARD_IN_VIEW_JS)
    assert card.bounding_box()["x"] >= 0 and card.bounding_box()["x"] + card.bounding_box()["width"] <= 390
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 390
    assert external == [], f"requests that left the machine: {sorted(set(external))}"
