"""What the Operators and Why-IMC (legal regime) pages show, computed from the tables alone.

Pure functions (no Streamlit): the pages lay out what these return, and tests check them.
"""

from __future__ import annotations

import pandas as pd

from imc_data import Dataset, schema

from .i18n import translate

OPERATOR_STATUS_ORDER = schema.OPERATOR_STATUS
APPLIES_ORDER = ("yes", "not_established", "no")
# Tabs of the legal-regime page, also the values of its ``?section=`` parameter.
LEGAL_SECTIONS = ("provisions", "uses", "incentives", "risks")


def operator_table(ds: Dataset, lang: str) -> pd.DataFrame:
    """Operators and partners with country, OECD membership, agreement date, facilities and status.

    Returns
    -------
    DataFrame
        One row per operator in file order, sorted by status (operating first). Columns:
        ``operator_id``, ``name``, ``role``, ``country``, ``iso3``, ``oecd_since`` (int or ``None``),
        ``oecd_member`` (bool), ``agreement_date`` (Timestamp or NaT) and ``agreement_precision``,
        ``facilities`` (names of the facilities it operates or is the partner of, joined by "; "),
        ``status``, ``note``, ``source_ids`` (tuple), ``as_of``, ``as_of_precision``, ``provenance``.
    """
    ops = ds["operators"]
    countries = ds["countries"].set_index("iso3")
    fac = ds["facilities"]
    rows = []
    for _, op in ops.iterrows():
        iso3 = op["country_iso3"]
        country = countries.loc[iso3] if iso3 in countries.index else None
        member = bool(country["oecd_member"]) if country is not None and pd.notna(country["oecd_member"]) else False
        year = country["oecd_accession_year"] if country is not None else None
        linked = (fac["operator_id"] == op["operator_id"]) | (fac["partner_id"] == op["operator_id"])
        names = fac.loc[linked, f"name_{lang}"].tolist()
        rows.append(
            {
                "operator_id": op["operator_id"],
                "name": op[f"name_{lang}"],
                "role": op["role"],
                "country": country[f"name_{lang}"] if country is not None else iso3,
                "iso3": iso3,
                "oecd_member": member,
                "oecd_since": int(year) if member and pd.notna(year) else None,
                "agreement_date": op["agreement_date"],
                "agreement_precision": op["agreement_date_precision"],
                "facilities": "; ".join(names),
                "status": op["status"],
                "note": op[f"note_{lang}"] if pd.notna(op[f"note_{lang}"]) else "",
                "source_ids": tuple(op["source_ids"]),
                "as_of": op["as_of"],
                "as_of_precision": op["as_of_precision"],
                "provenance": op["provenance"],
            }
        )
    frame = pd.DataFrame(rows)
    if frame.empty:
        return frame
    rank = {s: i for i, s in enumerate(OPERATOR_STATUS_ORDER)}
    frame["_rank"] = frame["status"].map(rank)
    return frame.sort_values("_rank", kind="stable").drop(columns="_rank").reset_index(drop=True)


def oecd_since_label(member: bool, year: object, lang: str) -> str:
    """``"1961"`` for a member with a known accession year, else "member" / "not a member" in ``lang``."""
    if not member:
        return translate("operators.not_member", lang)
    if year is None or pd.isna(year):
        return translate("operators.map.member", lang)
    return str(int(year))


def status_counts(ds: Dataset) -> dict[str, tuple[str, ...]]:
    """Operator ids per status, in the order of :data:`imc_data.schema.OPERATOR_STATUS`."""
    ops = ds["operators"]
    return {s: tuple(ops.loc[ops["status"] == s, "operator_id"]) for s in OPERATOR_STATUS_ORDER}


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


def use_matrix(ds: Dataset, lang: str) -> pd.DataFrame:
    """Which provision matters for which plot use: rows are benefit, condition and risk provisions.

    Returns
    -------
    DataFrame
        Index: provision titles in ``lang``; one column per plot use present in ``plots.csv`` (label
        ``"<use> (<n> plots)"``) holding ``"✓"`` or ``"—"``; then a ``reason`` column.
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
            label = translate(
                "legal_regime.matrix.use_header",
                lang,
                use=translate(f"legal_regime.use.{use}", lang),
                n=int(plot_counts.get(use, 0)),
            )
            entry[label] = "✓" if bool(row[use]) else "—"
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
