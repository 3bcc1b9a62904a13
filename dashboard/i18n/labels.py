"""Human text for every enumerated value a visitor can see: ``label.<kind>.<value>``.

The one home of these words: :func:`dashboard.labels.label` reads them, and the older
page keys (``fstatus.*``, ``ostatus.*``, ``provenance.*`` in ``common.py``) are aliases
generated from here. Kinds follow the columns of ``imc_data/schema.py``.
"""

LABELS: dict[str, dict[str, tuple[str, str]]] = {
    # facilities.csv status: the latest status a source gives
    # Russian: impersonal forms ("построено"), which read right after a clinic, a centre or a building alike.
    "facility_status": {
        "operating": ("Operating", "Работает"),
        "completed": ("Completed", "Построено"),
        "partly_completed": ("Partly completed", "Завершено частично"),
        "under_construction": ("Under construction", "Строится"),
        "planned": ("Planned", "Планируется"),
        "announced_not_realised": ("Announced, not realised", "Объявлено, не реализовано"),
        "unknown": ("Announced, status unconfirmed", "Объявлено, не подтверждено"),
    },
    # the state of a plot or facility in a given year (imc_data.plot_state)
    "plot_state": {
        "planned": ("Planned", "Планируется"),
        "under_construction": ("Under construction", "Строится"),
        "operating": ("Built / operating", "Построен / работает"),
    },
    "operator_status": {
        "operating": ("Operating", "Работает"),
        "agreement_signed": ("Agreement signed", "Соглашение подписано"),
        "announced": ("Announced", "Объявлено"),
        "interest_only": ("Interest only", "Только интерес"),
        "managing": ("Managing company", "Управляющая компания"),
    },
    "opportunity_status": {
        "open": ("Open", "Открыто"),
        "in_negotiation": ("In negotiation", "В переговорах"),
        "taken": ("Taken", "Занято"),
        "announced_not_realised": ("Announced, not realised", "Объявлено, не реализовано"),
    },
    "investment_model": {
        "build_to_lease": ("Build-to-lease by the IMC Fund", "Строительство Фондом ММК с последующей арендой"),
        "own_construction": ("Own construction", "Собственное строительство"),
    },
    "permitted_use": {
        "healthcare": ("Healthcare", "Здравоохранение"),
        "research": ("Research", "Наука"),
        "accommodation": ("Accommodation", "Проживание"),
        "green_space": ("Green space", "Озеленение"),
        "mixed_use": ("Mixed use", "Смешанное использование"),
    },
    "facility_category": {
        "clinic": ("Clinic", "Клиника"),
        "hospital": ("Hospital", "Больница"),
        "research": ("Research", "Наука"),
        "accommodation": ("Accommodation", "Проживание"),
        "landscape": ("Landscape", "Ландшафт"),
        "multifunctional": ("Multifunctional", "Многофункциональный"),
    },
    "operator_role": {
        "operator": ("Operator", "Оператор"),
        "investor": ("Investor", "Инвестор"),
        "partner": ("Partner", "Партнёр"),
        "managing_company": ("Managing company", "Управляющая компания"),
    },
    "provenance": {
        "sourced": ("sourced", "из источника"),
        "derived": ("derived", "выведено"),
        "illustrative": ("illustrative", "иллюстративно"),
    },
    "milestone_status": {
        "actual": ("happened", "состоялось"),
        "planned": ("planned", "запланировано"),
        "planned_missed": ("planned, missed", "срок пропущен"),
        "overdue": ("overdue, unconfirmed", "срок прошёл, завершение не подтверждено"),
    },
    "milestone_category": {
        "policy": ("Policy", "Политика"),
        "legal": ("Law", "Закон"),
        "planning": ("Planning", "Планирование"),
        "governance": ("Governance", "Управление"),
        "construction": ("Construction", "Строительство"),
        "investment": ("Investment", "Инвестиции"),
        "operator": ("Operator", "Оператор"),
        "opening": ("Opening", "Открытие"),
        "ownership": ("Ownership", "Собственность"),
        "context": ("Context", "Контекст"),
        "stage": ("Stage", "Этап"),
    },
    "legal_category": {
        "law": ("The law", "Закон"),
        "participation": ("Participation", "Участие"),
        "territory": ("Territory", "Территория"),
        "licensing": ("Licensing", "Лицензирование"),
        "staff": ("Staff", "Персонал"),
        "medicines": ("Medicines", "Лекарства"),
        "tax": ("Tax", "Налоги"),
    },
    "provision_section": {
        "law": ("The law", "Закон"),
        "benefit": ("Benefit", "Преимущество"),
        "condition": ("Condition", "Условие"),
        "risk": ("Risk", "Риск"),
    },
    "incentive_applies": {
        "yes": ("Yes", "Да"),
        "not_established": ("Not established", "Не установлено"),
        "no": ("No", "Нет"),
    },
    "source_confidence": {
        "high": ("High", "Высокая"),
        "medium": ("Medium", "Средняя"),
        "low": ("Low", "Низкая"),
        "not_applicable": ("Not applicable", "Не применимо"),
    },
    "language": {
        "en": ("English", "английский"),  # Russian writes language names in lower case in a list
        "ru": ("Russian", "русский"),
        "hu": ("Hungarian", "венгерский"),
        "en+ru": ("English and Russian", "английский и русский"),
    },
    "date_precision": {
        "day": ("Day", "День"),
        "month": ("Month", "Месяц"),
        "quarter": ("Quarter", "Квартал"),
        "season": ("Season", "Сезон"),
        "year": ("Year", "Год"),
    },
}

TEXT = {f"label.{kind}.{value}": pair for kind, values in LABELS.items() for value, pair in values.items()}
TEXT.update(
    {
        # names of plots and opportunities (dashboard.labels.plot_name / opportunity_name)
        "label.plot": ("Plot {n}", "Участок {n}"),
        "label.plot_named": ("Plot {n} · {what}", "Участок {n} · {what}"),
        "label.opportunity_named": ("{what} · {stage}", "{what} · {stage}"),
    }
)
