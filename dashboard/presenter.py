"""Presenter mode: the story of ``scenes.csv`` as full-screen slides, a speaker view and a PDF deck.

Presenter mode is on while the address holds ``present=1`` (on any page: the frame calls
:func:`render`, which draws the slide and stops the page). ``scene=N`` says which slide shows;
opening presenter mode without it shows slide 1 at once. Next / Back (buttons, the arrow keys or
a clicker, which sends the same keys) move to the neighbouring slide, wrapping around, by
changing only ``scene`` — the same script reruns, no page switch. ``speaker=1`` draws the
speaker view instead: the current slide's notes and the next slide's title, following the main
window through a channel named by ``talk=`` (a token made per presenting session).

The story itself (:mod:`imc_data.scenes`) and what a slide says (:mod:`dashboard.slides.content`)
are pure and tested without Streamlit.
"""

from __future__ import annotations

import logging
import re
import secrets
import threading
from collections.abc import Mapping
from typing import TYPE_CHECKING
from urllib.parse import urlencode

import streamlit as st

from imc_data import Dataset
from imc_data.scenes import (
    PRESENT_PARAM,
    SCENE_PARAM,
    SPEAKER_PARAM,
    Scene,
    first_scene_for,
    playable_scenes,
    scene_number,
    step,
)

from .cache.shared import shared_result
from .i18n import translate
from .nav import lang_query, page, store_lang
from .safe import markup, md

_LOG = logging.getLogger(__name__)
if TYPE_CHECKING:
    from .slides.content import Slide

TALK_PARAM = "talk"
NEXT_SHORTCUT = "Right"
BACK_SHORTCUT = "Left"
NAV_BUTTON_PX = 128  # Back and Next: one width in both languages, so they never move under the pointer
PRESENTING_KEY = "imc-presenting"  # the container of a slide (PRESENTER_CSS styles it)
SPEAKER_REFRESH = "1s"

# Sent by :func:`render` only while a slide (or the speaker view) is on screen, so its rules need no
# ``html:has(...)`` / ``body:has(...)`` condition: such a rule made every other page pay for it, the
# browser re-checking it on every change to the page.
# The page chrome is hidden, type is large (every text >= 18 px at 1440 x 900) and the slide fills the
# screen without scrolling (dashboard/slides/screen.py sizes its pictures for this).
PRESENTER_CSS = """
<style>
html { font-size: 20px; }
:is([data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
  [data-testid="stToolbar"], [data-testid="stHeader"], [data-testid="stDecoration"],
  [data-testid="stStatusWidget"]) { display: none !important; }
[data-testid="stMainBlockContainer"] { padding: 0.6rem 1.6rem 0.4rem; max-width: 100%; }
.st-key-imc-presenting { gap: 0.4rem; }
.st-key-imc-presenting :is([data-testid="stCaptionContainer"], [data-testid="stMetricLabel"] p, small,
  [data-testid="stPopover"] button p, :is(button, a) :is(p, span, kbd)) { font-size: max(0.95rem, 18px); }
/* Badges (provenance) beside values and in the footnote line. */
.st-key-imc-presenting .stMarkdownBadge { font-size: max(0.95rem, 18px) !important; }
.st-key-imc-presenting .imc-slide-heading { font-size: 1.8rem; font-weight: 700; line-height: 1.25; }
/* Streamlit pulls a Markdown block up by 1rem (margin-bottom: -1rem); without this the slide below
   draws over the heading's lower half. */
.st-key-imc-presenting [data-testid="stMarkdownContainer"]:has(.imc-slide-heading) { margin-bottom: 0; }
.st-key-imc-slide-bar .imc-slide-counter { color: #555; font-weight: 600; }
/* The speaker view, the deck and Exit at the right end (a spacer element would be one more for the browser). */
.st-key-imc-slide-bar [data-testid="stElementContainer"]:has([data-testid="stLinkButton"]) { margin-left: auto; }
.st-key-imc-slide-points li { font-size: 1.05rem; margin-bottom: 0.25rem; }
.st-key-imc-slide-kpis [data-testid="stMetricValue"], .st-key-imc-slide-kpis [data-testid="stMetricValue"] p {
  font-size: min(2.6rem, 2.7vw); font-weight: 700;  /* the longest value ("450,000 m²") on one line, three cards a row */
}
.st-key-imc-slide-footnote p { color: #444; margin: 0; }
.imc-legend { display: flex; flex-flow: row wrap; gap: 0.3rem 1.1rem; margin-top: 0.6rem; }
.imc-legend-item { display: inline-flex; align-items: center; gap: 0.5rem; }
.st-key-imc-presenting .imc-swatch { display: inline-block; width: 1.4em; height: 0.9em; border-radius: 2px; }
</style>
"""

# A slide is laid out for a 1440 × 900 screen (dashboard.slides.screen.DESIGN_VIEWPORT). On a smaller one
# (a 1280 × 720 projector, a 1366 × 768 laptop) the whole slide is scaled down to fit, as presentation software
# does, instead of running off the bottom; larger screens keep it at its size. The factor is a CSS variable on
# <html> that the browser keeps current on resize. No "<" in the script: st.html's sanitiser would drop it.
SLIDE_FIT_JS = """<script>(function () {
  const fit = () => {
    const zoom = Math.min(1, (window.innerWidth - PAD_X) / WIDTH, (window.innerHeight - PAD_Y) / HEIGHT);
    document.documentElement.style.setProperty('--imc-slide-zoom', String(Math.max(zoom, 0.5)));
  };
  fit();
  if (!window.imcSlideFit) { window.imcSlideFit = true; window.addEventListener('resize', fit); }
})();</script>"""
SLIDE_FIT_KEY = "imc-slide-fit"  # the container of everything on a slide, scaled as one by SLIDE_FIT_CSS
# Laid out as wide as the design needs, then drawn smaller; the page does not scroll under it (the transformed
# box keeps its full height in the layout). Every slide: its pictures are SVG or HTML drawn at the design size.
SLIDE_FIT_CSS = """<style>
.st-key-imc-slide-fit { gap: 0.4rem; width: calc(100% / var(--imc-slide-zoom, 1)) !important; max-width: none !important;
  transform: scale(var(--imc-slide-zoom, 1)); transform-origin: 0 0; }
[data-testid="stMain"] { overflow: hidden; }
</style>"""
SLIDE_PAD_PX = (64, 20)  # the main block's padding around a slide in PRESENTER_CSS (1.6rem each side; 0.6 + 0.4rem)


def _slide_fit_script(design: tuple[int, int]) -> str:
    """:data:`SLIDE_FIT_JS` for a slide laid out on a ``design`` (width, height) screen."""
    (width, height), (pad_x, pad_y) = design, SLIDE_PAD_PX
    values = {"PAD_X": pad_x, "PAD_Y": pad_y, "WIDTH": width - pad_x, "HEIGHT": height - pad_y}
    return re.sub("PAD_X|PAD_Y|WIDTH|HEIGHT", lambda m: str(values[m.group(0)]), SLIDE_FIT_JS)


def is_presenting(query: Mapping[str, object]) -> bool:
    """Whether the URL asks for presenter mode (``present=1``)."""
    return str(query.get(PRESENT_PARAM, "")) in ("1", "true", "yes")


@shared_result(key=lambda token: token, max_entries=64)
def _channel(token: str) -> dict:
    """The slide a presenting session shows, shared with its speaker view (same server, same token)."""
    return {}


def render(page_key: str, lang: str, dataset: Dataset, *, offer_toggle: bool = True) -> None:
    """The presenter toggle (sidebar); or, with ``?present=1``, the slide (or speaker view), then stop the page.

    ``offer_toggle=False`` (a phone) leaves the toggle out of the menu; ``?present=1`` still presents.
    """
    scenes, skipped = playable_scenes(dataset["scenes"])
    if st.session_state.pop("_presenter_start", False) and scenes:
        start = first_scene_for(scenes, page_key) or scenes[0]
        st.query_params[PRESENT_PARAM] = "1"
        st.query_params[SCENE_PARAM] = str(start.number)
    if not is_presenting(st.query_params):
        if not offer_toggle:
            return
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
    with st.container(key=PRESENTING_KEY):
        if not scenes:
            st.warning(translate("presenter.no_scenes", lang))
        elif str(st.query_params.get(SPEAKER_PARAM, "")) == "1":
            _speaker_view(dataset, scenes, lang)
        else:
            from .slides.screen import DESIGN_VIEWPORT  # not loaded by a page that is not presenting

            # In the sidebar, which a fragment may not write to.
            st.sidebar.html(_slide_fit_script(DESIGN_VIEWPORT), unsafe_allow_javascript=True)
            st.html(SLIDE_FIT_CSS)  # the same for every slide: not sent again by Back and Next
            _slide_view(dataset, scenes, skipped, lang)
    st.stop()


def _request_start() -> None:
    st.session_state["_presenter_start"] = True
    st.session_state["presenter_toggle"] = False


def _talk_token() -> str:
    token = str(st.query_params.get(TALK_PARAM, "")) or st.session_state.get("_presenter_talk")
    if not token:
        token = secrets.token_urlsafe(8)
    st.session_state["_presenter_talk"] = token
    return token


@st.fragment
def _slide_view(ds: Dataset, scenes: list[Scene], skipped: list[str], lang: str) -> None:
    """The slide and its bar: Back and Next rerun only this part, not the page's frame around it."""
    # Imported here: the slides' figure builders are not needed by a page that is not presenting.
    from .slides import content, screen

    number = scene_number(st.query_params.get(SCENE_PARAM), len(scenes))
    if number is None:  # opening presenter mode shows slide 1 at once
        number = 1
        st.query_params[SCENE_PARAM] = "1"
    scene = scenes[number - 1]
    slide = content.build_slide(ds, scene, scene.lang or lang)
    with st.container(key=SLIDE_FIT_KEY):
        _bar(ds, scenes, scene, slide, lang)
        # Escaped cell text in our own markup (a heading that wraps instead of being cut).
        st.markdown(
            f"<div class='imc-slide-heading' role='heading' aria-level='1'>{markup(slide.title)}</div>",
            unsafe_allow_html=True,
        )
        with st.container(key="imc-slide"):
            screen.draw_body(ds, slide, screen.DESIGN_VIEWPORT)
        screen.draw_footnote(ds, slide)
        if skipped:
            st.caption(translate("presenter.skipped", lang, n=len(skipped), ids=", ".join(skipped)))
    token = _talk_token()
    _channel(token).update(number=number, lang=lang, total=len(scenes))
    _warm_up_in_background(ds, scenes, number, lang)


_WARMING: set = set()  # (data, language) whose slide pictures a background thread has built or is building
_WARMING_LOCK = threading.Lock()


def _warm_up_in_background(ds: Dataset, scenes: list[Scene], number: int, lang: str) -> None:
    """Build every slide's picture in a background thread, the slides after ``number`` first, once per data and language.

    Why: building a slide's chart or map the first time takes a second or more; done here while the
    presenter talks, → finds it built. It runs after this slide has been sent (never in the way of what is
    on screen), and a slide asked for while its picture is being built waits for that one build
    (:mod:`dashboard.cache.shared`). Only data and pure builders are touched: no Streamlit call in the thread.
    """
    with _WARMING_LOCK:
        if (ds.content_key, lang) in _WARMING:
            return
        _WARMING.add((ds.content_key, lang))
    order = [scenes[(number + i) % len(scenes)] for i in range(len(scenes))]

    from .slides import content, figures, screen

    def build_all() -> None:
        try:
            for scene in order:
                slide = content.build_slide(ds, scene, scene.lang or lang)
                figures.prepare(ds, slide, screen.picture_px(slide, screen.DESIGN_VIEWPORT))
        except Exception:  # the slide itself will show what is wrong when it is opened; nothing to do here
            _LOG.warning("warming up the slides failed", exc_info=True)

    threading.Thread(target=build_all, name="imc-slide-warm-up", daemon=True).start()


def _bar(ds: Dataset, scenes: list[Scene], scene: Scene, slide: Slide, lang: str) -> None:
    """The slide's title and counter, Back / Next, the language, the speaker view, the PDF deck and Exit."""
    total = len(scenes)
    # Back, the counter and Next keep their places in both languages (fixed widths, on the left); the
    # language button is the last one, so after a click the pointer rests on it, not on a button whose
    # tooltip would then cover the slide, and a second click where Next was never switches back.
    with st.container(key="imc-slide-bar", horizontal=True, vertical_alignment="center", gap="small"):
        st.button(
            translate("presenter.back", lang),
            shortcut=BACK_SHORTCUT,
            key="presenter_back",
            on_click=_go,
            args=(step(scene.number, -1, total),),
            width=NAV_BUTTON_PX,
        )
        counter = translate("presenter.counter", lang, n=scene.number, total=total)
        st.markdown(
            f"<span class='imc-slide-counter'>{markup(counter)}</span>", unsafe_allow_html=True, width="content"
        )
        st.button(
            translate("presenter.next", lang),
            shortcut=NEXT_SHORTCUT,
            key="presenter_next",
            type="primary",
            on_click=_go,
            args=(step(scene.number, +1, total),),
            width=NAV_BUTTON_PX,
        )
        st.link_button(
            translate("presenter.speaker", lang),
            _speaker_link(lang),
            help=translate("presenter.speaker_help", lang),
        )
        _deck_button(ds, lang)
        if st.button(
            translate("presenter.exit", lang), key="presenter_exit", help=translate("presenter.exit_help", lang)
        ):
            st.switch_page(page(scene.page).script, query_params=lang_query(lang, scene.page_query()))
        # The whole page changes language (its title, the document's language): a rerun of the page.
        if st.button(translate("presenter.switch_language", lang), key="presenter_lang"):
            store_lang(st.query_params, "en" if lang == "ru" else "ru")
            st.rerun()


def _deck_button(ds: Dataset, lang: str) -> None:
    from .exports.deck_pdf import deck_pdf

    st.download_button(
        translate("presenter.deck_pdf", lang),
        data=lambda: deck_pdf(ds, lang),
        file_name=translate("presenter.pdf.file", lang, code=lang),
        mime="application/pdf",
        key="presenter_deck",
        help=translate("presenter.deck_pdf_help", lang),
        on_click="ignore",
        icon=":material/download:",
    )


def _speaker_link(lang: str) -> str:
    return "?" + urlencode(lang_query(lang, {PRESENT_PARAM: "1", SPEAKER_PARAM: "1", TALK_PARAM: _talk_token()}))


def _go(number: int) -> None:
    st.query_params[SCENE_PARAM] = str(number)


# --- the speaker view ------------------------------------------------------------------------------


def _speaker_view(ds: Dataset, scenes: list[Scene], lang: str) -> None:
    token = str(st.query_params.get(TALK_PARAM, ""))
    st.title(translate("presenter.speaker.title", lang))

    @st.fragment(run_every=SPEAKER_REFRESH)
    def follow() -> None:
        state = _channel(token) if token else {}
        number = state.get("number")
        if not number or number > len(scenes):
            st.info(translate("presenter.speaker.waiting", lang))
            return
        speaker_notes(scenes, number, state.get("lang", lang))

    follow()


def speaker_notes(scenes: list[Scene], number: int, lang: str) -> None:
    """The speaker's page for slide ``number``: title, talking points, notes, and what comes next."""
    scene = scenes[number - 1]
    talk_lang = scene.lang or lang
    st.markdown(f"**{translate('presenter.speaker.now', lang, n=number, total=len(scenes))}**")
    st.header(md(scene.title(talk_lang)))
    st.markdown(f"**{translate('presenter.speaker.points', lang)}**")
    st.markdown("\n".join(f"- {md(p)}" for p in scene.points(talk_lang)))
    st.markdown(f"**{translate('presenter.speaker.notes', lang)}**")
    st.markdown(md(scene.note(talk_lang)) or translate("presenter.speaker.no_notes", lang))
    if number < len(scenes):
        upcoming = scenes[number]
        st.subheader(translate("presenter.speaker.next", lang, title=md(upcoming.title(upcoming.lang or lang))))
    else:
        st.subheader(translate("presenter.speaker.last", lang))
