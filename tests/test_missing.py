"""One rule for "this cell holds no value", whatever type its column was read as."""

import numpy as np
import pandas as pd
import pytest

from imc_data.missing import is_missing


@pytest.mark.parametrize(
    ("value", "missing"),
    [
        (None, True),
        (float("nan"), True),
        (np.float64("nan"), True),
        (pd.NaT, True),
        (pd.NA, True),
        ("", False),  # an empty text is text: the loader decides what a blank cell becomes
        ("P01", False),
        (0, False),
        (0.0, False),
        (False, False),
        (pd.Timestamp("2018-09-05"), False),
        ((), False),  # ids split on ';': a value even when empty
        (["P01", "P02"], False),
        (np.array([np.nan, 1.0]), False),
    ],
)
def test_a_cell_is_missing_only_when_it_holds_no_value(value, missing):
    assert is_missing(value) is missing
