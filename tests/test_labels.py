"""Human labels: enum values as words, plots and opportunities named by what they are."""

from __future__ import annotations

import logging

import pandas as pd
import pytest

from dashboard import labels
from dashboard.i18n import catalog
from imc_data import load_dataset, schema

# Every enumerated column a visitor can see, with the kind of words that translate it.
ENUM_COLUMNS = {
    ("facilities", "status"): "facility_status",
    ("facilities", "category"): "facility_category",
    ("plots", "permitted_use"): "permitted_use",
    ("operators", "status"): "operator_status",
    ("operators", "role"): "operator_role",
    ("opportunities", "status"): "opportunity_status",
    ("opportunities", "investment_model"): "investment_model",
    ("milestones", "status"): "milestone_status",
    ("milestones", "category"): "milestone_category",
    ("milestones", "date_precision"): "date_precision",
    ("legal_provisions", "category"): "legal_category",
    ("incentives", "applies"): "incentive_applies",
    ("sources", "confidence"): "source_confidence",
    ("sources", "language"): "language",
    ("provision_uses", "section"): "provision_section",
}


@pytest.mark.parametrize(("table", "column"), sorted(ENUM_COLUMNS))
def test_every_schema_choice_has_words_in_both_languages(table, column):
    kind = ENUM_COLUMNS[(table, column)]
    for value in schema.TABLES[table].column(column).choices:
        en, ru = catalog()[f"label.{kind}.{value}"]
        assert en and ru and "_" not in en and "_" not in ru, (kind, value)


def test_provenance_has_words():
    for value in schema.PROVENANCE:
        assert labels.label("provenance", value, "ru") != value


def test_investor_words():
    assert labels.label("facility_status", "under_construction", "en") == "Under construction"
    assert labels.label("facility_status", "under_construction", "ru") == "Строится"
    assert labels.label("plot_state", "under_construction", "en") == "Under construction"
    assert labels.label("investment_model", "build_to_lease", "en") == "Build-to-lease by the IMC Fund"
    assert labels.label("opportunity_status", "in_negotiation", "ru") == "В переговорах"
    assert labels.label("opportunity_status", "announced_not_realised", "en") == "Announced, not realised"


def test_older_page_keys_read_the_same_words():
    assert catalog()["fstatus.under_construction"] == catalog()["label.facility_status.under_construction"]
    assert catalog()["ostatus.managing"] == ("Managing company", "Управляющая компания")
    assert catalog()["provenance.illustrative"] == ("illustrative", "иллюстративно")


def test_an_unknown_value_is_humanised_and_logged_not_a_crash(caplog):
    with caplog.at_level(logging.WARNING, logger="dashboard.labels"):
        assert labels.label("opportunity_status", "on_hold_by_owner", "ru") == "On hold by owner"
        assert labels.label("no_such_kind", "x-y", "en") == "X y"
    assert "on_hold_by_owner" in caplog.text
    assert labels.label("facility_status", None, "en") == "—"


def test_labels_for_a_filter_keep_the_listed_order():
    assert list(labels.labels_for("opportunity_status", "en").values())[:3] == ["Open", "In negotiation", "Taken"]
    assert labels.format_func("permitted_use", "ru")("green_space") == "Озеленение"


@pytest.mark.parametrize(("plot_id", "n"), [("P04", "4"), ("P20", "20"), ("p7", "7"), ("Plot-12", "12"), ("X", "X")])
def test_plot_numbers(plot_id, n):
    assert labels.plot_number(plot_id) == n


@pytest.fixture(scope="module")
def tables():
    ds = load_dataset()
    return {name: ds[name] for name in ("plots", "facilities", "opportunities", "stages")}


def test_shipped_plots_are_named_by_what_stands_there(tables):
    names = labels.plot_names(tables, "en")
    assert names["P16"] == "Plot 16 · Ophthalmology clinic"
    assert names["P08"] == "Plot 8 · Healing Gardens landscape park"
    # Two facilities on P04: the one under construction names it, not the unconfirmed one.
    assert names["P04"] == "Plot 4 · Moscow City Oncology Hospital No. 62: treatment-diagnostic complex"
    # The hospital announced there was never realised: the opportunity's specialty names the plot.
    assert names["P09"] == "Plot 9 · Multidisciplinary hospital (cardiology, oncology, rehabilitation)"
    assert labels.plot_name(tables, "P16", "ru") == "Участок 16 · Офтальмологическая клиника"
    assert set(names) == set(tables["plots"]["plot_id"])


def test_shipped_opportunities_are_named_by_what_and_stage(tables):
    en = labels.opportunity_names(tables, "en")
    assert en["O05"] == "Ophthalmology clinic · Stage 2"
    assert en["O12"] == "Orthopaedics · Stage 1"  # no facility planned on its plot: the specialty
    assert labels.opportunity_name(tables, "O05", "ru") == "Офтальмологическая клиника · Этап 2"
    assert not any(code in name for name in en.values() for code in ("O0", "O1", "P0", "P1"))


def _tiny(**overrides):
    tables = {
        "plots": pd.DataFrame(
            {"plot_id": ["P01", "P02", "P03"], "permitted_use": ["healthcare", "green_space", "ward"]}
        ),
        "facilities": pd.DataFrame(
            {
                "plot_id": ["P01", "P01"],
                "status": ["planned", "operating"],
                "name_en": ["Future wing", "Main clinic"],
                "name_ru": ["Будущий корпус", "Основная клиника"],
            }
        ),
        "opportunities": pd.DataFrame(
            {
                "opportunity_id": ["O01"],
                "plot_id": ["P02"],
                "stage_id": [None],
                "status": ["taken"],
                "specialty_en": ["Cardiology"],
                "specialty_ru": ["Кардиология"],
            }
        ),
    }
    tables.update(overrides)
    return tables


def test_names_from_minimal_tables():
    names = labels.plot_names(_tiny(), "en")
    assert names == {"P01": "Plot 1 · Main clinic", "P02": "Plot 2 · Cardiology", "P03": "Plot 3 · Ward"}
    # No stages table, no stage: the opportunity is named by its specialty alone.
    assert labels.opportunity_names(_tiny(), "ru") == {"O01": "Кардиология"}


def test_a_plot_with_nothing_known_is_just_its_number():
    bare = {"plots": pd.DataFrame({"plot_id": ["P05"], "permitted_use": [None]})}
    assert labels.plot_names(bare, "ru") == {"P05": "Участок 5"}
    assert labels.plot_name(bare, "P99", "en") == "Plot 99"
