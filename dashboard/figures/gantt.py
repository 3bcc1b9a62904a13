"""The Timeline Gantt chart, drawn by the server as HTML: one builder for the page and the slides.

:func:`build_gantt` draws one row per facility, grouped by stage, from the data layer
(:mod:`imc_data.timeline` works out the spans and what each end is based on):

- a thin outline bar for the first published plan,
- a bar coloured by status: solid for what happened, hatched and paler for plan-only
  facilities (planned, announced, unconfirmed), with the status written beside it,
- a dotted line to a later announced target (slippage),
- milestones as diamonds, stage bands, a "today" line, a year axis on top, a legend below.

Why HTML and not a chart library: the chart has no zoom or pan, so a browser-side chart library
only cost its code (seconds to load on a phone) and a full redraw per filter. Here the rows are
boxes placed in per cent of the time axis, so the axis stretches with the screen while the text
keeps its size. A bar is a link to its plot on the site map; its tooltip (the ``title``) holds the
details. Every element carries ``data-role`` (and ``data-facility``, ``data-status``) so tests and
the page can tell them apart; every data text is escaped by :func:`dashboard.safe.markup`.

What no filter changes (spans, hover texts, milestones, the years shown) is worked out once per
data and language (:func:`gantt_parts`); a filter set only places rows. Both are kept by the
shared cache, so a view seen before, by anyone, is not built again.
"""

from __future__ import annotations

import datetime as dt
import math
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlencode

import pandas as pd
from babel import Locale

from imc_data import Dataset, dates, queries
from imc_data import timeline as tl
from imc_data.schema import FACILITY_STATUS

from .. import formatting, palette
from ..cache.shared import shared_result
from ..i18n import translate
from ..labels import label, plot_number
from ..nav import lang_query, page
from ..safe import css_string, markup
from .screen import text_width

HOVER_WIDTH = 80  # characters per line of a tooltip
LABEL_WIDTH = 32  # characters per line of a facility name (longer names wrap, never cut)
MAX_SOURCES = 3
FONT_PX = 14  # the smallest text on the chart (issue 16: chart text ≥ 14 px)
LABEL_GAP_PX = 8  # between a row's name and the time axis
LABEL_INSIDE_FROM = 0.76  # rows ending later on the axis (2031 of 2012–2036) get their status inside the bar
LABEL_SHIFT_INSIDE = 4  # px from the bar's start to a status written inside it
LABEL_SHIFT_AFTER = 9  # px from the row's end to a status written after it
TRACK_MIN_PX = 520  # the time axis never narrower: on a narrower screen (a tablet) the chart scrolls in its box

ROLE_STATUS = "status"  # one bar per drawn facility, coloured by status
ROLE_PLAN = "plan"
ROLE_TARGET = "target"
ROLE_MILESTONE = "milestone"
ROLE_LABEL = "label"  # the status written beside a bar (or "undated" at the left edge)
ROLE_ROW = "row"  # a row's name: a facility, a stage header or the programme

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
INK = "#1f2d3d"
STATUS_SWATCH = "■"  # before a written status, in the status' colour
TODAY_COLOUR = "#C0392B"
MISSED_COLOUR = "#D55E00"  # a milestone whose planned date passed unconfirmed, or was missed
_HATCH = "rgba(31,45,61,0.45)"
_PATTERNS = {
    "/": f"repeating-linear-gradient(135deg,{_HATCH} 0 1px,transparent 1px 6px)",
    "x": f"repeating-linear-gradient(45deg,{_HATCH} 0 1px,transparent 1px 6px),"
    f"repeating-linear-gradient(135deg,{_HATCH} 0 1px,transparent 1px 6px)",
}


@dataclass(frozen=True)
class GanttView:
    """How a Gantt is drawn: the page's (the default) or a slide's.

    ``years`` is the first and last whole year on the axis (``None``: the programme's, from the
    data); ``name_wrap`` the characters per line of a row's name (``None``: one line);
    ``links`` whether a bar opens its plot on the site map; ``legend`` whether the legend is drawn
    under the chart; ``overdue_words`` whether "· target passed" follows a status; ``height_px`` the
    height the chart must fit (a slide's picture), rows made lower as needed (``None``: rows as high as
    two lines of text).
    """

    font_px: int = FONT_PX
    years: tuple[int, int] | None = None
    name_wrap: int | None = LABEL_WIDTH
    links: bool = True
    legend: bool = True
    overdue_words: bool = True
    band_titles: bool = True  # the stages' names above the axis (a slide's narrow axis leaves them to the rows)
    height_px: int | None = None  # a slide's: the rows share this height (less the axis), none higher than needed
    # The axis never narrower (a page's: a tablet scrolls the chart in its box); a slide's chart takes its
    # picture's width, so the axis is what the names leave of it.
    min_track_px: int = TRACK_MIN_PX

    @property
    def row_px(self) -> int:
        """A row's height: two lines of text (a wrapped name)."""
        return round(self.font_px * 20 / 7)


PAGE_VIEW = GanttView()


@dataclass(frozen=True)
class GanttParts:
    """What a Gantt needs that no filter changes, worked out once per data and language."""

    due: dict[str, pd.Timestamp]  # facility_id → what orders its row: first plan end, else actual, else target
    milestones: tuple[dict, ...]  # every milestone: status, facility_id, x, hover, key
    draws: dict[str, dict]  # facility_id → its bars, status label and target line, without a row
    stage_headers: dict[str, str]  # stage_id → the plain text of its group's header row
    stages: tuple[tuple[str, int, int], ...]  # (stage_id, start year, end year), in table order
    years: tuple[int, int]  # the programme's years: every plan, fact, target, milestone and stage


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
    draws = {}
    for f in ds["facilities"].itertuples():
        hover = _facility_hover(f, span_rows[f.facility_id], lang, stage_name, operators, stages, source_names)
        draws[f.facility_id] = _facility_draw(f, span_rows[f.facility_id], hover, lang)
    stage_headers = {
        sid: translate(
            "timeline.row.stage", lang, stage=row[f"name_{lang}"], start=row["start_year"], end=row["end_year"]
        )
        for sid, row in stages.iterrows()
    }
    milestones = tuple(_milestone_points(ds, lang, source_names, today))
    stage_years = tuple(
        (s.stage_id, int(s.start_year), int(s.end_year)) for s in ds["stages"].itertuples() if pd.notna(s.start_year)
    )
    return GanttParts(
        due, milestones, draws, stage_headers, stage_years, _programme_years(spans, milestones, stage_years, today)
    )


def _programme_years(spans: pd.DataFrame, milestones, stages, today: dt.date) -> tuple[int, int]:
    """The axis of the page's chart: every facility's dates, every milestone and stage, and today."""
    more = [pd.Timestamp(m["x"]).year for m in milestones if pd.notna(m["x"])]
    return axis_years(spans, [*more, *(y for _, start, end in stages for y in (start, end)), today.year])


def axis_years(spans: pd.DataFrame, more_years) -> tuple[int, int]:
    """The first and last year of an axis: a year before the first of the facilities' plans, facts and targets
    (rows of :func:`imc_data.timeline.facility_spans`) and ``more_years`` (today always among them, so the
    "today" line is on the axis), to a year after the last."""
    columns = ("plan_start", "plan_end", "actual_start", "actual_end", "target_end")
    years = [d.year for c in columns for d in spans[c].dropna()] + list(more_years)
    return min(years) - 1, max(years) + 1


def _lines(*lines: str) -> list[str]:
    """Tooltip lines from plain-text lines: each wrapped at :data:`HOVER_WIDTH` characters."""
    out = []
    for line in lines:
        if line:
            out += textwrap.wrap(line, HOVER_WIDTH) or [line]
    return out


def _title(lines: Sequence[str]) -> str:
    """A tooltip (``title`` attribute) of several lines, escaped."""
    return "&#10;".join(markup(line) for line in lines)


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


def plot_address(plot_id: str, lang: str) -> str:
    """The site map's address that opens ``plot_id``'s card (relative to the page, so it works under any base path)."""
    return f"{page('site_map').key}?" + urlencode(lang_query(lang, {"plot": plot_id}))


@shared_result(
    key=lambda ds, facility_ids, lang, show_milestones=True, today=None, view=PAGE_VIEW: (
        ds.content_key,
        tuple(facility_ids),
        lang,
        show_milestones,
        today or dates.today(),
        view,
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
    view: GanttView = PAGE_VIEW,
) -> str:
    """The Timeline chart for the facilities ``facility_ids`` (e.g. those a filter kept), as HTML.

    Parameters
    ----------
    ds : Dataset
        The validated dataset (facilities, stages, milestones, operators, sources are read from it).
    facility_ids : sequence of str
        Ids of ``ds["facilities"]`` to draw, e.g. of :func:`imc_data.timeline.filter_facilities`' rows.
    lang : str
        ``"en"`` or ``"ru"``: labels, tooltips and dates in that language.
    show_milestones : bool
        Draw milestones (programme-wide ones on their own row, a facility's on its row).
    today : datetime.date, optional
        Where the "today" line is drawn; default :func:`imc_data.dates.today`.
    view : GanttView
        The page's drawing (default) or a slide's: text size, years, links, legend.

    Returns
    -------
    str
        HTML without line breaks, for ``st.markdown(..., unsafe_allow_html=True)``: the chart (its style
        sheet first) in a box that scrolls sideways on a narrow screen; a row per
        facility with a bar (``data-role="status"``, a link to its plot where it has one) when it has any
        date or stage, its plan outline (``plan``), a dotted later target (``target``), its status
        (``label``) and milestones (``milestone``). Shared by every caller of the same view: read-only.
    """
    today = today or dates.today()
    parts = gantt_parts(ds, lang, today)
    facilities = _shown(ds, facility_ids)
    first, last = view.years or parts.years
    axis = Axis.of_years(first, last)
    rows = _rows(facilities, parts, lang, show_milestones, view)
    label_px = name_column_px(rows, view.font_px)
    milestones = _drawn_milestones(parts, facilities["facility_id"], show_milestones)
    heights = _row_heights(rows, view)
    body = "".join(
        _row_html(row, height, parts, milestones, axis, lang, view, label_px)
        for row, height in zip(rows, heights, strict=True)
    )
    name_column = f'<div class="gn" style="flex-basis:{label_px:.0f}px"></div>'
    # A narrower screen scrolls the chart sideways in its own box (the page never), rather than squeezing the
    # years and the statuses over each other.
    chart = (
        f'<div style="overflow-x:auto"><div class="imc-gantt" role="figure" '
        f'aria-label="{markup(translate("timeline.chart_label", lang))}" '
        f'style="font-size:{view.font_px}px;min-width:{label_px + view.min_track_px:.0f}px">{_css(view)}'
        f"{_axis_html(parts, axis, first, last, name_column, view)}"
        f'<div class="gbody"><div class="go" aria-hidden="true" style="left:{label_px:.0f}px">'
        f"{_overlay(parts, axis, today, first, last)}</div>{body}</div>"
        f"{_today_label(today, axis, lang, name_column)}"
    )
    if view.legend:
        chart += _legend(parts, facilities, milestones, lang, view)
    return chart + "</div></div>"


@shared_result(
    key=lambda ds, facility_ids, lang, show_milestones=True, today=None: (
        ds.content_key,
        tuple(facility_ids),
        lang,
        show_milestones,
        today or dates.today(),
    ),
    max_entries=256,
)
def filter_style(
    ds: Dataset, facility_ids: Sequence[str], lang: str, show_milestones: bool = True, today: dt.date | None = None
) -> str:
    """A style sheet under which the page's chart of every facility shows what a filter keeps.

    With it, :func:`build_gantt` for all of ``ds["facilities"]`` (milestones shown) reads as
    ``build_gantt(ds, facility_ids, lang, show_milestones=...)`` would: the rows, milestones and legend
    entries of that chart, the others hidden. The Timeline page sends its chart once and, on a filter
    change, only this style sheet, so the browser does not parse and lay out the whole chart again.
    The name column keeps its width for all facilities (the bars do not move as filters change).

    Returns
    -------
    str
        ``<style>`` element text (empty when nothing is hidden), for ``st.html``.
    """
    today = today or dates.today()
    parts = gantt_parts(ds, lang, today)
    every_row, every_legend = _page_chart_ids(ds, lang, today)
    shown = _shown(ds, facility_ids)
    kept_rows = {_row_id(row) for row in _rows(shown, parts, lang, show_milestones, PAGE_VIEW)}
    milestones = _drawn_milestones(parts, facility_ids, show_milestones)
    kept_legend = {key for key, _, _ in _legend_items(parts, shown, milestones, lang)}
    hidden = [f'[data-row="{css_string(row_id)}"]' for row_id in every_row if row_id not in kept_rows]
    hidden += [f'[data-legend="{css_string(key)}"]' for key in every_legend if key not in kept_legend]
    if not show_milestones:
        hidden.append(f'[data-role="{ROLE_MILESTONE}"]')
    return f"<style>{','.join(f'.imc-gantt {rule}' for rule in hidden)}{{display:none}}</style>" if hidden else ""


@shared_result(key=lambda ds, lang, today: (ds.content_key, lang, today), max_entries=16)
def _page_chart_ids(ds: Dataset, lang: str, today: dt.date) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The ``data-row`` and ``data-legend`` ids of the page's chart of every facility, milestones shown."""
    parts = gantt_parts(ds, lang, today)
    every = _shown(ds, ds["facilities"]["facility_id"])
    rows = tuple(_row_id(row) for row in _rows(every, parts, lang, True, PAGE_VIEW))
    return rows, tuple(key for key, _, _ in _legend_items(parts, every, parts.milestones, lang))


@shared_result(key=lambda view: view, max_entries=8)
def _css(view: GanttView) -> str:
    """The chart's style sheet, sent with it (a slide has no page style sheet): marks by class, so each mark
    carries only where it stands. Class names are short because a chart has hundreds of marks."""
    side, key = round(view.font_px * 0.55), round(view.font_px * 0.75)
    rules = [
        f".imc-gantt{{position:relative;line-height:1.2;color:{INK}}}",
        ".imc-gantt .gr{display:flex;align-items:stretch}",
        ".imc-gantt .gh{border-top:1px solid rgba(31,45,61,0.35)}",
        f".imc-gantt .gn{{flex:0 0 auto;box-sizing:border-box;padding-right:{LABEL_GAP_PX}px;display:flex;"
        "align-items:center;justify-content:flex-end;text-align:right}",
        ".imc-gantt .gh .gn{font-weight:700}",
        ".imc-gantt .gt{position:relative;flex:1 1 auto;min-width:0}",
        ".imc-gantt .gbody{position:relative}",
        ".imc-gantt .go{position:absolute;top:0;bottom:0;right:0}",
        ".imc-gantt .gd,.imc-gantt .gy,.imc-gantt .gtd{position:absolute;top:0;bottom:0}",
        ".imc-gantt .gy{border-left:1px solid rgba(31,45,61,0.08)}",
        f".imc-gantt .gtd{{border-left:2px dashed {TODAY_COLOUR}}}",
        f".imc-gantt .gp{{position:absolute;top:11%;bottom:11%;box-sizing:border-box;border:1.3px solid {INK}}}",
        ".imc-gantt .gb{position:absolute;top:27%;bottom:27%;box-sizing:border-box;display:block;min-width:3px}",
        ".imc-gantt .gx{position:absolute;top:calc(50% - 6px);bottom:calc(50% - 6px)}",
        f'.imc-gantt .gx::before{{content:"";position:absolute;left:0;right:0;top:5px;border-top:2px dotted {INK}}}',
        f'.imc-gantt .gx::after{{content:"";position:absolute;right:-1px;top:0;bottom:0;border-left:2px solid {INK}}}',
        ".imc-gantt .gl{position:absolute;right:0;top:0;bottom:0;display:flex;align-items:center;pointer-events:none}",
        ".imc-gantt .gl>span{display:inline-block;background:rgba(255,255,255,0.92);padding:0 2px;border-radius:2px}",
        ".imc-gantt .gm{position:absolute;top:50%;box-sizing:border-box;transform:translate(-50%,-50%) rotate(45deg);"
        f"width:{side}px;height:{side}px;border:1px solid {INK};background:#ffffff}}",
        f".imc-gantt .gm.k{{width:{key}px;height:{key}px}}",
        f".imc-gantt .gm.a{{background:{INK};border-color:#ffffff}}",
        f".imc-gantt .gm.x{{transform:translate(-50%,-50%);width:auto;height:auto;border:0;background:none;"
        f"color:{MISSED_COLOUR};line-height:1;font-size:{max(view.font_px, round(side * 1.7))}px}}",
        ".imc-gantt .ga{display:flex}",
        ".imc-gantt .ga .gt{border-bottom:1px solid rgba(31,45,61,0.35)}",
        ".imc-gantt .gs{position:absolute;top:0;text-align:center;font-weight:700;white-space:nowrap}",
        ".imc-gantt .gyl{position:absolute;bottom:6px;transform:translateX(-50%);white-space:nowrap}",
        f".imc-gantt .gyt{{position:absolute;bottom:0;height:5px;border-left:1px solid {INK}}}",
    ]
    for status, style in STATUS_STYLE.items():
        fill = f"background-color:{style['color']};opacity:{style['opacity']}"
        if style["pattern"]:
            fill += f";background-image:{_PATTERNS[style['pattern']]}"
        rules.append(f".imc-gantt .s-{status}{{{fill}}}")
    return "<style>" + "".join(rules) + "</style>"


@dataclass(frozen=True)
class Axis:
    """The time axis: where a date falls, in per cent of the axis' width."""

    start: pd.Timestamp
    end: pd.Timestamp

    @classmethod
    def of_years(cls, first: int, last: int) -> Axis:
        """The axis from the start of year ``first`` to the end of year ``last``."""
        return cls(pd.Timestamp(first, 1, 1), pd.Timestamp(last + 1, 1, 1))

    def at(self, value) -> float:
        share = (pd.Timestamp(value) - self.start) / (self.end - self.start)
        return min(100.0, max(0.0, 100 * share))


def name_column_px(rows: list[dict], font_px: int) -> float:
    """The width of the rows' names (headers bold), measured in the shipped font, which is wider than the page's."""
    widths = (text_width(line, font_px, bold=row["kind"] != "facility") for row in rows for line in row["lines"])
    return max(widths, default=0) + LABEL_GAP_PX + 6


def chart_rows(
    ds: Dataset, facility_ids: Sequence[str], lang: str, show_milestones: bool, view: GanttView, today: dt.date
):
    """The rows :func:`build_gantt` draws for these facilities on ``today``, top to bottom (see :func:`_rows`)."""
    return _rows(_shown(ds, facility_ids), gantt_parts(ds, lang, today), lang, show_milestones, view)


def _rows(facilities, parts: GanttParts, lang: str, show_milestones: bool, view: GanttView) -> list[dict]:
    """The rows top to bottom: ``kind`` (programme, stage, facility), ``key``, the lines of its name."""
    rows = []
    if show_milestones:
        rows.append({"kind": "programme", "key": None, "lines": [translate("timeline.row.programme", lang)]})
    for sid, group in _groups(facilities, parts, lang):
        header = parts.stage_headers[sid] if sid is not None else translate("timeline.row.no_stage", lang)
        rows.append({"kind": "stage", "key": sid, "lines": [header]})
        for facility_id, name in group:
            lines = textwrap.wrap(name, view.name_wrap, break_on_hyphens=False) if view.name_wrap else [name]
            rows.append({"kind": "facility", "key": facility_id, "lines": lines or [name]})
    return rows


def _drawn_milestones(parts: GanttParts, facility_ids, show_milestones: bool) -> list[dict]:
    """The milestones a chart of these facilities draws: the programme's and theirs, or none when hidden."""
    if not show_milestones:
        return []
    ids = set(facility_ids)
    return [p for p in parts.milestones if p["facility_id"] is None or p["facility_id"] in ids]


def _row_id(row: dict) -> str:
    """A row's ``data-row``: ``programme``, ``stage-S1`` (``stage-none``: no stage stated) or ``facility-F01``."""
    return row["kind"] if row["kind"] == "programme" else f"{row['kind']}-{row['key'] or 'none'}"


def _row_heights(rows: list[dict], view: GanttView) -> list[int]:
    """Each row's height in px: two lines of text (more for a longer name), lowered to fit ``view.height_px``."""
    needed = [round(len(row["lines"]) * view.font_px * 1.2 + 4) for row in rows]
    heights = [max(view.row_px, n + 4) for n in needed]
    if view.height_px is None:
        return heights
    room = view.height_px - _axis_px(view) - round(view.font_px * 1.6)  # less the axis and the "today" line
    scale = min(1.0, room / max(sum(heights), 1))
    return [max(n, round(h * scale)) for n, h in zip(needed, heights, strict=True)]


def _axis_px(view: GanttView) -> int:
    """The height of the axis above the rows: the stage titles and the years."""
    return round(view.font_px * 1.2 * 2 + 16)


def _row_html(
    row, height: int, parts: GanttParts, milestones, axis: Axis, lang, view: GanttView, label_px: float
) -> str:
    """One row: its name on the left, its marks on the time axis."""
    marks = ""
    if row["kind"] == "facility":
        marks = _facility_marks(row["key"], parts, axis, lang, view)
    owner = row["key"] if row["kind"] == "facility" else None
    # Only what falls on the axis: a slide's shorter axis would pile earlier milestones at its edge.
    on_row = [p for p in milestones if p["facility_id"] == owner and axis.start <= pd.Timestamp(p["x"]) < axis.end]
    if row["kind"] != "stage":
        marks += "".join(_milestone_html(p, axis) for p in on_row)
    name = "<br>".join(markup(line) for line in row["lines"])
    kind = "gr" if row["kind"] == "facility" else "gr gh"
    return (
        f'<div class="{kind}" data-row="{markup(_row_id(row))}" style="height:{height}px"><div class="gn" style="flex-basis:{label_px:.0f}px">'
        f'<span data-role="{ROLE_ROW}">{name}</span></div><div class="gt">{marks}</div></div>'
    )


def _span(start, end) -> str:
    """The dates a mark spans, as attributes (what tests and tools read back; the browser ignores them)."""
    return f'data-start="{pd.Timestamp(start).date().isoformat()}" data-end="{pd.Timestamp(end).date().isoformat()}"'


def _at(axis: Axis, start, end) -> str:
    """Where a mark from ``start`` to ``end`` stands on the axis: its ``left`` and ``width`` in per cent."""
    a, b = axis.at(start), axis.at(end)
    return f"left:{a:.2f}%;width:{b - a:.2f}%"


def _facility_marks(facility_id: str, parts: GanttParts, axis: Axis, lang: str, view: GanttView) -> str:
    """A facility's plan outline, status bar (its tooltip the details), dotted target and status text."""
    draw = parts.draws[facility_id]
    status = draw["status"] if draw["status"] in STATUS_STYLE else "unknown"
    text = written_status(draw, view)
    fid = markup(facility_id)
    if draw["bar"] is None:  # undated: the label says so at the left edge
        return f'<div class="gl" data-role="{ROLE_LABEL}" style="left:4px"><span>{markup(text)}</span></div>'
    out = ""
    if draw["plan"] is not None:
        out += f'<div class="gp" data-role="{ROLE_PLAN}" data-facility="{fid}" {_span(*draw["plan"])} style="{_at(axis, *draw["plan"])}"></div>'
    attributes = (
        f'class="gb s-{status}" data-role="{ROLE_STATUS}" data-status="{status}" data-facility="{fid}" '
        f'{_span(*draw["bar"])} title="{_title(draw["hover"])}" style="{_at(axis, *draw["bar"])}"'
    )
    if view.links and draw["plot"]:
        name = translate("timeline.open_plot", lang, plot=plot_number(draw["plot"]), name=draw["name"])
        href = markup(plot_address(draw["plot"], lang))
        out += f'<a {attributes} href="{href}" target="_self" aria-label="{markup(name)}"></a>'
    else:
        out += f"<div {attributes}></div>"
    if draw["target"] is not None:
        line_start, line_end, line_hover = draw["target"]
        out += (
            f'<div class="gx" data-role="{ROLE_TARGET}" data-facility="{fid}" {_span(line_start, line_end)} '
            f'title="{_title(line_hover)}" style="{_at(axis, line_start, line_end)}"></div>'
        )
    right = axis.at(draw["right"])
    inside = right > LABEL_INSIDE_FROM * 100
    start = axis.at(draw["bar"][0])
    left = f"calc({start if inside else right:.2f}% + {LABEL_SHIFT_INSIDE if inside else LABEL_SHIFT_AFTER}px)"
    colour = STATUS_STYLE[status]["color"]
    return out + (
        f'<div class="gl" data-role="{ROLE_LABEL}" style="left:{left}">'
        f'<span><span style="color:{colour}">{STATUS_SWATCH}</span> {markup(text)}</span></div>'
    )


def written_status(draw: dict, view: GanttView) -> str:
    """The status written beside a facility's bar (a draw of :class:`GanttParts`), as ``view`` words it."""
    return draw["label"] if view.overdue_words or not draw["overdue"] else draw["status_label"]


def status_label_px(draw: dict, view: GanttView) -> float:
    """The room, in px, the status written after a bar takes from the row's end (swatch, text and gaps)."""
    return text_width(f"{STATUS_SWATCH} {written_status(draw, view)}", view.font_px) + LABEL_SHIFT_AFTER + 8


def _milestone_html(point: dict, axis: Axis | None) -> str:
    """A milestone: a diamond (filled when it happened, hollow when planned), × when its date passed unconfirmed."""
    status = point["status"]
    kind = "gm" + (" k" if point["key"] else "")
    kind += " a" if status == tl.HAPPENED else (" x" if status in ("overdue", "planned_missed") else "")
    symbol = "×" if " x" in kind else ""
    if axis is None:  # the legend's sample: no role, not a milestone of the chart; centred in its holder
        return f'<span class="{kind}" style="left:50%">{symbol}</span>'
    return (
        f'<span class="{kind}" data-role="{ROLE_MILESTONE}" data-status="{status}" '
        f'data-facility="{markup(point["facility_id"] or "")}" title="{_title(point["hover"])}" '
        f'style="left:{axis.at(point["x"]):.2f}%">{symbol}</span>'
    )


def _stage_bands(parts: GanttParts, axis: Axis):
    """``(index, stage_id, its years as an Axis)`` of each stage that shows on ``axis``, in table order."""
    for i, (sid, start, end) in enumerate(parts.stages):
        band = Axis.of_years(start, end)
        if axis.at(band.end) > axis.at(band.start):
            yield i, sid, band


def _overlay(parts: GanttParts, axis: Axis, today: dt.date, first: int, last: int) -> str:
    """Behind the rows: a shaded band per stage, a faint line per year, the dashed "today" line."""
    out = ""
    for i, _, band in _stage_bands(parts, axis):
        colour = STAGE_BAND_COLOURS[i % len(STAGE_BAND_COLOURS)]
        last_day = band.end - pd.Timedelta(days=1)
        out += (
            f'<div class="gd" data-role="band" {_span(band.start, last_day)} '
            f'style="{_at(axis, band.start, band.end)};background:{colour}"></div>'
        )
    for year in range(first, last + 2):
        out += f'<div class="gy" style="left:{axis.at(pd.Timestamp(year, 1, 1)):.2f}%"></div>'
    x = axis.at(pd.Timestamp(today))
    return out + f'<div class="gtd" data-role="today" data-date="{today.isoformat()}" style="left:{x:.2f}%"></div>'


def _axis_html(parts: GanttParts, axis: Axis, first: int, last: int, name_column: str, view: GanttView) -> str:
    """The stage titles and the years above the chart: a year label every 1, 2 or 5 years as room allows."""
    per_label = 13 if view.font_px <= FONT_PX else 7  # labels that fit across the axis
    step = max(1, math.ceil((last + 1 - first) / per_label))
    titles = ""
    for _, sid, band in _stage_bands(parts, axis) if view.band_titles else ():
        titles += f'<div class="gs" style="{_at(axis, band.start, band.end)}">{markup(parts.stage_headers[sid])}</div>'
    years = ""
    for year in range(first + 1, last + 1):  # not at the edges, where a label would stand half outside
        if year % step:
            continue
        x = axis.at(pd.Timestamp(year, 1, 1))
        years += (
            f'<div class="gyl" data-role="year" style="left:{x:.2f}%">{year}</div>'
            f'<div class="gyt" style="left:{x:.2f}%"></div>'
        )
    return (
        f'<div class="ga" aria-hidden="true" style="height:{_axis_px(view)}px">{name_column}'
        f'<div class="gt">{titles}{years}</div></div>'
    )


def _today_label(today: dt.date, axis: Axis, lang: str, name_column: str) -> str:
    """ "Today · 4 Dec 2026" under the dashed line, kept inside the chart's width."""
    x = axis.at(pd.Timestamp(today))
    text = markup(translate("timeline.today", lang, date=formatting.date(today, lang)))
    shift = "-50%" if 12 < x < 88 else ("0" if x <= 12 else "-100%")
    return (
        f'<div class="ga" style="height:1.6em">{name_column}<div class="gt" style="border:0">'
        f'<span style="position:absolute;left:{x:.2f}%;top:2px;transform:translateX({shift});white-space:nowrap;'
        f'font-weight:700;color:{TODAY_COLOUR}">{text}</span></div></div>'
    )


def _legend_items(parts: GanttParts, facilities: pd.DataFrame, milestones, lang: str) -> list[tuple[str, str, str]]:
    """``(id, sample, text)`` of what the marks drawn mean: the plan outline, each status, targets, milestones."""
    swatch = (
        "display:inline-block;width:1.6em;height:0.8em;vertical-align:middle;margin-right:0.35em;box-sizing:border-box"
    )
    items = [
        ("plan", f'<span style="{swatch};border:1.3px solid {INK}"></span>', translate("timeline.legend.plan", lang))
    ]
    statuses = set(facilities["status"])
    for status in FACILITY_STATUS:
        if status in statuses and status in STATUS_STYLE:
            sample = f'<span class="s-{status}" style="{swatch}"></span>'
            items.append((f"status-{status}", sample, translate(f"fstatus.{status}", lang)))
    if any(parts.draws[f]["target"] is not None for f in facilities["facility_id"]):
        line = f'<span style="{swatch};height:0;border-top:2px dotted {INK}"></span>'
        items.append(("target", line, translate("timeline.legend.target", lang)))
    drawn = {p["status"] for p in milestones}
    for status in tl.MILESTONE_STATES:
        if status in drawn:
            mark = _milestone_html({"status": status, "key": True}, None)
            holder = 'style="display:inline-block;position:relative;width:1.2em;height:1em;vertical-align:middle;margin-right:0.35em"'
            items.append(
                (
                    f"milestone-{status}",
                    f"<span {holder}>{mark}</span>",
                    translate(f"timeline.legend.ms.{status}", lang),
                )
            )
    return items


def _legend(parts: GanttParts, facilities: pd.DataFrame, milestones, lang: str, view: GanttView) -> str:
    """The legend under the chart: :func:`_legend_items`, each item a ``data-legend`` of its id."""
    out = "".join(
        f'<span data-legend="{key}" style="white-space:nowrap">{sample}{markup(text)}</span>'
        for key, sample, text in _legend_items(parts, facilities, milestones, lang)
    )
    return (
        f'<div data-role="legend" style="display:flex;flex-wrap:wrap;gap:0.3em 1.2em;margin-top:0.4em;'
        f'font-size:{view.font_px}px">{out}</div>'
    )


def _facility_draw(f, span: dict, hover: list[str], lang: str) -> dict:
    """A facility's marks without their row: what :func:`build_gantt` places per filter set.

    ``plan`` and ``bar`` are ``(start, end)`` dates (``bar`` is ``None`` when nothing can be drawn:
    the label then says "undated" at the left edge); ``target`` is the dotted line to a later target
    ``(from, to, tooltip lines)``; ``right`` the row's last date (its status is written after it).
    """
    plot = f.plot_id if isinstance(f.plot_id, str) else ""
    name = getattr(f, f"name_{lang}")
    status_label = translate(f"fstatus.{f.status}", lang)
    draw = {
        "status": f.status,
        "status_label": status_label,
        "label": status_label,
        "overdue": bool(span["overdue"]),
        "hover": hover,
        "plot": plot,
        "name": name,
        "plan": None,
        "bar": None,
        "target": None,
        "right": None,
    }
    if not span["drawn"]:
        draw["label"] = translate("timeline.undated", lang, status=status_label)
        return draw
    if pd.notna(span["plan_start"]):
        draw["plan"] = (span["plan_start"], span["plan_end"])
    if pd.notna(span["actual_start"]):
        start, end = span["actual_start"], span["actual_end"]
    elif pd.notna(span["plan_start"]):
        start, end = span["plan_start"], span["plan_end"]
    else:  # only a later target is known
        start = end = span["target_end"]
    draw["bar"] = (start, end)
    draw["right"] = max(d for d in (span["plan_end"], end, span["target_end"]) if pd.notna(d))
    if span["overdue"]:  # a plan whose date passed unconfirmed is never shown as upcoming
        # Short enough to fit beside the bar; the tooltip and the list say "no confirmation".
        draw["label"] = translate("timeline.overdue_label_short", lang, status=status_label)
    if pd.notna(span["target_end"]):
        drawn_end = max(d for d in (span["plan_end"], span["actual_end"], start) if pd.notna(d))
        line_hover = _lines(
            name,
            translate(
                "timeline.hover.target_line",
                lang,
                date=period_text(span["target_end"], lang, span["target_end_precision"]),
                planned=period_text(f.planned_end, lang, f.planned_end_precision),
            ),
        )
        draw["target"] = (drawn_end, span["target_end"], line_hover)
    return draw


def facility_order(ds: Dataset, facility_ids: Sequence[str], lang: str, today: dt.date | None = None):
    """The order of the Gantt's rows without drawing it: ``[(stage_id or None, [facility_id, ...]), ...]``.

    Stages in table order (facilities without a stage last); within a stage, by first planned
    completion (else what happened, else the target), undated last. The phone list uses it so the
    list and the chart read alike.
    """
    parts = gantt_parts(ds, lang, today or dates.today())
    return [(sid, [fid for fid, _ in group]) for sid, group in _groups(_shown(ds, facility_ids), parts, lang)]


def _shown(ds: Dataset, facility_ids: Sequence[str]) -> pd.DataFrame:
    """The rows of ``ds["facilities"]`` for ``facility_ids``, in that order, indexed by id."""
    return ds["facilities"].set_index("facility_id", drop=False).loc[list(facility_ids)]


def _groups(facilities, parts: GanttParts, lang):
    """``[(stage_id or None, [(facility_id, name), ...]), ...]`` top to bottom."""
    # Read top-down as a cascade: by first planned completion (else what happened, else the target),
    # undated last, then by id (``due``: GanttParts.due).
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


def _source_names(ds: Dataset, lang: str) -> dict[str, str]:
    """``source_id → "title (publisher)"`` in ``lang``, read once per figure (tooltips need it per row)."""
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


def _plan_lines(f, span, lang: str, t, stage: str | None, stages) -> list[str]:
    """The hover's plan lines: the planned period and, where a bound is not dated, what it rests on (``t``: the
    hover's translator into ``lang``)."""
    out: list[str] = []
    if pd.notna(span["plan_start"]):
        plan_start = _end_text(span["plan_start"], span["plan_start_basis"], lang, span["plan_start_precision"])
        plan_end = _end_text(span["plan_end"], span["plan_end_basis"], lang, span["plan_end_precision"])
        if plan_start == plan_end:  # "2025 – 2025" says no more than "2025"
            out.append(t("timeline.hover.plan_in", date=plan_end))
        else:
            out.append(t("timeline.hover.plan", start=plan_start, end=plan_end))
        if span["plan_start_basis"] == tl.STAGE_START and span["plan_end_basis"] == tl.STAGE_END:
            out.append(
                t(
                    "timeline.basis.stage_span",
                    stage=stage,
                    start=stages.loc[f.stage_id, "start_year"],
                    end=stages.loc[f.stage_id, "end_year"],
                )
            )
        else:
            if span["plan_start_basis"] != tl.DATED:
                out.append(t(f"timeline.basis.plan_start.{span['plan_start_basis']}", stage=stage))
            if span["plan_end_basis"] != tl.DATED:
                out.append(t(f"timeline.basis.plan_end.{span['plan_end_basis']}", stage=stage))
    return out


def _actual_lines(f, span, lang: str, t) -> list[str]:
    """The hover's lines on what happened: the actual period and what its start and end rest on (``t`` as in
    :func:`_plan_lines`)."""
    out: list[str] = []
    if pd.notna(span["actual_start"]):
        start_basis = span["actual_start_basis"]
        start_known = start_basis == tl.DATED
        end_text = (
            period_text(span["actual_end"], lang, span["actual_end_precision"])
            if span["actual_end_basis"] == tl.DATED
            else "…"
        )
        out.append(
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
            out.append(t("timeline.basis.actual_start.first_report", date=report))
        elif not start_known:
            out.append(t("timeline.basis.actual_start"))
        if span["actual_end_basis"] == tl.AS_OF:
            out.append(t("timeline.basis.actual_end.as_of", date=period_text(f.as_of, lang, f.as_of_precision)))
    else:
        out.append(t("timeline.hover.no_actual"))
    return out


def _facility_hover(f, span, lang, stage_name, operators, stages, source_names) -> list[str]:
    """The tooltip of a facility's bar, line by line: its name first, then status, plan, facts, sources."""

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
    lines += _plan_lines(f, span, lang, t, stage, stages)
    lines += _actual_lines(f, span, lang, t)
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
    return [getattr(f, f"name_{lang}"), *_lines(*lines)]


def _milestone_points(ds: Dataset, lang: str, source_names: dict[str, str], today: dt.date) -> list[dict]:
    """Every milestone as a point: its date, tooltip lines and whether it is a key one (no row yet).

    ``status`` is the state on ``today`` (:func:`imc_data.timeline.milestone_state`): a planned
    date that has passed unconfirmed is ``overdue``, never an upcoming milestone.
    """
    milestones = ds["milestones"]
    states = tl.milestone_states(milestones, today)
    points = []
    for m, shown in zip(milestones.itertuples(), states, strict=True):
        fid = m.facility_id if isinstance(m.facility_id, str) else None
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
                "hover": [
                    when,
                    *_lines(getattr(m, f"title_{lang}"), state, _source_text(source_names, m.source_ids, lang)),
                ],
                "key": bool(m.key),
            }
        )
    return points
