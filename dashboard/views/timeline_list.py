"""The Timeline as a list for a phone: one card per facility with its status in words, dates and slippage.

The same facilities, order and filters as the Gantt (:func:`dashboard.figures.gantt.facility_order`),
the same date rule (a date is written at its precision: a year-precision date is a year) and the
same words for statuses (:func:`dashboard.labels.label`). :func:`timeline_list` works out what is
written (pure, testable without a browser); :func:`render_list` draws it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from imc_data import Dataset, dates, queries
from imc_data import timeline as tl

from ..components import status_tag
from ..figures import gantt
from ..i18n import translate
from ..labels import label
from ..safe import md


@dataclass(frozen=True)
class ListEntry:
    """One facility as the phone list writes it."""

    facility_id: str
    name: str
    status: str  # the ``status`` code (for the colour)
    status_text: str  # the status in words, in the page language
    lines: tuple[str, ...]  # dates and slippage: plain text, one per line
    overdue: str | None  # "Completion target 2024 has passed with no confirmation", when it has
    milestones: tuple[str, ...]  # the facility's milestones when shown: "date · title (state)"


@dataclass(frozen=True)
class ListGroup:
    """A stage (or "no stage stated") and its facilities, in the Gantt's order."""

    title: str
    entries: tuple[ListEntry, ...]


def timeline_list(
    ds: Dataset, facility_ids: Sequence[str], lang: str, *, show_milestones: bool = True, today: dt.date | None = None
) -> list[ListGroup]:
    """What the phone list shows for ``facility_ids`` (e.g. the rows a filter kept), grouped by stage.

    Every facility asked for appears exactly once, with its status in words; dates are written at
    their precision; a completion target that passed unconfirmed is said so.
    """
    today = today or dates.today()
    spans = tl.facility_spans(ds, today).set_index("facility_id")
    facilities = ds["facilities"].set_index("facility_id")
    stages = ds["stages"].set_index("stage_id")
    stage_names = queries.names(ds, "stages", lang)
    milestones = _milestone_lines(ds, lang, today) if show_milestones else {}
    groups = []
    for stage_id, ids in gantt.facility_order(ds, facility_ids, lang, today):
        if stage_id is None:
            title = translate("timeline.row.no_stage", lang)
        else:
            row = stages.loc[stage_id]
            title = translate(
                "timeline.row.stage",
                lang,
                stage=stage_names.get(stage_id, stage_id),
                start=row["start_year"],
                end=row["end_year"],
            )
        entries = tuple(
            _entry(fid, facilities.loc[fid], spans.loc[fid], stages, lang, milestones.get(fid, ())) for fid in ids
        )
        groups.append(ListGroup(title, entries))
    return groups


def _entry(facility_id: str, f: pd.Series, span: pd.Series, stages: pd.DataFrame, lang: str, ms_lines) -> ListEntry:
    def t(key: str, **values) -> str:
        return translate(key, lang, **values)

    lines = []
    if pd.notna(f["planned_end"]):
        lines.append(
            t("timeline.list.first_plan", date=gantt.period_text(f["planned_end"], lang, f["planned_end_precision"]))
        )
    elif isinstance(f["stage_id"], str) and span["plan_end_basis"] == tl.STAGE_END:
        stage = stages.loc[f["stage_id"]]
        lines.append(t("timeline.list.plan_stage", start=stage["start_year"], end=stage["end_year"]))
    if pd.notna(f["actual_start"]):
        lines.append(
            t("timeline.list.started", date=gantt.period_text(f["actual_start"], lang, f["actual_start_precision"]))
        )
    if pd.notna(f["actual_end"]):
        lines.append(
            t("timeline.list.completed", date=gantt.period_text(f["actual_end"], lang, f["actual_end_precision"]))
        )
    if pd.notna(f["opening_date"]):
        lines.append(
            t("timeline.hover.opening", date=gantt.period_text(f["opening_date"], lang, f["opening_date_precision"]))
        )
    if pd.notna(f["expected_end"]) and pd.isna(f["actual_end"]):
        lines.append(
            t("timeline.hover.target", date=gantt.period_text(f["expected_end"], lang, f["expected_end_precision"]))
        )
    if span["slip"] is not None and span["slip"].amount != 0:
        lines.append(gantt.slip_text(span["slip"], lang))
    overdue = None
    if span["overdue"]:
        end_year = stages["end_year"].get(f["stage_id"]) if isinstance(f["stage_id"], str) else None
        target = tl.facility_target(f, end_year)
        overdue = t("timeline.hover.overdue", date=gantt.period_text(target[0], lang, target[1]))
    if not lines:
        lines.append(t("timeline.list.no_dates"))
    status_text = label("facility_status", f["status"], lang)
    return ListEntry(facility_id, f[f"name_{lang}"], f["status"], status_text, tuple(lines), overdue, tuple(ms_lines))


def _milestone_lines(ds: Dataset, lang: str, today: dt.date) -> dict[str, tuple[str, ...]]:
    """``facility_id → ("12 Dec 2025 · Construction completed", "2026 · Opening (planned)", ...)`` in date order.

    A past event is told by its date alone; only the others say their state (planned, date passed …).
    """
    ms = ds["milestones"]
    states = tl.milestone_states(ms, today)
    out: dict[str, list[str]] = {}
    for m, state in sorted(zip(ms.itertuples(), states, strict=True), key=lambda pair: pair[0].date):
        if not isinstance(m.facility_id, str):
            continue
        when = gantt.period_text(m.date, lang, m.date_precision)
        title = getattr(m, f"title_{lang}")
        line = (
            translate("timeline.list.milestone_happened", lang, date=when, title=title)
            if state == tl.HAPPENED
            else translate(
                "timeline.list.milestone", lang, date=when, title=title, status=label("milestone_status", state, lang)
            )
        )
        out.setdefault(m.facility_id, []).append(line)
    return {fid: tuple(lines) for fid, lines in out.items()}


def render_list(groups: Sequence[ListGroup], lang: str) -> None:
    """The list: a heading per stage, a bordered card per facility (name, status badge, one line per fact)."""
    for group in groups:
        st.markdown(f"#### {md(group.title)}")
        for entry in group.entries:
            with st.container(border=True):
                # The badge carries the status in words on its palette colour (never colour alone).
                st.markdown(f"**{md(entry.name)}**  \n{status_tag('facility_status', entry.status, lang)}")
                facts = [md(line) for line in entry.lines]
                if entry.overdue:  # said plainly, in bold: a passed target is never shown as upcoming
                    facts.append(f"**{md(entry.overdue)}**")
                st.markdown("  \n".join(facts))
                if entry.milestones:
                    st.caption("  \n".join(f"◆ {md(line)}" for line in entry.milestones))
