"""Text of the Overview page."""

TEXT = {
    "overview.title": ("Moscow International Medical Cluster", "Московский международный медицинский кластер"),
    "overview.subtitle": (
        "A {area} medical cluster in the Skolkovo Innovation Center, where clinics from OECD countries may work "
        "on their home licences under a federal law of its own (160-FZ).",
        "Медицинский кластер площадью {area} в инновационном центре «Сколково»: клиники из стран ОЭСР могут работать "
        "здесь по своим национальным лицензиям — это разрешает отдельный федеральный закон (160-ФЗ).",
    ),
    "overview.pitch": (
        "Run a clinic in Moscow on your home-country licence",
        "Клиника в Москве — по лицензии вашей страны",
    ),
    "overview.kpi.oecd_members": (
        "OECD countries whose licences are recognised",
        "Стран ОЭСР, чьи лицензии признаются",
    ),
    "overview.open.title": ("Open to investors", "Открыто для инвесторов"),
    "overview.open.count": ("Opportunities open now", "Открытых возможностей сейчас"),
    "overview.open.text": (
        "Each with its plot, floor area, year available and investment model.",
        "У каждой — участок, площадь, год доступности и модель инвестирования.",
    ),
    "overview.open.cta": ("See the opportunities", "Смотреть возможности"),
    "overview.open.provenance_help": (
        "No source announces these opportunities: they are the investor passport's items with no building and no "
        "operator named, read as open. Each card says what is known.",
        "Ни один источник не объявляет эти возможности: это объекты паспорта проекта без здания и без названного "
        "оператора, показанные как открытые. На каждой карточке — что известно.",
    ),
    "overview.where_it_stands": ("Where the cluster stands", "Состояние кластера"),
    "overview.kpi.site_area": ("Site area", "Площадь территории"),
    "overview.facilities_by_status": (
        "Facilities by their latest status in the sources",
        "Объекты по последнему статусу в источниках",
    ),
    "overview.kpi.built": ("Built: completed or operating", "Построено: завершено или работает"),
    "overview.kpi.built_help": (
        "Completed or operating, as the latest source says",
        "Завершено или работает по данным последнего источника",
    ),
    "overview.kpi.built_pitch": ("Facilities built", "Построено объектов"),
    "overview.kpi.floor_area_note": ("up to {floor} of floor area", "до {floor} поэтажной площади"),
    "overview.kpi.building_note": ("{n} under construction", "строится: {n}"),
    "overview.kpi.signed_note": (
        "{n} more signed, no clinic yet",
        "ещё {n} — с соглашением или меморандумом, без клиники",
    ),
    "overview.kpi.partly_completed": ("Partly completed", "Частично завершено"),
    "overview.kpi.partly_completed_help": (
        "Part of the facility is finished, the rest is not",
        "Часть объекта завершена, остальное — нет",
    ),
    "overview.kpi.under_construction": ("Under construction", "Строится"),
    "overview.kpi.under_construction_help": (
        "Construction under way, as the latest source says",
        "Строительство идёт по данным последнего источника",
    ),
    "overview.kpi.planned": ("Planned, not started", "Запланировано, не начато"),
    "overview.kpi.planned_help": (
        "In the project's plan; no construction reported",
        "В плане проекта; о строительстве не сообщалось",
    ),
    "overview.kpi.announced": ("Announced, not confirmed", "Объявлено, не подтверждено"),
    "overview.kpi.announced_help": (
        "Announced by an operator or investor; no later source confirms progress, or it was not realised",
        "Объявлено оператором или инвестором; более поздние источники не подтверждают продвижения, "
        "или проект не реализован",
    ),
    "overview.kpi.oecd_operating": ("OECD partners with a clinic open", "Партнёры из ОЭСР с работающей клиникой"),
    "overview.kpi.oecd_operating_help": (
        "Organisations from OECD countries that signed for a clinic that operates now. Who owns the clinic's "
        "operating company today is on the Operators and partners page.",
        "Организации из стран ОЭСР, подписавшие соглашение о клинике, которая сейчас работает. Кто сегодня владеет "
        "её операционной компанией — на странице «Операторы и партнёры».",
    ),
    "overview.kpi.oecd_announced": (
        "OECD partners signed, nothing open yet",
        "Партнёры из ОЭСР с соглашением или меморандумом, пока без клиники",
    ),
    "overview.kpi.oecd_announced_help": (
        "Organisations from OECD countries with an agreement or a memorandum; no clinic open yet",
        "Организации из стран ОЭСР с соглашением или меморандумом; клиника пока не открыта",
    ),
    "overview.kpi.overdue": ("Completion date passed, unconfirmed", "Срок завершения прошёл, не подтверждено"),
    "overview.kpi.overdue_help": (
        "Facilities not built whose completion date (the latest announced, else the end of their stage) has passed "
        "with no source confirming completion",
        "Непостроенные объекты, у которых срок завершения (последний объявленный, иначе конец их этапа) прошёл, "
        "а источники завершение не подтверждают",
    ),
    "overview.kpi.partner_item": ("{name}, {country}", "{name}, {country}"),
    "overview.kpi.items": ("Counted: {items}", "Учтено: {items}"),
    "overview.value_prop": ("Why IMC: what 160-FZ gives an operator", "Почему ММК: что даёт оператору 160-ФЗ"),
    "overview.article": ("160-FZ, {article}", "160-ФЗ, {article}"),
    "overview.stages": ("Two stages, {start}–{end}", "Два этапа, {start}–{end}"),
    "overview.stage_years": ("{start}–{end}", "{start}–{end}"),
    "overview.stage_facilities": ("{n} facilities in the data", "объектов в данных: {n}"),
    "overview.milestones": ("Key milestones", "Ключевые события"),
    "overview.where.title": ("Where it is", "Где это"),
    "overview.where.help": (
        "Straight-line distances from the IMC's point on the map: the centre of the schematic site plan, since no "
        "source publishes the IMC's own coordinates",
        "Расстояния по прямой от точки ММК на карте — центра схемы территории: собственные координаты ММК "
        "ни один источник не публикует",
    ),
    "overview.where.cta": ("Site map", "Карта территории"),
    "overview.more": ("More about the IMC", "Подробнее о ММК"),
    "overview.more.legal": ("What the law gives an operator", "Что закон даёт оператору"),
    "overview.more.timeline": ("What is built and what comes next", "Что построено и что дальше"),
    "overview.more.operators": ("Operators and OECD partners", "Операторы и партнёры из ОЭСР"),
}
