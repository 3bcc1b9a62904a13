"""The site plan as a server-drawn SVG: the phone's light map (no deck.gl, no WebGL).

The same plan as :func:`dashboard.figures.site_deck.build_site_deck`, drawn from the very same
parts — the fitted view (:func:`~dashboard.figures.site_deck.fitted_view`), the context and the
station, the plots with their state colours and outlines (:func:`~dashboard.figures.site_deck.plot_records`),
the fitted plot labels and context names, the north arrow and the scale bar — projected onto the
view's canvas with :func:`dashboard.figures.screen.to_screen`. Only the drawing differs: SVG
elements instead of deck.gl layers, so the two can never disagree on geometry, colour or words.

Each plot is a link (``?plot=P12&…#plot-card``): a tap opens the plot's card under the map, and
the card's heading (anchor ``plot-card``) is scrolled into view when it is drawn. Every text
from the data is escaped (:func:`dashboard.safe.markup`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from urllib.parse import urlencode

from imc_data import Dataset

from ..cache.shared import shared_result
from ..i18n import translate
from ..safe import markup
from . import site_deck
from .plot_labels import LINE_HEIGHT
from .screen import View, to_screen

CARD_ANCHOR = "plot-card"  # the card's heading anchor: the link scrolls to it
FONT_CSS = "'DejaVu Sans', 'Helvetica Neue', Arial, sans-serif"  # the deck's font stack (screen.FONT_FAMILY)
PLOT_LABEL_BACKGROUND = (255, 255, 255, 215)  # as the deck's plot labels
CONTEXT_LABEL_BACKGROUND = (255, 255, 255, 170)


def _rgb(colour) -> str:
    return f"rgb({int(colour[0])},{int(colour[1])},{int(colour[2])})"


def _alpha(colour) -> str:
    return f"{(colour[3] if len(colour) > 3 else 255) / 255:.3f}"


def _points(ring, project) -> str:
    return " ".join(f"{x:.1f},{y:.1f}" for x, y in (project(lon, lat) for lon, lat, *_ in ring))


def plot_link(query: Mapping[str, str], plot_id: str) -> str:
    """The address that opens ``plot_id``'s card, keeping the other parameters (language, year)."""
    return "?" + urlencode({**{k: v for k, v in query.items() if k != "plot"}, "plot": plot_id}) + f"#{CARD_ANCHOR}"


def _label(box, text: str, font_px: int, *, bold: bool, background, ink, italic: bool = False) -> str:
    """A label as the deck draws it: a padded background box with the lines centred in it."""
    x0, y0, x1, y1 = box
    lines = text.split("\n")
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    step = font_px * LINE_HEIGHT
    first = cy - step * (len(lines) - 1) / 2
    spans = "".join(
        f'<tspan x="{cx:.1f}" y="{first + i * step:.1f}">{markup(line)}</tspan>' for i, line in enumerate(lines)
    )
    style = (' font-weight="700"' if bold else "") + (' font-style="italic"' if italic else "")
    return (
        f'<rect x="{x0:.1f}" y="{y0:.1f}" width="{x1 - x0:.1f}" height="{y1 - y0:.1f}" '
        f'fill="{_rgb(background)}" fill-opacity="{_alpha(background)}"/>'
        f'<text font-size="{font_px}"{style} fill="{_rgb(ink)}" text-anchor="middle" '
        f'dominant-baseline="central">{spans}</text>'
    )


def _context(ds: Dataset, lang: str, project) -> list[str]:
    """Districts, forest, site outline, road and the station: the deck's context layers."""
    out = []
    records = site_deck.context_records(ds, lang)
    for rec in records:
        if "coordinates" in rec:
            fill, line = rec["fill_colour"], rec["line_colour"]
            out.append(
                f'<polygon points="{_points(rec["coordinates"], project)}" fill="{_rgb(fill)}" '
                f'fill-opacity="{_alpha(fill)}" stroke="{_rgb(line)}" stroke-width="{rec["line_width"]}"/>'
            )
    for rec in records:
        if rec["kind"] == "road":
            out.append(
                f'<polyline points="{_points(rec["path"], project)}" fill="none" stroke="{_rgb(rec["line_colour"])}" '
                f'stroke-width="{rec["line_width"]}" stroke-linecap="round" stroke-linejoin="round"/>'
            )
    station = site_deck.station_record(ds, lang)
    if station is not None:
        x, y = project(*station["position"])
        out.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="6" fill="{_rgb(site_deck.STATION_COLOUR)}" '
            'stroke="#ffffff" stroke-width="2"/>'
        )
    return out


def _plots(plots: list[dict], project, query: Mapping[str, str] | None, lang: str) -> list[str]:
    """Each plot filled by state, outlined (heavily when selected); a link to its card unless ``query`` is None."""
    out = []
    for p in plots:
        fill, line = p["fill_colour"], p["line_colour"]
        polygon = (
            f'<polygon points="{_points(p["coordinates"], project)}" fill="{_rgb(fill)}" '
            f'fill-opacity="{_alpha(fill)}" stroke="{_rgb(line)}" stroke-width="{p["line_width"]}" '
            'stroke-linejoin="round"/>'
        )
        if query is None:  # a still picture (a slide): nothing to tap
            out.append(polygon)
            continue
        name = translate("site_map.svg_plot", lang, name=p["plot_name"], state=p["state_label"])
        out.append(
            f'<a href="{markup(plot_link(query, p["plot_id"]))}" target="_self" aria-label="{markup(name)}">'
            f"<title>{markup(name)}</title>{polygon}</a>"
        )
    return out


@shared_result(
    key=lambda ds, lang, year, selected, highlight, query, today, view: (
        *site_deck.plan_key(ds, lang, year, selected, highlight, today, view),
        None if query is None else tuple(sorted(query.items())),
    ),
    max_entries=128,
)
def site_plan_svg(
    ds: Dataset,
    lang: str,
    year: int,
    *,
    selected: str | None = None,
    highlight: Iterable[str] | None = None,
    query: Mapping[str, str] | None = None,
    today: dt.date | None = None,
    view: str | View = "phone",
) -> str:
    """The site plan in ``year`` as an inline ``<svg>`` sized to ``view`` (scales down with its column).

    Parameters
    ----------
    ds, lang, year, selected, highlight, today
        As :func:`dashboard.figures.site_deck.build_site_deck` (the flat view).
    query : mapping, optional
        The page's other address parameters (language, year), kept in each plot's link. ``None``: no
        links, a still picture (a presenter's slide, where a click must not leave the presentation).
    view : str or View
        The canvas the plan is fitted to (:data:`dashboard.figures.site_deck.VIEWS`).

    Returns
    -------
    str
        SVG markup: context, plots (links), leader lines, labels, north arrow and scale bar, in the
        deck's drawing order. Shared (read-only).
    """
    size = site_deck.as_view(view)
    centre, zoom = site_deck.fitted_view(ds, size)

    def project(lon: float, lat: float) -> tuple[float, float]:
        return to_screen(lon, lat, centre, zoom, size)

    plots = site_deck.plot_records(ds, lang, year, selected=selected, highlight=highlight, today=today)
    placed = site_deck.plot_labels(ds, lang, size)
    ink = site_deck.INK
    parts = [*_context(ds, lang, project), *_plots(plots, project, query, lang)]
    for p in placed:
        if p["leader"]:
            (ax, ay), (bx, by) = (project(*pt) for pt in p["leader"])
            parts.append(f'<line x1="{ax:.1f}" y1="{ay:.1f}" x2="{bx:.1f}" y2="{by:.1f}" stroke="{_rgb(ink)}"/>')
    # Labels do not take taps: a tap on a label reaches the plot under it.
    labels = [
        _label(p["screen_box"], p["label"], size.font_px, bold=True, background=PLOT_LABEL_BACKGROUND, ink=ink)
        for p in placed
    ]
    labels += [
        _label(
            n["screen_box"],
            n["text"],
            size.context_px,
            bold=False,
            italic=True,
            background=CONTEXT_LABEL_BACKGROUND,
            ink=site_deck.CONTEXT_INK,
        )
        for n in site_deck.context_labels(ds, lang, size)
    ]
    parts.append(f'<g pointer-events="none">{"".join(labels)}{_furniture(ds, lang, size, project)}</g>')
    title = translate("site_map.alt", lang, year=year, n=len(plots))
    return (
        f'<svg class="imc-site-plan" viewBox="0 0 {size.width} {size.height}" width="{size.width}" '
        f'height="{size.height}" role="group" aria-label="{markup(title)}" '
        f'font-family="{FONT_CSS}" xmlns="http://www.w3.org/2000/svg">'
        f'<rect width="{size.width}" height="{size.height}" fill="#ffffff"/>{"".join(parts)}</svg>'
    )


def _furniture(ds: Dataset, lang: str, size: View, project) -> str:
    """The deck's north arrow and scale bar (:func:`~dashboard.figures.site_deck.map_furniture`)."""
    paths, texts = site_deck.map_furniture(ds, lang, size)
    ink = _rgb(site_deck.INK)
    out = [
        f'<polyline points="{_points(p["path"], project)}" fill="none" stroke="{ink}" stroke-width="{p["width"]}"/>'
        for p in paths
    ]
    anchors = {"start": "start", "middle": "middle", "end": "end"}
    for t in texts:
        x, y = project(*t["position"])
        out.append(
            f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size.font_px}" font-weight="700" fill="{ink}" '
            f'text-anchor="{anchors[t["anchor"]]}" dominant-baseline="central">{markup(t["text"])}</text>'
        )
    return "".join(out)
