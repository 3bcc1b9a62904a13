"""Take full-page screenshots of running app pages in headless Chromium.

Usage: ``python tools/screenshot.py http://localhost:8501 OUT_DIR PATH [PATH ...]``
where PATH is e.g. ``/`` or ``/site_map?lang=ru``. Prints every request that left
127.0.0.1/localhost (there should be none).
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from urllib.parse import urlparse

from playwright.sync_api import sync_playwright

try:
    from tools.chromium import launch
except ModuleNotFoundError:  # run as a script (python tools/screenshot.py): tools/ itself is on the path
    from chromium import launch


def main(base: str, out: Path, paths: list[str]) -> int:
    out.mkdir(parents=True, exist_ok=True)
    external: list[str] = []
    with sync_playwright() as pw:
        browser = launch(pw)
        page = browser.new_page(viewport={"width": 1400, "height": int(os.environ.get("SHOT_HEIGHT", "1800"))})

        def record(request):
            host = urlparse(request.url).hostname or ""
            if request.url.startswith(("data:", "blob:")):
                return
            if host not in ("localhost", "127.0.0.1", "::1"):
                external.append(request.url)

        page.on("request", record)
        for path in paths:
            page.goto(base + path)
            page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=60_000)
            page.wait_for_timeout(1500)
            name = re.sub(r"[^A-Za-z0-9]+", "_", path).strip("_") or "overview"
            page.screenshot(path=str(out / f"{name}.png"), full_page=True)
            print(f"saved {out / name}.png")
        browser.close()
    for url in external:
        print(f"EXTERNAL REQUEST: {url}")
    return 1 if external else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], Path(sys.argv[2]), sys.argv[3:]))
