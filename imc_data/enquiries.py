"""Investor enquiries ("I'm interested"): validation, limits, storage and the staff query.

Stored in the shared database of :mod:`imc_data.db` (a SQLite file by default, any
SQLAlchemy URL in ``IMC_DATABASE_URL``). Validation returns message *codes* per field
so the page can word them in the investor's language; nothing here renders text.

Abuse limits (docs/operations.md "Enquiry limits"): at most :attr:`EnquiryLimits.per_address` stored
enquiries per client address and :attr:`EnquiryLimits.per_hour` in all, per clock hour
(UTC), counted atomically across replicas by :mod:`imc_data.ratelimit`; every refusal
(over a limit, or a filled-in spam trap) is counted per address and hour for staff.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
import secrets
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import pandas as pd
from sqlalchemy import Column, Connection, DateTime, Engine, Integer, String, Table, Text, insert, select
from sqlalchemy.exc import IntegrityError

from . import db, ratelimit

LIMITS = {"name": 120, "organisation": 200, "email": 254, "country": 100, "message": 2000}
REQUIRED = ("name", "organisation", "email", "country")
MIN_INTERVAL_SECONDS = 5.0  # one enquiry per few seconds per session
MAX_OPPORTUNITY_IDS = 50  # more than the table holds; a longer list is not a person's choice
# Text far beyond a field's limit is refused before it is cleaned: cleaning is per character,
# and a protocol-level client can send megabytes in one field.
RAW_LENGTH_FACTOR = 4
LIMIT_WINDOW_SECONDS = 3600
PER_ADDRESS_ENV = "IMC_ENQUIRIES_PER_ADDRESS"
PER_HOUR_ENV = "IMC_ENQUIRIES_PER_HOUR"
DEFAULT_PER_ADDRESS = 10  # an office or a conference venue shares one address: room for a few people
DEFAULT_PER_HOUR = 100
REFUSAL_KINDS = {
    "address_limit": "enquiry_refused_address",
    "hourly_limit": "enquiry_refused_hourly",
    "spam_trap": "enquiry_refused_trap",
}
_STORED_PER_ADDRESS = "enquiry_address"
_STORED_IN_ALL = "enquiry_all"
RETENTION_SECONDS = 30 * 24 * 3600  # counters (client addresses) are kept 30 days
log = logging.getLogger("imc.security")  # one name for every security event (docs/operations.md "Security log")
# Local part and domain of an ordinary address; deliberately strict (no quoted local parts).
_EMAIL = re.compile(
    r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$"
)
_OPP_ID = re.compile(r"^[A-Za-z0-9_-]{1,20}$")

enquiries = Table(
    "enquiries",
    db.metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("reference", String(32), nullable=False, unique=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("name", String(LIMITS["name"]), nullable=False),
    Column("organisation", String(LIMITS["organisation"]), nullable=False),
    Column("email", String(LIMITS["email"]), nullable=False),
    Column("country", String(LIMITS["country"]), nullable=False),
    Column("message", Text, nullable=False, default=""),
    Column("opportunity_ids", String(400), nullable=False, default=""),
    Column("lang", String(2), nullable=False, default="en"),
)


def _prepare(engine: Engine) -> None:
    # Another process (a second replica) may win the race to CREATE TABLE; that is fine.
    ratelimit.prepare(engine, enquiries)


@dataclass(frozen=True)
class EnquiryLimits:
    """How many enquiries are stored per clock hour: from one client address, and in all."""

    per_address: int = DEFAULT_PER_ADDRESS
    per_hour: int = DEFAULT_PER_HOUR

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> EnquiryLimits:
        """Limits from ``IMC_ENQUIRIES_PER_ADDRESS`` and ``IMC_ENQUIRIES_PER_HOUR`` (defaults when unset).

        A value that is not a positive whole number is ignored with a warning in the server log.
        """
        environ = os.environ if environ is None else environ
        return cls(
            per_address=_positive(environ, PER_ADDRESS_ENV, DEFAULT_PER_ADDRESS),
            per_hour=_positive(environ, PER_HOUR_ENV, DEFAULT_PER_HOUR),
        )


def _positive(environ: Mapping[str, str], name: str, default: int) -> int:
    raw = environ.get(name, "").strip()
    if not raw:
        return default
    if raw.isdigit() and int(raw) > 0:
        return int(raw)
    log.warning("%s=%r is not a positive whole number; using %d", name, raw, default)
    return default


class EnquiryLimitError(RuntimeError):
    """Raised by :func:`submit_enquiry` when a limit is reached; nothing was stored.

    ``reason`` is ``address_limit`` or ``hourly_limit``; ``retry_after`` is the number of
    seconds until the hour ends and the limit starts again.
    """

    def __init__(self, reason: str, retry_after: float):
        super().__init__(f"{reason}: retry after {retry_after:.0f} s")
        self.reason = reason
        self.retry_after = retry_after


@dataclass(frozen=True)
class Enquiry:
    """What the investor typed, as submitted."""

    name: str
    organisation: str
    email: str
    country: str
    message: str = ""
    opportunity_ids: tuple[str, ...] = ()
    lang: str = "en"


@dataclass(frozen=True)
class FieldError:
    """One problem with one field: a message code (``required``, ``too_long``, ``email``, …) and its values."""

    code: str
    values: dict = field(default_factory=dict)


class InvalidEnquiryError(ValueError):
    """Raised by :func:`submit_enquiry` when a field is wrong; ``errors`` maps field → :class:`FieldError`."""

    def __init__(self, errors: dict[str, FieldError]):
        super().__init__(", ".join(f"{k}: {v.code}" for k, v in errors.items()))
        self.errors = errors


def clean_text(value: object, *, multiline: bool = False) -> str:
    """Trim, normalise (NFC) and drop control characters (keeping newlines in a message)."""
    text = unicodedata.normalize("NFC", "" if value is None else str(value))
    keep = {"\n"} if multiline else set()
    text = "".join(
        ch for ch in text.replace("\r\n", "\n") if ch in keep or unicodedata.category(ch) not in ("Cc", "Cf")
    )
    return text.strip()


def normalise(enquiry: Enquiry) -> Enquiry:
    """The enquiry with every field cleaned by :func:`clean_text` (the form of what is stored)."""
    return Enquiry(
        name=clean_text(enquiry.name),
        organisation=clean_text(enquiry.organisation),
        email=clean_text(enquiry.email),
        country=clean_text(enquiry.country),
        message=clean_text(enquiry.message, multiline=True),
        opportunity_ids=tuple(dict.fromkeys(clean_text(i) for i in enquiry.opportunity_ids)),
        lang=enquiry.lang if enquiry.lang in ("en", "ru") else "en",
    )


def validate_enquiry(enquiry: Enquiry, known_opportunities: Iterable[str] | None = None) -> dict[str, FieldError]:
    """Check every field; return ``{field: FieldError}`` (empty when the enquiry is fine).

    Parameters
    ----------
    enquiry : Enquiry
        The submitted values (cleaned first with :func:`normalise`).
    known_opportunities : iterable of str, optional
        Valid opportunity ids; when given, other ids are an error.
    """
    errors: dict[str, FieldError] = {}
    for name, limit in LIMITS.items():  # refused before cleaning (cleaning is per character)
        raw = getattr(enquiry, name)
        if isinstance(raw, str) and len(raw) > RAW_LENGTH_FACTOR * limit:
            errors[name] = FieldError("too_long", {"max": limit, "n": len(raw)})
    if len(enquiry.opportunity_ids) > MAX_OPPORTUNITY_IDS:
        errors["opportunity_ids"] = FieldError("too_many", {"max": MAX_OPPORTUNITY_IDS})
    if errors:
        return errors
    e = normalise(enquiry)
    for name in LIMITS:
        value = getattr(e, name)
        if name in REQUIRED and not value:
            errors[name] = FieldError("required")
        elif len(value) > LIMITS[name]:
            errors[name] = FieldError("too_long", {"max": LIMITS[name], "n": len(value)})
    if "name" not in errors and len(e.name) < 2:
        errors["name"] = FieldError("too_short", {"min": 2})
    if "email" not in errors and not _EMAIL.match(e.email):
        errors["email"] = FieldError("email")
    bad = [i for i in e.opportunity_ids if not _OPP_ID.match(i)]
    if known_opportunities is not None:
        known = set(known_opportunities)
        bad += [i for i in e.opportunity_ids if i not in known and i not in bad]
    if bad:
        errors["opportunity_ids"] = FieldError("unknown_ids", {"ids": ", ".join(bad)})
    return errors


def seconds_to_wait(last_submitted: float | None, now: float, interval: float = MIN_INTERVAL_SECONDS) -> float:
    """How long a session must still wait before its next enquiry (0 when it may send now)."""
    if last_submitted is None:
        return 0.0
    return max(0.0, interval - (now - last_submitted))


def new_reference(when: dt.datetime) -> str:
    """A reference the investor can quote: ``IMC-20261124-7QK3M9`` (date + 6 random characters)."""
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread on the phone
    return f"IMC-{when:%Y%m%d}-" + "".join(secrets.choice(alphabet) for _ in range(6))


def submit_enquiry(
    enquiry: Enquiry,
    *,
    known_opportunities: Iterable[str] | None = None,
    engine: Engine | None = None,
    now: dt.datetime | None = None,
    client: str | None = None,
    limits: EnquiryLimits | None = None,
) -> str:
    """Validate and store an enquiry within the limits; return its reference number.

    Parameters
    ----------
    enquiry : Enquiry
        The submitted values.
    known_opportunities : iterable of str, optional
        Valid opportunity ids.
    engine : sqlalchemy.Engine, optional
        Database; default :func:`imc_data.db.get_engine`.
    now : datetime, optional
        Time of submission (UTC); default now.
    client : str, optional
        The sender's address (``dashboard.client_address``). When given, the limits apply
        (default :meth:`EnquiryLimits.from_env`); the public form always gives it.
    limits : EnquiryLimits, optional
        Limits to apply instead of the configured ones.

    Raises
    ------
    InvalidEnquiryError
        When a field is wrong; nothing is stored.
    EnquiryLimitError
        When the sender's address or everyone together reached the hour's limit; nothing is
        stored, and the refusal is counted for staff (:func:`refusals`).
    """
    errors = validate_enquiry(enquiry, known_opportunities)
    if errors:
        raise InvalidEnquiryError(errors)
    e = normalise(enquiry)
    engine = engine or db.get_engine()
    _prepare(engine)
    when = now or dt.datetime.now(dt.UTC)
    if client is not None and limits is None:
        limits = EnquiryLimits.from_env()
    for _ in range(5):  # a repeated random reference is astronomically rare; retry rather than fail
        try:
            reference, refused = _store(engine, e, when, client, limits)
        except IntegrityError:
            continue
        if refused is None:
            return reference
        record_refusal(refused, client, engine=engine, now=when)
        end = ratelimit.window_start(when.timestamp(), LIMIT_WINDOW_SECONDS) + LIMIT_WINDOW_SECONDS
        raise EnquiryLimitError(refused, end - when.timestamp())
    raise RuntimeError("could not allocate a unique enquiry reference")


def _store(
    engine: Engine, e: Enquiry, when: dt.datetime, client: str | None, limits: EnquiryLimits | None
) -> tuple[str | None, str | None]:
    """Count the quota and insert in one transaction: ``(reference, None)`` or ``(None, reason refused)``."""
    with engine.connect() as conn, conn.begin() as transaction:
        refused = _take_quota(conn, client, limits, when) if client is not None else None
        if refused is not None:
            transaction.rollback()  # an address's count taken before the total refused is given back
            return None, refused
        reference = new_reference(when)
        conn.execute(insert(enquiries).values(reference=reference, created_at=when, **_stored_values(e)))
    return reference, None


def _stored_values(e: Enquiry) -> dict:
    return {
        "name": e.name,
        "organisation": e.organisation,
        "email": e.email,
        "country": e.country,
        "message": e.message,
        "opportunity_ids": ",".join(e.opportunity_ids),
        "lang": e.lang,
    }


def _take_quota(conn: Connection, client: str, limits: EnquiryLimits, when: dt.datetime) -> str | None:
    """Count one stored enquiry for ``client`` and for everyone; the reason when a limit refuses."""
    start = ratelimit.window_start(when.timestamp(), LIMIT_WINDOW_SECONDS)
    # The address first: one busy address is refused on its own row and never holds the total.
    taken = ratelimit.take(conn, _STORED_PER_ADDRESS, client, start, limits.per_address)
    if taken is None:
        return "address_limit"
    if ratelimit.take(conn, _STORED_IN_ALL, "*", start, limits.per_hour) is None:
        return "hourly_limit"
    if taken == 1:
        ratelimit.purge(conn, start - RETENTION_SECONDS)
    return None


def record_refusal(reason: str, client: str, *, engine: Engine | None = None, now: dt.datetime | None = None) -> int:
    """Count a refused enquiry (``address_limit``, ``hourly_limit`` or ``spam_trap``) for staff.

    The first refusal of an hour for an address is also written to the server log (WARNING),
    so operators see it without opening the app. Returns the refusals counted in the hour.
    """
    engine = engine or db.get_engine()
    _prepare(engine)
    when = now or dt.datetime.now(dt.UTC)
    start = ratelimit.window_start(when.timestamp(), LIMIT_WINDOW_SECONDS)
    with engine.begin() as conn:
        count = ratelimit.bump(conn, REFUSAL_KINDS[reason], client, start)
    if count == 1:
        log.warning("enquiry refused (%s) from %s; further refusals this hour are only counted", reason, client)
    return count


def refusals(engine: Engine | None = None, *, since: dt.datetime) -> pd.DataFrame:
    """Refused enquiries since ``since``, per reason and client address, most first.

    Returns
    -------
    pandas.DataFrame
        Columns ``reason`` (a key of :data:`REFUSAL_KINDS`), ``client``, ``refused``,
        ``first`` and ``last`` (start of the first and last hour with refusals, UTC).
    """
    frame = ratelimit.totals(engine or db.get_engine(), tuple(REFUSAL_KINDS.values()), int(since.timestamp()))
    reasons = {kind: reason for reason, kind in REFUSAL_KINDS.items()}
    return pd.DataFrame(
        {
            "reason": frame["kind"].map(reasons),
            "client": frame["key"],
            "refused": frame["hits"],
            "first": pd.to_datetime(frame["first"], unit="s", utc=True),
            "last": pd.to_datetime(frame["last"], unit="s", utc=True),
        }
    )


def list_enquiries(engine: Engine | None = None) -> pd.DataFrame:
    """Every stored enquiry, newest first, for staff (the Data page).

    Parameters
    ----------
    engine : sqlalchemy.Engine, optional
        Database; default :func:`imc_data.db.get_engine`.

    Returns
    -------
    pandas.DataFrame
        Columns ``reference``, ``created_at`` (UTC), ``name``, ``organisation``, ``email``,
        ``country``, ``message``, ``opportunity_ids`` (comma-separated), ``lang``. Plain
        text: show it as data (a table or ``st.text``), never as Markdown or HTML.
    """
    engine = engine or db.get_engine()
    _prepare(engine)
    columns = [c for c in enquiries.c if c.name != "id"]
    with engine.connect() as conn:
        rows = conn.execute(select(*columns).order_by(enquiries.c.created_at.desc(), enquiries.c.id.desc())).all()
    frame = pd.DataFrame(rows, columns=[c.name for c in columns])
    frame["created_at"] = pd.to_datetime(frame["created_at"], utc=True)
    return frame
