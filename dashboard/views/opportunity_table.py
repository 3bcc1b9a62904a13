"""The opportunities as a reader sees them: translated labels, the results table, totals by provenance."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from imc_data import Dataset, queries
from imc_data import opportunities as opps

from .. import formatting
from ..cache.queries import opportunity_frame
from ..cache.shared import shared_result
from ..i18n import translate


def status_label(status: str, lang: str) -> str:
    """Translated opportunity status."""
    return translate(f"opportunities.status.{status}", lang)


def model_label(model: str, lang: str) -> str:
    """Translated investment model."""
    return translate(f"opportunities.model.{model}", lang)


@shared_result(key=lambda ds, ids, lang: (ds.content_key, tuple(ids), lang), max_entries=256)
def opportunity_table(ds: Dataset, ids: Sequence[str], lang: str) -> pd.DataFrame:
    """The opportunities ``ids`` as a user reads them: translated headers and values, numbers kept numeric.

    The results table on the page and the CSV downloads; one row per id, in the order given.

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
    stages = queries.names(ds, "stages", lang)

    def t(key: str) -> str:
        return translate(f"opportunities.col.{key}", lang)

    def provenance(value: str) -> str:
        return translate(f"provenance.{value}", lang)

    return pd.DataFrame(
        {
            t("id"): frame["opportunity_id"].astype(str),
            t("specialty"): frame[f"specialty_{lang}"],
            t("plot"): frame["plot_id"],
            t("stage"): frame["stage_id"].map(lambda s: stages.get(s, s)),
            t("status"): frame["status"].map(lambda s: status_label(s, lang)),
            t("available_from"): frame["available_from"].astype("Int64"),
            t("plot_area"): frame["area_ha"].astype(float),
            t("floor_area"): frame["max_floor_area_m2"].astype(float),
            t("model"): frame["investment_model"].map(lambda m: model_label(m, lang)),
            t("benefits"): frame["benefit_ids"].map(lambda ids: ";".join(ids)),
            t("provenance"): frame["provenance"].map(provenance),
            t("plot_provenance"): frame["plot_provenance"].map(provenance),
            t("sources"): frame.apply(lambda r: ";".join(opps.all_source_ids(r)), axis=1),
            t("as_of"): frame["as_of"].dt.date.astype(str),
        }
    ).reset_index(drop=True)


def format_totals(totals: Sequence[opps.Total], lang: str, unit: str, decimals: int | None = None) -> str:
    """``"56.6 ha (illustrative)"``; one part per provenance, never summed together; ``—`` when empty."""
    if not totals:
        return "—"
    return " + ".join(
        translate(
            "opportunities.summary.total_label",
            lang,
            value=f"{formatting.number(t.value, lang, decimals)} {unit}",
            provenance=translate(f"provenance.{t.provenance}", lang),
        )
        for t in totals
    )
