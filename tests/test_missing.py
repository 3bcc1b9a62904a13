"""One rule for "this cell holds no value", whatever type its column was read as."""

import pandas as pd
import pytest

from imc_data.missing import is_missing


@pytest.mark.parametrize(
    ("value", "missing"),
    [
        (None, True),
        (float("nan"), True),
        (pd.Series([float("nan")]).to_numpy()[0], True),  # a numpy float, as a column yields it
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
        (pd.Series([float("nan"), 1.0]).to_numpy(), False),  # an array, even with a NaN inside
    ],
)
def test_a_cell_is_missing_only_when_it_holds_no_value(value, missing):
    assert is_missing(value) is missing
