"""Numbers and dates written the way each language writes them: the one home of that rule.

Everything here delegates to Babel (CLDR data), so "15,000 m²" / "15 000 м²", "3.6 ha" /
"3,6 га" and "12 Dec 2025" / "12 дек. 2025" follow the locale, not hand-made tables. Only
what CLDR does not have is written here: seasons, the Russian quarter with a Roman numeral
("IV кв. 2021"), and a year shown as a plain year (never "2,035" nor "2035.0").

Output is plain text (no Markdown, no HTML); escape it where it is put into Markdown. Between
a number and its unit, and inside a Russian number, the space is a no-break space
(U+00A0), so a unit never wraps onto a line of its own.

Dates at a precision
--------------------
A date is stored as the FIRST day of its period, with a precision beside it (the contract
with the data tables): ``day``; ``month`` (2026-03-01 = March 2026); ``quarter``
(2021-10-01 = Q4 2021); ``season`` (2026-03-01 = spring 2026; winter starts on 1 December,
so 2025-12-01 = winter 2025/26); ``year`` (2022-01-01 = 2022). :func:`date` shows exactly
that precision and never more.

Sliders and number inputs (decided for Streamlit 1.67)
------------------------------------------------------
``st.slider(format=...)`` takes a printf (sprintf.js) string or a preset; ``"%,d"`` always
groups with a comma and ``"localized"`` follows the *browser's* locale, not the page's
language, and no printf string gives a decimal comma. ``st.number_input(format=...)`` must
print a pure number. So:

* a **year** (or any small whole number) uses ``st.slider`` / ``st.number_input`` with
  ``format=slider_format("year")`` (``"%d"``: no separator, no decimals);
* **anything else** shown on a slider (areas, floor areas, counts above 9,999) uses
  ``st.select_slider(options=slider_steps(lo, hi, step), format_func=slider_label("m²", lang))``:
  every label is formatted here, so a Russian slider shows "2,0 га" and "15 000 м²", never
  "2.0" nor "15,000". The widget returns the option itself (a float or int), unchanged.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
import re
from collections.abc import Callable, Sequence

import pandas as pd
from babel import Locale
from babel import dates as babel_dates
from babel import numbers as babel_numbers
from babel import units as babel_units

from imc_data import dates
from imc_data.missing import is_missing

from .i18n import normalise_lang, translate

log = logging.getLogger(__name__)

MISSING = "—"
NBSP = "\u00a0"
PRECISIONS = ("day", "month", "quarter", "season", "year")

# CLDR unit ids of the units the dashboard shows; anything else is passed through as text.
_UNITS = {"ha": "area-hectare", "m²": "area-square-meter", "km": "length-kilometer", "m": "length-meter"}
_DATE_PATTERNS = {"day": "d MMM y", "month": {"en": "LLL y", "ru": "LLLL y"}}
_ROMAN = ("I", "II", "III", "IV")
_SEASONS = ("winter", "spring", "summer", "autumn")  # by (month % 12) // 3


def _locale(lang: str) -> str:
    return normalise_lang(lang)


def _decimal_pattern(decimals: int) -> str:
    return "#,##0" + ("." + "0" * decimals if decimals > 0 else "")


def _glue(text: str) -> str:
    # CLDR puts an ordinary space between number and unit in Russian ("3,6 га"): make it no-break.
    return text.replace(" ", NBSP)


def number(value: float, lang: str, decimals: int | None = None) -> str:
    """A number in the reader's locale.

    ``450000`` → ``450,000`` (en) / ``450 000`` (ru); ``57.6`` → ``57.6`` / ``57,6``.

    Parameters
    ----------
    value : float
        The number; ``None`` or NaN gives ``—``.
    lang : str
        ``en`` or ``ru``.
    decimals : int, optional
        Digits after the decimal mark; by default 0 for a whole number, else 1.
    """
    if is_missing(value):
        return MISSING
    value = float(value)
    if decimals is None:
        decimals = 0 if value.is_integer() else 1
    return babel_numbers.format_decimal(value, format=_decimal_pattern(decimals), locale=_locale(lang))


def count(value: float, lang: str) -> str:
    """A count of things: ``12``, ``1,234`` / ``1 234`` (rounded to a whole number)."""
    if is_missing(value):
        return MISSING
    return number(round(float(value)), lang, 0)


def quantity(value: float, unit: str, lang: str, decimals: int | None = None) -> str:
    """A number with its unit in the reader's language: ``3.6 ha`` / ``3,6 га``, ``15,000 m²`` / ``15 000 м²``.

    Parameters
    ----------
    value : float
        The number; ``None`` or NaN gives ``—``.
    unit : str
        ``ha``, ``m²``, ``km`` or ``m`` (CLDR names them in each language); any other unit is written
        after the number as given.
    lang : str
        ``en`` or ``ru``.
    decimals : int, optional
        As in :func:`number`.
    """
    if is_missing(value):
        return MISSING
    value = float(value)
    if decimals is None:
        decimals = 0 if value.is_integer() else 1
    cldr = _UNITS.get(unit)
    if cldr is None:
        return f"{number(value, lang, decimals)}{NBSP}{unit}"
    text = babel_units.format_unit(value, cldr, length="short", format=_decimal_pattern(decimals), locale=_locale(lang))
    return _glue(text)


def area_ha(value: float, lang: str, decimals: int = 1) -> str:
    """A land area in hectares, one decimal by default: ``3.6 ha`` / ``3,6 га``, ``2.0 ha`` / ``2,0 га``."""
    return quantity(value, "ha", lang, decimals)


def floor_area(value: float, lang: str) -> str:
    """A floor area in whole square metres: ``15,000 m²`` / ``15 000 м²``."""
    if is_missing(value):
        return MISSING
    return quantity(round(float(value)), "m²", lang, 0)


def km(value: float, lang: str, decimals: int | None = None) -> str:
    """A distance in kilometres: ``3.2 km`` / ``3,2 км``."""
    return quantity(value, "km", lang, decimals)


def value_range(low: float, high: float, unit: str | None, lang: str, decimals: int | None = None) -> str:
    """A range with its unit once: ``15,000–50,000 m²`` / ``15 000–50 000 м²``; equal ends give one value.

    Parameters
    ----------
    low, high : float
        Ends of the range; a missing end gives ``—`` in its place.
    unit : str or None
        As in :func:`quantity`; ``None`` for a bare number range.
    lang : str
        ``en`` or ``ru``.
    decimals : int, optional
        As in :func:`number`; by default both ends get the decimals either of them needs.
    """
    if decimals is None and not is_missing(low) and not is_missing(high):
        decimals = 0 if float(low).is_integer() and float(high).is_integer() else 1
    if not is_missing(low) and not is_missing(high) and float(low) == float(high):
        return quantity(high, unit, lang, decimals) if unit else number(high, lang, decimals)
    upper = quantity(high, unit, lang, decimals) if unit and not is_missing(high) else number(high, lang, decimals)
    return f"{number(low, lang, decimals)}–{upper}"


def percent(fraction: float, lang: str, decimals: int = 0) -> str:
    """A share given as a fraction: ``0.25`` → ``25%`` (en) / ``25 %`` (ru)."""
    if is_missing(fraction):
        return MISSING
    # The locale's own pattern ("#,##0%" / "#,##0 %"), with the decimals asked for.
    pattern = Locale.parse(_locale(lang)).percent_formats[None].pattern
    if decimals > 0:
        last_zero = pattern.rindex("0") + 1
        pattern = pattern[:last_zero] + "." + "0" * decimals + pattern[last_zero:]
    return babel_numbers.format_percent(float(fraction), format=pattern, locale=_locale(lang))


def year(value: object) -> str:
    """A year as a plain year: ``2035`` from 2035, 2035.0, "2035" or a date; never ``2,035`` nor ``2035.0``."""
    if is_missing(value):
        return MISSING
    if isinstance(value, (dt.date, pd.Timestamp)):
        return str(value.year)
    try:
        return str(int(float(str(value).strip())))
    except ValueError:
        return str(value)


def _quarter(day: dt.date, lang: str) -> str:
    q = (day.month - 1) // 3 + 1
    return translate("date.quarter", lang, q=q, roman=_ROMAN[q - 1], year=day.year)


def _season(day: dt.date, lang: str) -> str:
    season = _SEASONS[(day.month % 12) // 3]
    if season != "winter":
        return translate(f"date.season.{season}", lang, year=day.year)
    first = day.year if day.month == 12 else day.year - 1  # Jan/Feb belong to the winter begun in December
    return translate("date.season.winter", lang, first=first, second=f"{(first + 1) % 100:02d}")


def date(value: object, lang: str, precision: str | None = "day") -> str:
    """A date shown at the precision its source gives.

    ``day``: ``12 Dec 2025`` / ``12 дек. 2025``; ``month``: ``Mar 2026`` / ``март 2026``;
    ``quarter``: ``Q4 2021`` / ``IV кв. 2021``; ``season``: ``spring 2026`` / ``весна 2026``
    (``winter 2025/26`` / ``зима 2025/26`` for 2025-12-01); ``year``: ``2022``.

    Parameters
    ----------
    value : date, Timestamp or ISO string
        The FIRST day of the period; ``None``, NaT or NaN gives ``—``.
    lang : str
        ``en`` or ``ru``.
    precision : str, optional
        One of :data:`PRECISIONS`; empty means ``day``. An unknown precision is logged and shown as a day.
    """
    try:
        day = dates.as_date(value)
    except ValueError:  # text that is not a date is shown as it is
        day = None
    if day is None:
        return MISSING if is_missing(value) else str(value)
    precision = precision if isinstance(precision, str) and precision else "day"
    if precision not in PRECISIONS:
        log.warning("unknown date precision %r: shown as a day", precision)
        precision = "day"
    lang = _locale(lang)
    if precision == "year":
        return str(day.year)
    if precision == "quarter":
        return _quarter(day, lang)
    if precision == "season":
        return _season(day, lang)
    pattern = _DATE_PATTERNS[precision]
    pattern = pattern[lang] if isinstance(pattern, dict) else pattern
    return babel_dates.format_date(day, pattern, locale=lang)


# --- widgets --------------------------------------------------------------------------------------


def slider_format(kind: str = "year") -> str:
    """The printf ``format`` for ``st.slider`` / ``st.number_input`` showing whole numbers: ``"%d"``.

    Only for years and small whole numbers (no separator is needed below 10,000, and a year
    never has one). Anything else goes on an ``st.select_slider`` with :func:`slider_label`.
    """
    if kind not in ("year", "integer"):
        raise ValueError(f"printf formats cannot follow the page language for {kind!r}: use slider_label")
    return "%d"


def slider_steps(low: float, high: float, step: float) -> list[float]:
    """The options of a select-slider from ``low`` to ``high`` (both included) in ``step``s.

    Whole steps give ints; decimal steps give floats rounded to the step's decimals, so
    ``slider_steps(0.5, 1.0, 0.1)`` is ``[0.5, 0.6, 0.7, 0.8, 0.9, 1.0]`` without float noise.
    ``high`` is always the last option, even when the range is not a multiple of ``step``.
    """
    if step <= 0:
        raise ValueError("step must be positive")
    decimals = max(0, -math.floor(math.log10(step))) if not float(step).is_integer() else 0
    n = math.floor((high - low) / step + 1e-9)
    values = [round(low + i * step, decimals) for i in range(n + 1)]
    if values[-1] < high:
        values.append(round(high, decimals))
    return [int(v) for v in values] if decimals == 0 and float(low).is_integer() else values


def slider_label(unit: str | None, lang: str, decimals: int | None = None) -> Callable[[float], str]:
    """A ``format_func`` for ``st.select_slider`` (or ``st.selectbox``) writing each option in ``lang``.

    ``unit`` is ``ha``, ``m²``, ``km``, ``year``, ``count`` or ``None`` (a bare number).
    """
    if unit == "year":
        return year
    if unit == "count":
        return lambda v: count(v, lang)
    if unit is None:
        return lambda v: number(v, lang, decimals)
    if unit == "ha" and decimals is None:
        return lambda v: area_ha(v, lang)
    return lambda v: quantity(v, unit, lang, decimals)


def nearest_step(value: float, steps: Sequence[float]) -> float:
    """The option of ``steps`` closest to ``value`` (a URL or an old session may hold any number)."""
    return min(steps, key=lambda s: abs(float(s) - float(value)))


# --- law citations --------------------------------------------------------------------------------

_ARTICLE_WORDS_RU = ((re.compile(r"\bArt\."), "ст."), (re.compile(r"\bparts?\b"), "ч."))


def article(text: str, lang: str) -> str:
    """A law citation in the reader's language: ``Art. 3 part 2`` → ``ст. 3 ч. 2`` in Russian."""
    if lang != "ru":
        return text
    for en, ru in _ARTICLE_WORDS_RU:
        text = en.sub(ru, text)
    return text
