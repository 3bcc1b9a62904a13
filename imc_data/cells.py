"""Turn one text cell into a typed value, naming what is wrong and how to fix it.

Each parser returns ``(value, warning)`` or raises :class:`CellError`. A warning
means the value was accepted after an Excel-style repair (decimal comma,
``DD.MM.YYYY`` date, ``2016.0`` for an integer).
"""

from __future__ import annotations

import datetime as dt
import re

from .schema import Column


class CellError(ValueError):
    """A cell that cannot be accepted; the message says how to fix it."""


_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_\-]*$")
_NUMERIC = re.compile(r"^[+-]?\d+([.,]\d+)?([eE][+-]?\d+)?$")
_DOTTED_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_THOUSANDS_COMMA = re.compile(r"^[+-]?\d{1,3}(,\d{3})+$")
_SPACED = re.compile(r"^[+-]?\d{1,3}([ \u00a0\u202f]\d{3})+([.,]\d+)?$")
BOOL_TRUE = ("yes", "true")
BOOL_FALSE = ("no", "false")


def parse_id(text: str) -> tuple[str, str | None]:
    """An identifier starts with a letter; digits-only ids are what Excel leaves of ``P01``."""
    if _ID.match(text):
        return text, None
    if _NUMERIC.match(text) or _DOTTED_DATE.match(text) or _ISO_DATE.match(text):
        raise CellError(
            f"'{text}' looks like an id that Excel turned into a number or date; "
            "restore the original id (it starts with a letter, e.g. P01) and format the column as Text"
        )
    raise CellError(f"'{text}' is not a valid id; use letters, digits, '_' or '-', starting with a letter")


def parse_float(text: str) -> tuple[float, str | None]:
    """A number; ``57,6`` and ``450 000`` are accepted with a warning, ``1,234`` is ambiguous."""
    warning = None
    if _THOUSANDS_COMMA.match(text):
        raise CellError(
            f"'{text}' is ambiguous (thousands separator or decimal comma?); write it without "
            "separators, with '.' for decimals (e.g. 1234 or 1.234)"
        )
    if _SPACED.match(text):
        text = re.sub(r"[ \u00a0\u202f]", "", text)
        warning = "spaces between thousands removed"
    if re.match(r"^[+-]?\d+,\d+$", text):
        text = text.replace(",", ".")
        warning = "decimal comma read as a decimal point"
    try:
        value = float(text)
    except ValueError:
        raise CellError(f"'{text}' is not a number; write digits with '.' for decimals (e.g. 57.6)") from None
    if value != value or value in (float("inf"), float("-inf")):
        raise CellError(f"'{text}' is not a finite number")
    return value, warning


def parse_int(text: str) -> tuple[int, str | None]:
    """A whole number; ``2016.0`` (Excel's float) is accepted with a warning."""
    value, warning = parse_float(text)
    if value != int(value):
        raise CellError(f"'{text}' must be a whole number")
    if re.match(r"^[+-]?\d+[.,]0+$", text):
        warning = "trailing '.0' removed"
    return int(value), warning


def parse_date(text: str) -> tuple[dt.date, str | None]:
    """An ISO date ``YYYY-MM-DD``; ``DD.MM.YYYY`` is accepted with a warning."""
    warning = None
    m = _ISO_DATE.match(text)
    if m:
        y, mo, d = int(m[1]), int(m[2]), int(m[3])
    else:
        m = _DOTTED_DATE.match(text)
        if not m:
            raise CellError(f"'{text}' is not a date; write it as YYYY-MM-DD (e.g. 2018-09-05)")
        d, mo, y = int(m[1]), int(m[2]), int(m[3])
        warning = "DD.MM.YYYY date read as day.month.year"
    try:
        return dt.date(y, mo, d), warning
    except ValueError:
        raise CellError(f"'{text}' is not a real calendar date; check the day and month") from None


def parse_bool(text: str) -> tuple[bool, str | None]:
    """``yes`` or ``no`` (``true``/``false`` also accepted)."""
    low = text.lower()
    if low in BOOL_TRUE:
        return True, None
    if low in BOOL_FALSE:
        return False, None
    raise CellError(f"'{text}' must be yes or no")


def parse_choice(text: str, column: Column) -> tuple[str, str | None]:
    """One of the column's allowed values (case-insensitive match accepted with a warning)."""
    if text in column.choices:
        return text, None
    for choice in column.choices:
        if text.lower().replace(" ", "_") == choice:
            return choice, f"'{text}' read as '{choice}'"
    allowed = ", ".join(column.choices)
    raise CellError(f"unknown value '{text}'; allowed: {allowed}")


_WEB_ADDRESS = re.compile(r"https?://[^\s<>\"']+")


def web_address(value: object) -> str | None:
    """``value`` if it is an http(s) address without spaces, quotes or angle brackets, else ``None``.

    The one rule for links: a cell is refused unless it passes, and a page or PDF links only what passes.
    """
    return value if isinstance(value, str) and _WEB_ADDRESS.fullmatch(value) else None


def parse_url(text: str) -> tuple[str, str | None]:
    """An http(s) address (:func:`web_address`); anything else (``javascript:`` links included) is refused."""
    if web_address(text):
        return text, None
    raise CellError(f"'{text}' is not a web address; it must start with http:// or https://")


def parse_ids(text: str) -> tuple[tuple[str, ...], str | None]:
    """A ``;``-separated list of ids."""
    parts = tuple(p.strip() for p in text.split(";") if p.strip())
    if not parts:
        raise CellError("no id given; list the source ids separated by ';'")
    for part in parts:
        parse_id(part)
    return parts, None


def parse_cell(text: str, column: Column):
    """Dispatch on the column kind; returns ``(value, warning)``."""
    kind = column.kind
    if kind == "id":
        return parse_id(text)
    if kind == "float":
        return parse_float(text)
    if kind == "int":
        return parse_int(text)
    if kind == "date":
        return parse_date(text)
    if kind == "bool":
        return parse_bool(text)
    if kind == "choice":
        return parse_choice(text, column)
    if kind == "url":
        return parse_url(text)
    if kind == "ids":
        return parse_ids(text)
    return text, None
