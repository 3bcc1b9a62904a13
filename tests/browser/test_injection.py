"""Injection safety: a data folder whose every text cell is an attack renders as literal text.

The folder comes from :func:`tests.injection_data.make_injection_dataset`: ``<img onerror>``,
``<script>``, ``javascript:`` links (HTML and Markdown), Markdown emphasis and ``=HYPERLINK(…)``
in every free-text cell. Every page, in both languages, must show them as text: no dialog, no
element created from them, and exported CSV cells must not start a formula.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest

from dashboard.i18n import translate
from dashboard.nav import available_pages
from imc_data import load_dataset
from tests.injection_data import PAYLOADS, make_injection_dataset

from ..streamlit_server import serve_app
from .conftest import open_page, wait_for_script

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def page_path(key: str) -> str:
    return "/" if key == "overview" else f"/{key}"


@pytest.fixture(scope="module")
def injection_app_url(chromium_executable, tmp_path_factory):
    """The app serving the injection data folder on a free loopback port."""
    data = make_injection_dataset(tmp_path_factory.mktemp("injection") / "tables")
    assert load_dataset(data).ok, "the injection folder must validate, or the pages would not render it"
    env = {"IMC_DATA_DIR": str(data), "IMC_DATABASE_PATH": str(data.parent / "imc.sqlite3")}
    with serve_app(tmp_path_factory.mktemp("injection-server") / "server.log", env) as base:
        yield base


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_every_page_shows_attacks_as_text(injection_app_url, browser_page, lang):
    dialogs: list[str] = []
    browser_page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    shown_literally = {}
    for p in available_pages():
        url = injection_app_url + page_path(p.key) + ("?lang=ru" if lang == "ru" else "")
        open_page(browser_page, url, settle_ms=1200)
        text = _nothing_injected(browser_page, url)
        if p.key == "data":  # the data page builds a tab only when it is opened
            for tab in ("data.tab_conflicts", "data.tab_sources"):
                browser_page.get_by_role("tab", name=translate(tab, lang), exact=True).click()
                wait_for_script(browser_page, settle_ms=800)
                text += _nothing_injected(browser_page, f"{url} ({tab})")
        shown_literally[p.key] = [payload for payload in PAYLOADS if payload in text]
    assert dialogs == []
    # Pages that list data text show the attack strings as the characters staff typed.
    for key in ("overview", "operators", "legal_regime", "data"):
        if key in shown_literally:
            assert shown_literally[key], f"{key}: no payload visible as literal text"


def _nothing_injected(browser_page, where: str) -> str:
    """Assert no attack became an element, a link, bold text or a script; return the page's text."""
    assert browser_page.locator('[data-testid="stException"]').count() == 0, where
    assert browser_page.locator('img[src="x"]').count() == 0, where
    assert browser_page.locator('a[href^="javascript:" i]').count() == 0, where
    # The app bolds some values itself; Markdown inside a value must stay literal "**bold**".
    assert browser_page.locator("strong, b").filter(has_text=re.compile(r"^bold$")).count() == 0, where
    assert not browser_page.evaluate("[...document.scripts].some(s => s.textContent.includes('alert('))"), where
    return browser_page.locator('[data-testid="stApp"]').inner_text()


def test_csv_export_neutralises_formulas(injection_app_url, browser_page):
    if "opportunities" not in {p.key for p in available_pages()}:
        pytest.skip("the opportunities page does not exist yet")
    open_page(browser_page, injection_app_url + "/opportunities")
    with browser_page.expect_download() as download:
        browser_page.get_by_role("button", name=translate("opportunities.download_csv_filtered", "en")).click()
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
    attacks = [cell for cell in cells if "HYPERLINK" in cell]
    assert attacks, "the export carries no text cell from the data (nothing was tested)"
    assert [cell for cell in attacks if cell.startswith(FORMULA_START)] == []
