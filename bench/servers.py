"""Start and stop Streamlit servers (and nginx) on loopback for the benchmarks; read their memory."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STREAMLIT = Path(sys.executable).with_name("streamlit")
APP_SCRIPT = "app.py"
EMPTY_SCRIPT = "bench/empty_app.py"


def health(base: str, timeout: float = 2.0) -> bool:
    """True when ``GET /_stcore/health`` answers ``ok``."""
    if not base.startswith(("http://127.0.0.1:", "http://localhost:")):
        raise ValueError("benchmarks only talk to loopback servers")
    try:
        with urllib.request.urlopen(base + "/_stcore/health", timeout=timeout) as resp:  # noqa: S310 - http loopback only
            return resp.read().strip() == b"ok"
    except OSError:
        return False


def rss_mb(pid: int) -> float:
    """Resident memory of a process in MB (0 if it is gone)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def cpu_seconds(pid: int) -> float:
    """User + system CPU time a process has used, in seconds."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except OSError:
        return 0.0


@dataclass
class Server:
    """A Streamlit server process started by the benchmark."""

    script: str
    port: int
    proc: subprocess.Popen
    started_at: float  # time.perf_counter() just before the process was spawned
    log: Path

    @property
    def base(self) -> str:
        """Base URL on loopback."""
        return f"http://127.0.0.1:{self.port}"

    @property
    def pid(self) -> int:
        """Process id."""
        return self.proc.pid

    def rss_mb(self) -> float:
        """Current resident memory in MB."""
        return rss_mb(self.pid)

    def stop(self) -> None:
        """Stop this server (SIGTERM, then SIGKILL after 10 s)."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)


def start(script: str, port: int, log_dir: Path, env: dict | None = None, wait: bool = True) -> Server:
    """Start ``streamlit run script`` on ``127.0.0.1:port`` from the repository root.

    The repository's ``.streamlit/config.toml`` applies to both the app and the reference
    page, so they differ only in their scripts.
    """
    log_dir.mkdir(parents=True, exist_ok=True)
    log = log_dir / f"streamlit_{port}.log"
    cmd = [
        str(STREAMLIT),
        "run",
        script,
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
    ]
    full_env = {**os.environ, **(env or {})}
    t0 = time.perf_counter()
    with open(log, "w") as fh:
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=fh, stderr=subprocess.STDOUT, env=full_env)
    server = Server(script, port, proc, t0, log)
    if wait:
        wait_healthy(server)
    return server


def wait_healthy(server: Server, timeout: float = 90.0) -> float:
    """Wait until the server answers its health check; return seconds since spawn."""
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        if server.proc.poll() is not None:
            raise RuntimeError(f"{server.script} on port {server.port} exited; see {server.log}")
        if health(server.base, timeout=1.0):
            return time.perf_counter() - server.started_at
        time.sleep(0.05)
    server.stop()
    raise TimeoutError(f"{server.script} on port {server.port} not healthy after {timeout} s; see {server.log}")


# --- nginx in front of replicas ------------------------------------------------------------------

NGINX_TEMPLATE = ROOT / "deploy" / "nginx" / "imc.conf"

_FALLBACK_SITE = """
map $http_upgrade $connection_upgrade { default upgrade; "" ""; }
upstream imc_app { ip_hash; server app:8501; }
server {
    listen 80;
    location / {
        proxy_pass http://imc_app;
        proxy_http_version 1.1;
        proxy_set_header Upgrade $http_upgrade;
        proxy_set_header Connection $connection_upgrade;
        proxy_set_header Host $host;
        proxy_read_timeout 1h;
        proxy_buffering off;
    }
}
"""


def nginx_site(upstream_ports: list[int], listen_port: int) -> tuple[str, str]:
    """The deployment's nginx site (``deploy/nginx/imc.conf``) rewritten for loopback replicas.

    Only the upstream servers and the listen address change. Returns ``(config, origin)``
    where origin says whether the deployment template or a minimal fallback was used.
    """
    if NGINX_TEMPLATE.exists():
        text, origin = NGINX_TEMPLATE.read_text(encoding="utf-8"), str(NGINX_TEMPLATE.relative_to(ROOT))
    else:
        text, origin = _FALLBACK_SITE, "bench fallback (deploy/nginx/imc.conf not found)"
    lines, replaced = [], False
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("server ") and ":" in stripped and stripped.endswith(";") and "{" not in stripped:
            if not replaced:
                indent = line[: len(line) - len(line.lstrip())]
                lines += [f"{indent}server 127.0.0.1:{p} max_fails=1 fail_timeout=10s;" for p in upstream_ports]
                replaced = True
            continue
        if stripped.startswith("listen "):
            line = line.replace(stripped, f"listen 127.0.0.1:{listen_port};")
        lines.append(line)
    return "\n".join(lines) + "\n", origin


def start_nginx(upstream_ports: list[int], listen_port: int, work: Path) -> tuple[subprocess.Popen, str]:
    """Run nginx in the foreground (not as a daemon) with a private prefix under ``work``."""
    work.mkdir(parents=True, exist_ok=True)
    for sub in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (work / sub).mkdir(exist_ok=True)
    site, origin = nginx_site(upstream_ports, listen_port)
    conf = work / "nginx.conf"
    conf.write_text(
        f"""worker_processes 1;
daemon off;
pid {work}/nginx.pid;
error_log {work}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {work}/client_body;
    proxy_temp_path {work}/proxy;
    fastcgi_temp_path {work}/fastcgi;
    uwsgi_temp_path {work}/uwsgi;
    scgi_temp_path {work}/scgi;
{site}
}}
""",
        encoding="utf-8",
    )
    proc = subprocess.Popen(
        [shutil.which("nginx") or "/usr/sbin/nginx", "-c", str(conf), "-p", str(work)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{listen_port}"
    deadline = time.perf_counter() + 20
    while time.perf_counter() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"nginx exited; see {work}/error.log")
        if health(base, timeout=1.0):
            return proc, origin
        time.sleep(0.1)
    proc.terminate()
    raise TimeoutError(f"nginx on {listen_port} not answering; see {work}/error.log")


def stop_process(proc: subprocess.Popen) -> None:
    """Terminate a process the benchmark started."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)
