"""Staff sign-in: password hashes, delay and lock-out, and nothing staff-only rendered before sign-in."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import auth

from .apptest_helpers import APP, visible_text

PASSWORD = "correct horse battery staple"
FAST = {"n": 2**10}  # a cheap scrypt cost keeps the tests fast; the default cost is 2**14


@pytest.fixture(autouse=True)
def isolated(tmp_path, monkeypatch):
    monkeypatch.setenv("IMC_DATABASE_PATH", str(tmp_path / "imc.sqlite3"))
    monkeypatch.setenv("IMC_SNAPSHOT_DIR", str(tmp_path / "snapshots"))
    monkeypatch.delenv("IMC_DATABASE_URL", raising=False)
    monkeypatch.delenv(auth.HASH_ENV, raising=False)


class FakeTime:
    """A clock that only moves when someone sleeps (so delays are checked without waiting)."""

    def __init__(self):
        self.now = 1000.0
        self.slept: list[float] = []

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds

    def clock(self) -> float:
        return self.now


@pytest.fixture
def fake_time(monkeypatch):
    fake = FakeTime()
    monkeypatch.setattr(auth, "THROTTLE", auth.Throttle(sleep=fake.sleep, clock=fake.clock))
    return fake


def test_hash_verifies_only_the_right_password():
    encoded = auth.hash_password(PASSWORD, **FAST)
    assert encoded.startswith("scrypt$1024$8$1$")
    assert auth.verify_password(PASSWORD, encoded)
    assert not auth.verify_password(PASSWORD + " ", encoded)
    assert not auth.verify_password("", encoded)
    assert auth.hash_password(PASSWORD, **FAST) != encoded  # a fresh salt each time
    for broken in ("", "plain-text-password", "scrypt$x$8$1$AA==$AA==", "bcrypt$1$2$3$4$5"):
        assert not auth.verify_password(PASSWORD, broken)


def test_wrong_password_is_refused_and_delayed_longer_each_time(fake_time):
    encoded = auth.hash_password(PASSWORD, **FAST)
    results = [auth.check_password("guess", encoded, auth.THROTTLE) for _ in range(4)]
    assert [r.reason for r in results] == ["wrong"] * 4
    assert fake_time.slept == [1.0, 2.0, 4.0, 8.0]


def test_lock_out_after_repeated_failures_refuses_even_the_right_password(fake_time):
    encoded = auth.hash_password(PASSWORD, **FAST)
    for _ in range(auth.MAX_FAILURES):
        last = auth.check_password("guess", encoded, auth.THROTTLE)
    assert last.reason == "locked" and last.wait_seconds > 60
    during = auth.check_password(PASSWORD, encoded, auth.THROTTLE)
    assert not during.ok and during.reason == "locked"
    fake_time.now += auth.LOCKOUT_SECONDS
    assert auth.check_password(PASSWORD, encoded, auth.THROTTLE).ok


def test_no_hash_configured_means_no_sign_in():
    assert auth.check_password(PASSWORD, None).reason == "unconfigured"


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
    from imc_data.enquiries import Enquiry, submit_enquiry

    submit_enquiry(Enquiry("Zinaida Secretova", "Acme Health", "zinaida@example.org", "Germany", "Call me"))


def test_visitors_see_no_staff_controls_and_no_enquiries():
    _store_enquiry()
    at = _data_page(staff_password_hash=auth.hash_password(PASSWORD, **FAST))
    assert [t.label for t in at.text_input] == ["Your name (recorded in the audit log)", "Staff password"]
    assert _staff_controls(at) == []
    shown = visible_text(at) + " ".join(df.value.to_string() for df in at.dataframe)
    assert "Zinaida" not in shown and "zinaida@example.org" not in shown


def test_wrong_password_on_the_page_is_refused_delayed_and_shows_nothing(fake_time):
    _store_enquiry()
    at = _data_page(staff_password_hash=auth.hash_password(PASSWORD, **FAST))
    at.text_input(key="auth_name").input("Olga")
    at.text_input(key="auth_password").input("not the password")
    at.button[0].click().run()
    assert [e.value for e in at.error] == ["Wrong password."]
    assert fake_time.slept == [1.0]
    assert _staff_controls(at) == []
    assert "Zinaida" not in " ".join(df.value.to_string() for df in at.dataframe)


def test_right_password_opens_the_staff_part_with_enquiries(fake_time):
    _store_enquiry()
    at = _data_page(staff_password_hash=auth.hash_password(PASSWORD, **FAST))
    at.text_input(key="auth_name").input("Olga")
    at.text_input(key="auth_password").input(PASSWORD)
    at.button[0].click().run()
    assert not at.exception
    assert fake_time.slept == []
    assert "Signed in as Olga" in visible_text(at)
    controls = _staff_controls(at)
    assert "Check changes" in controls and any(c.startswith("uploader:Upload the edited file") for c in controls)
    assert any("zinaida@example.org" in df.value.to_string() for df in at.dataframe)
    assert "download:Download enquiries (CSV)" in controls


def test_without_a_configured_password_the_page_offers_nothing_and_says_nothing_about_it():
    at = _data_page()
    assert not any("configured" in i.value for i in at.info) and not at.get("popover")  # no sign-in entry at all
    assert not at.text_input and _staff_controls(at) == []


def test_password_hash_from_the_environment(monkeypatch):
    monkeypatch.setenv(auth.HASH_ENV, auth.hash_password(PASSWORD, **FAST))
    at = _data_page()
    assert [t.label for t in at.text_input] == ["Your name (recorded in the audit log)", "Staff password"]


def test_with_openid_connect_configured_the_page_offers_st_login_only():
    at = _data_page(
        auth={
            "redirect_uri": "http://localhost:8501/oauth2callback",
            "cookie_secret": "x" * 32,
            "client_id": "imc-dashboard",
            "client_secret": "secret",
            "server_metadata_url": "https://idp.example.org/.well-known/openid-configuration",
        },
        staff_password_hash=auth.hash_password(PASSWORD, **FAST),
    )
    assert [b.label for b in at.button] == ["Sign in with your organisation account"]
    assert not at.text_input  # no password form when OIDC is configured
    assert _staff_controls(at) == ["Sign in with your organisation account"]
