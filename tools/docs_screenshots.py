"""Regenerate the screenshots of the documentation: ``python -m tools.docs_screenshots``.

Starts the app on the shipped data on a free loopback port (:func:`tools.servers.start_streamlit`),
opens each page in headless Chromium (:func:`tools.chromium.launch`), waits until it is completely
drawn (:func:`tools.page_state.wait_idle`, never a fixed sleep), saves the screenshot into ``docs/``
and stops the server. The README shows ``docs/overview.png``; ``docs/overview-phone.png`` is the
same page on a phone. Exits with status 1, naming them, if a page requested anything outside the
machine (the app must work offline).

Options: ``--out DIR`` (default ``docs/``), ``--only NAME[,NAME]`` (names of :data:`SHOTS`), ``--port N``
(default: a free port the operating system hands out).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

try:
    from tools.chromium import launch
    from tools.page_state import WS_HOOK_JS, wait_idle
    from tools.servers import ROOT, start_streamlit
except ModuleNotFoundError:  # run as a script (python tools/docs_screenshots.py): tools/ itself is on the path
    from chromium import launch
    from page_state import WS_HOOK_JS, wait_idle
    from servers import ROOT, start_streamlit

DOCS = ROOT / "docs"
LOOPBACK = ("127.0.0.1", "localhost", "::1", "[::1]")
# A phone as Playwright's "Pixel 5" describes it, at the 390×844 size the phone reviews use.
PHONE_USER_AGENT = (
    "Mozilla/5.0 (Linux; Android 11; Pixel 5) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/120.0.0.0 Mobile Safari/537.36"
)


@dataclass(frozen=True)
class Shot:
    """One documentation screenshot: file name, address path and the screen it is taken on."""

    name: str
    path: str
    width: int
    height: int
    phone: bool = False

    def context_options(self) -> dict:
        """Playwright ``new_context`` options for this screen (a phone gets a mobile user agent and touch)."""
        options: dict = {"viewport": {"width": self.width, "height": self.height}, "device_scale_factor": 1}
        if self.phone:
            options.update(is_mobile=True, has_touch=True, user_agent=PHONE_USER_AGENT)
        return options


SHOTS = (
    Shot("overview.png", "/", 1440, 900),
    Shot("overview-phone.png", "/", 390, 844, phone=True),
)


def is_external(url: str) -> bool:
    """Whether a request leaves the machine (``data:``/``blob:`` URLs and loopback hosts stay)."""
    if url.startswith(("data:", "blob:", "about:", "chrome:")):
        return False
    return (urlparse(url).hostname or "") not in LOOPBACK


def take(browser, base: str, shot: Shot, out: Path, external: list[str]) -> Path:
    """Open ``shot.path`` in a fresh context, wait until it is drawn, and save the viewport as ``out/shot.name``."""
    context = browser.new_context(**shot.context_options())
    try:
        context.add_init_script(WS_HOOK_JS)
        context.on("request", lambda request: external.append(request.url) if is_external(request.url) else None)
        page = context.new_page()
        page.goto(base + shot.path)
        wait_idle(page)
        target = out / shot.name
        page.screenshot(path=str(target))
        return target
    finally:
        context.close()


def main(argv: list[str] | None = None) -> int:
    """Start the app, take every screenshot asked for, stop the app; 1 if a request left the machine."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=DOCS, help="folder for the PNG files (default docs/)")
    parser.add_argument("--only", default="", help="comma-separated file names, e.g. overview.png")
    parser.add_argument("--port", type=int, default=None, help="loopback port for the app (default: a free one)")
    args = parser.parse_args(argv)
    wanted = [s for s in SHOTS if not args.only or s.name in args.only.split(",")]
    if not wanted:
        parser.error(f"--only names none of {', '.join(s.name for s in SHOTS)}")
    from playwright.sync_api import sync_playwright  # a development dependency (requirements-dev.txt)

    args.out.mkdir(parents=True, exist_ok=True)
    external: list[str] = []
    with tempfile.TemporaryDirectory(prefix="imc-docs-shots-") as scratch:
        # Its own database and snapshot folder: taking screenshots leaves nothing in var/.
        env = {"IMC_DATABASE_PATH": f"{scratch}/imc.sqlite3", "IMC_SNAPSHOT_DIR": f"{scratch}/snapshots"}
        server = start_streamlit(log_dir=Path(scratch), port=args.port, env=env)
        try:
            with sync_playwright() as playwright:
                browser = launch(playwright)
                try:
                    for shot in wanted:
                        print(f"saved {take(browser, server.base, shot, args.out, external)}")
                finally:
                    browser.close()
        finally:
            server.stop()
    for url in external:
        print(f"EXTERNAL REQUEST: {url}", file=sys.stderr)
    return 1 if external else 0


if __name__ == "__main__":
    sys.exit(main())
