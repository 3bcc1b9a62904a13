"""The Timeline on a phone (issue 20): a list, not a collapsed chart, with every facility of the filter and its status."""

from __future__ import annotations

import pytest

from dashboard.i18n.labels import LABELS
from imc_data import load_dataset

from .conftest import PHONE, open_page, page_url

pytestmark = pytest.mark.browser


@pytest.fixture
def phone(phone_visitor):
    """The suite's phone (tests/browser/conftest.py PHONE): the page and the requests that left the machine."""
    return phone_visitor.page, phone_visitor.external


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
    listed = page.locator('[class*="st-key-imc-timeline-list"]').inner_text()
    assert page.locator('[class*="st-key-imc-timeline-list"]').is_visible()
    for _, row in keep.iterrows():
        name, status = row[f"name_{lang}"], LABELS["facility_status"][row["status"]][column]
        card = (
            page.locator('[class*="st-key-imc-timeline-list"] [data-testid="stVerticalBlock"]')
            .filter(has_text=name)
            .last
        )
        assert name in listed, name
        assert status in card.inner_text(), (name, status)
    for _, row in facilities.drop(keep.index).iterrows():
        assert row[f"name_{lang}"] not in listed  # the filter holds on the phone too
    # No chart squeezed onto the phone, and nothing wider than the screen.
    assert page.locator(".imc-gantt").count() == 0  # the list, not the chart
    assert page.evaluate("document.scrollingElement.scrollWidth") <= PHONE["viewport"]["width"]
    assert external == []
