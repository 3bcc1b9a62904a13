"""Operators and partners: who they are, where from, OECD membership, agreements, facilities, status."""

import pandas as pd
import streamlit as st

from dashboard import formatting
from dashboard.components import source_lines, sources_help, sources_popover
from dashboard.figures.worldmap import country_roles, legend_html, operator_world_map
from dashboard.frame import kpi_row, page_setup
from dashboard.labels import label
from dashboard.safe import markdown_table, md
from dashboard.views.operators import oecd_since_label, operator_table, status_counts

ctx = page_setup("operators")
ds, lang, t = ctx.dataset, ctx.lang, ctx.t

st.title(t("operators.title"))
st.markdown(t("operators.subtitle"))

table = operator_table(ds, lang)
names = dict(zip(table["operator_id"], table["name"], strict=True)) if len(table) else {}

st.subheader(t("operators.kpis"))
counts = status_counts(ds)
if ctx.narrow:
    # A phone gets the counts as one line of text: metric cards arrive in two steps on a phone (drawn, then
    # sized by the frame's late CSS) and pushed the page down as they grew (layout shift 0.115).
    used = dict.fromkeys(
        sid for sids in ds["operators"]["source_ids"][ds["operators"]["status"].isin(counts)] for sid in sids
    )
    st.markdown(
        # "Label: n", as on the cards: a number before a status word reads wrongly in Russian ("2 Работает").
        # One status per line: a run-on line wrapped differently once the web font arrived and moved the page.
        "\n".join(
            f"- {md(t(f'ostatus.{s}'))}:\u00a0**{formatting.number(len(ids), lang)}**" for s, ids in counts.items()
        )
    )
    sources_popover(ds, used, lang, provenance="derived", key="operators-count-sources")
else:
    cols = kpi_row(len(counts), "operators")
    for col, (status, ids) in zip(cols, counts.items(), strict=True):
        rows = ds["operators"][ds["operators"]["operator_id"].isin(ids)]
        used = dict.fromkeys(sid for sids in rows["source_ids"] for sid in sids)
        help_text = t("operators.kpi.help_items", items=md(", ".join(names[i] for i in ids))) if ids else ""
        col.metric(
            t(f"ostatus.{status}"),
            formatting.number(len(ids), lang),
            help=help_text + "\n\n" + sources_help(ds, used, "derived", lang),
            border=True,
        )

st.subheader(t("operators.map.title"))
members = ds["countries"][ds["countries"]["oecd_member"].fillna(False).astype(bool)]
# A world map is unreadable 390 px wide: a phone is not sent it; the country table below says the same.
if not ctx.narrow:
    # A picture (an SVG image): no chart library to load, and it prints as shown. The tables below give each role.
    st.image(operator_world_map(ds, lang), alt=t("operators.map.title"))
    st.html(legend_html(lang))  # not Markdown: raw HTML there waits for extra code (rehype-raw, 188 KB)
    st.caption(
        t("operators.map.caption"),
        help=sources_help(ds, dict.fromkeys(s for ids in members["source_ids"] for s in ids), "sourced", lang),
    )

# The map as a table: readable without colour or hover.
roles = country_roles(ds["operators"], ds["countries"], lang)
with_ops = roles[roles["operators"].map(len) > 0]
country_rows = pd.DataFrame(
    {
        t("operators.col.country"): with_ops["name"],
        t("operators.col.oecd_since"): [
            oecd_since_label(m, y, lang)
            for m, y in zip(with_ops["oecd_member"], with_ops["accession_year"], strict=True)
        ],
        t("operators.col.operators"): with_ops["operators"].map(len),
    }
).sort_values(t("operators.col.operators"), ascending=False, kind="stable")
st.markdown(f"**{t('operators.countries.title')}**")
if ctx.narrow:
    # A phone gets a Markdown table: st.table's code arrives after the page is drawn, and the table then
    # grew from a 40 px placeholder to its height, pushing the operators list down (layout shift 0.045).
    st.markdown(markdown_table(country_rows))
else:
    # st.table draws cells as Markdown: data text goes through the one escaping rule (dashboard.safe.md).
    st.table(
        country_rows.map(lambda v: md(v) if isinstance(v, str) else v),
        hide_index=True,
        border="horizontal",
        width="content",
    )

st.subheader(t("operators.table.title"))
st.caption(t("operators.status_note", interest=label("operator_status", "interest_only", lang)))
shown = pd.DataFrame(
    {
        t("operators.col.name"): table["name"],
        t("operators.col.role"): table["role"].map(lambda r: t(f"operators.role.{r}")),
        t("operators.col.country"): table["country"],
        t("operators.col.oecd_since"): [
            oecd_since_label(m, y, lang) for m, y in zip(table["oecd_member"], table["oecd_since"], strict=True)
        ],
        t("operators.col.agreement"): [
            formatting.date(d, lang, p)
            for d, p in zip(table["agreement_date"], table["agreement_precision"], strict=True)
        ],
        t("operators.col.facility"): table["facilities"].replace("", "—"),
        t("operators.col.status"): table["status"].map(lambda s: t(f"ostatus.{s}")),
    }
)
# A phone gets the key columns as a list (the wide table would scroll sideways); the laptop gets the table.
# Only the one for this screen is sent (the frame's screen hint).
if ctx.narrow:
    st.markdown(
        "\n".join(
            f"- **{md(row['name'])}** — "
            + md(t("operators.list.line", country=row["country"], status=t(f"ostatus.{row['status']}")))
            for _, row in table.iterrows()
        )
    )
else:
    # A static table wraps long names and notes instead of cutting them or scrolling sideways.
    st.table(shown.map(lambda v: md(v) if isinstance(v, str) else v), hide_index=True, border="horizontal")


def sources_of_row(row) -> str:
    """One operator's sources as Markdown: name, as-of date, its note, one line per source."""
    as_of = t("operators.as_of", date=formatting.date(row["as_of"], lang, row["as_of_precision"]))
    note = f"\n\n{md(row['note'])}" if isinstance(row["note"], str) and row["note"].strip() else ""
    lines = "\n".join(source_lines(ds, row["source_ids"], lang))
    return f"**{md(row['name'])}** · {as_of}{note}\n\n{lines}"


with st.expander(t("operators.sources_by_row")):
    # One Markdown block, not one per operator: each block is parsed and laid out on its own in the browser.
    st.markdown("\n\n".join(sources_of_row(row) for _, row in table.iterrows()))
