"""An investor's whole visit on a phone (issue 20's "done when"), 390×844, in Russian: the Overview, through to
an open opportunity, its plot on the map, its one-pager and an enquiry — never wider than the screen."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from dashboard import labels
from dashboard.i18n import translate
from imc_data import db, load_dataset
from imc_data import enquiries as enq

from .conftest import act, open_page

pytestmark = pytest.mark.browser

LANG = "ru"
CARD = '[class*="st-key-imc-opp-card-results-"]'
PLOT_CARD = ".st-key-imc-plot-card"
PLAN = ".st-key-imc-site-plan svg"


def t(key: str) -> str:
    return translate(key, LANG)


def fits(page) -> bool:
    """Nothing to swipe sideways: the page is no wider than the screen."""
    return page.evaluate("() => document.scrollingElement.scrollWidth <= window.innerWidth")


def test_an_investor_reads_the_overview_finds_an_opportunity_its_plot_its_one_pager_and_enquires(
    app_url, app_database, phone_visitor
):
    ds = load_dataset()
    page = phone_visitor.page
    open_page(page, app_url + f"/?lang={LANG}")
    assert fits(page)
    assert page.locator('[data-testid="stSidebar"][aria-expanded="true"]').count() == 0  # the menu is closed

    # Overview → the opportunities, by the call to action.
    act(page, page.get_by_role("link", name=t("overview.open.cta")).tap)
    page.wait_for_url("**/opportunities**")
    first = page.locator(CARD).first
    oid = re.search(r"results-(O\d+)", first.get_attribute("class")).group(1)
    plot = ds["opportunities"].set_index("opportunity_id").loc[oid, "plot_id"]
    # (A visitor may scroll up and down; never sideways. On the CI machine the page twice opened scrolled away
    # from the first card, which no run here reproduced: scrolling it into view is what the visitor would do.)
    first.scroll_into_view_if_needed()
    assert fits(page)

    # Its plot on the map: the plan comes into view with the plot outlined, its card starting under it.
    act(page, first.get_by_role("link", name=t("opportunities.card.see_on_map")).tap)
    page.wait_for_url(f"**plot={plot}**")
    heading = page.get_by_role("heading", name=labels.plot_name(ds, plot, LANG))
    heading.wait_for()
    outlined = page.locator(f'{PLAN} a[href*="plot={plot}"] polygon')
    assert outlined.get_attribute("stroke-width") == "5"
    page.wait_for_function(
        f"() => {{ const p = document.querySelector('{PLAN} a[href*=\"plot={plot}\"]').getBoundingClientRect();"
        f" const c = document.querySelector('{PLOT_CARD} h3').getBoundingClientRect();"
        " return p.top >= 0 && p.bottom <= window.innerHeight && c.top >= 0 && c.bottom <= window.innerHeight; }"
    )
    assert "lang=ru" in page.url and fits(page)

    # Back to the opportunity: its one-pager downloads.
    page.go_back()
    page.wait_for_url("**/opportunities**")
    card = page.locator(f".st-key-imc-opp-card-results-{oid}")
    card.wait_for()
    with page.expect_download() as info:
        card.get_by_role("button", name=t("opportunities.card.pdf")).tap()
    reader = PdfReader(io.BytesIO(Path(info.value.path()).read_bytes()))
    assert len(reader.pages) == 1 and oid in reader.pages[0].extract_text()

    # The card's "Enquire" leads to the form; every field fits the screen; the enquiry is stored.
    card.get_by_role("link", name=t("opportunities.card.enquire")).tap()
    for field, value in (
        ("name", "Ольга Телефонова"),  # a name no other test sends to this server
        ("organisation", "Example Health GmbH"),
        ("email", "anna@example-health.de"),
        ("country", "Германия"),
    ):
        box = page.get_by_label(t(f"opportunities.enquiry.{field}"))
        box.fill(value)
        frame = box.bounding_box()
        assert frame["x"] >= 0 and frame["x"] + frame["width"] <= page.viewport_size["width"], field
    act(page, page.get_by_role("button", name=t("opportunities.enquiry.submit")).tap)
    page.locator('[data-testid="stAlertContentSuccess"]').wait_for()
    assert fits(page)
    try:
        stored = enq.list_enquiries(db.get_engine(f"sqlite:///{app_database}"))
    finally:
        db.dispose_all()
    assert "Ольга Телефонова" in set(stored["name"])
    assert phone_visitor.external == []
