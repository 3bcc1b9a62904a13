"""A static map thumbnail of the site, drawn with Pillow (no browser, no tiles, no network).

Used in the PDF one-pagers, where a WebGL map cannot be rendered. Shapes come from
``ds.site_geo`` and ``ds.plots_geo``, colours from the site plan; the plots to highlight are
filled and numbered like the map's labels.
"""

from __future__ import annotations

import io
import math
from collections.abc import Iterable, Mapping

from PIL import Image, ImageDraw
from shapely.geometry.base import BaseGeometry

from imc_data import Dataset

from .. import labels
from .screen import FONT_BOLD, FONT_REGULAR, font
from .site_deck import CONTEXT_STYLE, HIGHLIGHT_OUTLINE, OUTLINE

__all__ = ["FONT_BOLD", "FONT_REGULAR", "site_thumbnail"]


# The site plan's colours (dashboard.figures.site_deck), so the PDF's picture is the map on
# screen: the same quiet context, the same outline, and the highlight colour of the
# Opportunities map (filled here, since a small print has no room for a thick outline). The
# highlighted plot is also numbered, so the colour is never the only sign.
def _on_white(rgba: list[int]) -> tuple[int, int, int]:
    """An RGBA colour as drawn over the map's white background (the PNG has no transparency)."""
    alpha = rgba[3] / 255
    return tuple(round(c * alpha + 255 * (1 - alpha)) for c in rgba[:3])


_FILL = {kind: _on_white(CONTEXT_STYLE[kind][0]) for kind in ("site_outline", "forest", "district")}
_EDGE = {kind: tuple(CONTEXT_STYLE[kind][1][:3]) for kind in ("site_outline", "forest", "district")}
_PLOT = (230, 230, 230)
_PLOT_EDGE = tuple(OUTLINE[:3])
_HIGHLIGHT = tuple(HIGHLIGHT_OUTLINE[:3])
_HIGHLIGHT_EDGE = (60, 60, 60)
_ROAD = tuple(CONTEXT_STYLE["road"][1][:3])
_TEXT = (30, 30, 30)


def _font(size: int, bold: bool = False):
    return font(size, bold)


class _Projection:
    """Longitude/latitude → pixels, equirectangular scaled by cos(latitude) so shapes keep their proportions."""

    def __init__(self, bounds: tuple[float, float, float, float], width: int, height: int, margin: int):
        minx, miny, maxx, maxy = bounds
        self.kx = math.cos(math.radians((miny + maxy) / 2))
        span_x = max((maxx - minx) * self.kx, 1e-9)
        span_y = max(maxy - miny, 1e-9)
        self.scale = min((width - 2 * margin) / span_x, (height - 2 * margin) / span_y)
        self.ox = (width - span_x * self.scale) / 2
        self.oy = (height - span_y * self.scale) / 2
        self.minx, self.maxy = minx, maxy

    def __call__(self, lon: float, lat: float) -> tuple[float, float]:
        return (self.ox + (lon - self.minx) * self.kx * self.scale, self.oy + (self.maxy - lat) * self.scale)


def _rings(geom: BaseGeometry) -> Iterable[list[tuple[float, float]]]:
    parts = getattr(geom, "geoms", [geom])
    for part in parts:
        if part.geom_type == "Polygon":
            yield list(part.exterior.coords)
        elif part.geom_type == "LineString":
            yield list(part.coords)


def site_thumbnail(
    ds: Dataset,
    highlight: Iterable[str] = (),
    *,
    width: int = 640,
    height: int = 420,
    label_all: bool = False,
    fills: Mapping[str, tuple[int, int, int]] | None = None,
    highlight_outline: tuple[int, int, int] | None = None,
) -> bytes:
    """PNG of the site with the plots in ``highlight`` filled and labelled.

    Parameters
    ----------
    ds : Dataset
        Loaded data (``site_geo`` and ``plots_geo`` in EPSG:4326).
    highlight : iterable of str
        Plot ids to emphasise.
    width, height : int
        Image size in pixels.
    label_all : bool
        Label every plot, not only the highlighted ones.
    fills : mapping of str to (int, int, int), optional
        Fill colour per plot id (e.g. its state's colour, as on the site map); default one light grey.
    highlight_outline : (int, int, int), optional
        Draw highlighted plots in their ``fills`` colour with a thick outline of this colour
        (the PDF deck, where the fill already means the state) instead of the strong fill.

    Returns
    -------
    bytes
        A PNG image.
    """
    chosen = set(highlight)
    img = Image.new("RGB", (width, height), (255, 255, 255))
    draw = ImageDraw.Draw(img)
    site = ds.site_geo
    plots = ds.plots_geo
    frames = [g for g in (site.total_bounds, plots.total_bounds) if len(g) == 4 and all(map(math.isfinite, g))]
    if not frames:
        draw.text((10, 10), "—", fill=_TEXT, font=_font(14))
        return _png(img)
    bounds = (
        min(f[0] for f in frames),
        min(f[1] for f in frames),
        max(f[2] for f in frames),
        max(f[3] for f in frames),
    )
    project = _Projection(bounds, width, height, margin=8)

    _draw_context(draw, site, project, width)
    label_size = max(9, width // 55)
    for plot_id, geom in zip(plots["plot_id"], plots["geometry"], strict=False):
        hot = plot_id in chosen
        fill = (fills or {}).get(plot_id, _PLOT)
        if hot and highlight_outline is None:
            fill = _HIGHLIGHT
        edge = (highlight_outline or _HIGHLIGHT_EDGE) if hot else _PLOT_EDGE
        for ring in _rings(geom):
            draw.polygon(
                [project(*pt[:2]) for pt in ring],
                fill=fill,
                outline=edge,
                width=(max(4, width // 200) if highlight_outline else 2) if hot else 1,
            )
        if hot or label_all:
            c = geom.representative_point()
            x, y = project(c.x, c.y)
            font = _font(label_size + (2 if hot else 0), bold=True)
            # The plot's number, as on the site map ("4"; its name is in the text beside the picture);
            # white on a highlighted fill unless the highlight is an outline.
            light = hot and highlight_outline is None
            draw.text(
                (x, y), labels.plot_number(plot_id), fill=(255, 255, 255) if light else _TEXT, font=font, anchor="mm"
            )
    draw.rectangle([0, 0, width - 1, height - 1], outline=(200, 200, 200))
    return _png(img)


def _draw_context(draw: ImageDraw.ImageDraw, site, project, width: int) -> None:
    """The districts, the forest and the site outline as areas, the roads as lines, under the plots."""
    for kind in ("district", "forest", "site_outline"):
        for geom in site.loc[site["kind"] == kind, "geometry"]:
            for ring in _rings(geom):
                draw.polygon([project(*pt[:2]) for pt in ring], fill=_FILL[kind], outline=_EDGE[kind])
    for geom in site.loc[site["kind"] == "road", "geometry"]:
        for ring in _rings(geom):
            draw.line([project(*pt[:2]) for pt in ring], fill=_ROAD, width=max(3, width // 120))


def _png(img: Image.Image) -> bytes:
    buf = io.BytesIO()
    img.save(buf, format="PNG", optimize=True)
    return buf.getvalue()
