"""The database behind enquiries and the staff audit log.

SQLite file by default (``var/imc.sqlite3`` beside the app, or ``IMC_DATABASE_PATH``);
any SQLAlchemy URL in ``IMC_DATABASE_URL`` (PostgreSQL for hosted, replicated
deployments). Each feature module defines its own tables on :data:`metadata` and
creates them with :func:`ensure_tables`.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from pathlib import Path

from sqlalchemy import Engine, MetaData, Table, create_engine, event

APP_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SQLITE_PATH = APP_ROOT / "var" / "imc.sqlite3"

metadata = MetaData()
_engines: dict[str, Engine] = {}
_lock = threading.Lock()


def database_url() -> str:
    """``IMC_DATABASE_URL`` if set, else a SQLite file (``IMC_DATABASE_PATH`` or the default)."""
    url = os.environ.get("IMC_DATABASE_URL", "").strip()
    if url:
        return url
    path = Path(os.environ.get("IMC_DATABASE_PATH", "").strip() or DEFAULT_SQLITE_PATH)
    return f"sqlite:///{path}"


def get_engine(url: str | None = None) -> Engine:
    """One engine per URL for the whole process (engines pool connections and are thread-safe)."""
    url = url or database_url()
    with _lock:
        engine = _engines.get(url)
        if engine is None:
            if url.startswith("sqlite:///"):
                Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
                engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})
                event.listen(engine, "connect", _sqlite_pragmas)
            else:
                engine = create_engine(url, pool_pre_ping=True)
            _engines[url] = engine
        return engine


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    # WAL lets readers work while a writer commits; busy_timeout waits instead of failing.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA busy_timeout=30000")
    # Switching to WAL needs the write lock, and SQLite answers "database is locked" at once,
    # without waiting, when another process holds it mid-transaction (as when two replicas
    # start on the same fresh file). WAL stays set in the file, so retry until it is on.
    deadline = time.monotonic() + 30
    while True:
        try:
            mode = cursor.execute("PRAGMA journal_mode=WAL").fetchone()[0]
        except sqlite3.OperationalError:
            if time.monotonic() > deadline:
                raise
            mode = None
        if mode is not None:  # "wal", or "memory" for a database that cannot use WAL
            break
        time.sleep(0.05)
    cursor.close()


def ensure_tables(engine: Engine, *tables: Table) -> None:
    """Create the given tables if they do not exist yet (idempotent)."""
    metadata.create_all(engine, tables=list(tables), checkfirst=True)


def dispose_all() -> None:
    """Close every pooled connection (tests use it before deleting database files)."""
    with _lock:
        for engine in _engines.values():
            engine.dispose()
        _engines.clear()
