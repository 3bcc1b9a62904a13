"""Timeline page: the programme as a Gantt chart; click a bar to open its plot."""

import streamlit as st

from dashboard.components import sources_expander
from dashboard.figures import gantt
from dashboard.frame import page_setup
from dashboard.i18n import translate
from dashboard.nav import page
from dashboard.safe import md
from dashboard.url_widgets import both_languages, url_multiselect
from imc_data import dates, queries
from imc_data import timeline as tl

ctx = page_setup("timeline")
ds, lang, t = ctx.dataset, ctx.lang, ctx.t
fac = ds["facilities"]

st.title(t("timeline.title"))
st.caption(t("timeline.subtitle"))

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
        both_languages(tl.filter_options(fac, "category"), lambda v, lg: translate(f"timeline.category.{v}", lg)),
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
def timeline_view() -> None:
    """Filters, chart, plot link and sources: a filter change or a click reruns only this part."""
    # One horizontal container, not st.columns: the filters wrap on a narrow screen.
    row = st.container(horizontal=True, vertical_alignment="bottom")
    chosen = {
        param: url_multiselect(row, param, label, choices, lang, t("timeline.filter.all"))
        for param, (label, choices) in FILTERS.items()
    }
    show_milestones = row.toggle(t("timeline.filter.milestones"), value=True, key="milestones", bind="query-params")

    shown = tl.filter_facilities(fac, chosen["stage"], chosen["kind"], chosen["status"], chosen["operator"])
    st.caption(t("timeline.shown", n=len(shown), total=len(fac)))
    if shown.empty:
        st.info(t("timeline.none_match"))
        return

    link_slot = st.container()  # above the chart, so the link appears where the presenter is looking
    fig = gantt.build_gantt(ds, shown["facility_id"], lang, show_milestones=show_milestones, today=dates.today())
    event = st.plotly_chart(
        fig,
        key="timeline_chart",
        on_select="rerun",
        selection_mode="points",
        theme=None,
        config={
            "displaylogo": False,
            "modeBarButtonsToRemove": ["select2d", "lasso2d"],
            "toImageButtonOptions": {"format": "png", "filename": "imc-timeline", "scale": 2},
        },
    )

    pick = gantt.picked_facility(event.get("selection") if event else None)
    with link_slot:
        if pick is not None:
            name = queries.names(ds, "facilities", lang).get(pick.facility_id, pick.facility_id)
            if pick.plot_id is None:
                st.info(t("timeline.no_plot", name=md(name)))
            else:
                params = {"plot": pick.plot_id, **({"lang": lang} if lang != "en" else {})}
                st.page_link(
                    page("site_map").script,
                    label=t("timeline.open_plot", plot=md(pick.plot_id), name=md(name)),
                    icon=":material/map:",
                    query_params=params,
                )

    st.markdown(t("timeline.how_to_read"))
    sources_expander(ds, tl.shown_source_ids(ds, shown, show_milestones), lang, t("timeline.sources_shown"))


timeline_view()
