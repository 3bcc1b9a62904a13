"""Browser timings with headless Chromium (Playwright): page load, filter change, cold start.

Interaction times are taken inside the page (``performance.now()``): from the moment
the page sends the rerun request of a filter change (the ``rerun_script`` BackMsg on
Streamlit's WebSocket, i.e. when the widget commits its new value) to the first
animation frame after the run's ``script_finished`` in which everything is drawn — no stale elements,
every visible deck.gl map has its canvas, every data frame its grid.
Page loads and cold starts are timed from Python (navigation request or process spawn)
to that same "complete render" condition.
"""

from __future__ import annotations

import statistics
import time
from contextlib import contextmanager
from urllib.parse import urlparse

from playwright.sync_api import sync_playwright

from tools.chromium import launch
from tools.page_state import RENDERED_JS, WS_HOOK_JS

TIMEOUT_MS = 90_000

# Remember the counters when an interaction is about to start.
ARM_JS = """() => {
  window.__bench = {armedAt: window.__benchWS.finished, rerunsAt: window.__benchWS.reruns, sent: null, ready: null};
  window.__benchWS.arrivals = [];
}"""

# The page has sent a rerun request since arming (the filter change was committed).
SENT_JS = """() => {
  const b = window.__bench, w = window.__benchWS;
  if (w.reruns > b.rerunsAt && b.sent === null) b.sent = w.rerunAt;
  return b.sent !== null;
}"""

# Finished and drawn after an armed interaction; stamps the moment.
INTERACTION_DONE_JS = (
    "() => { const b = window.__bench; if (!b) return false;"
    " if (window.__benchWS.finished <= b.armedAt) return false;"
    " const ok = (" + RENDERED_JS + ")(); if (ok && b.ready === null) b.ready = performance.now(); return ok; }"
)

FILTER_KINDS = ("stSelectbox", "stMultiSelect", "stButtonGroup", "stRadio")


@contextmanager
def chromium():
    """A headless Chromium; requests leaving loopback are recorded in ``browser.external``."""
    with sync_playwright() as pw:
        browser = launch(pw)
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        context.external = []
        context.add_init_script(WS_HOOK_JS)

        def record(request):
            host = urlparse(request.url).hostname or ""
            if not request.url.startswith(("data:", "blob:")) and host not in ("localhost", "127.0.0.1", "::1"):
                context.external.append(request.url)

        context.on("request", record)
        try:
            yield context
        finally:
            browser.close()


def load_page(context, url: str) -> tuple[float, object]:
    """Open ``url`` in a new tab; return seconds until complete render, and the tab."""
    page = context.new_page()
    t0 = time.perf_counter()
    page.goto(url, wait_until="commit", timeout=TIMEOUT_MS)
    page.wait_for_function(RENDERED_JS, timeout=TIMEOUT_MS, polling="raf")
    return time.perf_counter() - t0, page


def page_load_times(context, url: str, rounds: int, errors: list[str] | None = None) -> list[float]:
    """``rounds`` page loads (new tab each) after one untimed warm-up.

    A round that fails (e.g. times out on a machine busy with something else) is left out of
    the times and its error appended to ``errors``; without that list it is raised.
    """
    times = []
    for i in range(rounds + 1):
        try:
            dt, page = load_page(context, url)
        except Exception as exc:
            if errors is None:
                raise
            errors.append(f"round {i}: {exc!r}"[:300])
            for stale in context.pages:  # the tab that timed out
                stale.close()
            continue
        page.close()
        if i:
            times.append(dt)
    return times


def _filter_widgets(page):
    """Visible filter widgets of the main area in document order, as (test id, locator)."""
    selector = ", ".join(f'[data-testid="{kind}"]' for kind in FILTER_KINDS)
    found = page.locator('[data-testid="stMain"]').locator(selector)
    tabs = page.locator('[data-testid="stMain"] [role="tab"]')

    def visible_widgets():
        items = [found.nth(i) for i in range(found.count())]
        return [(loc.get_attribute("data-testid"), loc) for loc in items if loc.is_visible()]

    for attempt in range(3):  # a page may still be settling (a rerun after it rewrote its URL)
        page.wait_for_function(RENDERED_JS, timeout=TIMEOUT_MS, polling="raf")
        visible = visible_widgets()
        if visible:
            return visible
        if attempt == 0:  # the filter may sit in a tab that is not open: open the tabs in turn, as a user would
            for i in range(tabs.count()):
                tabs.nth(i).click()
                # A tab may rerun the page to build its content (st.tabs(on_change="rerun")): let it finish.
                page.wait_for_timeout(500)
                page.wait_for_function(RENDERED_JS, timeout=TIMEOUT_MS, polling="raf")
                visible = visible_widgets()
                if visible:
                    return visible
        page.wait_for_timeout(2_000)
    return []


def change_filter(page, widget_index: int, step: int) -> str:
    """Change one main-area filter the way a user would; return the widget's test id."""
    widgets = _filter_widgets(page)
    if not widgets:
        raise LookupError("no visible filter widget in the main area")
    kind, widget = widgets[widget_index % len(widgets)]
    if kind == "stSelectbox":
        widget.locator("input").first.click()
        options = page.locator('[role="option"]')
        options.first.wait_for(timeout=10_000)
        n = options.count()
        free = [i for i in range(n) if options.nth(i).get_attribute("aria-selected") != "true"] or list(range(n))
        options.nth(free[step % len(free)]).click()
    elif kind == "stMultiSelect":
        # As a user does: clear the choice if there is one, else open the menu, pick one option and
        # close the menu. Streamlit 1.67's multiselect commits a pick at once. While its input still
        # has the focus (from the previous pick), a click on "Clear all" only opens the menu and sends
        # nothing: a user has clicked elsewhere in between, so the focus is dropped first.
        page.evaluate("() => document.activeElement && document.activeElement.blur()")
        clear = widget.locator('button[aria-label="Clear all"]')
        if clear.count() and clear.first.is_visible():
            clear.first.click()
        else:
            widget.locator('button[aria-label="Open"]').first.click()
            # One real value, never the menu's "Select all" (all stages draw the same chart as none).
            options = page.locator('[role="option"]:not([data-key="__select_all__"])')
            options.first.wait_for(timeout=10_000)
            options.nth(step % options.count()).click()
            page.keyboard.press("Escape")
    elif kind == "stButtonGroup":
        buttons = widget.locator("button")
        free = [i for i in range(buttons.count()) if buttons.nth(i).get_attribute("aria-checked") != "true"]
        buttons.nth(free[step % len(free)] if free else step % buttons.count()).click()
    else:  # stRadio
        labels = widget.locator("label")
        free = [i for i in range(labels.count()) if not labels.nth(i).locator("input").is_checked()]
        labels.nth(free[step % len(free)]).click()
    return kind


def _timed_interactions(page, rounds: int, act, what: str) -> tuple[list[float], list[float]]:
    """``act(page, attempt)`` ``rounds`` + 1 times (the first is a warm-up): (sent → drawn, sent → run finished).

    An action that happens to send no rerun (the value did not change, the click hit nothing) is
    tried again with the next ``attempt``, up to four times.
    """
    times, reruns = [], []
    attempt = 0
    for step in range(rounds + 1):
        for _ in range(4):
            page.evaluate(ARM_JS)
            act(page, attempt)
            attempt += 1
            try:
                page.wait_for_function(SENT_JS, timeout=5_000, polling="raf")
                break
            except Exception:
                page.keyboard.press("Escape")
        else:
            raise RuntimeError(f"{page.url}: {what} sent no rerun request")
        page.wait_for_function(INTERACTION_DONE_JS, timeout=TIMEOUT_MS, polling="raf")
        b = page.evaluate("() => ({...window.__bench, finishedAt: window.__benchWS.at})")
        if step:
            times.append((b["ready"] - b["sent"]) / 1000)
            reruns.append((b["finishedAt"] - b["sent"]) / 1000)
    return times, reruns


def filter_change_times(context, url: str, rounds: int, widget_index: int = 0) -> tuple[list[float], list[float], str]:
    """A filter change, ``rounds`` times: (request sent → drawn, request sent → run finished, widget kind).

    The second list is the rerun as the page sees it (the ``script_finished`` message has
    arrived); the first adds the drawing of what the rerun sent (a chart, a map).
    """
    _, page = load_page(context, url)
    kinds = []
    try:
        times, reruns = _timed_interactions(
            page,
            rounds,
            lambda pg, attempt: kinds.append(change_filter(pg, widget_index, attempt)),
            "the filter change",
        )
    finally:
        page.close()
    return times, reruns, kinds[-1] if kinds else ""


# Points of the map a visitor might tap, as fractions of its width and height: the centre first,
# then a widening ring (the plots sit around the centre of the initial view).
MAP_POINTS = [(0.5, 0.5), (0.45, 0.45), (0.55, 0.55), (0.4, 0.55), (0.6, 0.45), (0.35, 0.4), (0.65, 0.6), (0.5, 0.35)]


def map_click_times(context, url: str, rounds: int) -> tuple[list[float], list[float]]:
    """A click on the page's first deck.gl map, ``rounds`` times: the plot card drawn under it.

    Each click goes to the next of :data:`MAP_POINTS`; a click that picks nothing sends no rerun and
    the next point is tried. A click on the selected plot clears the selection, also a rerun a
    visitor waits for.
    """
    _, page = load_page(context, url)
    deck = page.locator('[data-testid="stDeckGlJsonChart"]').first

    def click(pg, attempt: int) -> None:
        box = deck.bounding_box()
        fx, fy = MAP_POINTS[attempt % len(MAP_POINTS)]
        pg.mouse.click(box["x"] + fx * box["width"], box["y"] + fy * box["height"])

    try:
        deck.locator("canvas").first.wait_for(timeout=TIMEOUT_MS)
        page.wait_for_timeout(1_000)  # WebGL draws its first frame after the canvas exists
        return _timed_interactions(page, rounds, click, "a click on the map")
    finally:
        page.close()


# The presenter's "next scene" button (dashboard/presenter.py gives it this key).
NEXT_SCENE = '[class*="st-key-presenter_next"] button'


def scene_change_times(context, url: str, rounds: int) -> tuple[list[float], list[float]]:
    """The presenter pressing "next", ``rounds`` times: the next scene fully drawn."""
    _, page = load_page(context, url)
    try:
        return _timed_interactions(
            page, rounds, lambda pg, _attempt: pg.locator(NEXT_SCENE).first.click(), "next scene"
        )
    finally:
        page.close()


def median(values: list[float]) -> float | None:
    """Median or None."""
    return statistics.median(values) if values else None
