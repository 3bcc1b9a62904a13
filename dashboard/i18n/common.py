"""Interface text shared by every page: frame, navigation, units, dates."""

from imc_data.schema import FIGURE_BOUNDS

from .labels import LABELS

TEXT = {
    # frame
    "app.title": ("Moscow International Medical Cluster", "Московский международный медицинский кластер"),
    "frame.language": ("Language / Язык", "Язык / Language"),
    "frame.data_as_of": ("Data as of {date}", "Данные на {date}"),
    "frame.data_age": ("{n} {unit} ago", "{n} {unit} назад"),
    "frame.tables_to_check": ("Staff: tables to check: {tables}", "Сотрудникам: проверить таблицы: {tables}"),
    # why a table is to be checked (imc_data.datainfo.CHECK_STALE, CHECK_OVERDUE)
    "frame.check.stale": ("out of date", "устарела"),
    "frame.check.overdue": ("planned dates passed", "прошли плановые сроки"),
    "overdue": ("overdue, unconfirmed", "срок прошёл, завершение не подтверждено"),
    # a figure as its source states it ("more than 60,000 m²"): the words live with the codes in the schema
    **{f"bound.{code}": (f"{en} {{value}}", f"{ru} {{value}}") for code, (en, ru) in FIGURE_BOUNDS.items()},
    "frame.layout_illustrative": (
        "Plot layout illustrative, not cadastral data",
        "Схема участков иллюстративная — не кадастровые данные",
    ),
    "frame.data_invalid": (
        "The data files do not validate, so the dashboard cannot show them. Staff: fix the files listed below "
        "(or run `python -m imc_data.validate`).",
        "Файлы данных не прошли проверку, поэтому дашборд не может их показать. Сотрудникам: исправьте файлы из "
        "списка ниже (или запустите `python -m imc_data.validate`).",
    ),
    "frame.findings_more": ("… and {n} more", "… и ещё {n}"),
    "frame.sources": ("Sources", "Источники"),
    "frame.provenance": ("Provenance: {value}", "Происхождение: {value}"),
    "frame.sources_marker": ("Sources ({n})", "Источники ({n})"),
    "frame.source_title_translated": ("{title} (translated)", "{title} (перевод)"),
    "frame.provenance_means.derived": (
        "Worked out from the sources below.",
        "Получено из источников ниже.",
    ),
    "frame.provenance_means.illustrative": (
        "An illustration, not a published figure.",
        "Иллюстрация, а не опубликованная величина.",
    ),
    # the contact call to action (dashboard.components.contact_cta)
    "contact.title": ("Get in touch", "Связаться с нами"),
    "contact.email": ("Write to {email}", "Написать на {email}"),
    "contact.languages": ("Languages: {languages}", "Языки: {languages}"),
    "contact.enquiry": ("Send an enquiry", "Отправить запрос"),
    "contact.enquiry_help": (
        "Tell us what you are looking for: the enquiry form is on the Opportunities page.",
        "Расскажите, что вас интересует: форма запроса — на странице «Возможности».",
    ),
    # navigation
    "nav.overview": ("Overview", "Обзор"),
    "nav.site_map": ("Site map", "Карта территории"),
    "nav.timeline": ("Timeline", "Хронология"),
    "nav.opportunities": ("Opportunities", "Возможности"),
    "nav.operators": ("Operators and partners", "Операторы и партнёры"),
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
    # dates at a precision (dashboard.formatting.date): quarter and season are not in CLDR
    "date.quarter": ("Q{q} {year}", "{roman} кв. {year}"),
    "date.season.spring": ("spring {year}", "весна {year}"),
    "date.season.summer": ("summer {year}", "лето {year}"),
    "date.season.autumn": ("autumn {year}", "осень {year}"),
    "date.season.winter": ("winter {first}/{second}", "зима {first}/{second}"),
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

# Older keys still read by pages not yet moved to dashboard.labels.label(): generated from the one
# table of enum words (i18n/labels.py), so the words are never written twice.
_ALIASES = {"provenance": "provenance", "fstatus": "facility_status", "ostatus": "operator_status"}
TEXT.update({f"{old}.{value}": pair for old, kind in _ALIASES.items() for value, pair in LABELS[kind].items()})
