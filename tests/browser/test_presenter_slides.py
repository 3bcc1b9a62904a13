"""Presenter slides in the browser (issue 19): walked by the Next key in both languages, offline; every slide fits
the screen, text >= 18 px, subject visible, 1 / N on open, and the story starts again after the last slide."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.i18n import translate
from tests.browser.conftest import act, open_page, page_url
from tests.conftest import DATA

pytestmark = pytest.mark.browser

SUBJECTS = (
    ".st-key-imc-slide-picture .imc-gantt, .st-key-imc-slide-picture svg.imc-locator,"
    " .st-key-imc-slide-picture svg.imc-site-plan,"
    " .st-key-imc-slide-picture img,"
    " .st-key-imc-slide-kpis,"
    " .st-key-imc-slide-cards, .st-key-imc-slide-card, .st-key-imc-slide-contact"
)
SMALLEST_TEXT_JS = """() => {
  let smallest = [99, ""];
  const walk = document.createTreeWalker(document.querySelector('.st-key-imc-presenting'), NodeFilter.SHOW_TEXT);
  while (walk.nextNode()) {
    const node = walk.currentNode, el = node.parentElement;
    if (!node.textContent.trim() || !el.getBoundingClientRect().width) continue;
    // SVG text is sized in the drawing's own units: scale it to the pixels it is shown at.
    const scale = el instanceof SVGElement ? el.getScreenCTM().a : 1;
    const size = parseFloat(getComputedStyle(el).fontSize) * scale;
    if (size < smallest[0]) smallest = [size, node.textContent.trim().slice(0, 40)];
  }
  return smallest;
}"""

# Big numbers that wrap onto a second line ("450,000" / "m²"): the values of a KPI slide taller than one line.
WRAPPED_VALUES_JS = """() => Array.from(document.querySelectorAll('.st-key-imc-slide-kpis [data-testid="stMetricValue"]'))
  .filter((el) => el.getBoundingClientRect().height > 1.6 * parseFloat(getComputedStyle(el).fontSize))
  .map((el) => el.innerText)"""

# Words of the talking points split across two lines ("Специализированны" / "е"): a column too narrow for them.
# A line may end at a hyphen or dash ("Клинико-" / "диагностический"): the parts between count as words.
SPLIT_WORDS_JS = """() => {
  const split = [];
  const walk = document.createTreeWalker(document.querySelector('.st-key-imc-slide-points'), NodeFilter.SHOW_TEXT);
  while (walk.nextNode()) {
    const node = walk.currentNode;
    for (const m of node.textContent.matchAll(/[^\\s\\-‐–—/]+/g)) {
      const range = document.createRange();
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      const tops = new Set(Array.from(range.getClientRects()).map((r) => Math.round(r.top)));
      if (tops.size > 1) split.push(m[0]);
    }
  }
  return split;
}"""

# Chart texts (the Gantt's status labels) that run past the chart's right edge, where the picture cuts them.
# The statuses written beside the timeline's bars: each on one line, inside the box the chart is shown in.
CUT_CHART_TEXT_JS = """() => {
  const chart = document.querySelector('.st-key-imc-slide-picture .imc-gantt');
  if (!chart) return [];
  const edge = chart.parentElement.getBoundingClientRect().right;
  return Array.from(chart.querySelectorAll('[data-role=label] > span')).filter((t) => {
    const box = t.getBoundingClientRect();
    return box.right > edge + 1 || box.height > 1.5 * parseFloat(getComputedStyle(t).fontSize);
  }).map((t) => t.textContent);
}"""


@pytest.mark.parametrize("size", [(1440, 900), (1920, 1080)], ids=["laptop", "projector"])
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_every_slide_fits_the_screen_in_large_type_and_the_story_ends_with_the_contact(app_url, visitor, lang, size):
    scenes = pd.read_csv(DATA / "scenes.csv", dtype=str, keep_default_na=False)
    total = len(scenes)
    page = visitor.page
    page.set_viewport_size({"width": size[0], "height": size[1]})
    open_page(page, page_url(app_url, "overview", lang, "present=1"))
    assert page.locator('[data-testid="stSidebar"]').is_hidden()
    for number in range(1, total + 1):
        counter = page.inner_text(".imc-slide-counter")
        assert counter == f"{number} / {total}"
        assert "present=1" in page.url and ("lang=ru" in page.url) == (lang == "ru")
        assert translate("presenter.next", lang) in page.inner_text(".st-key-imc-slide-bar")
        assert page.inner_text(".imc-slide-heading") == scenes.loc[number - 1, f"title_{lang}"]
        page.wait_for_selector(SUBJECTS, state="visible")
        main_height = page.evaluate("document.querySelector('[data-testid=stMain]').scrollHeight")
        assert main_height <= size[1], (number, main_height)
        smallest = page.evaluate(SMALLEST_TEXT_JS)
        assert smallest[0] >= 18, (number, smallest)
        assert page.evaluate(WRAPPED_VALUES_JS) == [], number
        assert page.evaluate(SPLIT_WORDS_JS) == [], number
        assert page.evaluate(CUT_CHART_TEXT_JS) == [], number
        if number < total:
            act(page, lambda: page.keyboard.press("ArrowRight"))  # the Next shortcut (a clicker sends it too)
    contact = pd.read_csv(DATA / "contacts.csv", dtype=str).loc[0, f"organisation_{lang}"]
    assert contact in page.inner_text(".st-key-imc-slide-contact")
    act(page, lambda: page.keyboard.press("ArrowRight"))  # after the last slide, the story starts again
    assert page.inner_text(".imc-slide-counter") == f"1 / {total}"
    assert visitor.external == []


def test_next_then_back_returns_to_slide_one(app_url, visitor):
    page = visitor.page
    open_page(page, page_url(app_url, "overview", "ru", "present=1"))
    assert page.inner_text(".imc-slide-counter").startswith("1 / ")
    act(page, lambda: page.keyboard.press("ArrowRight"))
    assert page.inner_text(".imc-slide-counter").startswith("2 / ")
    act(page, lambda: page.keyboard.press("ArrowLeft"))
    assert page.inner_text(".imc-slide-counter").startswith("1 / ")


# Where the slide is drawn: the scaled box of a slide that fits itself to the screen, or None.
SCALED_BOX_JS = """() => { const box = document.querySelector('.st-key-imc-slide-fit');
  if (!box) return null; const r = box.getBoundingClientRect(); return [r.right, r.bottom]; }"""


def test_on_a_720p_projector_every_slide_is_scaled_down_to_fit(app_url, visitor):
    """A 1280 × 720 projector: every slide is drawn smaller, whole, as presentation software does."""
    width, height = 1280, 720
    scenes = pd.read_csv(DATA / "scenes.csv", dtype=str, keep_default_na=False)
    page = visitor.page
    page.set_viewport_size({"width": width, "height": height})
    open_page(page, page_url(app_url, "overview", "ru", "present=1"))
    for number in range(1, len(scenes) + 1):
        page.wait_for_selector(SUBJECTS, state="visible")
        box = page.evaluate(SCALED_BOX_JS)
        assert box is not None, number
        assert box[0] <= width and box[1] <= height, (number, box)
        if number < len(scenes):
            act(page, lambda: page.keyboard.press("ArrowRight"))
