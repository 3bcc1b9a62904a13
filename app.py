"""Overview page (entry point): ``streamlit run app.py``.

A one-screen pitch at 1440×900: what the IMC is and why it is special, four big numbers, a
picture of where it is, what is open to invest in, and whom to contact. Detail follows below
the fold: what 160-FZ gives an operator, where the cluster stands, the two stages and the key
milestones. Every number comes from the tables; each section keeps its sources one click away.
"""

import streamlit as st

from dashboard import formatting
from dashboard.components import contact_cta, provenance_tag, sources_popover, status_tag
from dashboard.figures import locator
from dashboard.frame import card_row, cta, kpi_row, page_setup, wide_only
from dashboard.labels import count_provenance
from dashboard.nav import lang_query
from dashboard.safe import md
from dashboard.views.overview import distance_items, distance_provenance
from imc_data import queries

ctx = page_setup("overview")
ds, lang, t = ctx.dataset, ctx.lang, ctx.t
params = lang_query(lang)

facilities = queries.names(ds, "facilities", lang)
operators = queries.names(ds, "operators", lang)
countries = queries.names(ds, "countries", lang)
op_country = ds["operators"].set_index("operator_id")["country_iso3"].to_dict()
partner_names = {
    oid: t("overview.kpi.partner_item", name=name, country=countries.get(op_country.get(oid), ""))
    for oid, name in operators.items()
}


# A grey line under a big number that adds context (not a change): no arrow, no red or green.
QUIET_DELTA = {"delta_color": "off", "delta_arrow": "off", "border": True}


def metric(
    column,
    label: str,
    figure: queries.KeyFigure,
    names: dict[str, str] | None = None,
    what: str | None = None,
    delta: str | None = None,
) -> None:
    """A big number; its tooltip says what it counts and lists the items (the sources are in the row's popover)."""
    parts = [what] if what else []
    if figure.parts and names is not None:
        parts.append(t("overview.kpi.items", items=md(", ".join(names.get(p, p) for p in figure.parts))))
    help_text = "\n\n".join(parts) or None
    column.metric(label, formatting.count(figure.value, lang), delta=delta, help=help_text, **QUIET_DELTA)


def sources_of(*figures: queries.KeyFigure) -> list[str]:
    return [s for fig in figures for s in fig.source_ids]


def pitch() -> None:
    """Headline, what the IMC is (its size from the tables) and the four numbers an investor remembers."""
    site = queries.fact(ds, "site_area_ha")
    floor = queries.fact(ds, "max_floor_area_m2")
    members = queries.oecd_member_count(ds)
    status = queries.facility_status_counts(ds)
    built, building = status["built"], status["under_construction"]
    operating = queries.oecd_operating_partners(ds)
    announced = queries.oecd_announced_partners(ds)
    st.title(t("overview.title"))
    st.markdown(f"### {md(t('overview.pitch'))}")
    st.markdown(t("overview.subtitle", area=formatting.area_ha(site.value, lang)))
    row = kpi_row(4, "pitch")
    row[0].metric(
        t("overview.kpi.site_area"),
        formatting.area_ha(site.value, lang),
        delta=t("overview.kpi.floor_area_note", floor=formatting.floor_area(floor.value, lang)),
        **QUIET_DELTA,
    )
    metric(row[1], t("overview.kpi.oecd_members"), members)
    metric(
        row[2],
        t("overview.kpi.built_pitch"),
        built,
        facilities,
        what=t("overview.kpi.built_help"),
        delta=t("overview.kpi.building_note", n=formatting.count(building.value, lang)),
    )
    metric(
        row[3],
        t("overview.kpi.oecd_operating"),
        operating,
        partner_names,
        what=t("overview.kpi.oecd_operating_help"),
        delta=t("overview.kpi.signed_note", n=formatting.count(announced.value, lang)),
    )
    figures = (site, floor, members, built, building, operating, announced)
    sources_popover(ds, sources_of(*figures), lang, key="sources_pitch")


def where_card(column) -> None:
    """The locator inset (laptop only: a phone is not sent the map) and the distances as one line of text."""
    places = locator.located_places(ds)
    with column.container(border=True):
        st.markdown(f"**{md(t('overview.where.title'))}**")
        with wide_only("locator"):
            if not ctx.narrow:
                st.markdown(locator.locator_figure(ds, lang, "inset", t("locator.alt")), unsafe_allow_html=True)
        items = distance_items(places, lang)
        if items:
            line = " · ".join(f"**{md(name)}**\u00a0{md(distance)}" for name, distance in items)
            tag = provenance_tag(distance_provenance(places), lang)
            st.markdown(f"{line} {tag}" if tag else line, help=t("overview.where.help"))
        # One wrapping row, each part as wide as its words (two equal columns broke "Карта территории" in two).
        with st.container(horizontal=True, vertical_alignment="center", gap="medium"):
            st.page_link(
                "pages/1_site_map.py", label=t("overview.where.cta"), icon=":material/map:", query_params=params
            )
            sources_popover(ds, locator.source_ids(places, locator.load_geometry()), lang, key="sources_where")


def open_card(column) -> None:
    """How many opportunities are open, and the way to them."""
    with column.container(border=True):
        st.markdown(f"**{md(t('overview.open.title'))}**")
        opened = queries.open_opportunities(ds)
        st.metric(t("overview.open.count"), formatting.count(int(opened.value), lang))
        tag = provenance_tag(count_provenance(opened.provenance), lang)
        if tag:
            st.markdown(tag, help=t("overview.open.provenance_help"))
        st.markdown(t("overview.open.text"))
        with cta("open"):
            st.page_link(
                "pages/3_opportunities.py",
                label=t("overview.open.cta"),
                icon=":material/arrow_forward:",
                query_params=params,
            )


def next_steps() -> None:
    """Where it is, what is open, whom to contact: one row of equal cards (stacked on a phone)."""
    # The map's card is the widest: the inset is fitted to a 300 px view and must not be cut.
    where, opened, contact = card_row([1.3, 1, 1], "next", gap="medium")
    where_card(where)
    open_card(opened)
    with contact.container(border=True):
        contact_cta(ds, lang, compact=True)


def why_imc() -> None:
    """What 160-FZ gives an operator: one card per provision flagged as the value proposition."""
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


def where_it_stands() -> None:
    """Facilities by status, then the OECD partners and the plans whose date passed unconfirmed."""
    status = queries.facility_status_counts(ds)
    overdue = queries.overdue_facilities(ds)
    operating = queries.oecd_operating_partners(ds)
    announced = queries.oecd_announced_partners(ds)
    st.subheader(t("overview.where_it_stands"))
    st.caption(t("overview.facilities_by_status"))
    row = kpi_row(len(status), "status")
    for column, name in zip(row, status, strict=True):
        metric(column, t(f"overview.kpi.{name}"), status[name], facilities, what=t(f"overview.kpi.{name}_help"))
    row = kpi_row(3, "partners")
    metric(row[0], t("overview.kpi.oecd_operating"), operating, partner_names, t("overview.kpi.oecd_operating_help"))
    metric(row[1], t("overview.kpi.oecd_announced"), announced, partner_names, t("overview.kpi.oecd_announced_help"))
    metric(row[2], t("overview.kpi.overdue"), overdue, facilities, what=t("overview.kpi.overdue_help"))
    sources_popover(ds, sources_of(*status.values(), operating, announced, overdue), lang, key="sources_status")


def two_stages() -> None:
    """The two stages with their years, what each holds and how many facilities the data place in it."""
    stages = queries.stage_spans(ds)
    start, end = formatting.year(stages["start_year"].min()), formatting.year(stages["end_year"].max())
    st.subheader(t("overview.stages", start=start, end=end))
    cols = card_row(len(stages), "stages")
    for column, (_, stage) in zip(cols, stages.iterrows(), strict=False):
        with column.container(border=True):
            years = t(
                "overview.stage_years",
                start=formatting.year(stage["start_year"]),
                end=formatting.year(stage["end_year"]),
            )
            st.markdown(f"**{md(stage[ctx.col('name')])}** · {years}")
            st.markdown(md(stage[ctx.col("description")]))
            st.caption(t("overview.stage_facilities", n=formatting.count(stage["facilities"], lang)))
            sources_popover(ds, stage["source_ids"], lang, key=f"sources_stage_{stage['stage_id']}")


def key_milestones() -> None:
    """Dated milestones; a plan whose date passed with no confirmation is marked overdue, never upcoming."""
    st.subheader(t("overview.milestones"))
    milestones = queries.key_milestones(ds)
    lines = []
    for _, ms in milestones.iterrows():
        when = formatting.date(ms["date"], lang, ms["date_precision"])
        state = f" {status_tag('milestone_status', ms['state'], lang)}" if ms["state"] in ("planned", "overdue") else ""
        lines.append(f"- **{md(when)}** — {md(ms[ctx.col('title')])}{state}")
    st.markdown("\n".join(lines))
    sources_popover(ds, [s for ids in milestones["source_ids"] for s in ids], lang, key="sources_milestones")


def more_on_a_phone() -> None:
    """On a phone the detail sections give way to links to the pages that hold them (the pitch stays short)."""
    st.subheader(t("overview.more"))
    for page, key, icon in (
        ("pages/5_legal_regime.py", "overview.more.legal", ":material/gavel:"),
        ("pages/2_timeline.py", "overview.more.timeline", ":material/timeline:"),
        ("pages/4_operators.py", "overview.more.operators", ":material/public:"),
    ):
        st.page_link(page, label=t(key), icon=icon, query_params=params)


# --- above the fold: the pitch and the next steps --------------------------------------------------
pitch()
next_steps()
# --- below the fold: why, where it stands, when (a phone gets links to the pages instead) ---------
# Only the variant for this screen is sent (the frame's screen hint): hidden by CSS, the detail still
# cost a phone's browser the building of every card, number and popover.
if ctx.narrow:
    more_on_a_phone()
else:
    st.divider()
    why_imc()
    where_it_stands()
    two_stages()
    key_milestones()
