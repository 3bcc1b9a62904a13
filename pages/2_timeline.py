"""Timeline page: what exists and what comes next. A Gantt on a laptop (a bar opens its plot), a list on a phone."""

import streamlit as st

from dashboard import formatting, frame, labels
from dashboard.components import sources_popover
from dashboard.figures import gantt
from dashboard.i18n import translate
from dashboard.safe import md
from dashboard.url_widgets import both_languages, url_multiselect, url_toggle
from dashboard.views.timeline_list import render_list, timeline_list
from imc_data import dates, queries
from imc_data import timeline as tl

ctx = frame.page_setup("timeline")
ds, lang, t = ctx.dataset, ctx.lang, ctx.t
fac = ds["facilities"]

st.title(t("timeline.title"))
st.caption(t("timeline.subtitle"))

# What exists, what is being built, what comes next: the programme at a glance in one line, before any filter.
counts = queries.facility_status_counts(ds)
overdue = queries.overdue_facilities(ds)
summary = {
    "built": counts["built"].value,
    "in_progress": counts["under_construction"].value + counts["partly_completed"].value,
    "planned": counts["planned"].value,
    "announced": counts["announced"].value,
}
with st.container(key="imc-timeline-summary"):
    st.markdown(
        " · ".join(f"**{formatting.count(n, lang)}** {md(t(f'timeline.summary.{key}'))}" for key, n in summary.items())
    )
    with st.container(horizontal=True, vertical_alignment="center"):
        total = formatting.count(len(fac), lang)
        st.caption(t("timeline.summary.overdue", n=formatting.count(overdue.value, lang), total=total))
        figures = (*counts.values(), overdue)
        sources_popover(
            ds,
            [s for f in figures for s in f.source_ids],
            lang,
            note=t("timeline.sources.summary"),
            key="timeline-summary-sources",
        )


stage_names = {code: queries.names(ds, "stages", code) for code in ("en", "ru")}
operator_names = {code: queries.names(ds, "operators", code) for code in ("en", "ru")}
FILTERS = {
    # URL parameter: (label, option id → (English, Russian) text)
    "stage": (
        t("timeline.filter.stage"),
        both_languages(
            tl.filter_options(fac, "stage_id", tl.NO_STAGE),
            lambda v, lg: translate("timeline.no_stage", lg) if v == tl.NO_STAGE else stage_names[lg].get(v, v),
        ),
    ),
    "kind": (
        t("timeline.filter.category"),
        both_languages(tl.filter_options(fac, "category"), lambda v, lg: labels.label("facility_category", v, lg)),
    ),
    "status": (
        t("timeline.filter.status"),
        both_languages(
            [s for s in gantt.STATUS_STYLE if s in set(fac["status"])], lambda v, lg: translate(f"fstatus.{v}", lg)
        ),
    ),
    "operator": (
        t("timeline.filter.operator"),
        both_languages(
            tl.filter_options(fac, "operator_id", tl.NO_OPERATOR),
            lambda v, lg: (
                translate("timeline.no_operator", lg) if v == tl.NO_OPERATOR else operator_names[lg].get(v, v)
            ),
        ),
    ),
}


@st.fragment
def timeline_filters() -> None:
    """The filters and what they keep: a filter change reruns only this part.

    On a laptop the chart below is drawn once, for every facility; a filter change sends only a style
    sheet that hides what the filters leave out (:func:`gantt.filter_style`). On a phone the list is
    drawn here, for the facilities kept.
    """
    # One horizontal container, not st.columns: the filters wrap on a narrow screen. On a phone they fold
    # under one line (open when the link carries filters): the list is what the page is for, and the
    # filter boxes, drawn late by the browser, no longer push the list down as they arrive.
    if ctx.narrow:
        opened = st.session_state.setdefault(
            "timeline_filters_open", any(st.query_params.get_all(param) for param in (*FILTERS, "milestones"))
        )
        holder = st.expander(t("timeline.filters"), expanded=opened, icon=":material/filter_alt:")
    else:
        holder = st  # straight into the fragment: one block fewer for the browser on each change
    row = holder.container(horizontal=True, vertical_alignment="bottom", key="imc-timeline-filters")
    chosen = {
        param: url_multiselect(row, param, label, choices, lang, t("timeline.filter.all"))
        for param, (label, choices) in FILTERS.items()
    }
    show_milestones = url_toggle(row, "milestones", t("timeline.filter.milestones"), default=True)

    shown = tl.filter_facilities(fac, chosen["stage"], chosen["kind"], chosen["status"], chosen["operator"])
    st.caption(t("timeline.shown", n=len(shown), total=len(fac)))
    if shown.empty:
        st.info(t("timeline.none_match"))
        frame.hide_keyed([CHART_KEY])
    elif ctx.narrow:
        # A list on a phone (the chart does not read 390 px wide), the chart on a laptop, chosen by the frame's
        # screen hint. Sending both and hiding one by CSS made the browser build both.
        with st.container(key="imc-timeline-list"):
            render_list(timeline_list(ds, shown["facility_id"], lang, show_milestones=show_milestones), lang)
    else:
        style = gantt.filter_style(ds, shown["facility_id"], lang, show_milestones, dates.today())
        if style:
            st.html(style)


CHART_KEY = "imc-timeline-chart"

timeline_filters()
with st.container(key=CHART_KEY):
    if not ctx.narrow:
        st.caption(t("timeline.click_hint"))
        # Drawn by the server as HTML (Markdown's raw-HTML block): no chart code for the browser to load and run.
        st.markdown(gantt.build_gantt(ds, fac["facility_id"], lang, today=dates.today()), unsafe_allow_html=True)
    sources_popover(
        ds,
        tl.shown_source_ids(ds, fac, show_milestones=True),
        lang,
        note=t("timeline.sources.shown"),
        key="timeline-sources",
    )
    if not ctx.narrow:
        with st.expander(t("timeline.how_to_read_marker")):
            st.markdown(t("timeline.how_to_read"))
