"""Build ``assets/locator.geojson``: Moscow's city boundary, the MKAD ring and the river for the locator map.

The raw extracts are open data described in ``tools/locator_sources.json``: where each came
from (repository, file, commit), its licence, its date and its SHA-256. They are kept in this
repository, gzip-compressed, in ``tools/locator_raw/`` (about 300 KB), so CI rebuilds the
shipped file and compares; the generator looks for them in

1. the folder given as the first argument, else
2. ``$IMC_LOCATOR_RAW``, else
3. ``tools/locator_raw/`` in this repository, else
4. ``shared/locator_raw/`` beside the repository folder.

A raw file may be there as itself or as ``<name>.gz``; its SHA-256 is that of the uncompressed
bytes, so the manifest names exactly the file that was published. Each is checked before use,
so the output is reproducible: the same raw files always give the same bytes
(``tests/test_locator.py`` rebuilds and compares).

What it does, per layer (all lengths in metres, computed in :data:`imc_data.schema.METRIC_CRS`):

- ``city_boundary``: the union of the city's district polygons (a 20 m closing removes the
  slivers between neighbouring districts), parts smaller than ``min_part_km2`` dropped,
  simplified to ``generalise_m``;
- ``ring_road``: the outline of the area the MKAD encloses, as a closed line, simplified to
  ``generalise_m``;
- ``river``: the lines of the raw extract clipped to ``clip_bbox`` (lon/lat), simplified to
  ``generalise_m``.

A raw extract that is one feature of a large published file (the river, from Natural Earth's
11 MB world file) is cut out of it by ``python tools/build_locator.py extract LAYER ORIGIN_FILE``:
the features whose properties match the layer's ``select`` are written unchanged; the manifest
keeps both the origin file's SHA-256 (``origin_sha256``) and the extract's.

Coordinates are rounded to 5 decimals (about 1 m). Named points (the IMC, the centre, the
airports, the station) are not here: they live in ``imc_data/tables/locator_places.csv``
with their sources, where staff can correct them.

Run: ``python tools/build_locator.py [RAW_FOLDER]`` (or ``extract LAYER ORIGIN_FILE``, see above).
"""

from __future__ import annotations

import gzip
import hashlib
import io
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
RAW_IN_REPO = ROOT / "tools" / "locator_raw"
DIGITS = 5
CLOSING_M = 20.0


class RawDataError(Exception):
    """A raw extract is missing or is not the file the manifest describes."""


def raw_folder(argv_folder: str | None = None) -> Path | None:
    """The first folder that exists among: the argument, ``$IMC_LOCATOR_RAW``, ``tools/locator_raw``, ``../shared/locator_raw``."""
    candidates = [
        argv_folder,
        os.environ.get("IMC_LOCATOR_RAW"),
        RAW_IN_REPO,
        ROOT.parent / "shared" / "locator_raw",
    ]
    for candidate in candidates:
        if candidate and Path(candidate).is_dir():
            return Path(candidate)
    return None


def _checked(path: Path, sha256: str) -> bytes:
    """The raw file's bytes (from ``path`` or ``path.gz``), if their SHA-256 is the recorded one."""
    packed = path.with_name(path.name + ".gz")
    if path.exists():
        data = path.read_bytes()
    elif packed.exists():
        data = gzip.decompress(packed.read_bytes())
    else:
        raise RawDataError(f"{path} not found: copy the raw extract named in {MANIFEST.name} there")
    digest = hashlib.sha256(data).hexdigest()
    if digest != sha256:
        raise RawDataError(f"{path}: SHA-256 {digest} differs from {sha256} in {MANIFEST.name}")
    return data


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


def _river(frame: gpd.GeoDataFrame, layer: dict) -> shapely.Geometry:
    lines = frame[frame.geom_type.isin(["LineString", "MultiLineString"])]
    clipped = lines.clip(shapely.box(*layer["clip_bbox"])).to_crs(METRIC_CRS)
    merged = shapely.line_merge(shapely.union_all(clipped.geometry.values))
    return merged.simplify(layer["generalise_m"], preserve_topology=True)


BUILDERS = {"city_boundary": _city_boundary, "ring_road": _ring_road, "river": _river}


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
        data = _checked(raw / layer["raw_file"], layer["sha256"])
        geometry = BUILDERS[layer["kind"]](gpd.read_file(io.BytesIO(data)), layer)
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
        "source": "Open-data extracts generalised by tools/build_locator.py (see tools/locator_sources.json)",
        "features": features,
    }


def dumps(collection: dict) -> str:
    """The file's text: compact JSON, UTF-8 names kept readable, one trailing newline."""
    return json.dumps(collection, ensure_ascii=False, separators=(",", ":")) + "\n"


def extract(layer_id: str, origin: Path, manifest: dict | None = None) -> Path:
    """Cut a layer's raw extract out of its published origin file; returns the written ``.gz`` path.

    Keeps the features whose properties equal every item of the layer's ``select``, unchanged,
    as compact JSON; checks the origin against ``origin_sha256`` first.
    """
    manifest = manifest or json.loads(MANIFEST.read_text(encoding="utf-8"))
    layer = next(item for item in manifest["layers"] if item["feature_id"] == layer_id)
    collection = json.loads(_checked(origin, layer["origin_sha256"]))
    wanted = layer["select"]
    features = [f for f in collection["features"] if all(f["properties"].get(k) == v for k, v in wanted.items())]
    data = dumps({"type": "FeatureCollection", "features": features}).encode("utf-8")
    out = RAW_IN_REPO / (layer["raw_file"] + ".gz")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(gzip.compress(data, compresslevel=9, mtime=0))
    print(f"wrote {out}: {len(features)} features, SHA-256 {hashlib.sha256(data).hexdigest()} (uncompressed)")
    return out


def main(argv: list[str]) -> int:
    if len(argv) == 4 and argv[1] == "extract":
        try:
            extract(argv[2], Path(argv[3]))
        except RawDataError as err:
            print(err, file=sys.stderr)
            return 2
        return 0
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
