"""Where a point of the map lands on the screen, and how wide a label is: the maths behind fitting maps.

deck.gl draws the world in Web Mercator, 512 px wide at zoom 0, with the view's centre in the
middle of the canvas (:func:`merc_xy`, :func:`to_screen`). Label widths are measured with the
font the page ships (``assets/fonts``, DejaVu Sans): its glyphs are at least as wide as the
fall-back fonts of the deck's font stack, so a label measured to fit does fit.

Pure functions; used by the site plan, the locator map and the PDF thumbnail, and by the tests
that check a label lies inside its plot. :func:`text_layer` is the one text layer both maps draw
their labels with, in that font.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pydeck as pdk
from PIL import ImageFont

from ..cache.shared import shared_result
from ..nav import APP_ROOT

FONT_DIR = APP_ROOT / "assets" / "fonts"
FONT_REGULAR = FONT_DIR / "DejaVuSans.ttf"
FONT_BOLD = FONT_DIR / "DejaVuSans-Bold.ttf"
WORLD_PX = 512.0  # deck.gl: the world's width in pixels at zoom 0
# The deck's font stack (pydeck turns bare strings into accessors: the constant is quoted to stay literal).
FONT_FAMILY = "`'DejaVu Sans', 'Helvetica Neue', Arial, sans-serif`"


def text_layer(layer_id: str, data: list[dict], size: int, **style) -> pdk.Layer:
    """Labels at ``data[i]["position"]`` reading ``data[i]["text"]``, ``size`` px in :data:`FONT_FAMILY`.

    ``style`` adds or overrides TextLayer properties (colour, anchors, background, 3D parameters).
    """
    props = {
        "get_position": "position",
        "get_text": "text",
        "get_size": size,
        "size_units": "'pixels'",
        "character_set": "'auto'",  # Cyrillic labels need glyphs beyond the default ASCII set
        "font_family": FONT_FAMILY,
        "pickable": False,
    }
    return pdk.Layer("TextLayer", id=layer_id, data=data, **{**props, **style})


@dataclass(frozen=True)
class View:
    """A viewport a map's initial view is fitted to: size in CSS pixels, label and small-print font sizes."""

    width: int
    height: int
    font_px: int = 14
    small_px: int = 12  # scale bar, north arrow, attribution
    names_px: int | None = None  # the names around the plots; default a pixel under font_px

    @property
    def context_px(self) -> int:
        """The names around the plots (station, roads, forest): a pixel smaller than the plots' labels by default."""
        return self.names_px if self.names_px is not None else self.font_px - 1


def merc_xy(lon: float, lat: float) -> tuple[float, float]:
    """Web Mercator position in deck.gl world pixels at zoom 0 (x to the east, y to the south)."""
    x = (lon + 180.0) / 360.0 * WORLD_PX
    y = (0.5 - math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)) / (2 * math.pi)) * WORLD_PX
    return x, y


def merc_lonlat(x: float, y: float) -> tuple[float, float]:
    """Inverse of :func:`merc_xy`."""
    lon = x / WORLD_PX * 360.0 - 180.0
    lat = math.degrees(2 * math.atan(math.exp((0.5 - y / WORLD_PX) * 2 * math.pi)) - math.pi / 2)
    return lon, lat


def to_screen(lon: float, lat: float, centre: tuple[float, float], zoom: float, view: View) -> tuple[float, float]:
    """Pixel position of ``(lon, lat)`` on a ``view``-sized canvas centred on ``centre`` (world px at zoom 0)."""
    x, y = merc_xy(lon, lat)
    scale = 2.0**zoom
    return view.width / 2 + (x - centre[0]) * scale, view.height / 2 + (y - centre[1]) * scale


def metres_per_pixel(lat: float, zoom: float) -> float:
    """Ground metres one screen pixel covers at ``lat`` (Web Mercator on the WGS 84 sphere)."""
    return 2 * math.pi * 6378137.0 * math.cos(math.radians(lat)) / (WORLD_PX * 2.0**zoom)


@shared_result(key=lambda size, bold: (size, bold), max_entries=32)
def font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    """The shipped DejaVu Sans at ``size`` px (bold or regular), for measuring and for Pillow drawings."""
    return ImageFont.truetype(str(FONT_BOLD if bold else FONT_REGULAR), size)


def text_width(text: str, size: int, bold: bool = False) -> float:
    """Width in pixels of one line of ``text`` at ``size`` px."""
    return float(font(size, bold).getlength(text))
