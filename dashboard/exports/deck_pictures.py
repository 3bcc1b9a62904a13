"""Static pictures for the PDF deck, drawn locally with Pillow (no browser, no network).

The site map comes from :func:`dashboard.figures.thumbnail.site_thumbnail`; the timeline slide's
Gantt is drawn here from the same spans as the Timeline page (:func:`imc_data.timeline.facility_spans`):
an outline for the first plan, a filled bar for what happened, in the Timeline's status colours.
"""

from __future__ import annotations

import datetime as dt
import io
import textwrap
from collections.abc import Sequence

import pandas as pd
from PIL import Image, ImageColor, ImageDraw, ImageFont

from imc_data import Dataset, dates
from imc_data import timeline as tl

from ..figures.gantt import STATUS_STYLE
from ..figures.thumbnail import FONT_REGULAR

INK = (30, 30, 30)
GRID = (215, 215, 215)
TODAY = (200, 40, 40)
NAME_CHARS = 34  # a facility's name wraps at this many characters in the left column


def gantt_png(
    ds: Dataset,
    facility_ids: Sequence[str],
    lang: str,
    *,
    size: tuple[int, int] = (1400, 900),
    today: dt.date | None = None,
) -> bytes:
    """A PNG Gantt of ``facility_ids``: name, first plan (outline) and what happened (filled), year ticks, today."""
    today = today or dates.today()
    width, height = size
    spans = tl.facility_spans(ds, today).set_index("facility_id")
    fac = ds["facilities"].set_index("facility_id").loc[list(facility_ids)]
    ends = [
        d
        for col in ("plan_start", "plan_end", "actual_start", "actual_end", "target_end")
        for d in spans.loc[fac.index, col]
        if pd.notna(d)
    ]
    first = min([d.year for d in ends] + [today.year])
    last = max([d.year for d in ends] + [today.year]) + 1
    img = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(img)
    left, right, top, bottom = int(width * 0.36), width - 30, 20, height - 60
    row_h = (bottom - top) / max(len(fac), 1)
    font = ImageFont.truetype(str(FONT_REGULAR), int(min(26, row_h / 2.4)))
    tick_font = ImageFont.truetype(str(FONT_REGULAR), 26)
    every = 1 if (right - left) / (last - first) >= 80 else 2 if (right - left) / (last - first) >= 40 else 5

    def x_of(day) -> float:
        day = pd.Timestamp(day)
        return left + (day.year - first + (day.dayofyear - 1) / 366) / (last - first) * (right - left)

    for year in range(first, last + 1):
        x = left + (year - first) / (last - first) * (right - left)
        draw.line([(x, top), (x, bottom)], fill=GRID, width=1)
        if year % every == 0 and year < last:
            draw.text((x + 4, bottom + 10), str(year), fill=INK, font=tick_font)
    for i, (fid, row) in enumerate(fac.iterrows()):
        y0 = top + i * row_h
        name = textwrap.wrap(str(row[f"name_{lang}"]), NAME_CHARS)[:2]
        draw.multiline_text((10, y0 + row_h / 2), "\n".join(name), fill=INK, font=font, anchor="lm", spacing=2)
        span = spans.loc[fid]
        colour = ImageColor.getrgb(STATUS_STYLE.get(row["status"], STATUS_STYLE["unknown"])["color"])
        bar_top, bar_bottom = y0 + row_h * 0.22, y0 + row_h * 0.78
        if pd.notna(span["actual_start"]):
            end = span["actual_end"] if pd.notna(span["actual_end"]) else pd.Timestamp(today)
            draw.rectangle(
                [x_of(span["actual_start"]), bar_top, max(x_of(end), x_of(span["actual_start"]) + 4), bar_bottom],
                fill=colour,
            )
        if pd.notna(span["plan_start"]) and pd.notna(span["plan_end"]):
            fill = None if pd.notna(span["actual_start"]) else colour + (90,)
            box = [x_of(span["plan_start"]), bar_top, x_of(span["plan_end"]) + 2, bar_bottom]
            if fill:
                overlay = Image.new("RGBA", size, (0, 0, 0, 0))
                ImageDraw.Draw(overlay).rectangle(box, fill=fill)
                img.paste(overlay, (0, 0), overlay)
                draw = ImageDraw.Draw(img)
            draw.rectangle(box, outline=INK, width=2)
    x_today = x_of(today)
    draw.line([(x_today, top), (x_today, bottom)], fill=TODAY, width=3)
    out = io.BytesIO()
    img.save(out, format="PNG", optimize=True)
    return out.getvalue()
