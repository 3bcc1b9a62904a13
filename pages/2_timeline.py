"""Timeline page: the programme 2016–2035 as a Gantt chart; click a bar to open its plot."""

import streamlit as st

from dashboard import cached, gantt
from dashboard.components import sources_expander
from dashboard.frame import page_setup
from dashboard.nav import available_pages, page
from dashboard.safe import md
from imc_data import dates
from imc_data import timeline as tl

ctx = page_setup("timeline")
ds, lang, t = ctx.dataset, ctx.lang, ctx.t
fac = ds["facilities"]

st.title(t("timeline.title"))
st.caption(t("timeline.subtitle"))

stage_names = ds["stages"].set_index("stage_id")[ctx.col("name")].to_dict()
operator_names = ds["operators"].set_index("operator_id")[ctx.col("name")].to_dict()
FILTERS = {
    # URL parameter: (label, option ids, id → text)
    "stage": (
        t("timeline.filter.stage"),
        tl.filter_options(fac, "stage_id", tl.NO_STAGE),
        lambda v: t("timeline.no_stage") if v == tl.NO_STAGE else stage_names.get(v, v),
    ),
    "kind": (
        t("timeline.filter.category"),
        tl.filter_options(fac, "category"),
        lambda v: t(f"timeline.category.{v}"),
    ),
    "status": (
        t("timeline.filter.status"),
        [s for s in gantt.STATUS_STYLE if s in set(fac["status"])],
        lambda v: t(f"fstatus.{v}"),
    ),
    "operator": (
        t("timeline.filter.operator"),
        tl.filter_options(fac, "operator_id", tl.NO_OPERATOR),
        lambda v: t("timeline.no_operator") if v == tl.NO_OPERATOR else operator_names.get(v, v),
    ),
}


@st.fragment
def timeline_view() -> None:
    """Filters, chart, plot link and sources: a filter change or a click reruns only this part."""
    # The filters live in the URL as stable ids (?stage=S2&status=planned), not as displayed labels:
    # `bind="query-params"` would store the translated label, so a link would break on a language switch.
    chosen: dict[str, list[str]] = {}
    # One horizontal container, not st.columns: one block to send at each filter change instead
    # of six (each message of a run costs the server ~0.3 ms, bench/PROFILE.md).
    row = st.container(horizontal=True, vertical_alignment="bottom")
    for param, (label, options, fmt) in FILTERS.items():
        # One widget per language: a multiselect keeps showing the labels it was created with, so a
        # language switch starts a fresh widget, seeded from the (language-neutral) address.
        key = f"timeline_{param}_{lang}"
        if key not in st.session_state:
            st.session_state[key] = tl.known_values(st.query_params.get_all(param), options)
        chosen[param] = row.multiselect(label, options, format_func=fmt, key=key, placeholder=t("timeline.filter.all"))
        if st.query_params.get_all(param) != chosen[param]:
            if chosen[param]:
                st.query_params[param] = chosen[param]
            else:
                st.query_params.pop(param, None)
    show_milestones = row.toggle(t("timeline.filter.milestones"), value=True, key="milestones", bind="query-params")

    shown = cached.timeline_facilities(ds, chosen["stage"], chosen["kind"], chosen["status"], chosen["operator"])
    st.caption(t("timeline.shown", n=len(shown), total=len(fac)))
    if shown.empty:
        st.info(t("timeline.none_match"))
        return

    link_slot = st.container()  # above the chart, so the link appears where the presenter is looking
    fig = cached.gantt_figure(ds, shown, lang, show_milestones=show_milestones, today=dates.today())
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
            name = fac.set_index("facility_id")[ctx.col("name")].get(pick.facility_id, pick.facility_id)
            site_map = page("site_map")
            if pick.plot_id is None:
                st.info(t("timeline.no_plot", name=md(name)))
            elif site_map in available_pages():
                params = {"plot": pick.plot_id, **({"lang": lang} if lang != "en" else {})}
                st.page_link(
                    site_map.script,
                    label=t("timeline.open_plot", plot=md(pick.plot_id), name=md(name)),
                    icon=":material/map:",
                    query_params=params,
                )
            else:
                st.info(t("timeline.map_missing", name=md(name), plot=md(pick.plot_id)))

    st.markdown(t("timeline.how_to_read"))
    sources_expander(ds, cached.timeline_sources(ds, shown, show_milestones), lang, t("timeline.sources_shown"))


timeline_view()
