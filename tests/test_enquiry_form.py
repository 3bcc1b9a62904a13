"""The enquiry form on the Opportunities page: spam trap, limits per address and per hour, the
visitor's messages in their language, and staff told when a limit was hit."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import auth, enquiry_form
from imc_data import db
from imc_data import enquiries as enq

from .apptest_helpers import APP, run_app, visible_text

PAGE = "pages/3_opportunities.py"


@pytest.fixture(autouse=True)
def database(tmp_path, monkeypatch):
    monkeypatch.setenv("IMC_DATABASE_PATH", str(tmp_path / "imc.sqlite3"))
    monkeypatch.delenv("IMC_DATABASE_URL", raising=False)
    monkeypatch.setenv(enq.PER_ADDRESS_ENV, "2")
    monkeypatch.setenv(enq.PER_HOUR_ENV, "20")
    yield
    db.dispose_all()


@pytest.fixture
def client(monkeypatch):
    """Set the address the next submissions come from (AppTest itself has no connection)."""
    address = ["203.0.113.7"]
    monkeypatch.setattr(enquiry_form, "client_address", lambda: address[0])
    return address


def widget(at: AppTest, kind: str, key: str):
    return next(w for w in getattr(at, kind) if w.key == key)


def send(at: AppTest, name: str, trap: str = "") -> AppTest:
    another = [b for b in at.button if b.key == "enq_another"]
    if another:  # the confirmation of the last one stands where the form was
        at = another[0].click().run()
    for key, value in (("name", name), ("organisation", "Org"), ("email", "a@example.de"), ("country", "DE")):
        widget(at, "text_input", f"enq_{key}").input(value)
    widget(at, "text_input", enquiry_form.TRAP_KEY).input(trap)
    at.session_state["enquiry_sent_at"] = None  # a new browser session: the 5-second rule is tested elsewhere
    return next(b for b in at.button if b.label in ("Send enquiry", "Отправить запрос")).click().run()


def test_the_spam_trap_is_hidden_and_a_filled_trap_stores_nothing(client):
    at = run_app(PAGE)
    trap = widget(at, "text_input", enquiry_form.TRAP_KEY)
    assert trap.label == "Leave this field empty"
    hidden = [h.proto.body for h in at.get("html") if f".st-key-{enquiry_form.TRAP_KEY}" in h.proto.body]
    assert hidden and "display: none" in hidden[0]
    at = send(at, "Bot", trap="http://spam.example")
    assert [e.value for e in at.error] == ["The enquiry could not be saved right now. Please try again in a minute."]
    assert enq.list_enquiries().empty
    refused = enq.refusals(since=enq.dt.datetime(2000, 1, 1, tzinfo=enq.dt.UTC))
    assert refused[["reason", "client", "refused"]].values.tolist() == [["spam_trap", "203.0.113.7", 1]]


def test_past_the_limit_the_visitor_is_told_in_russian_and_keeps_what_they_typed(client):
    at = run_app(PAGE, lang="ru")
    for n in range(2):
        at = send(at, f"Анна {n}")
        assert at.success and "Номер обращения: IMC-" in at.success[0].value
    at = send(at, "Анна 2")
    assert not at.success
    warning = [w.value for w in at.warning if "запрос" in w.value]  # the page's own notes aside
    assert len(warning) == 1 and warning[0].startswith("С вашей сети за последний час уже отправлено")
    assert "мин;" in warning[0] and "{" not in warning[0]
    assert widget(at, "text_input", "enq_name").value == "Анна 2"  # nothing lost
    assert len(enq.list_enquiries()) == 2
    # A different client (another investor) still gets through.
    client[0] = "198.51.100.2"
    at = send(at, "Investor elsewhere")
    assert at.success and len(enq.list_enquiries()) == 3


def test_past_the_hourly_total_the_visitor_is_told_in_english(client, monkeypatch):
    monkeypatch.setenv(enq.PER_HOUR_ENV, "1")
    at = send(run_app(PAGE), "Anna")
    assert at.success
    client[0] = "198.51.100.2"
    at = send(at, "Ben")
    assert any(w.value.startswith("We are receiving an unusually large number of enquiries") for w in at.warning)


def test_staff_are_told_that_enquiries_were_refused(client):
    at = run_app(PAGE)
    for n in range(3):
        at = send(at, f"Flood {n}")
    send(at, "Bot", trap="x")
    staff = AppTest.from_file(APP, default_timeout=60)
    staff.run()
    staff.switch_page("pages/6_data.py")
    staff.session_state[auth.SESSION_USER] = "Olga"
    staff.run()
    notice = [w.value for w in staff.warning if "Enquiries refused in the last 24 hours" in w.value]
    assert notice == [
        "Enquiries refused in the last 24 hours: 1 over the limit of 2 an hour from one address; 1 caught by the "
        "spam trap. If genuine investors were among them (many people behind one office or venue network), the "
        "operator raises the limits (docs/operations.md, “Enquiry limits”)."
    ]
    log = "\n".join(df.value.to_string() for df in staff.dataframe)
    assert "203.0.113.7" in log and "limit per address" in log and "spam trap" in log


def test_visitors_never_see_the_security_notices(client):
    at = run_app(PAGE)
    for n in range(3):
        at = send(at, f"Flood {n}")
    public = AppTest.from_file(APP, default_timeout=60)
    public.run()
    public.switch_page("pages/6_data.py")
    public.run()
    assert "refused" not in visible_text(public).lower()
    assert "203.0.113.7" not in "\n".join(df.value.to_string() for df in public.dataframe)


def test_after_sending_the_confirmation_takes_the_form_s_place_and_a_second_press_sends_nothing(client):
    at = send(run_app(PAGE), "Anna")
    assert len(enq.list_enquiries()) == 1
    assert at.success and "Reference number: IMC-" in at.success[0].value
    assert not [b for b in at.button if b.label == "Send enquiry"]  # nothing to press twice
    at = next(b for b in at.button if b.label == "Send another enquiry").click().run()
    assert widget(at, "text_area", "enq_message").value == "" and not at.success
    assert widget(at, "text_input", "enq_name").value == "Anna"  # the sender's details are filled in again
    assert len(enq.list_enquiries()) == 1


def test_a_refusal_is_shown_above_the_send_button_where_the_visitor_is_looking(client):
    at = run_app(PAGE)
    widget(at, "text_input", "enq_email").input("not an address")
    at = next(b for b in at.button if b.label == "Send enquiry").click().run()
    form = next(block for block in at.main.children.values() if getattr(block, "type", "") == "form")
    parts = list(form.children.values())
    with_error = [i for i, part in enumerate(parts) if getattr(part, "error", None)]
    button = next(i for i, part in enumerate(parts) if getattr(part, "type", "") == "button")
    assert with_error and with_error[0] == button - 1, [getattr(p, "type", "") for p in parts]
    assert any("mail" in e.value.lower() for e in parts[with_error[0]].error)
