"""Opportunities: filters, results with a map, shortlist and compare, downloads, enquiry form.

State lives in the address bar so a link reproduces the view: every filter is a widget bound
to a query parameter, the shortlist is ``?shortlist=O01,O02`` and a plot card on the site map
links here with ``?opp=O05``.
"""


import streamlit as st

from dashboard import cached, exports, formatting
from dashboard.enquiry_form import enquiry_form
from dashboard.frame import page_setup
from dashboard.i18n import translate
from dashboard.safe import md
from imc_data import dates, schema
from imc_data import opportunities as opps

ctx = page_setup("opportunities", illustrative=True)
ds, lang, t = ctx.dataset, ctx.lang, ctx.t

frame = cached.opportunity_frame(ds)
all_ids = frame["opportunity_id"].tolist()
by_id = frame.set_index("opportunity_id", drop=False)
stage_names = ds["stages"].set_index("stage_id")[ctx.col("name")].to_dict()
specialty_names = dict(zip(frame["specialty_en"], frame[ctx.col("specialty")], strict=False))
specialty_by_id = dict(zip(frame["opportunity_id"], frame[ctx.col("specialty")], strict=True))

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


def clear_filters() -> None:
    """Back to "everything" (bound widgets are reset through session state, which updates the URL)."""
    for key in ("stage", "specialty", "status", "model"):
        st.session_state[key] = []
    st.session_state["plot_area"] = (area_lo, area_hi)
    st.session_state["floor_area"] = (floor_lo, floor_hi)
    st.session_state["available_by"] = year_hi


def both_languages(code_to_key: dict[str, str]) -> dict[str, tuple[str, str]]:
    """``{code: (english label, russian label)}`` for interface-text keys."""
    return {code: (translate(key, "en"), translate(key, "ru")) for code, key in code_to_key.items()}


CHOICE_LABELS = {
    "stage": {row.stage_id: (row.name_en, row.name_ru) for row in ds["stages"].itertuples()},
    "specialty": {row.specialty_en: (row.specialty_en, row.specialty_ru) for row in frame.itertuples()},
    "status": both_languages({s: f"opportunities.status.{s}" for s in schema.OPPORTUNITY_STATUS}),
    "model": both_languages({m: f"opportunities.model.{m}" for m in schema.INVESTMENT_MODELS}),
}
for key, labels in CHOICE_LABELS.items():
    # Streamlit restores a bound multiselect only from labels of the current language; a link
    # made in the other language, or written with codes (?stage=S2), is decoded here instead.
    raw = st.query_params.get_all(key)
    current = {pair[0 if lang == "en" else 1] for pair in labels.values()}
    if raw and not all(value in current for value in raw):
        codes = opps.decode_choices(raw, labels)
        if codes:
            st.session_state[key] = codes


@st.fragment
def filters_and_results() -> None:
    """Filters and what they select: a filter change reruns only this part of the page.

    Adding to the shortlist changes the address and reruns the whole page (``st.rerun()``).
    """
    # A labelled panel a presenter can fold away. Rows are horizontal containers, not st.columns:
    # one block to send instead of one per cell plus one; each message of a filter change's run
    # costs the server ~0.3 ms (bench/PROFILE.md).
    with st.expander(t("opportunities.filters"), expanded=True, icon=":material/filter_alt:"):
        row = st.container(horizontal=True)
        stages = row.multiselect(
            t("opportunities.f.stage"),
            list(stage_names),
            format_func=lambda s: stage_names.get(s, s),
            placeholder=t("opportunities.f.any"),
            key="stage",
            bind="query-params",
        )
        specialties = row.multiselect(
            t("opportunities.f.specialty"),
            list(dict.fromkeys(frame["specialty_en"])),
            format_func=lambda s: specialty_names.get(s, s),
            placeholder=t("opportunities.f.any"),
            key="specialty",
            bind="query-params",
        )
        statuses = row.multiselect(
            t("opportunities.f.status"),
            list(schema.OPPORTUNITY_STATUS),
            format_func=lambda s: exports.status_label(s, lang),
            placeholder=t("opportunities.f.any"),
            key="status",
            bind="query-params",
        )
        models = row.multiselect(
            t("opportunities.f.model"),
            list(schema.INVESTMENT_MODELS),
            format_func=lambda m: exports.model_label(m, lang),
            placeholder=t("opportunities.f.any"),
            key="model",
            bind="query-params",
        )
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

    filters = opps.Filters(
        stages=tuple(stages),
        specialties=tuple(specialties),
        statuses=tuple(statuses),
        models=tuple(models),
        plot_area_ha=tuple(plot_area),
        floor_area_m2=tuple(floor_area),
        available_by=int(available_by),
    )
    matches, summary = cached.opportunity_results(ds, filters)
    match_ids = matches["opportunity_id"].tolist()

    # ----------------------------------------------------------------------------- linked from the site map
    if linked:
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

    # ----------------------------------------------------------------------------- results
    st.subheader(t("opportunities.results"))
    if matches.empty:
        st.info(t("opportunities.empty", n=len(frame)), icon=":material/search_off:")
    else:
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
                value, tag = exports.format_totals(totals, lang, unit), None
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

        st.caption(t("opportunities.select_hint"))
        # The table takes the full width (it has many columns).
        event = st.dataframe(
            cached.opportunity_arrow(ds, matches, lang),  # the same rows, already in Arrow
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
        picked = [match_ids[r] for r in event.selection.rows if r < len(match_ids)]
        # The actions on the ticked rows sit in one row under the table, the map of the matches
        # under them at the table's width.
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
            data=lambda: exports.to_csv_bytes(cached.opportunity_table(ds, matches, lang)),
            file_name=f"imc_opportunities_{lang}.csv",
            mime="text/csv",
            icon=":material/download:",
            on_click="ignore",
            key="csv_filtered",
        )
        highlight = list(dict.fromkeys(matches["plot_id"]))
        selected_plot = by_id.loc[linked[0], "plot_id"] if linked else None
        year = min(max(dates.today().year, 2016), 2035)
        st.pydeck_chart(
            cached.site_deck(ds, lang, year, selected=selected_plot, highlight=highlight),
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
    provisions = ds["legal_provisions"].set_index("provision_id")[ctx.col("title")].to_dict()
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
                        f"- {t('opportunities.col.status')}: {md(exports.status_label(opp['status'], lang))}",
                        f"- {t('opportunities.col.plot_area')}: {formatting.number(opp['area_ha'], lang)} "
                        f"_({t('provenance.' + opp['plot_provenance'])})_",
                        f"- {t('opportunities.col.floor_area')}: "
                        f"{formatting.number(opp['max_floor_area_m2'], lang)} _({ill})_",
                        f"- {t('opportunities.col.model')}: {md(exports.model_label(opp['investment_model'], lang))} "
                        f"_({ill})_",
                        f"- {t('opportunities.col.available_from')}: {opp['available_from']} _({ill})_",
                    ]
                )
            )
            st.caption(
                f"{t('opportunities.col.benefits')}: " + "; ".join(md(provisions.get(b, b)) for b in opp["benefit_ids"])
            )
            st.download_button(
                t("opportunities.download_pdf", id=oid),
                data=lambda oid=oid: exports.opportunity_pdf(ds, oid, lang),
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
        data=lambda: exports.to_csv_bytes(exports.table_frame(ds, by_id.loc[shortlist].reset_index(drop=True), lang)),
        file_name=f"imc_shortlist_{lang}.csv",
        mime="text/csv",
        icon=":material/download:",
        on_click="ignore",
        key="csv_shortlist",
    )
    row[1].download_button(
        t("opportunities.download_pdf_shortlist"),
        data=lambda: exports.shortlist_pdf(ds, shortlist, lang),
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
