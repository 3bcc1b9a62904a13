"""Read and check GeoJSON layers: JSON shape, coordinates, polygon validity."""

from __future__ import annotations

import json
from pathlib import Path

import shapely
from shapely.geometry import shape
from shapely.validation import explain_validity

from . import csvio
from .findings import Report

Feature = tuple[int, dict, object]  # (feature number, properties, shapely geometry)


def read_features(path: Path, file: str, report: Report) -> list[Feature] | None:
    """Return ``(feature_number, properties, geometry)`` for each usable feature."""
    raw = csvio.read_file(path, file, report)
    if raw is None:
        return None
    return parse_features(raw, file, report)


def parse_document(raw: bytes, file: str, report: Report) -> dict | None:
    """The GeoJSON FeatureCollection in ``raw`` as a dict, or ``None`` (with the reason reported)."""
    if not csvio.check_size(len(raw), file, report):
        return None
    text = csvio.decode(raw, file, report)
    if text is None:
        return None
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        report.error(
            file,
            None,
            None,
            f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}; export the layer again from the GIS "
            "program",
            f"ошибка JSON в строке {exc.lineno}, позиция {exc.colno}: {exc.msg}; выгрузите слой из ГИС заново",
        )
        return None
    except RecursionError:
        report.error(
            file,
            None,
            None,
            "the JSON is nested far too deeply to be a map layer (a damaged or hostile file); export the layer "
            "again from the GIS program or restore a backup",
            "JSON вложен слишком глубоко для слоя карты (файл повреждён или подделан); выгрузите слой из ГИС "
            "заново или восстановите резервную копию",
        )
        return None
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection" or not isinstance(doc.get("features"), list):
        report.error(
            file,
            None,
            None,
            'not a GeoJSON FeatureCollection (needs "type" and a "features" list)',
            'это не GeoJSON FeatureCollection (нужны "type" и список "features")',
        )
        return None
    return doc


def parse_features(raw: bytes, file: str, report: Report) -> list[Feature] | None:
    """Parse GeoJSON bytes; every problem is reported with its feature number."""
    doc = parse_document(raw, file, report)
    if doc is None:
        return None
    out = []
    for number, feature in enumerate(doc["features"], start=1):
        try:
            checked = _feature(number, feature, file, report)
        except Exception as exc:  # any oddity of one feature is that feature's finding, never a crash
            report.error(
                file,
                number,
                "geometry",
                f"this feature cannot be read ({type(exc).__name__}); redraw it or restore a backup",
                f"этот объект не читается ({type(exc).__name__}); перерисуйте его или восстановите резервную копию",
            )
            continue
        if checked is not None:
            out.append(checked)
    return out


def _feature(number: int, feature: object, file: str, report: Report) -> Feature | None:
    if not isinstance(feature, dict) or not isinstance(feature.get("geometry"), dict):
        report.error(file, number, "geometry", "feature has no geometry", "у объекта нет геометрии")
        return None
    props = feature.get("properties") or {}
    if not isinstance(props, dict):
        report.error(file, number, "properties", "properties must be an object", "properties должны быть объектом JSON")
        return None
    try:
        geom = shape(feature["geometry"])
    except Exception as exc:  # shapely raises several types for malformed coordinates
        report.error(
            file,
            number,
            "geometry",
            f"malformed geometry ({exc}); check the coordinate lists",
            f"неправильная геометрия ({exc}); проверьте списки координат",
        )
        return None
    if geom.is_empty:
        report.error(file, number, "geometry", "empty geometry", "пустая геометрия")
        return None
    minx, miny, maxx, maxy = geom.bounds
    if not max(abs(minx), abs(maxx)) <= 180 or not max(abs(miny), abs(maxy)) <= 90:
        report.error(
            file,
            number,
            "geometry",
            "coordinates look projected (metres), not degrees; export the layer in EPSG:4326 (WGS 84)",
            "координаты похожи на метры, а не на градусы; выгрузите слой в системе EPSG:4326 (WGS 84)",
        )
        return None
    if not geom.is_valid:
        report.error(
            file,
            number,
            "geometry",
            f"invalid polygon ({explain_validity(geom)}); redraw it so its edges do not cross",
            f"неправильный полигон ({explain_validity(geom)}); перерисуйте его так, чтобы стороны не пересекались",
        )
        return None
    return number, props, geom


def swapped(geom):
    """The same geometry with longitude and latitude exchanged."""
    return shapely.transform(geom, lambda xy: xy[:, ::-1])
