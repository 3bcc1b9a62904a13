"""The Overview page, as an investor sees it, in English and Russian."""

from __future__ import annotations

import pytest

from dashboard import formatting
from dashboard.safe import md
from imc_data import load_dataset, queries

from .apptest_helpers import run_app, visible_text
from .conftest import replace_in


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


def metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_overview_english_kpis_equal_the_tables(ds):
    at = run_app()
    shown = metrics(at)
    site = ds["facts"].set_index("fact_id").loc["site_area_ha", "value"]
    floor = ds["facts"].set_index("fact_id").loc["max_floor_area_m2", "value"]
    assert shown["Site area"] == f"{site} ha".replace(" ", "\u00a0") == "57.6\u00a0ha"
    site_card = next(m for m in at.metric if m.label == "Site area")
    assert site_card.delta == "up to 450,000\u00a0m² of floor area" and floor == 450000
    assert "A 57.6\u00a0ha medical cluster" in visible_text(at)  # what the IMC is, its size from the table
    # Built counts completed and operating facilities only (research §4: F01, F02 operating; F03 completed).
    assert shown["Facilities built"] == shown["Built: completed or operating"] == "3"
    assert shown["Partly completed"] == "1"  # the Healing Gardens, shown partly completed in Aug 2021
    assert shown["Under construction"] == str((ds["facilities"]["status"] == "under_construction").sum())
    # Research §10: the only OECD clinic operating is Hadassah (Israel); §5: SNUBH, ORPEA and Saint Charles
    # signed memoranda or agreements but opened nothing.
    assert shown["OECD partners with a clinic open"] == "1"
    assert shown["OECD partners signed, nothing open yet"] == "3"
    partners = next(m for m in at.metric if m.label == "OECD partners with a clinic open")
    assert partners.delta == "3 more signed, no clinic yet"  # the pitch says both, operating first
    text = visible_text(at)
    assert at.title[0].value == "Moscow International Medical Cluster"
    members = int(ds["countries"]["oecd_member"].astype(bool).sum())
    assert shown["OECD countries whose licences are recognised"] == str(members) == "38"
    for _, ms in queries.key_milestones(ds).iterrows():
        assert md(ms["title_en"]) in text  # shown as escaped text, never as Markdown or HTML


def test_overview_russian(ds):
    at = run_app(lang="ru")
    shown = metrics(at)
    assert shown["Площадь территории"] == "57,6\u00a0га"
    site_card = next(m for m in at.metric if m.label == "Площадь территории")
    assert site_card.delta == "до 450\u00a0000\u00a0м² поэтажной площади"  # floor area, not footprint
    assert at.title[0].value == "Московский международный медицинский кластер"
    text = visible_text(at)
    for _, stage in ds["stages"].iterrows():
        assert stage["name_ru"].replace(" ", " ") in text
    assert "Overview" not in text and "Key figures" not in text


def test_kpi_sources_are_in_the_marker_under_the_numbers():
    at = run_app()
    marker = at.get("popover")[0]
    assert marker.proto.popover.label.startswith("Sources (")
    assert any("Invest Moscow" in el.value for el in marker.markdown)


def test_counted_items_are_listed_in_the_tooltip(ds):
    at = run_app()
    built = next(m for m in at.metric if m.label == "Facilities built")
    for name in ds["facilities"].loc[ds["facilities"]["status"].isin(["operating", "completed"]), "name_en"]:
        assert name.split(" (")[0].split(" ")[0] in built.help
    assert "completed or operating" in visible_text(at)  # what "Built" counts is said on the page
    operating = next(m for m in at.metric if m.label == "OECD partners with a clinic open")
    assert "Organisations from OECD countries that signed for a clinic that operates now" in operating.help
    assert md("Hadassah Medical Center (Jerusalem), Israel") in operating.help


def test_a_planned_milestone_whose_date_has_passed_is_not_shown_as_upcoming(monkeypatch):
    monkeypatch.setenv("IMC_TODAY", "2026-12-02")
    text = visible_text(run_app())
    # Spring 2026 (Oncology Hospital No. 62 completion), seen in December 2026 with no confirmation.
    assert "Planned completion of the Oncology Hospital No\\. 62 complex" in text
    assert "overdue, unconfirmed" in text
    monkeypatch.setenv("IMC_TODAY", "2026-04-01")
    assert "overdue, unconfirmed" not in visible_text(run_app())


def test_invalid_data_show_a_message_not_a_traceback(data_dir, monkeypatch):
    replace_in(data_dir / "plots.csv", "P02,2.8,", "P02,oops,")
    monkeypatch.setenv("IMC_DATA_DIR", str(data_dir))
    at = run_app()
    assert "do not validate" in at.error[0].value
    assert "plots.csv:3:area_ha: error" in at.code[0].value
    assert not at.metric


def test_law_articles_are_cited_in_the_reader_language():
    assert formatting.article("Art. 3 part 2", "ru") == "ст. 3 ч. 2"
    assert formatting.article("Art. 3 part 2", "en") == "Art. 3 part 2"
    ru = visible_text(run_app(lang="ru"))
    assert "160-ФЗ, " + md("ст. 2(4)") in ru
    assert "Art." not in ru
    assert "160-FZ, " + md("Art. 2(4)") in visible_text(run_app())


def test_the_pitch_leads_to_what_is_open_and_to_a_contact(ds):
    at = run_app()
    open_now = next(m for m in at.metric if m.label == "Opportunities open now")
    assert open_now.value == str(int((ds["opportunities"]["status"] == "open").sum()))
    links = {str(el.proto.label): str(el.proto.page) for el in at.get("page_link")}
    assert links["See the opportunities"].endswith("opportunities")
    assert links["Site map"].endswith("site_map")
    text = visible_text(at)
    contact = ds["contacts"].iloc[0]
    assert md(contact["organisation_en"]) in text


def test_the_place_is_named_with_distances_in_the_page_language():
    ru = visible_text(run_app(lang="ru"))
    assert "Шереметьево" in ru and "Внуково" in ru and "Домодедово" in ru
    assert "\u00a0км" in ru and "Sheremetyevo" not in ru


def test_the_distances_are_marked_illustrative_while_the_imc_point_is(data_dir, monkeypatch):
    """No source publishes the IMC's coordinates: distances from the plan's centre say they are an illustration."""

    def distance_line(at) -> str:
        return next(m.value for m in at.markdown if "**Sheremetyevo**" in m.value)

    assert distance_line(run_app()).endswith(":orange-badge[illustrative]")
    path = data_dir / "locator_places.csv"
    rows = path.read_text(encoding="utf-8").splitlines(keepends=True)
    rows[1] = rows[1].replace(",illustrative\n", ",sourced\n")  # the IMC's row, as if its coordinates were published
    path.write_text("".join(rows), encoding="utf-8")
    monkeypatch.setenv("IMC_DATA_DIR", str(data_dir))
    assert "badge" not in distance_line(run_app())


PHONE_LINKS = {"What the law gives an operator", "What is built and what comes next", "Operators and OECD partners"}


def test_a_phone_gets_links_to_the_detail_pages_and_only_a_laptop_the_detail(ds, monkeypatch):
    laptop = run_app()
    assert not PHONE_LINKS & {str(el.proto.label) for el in laptop.get("page_link")}
    assert "Why IMC: what 160-FZ gives an operator" in [h.value for h in laptop.subheader]
    # The frame's screen hint says "phone" (the viewport cookie or a phone's user agent).
    monkeypatch.setattr("dashboard.frame.screen_is_narrow", lambda: True)
    phone = run_app()
    assert PHONE_LINKS.issubset(str(el.proto.label) for el in phone.get("page_link"))
    assert "Why IMC: what 160-FZ gives an operator" not in [
        h.value for h in phone.subheader
    ]  # not sent, not just hidden


def test_the_open_count_is_marked_illustrative_while_the_opportunities_are(data_dir, monkeypatch):
    """No source announces the opportunities (every row is illustrative): their count says so; once staff
    mark them sourced, the count carries no illustrative mark."""

    def marks(at) -> list[str]:
        return [m.value for m in at.markdown if m.help and m.help.startswith("No source announces")]

    assert marks(run_app()) == [":orange-badge[illustrative]"]
    path = data_dir / "opportunities.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",illustrative\n", ",sourced\n"), encoding="utf-8")
    monkeypatch.setenv("IMC_DATA_DIR", str(data_dir))
    assert marks(run_app()) == []
