"""One loaded dataset is shared by every session and rerun; no page may change it.

The app shares the dataset and its figures between sessions (dashboard.cache.shared) instead
of handing each rerun a private copy. That is only safe while pages treat them as read-only,
which these tests check by running every page, in both languages and with filters set, and
comparing the shared objects with freshly built ones.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from dashboard.cache import dataset as data_access
from dashboard.figures.gantt import build_gantt
from dashboard.figures.site_deck import build_site_deck
from dashboard.nav import PAGES
from imc_data import load_dataset

from .apptest_helpers import run_app


def test_every_rerun_gets_the_same_dataset_object():
    assert data_access.get_dataset() is data_access.get_dataset()


def test_a_frame_handed_out_is_a_copy_on_write_copy():
    ds = data_access.get_dataset()
    frame = ds["facilities"]
    frame["scratch"] = 1
    frame.loc[frame.index[0], "name_en"] = "changed"
    assert "scratch" not in ds["facilities"].columns
    assert ds["facilities"].loc[frame.index[0], "name_en"] != "changed"


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.slow
def test_running_every_page_leaves_the_shared_dataset_as_loaded(lang):
    shared = data_access.get_dataset()
    fresh = load_dataset()
    pages = [p.script for p in PAGES if p.script != "app.py"]
    query = {"lang": lang} if lang != "en" else {}
    run_app(**query)
    for script in pages:
        run_app(script, **query)
    # Filters and a linked opportunity exercise the filtering and table code paths.
    run_app("pages/2_timeline.py", status="planned", **query)
    run_app("pages/3_opportunities.py", status="open", opp="O01", shortlist="O01,O02", **query)
    assert data_access.get_dataset() is shared
    assert list(shared.tables) == list(fresh.tables)
    for name, frame in fresh.tables.items():
        pd.testing.assert_frame_equal(shared.tables[name], frame, obj=name)
    pd.testing.assert_frame_equal(
        pd.DataFrame(shared.plots_geo.drop(columns="geometry")), pd.DataFrame(fresh.plots_geo.drop(columns="geometry"))
    )
    assert shared.plots_geo.geometry.equals(fresh.plots_geo.geometry)


def test_cached_figures_are_not_changed_by_the_pages_that_show_them():
    ds = data_access.get_dataset()
    today = dt.date.today()
    year = min(max(today.year, int(ds["stages"]["start_year"].min())), int(ds["stages"]["end_year"].max()))
    fig = build_gantt(ds, ds["facilities"]["facility_id"], "en", show_milestones=True, today=today)
    deck = build_site_deck(ds, "en", year, today=today)
    deck_json = deck.to_json()
    run_app("pages/2_timeline.py")
    run_app("pages/1_site_map.py")
    # The chart is a string (nothing to change); the page took it from the cache, built by the call above.
    assert build_gantt(ds, ds["facilities"]["facility_id"], "en", show_milestones=True, today=today) is fig
    assert deck.to_json() == deck_json
