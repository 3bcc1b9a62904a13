"""Checks of the plot boundaries against the plot table and the site outline.

Each plot polygon must belong to a row of ``plots.csv``, lie inside the site outline, not
overlap another plot, and have the area the table states (within
:data:`imc_data.schema.AREA_TOLERANCE`); every plot of the table needs a polygon.
"""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
from shapely.strtree import STRtree

from . import schema
from .findings import Report
from .geo import Feature, swapped


def check_plot_layer(
    features: list[Feature], plots: pd.DataFrame, site: gpd.GeoDataFrame, file: str, report: Report
) -> gpd.GeoDataFrame:
    """The plot polygons that pass the per-feature checks, after the layer-wide checks are reported."""
    outline = site.loc[site["kind"] == "site_outline", "geometry"] if "kind" in site else []
    boundary = outline.iloc[0].buffer(1e-6) if len(outline) else None
    stated = dict(zip(plots["plot_id"], plots["area_ha"], strict=False))
    records, geoms, numbers = [], [], []
    seen: dict[str, int] = {}
    for number, props, geom in features:
        pid = _checked_feature(number, props, geom, stated, boundary, seen, file, report)
        if pid is not None:
            records.append({"plot_id": pid})
            geoms.append(geom)
            numbers.append(number)
    if not records:
        gdf = gpd.GeoDataFrame({"plot_id": pd.Series(dtype=object)}, geometry=gpd.GeoSeries([], crs="EPSG:4326"))
    else:
        gdf = gpd.GeoDataFrame(records, geometry=geoms, crs="EPSG:4326")
        metric = gdf.to_crs(schema.METRIC_CRS)
        _check_overlaps(gdf, metric, numbers, file, report)
        _check_areas(gdf, metric, numbers, stated, file, report)
    for pid in sorted(set(plots["plot_id"].dropna()) - set(gdf["plot_id"]) - set(seen)):
        report.error(
            file,
            None,
            "plot_id",
            f"plot '{pid}' of plots.csv has no polygon; add a feature for it",
            f"у участка «{pid}» из plots.csv нет полигона; добавьте для него объект",
        )
    return gdf


def _checked_feature(number, props, geom, stated, boundary, seen, file: str, report: Report) -> str | None:
    pid = str(props.get("plot_id") or "").strip()
    if not pid:
        report.error(
            file,
            number,
            "plot_id",
            "feature has no plot_id; add the id of its row in plots.csv",
            "у объекта нет plot_id; укажите идентификатор его строки в plots.csv",
        )
        return None
    if pid in seen:
        report.error(
            file,
            number,
            "plot_id",
            f"duplicate plot_id '{pid}' (first in feature {seen[pid]})",
            f"повторяющийся plot_id «{pid}» (впервые в объекте {seen[pid]})",
        )
        return None
    seen[pid] = number
    if pid not in stated:
        report.error(
            file,
            number,
            "plot_id",
            f"'{pid}' is not a plot_id in plots.csv; add the row or fix the id",
            f"«{pid}» нет среди plot_id в plots.csv; добавьте строку или исправьте идентификатор",
        )
        return None
    if geom.geom_type != "Polygon":
        report.error(
            file,
            number,
            "geometry",
            f"plot geometry must be a Polygon, not {geom.geom_type}",
            f"геометрия участка должна быть Polygon, а не {geom.geom_type}",
        )
        return None
    if boundary is not None and not geom.within(boundary):
        if swapped(geom).within(boundary):
            en = "longitude and latitude look swapped; GeoJSON order is [longitude, latitude]"
            ru = "долгота и широта, похоже, перепутаны; в GeoJSON порядок [долгота, широта]"
        else:
            en = "plot lies (partly) outside the site outline in site.geojson; move or redraw it"
            ru = "участок (частично) выходит за контур территории из site.geojson; сдвиньте или перерисуйте его"
        report.error(file, number, "geometry", en, ru)
        return None
    return pid


def _check_overlaps(gdf, metric, numbers: list[int], file: str, report: Report) -> None:
    tree = STRtree(list(metric.geometry))
    for i, j in zip(*tree.query(list(metric.geometry), predicate="intersects"), strict=False):
        if i < j and metric.geometry.iloc[i].intersection(metric.geometry.iloc[j]).area > 1.0:
            a, b = gdf.plot_id.iloc[j], gdf.plot_id.iloc[i]
            report.error(
                file,
                numbers[j],
                "geometry",
                f"plot {a} overlaps plot {b} (feature {numbers[i]}); plots must not overlap",
                f"участок {a} накладывается на участок {b} (объект {numbers[i]}); участки не должны пересекаться",
            )


def _check_areas(gdf, metric, numbers: list[int], stated: dict, file: str, report: Report) -> None:
    for k, (pid, area_m2) in enumerate(zip(gdf["plot_id"], metric.area, strict=False)):
        want = stated.get(pid)
        if want is None or not pd.notna(want) or want <= 0:
            continue
        got = area_m2 / 10_000
        if abs(got - want) / want > schema.AREA_TOLERANCE:
            tol = f"{schema.AREA_TOLERANCE:.0%}"
            report.error(
                file,
                numbers[k],
                "geometry",
                f"polygon area {got:.2f} ha differs from area_ha {want:g} in plots.csv by more than {tol}; redraw "
                "the polygon or correct area_ha",
                f"площадь полигона {got:.2f} га отличается от area_ha {want:g} в plots.csv больше чем на {tol}; "
                "перерисуйте полигон или исправьте area_ha",
            )
