"""What a slide says, worked out from the tables once: the screen and the PDF deck draw the same :class:`Slide`.

A slide is a scene of ``scenes.csv`` (:class:`imc_data.scenes.Scene`) made concrete: its title
and talking points in the chosen language, its subject — big numbers, facts about a plot or an
opportunity, cards, a short list — the map or chart it shows (``picture`` and the parameters
the figure builders need), the legend, the provenance of what is shown and its sources. No
Streamlit and no drawing here: :mod:`dashboard.slides.screen` draws a slide in the browser,
:mod:`dashboard.exports.deck_pdf` on a PDF page, so both always say the same.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field, replace

import pandas as pd

from imc_data import Dataset, dates, queries, schema
from imc_data import opportunities as opps
from imc_data import timeline as tl
from imc_data.scenes import Scene

from .. import formatting, labels
from ..cache.queries import opportunity_frame
from ..cache.shared import shared_result
from ..citations import source_title
from ..contact import contact_card
from ..figures import gantt, locator, worldmap
from ..figures import site_deck as deck
from ..i18n import catalog, translate
from ..views.legal_regime import context_milestones, provision_sections
from ..views.operators import status_counts
from ..views.opportunity_table import model_label, status_label
from ..views.plot_card import plot_card
from . import qr

# What a slide's picture is (None: the subject is text: numbers, cards, the contact).
SITE_MAP, LOCATOR, TIMELINE, WORLD_MAP, QR_CODE = "site_map", "locator", "timeline", "world_map", "qr"
SOURCES_IN_FOOTNOTE = 3


@dataclass(frozen=True)
class Fact:
    """A labelled value: a KPI tile (``Slide.figures``) or one line of a card (``Slide.facts``).

    The value is text, already formatted; ``provenance`` says how far it is sourced.
    """

    label: str
    value: str
    provenance: str = "sourced"


@dataclass(frozen=True)
class Card:
    """A text card: a title, a short text and a caption (an article, a date)."""

    title: str
    text: str = ""
    caption: str = ""


@dataclass(frozen=True)
class LegendItem:
    """A legend entry: a colour (CSS hex), what it means, and its shape (area, line or outline)."""

    label: str
    hex: str
    shape: str = "area"


@dataclass(frozen=True)
class Slide:
    """Everything a slide shows, in one language; see the module docstring."""

    scene: Scene
    lang: str
    title: str
    points: tuple[str, ...]
    picture: str | None = None
    heading: str = ""
    figures: tuple[Fact, ...] = ()
    facts: tuple[Fact, ...] = ()
    cards: tuple[Card, ...] = ()
    lines: tuple[str, ...] = ()
    legend: tuple[LegendItem, ...] = ()
    provenance: str = "sourced"
    note: str = ""  # one line under the subject (e.g. the plot layout is illustrative)
    source_ids: tuple[str, ...] = ()
    year: int | None = None
    selected_plot: str | None = None
    highlight_plots: tuple[str, ...] | None = None
    facility_ids: tuple[str, ...] = ()
    show_milestones: bool = True
    extra: dict = field(default_factory=dict)

    @property
    def kind(self) -> str:
        """The scene's kind (``kpis``, ``site_map``, …)."""
        return self.scene.kind


def map_year(ds: Dataset, today: dt.date | None = None) -> int:
    """The year a slide's site map shows: this year, kept inside the programme's stages (as the Site map page)."""
    today = today or dates.today()
    first, last = int(ds["stages"]["start_year"].min()), int(ds["stages"]["end_year"].max())
    return min(max(today.year, first), last)


@shared_result(
    # A scene id names one row of one version of the data (content_key): the row's content is in the key.
    key=lambda ds, scene, lang, today=None: (
        ds.content_key,
        scene.scene_id,
        scene.number,
        lang,
        today or dates.today(),
    ),
    max_entries=128,
)
def build_slide(ds: Dataset, scene: Scene, lang: str, today: dt.date | None = None) -> Slide:
    """The slide of ``scene`` in ``lang`` (shared, read-only).

    Parameters
    ----------
    ds : Dataset
        The validated data.
    scene : Scene
        A playable scene (:func:`imc_data.scenes.playable_scenes`).
    lang : str
        ``en`` or ``ru``.
    today : datetime.date, optional
        The day that decides the map's year and what is overdue; default :func:`imc_data.dates.today`.
    """
    today = today or dates.today()
    base = Slide(scene=scene, lang=lang, title=scene.title(lang), points=scene.points(lang))
    return _BUILDERS[scene.kind](ds, base, today)


def audience_sources(ds: Dataset, source_ids) -> pd.DataFrame:
    """The rows of ``sources`` a slide names to its audience: strongest first, without the dashboard's own notes.

    The dashboard's notes (the layout, the editorial choices: confidence "not applicable") stay in the
    slide's full list of sources ("Sources (n)" on screen, the PDF's notes), not in the line a room reads.
    """
    found = queries.sources_for(ds, source_ids)
    rank = {level: i for i, level in enumerate(schema.CONFIDENCE)}
    found = found[found["confidence"] != "not_applicable"]
    return found.iloc[found["confidence"].map(rank).fillna(len(rank)).to_numpy().argsort(kind="stable")]


def footnote_sources(ds: Dataset, source_ids, lang: str, shown: int = SOURCES_IN_FOOTNOTE) -> str:
    """One short line naming the first sources (publisher and year, else the title), "and others" when there are more.

    No count: one name can stand for several sources (a publisher's articles of one year), so a count of
    names would not match the "Sources (n)" list beside the line, which counts sources.
    """
    found = audience_sources(ds, source_ids)
    names = []
    for _, src in found.iterrows():
        publisher = queries.source_publisher(src, lang)
        when = queries.source_date(src)
        year = f" {when[0].year}" if when else ""
        name = f"{publisher}{year}" if publisher else source_title(src, lang)
        if name not in names:
            names.append(name)
    if not names:
        return ""
    text = "; ".join(names[:shown])
    if len(names) > shown:
        text += " " + translate("presenter.other_sources", lang)
    return translate("presenter.sources_line", lang, sources=text)


# --- big numbers -----------------------------------------------------------------------------------


def _fact_value(figure: queries.KeyFigure, lang: str) -> str:
    if figure.unit in ("ha", "m²", "km"):
        return formatting.quantity(figure.value, figure.unit, lang)
    unit_key = f"unit.{figure.unit}"
    unit = translate(unit_key, lang) if unit_key in catalog() else figure.unit
    value = formatting.year(figure.value) if figure.unit == "year" else formatting.number(figure.value, lang)
    return f"{value}{formatting.NBSP}{unit}" if unit else value


def _key_figure(ds: Dataset, key: str) -> queries.KeyFigure:
    """The :class:`imc_data.queries.KeyFigure` behind a big number of ``scenes.csv``'s ``kpis`` column."""
    computed: dict[str, Callable[[Dataset], queries.KeyFigure]] = {
        "oecd_members": queries.oecd_member_count,
        "oecd_operating": queries.oecd_operating_partners,
        "oecd_announced": queries.oecd_announced_partners,
        "open_opportunities": queries.open_opportunities,
    }
    if key in computed:
        return computed[key](ds)
    if key.startswith("facilities_"):
        return queries.facility_status_counts(ds)[key.removeprefix("facilities_")]
    return queries.fact(ds, key)


def big_number(ds: Dataset, key: str, lang: str) -> tuple[Fact, tuple[str, ...]]:
    """A big number of ``scenes.csv`` (a ``fact_id`` or one of :data:`imc_data.schema.SCENE_KPIS`) and its sources."""
    figure = _key_figure(ds, key)
    if key in schema.SCENE_KPIS:
        label = translate(f"presenter.kpi.{key}", lang)
        return Fact(
            label, formatting.count(figure.value, lang), labels.count_provenance(figure.provenance)
        ), figure.source_ids
    row = ds["facts"].set_index("fact_id").loc[key]
    return Fact(str(row[f"label_{lang}"]), _fact_value(figure, lang), figure.provenance), figure.source_ids


def _kpis(ds: Dataset, slide: Slide, today: dt.date) -> Slide:
    figures, sources = [], []
    for key in slide.scene.kpis:
        number, ids = big_number(ds, key, slide.lang)
        figures.append(number)
        sources += ids
    provenance = _worst(f.provenance for f in figures) if figures else "derived"
    return replace(slide, figures=tuple(figures), source_ids=_unique(sources), provenance=provenance)


# --- maps ------------------------------------------------------------------------------------------


def _site_legend(records: list[dict], lang: str) -> tuple[LegendItem, ...]:
    return tuple(LegendItem(e["label"], e["hex"]) for e in deck.legend_entries(records, lang) if e["count"])


def _site_map(ds: Dataset, slide: Slide, today: dt.date) -> Slide:
    lang, year, plot_id = slide.lang, map_year(ds, today), slide.scene.plot_id
    records = deck.plot_records(ds, lang, year, today=today)
    layout_sources = [sid for ids in ds["plots"]["source_ids"] for sid in ids]
    slide = replace(
        slide,
        picture=SITE_MAP,
        year=year,
        legend=_site_legend(records, lang),
        provenance="illustrative",
        note=translate("presenter.layout_note", lang),  # beside the "illustrative" badge: not the word again
        source_ids=_unique(layout_sources),
    )
    if not plot_id:
        return slide
    card = plot_card(ds, lang, year, plot_id, today=today)
    facility = "; ".join(f["name"] + (f" · {f['operator']}" if f["operator"] else "") for f in card["facilities"])
    facts = [
        Fact(translate("site_map.card.area", lang), card["area_text"], card["provenance"]),
        Fact(translate("site_map.card.use", lang), card["use_label"]),
        Fact(translate("site_map.card.stage", lang), card["stage_text"]),
        Fact(translate("site_map.card.state", lang, year=year), card["state_label"]),
        Fact(translate("site_map.card.max_floor", lang), card["max_floor_text"], card["provenance"]),
    ]
    if facility:
        facts.append(Fact(translate("site_map.card.facilities", lang), facility))
    return replace(
        slide,
        selected_plot=plot_id,
        heading=labels.plot_name(ds, plot_id, lang),
        facts=tuple(facts),
        source_ids=_unique([*card["source_ids"]]),
    )


def _locator(ds: Dataset, slide: Slide, today: dt.date) -> Slide:
    places, geometry = locator.located_places(ds), locator.load_geometry()
    legend = tuple(
        LegendItem(e["label"], e["hex"], "area" if e["shape"] == "area" else "line")
        for e in locator.legend_entries(geometry, slide.lang)
    )
    return replace(
        slide,
        picture=LOCATOR,
        lines=tuple(locator.text_lines(places, slide.lang, geometry)),
        legend=legend,
        provenance=_worst(places["provenance"].dropna()),
        source_ids=_unique(locator.source_ids(places, geometry)),
    )


# --- timeline ----------------------------------------------------------------------------------------


def _flag(value: str | None, default: bool = True) -> bool:
    return default if value is None else value.strip().lower() not in ("false", "0", "no", "off")


def _listed(params: dict[str, str], key: str) -> list[str]:
    return [v.strip() for v in params.get(key, "").split(",") if v.strip()]


def timeline_facilities(ds: Dataset, params: dict[str, str]) -> pd.DataFrame:
    """The facilities a timeline slide draws: the Timeline page's filters (``stage``, ``kind``, ``status``, ``operator``)."""
    fac = ds["facilities"]
    return tl.filter_facilities(
        fac, _listed(params, "stage"), _listed(params, "kind"), _listed(params, "status"), _listed(params, "operator")
    )


def _timeline(ds: Dataset, slide: Slide, today: dt.date) -> Slide:
    params, lang = slide.scene.params, slide.lang
    shown = timeline_facilities(ds, params)
    milestones = _flag(params.get("milestones"))
    statuses = [s for s in gantt.STATUS_STYLE if s in set(shown["status"])]
    legend = [LegendItem(translate("timeline.legend.plan", lang), gantt.INK, "outline")]
    legend += [LegendItem(translate(f"fstatus.{s}", lang), gantt.STATUS_STYLE[s]["color"]) for s in statuses]
    rows = pd.concat([shown, ds["milestones"]]) if milestones else shown
    return replace(
        slide,
        picture=TIMELINE,
        facility_ids=tuple(shown["facility_id"]),
        show_milestones=milestones,
        legend=tuple(legend),
        provenance=_worst(rows["provenance"].dropna()),
        source_ids=_unique(tl.shown_source_ids(ds, shown, milestones)),
    )


# --- opportunities -----------------------------------------------------------------------------------


def _floor_text(value, lang: str) -> str:
    return translate("presenter.up_to", lang, value=formatting.floor_area(value, lang))


def _opportunities(ds: Dataset, slide: Slide, today: dt.date) -> Slide:
    lang, frame = slide.lang, opportunity_frame(ds)
    shown = frame[frame["status"] == "open"]
    names = labels.opportunity_names(ds, lang)
    lines = tuple(
        translate(
            "presenter.opportunity_line",
            lang,
            name=names.get(row.opportunity_id, row.opportunity_id),
            area=_floor_text(row.max_floor_area_m2, lang),
            year=formatting.year(row.available_from),
        )
        for row in shown.itertuples()
    )
    sources = [sid for _, row in shown.iterrows() for sid in opps.all_source_ids(row)]
    year = map_year(ds, today)
    records = deck.plot_records(ds, lang, year, today=today)
    return replace(
        slide,
        picture=SITE_MAP,
        year=year,
        highlight_plots=tuple(dict.fromkeys(shown["plot_id"])),
        heading=translate("presenter.open_count", lang, n=formatting.count(len(shown), lang)),
        lines=lines,
        legend=(
            *_site_legend(records, lang),
            LegendItem(
                translate("presenter.legend.open_plot", lang),
                "#{:02x}{:02x}{:02x}".format(*deck.HIGHLIGHT_OUTLINE),
                "outline",
            ),
        ),
        provenance="illustrative",
        note=translate("presenter.illustrative_values", lang),
        source_ids=_unique(sources),
    )


def _opportunity(ds: Dataset, slide: Slide, today: dt.date) -> Slide:
    lang, oid = slide.lang, slide.scene.opportunity_id
    frame = opportunity_frame(ds)
    row = frame[frame["opportunity_id"] == oid].iloc[0]

    def label(key: str) -> str:
        return translate(f"opportunities.col.{key}", lang)

    # The heading names the slot and its stage, the map marks its plot: the facts are what it offers.
    facts = (
        Fact(label("status"), status_label(row["status"], lang)),
        Fact(label("available_from"), formatting.year(row["available_from"]), row["provenance"]),
        Fact(label("plot_area"), formatting.area_ha(row["area_ha"], lang), row["plot_provenance"]),
        Fact(label("floor_area"), _floor_text(row["max_floor_area_m2"], lang), "illustrative"),
        Fact(label("model"), model_label(row["investment_model"], lang), "illustrative"),
    )
    benefits = opps.benefits_of(ds, row["benefit_ids"])
    year = map_year(ds, today)
    records = deck.plot_records(ds, lang, year, today=today)
    return replace(
        slide,
        picture=SITE_MAP,
        year=year,
        highlight_plots=(row["plot_id"],),
        heading=labels.opportunity_name(ds, oid, lang),
        facts=facts,
        lines=tuple(str(t) for t in benefits[f"title_{lang}"]),
        legend=(
            *_site_legend(records, lang),
            LegendItem(
                translate("presenter.legend.this_plot", lang),
                "#{:02x}{:02x}{:02x}".format(*deck.HIGHLIGHT_OUTLINE),
                "outline",
            ),
        ),
        provenance="illustrative",
        note=translate("presenter.illustrative_values", lang),
        source_ids=_unique(opps.all_source_ids(row)),
        extra={"benefits_heading": translate("presenter.benefits", lang)},
    )


# --- operators, legal regime, contact ------------------------------------------------------------------


def _operators(ds: Dataset, slide: Slide, today: dt.date) -> Slide:
    lang = slide.lang
    counts = status_counts(ds)
    ops = ds["operators"]
    figures = tuple(
        Fact(translate(f"ostatus.{status}", lang), formatting.count(len(ids), lang))
        for status, ids in counts.items()
        if ids
    )
    legend = tuple(
        LegendItem(translate(f"operators.map.legend.{category}", lang), worldmap.STYLE[category][0])
        for category in worldmap.CATEGORIES[1:]
    )
    members = ds["countries"][ds["countries"]["oecd_member"].fillna(False).astype(bool)]
    sources = [sid for ids in ops["source_ids"] for sid in ids] + [sid for ids in members["source_ids"] for sid in ids]
    return replace(
        slide,
        picture=WORLD_MAP,
        figures=figures,
        legend=legend,
        provenance=_worst(ops["provenance"].dropna()),
        source_ids=_unique(sources),
    )


def _legal(ds: Dataset, slide: Slide, today: dt.date) -> Slide:
    lang = slide.lang
    sections = provision_sections(ds)
    cards: list[Card] = []
    if slide.scene.params.get("section") == "risks":
        events = context_milestones(ds)
        for _, ms in events.iterrows():
            when = formatting.date(ms["date"], lang, ms["date_precision"])
            cards.append(Card(str(ms[f"title_{lang}"]), caption=when))
        rows = sections["risk"]
        frames = [events, rows]
    else:
        rows = queries.value_proposition(ds)
        frames = [rows]
    for _, prov in rows.iterrows():
        article = prov["article"]
        caption = formatting.article(article, lang) if isinstance(article, str) and article.strip() else ""
        cards.append(Card(str(prov[f"title_{lang}"]), str(prov[f"text_{lang}"]), caption))
    provenance = _worst(pd.concat(frames)["provenance"].dropna())
    sources = [sid for frame in frames for ids in frame["source_ids"] for sid in ids]
    return replace(slide, cards=tuple(cards), provenance=provenance, source_ids=_unique(sources))


def _contact(ds: Dataset, slide: Slide, today: dt.date) -> Slide:
    lang = slide.lang
    card = contact_card(ds, lang)
    facts = []
    if card.website:
        facts.append(Fact(translate("presenter.contact.website", lang), card.website.split("://", 1)[1].rstrip("/")))
    if card.email:
        facts.append(Fact(translate("presenter.contact.email", lang), card.email))
    if card.phone:
        facts.append(Fact(translate("presenter.contact.phone", lang), card.phone))
    if card.languages:
        facts.append(Fact(translate("presenter.contact.languages", lang), card.languages))
    return replace(
        slide,
        picture=QR_CODE,
        heading=card.organisation or "",
        lines=(card.role,) if card.role else (),
        facts=tuple(facts),
        provenance=card.provenance or "derived",
        source_ids=_unique(card.source_ids),
        extra={
            "qr_url": qr.enquiry_url(lang, card.website),
            "qr_label": translate("presenter.enquiry_qr" if qr.hosted_base() else "presenter.contact.website", lang),
        },
    )


_BUILDERS: dict[str, Callable[[Dataset, Slide, dt.date], Slide]] = {
    "kpis": _kpis,
    "site_map": _site_map,
    "locator": _locator,
    "timeline": _timeline,
    "opportunities": _opportunities,
    "opportunity": _opportunity,
    "operators": _operators,
    "legal": _legal,
    "contact": _contact,
}


def _unique(ids) -> tuple[str, ...]:
    return tuple(dict.fromkeys(ids))


def _worst(provenances) -> str:
    """The provenance a set of values carries together: illustrative beats derived beats sourced."""
    found = set(provenances)
    for level in ("illustrative", "derived"):
        if level in found:
            return level
    return "sourced"
