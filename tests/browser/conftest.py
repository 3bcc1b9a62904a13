"""Fixtures for browser tests: one app server per data configuration, headless Chromium, a visitor's tab.

::

    def test_something(app_url, visitor):
        open_page(visitor.page, app_url + "/site_map?lang=ru")
        ...
        assert visitor.external == []

Pages are waited on until they are idle (:mod:`tools.page_state`: the run finished, everything
visible is drawn, and it stays so), never for a fixed time. Chromium is Debian's (``apt-get
install -y chromium``) driven by Playwright with ``executable_path``; the tests are skipped, with
the reason, when it or the ``playwright`` package is missing (and fail in CI).
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import pytest

from imc_data import load_dataset
from tests.injection_data import make_injection_dataset
from tools.chromium import DEBIAN_CHROMIUM, chromium_path, launch
from tools.page_state import TIMEOUT_MS, WS_HOOK_JS, finished_runs, wait_idle
from tools.servers import start_streamlit

LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1", "[::1]")
try:  # Playwright's assertions wait up to 5 s by default: a shared 2-core machine can take longer
    from playwright.sync_api import expect

    expect.set_options(timeout=TIMEOUT_MS)
except ImportError:  # without Playwright the tests are skipped (chromium_executable)
    pass
VIEWPORT = {"width": 1440, "height": 900}
ARTIFACTS = Path(__file__).parent / "artifacts"  # screenshots and axe reports (git ignores the folder)


def is_external(url: str) -> bool:
    """Whether a request leaves the machine (``data:``/``blob:`` URLs and loopback hosts stay)."""
    if url.startswith(("data:", "blob:", "about:", "chrome:", "chrome-extension:")):
        return False
    return (urlparse(url).hostname or "") not in LOCAL_HOSTS


@pytest.fixture(scope="session")
def chromium_executable() -> str:
    """Path of the Chromium executable (skips the test when there is none; fails in CI)."""
    path = chromium_path()
    if path is None or not Path(path).exists():
        reason = f"Chromium not found ({path or DEBIAN_CHROMIUM}): apt-get install -y chromium to run browser tests"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    pytest.importorskip(
        "playwright.sync_api", reason="playwright is not installed (pip install -r requirements-dev.txt)"
    )
    return path


@contextmanager
def serve(tmp_path_factory, name: str, env: dict[str, str]) -> Iterator[str]:
    """Run the app with ``env`` added on a free loopback port; give its base URL; stop it afterwards.

    For a fixture of its own data configuration: ``with serve(tmp_path_factory, "name", env) as base: yield base``.
    """
    server = start_streamlit(log_dir=tmp_path_factory.mktemp(f"{name}-server"), env=env)
    try:
        yield server.base
    finally:
        server.stop()


@pytest.fixture(scope="session")
def app_database(tmp_path_factory) -> Path:
    """The SQLite file the shipped-data server stores enquiries and audit entries in."""
    return tmp_path_factory.mktemp("db") / "imc.sqlite3"


@pytest.fixture(scope="session")
def app_url(chromium_executable, tmp_path_factory, app_database) -> Iterator[str]:
    """The app on the shipped data, on a free loopback port, for the whole browser suite."""
    env = {"IMC_DATABASE_PATH": str(app_database), "IMC_SNAPSHOT_DIR": str(app_database.parent / "snapshots")}
    with serve(tmp_path_factory, "app", env) as base:
        yield base


@pytest.fixture(scope="session")
def injection_app_url(chromium_executable, tmp_path_factory) -> Iterator[str]:
    """The app serving a data folder whose every free-text cell is an attack (tests/injection_data.py)."""
    data = make_injection_dataset(tmp_path_factory.mktemp("injection") / "tables")
    assert load_dataset(data).ok, "the injection folder must validate, or the pages would not render it"
    env = {
        "IMC_DATA_DIR": str(data),
        "IMC_DATABASE_PATH": str(data.parent / "imc.sqlite3"),
        "IMC_SNAPSHOT_DIR": str(data.parent / "snapshots"),
    }
    with serve(tmp_path_factory, "injection", env) as base:
        yield base


# Package scope: Playwright's sync API keeps an event loop on this thread while it runs, which other
# users of Playwright (the deployment tests, the benchmark smoke test) and AppTest cannot share.
@pytest.fixture(scope="package")
def browser(chromium_executable):
    """A headless Debian Chromium driven by Playwright, shared by the browser tests."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        instance = launch(pw, chromium_executable)
        yield instance
        instance.close()


@dataclass
class Visitor:
    """A fresh browser tab and every request of it that left the machine (should stay empty)."""

    page: object
    external: list[str] = field(default_factory=list)


# An ordinary phone (390×844 CSS pixels, touch, a mobile user agent), as investors open a shared link.
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
    "user_agent": (
        "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/130.0.0.0 Mobile Safari/537.36"
    ),
}


@pytest.fixture
def visitor(browser) -> Iterator[Visitor]:
    """A new tab (1440×900, downloads allowed) in its own context: no cookies or state from other tests."""
    yield from _visitor(browser, {"viewport": VIEWPORT})


@pytest.fixture
def phone_visitor(browser) -> Iterator[Visitor]:
    """Like :func:`visitor`, on a phone (:data:`PHONE`)."""
    yield from _visitor(browser, PHONE)


def _visitor(browser, device: dict) -> Iterator[Visitor]:
    context = browser.new_context(**device, accept_downloads=True)
    context.set_default_timeout(TIMEOUT_MS)  # a shared 2-core machine can take long to draw a map
    context.add_init_script(WS_HOOK_JS)
    page = context.new_page()
    found = Visitor(page)
    context.on("request", lambda req: found.external.append(req.url) if is_external(req.url) else None)
    page.on("websocket", lambda ws: found.external.append(ws.url) if is_external(ws.url) else None)
    yield found
    context.close()


def open_page(page, url: str) -> None:
    """Go to ``url`` and wait until the page is idle."""
    page.goto(url)
    wait_idle(page)


def act(page, action) -> None:
    """Do ``action()`` (a click, a key press) and wait until the rerun it caused is done and drawn."""
    before = finished_runs(page)
    action()
    wait_idle(page, after=before)


def page_url(base: str, key: str, lang: str = "en", query: str = "") -> str:
    """The address of a page (``overview`` is ``/``) in ``lang``, with more ``query`` parameters."""
    params = "&".join(p for p in (query, "lang=ru" if lang == "ru" else "") if p)
    return base + ("/" if key == "overview" else f"/{key}") + (f"?{params}" if params else "")


def deck_pixel(lon: float, lat: float, view: dict, box: dict) -> tuple[float, float]:
    """Where ``(lon, lat)`` lands on a deck.gl chart's box (Web Mercator, 512 px world at zoom 0), written out here."""
    scale = 512 * 2 ** view["zoom"]

    def merc(lo: float, la: float) -> tuple[float, float]:
        return (lo + 180) / 360 * scale, (
            1 - math.log(math.tan(math.pi / 4 + math.radians(la) / 2)) / math.pi
        ) / 2 * scale

    x, y = merc(lon, lat)
    x0, y0 = merc(view["longitude"], view["latitude"])
    return box["x"] + box["width"] / 2 + (x - x0), box["y"] + box["height"] / 2 + (y - y0)
