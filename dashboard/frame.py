"""The frame every page starts with: ``ctx = page_setup("site_map")``.

It sets the page config, draws the language switch (kept in ``?lang=``) and the
translated navigation, loads the cached dataset, and stops the page with a clear
message when the data do not validate.

It is also the ONE place where the layout for a screen size is decided: :data:`FRAME_CSS`
(injected once per page run) holds the card style, equal-height cards in a row, and the phone
rules (below 640 px: KPI rows two per row, cards stacked, no sideways page scroll). Pages never
test the screen width themselves; they use :func:`kpi_row` and :func:`card_row`, whose keyed
containers the CSS addresses. The sidebar starts closed on a phone and open on a wide screen
(``initial_sidebar_state="auto"``); presenter mode keeps it collapsed.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st
from babel import Locale

from imc_data import Dataset, datainfo, queries

from . import formatting, palette, presenter
from .auth import is_staff
from .cache.dataset import get_dataset, staff_banner
from .cache.queries import newest_fact
from .i18n import DEFAULT_LANG, LANGS, normalise_lang, translate
from .nav import PAGES, lang_query, page, store_lang
from .safe import css_string, md

MAX_FINDINGS_SHOWN = 30
PHONE_MAX_WIDTH = 640  # px: below this the phone rules of FRAME_CSS apply
KPI_KEY = "imc-kpis"
CARDS_KEY = "imc-cards"
GRID_KEY = "imc-card-grid"
CTA_KEY = "imc-cta"
WIDE_KEY = "imc-wide-only"
NARROW_KEY = "imc-narrow-only"
VIEWPORT_COOKIE = "imc_vw"  # the browser's viewport width in px, written by the frame's script
PHONE_USER_AGENT = ("Mobile", "Android", "iPhone", "iPad")

# Static CSS, no data in it. Streamlit's own test ids are the hooks (stable across releases of
# 1.x); keyed containers carry the class ``st-key-<key>``.
FRAME_CSS = f"""
<style>
/* Cards: a bordered container or metric in a row of columns fills its column, so a row of
   cards has one height (the tallest) instead of ragged bottoms. */
[data-testid="stColumn"] > [data-testid="stVerticalBlock"] > [data-testid="stLayoutWrapper"]:last-child,
[data-testid="stColumn"] > [data-testid="stVerticalBlock"] > [data-testid="stElementContainer"]:last-child {{
  flex: 1 1 auto;
}}
[data-testid="stColumn"] > [data-testid="stVerticalBlock"] > [data-testid="stLayoutWrapper"]:last-child
  > [data-testid="stVerticalBlock"],
[data-testid="stColumn"] [data-testid="stMetric"] {{
  height: 100%;
}}
/* A wrapping row of cards (card_grid_container): three a line, each line as high as its tallest card. */
[class*="st-key-{GRID_KEY}"] {{ align-items: stretch; }}
/* Each card's wrapper steps aside (display: contents), so a card hidden by hide_keyed leaves no empty slot. */
[class*="st-key-{GRID_KEY}"] > [data-testid="stLayoutWrapper"] {{ display: contents; }}
[class*="st-key-{GRID_KEY}"] > [data-testid="stLayoutWrapper"] > [data-testid="stVerticalBlock"] {{
  flex: 0 0 calc((100% - 2rem) / 3); min-width: 0;  /* two gaps of 1rem ("small") */
}}
[data-testid="stMetricLabel"] p {{ white-space: normal; }}
/* A wrapped label filled the label's width and squeezed its (?) to nothing: the help keeps its room. */
[data-testid="stMetricLabel"] > div:first-child {{ min-width: 0; }}
[data-testid="stMetricLabel"] [data-testid="stTooltipIcon"] {{ flex-shrink: 0; min-width: 1.1rem; }}
/* A filter's list of choices wide enough for its longest choice, whatever its box: "Orthopaedics and traumatology"
   was cut to "Orthopaedics and traum" (the list is virtual: its content has no width of its own). */
[data-testid="stMultiSelectDropdown"] {{ min-width: min(36rem, calc(100vw - 2rem)); }}
/* Nothing is cut with an ellipsis: metric values and menu entries wrap instead (a number and its
   unit are joined by no-break spaces, so they only break as a last resort). */
[data-testid="stMetricValue"] .stMarkdownEllipsis, [data-testid="stMetricValue"] p,
[data-testid="stPageLink-NavLink"] span:not([data-testid="stIconMaterial"]),
[data-testid="stPageLink-NavLink"] [data-testid="stMarkdownContainer"],
[data-testid="stPageLink-NavLink"] p {{
  white-space: normal; overflow: visible; text-overflow: clip; overflow-wrap: anywhere;
}}
/* A KPI row keeps the height of its cards while its numbers arrive (no layout shift). */
[class*="st-key-{KPI_KEY}"] [data-testid="stColumn"] {{ min-height: 6.75rem; }}
/* Long words and addresses wrap instead of widening the page. */
[data-testid="stMarkdownContainer"] {{ overflow-wrap: anywhere; }}
/* ... but in a table a word stays whole: "anywhere" let the table squeeze a column to "Russi|a". */
[data-testid="stMarkdownContainer"] :is(td, th) {{ overflow-wrap: break-word; }}
[data-testid="stMainBlockContainer"] img, [data-testid="stMainBlockContainer"] svg {{ max-width: 100%; }}

/* Calls to action (containers keyed imc-cta-*): a page link drawn as the primary button. */
[class*="st-key-{CTA_KEY}"] a[data-testid="stPageLink-NavLink"] {{
  background: {palette.PRIMARY}; border-radius: 0.75rem; padding: 0.45rem 1rem; display: inline-flex;
}}
[class*="st-key-{CTA_KEY}"] a[data-testid="stPageLink-NavLink"]:hover {{ background: {palette.LINK}; }}
[class*="st-key-{CTA_KEY}"] a[data-testid="stPageLink-NavLink"] * {{ color: #ffffff !important; font-weight: 600; }}

/* Opportunities page: the filters bar gives each multiselect room for its chosen chips (never
   "O…"), wrapping to a second line rather than squeezing them. */
[class*="st-key-imc-opp-filters"] > [class*="st-key-url_"] {{
  flex: 1 1 10.5rem; min-width: 10.5rem;
}}
/* The comparison table: a status badge may wrap inside its cell rather than push the table wider. */
[data-testid="stTable"] td span, [data-testid="stTable"] th span {{ white-space: normal; }}
/* Overview: the grey context line under a big number ("up to 450,000 m² of floor area") wraps, never "…". */
.st-key-{KPI_KEY}-pitch [data-testid="stMetricDelta"] {{ height: auto; }}
.st-key-{KPI_KEY}-pitch [data-testid="stMetricDelta"] div,
.st-key-{KPI_KEY}-pitch [data-testid="stMetricDelta"] p {{
  white-space: normal; overflow: visible; text-overflow: clip;
}}

/* Blocks for one screen size only (frame.wide_only / frame.narrow_only): CSS decides what is seen. */
@media (min-width: {PHONE_MAX_WIDTH + 1}px) {{ [class*="st-key-{NARROW_KEY}"] {{ display: none !important; }} }}
@media (max-width: {PHONE_MAX_WIDTH}px) {{
  [class*="st-key-{WIDE_KEY}"] {{ display: none !important; }}
  [data-testid="stMainBlockContainer"] {{ padding-left: 1rem; padding-right: 1rem; }}
  /* KPI rows: two figures per row rather than one long stack. */
  [class*="st-key-{KPI_KEY}"] [data-testid="stHorizontalBlock"] {{ flex-wrap: wrap; gap: 0.5rem; }}
  [class*="st-key-{KPI_KEY}"] [data-testid="stColumn"] {{
    flex: 1 1 calc(50% - 0.5rem) !important;
    min-width: calc(50% - 0.5rem) !important;
    width: calc(50% - 0.5rem) !important;
  }}
  [class*="st-key-{KPI_KEY}"] [data-testid="stMetricValue"] {{ font-size: 1.35rem; }}
  /* Cards: one per row, full width. */
  [class*="st-key-{CARDS_KEY}"] [data-testid="stColumn"] {{ min-width: 100% !important; width: 100% !important; }}
  [class*="st-key-{GRID_KEY}"] > [data-testid="stLayoutWrapper"] > [data-testid="stVerticalBlock"] {{ flex-basis: 100%; }}
  /* Tabs wrap onto a second row rather than scroll out of sight ("Context and risks" was off the screen,
     behind a small arrow); the open tab's underline sits inside the tab, so it follows the wrap. */
  [data-testid="stTabs"] [role="tablist"] {{ flex-wrap: wrap; overflow-x: visible; row-gap: 0.25rem; }}
  [data-testid="stTabsScrollLeft"], [data-testid="stTabsScrollRight"] {{ display: none; }}
}}

/* Site map (issue 21): the legend's swatches, states in words with counts, and the plots' names. */
/* A plot card or the plan scrolled into view stops below Streamlit's header bar, not hidden under it. */
.st-key-imc-plot-card, .st-key-imc-site-plan {{ scroll-margin-top: 4.5rem; }}
.imc-legend-state {{ margin-bottom: 0.6rem; }}
.imc-legend-state ul {{ margin: 0.15rem 0 0 1.6rem; padding: 0; font-size: 0.9rem; }}
.imc-legend-state li {{ margin: 0; }}
/* A plot with an open opportunity: which plots an investor can still take. */
.imc-open-badge {{
  display: inline-block; padding: 0 0.4rem; margin-left: 0.3rem; border-radius: 0.6rem; font-size: 0.8rem;
  color: #00664a; border: 1px solid {palette.GREEN.hex}; white-space: nowrap;
}}
.imc-swatch {{
  display: inline-block; width: 1rem; height: 1rem; border: 1px solid #3c3c3c; border-radius: 3px;
  margin-right: 0.45rem; vertical-align: -0.15rem;
}}
/* Timeline: a chosen filter value is written in full (a chip wraps rather than ending in "…"). */
[class*="st-key-imc-timeline-filters"] [data-testid="stMultiSelect"] [role="group"],
[class*="st-key-imc-timeline-filters"] [data-testid="stMultiSelectTagsContainer"] {{
  flex-wrap: wrap; overflow: hidden; height: auto; max-height: none; min-width: 0;
}}
[class*="st-key-imc-timeline-filters"] [data-testid="stMultiSelectTagsContainer"] {{
  flex: 1 1 0; mask-image: none; -webkit-mask-image: none;
}}
[class*="st-key-imc-timeline-filters"] [data-tag], [class*="st-key-imc-timeline-filters"] [data-tag] > span {{
  max-width: 100%; overflow: visible; text-overflow: clip; white-space: normal; height: auto;
  mask-image: none; -webkit-mask-image: none;
}}
/* Presenter slides: dashboard/presenter.py sends their stylesheet (PRESENTER_CSS) only while presenting. */
</style>
"""

# Rules for one page only, sent with FRAME_CSS by that page's page_setup. A rule keyed on what a page
# contains (``:has(...)`` on a large container) would be checked again on every change of every page.
PAGE_CSS = {
    # Overview: the pitch (title, numbers, where / open / contact cards) fits one 1440×900 screen, so the
    # page starts higher than Streamlit's default top padding (not on a phone, which scrolls anyway: there
    # the late padding moved the whole page).
    "overview": f"""
<style>
@media (min-width: {PHONE_MAX_WIDTH + 1}px) {{
  [data-testid="stMainBlockContainer"] {{ padding-top: 2.5rem; }}
  [data-testid="stMainBlockContainer"] h1 {{ font-size: 2rem !important; }}
}}
</style>
""",
}


@dataclass(frozen=True)
class PageContext:
    """What a page needs after setup: the dataset, the chosen language and the screen hint.

    ``narrow`` is the server's best guess that the screen is a phone (see :func:`screen_is_narrow`).
    A page sends only the variant for that screen (a list or a chart): a block hidden by CSS is still
    built by the browser. CSS adapts the layout (:func:`kpi_row`, :func:`card_row`) and hides the
    blocks of :func:`wide_only` / :func:`narrow_only`, which pages that send both still use.
    """

    dataset: Dataset
    lang: str
    narrow: bool = False

    def t(self, key: str, **values) -> str:
        """Interface text in the page's language."""
        return translate(key, self.lang, **values)

    def col(self, base: str) -> str:
        """The language column of a table, e.g. ``name_ru``."""
        return f"{base}_{self.lang}"


def page_setup(page_key: str, *, illustrative: bool = False, allow_invalid: bool = False) -> PageContext:
    """Set up a page: config, language, navigation, data; return the :class:`PageContext`.

    Parameters
    ----------
    page_key : str
        Key of the page in :data:`dashboard.nav.PAGES`.
    illustrative : bool
        Show the "plot layout illustrative" note (pages that draw the plot layout).
    allow_invalid : bool
        Go on (after the validation message) when no valid data exist, so the Data page can
        still offer staff a restore; the page must check ``ctx.dataset.ok`` itself.
    """
    url_lang = normalise_lang(st.query_params.get("lang", DEFAULT_LANG))
    presenting = presenter.is_presenting(st.query_params)
    st.set_page_config(
        page_title=f"{translate(f'nav.{page_key}', url_lang)} · {translate('app.title', url_lang)}",
        layout="wide",
        # Presenter mode (?present=1) starts with the sidebar closed; its CSS also hides it. Otherwise
        # "auto": closed on a phone (the menu would cover the page), open on a laptop.
        initial_sidebar_state="collapsed" if presenting else "auto",
    )
    # Style-only st.html goes to Streamlit's event container (takes no room). Its code loads after the first
    # elements are drawn, so no rule here may change the size of what the first screen shows on a phone
    # (a late rule moves the page: layout shift).
    st.html(FRAME_CSS + ("" if presenting else PAGE_CSS.get(page_key, "")))
    # A slide hides the sidebar (PRESENTER_CSS): its language switch, menu and "data as of" line are not built
    # then. Every element on a page is work for the browser whenever a run changes anything, also when hidden.
    lang = url_lang if presenting else _language_switch(url_lang)
    _document_language(lang)
    narrow = screen_is_narrow()
    if not presenting:
        _navigation(page_key, lang)
    dataset = get_dataset()
    staff_banner(lang, is_staff())  # files on disk invalid: staff see why; investors see the last good data
    if not dataset.ok:
        _data_invalid(dataset, lang)
        if allow_invalid:
            return PageContext(dataset, lang, narrow)
        st.stop()
    if not presenting:
        _freshness(dataset, lang)
        if illustrative:
            st.sidebar.caption(":material/info: " + translate("frame.layout_illustrative", lang))
    # Presenter hook: the toggle in the sidebar, or (with ?present=1) the scene bar with Next / Back.
    presenter.render(page_key, lang, dataset, offer_toggle=not narrow)  # no one presents from a phone
    return PageContext(dataset, lang, narrow)


def screen_is_narrow() -> bool:
    """Whether this browser's viewport is a phone's (≤ :data:`PHONE_MAX_WIDTH` px), as far as the server knows.

    The frame's script stores the viewport width in a cookie, which the server reads from the
    next page load on; before that (a first visit) the user agent decides. Used only to avoid
    sending heavy elements a phone would not show; visibility itself is CSS's job.
    """
    raw = st.context.cookies.get(VIEWPORT_COOKIE, "")
    # Only a string is a cookie's value (AppTest's stand-in context answers with a mock, which floats to 1.0).
    try:
        width = int(float(raw)) if isinstance(raw, str) else None
    except ValueError:
        width = None
    if width is None:
        agent = st.context.headers.get("User-Agent", "") or ""
        return any(token in agent for token in PHONE_USER_AGENT)
    return width <= PHONE_MAX_WIDTH


def wide_only(name: str):
    """A container shown only on screens wider than a phone (``with wide_only("chart"):``)."""
    return st.container(key=f"{WIDE_KEY}-{name}")


def narrow_only(name: str):
    """A container shown only on a phone-sized screen (``with narrow_only("list"):``)."""
    return st.container(key=f"{NARROW_KEY}-{name}")


def card_grid_container(name: str):
    """One wrapping row of cards (``with card_grid_container("results"):``): three a line on a laptop, one on a phone,
    the cards of a line as high as the tallest. Unlike :func:`card_row`, a card hidden by :func:`hide_keyed` leaves no
    hole: the cards after it move up."""
    return st.container(horizontal=True, gap="small", key=card_grid_key(name))


def card_grid_key(name: str) -> str:
    """The key of the :func:`card_grid_container` called ``name`` (to hide it whole)."""
    return f"{GRID_KEY}-{name}"


def hide_keyed(keys) -> None:
    """Hide the containers with these keys by a style sheet (none when there are none).

    A fragment that decides which parts of a drawing outside it show sends this instead of the drawing again.
    """
    selectors = [f".st-key-{css_string(key)}" for key in keys]
    if selectors:
        st.html(f"<style>{','.join(selectors)}{{display:none}}</style>")


def kpi_row(n: int, name: str) -> list:
    """``n`` columns for big numbers (``st.metric``): one row on a laptop, two per row on a phone.

    ``name`` makes the container key unique on the page (``imc-kpis-<name>``).
    """
    return st.container(key=f"{KPI_KEY}-{name}").columns(n)


def cta(name: str):
    """A container whose page links are drawn as the primary call-to-action button (``with cta("open"):``)."""
    return st.container(key=f"{CTA_KEY}-{name}")


def card_row(n: int, name: str, **columns_kwargs) -> list:
    """``n`` columns for cards of equal height: side by side on a laptop, stacked on a phone."""
    return st.container(key=f"{CARDS_KEY}-{name}").columns(n, **columns_kwargs)


def _freshness(dataset: Dataset, lang: str) -> None:
    """The "data as of" line: the newest fact's date at its precision and how old it is; for staff, what to check."""
    newest = newest_fact(dataset)
    if newest is None:
        return
    months = queries.data_age_months(dataset)
    line = translate("frame.data_as_of", lang, date=formatting.date(newest[0], lang, newest[1]))
    if months:  # the age only when it says more than the date ("(this month)" beside a date of this month did not)
        unit = translate(f"period.month.{Locale.parse(lang).plural_form(months)}", lang)
        line += f" ({translate('frame.data_age', lang, n=months, unit=unit)})"
    st.sidebar.caption(line)
    if is_staff():
        to_check = datainfo.tables_needing_check(dataset)
        if len(to_check):
            names = ", ".join(
                dict.fromkeys(
                    f"{row.filename} ({translate(f'frame.check.{row.reason}', lang)})" for row in to_check.itertuples()
                )
            )
            st.sidebar.caption(":material/fact_check: " + translate("frame.tables_to_check", lang, tables=names))


def _language_switch(lang: str) -> str:
    # The URL (``lang``, as read from it) is the single source of truth for the language (shareable links);
    # the widget is re-seeded from it on every run and writes back to it on change.
    st.session_state["lang_switch"] = lang
    st.sidebar.segmented_control(
        translate("frame.language", DEFAULT_LANG),
        LANGS,
        format_func=lambda code: {"en": "English", "ru": "Русский"}[code],
        key="lang_switch",
        required=True,
        on_change=_store_language,
    )
    return lang


def _document_language(lang: str) -> None:
    # Screen readers pick their voice from <html lang>, which Streamlit fixes at "en". The value
    # comes from the closed list LANGS (normalise_lang), never from the raw URL.
    # The same script keeps the viewport width in a cookie (screen_is_narrow): no personal data, first-party,
    # read by this server only.
    # On a phone the menu covers the page, and Streamlit closes it after a tap on its own navigation but not
    # after a tap on a page link: the script closes it then, once per browser tab (the guard), so the page
    # the visitor asked for is what they see.
    code = normalise_lang(lang)
    script = (
        f"document.documentElement.lang = {code!r};"
        f"document.cookie = '{VIEWPORT_COOKIE}=' + Math.round(window.innerWidth) + '; path=/; SameSite=Strict; max-age=31536000';"
        "if (!window.imcMenuClosesOnPhone) { window.imcMenuClosesOnPhone = true;"
        " document.addEventListener('click', (event) => {"
        f"  if (window.innerWidth > {PHONE_MAX_WIDTH}) return;"
        "  if (!event.target.closest('[data-testid=stSidebar] a[data-testid=stPageLink-NavLink]')) return;"
        "  setTimeout(() => document.querySelector('[data-testid=stSidebarCollapseButton] button')?.click(), 0);"
        " }); }"
    )
    st.sidebar.html(f"<script>{script}</script>", unsafe_allow_javascript=True)


def _store_language() -> None:
    chosen = normalise_lang(st.session_state.get("lang_switch"))
    store_lang(st.query_params, chosen)


def _navigation(current: str, lang: str) -> None:
    params = lang_query(lang)
    with st.sidebar:
        st.markdown(f"**{md(translate('app.title', lang))}**")
        for p in PAGES:
            st.page_link(
                p.script,
                label=translate(f"nav.{p.key}", lang),
                icon=p.icon,
                query_params=params,
            )
    _ = page(current)  # unknown page keys fail loudly in development


def _data_invalid(dataset: Dataset, lang: str) -> None:
    st.error(translate("frame.data_invalid", lang))
    errors = dataset.report.errors
    st.text(dataset.report.summary())
    st.code("\n".join(f.format(lang) for f in errors[:MAX_FINDINGS_SHOWN]), language=None)
    if len(errors) > MAX_FINDINGS_SHOWN:
        st.caption(translate("frame.findings_more", lang, n=len(errors) - MAX_FINDINGS_SHOWN))
