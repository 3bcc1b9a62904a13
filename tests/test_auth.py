"""The staff door: password hashes, throttling per client / name / globally, the sign-in log,
staff sessions, a damaged hash setting, and nothing staff-only rendered before sign-in.

(That a reload keeps staff signed in is tested in a real browser: tests/browser/test_staff_session.py.)
"""

from __future__ import annotations

import datetime as dt
import logging
import subprocess
import sys
import threading

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import auth
from imc_data import db, enquiries, staff_access

from .apptest_helpers import APP, visible_text
from .conftest import ROOT

PASSWORD = "correct horse battery staple"
FAST = {"n": 2**10}  # a cheap scrypt cost keeps the tests fast; the default cost is 2**14
# A fixed salt: the parametrised cases below are built from it at collection, the same in every xdist worker.
ENCODED = auth.hash_password(PASSWORD, salt=b"imc-test-salt-16", **FAST)
START = dt.datetime(2026, 12, 2, 10, 0, 3, tzinfo=dt.UTC)  # 3 s into a 15-minute window


class FakeTime:
    """A UTC clock that only moves when someone sleeps or a test moves it."""

    def __init__(self):
        self.now = START
        self.slept: list[float] = []

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += dt.timedelta(seconds=seconds)

    def clock(self) -> dt.datetime:
        return self.now


@pytest.fixture
def fake_time(monkeypatch):
    fake = FakeTime()
    monkeypatch.setattr(auth, "GUARD", auth.Guard(sleep=fake.sleep, clock=fake.clock))
    return fake


@pytest.fixture
def security_log():
    """Lines the app writes to the ``imc.security`` log while the test runs."""
    records: list[logging.LogRecord] = []
    handler = logging.Handler()
    handler.emit = records.append
    logger = logging.getLogger("imc.security")
    logger.addHandler(handler)
    yield records
    logger.removeHandler(handler)


def setting(value: str = ENCODED) -> auth.PasswordSetting:
    return auth.PasswordSetting(value, "environment", auth.hash_problem(value))


def try_password(password: str, client: str, name: str = "Olga") -> auth.SignIn:
    return auth.sign_in(password, name, client, setting())


# --------------------------------------------------------------------------- hashes


def test_hash_verifies_only_the_right_password():
    assert ENCODED.startswith("scrypt$1024$8$1$")
    assert auth.verify_password(PASSWORD, ENCODED)
    assert not auth.verify_password(PASSWORD + " ", ENCODED)
    assert not auth.verify_password("", ENCODED)
    assert auth.hash_password(PASSWORD, **FAST) != ENCODED  # a fresh salt each time
    for broken in ("", "plain-text-password", "scrypt$x$8$1$AA==$AA==", "bcrypt$1$2$3$4$5"):
        assert not auth.verify_password(PASSWORD, broken)


def _through_bash(assignment: str) -> str:
    """What the variable holds after a shell ran ``export IMC_STAFF_PASSWORD_HASH=…`` as written."""
    script = f"export {auth.HASH_ENV}={assignment}; printenv {auth.HASH_ENV}"
    return subprocess.run(["bash", "-c", script], capture_output=True, text=True, check=True).stdout.strip()


def test_a_hash_the_shell_mangled_is_recognised_and_a_quoted_one_survives():
    unquoted = _through_bash(ENCODED)
    double_quoted = _through_bash(f'"{ENCODED}"')
    single_quoted = _through_bash(f"'{ENCODED}'")
    assert unquoted != ENCODED and double_quoted != ENCODED  # the shell ate the $ parts
    assert auth.hash_problem(unquoted) == auth.hash_problem(double_quoted) == "shell_mangled"
    assert single_quoted == ENCODED and auth.hash_problem(single_quoted) is None


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("", "missing"),
        ("   ", "missing"),
        (f"'{ENCODED}'", "quoted"),  # docker --env-file keeps quote characters
        (f'"{ENCODED}"', "quoted"),
        (PASSWORD, "not_a_hash"),
        ("bcrypt$2b$12$abcdefghijklmnopqrstuv", "not_a_hash"),
        (ENCODED.rsplit("$", 1)[0], "shell_mangled"),  # a part lost
        (ENCODED.replace("$1024$", "$1000$"), "malformed"),  # n not a power of two
        (ENCODED.replace("$1024$", "$x$"), "malformed"),
        (ENCODED.replace("$1024$", "$1048576$"), "malformed"),  # 1 GiB per check: more than scrypt may use
        (ENCODED[:-8] + "!!!!!!!=", "malformed"),  # not base64
        (ENCODED.rsplit("$", 1)[0] + "$AAAA", "malformed"),  # a digest of 3 bytes
    ],
)
def test_malformed_hashes_are_named(value, problem):
    assert auth.hash_problem(value) == problem
    assert not auth.verify_password(PASSWORD, value)


@pytest.mark.slow
def test_the_check_command_tells_the_operator(tmp_path):
    def check(value: str) -> subprocess.CompletedProcess:
        env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), auth.HASH_ENV: value}
        command = [sys.executable, "-m", "dashboard.auth", "--check"]
        return subprocess.run(
            command, cwd=tmp_path, env=env | {"PYTHONPATH": str(ROOT)}, capture_output=True, text=True
        )

    bad = check(_through_bash(ENCODED))
    assert bad.returncode == 1
    assert f"environment ({auth.HASH_ENV})" in bad.stderr and "single quotes" in bad.stderr
    good = check(ENCODED)
    assert good.returncode == 0 and "usable" in good.stdout


# --------------------------------------------------------------------------- throttling


def test_wrong_passwords_wait_longer_each_time(fake_time):
    results = [try_password("guess", "203.0.113.5") for _ in range(4)]
    assert [r.reason for r in results] == ["wrong"] * 4
    assert fake_time.slept == [1.0, 2.0, 4.0, 8.0]


def test_an_attacker_locks_only_their_own_connection(fake_time):
    for _ in range(staff_access.SignInPolicy().per_client):
        assert try_password("guess", "203.0.113.5").reason == "wrong"
    during = try_password(PASSWORD, "203.0.113.5")
    assert not during.ok and during.reason == "locked" and 0 < during.wait_seconds <= 900
    assert try_password(PASSWORD, "198.51.100.20", name="Olga").ok  # a colleague elsewhere, same name
    fake_time.now += dt.timedelta(seconds=during.wait_seconds)
    assert try_password(PASSWORD, "203.0.113.5").ok  # the next window


def test_an_attack_on_one_name_does_not_lock_that_person_out(fake_time):
    policy = staff_access.SignInPolicy()
    attackers = [f"203.0.113.{n}" for n in range(1, policy.per_name + 1)]
    for client in attackers:
        assert try_password("guess", client, name="Olga").reason == "wrong"
    # The name is under attack: a client that already failed with it is held back ...
    assert try_password(PASSWORD, attackers[0], name="olga").reason == "locked"
    # ... but Olga, on a connection that has not tried yet, gets in.
    assert try_password(PASSWORD, "198.51.100.20", name="Olga").ok


def test_past_the_global_ceiling_each_client_gets_one_try_and_a_right_password_still_works(fake_time):
    policy = staff_access.SignInPolicy()
    for n in range(policy.global_ceiling):  # a distributed attack: one guess per address
        assert try_password("guess", f"10.0.{n // 200}.{n % 200 + 1}", name=f"user{n}").reason == "wrong"
    assert try_password("guess", "192.0.2.1").reason == "wrong"
    assert try_password("guess", "192.0.2.1").reason == "locked"  # a second try is refused at once
    assert try_password(PASSWORD, "198.51.100.20").ok


def test_sign_in_attempts_are_logged_for_staff_and_operators(fake_time, security_log):
    try_password("guess", "203.0.113.5", name="Mallory")
    try_password(PASSWORD, "198.51.100.20", name="Olga")
    for _ in range(5):
        try_password("guess", "203.0.113.5", name="Mallory")
    stored = staff_access.recent_attempts()
    assert list(stored["outcome"])[:2] == ["wrong", "wrong"] and "ok" in set(stored["outcome"])
    assert set(zip(stored["client"], stored["name"], strict=True)) == {
        ("203.0.113.5", "Mallory"),
        ("198.51.100.20", "Olga"),
    }
    locked = staff_access.lockouts(since=START - dt.timedelta(hours=1))
    assert list(locked["client"]) == ["203.0.113.5"] and int(locked["refused"].iloc[0]) == 1
    lines = [r.getMessage() for r in security_log]
    assert any("ok for 198.51.100.20" in line and "Olga" in line for line in lines)
    assert any("wrong password for 203.0.113.5" in line for line in lines)
    assert any("locked for 203.0.113.5" in line for line in lines)


def test_parallel_tries_from_one_client_check_at_most_the_allowed_number(db_url):
    engine = db.get_engine(db_url)
    policy = staff_access.SignInPolicy()
    checked: list[int] = []
    lock = threading.Lock()
    start = threading.Barrier(12)

    def wrong() -> bool:
        with lock:
            checked.append(1)
        return False

    def one_try() -> None:
        start.wait()
        staff_access.attempt("203.0.113.5", "x", wrong, policy=policy, now=START, engine=engine)

    workers = [threading.Thread(target=one_try) for _ in range(12)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert len(checked) == policy.per_client
    ok = staff_access.attempt("198.51.100.20", "y", lambda: True, policy=policy, now=START, engine=engine)
    assert ok.ok


# --------------------------------------------------------------------------- sessions


def test_a_staff_session_lasts_its_lifetime_and_ends_at_sign_out(db_url):
    engine = db.get_engine(db_url)
    token, session = staff_access.open_session("Olga", "198.51.100.20", dt.timedelta(hours=8), now=START, engine=engine)
    assert len(token) >= 40 and session.name == "Olga"
    found = staff_access.find_session(token, now=START + dt.timedelta(hours=7, minutes=59), engine=engine)
    assert found is not None and found.name == "Olga"
    assert staff_access.find_session(token, now=START + dt.timedelta(hours=8), engine=engine) is None
    assert staff_access.find_session(token + "x", now=START, engine=engine) is None
    staff_access.close_session(session.token_sha256, engine=engine)
    assert staff_access.find_session(token, now=START, engine=engine) is None


# --------------------------------------------------------------------------- the page


def _data_page(**secrets) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in secrets.items():
        at.secrets[key] = value
    at.run()
    at.switch_page("pages/6_data.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


VISITOR_DOWNLOADS = ("download_one", "download_all")  # the tables, offered to everybody on the About the data page


def _staff_controls(at: AppTest) -> list[str]:
    """Everything that only staff may see: editors, uploads, publish/restore buttons, downloads."""
    found = [b.label for b in at.button if b.label not in ("Sign in",)]
    found += [f"uploader:{u.label}" for u in at.file_uploader]
    found += [f"editor:{e.key}" for e in at.data_editor]
    found += [f"download:{d.label}" for d in at.download_button if d.key not in VISITOR_DOWNLOADS]
    found += [f"select:{s.label}" for s in at.selectbox if s.key != "download_table"]
    return found


def _store_enquiry() -> None:
    enquiries.submit_enquiry(enquiries.Enquiry("Zinaida Secretova", "Acme Health", "zinaida@example.org", "Germany"))


def _sign_in(at: AppTest, password: str, name: str = "Olga") -> AppTest:
    at.text_input(key="auth_name").input(name)
    at.text_input(key="auth_password").input(password)
    return next(b for b in at.button if b.label in ("Sign in", "Войти")).click().run()


def test_visitors_see_no_staff_controls_and_no_enquiries():
    _store_enquiry()
    at = _data_page(staff_password_hash=ENCODED)
    assert [t.label for t in at.text_input] == ["Your name (recorded in the audit log)", "Staff password"]
    assert _staff_controls(at) == []
    shown = visible_text(at) + " ".join(df.value.to_string() for df in at.dataframe)
    assert "Zinaida" not in shown and "zinaida@example.org" not in shown


def test_wrong_password_on_the_page_is_refused_delayed_and_shows_nothing(fake_time):
    _store_enquiry()
    at = _sign_in(_data_page(staff_password_hash=ENCODED), "not the password")
    assert [e.value for e in at.error] == ["Wrong password."]
    assert fake_time.slept == [1.0]
    assert _staff_controls(at) == []
    assert "Zinaida" not in " ".join(df.value.to_string() for df in at.dataframe)


def test_right_password_opens_the_staff_part_with_enquiries_and_a_sign_out(fake_time):
    _store_enquiry()
    at = _sign_in(_data_page(staff_password_hash=ENCODED), PASSWORD)
    assert not at.exception
    assert fake_time.slept == []
    text = visible_text(at)
    assert "Signed in as Olga" in text and "stays signed in for up to 8 h" in text
    controls = _staff_controls(at)
    assert "Sign out" in controls and "Check changes" in controls
    assert any(c.startswith("uploader:Upload the edited file") for c in controls)
    assert any("zinaida@example.org" in df.value.to_string() for df in at.dataframe)
    assert "download:Download enquiries (CSV)" in controls
    # A session was stored for the cookie; signing out ends it.
    assert staff_access.find_session(token_sha256=at.session_state[auth.SESSION_TOKEN]) is not None
    digest = at.session_state[auth.SESSION_TOKEN]
    next(b for b in at.button if b.label == "Sign out").click().run()
    assert staff_access.find_session(token_sha256=digest) is None
    assert [t.label for t in at.text_input] == ["Your name (recorded in the audit log)", "Staff password"]
    assert _staff_controls(at) == []


def test_a_session_ended_elsewhere_signs_this_browser_out(fake_time):
    at = _sign_in(_data_page(staff_password_hash=ENCODED), PASSWORD)
    staff_access.close_session(at.session_state[auth.SESSION_TOKEN])  # e.g. signed out in another tab
    at.run()
    assert _staff_controls(at) == [] and "Signed in as" not in visible_text(at)


def test_a_locked_connection_is_told_in_russian_that_colleagues_can_still_sign_in(fake_time, monkeypatch):
    monkeypatch.setattr(auth, "client_address", lambda: "203.0.113.5")
    at = AppTest.from_file(APP, default_timeout=60)
    at.secrets["staff_password_hash"] = ENCODED
    at.query_params["lang"] = "ru"
    at.run()
    at.switch_page("pages/6_data.py")
    at.query_params["lang"] = "ru"
    at.run()
    for _ in range(staff_access.SignInPolicy().per_client + 1):
        at = _sign_in(at, "guess")
    assert any("вход отсюда приостановлен" in e.value and "Коллеги" in e.value for e in at.error)
    monkeypatch.setattr(auth, "client_address", lambda: "198.51.100.20")
    at = _sign_in(at, PASSWORD)
    assert "Вы вошли как Olga" in visible_text(at)
    # Staff are told that sign-in was paused for a connection.
    assert any("203.0.113.5" in w.value for w in at.warning)


@pytest.mark.parametrize("configured", ["none", "mangled"])
def test_without_a_usable_hash_visitors_see_the_usual_form_and_only_a_sign_in_attempt_is_told(
    configured, monkeypatch, security_log
):
    if configured == "mangled":  # a fresh hash: its damage has not been reported in this process yet
        monkeypatch.setenv(auth.HASH_ENV, _through_bash(auth.hash_password(PASSWORD, **FAST)))
    at = _data_page()
    assert [t.label for t in at.text_input] == ["Your name (recorded in the audit log)", "Staff password"]
    assert "not configured" not in visible_text(at).lower() and not at.info and not at.error
    at = _sign_in(at, PASSWORD)
    assert [e.value for e in at.error] == [auth.translate("data.auth_unavailable", "en")]
    assert _staff_controls(at) == []
    errors = [r.getMessage() for r in security_log if r.levelno >= logging.ERROR]
    if configured == "mangled":  # the operator is told on the first page view: where, what, the fix
        assert len(errors) == 1 and auth.HASH_ENV in errors[0] and "single quotes" in errors[0]
    else:
        assert errors == []


def test_signed_in_staff_are_told_the_password_setting_is_damaged(monkeypatch):
    monkeypatch.setenv(auth.HASH_ENV, _through_bash(ENCODED))
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.switch_page("pages/6_data.py")
    at.session_state[auth.SESSION_USER] = "Olga"  # e.g. a session opened before the setting broke
    at.run()
    assert any("password setting on this server is damaged" in e.value and "$ parts" in e.value for e in at.error)


def test_password_hash_from_the_environment(monkeypatch, fake_time):
    monkeypatch.setenv(auth.HASH_ENV, ENCODED)
    at = _sign_in(_data_page(), PASSWORD)
    assert "Signed in as Olga" in visible_text(at)


def test_with_openid_connect_configured_the_page_offers_st_login_only():
    at = _data_page(
        auth={
            "redirect_uri": "http://localhost:8501/oauth2callback",
            "cookie_secret": "x" * 32,
            "client_id": "imc-dashboard",
            "client_secret": "secret",
            "server_metadata_url": "https://idp.example.org/.well-known/openid-configuration",
        },
        staff_password_hash=ENCODED,
    )
    assert [b.label for b in at.button] == ["Sign in with your organisation account"]
    assert not at.text_input  # no password form when OIDC is configured
    assert _staff_controls(at) == ["Sign in with your organisation account"]
