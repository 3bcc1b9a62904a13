"""The shipped data validate and say what the research says (research/imc_facts.md, the source copies).

Expected values below are written from the research files, not read back from the tables, so a table
that drifts from its sources fails here.
"""

import datetime as dt
from pathlib import Path
from urllib.parse import urlparse

import geopandas as gpd
import pandas as pd
import pytest

from imc_data import datainfo, load_dataset, queries, schema
from imc_data import timeline as tl
from imc_data.load import DEFAULT_DATA_DIR

ROOT = Path(__file__).resolve().parents[1]
ON = dt.date(2026, 12, 2)

# research/oecd_members.csv: accession years of the members the dashboard names, and the count.
OECD_ACCESSION = {"ISR": 2010, "KOR": 1996, "FRA": 1961, "ITA": 1961, "AUT": 1961, "DEU": 1961, "CRI": 2021}
OECD_MEMBERS = 38


@pytest.fixture(scope="module")
def ds():
    return load_dataset(DEFAULT_DATA_DIR)


def by_id(ds, table: str) -> pd.DataFrame:
    return ds[table].set_index(schema.TABLES[table].key)


def test_shipped_data_have_no_errors_and_only_the_recorded_floor_area_conflict(ds):
    assert ds.report.errors == []
    # P04: the multifunctional centre (49,500 m²) and Oncology Hospital No. 62 (>60,000 m²) may be the same
    # building (research §4 F04, C10); conflict C14 records it, so the excess is a warning, not an error.
    assert [(f.file, f.column) for f in ds.report.warnings] == [("plots.csv", "max_floor_area_m2")]
    assert "P04" in ds.report.warnings[0].message and "C14" in ds.report.warnings[0].message


def test_every_row_carries_provenance_and_a_dated_as_of(ds):
    for name, frame in ds.tables.items():
        assert frame["provenance"].isin(schema.PROVENANCE).all(), name
        if name == "sources":  # a source the research cannot date keeps no date, and says why
            undated = frame[frame["as_of"].isna()]
            assert undated["note"].str.contains("not given|not known|not in the research", regex=True).all()
            continue
        assert frame["as_of"].notna().all(), name
        assert frame["as_of_precision"].notna().all(), name
        assert frame["source_ids"].map(len).gt(0).all(), name


def test_no_low_confidence_source_is_used(ds):
    assert set(ds["sources"]["confidence"]) <= {"high", "medium", "not_applicable"}


def test_plot_layout_adds_up_to_the_canonical_site_area(ds):
    site = ds["facts"].set_index("fact_id").loc["site_area_ha", "value"]
    assert site == 57.6  # research §2: reserved land plots, seed 001
    assert abs(ds["plots"]["area_ha"].sum() - site) / site <= 0.01
    metric = ds.plots_geo.to_crs(schema.METRIC_CRS)
    computed = pd.Series(metric.area.values / 10_000, index=ds.plots_geo["plot_id"])
    stated = ds["plots"].set_index("plot_id")["area_ha"]
    assert ((computed - stated).abs() / stated).max() <= 0.02


def test_layout_is_marked_illustrative_and_cites_no_source_for_its_outline(ds):
    assert set(ds["plots"]["provenance"]) == {"illustrative"}
    assert all(p == "illustrative" for p in ds.site_geo["provenance"])
    outline = ds.site_geo[ds.site_geo["kind"] == "site_outline"]
    # The schematic outline (~77 ha, plots plus streets) is not the 57.6 ha seed 001 gives: it cites the layout only.
    assert outline["source_ids"].tolist() == ["LAYOUT"]
    centre = ds.plots_geo.to_crs(schema.METRIC_CRS).union_all().centroid
    lon, lat = gpd.GeoSeries([centre], crs=schema.METRIC_CRS).to_crs(4326).iloc[0].coords[0]
    assert abs(lat - 55.697) < 0.01 and abs(lon - 37.358) < 0.01


def test_facility_plot_links_are_never_sourced_on_an_illustrative_layout(ds):
    fac = ds["facilities"]
    placed = fac[fac["plot_id"].notna()]
    assert placed["plot_provenance"].notna().all()
    assert "sourced" not in set(placed["plot_provenance"])
    # Oncology Hospital No. 62 sits with the multifunctional centre because the 2023 report puts it there.
    assert by_id(ds, "facilities").loc["F05", ["plot_id", "plot_provenance"]].tolist() == ["P04", "derived"]


# --- the headline figures (research §4, §5, §10) ------------------------------------------------------


def test_built_means_completed_or_operating_only(ds):
    counts = queries.facility_status_counts(ds)
    # Operating: Hadassah buildings 1 and 2; completed: the Centre for Chronic Diseases (Dec 2025).
    assert set(counts["built"].parts) == {"F01", "F02", "F03"}
    # The Healing Gardens were shown "partly completed" on 30 Aug 2021.
    assert counts["partly_completed"].parts == ("F09",)
    assert sum(len(f.parts) for f in counts.values()) == len(ds["facilities"])


def test_oecd_kpis_split_operating_from_announced(ds):
    operating = queries.oecd_operating_partners(ds)
    announced = queries.oecd_announced_partners(ds)
    names = ds["operators"].set_index("operator_id")["name_en"]
    # §10: no OECD clinic operates besides Hadassah (Israel); its operating company is Medscan-owned since 2019.
    assert [names[p] for p in operating.parts] == ["Hadassah Medical Center (Jerusalem)"]
    assert queries.partner_countries(ds, operating.parts) == ("ISR",)
    # §5: SNUBH (memoranda), ORPEA and Saint Charles (agreements); interest-only applicants are not counted.
    assert {names[p] for p in announced.parts} == {
        "Seoul National University Bundang Hospital (SNUBH)",
        "ORPEA Group (Clinea)",
        "Clinique Chirurgicale Saint Charles",
    }
    assert set(queries.partner_countries(ds, announced.parts)) == {"KOR", "FRA"}


def test_hadassah_clinic_is_run_by_its_operating_company_with_the_israeli_centre_as_partner(ds):
    fac, ops = by_id(ds, "facilities"), by_id(ds, "operators")
    for fid in ("F01", "F02"):
        operator = ops.loc[fac.loc[fid, "operator_id"]]
        assert operator["name_en"].startswith("Hadassah Medical Moscow") and operator["status"] == "operating"
        assert "VADEMEC2019" in operator["source_ids"]  # 75% + 1 share, May 2019
        assert ops.loc[fac.loc[fid, "partner_id"], "country_iso3"] == "ISR"
    assert ops.loc["OP01", "status"] == "agreement_signed"  # participation agreement of 14 Sep 2017
    assert pd.isna(ops.loc["OP02", "agreement_date"])  # Medscan: no agreement of its own in the sources


def test_oecd_members_match_the_research_list(ds):
    countries = by_id(ds, "countries")
    members = countries[countries["oecd_member"].astype(bool)]
    assert len(members) == OECD_MEMBERS
    for iso, year in OECD_ACCESSION.items():
        assert members.loc[iso, "oecd_accession_year"] == year
    assert not countries.loc["RUS", "oecd_member"]
    # Each member cites the pages the research file gives for it, never a page attributed to another publisher.
    sources = by_id(ds, "sources")
    assert set(members.loc["ISR", "source_ids"]) == {"OECDMCM", "OECDOBSERVER"}
    assert sources.loc["SKGOV", "publisher"].startswith("Government Office of the Slovak Republic")
    assert urlparse(sources.loc["SKGOV", "url"]).hostname.endswith("vlada.gov.sk")


# --- the defects of issue 17, each against its source -------------------------------------------------


def test_snubh_slot_is_announced_not_realised_and_no_scene_presents_it_as_live(ds):
    opp = by_id(ds, "opportunities")
    assert opp.loc["O10", "status"] == "announced_not_realised"
    assert "in_negotiation" not in set(opp["status"])
    scenes = ds["scenes"]
    assert not scenes["params"].fillna("").str.contains("P09").any()


def test_dates_keep_the_precision_of_their_source(ds):
    fac = by_id(ds, "facilities")
    assert (fac.loc["F05", "expected_end"].date(), fac.loc["F05", "expected_end_precision"]) == (
        dt.date(2026, 3, 1),
        "season",
    )  # spring 2026 (Kommersant, Dec 2025)
    assert (fac.loc["F07", "planned_start"].date(), fac.loc["F07", "planned_start_precision"]) == (
        dt.date(2021, 10, 1),
        "quarter",
    )  # Q4 2021
    assert (fac.loc["F01", "planned_end"].year, fac.loc["F01", "planned_end_precision"]) == (2017, "year")
    assert pd.isna(fac.loc["F05", "actual_start"])  # 27 Aug 2023 started its *second* building
    ms = by_id(ds, "milestones")
    assert "second building" in ms.loc["M22", "title_en"]
    assert (ms.loc["M19", "status"], ms.loc["M19", "date_precision"]) == ("planned", "year")
    assert ms.loc["M24", "category"] == "construction"


def test_a_passed_plan_is_overdue_never_upcoming(ds):
    states = tl.milestone_states(ds["milestones"], ON).to_dict()
    ms = ds["milestones"].set_index("milestone_id")
    by = dict(zip(ms.index, states.values(), strict=True))
    assert by["M25"] == "overdue"  # spring 2026, seen in December 2026
    assert by["M26"] == "planned"  # end of Stage 2, 2035
    assert (
        tl.milestone_states(ds["milestones"], dt.date(2026, 4, 1)).to_dict()[list(ms.index).index("M25")] == "planned"
    )  # spring 2026 is not over on 1 April 2026
    overdue = set(queries.overdue_facilities(ds, ON).parts)
    assert {"F05", "F06", "F08"} <= overdue  # targets spring 2026, 2024, 2024 passed with no report
    assert not overdue & {"F01", "F02", "F03", "F10", "F18"}  # built, not realised, or Stage 2 (2035)


def test_the_beds_and_areas_on_which_sources_disagree_are_on_record(ds):
    cells = {
        (row.table, rid, col) for row in ds["conflicts"].itertuples() for rid in row.record_ids for col in row.columns
    }
    for cell in [
        ("facilities", "F02", "beds"),  # 64 + 41 / 63 / 100
        ("facilities", "F01", "floor_area_m2"),  # ~11,000 / 10,546.7
        ("facilities", "F03", "floor_area_m2"),  # 20,000 / 14,300
        ("facilities", "F04", "floor_area_m2"),  # 49,000 / 49,500 / ~50,000 / >51,000
        ("facilities", "F10", "floor_area_m2"),  # 75,000 / 48,000
        ("facilities", "F10", "beds"),  # 300 / 260
        ("facilities", "F05", "expected_end"),  # 2025 / spring 2026
    ]:
        assert cell in cells, cell
    fac = by_id(ds, "facilities")
    assert fac.loc["F02", "beds"] == 63 and "GAZETAFILI2021" in fac.loc["F02", "source_ids"]


def test_the_equipment_compensation_cites_the_source_that_gives_it(ds):
    inc = by_id(ds, "incentives")
    assert "25%" in inc.loc["I07", "value_en"] and "INVESTMOSDIGEST" in inc.loc["I07", "source_ids"]
    # Seed 004 (the Moscow Innovation Cluster profile) names no percentage.
    seed = (ROOT / "imc_data" / "tables" / "sources.csv").read_text(encoding="utf-8")
    assert "research/sources/004_" in seed


def test_up_to_is_kept_where_the_sources_say_up_to(ds):
    facts = by_id(ds, "facts")
    for fact_id in ("target_clinics", "target_patients_per_year", "max_floor_area_m2"):
        assert "up to" in facts.loc[fact_id, "label_en"]
        assert "до" in facts.loc[fact_id, "label_ru"]


def test_source_titles_carry_no_internal_wording_and_guessed_dates_no_day(ds):
    sources = ds["sources"]
    shown = " ".join(sources["title"]) + " ".join(sources["title_ru"]) + " ".join(sources["publisher"].fillna(""))
    for phrase in ("research seed", "team's reading", "unknown publisher", "encyclopedia article", "research file"):
        assert phrase not in shown.lower()
    assert sources["title_ru"].str.len().gt(0).all()
    # The research gives only a year for these; a made-up day would claim more.
    src = sources.set_index("source_id")
    for sid in ("INTERFAX2023", "OS572021", "MYMSK2020", "NSN2021"):
        assert src.loc[sid, "published_precision"] == "year", sid
    assert src.loc["ADVIS2017", "published_precision"] == "season"  # autumn 2017


def test_russian_floor_area_is_floor_area_not_footprint():
    # «площадь застройки» is a building's footprint; 450,000 m² of it would cover 78 % of the 57.6 ha site.
    files = [*ROOT.glob("dashboard/i18n/*.py"), ROOT / "imc_data" / "schema.py", *ROOT.glob("imc_data/tables/*.csv")]
    assert [p.name for p in files if "площадь застройки" in p.read_text(encoding="utf-8")] == []


def test_the_only_contact_is_the_imc_fund_with_nothing_invented(ds):
    contacts = ds["contacts"]
    assert len(contacts) == 1
    contact = contacts.iloc[0]
    assert pd.isna(contact["email"]) and pd.isna(contact["phone"])  # no source gives them
    fund_pages = ds["sources"][ds["sources"]["publisher"] == "IMC Fund"]["url"]
    assert urlparse(contact["website"]).hostname in {urlparse(u).hostname for u in fund_pages}
    assert set(ds["opportunities"]["contact_id"]) == {contact["contact_id"]}


def test_staff_see_which_tables_need_a_check(ds):
    checks = datainfo.tables_needing_check(ds, ON)
    overdue = checks[checks["reason"] == datainfo.CHECK_OVERDUE].set_index("table")
    assert "M25" in overdue.loc["milestones", "ids"]
    assert "F05" in overdue.loc["facilities", "ids"]
