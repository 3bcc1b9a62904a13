"""When a Streamlit page in Chromium is done: its run has finished and everything visible is drawn.

Browser tests wait on this instead of sleeping, and the benchmarks time up to it. Install
:data:`WS_HOOK_JS` before the page loads (``context.add_init_script(WS_HOOK_JS)``): it counts the
``script_finished`` messages arriving on Streamlit's WebSocket, so a rerun that finished can be
told from an old one even when React never paints the short "running" state of a fast rerun.
"""

from __future__ import annotations

# Counts the ForwardMsgs carrying ``script_finished`` (field 6: finished successfully = 0,
# fragment finished = 3) and the rerun requests the page sends (BackMsg field 11).
WS_HOOK_JS = """(() => {
  const Native = window.WebSocket;
  const finishedOk = (buf) => {
    const b = new Uint8Array(buf); let i = 0;
    const varint = () => { let r = 0, s = 0, x; do { x = b[i++]; r += (x & 0x7f) * 2 ** s; s += 7; } while ((x & 0x80) && i < b.length); return r; };
    while (i < b.length) {
      const tag = varint(), field = Math.floor(tag / 8), wt = tag & 7;
      if (field === 6 && wt === 0) { const v = varint(); return v === 0 || v === 3; }
      if (wt === 0) varint(); else if (wt === 2) { const n = varint(); i += n; } else if (wt === 1) i += 8; else if (wt === 5) i += 4; else return false;
    }
    return false;
  };
  // rerun_script is BackMsg field 11 (length-delimited): first byte 0x5a when it leads the message.
  const isRerun = (data) => { try { const b = ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : new Uint8Array(data); return b.length > 0 && b[0] === 0x5a; } catch (e) { return false; } };
  // arrivals: [when handled, bytes] of every message since the last ARM_JS (bench/trace.py).
  window.__benchWS = {finished: 0, at: null, reruns: 0, rerunAt: null, arrivals: []};
  const Hooked = function (...args) {
    const ws = new Native(...args);
    const send = ws.send.bind(ws);
    ws.send = (data) => {
      if (isRerun(data)) {
        const w = window.__benchWS; w.reruns++; w.rerunAt = performance.now(); w.ws = ws;
        w.lastRerun = Array.from(ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : new Uint8Array(data));
      }
      return send(data);
    };
    ws.addEventListener('message', (ev) => {
      window.__benchWS.arrivals.push([performance.now(), ev.data.byteLength || 0]);
      if (ev.data instanceof ArrayBuffer && finishedOk(ev.data)) { window.__benchWS.finished++; window.__benchWS.at = performance.now(); }
    });
    return ws;
  };
  Hooked.prototype = Native.prototype;
  Object.assign(Hooked, {CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3});
  window.WebSocket = Hooked;
})();"""

# True once the page is completely drawn: a run has finished, none is running, nothing is stale or
# still loading, and every visible deck.gl map has its canvas, every data frame its grid. (Charts and
# plans are HTML or SVG in Markdown elements: drawn with their element.)
RENDERED_JS = """() => {
  if (!window.__benchWS || window.__benchWS.finished < 1) return false;
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  if (!document.querySelector('[data-testid="stMainBlockContainer"] [data-testid="stElementContainer"]')) return false;
  if (document.querySelector('[data-stale="true"]')) return false;
  // A placeholder for an element whose code is still loading (deck.gl, for one, loads on first use).
  if (document.querySelector('[data-testid="stSkeleton"]')) return false;
  // Only what can be seen: a chart or table in a tab that is not open is never drawn.
  const shown = (sel) => Array.from(document.querySelectorAll(sel)).filter((c) => c.checkVisibility());
  for (const c of shown('[data-testid="stDeckGlJsonChart"]')) if (!c.querySelector('canvas')) return false;
  for (const c of shown('[data-testid="stDataFrame"]')) if (!c.querySelector('canvas, table')) return false;
  return true;
}"""

# Drawn, with more runs finished than ``after``, and still so for ``quietMs`` (a page may start
# another run right after one, e.g. when it rewrites its address).
IDLE_JS = (
    "([after, quietMs]) => { const w = window.__benchWS;"
    " const done = !!w && w.finished > after && (" + RENDERED_JS + ")();"
    " const now = performance.now();"
    " if (!done) { window.__idleSince = null; return false; }"
    " if (window.__idleSince == null || window.__idleAt !== w.finished) { window.__idleSince = now; window.__idleAt = w.finished; }"
    " return now - window.__idleSince >= quietMs; }"
)

QUIET_MS = 750  # a rerun the page asks for itself starts well within this, even on a busy machine
TIMEOUT_MS = 120_000


def finished_runs(page) -> int:
    """How many script runs have finished on ``page`` so far (call before an action; see :func:`wait_idle`)."""
    return page.evaluate("() => window.__benchWS ? window.__benchWS.finished : 0")


def wait_idle(page, after: int = 0, quiet_ms: int = QUIET_MS, timeout_ms: int = TIMEOUT_MS) -> None:
    """Wait until a run finished after ``after`` runs, the page is drawn, and it stayed so for ``quiet_ms``."""
    page.wait_for_function(IDLE_JS, arg=[after, quiet_ms], timeout=timeout_ms, polling="raf")
