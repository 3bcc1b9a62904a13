"""Regenerate the illustrative plot layout (``plots.geojson``, ``site.geojson``).

No public cadastral geometry of the IMC exists, so the layout is a schematic:
four rows of plots in district D1 south of Bolshoi Boulevard, the Meshchersky
forest edge to the south. Plot areas come from ``plots.csv`` (``area_ha``); the
rectangles are drawn in UTM zone 37N so that each polygon's metric area equals
its stated area, then rotated to follow the boulevard and written in EPSG:4326.

Run: ``python tools/build_layout.py [DATA_DIR]``.
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import shapely
from pyproj import Transformer
from shapely import affinity
from shapely.geometry import LineString, Polygon, box, mapping
from shapely.ops import unary_union

# Row order north (boulevard) to south (forest); the layout is illustrative.
ROWS = [
    ["P01", "P02", "P03", "P04", "P05"],
    ["P06", "P07", "P09", "P10", "P11"],
    ["P12", "P13", "P14", "P15", "P16"],
    ["P17", "P18", "P08", "P19", "P20"],
]
CENTRE_LON, CENTRE_LAT = 37.3580, 55.6960  # near the Skolkovo IC reference point
ROW_DEPTH_M = 160.0
STREET_M = 20.0  # gap between rows
LANE_M = 15.0  # gap between plots in a row
ROTATION_DEG = -12.0  # the boulevard runs slightly south of east
AS_OF = "2026-11-24"
METRIC = "EPSG:32637"


def _round_ring(coords):
    return [[round(x, 7), round(y, 7)] for x, y in coords]


def _apply(geom, tr):
    return shapely.transform(geom, lambda x, y: tr.transform(x, y), interleaved=False)


def build(data_dir: Path) -> None:
    areas = {}
    with open(data_dir / "plots.csv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            areas[row["plot_id"]] = float(row["area_ha"])
    to_metric = Transformer.from_crs("EPSG:4326", METRIC, always_xy=True)
    to_wgs = Transformer.from_crs(METRIC, "EPSG:4326", always_xy=True)
    cx, cy = to_metric.transform(CENTRE_LON, CENTRE_LAT)

    rects = {}
    y_top = 0.0
    for row in ROWS:
        x = 0.0
        for pid in row:
            width = areas[pid] * 10_000 / ROW_DEPTH_M
            rects[pid] = box(x, y_top - ROW_DEPTH_M, x + width, y_top)
            x += width + LANE_M
        y_top -= ROW_DEPTH_M + STREET_M
    union = unary_union(list(rects.values()))
    minx, miny, maxx, maxy = union.bounds
    dx, dy = cx - (minx + maxx) / 2, cy - (miny + maxy) / 2

    def place(geom):
        geom = affinity.translate(geom, dx, dy)
        return affinity.rotate(geom, ROTATION_DEG, origin=(cx, cy))

    features = []
    for pid, rect in rects.items():
        geom = _apply(place(rect), to_wgs)
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "plot_id": pid,
                    "provenance": "illustrative",
                    "source_ids": "LAYOUT",
                    "as_of": AS_OF,
                },
                "geometry": {"type": "Polygon", "coordinates": [_round_ring(geom.exterior.coords)]},
            }
        )
    _write(data_dir / "plots.geojson", features)

    site = box(minx - 15, miny - 15, maxx + 15, maxy + 15)
    boulevard = LineString([(minx - 400, maxy + 55), (maxx + 400, maxy + 55)])
    forest = Polygon(
        [(minx - 350, miny - 40), (maxx + 350, miny - 40), (maxx + 250, miny - 420), (minx - 250, miny - 470)]
    )
    north_a = box(minx - 200, maxy + 100, minx + 420, maxy + 420)
    north_b = box(minx + 470, maxy + 100, maxx + 200, maxy + 380)
    context = [
        # The outline is the plots' bounding box plus streets (about 77 ha): no source describes it, so it
        # cites the layout alone (the 57.6 ha of the investor passport are the plots, not this box).
        (
            "site_outline",
            "site_outline",
            "IMC site (schematic outline, not the legal boundary)",
            "Территория ММК (схематичный контур, не юридическая граница)",
            "LAYOUT",
            site,
        ),
        ("bolshoi_boulevard", "road", "Bolshoi Boulevard", "Большой бульвар", "MOSLENTA2017;LAYOUT", boulevard),
        ("meshchersky_forest", "forest", "Meshchersky forest edge", "Опушка Мещерского леса", "NSN2021;LAYOUT", forest),
        (
            "district_north_west",
            "district",
            "Skolkovo IC: neighbouring development",
            "Инновационный центр «Сколково»: соседняя застройка",
            "SKWIKI;LAYOUT",
            north_a,
        ),
        (
            "district_north_east",
            "district",
            "Skolkovo IC: neighbouring development",
            "Инновационный центр «Сколково»: соседняя застройка",
            "SKWIKI;LAYOUT",
            north_b,
        ),
    ]
    feats = []
    for fid, kind, en, ru, src, geom in context:
        g = _apply(place(geom), to_wgs)
        feats.append(
            {
                "type": "Feature",
                "properties": {
                    "feature_id": fid,
                    "kind": kind,
                    "name_en": en,
                    "name_ru": ru,
                    "provenance": "illustrative",
                    "source_ids": src,
                    "as_of": AS_OF,
                },
                "geometry": _round_geom(mapping(g)),
            }
        )
    _write(data_dir / "site.geojson", feats)


def _round_geom(gj):
    if gj["type"] == "Polygon":
        return {"type": "Polygon", "coordinates": [_round_ring(r) for r in gj["coordinates"]]}
    return {"type": gj["type"], "coordinates": _round_ring(gj["coordinates"])}


def _write(path: Path, features) -> None:
    doc = {"type": "FeatureCollection", "features": features}
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    build(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[1] / "imc_data" / "tables")
    print("layout written", file=sys.stderr)
