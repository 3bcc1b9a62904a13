"""Interface text shared by every page: frame, navigation, units, enumerations."""

TEXT = {
    # frame
    "app.title": ("IMC Road-Show Dashboard", "ММК: дашборд для инвесторов"),
    "frame.language": ("Language / Язык", "Язык / Language"),
    "frame.data_as_of": ("Data as of {date}", "Данные на {date}"),
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
    "nav.data": ("About the data", "О данных"),
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
}
