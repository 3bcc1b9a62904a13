"""Build ``assets/world_countries.geojson``: small country shapes for the offline world map.

Source: Natural Earth 1:110m "admin 0 countries" (public domain, https://www.naturalearthdata.com/),
in the ``naturalearth_lowres`` copy that GeoPandas used to ship. It is read from a local file,
never downloaded at run time. Where to find one without a network:

- ``pyogrio`` (a dependency of geopandas, already installed) ships it as a test fixture:
  ``site-packages/pyogrio/tests/fixtures/naturalearth_lowres/naturalearth_lowres.shp``;
- ``pip download --no-deps geopandas==0.14.4`` contains ``geopandas/datasets/naturalearth_lowres/``.

The shapes are simplified (tolerance 0.25°), coordinates rounded to 0.01°, and Antarctica dropped
(the map is about where partners are). Natural Earth marks a few countries' ISO code as ``-99``;
France and Norway are given their real codes here (both OECD members).

Run: ``python tools/build_world_shapes.py [SHAPEFILE]``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import geopandas as gpd
import pyogrio
import shapely

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "assets" / "world_countries.geojson"
DEFAULT_SHP = Path(pyogrio.__file__).parent / "tests" / "fixtures" / "naturalearth_lowres" / "naturalearth_lowres.shp"
# Natural Earth's "-99" codes for states it treats specially; only real ISO codes are filled in.
ISO_FIXES = {"France": "FRA", "Norway": "NOR", "Kosovo": "XKX"}
TOLERANCE_DEG = 0.25
DIGITS = 2


def build(shapefile: Path) -> dict:
    """Read the shapefile and return a simplified GeoJSON FeatureCollection (dict)."""
    world = gpd.read_file(shapefile)
    world = world[world["name"] != "Antarctica"].copy()
    world["iso3"] = [ISO_FIXES.get(n, iso) for n, iso in zip(world["name"], world["iso_a3"], strict=True)]
    world = world[~world["iso3"].str.startswith("-")]
    world["geometry"] = world.geometry.simplify(TOLERANCE_DEG, preserve_topology=True)
    world["geometry"] = shapely.set_precision(world.geometry.values, 10**-DIGITS)
    world = world[~world.geometry.is_empty]
    features = []
    for iso3, name, geom in zip(world["iso3"], world["name"], world.geometry, strict=True):
        features.append(
            {
                "type": "Feature",
                "properties": {"iso3": iso3, "name": name},
                "geometry": json.loads(shapely.to_geojson(geom, indent=None)),
            }
        )
    features.sort(key=lambda f: f["properties"]["iso3"])
    return {
        "type": "FeatureCollection",
        "name": "world_countries",
        "source": "Natural Earth 1:110m admin 0 countries (public domain), simplified; see tools/build_world_shapes.py",
        "features": features,
    }


def main(argv: list[str]) -> int:
    shapefile = Path(argv[1]) if len(argv) > 1 else DEFAULT_SHP
    if not shapefile.exists():
        print(f"{shapefile} not found; pass the path of naturalearth_lowres.shp", file=sys.stderr)
        return 2
    collection = build(shapefile)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(collection, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({len(collection['features'])} countries, {OUT.stat().st_size // 1024} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
