"""Run the app on a free loopback port for browser tests: one start-and-wait for every fixture."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from .conftest import ROOT

START_TIMEOUT_S = 90


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def serve_app(log_path: Path, env: dict[str, str] | None = None, timeout_s: float = START_TIMEOUT_S) -> Iterator[str]:
    """Run ``streamlit run app.py`` with ``env`` added; yield its base URL once ``/_stcore/health`` is ``ok``.

    The server's output goes to ``log_path``; its tail is shown when the server does not start.
    """
    port = free_port()
    full_env = {**os.environ, "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false", **(env or {})}
    command = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port)]
    command += ["--server.address", "127.0.0.1", "--server.headless", "true"]
    with log_path.open("w") as log:
        proc = subprocess.Popen(command, cwd=ROOT, env=full_env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout_s
        while True:
            try:
                with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as resp:
                    if resp.read().decode().strip() == "ok":
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"Streamlit did not start on {base}:\n{log_path.read_text()[-3000:]}")
            time.sleep(0.5)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()


@contextmanager
def app_server(log_path: Path, timeout_s: float = START_TIMEOUT_S) -> Iterator[str]:
    """:func:`serve_app`, skipping the test when Chromium or Playwright is missing."""
    if not shutil.which("chromium") and not os.path.exists("/usr/bin/chromium"):
        pytest.skip("chromium not installed (apt-get install -y chromium)")
    pytest.importorskip("playwright")
    with serve_app(log_path, timeout_s=timeout_s) as base:
        yield base
