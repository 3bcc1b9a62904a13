"""Cached figure builders: a repeated view is served from the cache, an edited file never is."""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd

from dashboard import cached, deck, gantt
from imc_data import load_dataset, plot_state

from .conftest import replace_in

TODAY = dt.date(2026, 11, 24)


def _json(fig) -> dict:
    """The figure as data (key order of the serialised layout is not meaningful)."""
    return json.loads(fig.to_json())


def _counting(monkeypatch, module, name):
    calls = []
    original = getattr(module, name)

    def wrapper(*args, **kwargs):
        calls.append(args)
        return original(*args, **kwargs)

    monkeypatch.setattr(module, name, wrapper)
    return calls


def test_gantt_is_built_once_per_view_and_equals_the_uncached_figure(monkeypatch):
    ds = load_dataset()
    expected = _json(gantt.build_gantt(ds, ds["facilities"], "en", show_milestones=True, today=TODAY))
    calls = _counting(monkeypatch, gantt, "gantt_dict")
    first = cached.gantt_figure(ds, ds["facilities"], "en", show_milestones=True, today=TODAY)
    again = cached.gantt_figure(ds, ds["facilities"], "en", show_milestones=True, today=TODAY)
    assert _json(first) == _json(again) == expected
    assert first.to_json() == again.to_json()  # same bytes on a miss and a hit: the chart's widget id is stable
    assert len(calls) == 1
    cached.gantt_figure(ds, ds["facilities"].iloc[:3], "en", show_milestones=True, today=TODAY)
    cached.gantt_figure(ds, ds["facilities"], "ru", show_milestones=True, today=TODAY)
    assert len(calls) == 3  # other facilities, other language: new figures


def test_an_edited_file_gives_a_new_key_and_a_fresh_figure(data_dir, monkeypatch):
    before = load_dataset(data_dir)
    calls = _counting(monkeypatch, gantt, "gantt_dict")
    cached.gantt_figure(before, before["facilities"], "en", show_milestones=False, today=TODAY)
    replace_in(data_dir / "facilities.csv", "Cardiology centre,", "Heart centre,")
    after = load_dataset(data_dir)
    assert after.content_key != before.content_key
    fig = cached.gantt_figure(after, after["facilities"], "en", show_milestones=False, today=TODAY)
    assert len(calls) == 2
    assert "Heart centre" in fig.to_json()


def test_site_deck_cache_matches_the_builder(monkeypatch):
    ds = load_dataset()
    expected = json.loads(deck.build_site_deck(ds, "ru", 2030, highlight=["P12"], today=TODAY).to_json())
    calls = _counting(monkeypatch, deck, "build_site_deck")
    for _ in range(2):
        assert json.loads(cached.site_deck(ds, "ru", 2030, highlight=["P12"], today=TODAY).to_json()) == expected
    assert len(calls) == 1


def test_another_highlight_restyles_the_kept_plot_records_and_matches_the_builder(monkeypatch):
    ds = load_dataset()
    expected = json.loads(deck.build_site_deck(ds, "en", 2030, highlight=["P01", "P03"], today=TODAY).to_json())
    calls = _counting(monkeypatch, deck, "base_plot_records")
    # deck.py imports plot_states by name: count calls through either name.
    state_calls = _counting(monkeypatch, plot_state, "plot_states")
    deck_state_calls = _counting(monkeypatch, deck, "plot_states")
    cached._context_records.clear()
    context_calls = _counting(monkeypatch, deck, "context_records")
    cached.site_deck(ds, "en", 2030, highlight=["P12"], today=TODAY)
    again = cached.site_deck(ds, "en", 2030, highlight=["P01", "P03"], today=TODAY)
    assert json.loads(again.to_json()) == expected
    assert len(calls) == 1  # the plots' states for 2030 were computed once for both highlights
    assert len(context_calls) == 1  # and the roads and districts around the site once
    records = cached.plot_records(ds, "en", 2030, selected="P01", today=TODAY)
    assert [r["selected"] for r in records if r["plot_id"] == "P01"] == [True]
    assert not any(r["highlighted"] for r in records)
    assert len(calls) == 1
    card = cached.plot_card(ds, "en", 2030, "P12", today=TODAY)
    assert len(state_calls) + len(deck_state_calls) == 1  # the map and the card share the plots' states for 2030
    assert card == deck.plot_card(ds, "en", 2030, "P12", today=TODAY)


def test_a_plot_card_seen_before_is_looked_up_not_rebuilt(monkeypatch):
    ds = load_dataset()
    cached._plot_card.clear()  # other tests may have opened this card
    calls = _counting(monkeypatch, deck, "plot_card")
    first = cached.plot_card(ds, "ru", 2031, "P05", today=TODAY)
    again = cached.plot_card(ds, "ru", 2031, "P05", today=TODAY)
    assert len(calls) == 1
    assert again == first
    assert again["plot_id"] == "P05"
    cached.plot_card(ds, "en", 2031, "P05", today=TODAY)  # another language is another card
    assert len(calls) == 2


def test_opportunity_results_match_the_filter_and_hand_out_copies(monkeypatch):
    from imc_data import opportunities as opps

    ds = load_dataset()
    cached._opportunity_results.clear()
    calls = _counting(monkeypatch, opps, "match_positions")
    filters = opps.Filters(statuses=("open",))
    matches, summary = cached.opportunity_results(ds, filters)
    expected = opps.filter_opportunities(opps.opportunity_frame(ds), filters)
    assert matches["opportunity_id"].tolist() == expected["opportunity_id"].tolist()
    assert not matches.empty and set(matches["status"]) == {"open"}
    assert summary == opps.summarise(expected)
    matches["status"] = "changed by a page"  # a caller's change stays in its copy
    again, _ = cached.opportunity_results(ds, filters)
    assert set(again["status"]) == {"open"}
    assert len(calls) == 2  # one through the cache, one for `expected`; the second lookup hit the cache


def test_timeline_rows_and_sources_kept_per_filter_set_match_the_uncached_ones(monkeypatch):
    from imc_data import timeline as tl

    ds = load_dataset()
    cached._timeline_facilities.clear()
    calls = _counting(monkeypatch, tl, "filter_facilities")
    shown = cached.timeline_facilities(ds, statuses=["planned"])
    again = cached.timeline_facilities(ds, statuses=("planned",))
    assert len(calls) == 1
    expected = tl.filter_facilities(ds["facilities"], statuses=["planned"])
    assert again["facility_id"].tolist() == expected["facility_id"].tolist() != []
    shown["status"] = "changed by a page"  # stays in the caller's copy
    assert set(cached.timeline_facilities(ds, statuses=["planned"])["status"]) == {"planned"}
    assert list(cached.timeline_sources(ds, expected, True)) == tl.shown_source_ids(ds, expected, True)


def test_opportunity_table_picks_rows_of_one_translated_table_and_equals_the_direct_build(monkeypatch):
    from dashboard import exports
    from imc_data import opportunities as opps

    ds = load_dataset()
    cached._full_opportunity_table.clear()
    cached._opportunity_table.clear()
    frame = opps.opportunity_frame(ds)
    calls = _counting(monkeypatch, exports, "table_frame")
    subsets = [frame, frame.iloc[::-1], frame[frame["status"] == "open"], frame.iloc[[3]]]
    for lang in ("en", "ru"):
        for rows in subsets:
            expected = exports.table_frame(ds, rows, lang)
            got = cached.opportunity_table(ds, rows, lang)
            pd.testing.assert_frame_equal(got, expected)
    # 8 direct builds for `expected` and one full table per language: no build per subset.
    assert len(calls) == 8 + 2


def test_the_results_table_in_arrow_is_what_streamlit_would_send_for_the_table_and_is_kept():
    import pyarrow as pa
    from streamlit import dataframe_util

    from imc_data import opportunities as opps

    ds = load_dataset()
    frame = opps.opportunity_frame(ds)
    for rows in (frame[frame["status"] == "open"], frame.iloc[::-1], frame.iloc[[4]]):
        for lang in ("en", "ru"):
            arrow = cached.opportunity_arrow(ds, rows, lang)  # rows taken from the full table in Arrow
            table = cached.opportunity_table(ds, rows, lang)
            sent = pa.ipc.open_stream(dataframe_util.convert_pandas_df_to_arrow_bytes(table)).read_all()
            assert arrow.column_names == sent.column_names == list(table.columns)
            assert arrow.schema.types == sent.schema.types
            # The same table and pandas metadata as converting this view's own rows.
            assert arrow.equals(pa.Table.from_pandas(table, preserve_index=False), check_metadata=True)
            assert arrow.to_pylist() == sent.to_pylist()
            assert len(arrow) == len(rows) > 0
            assert cached.opportunity_arrow(ds, rows, lang) is arrow


def test_every_emphasis_gives_the_builders_deck_from_one_kept_frame_in_compact_json(monkeypatch):
    ds = load_dataset()
    cached._deck_frame.clear()
    cases = [
        (highlight, selected, extruded)
        for highlight, selected in [(None, None), (("P01", "P03"), None), (None, "P05"), (("P12",), "P12"), ((), None)]
        for extruded in (False, True)
    ]
    expected = {
        case: deck.build_site_deck(ds, "ru", 2031, highlight=case[0], selected=case[1], extruded=case[2], today=TODAY)
        for case in cases
    }
    calls = _counting(monkeypatch, deck, "build_site_deck")
    for (highlight, selected, extruded), built in expected.items():
        got = cached.site_deck(ds, "ru", 2031, highlight=highlight, selected=selected, extruded=extruded, today=TODAY)
        assert json.loads(got.to_json()) == json.loads(built.to_json())
        assert len(got.to_json()) < 0.6 * len(built.to_json())  # no indentation: fewer bytes to send
        assert got._tooltip == built._tooltip  # st.pydeck_chart reads the tooltip from the deck
    assert len(calls) == 2  # one frame per view (flat, 3D); each emphasis only restyles the plots


def test_source_lines_kept_per_source_equal_the_lines_formatted_for_the_whole_list(monkeypatch):
    from dashboard import components
    from imc_data import queries

    ds = load_dataset()
    ids = ds["sources"]["source_id"].tolist()
    lists = [ids, ids[::-1], [ids[2], "NO_SUCH_SOURCE", ids[2], ids[0]], [], ids[:1]]
    for lang in ("en", "ru"):
        for source_ids in lists:
            assert components.cached_source_lines(ds, source_ids, lang) == components.source_lines(ds, source_ids, lang)
    calls = _counting(monkeypatch, queries, "sources_for")
    components.cached_source_lines(ds, [ids[1], ids[0], ids[3]], "en")  # a new list of sources already seen
    assert calls == []
    components.cached_source_lines(ds, [ids[0], "ANOTHER_UNKNOWN"], "en")  # one id not seen before
    assert len(calls) == 1
