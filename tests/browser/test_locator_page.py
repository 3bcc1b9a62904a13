"""The locator map on the Site map page, in a real browser (issue 21): offline, drawn, in Russian."""

from __future__ import annotations

import io

from PIL import Image

from imc_data import load_dataset

from .conftest import open_page

WEBGL_POLLS = 60  # WebGL draws in its own frames, which the page's state does not show: poll up to ~30 s


def test_locator_draws_offline_with_russian_names(app_url, visitor):
    page = visitor.page
    places = load_dataset()["locator_places"].set_index("place_id")
    open_page(page, app_url + "/site_map?lang=ru")
    heading = page.locator("#where-it-is")
    assert "Где это" in heading.inner_text()
    # Scrolled by script: Playwright's own scrolling waits for a still layout, which a busy machine
    # drawing two maps may not give within its timeout.
    page.evaluate("document.querySelector('#where-it-is').scrollIntoView({block: 'start'})")

    charts = page.locator('[data-testid="stDeckGlJsonChart"]')
    assert charts.count() == 2  # the plot map, then the locator
    colours: list = []
    for _ in range(WEBGL_POLLS):
        box = charts.nth(1).bounding_box()
        shot = page.screenshot(clip=box)
        colours = Image.open(io.BytesIO(shot)).convert("RGB").getcolors(maxcolors=1 << 20) or []
        if len(colours) > 20:
            break
        page.wait_for_timeout(500)  # poll interval, not a wait for the page
    assert len(colours) > 20, "the locator map drew nothing"  # outline, ring road, markers, labels

    text = page.locator('[data-testid="stMain"]').inner_text()
    for pid in ("CENTRE", "SVO", "VKO", "DME"):
        assert places.loc[pid, "name_ru"] in text, pid
    assert visitor.external == [], f"requests that left the machine: {sorted(set(visitor.external))}"
