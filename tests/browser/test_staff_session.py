"""The staff session in a real browser: a reload keeps staff signed in, for a bounded time, until
they sign out — and a signed-out cookie opens nothing. The enquiry form's spam trap is invisible."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from dashboard import auth
from dashboard.i18n import translate
from tools.page_state import TIMEOUT_MS, WS_HOOK_JS

from .conftest import VIEWPORT, act, open_page, serve

PASSWORD = "correct horse battery staple"


@pytest.fixture(scope="module")
def staff_app(chromium_executable, tmp_path_factory) -> Iterator[str]:
    """The app with a staff password configured in the environment."""
    folder = tmp_path_factory.mktemp("staff_session")
    env = {
        "IMC_DATABASE_PATH": str(folder / "imc.sqlite3"),
        "IMC_SNAPSHOT_DIR": str(folder / "snapshots"),
        auth.HASH_ENV: auth.hash_password(PASSWORD, n=2**10),
    }
    with serve(tmp_path_factory, "staff", env) as base:
        yield base


def _context(browser):
    """A browser context like :func:`visitor`'s: the page-state hook installed, long timeouts."""
    context = browser.new_context(viewport=VIEWPORT)
    context.set_default_timeout(TIMEOUT_MS)
    context.add_init_script(WS_HOOK_JS)
    return context


def _signed_in_text(page, lang: str = "en") -> bool:
    return page.get_by_text(translate("data.auth_signed_in_as", lang, name="Olga")).is_visible()


def _password_form_shown(page) -> bool:
    return page.get_by_label(translate("data.auth_password", "en")).count() == 1


def test_a_reload_keeps_staff_signed_in_until_they_sign_out(staff_app, browser):
    context = _context(browser)
    page = context.new_page()
    open_page(page, staff_app + "/data")
    page.get_by_text(translate("data.staff_entry", "en")).click()  # the discreet entry folds the form away
    page.get_by_label(translate("data.auth_name", "en")).fill("Olga")
    page.get_by_label(translate("data.auth_password", "en")).fill(PASSWORD)
    act(page, page.get_by_role("button", name=translate("data.auth_sign_in", "en")).click)
    page.get_by_text(translate("data.auth_signed_in_as", "en", name="Olga")).wait_for()

    cookie = next(c for c in context.cookies() if c["name"] == auth.COOKIE_NAME)
    assert cookie["sameSite"] == "Strict" and cookie["path"] == "/"
    hours_left = (cookie["expires"] - time.time()) / 3600
    assert 7.9 < hours_left <= 8.0  # bounded: the default session lasts 8 hours

    open_page(page, page.url)  # a reload
    page.get_by_text(translate("data.auth_signed_in_as", "en", name="Olga")).wait_for()
    page.get_by_role("button", name=translate("data.check", "en")).wait_for()  # the staff tools
    assert not _password_form_shown(page)

    other_tab = context.new_page()  # the same browser, another tab, in Russian
    open_page(other_tab, staff_app + "/data?lang=ru")
    other_tab.get_by_text(translate("data.auth_signed_in_as", "ru", name="Olga")).wait_for()
    other_tab.close()

    act(page, page.get_by_role("button", name=translate("data.auth_sign_out", "en")).click)
    page.get_by_text(translate("data.staff_entry", "en")).click()
    page.get_by_label(translate("data.auth_password", "en")).wait_for()
    assert not any(c["name"] == auth.COOKIE_NAME and c["value"] for c in context.cookies())
    open_page(page, page.url)
    page.get_by_text(translate("data.staff_entry", "en")).click()
    page.get_by_label(translate("data.auth_password", "en")).wait_for()
    assert not _signed_in_text(page)
    context.close()

    # The signed-out token, put back into a fresh browser by hand, opens nothing.
    replay = _context(browser)
    replay.add_cookies([{**cookie, "expires": time.time() + 3600}])
    page = replay.new_page()
    open_page(page, staff_app + "/data")
    page.get_by_text(translate("data.staff_entry", "en")).click()
    page.get_by_label(translate("data.auth_password", "en")).wait_for()
    assert not _signed_in_text(page)
    replay.close()


def test_the_spam_trap_is_invisible_and_unreachable(staff_app, visitor):
    page = visitor.page
    open_page(page, staff_app + "/opportunities")
    page.get_by_label(translate("opportunities.enquiry.name", "en")).wait_for()  # the form is drawn
    trap = page.get_by_label(translate("enquiry.trap_label", "en"))
    assert trap.count() == 1 and not trap.is_visible()
