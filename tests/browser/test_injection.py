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
from dashboard.nav import PAGES
from imc_data.formulas import formula_like
from tests.injection_data import PAYLOADS

from .conftest import act, open_page, page_url

DATA_PAGE_TABS = ("data.tab_conflicts", "data.tab_sources")  # built when opened


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_every_page_shows_attacks_as_text(injection_app_url, visitor, lang):
    page = visitor.page
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    shown_literally = {}
    for p in PAGES:
        url = page_url(injection_app_url, p.key, lang)
        open_page(page, url)
        text = _nothing_injected(page, url)
        if p.key == "data":
            for tab in DATA_PAGE_TABS:
                act(page, page.get_by_role("tab", name=translate(tab, lang), exact=True).click)
                text += _nothing_injected(page, f"{url} ({tab})")
        shown_literally[p.key] = [payload for payload in PAYLOADS if payload in text]
    assert dialogs == []
    # Pages that list data text show the attack strings as the characters staff typed.
    for key in ("overview", "operators", "legal_regime", "data"):
        assert shown_literally[key], f"{key}: no payload visible as literal text"
    assert visitor.external == []


def _nothing_injected(page, where: str) -> str:
    """Assert no attack became an element, a link, bold text or a script; return the page's text."""
    assert page.locator('[data-testid="stException"]').count() == 0, where
    assert page.locator('img[src="x"]').count() == 0, where
    assert page.locator('a[href^="javascript:" i]').count() == 0, where
    # The app bolds some values itself; Markdown inside a value must stay literal "**bold**".
    assert page.locator("strong, b").filter(has_text=re.compile(r"^bold$")).count() == 0, where
    assert not page.evaluate("[...document.scripts].some(s => s.textContent.includes('alert('))"), where
    return page.locator('[data-testid="stApp"]').inner_text()


def test_csv_export_neutralises_formulas(injection_app_url, visitor):
    open_page(visitor.page, injection_app_url + "/opportunities")
    with visitor.page.expect_download() as download:
        visitor.page.get_by_role("button", name=translate("opportunities.download_csv_filtered", "en")).click()
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
    attacks = [cell for cell in cells if "HYPERLINK" in cell]
    assert attacks, "the export carries no text cell from the data (nothing was tested)"
    assert [cell for cell in attacks if formula_like(cell)] == []
