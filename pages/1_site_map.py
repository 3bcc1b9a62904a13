"""Site map: the plots coloured by their state in a year; tap a plot for its card under the map.

Layout and widgets only: the deck, its records and the legend come from
``dashboard.figures.site_deck``, the phone's plan from ``dashboard.figures.site_svg``, the card's
content from ``dashboard.views.plot_card``, the locator map from ``dashboard.figures.locator``; the
state-at-year rule from ``imc_data.plot_state``. The selected plot lives in ``?plot=``, the year in
``?year=``, the 3D switch in ``?view3d=`` and a phone's interactive map in ``?interactive=``, so a
link reopens exactly this view.

One copy of each map is sent (never a wide and a narrow copy for CSS to choose from). On a phone
(the frame's screen hint ``ctx.narrow``) the plan is a server-drawn SVG of the same parts as the
deck, each plot a link to its card: no deck.gl unless the visitor asks for the interactive or 3D map.
"""

import time
import zlib

import streamlit as st
from streamlit.errors import StreamlitAPIException

from dashboard import formatting
from dashboard.components import sources_popover, status_tag, with_provenance
from dashboard.figures import locator, site_svg
from dashboard.figures import site_deck as deck
from dashboard.frame import page_setup
from dashboard.nav import lang_query
from dashboard.safe import markup, md
from dashboard.views.opportunity_card import caption
from dashboard.views.plot_card import plot_card
from imc_data import dates

ctx = page_setup("site_map", illustrative=True)
ds, lang, t = ctx.dataset, ctx.lang, ctx.t

MAP_KEY = "site_map_deck"
CARD_KEY = "imc-plot-card"
PLAN_KEY = "imc-site-plan"  # the phone's SVG plan
PLAN_ROOM_PX = 8  # the plan's block is this much taller than its drawing (no scroll bar inside it)
CLICKED = "site_map_clicked"  # session flag: the card was opened by a tap, so it is scrolled into view
PLAYING = "site_map_playing"  # session flag: the 3D play was asked for
PLAYED_TO = "site_map_played_to"  # the year the 3D play has reached (where Stop leaves the slider)
OPPORTUNITIES_PAGE = "pages/3_opportunities.py"
TODAY = dates.today()
YEARS = deck.play_years(ds)
FIRST_YEAR, LAST_YEAR = YEARS[0], YEARS[-1]
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


def scroll_into_view(nonce: int, key: str) -> None:
    """Bring the block keyed ``key`` (the card, or the plan above it) into view on a phone.

    Sent on every run while a card is open (a tap may be followed by a second run); the browser
    remembers the last ``nonce`` it scrolled for (one per plot opened), so each opening scrolls once
    and a later rerun (a new year) leaves the page where the visitor put it. A tap on the plan is a
    link to the card's anchor (``#plot-card``), which the browser scrolls to itself.
    """
    # No "<" inside the script: st.html's sanitiser drops a script whose text has "<" before a letter or
    # digit (its guard against markup hidden in text), which is why the scroll never ran after a tap.
    # It looks for the card for up to 30 s: on a slow phone (or a busy CI machine) the card came after the
    # 5 s it used to wait, and the tap then left the card out of sight.
    script = (
        f"<script>(function(){{const tap={nonce};if(window.imcCardTap===tap)return;let n=0;const go=()=>{{"
        f"const el=document.querySelector('.st-key-{key}');"
        "if(!el){if(300>n++)setTimeout(go,100);return;}"
        f"window.imcCardTap=tap;if(location.hash==='#{site_svg.CARD_ANCHOR}')return;"
        "const r=el.getBoundingClientRect();"
        "if(r.top>window.innerHeight*0.6||0>r.top)el.scrollIntoView({behavior:'smooth',block:'start'});"
        "};go();})();</script>"
    )
    st.html(script, unsafe_allow_javascript=True, width="content")


def legend(records: list[dict], year: int) -> None:
    """State swatches with the state in words and how many plots are in it, then the plots' names."""
    st.markdown(f"**{md(t('site_map.legend', year=year))}**")
    blocks = []
    opportunities = ds["opportunities"]
    open_plots = set(opportunities.loc[opportunities["status"] == "open", "plot_id"])
    badge = f" <span class='imc-open-badge'>{markup(t('site_map.legend_open'))}</span>"
    for entry in deck.legend_entries(records, lang):
        n = entry["count"]
        count = t("site_map.legend_count_one") if n == 1 else t("site_map.legend_count", n=formatting.count(n, lang))
        names = "".join(f"<li>{markup(name)}{badge if pid in open_plots else ''}</li>" for pid, name in entry["plots"])
        blocks.append(
            "<div class='imc-legend-state'>"
            f"<span class='imc-swatch' style='background:{entry['hex']}'></span>"
            f"<b>{markup(entry['label'])}</b> · {markup(count)}"
            f"<ul>{names}</ul></div>"
        )
    # Raw HTML, never Markdown: the names come from the tables and are escaped above.
    st.html(f"<div class='imc-legend'>{''.join(blocks)}</div>")
    st.caption(t("site_map.legend_projected") + " " + t("site_map.legend_context"))


def facility_block(fac: dict, year: int, plot_stage: str) -> None:
    """One facility of the card, in one text block: name, specialty, status, stage (when not the plot's),
    operator, dates, size, note."""
    parts = [f"**{md(fac['name'])}**"]
    if fac["specialty"]:
        parts.append(caption(md(fac["specialty"])))
    lines = [
        t("site_map.card.state_in_year", year=year, state=fac["state_label"]),
        t("site_map.card.status", status=t(f"fstatus.{fac['status']}"), as_of=fac["as_of_text"]),
        # A facility of a later stage on a plot of an earlier one (oncology hospital No. 62): both said.
        *(
            [t("site_map.card.facility_stage", stage=fac["stage_text"])]
            if fac["stage_text"] and fac["stage_text"] != plot_stage
            else []
        ),
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
    if fac["floor_area_text"] is not None:
        size.append(t("site_map.card.floor_area", area=fac["floor_area_text"]))
    if fac["beds"] is not None:
        size.append(t("site_map.card.beds", beds=formatting.count(fac["beds"], lang)))
    if size:
        lines.append(" · ".join(size))
    parts.append("\n".join(f"- {md(line)}" for line in lines))
    if fac["note"]:
        parts.append(caption(md(fac["note"])))
    st.markdown("\n\n".join(parts))


def plot_card_panel(card: dict, year: int) -> None:
    """The card of the selected plot: its name (with the number the map shows), its state, its figures."""
    with st.container(border=True, key=CARD_KEY):
        st.subheader(md(card["name"]), anchor="plot-card")
        # One text block (each element is work for the browser when a tap opens the card).
        parts = [status_tag("plot_state", card["state"], lang)]
        if card["description"]:
            parts.append(md(card["description"]))
        # The plot's own figures carry its provenance badge (illustrative), as on the opportunity cards.
        sized = card["provenance"]
        facts = [
            (t("site_map.card.area"), with_provenance(card["area_text"], sized, lang)),
            (t("site_map.card.use"), md(card["use_label"])),
            (t("site_map.card.stage"), md(card["stage_text"])),
            (t("site_map.card.state", year=year), md(card["state_label"])),
            (t("site_map.card.max_floor"), with_provenance(card["max_floor_text"], sized, lang)),
        ]
        parts.append("\n".join(f"- **{md(label)}:** {value}" for label, value in facts))
        parts.append(f"**{md(t('site_map.card.facilities'))}**")
        if not card["facilities"]:
            parts.append(caption(md(t("site_map.card.no_facilities"))))
        st.markdown("\n\n".join(parts))
        for fac in card["facilities"]:
            with st.container(border=True):
                facility_block(fac, year, card["stage_text"])
        if card["opportunities"]:
            st.markdown(f"**{md(t('site_map.card.opportunities'))}**")
            for opp in card["opportunities"]:
                st.page_link(
                    OPPORTUNITIES_PAGE,
                    label=md(f"{opp['name']} · {opp['status']}"),  # taken or unrealised ones too, said so
                    help=t("site_map.card.opportunity", opp=opp["name"]),
                    icon=":material/storefront:",
                    query_params=lang_query(lang, {"opp": opp["opportunity_id"]}),
                )
        sources_popover(ds, card["source_ids"], lang, provenance=card["provenance"], key="plot-card-sources")


def layout_badge() -> None:
    """The one badge saying the plot layout is illustrative (above whichever map is drawn)."""
    st.badge(
        t("site_map.card.layout_badge"), icon=":material/draw:", color="orange", help=t("site_map.card.layout_note")
    )


def site_map(year: int, extruded: bool, interactive: bool, selected: str | None) -> list[dict]:
    """The plot map with the illustrative-layout badge above it: the deck, or on a phone the light SVG plan.

    The deck draws the selected plot's heavy outline only when the map's own selection does not
    already show it (a link, not a tap, opened the card): a tap then leaves the deck's spec as it
    was, and the browser keeps its deck.gl layers instead of building them again.
    """
    records = deck.plot_records(ds, lang, year, selected=selected, today=TODAY)
    layout_badge()
    if not interactive:
        query = {k: st.query_params.get(k) for k in st.query_params if k != "plot"}
        plan = site_svg.site_plan_svg(ds, lang, year, selected=selected, query=query, today=TODAY, view=SITE_VIEW)
        # Markdown's raw-HTML block (no blank line inside), not st.html: st.html keeps HTML only and drops SVG.
        # The browser draws raw HTML in Markdown only once it has loaded the code for it (a moment after the rest
        # of the page): the container keeps the plan's height from the start, so nothing under it jumps down.
        box = st.container(key=PLAN_KEY, height=deck.VIEWS[SITE_VIEW].height + PLAN_ROOM_PX, border=False)
        box.markdown(f"<div>\n{plan}\n</div>", unsafe_allow_html=True)
        return records
    tapped = deck.selected_plot(st.session_state.get(MAP_KEY))
    st.pydeck_chart(
        deck.build_site_deck(
            ds,
            lang,
            year,
            selected=None if tapped == selected else selected,
            extruded=extruded,
            today=TODAY,
            view=SITE_VIEW,
        ),
        on_select=store_picked_plot,
        selection_mode="single-object",
        key=MAP_KEY,
        height=deck.VIEWS[SITE_VIEW].height,
        alt=t("site_map.alt", year=year, n=len(records)),
    )
    return records


def card_or_hint(card: dict | None, wanted: str | None, year: int, interactive: bool) -> None:
    """Under the map: the tapped plot's card, or a line saying how to open one."""
    if wanted and card is None:
        st.warning(t("site_map.card.unknown_plot", plot=md(wanted)), icon=":material/help:")
    if card is None:
        st.info(t("site_map.card.pick"), icon=":material/touch_app:")
        return
    plot_card_panel(card, year)
    if ctx.narrow:
        # A laptop keeps the map in view (the card starts under it); a phone's map fills the screen. Once for each
        # plot opened, not again when only the year changes: a tap on the interactive map brings its card into
        # view; a link from another page ("See on map" on an opportunity) the plan, the plot outlined on it and
        # its card starting under it.
        clicks = st.session_state.get(CLICKED, 0)
        scroll_into_view(zlib.crc32(f"{wanted}|{clicks}".encode()), CARD_KEY if clicks or interactive else PLAN_KEY)


def start_play() -> None:
    st.session_state[PLAYING] = True


def show_year(year: int) -> None:
    """Put the year slider on ``year`` (the address follows the widget); call before the slider is drawn."""
    st.session_state["year"] = year


def stop_play() -> None:
    """Leave the year slider on the year the play had reached."""
    show_year(st.session_state.get(PLAYED_TO, LAST_YEAR))


def play() -> None:
    """The 3D view year after year, first to last (issue 21), then the page as the slider shows the last year.

    The whole layout is drawn first (a year heading and Stop in place of the controls, the map and
    the legend in placeholders), so nothing of the previous view is left fading while it plays;
    each year then replaces the map and the legend. Stop, or any other control, ends the run.
    """
    row = st.columns([3, 2], vertical_alignment="bottom")
    heading = row[0].empty()
    # As many elements as the controls it stands in for (the 3D switch and the play button).
    row[1].button(t("site_map.stop"), key="stop_play", icon=":material/stop:", on_click=stop_play)
    row[1].caption(t("site_map.play_help", first=FIRST_YEAR, last=LAST_YEAR))
    left, right = st.columns([3, 2])
    with left:
        layout_badge()
        map_slot = st.empty()
        st.caption(t("site_map.projected_3d"))
    with right:
        legend_slot = st.empty()
    for year, frame, records in deck.play_frames(ds, lang, today=TODAY, view=SITE_VIEW):
        st.session_state[PLAYED_TO] = year
        heading.subheader(t("site_map.playing", year=year), anchor=False)
        map_slot.pydeck_chart(
            frame, height=deck.VIEWS[SITE_VIEW].height, alt=t("site_map.alt", year=year, n=len(records))
        )
        with legend_slot.container():
            legend(records, year)
        time.sleep(deck.PLAY_SECONDS_PER_YEAR)
    show_year(YEARS[-1])
    try:
        st.rerun(scope="fragment")
    except StreamlitAPIException:  # the play started in a full run of the page (not a fragment rerun)
        st.rerun()


def controls() -> tuple[int, bool, bool]:
    """Year slider, 3D switch with the 3D play under it, and on a phone the switch to the interactive map."""
    slider_column, switches = st.columns([3, 2], vertical_alignment="bottom") if not ctx.narrow else (st, st)
    year = slider_column.slider(
        t("site_map.year"),
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
        value=DEFAULT_YEAR,
        step=1,
        key="year",
        bind="query-params",
        help=t("site_map.year_help"),
    )
    extruded = switches.toggle(
        t("site_map.extrude"), key="view3d", bind="query-params", help=t("site_map.extrude_help")
    )
    interactive = extruded or not ctx.narrow
    if ctx.narrow and not extruded:
        interactive = switches.toggle(
            t("site_map.interactive"), key="interactive", bind="query-params", help=t("site_map.interactive_help")
        )
    if extruded:
        switches.button(
            t("site_map.play", first=FIRST_YEAR, last=LAST_YEAR),
            key="play",
            icon=":material/play_arrow:",
            on_click=start_play,
            help=t("site_map.play_help", first=FIRST_YEAR, last=LAST_YEAR),
        )
    return year, extruded, interactive


@st.fragment
def map_and_card() -> None:
    """Year slider, 3D switch, map, card under it and legend: a new year reruns only this part."""
    if st.session_state.pop(PLAYING, False):
        play()
    year, extruded, interactive = controls()
    left, right = st.columns([3, 2])
    with left:
        records = plot_map(year, extruded, interactive)
    with right:
        legend(records, year)


@st.fragment
def plot_map(year: int, extruded: bool, interactive: bool) -> list[dict]:
    """The map and the card under it: a tap reruns only this part (the year's controls and legend stay)."""
    wanted = st.query_params.get("plot")
    card = plot_card(ds, lang, year, wanted, today=TODAY) if wanted else None
    records = site_map(year, extruded, interactive, card["plot_id"] if card else None)
    card_or_hint(card, wanted, year, interactive)
    return records


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
