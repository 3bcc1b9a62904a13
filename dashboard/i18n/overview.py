"""Text of the Overview page."""

TEXT = {
    "overview.title": ("Moscow International Medical Cluster", "Московский международный медицинский кластер"),
    "overview.subtitle": (
        "A medical cluster in the Skolkovo Innovation Center where clinics from OECD countries work on their home licences (Federal Law 160-FZ).",
        "Медицинский кластер в инновационном центре «Сколково», где клиники из стран ОЭСР работают по своим национальным лицензиям (Федеральный закон 160-ФЗ).",
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
        "У каждой — участок, площадь, год доступности и модель инвестиций.",
    ),
    "overview.open.cta": ("See the opportunities", "Смотреть возможности"),
    "overview.where_it_stands": ("Where the cluster stands", "Состояние кластера"),
    "overview.kpi.site_area": ("Site area", "Площадь территории"),
    "overview.kpi.floor_area": ("Max. floor area", "Макс. поэтажная площадь"),
    "overview.facilities_by_status": (
        "Facilities by status (latest source); built = completed or operating",
        "Объекты по статусу (по последним источникам); построено = завершено или работает",
    ),
    "overview.kpi.built": ("Built", "Построено"),
    "overview.kpi.built_pitch": ("Facilities built", "Построено объектов"),
    "overview.kpi.operators": ("Signed partners", "Партнёры с соглашениями"),
    "overview.kpi.oecd_partners": ("OECD partner countries", "Страны ОЭСР — партнёры"),
    "overview.kpi.partly_completed": ("Partly completed", "Частично готово"),
    "overview.kpi.under_construction": ("Under construction", "Строится"),
    "overview.kpi.planned": ("Planned (passport)", "Запланировано (паспорт)"),
    "overview.kpi.announced": ("Announced, unconfirmed", "Не подтверждено"),
    "overview.kpi.oecd_operating": ("Operating OECD partners", "Партнёры ОЭСР: работают"),
    "overview.kpi.oecd_operating_help": (
        "OECD organisations behind a clinic that operates now",
        "Организации из стран ОЭСР, с которыми связана работающая клиника",
    ),
    "overview.kpi.oecd_announced_help": (
        "OECD organisations with an agreement or a memorandum, nothing opened yet",
        "Организации из стран ОЭСР с соглашением или меморандумом, пока ничего не открыто",
    ),
    "overview.kpi.oecd_announced": (
        "Announced OECD partners",
        "Партнёры ОЭСР: объявлены",
    ),
    "overview.kpi.partner_item": ("{name}, {country}", "{name}, {country}"),
    "overview.overdue": (
        "{n} of these have a completion date that has passed with no confirmation (marked on the Timeline)",
        "У {n} из них срок завершения прошёл без подтверждения (отмечено в хронологии)",
    ),
    "overview.oecd_members": (
        "Licences, approvals and diplomas from **{n} OECD member states** are recognised in the IMC.",
        "В ММК признаются лицензии, разрешения и дипломы **{n} государств — членов ОЭСР**.",
    ),
    "overview.kpi.items": ("Counted: {items}", "Учтено: {items}"),
    "overview.value_prop": ("Why IMC: what 160-FZ gives an operator", "Почему ММК: что даёт оператору 160-ФЗ"),
    "overview.article": ("160-FZ, {article}", "160-ФЗ, {article}"),
    "overview.stages": ("Two stages, {start}–{end}", "Два этапа, {start}–{end}"),
    "overview.stage_years": ("{start}–{end}", "{start}–{end}"),
    "overview.stage_facilities": ("{n} facilities in the data", "объектов в данных: {n}"),
    "overview.milestones": ("Key milestones", "Ключевые события"),
    "overview.milestone_planned": ("planned", "план"),
    "overview.milestone_overdue": ("planned; date passed, unconfirmed", "план; срок прошёл, не подтверждено"),
    "overview.sources_of_figures": ("Sources of these figures", "Источники этих цифр"),
}
