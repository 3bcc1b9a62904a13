"""Questions the pages ask of the data, answered from the tables alone.

Every figure returned carries the source ids and provenance of the rows it was
computed from, so the page can show where it comes from.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from . import dates, timeline
from .load import Dataset
from .missing import is_missing

BUILT = ("operating", "completed")
"""Facility statuses counted as built: completed or operating, nothing less."""
ANNOUNCED = ("announced_not_realised", "unknown")
STATUS_GROUPS = {
    "built": BUILT,
    "partly_completed": ("partly_completed",),
    "under_construction": ("under_construction",),
    "planned": ("planned",),
    "announced": ANNOUNCED,
}
"""The Overview's facility groups and the statuses each counts (every status in exactly one group)."""
ENGAGED_OPERATOR = ("operating", "agreement_signed", "announced")
OPERATING_PARTNER = ("operating", "agreement_signed")
"""An OECD organisation with an operating clinic counts only with a sourced agreement or as its operator."""
ANNOUNCED_PARTNER = ("agreement_signed", "announced")


@dataclass(frozen=True)
class KeyFigure:
    """A number shown on screen with what it is made of.

    ``parts`` lists the items counted (ids), so a reader can check the count.
    """

    key: str
    value: float
    unit: str
    source_ids: tuple[str, ...]
    provenance: str
    parts: tuple[str, ...] = ()


def _sources(*frames: pd.DataFrame) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for frame in frames:
        for ids in frame["source_ids"]:
            for sid in ids:
                seen.setdefault(sid, None)
    return tuple(seen)


def _provenance(frame: pd.DataFrame) -> str:
    values = set(frame["provenance"].dropna())
    if values == {"sourced"}:
        return "sourced"
    return "illustrative" if "illustrative" in values else "derived"


def fact(ds: Dataset, fact_id: str) -> KeyFigure:
    """A row of ``facts.csv`` as a :class:`KeyFigure`."""
    row = ds["facts"].set_index("fact_id").loc[fact_id]
    return KeyFigure(fact_id, float(row["value"]), row["unit"], tuple(row["source_ids"]), row["provenance"])


def facility_status_counts(ds: Dataset) -> dict[str, KeyFigure]:
    """Facilities per group of :data:`STATUS_GROUPS`: built (completed or operating only), partly completed,
    under construction, planned, announced (not realised or unconfirmed)."""
    fac = ds["facilities"]
    return {
        name: KeyFigure(
            f"facilities_{name}",
            float(len(rows)),
            "facilities",
            _sources(rows),
            _provenance(rows) if len(rows) else "derived",
            tuple(rows["facility_id"]),
        )
        for name, statuses in STATUS_GROUPS.items()
        for rows in [fac[fac["status"].isin(statuses)]]
    }


def overdue_facilities(ds: Dataset, on: dt.date | None = None) -> KeyFigure:
    """Facilities not built whose latest completion target has passed with no confirmation (on ``on``, default today).

    The target is the latest announced completion, else the first plan, else the end of the
    facility's stage (:func:`imc_data.timeline.facility_target`); projects already marked
    announced-not-realised are not counted (their status says so).
    """
    on = on or dates.today()
    stage_end = ds["stages"].set_index("stage_id")["end_year"].to_dict()
    fac = ds["facilities"]
    keep = [timeline.facility_overdue(row, stage_end.get(row["stage_id"]), on) for _, row in fac.iterrows()]
    rows = fac[pd.Series(keep, index=fac.index, dtype=bool)]
    return KeyFigure(
        "facilities_overdue", float(len(rows)), "facilities", _sources(rows), "derived", tuple(rows["facility_id"])
    )


def engaged_operators(ds: Dataset) -> pd.DataFrame:
    """Operators and investors that operate, signed an agreement, or announced a project (not mere interest)."""
    ops = ds["operators"]
    return ops[ops["status"].isin(ENGAGED_OPERATOR)]


def _oecd_members(ds: Dataset) -> set[str]:
    countries = ds["countries"]
    return set(countries.loc[countries["oecd_member"].fillna(False).astype(bool), "iso3"])


def oecd_operating_partners(ds: Dataset) -> KeyFigure:
    """Organisations from OECD countries behind a clinic that is operating now.

    Counts an operator from an OECD member country that runs an ``operating`` facility, or is
    the facility's partner (``partner_id``: the OECD clinic whose participation agreement and
    name it carries), with an agreement or operating status on record. The sources of the
    operators and of the facilities that link them are returned.
    """
    fac = ds["facilities"]
    operating = fac[fac["status"] == "operating"]
    linked = dict.fromkeys(
        oid for column in ("operator_id", "partner_id") for oid in operating[column] if isinstance(oid, str)
    )
    ops = ds["operators"]
    rows = ops[
        ops["operator_id"].isin(list(linked))
        & ops["country_iso3"].isin(_oecd_members(ds))
        & ops["status"].isin(OPERATING_PARTNER)
    ]
    links = operating[
        operating["operator_id"].isin(rows["operator_id"]) | operating["partner_id"].isin(rows["operator_id"])
    ]
    return KeyFigure(
        "oecd_operating_partners",
        float(len(rows)),
        "operators",
        _sources(rows, links),
        "derived",
        tuple(rows["operator_id"]),
    )


def oecd_announced_partners(ds: Dataset) -> KeyFigure:
    """Organisations from OECD countries with an agreement or a memorandum but no clinic operating yet.

    Interest alone (``interest_only``) is not counted; neither is an organisation already
    counted by :func:`oecd_operating_partners`.
    """
    operating = set(oecd_operating_partners(ds).parts)
    ops = ds["operators"]
    rows = ops[
        ops["country_iso3"].isin(_oecd_members(ds))
        & ops["status"].isin(ANNOUNCED_PARTNER)
        & ~ops["operator_id"].isin(operating)
    ]
    return KeyFigure(
        "oecd_announced_partners", float(len(rows)), "operators", _sources(rows), "derived", tuple(rows["operator_id"])
    )


def open_opportunities(ds: Dataset) -> KeyFigure:
    """The opportunities whose status is ``open``, in file order.

    Illustrative when any of them is: the count is no firmer than the rows it counts (an opportunity's
    status is the dashboard's reading of the sources, not an announcement), else derived.
    """
    opps = ds["opportunities"]
    rows = opps[opps["status"] == "open"]
    provenance = "illustrative" if (rows["provenance"] == "illustrative").any() else "derived"
    return KeyFigure(
        "open_opportunities",
        float(len(rows)),
        "opportunities",
        _sources(rows),
        provenance,
        tuple(rows["opportunity_id"]),
    )


def partner_countries(ds: Dataset, operator_ids) -> tuple[str, ...]:
    """ISO3 codes of the operators ``operator_ids``, first occurrence first, each once."""
    country = ds["operators"].set_index("operator_id")["country_iso3"].to_dict()
    return tuple(dict.fromkeys(country[oid] for oid in operator_ids if oid in country))


def oecd_member_count(ds: Dataset) -> KeyFigure:
    """Number of OECD member states in the countries table."""
    c = ds["countries"]
    rows = c[c["oecd_member"].fillna(False).astype(bool)]
    return KeyFigure(
        "oecd_members", float(len(rows)), "countries", _sources(rows), _provenance(rows), tuple(rows["iso3"])
    )


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


def key_milestones(ds: Dataset, on: dt.date | None = None) -> pd.DataFrame:
    """Milestones flagged ``key``, oldest first, with ``state`` as of ``on`` (default today).

    ``state`` is :func:`imc_data.timeline.milestone_state`: a planned date whose period has
    passed with no confirmation is ``overdue``, never upcoming.
    """
    ms = ds["milestones"]
    ms = ms[ms["key"].fillna(False).astype(bool)].sort_values("date", kind="stable")
    return ms.assign(state=timeline.milestone_states(ms, on or dates.today()))


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


# Tables whose as_of says nothing of how current the facts about the cluster are: a source's row describes a
# document, and a locator place's is the day its map coordinates were read (an airport does not move).
NOT_CLUSTER_FACTS = ("sources", "locator_places")


def newest_fact(ds: Dataset) -> tuple[pd.Timestamp, str] | None:
    """The most recent ``as_of`` among sourced rows about the cluster and its precision: how fresh the facts are.

    Rows are compared by the start of their ``as_of`` period; at an equal start the finer
    precision wins (it says more). The tables of :data:`NOT_CLUSTER_FACTS` do not count.
    """
    best: tuple[pd.Timestamp, str] | None = None
    for name, frame in ds.tables.items():
        if name in NOT_CLUSTER_FACTS or "as_of" not in frame or not len(frame):
            continue
        sourced = frame[(frame["provenance"] == "sourced") & frame["as_of"].notna()]
        for when, precision in zip(sourced["as_of"], sourced["as_of_precision"], strict=True):
            precision = dates.normalise_precision(precision)
            if (
                best is None
                or when > best[0]
                or (when == best[0] and dates.PRECISIONS.index(precision) < dates.PRECISIONS.index(best[1]))
            ):
                best = (when, precision)
    return best


def latest_as_of(ds: Dataset) -> pd.Timestamp | None:
    """The date of :func:`newest_fact` (``None`` when no row is sourced)."""
    newest = newest_fact(ds)
    return newest[0] if newest else None


def data_age_months(ds: Dataset, on: dt.date | None = None) -> int | None:
    """Whole months from the newest fact's period to ``on`` (default today): how old the data are."""
    newest = newest_fact(ds)
    if newest is None:
        return None
    on = on or dates.today()
    end = dates.period_end(newest[0], newest[1])
    months = (on.year - end.year) * 12 + (on.month - end.month) - (1 if on.day < end.day else 0)
    return max(months, 0)


def source_title(source: pd.Series, lang: str) -> tuple[str, bool]:
    """A source's title in ``lang`` and whether it is a translation.

    The title in the source's own ``language`` is its own; the other is the dashboard's
    translation (a Russian page shows ``title_ru``, marked as translated for an English source).
    """
    written_in = str(source.get("language") or "").split("+")
    if lang == "ru" and isinstance(source.get("title_ru"), str) and source["title_ru"]:
        return source["title_ru"], "ru" not in written_in
    return str(source["title"]), "en" not in written_in


def source_date(source: pd.Series) -> tuple[pd.Timestamp, str] | None:
    """The date to cite a source by, with its precision: ``published``, else the content's ``as_of``.

    ``None`` when the research gives neither (an article dated "21 May" of an unknown year).
    """
    for column in ("published", "as_of"):
        value = source.get(column)
        if not is_missing(value):
            return value, dates.normalise_precision(source.get(f"{column}_precision"))
    return None


def source_publisher(source: pd.Series, lang: str) -> str:
    """The publisher in ``lang`` (``publisher_ru`` on Russian pages when given); empty when not known."""
    for column in ("publisher_ru", "publisher") if lang == "ru" else ("publisher",):
        value = source.get(column)
        if isinstance(value, str) and value:
            return value
    return ""


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
