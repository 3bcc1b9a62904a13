"""Every cached figure, card and table answers the question it was asked, whatever was asked before.

The shared cache serves a result by its key; a key that left something out would hand one
visitor's view to another. Each test asks for views in turn, each differing in one argument,
and checks each answer against what was asked (computed from the tables, not from the builder).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from xml.etree import ElementTree

import pytest

from dashboard.components import cached_source_lines
from dashboard.figures import gantt, site_deck, worldmap
from dashboard.views.opportunity_table import opportunity_table
from dashboard.views.plot_card import plot_card
from imc_data import load_dataset
from imc_data import opportunities as opps

from .conftest import replace_in
from .gantt_html import read_chart

TODAY = dt.date(2026, 11, 24)
CYRILLIC = re.compile(r"[А-Яа-яЁё]")


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


def bar_ids(markup: str) -> set[str]:
    return read_chart(markup).facilities()


def test_each_filter_set_gets_its_own_timeline(ds):
    fac = ds["facilities"]
    drawn = set(fac.loc[fac["facility_id"] != "F13", "facility_id"])  # F13 has no dates: a label, not a bar
    subsets = [fac, fac[fac["status"] == "planned"], fac[fac["stage_id"] == "S2"], fac.iloc[[5, 0, 3]], fac]
    for shown in subsets:
        fig = gantt.build_gantt(ds, shown["facility_id"], "en", show_milestones=True, today=TODAY)
        assert bar_ids(fig) == set(shown["facility_id"]) & drawn
    ru = gantt.build_gantt(ds, fac["facility_id"], "ru", show_milestones=False, today=TODAY)
    assert "Первый план" in read_chart(ru).text and "First plan" not in read_chart(ru).text
    assert not read_chart(ru).role(gantt.ROLE_MILESTONE)
    later = gantt.build_gantt(ds, fac["facility_id"], "ru", show_milestones=False, today=dt.date(2030, 1, 1))
    assert [m.attrs["data-date"] for m in read_chart(later).role("today")] == ["2030-01-01"]


def test_each_emphasis_gets_its_own_map(ds):
    cases = [(None, None, False), (("P01", "P03"), None, False), (None, "P05", True), (("P12",), "P12", False)]
    for highlight, selected, extruded in cases + cases[::-1]:
        deck = site_deck.build_site_deck(
            ds, "en", 2030, highlight=highlight, selected=selected, extruded=extruded, today=TODAY
        )
        spec = json.loads(deck.to_json())
        (plots,) = [layer for layer in spec["layers"] if layer["id"] == site_deck.PLOTS_LAYER]
        assert {p["plot_id"] for p in plots["data"] if p["highlighted"]} == set(highlight or ())
        assert [p["plot_id"] for p in plots["data"] if p["selected"]] == ([selected] if selected else [])
        assert spec["initialViewState"]["pitch"] == (site_deck.PITCH_3D if extruded else 0)
    ru = json.loads(site_deck.build_site_deck(ds, "ru", 2030, today=TODAY).to_json())
    # The plots' names and states (tooltips, card) in Russian; the map's labels are plot numbers in both.
    names = [
        p["plot_name"] + p["state_label"]
        for layer in ru["layers"]
        if layer["id"] == site_deck.PLOTS_LAYER
        for p in layer["data"]
    ]
    assert names and all(CYRILLIC.search(name) for name in names)


def test_each_plot_year_and_language_gets_its_own_card(ds):
    for plot_id in ("P04", "P12", "P04"):
        for lang in ("en", "ru"):
            card = plot_card(ds, lang, 2030, plot_id, today=TODAY)
            assert card["plot_id"] == plot_id
            assert bool(CYRILLIC.search(card["use_label"])) == (lang == "ru")
    # F05 on P04: under construction in 2024 (started Aug 2023), not yet in 2020.
    assert (
        plot_card(ds, "en", 2020, "P04", today=TODAY)["state"] != plot_card(ds, "en", 2024, "P04", today=TODAY)["state"]
    )


def test_each_selection_of_rows_gets_its_own_table(ds):
    frame = opps.opportunity_frame(ds)
    for rows in (frame, frame.iloc[::-1], frame[frame["status"] == "open"], frame.iloc[[3]], frame):
        for lang in ("en", "ru"):
            table = opportunity_table(ds, rows["opportunity_id"], lang)
            assert table.iloc[:, 0].tolist() == rows["opportunity_id"].tolist()
            assert bool(CYRILLIC.search(" ".join(table.columns))) == (lang == "ru")


def test_each_list_of_sources_gets_its_own_lines(ds):
    sources = ds["sources"].set_index("source_id")
    ids = sources.index.tolist()
    for chosen in (ids[:3], ids[2::-1], [ids[4], "NO_SUCH_SOURCE", ids[0]], []):
        lines = cached_source_lines(ds, chosen, "en")
        known = [sid for sid in chosen if sid in sources.index]
        assert len(lines) == len(known)
        for line, sid in zip(lines, known, strict=True):
            title = sources.loc[sid, "title"]
            assert re.sub(r"\\(.)", r"\1", line).find(str(title)) > 0, (sid, line)


def test_each_language_gets_its_own_world_map(ds):
    svg = "{http://www.w3.org/2000/svg}"
    en = {t.text for t in ElementTree.fromstring(worldmap.operator_world_map(ds, "en")).iter(f"{svg}text")}
    ru = {t.text for t in ElementTree.fromstring(worldmap.operator_world_map(ds, "ru")).iter(f"{svg}text")}
    assert en and ru and en.isdisjoint(ru)
    assert all(CYRILLIC.search(label) for label in ru)


@pytest.mark.slow
def test_an_edited_file_is_shown_at_once(data_dir):
    before = load_dataset(data_dir)
    old = gantt.build_gantt(before, before["facilities"]["facility_id"], "en", show_milestones=False, today=TODAY)
    old_card = plot_card(before, "en", 2030, "P04", today=TODAY)
    replace_in(data_dir / "facilities.csv", "Cardiology centre,", "Heart centre,")
    after = load_dataset(data_dir)
    assert after.content_key != before.content_key
    fig = gantt.build_gantt(after, after["facilities"]["facility_id"], "en", show_milestones=False, today=TODAY)
    assert "Heart centre" in fig and "Heart centre" not in old
    assert plot_card(after, "en", 2030, "P04", today=TODAY) is not old_card
