"""What the deployment tests need beyond :mod:`tools.servers`: the image's file tree, a database, skips.

Servers and nginx are started by :mod:`tools.servers`, the one harness of tests and benchmarks.
"""

from __future__ import annotations

import fnmatch
import os
import secrets
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tools.servers import ROOT, free_port, nginx_binary, start_nginx, start_streamlit, wait_healthy

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


@contextmanager
def hosted_deployment(folder: Path, replicas: int, env: dict[str, str], db_prefix: str) -> Iterator[dict]:
    """The image's file tree on a copy of the shipped data: ``replicas`` app servers, one database, nginx in front.

    ``env`` adds to (or overrides) the hosted settings. Yields ``{"nginx", "replicas", "database_url",
    "folder"}``; afterwards stops every server and drops the database. The database is a fresh one on
    ``IMC_TEST_POSTGRES_URL`` (required in CI), else a SQLite file the replicas share.
    """
    require("nginx", nginx_binary() is not None, "apt-get install -y nginx (.ci/run does)")
    app = build_image_tree(folder)
    data = folder / "data"
    shutil.copytree(ROOT / "imc_data" / "tables", data)
    postgres = os.environ.get("IMC_TEST_POSTGRES_URL", "").strip()
    require("PostgreSQL (IMC_TEST_POSTGRES_URL)", bool(postgres) or not os.environ.get("CI"), ".ci/run starts one")
    if postgres:
        database_url, drop_database = fresh_postgres_database(postgres, prefix=db_prefix)
    else:  # a developer machine without PostgreSQL: the replicas still share one database file
        database_url, drop_database = f"sqlite:///{folder / 'shared.sqlite3'}", lambda: None
    env = {
        "HOME": str(folder),
        "STREAMLIT_SERVER_COOKIE_SECRET": secrets.token_hex(32),
        "IMC_DATABASE_URL": database_url,
        "IMC_DATA_DIR": str(data),
        **env,
    }
    servers = [start_streamlit(cwd=app, env=env, log_dir=folder, wait=False) for _ in range(replicas)]
    nginx = None
    try:
        for server in servers:
            wait_healthy(server.base, server.process)
        nginx = start_nginx(folder / "nginx", free_port(), [server.port for server in servers])
        wait_healthy(nginx.base)
        yield {"nginx": nginx, "replicas": servers, "database_url": database_url, "folder": folder}
    finally:
        if nginx is not None:
            nginx.stop()
        for server in servers:
            server.stop()
        from imc_data import db

        db.dispose_all()
        drop_database()
