"""The Timeline Gantt figure and its data helpers, checked on the shipped tables and on broken copies."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pandas as pd
import pytest

from dashboard import formatting
from dashboard.figures import gantt
from dashboard.i18n import translate
from dashboard.safe import css_string
from imc_data import load_dataset
from imc_data import timeline as tl

from .conftest import edited_dataset
from .gantt_html import read_chart

TODAY = dt.date(2026, 11, 24)


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


def spans(chart, role: str) -> dict[str, tuple[pd.Timestamp, pd.Timestamp, str]]:
    """facility id → (start, end, tooltip) of its mark of ``role`` (one per facility)."""
    out = {}
    for mark in chart.role(role):
        fid = mark.attrs["data-facility"]
        assert fid not in out, f"{fid} has two {role} marks"
        out[fid] = (pd.Timestamp(mark.attrs["data-start"]), pd.Timestamp(mark.attrs["data-end"]), mark.title)
    return out


def status_bars(chart):
    return spans(chart, gantt.ROLE_STATUS)


def plan_bars(chart):
    return {fid: (start, end) for fid, (start, end, _) in spans(chart, gantt.ROLE_PLAN).items()}


def build(ds, facilities=None, lang="en", **kw):
    shown = ds["facilities"] if facilities is None else facilities
    return read_chart(gantt.build_gantt(ds, shown["facility_id"], lang, today=TODAY, **kw))


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
    notes = [m.text for m in fig.role(gantt.ROLE_LABEL) if "no dates, stage or plot published" in m.text]
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


def test_the_axis_spans_the_programme_whatever_the_filter_with_a_year_every_two(ds):
    for shown in (None, tl.filter_facilities(ds["facilities"], statuses=["operating"])):
        fig = build(ds, shown)
        years = [int(m.text) for m in fig.role("year")]
        # The data run from 2012 (the first milestone) to 2035 (the end of Stage 2): the axis, a year either side.
        assert years == list(range(2012, 2037, 2))


def test_the_today_line_stays_on_the_axis_after_the_last_date_of_the_data(ds):
    raw = gantt.build_gantt(ds, ds["facilities"]["facility_id"], "en", today=dt.date(2045, 6, 1))
    fig = read_chart(raw)
    (today,) = fig.role("today")
    assert float(re.search(r"left:([\d.]+)%", today.attrs["style"]).group(1)) < 100
    assert max(int(m.text) for m in fig.role("year")) >= 2044


def test_ten_times_the_facilities_draw_ten_times_the_bars(ds):
    fac = ds["facilities"]
    copies = [fac.assign(facility_id=fac["facility_id"] + f"_{i}") for i in range(10)]
    # Other data, so another version: figures are kept per ``content_key``.
    big = dataclasses.replace(
        ds, tables={**ds.tables, "facilities": pd.concat(copies, ignore_index=True)}, content_key="ten copies"
    )
    assert len(status_bars(build(big))) == 10 * (len(fac) - 1)


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
    segments = {fid: (start, end) for fid, (start, end, _) in spans(fig, gantt.ROLE_TARGET).items()}
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
    text = hover.replace("\n", " ")  # tooltip lines are wrapped
    assert "first report of work under way (27 Aug 2023)" in text
    assert "Not completed in the latest report (12 Dec 2025)" in text
    # Spring 2026 has passed by TODAY with no confirmation: the label says the target passed (short, so it
    # fits beside the bar at 14 px), the hover that nothing confirms completion.
    label = next(m.text for m in build(ds).role(gantt.ROLE_LABEL) if "Under construction" in m.text)
    assert label.endswith("Under construction · target passed")
    assert "has passed with no confirmation" in text


def test_a_year_precision_report_covers_its_year(ds):
    start, end, hover = status_bars(build(ds))["F06"]
    # Under construction in a 2023 report of unknown day; its construction start is not published.
    assert (start.date(), end.date()) == (dt.date(2023, 1, 1), dt.date(2023, 12, 31))
    assert "Not completed in the latest report (2023)" in hover


def test_unconfirmed_and_plan_only_bars_are_patterned_and_labelled(ds):
    raw = gantt.build_gantt(ds, ds["facilities"]["facility_id"], "en", today=TODAY)
    fig = read_chart(raw)

    def fill(bar) -> str:  # the style sheet's rule for the bar's status class
        (status_class,) = [c for c in bar.attrs["class"].split() if c.startswith("s-")]
        return re.search(r"\." + status_class + r"\{([^}]*)\}", raw).group(1)

    style = {m.attrs["data-status"]: fill(m) for m in fig.role(gantt.ROLE_STATUS)}
    assert "gradient" not in style["operating"] and "opacity:1.0" in style["operating"]
    for status in ("unknown", "announced_not_realised", "planned"):
        assert "repeating-linear-gradient" in style[status] and "opacity:0.55" in style[status]
    labels = [m.text for m in fig.role(gantt.ROLE_LABEL)]
    assert sum("Announced, status unconfirmed" in text for text in labels) == 6  # 5 bars + the undated row


def test_stage_bands_today_line_and_group_rows(ds):
    fig = build(ds)
    bands = [(m.attrs["data-start"], m.attrs["data-end"]) for m in fig.role("band")]
    assert bands == [("2016-01-01", "2025-12-31"), ("2025-01-01", "2035-12-31")]
    assert [m.attrs["data-date"] for m in fig.role("today")] == ["2026-11-24"]
    assert "Today · 24 Nov 2026" in fig.text
    rows = [m.text for m in fig.role(gantt.ROLE_ROW)]
    assert rows[0] == "Programme milestones"
    assert rows.index("Stage 1 · 2016–2025") < rows.index("Stage 2 · 2025–2035") < rows.index("No stage stated")


def test_milestones_are_markers_with_tooltips_and_sources(ds):
    fig = build(ds)
    marks = fig.role(gantt.ROLE_MILESTONE)
    assert len(marks) == len(ds["milestones"])
    tooltips = "\n".join(m.title for m in marks)
    assert "29 Jun 2015" in tooltips and "Federal Law No. 160-FZ" in tooltips and "Sources:" in tooltips
    # Plans whose date has passed with no confirmation are overdue, never upcoming; none is called "missed"
    # without a later source.
    overdue = next(m for m in marks if m.attrs["data-status"] == "overdue")
    assert "2022" in overdue.title and "overdue, unconfirmed" in overdue.title
    assert "planned_missed" not in {m.attrs["data-status"] for m in marks}
    upcoming = [m for m in marks if m.attrs["data-status"] == "planned"]
    assert [m.title.split("\n")[0] for m in upcoming] == ["2035"]
    assert not build(ds, show_milestones=False).role(gantt.ROLE_MILESTONE)


def test_milestones_of_hidden_facilities_are_hidden(ds):
    fig = build(ds, tl.filter_facilities(ds["facilities"], stages=["S2"]))
    assert {m.attrs["data-facility"] for m in fig.role(gantt.ROLE_MILESTONE)} == {"", "F05"}


def _seen(chart) -> tuple:
    """What a reader of the chart sees: its text, and each mark's role, facility, status and tooltip."""
    marks = sorted(
        (m.role, m.attrs.get("data-facility", ""), m.attrs.get("data-status", ""), m.title) for m in chart.marks
    )
    return chart.text, marks


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("show_milestones", [True, False])
@pytest.mark.parametrize(
    "filters",
    [
        {},
        {"stages": ["S2"]},
        {"statuses": ["operating"]},
        {"stages": [tl.NO_STAGE]},
        {"categories": ["hospital"], "stages": ["S1"]},
        {"statuses": ["planned"], "operators": [tl.NO_OPERATOR]},
    ],
)
def test_the_page_chart_under_a_filter_style_reads_as_the_chart_of_that_filter(ds, filters, show_milestones, lang):
    # The page draws every facility once and hides, by a style sheet, what a filter leaves out.
    shown = tl.filter_facilities(ds["facilities"], **filters)["facility_id"]
    every = gantt.build_gantt(ds, ds["facilities"]["facility_id"], lang, today=TODAY)
    style = gantt.filter_style(ds, shown, lang, show_milestones=show_milestones, today=TODAY)
    alone = gantt.build_gantt(ds, shown, lang, show_milestones=show_milestones, today=TODAY)
    assert _seen(read_chart(every, style)) == _seen(read_chart(alone))
    assert bool(style) == (len(shown) < len(ds["facilities"]) or not show_milestones)


@pytest.mark.parametrize("value", ["F01", 'x"]{display:block}</style><script>', "Этап 1", "a\\b c"])
def test_an_id_in_the_filter_style_is_a_css_string_that_cannot_end_the_rule(value):
    escaped = css_string(value)
    assert not set(escaped) & set('"<>{}\n')
    # CSS reads a backslash, up to six hex digits and one optional space as that character.
    assert re.sub(r"\\([0-9a-fA-F]{1,6}) ?", lambda m: chr(int(m[1], 16)), escaped) == value


def test_russian_labels_and_dates(ds):
    fig = build(ds, lang="ru")
    for legend in ("Первый план (контур)", "Работает", "Планируется", "Событие"):
        assert legend in fig.text
    _, _, hover = status_bars(fig)["F02"]
    assert "Первый план: 2016 – 2020" in hover and "Факт: начало не опубликовано – 30 авг. 2021" in hover
    assert "На 1 год позже первого плана" in hover
    assert "Сегодня · 24 нояб. 2026" in fig.text
    assert "Этап 1 · 2016–2025" in [m.text for m in fig.role(gantt.ROLE_ROW)]
    tooltips = " ".join(m.title for m in fig.marks)
    for english in ("First plan", "Operating", "Programme milestones", "Today", "Sources:"):
        assert english not in fig.text and english not in tooltips


def test_data_text_is_escaped_not_html(data_dir):
    ds = edited_dataset(
        data_dir, "facilities.csv", "Nuclear Medicine Centre,", '"<img src=x onerror=alert(1)> & $x$ Centre",'
    )
    raw = gantt.build_gantt(ds, ds["facilities"]["facility_id"], "en", today=TODAY)
    assert "<img" not in raw and "$x$" not in raw  # no tag, and no formula for Markdown's maths
    fig = read_chart(raw)
    name = "<img src=x onerror=alert(1)> & $x$ Centre"  # what the reader sees: the characters typed
    assert status_bars(fig)["F07"][2].startswith(name)
    assert name in [m.text for m in fig.role(gantt.ROLE_ROW)]


def test_bad_dates_never_draw_backwards(data_dir):
    # A facility whose stage starts after its published completion: the outline does not run backwards.
    ds = edited_dataset(
        data_dir,
        "facilities.csv",
        "clinic,S1,derived,P11,illustrative,OP06,,unknown,,,2022-01-01,year",
        "clinic,S2,derived,P11,illustrative,OP06,,unknown,,,2022-01-01,year",
    )
    fig = read_chart(gantt.build_gantt(ds, ds["facilities"]["facility_id"], "en", today=TODAY))
    for fid, (start, end) in plan_bars(fig).items():
        assert start <= end, fid
    for fid, (start, end, _) in status_bars(fig).items():
        assert start <= end, fid


# --- links ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_every_bar_links_to_its_plot_on_the_site_map_in_the_same_language(ds, lang):
    plots = ds["facilities"].set_index("facility_id")["plot_id"].to_dict()
    bars = build(ds, lang=lang).role(gantt.ROLE_STATUS)
    assert bars
    for bar in bars:
        plot = plots[bar.attrs["data-facility"]]
        assert bar.tag == "a" and bar.attrs["target"] == "_self"
        assert bar.attrs["href"] == f"site_map?plot={plot}" + ("&lang=ru" if lang == "ru" else "")


def test_a_slide_chart_has_no_links_legend_or_overdue_words(ds):
    view = gantt.GanttView(font_px=18, years=(2014, 2040), links=False, legend=False, overdue_words=False)
    raw = gantt.build_gantt(ds, ds["facilities"]["facility_id"], "en", today=TODAY, view=view)
    fig = read_chart(raw)
    assert not [m for m in fig.marks if m.tag == "a"] and not fig.role("legend")
    assert not [m for m in fig.role(gantt.ROLE_LABEL) if "target passed" in m.text]
    assert [int(m.text) for m in fig.role("year")][:2] == [2016, 2020]  # fewer labels at 18 px
    assert min(int(px) for px in re.findall(r"font-size:(\d+)px", raw)) >= 18


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
        raw = gantt.build_gantt(ds, ds["facilities"]["facility_id"], lang, today=TODAY)
        rows = [m.text for m in read_chart(raw).role(gantt.ROLE_ROW)]
        for name in ds["facilities"][f"name_{lang}"]:
            assert name in rows, name
        assert not any("…" in text for text in rows)
        assert min(int(px) for px in re.findall(r"font-size:(\d+)px", raw)) >= 14


def test_a_hover_never_writes_an_unknown_date_as_a_question_mark(ds):
    for lang in ("en", "ru"):
        hovers = [hover for _, _, hover in status_bars(build(ds, lang=lang)).values()]
        assert hovers and not [h for h in hovers if "?" in h]
        unknown = translate("timeline.hover.start_unknown", lang)
        assert any(unknown in h for h in hovers)  # a facility whose construction start is not published
