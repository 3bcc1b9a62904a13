"""Presenter mode: the story of scenes.csv as slides, validated like every table, opened at 1 / N, Next / Back wrap."""

from __future__ import annotations

import html

import pandas as pd
import pytest

from dashboard.figures import gantt
from dashboard.i18n import translate
from dashboard.slides import content, figures, qr
from imc_data import load_dataset, scenes
from imc_data.schema import TABLES

from .apptest_helpers import run_app, visible_text
from .conftest import DATA, replace_in
from .gantt_html import read_chart

SCENES_CSV = DATA / "scenes.csv"


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


@pytest.fixture(scope="module")
def story(ds):
    playable, skipped = scenes.playable_scenes(ds["scenes"])
    assert skipped == []
    return playable


def raw_scenes() -> pd.DataFrame:
    """The file as staff see it, read without the app's loader (an independent reading)."""
    return pd.read_csv(SCENES_CSV, dtype=str, keep_default_na=False)


# --- the table ------------------------------------------------------------------------------------------


def test_shipped_story_is_valid_and_ends_with_the_contact(ds, story):
    assert not [f for f in ds.report.findings if f.file == "scenes.csv"]
    raw = raw_scenes()
    assert [s.scene_id for s in story] == list(raw["scene_id"])
    assert story[-1].kind == "contact"
    for scene in story:
        for lang in ("en", "ru"):
            assert 2 <= len(scene.points(lang)) <= 4, (scene.scene_id, lang)
            assert scene.title(lang)


@pytest.mark.parametrize(
    ("old", "new", "column", "fix"),
    [
        (",site_map,site_map,,P01,", ",site_map,site_map,,P99,", "plot_id", "plots.csv"),
        (
            ",opportunity,opportunities,,,O05,",
            ",opportunity,opportunities,,,O77,",
            "opportunity_id",
            "opportunities.csv",
        ),
        (",timeline,timeline,,,,,stage=S1,", ",timeline,timelines,,,,,stage=S1,", "page", "overview"),
        (",timeline,timeline,,,,,stage=S1,", ",timeline,timeline,,,,,stage=S9,", "params", "stages.csv"),
        ("site_area_ha;max_floor_area_m2", "site_area_ha;floor_space", "kpis", "facts.csv"),
    ],
)
def test_a_scene_naming_something_unknown_is_refused_with_row_column_and_fix(data_dir, old, new, column, fix):
    replace_in(data_dir / "scenes.csv", old, new)
    line = next(i for i, text in enumerate((data_dir / "scenes.csv").read_text().splitlines(), 1) if new in text)
    errors = [f for f in load_dataset(data_dir).report.errors if f.file == "scenes.csv"]
    assert [(f.row, f.column) for f in errors] == [(line, column)]
    assert fix in errors[0].message


def test_a_talking_point_in_one_language_only_is_refused(data_dir):
    replace_in(data_dir / "scenes.csv", "Three international airports and a commuter-rail station within reach", "")
    errors = [f for f in load_dataset(data_dir).report.errors if f.file == "scenes.csv"]
    assert [(f.row, f.column) for f in errors] == [(4, "point2_en")]


def test_scenes_table_is_described_for_staff():
    columns = [c.name for c in TABLES["scenes"].columns]
    assert {"kind", "plot_id", "opportunity_id", "kpis", "point1_en", "point4_ru", "note_ru"} <= set(columns)


@pytest.mark.parametrize(("current", "delta", "expected"), [(1, +1, 2), (12, +1, 1), (1, -1, 12), (None, +1, 1)])
def test_next_and_back_wrap_around(current, delta, expected):
    assert scenes.step(current, delta, 12) == expected


# --- what the slides say ----------------------------------------------------------------------------------


def test_big_numbers_are_the_tables_numbers(ds, story):
    slide = content.build_slide(ds, story[0], "en")
    shown = {f.label: f.value for f in slide.figures}
    opportunities = pd.read_csv(DATA / "opportunities.csv", dtype=str)
    assert shown["Opportunities open to investors"] == str((opportunities["status"] == "open").sum())
    facts = pd.read_csv(DATA / "facts.csv", dtype=str).set_index("fact_id")
    assert shown[facts.loc["site_area_ha", "label_en"]] == f"{float(facts.loc['site_area_ha', 'value']):.1f}\u00a0ha"
    ru = content.build_slide(ds, story[0], "ru")
    assert any(f.value == "57,6\u00a0га" for f in ru.figures)


def test_opportunity_slide_names_the_slot_and_its_plot(ds, story):
    scene = next(s for s in story if s.kind == "opportunity")
    slide = content.build_slide(ds, scene, "en")
    row = pd.read_csv(DATA / "opportunities.csv", dtype=str).set_index("opportunity_id").loc[scene.opportunity_id]
    assert slide.highlight_plots == (row["plot_id"],)
    assert "O05" not in slide.heading and slide.heading


def test_timeline_slide_gives_facility_names_in_full(ds, story):
    scene = next(s for s in story if s.kind == "timeline")
    slide = content.build_slide(ds, scene, "en")
    rows = [m.text for m in read_chart(figures.timeline_figure(ds, slide, (1100, 630))).role(gantt.ROLE_ROW)]
    names = ds["facilities"].set_index("facility_id").loc[list(slide.facility_ids), "name_en"]
    assert set(names) <= set(rows) and not any("…" in row for row in rows)


def test_contact_code_points_at_the_hosted_form_or_the_funds_website(ds, story, monkeypatch):
    website = pd.read_csv(DATA / "contacts.csv", dtype=str).set_index("contact_id").loc["CT01", "website"]
    assert qr.enquiry_url("ru", website, environ={}) == website
    hosted = {qr.PUBLIC_URL_ENV: "https://roadshow.example.org/"}
    assert qr.enquiry_url("ru", website, environ=hosted) == "https://roadshow.example.org/opportunities?lang=ru"
    assert qr.enquiry_url("en", website, environ={qr.PUBLIC_URL_ENV: "http://localhost:8501"}) == website
    contact = content.build_slide(ds, story[-1], "en")
    assert contact.extra["qr_url"] == website
    assert qr.qr_png(website).startswith(b"\x89PNG")


# --- the app ----------------------------------------------------------------------------------------------


def test_opening_presenter_mode_shows_slide_one_at_once(story):
    at = run_app(present="1", lang="ru")
    text = visible_text(at)
    assert f"1 / {len(story)}" in text and story[0].title("ru") in text
    assert at.query_params["scene"] == "1"
    assert not at.title  # the page behind (the Overview) is not drawn


def test_a_scene_title_with_markdown_is_shown_as_typed(data_dir, monkeypatch):
    typed = "The IMC **at a glance** $x^2$ [link](http://x.test)"
    replace_in(data_dir / "scenes.csv", "The IMC at a glance", typed)
    monkeypatch.setenv("IMC_DATA_DIR", str(data_dir))
    at = run_app(present="1", lang="en")
    heading = next(m.value for m in at.markdown if "imc-slide-heading" in m.value)
    # st.markdown reads Markdown and math inside its HTML: none of their characters may reach it raw.
    assert "**" not in heading and "$x" not in heading and "](" not in heading
    assert typed in html.unescape(heading)


def test_next_then_back_returns_and_back_from_one_wraps_to_the_contact(story):
    at = run_app(present="1")
    at.button(key="presenter_next").click().run()
    # The heading is markup with character references (dashboard.safe.markup), read as the browser shows it.
    assert at.query_params["scene"] == "2" and story[1].title("en") in html.unescape(visible_text(at))
    at.button(key="presenter_back").click().run()
    assert at.query_params["scene"] == "1"
    at.button(key="presenter_back").click().run()
    text = visible_text(at).replace("\\", "")
    assert f"{len(story)} / {len(story)}" in text
    organisation = pd.read_csv(DATA / "contacts.csv", dtype=str).loc[0, "organisation_en"]
    assert organisation in text


def test_toggle_starts_at_the_first_slide_of_the_page_and_exit_leaves_presenter_mode(story):
    at = run_app(page="pages/2_timeline.py", lang="ru")
    at.toggle(key="presenter_toggle").set_value(True).run()
    first = next(s for s in story if s.page == "timeline")
    assert at.query_params["present"] == "1" and at.query_params["scene"] == str(first.number)
    at.button(key="presenter_exit").click().run()
    assert "present" not in at.query_params
    assert "presenter_next" not in [b.key for b in at.button]
    assert at.toggle(key="presenter_toggle").value is False


def test_speaker_view_waits_for_the_talk_then_follows_it(story):
    at = run_app(present="1", speaker="1", talk="not-started")
    assert "Waiting for the presentation" in visible_text(at)


def test_a_phone_gets_no_presenter_switch_but_a_presenter_link_still_works(monkeypatch):
    from dashboard import frame

    monkeypatch.setattr(frame, "screen_is_narrow", lambda: True)
    at = run_app()
    assert "presenter_toggle" not in [t.key for t in at.toggle]  # noise in an investor's menu
    presenting = run_app(present="1", scene="1")
    assert not presenting.exception and presenting.button  # the slide and its Next / Back


def test_a_slide_footnote_never_counts_differently_from_its_sources_list(ds):
    """The line beside "Sources (n)" names a few sources; it does not give a second, different count."""
    ids = list(ds["sources"]["source_id"])
    for lang in ("en", "ru"):
        line = content.footnote_sources(ds, ids, lang)
        assert line.endswith(translate("presenter.other_sources", lang))
        assert "more" not in line and "ещё" not in line


def test_a_slide_footnote_names_the_strongest_sources_and_not_the_dashboard_itself(ds):
    sources = ds["sources"]
    own = sources.loc[sources["confidence"] == "not_applicable", "source_id"].tolist()
    medium = sources.loc[sources["confidence"] == "medium", "source_id"].iloc[0]
    high = sources.loc[sources["confidence"] == "high", "source_id"].iloc[0]
    line = content.footnote_sources(ds, [*own, medium, high], "en", shown=1)
    publisher = sources.set_index("source_id").loc[high, "publisher"]
    assert publisher in line
    for sid in own:
        assert sources.set_index("source_id").loc[sid, "publisher"] not in line
