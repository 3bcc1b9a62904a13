"""The opportunities as a reader sees them: human names, facts with their provenance, tables, totals.

One home for what an opportunity card, the comparison table, the CSV download and the PDFs say
about an opportunity: :func:`opportunity_facts` (label, value in the reader's locale, provenance),
:func:`opportunity_table` (the CSV: human headers, numbers kept numeric), :func:`comparison_table`
(the on-screen table: formatted text with badges), :func:`format_totals`. Pure functions of the
data; no Streamlit.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from imc_data import Dataset, queries
from imc_data import opportunities as opps

from .. import formatting, labels
from ..cache.queries import opportunity_frame
from ..cache.shared import shared_result
from ..citations import source_title
from ..components import provenance_tag, status_tag
from ..i18n import translate
from ..safe import md

FACT_KEYS = ("specialty", "plot", "stage", "status", "available_from", "plot_area", "floor_area", "model")


def status_label(status: str, lang: str) -> str:
    """An opportunity status in words ("Announced, not realised")."""
    return labels.label("opportunity_status", status, lang)


def model_label(model: str, lang: str) -> str:
    """An investment model in words ("Build-to-lease by the IMC Fund")."""
    return labels.label("investment_model", model, lang)


def column_label(key: str, lang: str) -> str:
    """A column or fact label: ``opportunities.col.<key>`` in ``lang``."""
    return translate(f"opportunities.col.{key}", lang)


@dataclass(frozen=True)
class Fact:
    """One fact about an opportunity as shown: its label, its value in the reader's locale, its provenance.

    ``provenance`` is ``None`` for a value that needs no badge (sourced, or a name/status).
    """

    key: str
    label: str
    value: str
    provenance: str | None = None


def _badge_provenance(value: object) -> str | None:
    return str(value) if isinstance(value, str) and value and value != "sourced" else None


def opportunity_facts(ds: Dataset, row: pd.Series, lang: str) -> dict[str, Fact]:
    """The key facts of one opportunity (a row of :func:`opportunity_frame`), keyed by :data:`FACT_KEYS`.

    The plot area carries the plot's provenance; the year, floor area and model the opportunity
    row's (the table gives one provenance per row). Areas are written with Babel ("2.0 ha" /
    "2,0 га", "15,000 m²" / "15 000 м²"), the year as a plain year.
    """
    stages = queries.names(ds, "stages", lang)
    prov = _badge_provenance(row.get("provenance"))
    values = (
        ("specialty", str(row[f"specialty_{lang}"]), None),
        ("plot", translate("label.plot", lang, n=labels.plot_number(row["plot_id"])), None),
        ("stage", stages.get(row["stage_id"], str(row["stage_id"])), None),
        ("status", status_label(row["status"], lang), None),
        ("available_from", formatting.year(row["available_from"]), prov),
        ("plot_area", formatting.area_ha(row["area_ha"], lang), _badge_provenance(row.get("plot_provenance"))),
        ("floor_area", formatting.floor_area(row["max_floor_area_m2"], lang), prov),
        ("model", model_label(row["investment_model"], lang), prov),
    )
    return {key: Fact(key, column_label(key, lang), value, p) for key, value, p in values}


def opportunity_pitch(row: pd.Series, lang: str) -> str:
    """The pitch of a card: the row's note without its last sentence, the sourced basis of the opportunity.

    ``"Stage 2 specialised clinic of the investor passport (2025–2035); no operator named"`` — the note's
    own words, so nothing is typed into code. The last sentence says which figures are illustrative, which
    the card's badge already says; any sentence before it stays, such as an agreement that may already
    cover the opportunity (a caveat an investor must see on the card, not one click away).
    """
    sentences = re.split(r"(?<=\.)\s+", str(row.get(f"note_{lang}") or "").strip())
    return " ".join(sentences[:-1] if len(sentences) > 1 else sentences).rstrip(".")


def benefit_titles(ds: Dataset, benefit_ids: Sequence[str], lang: str) -> list[str]:
    """Titles of the 160-FZ provisions an opportunity uses, in the page language, its article when given."""
    out = []
    for _, prov in opps.benefits_of(ds, benefit_ids).iterrows():
        article = prov["article"] if isinstance(prov["article"], str) and prov["article"].strip() else ""
        title = str(prov[f"title_{lang}"])
        out.append(f"{title} ({formatting.article(article, lang)})" if article else title)
    return out


def _source_titles(ds: Dataset, source_ids: Sequence[str], lang: str) -> str:
    return "; ".join(source_title(src, lang) for _, src in queries.sources_for(ds, source_ids).iterrows())


@shared_result(key=lambda ds, ids, lang: (ds.content_key, tuple(ids), lang), max_entries=256)
def opportunity_table(ds: Dataset, ids: Sequence[str], lang: str) -> pd.DataFrame:
    """The opportunities ``ids`` for a spreadsheet: human headers and values, numbers kept numeric.

    The CSV downloads; one row per id, in the order given. The first column holds the ids (a
    spreadsheet user filters and joins on them); benefits and sources are written as titles in
    ``lang``, the as-of date at its precision.

    Parameters
    ----------
    ds : Dataset
        Loaded data.
    ids : sequence of str
        Ids of ``opportunities.csv``, e.g. of the rows a filter kept.
    lang : str
        ``en`` or ``ru``.
    """
    frame = opportunity_frame(ds).set_index("opportunity_id", drop=False).loc[list(ids)]
    names = labels.opportunity_names(ds, lang)
    stages = queries.names(ds, "stages", lang)

    def t(key: str) -> str:
        return column_label(key, lang)

    def provenance(value: str) -> str:
        return labels.label("provenance", value, lang)

    return pd.DataFrame(
        {
            t("id"): frame["opportunity_id"].astype(str),
            t("name"): frame["opportunity_id"].map(lambda i: names.get(i, i)),
            t("specialty"): frame[f"specialty_{lang}"],
            t("plot"): frame["plot_id"].map(lambda p: translate("label.plot", lang, n=labels.plot_number(p))),
            t("stage"): frame["stage_id"].map(lambda s: stages.get(s, s)),
            t("status"): frame["status"].map(lambda s: status_label(s, lang)),
            t("available_from"): pd.to_numeric(frame["available_from"], errors="coerce").astype("Int64"),
            t("plot_area_ha"): frame["area_ha"].astype(float),
            t("floor_area_m2"): frame["max_floor_area_m2"].astype(float),
            t("model"): frame["investment_model"].map(lambda m: model_label(m, lang)),
            t("benefits"): frame["benefit_ids"].map(lambda b: "; ".join(benefit_titles(ds, b, lang))),
            t("note"): frame[f"note_{lang}"],
            t("provenance"): frame["provenance"].map(provenance),
            t("plot_provenance"): frame["plot_provenance"].map(provenance),
            t("sources"): frame.apply(lambda r: _source_titles(ds, opps.all_source_ids(r), lang), axis=1),
            t("as_of"): frame.apply(lambda r: formatting.date(r["as_of"], lang, r.get("as_of_precision")), axis=1),
        }
    ).reset_index(drop=True)


TABLE_FACTS = ("status", "available_from", "plot_area", "floor_area", "model")
NBSP = "\u00a0"


def glued_tail(name: str) -> str:
    """``name`` with the part after its last " · " kept on one line ("Stage 2"), so a wrapped name never
    ends in a lone number; the one rule for the table on screen and the PDF."""
    head, sep, tail = name.rpartition(" · ")
    return f"{head}{sep}{tail.replace(' ', NBSP)}"


def comparison_table(ds: Dataset, ids: Sequence[str], lang: str, *, compact: bool = False) -> pd.DataFrame:
    """The opportunities ``ids`` as the on-screen comparison table: escaped Markdown text, one row each.

    Values are formatted for the reader (Babel); the status is a coloured badge with its words. A
    column whose values share one provenance carries its badge once, in the header; otherwise
    each value carries its own. The codes stay on the cards and in the CSV: here the name is the
    row's label. ``compact`` (for a phone) keeps the name with its status badge and the two sizes in
    one column (the header carries the badge when both share a provenance, else each value does).
    """
    frame = opportunity_frame(ds).set_index("opportunity_id", drop=False).loc[list(ids)]
    names = labels.opportunity_names(ds, lang)
    facts = [opportunity_facts(ds, row, lang) for _, row in frame.iterrows()]
    first = [md(glued_tail(names.get(i, i))) for i in frame["opportunity_id"]]
    if compact:
        first = [
            f"{name} {status_tag('opportunity_status', s, lang)}"
            for name, s in zip(first, frame["status"], strict=True)
        ]
    columns: dict[str, list[str]] = {md(column_label("opportunity", lang)): first}
    if compact:  # both sizes in one column: a phone has room for two
        provenances = {f[k].provenance for f in facts for k in ("plot_area", "floor_area")}
        shared = provenances.pop() if len(provenances) == 1 else None
        header = md(column_label("sizes", lang)) + (f" {provenance_tag(shared, lang)}" if shared else "")
        columns[header] = [
            " · ".join(
                md(f[k].value) + ("" if shared or not f[k].provenance else f" {provenance_tag(f[k].provenance, lang)}")
                for k in ("plot_area", "floor_area")
            )
            for f in facts
        ]
        return pd.DataFrame(columns)
    for key in TABLE_FACTS:
        provenances = {f[key].provenance for f in facts}
        shared = provenances.pop() if len(provenances) == 1 else None
        header = md(column_label(key, lang)) + (f" {provenance_tag(shared, lang)}" if shared else "")
        if key == "status":
            cells = [status_tag("opportunity_status", s, lang) for s in frame["status"]]
        else:
            cells = [
                md(f[key].value)
                + ("" if shared or not f[key].provenance else f" {provenance_tag(f[key].provenance, lang)}")
                for f in facts
            ]
        columns[header] = cells
    return pd.DataFrame(columns)


def format_totals(totals: Sequence[opps.Total], lang: str, unit: str, decimals: int | None = None) -> str:
    """``"56.6 ha (illustrative)"``; one part per provenance, never summed together; ``—`` when empty.

    ``unit`` is ``ha`` or ``m²`` (written by :func:`dashboard.formatting.quantity` in ``lang``).
    """
    if not totals:
        return "—"
    return " + ".join(
        translate(
            "opportunities.summary.total_label",
            lang,
            value=formatting.quantity(t.value, unit, lang, decimals),
            provenance=labels.label("provenance", t.provenance, lang),
        )
        for t in totals
    )


def totals_markdown(totals: Sequence[opps.Total], lang: str, unit: str, decimals: int | None = None) -> str:
    """The totals for the page: ``"7.0 ha"`` followed by its provenance badge, one part per provenance.

    The same parts as :func:`format_totals` (never summed across provenances); the badge sits on the
    value as everywhere on screen, where a PDF writes the provenance in words.
    """
    if not totals:
        return "—"
    return " + ".join(
        f"{md(formatting.quantity(t.value, unit, lang, decimals))} {provenance_tag(t.provenance, lang)}".rstrip()
        for t in totals
    )
