"""The locator map on the Site map page, in a real browser (issue 21): offline, drawn, in Russian."""

from __future__ import annotations

import io

from PIL import Image

from imc_data import load_dataset

from .conftest import open_page


def test_locator_draws_offline_with_russian_names(app_url, browser_page, external_requests):
    places = load_dataset()["locator_places"].set_index("place_id")
    open_page(browser_page, app_url + "/site_map?lang=ru", settle_ms=1500)
    heading = browser_page.locator("#where-it-is")
    assert "Где это" in heading.inner_text()
    # Scrolled by script: Playwright's own scrolling waits for a still layout, which a busy machine
    # drawing two maps may not give within its timeout.
    browser_page.evaluate("document.querySelector('#where-it-is').scrollIntoView({block: 'start'})")

    charts = browser_page.locator('[data-testid="stDeckGlJsonChart"]')
    assert charts.count() == 2  # the plot map, then the locator
    colours: list = []
    for _ in range(30):  # the map draws once its WebGL context is ready: up to about 30 s
        browser_page.wait_for_timeout(1000)
        box = charts.nth(1).bounding_box()
        shot = browser_page.screenshot(clip=box, timeout=120_000)
        colours = Image.open(io.BytesIO(shot)).convert("RGB").getcolors(maxcolors=1 << 20) or []
        if len(colours) > 20:
            break
    assert len(colours) > 20, "the locator map drew nothing"  # outline, ring road, markers, labels

    text = browser_page.locator('[data-testid="stMain"]').inner_text()
    for pid in ("CENTRE", "SVO", "VKO", "DME"):
        assert places.loc[pid, "name_ru"] in text, pid
    assert external_requests == [], f"requests that left the machine: {sorted(set(external_requests))}"
