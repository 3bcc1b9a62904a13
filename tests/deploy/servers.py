"""Start and stop the pieces of a deployment on loopback: Streamlit replicas and nginx.

Used by the deployment tests and the browser suite. Everything listens on 127.0.0.1 only, on
ports from :data:`PORT_RANGE` (the range reserved for these tests on shared machines).
"""

from __future__ import annotations

import fnmatch
import os
import re
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PYTHON = ROOT / ".venv" / "bin" / "python"
NGINX_CONF = ROOT / "deploy" / "nginx" / "imc.conf"
HOSTED_CONFIG = ROOT / "deploy" / "streamlit" / "config.toml"
PORT_RANGE = range(8640, 8660)
SHIPPED_UPSTREAM = "server app:8501 max_fails=1 fail_timeout=10s;"
SHIPPED_LISTEN = "listen 80;"
STARTUP_TIMEOUT = 90  # seconds; geopandas and plotly imports are slow on 2 shared cores


def require(what: str, available: bool, how: str) -> None:
    """Skip when a system tool is missing on a developer machine, fail in CI (``CI`` set).

    CI installs nginx, PostgreSQL and Chromium (``.ci/run``); a silent skip there would hide
    that the deployment was never exercised.
    """
    if available:
        return
    message = f"{what} is not available: {how}"
    if os.environ.get("CI"):
        pytest.fail(message + " (CI must run this test)")
    pytest.skip(message)


def nginx_binary() -> str | None:
    """The nginx executable (Debian puts it in /usr/sbin, often not on a user's PATH)."""
    return shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if os.access(p, os.X_OK)), None)


def free_port(taken: set[int] | None = None) -> int:
    """A port from :data:`PORT_RANGE` that nothing listens on."""
    taken = taken or set()
    for port in PORT_RANGE:
        if port in taken:
            continue
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free port in {PORT_RANGE.start}-{PORT_RANGE.stop - 1}")


def http_get(url: str, headers: dict[str, str] | None = None, timeout: float = 10) -> tuple[int, dict, bytes]:
    """GET a URL; return status, headers (lower-case names, lists) and body, also for 4xx/5xx."""
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            status, raw_headers, body = response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        status, raw_headers, body = error.code, error.headers, error.read()
    collected: dict[str, list[str]] = {}
    for name, value in raw_headers.items():
        collected.setdefault(name.lower(), []).append(value)
    return status, collected, body


def wait_healthy(base: str, process: subprocess.Popen | None = None, timeout: float = STARTUP_TIMEOUT) -> None:
    """Wait until ``/_stcore/health`` answers ``ok`` (the same check as the Docker HEALTHCHECK)."""
    deadline = time.monotonic() + timeout
    last = ""
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"{base}: server exited with {process.returncode}")
        try:
            status, _, body = http_get(base + "/_stcore/health", timeout=3)
            if status == 200 and body == b"ok":
                return
            last = f"{status} {body[:80]!r}"
        except OSError as error:
            last = str(error)
        time.sleep(0.5)
    raise TimeoutError(f"{base} not healthy after {timeout}s: {last}")


def _dockerignore_patterns() -> list[str]:
    lines = (ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines()
    return [line.strip().removeprefix("**/") for line in lines if line.strip() and not line.startswith("#")]


def build_image_tree(target: Path) -> Path:
    """Lay out the app as the Docker image does: the build context minus ``.dockerignore``,
    with the hosted profile in place of the laptop profile. Returns the app folder."""
    patterns = _dockerignore_patterns()

    def ignored(folder: str, names: list[str]) -> set[str]:
        rel = Path(folder).resolve().relative_to(ROOT)
        out = set()
        for name in names:
            path = (rel / name).as_posix().removeprefix("./")
            if any(fnmatch.fnmatch(path, p) or fnmatch.fnmatch(name, p) for p in patterns):
                out.add(name)
        return out

    app = target / "app"
    shutil.copytree(ROOT, app, ignore=ignored, symlinks=True)
    (app / ".streamlit").mkdir(exist_ok=True)
    shutil.copyfile(HOSTED_CONFIG, app / ".streamlit" / "config.toml")
    return app


@dataclass
class Replica:
    """One Streamlit server process."""

    port: int
    process: subprocess.Popen
    log: Path

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        """Stop the process (SIGTERM, then SIGKILL) — a replica going away."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=15)


def start_replica(app: Path, port: int, env: dict[str, str], log_dir: Path) -> Replica:
    """Start ``streamlit run app.py`` from ``app`` on 127.0.0.1:``port`` (not yet waited for)."""
    log = log_dir / f"replica-{port}.log"
    process = subprocess.Popen(
        [str(PYTHON), "-m", "streamlit", "run", "app.py", "--server.port", str(port), "--server.address", "127.0.0.1"],
        cwd=app,
        env={**os.environ, **env},
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
    )
    return Replica(port, process, log)


def render_nginx_config(folder: Path, listen_port: int, upstream_ports: list[int]) -> Path:
    """The shipped ``deploy/nginx/imc.conf`` with loopback addresses, inside a minimal main config.

    Only the ``listen`` line and the upstream ``server`` line are replaced; everything else
    (affinity, WebSocket upgrade, failover, headers) is tested as shipped.
    """
    shipped = NGINX_CONF.read_text(encoding="utf-8")
    assert shipped.count(SHIPPED_UPSTREAM) == 1 and shipped.count(SHIPPED_LISTEN) == 1, "imc.conf changed shape"
    servers = "\n    ".join(f"server 127.0.0.1:{p} max_fails=1 fail_timeout=10s;" for p in upstream_ports)
    site = shipped.replace(SHIPPED_UPSTREAM, servers).replace(SHIPPED_LISTEN, f"listen 127.0.0.1:{listen_port};")
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "imc.conf").write_text(site, encoding="utf-8")
    temp_paths = "\n".join(
        f"    {kind}_temp_path {folder / kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    # As root, nginx would hand its workers to "nobody", who cannot enter pytest's private tmp dirs.
    user = "user root;\n" if os.geteuid() == 0 else ""
    main = f"""{user}worker_processes 1;
daemon off;
pid {folder / "nginx.pid"};
error_log {folder / "error.log"} info;
events {{ worker_connections 256; }}
http {{
    log_format imc '$request_method $uri $status upstream=$upstream_addr route=$imc_route';
    access_log {folder / "access.log"} imc;
{temp_paths}
    include {folder / "imc.conf"};
}}
"""
    (folder / "nginx.conf").write_text(main, encoding="utf-8")
    return folder / "nginx.conf"


@dataclass
class Nginx:
    """An nginx master process run in the foreground by a test."""

    port: int
    process: subprocess.Popen
    folder: Path
    lines_seen: int = field(default=0)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def access_log(self) -> list[dict[str, str]]:
        """Parsed access-log lines: method, uri, status, upstream, route."""
        path = self.folder / "access.log"
        entries = []
        for line in path.read_text(encoding="utf-8").splitlines() if path.exists() else []:
            # After a failed attempt nginx lists every upstream it tried: "a:1, b:2".
            method, uri, status, upstream, route = re.fullmatch(
                r"(\S+) (\S+) (\d+) upstream=(.*) route=(\S*)", line
            ).groups()
            entries.append({"method": method, "uri": uri, "status": status, "upstream": upstream, "route": route})
        return entries

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGQUIT)  # graceful: let workers finish
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=15)


def nginx_test(config: Path) -> subprocess.CompletedProcess:
    """``nginx -t`` on a main config file."""
    return subprocess.run(
        [nginx_binary() or "nginx", "-t", "-c", str(config), "-p", str(config.parent)],
        capture_output=True,
        text=True,
    )


def start_nginx(folder: Path, listen_port: int, upstream_ports: list[int]) -> Nginx:
    """Check and start nginx in front of the given upstream ports; wait until it listens."""
    config = render_nginx_config(folder, listen_port, upstream_ports)
    checked = nginx_test(config)
    assert checked.returncode == 0, checked.stderr
    process = subprocess.Popen(
        [nginx_binary() or "nginx", "-c", str(config), "-p", str(folder)],
        stdout=(folder / "stdout.log").open("wb"),
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("nginx exited: " + (folder / "error.log").read_text(encoding="utf-8"))
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", listen_port)) == 0:
                return Nginx(listen_port, process, folder)
        time.sleep(0.2)
    process.kill()
    raise TimeoutError("nginx did not start listening")


def fresh_postgres_database(server_url: str, prefix: str = "imc_deploy") -> tuple[str, callable]:
    """Create an empty database on the server; return its URL and a function that drops it."""
    import uuid

    from sqlalchemy import create_engine, make_url, text

    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))

    def drop() -> None:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return make_url(server_url).set(database=name).render_as_string(hide_password=False), drop
