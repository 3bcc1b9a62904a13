"""The Timeline Gantt chart: the figure builder and the handling of a click on it.

:func:`build_gantt` draws one row per facility, grouped by stage, from the data layer
(:mod:`imc_data.timeline` works out the spans and what each end is based on):

- a thin outline bar for the first published plan,
- a bar coloured by status: solid for what happened, hatched and paler for plan-only
  facilities (planned, announced, unconfirmed), with the status written on it,
- a dotted line to a later announced target (slippage),
- milestones as diamonds, stage bands, a "today" line, a fixed 2012–2036 date axis.

Traces are one per status plus a handful of fixed ones (never one per facility), and
every trace carries ``meta={"role": ...}`` so tests and the page can tell them apart.
Text from the data goes into hover texts and labels through :func:`plotly_text`.

What no filter changes (spans, hover texts, milestones) is worked out once per data and
language (:func:`gantt_parts`); a filter set only places rows. Both are kept by the shared
cache, so a view seen before, by anyone, is not built again.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
from babel import Locale

from imc_data import Dataset, dates, queries
from imc_data import timeline as tl
from imc_data.schema import FACILITY_STATUS

from .. import formatting, palette
from ..cache.shared import shared_result
from ..i18n import translate
from ..labels import label, plot_number
from .plotly_text import plotly_text

X_RANGE = ("2012-01-01", "2036-12-31")
HOVER_WIDTH = 80  # characters per hover line
LABEL_WIDTH = 32  # characters per line of a facility name on the y axis (longer names wrap, never cut)
MAX_SOURCES = 3
ROW_PX = 40  # height of a row: two lines of 14 px text (a wrapped facility name)
FONT_PX = 14  # the smallest text on the chart (issue 16: chart text ≥ 14 px)
# Room reserved for the row labels and the legend, so Plotly's automargin (kept as a safety net) finds the
# margins big enough and does not draw the whole chart a second time; a line of the row labels is at most
# LABEL_WIDTH characters, about LABEL_CHAR_PX wide each at FONT_PX.
LABEL_CHAR_PX = 7.5
LABEL_GAP_PX = 8  # between a row label and the plot, so a marker at the chart's left edge never touches the label
LEGEND_PX = 140  # the bottom margin: the legend (one or two lines) under the chart and the "today" label
LABEL_INSIDE_AFTER = pd.Timestamp("2031-01-01")  # rows ending later get their status label inside the bar
LABEL_SHIFT_INSIDE = 4  # px from the bar's start to a status label written inside it
LABEL_SHIFT_AFTER = 9  # px from the row's end to a status label written after it

ROLE_STATUS = "status"  # one bar per drawn facility, coloured by status
ROLE_PLAN = "plan"
ROLE_TARGET = "target"
ROLE_MILESTONE = "milestone"

# Colours from the one palette (Okabe–Ito, safe for colour-blind readers); pattern and text also
# tell statuses apart: solid for what happened, hatched and paler for plan-only statuses.
_PLAN_ONLY = {"planned": "/", "announced_not_realised": "x", "unknown": "x"}
STATUS_STYLE: dict[str, dict] = {
    status: {
        "color": palette.colour("facility_status", status),
        "pattern": _PLAN_ONLY.get(status, ""),
        "opacity": 0.55 if status in _PLAN_ONLY else 1.0,
    }
    for status in ("operating", "completed", "partly_completed", "under_construction", "planned")
    + ("announced_not_realised", "unknown")
}
STAGE_BAND_COLOURS = ("rgba(86,180,233,0.10)", "rgba(0,158,115,0.10)", "rgba(230,159,0,0.10)")
MILESTONE_SYMBOL = {
    "actual": "diamond",
    "planned": "diamond-open",
    "overdue": "x-thin-open",  # a planned date that has passed with no confirmation
    "planned_missed": "x-thin-open",
}
INK = "#1f2d3d"


@dataclass(frozen=True)
class Pick:
    """What a click on the chart points at: a facility and its plot (``None`` when it has none)."""

    facility_id: str
    plot_id: str | None


@dataclass(frozen=True)
class GanttParts:
    """What a Gantt needs that no filter changes, worked out once per data and language."""

    due: dict[str, pd.Timestamp]  # facility_id → what orders its row: first plan end, else actual, else target
    milestones: tuple[dict, ...]  # every milestone: status, facility_id, x, hover, custom, size
    draws: dict[str, dict]  # facility_id → its bars, status label and target line, without a row
    stage_headers: dict[str, str]  # stage_id → the bold, escaped label of its group's header row
    stage_bands: tuple[tuple[dict, ...], tuple[dict, ...]]  # the stage bands' shapes and their titles


@shared_result(key=lambda ds, lang, today=None: (ds.content_key, lang, today or dates.today()), max_entries=16)
def gantt_parts(ds: Dataset, lang: str, today: dt.date | None = None) -> GanttParts:
    """The filter-independent parts of the Timeline figure for ``ds`` in ``lang`` on ``today`` (shared, read-only).

    ``today`` (default :func:`imc_data.dates.today`) decides which plans have passed unconfirmed.
    """
    today = today or dates.today()
    spans = tl.facility_spans(ds, today).set_index("facility_id")
    span_rows = spans.to_dict("index")
    due = spans["plan_end"].fillna(spans["actual_end"]).fillna(spans["target_end"]).to_dict()
    stages = ds["stages"].set_index("stage_id")
    operators = queries.names(ds, "operators", lang)
    stage_name = queries.names(ds, "stages", lang)
    source_names = _source_names(ds, lang)
    hovers = {
        f.facility_id: _facility_hover(f, span_rows[f.facility_id], lang, stage_name, operators, stages, source_names)
        for f in ds["facilities"].itertuples()
    }
    draws = {
        f.facility_id: _facility_draw(f, span_rows[f.facility_id], hovers[f.facility_id], lang)
        for f in ds["facilities"][
            ["facility_id", "plot_id", "status", f"name_{lang}", "planned_end", "planned_end_precision"]
        ].itertuples()
    }
    stage_headers = {
        sid: "<b>"
        + plotly_text(
            translate(
                "timeline.row.stage", lang, stage=row[f"name_{lang}"], start=row["start_year"], end=row["end_year"]
            )
        )
        + "</b>"
        for sid, row in stages.iterrows()
    }
    return GanttParts(
        due,
        tuple(_milestone_points(ds, lang, source_names, today)),
        draws,
        stage_headers,
        _stage_bands(ds, stage_headers),
    )


def _lines(*lines: str) -> str:
    """Hover text from plain-text lines: each wrapped, escaped, joined with ``<br>``."""
    out = []
    for line in lines:
        if line:
            out += [plotly_text(part) for part in textwrap.wrap(line, HOVER_WIDTH)]
    return "<br>".join(out)


def _wrapped(name: str, width: int = LABEL_WIDTH) -> str:
    """A facility name in full for the y axis: escaped, wrapped onto lines of ``width`` characters."""
    lines = textwrap.wrap(name, width, break_on_hyphens=False)  # "Sistema-Biotech" stays one word
    return "<br>".join(plotly_text(part) for part in lines) or plotly_text(name)


def picked_facility(selection: Mapping | None) -> Pick | None:
    """The facility (and plot) a plotly selection points at, or ``None``.

    Parameters
    ----------
    selection : mapping
        ``event.selection`` from ``st.plotly_chart(..., on_select="rerun")``: a mapping
        with ``points``, each point carrying ``customdata = [facility_id, plot_id]``
        (``plot_id`` empty when the facility has none). Points without a facility
        (programme milestones) are skipped; the first facility point wins.
    """
    if not selection:
        return None
    for point in selection.get("points", []) or []:
        data = point.get("customdata") if isinstance(point, Mapping) else None
        if isinstance(data, str):
            data = [data]
        if not data or not isinstance(data[0], str) or not data[0]:
            continue
        plot = data[1] if len(data) > 1 and isinstance(data[1], str) and data[1] else None
        return Pick(data[0], plot)
    return None


def period_text(value, lang: str, precision: object = None) -> str:
    """A date at its precision (a year, a quarter, a season...), given any day of its period."""
    if value is None or pd.isna(value):
        return "—"
    precision = dates.normalise_precision(precision)
    return formatting.date(dates.period_start(value, precision), lang, precision)


def _end_text(value, basis: str | None, lang: str, precision: object = None) -> str:
    # Ends derived from a stage span are years, written as years.
    if basis in (tl.STAGE_START, tl.STAGE_END):
        return str(pd.Timestamp(value).year)
    return period_text(value, lang, precision)


def slip_text(slip: dates.Slippage, lang: str) -> str:
    """ "1 year later than first planned" / "На 2 года позже первого плана", in the slippage's unit."""
    if slip.amount == 0:
        return translate("timeline.hover.on_time", lang)
    n = abs(slip.amount)
    form = Locale.parse(lang).plural_form(n)
    unit = translate(f"period.{slip.unit}.{form}", lang)
    key = "timeline.hover.slip_late" if slip.amount > 0 else "timeline.hover.slip_early"
    return translate(key, lang, n=n, unit=unit)


@shared_result(
    key=lambda ds, facility_ids, lang, show_milestones, today: (
        ds.content_key,
        tuple(facility_ids),
        lang,
        show_milestones,
        today or dates.today(),
    ),
    max_entries=256,
)
def build_gantt(
    ds: Dataset,
    facility_ids: Sequence[str],
    lang: str,
    *,
    show_milestones: bool = True,
    today: dt.date | None = None,
) -> go.Figure:
    """The Timeline figure for the facilities ``facility_ids`` (e.g. those a filter kept).

    Parameters
    ----------
    ds : Dataset
        The validated dataset (facilities, stages, milestones, operators, sources are read from it).
    facility_ids : sequence of str
        Ids of ``ds["facilities"]`` to draw, e.g. of :func:`imc_data.timeline.filter_facilities`' rows.
    lang : str
        ``"en"`` or ``"ru"``: labels, hover texts and dates in that language.
    show_milestones : bool
        Draw milestones (programme-wide ones on their own row, a facility's on its row).
    today : datetime.date, optional
        Where the "today" line is drawn; default :func:`datetime.date.today`.

    Returns
    -------
    plotly.graph_objects.Figure
        One bar per facility that has any date or stage (trace role ``status``), outline
        bars for the plan (``plan``), dotted later targets (``target``), milestones
        (``milestone``); at most ``len(STATUS_STYLE) + 5`` traces. Shared by every caller of
        the same view: read-only.
    """
    today = today or dates.today()
    parts = gantt_parts(ds, lang, today)
    facilities = ds["facilities"].set_index("facility_id", drop=False).loc[list(facility_ids)]
    rows, ticktext, headers = _rows(facilities, parts, lang, show_milestones)
    position = _row_centres(rows, ticktext)
    traces, annotations = _facility_traces(facilities, parts, position, lang)
    if show_milestones:
        traces += _milestone_traces(parts.milestones, facilities, position, lang)
    layout = _layout(parts, rows, ticktext, headers, lang, today, annotations, position)
    return go.Figure({"data": traces, "layout": layout})


def _facility_traces(facilities: pd.DataFrame, parts: GanttParts, position: dict, lang: str) -> tuple[list, list]:
    """The plan outlines, one bar trace per status, the target lines, and each row's status label."""
    status_bars: dict[str, dict[str, list]] = {}
    plan = {"base": [], "x": [], "y": [], "customdata": []}
    target = {"x": [], "y": [], "hovertext": [], "customdata": []}
    annotations = []
    for facility_id, status in zip(facilities["facility_id"], facilities["status"], strict=True):
        draw, y = parts.draws[facility_id], position[facility_id]
        custom = draw["custom"]
        annotations.append({**draw["label"], "y": y})
        if draw["bar"] is None:  # undated: the label says so at the left edge
            continue
        if draw["plan"] is not None:
            _append(plan, base=draw["plan"][0], x=draw["plan"][1], y=y, customdata=custom)
        start, length, hover = draw["bar"]
        bars = status_bars.setdefault(status, {"base": [], "x": [], "y": [], "hovertext": [], "customdata": []})
        _append(bars, base=start, x=length, y=y, hovertext=hover, customdata=custom)
        if draw["target"] is not None:
            drawn_end, target_end, line_hover = draw["target"]
            target["x"] += [drawn_end, target_end, None]
            target["y"] += [y, y, None]
            target["hovertext"] += [line_hover, line_hover, None]
            target["customdata"] += [custom, custom, None]
    traces = [_plan_trace(plan, lang)]
    traces += [_status_trace(status, status_bars[status], lang) for status in FACILITY_STATUS if status in status_bars]
    if target["x"]:
        traces.append(_target_trace(target, lang))
    return traces, annotations


def _append(columns: dict[str, list], **values) -> None:
    for name, value in values.items():
        columns[name].append(value)


def _plan_trace(plan: dict, lang: str) -> dict:
    return {
        "type": "bar",
        "name": translate("timeline.legend.plan", lang),
        "orientation": "h",
        **plan,
        "width": 0.78,
        "marker": {"color": "rgba(0,0,0,0)", "line": {"color": INK, "width": 1.3}},
        "hoverinfo": "skip",
        "meta": {"role": ROLE_PLAN},
    }


def _status_trace(status: str, bars: dict, lang: str) -> dict:
    style = STATUS_STYLE[status]
    return {
        "type": "bar",
        "name": translate(f"fstatus.{status}", lang),
        "orientation": "h",
        **bars,
        "width": 0.46,
        "hovertemplate": "%{hovertext}<extra></extra>",
        "marker": {
            "color": style["color"],
            "opacity": style["opacity"],
            "line": {"color": style["color"], "width": 1},
            "pattern": {"shape": style["pattern"], "fgcolor": INK, "fgopacity": 0.45, "size": 7},
        },
        "meta": {"role": ROLE_STATUS, "status": status},
    }


def _target_trace(target: dict, lang: str) -> dict:
    return {
        "type": "scatter",
        "name": translate("timeline.legend.target", lang),
        **target,
        "mode": "lines+markers",
        "line": {"color": INK, "width": 2, "dash": "dot"},
        "marker": {"symbol": "line-ns-open", "size": 12, "color": INK},
        "hovertemplate": "%{hovertext}<extra></extra>",
        "meta": {"role": ROLE_TARGET},
    }


def _facility_draw(f, span: dict, hover: str, lang: str) -> dict:
    """A facility's marks on the chart without their row: what :func:`_spec` places per filter set.

    ``label`` is the status written beside the bar (or "undated" at the left edge when nothing
    is drawn: ``bar`` is then ``None``); ``plan`` and ``bar`` are ``(start, length in ms)`` (and
    the bar's hover); ``target`` is the dotted line to a later target.
    """
    plot = f.plot_id if isinstance(f.plot_id, str) else ""
    status_label = translate(f"fstatus.{f.status}", lang)
    draw = {"custom": [f.facility_id, plot], "plan": None, "bar": None, "target": None}
    if not span["drawn"]:
        draw["label"] = {
            "x": X_RANGE[0],
            "y": None,
            "xref": "x",
            "yref": "y",
            "xanchor": "left",
            "showarrow": False,
            "text": plotly_text(translate("timeline.undated", lang, status=status_label)),
            "hovertext": hover,
            "font": {"size": FONT_PX, "color": INK},
            "bgcolor": "rgba(255,255,255,0.92)",
        }
        return draw
    if pd.notna(span["plan_start"]):
        draw["plan"] = (span["plan_start"], _ms(span["plan_start"], span["plan_end"]))
    if pd.notna(span["actual_start"]):
        start, end = span["actual_start"], span["actual_end"]
    elif pd.notna(span["plan_start"]):
        start, end = span["plan_start"], span["plan_end"]
    else:  # only a later target is known
        start = end = span["target_end"]
    draw["bar"] = (start, _ms(start, end), hover)
    right = max(d for d in (span["plan_end"], end, span["target_end"]) if pd.notna(d))
    if span["overdue"]:  # a plan whose date passed unconfirmed is never shown as upcoming
        # Short enough to fit beside the bar at 14 px; the hover text and the list say "no confirmation".
        status_label = translate("timeline.overdue_label_short", lang, status=status_label)
    draw["label"] = _status_label(f.status, status_label, None, start, right, hover)
    if pd.notna(span["target_end"]):
        drawn_end = max(d for d in (span["plan_end"], span["actual_end"], start) if pd.notna(d))
        line_hover = _lines(
            getattr(f, f"name_{lang}"),
            translate(
                "timeline.hover.target_line",
                lang,
                date=period_text(span["target_end"], lang, span["target_end_precision"]),
                planned=period_text(f.planned_end, lang, f.planned_end_precision),
            ),
        )
        draw["target"] = (drawn_end, span["target_end"], line_hover)
    return draw


def _status_label(status: str, label: str, y: int | None, start, right, hover: str) -> dict:
    """The status written beside its bar (never colour alone): after the row's end, or inside a bar near 2036."""
    inside = right > LABEL_INSIDE_AFTER
    label_box = {
        "x": start if inside else right,
        "y": y,
        "xref": "x",
        "yref": "y",
        "xanchor": "left",
        "xshift": LABEL_SHIFT_INSIDE if inside else LABEL_SHIFT_AFTER,
        "showarrow": False,
        "text": f'<span style="color:{STATUS_STYLE[status]["color"]}">■</span> {plotly_text(label)}',
        "hovertext": hover,
        "font": {"size": FONT_PX, "color": INK},
        "borderpad": 1,
        # An opaque box: the label stays readable on a bar, and the "today" line passes behind it.
        "bgcolor": "rgba(255,255,255,0.92)",
    }
    return label_box


def _ms(start, end) -> float:
    """Bar length in milliseconds, the unit plotly uses for a date axis."""
    return (pd.Timestamp(end) - pd.Timestamp(start)).total_seconds() * 1000


def facility_order(ds: Dataset, facility_ids: Sequence[str], lang: str, today: dt.date | None = None):
    """The order of the Gantt's rows without drawing it: ``[(stage_id or None, [facility_id, ...]), ...]``.

    Stages in table order (facilities without a stage last); within a stage, by first planned
    completion (else what happened, else the target), undated last. The phone list uses it so the
    list and the chart read alike.
    """
    parts = gantt_parts(ds, lang, today or dates.today())
    facilities = ds["facilities"].set_index("facility_id", drop=False).loc[list(facility_ids)]
    return [(sid, [fid for fid, _ in group]) for sid, group in _groups(facilities, parts, lang)]


def _groups(facilities, parts: GanttParts, lang):
    """``[(stage_id or None, [(facility_id, name), ...]), ...]`` top to bottom."""
    # Read top-down as a cascade: by first planned completion (else what happened, else the target),
    # undated last, then by id (``due``: GanttParts.due). Plain Python over the few shown rows:
    # pandas filtering and sorting per stage group cost more than the rest of a small chart.
    groups: dict[str | None, list[tuple]] = {}
    for facility_id, stage_id, name in zip(
        facilities["facility_id"], facilities["stage_id"], facilities[f"name_{lang}"], strict=True
    ):
        first = parts.due.get(facility_id, pd.NaT)
        undated = pd.isna(first)
        groups.setdefault(stage_id if isinstance(stage_id, str) else None, []).append(
            (undated, pd.Timestamp.min if undated else first, facility_id, name)
        )
    return [
        (sid, [(fid, name) for _, _, fid, name in sorted(groups[sid], key=lambda r: r[:3])])
        for sid in [*parts.stage_headers, None]
        if groups.get(sid)
    ]


def _row_centres(rows: list[str], ticktext: list[str]) -> dict[str, float]:
    """Where each row sits on the y axis: one unit per row of up to two lines, more for a longer name."""
    centres, top = {}, 0.0
    for key, text in zip(rows, ticktext, strict=True):
        height = max(1.0, (text.count("<br>") + 1) / 2)
        centres[key] = top + height / 2
        top += height
    return centres


def _rows(facilities, parts: GanttParts, lang, show_milestones):
    """Row keys top to bottom, their labels, and which rows are group headers."""
    rows, labels, headers = [], [], []
    if show_milestones:
        rows.append("programme")
        labels.append(f"<b>{plotly_text(translate('timeline.row.programme', lang))}</b>")
        headers.append("programme")
    for sid, group in _groups(facilities, parts, lang):
        if sid is None:
            labels.append(f"<b>{plotly_text(translate('timeline.row.no_stage', lang))}</b>")
        else:
            labels.append(parts.stage_headers[sid])
        rows.append(f"stage:{sid}")
        headers.append(f"stage:{sid}")
        for facility_id, name in group:
            rows.append(facility_id)
            labels.append(_wrapped(name))
    return rows, labels, headers


def _source_names(ds: Dataset, lang: str) -> dict[str, str]:
    """``source_id → "title (publisher)"`` in ``lang``, read once per figure (hover texts need it per row)."""
    out = {}
    for _, src in ds.tables["sources"].iterrows():
        title = queries.source_title(src, lang)[0]
        publisher = queries.source_publisher(src, lang)
        out[src["source_id"]] = f"{title} ({publisher})" if publisher else title
    return out


def _source_text(source_names: dict[str, str], source_ids, lang: str) -> str:
    names = [source_names[s] for s in source_ids if s in source_names]
    text = "; ".join(names[:MAX_SOURCES])
    if len(names) > MAX_SOURCES:
        text += "; " + translate("timeline.hover.more_sources", lang, n=len(names) - MAX_SOURCES)
    return translate("timeline.hover.sources", lang, sources=text)


def _facility_hover(f, span, lang, stage_name, operators, stages, source_names) -> str:
    def t(key: str, **values) -> str:
        return translate(key, lang, **values)

    stage = stage_name.get(f.stage_id) if isinstance(f.stage_id, str) else None
    lines = [
        t("timeline.hover.status", status=t(f"fstatus.{f.status}"), date=period_text(f.as_of, lang, f.as_of_precision))
    ]
    if stage:
        key = "timeline.hover.stage_derived" if f.stage_provenance == "derived" else "timeline.hover.stage"
        lines.append(t(key, stage=stage) + " · " + label("facility_category", f.category, lang))
    else:
        lines.append(label("facility_category", f.category, lang))
    specialty = getattr(f, f"specialty_{lang}")
    if isinstance(specialty, str):
        lines.append(specialty)
    if pd.notna(span["plan_start"]):
        plan_start = _end_text(span["plan_start"], span["plan_start_basis"], lang, span["plan_start_precision"])
        plan_end = _end_text(span["plan_end"], span["plan_end_basis"], lang, span["plan_end_precision"])
        if plan_start == plan_end:  # "2025 – 2025" says no more than "2025"
            lines.append(t("timeline.hover.plan_in", date=plan_end))
        else:
            lines.append(t("timeline.hover.plan", start=plan_start, end=plan_end))
        if span["plan_start_basis"] == tl.STAGE_START and span["plan_end_basis"] == tl.STAGE_END:
            lines.append(
                t(
                    "timeline.basis.stage_span",
                    stage=stage,
                    start=stages.loc[f.stage_id, "start_year"],
                    end=stages.loc[f.stage_id, "end_year"],
                )
            )
        else:
            if span["plan_start_basis"] != tl.DATED:
                lines.append(t(f"timeline.basis.plan_start.{span['plan_start_basis']}", stage=stage))
            if span["plan_end_basis"] != tl.DATED:
                lines.append(t(f"timeline.basis.plan_end.{span['plan_end_basis']}", stage=stage))
    if pd.notna(span["actual_start"]):
        start_basis = span["actual_start_basis"]
        start_known = start_basis == tl.DATED
        end_text = (
            period_text(span["actual_end"], lang, span["actual_end_precision"])
            if span["actual_end_basis"] == tl.DATED
            else "…"
        )
        lines.append(
            t(
                "timeline.hover.actual",
                start=(
                    period_text(span["actual_start"], lang, span["actual_start_precision"])
                    if start_known
                    else t("timeline.hover.start_unknown")
                ),
                end=end_text,
            )
        )
        if start_basis == tl.FIRST_REPORT:
            report = period_text(span["actual_start"], lang, span["actual_start_precision"])
            lines.append(t("timeline.basis.actual_start.first_report", date=report))
        elif not start_known:
            lines.append(t("timeline.basis.actual_start"))
        if span["actual_end_basis"] == tl.AS_OF:
            lines.append(t("timeline.basis.actual_end.as_of", date=period_text(f.as_of, lang, f.as_of_precision)))
    else:
        lines.append(t("timeline.hover.no_actual"))
    if pd.notna(f.expected_end):
        lines.append(t("timeline.hover.target", date=period_text(f.expected_end, lang, f.expected_end_precision)))
    if pd.notna(f.opening_date):
        lines.append(t("timeline.hover.opening", date=period_text(f.opening_date, lang, f.opening_date_precision)))
    if span["slip"] is not None:
        lines.append(slip_text(span["slip"], lang))
    if span["overdue"]:
        target = tl.facility_target(f, stages["end_year"].get(f.stage_id) if isinstance(f.stage_id, str) else None)
        lines.append(t("timeline.hover.overdue", date=period_text(target[0], lang, target[1])))
    if isinstance(f.operator_id, str) and f.operator_id in operators:
        lines.append(t("timeline.hover.operator", name=operators[f.operator_id]))
    if isinstance(f.partner_id, str) and f.partner_id in operators:
        lines.append(t("timeline.hover.partner", name=operators[f.partner_id]))
    plot = f.plot_id if isinstance(f.plot_id, str) else None
    lines.append(t("timeline.hover.plot", plot=plot_number(plot)) if plot else t("timeline.hover.no_plot"))
    note = getattr(f, f"note_{lang}")
    if isinstance(note, str) and note:
        lines.append(t("timeline.hover.note", note=note))
    lines.append(_source_text(source_names, f.source_ids, lang))
    return f"<b>{plotly_text(getattr(f, f'name_{lang}'))}</b><br>" + _lines(*lines)


def _milestone_points(ds: Dataset, lang: str, source_names: dict[str, str], today: dt.date) -> list[dict]:
    """Every milestone as a point: its date, hover text and click data (no row yet).

    ``status`` is the state on ``today`` (:func:`imc_data.timeline.milestone_state`): a planned
    date that has passed unconfirmed is ``overdue``, never an upcoming milestone.
    """
    plots = ds["facilities"].set_index("facility_id")["plot_id"].to_dict()
    milestones = ds["milestones"]
    states = tl.milestone_states(milestones, today)
    points = []
    for m, shown in zip(milestones.itertuples(), states, strict=True):
        fid = m.facility_id if isinstance(m.facility_id, str) else None
        plot = plots.get(fid) if fid else None
        when = formatting.date(m.date, lang, m.date_precision)
        state = translate(
            "timeline.hover.ms_status",
            lang,
            category=label("milestone_category", m.category, lang),
            status=label("milestone_status", shown, lang),
        )
        points.append(
            {
                "status": shown,
                "facility_id": fid,
                "x": m.date,
                "hover": f"<b>{plotly_text(when)}</b><br>"
                + _lines(getattr(m, f"title_{lang}"), state, _source_text(source_names, m.source_ids, lang)),
                "custom": [fid or "", plot if isinstance(plot, str) else ""],
                "size": 14 if bool(m.key) else 10,
            }
        )
    return points


def _milestone_traces(points, facilities: pd.DataFrame, position: dict, lang: str) -> list[dict]:
    shown = set(facilities["facility_id"])
    traces = []
    for status in tl.MILESTONE_STATES:
        # A facility's milestone sits on its row; it is hidden with its facility.
        rows = [p for p in points if p["status"] == status and (p["facility_id"] is None or p["facility_id"] in shown)]
        if not rows:
            continue
        traces.append(
            {
                "type": "scatter",
                "name": translate(f"timeline.legend.ms.{status}", lang),
                "x": [p["x"] for p in rows],
                "y": [position[p["facility_id"]] if p["facility_id"] else position["programme"] for p in rows],
                "mode": "markers",
                "marker": {
                    "symbol": MILESTONE_SYMBOL[status],
                    "size": [p["size"] for p in rows],
                    "color": "#D55E00" if status in ("overdue", "planned_missed") else INK,
                    "line": {"color": "white" if status == "actual" else INK, "width": 1},
                },
                "hovertext": [p["hover"] for p in rows],
                "hovertemplate": "%{hovertext}<extra></extra>",
                "customdata": [p["custom"] for p in rows],
                "meta": {"role": ROLE_MILESTONE, "status": status},
            }
        )
    return traces


def _stage_bands(ds: Dataset, headers: dict[str, str]) -> tuple[tuple[dict, ...], tuple[dict, ...]]:
    """A shaded band per stage and its title (the stage's row header) above the chart (shared, read-only)."""
    shapes, titles = [], []
    for i, stage in enumerate(ds["stages"].itertuples()):
        start, end = f"{int(stage.start_year)}-01-01", f"{int(stage.end_year)}-12-31"
        shapes.append(
            {
                "type": "rect",
                "xref": "x",
                "yref": "paper",
                "x0": start,
                "x1": end,
                "y0": 0,
                "y1": 1,
                "fillcolor": STAGE_BAND_COLOURS[i % len(STAGE_BAND_COLOURS)],
                "line": {"width": 0},
                "layer": "below",
            }
        )
        titles.append(
            {
                "x": (pd.Timestamp(start) + (pd.Timestamp(end) - pd.Timestamp(start)) / 2).strftime("%Y-%m-%d"),
                "y": 1,
                "xref": "x",
                "yref": "paper",
                "yanchor": "bottom",
                "yshift": 30,  # above the year labels of the top axis
                "showarrow": False,
                "text": headers[stage.stage_id],
                "font": {"size": FONT_PX, "color": INK},
            }
        )
    return tuple(shapes), tuple(titles)


def _layout(parts: GanttParts, rows, ticktext, headers, lang, today, annotations, centres) -> dict:
    band_shapes, band_titles = parts.stage_bands
    shapes = list(band_shapes)
    annotations.extend(band_titles)
    for key in headers:  # a faint rule above each group
        y = centres[key] - 0.5
        shapes.append(
            {
                "type": "line",
                "xref": "paper",
                "yref": "y",
                "x0": 0,
                "x1": 1,
                "y0": y,
                "y1": y,
                "line": {"color": "rgba(31,45,61,0.35)", "width": 1},
            }
        )
    today_line, today_label = _today_marks(today, lang)
    shapes.append(today_line)
    annotations.append(today_label)
    margin = {"l": _label_margin(ticktext), "r": 20, "t": 80, "b": LEGEND_PX}
    bottom = max(centres.values()) + 0.5
    plot_height = round(ROW_PX * bottom) + 60
    return {
        "barmode": "overlay",
        "height": plot_height + margin["t"] + margin["b"],
        "margin": margin,
        "plot_bgcolor": "white",
        "paper_bgcolor": "white",
        "font": {"size": FONT_PX, "color": INK},
        "hoverlabel": {"align": "left", "bgcolor": "white", "font": {"size": FONT_PX}},
        "hovermode": "closest",
        "legend": {"orientation": "h", "x": 0, "y": -30 / plot_height, "yanchor": "top", "font": {"size": FONT_PX}},
        "shapes": shapes,
        "annotations": annotations,
        "xaxis": _date_axis(),
        "yaxis": {
            # Labels are never hidden for overflowing: Plotly would measure each one after every draw.
            "ticklabeloverflow": "allow",
            "ticklabelstandoff": LABEL_GAP_PX,
            "tickmode": "array",
            "tickvals": [centres[key] for key in rows],
            "ticktext": ticktext,
            "range": [bottom, 0],
            "showgrid": False,
            "fixedrange": True,
            "automargin": True,
            "tickfont": {"size": FONT_PX},
        },
    }


def _label_margin(ticktext: list[str]) -> int:
    """The left margin, in px, that the row labels need (the longest line of any label, as characters)."""
    lines = (html.unescape(re.sub(r"<[^>]+>", "", line)) for text in ticktext for line in text.split("<br>"))
    return round(max((len(line) for line in lines), default=0) * LABEL_CHAR_PX) + 12 + LABEL_GAP_PX


def _today_marks(today: dt.date, lang: str) -> tuple[dict, dict]:
    """The dashed "today" line and its label under the chart."""
    text = translate("timeline.today", lang, date=formatting.date(today, lang))
    line = {
        "type": "line",
        "xref": "x",
        "yref": "paper",
        "x0": today.isoformat(),
        "x1": today.isoformat(),
        "y0": 0,
        "y1": 1,
        "line": {"color": "#C0392B", "width": 2, "dash": "dash"},
    }
    label = {
        "x": today.isoformat(),
        "y": 0,
        "xref": "x",
        "yref": "paper",
        "yanchor": "top",
        "yshift": -2,
        "showarrow": False,
        "text": f"<b>{plotly_text(text)}</b>",
        "font": {"size": FONT_PX, "color": "#C0392B"},
    }
    return line, label


def _date_axis() -> dict:
    """The fixed 2012–2036 axis on top: labels every other year so they stay legible, yearly minor ticks and grid."""
    return {
        "type": "date",
        "range": list(X_RANGE),
        "tick0": "2012-01-01",
        "dtick": "M24",
        "tickformat": "%Y",
        "ticks": "outside",
        "ticklen": 8,
        "minor": {
            "dtick": "M12",
            "ticks": "outside",
            "ticklen": 4,
            "showgrid": True,
            "gridcolor": "rgba(31,45,61,0.07)",
        },
        "tickangle": 0,
        "ticklabeloverflow": "allow",
        "side": "top",
        "showgrid": True,
        "gridcolor": "rgba(31,45,61,0.10)",
        "fixedrange": True,
    }
