"""Figure builders behind a cache: the same data, language and filters give the stored figure.

Building the Gantt chart or the site deck takes a few hundred milliseconds of Python on
every rerun (bench/PROFILE.md); a filter change that returns to a view already seen, or
another visitor asking for the same view, should not pay that again. The cache key is the
dataset's ``content_key`` (a hash of the data files), so an edited file never serves a
stale figure; the dataset itself is passed unhashed.

The results are kept as shared resources: every session and every rerun gets the very
same object, so a view costs no unpickling (rebuilding a Plotly figure from a pickle
re-validates every property: a quarter of a timeline rerun, bench/PROFILE.md) and the
first call and later ones serialise identically (Streamlit folds a chart's spec into its
widget id; a spec that changed between reruns would drop a selection). Callers must
treat a returned value as read-only. They are kept by :mod:`dashboard.kept`, a plain
dictionary per function, not ``st.cache_resource``: hashing the arguments of each call
took Streamlit 0.5–1 ms, and a filter change makes five calls.
"""

from __future__ import annotations

import copy
import datetime as dt
import json

import pandas as pd
import plotly.graph_objects as go
import pyarrow as pa
import pydeck as pdk

from imc_data import Dataset, dates, opportunities, plot_state, queries, timeline

from . import deck, exports, gantt
from .kept import kept


@kept(max_entries=16)
def _gantt_parts(_ds: Dataset, key: str, lang: str, today: dt.date) -> gantt.GanttParts:
    # Keyed on today too: which plans have passed unconfirmed changes with the date.
    return gantt.gantt_parts(_ds, lang, today)


@kept(max_entries=256)
def _gantt(_ds: Dataset, _shown: pd.DataFrame, key: str, ids: tuple, lang: str, milestones: bool, today: dt.date):
    # A new filter combination builds a new chart: as plain dicts, from the parts kept per data
    # and language (tests/test_gantt.py: the same JSON as the validated figure).
    parts = _gantt_parts(_ds, key, lang, today)
    spec = gantt.gantt_dict(_ds, _shown, lang, show_milestones=milestones, today=today, parts=parts)
    return _kept_figure(spec)


def _kept_figure(spec: dict) -> go.Figure:
    # st.plotly_chart only asks a figure for its dict (a deep copy per rerun from a built figure:
    # a third of a timeline rerun). An empty figure whose to_dict returns the kept dict, shared
    # read-only, costs neither the copy nor building Plotly's objects for every property.
    fig = go.Figure()
    fig.to_dict = lambda: spec  # an instance attribute shadows BaseFigure.to_dict
    return fig


def gantt_figure(ds: Dataset, shown: pd.DataFrame, lang: str, *, show_milestones: bool, today: dt.date) -> go.Figure:
    """:func:`dashboard.gantt.build_gantt`, cached on the data, the facilities shown (in order) and the options."""
    return _gantt(ds, shown, ds.content_key, tuple(shown["facility_id"]), lang, show_milestones, today)


@kept(max_entries=256)
def _timeline_facilities(_ds: Dataset, key: str, stages: tuple, kinds: tuple, statuses: tuple, operators: tuple):
    return timeline.filter_facilities(_ds.tables["facilities"], stages, kinds, statuses, operators)


def timeline_facilities(ds: Dataset, stages=(), kinds=(), statuses=(), operators=()) -> pd.DataFrame:
    """:func:`imc_data.timeline.filter_facilities` of the data's facilities, kept per filter set (a copy-on-write copy)."""
    chosen = (tuple(stages), tuple(kinds), tuple(statuses), tuple(operators))
    return _timeline_facilities(ds, ds.content_key, *chosen).copy(deep=False)


@kept(max_entries=256)
def _timeline_sources(_ds: Dataset, _shown: pd.DataFrame, key: str, ids: tuple, milestones: bool) -> tuple[str, ...]:
    return tuple(timeline.shown_source_ids(_ds, _shown, milestones))


def timeline_sources(ds: Dataset, shown: pd.DataFrame, show_milestones: bool) -> tuple[str, ...]:
    """:func:`imc_data.timeline.shown_source_ids`, kept per data, facilities shown and milestone switch."""
    return _timeline_sources(ds, shown, ds.content_key, tuple(shown["facility_id"]), show_milestones)


@kept(max_entries=64)
def _plot_states(_ds: Dataset, key: str, year: int, today: dt.date) -> pd.DataFrame:
    # Every facility's state in ``year``: shared by the map's plot records and the plot card.
    return plot_state.plot_states(_ds, year, today=today)


@kept(max_entries=64)
def _base_records(_ds: Dataset, key: str, lang: str, year: int, today: dt.date) -> list[dict]:
    # Read-only: deck.style_records copies each record before adding the emphasis.
    states = _plot_states(_ds, key, year, today).copy(deep=False)
    return deck.base_plot_records(_ds, lang, year, today=today, states=states)


@kept(max_entries=16)
def _context_records(_ds: Dataset, key: str, lang: str) -> list[dict]:
    # Read-only: the roads, forest and districts around the site do not change with the view.
    return deck.context_records(_ds, lang)


@kept(max_entries=64)
def _deck_frame(_ds: Dataset, key: str, lang: str, year: int, extruded: bool, today: dt.date):
    # The deck without emphasis, and its spec as a dict: every highlight and selection shares
    # all of it but the plots layer's records.
    built = deck.build_site_deck(
        _ds,
        lang,
        year,
        extruded=extruded,
        today=today,
        base=_base_records(_ds, key, lang, year, today),
        context=_context_records(_ds, key, lang),
    )
    return built, json.loads(built.to_json())


@kept(max_entries=256)
def _deck(_ds: Dataset, key: str, lang: str, year: int, selected, highlight, extruded: bool, today: dt.date):
    marks = list(highlight) if highlight is not None else None
    # Each filter on the opportunities page and each click on the site map restyles the plots:
    # only that layer's records are made again (restyled from the kept records), and the spec
    # is written as compact JSON by the C encoder. pydeck's own build and indented JSON took
    # 6 + 2.5 ms and sent 45 KB (tests/test_cached.py: the same spec as deck.build_site_deck).
    built, frame = _deck_frame(_ds, key, lang, year, extruded, today)
    plots = deck.style_records(_base_records(_ds, key, lang, year, today), highlight=marks, selected=selected)
    layers = [{**layer, "data": plots} if layer["id"] == deck.PLOTS_LAYER else layer for layer in frame["layers"]]
    spec = json.dumps({**frame, "layers": layers}, separators=(",", ":"), sort_keys=True)
    view = copy.copy(built)  # shares the unchanged parts (st.pydeck_chart reads its tooltip)
    # st.pydeck_chart serialises the deck on every rerun; the kept deck never changes, so its
    # JSON is made once here. An instance attribute shadows JSONMixin.to_json.
    view.to_json = lambda: spec
    return view


def site_deck(
    ds: Dataset, lang: str, year: int, *, selected=None, highlight=None, extruded: bool = False, today=None
) -> pdk.Deck:
    """:func:`dashboard.deck.build_site_deck`, cached on the data, the view and today's date.

    Only ``to_json()`` (what ``st.pydeck_chart`` sends) is this view's deck; the object's other
    attributes, the layers included, are those of the view's deck without emphasis, shared.
    """
    marks = tuple(highlight) if highlight is not None else None
    return _deck(ds, ds.content_key, lang, year, selected, marks, extruded, today or dates.today())


@kept(max_entries=256)
def _records(_ds: Dataset, key: str, lang: str, year: int, selected, today: dt.date):
    return deck.style_records(_base_records(_ds, key, lang, year, today), selected=selected)


def plot_records(ds: Dataset, lang: str, year: int, *, selected=None, today=None) -> list[dict]:
    """:func:`dashboard.deck.plot_records`, kept like :func:`site_deck` (read-only, shared)."""
    return _records(ds, ds.content_key, lang, year, selected, today or dates.today())


@kept(max_entries=16)
def _latest_as_of(_ds: Dataset, key: str):
    return queries.latest_as_of(_ds)


def latest_as_of(ds: Dataset):
    """:func:`imc_data.queries.latest_as_of`, computed once per version of the data."""
    return _latest_as_of(ds, ds.content_key)


@kept(max_entries=16)
def _newest_fact(_ds: Dataset, key: str):
    return queries.newest_fact(_ds)


def newest_fact(ds: Dataset):
    """:func:`imc_data.queries.newest_fact` (date and precision), computed once per version of the data."""
    return _newest_fact(ds, ds.content_key)


@kept(max_entries=16)
def _opportunity_frame(_ds: Dataset, key: str) -> pd.DataFrame:
    return opportunities.opportunity_frame(_ds)


def opportunity_frame(ds: Dataset) -> pd.DataFrame:
    """:func:`imc_data.opportunities.opportunity_frame`, merged once per version of the data.

    A copy-on-write copy of the shared frame: a caller adding a column changes only its own.
    """
    return _opportunity_frame(ds, ds.content_key).copy(deep=False)


@kept(max_entries=16)
def _opportunity_columns(_ds: Dataset, key: str) -> opportunities.FilterColumns:
    return opportunities.filter_columns(_opportunity_frame(_ds, key))


@kept(max_entries=256)
def _opportunity_results(_ds: Dataset, key: str, filters: opportunities.Filters):
    # A new filter set compares the arrays kept per data: 0.2 ms where pandas took 1.5 ms.
    columns = _opportunity_columns(_ds, key)
    positions = opportunities.match_positions(columns, filters)
    matches = _opportunity_frame(_ds, key).take(positions)
    return matches, opportunities.summarise_positions(columns, positions)


def opportunity_results(ds: Dataset, filters: opportunities.Filters) -> tuple[pd.DataFrame, opportunities.Summary]:
    """The opportunities ``filters`` select and their totals, kept per version of the data and filters.

    Filtering and summing a few rows in pandas took a third of a filter change's rerun; a
    filter set seen before (by this visitor or another) is looked up instead. The frame is a
    copy-on-write copy of the shared one; the summary is frozen.
    """
    matches, summary = _opportunity_results(ds, ds.content_key, filters)
    return matches.copy(deep=False), summary


@kept(max_entries=16)
def _full_opportunity_table(_ds: Dataset, key: str, lang: str) -> tuple[pd.DataFrame, dict[str, int]]:
    # Every opportunity's row, and each id's position: a filter's table is a selection of rows.
    frame = _opportunity_frame(_ds, key)
    positions = {oid: i for i, oid in enumerate(frame["opportunity_id"])}
    return exports.table_frame(_ds, frame, lang), positions


def _full_table_positions(_ds: Dataset, key: str, lang: str, ids: tuple) -> list[int] | None:
    # Where the rows ``ids`` sit in the full table; None if one is not from this data's frame.
    _, positions = _full_opportunity_table(_ds, key, lang)
    if all(oid in positions for oid in ids):
        return [positions[oid] for oid in ids]
    return None


@kept(max_entries=256)
def _opportunity_table(_ds: Dataset, _rows: pd.DataFrame, key: str, ids: tuple, lang: str) -> pd.DataFrame:
    picked = _full_table_positions(_ds, key, lang, ids)
    if picked is not None:
        # Translating and formatting the rows again for each filter took 7 ms of a new filter set.
        return _full_opportunity_table(_ds, key, lang)[0].iloc[picked].reset_index(drop=True)
    return exports.table_frame(_ds, _rows, lang)  # rows from elsewhere (not from this data's frame)


def opportunity_table(ds: Dataset, rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """:func:`dashboard.exports.table_frame` of ``rows``, kept per data, rows (in order) and language.

    The rows of the data's opportunities are picked from one table per language, translated
    once. Shared, not pickled per rerun: the caller gets a copy-on-write copy.
    """
    return _opportunity_table(ds, rows, ds.content_key, tuple(rows["opportunity_id"]), lang).copy(deep=False)


@kept(max_entries=16)
def _full_opportunity_arrow(_ds: Dataset, key: str, lang: str) -> pa.Table:
    return pa.Table.from_pandas(_full_opportunity_table(_ds, key, lang)[0], preserve_index=False)


@kept(max_entries=256)
def _opportunity_arrow(_ds: Dataset, _rows: pd.DataFrame, key: str, ids: tuple, lang: str) -> pa.Table:
    picked = _full_table_positions(_ds, key, lang, ids)
    if picked is not None:
        # Rows taken from the full table in Arrow: converting each filter's table took 1 ms.
        return _full_opportunity_arrow(_ds, key, lang).take(picked)
    return pa.Table.from_pandas(_opportunity_table(_ds, _rows, key, ids, lang), preserve_index=False)


def opportunity_arrow(ds: Dataset, rows: pd.DataFrame, lang: str) -> pa.Table:
    """:func:`opportunity_table` as an Arrow table, for ``st.dataframe``: kept like the table.

    ``st.dataframe`` converts a pandas frame to Arrow on every rerun (a tenth of a filter
    change's run); an Arrow table it only serialises. Immutable, so shared as it is.
    """
    return _opportunity_arrow(ds, rows, ds.content_key, tuple(rows["opportunity_id"]), lang)


def plot_card(ds: Dataset, lang: str, year: int, plot_id: str, *, today=None) -> dict | None:
    """:func:`dashboard.deck.plot_card`, kept per data, language, year and plot (read-only).

    A click on the map opens a card; working out every facility's state took 45 ms of it, and
    the plots' states for ``year`` are kept apart so the map's records share them.
    """
    return _plot_card(ds, ds.content_key, lang, year, plot_id, today or dates.today())


@kept(max_entries=512)
def _plot_card(_ds: Dataset, key: str, lang: str, year: int, plot_id: str, today: dt.date) -> dict | None:
    # Shared read-only: the page only reads the card.
    states = _plot_states(_ds, key, year, today).copy(deep=False)
    return deck.plot_card(_ds, lang, year, plot_id, today=today, states=states)
