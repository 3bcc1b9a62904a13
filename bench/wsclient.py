"""A protocol-level Streamlit client: what a browser tab sends, without the browser.

It speaks Streamlit 1.67's own WebSocket protocol (``/_stcore/stream``, subprotocol
``streamlit``, binary ``BackMsg`` / ``ForwardMsg`` protobufs from ``streamlit.proto``):

1. connect, then send ``BackMsg.rerun_script`` with a ``ClientState`` holding the query
   string, the page name from the URL path and the context info (as the browser does);
2. read ``ForwardMsg``\\ s until ``script_finished``; remember the page script hash from
   ``navigation`` (``new_session`` carries the main script's) and every widget the deltas declare (id, kind, label, options, root:
   main area or sidebar);
3. for an interaction, send ``rerun_script`` again with the page script hash, the
   widget states changed so far (unchanged widgets keep their defaults on the server,
   as when the browser sends them) and the hashes of cacheable messages already
   received (the browser's message cache), then wait for ``script_finished``.

Latency is send → ``script_finished`` (the server's part of "filter change → results
redrawn"; the browser's drawing is measured separately); bytes are the binary frames
received in between.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.asyncio.client import connect

DONE = {ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY}
ROOT_MAIN, ROOT_SIDEBAR = 0, 1


@dataclass
class Widget:
    """A widget the server declared: enough to send a new value for it."""

    kind: str
    id: str
    label: str
    options: list[str]
    root: int
    multi: bool = False
    proto: object = None
    fragment_id: str = ""  # set when the widget lives in an st.fragment: its changes rerun only that
    form_id: str = ""  # set inside st.form: a browser sends its value only with the form's submit


@dataclass
class RunResult:
    """One script run as the client saw it."""

    latency_s: float
    bytes_received: int
    messages: int
    status: int | None
    exceptions: list[str] = field(default_factory=list)
    elements: int = 0

    @property
    def ok(self) -> bool:
        """Finished normally and drew no exception."""
        return self.status in DONE and not self.exceptions


def _options(kind: str, sub) -> tuple[list[str], bool]:
    if kind == "button_group":
        return [o.content for o in sub.options], sub.click_mode == 1
    if kind in ("selectbox", "multiselect", "radio", "select_slider"):
        return list(sub.options), kind == "multiselect"
    return [], False


class StreamlitSession:
    """One browser-tab-like session on a Streamlit server.

    Parameters
    ----------
    base : str
        ``http://127.0.0.1:PORT`` (loopback only).
    path : str
        URL path and query, e.g. ``/opportunities?lang=ru``.
    timeout : float
        Seconds to wait for one script run before counting it as failed.
    connect_options : dict, optional
        Passed on to ``websockets``' ``connect``: e.g. ``local_addr=("127.0.0.2", 0)`` to speak
        from another loopback address, ``additional_headers`` (tests of per-client limits).
    """

    def __init__(self, base: str, path: str = "/", timeout: float = 60.0, connect_options: dict | None = None):
        parts = urlsplit(base)
        if parts.hostname not in ("127.0.0.1", "localhost"):
            raise ValueError("the load client only talks to loopback servers")
        self.base = base.rstrip("/")
        url = urlsplit(path)
        self.page_name = url.path.strip("/")
        self.query = url.query
        self.path = path
        self.timeout = timeout
        self.connect_options = connect_options or {}
        self.page_script_hash = ""
        self.widgets: dict[str, Widget] = {}
        self.states: dict[str, WidgetState] = {}
        self.cached_hashes: set[str] = set()
        self._ws = None
        self._inbox: asyncio.Queue = asyncio.Queue()
        self._reader: asyncio.Task | None = None

    async def open(self) -> RunResult:
        """Connect and run the page once (what opening the URL does)."""
        ws_url = self.base.replace("http", "ws", 1) + "/_stcore/stream"
        self._ws = await connect(
            ws_url,
            subprotocols=["streamlit"],
            origin=self.base,
            max_size=None,
            compression=None,
            open_timeout=self.timeout,
            **self.connect_options,
        )
        self._reader = asyncio.create_task(self._read())
        return await self.rerun()

    async def close(self) -> None:
        """Close the connection (the server then ends the session)."""
        if self._ws is not None:
            await self._ws.close()
        if self._reader is not None:
            self._reader.cancel()
            # The reader ends with the connection; whatever it raised is already in the inbox.
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._reader

    async def _read(self) -> None:
        try:
            async for frame in self._ws:
                await self._inbox.put(frame)
        except Exception as exc:  # connection lost: wake the waiting run
            await self._inbox.put(exc)
        else:
            await self._inbox.put(ConnectionError("server closed the connection"))

    def _client_state(self, fragment_id: str = "") -> BackMsg:
        msg = BackMsg()
        cs = msg.rerun_script
        cs.query_string = self.query
        cs.page_script_hash = self.page_script_hash
        cs.page_name = "" if self.page_script_hash else self.page_name
        if fragment_id:
            cs.fragment_id = fragment_id
        cs.widget_states.widgets.extend(self.states.values())
        cs.cached_message_hashes.extend(sorted(self.cached_hashes))
        cs.context_info.timezone = "UTC"
        cs.context_info.timezone_offset = 0
        cs.context_info.locale = "en-US"
        cs.context_info.url = self.base + self.path
        return msg

    async def rerun(self, fragment_id: str = "", trace: list | None = None) -> RunResult:
        """Send ``rerun_script`` with the current widget states; wait for the run to finish.

        ``trace``, when given, receives ``(seconds since the request, ForwardMsg, bytes)`` for
        each message of the run as it arrives (``bench/trace.py``).
        """
        # Drop anything left over from the previous run (page_profile etc.).
        while not self._inbox.empty():
            self._inbox.get_nowait()
        t0 = time.perf_counter()
        await self._ws.send(self._client_state(fragment_id).SerializeToString())
        result = RunResult(0.0, 0, 0, None)
        deadline = t0 + self.timeout
        while True:
            remaining = deadline - time.perf_counter()
            if remaining <= 0:
                result.exceptions.append("timeout")
                break
            try:
                frame = await asyncio.wait_for(self._inbox.get(), remaining)
            except TimeoutError:
                result.exceptions.append("timeout")
                break
            if isinstance(frame, Exception):
                result.exceptions.append(f"connection: {frame}")
                break
            result.bytes_received += len(frame)
            result.messages += 1
            msg = ForwardMsg()
            msg.ParseFromString(frame)
            if trace is not None:
                trace.append((time.perf_counter() - t0, msg, len(frame)))
            if msg.metadata.cacheable and msg.hash:
                self.cached_hashes.add(msg.hash)
            kind = msg.WhichOneof("type")
            if kind == "new_session":
                self.page_script_hash = self.page_script_hash or msg.new_session.page_script_hash
            elif kind == "navigation" and msg.navigation.page_script_hash:
                # new_session names the main script; the page actually run comes in navigation.
                self.page_script_hash = msg.navigation.page_script_hash
            elif kind == "page_info_changed":
                # The app rewrote the URL's query (e.g. a filter bound to it): the browser keeps it.
                self.query = msg.page_info_changed.query_string
            elif kind == "delta":
                self._delta(msg, result)
            elif kind == "page_not_found":
                result.exceptions.append("page not found")
            elif kind == "script_finished":
                status = msg.script_finished
                if status in DONE or status == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                    result.status = status
                    if status == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                        result.exceptions.append("compile error")
                    break
        result.latency_s = time.perf_counter() - t0
        return result

    def _delta(self, msg: ForwardMsg, result: RunResult) -> None:
        delta = msg.delta
        if delta.WhichOneof("type") != "new_element":
            return
        result.elements += 1
        el = delta.new_element
        kind = el.WhichOneof("type")
        sub = getattr(el, kind)
        if kind == "exception":
            result.exceptions.append(f"{sub.type}: {sub.message}")
            return
        wid = getattr(sub, "id", "")
        if not wid or not isinstance(wid, str):
            return
        options, multi = _options(kind, sub)
        root = msg.metadata.delta_path[0] if msg.metadata.delta_path else ROOT_MAIN
        form_id = getattr(sub, "form_id", "")
        self.widgets[wid] = Widget(
            kind, wid, getattr(sub, "label", ""), options, root, multi, sub, delta.fragment_id, form_id
        )

    # --- interactions -------------------------------------------------------------------------

    def filters(self, sidebar_fallback: bool = False) -> list[Widget]:
        """Main-area widgets with options (selectbox, multiselect, segmented control, pills, radio).

        With ``sidebar_fallback``, a page without such widgets offers its sidebar ones
        (the language switch), so every page has something to click. Widgets inside an
        ``st.form`` are left out: changing one sends nothing until the form is submitted.
        """
        choosable = [w for w in self.widgets.values() if len(w.options) >= 2 and not w.form_id]
        main = [w for w in choosable if w.root == ROOT_MAIN]
        if main or not sidebar_fallback:
            return main
        return choosable

    def set_choice(self, widget: Widget, step: int) -> None:
        """Give ``widget`` its ``step``-th alternative value (cycling), as a user's click would."""
        opts = widget.options
        state = WidgetState(id=widget.id)
        if widget.kind in ("multiselect", "button_group"):
            if widget.multi:
                # Alternate between "all but one option" and "all options": both non-empty filters.
                chosen = [o for i, o in enumerate(opts) if step % 2 == 0 or i != step % len(opts)]
                chosen = opts if step % 2 == 0 else chosen
            else:
                chosen = [opts[step % len(opts)]]
            state.string_array_value.data.extend(chosen)
        else:
            state.string_value = opts[step % len(opts)]
        self.states[widget.id] = state

    def set_json(self, widget_id: str, value: dict) -> None:
        """Set a JSON-valued widget state (chart selections: what a map or chart click sends)."""
        self.states[widget_id] = WidgetState(id=widget_id, string_value=json.dumps(value))


async def probe(base: str, path: str) -> dict:
    """Open ``path`` once and describe the widgets found (for choosing interactions)."""
    s = StreamlitSession(base, path)
    try:
        r = await s.open()
        return {
            "ok": r.ok,
            "latency_s": r.latency_s,
            "bytes": r.bytes_received,
            "exceptions": r.exceptions,
            "widgets": [(w.kind, w.label, w.root, w.options[:6], w.id) for w in s.widgets.values()],
        }
    finally:
        await s.close()


if __name__ == "__main__":
    import sys

    print(json.dumps(asyncio.run(probe(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else "/")), indent=1))
