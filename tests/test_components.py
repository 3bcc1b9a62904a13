"""Page pieces: the contact call to action (both ways), sources one click away, badges on values."""

from __future__ import annotations

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import citations, components, formatting
from dashboard.contact import contact_card
from imc_data import load_dataset, queries

from .apptest_helpers import run_app, visible_text

FUND = {
    "contact_id": "C01",
    "organisation_en": "IMC Fund",
    "organisation_ru": "Фонд ММК",
    "role_en": "Managing company",
    "role_ru": "Управляющая компания",
    "website": "https://example.org/imc",
    "email": "invest@example.org",
    "phone": "+7 495 000-00-00",
    "languages": "en;ru",
    "source_ids": "SEED001",
    "as_of": "2026-11-24",
    "provenance": "sourced",
}


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


def _with_contacts(ds, *rows):
    tables = dict(ds.tables)
    tables["contacts"] = pd.DataFrame(list(rows))
    return tables


# --- the card (pure) --------------------------------------------------------------------------


def test_no_contacts_table_gives_an_empty_card(ds):
    tables = {name: frame for name, frame in ds.tables.items() if name != "contacts"}
    card = contact_card(tables, "en")
    assert (card.organisation, card.email, card.phone, card.website) == (None, None, None, None)
    assert not card.reachable


def test_a_full_row_gives_every_field_in_the_page_language(ds):
    card = contact_card(_with_contacts(ds, FUND), "ru")
    assert card.organisation == "Фонд ММК" and card.role == "Управляющая компания"
    assert card.email_url == "mailto:invest@example.org"
    assert card.phone_url == "tel:+74950000000"
    assert card.languages == "английский, русский"  # lower case, as Russian writes them in a list
    assert card.source_ids == ("SEED001",)
    assert card.reachable


def test_empty_fields_stay_empty_and_the_form_is_the_way(ds):
    row = {**FUND, "email": "", "phone": None, "website": "not a web address"}
    card = contact_card(_with_contacts(ds, row), "en")
    assert card.organisation == "IMC Fund"
    assert (card.email, card.phone, card.website) == (None, None, None)
    assert not card.reachable


def test_an_illustrative_row_never_gives_an_address_or_number(ds):
    card = contact_card(_with_contacts(ds, {**FUND, "provenance": "illustrative"}), "en")
    assert card.email is None and card.phone is None
    assert card.website == "https://example.org/imc"


def test_a_chosen_contact_and_a_fallback_to_the_first(ds):
    other = {**FUND, "contact_id": "C02", "organisation_en": "Moscow investment agency"}
    tables = _with_contacts(ds, FUND, other)
    assert contact_card(tables, "en", "C02").organisation == "Moscow investment agency"
    assert contact_card(tables, "en", "C99").organisation == "IMC Fund"


# --- the call to action as a visitor sees it ---------------------------------------------------


def _cta_script(row):
    import pandas as pd

    from dashboard.components import contact_cta
    from imc_data import load_dataset

    ds = load_dataset()
    if row is not None:
        ds.tables["contacts"] = pd.DataFrame([row])
    contact_cta(ds, "en")


def _cta(row) -> AppTest:
    at = AppTest.from_function(_cta_script, args=(row,), default_timeout=60)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _links(at: AppTest) -> list[str]:
    return [str(el.proto.url) for el in at.get("link_button")]


def test_cta_without_contacts_leads_to_the_enquiry_form():
    at = _cta(None)
    text = visible_text(at)
    assert "Send an enquiry" in text and "/opportunities" in text
    assert "Tell us what you are looking for" in text
    assert _links(at) == [] and "@" not in text and "tel:" not in text


def test_cta_with_an_empty_email_and_phone_leads_to_the_enquiry_form():
    at = _cta({**FUND, "email": "", "phone": ""})
    text = visible_text(at)
    assert "IMC Fund" in text and "Send an enquiry" in text and "Tell us what you are looking for" in text
    assert _links(at) == [] and "tel:" not in text


def test_cta_with_values_shows_them():
    at = _cta(FUND)
    text = visible_text(at)
    assert "IMC Fund" in text and "Managing company" in text
    assert _links(at) == ["mailto:invest@example.org"]
    assert "tel:+74950000000" in text
    assert "Languages: English, Russian" in text
    assert "Send an enquiry" in text  # the form stays reachable
    assert "Tell us what you are looking for" not in text  # but is no longer the main action


def test_overview_leads_to_the_enquiry_form_and_the_open_opportunities(ds):
    at = run_app()
    links = {str(el.proto.label): str(el.proto.page) for el in at.get("page_link")}
    assert links["Send an enquiry"].endswith("opportunities")
    assert links["See the opportunities"].endswith("opportunities")
    open_now = int((ds["opportunities"]["status"] == "open").sum())
    assert {m.label: m.value for m in at.metric}["Opportunities open now"] == str(open_now)


# --- sources and badges ------------------------------------------------------------------------


def test_source_titles_follow_the_page_language():
    en_doc = {"title": "State Duma adopts the bill", "language": "en"}
    # An English document on a Russian page: the dashboard's Russian title, marked as a translation.
    ru_title = citations.source_title({**en_doc, "title_ru": "Госдума приняла закон"}, "ru")
    assert ru_title == "Госдума приняла закон (перевод)"
    assert citations.source_title({**en_doc, "title_ru": "Госдума приняла закон"}, "en") == "State Duma adopts the bill"
    # A Russian document: its own title on a Russian page, the translation marked on an English one.
    ru_doc = {"title": "Law on the IMC", "language": "ru", "title_ru": "Закон о ММК"}
    assert citations.source_title(ru_doc, "ru") == "Закон о ММК"
    assert citations.source_title(ru_doc, "en") == "Law on the IMC (translated)"
    # The dashboard's own notes are written in both languages: neither title is a translation.
    own = {"title": "Editorial choices", "title_ru": "Редакционные решения", "language": "en+ru"}
    assert [citations.source_title(own, lang) for lang in ("en", "ru")] == ["Editorial choices", "Редакционные решения"]


def test_source_lines_date_at_the_source_precision(ds):
    tables = ds.tables["sources"]
    dated = tables[tables["published"].notna()]
    sid = dated["source_id"].iloc[0]
    ds.tables["sources"] = tables.assign(published_precision="year")
    try:
        line = components.source_lines(ds, [sid], "en")[0]
    finally:
        ds.tables["sources"] = tables
    year = str(dated["published"].iloc[0].year)
    assert f", {year}" in line and " — [" in line


def test_provenance_badge_sits_on_the_value_only_when_not_sourced():
    assert components.with_provenance("27,000 m²", "illustrative", "en") == "27,000 m² :orange-badge[illustrative]"
    assert components.with_provenance("57.6 ha", "sourced", "ru") == r"57\.6 ha"
    assert components.status_tag("opportunity_status", "open", "ru") == ":green-badge[Открыто]"


def test_overview_sources_are_one_click_away_not_a_footer(ds):
    at = run_app()
    text = visible_text(at)
    assert "Invest Moscow" in text  # inside a "Sources (n)" popover
    assert "Sources of these figures" not in text
    labels = [p.proto.popover.label for p in at.get("popover")]
    assert labels and all(label.startswith("Sources (") for label in labels)
    # The first marker serves the pitch's numbers: site and floor area, OECD members, facilities built and
    # under construction, OECD partners with a clinic open and those signed without one.
    facts = ds["facts"].set_index("fact_id")
    countries, facilities = ds["countries"], ds["facilities"]
    ids = {
        *facts.loc["site_area_ha", "source_ids"],
        *facts.loc["max_floor_area_m2", "source_ids"],
        *(s for ids in countries.loc[countries["oecd_member"].astype(bool), "source_ids"] for s in ids),
        *(
            s
            for ids in facilities.loc[
                facilities["status"].isin(["operating", "completed", "under_construction"]), "source_ids"
            ]
            for s in ids
        ),
        *queries.oecd_operating_partners(ds).source_ids,
        *queries.oecd_announced_partners(ds).source_ids,
    }
    assert labels[0] == f"Sources ({len(ids & set(ds['sources']['source_id']))})"


def test_the_sidebar_dates_the_data_and_says_its_age_only_when_it_is_months_old(ds):
    at = run_app(lang="ru")
    (line,) = [c.value for c in at.sidebar.caption if c.value.startswith("Данные на ")]
    months = queries.data_age_months(ds)
    if months:
        assert line.endswith("назад)")
    else:  # a date of this month needs no "(в этом месяце)" after it
        assert "(" not in line


def test_the_data_date_is_that_of_the_newest_fact_about_the_cluster_not_of_a_map_reference_point(ds):
    """A locator place's as_of is the day its coordinates were read: it does not make the data look current."""
    facts = [ds[name] for name in ("facilities", "operators", "milestones")]
    newest = max(frame.loc[frame["provenance"] == "sourced", "as_of"].max() for frame in facts)
    assert ds["locator_places"]["as_of"].max() > newest  # the shipped data have such a row
    assert queries.latest_as_of(ds) == newest
    line = next(c.value for c in run_app().sidebar.caption if c.value.startswith("Data as of "))
    assert formatting.date(newest, "en") in line
