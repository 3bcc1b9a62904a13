"""Why IMC: the 160-FZ legal regime, provisions by plot use, incentives, context and risks."""

import pandas as pd
import streamlit as st

from dashboard import formatting
from dashboard.components import provenance_badge, sources_popover, sources_text, text_table
from dashboard.frame import card_row, page_setup
from dashboard.safe import md
from dashboard.views.legal_regime import (
    LEGAL_SECTIONS,
    context_milestones,
    incentive_groups,
    provision_sections,
    use_list,
    use_matrix,
)
from dashboard.views.opportunity_card import caption

ctx = page_setup("legal_regime")
ds, lang, t = ctx.dataset, ctx.lang, ctx.t

st.title(t("legal_regime.title"))
st.markdown(t("legal_regime.subtitle"))


def sources_marker(source_ids, key: str, as_of=None, precision: str | None = None) -> None:
    """The item's sources one click away; the popover also says how recent the item's sources are.

    Its content is built when it is opened (a rerun): a closed popover's list was still built by the browser,
    once per card of the open tab.
    """
    note = (
        t("legal_regime.as_of", date=formatting.date(as_of, lang, precision))
        if as_of is not None and pd.notna(as_of)
        else None
    )
    marker, text = sources_text(ds, source_ids, lang, note=note)
    if marker:
        popover = st.popover(marker, icon=":material/menu_book:", type="tertiary", key=key, on_change="rerun")
        if popover.open is not False:  # None where it keeps no state
            popover.markdown(text)


def provision_card(row: pd.Series) -> None:
    """A provision: title, plain-language text and the article where a source gives it (one block), its sources."""
    with st.container(border=True):
        article = row["article"]
        parts = [f"**{md(row[ctx.col('title')])}**", md(row[ctx.col("text")])]
        if isinstance(article, str) and article.strip():
            parts.append(caption(t("legal_regime.article", article=md(formatting.article(article, ctx.lang)))))
        st.markdown("\n\n".join(parts))
        sources_marker(row["source_ids"], f"sources_{row['provision_id']}", row["as_of"], row["as_of_precision"])


def provision_grid(frame: pd.DataFrame, name: str, columns: int = 3) -> None:
    """Provision cards in rows of ``columns``; the cards of a row share one height (stacked on a phone)."""
    for start in range(0, len(frame), columns):
        cols = card_row(columns, f"legal-{name}-{start // columns}")
        for col, (_, row) in zip(cols, frame.iloc[start : start + columns].iterrows(), strict=False):
            with col:
                provision_card(row)


APPLIES_COLOUR = {"yes": "green", "not_established": "orange", "no": "red"}


def provisions_tab(sections: dict) -> None:
    st.subheader(t("legal_regime.law"))
    provision_grid(sections["law"], "law", columns=2)
    st.subheader(t("legal_regime.benefits"))
    provision_grid(sections["benefit"], "benefit")
    if len(sections["condition"]):
        st.subheader(t("legal_regime.conditions"))
        provision_grid(sections["condition"], "condition", columns=2)
    if len(sections["unassigned"]):
        st.subheader(t("legal_regime.unassigned"))
        provision_grid(sections["unassigned"], "unassigned")


def uses_tab(sections: dict) -> None:
    st.subheader(t("legal_regime.matrix.title"))
    provenance_badge("derived", lang)
    st.caption(t("legal_regime.matrix.caption"))
    if ctx.narrow:  # a phone reads the matrix along its rows: the table was five screens wide
        for item in use_list(ds, lang):
            with st.container(border=True):
                # The mark says what kind it is (a benefit, a condition, a risk), as in the laptop's matrix.
                matters = t("legal_regime.matrix.matters_for", uses=md(item["uses"]))
                st.markdown(f"{item['mark']} **{md(item['title'])}**  \n{matters}")
                st.caption(md(item["reason"]))
    else:
        text_table(use_matrix(ds, lang))  # every row and column in view, long titles wrapped
    uses = ds["provision_uses"]
    used = [sid for ids in uses["source_ids"] for sid in ids]
    sources_popover(ds, used, lang, key="sources_uses")


def incentives_tab(sections: dict) -> None:
    st.subheader(t("legal_regime.incentives"))
    st.caption(t("legal_regime.incentives_caption"))
    for answer, rows in incentive_groups(ds).items():
        for _, inc in rows.iterrows():
            with st.container(border=True):
                head, badge = st.columns([3, 2], vertical_alignment="center")
                head.markdown(f"**{md(inc[ctx.col('name')])}**")
                with badge:
                    # Colour and word together, never colour alone.
                    st.badge(
                        t("legal_regime.applies", answer=t(f"legal_regime.applies.{answer}")),
                        color=APPLIES_COLOUR[answer],
                    )
                st.markdown(
                    f"{t('legal_regime.conditions_label')}: {md(inc[ctx.col('conditions')])}  \n"
                    f"{t('legal_regime.gives_label')}: {md(inc[ctx.col('value')])}"
                )
                sources_marker(
                    inc["source_ids"], f"sources_{inc['incentive_id']}", inc["as_of"], inc["as_of_precision"]
                )


def risks_tab(sections: dict) -> None:
    st.subheader(t("legal_regime.risks"))
    st.caption(t("legal_regime.risks_caption"))
    for _, ms in context_milestones(ds).iterrows():
        with st.container(border=True):
            when = formatting.date(ms["date"], lang, ms["date_precision"])
            st.markdown(f"**{md(when)}** — {md(ms[ctx.col('title')])}")
            sources_marker(ms["source_ids"], f"sources_{ms['milestone_id']}")
    for _, row in sections["risk"].iterrows():
        provision_card(row)


sections = provision_sections(ds)
labels = {key: t(f"legal_regime.{'tab_phone' if ctx.narrow else 'tab'}.{key}") for key in LEGAL_SECTIONS}
# ?section=risks (e.g. from a presenter scene) opens that tab first; unknown values are ignored.
opening = st.query_params.get("section")
# Only the open tab is built; a tab click reruns the page. Built all at once, the four tabs' cards were
# most of what a phone's browser had to draw. One widget per language, as its labels are.
tabs = st.tabs(
    list(labels.values()),
    default=labels.get(opening, labels[LEGAL_SECTIONS[0]]),
    key=f"legal_tabs_{lang}_{'phone' if ctx.narrow else 'wide'}",
    on_change="rerun",
)
DRAW = {"provisions": provisions_tab, "uses": uses_tab, "incentives": incentives_tab, "risks": risks_tab}
for name, container in zip(LEGAL_SECTIONS, tabs, strict=True):
    if container.open is not False:  # None where tabs keep no state (AppTest): every tab is built
        with container:
            DRAW[name](sections)
