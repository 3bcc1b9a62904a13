"""Human labels: enumerated values as words, plots and opportunities by what they are.

An investor reads "Under construction", "Build-to-lease by the IMC Fund", "Plot 4 · Oncology
hospital" and "Ophthalmology clinic · Stage 2"; the codes (``under_construction``, ``P04``,
``O05``) stay available for cards, tooltips and URLs but are never the headline.

* :func:`label` — one enumerated value in the page language (words in ``i18n/labels.py``).
  A value the words do not know yet (a data engineer added a status) never crashes a page:
  it is shown humanised ("Announced not realised") and logged once, so someone adds words.
* :func:`plot_names` / :func:`plot_name` — "Plot 4 · <what stands or is planned there>".
* :func:`opportunity_names` / :func:`opportunity_name` — "<what> · <stage>".

Pure functions of the tables (a :class:`imc_data.Dataset` or any mapping of table name to
DataFrame); no Streamlit.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping

import pandas as pd

from .i18n import catalog, col, normalise_lang, translate
from .i18n.labels import LABELS

log = logging.getLogger(__name__)

KINDS = tuple(LABELS)
"""The kinds of enumerated values with words: ``facility_status``, ``investment_model``, …"""

# Which facility names a plot: the most advanced one; a project announced and never realised
# does not name a plot (what is open there is the better name).
_STATUS_RANK = ("operating", "completed", "partly_completed", "under_construction", "planned", "unknown")
_PLOT_NUMBER = re.compile(r"^[A-Za-z]+-?0*(\d+)$")
_warned: set[tuple[str, str]] = set()


def provenance_words(provenance: object, lang: str) -> str:
    """``"illustrative"`` / ``"выведено"``: a provenance worth saying beside a value; ``""`` for a sourced one.

    The one home of the rule that a plainly sourced value carries no mark (badges on screen, words in PDFs).
    """
    if not provenance or provenance == "sourced":
        return ""
    return label("provenance", provenance, lang)


def count_provenance(provenance: object) -> str:
    """The provenance a count is shown with: ``illustrative`` when it counts illustrative rows, else ``sourced``.

    Every count is worked out from rows, so "derived" beside each would say nothing; that the rows counted are
    only an illustration is worth a mark (the open opportunities, on the Overview and its slide).
    """
    return "illustrative" if provenance == "illustrative" else "sourced"


def download_name(title: str, extension: str) -> str:
    """``imc-ophthalmology-clinic.pdf``: a file name that says what is inside, in the page's language.

    An investor's downloads folder shows the name, not the card: a code ("imc_O05_en.pdf") says nothing there.
    """
    words = re.sub(r"[^\w]+", "-", title.lower()).strip("-_")
    return f"imc-{words or 'file'}.{extension}"


def humanise(value: object) -> str:
    """``build_to_lease`` → ``Build to lease``: a readable form of a code nobody wrote words for."""
    text = re.sub(r"[_\-]+", " ", str(value)).strip()
    return text[:1].upper() + text[1:]


def label(kind: str, value: object, lang: str) -> str:
    """The words for an enumerated ``value`` of ``kind`` in ``lang``.

    Parameters
    ----------
    kind : str
        One of :data:`KINDS` (e.g. ``facility_status``, ``opportunity_status``, ``permitted_use``).
    value : object
        The value as stored in the table. Missing gives ``—``.
    lang : str
        ``en`` or ``ru``.

    Returns
    -------
    str
        The translated words; for a value (or kind) without words, the humanised value
        (logged once per kind and value as a warning).
    """
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return "—"
    key = f"label.{kind}.{value}"
    if key in catalog():
        return translate(key, lang)
    if (kind, str(value)) not in _warned:
        _warned.add((kind, str(value)))
        log.warning(
            "no words for %s value %r: shown as %r (add it to dashboard/i18n/labels.py)", kind, value, humanise(value)
        )
    return humanise(value)


def labels_for(kind: str, lang: str) -> dict[str, str]:
    """Every known value of ``kind`` with its words, in the order they are listed (for legends and filters)."""
    return {value: translate(f"label.{kind}.{value}", lang) for value in LABELS.get(kind, {})}


def format_func(kind: str, lang: str):
    """A ``format_func`` for Streamlit choice widgets showing the words of ``kind`` in ``lang``."""
    return lambda value: label(kind, value, lang)


# --- plots and opportunities -----------------------------------------------------------------------


def plot_number(plot_id: object) -> str:
    """``P04`` → ``4``: the number a person says; an id of another shape is kept as it is."""
    match = _PLOT_NUMBER.match(str(plot_id).strip())
    return match.group(1) if match else str(plot_id)


def _table(tables: Mapping, name: str) -> pd.DataFrame:
    try:
        return tables[name]
    except KeyError:
        return pd.DataFrame()


def _text(value: object) -> str | None:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    text = str(value).strip()
    return text or None


def _best_facility_names(facilities: pd.DataFrame, lang: str) -> dict[str, str]:
    """Plot id → name of its most advanced facility (never an announced-and-abandoned one)."""
    if facilities.empty or "plot_id" not in facilities:
        return {}
    rank = {status: i for i, status in enumerate(_STATUS_RANK)}
    best: dict[str, tuple[int, str]] = {}
    for plot_id, status, name in zip(
        facilities["plot_id"], facilities["status"], facilities[col("name", lang)], strict=True
    ):
        plot, text = _text(plot_id), _text(name)
        if plot is None or text is None or status not in rank:
            continue
        if plot not in best or rank[status] < best[plot][0]:
            best[plot] = (rank[status], text)
    return {plot: text for plot, (_, text) in best.items()}


def _opportunity_specialties(opportunities: pd.DataFrame, lang: str) -> dict[str, str]:
    """Plot id → specialty of its opportunity, an open one first."""
    if opportunities.empty:
        return {}
    out: dict[str, str] = {}
    ordered = opportunities.assign(_open=opportunities["status"] != "open").sort_values("_open", kind="stable")
    for plot_id, specialty in zip(ordered["plot_id"], ordered[col("specialty", lang)], strict=True):
        plot, text = _text(plot_id), _text(specialty)
        if plot is not None and text is not None:
            out.setdefault(plot, text)
    return out


def plot_subjects(tables: Mapping, lang: str) -> dict[str, str | None]:
    """What names each plot (``{"P04": "Moscow City Oncology Hospital No. 62 …"}``; ``None`` if nothing does).

    First found: its most advanced facility (operating, completed, under construction, planned,
    status unconfirmed — a project announced and never realised does not count); else the
    specialty of its opportunity (an open one first); else its permitted use. The site plan's
    map labels use it with the plot number ("4 · …"), :func:`plot_names` with the word "Plot".
    """
    lang = normalise_lang(lang)
    plots = _table(tables, "plots")
    facility = _best_facility_names(_table(tables, "facilities"), lang)
    specialty = _opportunity_specialties(_table(tables, "opportunities"), lang)
    return {
        plot_id: facility.get(plot_id)
        or specialty.get(plot_id)
        or (label("permitted_use", use, lang) if _text(use) else None)
        for plot_id, use in zip(plots.get("plot_id", []), plots.get("permitted_use", []), strict=True)
    }


def plot_names(tables: Mapping, lang: str) -> dict[str, str]:
    """Every plot's human name: ``{"P04": "Plot 4 · Moscow City Oncology Hospital No. 62 …"}``.

    "Plot <number>" and what names it (:func:`plot_subjects`), or "Plot <number>" alone.
    """
    lang = normalise_lang(lang)
    names = {}
    for plot_id, what in plot_subjects(tables, lang).items():
        n = plot_number(plot_id)
        names[plot_id] = (
            translate("label.plot_named", lang, n=n, what=what) if what else translate("label.plot", lang, n=n)
        )
    return names


def plot_name(tables: Mapping, plot_id: str, lang: str) -> str:
    """One plot's human name (see :func:`plot_names`); an unknown id gives ``Plot <number>``."""
    return plot_names(tables, lang).get(plot_id) or translate("label.plot", lang, n=plot_number(plot_id))


def opportunity_names(tables: Mapping, lang: str) -> dict[str, str]:
    """Every opportunity's human name: ``{"O05": "Ophthalmology clinic · Stage 2"}``.

    What: the facility planned on the opportunity's plot when there is exactly one, else the
    opportunity's specialty; then the stage's name. An opportunity without a stage shows the what alone.
    """
    lang = normalise_lang(lang)
    opportunities = _table(tables, "opportunities")
    facilities = _table(tables, "facilities")
    stages = _table(tables, "stages")
    stage_names = dict(zip(stages.get("stage_id", []), stages.get(col("name", lang), []), strict=True))
    planned: dict[str, list[str]] = {}
    if not facilities.empty:
        rows = facilities[facilities["status"] == "planned"]
        for plot_id, name in zip(rows["plot_id"], rows[col("name", lang)], strict=True):
            if _text(plot_id) and _text(name):
                planned.setdefault(plot_id, []).append(_text(name))
    names = {}
    for _, opp in opportunities.iterrows():
        on_plot = planned.get(opp["plot_id"], [])
        what = on_plot[0] if len(on_plot) == 1 else _text(opp[col("specialty", lang)]) or str(opp["opportunity_id"])
        stage = _text(stage_names.get(opp.get("stage_id")))
        names[opp["opportunity_id"]] = (
            translate("label.opportunity_named", lang, what=what, stage=stage) if stage else what
        )
    return names


def opportunity_name(tables: Mapping, opportunity_id: str, lang: str) -> str:
    """One opportunity's human name (see :func:`opportunity_names`); an unknown id is returned as it is."""
    return opportunity_names(tables, lang).get(opportunity_id, str(opportunity_id))
