"""Opportunities: the open opportunities as cards first; a table, the map, the shortlist, PDFs and the enquiry form.

State lives in the address bar so a link reproduces the view: every filter is kept in a query
parameter (the status filter starts at "open"; ``?status=any`` shows every status), the shortlist
is ``?shortlist=O01,O02`` and a plot card on the site map links here with ``?opp=O05``. Heavy
elements (the deck.gl map, the table) are sent only when the visitor asks for them.
"""

import streamlit as st

from dashboard import formatting, labels
from dashboard.cache.queries import opportunity_frame
from dashboard.components import provenance_tag
from dashboard.enquiry_form import enquiry_form
from dashboard.exports.opportunity_pdf import opportunity_pdf
from dashboard.exports.pdf_kit import enquiry_address
from dashboard.exports.shortlist_pdf import shortlist_pdf
from dashboard.exports.spreadsheet import to_csv_bytes
from dashboard.figures import site_svg
from dashboard.figures.site_deck import build_site_deck
from dashboard.frame import card_grid_container, card_grid_key, card_row, hide_keyed, narrow_only, page_setup, wide_only
from dashboard.nav import lang_query
from dashboard.safe import md
from dashboard.url_widgets import (
    both_languages,
    set_url_multiselect,
    set_url_select_slider,
    url_multiselect,
    url_multiselect_value,
    url_select_slider,
    url_select_slider_value,
)
from dashboard.views.opportunity_card import card_markdown, card_more
from dashboard.views.opportunity_table import (
    comparison_table,
    model_label,
    opportunity_table,
    status_label,
    totals_markdown,
)
from imc_data import dates, schema
from imc_data import opportunities as opps

ctx = page_setup("opportunities", illustrative=True)
ds, lang, t = ctx.dataset, ctx.lang, ctx.t

frame = opportunity_frame(ds)
all_ids = frame["opportunity_id"].tolist()
by_id = frame.set_index("opportunity_id", drop=False)
names = labels.opportunity_names(ds, lang)
stages = ds["stages"]
MAP_YEAR = min(max(dates.today().year, int(stages["start_year"].min())), int(stages["end_year"].max()))
PER_ROW = 3  # cards per row on a laptop (stacked on a phone)
FIRST_CARDS = 2 * PER_ROW  # a phone's cards drawn before "Show all": each card is several elements to build
RESULTS_GRID = "opp-results"  # a laptop's cards, every opportunity, drawn once under the filters
DOWNLOADS = {"pdf": (":material/picture_as_pdf:", "application/pdf"), "csv": (":material/download:", "text/csv")}
VIEWS = ("cards", "table", "map")
ENQUIRY_URL = enquiry_address(st.context.url)
ENQUIRY_ANCHOR = "enquire"
SITE_MAP_PAGE = "pages/1_site_map.py"

st.title(t("opportunities.title"))
st.markdown(t("opportunities.intro"))

linked_id = opps.linked_opportunity(frame, st.query_params.get("opp"), st.query_params.get("plot"))
can_add = set(opps.shortlistable_ids(frame))
requested = opps.parse_id_list(st.query_params.get("shortlist"), all_ids)
shortlist = [i for i in requested if i in can_add]
refused = [i for i in requested if i not in can_add]


def set_shortlist(ids: list[str]) -> None:
    """Write the shortlist to the address bar (the single place it lives)."""
    if ids:
        st.query_params["shortlist"] = opps.format_id_list(ids)
    else:
        st.query_params.pop("shortlist", None)


if refused:  # a link may name a taken slot: it stays off the shortlist, and the address says so too
    set_shortlist(shortlist)

# ----------------------------------------------------------------------------- filters
area_lo, area_hi = opps.bounds(frame, "area_ha")
floor_lo, floor_hi = opps.bounds(frame, "max_floor_area_m2")
year_lo, year_hi = (int(v) for v in opps.bounds(frame, "available_from"))
FLOOR_STEP = 1000
AREA_STEPS = formatting.slider_steps(
    int(area_lo * 10) / 10, max(-int(-area_hi * 10) / 10, int(area_lo * 10) / 10 + 0.1), 0.1
)
FLOOR_STEPS = formatting.slider_steps(
    floor_lo // FLOOR_STEP * FLOOR_STEP, max(-(-floor_hi // FLOOR_STEP) * FLOOR_STEP, floor_lo + FLOOR_STEP), FLOOR_STEP
)
YEAR_STEPS = list(range(year_lo, max(year_hi, year_lo + 1) + 1))
RANGES = {
    # URL parameter: (label key, steps, unit of the labels, default)
    "plot_area": ("opportunities.f.plot_area", AREA_STEPS, "ha", (AREA_STEPS[0], AREA_STEPS[-1])),
    "floor_area": ("opportunities.f.floor_area", FLOOR_STEPS, "m²", (FLOOR_STEPS[0], FLOOR_STEPS[-1])),
    "available_by": ("opportunities.f.available_by", YEAR_STEPS, "year", YEAR_STEPS[-1]),
}
specialties = dict.fromkeys(zip(frame["specialty_en"], frame["specialty_ru"], strict=True))
CHOICES = {
    # URL parameter: code → (English, Russian) label; the address holds the codes.
    "stage": {row.stage_id: (row.name_en, row.name_ru) for row in stages.itertuples()},
    "specialty": {en: (en, ru) for en, ru in specialties},
    # Only statuses the rows hold: no "in negotiation" choice while no source gives a negotiation.
    "status": both_languages(opps.statuses_present(frame, schema.OPPORTUNITY_STATUS), status_label),
    "model": both_languages(schema.INVESTMENT_MODELS, model_label),
}
DEFAULTS = {"status": list(opps.DEFAULT_STATUSES)}


def clear_filters() -> None:
    """Back to "everything", every status included (the address, and the widgets when drawn)."""
    for param in CHOICES:
        set_url_multiselect(param, lang, [], DEFAULTS.get(param, ()))
    for param, (_, _, _, default) in RANGES.items():
        set_url_select_slider(param, lang, default, default)


def filter_bar() -> opps.Filters:
    """The filters in one compact bar (folded on a phone); returns what they select.

    A folded panel (the bar on a phone, the sizes popover until opened) is built only when opened: the
    address holds the values meanwhile, so nothing the visitor does not see is sent to the browser.
    """
    panel = st.expander(
        t("opportunities.filters"),
        expanded=not ctx.narrow,
        icon=":material/filter_alt:",
        key=f"opp_filters_{lang}",
        on_change="rerun",
    )
    chosen = {
        param: url_multiselect_value(param, choices, DEFAULTS.get(param, ())) for param, choices in CHOICES.items()
    }
    ranges = {param: url_select_slider_value(param, steps, default) for param, (_, steps, _, default) in RANGES.items()}
    if panel.open is not False:  # None where it keeps no state (AppTest): built
        with panel:
            bar = st.container(horizontal=True, vertical_alignment="bottom", key="imc-opp-filters")
            chosen = {
                param: url_multiselect(
                    bar,
                    param,
                    t(f"opportunities.f.{param}"),
                    choices,
                    lang,
                    t("opportunities.f.any"),
                    DEFAULTS.get(param, ()),
                )
                for param, choices in CHOICES.items()
            }
            sizes = bar.popover(
                t("opportunities.f.sizes"), icon=":material/straighten:", key=f"sizes_{lang}", on_change="rerun"
            )
            if sizes.open is not False:
                with sizes:
                    for param, (label, steps, unit, default) in RANGES.items():
                        ranges[param] = url_select_slider(
                            st, param, t(label), steps, lang, formatting.slider_label(unit, lang), default
                        )
    return opps.Filters(
        stages=tuple(chosen["stage"]),
        specialties=tuple(chosen["specialty"]),
        statuses=tuple(chosen["status"]),
        models=tuple(chosen["model"]),
        plot_area_ha=tuple(ranges["plot_area"]),
        floor_area_m2=tuple(ranges["floor_area"]),
        available_by=int(ranges["available_by"]),
    )


# ----------------------------------------------------------------------------- one opportunity
def download(container, kind: str, label: str, build, file_name: str, key: str, disabled: bool = False) -> None:
    """A PDF or CSV download built on click, not on every rerun (``build`` makes the bytes)."""
    icon, mime = DOWNLOADS[kind]
    container.download_button(
        label, data=build, file_name=file_name, mime=mime, icon=icon, on_click="ignore", disabled=disabled, key=key
    )


def card_actions(oid: str, place: str) -> None:
    """A card's actions in one row: shortlist, one-pager, see on map (``place`` keeps keys unique)."""
    row = st.container(horizontal=True, gap="small", vertical_alignment="center", key=f"imc-opp-links-{place}-{oid}")
    if oid in shortlist:
        if row.button(t("opportunities.card.remove"), key=f"{place}_remove_{oid}", icon=":material/bookmark_remove:"):
            set_shortlist(opps.remove_from_shortlist(shortlist, [oid]))
            st.rerun()
    elif oid in can_add and row.button(
        t("opportunities.card.add"), key=f"{place}_add_{oid}", icon=":material/bookmark_add:"
    ):
        set_shortlist(opps.add_to_shortlist(shortlist, [oid]))
        st.rerun()
    download(
        row,
        "pdf",
        t("opportunities.card.pdf"),
        lambda: opportunity_pdf(ds, oid, lang, enquiry_url=ENQUIRY_URL),
        labels.download_name(names.get(oid, oid), "pdf"),
        f"{place}_pdf_{oid}",
    )
    row.page_link(
        SITE_MAP_PAGE,
        label=t("opportunities.card.see_on_map"),
        icon=":material/map:",
        query_params=lang_query(lang, {"plot": by_id.loc[oid, "plot_id"]}),
    )


def card_key(oid: str, place: str) -> str:
    return f"imc-opp-card-{place}-{oid}"


def opportunity_card(oid: str, place: str, remark: str | None = None) -> None:
    """One opportunity: one Markdown block (name, status, facts with badges), its benefits and sources behind
    one disclosure (built when opened), then its actions."""
    opp = by_id.loc[oid]
    with st.container(border=True, key=card_key(oid, place)):
        # The enquiry form is further down this page: a same-page anchor at the end of the text, no rerun.
        # Only where an enquiry can be about this opportunity (the form offers what can still be taken up).
        enquire = f"[:material/mail: {md(t('opportunities.card.enquire'))}](#{ENQUIRY_ANCHOR})"
        st.markdown(
            card_markdown(ds, opp, names.get(oid, oid), lang, remark) + ("\n\n" + enquire if oid in can_add else "")
        )
        label, more = card_more(ds, opp, lang)
        if label:
            panel = st.expander(label, type="compact", key=f"more_{place}_{oid}_{lang}", on_change="rerun")
            if panel.open is not False:  # None where it keeps no state
                panel.markdown(more)
        card_actions(oid, place)


def card_grid(ids: list[str], place: str, remarks: dict[str, str] | None = None) -> None:
    """Cards in rows of :data:`PER_ROW`, the cards of a row sharing one height; on a phone one under the other.

    A phone gets the cards without columns: stacking them took the frame's CSS, which arrives after the
    first draw (the cards moved), and the columns were elements a phone's browser built for nothing.
    """
    if ctx.narrow:
        for oid in ids:
            opportunity_card(oid, place, (remarks or {}).get(oid))
        return
    for start in range(0, len(ids), PER_ROW):
        chunk = ids[start : start + PER_ROW]
        for column, oid in zip(card_row(PER_ROW, f"{place}-{start // PER_ROW}"), chunk, strict=False):
            with column:
                opportunity_card(oid, place, (remarks or {}).get(oid))


# ----------------------------------------------------------------------------- results
def results_bar(matches) -> str:
    """How many are shown and their totals, the choice of view (and on a laptop the tools); returns the view.

    On a phone the tools (CSV, share, clear) follow the results: in this wrapping row, widgets whose code
    arrives after the first draw widened and pushed the first card down (layout shift).
    """
    summary = opps.summarise(matches)
    bar = st.container(horizontal=True, vertical_alignment="center", key="imc-opp-results-bar")
    totals = t(
        "opportunities.totals",
        plot=totals_markdown(summary.plot_area_ha, lang, "ha", 1),
        floor=totals_markdown(summary.floor_area_m2, lang, "m²"),
    )
    shown = t("opportunities.shown", n=formatting.count(summary.count, lang), total=formatting.count(len(frame), lang))
    bar.markdown(f"{shown} · {totals}", width="stretch")  # the parts are escaped by totals_markdown
    # A fixed height: the switch's code arrives after the first draw, and its placeholder is taller than it
    # (the cards under it moved up when it came).
    view = bar.container(height=40, border=False, width="content", key="imc-opp-view").segmented_control(
        t("opportunities.view"),
        VIEWS,
        format_func=lambda v: t(f"opportunities.view.{v}"),
        default="cards",
        required=True,
        key=f"opp_view_{lang}",
        label_visibility="collapsed",
    )
    if not ctx.narrow:
        results_tools(bar, matches["opportunity_id"].tolist())
    return view


def results_tools(bar, ids: list[str]) -> None:
    """The CSV of the results, the share link and "clear filters", in ``bar``."""
    download(
        bar,
        "csv",
        t("opportunities.download_csv_filtered"),
        lambda: to_csv_bytes(opportunity_table(ds, ids, lang)),
        f"imc_opportunities_{lang}.csv",
        "csv_filtered",
        disabled=not ids,
    )
    share = bar.popover(t("opportunities.share"), icon=":material/share:", key=f"share_{lang}", on_change="rerun")
    if share.open is not False:  # its content is built when it is opened
        with share:
            share_link()
    bar.button(t("opportunities.f.clear"), on_click=clear_filters, icon=":material/filter_alt_off:", type="tertiary")


def share_link() -> None:
    """The address of this view, ready to copy (the browser's address bar holds the same)."""
    base = st.context.url
    if not base:
        st.caption(t("opportunities.share_copy"))
        return
    from urllib.parse import urlencode

    pairs = [(key, value) for key in st.query_params for value in st.query_params.get_all(key)]
    st.caption(t("opportunities.share_text"))
    st.code(base + ("?" + urlencode(pairs) if pairs else ""), language=None, wrap_lines=True)


@st.fragment
def filters_and_results() -> None:
    """Filters and what they select: a filter change reruns only this part of the page.

    On a laptop the cards are drawn once, every opportunity, under this part (:func:`results_cards`); a filter
    change sends a style sheet that hides the others, not the cards again. On a phone the cards are drawn
    here, the first few and "Show all". Adding to the shortlist changes the address and reruns the whole page
    (``st.rerun()``).
    """
    matches = opps.filter_opportunities(frame, filter_bar())
    match_ids = matches["opportunity_id"].tolist()
    view = results_bar(matches)
    remarks = {}
    if linked_id:  # opened from the site map: that card first, even when the filters hide it
        remarks[linked_id] = t("opportunities.card.from_map" if linked_id in match_ids else "opportunities.card.hidden")
        match_ids = [linked_id, *(i for i in match_ids if i != linked_id)]
    if matches.empty:
        st.info(t("opportunities.empty", n=formatting.count(len(frame), lang)), icon=":material/search_off:")
    if view == "table" and len(matches):
        # Both are small (one row per opportunity): CSS shows the one that fits the screen.
        with wide_only("opp-table"):
            st.table(comparison_table(ds, matches["opportunity_id"], lang), hide_index=True, border="horizontal")
        with narrow_only("opp-table"):
            st.table(
                comparison_table(ds, matches["opportunity_id"], lang, compact=True),
                hide_index=True,
                border="horizontal",
            )
    elif view == "map":
        highlight = list(dict.fromkeys(by_id.loc[match_ids, "plot_id"]))
        selected = by_id.loc[linked_id, "plot_id"] if linked_id else None
        if ctx.narrow:  # the phone's plan, as on the site map: the whole site fits the screen, a tap opens a plot
            query = {k: st.query_params.get(k) for k in st.query_params if k not in ("plot", "opp")}
            plan = site_svg.site_plan_svg(
                ds, lang, MAP_YEAR, selected=selected, highlight=highlight, query=query, view="phone"
            )
            # Markdown's raw-HTML block, as on the site map page (st.html drops SVG).
            st.markdown(f"<div>\n{plan}\n</div>", unsafe_allow_html=True)
        else:
            st.pydeck_chart(
                build_site_deck(ds, lang, MAP_YEAR, selected=selected, highlight=highlight), height=420, key="opp_map"
            )
        st.caption(t("opportunities.map_caption"))
    elif ctx.narrow:
        show_all = st.session_state.get("opp_all_cards", False) or len(match_ids) <= FIRST_CARDS
        card_grid(match_ids if show_all else match_ids[:FIRST_CARDS], "results", remarks)
        if not show_all:
            st.button(
                t("opportunities.show_all", n=formatting.count(len(match_ids), lang)),
                key="opp_show_all",
                icon=":material/expand_more:",
                on_click=lambda: st.session_state.update(opp_all_cards=True),
            )
    elif linked_id:  # its own card, with the remark, before the others
        card_grid([linked_id], "linked", remarks)
    if ctx.narrow:
        results_tools(st.container(horizontal=True, key="imc-opp-results-tools"), matches["opportunity_id"].tolist())
        return
    shown = set(matches["opportunity_id"]) - {linked_id} if view == "cards" else set()
    hidden = [card_key(oid, "results") for oid in all_ids if oid not in shown]
    hide_keyed(hidden if shown else [card_grid_key(RESULTS_GRID)])


def results_cards() -> None:
    """A laptop's result cards: every opportunity, in the table's order; the filters' style sheet hides the others."""
    with card_grid_container(RESULTS_GRID):
        for oid in all_ids:
            opportunity_card(oid, "results")


filters_and_results()
if not ctx.narrow:
    results_cards()
st.caption(t("opportunities.footnote", badge=provenance_tag("illustrative", lang)))

# ----------------------------------------------------------------------------- shortlist and compare
st.subheader(t("opportunities.shortlist") + (f" ({formatting.count(len(shortlist), lang)})" if shortlist else ""))
if refused:
    st.caption(t("opportunities.not_shortlistable", names=md(", ".join(names.get(i, i) for i in refused))))
if not shortlist:
    st.info(t("opportunities.shortlist_empty"), icon=":material/bookmark_border:")
else:
    card_grid(shortlist, "shortlist")
    downloads = st.container(horizontal=True, key="imc-opp-shortlist-downloads")
    download(
        downloads,
        "pdf",
        t("opportunities.download_pdf_shortlist"),
        lambda: shortlist_pdf(ds, shortlist, lang, enquiry_url=ENQUIRY_URL),
        f"imc_shortlist_{lang}.pdf",
        "pdf_shortlist",
    )
    download(
        downloads,
        "csv",
        t("opportunities.download_csv_shortlist"),
        lambda: to_csv_bytes(opportunity_table(ds, shortlist, lang)),
        f"imc_shortlist_{lang}.csv",
        "csv_shortlist",
    )

# ----------------------------------------------------------------------------- enquiry
st.subheader(t("opportunities.enquiry.title"), anchor=ENQUIRY_ANCHOR)
st.markdown(t("opportunities.enquiry.intro"))
# The form offers the shortlist; when the shortlist changes, the selection follows it. Streamlit forgets a
# widget's value once a run on another page leaves it out: coming back, the selection is seeded again.
if "enq_opportunity_ids" not in st.session_state or st.session_state.get("enq_for_shortlist") != shortlist:
    st.session_state["enq_opportunity_ids"] = list(shortlist or ([linked_id] if linked_id else []))
    st.session_state["enq_for_shortlist"] = list(shortlist)
# Offered: what an investor can still take up (what a card can be shortlisted for) and whatever is already chosen.
# A taken opportunity stays on its card and in the table, but an enquiry about it would go nowhere.
offered = [i for i in all_ids if i in can_add or i in st.session_state["enq_opportunity_ids"]]
enquiry_form(lang, {i: names.get(i, i) for i in offered})
