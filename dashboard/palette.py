"""The one palette: brand colours and the colours of every status, for maps, charts and badges.

Status colours come from the Okabe-Ito set (distinguishable with the common colour-vision
deficiencies) and are never the only cue: every place that colours a status also writes its
words (:func:`dashboard.labels.label`). Each swatch carries the nearest of Streamlit's badge
colours so a badge, a map polygon and a chart bar of one status agree.

The brand colours are also in ``.streamlit/config.toml`` and ``deploy/streamlit/config.toml``
(``[theme]``); ``tests/test_palette.py`` checks they agree.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Swatch:
    """A colour as CSS hex plus the Streamlit badge colour closest to it."""

    hex: str
    badge: str  # red, orange, yellow, blue, green, violet, gray or primary

    def rgb(self, alpha: int | None = None) -> list[int]:
        """``[r, g, b]`` (or ``[r, g, b, a]``) for pydeck layers."""
        channels = [int(self.hex[i : i + 2], 16) for i in (1, 3, 5)]
        return [*channels, alpha] if alpha is not None else channels


# Brand: a deep institutional blue, dark ink, quiet greys. Text colours keep WCAG AA contrast
# (4.5:1 or more) on the page and card backgrounds, also at Streamlit's reduced caption opacity.
PRIMARY = "#0b5394"
INK = "#0e1014"
LINK = "#001a3a"
MUTED = "#4a5563"
BACKGROUND = "#ffffff"
SURFACE = "#f3f6f9"  # cards, sidebar
BORDER = "#d5dde6"
ACCENT = "#009e73"  # calls to action that are not the primary button

# Okabe-Ito
BLUE = Swatch("#0072B2", "blue")
SKY = Swatch("#56B4E9", "blue")
GREEN = Swatch("#009E73", "green")
ORANGE = Swatch("#E69F00", "orange")
VERMILLION = Swatch("#D55E00", "red")
PURPLE = Swatch("#CC79A7", "violet")
GREY = Swatch("#8C8C8C", "gray")
LIGHT_GREY = Swatch("#BDBDBD", "gray")

STATUS: dict[str, dict[str, Swatch]] = {
    # what exists (green), is being built (orange), is planned (sky), is uncertain (grey)
    "facility_status": {
        "operating": GREEN,
        "completed": BLUE,
        "partly_completed": PURPLE,
        "under_construction": ORANGE,
        "planned": SKY,
        "unknown": GREY,
        "announced_not_realised": VERMILLION,
    },
    "plot_state": {"operating": GREEN, "under_construction": ORANGE, "planned": LIGHT_GREY},
    "opportunity_status": {
        "open": GREEN,
        "in_negotiation": ORANGE,
        "taken": GREY,
        "announced_not_realised": VERMILLION,
    },
    "operator_status": {
        "operating": GREEN,
        "managing": BLUE,
        "agreement_signed": SKY,
        "announced": ORANGE,
        "interest_only": GREY,
    },
    # sourced values need no badge; a derived one is a calm blue, an illustrative one stands out
    "provenance": {"sourced": GREEN, "derived": BLUE, "illustrative": ORANGE},
    "milestone_status": {"actual": GREEN, "planned": SKY, "planned_missed": VERMILLION, "overdue": ORANGE},
    "incentive_applies": {"yes": GREEN, "not_established": GREY, "no": VERMILLION},
}

UNKNOWN = GREY
_warned: set[tuple[str, str]] = set()


def swatch(kind: str, value: object) -> Swatch:
    """The swatch of a status; an unknown one is grey (and logged once) so nothing crashes."""
    found = STATUS.get(kind, {}).get(str(value))
    if found is None:
        if (kind, str(value)) not in _warned:
            _warned.add((kind, str(value)))
            log.warning("no colour for %s value %r: grey (add it to dashboard/palette.py)", kind, value)
        return UNKNOWN
    return found


def colour(kind: str, value: object) -> str:
    """CSS hex of a status, for Plotly and CSS."""
    return swatch(kind, value).hex


def rgb(kind: str, value: object, alpha: int | None = None) -> list[int]:
    """``[r, g, b(, a)]`` of a status, for pydeck."""
    return swatch(kind, value).rgb(alpha)


def badge_colour(kind: str, value: object) -> str:
    """The Streamlit badge colour of a status (``st.badge(color=...)``, ``:green-badge[...]``)."""
    return swatch(kind, value).badge
