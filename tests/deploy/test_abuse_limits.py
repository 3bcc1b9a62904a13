"""The enquiry form and nginx under abuse, end to end on loopback (issue 18).

A replica laid out as the Docker image lays it out runs behind the shipped
``deploy/nginx/imc.conf``. As in the compose deployment, the replica does not trust its peer by
itself (``FORWARDED_ALLOW_IPS`` empty: Streamlit's server would otherwise believe any loopback
proxy); the app believes nginx's ``X-Forwarded-For`` because ``IMC_TRUSTED_PROXIES`` names it.
Clients speak from different loopback addresses (127.0.0.2, 127.0.0.3, …), so nginx and the
app see different client addresses, exactly as for investors on different networks.

Sessions speak Streamlit's WebSocket protocol with ``bench/wsclient.py`` (the load benchmark's
client), as an attacker's script would.
"""

from __future__ import annotations

import asyncio
import http.client
import socket
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack

import pytest
from streamlit.proto.WidgetStates_pb2 import WidgetState

from bench.wsclient import StreamlitSession
from imc_data import db, enquiries

from .servers import hosted_deployment

PER_ADDRESS = 3
FLOOD_SESSIONS = 50
BATCH = 10  # sessions running at once (2 shared cores)
FORM = {"Name *": None, "Organisation *": "Flood Capital", "E-mail *": "flood@example.com", "Country *": "Testland"}


@pytest.fixture(scope="module")
def deployment(tmp_path_factory):
    env = {
        "STREAMLIT_SERVER_ALLOWED_HOSTS": "127.0.0.1 localhost",
        "IMC_TRUSTED_PROXIES": "127.0.0.1",  # nginx connects from 127.0.0.1
        "FORWARDED_ALLOW_IPS": "",
        enquiries.PER_ADDRESS_ENV: str(PER_ADDRESS),
        enquiries.PER_HOUR_ENV: "40",
    }
    with hosted_deployment(tmp_path_factory.mktemp("abuse"), 1, env, "imc_abuse") as found:
        yield {"nginx": found["nginx"], "replica": found["replicas"][0], "engine": db.get_engine(found["database_url"])}


def _alerts(trace: list) -> list[str]:
    out = []
    for _, msg, _ in trace:
        if msg.WhichOneof("type") == "delta" and msg.delta.WhichOneof("type") == "new_element":
            element = msg.delta.new_element
            if element.WhichOneof("type") == "alert":
                out.append(element.alert.body)
    return out


async def _enquire(base: str, source: str, name: str, forged: str | None = None, trap: str = "") -> list[str]:
    """Open /opportunities from ``source``, fill the form as a script does, submit; the alerts shown."""
    options = {"local_addr": (source, 0)}
    if forged:
        options["additional_headers"] = {"X-Forwarded-For": forged}
    session = StreamlitSession(base, "/opportunities", timeout=120, connect_options=options)
    try:
        opened = await session.open()
        assert opened.ok, opened.exceptions
        by_label = {w.label: w for w in session.widgets.values() if w.form_id}
        for label, value in {**FORM, "Name *": name, "Leave this field empty": trap}.items():
            session.states[by_label[label].id] = WidgetState(id=by_label[label].id, string_value=value)
        submit = by_label["Send enquiry"]
        session.states[submit.id] = WidgetState(id=submit.id, trigger_value=True)
        trace: list = []
        result = await session.rerun(trace=trace)
        assert result.ok, result.exceptions
        return _alerts(trace)
    finally:
        await session.close()


def _stored(engine, prefix: str) -> list[str]:
    names = enquiries.list_enquiries(engine)["name"]
    return sorted(n for n in names if n.startswith(prefix))


def test_fifty_sessions_from_one_address_store_at_most_the_limit_and_another_client_gets_through(deployment):
    base = deployment["nginx"].base

    async def flood() -> list[list[str]]:
        answers = []
        for first in range(0, FLOOD_SESSIONS, BATCH):
            batch = [
                # Each session also claims another address: nginx appends the real one, the app reads that.
                _enquire(base, "127.0.0.2", f"Flood {n:02d}", forged=f"198.51.100.{n}")
                for n in range(first, first + BATCH)
            ]
            answers += await asyncio.gather(*batch)
        return answers

    answers = asyncio.run(flood())
    accepted = [a for a in answers if any("Reference number: IMC-" in text for text in a)]
    refused = [a for a in answers if any(text.startswith("Several enquiries have already been sent") for text in a)]
    assert len(accepted) == PER_ADDRESS and len(refused) == FLOOD_SESSIONS - PER_ADDRESS
    assert len(_stored(deployment["engine"], "Flood")) == PER_ADDRESS

    investor = asyncio.run(_enquire(base, "127.0.0.3", "Investor elsewhere"))
    assert any("Reference number: IMC-" in text for text in investor), investor
    assert _stored(deployment["engine"], "Investor") == ["Investor elsewhere"]

    refusals = enquiries.refusals(
        deployment["engine"], since=enquiries.dt.datetime(2000, 1, 1, tzinfo=enquiries.dt.UTC)
    )
    assert refusals[["reason", "client", "refused"]].values.tolist() == [
        ["address_limit", "127.0.0.2", FLOOD_SESSIONS - PER_ADDRESS]
    ]


def test_a_script_filling_the_spam_trap_stores_nothing(deployment):
    answer = asyncio.run(_enquire(deployment["nginx"].base, "127.0.0.4", "Trap bot", trap="https://spam.example"))
    assert "The enquiry could not be saved right now. Please try again in a minute." in answer
    assert not any("Reference number" in text for text in answer)
    assert _stored(deployment["engine"], "Trap") == []
    refusals = enquiries.refusals(
        deployment["engine"], since=enquiries.dt.datetime(2000, 1, 1, tzinfo=enquiries.dt.UTC)
    )
    assert ["spam_trap", "127.0.0.4", 1] in refusals[["reason", "client", "refused"]].values.tolist()


def test_a_client_bypassing_the_proxy_cannot_claim_another_address(deployment):
    # Straight to the replica, from 127.0.0.5, claiming to be the exhausted 127.0.0.2: not believed
    # (127.0.0.5 is no trusted proxy), so the enquiry counts for 127.0.0.5 and goes through.
    answer = asyncio.run(_enquire(deployment["replica"].base, "127.0.0.5", "Direct", forged="127.0.0.2"))
    assert any("Reference number: IMC-" in text for text in answer), answer


def _statuses(port: int, source: str, path: str, count: int, stop_at_429: bool = True) -> list[int]:
    """GET ``path`` through nginx ``count`` times on one keep-alive connection from ``source``."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=20, source_address=(source, 0))
    statuses = []
    try:
        for _ in range(count):
            conn.request("GET", path)
            response = conn.getresponse()
            response.read()
            statuses.append(response.status)
            if response.will_close:
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=20, source_address=(source, 0))
            if stop_at_429 and response.status == 429:
                break
    finally:
        conn.close()
    return statuses


def test_nginx_limits_new_sessions_per_address(deployment):
    port = deployment["nginx"].port
    statuses = _statuses(port, "127.0.0.6", "/_stcore/stream", 400)
    assert statuses[-1] == 429 and 429 not in statuses[:120]  # a burst of 120, then one a second
    assert _statuses(port, "127.0.0.7", "/_stcore/stream", 1) != [429]  # another address is unaffected


def test_nginx_limits_requests_per_address(deployment):
    port = deployment["nginx"].port
    # Faster than the 30 requests a second refilled: 16 connections at once from one address.
    with ThreadPoolExecutor(16) as pool:
        runs = list(pool.map(lambda _: _statuses(port, "127.0.0.8", "/_stcore/health", 200), range(16)))
    statuses = [status for run in runs for status in run]
    assert 429 in statuses and statuses.count(200) >= 600  # the burst of 600 passed
    assert _statuses(port, "127.0.0.9", "/_stcore/health", 1) == [200]  # another address is unaffected


def test_nginx_limits_open_websockets_per_address(deployment):
    from websockets.exceptions import InvalidStatus
    from websockets.sync.client import connect

    port = deployment["nginx"].port
    url = f"ws://127.0.0.1:{port}/_stcore/stream"
    opened, refused = 0, None
    with ExitStack() as open_sockets:  # every WebSocket stays open until the count is done
        for _ in range(101):
            sock = socket.create_connection(("127.0.0.1", port), timeout=20, source_address=("127.0.0.10", 0))
            try:
                open_sockets.enter_context(connect(url, sock=sock, subprotocols=["streamlit"]))
            except InvalidStatus as error:
                refused = error.response.status_code
                break
            opened += 1
    assert opened == 100 and refused == 429
