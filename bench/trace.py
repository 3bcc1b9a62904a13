"""Where a filter change's time goes: server side (message departures) and page side (arrivals).

A diagnostic, not a benchmark (``bench/PROFILE.md``, third round). For each page it starts the
app and the reference page, changes the first filter ``--rounds`` times and prints, per round:

- **server**: when each ForwardMsg of the rerun reached a protocol-level client (no browser), so
  the gaps show the script's own work;
- **page**: in headless Chromium, when each message was handled by the page after the request
  left, when ``script_finished`` was handled and when everything was drawn. A gap the server did
  not have is the browser's main thread busy with the messages before it.

``.venv/bin/python -m bench.trace /data,/timeline --rounds 5``
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
from pathlib import Path

from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from tools.servers import start_streamlit

from . import browser, servers
from .wsclient import StreamlitSession


def _kind(msg: ForwardMsg) -> str:
    kind = msg.WhichOneof("type")
    if kind == "delta":
        delta = msg.delta.WhichOneof("type")
        return msg.delta.new_element.WhichOneof("type") if delta == "new_element" else delta
    return kind


async def server_trace(base: str, path: str, rounds: int) -> list[str]:
    """One line per filter change: ``ms/message kind/bytes`` as each message arrived."""
    session = StreamlitSession(base, path)
    await session.open()
    lines = []
    try:
        for step in range(1, rounds + 1):
            widget = session.filters(sidebar_fallback=True)[0]
            session.set_choice(widget, step)
            arrivals: list = []
            await session.rerun(fragment_id=widget.fragment_id, trace=arrivals)
            lines.append(" ".join(f"{at * 1000:.0f}/{_kind(msg)}/{size}" for at, msg, size in arrivals))
            await asyncio.sleep(0.3)
    finally:
        await session.close()
    return lines


def page_trace(context, url: str, rounds: int) -> list[str]:
    """One line per filter change in the page: finished, drawn and each message's arrival (ms)."""
    _, page = browser.load_page(context, url)
    elements = page.evaluate("() => document.querySelectorAll('[data-testid=stElementContainer]').length")
    lines = [f"{elements} elements on the page"]
    try:
        for step in range(rounds + 1):
            page.evaluate(browser.ARM_JS)  # also empties the page's arrival list
            browser.change_filter(page, 0, step)
            page.wait_for_function(browser.SENT_JS, timeout=5_000, polling="raf")
            page.wait_for_function(browser.INTERACTION_DONE_JS, timeout=browser.TIMEOUT_MS, polling="raf")
            b = page.evaluate(
                "() => ({...window.__bench, fin: window.__benchWS.at, arrivals: window.__benchWS.arrivals})"
            )
            if step:  # the first change is a warm-up
                sent = b["sent"]
                arrivals = " ".join(f"{at - sent:.0f}/{size}" for at, size in b["arrivals"])
                lines.append(f"finished {b['fin'] - sent:.0f} drawn {b['ready'] - sent:.0f} · ms/bytes: {arrivals}")
    finally:
        page.close()
    return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("paths", help="comma-separated page paths, e.g. /data,/timeline")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--port-base", type=int, default=8690)
    args = ap.parse_args(argv)
    log_dir = Path(tempfile.mkdtemp(prefix="imc_trace_"))  # the servers' logs
    app = start_streamlit(servers.APP_SCRIPT, port=args.port_base, log_dir=log_dir)
    ref = start_streamlit(servers.EMPTY_SCRIPT, port=args.port_base + 1, log_dir=log_dir)
    targets = [(ref.base, "/", "reference")] + [(app.base, p, p) for p in args.paths.split(",")]
    try:
        for base, path, name in targets:
            print(f"== {name}: server")
            print("\n".join(asyncio.run(server_trace(base, path, args.rounds))))
        with browser.chromium() as context:
            for base, path, name in targets:
                print(f"== {name}: page")
                print("\n".join(page_trace(context, base + path, args.rounds)))
    finally:
        app.stop()
        ref.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
