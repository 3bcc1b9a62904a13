"""Accessibility: axe-core on every page in English and Russian, page language, keyboard use.

axe-core is vendored (``tests/browser/vendor/axe-core/axe.min.js``, MPL-2.0, see the README there)
so the suite runs offline; Playwright injects it into each page. Violations are split into the
app's own content and Streamlit's chrome (toolbar, header, sidebar collapse control): the first
must have no serious or critical violation; the second is recorded in
``tests/browser/artifacts/axe-streamlit.json`` for review and not asserted (it is not ours to fix).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dashboard.i18n import translate
from dashboard.nav import available_pages
from imc_data import load_dataset

from .conftest import open_page, wait_for_script

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
ARTIFACTS = Path(__file__).parent / "artifacts"
STREAMLIT_CHROME = ", ".join(
    f'[data-testid="{testid}"]'
    for testid in (
        "stHeader",
        "stToolbar",
        "stDecoration",
        "stStatusWidget",
        "stSidebarCollapseButton",
        "stSidebarCollapsedControl",
        "stMainMenu",
    )
)
BLOCKING = ("serious", "critical")

RUN_AXE = """async (chrome) => {
    const result = await axe.run(document, {resultTypes: ['violations']});
    return result.violations.flatMap(v => v.nodes.map(n => {
        const el = document.querySelector(n.target[0]);
        return {rule: v.id, impact: v.impact, help: v.help, html: n.html.slice(0, 200),
                streamlit: !!(el && el.closest(chrome))};
    }));
}"""


def page_path(key: str) -> str:
    return "/" if key == "overview" else f"/{key}"


def _axe(page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    return page.evaluate(RUN_AXE, STREAMLIT_CHROME)


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_no_serious_violation_on_any_page(app_url, browser_page, lang):
    ours: list[str] = []
    streamlit: list[dict] = []
    for p in available_pages():
        url = app_url + page_path(p.key) + ("?lang=ru" if lang == "ru" else "")
        open_page(browser_page, url, settle_ms=800)
        # The page language follows the switch (screen readers choose their voice from it).
        assert browser_page.evaluate("document.documentElement.lang") == lang, url
        for v in _axe(browser_page):
            if v["impact"] not in BLOCKING:
                continue
            if v["streamlit"]:
                streamlit.append({"page": url.removeprefix(app_url), **v})
            else:
                ours.append(f"{url.removeprefix(app_url)}: {v['rule']} ({v['impact']}): {v['help']} — {v['html']}")
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / f"axe-streamlit-{lang}.json").write_text(json.dumps(streamlit, indent=1, ensure_ascii=False))
    assert ours == []


def _tab_to(page, name: str, tag: str = "BUTTON", max_presses: int = 80) -> None:
    """Press Tab until a ``tag`` element whose label or text starts with ``name`` has the focus."""
    for _ in range(max_presses):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "() => { const e = document.activeElement;"
            " return e ? [e.tagName, (e.getAttribute('aria-label') || e.innerText || '').trim()] : ['', ''] }"
        )
        if focused[0] == tag and focused[1].startswith(name):
            return
    raise AssertionError(f"Tab never reached the {tag} {name!r}")


def _scene(page) -> str:
    return page.locator(".st-key-presenter_bar strong").first.inner_text()


def test_presenter_mode_works_with_the_keyboard_alone(app_url, browser_page):
    total = len(load_dataset()["scenes"])
    open_page(browser_page, app_url + "/?present=1")
    assert _scene(browser_page).endswith(f"/ {total}")
    seen = []
    for label in ("presenter.next", "presenter.next", "presenter.back"):
        _tab_to(browser_page, translate(label, "en"))
        browser_page.keyboard.press("Enter")
        wait_for_script(browser_page, settle_ms=600)
        seen.append(_scene(browser_page))
    assert seen == [f"1 / {total}", f"2 / {total}", f"1 / {total}"]


def test_opportunity_filters_work_with_the_keyboard_alone(app_url, browser_page):
    open_page(browser_page, app_url + "/opportunities")
    label = translate("opportunities.f.stage", "en")
    # Start tabbing once the filter is on the page and the page is idle. Tab never reached the filter
    # once, in CI on a fresh clone (cold server); four local runs passed. A run still settling when
    # the presses start is the likely cause, so wait it out rather than press more.
    browser_page.locator(f'[data-testid="stMultiSelect"] input[aria-label^="{label}"]').wait_for(state="visible")
    wait_for_script(browser_page, settle_ms=800)
    _tab_to(browser_page, label, tag="INPUT")
    browser_page.keyboard.press("ArrowDown")  # opens the list
    browser_page.keyboard.press("Enter")  # picks the first stage
    browser_page.keyboard.press("Escape")
    wait_for_script(browser_page, settle_ms=600)
    assert "stage=" in browser_page.url
