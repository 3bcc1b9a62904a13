"""The Timeline on a phone (issue 20): a list, not a collapsed chart, with every facility of the filter and its status."""

from __future__ import annotations

import pytest

from dashboard.i18n.labels import LABELS
from imc_data import load_dataset
from tools.page_state import TIMEOUT_MS, WS_HOOK_JS

from .conftest import is_external, open_page, page_url

pytestmark = pytest.mark.browser

PHONE = {  # a Pixel 5-like phone: what an investor opening the link from a message uses
    "viewport": {"width": 390, "height": 844},
    "is_mobile": True,
    "has_touch": True,
    "device_scale_factor": 2,
    "user_agent": (
        "Mozilla/5.0 (Linux; Android 13; Pixel 5) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/120.0.0.0 Mobile Safari/537.36"
    ),
}


@pytest.fixture
def phone(browser):
    context = browser.new_context(**PHONE)
    context.set_default_timeout(TIMEOUT_MS)
    context.add_init_script(WS_HOOK_JS)
    external: list[str] = []
    context.on("request", lambda req: external.append(req.url) if is_external(req.url) else None)
    page = context.new_page()
    yield page, external
    context.close()


@pytest.mark.parametrize(
    ("lang", "query", "stages", "statuses"),
    [
        ("en", "", None, None),
        ("ru", "stage=S1&status=planned&status=operating", {"S1"}, {"planned", "operating"}),
    ],
)
def test_every_facility_of_the_filter_is_listed_with_its_status_text(app_url, phone, lang, query, stages, statuses):
    page, external = phone
    open_page(page, page_url(app_url, "timeline", lang, query))
    facilities = load_dataset()["facilities"]
    keep = facilities
    if stages:
        keep = keep[keep["stage_id"].isin(stages)]
    if statuses:
        keep = keep[keep["status"].isin(statuses)]
    column = 0 if lang == "en" else 1
    listed = page.locator('[class*="st-key-imc-narrow-only-timeline-list"]').inner_text()
    assert page.locator('[class*="st-key-imc-narrow-only-timeline-list"]').is_visible()
    for _, row in keep.iterrows():
        name, status = row[f"name_{lang}"], LABELS["facility_status"][row["status"]][column]
        card = (
            page.locator('[class*="st-key-imc-narrow-only-timeline-list"] [data-testid="stVerticalBlock"]')
            .filter(has_text=name)
            .last
        )
        assert name in listed, name
        assert status in card.inner_text(), (name, status)
    for _, row in facilities.drop(keep.index).iterrows():
        assert row[f"name_{lang}"] not in listed  # the filter holds on the phone too
    # No chart squeezed onto the phone, and nothing wider than the screen.
    assert page.locator('[data-testid="stPlotlyChart"]').count() == 0
    assert page.evaluate("document.scrollingElement.scrollWidth") <= PHONE["viewport"]["width"]
    assert external == []
