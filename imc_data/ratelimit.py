"""Counters per time window, shared by every replica: the one mechanism behind every rate limit.

A counter is a row ``(kind, key, window_start) → hits`` in the shared database of
:mod:`imc_data.db`. Windows are fixed (``window_start`` is the UNIX time rounded down to a
multiple of the window length), so a limit of *N per hour* admits at most *N* in each clock
hour. :func:`take` is one atomic ``INSERT … ON CONFLICT DO UPDATE … WHERE hits < limit``
statement: however many sessions or replicas ask at once, at most ``limit`` succeed.
Used by the enquiry form (:mod:`imc_data.enquiries`) and the staff sign-in
(:mod:`imc_data.staff_access`).
"""

from __future__ import annotations

import threading

import pandas as pd
from sqlalchemy import BigInteger, Column, Connection, Engine, Integer, String, Table, delete, func, inspect, select
from sqlalchemy.exc import OperationalError, ProgrammingError

from . import db

KEY_LENGTH = 128

counters = Table(
    "rate_counters",
    db.metadata,
    Column("kind", String(40), primary_key=True),
    Column("key", String(KEY_LENGTH), primary_key=True),
    Column("window_start", BigInteger, primary_key=True),  # UNIX seconds, UTC
    Column("hits", Integer, nullable=False),
)

_create_lock = threading.Lock()


def prepare(engine: Engine, *tables: Table) -> None:
    """Create the counter table (and ``tables``) if missing; a second replica winning the race is fine."""
    wanted = (counters, *tables)
    with _create_lock:
        try:
            db.ensure_tables(engine, *wanted)
        except (OperationalError, ProgrammingError):
            if not all(inspect(engine).has_table(t.name) for t in wanted):
                raise


def window_start(now: float, seconds: int) -> int:
    """Start of the fixed window of length ``seconds`` that holds the UNIX time ``now``."""
    return int(now // seconds) * seconds


def _upsert(conn: Connection):
    dialect = conn.dialect.name
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    elif dialect == "sqlite":
        from sqlalchemy.dialects.sqlite import insert
    else:  # the deployment uses SQLite (laptop) or PostgreSQL (hosted) only
        raise NotImplementedError(f"rate limits need SQLite or PostgreSQL, not {dialect}")
    return insert(counters)


def _bounded_key(key: str) -> str:
    return key[:KEY_LENGTH]


def take(conn: Connection, kind: str, key: str, start: int, limit: int) -> int | None:
    """Count one more hit if fewer than ``limit`` were counted in the window; atomic.

    Returns
    -------
    int or None
        The new number of hits, or ``None`` when the limit was already reached (nothing counted).
    """
    if limit < 1:
        return None
    statement = _upsert(conn).values(kind=kind, key=_bounded_key(key), window_start=start, hits=1)
    statement = statement.on_conflict_do_update(
        index_elements=[counters.c.kind, counters.c.key, counters.c.window_start],
        set_={"hits": counters.c.hits + 1},
        where=counters.c.hits < limit,
    ).returning(counters.c.hits)
    return conn.execute(statement).scalar()


def bump(conn: Connection, kind: str, key: str, start: int) -> int:
    """Count one more hit unconditionally; return the new number of hits in the window."""
    statement = _upsert(conn).values(kind=kind, key=_bounded_key(key), window_start=start, hits=1)
    statement = statement.on_conflict_do_update(
        index_elements=[counters.c.kind, counters.c.key, counters.c.window_start],
        set_={"hits": counters.c.hits + 1},
    ).returning(counters.c.hits)
    return int(conn.execute(statement).scalar_one())


def hits(conn: Connection, kind: str, key: str, start: int) -> int:
    """Hits counted for ``(kind, key)`` in the window starting at ``start`` (0 when none)."""
    query = select(counters.c.hits).where(
        counters.c.kind == kind, counters.c.key == _bounded_key(key), counters.c.window_start == start
    )
    return int(conn.execute(query).scalar() or 0)


def reset(conn: Connection, kind: str, key: str, start: int) -> None:
    """Forget the hits of ``(kind, key)`` in the window starting at ``start``."""
    conn.execute(
        delete(counters).where(
            counters.c.kind == kind, counters.c.key == _bounded_key(key), counters.c.window_start == start
        )
    )


def purge(conn: Connection, before: int) -> None:
    """Delete every window that started before the UNIX time ``before`` (bounded storage)."""
    conn.execute(delete(counters).where(counters.c.window_start < before))


def totals(engine: Engine, kinds: tuple[str, ...], since: int) -> pd.DataFrame:
    """Hits per kind and key in the windows that started at or after ``since``.

    Returns
    -------
    pandas.DataFrame
        Columns ``kind``, ``key``, ``hits`` (summed over windows), ``first`` and ``last``
        (UNIX start of the first and last window with hits), most hits first.
    """
    prepare(engine)
    query = (
        select(
            counters.c.kind,
            counters.c.key,
            func.sum(counters.c.hits).label("hits"),
            func.min(counters.c.window_start).label("first"),
            func.max(counters.c.window_start).label("last"),
        )
        .where(counters.c.kind.in_(kinds), counters.c.window_start >= since)
        .group_by(counters.c.kind, counters.c.key)
        .order_by(func.sum(counters.c.hits).desc(), counters.c.key)
    )
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    frame = pd.DataFrame(rows, columns=["kind", "key", "hits", "first", "last"])
    return frame.astype({"hits": "int64", "first": "int64", "last": "int64"})
