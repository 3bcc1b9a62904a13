"""CSV downloads for spreadsheets: UTF-8 with BOM, and no cell that a spreadsheet would run as a formula."""

from __future__ import annotations

import pandas as pd

from imc_data.formulas import formula_safe


def neutralise_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy with every text cell passed through :func:`imc_data.formulas.formula_safe` (numeric columns untouched)."""
    out = frame.copy()
    for column in out.columns:
        if not pd.api.types.is_numeric_dtype(out[column]) and not pd.api.types.is_bool_dtype(out[column]):
            out[column] = out[column].map(formula_safe)
    return out


def _whole_numbers_as_integers(frame: pd.DataFrame) -> pd.DataFrame:
    # A column of whole numbers with an empty cell is float in pandas, and its CSV read "27000.0".
    out = frame.copy()
    for column in out.columns:
        values = out[column]
        if pd.api.types.is_float_dtype(values) and (values.dropna() % 1 == 0).all():
            out[column] = values.astype("Int64")
    return out


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """CSV for Excel: UTF-8 with BOM (so Cyrillic opens correctly), formula-like text neutralised, whole numbers
    written as integers (27000, not 27000.0).

    Rows end in CRLF (RFC 4180), which also makes the writer quote any cell holding a lone CR
    so it cannot split a row.
    """
    safe = _whole_numbers_as_integers(neutralise_frame(frame))
    return safe.to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")
