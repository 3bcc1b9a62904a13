"""The frame every page starts with: ``ctx = page_setup("site_map")``.

It sets the page config, draws the language switch (kept in ``?lang=``) and the
translated navigation, loads the cached dataset, and stops the page with a clear
message when the data do not validate.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from imc_data import Dataset

from . import formatting, presenter
from .auth import is_staff
from .cache.dataset import get_dataset, staff_banner
from .cache.queries import latest_as_of
from .i18n import DEFAULT_LANG, LANGS, normalise_lang, translate
from .nav import PAGES, page
from .safe import md

MAX_FINDINGS_SHOWN = 30


@dataclass(frozen=True)
class PageContext:
    """What a page needs after setup: the dataset and the chosen language."""

    dataset: Dataset
    lang: str

    def t(self, key: str, **values) -> str:
        """Interface text in the page's language."""
        return translate(key, self.lang, **values)

    def col(self, base: str) -> str:
        """The language column of a table, e.g. ``name_ru``."""
        return f"{base}_{self.lang}"


def page_setup(page_key: str, *, illustrative: bool = False) -> PageContext:
    """Set up a page: config, language, navigation, data; return the :class:`PageContext`.

    Parameters
    ----------
    page_key : str
        Key of the page in :data:`dashboard.nav.PAGES`.
    illustrative : bool
        Show the "plot layout illustrative" note (pages that draw the plot layout).
    """
    lang_guess = normalise_lang(st.query_params.get("lang", DEFAULT_LANG))
    presenting = presenter.is_presenting(st.query_params)
    st.set_page_config(
        page_title=f"{translate(f'nav.{page_key}', lang_guess)} · {translate('app.title', lang_guess)}",
        layout="wide",
        # Presenter mode (?present=1) starts with the sidebar closed; its CSS also hides it.
        initial_sidebar_state="collapsed" if presenting else "expanded",
    )
    lang = _language_switch()
    _document_language(lang)
    _navigation(page_key, lang)
    dataset = get_dataset()
    staff_banner(lang, is_staff())  # files on disk invalid: staff see why; investors see the last good data
    if not dataset.ok:
        _data_invalid(dataset, lang)
        st.stop()
    as_of = latest_as_of(dataset)
    if as_of is not None:
        st.sidebar.caption(translate("frame.data_as_of", lang, date=formatting.date(as_of, lang)))
    if illustrative:
        st.sidebar.caption(":material/info: " + translate("frame.layout_illustrative", lang))
    # Presenter hook: the toggle in the sidebar, or (with ?present=1) the scene bar with Next / Back.
    presenter.render(page_key, lang, dataset)
    return PageContext(dataset, lang)


def _language_switch() -> str:
    # The URL is the single source of truth for the language (shareable links); the
    # widget is re-seeded from it on every run and writes back to it on change.
    lang = normalise_lang(st.query_params.get("lang", DEFAULT_LANG))
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
    code = normalise_lang(lang)
    st.sidebar.html(f"<script>document.documentElement.lang = {code!r};</script>", unsafe_allow_javascript=True)


def _store_language() -> None:
    chosen = normalise_lang(st.session_state.get("lang_switch"))
    if chosen == DEFAULT_LANG:
        st.query_params.pop("lang", None)
    else:
        st.query_params["lang"] = chosen


def _navigation(current: str, lang: str) -> None:
    params = {"lang": lang} if lang != DEFAULT_LANG else None
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
    st.code("\n".join(f.format() for f in errors[:MAX_FINDINGS_SHOWN]), language=None)
    if len(errors) > MAX_FINDINGS_SHOWN:
        st.caption(translate("frame.findings_more", lang, n=len(errors) - MAX_FINDINGS_SHOWN))
