"""Plot labels that fit: "4 · Moscow City Oncology Hospital No. 62" where there is room, "4" where not.

A plot's map label is its number and what stands (or is planned) there, the same words as
:func:`dashboard.labels.plot_names` without the word "Plot". The candidates, longest first:

1. ``4 · <what>`` — the whole name, wrapped over as many lines as the plot can hold;
2. ``4 · <what, short>`` — without the parts in brackets or quotes and after a colon
   ("Centre for Chronic Diseases (Medscan Golden Care)" → "Centre for Chronic Diseases");
3. ``4`` — the number alone (the name is in the tooltip, the card and the legend's key).

The first candidate whose wrapped box (measured with the shipped font) lies inside the plot's
polygon on screen is used. If not even the number fits, the label goes outside the plot, away
from the site's centre, with a leader line to the plot: a label is never cut by an outline or
the map's edge. Words are never broken or cut with an ellipsis.

Pure functions of screen geometry; the site plan (pydeck) and the PDF thumbnail (Pillow) both
place their labels with :func:`fit_label`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from shapely.geometry import Polygon, box
from shapely.ops import polylabel

from .screen import text_width

SEPARATOR = " · "
LINE_HEIGHT = 1.2  # deck.gl TextLayer ``line_height`` (in em) used for multi-line labels
# Label background padding in px (horizontal, vertical): tight, so a number fits a small plot on a phone.
PADDING = (1, 0)
INSET_PX = 1.5  # a label keeps this far inside its plot's outline
LEADER_GAP_PX = 14  # an outside label sits this far beyond its plot's screen box
WRAP_SHARES = (1.0, 0.85, 0.7, 0.55)  # line widths tried, as shares of the plot's screen width
_BRACKETED = re.compile(r"\s*(\([^)]*\)|«[^»]*»|\"[^\"]*\"|“[^”]*”)")


def short_what(what: str) -> str:
    """``what`` without bracketed or quoted parts and without what follows a colon ("" if nothing is left)."""
    text = _BRACKETED.sub("", what.split(":", 1)[0])
    return " ".join(text.split())


def candidates(number: str, what: str | None) -> list[str]:
    """Label texts to try, longest first: ``N · what``, ``N · short what``, ``N`` (no duplicates)."""
    out = []
    if what:
        out.append(f"{number}{SEPARATOR}{what}")
        short = short_what(what)
        if short and short != what:
            out.append(f"{number}{SEPARATOR}{short}")
    out.append(str(number))
    return out


def wrap(text: str, max_width: float, size: int, bold: bool = True) -> list[str] | None:
    """Greedy word wrap of ``text`` into lines no wider than ``max_width`` px; ``None`` if a word is wider.

    The number and its separator stay on the first line ("4 ·").
    """
    words = text.split(" ")
    if len(words) > 2 and words[1] == SEPARATOR.strip():
        words = [f"{words[0]} {words[1]}", *words[2:]]
    lines: list[str] = []
    for word in words:
        trial = f"{lines[-1]} {word}" if lines else word
        if lines and text_width(trial, size, bold) <= max_width:
            lines[-1] = trial
        elif text_width(word, size, bold) <= max_width:
            lines.append(word)
        else:
            return None
    return lines


def label_size(lines: list[str], size: int, bold: bool = True) -> tuple[float, float]:
    """Width and height in px of a label's box (text and background padding)."""
    width = max(text_width(line, size, bold) for line in lines) + 2 * PADDING[0]
    height = len(lines) * size * LINE_HEIGHT + 2 * PADDING[1]
    return width, height


@dataclass(frozen=True)
class FittedLabel:
    """Where and how a plot's label is drawn, in screen pixels."""

    text: str  # lines joined by "\n"
    anchor: tuple[float, float]  # centre of the label box
    box: tuple[float, float, float, float]  # x0, y0, x1, y1 of the label with its background
    inside: bool  # inside the plot; False: outside with a leader line
    leader: tuple[tuple[float, float], tuple[float, float]] | None  # from the plot to the label


def _box_at(centre: tuple[float, float], width: float, height: float) -> tuple[float, float, float, float]:
    x, y = centre
    return x - width / 2, y - height / 2, x + width / 2, y + height / 2


def fit_label(
    number: str,
    what: str | None,
    polygon: Polygon,
    size: int,
    away_from: tuple[float, float] | None = None,
    bold: bool = True,
    canvas: tuple[float, float, float, float] | None = None,
) -> FittedLabel:
    """The longest label candidate that fits inside ``polygon`` (screen px), else the number outside.

    Parameters
    ----------
    number, what : str
        The plot's number ("4") and what it holds (``None`` when nothing is known).
    polygon : shapely.geometry.Polygon
        The plot's outline in screen pixels (y downwards).
    size : int
        Font size in px.
    away_from : tuple of float, optional
        Screen point (the site's centre) an outside label moves away from.
    canvas : tuple of float, optional
        The map's drawable screen box (x0, y0, x1, y1): an outside label stays within it.
    """
    room = polygon.buffer(-INSET_PX, join_style="mitre")
    if not room.is_empty:
        centre = polylabel(room if room.geom_type == "Polygon" else max(room.geoms, key=lambda g: g.area), 0.5)
        inner_x0, _, inner_x1, _ = room.bounds
        points = ((centre.x, centre.y), room.envelope.centroid.coords[0])
        for text in candidates(number, what):
            # A tilted plot is narrower than its screen box: try narrower (taller) wraps too.
            for share in WRAP_SHARES:
                lines = wrap(text, (inner_x1 - inner_x0) * share - 2 * PADDING[0], size, bold)
                if lines is None:
                    break
                width, height = label_size(lines, size, bold)
                # The pole of inaccessibility first, then the centre of the plot's box.
                for point in points:
                    candidate_box = _box_at(point, width, height)
                    if room.contains(box(*candidate_box)):
                        return FittedLabel("\n".join(lines), point, candidate_box, True, None)
    return _outside(str(number), polygon, size, away_from, bold, canvas)


def _outside(
    number: str,
    polygon: Polygon,
    size: int,
    away_from,
    bold: bool,
    canvas: tuple[float, float, float, float] | None = None,
) -> FittedLabel:
    """The number beyond the plot's screen box with a leader: away from ``away_from`` first, else another side.

    The first side whose label box lies inside ``canvas`` (x0, y0, x1, y1) is taken, so a plot at
    the map's edge gets its number on the inner side rather than cut off.
    """
    width, height = label_size([number], size, bold)
    x0, y0, x1, y1 = polygon.bounds
    px, py = polygon.centroid.x, polygon.centroid.y
    ax, ay = away_from if away_from is not None else (px, py + 1)
    dx, dy = px - ax, py - ay
    sides = {
        "right": (x1 + LEADER_GAP_PX + width / 2, py),
        "left": (x0 - LEADER_GAP_PX - width / 2, py),
        "below": (px, y1 + LEADER_GAP_PX + height / 2),
        "above": (px, y0 - LEADER_GAP_PX - height / 2),
    }
    horizontal = ["right", "left"] if dx >= 0 else ["left", "right"]
    vertical = ["below", "above"] if dy >= 0 else ["above", "below"]
    order = horizontal + vertical if abs(dx) >= abs(dy) else vertical + horizontal
    anchor = sides[order[0]]
    if canvas is not None:
        cx0, cy0, cx1, cy1 = canvas
        for side in order:
            bx0, by0, bx1, by1 = _box_at(sides[side], width, height)
            if bx0 >= cx0 and by0 >= cy0 and bx1 <= cx1 and by1 <= cy1:
                anchor = sides[side]
                break
    return FittedLabel(number, anchor, _box_at(anchor, width, height), False, ((px, py), anchor))
