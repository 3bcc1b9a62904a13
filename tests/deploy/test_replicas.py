"""Two replicas behind nginx on loopback: affinity, WebSocket sessions, failover, shared enquiries.

This runs the shipped ``deploy/nginx/imc.conf`` (only addresses replaced) in front of two
Streamlit processes laid out as the Docker image lays them out (hosted profile, one shared
cookie secret, one shared database — PostgreSQL when ``IMC_TEST_POSTGRES_URL`` is set, as in
CI). Real browsers (Chromium through Playwright) open sessions through nginx, send enquiries
from the opportunities page, one replica is stopped, and new sessions are still served and
every enquiry is still in the database.

The tests of this module share one deployment and run in file order; the last one stops a
replica.
"""

from __future__ import annotations

import re
import shutil
import socket
from collections import defaultdict

import pytest

from tools.servers import ROOT, http_get

from .servers import hosted_deployment, require

PUBLIC_HOST = "imc.test"  # the "domain" of this deployment (STREAMLIT_SERVER_ALLOWED_HOSTS)
ROUTE_PROBES = 24  # browsers (cookies) used to check affinity and spread
PAGE_TIMEOUT_MS = 120_000
REFERENCE = re.compile(r"IMC-\d{8}-[A-Z0-9]{6}")


@pytest.fixture(scope="module")
def deployment(tmp_path_factory):
    env = {"STREAMLIT_SERVER_ALLOWED_HOSTS": f"{PUBLIC_HOST} 127.0.0.1 localhost"}
    with hosted_deployment(tmp_path_factory.mktemp("deployment"), 2, env, "imc_deploy") as found:
        yield found


@pytest.fixture(scope="module")
def routes(deployment) -> dict[str, str]:
    """Which replica (``127.0.0.1:PORT``) nginx sends each of :data:`ROUTE_PROBES` cookies to."""
    nginx = deployment["nginx"]
    for n in range(ROUTE_PROBES):
        for _ in range(2):
            status, _, _ = http_get(nginx.base + f"/?probe={n}", headers={"Cookie": f"imc_route=browser-{n:02d}"})
            assert status == 200
    seen: dict[str, set[str]] = defaultdict(set)
    for entry in nginx.access_log():
        if entry["uri"] == "/" and entry["route"].startswith("browser-"):
            seen[entry["route"]].add(entry["upstream"])
    assert len(seen) == ROUTE_PROBES
    sticky = {route: upstreams.pop() for route, upstreams in seen.items() if len(upstreams) == 1}
    assert len(sticky) == ROUTE_PROBES, f"a browser was sent to two replicas: {dict(seen)}"
    return sticky


def test_each_browser_sticks_to_one_replica_and_both_serve(deployment, routes):
    replicas = {f"127.0.0.1:{r.port}" for r in deployment["replicas"]}
    assert set(routes.values()) == replicas


def test_first_visit_gets_an_affinity_cookie(deployment):
    status, headers, body = http_get(deployment["nginx"].base + "/")
    assert status == 200 and b"streamlit" in body.lower()
    cookies = headers.get("set-cookie", [])
    assert any(c.startswith("imc_route=") and "HttpOnly" in c and "SameSite=Lax" in c for c in cookies), cookies
    # With the cookie, nginx does not set it again.
    _, again, _ = http_get(deployment["nginx"].base + "/", headers={"Cookie": "imc_route=browser-00"})
    assert not any(c.startswith("imc_route=") for c in again.get("set-cookie", []))


def test_hardening_visible_through_the_proxy(deployment):
    base = deployment["nginx"].base
    _, headers, _ = http_get(base + "/", headers={"Origin": "https://evil.example"})
    assert headers["x-content-type-options"] == ["nosniff"]
    assert "*" not in headers.get("access-control-allow-origin", [])
    assert "https://evil.example" not in headers.get("access-control-allow-origin", [])
    assert not any("nginx/" in value for value in headers.get("server", []))
    status, _, _ = http_get(base + "/_stcore/metrics")
    assert status == 404


def _websocket_handshake(port: int, host: str) -> int:
    """Open ``/_stcore/stream`` through nginx with a given Host header; return the HTTP status."""
    from websockets.exceptions import InvalidStatus
    from websockets.sync.client import connect

    sock = socket.create_connection(("127.0.0.1", port), timeout=10)
    try:
        with connect(f"ws://{host}:{port}/_stcore/stream", sock=sock, open_timeout=20, subprotocols=["streamlit"]):
            return 101
    except InvalidStatus as refused:
        return refused.response.status_code


def test_websocket_only_for_the_configured_host(deployment):
    port = deployment["nginx"].port
    assert _websocket_handshake(port, PUBLIC_HOST) == 101
    assert _websocket_handshake(port, "evil.example") != 101  # DNS rebinding: refused


# --- browsers -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser():
    require("Chromium", shutil.which("chromium") is not None, "apt-get install -y chromium (.ci/run does)")
    from playwright.sync_api import sync_playwright

    from tools.chromium import launch

    with sync_playwright() as pw:
        chromium = launch(pw, shutil.which("chromium"))
        yield chromium
        chromium.close()


def _open(browser, base: str, route: str, path: str):
    context = browser.new_context(viewport={"width": 1300, "height": 1000})
    context.add_cookies([{"name": "imc_route", "value": route, "url": base}])
    page = context.new_page()
    page.goto(base + path, timeout=PAGE_TIMEOUT_MS)
    _wait_rendered(page)
    return context, page


def _wait_rendered(page) -> None:
    # "notRunning" is also the state before the first run: wait for the app's own sidebar too.
    page.get_by_text("Moscow International Medical Cluster").first.wait_for(timeout=PAGE_TIMEOUT_MS)
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=PAGE_TIMEOUT_MS)


def _send_enquiry(page, name: str) -> str:
    page.get_by_role("textbox", name="Name *").fill(name)
    page.get_by_role("textbox", name="Organisation *").fill("Replica Test Capital")
    page.get_by_role("textbox", name="E-mail *").fill("investor@example.com")
    page.get_by_role("textbox", name="Country *").fill("Testland")
    page.get_by_role("button", name="Send enquiry").click()
    # The answer: a reference number, or an error the test should report.
    answer = page.locator('[data-testid="stAlert"]').filter(has_text=re.compile(r"IMC-\d{8}-|could not|correct|wait"))
    answer.first.wait_for(timeout=PAGE_TIMEOUT_MS)
    text = answer.first.inner_text()
    found = REFERENCE.search(text)
    assert found, f"the enquiry was not stored: {text!r}"
    return found.group(0)


def _stream_upstreams(nginx, route: str) -> set[str]:
    """The replicas that answered the WebSocket sessions of one browser (the last one tried)."""
    return {
        e["upstream"].split(", ")[-1]
        for e in nginx.access_log()
        if e["uri"] == "/_stcore/stream" and e["route"] == route and e["status"] == "101"
    }


def test_losing_a_replica_keeps_serving_and_loses_no_enquiry(deployment, routes, browser):
    if not (ROOT / "pages" / "3_opportunities.py").exists():
        pytest.skip("the opportunities page (enquiry form) does not exist yet")
    from imc_data import db, enquiries

    nginx, replicas = deployment["nginx"], deployment["replicas"]
    doomed, survivor = (f"127.0.0.1:{r.port}" for r in replicas)
    on_doomed = next(route for route, upstream in routes.items() if upstream == doomed)
    on_survivor = next(route for route, upstream in routes.items() if upstream == survivor)

    # One investor on each replica, each sends an enquiry through its own WebSocket session.
    sent = {}
    contexts = []
    for route in (on_doomed, on_survivor):
        context, page = _open(browser, nginx.base, route, "/opportunities")
        contexts.append(context)
        sent[route] = _send_enquiry(page, f"Investor {route}")

    # The replica that served the first investor goes away.
    replicas[0].stop()
    assert replicas[0].process.poll() is not None

    # A new session from the same browser (same cookie) and a first-time visitor are served.
    try:
        context, page = _open(browser, nginx.base, on_doomed, "/opportunities")
        contexts.append(context)
        sent["after-failover"] = _send_enquiry(page, "Investor after failover")
    except Exception as error:  # say what nginx saw, not only that the browser waited
        log = (nginx.folder / "error.log").read_text(encoding="utf-8").splitlines()
        recent = [f"{e['method']} {e['uri']} {e['status']} {e['upstream']}" for e in nginx.access_log()[-15:]]
        raise AssertionError(
            f"no session after failover: {error}\nnginx errors: {[line for line in log if 'upstream' in line][-5:]}\n"
            f"last requests: {recent}"
        ) from error
    fresh = browser.new_context()
    contexts.append(fresh)
    first_visit = fresh.new_page()
    first_visit.goto(nginx.base + "/", timeout=PAGE_TIMEOUT_MS)
    _wait_rendered(first_visit)
    assert first_visit.get_by_text("Moscow International Medical Cluster").first.is_visible()
    for context in contexts:
        context.close()  # closes the WebSockets, so nginx logs them

    # WebSocket sessions went where the affinity said, and after the failure to the survivor.
    assert _stream_upstreams(nginx, on_doomed) == {doomed, survivor}  # before and after the failure
    assert _stream_upstreams(nginx, on_survivor) == {survivor}
    assert len(set(sent.values())) == 3

    stored = enquiries.list_enquiries(db.get_engine(deployment["database_url"]))
    assert set(sent.values()) <= set(stored["reference"])
    assert set(stored.loc[stored["reference"].isin(sent.values()), "name"]) == {
        f"Investor {on_doomed}",
        f"Investor {on_survivor}",
        "Investor after failover",
    }
