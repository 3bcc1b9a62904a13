"""Interface text shared by every page: frame, navigation, units, enumerations."""

TEXT = {
    # frame
    "app.title": ("IMC Road-Show Dashboard", "ММК: дашборд для инвесторов"),
    "frame.language": ("Language / Язык", "Язык / Language"),
    "frame.data_as_of": ("Data as of {date}", "Данные на {date}"),
    "frame.data_age": ("{n} {unit} ago", "{n} {unit} назад"),
    "frame.data_age_recent": ("this month", "в этом месяце"),
    "frame.tables_to_check": ("Staff: tables to check: {tables}", "Сотрудникам: проверить таблицы: {tables}"),
    "overdue": ("overdue, unconfirmed", "срок прошёл, не подтверждено"),
    "frame.layout_illustrative": (
        "Plot layout illustrative – not cadastral data",
        "Схема участков иллюстративная – не кадастровые данные",
    ),
    "frame.data_invalid": (
        "The data files do not validate, so the dashboard cannot show them. Staff: fix the files listed below "
        "(or run `python -m imc_data.validate`).",
        "Файлы данных не прошли проверку, поэтому дашборд не может их показать. Сотрудникам: исправьте файлы из "
        "списка ниже (или запустите `python -m imc_data.validate`).",
    ),
    "frame.findings_more": ("… and {n} more", "… и ещё {n}"),
    "frame.sources": ("Sources", "Источники"),
    "frame.source_line": ("{title} — {publisher}, {date}", "{title} — {publisher}, {date}"),
    "frame.provenance": ("Provenance: {value}", "Происхождение: {value}"),
    # navigation
    "nav.overview": ("Overview", "Обзор"),
    "nav.site_map": ("Site map", "Карта участка"),
    "nav.timeline": ("Timeline", "Хронология"),
    "nav.opportunities": ("Opportunities", "Возможности"),
    "nav.operators": ("Operators & partners", "Операторы и партнёры"),
    "nav.legal_regime": ("Why IMC: legal regime", "Почему ММК: правовой режим"),
    "nav.data": ("Data & sources", "Данные и источники"),
    # units
    "unit.ha": ("ha", "га"),
    "unit.m²": ("m²", "м²"),
    "unit.year": ("", ""),
    "unit.years": ("years", "лет"),
    "unit.clinics": ("clinics", "клиник"),
    "unit.patients/year": ("patients a year", "пациентов в год"),
    "unit.bn RUB": ("bn RUB", "млрд руб."),
    # provenance
    "provenance.sourced": ("sourced", "из источника"),
    "provenance.derived": ("derived", "выведено"),
    "provenance.illustrative": ("illustrative", "иллюстративно"),
    # facility status
    "fstatus.operating": ("Operating", "Работает"),
    "fstatus.completed": ("Completed", "Построен"),
    "fstatus.partly_completed": ("Partly completed", "Частично завершён"),
    "fstatus.under_construction": ("Under construction", "Строится"),
    "fstatus.planned": ("Planned", "Планируется"),
    "fstatus.announced_not_realised": ("Announced, not realised", "Объявлен, не реализован"),
    "fstatus.unknown": ("Announced, status unconfirmed", "Объявлен, статус не подтверждён"),
    # operator status
    "ostatus.operating": ("Operating", "Работает"),
    "ostatus.agreement_signed": ("Agreement signed", "Соглашение подписано"),
    "ostatus.announced": ("Announced", "Объявлено"),
    "ostatus.interest_only": ("Interest only", "Только интерес"),
    "ostatus.managing": ("Managing company", "Управляющая компания"),
    # a number of periods (slippage, age of the data), by plural form (CLDR: one, few, many, other)
    "period.year.one": ("year", "год"),
    "period.year.few": ("years", "года"),
    "period.year.many": ("years", "лет"),
    "period.year.other": ("years", "года"),
    "period.quarter.one": ("quarter", "квартал"),
    "period.quarter.few": ("quarters", "квартала"),
    "period.quarter.many": ("quarters", "кварталов"),
    "period.quarter.other": ("quarters", "квартала"),
    "period.season.one": ("season", "сезон"),
    "period.season.few": ("seasons", "сезона"),
    "period.season.many": ("seasons", "сезонов"),
    "period.season.other": ("seasons", "сезона"),
    "period.month.one": ("month", "месяц"),
    "period.month.few": ("months", "месяца"),
    "period.month.many": ("months", "месяцев"),
    "period.month.other": ("months", "месяца"),
}
