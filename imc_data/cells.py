"""Turn one text cell into a typed value, naming what is wrong and how to fix it.

Each parser returns ``(value, warning)`` or raises :class:`CellError`. A warning is an
``(english, russian)`` pair and means the value was accepted after a spreadsheet-style
repair (decimal comma, ``DD.MM.YYYY`` or ``DD.MM.YY`` date, ``2016.0`` for an integer).

Two-digit years (LibreOffice in a Russian locale saves ``05.09.18`` "as shown"): the
year is read in the one century that the column allows — ``18`` is 2018 in a column for
2012–2040 — and refused, asking for four digits, when both centuries or neither fit.
"""

from __future__ import annotations

import datetime as dt
import re

from .schema import Column

Message = tuple[str, str]  # (english, russian)


class CellError(ValueError):
    """A cell that cannot be accepted; ``en`` and ``ru`` say how to fix it."""

    def __init__(self, en: str, ru: str):
        super().__init__(en)
        self.en = en
        self.ru = ru


_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_\-]*$")
_NUMERIC = re.compile(r"^[+-]?\d+([.,]\d+)?([eE][+-]?\d+)?$")
_DOTTED_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
_DOTTED_SHORT_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{2})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_THOUSANDS_COMMA = re.compile(r"^[+-]?\d{1,3}(,\d{3})+$")
_SPACED = re.compile(r"^[+-]?\d{1,3}([ \u00a0\u202f]\d{3})+([.,]\d+)?$")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
# Cyrillic letters that look like Latin ones: what a Russian keyboard layout types instead of P01.
_LOOKALIKES = str.maketrans("АВЕКМНОРСТХаеорсух", "ABEKMHOPCTXaeopcyx")
BOOL_TRUE = ("yes", "true")
BOOL_FALSE = ("no", "false")
DECIMAL_COMMA = ("decimal comma read as a decimal point", "десятичная запятая прочитана как точка")
DOTTED_DATE = ("DD.MM.YYYY date read as day.month.year", "дата ДД.ММ.ГГГГ прочитана как день.месяц.год")
# The Russian spreadsheet dialect (';' between cells) writes numbers and dates this way: expected there.
RUSSIAN_DIALECT = (DECIMAL_COMMA, DOTTED_DATE)
DATE_FORMS = (
    "accepted date forms: YYYY-MM-DD (2018-09-05), DD.MM.YYYY (05.09.2018) or DD.MM.YY (05.09.18)",
    "допустимые формы даты: ГГГГ-ММ-ДД (2018-09-05), ДД.ММ.ГГГГ (05.09.2018) или ДД.ММ.ГГ (05.09.18)",
)


def parse_id(text: str) -> tuple[str, Message | None]:
    """An identifier starts with a Latin letter; digits-only ids are what Excel leaves of ``P01``."""
    if _ID.match(text):
        return text, None
    if _CYRILLIC.search(text):
        letters = "".join(dict.fromkeys(_CYRILLIC.findall(text)))
        latin = text.translate(_LOOKALIKES)
        hint = f" (e.g. {latin})" if _ID.match(latin) else ""
        hint_ru = f" (например, {latin})" if _ID.match(latin) else ""
        raise CellError(
            f"'{text}' contains the Cyrillic letter(s) '{letters}'; ids use Latin letters only — retype it with "
            f"the English keyboard layout{hint}",
            f"«{text}» содержит кириллические буквы «{letters}»; в идентификаторах только латинские буквы — "
            f"наберите его в английской раскладке{hint_ru}",
        )
    if _NUMERIC.match(text) or _DOTTED_DATE.match(text) or _ISO_DATE.match(text):
        raise CellError(
            f"'{text}' looks like an id that Excel turned into a number or date; "
            "restore the original id (it starts with a letter, e.g. P01) and format the column as Text",
            f"«{text}» похоже на идентификатор, который Excel превратил в число или дату; верните исходный "
            "идентификатор (он начинается с буквы, например P01) и задайте столбцу формат «Текстовый»",
        )
    raise CellError(
        f"'{text}' is not a valid id; use Latin letters, digits, '_' or '-', starting with a letter",
        f"«{text}» — недопустимый идентификатор; используйте латинские буквы, цифры, «_» или «-», первой должна "
        "быть буква",
    )


def parse_float(text: str, decimal_comma: bool = False) -> tuple[float, Message | None]:
    """A number; ``57,6`` and ``450 000`` are accepted with a warning.

    ``1,234`` is ambiguous in a comma-separated file (thousands or decimals?) and refused; in a
    ``;``-separated file (Russian Excel, ``decimal_comma``) the comma can only be a decimal comma.
    """
    warning = None
    if _THOUSANDS_COMMA.match(text) and not decimal_comma:
        raise CellError(
            f"'{text}' is ambiguous (thousands separator or decimal comma?); write it without "
            "separators, with '.' for decimals (e.g. 1234 or 1.234)",
            f"«{text}» неоднозначно (разделитель тысяч или десятичная запятая?); запишите число без "
            "разделителей тысяч, дробную часть — через точку (например, 1234 или 1.234)",
        )
    if _SPACED.match(text):
        text = re.sub(r"[ \u00a0\u202f]", "", text)
        warning = ("spaces between thousands removed", "пробелы между разрядами удалены")
    if re.match(r"^[+-]?\d+,\d+$", text):
        text = text.replace(",", ".")
        warning = DECIMAL_COMMA
    try:
        value = float(text)
    except ValueError:
        raise CellError(
            f"'{text}' is not a number; write digits with '.' for decimals (e.g. 57.6)",
            f"«{text}» — не число; запишите цифрами, дробную часть через «,» или «.» (например, 57,6)",
        ) from None
    if value != value or value in (float("inf"), float("-inf")):
        raise CellError(f"'{text}' is not a finite number", f"«{text}» — не конечное число")
    return value, warning


def parse_int(text: str, decimal_comma: bool = False) -> tuple[int, Message | None]:
    """A whole number; ``2016.0`` (Excel's float) is accepted with a warning."""
    value, warning = parse_float(text, decimal_comma)
    if value != int(value):
        raise CellError(f"'{text}' must be a whole number", f"«{text}» должно быть целым числом")
    if re.match(r"^[+-]?\d+[.,]0+$", text):
        warning = ("trailing '.0' removed", "лишнее «,0» в конце удалено")
    return int(value), warning


def parse_date(text: str, column: Column | None = None) -> tuple[dt.date, Message | None]:
    """An ISO date ``YYYY-MM-DD``; ``DD.MM.YYYY`` and ``DD.MM.YY`` are accepted with a warning."""
    warning = None
    if m := _ISO_DATE.match(text):
        y, mo, d = int(m[1]), int(m[2]), int(m[3])
    elif m := _DOTTED_DATE.match(text):
        d, mo, y = int(m[1]), int(m[2]), int(m[3])
        warning = DOTTED_DATE
    elif m := _DOTTED_SHORT_DATE.match(text):
        d, mo = int(m[1]), int(m[2])
        y = _century(text, int(m[3]), column)
        lo, hi = column.years
        warning = (
            f"two-digit year read in the only century this column allows ({lo}-{hi}); the spreadsheet saved the "
            "date as shown — four-digit years avoid the guess",
            f"год из двух цифр прочитан в единственном веке, допустимом в этом столбце ({lo}–{hi}); таблица "
            "сохранила дату «как на экране» — год из четырёх цифр избавляет от догадок",
        )
    else:
        raise CellError(f"'{text}' is not a date; {DATE_FORMS[0]}", f"«{text}» — не дата; {DATE_FORMS[1]}")
    try:
        return dt.date(y, mo, d), warning
    except ValueError:
        raise CellError(
            f"'{text}' is not a real calendar date; check the day and month",
            f"«{text}» — несуществующая дата; проверьте день и месяц",
        ) from None


def _century(text: str, yy: int, column: Column | None) -> int:
    lo, hi = column.years if column is not None and column.years else (0, 0)
    fits = [c + yy for c in (1900, 2000) if lo <= c + yy <= hi]
    if len(fits) == 1:
        return fits[0]
    allowed = f"{lo}-{hi}" if hi else "—"
    raise CellError(
        f"'{text}' has a two-digit year that cannot be placed in one century (this column allows {allowed}); "
        "write the year with four digits (e.g. 05.09.2018)",
        f"в «{text}» год из двух цифр нельзя однозначно отнести к веку (в этом столбце допустимо {allowed}); "
        "запишите год четырьмя цифрами (например, 05.09.2018)",
    )


def parse_bool(text: str) -> tuple[bool, Message | None]:
    """``yes`` or ``no`` (``true``/``false`` also accepted)."""
    low = text.lower()
    if low in BOOL_TRUE:
        return True, None
    if low in BOOL_FALSE:
        return False, None
    raise CellError(f"'{text}' must be yes or no", f"«{text}»: здесь должно быть yes или no")


def parse_choice(text: str, column: Column) -> tuple[str, Message | None]:
    """One of the column's allowed values (case-insensitive match accepted with a warning)."""
    if text in column.choices:
        return text, None
    for choice in column.choices:
        if text.lower().replace(" ", "_") == choice:
            return choice, (f"'{text}' read as '{choice}'", f"«{text}» прочитано как «{choice}»")
    allowed = ", ".join(column.choices)
    raise CellError(
        f"unknown value '{text}'; allowed: {allowed}",
        f"неизвестное значение «{text}»; допустимые значения (пишутся по-английски): {allowed}",
    )


_WEB_ADDRESS = re.compile(r"https?://[^\s<>\"']+")


def web_address(value: object) -> str | None:
    """``value`` if it is an http(s) address without spaces, quotes or angle brackets, else ``None``.

    The one rule for links: a cell is refused unless it passes, and a page or PDF links only what passes.
    """
    return value if isinstance(value, str) and _WEB_ADDRESS.fullmatch(value) else None


def parse_url(text: str) -> tuple[str, Message | None]:
    """An http(s) address (:func:`web_address`); anything else (``javascript:`` links included) is refused."""
    if web_address(text):
        return text, None
    raise CellError(
        f"'{text}' is not a web address; it must start with http:// or https://",
        f"«{text}» — не веб-адрес; он должен начинаться с http:// или https://",
    )


def parse_ids(text: str) -> tuple[tuple[str, ...], Message | None]:
    """A ``;``-separated list of ids."""
    parts = tuple(p.strip() for p in text.split(";") if p.strip())
    if not parts:
        raise CellError(
            "no id given; list the source ids separated by ';'", "идентификаторы не указаны; перечислите их через «;»"
        )
    for part in parts:
        parse_id(part)
    return parts, None


def parse_cell(text: str, column: Column, decimal_comma: bool = False):
    """Dispatch on the column kind; returns ``(value, warning)``.

    ``decimal_comma``: the file is ``;``-separated (Russian Excel), so ``1,234`` means 1.234.
    """
    kind = column.kind
    if kind == "id":
        return parse_id(text)
    if kind == "float":
        return parse_float(text, decimal_comma)
    if kind == "int":
        return parse_int(text, decimal_comma)
    if kind == "date":
        return parse_date(text, column)
    if kind == "bool":
        return parse_bool(text)
    if kind == "choice":
        return parse_choice(text, column)
    if kind == "url":
        return parse_url(text)
    if kind == "ids":
        return parse_ids(text)
    return text, None
