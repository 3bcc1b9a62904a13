"""Presenter mode: large type, no sidebar or toolbar, and a guided walk through saved *scenes*.

A scene is a row of ``imc_data/tables/scenes.csv``: a page, optional page state as URL parameters
(``plot=P07&stage=S2``), an optional language and a title in English and Russian. Presenter mode is
on while the address holds ``present=1``; ``scene=N`` says which scene (1-based) is showing. Next /
Back (buttons, or the arrow keys) move to the neighbouring scene, wrapping around at either end.

The scene logic is pure and tested without Streamlit; :func:`render` draws the bar and is called by
:func:`dashboard.frame.page_setup` on every page.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from urllib.parse import parse_qsl

import pandas as pd
import streamlit as st

from imc_data import Dataset, schema
from imc_data.findings import Finding

from .i18n import LANGS, translate
from .nav import PAGES, page
from .safe import md

PRESENT_PARAM = "present"
SCENE_PARAM = "scene"
# Parameters the presenter itself sets; a scene may not set them through ``params``.
RESERVED_PARAMS = (PRESENT_PARAM, SCENE_PARAM, "lang")
SCENES_FILE = schema.TABLES["scenes"].filename
NEXT_SHORTCUT = "Right"
BACK_SHORTCUT = "Left"


@dataclass(frozen=True)
class Scene:
    """A playable scene: its 1-based position, the page and the URL state to apply."""

    number: int
    scene_id: str
    page: str
    lang: str | None
    params: dict[str, str] = field(default_factory=dict)
    title_en: str = ""
    title_ru: str = ""
    note_en: str = ""
    note_ru: str = ""

    def title(self, lang: str) -> str:
        """Scene title in ``lang``."""
        return self.title_ru if lang == "ru" else self.title_en

    def note(self, lang: str) -> str:
        """Presenter's note in ``lang`` (may be empty)."""
        return self.note_ru if lang == "ru" else self.note_en


def parse_params(text: object) -> dict[str, str]:
    """``"plot=P07&stage=S2"`` → ``{"plot": "P07", "stage": "S2"}``; empty or missing → ``{}``.

    Raises
    ------
    ValueError
        When a part is not ``key=value`` (the message names the part).
    """
    if text is None or (isinstance(text, float) and pd.isna(text)) or not str(text).strip():
        return {}
    out: dict[str, str] = {}
    for part in str(text).strip().split("&"):
        if "=" not in part or not part.split("=", 1)[0].strip():
            raise ValueError(f"'{part}' is not of the form key=value")
        ((key, value),) = parse_qsl(part, keep_blank_values=True, strict_parsing=True)
        out[key.strip()] = value.strip()
    return out


def scene_findings(scenes: pd.DataFrame, page_keys: Iterable[str] | None = None) -> list[Finding]:
    """Check what the schema cannot: each scene names a known page and well-formed parameters.

    Parameters
    ----------
    scenes : DataFrame
        The ``scenes`` table (file order; row ``i`` is spreadsheet line ``i + 2``).
    page_keys : iterable of str, optional
        Known page keys; default the keys of :data:`dashboard.nav.PAGES`.

    Returns
    -------
    list of Finding
        Errors with file, row, column and how to fix them.
    """
    keys = list(page_keys) if page_keys is not None else [p.key for p in PAGES]
    found: list[Finding] = []
    for i, (_, row) in enumerate(scenes.iterrows()):
        line = i + 2
        if row["page"] not in keys:
            found.append(
                Finding(
                    SCENES_FILE,
                    line,
                    "page",
                    "error",
                    f"unknown page '{row['page']}' in scene {row['scene_id']}; use one of: {', '.join(keys)}",
                )
            )
        try:
            params = parse_params(row["params"])
        except ValueError as exc:
            found.append(
                Finding(
                    SCENES_FILE,
                    line,
                    "params",
                    "error",
                    f"{exc} in scene {row['scene_id']}; write parameters as key=value joined by & (plot=P07&stage=S2)",
                )
            )
            continue
        for key in params:
            if key in RESERVED_PARAMS:
                column = "lang" if key == "lang" else "params"
                found.append(
                    Finding(
                        SCENES_FILE,
                        line,
                        "params",
                        "error",
                        f"'{key}' is set by the presenter in scene {row['scene_id']}; remove it from params"
                        + (" and use the lang column" if column == "lang" else ""),
                    )
                )
    return found


def playable_scenes(scenes: pd.DataFrame, page_keys: Iterable[str] | None = None) -> tuple[list[Scene], list[str]]:
    """The scenes that can be shown, numbered from 1, and the ids of those left out.

    A scene is left out when :func:`scene_findings` reports it: the presentation then runs over
    the others instead of failing.

    Parameters
    ----------
    scenes : DataFrame
        The ``scenes`` table.
    page_keys : iterable of str, optional
        All known page keys; default the keys of :data:`dashboard.nav.PAGES`.
    """
    bad_rows = {f.row for f in scene_findings(scenes, page_keys)}
    out: list[Scene] = []
    skipped: list[str] = []
    for i, (_, row) in enumerate(scenes.iterrows()):
        if i + 2 in bad_rows:
            skipped.append(row["scene_id"])
            continue
        out.append(
            Scene(
                number=len(out) + 1,
                scene_id=row["scene_id"],
                page=row["page"],
                lang=row["lang"] if row["lang"] in LANGS else None,
                params=parse_params(row["params"]),
                title_en=_text(row["title_en"]),
                title_ru=_text(row["title_ru"]),
                note_en=_text(row["note_en"]),
                note_ru=_text(row["note_ru"]),
            )
        )
    return out, skipped


def _text(value: object) -> str:
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)


def step(current: int | None, delta: int, total: int) -> int:
    """The scene after moving ``delta`` (+1 Next, -1 Back) from ``current``, wrapping around.

    With no current scene, Next starts at 1 and Back at the last scene. ``total`` must be ≥ 1.
    """
    if total < 1:
        raise ValueError("no scenes to step through")
    if current is None:
        return 1 if delta > 0 else total
    return (current - 1 + delta) % total + 1


def current_number(raw: object, total: int) -> int | None:
    """The scene number held in the URL, or ``None`` when missing or out of range."""
    try:
        number = int(str(raw))
    except (TypeError, ValueError):
        return None
    return number if 1 <= number <= total else None


def scene_query(scene: Scene, lang: str) -> dict[str, str]:
    """URL parameters that reproduce ``scene``: presenter flags, the language and the page state.

    ``lang`` is the presenter's current language, kept when the scene does not set one.
    """
    query = {PRESENT_PARAM: "1", SCENE_PARAM: str(scene.number)}
    chosen = scene.lang or lang
    if chosen != "en":
        query["lang"] = chosen
    query.update(scene.params)
    return query


def first_scene_for(scenes: list[Scene], page_key: str) -> Scene | None:
    """The first scene shown on ``page_key`` (where presenting starts when switched on there)."""
    return next((s for s in scenes if s.page == page_key), None)


# --------------------------------------------------------------------------------------------
# Streamlit part
# --------------------------------------------------------------------------------------------

# Static CSS, no data in it: hide the sidebar, its toggle, the toolbar and header; enlarge type
# (Streamlit sizes text in rem, so the root font size scales the page).
PRESENTER_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
[data-testid="stToolbar"], [data-testid="stHeader"], [data-testid="stDecoration"], [data-testid="stStatusWidget"] {
  display: none !important;
}
html { font-size: 21px; }
[data-testid="stMainBlockContainer"] { padding-top: 1.2rem; max-width: 100%; }
</style>
"""


def is_presenting(query: Mapping[str, object]) -> bool:
    """Whether the URL asks for presenter mode (``present=1``)."""
    return str(query.get(PRESENT_PARAM, "")) in ("1", "true", "yes")


def render(page_key: str, lang: str, dataset: Dataset) -> None:
    """Draw the presenter toggle (sidebar) or, when presenting, the scene bar and the presenter CSS."""
    scenes, skipped = playable_scenes(dataset["scenes"])
    if st.session_state.pop("_presenter_start", False) and scenes:
        start = first_scene_for(scenes, page_key) or scenes[0]
        _go(start, lang)
    if not is_presenting(st.query_params):
        st.sidebar.toggle(
            translate("presenter.toggle", lang),
            key="presenter_toggle",
            value=False,
            on_change=_request_start,
            help=translate("presenter.toggle_help", lang),
            disabled=not scenes,
        )
        return
    st.html(PRESENTER_CSS)
    if not scenes:
        st.warning(translate("presenter.no_scenes", lang))
        return
    number = current_number(st.query_params.get(SCENE_PARAM), len(scenes))
    scene = scenes[number - 1] if number else None
    with st.container(border=True, key="presenter_bar"):
        back, middle, forward, language, leave = st.columns([1.7, 5, 1.7, 1.2, 1.1], vertical_alignment="center")
        if back.button(
            translate("presenter.back", lang),
            shortcut=BACK_SHORTCUT,
            key="presenter_back",
            width="stretch",
        ):
            _go(scenes[step(number, -1, len(scenes)) - 1], lang)
        counter = translate("presenter.counter", lang, n=number if number else "–", total=len(scenes))
        title = md(scene.title(lang)) if scene else md(translate(f"nav.{page_key}", lang))
        middle.markdown(f"**{counter}** · {title}")
        if scene and scene.note(lang):
            middle.caption(md(scene.note(lang)))
        if forward.button(
            translate("presenter.next", lang),
            shortcut=NEXT_SHORTCUT,
            key="presenter_next",
            type="primary",
            width="stretch",
        ):
            _go(scenes[step(number, +1, len(scenes)) - 1], lang)
        other = "en" if lang == "ru" else "ru"
        language.button(
            translate("presenter.switch_language", lang),
            key="presenter_lang",
            on_click=_set_language,
            args=(other,),
            width="stretch",
        )
        leave.button(translate("presenter.exit", lang), key="presenter_exit", on_click=_exit, width="stretch")
        if skipped:
            st.caption(translate("presenter.skipped", lang, n=len(skipped), ids=", ".join(skipped)))
            for finding in scene_findings(dataset["scenes"]):
                st.caption(md(finding.format()))


def _request_start() -> None:
    st.session_state["_presenter_start"] = True
    st.session_state["presenter_toggle"] = False


def _go(scene: Scene, lang: str) -> None:
    st.switch_page(page(scene.page).script, query_params=scene_query(scene, lang))


def _set_language(lang: str) -> None:
    if lang == "en":
        st.query_params.pop("lang", None)
    else:
        st.query_params["lang"] = lang


def _exit() -> None:
    st.query_params.pop(PRESENT_PARAM, None)
    st.query_params.pop(SCENE_PARAM, None)
