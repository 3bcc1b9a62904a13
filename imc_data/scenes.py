"""The presenter's story: the rows of ``scenes.csv`` as scenes, and how Next / Back move through them.

A scene is one slide: what it shows (``kind``: big numbers, the site map, the timeline, an
opportunity, the contact…), what it focuses on (a plot, an opportunity, a list of big numbers,
filters written as URL parameters), a title and two to four talking points in English and
Russian, and a note only the speaker sees. Scenes play in file order. Pure (no Streamlit): the
presenter, the PDF deck, the validator and the tests read the same scenes.

The table is checked like every other (:mod:`imc_data.schema`: kinds, pages, plot and
opportunity references) and by :func:`imc_data.consistency.check` (big numbers, parameters,
talking points in both languages), so a scene that names something unknown never reaches a slide.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import parse_qsl

import pandas as pd

from . import schema
from .missing import is_missing

PRESENT_PARAM = "present"
SCENE_PARAM = "scene"
SPEAKER_PARAM = "speaker"
DECK_PARAM = "deck"
# URL parameters the presenter sets itself; a scene may not set them through ``params``.
RESERVED_PARAMS = (PRESENT_PARAM, SCENE_PARAM, SPEAKER_PARAM, DECK_PARAM, "lang")
LEGAL_SECTIONS = ("provisions", "risks")  # what a ``legal`` slide can show (``section=`` in params)
LANGS = ("en", "ru")


@dataclass(frozen=True)
class Scene:
    """A playable scene: its 1-based position and what its row says."""

    number: int
    scene_id: str
    kind: str
    page: str
    lang: str | None = None
    plot_id: str | None = None
    opportunity_id: str | None = None
    kpis: tuple[str, ...] = ()
    params: dict[str, str] = field(default_factory=dict)
    titles: dict[str, str] = field(default_factory=dict)
    points_by_lang: dict[str, tuple[str, ...]] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)
    source_ids: tuple[str, ...] = ()

    def title(self, lang: str) -> str:
        """Slide title in ``lang``."""
        return self.titles.get(lang, "")

    def points(self, lang: str) -> tuple[str, ...]:
        """Talking points in ``lang`` (two to four, in order)."""
        return self.points_by_lang.get(lang, ())

    def note(self, lang: str) -> str:
        """The speaker's note in ``lang`` (may be empty)."""
        return self.notes.get(lang, "")

    def page_query(self) -> dict[str, str]:
        """The page state of this scene as URL parameters: its ``params`` plus the plot or opportunity in focus."""
        query = dict(self.params)
        if self.plot_id and "plot" not in query:
            query["plot"] = self.plot_id
        if self.opportunity_id and "opp" not in query:
            query["opp"] = self.opportunity_id
        return query


def parse_params(text: object) -> dict[str, str]:
    """``"stage=S1&milestones=false"`` → ``{"stage": "S1", "milestones": "false"}``; empty or missing → ``{}``.

    Raises
    ------
    ValueError
        When a part is not ``key=value`` (the message names the part).
    """
    if is_missing(text) or not str(text).strip():
        return {}
    out: dict[str, str] = {}
    for part in str(text).strip().split("&"):
        if "=" not in part or not part.split("=", 1)[0].strip():
            raise ValueError(f"'{part}' is not of the form key=value")
        ((key, value),) = parse_qsl(part, keep_blank_values=True, strict_parsing=True)
        out[key.strip()] = value.strip()
    return out


def _text(value: object) -> str:
    if is_missing(value):
        return ""
    return str(value).strip()


def talking_points(row: Mapping, lang: str) -> tuple[str, ...]:
    """The filled ``point1_<lang>`` … ``point4_<lang>`` cells of a scene row, in order."""
    cells = (_text(row.get(f"point{n}_{lang}")) for n in range(1, schema.SCENE_POINTS + 1))
    return tuple(text for text in cells if text)


def _scene(number: int, row: Mapping) -> Scene:
    lang = _text(row.get("lang"))
    return Scene(
        number=number,
        scene_id=_text(row.get("scene_id")),
        kind=_text(row.get("kind")),
        page=_text(row.get("page")),
        lang=lang if lang in LANGS else None,
        plot_id=_text(row.get("plot_id")) or None,
        opportunity_id=_text(row.get("opportunity_id")) or None,
        kpis=tuple(row.get("kpis") or ()),
        params=parse_params(row.get("params")),
        titles={code: _text(row.get(f"title_{code}")) for code in LANGS},
        points_by_lang={code: talking_points(row, code) for code in LANGS},
        notes={code: _text(row.get(f"note_{code}")) for code in LANGS},
        source_ids=tuple(row.get("source_ids") or ()),
    )


def playable_scenes(scenes: pd.DataFrame) -> tuple[list[Scene], list[str]]:
    """The scenes that can be shown, numbered from 1, and the ids of rows left out.

    The loader refuses a table with errors, so a validated table plays whole; a row is left
    out only if it cannot be read as a scene at all (an unknown kind, malformed parameters),
    so the talk goes on over the others instead of failing.
    """
    out: list[Scene] = []
    skipped: list[str] = []
    for _, row in scenes.iterrows():
        try:
            scene = _scene(len(out) + 1, row)
        except ValueError:
            skipped.append(_text(row.get("scene_id")))
            continue
        if scene.kind not in schema.SCENE_KINDS or scene.page not in schema.SCENE_PAGES:
            skipped.append(scene.scene_id)
            continue
        out.append(scene)
    return out, skipped


def step(current: int | None, delta: int, total: int) -> int:
    """The scene after moving ``delta`` (+1 Next, -1 Back) from ``current``, wrapping around.

    With no current scene, Next starts at 1 and Back at the last scene. ``total`` must be ≥ 1.
    """
    if total < 1:
        raise ValueError("no scenes to step through")
    if current is None:
        return 1 if delta > 0 else total
    return (current - 1 + delta) % total + 1


def scene_number(raw: object, total: int) -> int | None:
    """The scene number held in the URL, or ``None`` when missing or out of range."""
    try:
        number = int(str(raw))
    except (TypeError, ValueError):
        return None
    return number if 1 <= number <= total else None


def first_scene_for(scenes: list[Scene], page_key: str) -> Scene | None:
    """The first scene that belongs to ``page_key`` (where presenting starts when switched on there)."""
    return next((s for s in scenes if s.page == page_key), None)
