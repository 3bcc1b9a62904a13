"""The enquiry store: validation per field, write and read back, concurrent writers, abuse limits."""

from __future__ import annotations

import datetime as dt
import re
import threading

import pytest

from imc_data import db
from imc_data import enquiries as enq

GOOD = enq.Enquiry(
    name="Anna Example",
    organisation="Example Health GmbH",
    email="anna@example-health.de",
    country="Germany",
    message="Interested in the ophthalmology slot.\nPlease send the terms.",
    opportunity_ids=("O05", "O07"),
    lang="ru",
)
KNOWN = [f"O{i:02d}" for i in range(1, 13)]


@pytest.fixture
def engine(tmp_path):
    engine = db.get_engine(f"sqlite:///{tmp_path / 'enquiries.sqlite3'}")
    yield engine
    db.dispose_all()


def test_write_and_read_back(engine):
    when = dt.datetime(2026, 11, 24, 9, 30, tzinfo=dt.UTC)
    ref = enq.submit_enquiry(GOOD, known_opportunities=KNOWN, engine=engine, now=when)
    assert re.fullmatch(r"IMC-20261124-[A-Z2-9]{6}", ref)
    rows = enq.list_enquiries(engine)
    assert len(rows) == 1
    row = rows.iloc[0]
    assert row["reference"] == ref
    assert (row["name"], row["organisation"], row["email"], row["country"]) == (
        "Anna Example",
        "Example Health GmbH",
        "anna@example-health.de",
        "Germany",
    )
    assert row["message"] == GOOD.message
    assert row["opportunity_ids"] == "O05,O07"
    assert row["lang"] == "ru"
    assert row["created_at"] == when


def test_newest_first(engine):
    early = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    late = dt.datetime(2026, 2, 1, tzinfo=dt.UTC)
    first = enq.submit_enquiry(GOOD, engine=engine, now=early)
    second = enq.submit_enquiry(GOOD, engine=engine, now=late)
    assert list(enq.list_enquiries(engine)["reference"]) == [second, first]


def test_empty_store_lists_nothing(engine):
    rows = enq.list_enquiries(engine)
    assert rows.empty and "reference" in rows.columns


def test_default_engine_honours_imc_database_path(tmp_path, monkeypatch):
    path = tmp_path / "configured.sqlite3"
    monkeypatch.setenv("IMC_DATABASE_PATH", str(path))
    monkeypatch.delenv("IMC_DATABASE_URL", raising=False)
    try:
        ref = enq.submit_enquiry(GOOD)
        assert path.exists()
        assert list(enq.list_enquiries()["reference"]) == [ref]
    finally:
        db.dispose_all()


@pytest.mark.parametrize(
    ("change", "field", "code"),
    [
        ({"name": "  "}, "name", "required"),
        ({"name": "A"}, "name", "too_short"),
        ({"name": "x" * 121}, "name", "too_long"),
        ({"organisation": ""}, "organisation", "required"),
        ({"email": ""}, "email", "required"),
        ({"email": "anna.example.de"}, "email", "email"),
        ({"email": "anna@localhost"}, "email", "email"),
        ({"email": "an na@example.de"}, "email", "email"),
        ({"email": '=HYPERLINK("x")@a.de'}, "email", "email"),
        ({"country": ""}, "country", "required"),
        ({"message": "m" * 2001}, "message", "too_long"),
        ({"opportunity_ids": ("O05", "O99")}, "opportunity_ids", "unknown_ids"),
        ({"opportunity_ids": ("<script>",)}, "opportunity_ids", "unknown_ids"),
        ({"opportunity_ids": tuple(f"O{i:02d}" for i in range(60))}, "opportunity_ids", "too_many"),
        ({"message": "\x00" * 10_000}, "message", "too_long"),  # refused before cleaning, not after
    ],
)
def test_invalid_field_is_rejected_with_its_own_message(engine, change, field, code):
    bad = enq.Enquiry(**{**GOOD.__dict__, **change})
    errors = enq.validate_enquiry(bad, KNOWN)
    assert list(errors) == [field]
    assert errors[field].code == code
    with pytest.raises(enq.InvalidEnquiryError) as info:
        enq.submit_enquiry(bad, known_opportunities=KNOWN, engine=engine)
    assert field in info.value.errors
    assert enq.list_enquiries(engine).empty  # nothing stored


def test_several_bad_fields_are_reported_together():
    errors = enq.validate_enquiry(enq.Enquiry(name="", organisation="", email="nope", country=""))
    assert set(errors) == {"name", "organisation", "email", "country"}


def test_good_enquiry_has_no_errors_and_text_is_cleaned():
    assert enq.validate_enquiry(GOOD, KNOWN) == {}
    cleaned = enq.normalise(enq.Enquiry(" Anna\x00 ", "Org\u200b", " a@b.de ", "DE", "line 1\r\nline 2\x07"))
    assert (cleaned.name, cleaned.organisation, cleaned.email, cleaned.message) == (
        "Anna",
        "Org",
        "a@b.de",
        "line 1\nline 2",
    )


def test_rate_limit_per_session():
    assert enq.seconds_to_wait(None, now=100.0) == 0
    assert enq.seconds_to_wait(100.0, now=102.0) == pytest.approx(enq.MIN_INTERVAL_SECONDS - 2)
    assert enq.seconds_to_wait(100.0, now=100.0 + enq.MIN_INTERVAL_SECONDS) == 0


def test_concurrent_writes_lose_nothing(engine):
    threads, per_thread = 8, 10
    refs: list[str] = []
    failures: list[BaseException] = []
    lock = threading.Lock()
    start = threading.Barrier(threads)

    def writer(n: int) -> None:
        start.wait()
        for i in range(per_thread):
            try:
                e = enq.Enquiry(**{**GOOD.__dict__, "name": f"Writer {n} #{i}"})
                ref = enq.submit_enquiry(e, engine=engine)
            except BaseException as exc:  # collect, so the assertion below names the failure
                with lock:
                    failures.append(exc)
            else:
                with lock:
                    refs.append(ref)

    workers = [threading.Thread(target=writer, args=(n,)) for n in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    assert not failures, failures
    stored = enq.list_enquiries(engine)
    assert len(stored) == threads * per_thread == len(refs)
    assert set(stored["reference"]) == set(refs)
    assert set(stored["name"]) == {f"Writer {n} #{i}" for n in range(threads) for i in range(per_thread)}


# --- abuse limits (issue 18) ------------------------------------------------------------------

HOUR = dt.datetime(2026, 11, 24, 9, 0, tzinfo=dt.UTC)
ATTACKER, INVESTOR = "203.0.113.7", "198.51.100.2"


def _from(client: str, n: int = 0) -> enq.Enquiry:
    return enq.Enquiry(**{**GOOD.__dict__, "name": f"Sender {client} #{n}"})


def _send(engine, client: str, limits: enq.EnquiryLimits, when: dt.datetime, n: int = 0) -> str | None:
    """Submit one enquiry; the reference, or ``None`` when a limit refused it."""
    try:
        return enq.submit_enquiry(_from(client, n), engine=engine, now=when, client=client, limits=limits)
    except enq.EnquiryLimitError:
        return None


def test_one_address_is_limited_and_another_still_gets_through(db_url):
    engine = db.get_engine(db_url)
    limits = enq.EnquiryLimits(per_address=3, per_hour=100)
    sent = [_send(engine, ATTACKER, limits, HOUR + dt.timedelta(minutes=n), n) for n in range(8)]
    assert [s is not None for s in sent] == [True] * 3 + [False] * 5
    with pytest.raises(enq.EnquiryLimitError) as refused:
        enq.submit_enquiry(
            _from(ATTACKER), engine=engine, now=HOUR + dt.timedelta(minutes=45), client=ATTACKER, limits=limits
        )
    assert refused.value.reason == "address_limit" and refused.value.retry_after == 15 * 60
    assert _send(engine, INVESTOR, limits, HOUR + dt.timedelta(minutes=50)) is not None
    stored = enq.list_enquiries(engine)
    assert len(stored) == 4 and (stored["name"] == f"Sender {INVESTOR} #0").sum() == 1
    # The next hour the address may send again.
    assert _send(engine, ATTACKER, limits, HOUR + dt.timedelta(hours=1, minutes=1)) is not None
    # Staff can see what was refused, from where.
    refusals = enq.refusals(engine, since=HOUR)
    assert refusals[["reason", "client", "refused"]].values.tolist() == [["address_limit", ATTACKER, 6]]


def test_the_hourly_total_refuses_everyone_and_gives_an_address_its_count_back(db_url):
    engine = db.get_engine(db_url)
    tight = enq.EnquiryLimits(per_address=3, per_hour=4)
    outcomes = [_send(engine, client, tight, HOUR, n) is not None for n, client in enumerate("aaabbc")]
    assert outcomes == [True, True, True, True, False, False]
    refused = enq.refusals(engine, since=HOUR)
    assert sorted(refused[["reason", "client"]].values.tolist()) == [["hourly_limit", "b"], ["hourly_limit", "c"]]
    # "b" was refused by the total, so its own count was not used up: with room in the total, it
    # can still send its remaining two.
    roomy = enq.EnquiryLimits(per_address=3, per_hour=100)
    assert [_send(engine, "b", roomy, HOUR, n) is not None for n in range(3)] == [True, True, False]


def test_fifty_parallel_senders_from_one_address_store_at_most_the_limit(db_url):
    engine = db.get_engine(db_url)
    limits = enq.EnquiryLimits(per_address=5, per_hour=100)
    start = threading.Barrier(25)
    results: list[str | None] = []
    lock = threading.Lock()

    def sender(n: int) -> None:
        start.wait()
        for k in range(2):
            ref = _send(engine, ATTACKER, limits, HOUR, 2 * n + k)
            with lock:
                results.append(ref)

    workers = [threading.Thread(target=sender, args=(n,)) for n in range(25)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    assert len(results) == 50 and sum(r is not None for r in results) == 5
    assert len(enq.list_enquiries(engine)) == 5
    assert _send(engine, INVESTOR, limits, HOUR) is not None


def test_spam_trap_refusals_are_counted_per_address(engine):
    assert [enq.record_refusal("spam_trap", ATTACKER, engine=engine, now=HOUR) for _ in range(3)] == [1, 2, 3]
    refused = enq.refusals(engine, since=HOUR - dt.timedelta(days=1))
    assert refused[["reason", "client", "refused"]].values.tolist() == [["spam_trap", ATTACKER, 3]]
    assert enq.list_enquiries(engine).empty


def test_limits_come_from_the_environment():
    assert enq.EnquiryLimits.from_env({}) == enq.EnquiryLimits(enq.DEFAULT_PER_ADDRESS, enq.DEFAULT_PER_HOUR)
    configured = {enq.PER_ADDRESS_ENV: "25", enq.PER_HOUR_ENV: " 400 "}
    assert enq.EnquiryLimits.from_env(configured) == enq.EnquiryLimits(25, 400)
    nonsense = {enq.PER_ADDRESS_ENV: "0", enq.PER_HOUR_ENV: "lots"}
    assert enq.EnquiryLimits.from_env(nonsense) == enq.EnquiryLimits(enq.DEFAULT_PER_ADDRESS, enq.DEFAULT_PER_HOUR)


def test_defaults_let_one_address_never_exhaust_the_total():
    defaults = enq.EnquiryLimits()
    assert defaults.per_hour >= 5 * defaults.per_address
