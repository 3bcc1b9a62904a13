"""The Opportunities page from the entry point: deep links, shortlist, downloads, enquiry."""

from __future__ import annotations

import time

import pytest

from imc_data import db
from imc_data import enquiries as enq

from .apptest_helpers import run_app, visible_text

PAGE = "pages/3_opportunities.py"


@pytest.fixture
def database(tmp_path, monkeypatch):
    path = tmp_path / "imc.sqlite3"
    monkeypatch.setenv("IMC_DATABASE_PATH", str(path))
    monkeypatch.delenv("IMC_DATABASE_URL", raising=False)
    yield path
    db.dispose_all()


def metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def table_ids(at) -> list[str]:
    return list(at.dataframe[0].value.iloc[:, 0])


def widget(at, kind: str, key: str):
    return next(w for w in getattr(at, kind) if w.key == key)


def test_presenter_link_restores_filters_and_shortlist():
    at = run_app(PAGE, stage="S2", model="build_to_lease", shortlist="O05,O07")
    assert widget(at, "multiselect", "url_stage_en").value == ["S2"]
    assert widget(at, "multiselect", "url_model_en").value == ["build_to_lease"]
    assert table_ids(at) == ["O05", "O07", "O09"]
    shown = metrics(at)
    assert shown["Opportunities"] == "3"
    assert shown["Total plot area"] == "7 ha"
    assert shown["Total max. floor area"] == "51,000 m²"
    tags = {m.label: m.delta for m in at.metric}
    assert tags["Total plot area"] == tags["Total max. floor area"] == "illustrative"
    text = visible_text(at)
    assert "**O05 · Ophthalmology**" in text and "**O07 · Gynaecology**" in text
    assert "O09 ·" not in text  # filtered in, but not shortlisted


def test_labels_from_the_url_restore_sliders_and_russian_view():
    at = run_app(PAGE, lang="ru", stage="Stage 2", available_by="2029", floor_area=["15000", "15000"], shortlist="O07")
    assert widget(at, "slider", "available_by").value == 2029
    assert widget(at, "slider", "floor_area").value == (15000.0, 15000.0)
    assert table_ids(at) == ["O05", "O06", "O07"]
    assert metrics(at)["Возможности"] == "3"
    text = visible_text(at)
    assert "**O07 · Гинекология**" in text
    assert "Stage 2" not in text and "Matching" not in text


def test_download_buttons_for_filtered_set_shortlist_and_each_shortlisted_pdf():
    at = run_app(PAGE, stage="S2", model="build_to_lease", shortlist="O05,O07")
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == [
        "CSV of the matching opportunities",
        "PDF one-pager O05",
        "PDF one-pager O07",
        "CSV of the shortlist",
        "PDF of the shortlist",
    ]


def test_no_match_shows_a_friendly_message_and_no_table():
    at = run_app(PAGE, stage="S2", status="taken")
    assert not at.dataframe
    assert any("No opportunity matches these filters" in i.value for i in at.info)
    assert not at.get("download_button")


def test_empty_shortlist_explains_how_to_add():
    at = run_app(PAGE)
    assert any("Your shortlist is empty" in i.value for i in at.info)
    assert len(table_ids(at)) == 12


def test_selected_rows_go_to_the_shortlist_in_the_url():
    at = run_app(PAGE, stage="S2", model="build_to_lease")
    at.session_state["results"] = {"selection": {"rows": [0, 2], "columns": [], "cells": []}}
    at.run()
    widget(at, "button", "add_selected").click().run()
    assert at.query_params["shortlist"] in ("O05,O09", ["O05,O09"])
    text = visible_text(at)
    assert "**O05 · Ophthalmology**" in text and "**O09 · Paediatrics**" in text


def test_remove_from_shortlist():
    at = run_app(PAGE, shortlist="O05,O07")
    widget(at, "button", "remove_O05").click().run()
    assert at.query_params["shortlist"] in ("O07", ["O07"])
    assert "**O05 ·" not in visible_text(at)


def test_site_map_link_highlights_the_opportunity():
    at = run_app(PAGE, opp="O10")
    text = visible_text(at)
    assert "Opened from the site map: O10" in text
    assert "memoranda" in text  # the basis of the "in negotiation" status is shown
    widget(at, "button", "add_linked").click().run()
    assert at.query_params["shortlist"] in ("O10", ["O10"])


def fill_form(at, **values):
    for key, value in values.items():
        widget(at, "text_input" if key != "message" else "text_area", f"enq_{key}").input(value)


def test_enquiry_is_stored_with_a_reference_staff_can_find(database):
    at = run_app(PAGE, lang="ru", shortlist="O05,O07")
    assert widget(at, "multiselect", "enq_opportunity_ids").value == ["O05", "O07"]
    fill_form(at, name="Анна Пример", organisation="Example GmbH", email="anna@example.de", country="Германия")
    next(b for b in at.button if b.label == "Отправить запрос").click().run()
    ok = [s.value for s in at.success]
    assert ok and "Номер обращения: IMC-" in ok[0]
    reference = ok[0].rsplit(" ", 1)[-1]
    stored = enq.list_enquiries()
    assert list(stored["reference"]) == [reference]
    assert stored.iloc[0]["opportunity_ids"] == "O05,O07"
    assert stored.iloc[0]["name"] == "Анна Пример"


def test_invalid_enquiry_names_each_field_and_stores_nothing(database):
    at = run_app(PAGE)
    fill_form(at, name="A", organisation="", email="not-an-address", country="Germany")
    next(b for b in at.button if b.label == "Send enquiry").click().run()
    errors = [e.value for e in at.error]
    assert "Name: at least 2 characters" in errors
    assert "Organisation: required" in errors
    assert "E-mail: enter an address like name@company.com" in errors
    assert not any(e.startswith("Country") for e in errors)
    assert not at.success
    assert enq.list_enquiries().empty


def test_second_enquiry_too_soon_is_refused(database):
    at = run_app(PAGE)
    at.session_state["enquiry_sent_at"] = time.monotonic() + 60  # as if one was just sent
    fill_form(at, name="Anna", organisation="Org", email="a@example.de", country="Germany")
    next(b for b in at.button if b.label == "Send enquiry").click().run()
    assert any("Please wait" in w.value for w in at.warning)
    assert enq.list_enquiries().empty


def test_form_text_is_never_rendered(database):
    at = run_app(PAGE)
    fill_form(at, name="<img src=x onerror=alert(1)>", organisation="**bold**", email="bad", country="x")
    next(b for b in at.button if b.label == "Send enquiry").click().run()
    shown = visible_text(at)
    assert "<img" not in shown and "**bold**" not in shown


def test_small_map_highlights_exactly_the_matching_plots():
    import json

    at = run_app(PAGE, stage="S2", model="build_to_lease", opp="O07")
    decks = at.get("deck_gl_json_chart")
    assert len(decks) == 1
    spec = json.loads(decks[0].proto.json)
    records = next(layer["data"] for layer in spec["layers"] if any("highlighted" in r for r in layer.get("data", [])))
    assert sorted(r["plot_id"] for r in records if r["highlighted"]) == ["P16", "P18", "P20"]
    assert [r["plot_id"] for r in records if r["selected"]] == ["P18"]


def test_enquiry_form_follows_the_shortlist_as_it_changes():
    at = run_app(PAGE, stage="S2", model="build_to_lease")
    assert widget(at, "multiselect", "enq_opportunity_ids").value == []
    at.session_state["results"] = {"selection": {"rows": [1], "columns": [], "cells": []}}
    at.run()
    widget(at, "button", "add_selected").click().run()
    assert widget(at, "multiselect", "enq_opportunity_ids").value == ["O07"]
