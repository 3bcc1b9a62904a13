"""Investor enquiries ("I'm interested"): validation, storage and the staff query.

Stored in the shared database of :mod:`imc_data.db` (a SQLite file by default, any
SQLAlchemy URL in ``IMC_DATABASE_URL``). Validation returns message *codes* per field
so the page can word them in the investor's language; nothing here renders text.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
import threading
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

import pandas as pd
from sqlalchemy import Column, DateTime, Engine, Integer, String, Table, Text, insert, inspect, select
from sqlalchemy.exc import IntegrityError, OperationalError, ProgrammingError

from . import db

LIMITS = {"name": 120, "organisation": 200, "email": 254, "country": 100, "message": 2000}
REQUIRED = ("name", "organisation", "email", "country")
MIN_INTERVAL_SECONDS = 5.0  # one enquiry per few seconds per session
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


_create_lock = threading.Lock()


def _prepare(engine: Engine) -> None:
    # Threads of one process take turns; another process (a second replica) may still win the
    # race to CREATE TABLE, which is fine as long as the table exists afterwards.
    with _create_lock:
        try:
            db.ensure_tables(engine, enquiries)
        except (OperationalError, ProgrammingError):
            if not inspect(engine).has_table(enquiries.name):
                raise


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
    e = normalise(enquiry)
    errors: dict[str, FieldError] = {}
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
) -> str:
    """Validate and store an enquiry; return its reference number.

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

    Raises
    ------
    InvalidEnquiryError
        When a field is wrong; nothing is stored.
    """
    errors = validate_enquiry(enquiry, known_opportunities)
    if errors:
        raise InvalidEnquiryError(errors)
    e = normalise(enquiry)
    engine = engine or db.get_engine()
    _prepare(engine)
    when = now or dt.datetime.now(dt.UTC)
    for _ in range(5):  # a repeated random reference is astronomically rare; retry rather than fail
        reference = new_reference(when)
        try:
            with engine.begin() as conn:
                conn.execute(
                    insert(enquiries).values(
                        reference=reference,
                        created_at=when,
                        name=e.name,
                        organisation=e.organisation,
                        email=e.email,
                        country=e.country,
                        message=e.message,
                        opportunity_ids=",".join(e.opportunity_ids),
                        lang=e.lang,
                    )
                )
            return reference
        except IntegrityError:
            continue
    raise RuntimeError("could not allocate a unique enquiry reference")


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
