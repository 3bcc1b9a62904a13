"""Numbers and dates written the way each language writes them."""

from __future__ import annotations

import datetime as dt

import pandas as pd

_MONTHS = {
    "en": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
    "ru": ["янв", "фев", "мар", "апр", "мая", "июн", "июл", "авг", "сен", "окт", "ноя", "дек"],
}
_MONTHS_NOMINATIVE_RU = [
    "январь",
    "февраль",
    "март",
    "апрель",
    "май",
    "июнь",
    "июль",
    "август",
    "сентябрь",
    "октябрь",
    "ноябрь",
    "декабрь",
]


def number(value: float, lang: str, decimals: int | None = None) -> str:
    """``450000`` → ``450,000`` (en) or ``450 000`` (ru); ``57.6`` → ``57.6`` / ``57,6``."""
    if value is None or pd.isna(value):
        return "—"
    if decimals is None:
        decimals = 0 if float(value).is_integer() else 1
    text = f"{value:,.{decimals}f}"
    if lang == "ru":
        text = text.replace(",", "\u00a0").replace(".", ",")
    return text


def date(value, lang: str, precision: str = "day") -> str:
    """A date at its precision: ``5 Sep 2018`` / ``5 сен 2018``, ``Mar 2026`` / ``март 2026``, ``2035``."""
    if value is None or pd.isna(value):
        return "—"
    if isinstance(value, pd.Timestamp):
        value = value.date()
    assert isinstance(value, dt.date)
    if precision == "year":
        return str(value.year)
    if precision == "month":
        if lang == "ru":
            return f"{_MONTHS_NOMINATIVE_RU[value.month - 1]} {value.year}"
        return f"{_MONTHS['en'][value.month - 1]} {value.year}"
    return f"{value.day} {_MONTHS[lang if lang in _MONTHS else 'en'][value.month - 1]} {value.year}"


_ARTICLE_WORDS_RU = (("Art.", "ст."), ("part", "ч."))


def article(text: str, lang: str) -> str:
    """A law citation in the reader's language: ``Art. 3 part 2`` → ``ст. 3 ч. 2`` in Russian."""
    if lang != "ru":
        return text
    for en, ru in _ARTICLE_WORDS_RU:
        text = text.replace(en, ru)
    return text
