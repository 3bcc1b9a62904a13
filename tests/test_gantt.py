"""The Timeline Gantt figure and its data helpers, checked on the shipped tables and on broken copies."""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import json

import pandas as pd
import pytest

from dashboard import formatting
from dashboard.figures import gantt
from dashboard.i18n import translate
from imc_data import load_dataset
from imc_data import timeline as tl

from .conftest import edited_dataset

TODAY = dt.date(2026, 11, 24)


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


def traces(fig, role: str) -> list:
    return [tr for tr in fig.data if (tr.meta or {}).get("role") == role]


def status_bars(fig) -> dict[str, tuple[pd.Timestamp, pd.Timestamp, str]]:
    """facility id → (start, end, hover text) of its status bar."""
    out = {}
    for tr in traces(fig, gantt.ROLE_STATUS):
        for base, length, custom, hover in zip(tr.base, tr.x, tr.customdata, tr.hovertext, strict=True):
            start = pd.Timestamp(base)
            assert custom[0] not in out, f"{custom[0]} has two status bars"
            out[custom[0]] = (start, start + pd.Timedelta(milliseconds=length), hover)
    return out


def plan_bars(fig) -> dict[str, tuple[pd.Timestamp, pd.Timestamp]]:
    (tr,) = traces(fig, gantt.ROLE_PLAN)
    return {
        c[0]: (pd.Timestamp(b), pd.Timestamp(b) + pd.Timedelta(milliseconds=x))
        for b, x, c in zip(tr.base, tr.x, tr.customdata, strict=True)
    }


def build(ds, facilities=None, lang="en", **kw):
    shown = ds["facilities"] if facilities is None else facilities
    return gantt.build_gantt(ds, shown["facility_id"], lang, today=TODAY, **kw)


# --- figure builder -----------------------------------------------------------------------------------


def test_one_bar_per_facility_and_undated_ones_are_named(ds):
    fig = build(ds)
    fac = ds["facilities"]
    bars = status_bars(fig)
    spans = tl.facility_spans(ds).set_index("facility_id")
    undated = set(spans.index[~spans["drawn"].astype(bool)])
    assert undated == {"F13"}  # Villa Stuart: no dates, no stage, no plot
    assert set(bars) == set(fac["facility_id"]) - undated
    assert len(bars) + len(undated) == len(fac)
    notes = [a.text for a in fig.layout.annotations if "no dates, stage or plot published" in a.text]
    assert len(notes) == len(undated)


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"stages": ["S2"]}, {"F05", "F18", "F19", "F20", "F21", "F22"}),
        ({"statuses": ["operating"]}, {"F01", "F02"}),
        ({"categories": ["hospital"], "stages": ["S1"]}, {"F10"}),
        ({"operators": ["OP18"]}, {"F01", "F02"}),  # Hadassah Medical Moscow, the operating company
    ],
)
def test_bar_count_equals_the_filtered_facilities(ds, filters, expected):
    shown = tl.filter_facilities(ds["facilities"], **filters)
    assert set(shown["facility_id"]) == expected
    fig = build(ds, shown)
    assert set(status_bars(fig)) == expected
    assert set(plan_bars(fig)) <= expected


def test_x_axis_is_a_fixed_date_axis_2012_2036_with_yearly_ticks(ds):
    fig = build(ds, tl.filter_facilities(ds["facilities"], statuses=["operating"]))
    x = fig.layout.xaxis
    assert x.type == "date"
    start, end = (pd.Timestamp(v) for v in x.range)
    assert start == pd.Timestamp("2012-01-01") and end >= pd.Timestamp("2036-01-01")
    assert start <= pd.Timestamp("2016-01-01") and end >= pd.Timestamp("2035-12-31")
    assert x.minor.dtick == "M12"  # a tick (and grid line) every year
    assert x.tickformat == "%Y"


def test_trace_count_is_bounded_by_colour_categories_not_facilities(ds):
    fig = build(ds)
    assert len(fig.data) <= 12
    # Ten times as many facilities: still the same traces.
    fac = ds["facilities"]
    copies = [fac.assign(facility_id=fac["facility_id"] + f"_{i}") for i in range(10)]
    # Other data, so another version: figures are kept per ``content_key``.
    big = dataclasses.replace(
        ds, tables={**ds.tables, "facilities": pd.concat(copies, ignore_index=True)}, content_key="ten copies"
    )
    big_fig = build(big)
    assert len(status_bars(big_fig)) == 10 * (len(fac) - 1)
    assert len(big_fig.data) == len(fig.data) <= 12


def test_slipped_facility_shows_plan_and_actual(ds):
    fig = build(ds)
    plan_start, plan_end = plan_bars(fig)["F02"]
    start, end, hover = status_bars(fig)["F02"]
    assert plan_end.date() == dt.date(2020, 12, 31)  # planned for 2020: the outline covers the whole year
    assert end.date() == dt.date(2021, 8, 30)  # commissioned 30 Aug 2021
    assert end > plan_end
    assert "First plan: 2016 – 2020" in hover  # a year, as the 2017 plan gave it, never "Dec 2020"
    assert "Actual: start not published – 30 Aug 2021" in hover
    assert "1 year later than first planned" in hover  # in the precision both dates allow, not "8 months"
    # Its start was never published: the hover says where the bars start instead.
    assert "Planned start not published" in hover and "Construction start not published" in hover


def test_later_target_is_drawn_from_the_end_of_what_is_known(ds):
    fig = build(ds)
    (target,) = traces(fig, gantt.ROLE_TARGET)
    segments = {}
    for i in range(0, len(target.x), 3):
        segments[target.customdata[i][0]] = (pd.Timestamp(target.x[i]), pd.Timestamp(target.x[i + 1]))
    # First planned for 2025 (to the end of that year), completion moved to spring 2026 (to its last day).
    assert segments["F05"] == (pd.Timestamp("2025-12-31"), pd.Timestamp("2026-05-31"))
    assert "F01" not in segments  # no later target announced


def test_plan_only_facilities_say_the_stage_span_is_the_plan(ds):
    bars = status_bars(build(ds))
    start, end, hover = bars["F18"]
    assert (start.date(), end.date()) == (dt.date(2025, 1, 1), dt.date(2035, 12, 31))
    assert "No dates published: the bar shows the span of Stage 2 (2025–2035)" in hover
    assert "Actual: no construction reported" in hover


def test_in_progress_bar_runs_from_the_first_report_to_the_latest_not_today(ds):
    start, end, hover = status_bars(build(ds))["F05"]
    # Its start was never published; 27 Aug 2023 is the start of its *second* building (milestone M22).
    assert start.date() == dt.date(2023, 8, 27)
    assert end.date() == dt.date(2025, 12, 12)  # as_of of the row, not an invented completion
    text = hover.replace("<br>", " ")  # hover lines are wrapped
    assert "first report of work under way (27 Aug 2023)" in text
    assert "Not completed in the latest report (12 Dec 2025)" in text
    # Spring 2026 has passed by TODAY with no confirmation: the label says the target passed (short, so it
    # fits beside the bar at 14 px), the hover that nothing confirms completion.
    label = next(a.text for a in build(ds).layout.annotations if a.hovertext == hover)
    assert label.endswith("Under construction · target passed")
    assert "has passed with no confirmation" in text


def test_a_year_precision_report_covers_its_year(ds):
    start, end, hover = status_bars(build(ds))["F06"]
    # Under construction in a 2023 report of unknown day; its construction start is not published.
    assert (start.date(), end.date()) == (dt.date(2023, 1, 1), dt.date(2023, 12, 31))
    assert "Not completed in the latest report (2023)" in hover


def test_unconfirmed_and_plan_only_bars_are_patterned_and_labelled(ds):
    fig = build(ds)
    style = {tr.meta["status"]: tr.marker for tr in traces(fig, gantt.ROLE_STATUS)}
    assert style["operating"].pattern.shape == "" and style["operating"].opacity == 1
    for status in ("unknown", "announced_not_realised", "planned"):
        assert style[status].pattern.shape and style[status].opacity < 1
    labels = [a.text for a in fig.layout.annotations]
    assert sum("Announced, status unconfirmed" in text for text in labels) == 6  # 5 bars + the undated row


def test_stage_bands_today_line_and_group_rows(ds):
    fig = build(ds)
    rects = [s for s in fig.layout.shapes if s.type == "rect"]
    assert [(r.x0, r.x1) for r in rects] == [("2016-01-01", "2025-12-31"), ("2025-01-01", "2035-12-31")]
    lines = [s for s in fig.layout.shapes if s.type == "line" and s.xref == "x"]
    assert [line.x0 for line in lines] == ["2026-11-24"]
    assert any("Today · 24 Nov 2026" in a.text for a in fig.layout.annotations)
    ticks = list(fig.layout.yaxis.ticktext)
    assert ticks[0] == "<b>Programme milestones</b>"
    assert ticks.index("<b>Stage 1 · 2016–2025</b>") < ticks.index("<b>Stage 2 · 2025–2035</b>")
    assert "<b>No stage stated</b>" in ticks


def test_milestones_are_markers_with_hover_and_source(ds):
    fig = build(ds)
    points = sum(len(tr.x) for tr in traces(fig, gantt.ROLE_MILESTONE))
    assert points == len(ds["milestones"])
    hovers = "\n".join(h for tr in traces(fig, gantt.ROLE_MILESTONE) for h in tr.hovertext)
    assert "29 Jun 2015" in hovers and "Federal Law No. 160-FZ" in hovers and "Sources:" in hovers
    # Plans whose date has passed with no confirmation are overdue, never upcoming; none is called "missed"
    # without a later source.
    overdue = next(tr for tr in traces(fig, gantt.ROLE_MILESTONE) if tr.meta["status"] == "overdue")
    assert "2022" in overdue.hovertext[0] and "overdue, unconfirmed" in overdue.hovertext[0]
    assert "planned_missed" not in {tr.meta["status"] for tr in traces(fig, gantt.ROLE_MILESTONE)}
    upcoming = next(tr for tr in traces(fig, gantt.ROLE_MILESTONE) if tr.meta["status"] == "planned")
    assert [h.split("<br>")[0] for h in upcoming.hovertext] == ["<b>2035</b>"]
    assert not traces(build(ds, show_milestones=False), gantt.ROLE_MILESTONE)


def test_milestones_of_hidden_facilities_are_hidden(ds):
    fig = build(ds, tl.filter_facilities(ds["facilities"], stages=["S2"]))
    shown = {c[0] for tr in traces(fig, gantt.ROLE_MILESTONE) for c in tr.customdata}
    assert shown == {"", "F05"}


def test_russian_labels_and_dates(ds):
    fig = build(ds, lang="ru")
    names = {tr.name for tr in fig.data}
    assert {"Первый план (контур)", "Работает", "Планируется", "Событие"} <= names
    _, _, hover = status_bars(fig)["F02"]
    assert "Первый план: 2016 – 2020" in hover and "Факт: начало не опубликовано – 30 авг. 2021" in hover
    assert "На 1 год позже первого плана" in hover
    assert any("Сегодня · 24 нояб. 2026" in a.text for a in fig.layout.annotations)
    assert "<b>Этап 1 · 2016–2025</b>" in fig.layout.yaxis.ticktext
    text = json.dumps(json.loads(fig.to_json()), ensure_ascii=False)
    for english in ("First plan", "Operating", "Programme milestones", "Today", "Sources:"):
        assert english not in text


def test_data_text_is_escaped_not_html(data_dir):
    ds = edited_dataset(
        data_dir, "facilities.csv", "Nuclear Medicine Centre,", '"<img src=x onerror=alert(1)> & $x$ Centre",'
    )
    fig = gantt.build_gantt(ds, ds["facilities"]["facility_id"], "en", today=TODAY)
    raw = json.dumps(json.loads(fig.to_json()), ensure_ascii=False)
    assert "<img" not in raw and "$x$" not in raw
    assert "&lt;img src=x onerror=alert(1)&gt; &amp; &#36;x&#36; Centre" in status_bars(fig)["F07"][2]
    assert any(t.startswith("&lt;img") for t in fig.layout.yaxis.ticktext)


def test_bad_dates_never_draw_backwards(data_dir):
    # A facility whose stage starts after its published completion: the outline does not run backwards.
    ds = edited_dataset(
        data_dir,
        "facilities.csv",
        "clinic,S1,derived,P11,illustrative,OP06,,unknown,,,2022-01-01,year",
        "clinic,S2,derived,P11,illustrative,OP06,,unknown,,,2022-01-01,year",
    )
    fig = gantt.build_gantt(ds, ds["facilities"]["facility_id"], "en", today=TODAY)
    for fid, (start, end) in plan_bars(fig).items():
        assert start <= end, fid
    for fid, (start, end, _) in status_bars(fig).items():
        assert start <= end, fid


# --- click handling -------------------------------------------------------------------------------------


def test_selection_to_plot():
    assert gantt.picked_facility({"points": [{"customdata": ["F02", "P02"], "x": 1}]}) == gantt.Pick("F02", "P02")


def test_selection_skips_programme_milestones_and_takes_the_first_facility():
    selection = {"points": [{"customdata": ["", ""]}, {"customdata": ["F05", "P04"]}, {"customdata": ["F01", "P01"]}]}
    assert gantt.picked_facility(selection) == gantt.Pick("F05", "P04")


def test_selection_of_a_facility_without_plot():
    assert gantt.picked_facility({"points": [{"customdata": ["F13", ""]}]}) == gantt.Pick("F13", None)
    assert gantt.picked_facility({"points": [{"customdata": "F13"}]}) == gantt.Pick("F13", None)


@pytest.mark.parametrize(
    "selection", [None, {}, {"points": []}, {"points": [{"x": 3}]}, {"points": [{"customdata": [""]}]}]
)
def test_empty_selection_picks_nothing(selection):
    assert gantt.picked_facility(selection) is None


def test_every_bar_and_milestone_carries_facility_and_plot(ds):
    fig = build(ds)
    plots = ds["facilities"].set_index("facility_id")["plot_id"].to_dict()
    for tr in [*traces(fig, gantt.ROLE_STATUS), *traces(fig, gantt.ROLE_MILESTONE)]:
        for fid, plot in tr.customdata:
            if fid:
                assert plot == (plots[fid] if isinstance(plots[fid], str) else "")


# --- data helpers ---------------------------------------------------------------------------------------


def test_filters_keep_rows_without_a_stage_or_operator_on_request(ds):
    fac = ds["facilities"]
    assert set(tl.filter_facilities(fac, stages=[tl.NO_STAGE])["facility_id"]) == {"F13"}
    no_operator = tl.filter_facilities(fac, operators=[tl.NO_OPERATOR])
    assert len(no_operator) == fac["operator_id"].isna().sum() > 0
    assert len(tl.filter_facilities(fac)) == len(fac)
    assert tl.filter_options(fac, "stage_id", tl.NO_STAGE) == ["S1", "S2", tl.NO_STAGE]


def test_hover_dates_are_written_at_the_precision_of_their_source(ds):
    _, _, hover = status_bars(build(ds))["F07"]
    # Nuclear medicine centre: construction from Q4 2021, completion end-2023.
    q4 = formatting.date(dt.date(2021, 10, 1), "en", "quarter")
    assert f"First plan: {q4} – 2023" in hover


def test_sources_listed_are_those_of_the_rows_and_milestones_shown(ds):
    fac = ds["facilities"]
    one = fac[fac["facility_id"] == fac["facility_id"].iloc[0]]
    assert tl.shown_source_ids(ds, one, show_milestones=False) == list(dict.fromkeys(one["source_ids"].iloc[0]))
    ms = ds["milestones"]
    programme = [sid for ids in ms[ms["facility_id"].isna()]["source_ids"] for sid in ids]
    with_milestones = tl.shown_source_ids(ds, one, show_milestones=True)
    assert set(programme) <= set(with_milestones)
    assert len(with_milestones) == len(set(with_milestones))  # each source once
    everything = tl.shown_source_ids(ds, fac, show_milestones=True)
    hidden = set(everything) - set(with_milestones)
    assert hidden  # other facilities' sources are not listed for one facility


def test_facility_names_are_written_in_full_and_every_text_is_at_least_14_px(ds):
    """Issue 16: no "Diagnostic & Outpatient Center (Hadassa…"; chart text ≥ 14 px."""
    for lang in ("en", "ru"):
        fig = gantt.build_gantt(ds, ds["facilities"]["facility_id"], lang, today=TODAY)
        ticks = [html.unescape(text.replace("<br>", " ")) for text in fig.layout.yaxis.ticktext]
        for name in ds["facilities"][f"name_{lang}"]:
            assert name in ticks, name
        assert not any("…" in text for text in ticks)
        sizes = [fig.layout.font.size, fig.layout.yaxis.tickfont.size, fig.layout.legend.font.size]
        sizes += [a.font.size for a in fig.layout.annotations if a.font and a.font.size]
        assert min(sizes) >= 14


def test_a_hover_never_writes_an_unknown_date_as_a_question_mark(ds):
    for lang in ("en", "ru"):
        hovers = [hover for _, _, hover in status_bars(build(ds, lang=lang)).values()]
        assert hovers and not [h for h in hovers if "?" in h]
        unknown = translate("timeline.hover.start_unknown", lang)
        assert any(unknown in h for h in hovers)  # a facility whose construction start is not published
