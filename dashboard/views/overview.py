"""What the Overview (``app.py``) shows besides its numbers: where the IMC is in one line, what is open.

Pure functions of the tables (no Streamlit): the page draws them, the tests check them.
"""

from __future__ import annotations

import pandas as pd

from .. import formatting
from ..figures import locator
from ..i18n import translate

# Places named in the Overview's one line, in the locator's reading order (the IMC itself and the
# innovation centre it stands in are said by the headline).
WHERE_KINDS = ("city_centre", "airport", "station")


def distance_items(places: pd.DataFrame, lang: str) -> list[tuple[str, str]]:
    """``[(short name, "17 km"), …]``: the places of the locator that say where the IMC is.

    Parameters
    ----------
    places : DataFrame
        :func:`dashboard.figures.locator.located_places` (distances are measured from the IMC).
    lang : str
        Language of the names and of the number format.

    Returns
    -------
    list of (str, str)
        The map's short label of each place of :data:`WHERE_KINDS` and its straight-line distance
        (with the travel time where a source gives one): the city centre, the airports nearest first,
        then the station.
    """
    records = [
        r for r in locator.place_records(places, lang) if r["kind"] in WHERE_KINDS and r["distance_km"] is not None
    ]
    # The centre first, then the airports nearest first, then the station.
    records.sort(key=lambda r: (WHERE_KINDS.index(r["kind"]), r["distance_km"] if r["kind"] == "airport" else 0))
    items = []
    for record in records:
        distance = locator.distance_text(record["distance_km"], lang)
        if record["travel_time_min"]:
            minutes = formatting.number(record["travel_time_min"], lang)
            distance += f" ({translate('locator.travel_time', lang, minutes=minutes)})"
        items.append((record["short"], distance))
    return items


def distance_provenance(places: pd.DataFrame) -> str:
    """How far the distances of :func:`distance_items` are sourced: as far as the IMC's own point.

    The IMC's coordinates are not published, so its point on the map is the centre of the schematic
    site plan (``illustrative``) and every distance measured from it is an illustration too.
    """
    origin = places.loc[places["kind"] == "imc", "provenance"]
    return str(origin.iloc[0]) if len(origin) else "sourced"
