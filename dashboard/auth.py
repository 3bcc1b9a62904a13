"""Staff sign-in for the Data page.

Two ways, chosen by configuration:

* **OpenID Connect** — when ``[auth]`` is configured in ``.streamlit/secrets.toml``,
  Streamlit's ``st.login`` is used; ``staff_emails`` (secrets) may restrict who counts as staff.
* **Staff password** — otherwise. Only a scrypt hash is stored, in secrets
  (``staff_password_hash``) or the environment (``IMC_STAFF_PASSWORD_HASH``); create one with
  ``python -m dashboard.auth``. The check is constant-time; every failure waits longer
  (1, 2, 4 … s) and after :data:`MAX_FAILURES` failures sign-in is locked for
  :data:`LOCKOUT_SECONDS`, whatever password is tried.

Nothing here renders staff controls: pages ask :func:`is_staff` first.
"""

from __future__ import annotations

import base64
import getpass
import hashlib
import hmac
import os
import secrets
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import streamlit as st

from .i18n import translate

HASH_ENV = "IMC_STAFF_PASSWORD_HASH"
SECRET_KEY = "staff_password_hash"  # noqa: S105 - the name of the secret, not a password
SESSION_USER = "staff_user"
MAX_FAILURES = 5
LOCKOUT_SECONDS = 300.0
BASE_DELAY_SECONDS = 1.0
MAX_DELAY_SECONDS = 8.0
_SCRYPT = {"n": 2**14, "r": 8, "p": 1}


# --------------------------------------------------------------------------- password hashes


def hash_password(password: str, *, salt: bytes | None = None, n: int = _SCRYPT["n"], r: int = 8, p: int = 1) -> str:
    """An scrypt hash as ``scrypt$n$r$p$salt$hash`` (base64 parts), safe to store in secrets."""
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=32)
    b64 = base64.b64encode
    return f"scrypt${n}${r}${p}${b64(salt).decode()}${b64(digest).decode()}"


def verify_password(password: str, encoded: str) -> bool:
    """Whether ``password`` matches the stored hash (constant-time comparison; bad hashes never match)."""
    try:
        scheme, n, r, p, salt, digest = encoded.strip().split("$")
        if scheme != "scrypt":
            return False
        expected = base64.b64decode(digest)
        got = hashlib.scrypt(
            password.encode("utf-8"), salt=base64.b64decode(salt), n=int(n), r=int(r), p=int(p), dklen=len(expected)
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(got, expected)


# --------------------------------------------------------------------------- throttling


@dataclass
class Throttle:
    """Delay after each failed sign-in and lock-out after repeated failures.

    ``sleep`` and ``clock`` are injectable so tests can check the delays without waiting.
    The state is per process (shared by every browser session), so opening a new tab does
    not reset the count.
    """

    max_failures: int = MAX_FAILURES
    lockout_seconds: float = LOCKOUT_SECONDS
    base_delay: float = BASE_DELAY_SECONDS
    max_delay: float = MAX_DELAY_SECONDS
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.monotonic
    failures: int = 0
    locked_until: float = 0.0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def locked_for(self) -> float:
        """Seconds left in the lock-out (0 when sign-in is open)."""
        return max(0.0, self.locked_until - self.clock())

    def failed(self) -> float:
        """Record a failure, wait, and return the delay waited."""
        with self._lock:
            self.failures += 1
            delay = min(self.max_delay, self.base_delay * 2 ** (self.failures - 1))
            if self.failures >= self.max_failures:
                self.locked_until = self.clock() + self.lockout_seconds
                self.failures = 0
        self.sleep(delay)
        return delay

    def succeeded(self) -> None:
        """Reset the failure count."""
        with self._lock:
            self.failures = 0


THROTTLE = Throttle()


@dataclass(frozen=True)
class SignIn:
    """The result of a password attempt: ``ok``, or why not (``wrong`` / ``locked`` / ``unconfigured``)."""

    ok: bool
    reason: str = ""
    wait_seconds: float = 0.0


def check_password(password: str, encoded: str | None, throttle: Throttle = THROTTLE) -> SignIn:
    """Check a password against the configured hash, applying the delay and the lock-out."""
    if not encoded:
        return SignIn(False, "unconfigured")
    locked = throttle.locked_for()
    if locked > 0:
        throttle.sleep(throttle.base_delay)  # a locked-out attempt costs time too, and is not checked
        return SignIn(False, "locked", locked)
    if verify_password(password, encoded):
        throttle.succeeded()
        return SignIn(True)
    throttle.failed()
    locked = throttle.locked_for()
    return SignIn(False, "locked" if locked > 0 else "wrong", locked)


# --------------------------------------------------------------------------- configuration


def _secret(name: str):
    try:
        return st.secrets.get(name)
    except Exception:  # no secrets.toml at all: Streamlit raises, which means "not configured"
        return None


def password_hash_configured() -> str | None:
    """The staff password hash from secrets or the environment (``None`` when none is set)."""
    value = _secret(SECRET_KEY) or os.environ.get(HASH_ENV, "")
    return str(value).strip() or None


def oidc_configured() -> bool:
    """Whether an OpenID Connect provider is configured (``[auth]`` in secrets)."""
    auth = _secret("auth")
    return bool(auth) and bool(auth.get("client_id") or any(isinstance(v, dict) for v in auth.values()))


def _oidc_user() -> str | None:
    user = st.user
    if not getattr(user, "is_logged_in", False):
        return None
    email = str(user.get("email") or user.get("name") or "staff")
    allowed = _secret("staff_emails")
    if allowed and email.lower() not in {str(a).lower() for a in allowed}:
        return None
    return email


def is_staff() -> bool:
    """Whether the current session is signed in as staff."""
    if oidc_configured():
        return _oidc_user() is not None
    return bool(st.session_state.get(SESSION_USER))


def staff_name() -> str:
    """Name recorded in the audit log for the signed-in staff member."""
    if oidc_configured():
        return _oidc_user() or ""
    return str(st.session_state.get(SESSION_USER) or "")


# --------------------------------------------------------------------------- widgets


def login_panel(lang: str) -> bool:
    """Draw the sign-in (or sign-out) controls; return whether the session is staff."""
    if oidc_configured():
        if _oidc_user():
            st.caption(translate("data.auth_signed_in_as", lang, name=staff_name()))
            st.button(translate("data.auth_sign_out", lang), on_click=st.logout, key="auth_logout")
            return True
        if getattr(st.user, "is_logged_in", False):
            st.error(translate("data.auth_not_staff", lang))
        st.button(translate("data.auth_sign_in_oidc", lang), on_click=st.login, key="auth_login")
        return False
    if st.session_state.get(SESSION_USER):
        st.caption(translate("data.auth_signed_in_as", lang, name=staff_name()))
        if st.button(translate("data.auth_sign_out", lang), key="auth_logout"):
            st.session_state.pop(SESSION_USER, None)
            st.rerun()
        return True
    encoded = password_hash_configured()
    if not encoded:
        st.info(translate("data.auth_unconfigured", lang))
        return False
    with st.form("staff_login", clear_on_submit=True):
        name = st.text_input(translate("data.auth_name", lang), key="auth_name")
        password = st.text_input(translate("data.auth_password", lang), type="password", key="auth_password")
        submitted = st.form_submit_button(translate("data.auth_sign_in", lang))
    if submitted:
        result = check_password(password or "", encoded, THROTTLE)
        if result.ok:
            st.session_state[SESSION_USER] = (name or "").strip() or "staff"
            st.rerun()
        elif result.reason == "locked":
            st.error(translate("data.auth_locked", lang, minutes=max(1, round(result.wait_seconds / 60))))
        else:
            st.error(translate("data.auth_wrong", lang))
    return False


def main() -> int:
    """``python -m dashboard.auth``: print the scrypt hash of a password typed twice."""
    first = getpass.getpass("Staff password: ")
    if len(first) < 12:
        print("Use at least 12 characters.", file=sys.stderr)
        return 1
    if getpass.getpass("Again: ") != first:
        print("The two passwords differ.", file=sys.stderr)
        return 1
    print(hash_password(first))
    print(f'Put it in .streamlit/secrets.toml as {SECRET_KEY} = "..." or in the {HASH_ENV} environment variable.')
    return 0


if __name__ == "__main__":
    sys.exit(main())
