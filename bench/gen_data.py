"""Generate valid data sets with ``k`` times the plots and facilities of the shipped data.

The shipped layout (20 plots, one block) is repeated ``k`` times on a square grid of
blocks, each block translated in the metric CRS (UTM 37N, the one the loader checks
areas in) so that every copy keeps its area and no two plots overlap. Block 0 keeps the
original ids (milestones refer to facilities by id); block ``b`` ≥ 1 gets ids with a
``-b<b>`` suffix. The site outline becomes a rectangle around all blocks and the
canonical site area (``facts.csv`` ``site_area_ha``) is multiplied by ``k``, so the
totals rule still holds. Every other table is copied unchanged.

Run: ``python -m bench.gen_data K OUT_DIR``.
"""

from __future__ import annotations

import csv
import io
import json
import math
import shutil
import sys
from pathlib import Path

import shapely
from pyproj import Transformer
from shapely.geometry import box, shape

from imc_data.load import DEFAULT_DATA_DIR
from imc_data.schema import METRIC_CRS, SITE_AREA_FACT

BLOCK_GAP_M = 60.0  # street between blocks: wider than the 1 m² overlap tolerance needs
OUTLINE_MARGIN_DEG = 0.0005  # outline rectangle around all plots (~35-55 m)


def _read_csv(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        return list(reader.fieldnames or []), list(reader)


def _write_csv(path: Path, header: list[str], rows: list[dict[str, str]]) -> None:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")


def _suffix(value: str, block: int) -> str:
    return value if block == 0 or not value else f"{value}-b{block}"


def _ring(geom) -> list[list[float]]:
    return [[round(x, 7), round(y, 7)] for x, y in geom.exterior.coords]


def generate(k: int, out: Path, source: Path = DEFAULT_DATA_DIR) -> dict[str, int]:
    """Write a data set with ``k`` × the plots and facilities of ``source`` into ``out``.

    Parameters
    ----------
    k : int
        Scale factor (1 reproduces the source data).
    out : Path
        Target folder; created, and overwritten if it exists.
    source : Path
        Folder with a valid data set (default: the shipped tables).

    Returns
    -------
    dict
        Row counts: ``plots``, ``facilities`` and file sizes in bytes (``bytes``).
    """
    if k < 1:
        raise ValueError("k must be at least 1")
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(source, out)

    plot_header, plots = _read_csv(source / "plots.csv")
    fac_header, facilities = _read_csv(source / "facilities.csv")
    fact_header, facts = _read_csv(source / "facts.csv")
    plots_doc = json.loads((source / "plots.geojson").read_text(encoding="utf-8"))
    site_doc = json.loads((source / "site.geojson").read_text(encoding="utf-8"))

    to_metric = Transformer.from_crs("EPSG:4326", METRIC_CRS, always_xy=True)
    to_wgs = Transformer.from_crs(METRIC_CRS, "EPSG:4326", always_xy=True)

    def convert(geom, tr):
        return shapely.transform(geom, lambda x, y: tr.transform(x, y), interleaved=False)

    originals = [(f["properties"], convert(shape(f["geometry"]), to_metric)) for f in plots_doc["features"]]
    minx, miny, maxx, maxy = shapely.union_all([g for _, g in originals]).bounds
    step_x, step_y = maxx - minx + BLOCK_GAP_M, maxy - miny + BLOCK_GAP_M
    columns = math.ceil(math.sqrt(k))

    new_plots, new_facilities, features = [], [], []
    for block in range(k):
        dx, dy = (block % columns) * step_x, -(block // columns) * step_y
        for row in plots:
            new_plots.append({**row, "plot_id": _suffix(row["plot_id"], block)})
        for row in facilities:
            new_facilities.append(
                {
                    **row,
                    "facility_id": _suffix(row["facility_id"], block),
                    "plot_id": _suffix(row["plot_id"], block),
                }
            )
        for props, geom in originals:
            moved = convert(shapely.affinity.translate(geom, dx, dy), to_wgs)
            features.append(
                {
                    "type": "Feature",
                    "properties": {**props, "plot_id": _suffix(props["plot_id"], block)},
                    "geometry": {"type": "Polygon", "coordinates": [_ring(moved)]},
                }
            )

    lon_min = min(c[0] for f in features for c in f["geometry"]["coordinates"][0])
    lon_max = max(c[0] for f in features for c in f["geometry"]["coordinates"][0])
    lat_min = min(c[1] for f in features for c in f["geometry"]["coordinates"][0])
    lat_max = max(c[1] for f in features for c in f["geometry"]["coordinates"][0])
    outline = box(
        lon_min - OUTLINE_MARGIN_DEG,
        lat_min - OUTLINE_MARGIN_DEG,
        lon_max + OUTLINE_MARGIN_DEG,
        lat_max + OUTLINE_MARGIN_DEG,
    )
    for feature in site_doc["features"]:
        if feature["properties"].get("kind") == "site_outline":
            feature["geometry"] = {"type": "Polygon", "coordinates": [_ring(outline)]}
    for row in facts:
        if row["fact_id"] == SITE_AREA_FACT:
            row["value"] = f"{float(row['value']) * k:g}"

    # A conflict on record covers the copies of its facilities and plots too (the floor-area rule reads it).
    conflict_header, conflicts = _read_csv(source / "conflicts.csv")
    for row in conflicts:
        if row.get("table") in ("facilities", "plots") and row.get("record_ids"):
            ids = [i for i in row["record_ids"].split(";") if i]
            row["record_ids"] = ";".join(_suffix(i, block) for block in range(k) for i in ids)
    _write_csv(out / "conflicts.csv", conflict_header, conflicts)
    _write_csv(out / "plots.csv", plot_header, new_plots)
    _write_csv(out / "facilities.csv", fac_header, new_facilities)
    _write_csv(out / "facts.csv", fact_header, facts)
    # Compact JSON: the shipped file is indented for review, generated ones need not be.
    (out / "plots.geojson").write_text(
        json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False, separators=(",", ":")),
        encoding="utf-8",
    )
    (out / "site.geojson").write_text(json.dumps(site_doc, ensure_ascii=False, indent=1), encoding="utf-8")
    size = sum(p.stat().st_size for p in out.iterdir() if p.is_file())
    return {"plots": len(new_plots), "facilities": len(new_facilities), "bytes": size}


if __name__ == "__main__":
    print(generate(int(sys.argv[1]), Path(sys.argv[2])))
