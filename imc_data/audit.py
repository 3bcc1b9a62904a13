"""The staff audit log: who published or restored which table, when, and what changed.

One row per successful write, in the shared database of :mod:`imc_data.db`
(SQLite by default, any SQLAlchemy URL in ``IMC_DATABASE_URL``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import Column, Connection, DateTime, Engine, Integer, String, Table, insert, select

from .db import ensure_tables, get_engine, metadata

audit_log = Table(
    "audit_log",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("user", String(200), nullable=False),
    Column("action", String(20), nullable=False),  # publish | restore
    Column("table_name", String(100), nullable=False),
    Column("filename", String(200), nullable=False),
    Column("rows_before", Integer),
    Column("rows_after", Integer),
    Column("added", Integer),
    Column("changed", Integer),
    Column("removed", Integer),
    Column("backup", String(300)),
    Column("old_hash", String(64)),
    Column("new_hash", String(64)),
)


@dataclass(frozen=True)
class AuditEntry:
    """One write of a data file by a staff member."""

    user: str
    action: str
    table_name: str
    filename: str
    rows_before: int | None
    rows_after: int | None
    added: int
    changed: int
    removed: int
    backup: str | None
    old_hash: str
    new_hash: str
    at: dt.datetime | None = None


def _engine(engine: Engine | None) -> Engine:
    engine = engine or get_engine()
    ensure_tables(engine, audit_log)
    return engine


@contextlib.contextmanager
def transaction(engine: Engine | None = None) -> Iterator[Connection]:
    """A connection in a transaction: committed when the block ends normally, rolled back on error."""
    with _engine(engine).begin() as conn:
        yield conn


def record(entry: AuditEntry, engine: Engine | None = None, conn: Connection | None = None) -> None:
    """Append ``entry`` to the audit log (``at`` defaults to now, UTC), in ``conn``'s transaction if given."""
    values = {k: getattr(entry, k) for k in AuditEntry.__dataclass_fields__}
    values["at"] = entry.at or dt.datetime.now(dt.UTC)
    if conn is not None:
        conn.execute(insert(audit_log).values(**values))
        return
    with transaction(engine) as own:
        own.execute(insert(audit_log).values(**values))


def recent(limit: int = 50, engine: Engine | None = None, table_name: str | None = None) -> list[AuditEntry]:
    """The latest entries, newest first (optionally for one table)."""
    query = select(audit_log).order_by(audit_log.c.id.desc()).limit(limit)
    if table_name:
        query = query.where(audit_log.c.table_name == table_name)
    with _engine(engine).connect() as conn:
        rows = conn.execute(query).mappings().all()
    fields = AuditEntry.__dataclass_fields__
    return [AuditEntry(**{k: row[k] for k in fields}) for row in rows]
