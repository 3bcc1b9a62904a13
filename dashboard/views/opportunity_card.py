"""An opportunity card's text as ONE Markdown block (name, status, reference, pitch, key facts, why) and
its benefits and sources behind ONE disclosure ("Benefits (6) · Sources (4)") that opens in place.

A page of cards is re-drawn on every filter change, and each Streamlit element costs the browser
work (React, styles, Markdown parsing); two popovers per card were most of it, closed or not. One
block per card keeps a filter change and a phone's first load light. The block holds no HTML: Streamlit
draws a Markdown block that allows HTML as a placeholder until its HTML plugin has loaded, so cards
with HTML disclosures arrived late and moved a phone's first screen. The grey small lines read as
Streamlit's captions (``:gray[:small[…]]``). Every text from the data is escaped. Pure functions; no Streamlit.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from imc_data import Dataset
from imc_data import opportunities as opps

from .. import formatting
from ..components import provenance_tag, sources_text, status_tag
from ..i18n import translate
from ..safe import md
from .opportunity_table import benefit_titles, opportunity_facts, opportunity_pitch

CARD_FACTS = ("plot_area", "floor_area", "available_from", "model")


def caption(markdown: str) -> str:
    """Inline Markdown that reads as a caption (small, grey); ``markdown`` is already escaped.

    Square brackets would close the directive early, so they become parentheses.
    """
    inner = markdown.replace("\\[", "(").replace("\\]", ")")
    return f":gray[:small[{inner}]]"


def card_markdown(ds: Dataset, opp: pd.Series, name: str, lang: str, remark: str | None = None) -> str:
    """The text of one card (a row of ``opportunity_frame``): every part escaped, badges as Markdown.

    ``remark`` (e.g. "Opened from the site map") leads the card; an opportunity that can be taken up
    gets its one-line pitch, one that cannot says why (the row's note).
    """
    facts = opportunity_facts(ds, opp, lang)
    code = translate("opportunities.card.code", lang, id=opp["opportunity_id"], plot=facts["plot"].value)
    parts = [caption(f":material/place: {md(remark)}")] if remark else []
    parts += [
        f"**{md(name)}**",
        f"{status_tag('opportunity_status', opp['status'], lang)} :gray[{md(code)}]",
    ]
    takeable = opp["status"] in opps.SHORTLISTABLE_STATUSES
    pitch = opportunity_pitch(opp, lang) if takeable else ""
    if pitch:
        parts.append(caption(md(pitch)))
    # One badge for the card when every figure shares it (four "illustrative" badges per card read as
    # "nothing here is real"); otherwise each figure carries its own.
    shared = {facts[k].provenance for k in CARD_FACTS}
    one_for_all = provenance_tag(shared.pop(), lang) if len(shared) == 1 else ""
    lines = [
        f"{md(facts[k].label)}: **{md(facts[k].value)}**"
        + ("" if one_for_all else f" {provenance_tag(facts[k].provenance, lang)}".rstrip())
        for k in CARD_FACTS
    ]
    if one_for_all:
        lines.append(f"{one_for_all} {caption(md(translate('opportunities.card.all_figures', lang)))}")
    parts.append("  \n".join(lines))
    if not takeable:  # say why it cannot be taken up
        parts.append(caption(translate("opportunities.card.basis", lang, note=md(opp[f"note_{lang}"]))))
    return "\n\n".join(parts)


def card_more(ds: Dataset, opp: pd.Series, lang: str) -> tuple[str, str]:
    """A card's disclosure: its label ("Benefits (6) · Sources (4)", plain text) and the Markdown it opens
    (the benefits, then the sources); ``("", "")`` when there is neither."""
    labels, blocks = [], []
    benefits = benefit_titles(ds, opp["benefit_ids"], lang)
    if benefits:
        labels.append(translate("opportunities.card.benefits", lang, n=formatting.count(len(benefits), lang)))
        blocks.append(benefits_markdown(benefits, lang))
    marker, text = sources_text(
        ds, opps.all_source_ids(opp), lang, provenance=opp["provenance"], note=opp[f"note_{lang}"]
    )
    if marker:
        labels.append(marker)
        blocks.append(f"**{md(marker)}**\n\n{text}")
    return " · ".join(labels), "\n\n".join(blocks)


def benefits_markdown(titles: Sequence[str], lang: str) -> str:
    """The benefits popover of a card in one block: heading, the provisions as a list, where to read more."""
    return "\n\n".join(
        (
            f"**{md(translate('opportunities.pdf.benefits', lang))}**",
            "\n".join(f"- {md(title)}" for title in titles),
            caption(md(translate("opportunities.card.benefits_more", lang))),
        )
    )
