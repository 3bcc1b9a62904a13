"""The staff door's records: sign-in throttling, the sign-in log and staff sessions.

Everything lives in the shared database (:mod:`imc_data.db`), so every replica applies the
same limits and a staff session survives a reload on whichever replica serves it.

Throttling (:func:`attempt`), per fixed window of :attr:`SignInPolicy.window_seconds`:

* each **client address** may try :attr:`SignInPolicy.per_client` passwords (a success
  clears its count); the count is taken atomically *before* the password is checked, so
  parallel sessions of one client cannot try more;
* an **account name** with :attr:`SignInPolicy.per_name` failures is held back for every
  client that already tried in the window;
* past the **global ceiling** (:attr:`SignInPolicy.global_ceiling` failures from all
  clients) every client gets one try per window.

None of the three ever refuses a client that has not tried in the window: a correct
password typed on another machine always gets in, whatever an attacker does.

Staff sessions (:func:`open_session`, :func:`find_session`, :func:`close_session`) are
random tokens given to the browser in a cookie; only their SHA-256 is stored, with the
name and an expiry.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import secrets
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import BigInteger, Column, DateTime, Engine, Integer, String, Table, delete, insert, select

from . import db, ratelimit

log = logging.getLogger("imc.security")
NAME_LENGTH = 80
LOG_RETENTION = dt.timedelta(days=90)
_CLIENT_TRIES = "signin_client"
_NAME_FAILURES = "signin_fail_name"
_ALL_FAILURES = "signin_fail_all"
LOCKED_KIND = "signin_locked"

signin_log = Table(
    "staff_signin_log",
    db.metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime(timezone=True), nullable=False, index=True),
    Column("client", String(64), nullable=False),
    Column("name", String(NAME_LENGTH), nullable=False),
    Column("outcome", String(12), nullable=False),  # ok | wrong
)

staff_sessions = Table(
    "staff_sessions",
    db.metadata,
    Column("token_sha256", String(64), primary_key=True),
    Column("name", String(NAME_LENGTH), nullable=False),
    Column("client", String(64), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", BigInteger, nullable=False, index=True),  # UNIX seconds: compared the same in every database
)


def _engine(engine: Engine | None) -> Engine:
    engine = engine or db.get_engine()
    ratelimit.prepare(engine, signin_log, staff_sessions)
    return engine


def account_name(typed: str) -> str:
    """The name a sign-in is recorded and throttled under (trimmed, spaces collapsed, at most 80 characters)."""
    return " ".join(str(typed or "").split())[:NAME_LENGTH] or "staff"


@dataclass(frozen=True)
class SignInPolicy:
    """Limits of the staff door (see the module docstring)."""

    window_seconds: int = 900
    per_client: int = 5
    per_name: int = 10
    global_ceiling: int = 50


@dataclass(frozen=True)
class Attempt:
    """What happened to one sign-in attempt.

    ``outcome`` is ``ok``, ``wrong`` or ``locked`` (not checked); ``tries`` counts this
    client's tries in the window including this one; ``retry_after`` is the number of
    seconds until the window ends (when locked).
    """

    outcome: str
    tries: int = 0
    retry_after: float = 0.0

    @property
    def ok(self) -> bool:
        """Whether the password was right."""
        return self.outcome == "ok"


def _allowance(engine: Engine, client: str, name: str, start: int, policy: SignInPolicy) -> int:
    with engine.connect() as conn:
        everyone = ratelimit.hits(conn, _ALL_FAILURES, "*", start)
        this_name = ratelimit.hits(conn, _NAME_FAILURES, name.casefold(), start)
        tried = ratelimit.hits(conn, _CLIENT_TRIES, client, start)
    allowance = 1 if everyone >= policy.global_ceiling else policy.per_client
    if tried and this_name >= policy.per_name:
        allowance = 0  # a name under attack: only clients that have not tried yet are heard
    return allowance


def attempt(
    client: str,
    name: str,
    check: Callable[[], bool],
    *,
    policy: SignInPolicy = SignInPolicy(),
    now: dt.datetime | None = None,
    engine: Engine | None = None,
) -> Attempt:
    """Throttle, check and record one sign-in attempt.

    Parameters
    ----------
    client : str
        The client address (``dashboard.client_address``).
    name : str
        The account name typed (see :func:`account_name`).
    check : callable
        Checks the password; called only when the attempt is allowed.
    policy : SignInPolicy
        The limits.
    now : datetime, optional
        Time of the attempt (UTC); default now.
    engine : sqlalchemy.Engine, optional
        Database; default :func:`imc_data.db.get_engine`.
    """
    engine = _engine(engine)
    when = now or dt.datetime.now(dt.UTC)
    name = account_name(name)
    start = ratelimit.window_start(when.timestamp(), policy.window_seconds)
    allowance = _allowance(engine, client, name, start, policy)
    with engine.begin() as conn:
        tries = ratelimit.take(conn, _CLIENT_TRIES, client, start, allowance)
        if tries is None:
            locked = ratelimit.bump(conn, LOCKED_KIND, client, start)
    if tries is None:
        if locked == 1:
            log.warning("staff sign-in locked for %s (name %r) until the window ends", client, name)
        return Attempt("locked", retry_after=start + policy.window_seconds - when.timestamp())
    ok = bool(check())
    with engine.begin() as conn:
        conn.execute(insert(signin_log).values(at=when, client=client, name=name, outcome="ok" if ok else "wrong"))
        if ok:
            ratelimit.reset(conn, _CLIENT_TRIES, client, start)
        else:
            ratelimit.bump(conn, _NAME_FAILURES, name.casefold(), start)
            ratelimit.bump(conn, _ALL_FAILURES, "*", start)
        if tries == 1:
            conn.execute(delete(signin_log).where(signin_log.c.at < when - LOG_RETENTION))
            ratelimit.purge(conn, start - int(LOG_RETENTION.total_seconds()))
    log.info("staff sign-in %s for %s (name %r, try %d)", "ok" if ok else "wrong password", client, name, tries)
    return Attempt("ok" if ok else "wrong", tries)


def recent_attempts(limit: int = 200, engine: Engine | None = None) -> pd.DataFrame:
    """The latest sign-in attempts, newest first: ``at`` (UTC), ``client``, ``name``, ``outcome``."""
    query = select(signin_log.c.at, signin_log.c.client, signin_log.c.name, signin_log.c.outcome)
    query = query.order_by(signin_log.c.id.desc()).limit(limit)
    with _engine(engine).connect() as conn:
        rows = conn.execute(query).all()
    frame = pd.DataFrame(rows, columns=["at", "client", "name", "outcome"])
    frame["at"] = pd.to_datetime(frame["at"], utc=True)
    return frame


def lockouts(since: dt.datetime, engine: Engine | None = None) -> pd.DataFrame:
    """Refused (locked) attempts since ``since`` per client: ``client``, ``refused``, ``first``, ``last``."""
    frame = ratelimit.totals(_engine(engine), (LOCKED_KIND,), int(since.timestamp()))
    return pd.DataFrame(
        {
            "client": frame["key"],
            "refused": frame["hits"],
            "first": pd.to_datetime(frame["first"], unit="s", utc=True),
            "last": pd.to_datetime(frame["last"], unit="s", utc=True),
        }
    )


# --------------------------------------------------------------------------- sessions


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class StaffSession:
    """A signed-in staff member: the name recorded in the audit log and when the session ends."""

    name: str
    expires_at: dt.datetime
    token_sha256: str


def open_session(
    name: str, client: str, lifetime: dt.timedelta, *, now: dt.datetime | None = None, engine: Engine | None = None
) -> tuple[str, StaffSession]:
    """Start a staff session; return the token for the browser's cookie and the session."""
    engine = _engine(engine)
    when = now or dt.datetime.now(dt.UTC)
    token = secrets.token_urlsafe(32)
    expires = dt.datetime.fromtimestamp(int((when + lifetime).timestamp()), dt.UTC)
    session = StaffSession(account_name(name), expires, _digest(token))
    with engine.begin() as conn:
        conn.execute(delete(staff_sessions).where(staff_sessions.c.expires_at < when.timestamp()))
        conn.execute(
            insert(staff_sessions).values(
                token_sha256=session.token_sha256,
                name=session.name,
                client=client,
                created_at=when,
                expires_at=int(session.expires_at.timestamp()),
            )
        )
    return token, session


def find_session(
    token: str | None = None,
    *,
    token_sha256: str | None = None,
    now: dt.datetime | None = None,
    engine: Engine | None = None,
) -> StaffSession | None:
    """The live session of a cookie's ``token`` (or of its digest), ``None`` when unknown, ended or expired."""
    digest = token_sha256 or (_digest(token) if token else None)
    if not digest:
        return None
    when = now or dt.datetime.now(dt.UTC)
    query = select(staff_sessions.c.name, staff_sessions.c.expires_at).where(staff_sessions.c.token_sha256 == digest)
    with _engine(engine).connect() as conn:
        row = conn.execute(query).first()
    if row is None or row.expires_at <= when.timestamp():
        return None
    return StaffSession(row.name, dt.datetime.fromtimestamp(row.expires_at, dt.UTC), digest)


def close_session(token_sha256: str, engine: Engine | None = None) -> None:
    """End a session (sign-out): its cookie is worthless from now on, on every replica."""
    with _engine(engine).begin() as conn:
        conn.execute(delete(staff_sessions).where(staff_sessions.c.token_sha256 == token_sha256))
