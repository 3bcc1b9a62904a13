"""Data-layer questions that several views ask on every rerun, answered once per version of the data.

Only questions that take long enough to matter are kept here; the rest the pages ask
:mod:`imc_data` directly. Results are shared: treat them as read-only.
"""

from __future__ import annotations

from imc_data import dates, opportunities, plot_state, queries

from .shared import shared_result

latest_as_of = shared_result(key=lambda ds: ds.content_key, max_entries=16)(queries.latest_as_of)
""":func:`imc_data.queries.latest_as_of`: the newest ``as_of`` of a sourced fact about the cluster."""

newest_fact = shared_result(key=lambda ds: ds.content_key, max_entries=16)(queries.newest_fact)
""":func:`imc_data.queries.newest_fact` (date and precision): the sidebar of every page and the PDFs show it."""

opportunity_frame = shared_result(key=lambda ds: ds.content_key, max_entries=16)(opportunities.opportunity_frame)
""":func:`imc_data.opportunities.opportunity_frame`: opportunities merged with their plots."""

plot_states = shared_result(key=lambda ds, year, today: (ds.content_key, year, today or dates.today()), max_entries=64)(
    plot_state.plot_states
)
""":func:`imc_data.plot_state.plot_states`: the site map, its card and the opportunities map share it."""
