"""Site map: the plots coloured by their state in a year; click a plot for its card.

Layout and widgets only: the deck and its records come from ``dashboard.figures.site_deck``,
the card's content from ``dashboard.views.plot_card``; the state-at-year rule from
``imc_data.plot_state``. The selected plot
lives in ``?plot=``, the year in ``?year=`` and the 3D switch in ``?view3d=``, so a link
reopens exactly this view.
"""

import html

import streamlit as st

from dashboard import formatting
from dashboard.components import provenance_badge, sources_expander
from dashboard.figures import locator
from dashboard.figures import site_deck as deck
from dashboard.frame import page_setup
from dashboard.safe import md
from dashboard.views.plot_card import plot_card
from imc_data import dates

ctx = page_setup("site_map", illustrative=True)
ds, lang, t = ctx.dataset, ctx.lang, ctx.t

MAP_KEY = "site_map_deck"
OPPORTUNITIES_PAGE = "pages/3_opportunities.py"
TODAY = dates.today()
FIRST_YEAR = int(ds["stages"]["start_year"].min())
LAST_YEAR = int(ds["stages"]["end_year"].max())
DEFAULT_YEAR = min(max(TODAY.year, FIRST_YEAR), LAST_YEAR)

st.title(t("site_map.title"))
st.markdown(t("site_map.intro"))


def store_picked_plot() -> None:
    """Write the plot clicked on the map into the URL (or clear it when the click deselected)."""
    picked = deck.selected_plot(st.session_state.get(MAP_KEY))
    if picked:
        st.query_params["plot"] = picked
    else:
        st.query_params.pop("plot", None)


def legend(records: list[dict], year: int) -> None:
    """Colour swatches with the state written next to them (our own constants, escaped)."""
    items = []
    for entry in deck.legend_entries(records, lang):
        items.append(
            f"<span style='display:inline-block;width:0.9em;height:0.9em;background:{entry['hex']};"
            f"border:1px solid #3c3c3c;margin-right:0.35em;vertical-align:middle'></span>"
            f"{html.escape(entry['label'])} ({html.escape(t('site_map.legend_count', n=entry['count']))})"
        )
    st.markdown(f"**{md(t('site_map.legend', year=year))}**")
    st.markdown(" &nbsp;·&nbsp; ".join(items), unsafe_allow_html=True)
    st.caption(t("site_map.legend_projected") + " " + t("site_map.legend_context"))


def facility_block(fac: dict, year: int) -> None:
    """One facility of the card: name, status, operator, planned vs actual dates, size, note."""
    st.markdown(f"**{md(fac['name'])}**")
    if fac["specialty"]:
        st.caption(md(fac["specialty"]))
    lines = [
        t("site_map.card.state_in_year", year=year, state=fac["state_label"]),
        t("site_map.card.status", status=t(f"fstatus.{fac['status']}"), as_of=fac["as_of_text"]),
        t("site_map.card.operator", name=fac["operator"], country=fac["country"])
        if fac["operator"]
        else t("site_map.card.no_operator"),
    ]
    if fac["planned"]:
        lines.append(t("site_map.card.planned", start=fac["planned"][0], end=fac["planned"][1]))
    if fac["expected_text"]:
        lines.append(t("site_map.card.expected", date=fac["expected_text"]))
    if fac["actual"]:
        lines.append(t("site_map.card.actual", start=fac["actual"][0], end=fac["actual"][1]))
    if fac["opening_text"]:
        lines.append(t("site_map.card.opening", date=fac["opening_text"]))
    if not (fac["planned"] or fac["expected_text"] or fac["actual"] or fac["opening_text"]):
        lines.append(t("site_map.card.no_dates"))
    size = []
    if fac["floor_area"] is not None:
        size.append(t("site_map.card.floor_area", area=formatting.number(fac["floor_area"], lang)))
    if fac["beds"] is not None:
        size.append(t("site_map.card.beds", beds=formatting.number(fac["beds"], lang)))
    if size:
        lines.append(" · ".join(size))
    st.markdown("\n".join(f"- {md(line)}" for line in lines))
    if fac["note"]:
        st.caption(md(fac["note"]))
    provenance_badge(fac["provenance"], lang)


def plot_card_panel(card: dict, year: int) -> None:
    """The card of the selected plot."""
    with st.container(border=True):
        st.subheader(t("site_map.card.title", plot=md(card["plot_id"])))
        st.markdown(md(card["description"]))
        badges = st.container(horizontal=True)
        with badges:
            if card["provenance"] == "illustrative":
                st.badge(t("site_map.card.layout_badge"), icon=":material/draw:", color="orange")
            provenance_badge(card["provenance"], lang)
        facts = [
            (t("site_map.card.area"), card["area_text"]),
            (t("site_map.card.use"), card["use_label"]),
            (t("site_map.card.stage"), card["stage_text"]),
            (t("site_map.card.state", year=year), card["state_label"]),
            (t("site_map.card.max_floor"), card["max_floor_text"]),
        ]
        st.markdown("\n".join(f"- **{md(label)}:** {md(value)}" for label, value in facts))
        if card["provenance"] == "illustrative":
            st.caption(t("site_map.card.layout_note"))
        st.markdown(f"**{md(t('site_map.card.facilities'))}**")
        if not card["facilities"]:
            st.caption(t("site_map.card.no_facilities"))
        for fac in card["facilities"]:
            with st.container(border=True):
                facility_block(fac, year)
        if card["opportunities"]:
            st.markdown(f"**{md(t('site_map.card.opportunities'))}**")
            for opp in card["opportunities"]:
                label = f"{opp['opportunity_id']}: {opp['what']}" if opp["what"] else opp["opportunity_id"]
                st.page_link(
                    OPPORTUNITIES_PAGE,
                    label=md(label),
                    help=t("site_map.card.opportunity", opp=opp["opportunity_id"]),
                    icon=":material/storefront:",
                    query_params={"opp": opp["opportunity_id"], "lang": lang},
                )
        sources_expander(ds, card["source_ids"], lang, label=t("site_map.card.sources"))


@st.fragment
def map_and_card() -> None:
    """Year slider, 3D switch, map and card: a click or a new year reruns only this part."""
    controls = st.columns([3, 1], vertical_alignment="bottom")
    year = controls[0].slider(
        t("site_map.year"),
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
        value=DEFAULT_YEAR,
        step=1,
        key="year",
        bind="query-params",
        help=t("site_map.year_help"),
    )
    extruded = controls[1].toggle(
        t("site_map.extrude"), key="view3d", bind="query-params", help=t("site_map.extrude_help")
    )

    wanted = st.query_params.get("plot")
    card = plot_card(ds, lang, year, wanted, today=TODAY) if wanted else None
    selected = card["plot_id"] if card else None

    left, right = st.columns([3, 2])
    with left:
        records = deck.plot_records(ds, lang, year, selected=selected, today=TODAY)
        st.pydeck_chart(
            deck.build_site_deck(ds, lang, year, selected=selected, extruded=extruded, today=TODAY),
            on_select=store_picked_plot,
            selection_mode="single-object",
            key=MAP_KEY,
            height=560,
            alt=t("site_map.alt", year=year, n=len(records)),
        )
        legend(records, year)
    with right:
        if wanted and card is None:
            st.warning(t("site_map.card.unknown_plot", plot=md(wanted)), icon=":material/help:")
        if card is None:
            st.info(t("site_map.card.pick"), icon=":material/touch_app:")
        else:
            plot_card_panel(card, year)


map_and_card()


def where_it_is() -> None:
    """Locator map of Moscow, and the same facts as a list beside it (issue 21)."""
    st.header(t("locator.title"), anchor="where-it-is")
    st.markdown(t("locator.intro"))
    places, geometry = locator.located_places(ds), locator.load_geometry()
    map_column, list_column = st.columns([3, 2])
    with map_column:
        st.pydeck_chart(locator.locator_deck(ds, lang, "phone"), key="locator_deck", height=380, alt=t("locator.alt"))
        swatches = [
            f"<span style='display:inline-block;width:1em;height:{'0.9em' if e['shape'] == 'area' else '0.25em'};"
            f"background:{e['hex']};border:1px solid #8c8273;margin-right:0.35em;vertical-align:middle'></span>"
            f"{html.escape(e['label'])}"
            for e in locator.legend_entries(geometry, lang)
        ]
        st.markdown(" &nbsp;·&nbsp; ".join(swatches), unsafe_allow_html=True)
    with list_column:
        st.markdown(f"**{md(t('locator.list_heading'))}**")
        st.markdown("\n".join(f"- {md(line)}" for line in locator.text_lines(places, lang)))
        st.caption(t("locator.imc_position_note"))
        sources_expander(ds, locator.source_ids(places, geometry), lang, label=t("locator.sources"))


where_it_is()
