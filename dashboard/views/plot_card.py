"""What the card beside the site map shows for one plot: its facts, facilities, opportunities, sources."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from imc_data import Dataset, dates, queries
from imc_data.missing import is_missing
from imc_data.plot_state import is_projected
from imc_data.timeline import NOT_PROJECTED, facility_overdue

from .. import formatting, labels
from ..cache.queries import plot_states
from ..cache.shared import shared_result
from ..figures.site_deck import clean_value, state_label
from ..i18n import translate


def date_text(value, lang: str, precision: object = None) -> str:
    """A table date at the precision its ``*_precision`` column gives ("2023", "Q4 2021", "Mar 2018").

    The tables store a period as its first day; showing "1 Jan 2023" for "2023" would claim a
    precision the source does not have, so the precision always travels with the date.
    """
    if is_missing(value):
        return "—"
    return formatting.date(value, lang, dates.normalise_precision(precision))


def _row_date(row, column: str, lang: str) -> str:
    return date_text(row[column], lang, row.get(f"{column}_precision"))


@shared_result(
    key=lambda ds, lang, year, plot_id, today: (ds.content_key, lang, year, plot_id, today or dates.today()),
    max_entries=512,
)
def plot_card(ds: Dataset, lang: str, year: int, plot_id: str, *, today: dt.date | None = None) -> dict | None:
    """What the card beside the map shows for one plot, or ``None`` for an unknown id (shared, read-only).

    Returns
    -------
    dict or None
        ``plot_id``, ``name`` ("Plot 4 · Oncology …"), ``description``, ``area_text``, ``use_label``, ``stage_text``,
        ``max_floor_text``, ``state``, ``state_label``, ``provenance``, ``source_ids`` (plot
        and its facilities, first-seen order), ``plot_source_ids``, ``opportunities`` (dicts with
        ``opportunity_id``, ``what``, its specialty, ``name``, its human name, and ``status`` in words) and
        ``facilities``: one dict per facility (see :func:`_facility_entry`).
    """
    plots = ds["plots"].set_index("plot_id")
    if not isinstance(plot_id, str) or plot_id not in plots.index:
        return None
    today = today or dates.today()
    plot = plots.loc[plot_id]
    state_row = plot_states(ds, year, today=today).set_index("plot_id").loc[plot_id]
    states = dict(zip(state_row["facility_ids"], state_row["facility_states"], strict=True))
    facilities = [_facility_entry(ds, fid, states[fid], lang, year, today) for fid in state_row["facility_ids"]]
    source_ids = list(plot["source_ids"]) + [sid for f in facilities for sid in f["source_ids"]]
    max_floor = plot["max_floor_area_m2"]
    return {
        "plot_id": plot_id,
        "name": labels.plot_name(ds, plot_id, lang),
        "description": clean_value(plot[f"description_{lang}"]) or "",
        "area_text": formatting.area_ha(plot["area_ha"], lang),
        "use_label": labels.label("permitted_use", plot["permitted_use"], lang),
        "stage_text": _stage_text(ds, plot["stage_id"], lang),
        "max_floor_text": formatting.floor_area(max_floor, lang) if pd.notna(max_floor) else "—",
        "state": state_row["state"],
        "state_label": state_label(state_row["state"], lang, bool(state_row["projected"])),
        "provenance": plot["provenance"],
        "plot_source_ids": list(plot["source_ids"]),
        "source_ids": list(dict.fromkeys(source_ids)),
        "opportunities": _opportunities_on(ds, plot_id, lang),
        "facilities": facilities,
    }


def _stage_text(ds: Dataset, stage_id, lang: str) -> str:
    stages = ds["stages"].set_index("stage_id")
    if pd.isna(stage_id) or stage_id not in stages.index:
        return "—"
    stage = stages.loc[stage_id]
    return translate(
        "site_map.card.stage_value",
        lang,
        name=stage[f"name_{lang}"],
        start=int(stage["start_year"]),
        end=int(stage["end_year"]),
    )


def _facility_entry(ds: Dataset, facility_id: str, state: str, lang: str, year: int, today: dt.date) -> dict:
    """One facility of the card.

    ``facility_id``, ``name``, ``specialty``, ``status``, ``stage_text``, ``as_of_text``, ``operator`` (name or None),
    ``country``, ``planned`` and ``actual`` ((start, end) texts or None), ``expected_text``,
    ``opening_text`` (None when absent), ``floor_area``, ``beds``, ``note``, ``state_label`` (in
    ``year``), ``provenance``, ``source_ids``.
    """
    row = ds["facilities"].set_index("facility_id").loc[facility_id]
    operators = ds["operators"].set_index("operator_id")
    op_id = row["operator_id"]
    operator = country = None
    if pd.notna(op_id) and op_id in operators.index:
        operator = operators.loc[op_id, f"name_{lang}"]
        iso = operators.loc[op_id, "country_iso3"]
        country = queries.names(ds, "countries", lang).get(iso, iso)
    with_stage = row.copy()
    stages = ds["stages"].set_index("stage_id")
    if pd.notna(row["stage_id"]) and row["stage_id"] in stages.index:
        with_stage["stage_end_year"] = stages.loc[row["stage_id"], "end_year"]
    planned = _span(row, "planned", lang)
    expected = _row_date(row, "expected_end", lang) if pd.notna(row["expected_end"]) else None
    if facility_overdue(row, with_stage.get("stage_end_year"), today):
        # A target that has passed with no confirmation is said so, never left to read as upcoming.
        passed = translate("overdue", lang)
        if expected is not None:
            expected = f"{expected} ({passed})"
        elif planned is not None:
            planned = (planned[0], f"{planned[1]} ({passed})")
    return {
        "facility_id": str(facility_id),
        "name": row[f"name_{lang}"],
        "specialty": clean_value(row[f"specialty_{lang}"]),
        "status": row["status"],
        "stage_text": _stage_text(ds, row["stage_id"], lang) if pd.notna(row["stage_id"]) else None,
        "as_of_text": _row_date(row, "as_of", lang),
        "operator": operator,
        "country": country,
        "planned": planned,
        "expected_text": expected,
        "actual": _span(row, "actual", lang),
        "opening_text": _row_date(row, "opening_date", lang) if pd.notna(row["opening_date"]) else None,
        "floor_area_text": floor_area_text(row["floor_area_m2"], row["floor_area_bound"], lang),
        "beds": clean_value(row["beds"]),
        "note": clean_value(row[f"note_{lang}"]),
        # A project announced and never realised is "planned" on the map (a plot waiting for use), but its card
        # says what it is: "In 2026: Planned" beside "Announced, not realised" read as a contradiction.
        "state_label": (
            labels.label("facility_status", row["status"], lang)
            if row["status"] in NOT_PROJECTED
            else state_label(state, lang, is_projected(with_stage, year, today=today))
        ),
        "provenance": row["provenance"],
        "source_ids": list(row["source_ids"]),
    }


def floor_area_text(value, bound, lang: str) -> str | None:
    """A facility's floor area as its source states it ("more than 60,000 m²"); ``None`` when not stated."""
    if clean_value(value) is None:
        return None
    area = formatting.floor_area(value, lang)
    return translate(f"bound.{bound}", lang, value=area) if clean_value(bound) else area


def _span(row, kind: str, lang: str) -> tuple[str, str] | None:
    """``(start, end)`` texts of the ``planned`` or ``actual`` span at their precisions, or None when both are empty."""
    start, end = f"{kind}_start", f"{kind}_end"
    if pd.isna(row[start]) and pd.isna(row[end]):
        return None
    return _row_date(row, start, lang), _row_date(row, end, lang)


def _opportunities_on(ds: Dataset, plot_id: str, lang: str) -> list[dict]:
    opps = ds["opportunities"]
    here = opps[opps["plot_id"] == plot_id]
    names = labels.opportunity_names(ds, lang)
    return [
        {
            "opportunity_id": str(oid),
            "what": clean_value(what),
            "name": names.get(oid, str(oid)),
            "status": labels.label("opportunity_status", status, lang),
        }
        for oid, what, status in zip(here["opportunity_id"], here[f"specialty_{lang}"], here["status"], strict=True)
    ]
