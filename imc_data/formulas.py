"""The one rule for text that a spreadsheet would run as a formula.

Excel and LibreOffice treat a cell that starts with ``=``, ``+``, ``-`` or ``@`` as a
formula, and a leading tab, carriage return or line feed can hide such a start. Every
file the project writes for a spreadsheet (investor CSV exports, the staff's Excel
round trip) neutralises such text with :func:`formula_safe`, and every upload refuses it
with :func:`formula_like`, so both sides use the same list.
"""

from __future__ import annotations

from .contact_rules import PHONE_NUMBER

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def formula_like(text: str) -> bool:
    """Whether a spreadsheet would read ``text`` as a formula (or a formula hidden after a control character).

    Parameters
    ----------
    text : str
        The cell's text as written in the file.

    Returns
    -------
    bool
        ``True`` for ``=1+1``, ``+7 495``, ``-2+3``, ``@SUM(A1)``, ``"\\t=cmd"``; ``False`` for ``a=b``.
    """
    return text.startswith(FORMULA_STARTS)


def refused_on_upload(text: str, column: str) -> bool:
    """Whether an uploaded cell of ``column`` must be refused as a formula: :func:`formula_like`, except a phone
    number (:data:`PHONE_NUMBER`) in the ``phone`` column, which has to start with "+".

    Files the project writes still neutralise it (:func:`formula_safe`), so it opens as text in a spreadsheet.
    """
    if text.startswith("'"):  # a spreadsheet's "this is text" mark, kept by some exports
        text = text[1:]
    if column == "phone" and PHONE_NUMBER.match(text):
        return False
    return formula_like(text)


def formula_safe(value: object) -> object:
    """Prefix formula-like text with ``'`` (which spreadsheets show as text); anything else unchanged.

    Parameters
    ----------
    value : object
        A cell value. Only ``str`` values are changed.

    Returns
    -------
    object
        ``"'=1+1"`` for ``"=1+1"``; numbers, ``None`` and harmless text unchanged.
    """
    if isinstance(value, str) and formula_like(value):
        return "'" + value
    return value
