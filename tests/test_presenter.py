"""Presenter mode: scenes table validated, scene URL state applied, Next / Back wrap around."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard import presenter
from dashboard.nav import PAGES
from imc_data import load_dataset

from .apptest_helpers import run_app, visible_text
from .conftest import replace_in

ALL_PAGES = [p.key for p in PAGES]


@pytest.fixture(scope="module")
def scenes() -> pd.DataFrame:
    return load_dataset()["scenes"]


def scene_frame(*rows: tuple[str, str, str | None, str | None]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "scene_id": sid,
                "page": page,
                "lang": lang,
                "params": params,
                "title_en": f"Title {sid}",
                "title_ru": f"Название {sid}",
                "note_en": None,
                "note_ru": None,
            }
            for sid, page, lang, params in rows
        ]
    )


def test_shipped_scenes_tell_the_story_in_nine_valid_scenes(scenes):
    assert len(scenes) == 9
    assert presenter.scene_findings(scenes) == []
    pages = list(scenes["page"])
    story = ["overview", "legal_regime", "site_map", "timeline", "opportunities", "operators"]
    assert [p for p in dict.fromkeys(pages) if p in story] == story
    assert scenes["title_ru"].notna().all() and scenes["title_en"].notna().all()


def test_scene_pages_are_checked_against_nav_pages():
    frame = scene_frame(("A", "overview", None, None), ("B", "site_mapp", None, None))
    found = presenter.scene_findings(frame, ALL_PAGES)
    assert [f.format() for f in found] == [
        "scenes.csv:3:page: error: unknown page 'site_mapp' in scene B; use one of: " + ", ".join(ALL_PAGES)
    ]


def test_scene_params_must_be_key_value_and_not_presenter_owned():
    frame = scene_frame(
        ("A", "site_map", None, "plot=P07&stage=S2"),
        ("B", "site_map", None, "plot"),
        ("C", "site_map", None, "lang=ru"),
        ("D", "site_map", None, "scene=2"),
    )
    found = presenter.scene_findings(frame, ALL_PAGES)
    assert [(f.row, f.column) for f in found] == [(3, "params"), (4, "params"), (5, "params")]
    assert "use the lang column" in found[1].message
    assert presenter.parse_params("plot=P07&stage=S2") == {"plot": "P07", "stage": "S2"}
    assert presenter.parse_params(None) == {} and presenter.parse_params("  ") == {}


def test_scene_table_errors_reach_the_validator(data_dir):
    replace_in(data_dir / "scenes.csv", "SC02,legal_regime,,", "SC02,legal_regime,de,")
    report = load_dataset(data_dir).report
    assert any(f.file == "scenes.csv" and f.row == 3 and f.column == "lang" for f in report.errors)


def test_unknown_pages_and_bad_rows_are_skipped_not_fatal():
    frame = scene_frame(
        ("A", "overview", None, None),
        ("B", "site_map", None, "present=1"),
        ("C", "nowhere", None, None),
        ("D", "operators", "ru", "x=1"),
    )
    playable, skipped = presenter.playable_scenes(frame, page_keys=ALL_PAGES)
    assert [(s.number, s.scene_id) for s in playable] == [(1, "A"), (2, "D")]
    assert skipped == ["B", "C"]
    assert playable[1].params == {"x": "1"} and playable[1].lang == "ru"


@pytest.mark.parametrize(
    ("current", "delta", "expected"),
    [(1, +1, 2), (9, +1, 1), (1, -1, 9), (5, -1, 4), (None, +1, 1), (None, -1, 9)],
)
def test_next_and_back_wrap_around(current, delta, expected):
    assert presenter.step(current, delta, 9) == expected


def test_scene_number_from_the_url_is_checked():
    assert presenter.current_number("3", 9) == 3
    assert presenter.current_number("10", 9) is None
    assert presenter.current_number("x", 9) is None
    assert presenter.current_number(None, 9) is None


def test_scene_query_keeps_the_presenters_language_unless_the_scene_sets_one():
    keep = presenter.Scene(4, "SC04", "site_map", None, {"plot": "P01"})
    assert presenter.scene_query(keep, "ru") == {"present": "1", "scene": "4", "lang": "ru", "plot": "P01"}
    assert presenter.scene_query(keep, "en") == {"present": "1", "scene": "4", "plot": "P01"}
    forced = presenter.Scene(2, "SC02", "overview", "ru", {})
    assert presenter.scene_query(forced, "en")["lang"] == "ru"


def test_next_applies_the_url_state_of_the_next_scene_and_back_returns(scenes):
    playable, skipped = presenter.playable_scenes(scenes)
    assert not skipped, "every page of the default story exists"
    at = run_app(present="1", scene="3", lang="ru")
    assert at.markdown[0].value.startswith("**3 / 9**")
    at.button(key="presenter_next").click().run()
    assert not at.exception
    target = playable[3]
    assert at.query_params == {"present": "1", "scene": "4", "lang": "ru", **target.params}
    assert target.params == {"plot": "P01"}
    text = visible_text(at)
    assert "4 / 9" in text and target.title_ru in text
    at.button(key="presenter_back").click().run()
    assert at.query_params == {"present": "1", "scene": "3", "lang": "ru"}


def test_next_on_the_last_scene_wraps_to_the_first(scenes):
    at = run_app(page="pages/5_legal_regime.py", present="1", scene="9", section="risks")
    assert "9 / 9" in visible_text(at)
    at.button(key="presenter_next").click().run()
    assert at.query_params == {"present": "1", "scene": "1"}
    assert at.title[0].value == "Moscow International Medical Cluster"
    assert "1 / 9" in visible_text(at)


def test_presenter_bar_only_with_present_and_exit_leaves_it():
    at = run_app()
    assert "presenter_next" not in [b.key for b in at.button]
    assert at.toggle(key="presenter_toggle").value is False
    at = run_app(present="1", scene="1")
    at.button(key="presenter_exit").click().run()
    assert "present" not in at.query_params
    assert "presenter_next" not in [b.key for b in at.button]


def test_toggle_starts_presenting_at_the_first_scene_of_the_page():
    at = run_app(page="pages/4_operators.py", lang="ru")
    at.toggle(key="presenter_toggle").set_value(True).run()
    assert at.query_params["present"] == "1" and at.query_params["lang"] == "ru"
    assert at.query_params["scene"] == "8"
    assert "8 / 9" in visible_text(at)


def test_a_bad_scene_is_skipped_and_named_in_the_bar(data_dir, monkeypatch):
    replace_in(data_dir / "scenes.csv", "SC05,timeline,", "SC05,timelines,")
    monkeypatch.setenv("IMC_DATA_DIR", str(data_dir))
    at = run_app(present="1", scene="1")
    text = visible_text(at)
    assert "1 / 8" in text
    assert "scenes.csv:6:page: error: unknown page 'timelines'" in text.replace("\\", "")
