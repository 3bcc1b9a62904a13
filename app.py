"""Overview page (entry point): ``streamlit run app.py``.

A one-screen pitch at 1440×900: what the IMC is and why it is special, four big numbers,
what is open to invest in, and whom to contact. Detail follows below the fold: the value
proposition, where the cluster stands, the two stages and the key milestones. Every
number comes from the tables; each section keeps its sources one click away.
"""

import streamlit as st

from dashboard import formatting
from dashboard.components import contact_cta, sources_popover
from dashboard.frame import card_row, cta, kpi_row, page_setup
from dashboard.safe import md
from imc_data import queries

ctx = page_setup("overview")
ds, lang, t = ctx.dataset, ctx.lang, ctx.t
params = {"lang": lang} if lang != "en" else None


def metric(
    column,
    label: str,
    value: str,
    figure: queries.KeyFigure,
    names: dict[str, str] | None = None,
    what: str | None = None,
) -> None:
    """A big number; its tooltip says what it counts and lists the items (the sources are in the row's popover)."""
    parts = []
    if what:
        parts.append(what)
    if figure.parts and names is not None:
        parts.append(t("overview.kpi.items", items=md(", ".join(names.get(p, p) for p in figure.parts))))
    column.metric(label, value, help="\n\n".join(parts) or None, border=True)


def sources_of(*figures: queries.KeyFigure) -> list[str]:
    return [s for fig in figures for s in fig.source_ids]


facilities = queries.names(ds, "facilities", lang)
operators = queries.names(ds, "operators", lang)
countries = queries.names(ds, "countries", lang)

site = queries.fact(ds, "site_area_ha")
floor = queries.fact(ds, "max_floor_area_m2")
members = queries.oecd_member_count(ds)
operating = queries.oecd_operating_partners(ds)  # OECD organisations behind a clinic that operates now
announced = queries.oecd_announced_partners(ds)  # agreement or memorandum only, nothing open yet
status = queries.facility_status_counts(ds)
overdue = queries.overdue_facilities(ds)
op_country = ds["operators"].set_index("operator_id")["country_iso3"].to_dict()
partner_names = {
    oid: t("overview.kpi.partner_item", name=name, country=countries.get(op_country.get(oid), ""))
    for oid, name in operators.items()
}
open_count = int((ds["opportunities"]["status"] == "open").sum())

# --- above the fold: the pitch ---------------------------------------------------------------------
st.title(t("overview.title"))
st.markdown(f"### {md(t('overview.pitch'))}")
st.markdown(t("overview.subtitle"))

row = kpi_row(4, "pitch")
metric(row[0], t("overview.kpi.site_area"), formatting.area_ha(site.value, lang), site)
metric(row[1], t("overview.kpi.floor_area"), formatting.floor_area(floor.value, lang), floor)
metric(row[2], t("overview.kpi.oecd_members"), formatting.count(members.value, lang), members)
metric(
    row[3], t("overview.kpi.built_pitch"), formatting.count(status["built"].value, lang), status["built"], facilities
)
sources_popover(ds, sources_of(site, floor, members, status["built"]), lang, key="sources_pitch")

open_card, contact_card = card_row(2, "next", gap="medium")
with open_card.container(border=True):
    st.markdown(f"**{md(t('overview.open.title'))}**")
    st.metric(t("overview.open.count"), formatting.count(open_count, lang))
    st.markdown(t("overview.open.text"))
    with cta("open"):
        st.page_link(
            "pages/3_opportunities.py",
            label=t("overview.open.cta"),
            icon=":material/arrow_forward:",
            query_params=params,
        )
with contact_card.container(border=True):
    contact_cta(ds, lang)

# --- below the fold: why, where it stands, when ----------------------------------------------------
st.divider()
st.subheader(t("overview.value_prop"))
props = queries.value_proposition(ds)
per_row = min(3, max(1, len(props)))
for i, (_, prov) in enumerate(props.iterrows()):
    if i % per_row == 0:  # one row of cards at a time, so the cards of a row share one height
        cols = card_row(per_row, f"why-{i // per_row}")
    with cols[i % per_row].container(border=True):
        st.markdown(f"**{md(prov[ctx.col('title')])}**")
        st.markdown(md(prov[ctx.col("text")]))
        cited = prov["article"]
        if isinstance(cited, str) and cited.strip():
            st.caption(t("overview.article", article=md(formatting.article(cited, lang))))
        sources_popover(ds, prov["source_ids"], lang, key=f"sources_why_{i}")

st.subheader(t("overview.where_it_stands"))
st.caption(t("overview.facilities_by_status"))
row = kpi_row(len(status), "status")
for column, name in zip(row, status, strict=True):
    metric(column, t(f"overview.kpi.{name}"), formatting.count(status[name].value, lang), status[name], facilities)
if overdue.parts:
    st.caption(
        t("overview.overdue", n=formatting.count(overdue.value, lang)),
        help=md(", ".join(facilities.get(p, p) for p in overdue.parts)),
    )
row = kpi_row(4, "partners")
for column, key, figure in ((row[0], "oecd_operating", operating), (row[1], "oecd_announced", announced)):
    value = formatting.count(figure.value, lang)
    metric(column, t(f"overview.kpi.{key}"), value, figure, partner_names, what=t(f"overview.kpi.{key}_help"))
sources_popover(ds, sources_of(*status.values(), operating, announced), lang, key="sources_status")

stages = queries.stage_spans(ds)
st.subheader(
    t(
        "overview.stages",
        start=formatting.year(stages["start_year"].min()),
        end=formatting.year(stages["end_year"].max()),
    )
)
cols = card_row(len(stages), "stages")
for column, (_, stage) in zip(cols, stages.iterrows(), strict=False):
    with column.container(border=True):
        years = t(
            "overview.stage_years", start=formatting.year(stage["start_year"]), end=formatting.year(stage["end_year"])
        )
        st.markdown(f"**{md(stage[ctx.col('name')])}** · {years}")
        st.markdown(md(stage[ctx.col("description")]))
        st.caption(t("overview.stage_facilities", n=formatting.count(stage["facilities"], lang)))
        sources_popover(ds, stage["source_ids"], lang, key=f"sources_stage_{stage['stage_id']}")

st.subheader(t("overview.milestones"))
milestones = queries.key_milestones(ds)
for _, ms in milestones.iterrows():
    when = formatting.date(ms["date"], lang, ms["date_precision"])
    planned = {
        "planned": f" · _{t('overview.milestone_planned')}_",
        "overdue": f" · _{t('overview.milestone_overdue')}_",
    }.get(ms["state"], "")
    st.markdown(f"- **{md(when)}** — {md(ms[ctx.col('title')])}{planned}")
sources_popover(ds, [s for ids in milestones["source_ids"] for s in ids], lang, key="sources_milestones")
