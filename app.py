"""Overview page (entry point): ``streamlit run app.py``."""

import streamlit as st

from dashboard import formatting
from dashboard.components import source_lines, sources_help
from dashboard.frame import page_setup
from dashboard.safe import md
from imc_data import queries

ctx = page_setup("overview")
ds, lang, t = ctx.dataset, ctx.lang, ctx.t

st.title(t("overview.title"))
st.markdown(t("overview.subtitle"))


def metric(column, label: str, value: str, figure: queries.Figure, names: dict[str, str] | None = None) -> None:
    """A KPI whose tooltip names its provenance, its sources and what was counted."""
    help_text = sources_help(ds, figure.source_ids, figure.provenance, lang)
    if figure.parts and names is not None:
        items = ", ".join(names.get(p, p) for p in figure.parts)
        help_text = t("overview.kpi.items", items=md(items)) + "\n\n" + help_text
    column.metric(label, value, help=help_text, border=True)


facilities = queries.names(ds, "facilities", lang)
operators = queries.names(ds, "operators", lang)
countries = queries.names(ds, "countries", lang)

site = queries.fact(ds, "site_area_ha")
floor = queries.fact(ds, "max_floor_area_m2")
members = queries.oecd_member_count(ds)
partners = queries.oecd_partner_countries(ds)
status = queries.facility_status_counts(ds)
signed = queries.operator_count(ds)

st.subheader(t("overview.kpis"))
row = st.columns(4)
metric(row[0], t("overview.kpi.site_area"), f"{formatting.number(site.value, lang)} {t('unit.ha')}", site)
metric(row[1], t("overview.kpi.floor_area"), f"{formatting.number(floor.value, lang)} {t('unit.m²')}", floor)
metric(row[2], t("overview.kpi.operators"), formatting.number(signed.value, lang), signed, operators)
metric(row[3], t("overview.kpi.oecd_partners"), formatting.number(partners.value, lang), partners, countries)
st.caption(t("overview.facilities_by_status"))
row = st.columns(4)
for column, name in zip(row, ("built", "under_construction", "planned", "announced"), strict=False):
    metric(column, t(f"overview.kpi.{name}"), formatting.number(status[name].value, lang), status[name], facilities)

st.subheader(t("overview.value_prop"))
st.markdown(
    t("overview.oecd_members", n=formatting.number(members.value, lang)),
    help=sources_help(ds, members.source_ids, members.provenance, lang),
)
props = queries.value_proposition(ds)
cols = st.columns(min(3, max(1, len(props))))
for i, (_, prov) in enumerate(props.iterrows()):
    with cols[i % len(cols)].container(border=True):
        st.markdown(f"**{md(prov[ctx.col('title')])}**")
        st.markdown(md(prov[ctx.col("text")]))
        cited = prov["article"]
        article = (
            t("overview.article", article=md(formatting.article(cited, lang))) + " · " if isinstance(cited, str) else ""
        )
        st.caption(article + " ".join(source_lines(ds, prov["source_ids"], lang)).lstrip("- "))

stages = queries.stage_spans(ds)
st.subheader(t("overview.stages", start=int(stages["start_year"].min()), end=int(stages["end_year"].max())))
cols = st.columns(len(stages))
for column, (_, stage) in zip(cols, stages.iterrows(), strict=False):
    with column.container(border=True):
        st.markdown(
            f"**{md(stage[ctx.col('name')])}** · {t('overview.stage_years', start=stage['start_year'], end=stage['end_year'])}"
        )
        st.markdown(md(stage[ctx.col("description")]))
        st.caption(t("overview.stage_facilities", n=stage["facilities"]))

st.subheader(t("overview.milestones"))
for _, ms in queries.key_milestones(ds).iterrows():
    when = formatting.date(ms["date"], lang, ms["date_precision"])
    planned = f" · _{t('overview.milestone_planned')}_" if ms["status"] != "actual" else ""
    st.markdown(f"- **{md(when)}** — {md(ms[ctx.col('title')])}{planned}")

used = [*site.source_ids, *floor.source_ids, *members.source_ids, *partners.source_ids]
for fig in (*status.values(), signed):
    used += list(fig.source_ids)
for ids in queries.key_milestones(ds)["source_ids"]:
    used += list(ids)
with st.expander(t("overview.sources_of_figures")):
    st.markdown("\n".join(source_lines(ds, dict.fromkeys(used), lang)))
