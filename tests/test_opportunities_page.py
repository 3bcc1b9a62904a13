"""The Opportunities page from the entry point: cards, deep links, shortlist, views, downloads, enquiry."""

from __future__ import annotations

import html
import json
import re
import time

import pandas as pd
import pytest

from dashboard import labels
from imc_data import db, load_dataset
from imc_data import enquiries as enq

from .apptest_helpers import hidden_keys, run_app, visible_text
from .conftest import ROOT

PAGE = "pages/3_opportunities.py"
TABLE = pd.read_csv(ROOT / "imc_data" / "tables" / "opportunities.csv")


@pytest.fixture
def database(tmp_path, monkeypatch):
    path = tmp_path / "imc.sqlite3"
    monkeypatch.setenv("IMC_DATABASE_PATH", str(path))
    monkeypatch.delenv("IMC_DATABASE_URL", raising=False)
    yield path
    db.dispose_all()


def plain(at) -> str:
    """What the reader sees, without Markdown's escaping backslashes; no-break spaces read as spaces."""
    return visible_text(at).replace("\\", "").replace("\u00a0", " ").replace("\u202f", " ")


def download_keys(at) -> list[str]:
    # A download button's id ends with its key: "$$ID-<hash>-<key>".
    return [d.proto.id.split("-", 2)[-1] for d in at.get("download_button")]


def cards(at, place: str) -> list[str]:
    """Ids of the cards a visitor sees in ``place`` (results or shortlist), in order: each card has a one-pager
    button, and is not hidden by the page's style sheet. The results start with the card opened from the map."""
    hidden = hidden_keys(at)
    if place == "results" and "imc-card-grid-opp-results" in hidden:
        return cards(at, "linked")
    prefix = f"{place}_pdf_"
    drawn = [key.removeprefix(prefix) for key in download_keys(at) if key.startswith(prefix)]
    shown = [oid for oid in drawn if f"imc-opp-card-{place}-{oid}" not in hidden]
    return cards(at, "linked") + shown if place == "results" else shown


def widget(at, kind: str, key: str):
    return next(w for w in getattr(at, kind) if w.key == key)


def show_all(at):
    """Press "Show all n" when the results have more cards than are drawn first."""
    button = next((b for b in at.button if b.key == "opp_show_all"), None)
    return button.click().run() if button else at


def test_first_view_shows_every_open_opportunity_as_a_card():
    at = run_app(PAGE)
    open_ids = sorted(TABLE.loc[TABLE["status"] == "open", "opportunity_id"])
    assert cards(at, "results") == open_ids
    assert not [b for b in at.button if b.key == "opp_show_all"]
    text = plain(at)
    assert f"**{len(open_ids)}** of {len(TABLE)} opportunities" in text
    assert "**Ophthalmology clinic · Stage 2**" in text  # a name, not a code, is the headline
    # The pitch is a caption line (small, grey) of the card's one text block.
    assert ":gray[:small[Stage 2 specialised clinic of the investor passport (2025–2035); no operator named]]" in text
    assert any("Your shortlist is empty" in i.value for i in at.info)


def test_any_status_shows_all_rows_and_taken_ones_cannot_be_shortlisted():
    at = show_all(run_app(PAGE, status="any"))
    assert cards(at, "results") == sorted(TABLE["opportunity_id"])
    keys = [b.key for b in at.button]
    assert "results_add_O05" in keys
    assert not any(k and k.endswith(("_add_O11", "_add_O12", "_add_O10")) for k in keys)


def test_presenter_link_restores_filters_and_shortlist():
    at = run_app(PAGE, stage="S2", model="build_to_lease", shortlist="O05,O07")
    assert widget(at, "multiselect", "url_stage_en").value == ["S2"]
    assert widget(at, "multiselect", "url_model_en").value == ["build_to_lease"]
    assert cards(at, "results") == ["O05", "O07", "O09"]
    assert cards(at, "shortlist") == ["O05", "O07"]
    text = plain(at)
    # 2.0 + 2.0 + 3.0 ha and 15,000 + 15,000 + 21,000 m² (opportunities.csv, plots P16, P18, P20).
    assert (
        "**3** of 12 opportunities · plots 7.0 ha :orange-badge[illustrative] · "
        "max. floor area 51,000 m² :orange-badge[illustrative]"
    ) in text
    assert "Your shortlist (2)" in text


def test_numbers_from_the_url_filter_while_the_sizes_are_folded_and_restore_them_when_opened():
    query = {"lang": "ru", "stage": "S2", "available_by": "2029", "floor_area": ["15000", "15000"], "shortlist": "O07"}
    folded = run_app(PAGE, **query)
    assert not folded.select_slider  # the sizes popover is built when opened
    assert cards(folded, "results") == ["O05", "O06", "O07"]
    at = run_app(PAGE, state={"sizes_ru": True}, **query)  # the visitor opens "Sizes"
    assert widget(at, "select_slider", "url_available_by_ru").value == 2029
    assert widget(at, "select_slider", "url_floor_area_ru").value == (15000.0, 15000.0)
    assert cards(at, "results") == ["O05", "O06", "O07"]
    text = plain(at)
    assert "**3** из 12 возможностей" in text
    assert "**Гинекологическая клиника · Этап 2**" in text
    assert "15 000 м²" in text and "2,0 га" in text
    assert "Stage 2" not in text and "illustrative" not in text


def test_download_buttons_for_filtered_set_each_card_and_shortlist():
    at = run_app(PAGE, stage="S2", model="build_to_lease", shortlist="O05,O07")
    seen = cards(at, "results")
    shown = [  # every download button but the one-pagers of result cards the filters hide
        d.proto.label
        for d in at.get("download_button")
        if not (pdf := re.search(r"-results_pdf_(O\d+)$", d.proto.id)) or pdf[1] in seen
    ]
    assert shown == [
        "CSV of these opportunities",
        *["One-pager"] * 3,  # O05, O07, O09
        *["One-pager"] * 2,  # the shortlist's cards
        "PDF of the shortlist",
        "CSV of the shortlist",
    ]


def test_no_match_shows_a_friendly_message_and_no_cards():
    at = run_app(PAGE, stage="S2", status="taken")
    assert any("No opportunity matches these filters" in i.value for i in at.info)
    assert cards(at, "results") == []
    csv = next(d for d in at.get("download_button") if d.proto.label == "CSV of these opportunities")
    assert csv.proto.disabled


def test_a_card_adds_itself_to_the_shortlist_in_the_url():
    at = run_app(PAGE, stage="S2", model="build_to_lease")
    widget(at, "button", "results_add_O09").click().run()
    assert at.query_params["shortlist"] in ("O09", ["O09"])
    assert cards(at, "shortlist") == ["O09"]
    assert widget(at, "multiselect", "enq_opportunity_ids").value == ["O09"]  # the form follows the shortlist


def test_remove_from_shortlist():
    at = run_app(PAGE, shortlist="O05,O07")
    widget(at, "button", "shortlist_remove_O05").click().run()
    assert at.query_params["shortlist"] in ("O07", ["O07"])
    assert cards(at, "shortlist") == ["O07"]


def test_a_taken_slot_in_a_link_stays_off_the_shortlist():
    at = run_app(PAGE, shortlist="O05,O11")
    assert cards(at, "shortlist") == ["O05"]
    assert at.query_params["shortlist"] in ("O05", ["O05"])
    assert "Rehabilitation centre" in plain(at)  # named in the note saying why it was left out


def test_site_map_link_puts_the_opportunity_first_with_the_basis_of_its_status():
    at = run_app(PAGE, opp="O10")
    assert cards(at, "results")[0] == "O10"  # first, although the default filter shows open ones only
    text = plain(at)
    assert "memoranda" in text  # why it is "announced, not realised"
    assert "results_add_O10" not in [b.key for b in at.button]


def test_map_view_highlights_exactly_the_matching_plots():
    at = run_app(PAGE, stage="S2", model="build_to_lease", opp="O07")
    assert not at.get("deck_gl_json_chart")  # the map is sent only when asked for
    at.session_state["opp_view_en"] = "map"
    at.run()
    decks = at.get("deck_gl_json_chart")
    assert len(decks) == 1
    spec = json.loads(decks[0].proto.json)
    records = next(layer["data"] for layer in spec["layers"] if any("highlighted" in r for r in layer.get("data", [])))
    assert sorted(r["plot_id"] for r in records if r["highlighted"]) == ["P16", "P18", "P20"]
    assert [r["plot_id"] for r in records if r["selected"]] == ["P18"]


def test_on_a_phone_the_first_cards_come_first_and_the_rest_one_tap_away(monkeypatch):
    from dashboard import frame

    monkeypatch.setattr(frame, "screen_is_narrow", lambda: True)
    at = run_app(PAGE)
    open_ids = sorted(TABLE.loc[TABLE["status"] == "open", "opportunity_id"])
    assert cards(at, "results") == open_ids[:6]  # a phone builds a few cards first
    assert next(b for b in at.button if b.key == "opp_show_all").label == f"Show all {len(open_ids)}"
    assert cards(show_all(at), "results") == open_ids


def test_on_a_phone_the_map_view_is_the_whole_site_plan_with_the_matching_plots_standing_out(monkeypatch):
    from dashboard import frame

    monkeypatch.setattr(frame, "screen_is_narrow", lambda: True)
    at = run_app(PAGE, lang="ru", stage="S2", model="build_to_lease")
    at.session_state["opp_view_ru"] = "map"
    at.run()
    assert not at.get("deck_gl_json_chart")  # a deck.gl map wider than the phone was cut at its edge
    plans = [html.unescape(m.value) for m in at.markdown if 'class="imc-site-plan"' in m.value]
    assert len(plans) == 1
    opacity = {
        plot: float(alpha)
        for plot, alpha in re.findall(r'plot=(P\d+)#plot-card".*?<polygon [^>]*fill-opacity="([\d.]+)"', plans[0])
    }
    assert len(opacity) == len(load_dataset()["plots"])
    assert {plot for plot, alpha in opacity.items() if alpha > 0.5} == {"P16", "P18", "P20"}
    assert "?lang=ru&stage=S2&model=build_to_lease&plot=P16" in plans[0]  # a tap keeps the view's filters


def test_table_view_has_one_row_per_match_with_names_and_formatted_values():
    at = run_app(PAGE, lang="ru", stage="S2", model="build_to_lease")
    at.session_state["opp_view_ru"] = "table"
    at.run()
    table = at.table[0].value
    assert len(table) == 3
    first = " ".join(str(v) for v in table.iloc[0]).replace("\\", "").replace("\u00a0", " ")
    assert "Офтальмологическая клиника · Этап 2" in first and "15 000 м²" in first and "2,0 га" in first


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
    (box,) = [e.value for e in at.error]  # one message box, a line per field to fix, in the form's order
    lines = box.splitlines()
    assert lines[1:] == [
        "- Name: at least 2 characters",
        "- Organisation: required",
        "- E-mail: enter an address like name@company.com",
    ]
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


def test_each_card_opens_its_benefits_and_sources_in_place():
    """A card's benefits and sources sit behind one disclosure, counted from the tables and built when opened."""
    row = TABLE.set_index("opportunity_id").loc["O05"]
    n_benefits, n_sources = len(row["benefit_ids"].split(";")), len(row["source_ids"].split(";"))
    closed = run_app(PAGE, stage="S2", model="build_to_lease")
    panel = next(e for e in closed.expander if e.label.startswith(f"Benefits ({n_benefits}) · Sources ("))
    assert not panel.children  # nothing inside is sent until the visitor opens it
    opened = run_app(PAGE, state={"more_results_O05_en": True}, stage="S2", model="build_to_lease")
    inside = " ".join(m.value for m in opened.markdown).replace("\\", "")
    assert "Benefits under Federal Law 160" in inside
    sources = pd.read_csv(ROOT / "imc_data" / "tables" / "sources.csv").set_index("source_id")
    assert sources.loc[row["source_ids"].split(";")[0], "title"].replace("\\", "")[:20] in inside
    assert n_sources >= 1


def test_card_text_from_the_data_never_becomes_html():
    """Every text from the data arrives escaped in the card's block: no tag, no link the data wrote."""
    from dashboard.cache.dataset import get_dataset
    from dashboard.cache.queries import opportunity_frame
    from dashboard.views.opportunity_card import card_markdown, card_more

    ds = get_dataset()
    row = opportunity_frame(ds).set_index("opportunity_id", drop=False).loc["O05"].copy()
    row["note_en"] = "<img src=x onerror=alert(1)> [link](javascript:alert(1))"
    row["status"] = "taken"  # the note is then shown as the reason, as well as in the sources
    text = card_markdown(ds, row, "<b>Name</b>", "en", remark="<script>alert(1)</script>")
    # Escaped means preceded by a backslash: Markdown then shows the character as text.
    tags = set(re.findall(r"(?<!\\)</?([a-z]+)", text))
    assert tags == set()
    assert not re.search(r"(?<!\\)\]\(javascript", text)
    _, more = card_more(ds, row, "en")  # the note is shown above the sources too
    assert set(re.findall(r"(?<!\\)</?([a-z]+)", more)) - {"https"} == set()  # sources' links: <https://…>
    assert not re.search(r"(?<!\\)\]\(javascript", more)


def test_clear_filters_shows_every_opportunity_and_empties_the_address():
    at = run_app(PAGE, stage="S2", model="build_to_lease", available_by="2029")
    next(b for b in at.button if b.label == "Clear filters").click().run()
    assert cards(show_all(at), "results") == sorted(TABLE["opportunity_id"])  # every status too
    assert at.query_params["status"] in ("any", ["any"])
    assert not {"stage", "model", "available_by"} & set(at.query_params)
    assert widget(at, "multiselect", "url_stage_en").value == []


def test_a_card_whose_figures_are_all_illustrative_says_so_once():
    at = run_app(PAGE, opp="O05")
    card = next(m.value for m in at.markdown if "ref\\. O05" in m.value)
    assert card.count(":orange-badge[illustrative]") == 1 and "all figures above" in card
    figures = card.split("Plot area:")[1].split(":orange-badge")[0]
    assert "2\\.0\xa0ha" in figures and "15,000" in figures and "2028" in figures  # the figures, then the badge


def test_the_enquiry_form_offers_what_can_still_be_taken_up_by_name():
    ds = load_dataset()
    frame = ds["opportunities"]
    at = run_app(PAGE)
    form = widget(at, "multiselect", "enq_opportunity_ids")
    assert set(form.options) == {
        labels.opportunity_name(ds, i, "en") for i in frame.loc[frame["status"] == "open", "opportunity_id"]
    }
    taken = frame.loc[frame["status"] == "taken", "opportunity_id"].iloc[0]
    # A link to a taken opportunity still carries it into the form: the visitor chose it.
    linked = widget(run_app(PAGE, opp=taken), "multiselect", "enq_opportunity_ids")
    assert linked.value == [taken]


def test_only_a_card_that_can_still_be_taken_up_invites_an_enquiry():
    def card_texts(at) -> list[str]:
        ids = cards(at, "results")
        texts = [m.value for m in at.markdown if re.match(r"\*\*[^*]+\*\*\n\n:\w+-badge\[", m.value)]
        return [text for text in texts if any(f"ref\\. {oid}" in text for oid in ids)]

    open_cards = card_texts(run_app(PAGE))  # open ones by default
    taken_cards = card_texts(run_app(PAGE, status="taken"))
    assert open_cards and taken_cards
    assert all(":green-badge[Open]" in text and "(#enquire)" in text for text in open_cards)
    assert all("[Taken]" in text and "(#enquire)" not in text for text in taken_cards)


def test_a_card_keeps_the_caveat_that_an_agreement_may_already_cover_it():
    at = show_all(run_app(PAGE, lang="ru"))
    text = plain(at)
    orthopaedics = TABLE.loc[TABLE["opportunity_id"] == "O03"].iloc[0]
    caveat = orthopaedics["note_ru"].split(". ")[1]  # the agreement signed for a clinic of the same specialty
    assert "Saint Charles" in caveat and caveat in text


def test_the_enquiry_form_still_works_after_a_visit_to_another_page():
    # Streamlit drops a widget's value when a run on another page leaves the widget out; the form's
    # selection was then never seeded again and the page failed with a KeyError on the way back.
    at = run_app(page="pages/3_opportunities.py")
    at.switch_page("pages/1_site_map.py").run()
    assert not at.exception
    at.switch_page("pages/3_opportunities.py").run()
    assert not at.exception
    assert at.multiselect(key="enq_opportunity_ids").value == []
