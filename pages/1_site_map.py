"""Site map: the plots coloured by their state in a year; tap a plot for its card under the map.

Layout and widgets only: the deck, its records and the legend come from
``dashboard.figures.site_deck``, the card's content from ``dashboard.views.plot_card``, the
locator map from ``dashboard.figures.locator``; the state-at-year rule from
``imc_data.plot_state``. The selected plot lives in ``?plot=``, the year in ``?year=`` and the
3D switch in ``?view3d=``, so a link reopens exactly this view.

One copy of each map is sent (never a wide and a narrow copy for CSS to choose from): fitted
to a phone's width when the frame's screen hint (``ctx.narrow``: the viewport cookie, else the
user agent) says phone, to the laptop column otherwise.
"""

import html

import streamlit as st

from dashboard import formatting
from dashboard.components import sources_popover, status_tag
from dashboard.figures import locator
from dashboard.figures import site_deck as deck
from dashboard.frame import page_setup
from dashboard.safe import md
from dashboard.views.plot_card import plot_card
from imc_data import dates

ctx = page_setup("site_map", illustrative=True)
ds, lang, t = ctx.dataset, ctx.lang, ctx.t

MAP_KEY = "site_map_deck"
CARD_KEY = "imc-plot-card"
CLICKED = "site_map_clicked"  # session flag: the card was opened by a tap, so it is scrolled into view
OPPORTUNITIES_PAGE = "pages/3_opportunities.py"
TODAY = dates.today()
FIRST_YEAR = int(ds["stages"]["start_year"].min())
LAST_YEAR = int(ds["stages"]["end_year"].max())
DEFAULT_YEAR = min(max(TODAY.year, FIRST_YEAR), LAST_YEAR)
SITE_VIEW = "phone" if ctx.narrow else "wide"
LOCATOR_VIEW = "phone" if ctx.narrow else "wide"

st.title(t("site_map.title"))
st.markdown(t("site_map.intro"))


def store_picked_plot() -> None:
    """Write the plot tapped on the map into the URL (or clear it when the tap deselected)."""
    picked = deck.selected_plot(st.session_state.get(MAP_KEY))
    if picked:
        st.query_params["plot"] = picked
        st.session_state[CLICKED] = st.session_state.get(CLICKED, 0) + 1
    else:
        st.query_params.pop("plot", None)


def scroll_card_into_view(nonce: int) -> None:
    """Bring the card under the map into view after a tap (a phone's map fills the screen).

    Sent on every run while a tapped card is open (a tap may be followed by a second run); the
    browser remembers the last tap it scrolled for, so each tap scrolls once and a later rerun
    (a new year) leaves the page where the visitor put it.
    """
    script = (
        f"<script>(function(){{const tap={nonce};if(window.imcCardTap===tap)return;let n=0;const go=()=>{{"
        f"const el=document.querySelector('.st-key-{CARD_KEY}');"
        "if(!el){if(n++<50)setTimeout(go,100);return;}"
        "window.imcCardTap=tap;const r=el.getBoundingClientRect();"
        "if(r.top>window.innerHeight*0.6||r.top<0)el.scrollIntoView({behavior:'smooth',block:'start'});"
        "};go();})();</script>"
    )
    st.html(script, unsafe_allow_javascript=True, width="content")


def legend(records: list[dict], year: int) -> None:
    """State swatches with the state in words and how many plots are in it, then the plots' names."""
    st.markdown(f"**{md(t('site_map.legend', year=year))}**")
    blocks = []
    opportunities = ds["opportunities"]
    open_plots = set(opportunities.loc[opportunities["status"] == "open", "plot_id"])
    badge = f" <span class='imc-open-badge'>{html.escape(t('site_map.legend_open'))}</span>"
    for entry in deck.legend_entries(records, lang):
        n = entry["count"]
        count = t("site_map.legend_count_one") if n == 1 else t("site_map.legend_count", n=formatting.count(n, lang))
        names = "".join(
            f"<li>{html.escape(name)}{badge if pid in open_plots else ''}</li>" for pid, name in entry["plots"]
        )
        blocks.append(
            "<div class='imc-legend-state'>"
            f"<span class='imc-swatch' style='background:{entry['hex']}'></span>"
            f"<b>{html.escape(entry['label'])}</b> · {html.escape(count)}"
            f"<ul>{names}</ul></div>"
        )
    # Raw HTML, never Markdown: the names come from the tables and are escaped above.
    st.html(f"<div class='imc-legend'>{''.join(blocks)}</div>")
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
        size.append(t("site_map.card.floor_area", area=formatting.floor_area(fac["floor_area"], lang)))
    if fac["beds"] is not None:
        size.append(t("site_map.card.beds", beds=formatting.count(fac["beds"], lang)))
    if size:
        lines.append(" · ".join(size))
    st.markdown("\n".join(f"- {md(line)}" for line in lines))
    if fac["note"]:
        st.caption(md(fac["note"]))


def plot_card_panel(card: dict, year: int) -> None:
    """The card of the selected plot: its name first, the code only as a small reference."""
    with st.container(border=True, key=CARD_KEY):
        st.subheader(md(card["name"]), anchor="plot-card")
        st.markdown(
            status_tag("plot_state", card["state"], lang) + " " + md(t("site_map.card.code", code=card["plot_id"]))
        )
        if card["description"]:
            st.markdown(md(card["description"]))
        facts = [
            (t("site_map.card.area"), card["area_text"]),
            (t("site_map.card.use"), card["use_label"]),
            (t("site_map.card.stage"), card["stage_text"]),
            (t("site_map.card.state", year=year), card["state_label"]),
            (t("site_map.card.max_floor"), card["max_floor_text"]),
        ]
        st.markdown("\n".join(f"- **{md(label)}:** {md(value)}" for label, value in facts))
        st.markdown(f"**{md(t('site_map.card.facilities'))}**")
        if not card["facilities"]:
            st.caption(t("site_map.card.no_facilities"))
        for fac in card["facilities"]:
            with st.container(border=True):
                facility_block(fac, year)
        if card["opportunities"]:
            st.markdown(f"**{md(t('site_map.card.opportunities'))}**")
            for opp in card["opportunities"]:
                st.page_link(
                    OPPORTUNITIES_PAGE,
                    label=md(opp["name"]),
                    help=t("site_map.card.opportunity", opp=opp["name"]),
                    icon=":material/storefront:",
                    query_params={"opp": opp["opportunity_id"], "lang": lang},
                )
        sources_popover(ds, card["source_ids"], lang, provenance=card["provenance"], key="plot-card-sources")


def site_map(year: int, extruded: bool, selected: str | None) -> list[dict]:
    """The plot map (one deck, fitted to this screen) with the illustrative-layout badge above it."""
    records = deck.plot_records(ds, lang, year, selected=selected, today=TODAY)
    st.badge(
        t("site_map.card.layout_badge"), icon=":material/draw:", color="orange", help=t("site_map.card.layout_note")
    )
    st.pydeck_chart(
        deck.build_site_deck(ds, lang, year, selected=selected, extruded=extruded, today=TODAY, view=SITE_VIEW),
        on_select=store_picked_plot,
        selection_mode="single-object",
        key=MAP_KEY,
        height=deck.VIEWS[SITE_VIEW].height,
        alt=t("site_map.alt", year=year, n=len(records)),
    )
    return records


def card_or_hint(card: dict | None, wanted: str | None, year: int) -> None:
    """Under the map: the tapped plot's card, or a line saying how to open one."""
    if wanted and card is None:
        st.warning(t("site_map.card.unknown_plot", plot=md(wanted)), icon=":material/help:")
    if card is None:
        st.info(t("site_map.card.pick"), icon=":material/touch_app:")
        return
    plot_card_panel(card, year)
    clicks = st.session_state.get(CLICKED, 0)
    if clicks:
        scroll_card_into_view(clicks)


@st.fragment
def map_and_card() -> None:
    """Year slider, 3D switch, map, card under it and legend: a tap or a new year reruns only this part."""
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
    left, right = st.columns([3, 2])
    with left:
        records = site_map(year, extruded, card["plot_id"] if card else None)
        card_or_hint(card, wanted, year)
    with right:
        legend(records, year)


map_and_card()


def where_it_is() -> None:
    """Locator map of Moscow, and the same facts as a list beside it (issue 21)."""
    st.header(t("locator.title"), anchor="where-it-is")
    st.markdown(t("locator.intro"))
    places, geometry = locator.located_places(ds), locator.load_geometry()
    map_column, list_column = st.columns([3, 2])
    with map_column:
        st.markdown(locator.locator_figure(ds, lang, LOCATOR_VIEW, t("locator.alt")), unsafe_allow_html=True)
        st.html(locator.legend_html(geometry, lang))
    with list_column:
        st.markdown(f"**{md(t('locator.list_heading'))}**")
        st.markdown("\n".join(f"- {md(line)}" for line in locator.text_lines(places, lang, geometry)))
        st.caption(t("locator.imc_position_note"))
        sources_popover(ds, locator.source_ids(places, geometry), lang, key="locator-sources")


where_it_is()
