"""What counts as a missing value in a loaded table: one rule for every reader of the tables.

A cell the loader left empty arrives as ``None``, ``NaN``, ``NaT`` or ``pd.NA`` depending on its
column's type; a list, tuple or array (ids split on ``;``) is a value, never a missing one.
"""

from __future__ import annotations

import pandas as pd


def is_missing(value: object) -> bool:
    """Whether ``value`` is an empty cell: ``None``, ``NaN``, ``NaT`` or ``pd.NA`` (an empty string is text)."""
    if value is None:
        return True
    if not pd.api.types.is_scalar(value):
        return False
    return bool(pd.isna(value))
