"""What the Operators page shows besides its map: the operators table, OECD labels, counts by status."""

from __future__ import annotations

import pandas as pd

from imc_data import Dataset, schema
from imc_data.missing import is_missing

from ..i18n import translate

OPERATOR_STATUS_ORDER = schema.OPERATOR_STATUS


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
    if is_missing(year):
        return translate("operators.map.member", lang)
    return str(int(year))


def status_counts(ds: Dataset) -> dict[str, tuple[str, ...]]:
    """Operator ids per status, in the order of :data:`imc_data.schema.OPERATOR_STATUS`."""
    ops = ds["operators"]
    return {s: tuple(ops.loc[ops["status"] == s, "operator_id"]) for s in OPERATOR_STATUS_ORDER}
