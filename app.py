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


def metric(
    column,
    label: str,
    value: str,
    figure: queries.KeyFigure,
    names: dict[str, str] | None = None,
    what: str | None = None,
) -> None:
    """A KPI whose tooltip says what it counts, names its provenance, its sources and the items counted."""
    help_text = sources_help(ds, figure.source_ids, figure.provenance, lang)
    if figure.parts and names is not None:
        items = ", ".join(names.get(p, p) for p in figure.parts)
        help_text = t("overview.kpi.items", items=md(items)) + "\n\n" + help_text
    if what:
        help_text = what + "\n\n" + help_text
    column.metric(label, value, help=help_text, border=True)


facilities = ds["facilities"].set_index("facility_id")[ctx.col("name")].to_dict()
operators = ds["operators"].set_index("operator_id")[ctx.col("name")].to_dict()
countries = ds["countries"].set_index("iso3")[ctx.col("name")].to_dict()

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

st.subheader(t("overview.kpis"))
row = st.columns(4)
metric(row[0], t("overview.kpi.site_area"), f"{formatting.number(site.value, lang)} {t('unit.ha')}", site)
metric(row[1], t("overview.kpi.floor_area"), f"{formatting.number(floor.value, lang)} {t('unit.m²')}", floor)
for column, key, figure in ((row[2], "oecd_operating", operating), (row[3], "oecd_announced", announced)):
    value = formatting.number(figure.value, lang)
    metric(column, t(f"overview.kpi.{key}"), value, figure, partner_names, what=t(f"overview.kpi.{key}_help"))
st.caption(t("overview.facilities_by_status"))
row = st.columns(len(status))
for column, name in zip(row, status, strict=True):
    metric(column, t(f"overview.kpi.{name}"), formatting.number(status[name].value, lang), status[name], facilities)
if overdue.parts:
    st.caption(
        t("overview.overdue", n=formatting.number(overdue.value, lang)),
        help=md(", ".join(facilities.get(p, p) for p in overdue.parts)),
    )

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
    planned = {
        "planned": f" · _{t('overview.milestone_planned')}_",
        "overdue": f" · _{t('overview.milestone_overdue')}_",
    }
    planned = planned.get(ms["state"], "")
    st.markdown(f"- **{md(when)}** — {md(ms[ctx.col('title')])}{planned}")

used = [*site.source_ids, *floor.source_ids, *members.source_ids]
for fig in (*status.values(), operating, announced):
    used += list(fig.source_ids)
for ids in queries.key_milestones(ds)["source_ids"]:
    used += list(ids)
with st.expander(t("overview.sources_of_figures")):
    st.markdown("\n".join(source_lines(ds, dict.fromkeys(used), lang)))
