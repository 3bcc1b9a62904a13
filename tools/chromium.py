"""How this project starts headless Chromium: screenshots, browser tests and benchmarks alike.

Debian's Chromium (``apt-get install -y chromium``); Playwright's own browser download does not
work here. The flags keep the browser from reaching the network on its own (updates, sync,
background requests), so any request that leaves the machine comes from the page under test.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

DEBIAN_CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def chromium_path() -> str | None:
    """``IMC_CHROMIUM`` if set, else Debian's ``/usr/bin/chromium``, else ``chromium`` on the PATH; None if none."""
    configured = os.environ.get("IMC_CHROMIUM")
    if configured:
        return configured
    if Path(DEBIAN_CHROMIUM).exists():
        return DEBIAN_CHROMIUM
    return shutil.which("chromium")


def launch(playwright, executable: str | None = None):
    """A headless Chromium started by ``playwright`` (a ``sync_playwright()`` instance)."""
    return playwright.chromium.launch(executable_path=executable or chromium_path(), args=CHROMIUM_ARGS)
