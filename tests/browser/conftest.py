"""Fixtures for browser tests: the app on a free loopback port, headless Chromium, a request log.

Reusable by any browser test::

    def test_something(app_url, browser_page, external_requests):
        open_page(browser_page, app_url + "/site_map?lang=ru")
        ...
        assert external_requests == []

Chromium is Debian's (``apt-get install -y chromium``) driven by Playwright with
``executable_path``; Playwright's own browser download is not used. Tests are skipped, with the
reason, only when that Chromium or the ``playwright`` package is missing.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest

from tools.chromium import DEBIAN_CHROMIUM, chromium_path, launch

from ..streamlit_server import serve_app

LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1", "[::1]")
SCRIPT_DONE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
PAGE_TIMEOUT_MS = 60_000


def _chromium_or_skip() -> str:
    path = chromium_path()
    if path is None or not Path(path).exists():
        pytest.skip(
            f"Chromium not found ({path or DEBIAN_CHROMIUM}): install it with `apt-get install -y chromium` "
            "to run browser tests"
        )
    pytest.importorskip(
        "playwright.sync_api", reason="playwright is not installed (pip install -r requirements-dev.txt)"
    )
    return path


def is_external(url: str) -> bool:
    """Whether a request leaves the machine (``data:``/``blob:`` URLs and loopback hosts stay)."""
    if url.startswith(("data:", "blob:", "about:", "chrome:", "chrome-extension:")):
        return False
    return (urlparse(url).hostname or "") not in LOCAL_HOSTS


@pytest.fixture(scope="session")
def chromium_executable() -> str:
    """Path of the Chromium executable (skips the test when there is none)."""
    return _chromium_or_skip()


# Module scope: Playwright's sync API keeps an event loop on the main thread while it runs, which
# breaks AppTest in later test files, so browser and server are closed after each browser test module.
@pytest.fixture(scope="module")
def app_database(tmp_path_factory) -> Path:
    """The SQLite file this module's app server stores enquiries and audit entries in."""
    return tmp_path_factory.mktemp("db") / "imc.sqlite3"


@pytest.fixture(scope="module")
def app_url(chromium_executable, tmp_path_factory, app_database) -> Iterator[str]:
    """Start ``streamlit run app.py`` on a free loopback port; yield its base URL; stop it afterwards."""
    log_path = tmp_path_factory.mktemp("streamlit") / "server.log"
    with serve_app(log_path, {"IMC_DATABASE_PATH": str(app_database)}) as base:
        yield base


@pytest.fixture(scope="module")
def browser(chromium_executable):
    """A headless Debian Chromium driven by Playwright, shared by the tests of one module."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        instance = launch(pw, chromium_executable)
        yield instance
        instance.close()


@pytest.fixture
def external_requests() -> list[str]:
    """Every URL requested by :func:`browser_page` that left the machine (should stay empty)."""
    return []


@pytest.fixture
def browser_page(browser, external_requests):
    """A fresh browser page (1400×900) whose requests and websockets are logged into ``external_requests``."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    context.on("request", lambda req: external_requests.append(req.url) if is_external(req.url) else None)
    page = context.new_page()
    page.on("websocket", lambda ws: external_requests.append(ws.url) if is_external(ws.url) else None)
    yield page
    context.close()


def open_page(page, url: str, settle_ms: int = 500) -> None:
    """Go to ``url`` and wait until the script has finished and late resources (fonts, maps) had time to load."""
    page.goto(url)
    wait_for_script(page, settle_ms)


def wait_for_script(page, settle_ms: int = 500) -> None:
    """Wait for the Streamlit script run to finish (after a click or key press)."""
    page.wait_for_timeout(300)
    page.wait_for_selector(SCRIPT_DONE, timeout=PAGE_TIMEOUT_MS)
    page.wait_for_timeout(settle_ms)
    page.wait_for_selector(SCRIPT_DONE, timeout=PAGE_TIMEOUT_MS)
