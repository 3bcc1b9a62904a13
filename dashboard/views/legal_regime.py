"""What the Why IMC page (``/legal_regime``) shows: 160-FZ provisions by section and by plot use, incentives, context."""

from __future__ import annotations

import pandas as pd

from imc_data import Dataset, schema

from ..i18n import translate
from ..labels import label

APPLIES_ORDER = ("yes", "not_established", "no")
# A cell of the plot-use matrix: what kind of provision concerns plots of that use, so a limit ("No tax
# benefits") never wears the tick of a benefit; or a dash where it does not concern them.
MARKS = {"benefit": "✓", "condition": "●", "risk": "⚠"}
DOES_NOT_MATTER = "—"
# Tabs of the legal-regime page, also the values of its ``?section=`` parameter.
LEGAL_SECTIONS = ("provisions", "uses", "incentives", "risks")


def provision_sections(ds: Dataset) -> dict[str, pd.DataFrame]:
    """Legal provisions grouped by the ``section`` given in ``provision_uses.csv``.

    Returns
    -------
    dict
        ``law``, ``benefit``, ``condition``, ``risk`` and ``unassigned`` (provisions that have no row in
        ``provision_uses.csv`` yet, so that none is silently hidden), each a frame of
        ``legal_provisions`` rows in file order.
    """
    prov = ds["legal_provisions"]
    section = ds["provision_uses"].set_index("provision_id")["section"]
    assigned = prov["provision_id"].map(section)
    out = {name: prov[assigned == name] for name in schema.PROVISION_SECTIONS}
    out["unassigned"] = prov[assigned.isna()]
    return out


def plot_uses_present(ds: Dataset) -> list[str]:
    """Permitted uses that at least one plot has, in schema order."""
    present = set(ds["plots"]["permitted_use"].dropna())
    return [u for u in schema.PLOT_USES if u in present]


def use_list(ds: Dataset, lang: str) -> list[dict[str, str]]:
    """The matrix of :func:`use_matrix` read along its rows, for a phone: per provision, the plot uses it matters for.

    Returns
    -------
    list of dict
        ``mark`` (the provision's kind, :data:`MARKS`), ``title``, ``uses`` (the uses' column labels joined,
        or ``—``) and ``reason``, in the matrix's order.
    """
    matrix = use_matrix(ds, lang)
    if matrix.empty:
        return []
    title, *uses, reason = matrix.columns
    out = []
    for _, row in matrix.iterrows():
        marked = [u for u in uses if row[u] != DOES_NOT_MATTER]
        out.append(
            {
                "mark": row[marked[0]] if marked else DOES_NOT_MATTER,
                "title": row[title],
                "uses": ", ".join(marked) or DOES_NOT_MATTER,
                "reason": row[reason],
            }
        )
    return out


def use_matrix(ds: Dataset, lang: str) -> pd.DataFrame:
    """Which provision matters for which plot use: rows are benefit, condition and risk provisions.

    Returns
    -------
    DataFrame
        Index: provision titles in ``lang``; one column per plot use present in ``plots.csv`` (label
        ``"<use> (plots: <n>)"``) holding the provision's mark (:data:`MARKS`: benefit, condition, risk) or
        ``"—"``; then a ``reason`` column.
    """
    prov = ds["legal_provisions"].set_index("provision_id")
    uses_tbl = ds["provision_uses"]
    uses = plot_uses_present(ds)
    plot_counts = ds["plots"]["permitted_use"].value_counts()
    rows = []
    for _, row in uses_tbl[uses_tbl["section"].isin(("benefit", "condition", "risk"))].iterrows():
        pid = row["provision_id"]
        entry = {translate("legal_regime.matrix.provision", lang): prov.loc[pid, f"title_{lang}"]}
        for use in uses:
            header = translate(
                "legal_regime.matrix.use_header",
                lang,
                use=label("permitted_use", use, lang),
                n=int(plot_counts.get(use, 0)),
            )
            entry[header] = MARKS[row["section"]] if bool(row[use]) else DOES_NOT_MATTER
        entry[translate("legal_regime.matrix.reason", lang)] = row[f"reason_{lang}"]
        rows.append(entry)
    return pd.DataFrame(rows)


def incentive_groups(ds: Dataset) -> dict[str, pd.DataFrame]:
    """Incentives by their honest "applies to IMC operators?" answer: yes, not established, no."""
    inc = ds["incentives"]
    return {a: inc[inc["applies"] == a] for a in APPLIES_ORDER}


def context_milestones(ds: Dataset) -> pd.DataFrame:
    """Dated context events (category ``context`` in ``milestones.csv``), oldest first."""
    ms = ds["milestones"]
    return ms[ms["category"] == "context"].sort_values("date")
