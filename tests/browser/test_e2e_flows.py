"""What an investor and a presenter do, end to end in a real browser.

Clicks on the map and the Gantt chart, shortlist downloads, the enquiry form. (Filters kept in the
address and restored on reload: not covered yet.) Presenter Next/Back by keyboard is in test_a11y.py and D's test_offline.py.
"""

from __future__ import annotations

import csv
import io
import re
import sqlite3
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from dashboard.i18n import translate
from imc_data import load_dataset

from .conftest import SCRIPT_DONE, open_page, wait_for_script


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


def test_click_a_plot_on_the_map_opens_its_card(app_url, browser_page):
    open_page(browser_page, app_url + "/site_map", settle_ms=2000)
    canvas = browser_page.locator('[data-testid="stDeckGlJsonChart"] canvas').first
    box = canvas.bounding_box()
    assert box, "the map was not drawn"
    # Click a grid of points until one lands on a plot (the layout decides where plots are).
    for fx in (0.5, 0.4, 0.6, 0.3, 0.7):
        for fy in (0.5, 0.4, 0.6, 0.3, 0.7):
            browser_page.mouse.click(box["x"] + box["width"] * fx, box["y"] + box["height"] * fy)
            wait_for_script(browser_page, settle_ms=800)
            if "plot=" in browser_page.url:
                break
        if "plot=" in browser_page.url:
            break
    plot_id = re.search(r"plot=([^&]+)", browser_page.url)
    assert plot_id, "no click on the map selected a plot"
    card = browser_page.locator('[data-testid="stMain"]')
    assert card.get_by_text(plot_id.group(1)).count() >= 1
    assert card.get_by_text(translate("site_map.card.area", "en")).count() >= 1


def test_click_a_gantt_bar_leads_to_its_plot(app_url, browser_page):
    open_page(browser_page, app_url + "/timeline", settle_ms=1500)
    bars = browser_page.locator(".js-plotly-plot g.trace.bars path")
    assert bars.count() > 0, "no Gantt bars drawn"
    link = browser_page.get_by_role("link", name=re.compile(r"P\d\d"))
    for i in range(min(bars.count(), 8)):  # a facility without a plot says so instead of linking
        bars.nth(i).click(force=True)
        wait_for_script(browser_page, settle_ms=800)
        if link.count():
            break
    assert link.count() >= 1, "clicking bars never offered a link to a plot"
    plot_id = re.search(r"P\d\d", link.first.inner_text()).group(0)
    link.first.click()
    browser_page.wait_for_url(re.compile(r"/site_map\?.*plot=" + plot_id))
    wait_for_script(browser_page, settle_ms=1500)
    assert browser_page.locator('[data-testid="stMain"]').get_by_text(plot_id).count() >= 1


def test_shortlist_then_csv_and_pdf_downloads_open(app_url, browser_page):
    opp_id = str(load_dataset()["opportunities"]["opportunity_id"].iloc[0])
    open_page(browser_page, app_url + f"/opportunities?opp={opp_id}")
    browser_page.get_by_role("button", name=translate("opportunities.linked_add", "en", id=opp_id)).click()
    wait_for_script(browser_page, settle_ms=800)
    assert f"shortlist={opp_id}" in browser_page.url

    with browser_page.expect_download() as csv_download:
        browser_page.get_by_role("button", name=translate("opportunities.download_csv_shortlist", "en")).click()
    rows = list(csv.reader(io.StringIO(Path(csv_download.value.path()).read_text(encoding="utf-8-sig"))))
    assert len(rows) == 2 and opp_id in rows[1]

    with browser_page.expect_download() as pdf_download:
        browser_page.get_by_role("button", name=translate("opportunities.download_pdf", "en", id=opp_id)).click()
    data = Path(pdf_download.value.path()).read_bytes()
    assert data.startswith(b"%PDF")
    assert opp_id in _pdf_text(data)


def test_an_enquiry_is_stored(app_url, app_database, browser_page):
    open_page(browser_page, app_url + "/opportunities")
    fields = {
        "name": "Browser Suite Investor",
        "organisation": "E2E Capital",
        "email": "e2e@example.com",
        "country": "Testland",
    }
    for field, value in fields.items():
        browser_page.get_by_role("textbox", name=translate(f"opportunities.enquiry.{field}", "en")).fill(value)
    browser_page.get_by_role("button", name=translate("opportunities.enquiry.submit", "en")).click()
    browser_page.wait_for_selector(SCRIPT_DONE)
    message = browser_page.get_by_text(re.compile(r"IMC-\d{8}-[A-Z0-9]{6}")).first
    message.wait_for(timeout=60_000)
    reference = re.search(r"IMC-\d{8}-[A-Z0-9]{6}", message.inner_text()).group(0)
    # The database of this module's app server (the app_url fixture sets IMC_DATABASE_PATH to it).
    with sqlite3.connect(app_database) as conn:
        stored = set(conn.execute("SELECT name, email FROM enquiries WHERE reference = ?", (reference,)).fetchall())
    if not stored:
        pytest.fail(f"enquiry {reference} confirmed on screen but not found in the app's database")
    assert stored == {("Browser Suite Investor", "e2e@example.com")}


def test_a_filter_change_goes_into_the_address_and_a_reload_restores_the_view(app_url, browser_page):
    page = browser_page
    open_page(page, app_url + "/timeline?lang=ru")
    label = translate("timeline.filter.milestones", "ru")

    def switch():  # Streamlit's toggle: a checkbox input inside its labelled widget
        return page.locator('[data-testid="stCheckbox"]', has_text=label).locator("input")

    assert switch().is_checked()
    page.get_by_text(label, exact=True).click()
    wait_for_script(page)
    query = parse_qs(urlparse(page.url).query)
    assert query.get("milestones") == ["false"] and query.get("lang") == ["ru"], page.url
    page.reload()
    wait_for_script(page)
    assert not switch().is_checked()
    assert parse_qs(urlparse(page.url).query).get("milestones") == ["false"]
