"""Text of the Site map page (map, legend, tooltips and plot card)."""

TEXT = {
    "site_map.title": ("Site map: the plots and their state", "Карта территории: участки и их состояние"),
    "site_map.intro": (
        "Tap or click a plot to open its card under the map. Move the year to see the cluster grow.",
        "Нажмите на участок, чтобы открыть его карточку под картой. Сдвиньте год, чтобы увидеть, как растёт кластер.",
    ),
    "site_map.year": ("Year", "Год"),
    "site_map.year_help": (
        "Plots are coloured by their state in this year. Up to the current year only confirmed dates count; "
        "later years follow the plans still in force.",
        "Участки окрашены по состоянию в этом году. До текущего года учитываются только подтверждённые даты; "
        "дальше — действующие планы.",
    ),
    "site_map.extrude": ("3D: height by floor area", "3D: высота по площади"),
    "site_map.extrude_help": (
        "Plots under construction or operating rise in proportion to their floor area (1 m per 400 m²): the floor "
        "area of those facilities where a source gives it, otherwise the plot's maximum floor area (illustrative).",
        "Строящиеся и работающие участки поднимаются пропорционально площади (1 м на 400 м²): площадь этих "
        "объектов, если её называет источник, иначе максимальная суммарная поэтажная площадь участка (иллюстративно).",
    ),
    "site_map.alt": (
        "Map of the IMC site in {year}: {n} plots coloured by state, with the site outline, Bolshoi Boulevard, "
        "neighbouring development and the forest edge",
        "Карта территории ММК в {year} году: {n} участков, окрашенных по состоянию, с границей территории, "
        "Большим бульваром, соседней застройкой и опушкой леса",
    ),
    "site_map.projected": ("plan", "план"),
    "site_map.legend": ("State in {year}", "Состояние в {year} году"),
    "site_map.legend_count": ("{n} plots", "участков: {n}"),
    "site_map.legend_count_one": ("1 plot", "участков: 1"),
    "site_map.legend_projected": (
        "A paler colour: the state follows a plan still in force, not a confirmed date.",
        "Бледный цвет: состояние по действующему плану, а не по подтверждённой дате.",
    ),
    "site_map.legend_context": (
        "Grey: site outline and neighbouring development · dark grey line: Bolshoi Boulevard · green: forest edge. "
        "Context is schematic.",
        "Серым: граница территории и соседняя застройка · тёмно-серая линия: Большой бульвар · зелёным: опушка "
        "леса. Окружение схематично.",
    ),
    # tooltip (plain text; fields are filled in by the map)
    "site_map.tooltip": (
        "{name}\n{state}\n{area} · {use}\n{facilities}\nClick for the plot's card",
        "{name}\n{state}\n{area} · {use}\n{facilities}\nНажмите, чтобы открыть карточку участка",
    ),
    "site_map.north": ("N", "С"),
    "site_map.no_facility": ("No facility assigned", "Объект не назначен"),
    # plot card
    "site_map.card.pick": (
        "Tap or click a plot on the map to see its area, use, stage, facilities, operators and sources here.",
        "Нажмите на участок на карте, чтобы увидеть здесь площадь, назначение, этап, объекты, операторов и источники.",
    ),
    "site_map.card.unknown_plot": (
        "There is no plot “{plot}” in the current data. Pick a plot on the map.",
        "Участка «{plot}» нет в текущих данных. Выберите участок на карте.",
    ),
    "site_map.card.area": ("Plot area", "Площадь участка"),
    "site_map.card.use": ("Permitted use", "Разрешённое использование"),
    "site_map.card.stage": ("Stage", "Этап"),
    "site_map.card.stage_value": ("{name} ({start}–{end})", "{name} ({start}–{end})"),
    "site_map.card.state": ("State in {year}", "Состояние в {year} году"),
    "site_map.card.max_floor": ("Max. floor area", "Макс. поэтажная площадь"),
    "site_map.card.layout_badge": ("Illustrative layout", "Иллюстративная схема"),
    "site_map.card.layout_note": (
        "Plot boundaries, areas, permitted uses and maximum floor areas are an illustrative layout: no public "
        "cadastral data exist. Facility facts below come from the sources listed.",
        "Границы, площади, назначение и максимальная поэтажная площадь участков — иллюстративная схема: публичных "
        "кадастровых данных нет. Сведения об объектах ниже — из перечисленных источников.",
    ),
    "site_map.card.facilities": ("Facilities on this plot", "Объекты на участке"),
    "site_map.card.no_facilities": ("No facility is assigned to this plot.", "На участке нет назначенных объектов."),
    "site_map.card.status": (
        "Latest status: {status} (as of {as_of})",
        "Последний статус: {status} (по состоянию на {as_of})",
    ),
    "site_map.card.operator": ("Operator: {name} ({country})", "Оператор: {name} ({country})"),
    "site_map.card.no_operator": ("Operator: not specified", "Оператор: не указан"),
    "site_map.card.planned": ("Planned: {start} → {end}", "План: {start} → {end}"),
    "site_map.card.expected": ("Latest announced completion: {date}", "Последний объявленный срок: {date}"),
    "site_map.card.actual": ("Actual: {start} → {end}", "Факт: {start} → {end}"),
    "site_map.card.opening": ("Opened: {date}", "Открытие: {date}"),
    "site_map.card.no_dates": ("No dates published", "Сроки не опубликованы"),
    "site_map.card.floor_area": ("Floor area: {area}", "Поэтажная площадь: {area}"),
    "site_map.legend_open": ("open to investors", "возможность для инвесторов"),
    "site_map.card.facility_stage": ("Part of {stage}", "В составе: {stage}"),
    "site_map.card.beds": ("Beds: {beds}", "Коек: {beds}"),
    "site_map.card.state_in_year": ("In {year}: {state}", "В {year} году: {state}"),
    "site_map.card.opportunities": ("Investment opportunities on this plot", "Инвестиционные возможности на участке"),
    "site_map.card.opportunity": (
        "Open opportunity {opp} on the Opportunities page",
        "Открыть возможность {opp} на странице «Возможности»",
    ),
    "site_map.card.sources": ("Sources for this plot", "Источники по участку"),
    # phone: the light plan (SVG) and the interactive map on request
    "site_map.svg_plot": ("{name}: {state}. Opens its card", "{name}: {state}. Открыть карточку"),
    "site_map.interactive": ("Interactive map", "Интерактивная карта"),
    "site_map.interactive_help": (
        "Zoom, pan and tooltips (heavier on a phone). The plan above shows the same plots; tap one for its card.",
        "Масштаб, сдвиг и подсказки (медленнее на телефоне). На схеме те же участки; нажмите на участок, "
        "чтобы открыть карточку.",
    ),
    # 3D: the years played one after another
    "site_map.play": ("Play {first}–{last}", "Показать {first}–{last}"),
    "site_map.play_help": (
        "Shows every year from {first} to {last} in turn, so you see the cluster grow; it stops on {last}. "
        "Any other control stops it.",
        "Показывает годы с {first} по {last} по очереди, чтобы было видно, как растёт кластер; останавливается "
        "на {last}. Любой другой элемент управления останавливает показ.",
    ),
    "site_map.stop": ("Stop", "Стоп"),
    "site_map.playing": ("Year {year}", "{year} год"),
    "site_map.projected_3d": (
        "In 3D only what stands (or is being built) by confirmed dates rises; a state that rests on a plan "
        "stays flat and pale.",
        "В 3D поднимается только то, что стоит (или строится) по подтверждённым датам; состояние по плану "
        "остаётся плоским и бледным.",
    ),
}
