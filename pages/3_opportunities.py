"""Opportunities: filters, results with a map, shortlist and compare, downloads, enquiry form.

State lives in the address bar so a link reproduces the view: every filter is kept in a query
parameter, the shortlist is ``?shortlist=O01,O02`` and a plot card on the site map links here
with ``?opp=O05``.
"""

import streamlit as st

from dashboard import formatting
from dashboard.cache.queries import opportunity_frame
from dashboard.enquiry_form import enquiry_form
from dashboard.exports.opportunity_pdf import opportunity_pdf
from dashboard.exports.shortlist_pdf import shortlist_pdf
from dashboard.exports.spreadsheet import to_csv_bytes
from dashboard.figures.site_deck import build_site_deck
from dashboard.frame import page_setup
from dashboard.safe import md
from dashboard.url_widgets import both_languages, url_multiselect, widget_key
from dashboard.views.opportunity_table import format_totals, model_label, opportunity_table, status_label
from imc_data import dates, queries, schema
from imc_data import opportunities as opps

ctx = page_setup("opportunities", illustrative=True)
ds, lang, t = ctx.dataset, ctx.lang, ctx.t

frame = opportunity_frame(ds)
all_ids = frame["opportunity_id"].tolist()
by_id = frame.set_index("opportunity_id", drop=False)
stage_names = queries.names(ds, "stages", lang)
specialty_by_id = dict(zip(frame["opportunity_id"], frame[ctx.col("specialty")], strict=True))
stages = ds["stages"]
MAP_YEAR = min(max(dates.today().year, int(stages["start_year"].min())), int(stages["end_year"].max()))

st.title(t("opportunities.title"))
st.markdown(t("opportunities.intro"))
st.warning(t("opportunities.illustrative_note"), icon=":material/info:")

linked_id = opps.linked_opportunity(frame, st.query_params.get("opp"), st.query_params.get("plot"))
linked = [linked_id] if linked_id else []
shortlist = opps.parse_id_list(st.query_params.get("shortlist"), all_ids)


def set_shortlist(ids: list[str]) -> None:
    """Write the shortlist to the address bar (the single place it lives)."""
    if ids:
        st.query_params["shortlist"] = opps.format_id_list(ids)
    else:
        st.query_params.pop("shortlist", None)


# ----------------------------------------------------------------------------- filters
area_lo, area_hi = opps.bounds(frame, "area_ha")
floor_lo, floor_hi = opps.bounds(frame, "max_floor_area_m2")
year_lo, year_hi = (int(v) for v in opps.bounds(frame, "available_from"))
FLOOR_STEP = 1000
floor_lo = float(int(floor_lo // FLOOR_STEP) * FLOOR_STEP)
floor_hi = float(-int(-floor_hi // FLOOR_STEP) * FLOOR_STEP)
specialties = dict.fromkeys(zip(frame["specialty_en"], frame["specialty_ru"], strict=True))
CHOICES = {
    # URL parameter: code → (English, Russian) label; the address holds the codes.
    "stage": {row.stage_id: (row.name_en, row.name_ru) for row in stages.itertuples()},
    "specialty": {en: (en, ru) for en, ru in specialties},
    "status": both_languages(schema.OPPORTUNITY_STATUS, status_label),
    "model": both_languages(schema.INVESTMENT_MODELS, model_label),
}


def clear_filters() -> None:
    """Back to "everything" (each widget writes its new value to the address on the rerun)."""
    for param in CHOICES:
        st.session_state[widget_key(param, lang)] = []
    st.session_state["plot_area"] = (area_lo, area_hi)
    st.session_state["floor_area"] = (floor_lo, floor_hi)
    st.session_state["available_by"] = year_hi


def filter_panel() -> opps.Filters:
    """The filters in a panel a presenter can fold away; returns what they select."""
    with st.expander(t("opportunities.filters"), expanded=True, icon=":material/filter_alt:"):
        row = st.container(horizontal=True)
        chosen = {
            param: url_multiselect(row, param, t(f"opportunities.f.{param}"), choices, lang, t("opportunities.f.any"))
            for param, choices in CHOICES.items()
        }
        row = st.container(horizontal=True)
        plot_area = row.slider(
            t("opportunities.f.plot_area"),
            min_value=area_lo,
            max_value=max(area_hi, area_lo + 0.1),
            value=(area_lo, max(area_hi, area_lo + 0.1)),
            step=0.1,
            format="%.1f",
            key="plot_area",
            bind="query-params",
        )
        floor_area = row.slider(
            t("opportunities.f.floor_area"),
            min_value=floor_lo,
            max_value=max(floor_hi, floor_lo + FLOOR_STEP),
            value=(floor_lo, max(floor_hi, floor_lo + FLOOR_STEP)),
            step=float(FLOOR_STEP),
            format="%d",
            key="floor_area",
            bind="query-params",
        )
        available_by = row.slider(
            t("opportunities.f.available_by"),
            min_value=year_lo,
            max_value=max(year_hi, year_lo + 1),
            value=max(year_hi, year_lo + 1),
            step=1,
            key="available_by",
            bind="query-params",
        )
        st.button(t("opportunities.f.clear"), on_click=clear_filters, icon=":material/filter_alt_off:", type="tertiary")
    return opps.Filters(
        stages=tuple(chosen["stage"]),
        specialties=tuple(chosen["specialty"]),
        statuses=tuple(chosen["status"]),
        models=tuple(chosen["model"]),
        plot_area_ha=tuple(plot_area),
        floor_area_m2=tuple(floor_area),
        available_by=int(available_by),
    )


def linked_panel(match_ids: list[str]) -> None:
    """The opportunity a site-map card linked to, whether the filters hide it, and a button to shortlist it."""
    opp = by_id.loc[linked[0]]
    with st.container(border=True):
        st.markdown(
            ":material/place: "
            + t("opportunities.linked", id=md(opp["opportunity_id"]), specialty=md(opp[ctx.col("specialty")]))
        )
        st.caption(t("opportunities.status_basis", note=md(opp[ctx.col("note")])))
        if opp["opportunity_id"] not in match_ids:
            st.caption(t("opportunities.linked_hidden", id=md(opp["opportunity_id"])))
        if opp["opportunity_id"] not in shortlist and st.button(
            t("opportunities.linked_add", id=opp["opportunity_id"]),
            key="add_linked",
            icon=":material/bookmark_add:",
        ):
            set_shortlist(opps.add_to_shortlist(shortlist, [opp["opportunity_id"]]))
            st.rerun()


def summary_metrics(summary: opps.Summary) -> None:
    """How many match, and their plot and floor areas (one part per provenance, never summed together)."""
    row = st.columns(3)
    row[0].metric(t("opportunities.summary.count"), formatting.number(summary.count, lang), border=True)
    for column, label, totals, unit in (
        (row[1], "opportunities.summary.plot_area", summary.plot_area_ha, t("unit.ha")),
        (row[2], "opportunities.summary.floor_area", summary.floor_area_m2, t("unit.m²")),
    ):
        # One provenance: the figure stays short and a grey tag under it names the provenance
        # (a label would be cut off in a narrow column). Several: one labelled part each.
        if len(totals) == 1:
            value = f"{formatting.number(totals[0].value, lang)} {unit}"
            tag = t(f"provenance.{totals[0].provenance}")
        else:
            value, tag = format_totals(totals, lang, unit), None
        column.metric(
            t(label),
            value,
            delta=tag,
            delta_color="off",
            delta_arrow="off",
            help="\n\n".join(
                t("opportunities.summary.help", n=total.count, provenance=t(f"provenance.{total.provenance}"))
                for total in totals
            ),
            border=True,
        )


def results_table(matches) -> list[str]:
    """The matching opportunities, selectable; returns the ids of the ticked rows."""
    st.caption(t("opportunities.select_hint"))
    # The table takes the full width (it has many columns).
    event = st.dataframe(
        opportunity_table(ds, matches["opportunity_id"], lang),
        hide_index=True,
        on_select="rerun",
        selection_mode="multi-row",
        key="results",
        # Sources, as-of and plot provenance go to the CSV; on screen the key facts fit the width.
        column_order=[
            t(f"opportunities.col.{c}")
            for c in ("id", "specialty", "plot", "stage", "status", "available_from", "plot_area", "floor_area")
        ]
        + [t("opportunities.col.model"), t("opportunities.col.provenance")],
        column_config={
            t("opportunities.col.available_from"): st.column_config.NumberColumn(format="%d"),
            t("opportunities.col.plot_area"): st.column_config.NumberColumn(format="%.1f"),
            t("opportunities.col.floor_area"): st.column_config.NumberColumn(format="%d"),
        },
    )
    match_ids = matches["opportunity_id"].tolist()
    return [match_ids[r] for r in event.selection.rows if r < len(match_ids)]


@st.fragment
def filters_and_results() -> None:
    """Filters and what they select: a filter change reruns only this part of the page.

    Adding to the shortlist changes the address and reruns the whole page (``st.rerun()``).
    """
    filters = filter_panel()
    matches = opps.filter_opportunities(frame, filters)
    if linked:
        linked_panel(matches["opportunity_id"].tolist())
    st.subheader(t("opportunities.results"))
    if matches.empty:
        st.info(t("opportunities.empty", n=len(frame)), icon=":material/search_off:")
        return
    summary_metrics(opps.summarise(matches))
    picked = results_table(matches)
    # The actions on the ticked rows sit in one row under the table, the map of the matches under them.
    actions = st.container(horizontal=True)
    if actions.button(
        t("opportunities.add_selected"),
        disabled=not picked,
        icon=":material/bookmark_add:",
        key="add_selected",
    ):
        set_shortlist(opps.add_to_shortlist(shortlist, picked))
        st.rerun()
    actions.download_button(
        t("opportunities.download_csv_filtered"),
        # Built on click, not on every rerun (the table is needed for the file only).
        data=lambda: to_csv_bytes(opportunity_table(ds, matches["opportunity_id"], lang)),
        file_name=f"imc_opportunities_{lang}.csv",
        mime="text/csv",
        icon=":material/download:",
        on_click="ignore",
        key="csv_filtered",
    )
    st.pydeck_chart(
        build_site_deck(
            ds,
            lang,
            MAP_YEAR,
            selected=by_id.loc[linked[0], "plot_id"] if linked else None,
            highlight=list(dict.fromkeys(matches["plot_id"])),
        ),
        height=420,
        key="opp_map",
    )
    st.caption(t("opportunities.map_caption"))


st.caption(":material/link: " + t("opportunities.share"))  # static: outside the fragment's reruns
filters_and_results()

# ----------------------------------------------------------------------------- shortlist and compare
st.subheader(t("opportunities.shortlist"))
if not shortlist:
    st.info(t("opportunities.shortlist_empty"), icon=":material/bookmark_border:")
else:
    compared = shortlist[: opps.MAX_COMPARE]
    if len(shortlist) > opps.MAX_COMPARE:
        st.caption(t("opportunities.compare_more", max=opps.MAX_COMPARE, n=len(shortlist)))
    st.markdown(f"**{t('opportunities.compare')}**")
    cols = st.columns(opps.MAX_COMPARE)
    provisions = queries.names(ds, "legal_provisions", lang, field="title")
    ill = t("provenance.illustrative")
    for column, oid in zip(cols, compared, strict=False):
        opp = by_id.loc[oid]
        with column.container(border=True):
            st.markdown(f"**{md(oid)} · {md(opp[ctx.col('specialty')])}**")
            st.markdown(
                "\n".join(
                    [
                        f"- {t('opportunities.col.plot')}: {md(opp['plot_id'])}, "
                        f"{md(stage_names.get(opp['stage_id'], opp['stage_id']))}",
                        f"- {t('opportunities.col.status')}: {md(status_label(opp['status'], lang))}",
                        f"- {t('opportunities.col.plot_area')}: {formatting.number(opp['area_ha'], lang)} "
                        f"_({t('provenance.' + opp['plot_provenance'])})_",
                        f"- {t('opportunities.col.floor_area')}: "
                        f"{formatting.number(opp['max_floor_area_m2'], lang)} _({ill})_",
                        f"- {t('opportunities.col.model')}: {md(model_label(opp['investment_model'], lang))} _({ill})_",
                        f"- {t('opportunities.col.available_from')}: {opp['available_from']} _({ill})_",
                    ]
                )
            )
            st.caption(
                f"{t('opportunities.col.benefits')}: " + "; ".join(md(provisions.get(b, b)) for b in opp["benefit_ids"])
            )
            st.download_button(
                t("opportunities.download_pdf", id=oid),
                data=lambda oid=oid: opportunity_pdf(ds, oid, lang),
                file_name=f"imc_{oid}_{lang}.pdf",
                mime="application/pdf",
                icon=":material/picture_as_pdf:",
                on_click="ignore",
                key=f"pdf_{oid}",
            )
    for column, oid in zip(st.columns(max(len(shortlist), 1) + 2)[: len(shortlist)], shortlist, strict=False):
        if column.button(t("opportunities.remove", id=oid), key=f"remove_{oid}", icon=":material/close:"):
            set_shortlist(opps.remove_from_shortlist(shortlist, [oid]))
            st.rerun()
    row = st.columns(2)
    row[0].download_button(
        t("opportunities.download_csv_shortlist"),
        data=lambda: to_csv_bytes(opportunity_table(ds, shortlist, lang)),
        file_name=f"imc_shortlist_{lang}.csv",
        mime="text/csv",
        icon=":material/download:",
        on_click="ignore",
        key="csv_shortlist",
    )
    row[1].download_button(
        t("opportunities.download_pdf_shortlist"),
        data=lambda: shortlist_pdf(ds, shortlist, lang),
        file_name=f"imc_shortlist_{lang}.pdf",
        mime="application/pdf",
        icon=":material/picture_as_pdf:",
        on_click="ignore",
        key="pdf_shortlist",
    )

# ----------------------------------------------------------------------------- enquiry
st.subheader(t("opportunities.enquiry.title"))
st.markdown(t("opportunities.enquiry.intro"))
# The form offers the shortlist; when the shortlist changes, the selection follows it.
if st.session_state.get("enq_for_shortlist") != shortlist:
    st.session_state["enq_opportunity_ids"] = list(shortlist or linked)
    st.session_state["enq_for_shortlist"] = list(shortlist)
enquiry_form(lang, {i: f"{i} · {specialty_by_id[i]}" for i in all_ids})
