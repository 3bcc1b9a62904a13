"""Staff sign-in for the Data page: the staff door.

Two ways, chosen by configuration:

* **OpenID Connect** — when ``[auth]`` is configured in ``.streamlit/secrets.toml``,
  Streamlit's ``st.login`` is used; ``staff_emails`` (secrets) may restrict who counts as staff.
* **Staff password** — otherwise. Only a scrypt hash is stored, in secrets
  (``staff_password_hash``) or the environment (``IMC_STAFF_PASSWORD_HASH``); create one with
  ``python -m dashboard.auth``; ``python -m dashboard.auth --check`` says whether the configured
  one is usable. A malformed hash (typically ``scrypt$…`` with its ``$`` parts eaten by a shell)
  is reported in the server log on the first page view and to signed-in staff; visitors see
  the same sign-in form whatever the configuration.

Throttling is per client address, per account name and global, shared by all replicas
(:mod:`imc_data.staff_access`); a correct password from a client that has not tried yet is
never refused. Every attempt is logged (logger ``imc.security`` and the ``staff_signin_log``
table). A successful sign-in opens a server-side staff session whose random token the browser
keeps in a cookie (``imc_staff``) for :data:`SESSION_HOURS_ENV` hours, so a reload keeps staff
signed in; *Sign out* ends it on every replica.

Nothing here renders staff controls: pages ask :func:`is_staff` first.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import getpass
import hashlib
import hmac
import logging
import os
import re
import secrets
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from imc_data import staff_access

from .client_address import client_address
from .i18n import translate

HASH_ENV = "IMC_STAFF_PASSWORD_HASH"
SECRET_KEY = "staff_password_hash"  # noqa: S105 - the name of the secret, not a password
SESSION_USER = "staff_user"  # session state: the signed-in name (tests may set it directly)
SESSION_TOKEN = "staff_session_sha256"  # noqa: S105 - session-state key of the session token's digest
COOKIE_NAME = "imc_staff"
COOKIE_SEEN = "staff_cookie_seen"  # session state: digest of the cookie already looked up
COOKIE_ACTION = "staff_cookie_action"  # session state: a cookie to set or clear on the next run
SESSION_HOURS_ENV = "IMC_STAFF_SESSION_HOURS"
DEFAULT_SESSION_HOURS = 8
BASE_DELAY_SECONDS = 1.0
MAX_DELAY_SECONDS = 8.0
_SCRYPT = {"n": 2**14, "r": 8, "p": 1}
_MAX_SCRYPT_MEMORY = 32 * 2**20  # bytes (128·n·r); what hashlib.scrypt allows by default
_B64 = re.compile(r"^[A-Za-z0-9+/]+={0,2}$")


def _security_logger() -> logging.Logger:
    """The ``imc.security`` logger, writing to the server's log with level and name (for grep)."""
    logger = logging.getLogger("imc.security")  # imc_data's modules log to the same name
    if not logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
        logger.propagate = False  # Streamlit's own loggers do not propagate either
    return logger


log = _security_logger()


# --------------------------------------------------------------------------- password hashes


def hash_password(password: str, *, salt: bytes | None = None, n: int = _SCRYPT["n"], r: int = 8, p: int = 1) -> str:
    """An scrypt hash as ``scrypt$n$r$p$salt$hash`` (base64 parts), safe to store in secrets."""
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=32)
    b64 = base64.b64encode
    return f"scrypt${n}${r}${p}${b64(salt).decode()}${b64(digest).decode()}"


def hash_problem(value: str | None) -> str | None:
    """What is wrong with a configured hash, as a code; ``None`` when it is usable.

    Codes: ``missing``; ``quoted`` (quote characters kept in the value); ``shell_mangled``
    (``scrypt`` with its ``$`` parts removed, as an unquoted shell or ``.env`` value does);
    ``not_a_hash`` (no ``scrypt$`` prefix: perhaps the password itself); ``malformed`` (six
    parts, but a number, the base64 or the digest length is wrong).
    """
    value = (value or "").strip()
    if not value:
        return "missing"
    if value[0] in "'\"" or value[-1] in "'\"":
        return "quoted"
    parts = value.split("$")
    if parts[0] != "scrypt":
        return "shell_mangled" if value.startswith("scrypt") else "not_a_hash"
    if len(parts) != 6:
        return "shell_mangled"
    _, n, r, p, salt, digest = parts
    if not (n.isdigit() and r.isdigit() and p.isdigit()) or not (_B64.match(salt) and _B64.match(digest)):
        return "malformed"
    n_value, r_value, p_value = int(n), int(r), int(p)
    if n_value < 2 or n_value & (n_value - 1) or not (1 <= r_value <= 64 and 1 <= p_value <= 16):
        return "malformed"
    if 128 * n_value * r_value > _MAX_SCRYPT_MEMORY:  # the check itself would fail (or cost gigabytes)
        return "malformed"
    try:
        if len(base64.b64decode(salt, validate=True)) < 8 or len(base64.b64decode(digest, validate=True)) != 32:
            return "malformed"
    except binascii.Error:
        return "malformed"
    return None


def verify_password(password: str, encoded: str) -> bool:
    """Whether ``password`` matches the stored hash (constant-time comparison; bad hashes never match)."""
    if hash_problem(encoded) is not None:
        return False
    _, n, r, p, salt, digest = encoded.strip().split("$")
    expected = base64.b64decode(digest)
    got = hashlib.scrypt(
        password.encode("utf-8"), salt=base64.b64decode(salt), n=int(n), r=int(r), p=int(p), dklen=len(expected)
    )
    return hmac.compare_digest(got, expected)


# --------------------------------------------------------------------------- configuration


def _secret(name: str):
    try:
        return st.secrets.get(name)
    except Exception:  # no secrets.toml at all: Streamlit raises, which means "not configured"
        return None


@dataclass(frozen=True)
class PasswordSetting:
    """The configured staff password hash, where it came from and what is wrong with it."""

    value: str
    source: str  # "secrets" | "environment" | ""
    problem: str | None

    @property
    def usable(self) -> bool:
        """Whether passwords can be checked against it."""
        return self.problem is None


def password_setting() -> PasswordSetting:
    """The staff password hash from secrets (first) or the environment, checked."""
    from_secrets = str(_secret(SECRET_KEY) or "").strip()
    value, source = (from_secrets, "secrets") if from_secrets else (os.environ.get(HASH_ENV, "").strip(), "environment")
    return PasswordSetting(value, source if value else "", hash_problem(value))


def password_hash_configured() -> str | None:
    """The usable staff password hash, or ``None`` (none configured, or malformed)."""
    setting = password_setting()
    return setting.value if setting.usable else None


_OPERATOR_TEXT = {
    "missing": "no staff password hash is configured, so password sign-in is off",
    "quoted": "the staff password hash is wrapped in quote characters; remove them",
    "shell_mangled": (
        "the staff password hash lost its $ parts (an unquoted shell or .env value); "
        "set it again in single quotes, e.g. IMC_STAFF_PASSWORD_HASH='scrypt$16384$8$1$…'"
    ),
    "not_a_hash": "the staff password hash is not an scrypt hash; create one with python -m dashboard.auth",
    "malformed": "the staff password hash has an invalid part; create a new one with python -m dashboard.auth",
}
_reported: set[tuple[str, str | None, str]] = set()
_report_lock = threading.Lock()


def operator_message(setting: PasswordSetting) -> str:
    """The log line for an unusable setting: where it came from, what is wrong and the fix."""
    where = f"secrets ({SECRET_KEY})" if setting.source == "secrets" else f"environment ({HASH_ENV})"
    return f"{where}: {_OPERATOR_TEXT[setting.problem]}" if setting.source else _OPERATOR_TEXT["missing"]


def report_setting(setting: PasswordSetting) -> None:
    """Log an unusable setting once per process and value (ERROR; a missing one at INFO)."""
    if setting.usable:
        return
    key = (setting.source, setting.problem, hashlib.sha256(setting.value.encode()).hexdigest())
    with _report_lock:
        if key in _reported:
            return
        _reported.add(key)
    (log.info if setting.problem == "missing" else log.error)("staff sign-in: %s", operator_message(setting))


def oidc_configured() -> bool:
    """Whether an OpenID Connect provider is configured (``[auth]`` in secrets)."""
    auth = _secret("auth")
    return bool(auth) and bool(auth.get("client_id") or any(isinstance(v, dict) for v in auth.values()))


def session_lifetime() -> dt.timedelta:
    """How long a staff session lasts (``IMC_STAFF_SESSION_HOURS``, default 8; at most 7 days)."""
    raw = os.environ.get(SESSION_HOURS_ENV, "").strip()
    hours = float(raw) if re.fullmatch(r"\d+(\.\d+)?", raw) else DEFAULT_SESSION_HOURS
    return dt.timedelta(hours=min(max(hours, 0.1), 24 * 7))


# --------------------------------------------------------------------------- checking a password


@dataclass
class Guard:
    """How sign-in waits and what time it is; tests inject both to check delays without waiting."""

    policy: staff_access.SignInPolicy = field(default_factory=staff_access.SignInPolicy)
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC)


GUARD = Guard()


@dataclass(frozen=True)
class SignIn:
    """The result of a password attempt: ``ok``, or why not (``wrong`` / ``locked`` / ``unavailable`` / ``no_database``)."""

    ok: bool
    reason: str = ""
    wait_seconds: float = 0.0


def delay_after(tries: int) -> float:
    """Seconds a wrong password waits: 1, 2, 4, 8 … s for this client's 1st, 2nd … try, at most 8."""
    return min(MAX_DELAY_SECONDS, BASE_DELAY_SECONDS * 2 ** max(0, tries - 1))


def sign_in(password: str, name: str, client: str, setting: PasswordSetting, guard: Guard | None = None) -> SignIn:
    """Throttle, check and log one password attempt from ``client`` typed under ``name`` (default guard :data:`GUARD`)."""
    guard = guard or GUARD
    if not setting.usable:
        report_setting(setting)
        return SignIn(False, "unavailable")
    try:
        result = staff_access.attempt(
            client, name, lambda: verify_password(password, setting.value), policy=guard.policy, now=guard.clock()
        )
    except SQLAlchemyError:
        log.exception("staff sign-in: the database does not answer; attempt from %s refused", client)
        return SignIn(False, "no_database")
    if result.outcome == "locked":
        guard.sleep(BASE_DELAY_SECONDS)  # a refused attempt costs time too, and is not checked
        return SignIn(False, "locked", result.retry_after)
    if not result.ok:
        guard.sleep(delay_after(result.tries))
        return SignIn(False, "wrong")
    return SignIn(True)


# --------------------------------------------------------------------------- staff sessions


def _oidc_user() -> str | None:
    user = st.user
    if not getattr(user, "is_logged_in", False):
        return None
    email = str(user.get("email") or user.get("name") or "staff")
    allowed = _secret("staff_emails")
    if allowed and email.lower() not in {str(a).lower() for a in allowed}:
        return None
    return email


def _forget_session() -> None:
    for key in (SESSION_USER, SESSION_TOKEN):
        st.session_state.pop(key, None)


def _password_user() -> str | None:
    """The signed-in name: from session state, checked against its stored session, or from the cookie."""
    state = st.session_state
    try:
        digest = state.get(SESSION_TOKEN)
        if digest:
            if staff_access.find_session(token_sha256=digest) is None:  # signed out elsewhere, or expired
                _forget_session()
                return None
            return state.get(SESSION_USER)
        if state.get(SESSION_USER):
            return state[SESSION_USER]
        token = st.context.cookies.get(COOKIE_NAME)
        token = token if isinstance(token, str) else None  # AppTest has no browser and no cookies
        seen = hashlib.sha256(token.encode()).hexdigest() if token else None
        if not token or state.get(COOKIE_SEEN) == seen:
            return None
        state[COOKIE_SEEN] = seen  # each cookie is looked up once per browser session
        session = staff_access.find_session(token)
    except SQLAlchemyError:
        log.exception("staff session could not be checked; treated as signed out")
        return None
    if session is None:
        return None
    state[SESSION_USER], state[SESSION_TOKEN] = session.name, session.token_sha256
    return session.name


def is_staff() -> bool:
    """Whether the current session is signed in as staff (a reload keeps a password session)."""
    if oidc_configured():
        return _oidc_user() is not None
    report_setting(password_setting())  # the first page view after start logs a damaged setting
    return _password_user() is not None


def staff_name() -> str:
    """Name recorded in the audit log for the signed-in staff member."""
    if oidc_configured():
        return _oidc_user() or ""
    return str(_password_user() or "")


def _cookie_script(token: str | None, max_age: int) -> str:
    # The token is URL-safe base64: nothing in it can leave the JavaScript string.
    value, age = (token, max_age) if token else ("", 0)
    return (
        f"<script>document.cookie = '{COOKIE_NAME}={value}; Path=/; Max-Age={age}; SameSite=Strict'"
        " + (location.protocol === 'https:' ? '; Secure' : '');</script>"
    )


def _apply_cookie_action() -> None:
    """Set or clear the session cookie in the browser, once, on the run after sign-in or sign-out."""
    action = st.session_state.pop(COOKIE_ACTION, None)
    if action is not None:
        st.html(_cookie_script(*action), unsafe_allow_javascript=True, width="content")


def sign_out() -> None:
    """End the staff session here and on every replica, and clear the browser's cookie."""
    digest = st.session_state.get(SESSION_TOKEN)
    if digest:
        try:
            staff_access.close_session(digest)
        except SQLAlchemyError:
            log.exception("staff session could not be closed in the database")
    _forget_session()
    st.session_state[COOKIE_ACTION] = (None, 0)


def _start_session(name: str, client: str) -> None:
    name = staff_access.account_name(name)
    st.session_state[SESSION_USER] = name
    try:
        token, session = staff_access.open_session(name, client, session_lifetime())
    except SQLAlchemyError:  # signed in for this browser session only
        log.exception("staff session could not be stored; %s stays signed in until the page is reloaded", name)
        return
    st.session_state[SESSION_TOKEN] = session.token_sha256
    st.session_state[COOKIE_ACTION] = (token, int(session_lifetime().total_seconds()))


# --------------------------------------------------------------------------- widgets


def _signed_in_panel(lang: str, name: str, *, password: bool) -> None:
    from . import staff_security

    _apply_cookie_action()
    st.caption(translate("data.auth_signed_in_as", lang, name=name))
    if password:
        hours = f"{session_lifetime().total_seconds() / 3600:g}"
        st.caption(translate("data.auth_session_kept", lang, hours=hours))
        st.button(translate("data.auth_sign_out", lang), on_click=sign_out, key="auth_logout")
        setting = password_setting()
        if setting.problem not in (None, "missing"):
            problem = translate(f"auth.problem.{setting.problem}", lang)
            st.error(translate("data.auth_setting_damaged", lang, problem=problem))
    else:
        st.button(translate("data.auth_sign_out", lang), on_click=st.logout, key="auth_logout")
    staff_security.notices(lang, GUARD.clock())  # the clock that stamped the sign-in windows


def _refusal(lang: str, result: SignIn) -> str:
    if result.reason == "locked":
        return translate("data.auth_locked", lang, minutes=max(1, round(result.wait_seconds / 60)))
    if result.reason in ("unavailable", "no_database"):
        return translate("data.auth_" + result.reason, lang)
    return translate("data.auth_wrong", lang)


def login_panel(lang: str) -> bool:
    """Draw the sign-in (or signed-in) controls; return whether the session is staff.

    Signed in, it also shows staff the security notices of :mod:`dashboard.staff_security`.
    """
    if oidc_configured():
        if _oidc_user():
            _signed_in_panel(lang, staff_name(), password=False)
            return True
        if getattr(st.user, "is_logged_in", False):
            st.error(translate("data.auth_not_staff", lang))
        st.button(translate("data.auth_sign_in_oidc", lang), on_click=st.login, key="auth_login")
        return False
    user = _password_user()
    if user:
        _signed_in_panel(lang, user, password=True)
        return True
    _apply_cookie_action()  # after a sign-out: clear the cookie
    with st.form("staff_login", clear_on_submit=True):
        name = st.text_input(translate("data.auth_name", lang), key="auth_name", max_chars=staff_access.NAME_LENGTH)
        password = st.text_input(translate("data.auth_password", lang), type="password", key="auth_password")
        submitted = st.form_submit_button(translate("data.auth_sign_in", lang))
    if submitted:
        client = client_address()
        result = sign_in(password or "", name or "", client, password_setting())
        if result.ok:
            _start_session(name or "", client)
            st.rerun()
        st.error(_refusal(lang, result))
    return False


def main(argv: list[str] | None = None) -> int:
    """``python -m dashboard.auth``: print the scrypt hash of a password typed twice.

    ``python -m dashboard.auth --check`` instead checks the configured hash (secrets, then
    ``IMC_STAFF_PASSWORD_HASH``): exit status 0 when usable, 1 with the fix otherwise.
    """
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--check"]:
        setting = password_setting()
        if setting.usable:
            print(f"OK: the staff password hash from the {setting.source} is usable.")
            return 0
        print(f"Not usable: {operator_message(setting)}", file=sys.stderr)
        return 1
    first = getpass.getpass("Staff password: ")
    if len(first) < 12:
        print("Use at least 12 characters.", file=sys.stderr)
        return 1
    if getpass.getpass("Again: ") != first:
        print("The two passwords differ.", file=sys.stderr)
        return 1
    print(hash_password(first))
    print(
        f'Put it in .streamlit/secrets.toml as {SECRET_KEY} = "...", or in single quotes in the environment: '
        f"{HASH_ENV}='...' (in double quotes or unquoted, a shell removes its $ parts)."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
