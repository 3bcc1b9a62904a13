"""Start and stop Streamlit servers and nginx on loopback: browser tests, deployment tests and benchmarks alike.

Everything listens on 127.0.0.1 only, on ports the operating system hands out (:func:`free_port`),
so runs on a shared machine do not collide. nginx runs the shipped ``deploy/nginx/imc.conf`` with
only its ``listen`` and upstream ``server`` lines replaced, so what is tested is what is deployed.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NGINX_CONF = ROOT / "deploy" / "nginx" / "imc.conf"
SHIPPED_UPSTREAM = "server app:8501 max_fails=1 fail_timeout=10s;"
SHIPPED_LISTEN = "listen 80;"
STARTUP_TIMEOUT_S = 90  # geopandas and pydeck imports are slow on 2 shared cores
LOG_TAIL = 3000


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now (chosen by the operating system)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def http_get(url: str, headers: dict[str, str] | None = None, timeout: float = 10) -> tuple[int, dict, bytes]:
    """GET a loopback URL; return status, headers (lower-case names, lists) and body, also for 4xx/5xx."""
    if not url.startswith(("http://127.0.0.1:", "http://localhost:")):
        raise ValueError(f"only loopback servers are started here: {url}")
    request = urllib.request.Request(url, headers=headers or {})  # noqa: S310 - http on loopback only
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            status, raw_headers, body = response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        status, raw_headers, body = error.code, error.headers, error.read()
    collected: dict[str, list[str]] = {}
    for name, value in raw_headers.items():
        collected.setdefault(name.lower(), []).append(value)
    return status, collected, body


def wait_healthy(base: str, process: subprocess.Popen | None = None, timeout: float = STARTUP_TIMEOUT_S) -> None:
    """Wait until ``base/_stcore/health`` answers ``ok`` (the Docker HEALTHCHECK); fail if ``process`` exits."""
    deadline = time.monotonic() + timeout
    last = ""
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"{base}: server exited with {process.returncode}")
        try:
            status, _, body = http_get(base + "/_stcore/health", timeout=2)
            if status == 200 and body == b"ok":
                return
            last = f"{status} {body[:80]!r}"
        except OSError as error:
            last = str(error)
        time.sleep(0.05)
    raise TimeoutError(f"{base} not healthy after {timeout} s: {last}")


def _stop(process: subprocess.Popen, how: int = signal.SIGTERM) -> None:
    if process.poll() is None:
        process.send_signal(how)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=15)


@dataclass
class StreamlitServer:
    """A ``streamlit run`` process on 127.0.0.1."""

    script: str
    port: int
    process: subprocess.Popen
    log: Path
    started_at: float  # time.perf_counter() just before the process was spawned

    @property
    def base(self) -> str:
        """Base URL on loopback."""
        return f"http://127.0.0.1:{self.port}"

    @property
    def pid(self) -> int:
        """Process id."""
        return self.process.pid

    def log_tail(self) -> str:
        """The end of the server's output (for a failure message)."""
        return self.log.read_text(encoding="utf-8", errors="replace")[-LOG_TAIL:] if self.log.exists() else ""

    def stop(self) -> None:
        """SIGTERM, then SIGKILL: the server going away."""
        _stop(self.process)


def start_streamlit(
    script: str = "app.py",
    *,
    log_dir: Path,
    port: int | None = None,
    cwd: Path = ROOT,
    env: dict[str, str] | None = None,
    wait: bool = True,
) -> StreamlitServer:
    """Run ``streamlit run script`` from ``cwd`` (its ``.streamlit/config.toml`` applies) on 127.0.0.1.

    ``env`` is added to this process's environment. With ``wait`` (default) returns once the
    health check answers; raises with the end of the server's output when it does not.
    """
    port = port or free_port()
    log_dir.mkdir(parents=True, exist_ok=True)
    log = log_dir / f"streamlit-{port}.log"
    command = [sys.executable, "-m", "streamlit", "run", script, "--server.port", str(port)]
    command += ["--server.address", "127.0.0.1"]
    started_at = time.perf_counter()
    with log.open("wb") as out:
        process = subprocess.Popen(
            command, cwd=cwd, env={**os.environ, **(env or {})}, stdout=out, stderr=subprocess.STDOUT
        )
    server = StreamlitServer(script, port, process, log, started_at)
    if wait:
        try:
            wait_healthy(server.base, process)
        except (RuntimeError, TimeoutError) as error:
            server.stop()
            raise RuntimeError(f"{error}\n--- {log}:\n{server.log_tail()}") from error
    return server


# --- nginx in front of replicas ------------------------------------------------------------------


def nginx_binary() -> str | None:
    """The nginx executable (Debian puts it in /usr/sbin, often not on a user's PATH)."""
    return shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if os.access(p, os.X_OK)), None)


def render_nginx_config(folder: Path, listen_port: int, upstream_ports: list[int], access_log: bool = True) -> Path:
    """The shipped ``deploy/nginx/imc.conf`` with loopback addresses, inside a minimal main config.

    Only the ``listen`` line and the upstream ``server`` line are replaced; everything else
    (affinity, WebSocket upgrade, failover, headers) runs as shipped. ``access_log`` writes one
    line per request (method, uri, status, upstream, route) for :meth:`Nginx.access_log`.
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
    log = f"access_log {folder / 'access.log'} imc;" if access_log else "access_log off;"
    # As root, nginx would hand its workers to "nobody", who cannot enter pytest's private tmp dirs.
    user = "user root;\n" if os.geteuid() == 0 else ""
    main = f"""{user}worker_processes 1;
daemon off;
pid {folder / "nginx.pid"};
error_log {folder / "error.log"} info;
events {{ worker_connections 1024; }}
http {{
    log_format imc '$request_method $uri $status upstream=$upstream_addr route=$imc_route';
    {log}
{temp_paths}
    include {folder / "imc.conf"};
}}
"""
    (folder / "nginx.conf").write_text(main, encoding="utf-8")
    return folder / "nginx.conf"


def nginx_test(config: Path) -> subprocess.CompletedProcess:
    """``nginx -t`` on a main config file."""
    return subprocess.run(
        [nginx_binary() or "nginx", "-t", "-c", str(config), "-p", str(config.parent)],
        capture_output=True,
        text=True,
    )


@dataclass
class Nginx:
    """An nginx master process run in the foreground."""

    port: int
    process: subprocess.Popen
    folder: Path
    lines_seen: int = field(default=0)

    @property
    def base(self) -> str:
        """Base URL on loopback."""
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
        """Graceful stop (SIGQUIT lets the workers finish), then SIGKILL."""
        _stop(self.process, signal.SIGQUIT)


def start_nginx(folder: Path, listen_port: int, upstream_ports: list[int], access_log: bool = True) -> Nginx:
    """Check and start nginx in front of the given upstream ports; return once it listens."""
    config = render_nginx_config(folder, listen_port, upstream_ports, access_log=access_log)
    checked = nginx_test(config)
    if checked.returncode != 0:
        raise RuntimeError(f"nginx -t failed: {checked.stderr}")
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
        time.sleep(0.1)
    process.kill()
    raise TimeoutError("nginx did not start listening")
