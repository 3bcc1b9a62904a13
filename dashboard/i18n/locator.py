"""Text of the locator map (where the IMC is in Moscow): section, list, attribution."""

TEXT = {
    "locator.title": ("Where it is", "Где это"),
    "locator.intro": (
        "Where the IMC sits in Moscow: the city boundary, the MKAD ring road, the Moskva River, the centre, "
        "the airports and the nearest station. Distances are straight-line, measured from the map's coordinates.",
        "Где ММК находится в Москве: граница города, МКАД, Москва-река, центр, аэропорты и ближайшая станция. "
        "Расстояния — по прямой, по координатам карты.",
    ),
    "locator.alt": (
        "Map of Moscow with the city boundary, the MKAD ring road, the Moskva River, the IMC, the Kremlin, "
        "the three airports and the nearest station. The same places and distances are listed beside the map.",
        "Карта Москвы: граница города, МКАД, Москва-река, ММК, Кремль, три аэропорта и ближайшая станция. "
        "Те же места и расстояния перечислены рядом с картой.",
    ),
    "locator.list_heading": ("Distances from the IMC (straight line)", "Расстояния от ММК (по прямой)"),
    "locator.distance": ("{km}\u00a0km", "{km}\u00a0км"),  # the unit never wraps away from its number
    "locator.travel_time": ("about {minutes} min", "около {minutes} мин"),
    "locator.inside": ("the IMC is on its territory", "ММК на его территории"),
    "locator.attribution": ("© OpenStreetMap contributors", "© участники OpenStreetMap"),
    "locator.nearest_point": ("{distance} to its nearest point", "{distance} до ближайшей точки"),
    "locator.north": ("N", "С"),  # the north arrow's letter
    "locator.sources": ("Sources of the map data", "Источники данных карты"),
    "locator.imc_position_note": (
        "The IMC's point is the centre of the schematic site plan; no source publishes the IMC's own coordinates.",
        "Точка ММК — центр схемы территории; собственные координаты ММК ни один источник не публикует.",
    ),
    "locator.no_places": (
        "The places of the locator map could not be read.",
        "Не удалось прочитать места для обзорной карты.",
    ),
}
