"""What the deployment tests need beyond :mod:`tools.servers`: the image's file tree, a database, skips.

Servers and nginx are started by :mod:`tools.servers`, the one harness of tests and benchmarks.
"""

from __future__ import annotations

import fnmatch
import os
import shutil
from pathlib import Path

import pytest

from tools.servers import ROOT

HOSTED_CONFIG = ROOT / "deploy" / "streamlit" / "config.toml"


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
