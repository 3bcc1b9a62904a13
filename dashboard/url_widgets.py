"""Filters kept in the page address, so that a copied link reopens the same view in either language.

:func:`url_multiselect` and :func:`url_toggle` are the one way a page puts a widget in the address. The address
holds stable codes (``?stage=S2&status=planned``), never the labels shown, which change with
the language; a link written by hand, or made when the address held labels, is read too.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import streamlit as st

from .i18n import LANGS

Choices = Mapping[str, tuple[str, str]]  # code → (English label, Russian label)


def codes_from_url(raw: Iterable[str], choices: Choices) -> list[str]:
    """The codes that URL values name, as codes or as labels in either language (any case), in option order.

    Unknown values are dropped; each code comes once.
    """
    lookup: dict[str, str] = {}
    for code, labels in choices.items():
        for name in (code, *labels):
            lookup.setdefault(str(name).strip().casefold(), code)
    wanted = {lookup.get(str(value).strip().casefold()) for value in raw}
    return [code for code in choices if code in wanted]


def widget_key(param: str, lang: str) -> str:
    """The session-state key of the multiselect for ``?param=`` in ``lang`` (to reset it from a callback)."""
    return f"url_{param}_{lang}"


def url_multiselect(container, param: str, label: str, choices: Choices, lang: str, placeholder: str) -> list[str]:
    """A multiselect of ``choices`` (shown in ``lang``) whose value lives in ``?param=``; returns the chosen codes.

    One widget per language: a multiselect keeps the labels it was created with, so a language
    switch starts a fresh widget, seeded from the (language-neutral) address.
    """
    key = widget_key(param, lang)
    if key not in st.session_state:
        st.session_state[key] = codes_from_url(st.query_params.get_all(param), choices)
    column = LANGS.index(lang)
    chosen = container.multiselect(
        label, list(choices), format_func=lambda code: choices[code][column], key=key, placeholder=placeholder
    )
    if st.query_params.get_all(param) != chosen:
        if chosen:
            st.query_params[param] = chosen
        else:
            st.query_params.pop(param, None)
    return chosen


def url_toggle(container, param: str, label: str, default: bool) -> bool:
    """A toggle whose value lives in ``?param=`` (``true``/``false``; the default is left out of the address).

    Like :func:`url_multiselect`, the address is read once to seed the widget and written only when
    the value differs from it, so a first load never writes the address nor asks for another run.
    """
    key = f"url_{param}"
    if key not in st.session_state:
        raw = st.query_params.get(param)
        st.session_state[key] = default if raw is None else str(raw).strip().casefold() not in _FALSE
    value = bool(container.toggle(label, key=key))
    wanted = None if value == default else str(value).lower()
    if st.query_params.get(param) != wanted:
        if wanted is None:
            st.query_params.pop(param, None)
        else:
            st.query_params[param] = wanted
    return value


_FALSE = ("false", "0", "no", "off")


def both_languages(codes: Iterable[str], label) -> dict[str, tuple[str, str]]:
    """:data:`Choices` for ``codes``: ``label(code, lang)`` in English and in Russian."""
    return {code: (label(code, "en"), label(code, "ru")) for code in codes}
