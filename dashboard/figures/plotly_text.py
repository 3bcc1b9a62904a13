"""Text from the data inside a Plotly figure: shown as the characters staff typed.

Plotly renders a subset of HTML in labels, hover texts and annotations, and typesets a text
between two ``$`` as LaTeX (which would load MathJax from a CDN); every builder passes data
text through :func:`plotly_text`.
"""

from __future__ import annotations

import pandas as pd


def plotly_text(text: object) -> str:
    """``text`` safe for a Plotly label: ``& < > $`` as entities, one line; ``None``/NaN → ``""``."""
    if text is None or (not isinstance(text, str) and pd.isna(text)):
        return ""
    return (
        str(text)
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("$", "&#36;")
        .replace("\n", " ")
    )
