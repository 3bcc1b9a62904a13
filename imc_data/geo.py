"""Read and check GeoJSON layers: JSON shape, coordinates, polygon validity."""

from __future__ import annotations

import json
from pathlib import Path

import shapely
from shapely.geometry import shape
from shapely.validation import explain_validity

from .csvio import MAX_BYTES, decode
from .findings import Report


def read_features(path: Path, file: str, report: Report) -> list[tuple[int, dict, object]] | None:
    """Return ``(feature_number, properties, geometry)`` for each usable feature."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        report.error(file, None, None, "the file is missing; restore it from a backup or the repository")
        return None
    except OSError as exc:
        report.error(file, None, None, f"cannot read the file ({exc.strerror})")
        return None
    return parse_features(raw, file, report)


def parse_features(raw: bytes, file: str, report: Report) -> list[tuple[int, dict, object]] | None:
    """Parse GeoJSON bytes; every problem is reported with its feature number."""
    if len(raw) > MAX_BYTES:
        report.error(file, None, None, f"the file is {len(raw) // 1024} kB, over the {MAX_BYTES // 1024} kB limit")
        return None
    text = decode(raw, file, report)
    if text is None:
        return None
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        report.error(file, None, None, f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}")
        return None
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection" or not isinstance(doc.get("features"), list):
        report.error(file, None, None, 'not a GeoJSON FeatureCollection (needs "type" and a "features" list)')
        return None
    out = []
    for number, feature in enumerate(doc["features"], start=1):
        if not isinstance(feature, dict) or not isinstance(feature.get("geometry"), dict):
            report.error(file, number, "geometry", "feature has no geometry")
            continue
        props = feature.get("properties") or {}
        if not isinstance(props, dict):
            report.error(file, number, "properties", "properties must be an object")
            continue
        try:
            geom = shape(feature["geometry"])
        except Exception as exc:  # shapely raises several types for malformed coordinates
            report.error(file, number, "geometry", f"malformed geometry ({exc}); check the coordinate lists")
            continue
        if geom.is_empty:
            report.error(file, number, "geometry", "empty geometry")
            continue
        minx, miny, maxx, maxy = geom.bounds
        if max(abs(minx), abs(maxx)) > 180 or max(abs(miny), abs(maxy)) > 90:
            report.error(
                file,
                number,
                "geometry",
                "coordinates look projected (metres), not degrees; export the layer in EPSG:4326 (WGS 84)",
            )
            continue
        if not geom.is_valid:
            report.error(
                file,
                number,
                "geometry",
                f"invalid polygon ({explain_validity(geom)}); redraw it so its edges do not cross",
            )
            continue
        out.append((number, props, geom))
    return out


def swapped(geom):
    """The same geometry with longitude and latitude exchanged."""
    return shapely.transform(geom, lambda xy: xy[:, ::-1])
