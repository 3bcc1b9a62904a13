"""Build ``assets/locator.geojson``: Moscow's city boundary and the MKAD ring for the locator map.

The raw extracts are OpenStreetMap data (ODbL 1.0, "© OpenStreetMap contributors") described
in ``tools/locator_sources.json``: where each came from, its licence, its date and its SHA-256.
They are a few megabytes and are not kept in this repository; the generator looks for them in

1. the folder given as the first argument, else
2. ``$IMC_LOCATOR_RAW``, else
3. ``shared/locator_raw/`` beside the repository folder (where the team keeps shared data).

Each raw file is checked against its SHA-256 before use, so the output is reproducible: the
same raw files always give the same bytes (``tests/test_locator.py`` rebuilds and compares).

What it does, per layer (all lengths in metres, computed in :data:`imc_data.schema.METRIC_CRS`):

- ``city_boundary``: the union of the city's district polygons (a 20 m closing removes the
  slivers between neighbouring districts), parts smaller than ``min_part_km2`` dropped,
  simplified to ``generalise_m``;
- ``ring_road``: the outline of the area the MKAD encloses, as a closed line, simplified to
  ``generalise_m``.

Coordinates are rounded to 5 decimals (about 1 m). Named points (the IMC, the centre, the
airports, the station) are not here: they live in ``imc_data/tables/locator_places.csv``
with their sources, where staff can correct them.

Run: ``python tools/build_locator.py [RAW_FOLDER]``.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path

import geopandas as gpd
import shapely

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from imc_data.schema import METRIC_CRS  # noqa: E402  (the repository root is put on the path first)

MANIFEST = ROOT / "tools" / "locator_sources.json"
OUT = ROOT / "assets" / "locator.geojson"
DIGITS = 5
CLOSING_M = 20.0


class RawDataError(Exception):
    """A raw extract is missing or is not the file the manifest describes."""


def raw_folder(argv_folder: str | None = None) -> Path | None:
    """The first folder that exists among: the argument, ``$IMC_LOCATOR_RAW``, ``../shared/locator_raw``."""
    candidates = [argv_folder, os.environ.get("IMC_LOCATOR_RAW"), ROOT.parent / "shared" / "locator_raw"]
    for candidate in candidates:
        if candidate and Path(candidate).is_dir():
            return Path(candidate)
    return None


def _checked(path: Path, sha256: str) -> Path:
    if not path.exists():
        raise RawDataError(f"{path} not found: copy the raw extract named in {MANIFEST.name} there")
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != sha256:
        raise RawDataError(f"{path}: SHA-256 {digest} differs from {sha256} in {MANIFEST.name}")
    return path


def _city_boundary(frame: gpd.GeoDataFrame, layer: dict) -> shapely.Geometry:
    polygons = frame[frame.geom_type.isin(["Polygon", "MultiPolygon"])].to_crs(METRIC_CRS)
    merged = shapely.union_all(shapely.make_valid(polygons.geometry.values))
    closed = merged.buffer(CLOSING_M, join_style="mitre").buffer(-CLOSING_M, join_style="mitre")
    parts = [p for p in getattr(closed, "geoms", [closed]) if p.area >= layer["min_part_km2"] * 1e6]
    # Holes are slivers between districts, not places: the city reads as one outline.
    outline = shapely.MultiPolygon([shapely.Polygon(p.exterior) for p in parts])
    return outline.simplify(layer["generalise_m"], preserve_topology=True)


def _ring_road(frame: gpd.GeoDataFrame, layer: dict) -> shapely.Geometry:
    area = shapely.union_all(frame.to_crs(METRIC_CRS).geometry.values)
    largest = max(getattr(area, "geoms", [area]), key=lambda p: p.area)
    return shapely.LineString(largest.exterior.coords).simplify(layer["generalise_m"], preserve_topology=True)


BUILDERS = {"city_boundary": _city_boundary, "ring_road": _ring_road}


def _to_wgs84(geometry: shapely.Geometry) -> dict:
    lonlat = gpd.GeoSeries([geometry], crs=METRIC_CRS).to_crs("EPSG:4326").iloc[0]
    rounded = shapely.set_precision(lonlat, 10**-DIGITS)
    return json.loads(shapely.to_geojson(rounded))


def build(raw: Path, manifest: dict | None = None) -> dict:
    """Read the raw extracts in ``raw`` and return the locator FeatureCollection (a dict).

    Raises
    ------
    RawDataError
        If a raw file is missing or its SHA-256 differs from the manifest.
    """
    manifest = manifest or json.loads(MANIFEST.read_text(encoding="utf-8"))
    features = []
    for layer in manifest["layers"]:
        path = _checked(raw / layer["raw_file"], layer["sha256"])
        geometry = BUILDERS[layer["kind"]](gpd.read_file(path), layer)
        properties = {
            key: layer[key]
            for key in ("feature_id", "kind", "name_en", "name_ru", "source_ids", "licence", "attribution", "as_of")
        }
        properties["source"] = layer["origin"]
        properties["retrieved"] = manifest["retrieved"]
        properties["provenance"] = "sourced"
        features.append({"type": "Feature", "properties": properties, "geometry": _to_wgs84(geometry)})
    return {
        "type": "FeatureCollection",
        "name": "locator",
        "attribution": manifest["attribution"],
        "source": "OpenStreetMap extracts generalised by tools/build_locator.py (see tools/locator_sources.json)",
        "features": features,
    }


def dumps(collection: dict) -> str:
    """The file's text: compact JSON, UTF-8 names kept readable, one trailing newline."""
    return json.dumps(collection, ensure_ascii=False, separators=(",", ":")) + "\n"


def main(argv: list[str]) -> int:
    raw = raw_folder(argv[1] if len(argv) > 1 else None)
    if raw is None:
        print("raw folder not found: pass it, or set IMC_LOCATOR_RAW (see tools/locator_sources.json)", file=sys.stderr)
        return 2
    try:
        collection = build(raw)
    except RawDataError as err:
        print(err, file=sys.stderr)
        return 2
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(dumps(collection), encoding="utf-8")
    print(f"wrote {OUT} ({len(collection['features'])} features, {OUT.stat().st_size // 1024} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
