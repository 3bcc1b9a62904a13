"""Questions the pages ask of the data, answered from the tables alone.

Every figure returned carries the source ids and provenance of the rows it was
computed from, so the page can show where it comes from.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .load import Dataset

BUILT = ("operating", "completed")
ANNOUNCED = ("announced_not_realised", "unknown")
ENGAGED_OPERATOR = ("operating", "agreement_signed", "announced")


@dataclass(frozen=True)
class Figure:
    """A number shown on screen with what it is made of.

    ``parts`` lists the items counted (ids), so a reader can check the count.
    """

    key: str
    value: float
    unit: str
    source_ids: tuple[str, ...]
    provenance: str
    parts: tuple[str, ...] = ()


def _sources(frame: pd.DataFrame) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for ids in frame["source_ids"]:
        for sid in ids:
            seen.setdefault(sid, None)
    return tuple(seen)


def _provenance(frame: pd.DataFrame) -> str:
    values = set(frame["provenance"].dropna())
    if values == {"sourced"}:
        return "sourced"
    return "illustrative" if "illustrative" in values else "derived"


def fact(ds: Dataset, fact_id: str) -> Figure:
    """A row of ``facts.csv`` as a :class:`Figure`."""
    row = ds["facts"].set_index("fact_id").loc[fact_id]
    return Figure(fact_id, float(row["value"]), row["unit"], tuple(row["source_ids"]), row["provenance"])


def facility_status_counts(ds: Dataset) -> dict[str, Figure]:
    """Facilities grouped as built / under construction / planned / announced (unconfirmed)."""
    fac = ds["facilities"]
    groups = {
        "built": fac[fac["status"].isin(BUILT)],
        "under_construction": fac[fac["status"] == "under_construction"],
        "planned": fac[fac["status"] == "planned"],
        "announced": fac[fac["status"].isin(ANNOUNCED)],
    }
    return {
        name: Figure(
            f"facilities_{name}",
            float(len(rows)),
            "facilities",
            _sources(rows),
            _provenance(rows) if len(rows) else "derived",
            tuple(rows["facility_id"]),
        )
        for name, rows in groups.items()
    }


def engaged_operators(ds: Dataset) -> pd.DataFrame:
    """Operators and investors that operate, signed an agreement, or announced a project (not mere interest)."""
    ops = ds["operators"]
    return ops[ops["status"].isin(ENGAGED_OPERATOR)]


def operator_count(ds: Dataset) -> Figure:
    """Operators and investors operating or with a signed agreement."""
    ops = ds["operators"]
    rows = ops[ops["status"].isin(("operating", "agreement_signed")) & (ops["role"] != "managing_company")]
    return Figure(
        "operators_signed", float(len(rows)), "operators", _sources(rows), "derived", tuple(rows["operator_id"])
    )


def oecd_partner_countries(ds: Dataset) -> Figure:
    """OECD member countries of engaged operators (operating, agreement or announced project)."""
    ops = engaged_operators(ds)
    countries = ds["countries"]
    oecd = set(countries.loc[countries["oecd_member"].fillna(False).astype(bool), "iso3"])
    rows = ops[ops["country_iso3"].isin(oecd)]
    isos = tuple(dict.fromkeys(rows["country_iso3"]))
    return Figure("oecd_partner_countries", float(len(isos)), "countries", _sources(rows), "derived", isos)


def oecd_member_count(ds: Dataset) -> Figure:
    """Number of OECD member states in the countries table."""
    c = ds["countries"]
    rows = c[c["oecd_member"].fillna(False).astype(bool)]
    return Figure("oecd_members", float(len(rows)), "countries", _sources(rows), _provenance(rows), tuple(rows["iso3"]))


def stage_spans(ds: Dataset) -> pd.DataFrame:
    """Stages with their year span and the number of facilities assigned to each."""
    stages = ds["stages"].copy()
    counts = ds["facilities"]["stage_id"].value_counts()
    stages["facilities"] = stages["stage_id"].map(counts).fillna(0).astype(int)
    return stages


def value_proposition(ds: Dataset) -> pd.DataFrame:
    """Legal provisions flagged as the value proposition, in file order."""
    prov = ds["legal_provisions"]
    return prov[prov["value_prop"].fillna(False).astype(bool)]


def key_milestones(ds: Dataset) -> pd.DataFrame:
    """Milestones flagged ``key``, oldest first."""
    ms = ds["milestones"]
    return ms[ms["key"].fillna(False).astype(bool)].sort_values("date")


def sources_for(ds: Dataset, source_ids) -> pd.DataFrame:
    """Rows of ``sources.csv`` for the given ids, in the given order (unknown ids skipped)."""
    src = _sources_by_id(ds)
    ids = [s for s in source_ids if s in src.index]
    return src.loc[ids]


def _sources_by_id(ds: Dataset) -> pd.DataFrame:
    # Figure builders ask for sources row by row; index the table once per dataset, not per call.
    frame = ds.tables["sources"]  # the stored frame itself: ds["sources"] is a new shallow copy each time
    memo = ds.__dict__.get("_sources_by_id")
    if memo is None or memo[0] is not frame:
        memo = (frame, frame.set_index("source_id", drop=False))
        ds.__dict__["_sources_by_id"] = memo
    return memo[1]


def latest_as_of(ds: Dataset) -> pd.Timestamp | None:
    """The most recent ``as_of`` among sourced rows: how fresh the facts are."""
    dates = []
    for name, frame in ds.tables.items():
        if name == "sources" or "as_of" not in frame or not len(frame):
            continue
        sourced = frame[frame["provenance"] == "sourced"]
        if len(sourced):
            dates.append(sourced["as_of"].max())
    return max(dates) if dates else None


def names(ds: Dataset, table: str, lang: str, field: str = "name") -> dict[str, str]:
    """Each row's id → its ``field`` in ``lang`` (``name_en`` / ``name_ru``), in file order.

    Parameters
    ----------
    ds : Dataset
        The loaded data.
    table : str
        A table of :data:`imc_data.schema.TABLES` (its key column gives the ids).
    lang : str
        ``"en"`` or ``"ru"``.
    field : str
        The translated column's stem: ``name`` for most tables, ``title`` for provisions and milestones.
    """
    from . import schema

    frame = ds.tables[table]
    return dict(zip(frame[schema.TABLES[table].key], frame[f"{field}_{lang}"], strict=True))
