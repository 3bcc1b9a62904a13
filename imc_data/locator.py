"""Where the IMC is: straight-line distances from it to the places of the locator map.

The places (the IMC, the city centre, the airports, the nearest station) and their sources are
rows of ``locator_places.csv``; distances are computed here from their coordinates in the
metric CRS the validator uses for areas (:data:`imc_data.schema.METRIC_CRS`), never typed in.
No Streamlit, no plotting.
"""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
from shapely.geometry import LineString, Point

from .schema import METRIC_CRS

ORIGIN_KIND = "imc"
SITE_OUTLINE_KIND = "site_outline"
# The order places are listed in, beside the map and in the text list.
KIND_ORDER = ("imc", "innovation_centre", "city_centre", "airport", "station")


def origin_id(places: pd.DataFrame) -> str | None:
    """The ``place_id`` of the IMC (the first row of kind ``imc``), or ``None`` if the table has none."""
    rows = places[places["kind"] == ORIGIN_KIND]
    return None if rows.empty else str(rows["place_id"].iloc[0])


def with_imc_position(places: pd.DataFrame, site_geo: gpd.GeoDataFrame | None) -> pd.DataFrame:
    """The places, with the IMC's empty coordinates filled from the centre of the site outline.

    No source publishes the IMC's own coordinates; the site plan's schematic outline is anchored
    at the Skolkovo Innovation Center reference point, so its centre (computed in the metric CRS)
    is the IMC's point on the locator map. Rows that have coordinates are left as they are.
    """
    if site_geo is None or site_geo.empty or "kind" not in site_geo:
        return places
    outline = site_geo[site_geo["kind"] == SITE_OUTLINE_KIND]
    if outline.empty:
        return places
    centre = gpd.GeoSeries([outline.to_crs(METRIC_CRS).union_all().centroid], crs=METRIC_CRS).to_crs("EPSG:4326")
    missing = (places["kind"] == ORIGIN_KIND) & (places["lon"].isna() | places["lat"].isna())
    filled = places.copy()
    filled.loc[missing, "lon"] = round(float(centre.x.iloc[0]), 6)
    filled.loc[missing, "lat"] = round(float(centre.y.iloc[0]), 6)
    return filled


def distances_km(places: pd.DataFrame, origin: str | None = None) -> pd.Series:
    """Straight-line distance in km from ``origin`` to every place, indexed by ``place_id``.

    Parameters
    ----------
    places : pandas.DataFrame
        The ``locator_places`` table (``place_id``, ``lon``, ``lat`` in WGS 84).
    origin : str, optional
        ``place_id`` to measure from; default the IMC (:func:`origin_id`).

    Returns
    -------
    pandas.Series
        Float km; 0 for the origin itself. Empty when there is no origin or no usable coordinates.
    """
    origin = origin or origin_id(places)
    usable = places.dropna(subset=["lon", "lat"])
    if origin is None or origin not in set(usable["place_id"]):
        return pd.Series(dtype=float, name="distance_km")
    points = gpd.GeoSeries(
        gpd.points_from_xy(usable["lon"].astype(float), usable["lat"].astype(float)),
        index=usable["place_id"].astype(str),
        crs="EPSG:4326",
    ).to_crs(METRIC_CRS)
    return (points.distance(points.loc[origin]) / 1000.0).rename("distance_km")


def distance_to_line_km(origin: tuple[float, float], line: list[list[float]]) -> float:
    """Straight-line distance in km from ``origin`` (lon, lat) to the nearest point of ``line`` ([[lon, lat], …]).

    Measured in :data:`METRIC_CRS`, like :func:`distances_km`.
    """
    shapes = gpd.GeoSeries([Point(origin), LineString(line)], crs="EPSG:4326").to_crs(METRIC_CRS)
    return float(shapes.iloc[0].distance(shapes.iloc[1]) / 1000.0)


def ordered_places(places: pd.DataFrame) -> pd.DataFrame:
    """The places in reading order: the IMC, the innovation centre, the centre, airports, stations.

    Within a kind the table's own row order is kept (staff decide it); unknown kinds go last.
    """
    rank = {kind: i for i, kind in enumerate(KIND_ORDER)}
    keyed = places.assign(_rank=places["kind"].map(rank).fillna(len(KIND_ORDER)), _row=range(len(places)))
    return keyed.sort_values(["_rank", "_row"]).drop(columns=["_rank", "_row"])
