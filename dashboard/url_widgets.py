"""Filters kept in the page address, so that a copied link reopens the same view in either language.

:func:`url_multiselect` is the one way a page puts a multiselect in the address,
:func:`url_select_slider` the one way for a select-slider, :func:`url_toggle` for a toggle. The address holds stable codes
(``?stage=S2&status=planned``) and plain numbers (``?floor_area=15000&floor_area=20000``),
never the labels shown, which change with the language ("2.0 ha" / "2,0 га"); a link written by
hand, or made when the address held labels, is read too. A value equal to the widget's default
is left out of the address; "nothing chosen" where the default is not nothing is written ``any``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence

import streamlit as st

from .formatting import nearest_step
from .i18n import LANGS

Choices = Mapping[str, tuple[str, str]]  # code → (English label, Russian label)
ANY = "any"  # the address value for "nothing chosen" when the default is a choice (e.g. ?status=any)


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


def url_values(chosen: Sequence[str], default: Sequence[str] = ()) -> list[str]:
    """What the address holds for a multiselect: nothing for the default, :data:`ANY` for an empty choice
    when the default is not empty, else the chosen codes."""
    if list(chosen) == list(default):
        return []
    return list(chosen) or [ANY]


def _write_param(param: str, values: list[str]) -> None:
    if st.query_params.get_all(param) != values:
        if values:
            st.query_params[param] = values
        else:
            st.query_params.pop(param, None)


def url_multiselect(
    container,
    param: str,
    label: str,
    choices: Choices,
    lang: str,
    placeholder: str,
    default: Sequence[str] = (),
) -> list[str]:
    """A multiselect of ``choices`` (shown in ``lang``) whose value lives in ``?param=``; returns the chosen codes.

    One widget per language: a multiselect keeps the labels it was created with, so a language
    switch starts a fresh widget, seeded from the (language-neutral) address. Without ``?param=``
    the widget starts at ``default`` (codes of ``choices``).
    """
    key = widget_key(param, lang)
    default = [code for code in default if code in choices]
    if key not in st.session_state:
        raw = st.query_params.get_all(param)
        st.session_state[key] = codes_from_url(raw, choices) if raw else list(default)
    column = LANGS.index(lang)
    # No "Select all" entry: Streamlit writes it in English only, and choosing nothing already means "any".
    chosen = container.multiselect(
        label,
        list(choices),
        format_func=lambda code: choices[code][column],
        key=key,
        placeholder=placeholder,
        select_all=False,
    )
    _write_param(param, url_values(chosen, default))
    return chosen


def url_multiselect_value(param: str, choices: Choices, default: Sequence[str] = ()) -> list[str]:
    """The codes a :func:`url_multiselect` for ``?param=`` holds, read from the address without drawing it
    (its panel is folded): the address always holds what the widget shows."""
    raw = st.query_params.get_all(param)
    return codes_from_url(raw, choices) if raw else [code for code in default if code in choices]


def set_url_multiselect(param: str, lang: str, codes: Sequence[str], default: Sequence[str] = ()) -> None:
    """Set a :func:`url_multiselect` to ``codes`` from a callback, whether or not it is drawn in the run that
    follows: the address takes the value and the widget, when drawn, is seeded from it."""
    st.session_state.pop(widget_key(param, lang), None)
    _write_param(param, url_values(codes, default))


def _number(text: object) -> float | None:
    """``"15000"``, ``"15 000"``, ``"15,000"``, ``"2,0"``, ``"2.0 ha"`` → the number; anything else → None.

    A comma followed by exactly three digits groups thousands; any other comma is a decimal comma.
    """
    cleaned = re.sub(r"[^0-9.,\-]", "", str(text))
    if "." not in cleaned and not re.fullmatch(r"-?\d{1,3}(,\d{3})+", cleaned):
        cleaned = cleaned.replace(",", ".")
    try:
        return float(cleaned.replace(",", ""))
    except ValueError:
        return None


def _plain(value: float) -> str:
    return f"{float(value):g}"


def slider_value_from_url(raw: Sequence[str], steps: Sequence[float], default):
    """The select-slider value an address gives: each number snapped to the nearest step; ``default`` if unusable.

    ``default`` is one step or a ``(low, high)`` tuple; the answer has the same shape.
    """
    numbers = [n for n in (_number(v) for v in raw) if n is not None]
    if isinstance(default, tuple):
        if len(numbers) != 2:
            return default
        low, high = sorted(nearest_step(n, steps) for n in numbers)
        return (low, high)
    return nearest_step(numbers[0], steps) if len(numbers) == 1 else default


def _fits(value, steps: Sequence[float], default) -> bool:
    """Whether ``value`` is a usable slider value: the shape of ``default`` (one step or a pair), on the steps."""
    if isinstance(default, tuple):
        return isinstance(value, tuple | list) and len(value) == 2 and all(v in steps for v in value)
    return value is not None and not isinstance(value, tuple | list) and value in steps


def url_select_slider(
    container,
    param: str,
    label: str,
    steps: Sequence[float],
    lang: str,
    format_func: Callable[[float], str],
    default,
    **kwargs,
):
    """A select-slider over ``steps`` whose value lives in ``?param=`` as plain numbers; returns the value.

    The labels come from ``format_func`` (e.g. :func:`dashboard.formatting.slider_label`), so a Russian
    slider reads "2,0 га" while the address keeps ``2``; one widget per language, as for
    :func:`url_multiselect`. ``default`` is one step or a ``(low, high)`` tuple of steps.
    """
    key = widget_key(param, lang)
    current = st.session_state.get(key)
    if not _fits(current, steps, default):  # first run, or the data changed the steps
        st.session_state.pop(key, None)
        current = slider_value_from_url(st.query_params.get_all(param), steps, default)
    # The value is always passed (a tuple makes a range slider; a select-slider is identified by
    # its key alone, so a changing value keeps the widget) and never written to the session state
    # beforehand, which Streamlit would flag as a value set twice.
    value = container.select_slider(
        label, options=list(steps), value=current, format_func=format_func, key=key, **kwargs
    )
    ends = value if isinstance(value, tuple) else (value,)
    _write_param(param, [] if value == default else [_plain(v) for v in ends])
    return value


def url_select_slider_value(param: str, steps: Sequence[float], default):
    """The value a :func:`url_select_slider` for ``?param=`` holds, read from the address without drawing it."""
    return slider_value_from_url(st.query_params.get_all(param), steps, default)


def set_url_select_slider(param: str, lang: str, value, default) -> None:
    """Set a :func:`url_select_slider` to ``value`` from a callback (see :func:`set_url_multiselect`)."""
    st.session_state.pop(widget_key(param, lang), None)
    ends = value if isinstance(value, tuple) else (value,)
    _write_param(param, [] if value == default else [_plain(v) for v in ends])


def url_toggle(container, param: str, label: str, default: bool, **kwargs) -> bool:
    """A toggle whose value lives in ``?param=`` (``true``/``false``; the default is left out of the address).

    Like :func:`url_multiselect`, the address is read once to seed the widget and written only when
    the value differs from it, so a first load never writes the address nor asks for another run.
    ``kwargs`` go to ``st.toggle`` (e.g. ``help=``), as :func:`url_select_slider` passes its own: with
    these two a page needs no ``bind="query-params"`` beside this module (the Site map's year and 3D switch).
    """
    key = f"url_{param}"
    if key not in st.session_state:
        raw = st.query_params.get(param)
        st.session_state[key] = default if raw is None else str(raw).strip().casefold() not in _FALSE
    value = bool(container.toggle(label, key=key, **kwargs))
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
