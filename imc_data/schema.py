"""Declarative schema of every table in the data folder.

One description serves the loader, the validator, the CLI and the data dictionary
on the Data page, so a column is described once. Every table except ``sources``
carries the provenance columns ``source_ids``, ``as_of`` and ``provenance``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

PROVENANCE = ("sourced", "derived", "illustrative")
EVENT_YEARS = (2012, 2040)  # dates of events (construction, milestones, agreements)
REFERENCE_YEARS = (1950, 2040)  # publication and as-of dates (some laws predate the IMC)

FACILITY_STATUS = (
    "operating",
    "completed",
    "under_construction",
    "planned",
    "announced_not_realised",
    "unknown",
)
OPERATOR_STATUS = ("operating", "agreement_signed", "announced", "interest_only", "managing")


@dataclass(frozen=True)
class Column:
    """One column of a table.

    Parameters
    ----------
    name : str
        Header text in the file.
    kind : str
        ``id``, ``text``, ``int``, ``float``, ``date``, ``choice``, ``bool``, ``ids`` (a ``;``-separated
        list of references) or ``url``.
    required : bool
        Whether every row must have a value.
    choices : tuple of str
        Allowed values for ``choice`` columns.
    ref : str, optional
        ``"table.column"`` that a value (or each value, for ``ids``) must exist in.
    minimum : float, optional
        Lowest allowed number.
    years : tuple of int, optional
        Allowed year range for ``date`` and year-valued ``int`` columns.
    meaning_en, meaning_ru : str
        What the column means, for the data dictionary.
    """

    name: str
    kind: str
    required: bool = True
    choices: tuple[str, ...] = ()
    ref: str | None = None
    minimum: float | None = None
    years: tuple[int, int] | None = None
    meaning_en: str = ""
    meaning_ru: str = ""


@dataclass(frozen=True)
class Table:
    """A CSV table: its file, key column, columns and ordered date pairs (start, end)."""

    name: str
    filename: str
    key: str
    columns: tuple[Column, ...]
    title_en: str
    title_ru: str
    order_pairs: tuple[tuple[str, str], ...] = field(default_factory=tuple)

    def column(self, name: str) -> Column:
        """Return the column called ``name``."""
        for col in self.columns:
            if col.name == name:
                return col
        raise KeyError(name)

    @property
    def names(self) -> list[str]:
        """Column names in file order."""
        return [c.name for c in self.columns]


def _provenance(with_sources: bool = True) -> tuple[Column, ...]:
    cols = []
    if with_sources:
        cols.append(
            Column(
                "source_ids",
                "ids",
                ref="sources.source_id",
                meaning_en="Sources of the row, separated by ';'",
                meaning_ru="Источники строки через ';'",
            )
        )
    cols += [
        Column(
            "as_of",
            "date",
            years=REFERENCE_YEARS,
            meaning_en="Date the values were true",
            meaning_ru="Дата актуальности значений",
        ),
        Column(
            "provenance",
            "choice",
            choices=PROVENANCE,
            meaning_en="sourced, derived or illustrative",
            meaning_ru="из источника, выведено или иллюстративно",
        ),
    ]
    return tuple(cols)


def _names(meaning: str, meaning_ru: str) -> tuple[Column, ...]:
    return (
        Column("name_en", "text", meaning_en=f"{meaning} (English)", meaning_ru=f"{meaning_ru} (англ.)"),
        Column("name_ru", "text", meaning_en=f"{meaning} (Russian)", meaning_ru=f"{meaning_ru} (рус.)"),
    )


def _pair(stem: str, meaning: str, meaning_ru: str, required: bool = True) -> tuple[Column, ...]:
    return (
        Column(
            f"{stem}_en",
            "text",
            required=required,
            meaning_en=f"{meaning} (English)",
            meaning_ru=f"{meaning_ru} (англ.)",
        ),
        Column(
            f"{stem}_ru",
            "text",
            required=required,
            meaning_en=f"{meaning} (Russian)",
            meaning_ru=f"{meaning_ru} (рус.)",
        ),
    )


TABLES: dict[str, Table] = {
    t.name: t
    for t in (
        Table(
            "sources",
            "sources.csv",
            "source_id",
            (
                Column("source_id", "id", meaning_en="Source identifier", meaning_ru="Идентификатор источника"),
                Column("title", "text", meaning_en="Title", meaning_ru="Название"),
                Column("publisher", "text", meaning_en="Publisher", meaning_ru="Издатель"),
                Column(
                    "url", "url", required=False, meaning_en="Address of the document", meaning_ru="Адрес документа"
                ),
                Column(
                    "published",
                    "date",
                    years=REFERENCE_YEARS,
                    meaning_en="Publication date",
                    meaning_ru="Дата публикации",
                ),
                Column("language", "choice", choices=("en", "ru"), meaning_en="Language", meaning_ru="Язык"),
                Column(
                    "confidence",
                    "choice",
                    choices=("high", "medium", "not_applicable"),
                    meaning_en="Reliability of the source (low-reliability sources are excluded)",
                    meaning_ru="Надёжность источника (ненадёжные исключены)",
                ),
                Column("note", "text", required=False, meaning_en="Note", meaning_ru="Примечание"),
                *_provenance(with_sources=False),
            ),
            "Sources",
            "Источники",
        ),
        Table(
            "facts",
            "facts.csv",
            "fact_id",
            (
                Column("fact_id", "id", meaning_en="Fact identifier", meaning_ru="Идентификатор факта"),
                Column("value", "float", meaning_en="Value", meaning_ru="Значение"),
                Column("unit", "text", meaning_en="Unit", meaning_ru="Единица"),
                *_pair("label", "Label", "Подпись"),
                *_pair("note", "Note", "Примечание", required=False),
                *_provenance(),
            ),
            "Key facts",
            "Ключевые факты",
        ),
        Table(
            "stages",
            "stages.csv",
            "stage_id",
            (
                Column("stage_id", "id", meaning_en="Stage identifier", meaning_ru="Идентификатор этапа"),
                *_names("Stage name", "Название этапа"),
                Column("start_year", "int", years=EVENT_YEARS, meaning_en="First year", meaning_ru="Год начала"),
                Column("end_year", "int", years=EVENT_YEARS, meaning_en="Last year", meaning_ru="Год окончания"),
                *_pair("description", "What the stage contains", "Состав этапа"),
                *_provenance(),
            ),
            "Stages",
            "Этапы",
            order_pairs=(("start_year", "end_year"),),
        ),
        Table(
            "plots",
            "plots.csv",
            "plot_id",
            (
                Column("plot_id", "id", meaning_en="Plot identifier", meaning_ru="Идентификатор участка"),
                Column("area_ha", "float", minimum=0, meaning_en="Plot area, ha", meaning_ru="Площадь участка, га"),
                Column(
                    "permitted_use",
                    "choice",
                    choices=("healthcare", "research", "accommodation", "green_space", "mixed_use"),
                    meaning_en="Permitted use",
                    meaning_ru="Разрешённое использование",
                ),
                Column("stage_id", "id", ref="stages.stage_id", meaning_en="Stage", meaning_ru="Этап"),
                Column(
                    "max_floor_area_m2",
                    "float",
                    minimum=0,
                    meaning_en="Maximum floor area, m²",
                    meaning_ru="Максимальная площадь застройки, м²",
                ),
                *_pair("description", "Description", "Описание"),
                *_provenance(),
            ),
            "Plots",
            "Участки",
        ),
        Table(
            "facilities",
            "facilities.csv",
            "facility_id",
            (
                Column("facility_id", "id", meaning_en="Facility identifier", meaning_ru="Идентификатор объекта"),
                *_names("Facility name", "Название объекта"),
                *_pair("specialty", "Specialty", "Профиль"),
                Column(
                    "category",
                    "choice",
                    choices=("clinic", "hospital", "research", "accommodation", "landscape", "multifunctional"),
                    meaning_en="Kind of facility",
                    meaning_ru="Тип объекта",
                ),
                Column("stage_id", "id", required=False, ref="stages.stage_id", meaning_en="Stage", meaning_ru="Этап"),
                Column(
                    "stage_provenance",
                    "choice",
                    required=False,
                    choices=PROVENANCE,
                    meaning_en="Whether the stage is stated by a source or derived from the year",
                    meaning_ru="Этап указан источником или выведен из года",
                ),
                Column("plot_id", "id", required=False, ref="plots.plot_id", meaning_en="Plot", meaning_ru="Участок"),
                Column(
                    "operator_id",
                    "id",
                    required=False,
                    ref="operators.operator_id",
                    meaning_en="Operator or developer",
                    meaning_ru="Оператор или девелопер",
                ),
                Column(
                    "status",
                    "choice",
                    choices=FACILITY_STATUS,
                    meaning_en="Latest status found (see as_of)",
                    meaning_ru="Последний известный статус (см. as_of)",
                ),
                Column(
                    "planned_start",
                    "date",
                    required=False,
                    years=EVENT_YEARS,
                    meaning_en="Planned start (first plan)",
                    meaning_ru="Плановое начало (первый план)",
                ),
                Column(
                    "planned_end",
                    "date",
                    required=False,
                    years=EVENT_YEARS,
                    meaning_en="Planned completion (first plan)",
                    meaning_ru="Плановое завершение (первый план)",
                ),
                Column(
                    "expected_end",
                    "date",
                    required=False,
                    years=EVENT_YEARS,
                    meaning_en="Latest announced completion",
                    meaning_ru="Последний объявленный срок завершения",
                ),
                Column(
                    "actual_start",
                    "date",
                    required=False,
                    years=EVENT_YEARS,
                    meaning_en="Actual construction start",
                    meaning_ru="Фактическое начало строительства",
                ),
                Column(
                    "actual_end",
                    "date",
                    required=False,
                    years=EVENT_YEARS,
                    meaning_en="Actual completion or commissioning",
                    meaning_ru="Фактическое завершение или ввод",
                ),
                Column(
                    "opening_date",
                    "date",
                    required=False,
                    years=EVENT_YEARS,
                    meaning_en="Opening to patients",
                    meaning_ru="Открытие для пациентов",
                ),
                Column(
                    "floor_area_m2",
                    "float",
                    required=False,
                    minimum=0,
                    meaning_en="Floor area stated by the source, m²",
                    meaning_ru="Площадь по источнику, м²",
                ),
                Column("beds", "int", required=False, minimum=0, meaning_en="Beds", meaning_ru="Койки"),
                *_pair("note", "Note", "Примечание", required=False),
                *_provenance(),
            ),
            "Facilities",
            "Объекты",
            order_pairs=(
                ("planned_start", "planned_end"),
                ("actual_start", "actual_end"),
                ("actual_start", "opening_date"),
            ),
        ),
        Table(
            "operators",
            "operators.csv",
            "operator_id",
            (
                Column("operator_id", "id", meaning_en="Operator identifier", meaning_ru="Идентификатор оператора"),
                *_names("Name", "Название"),
                Column(
                    "country_iso3",
                    "id",
                    ref="countries.iso3",
                    meaning_en="Country (ISO 3166-1 alpha-3)",
                    meaning_ru="Страна (ISO 3166-1 alpha-3)",
                ),
                Column(
                    "role",
                    "choice",
                    choices=("operator", "investor", "partner", "managing_company"),
                    meaning_en="Role in the IMC",
                    meaning_ru="Роль в ММК",
                ),
                Column(
                    "agreement_date",
                    "date",
                    required=False,
                    years=EVENT_YEARS,
                    meaning_en="Date of the agreement or memorandum",
                    meaning_ru="Дата соглашения или меморандума",
                ),
                Column("status", "choice", choices=OPERATOR_STATUS, meaning_en="Status", meaning_ru="Статус"),
                *_pair("note", "Note", "Примечание", required=False),
                *_provenance(),
            ),
            "Operators and partners",
            "Операторы и партнёры",
        ),
        Table(
            "countries",
            "countries.csv",
            "iso3",
            (
                Column("iso3", "id", meaning_en="ISO 3166-1 alpha-3 code", meaning_ru="Код ISO 3166-1 alpha-3"),
                *_names("Country name", "Название страны"),
                Column("oecd_member", "bool", meaning_en="OECD member", meaning_ru="Член ОЭСР"),
                Column(
                    "oecd_accession_year",
                    "int",
                    required=False,
                    years=(1961, 2040),
                    meaning_en="Year of OECD accession (founders: 1961)",
                    meaning_ru="Год вступления в ОЭСР (основатели: 1961)",
                ),
                *_provenance(),
            ),
            "Countries",
            "Страны",
        ),
        Table(
            "milestones",
            "milestones.csv",
            "milestone_id",
            (
                Column("milestone_id", "id", meaning_en="Milestone identifier", meaning_ru="Идентификатор события"),
                Column(
                    "date",
                    "date",
                    years=EVENT_YEARS,
                    meaning_en="Date (first day of the period)",
                    meaning_ru="Дата (первый день периода)",
                ),
                Column(
                    "date_precision",
                    "choice",
                    choices=("day", "month", "year"),
                    meaning_en="Precision of the date",
                    meaning_ru="Точность даты",
                ),
                *_pair("title", "Event", "Событие"),
                Column(
                    "category",
                    "choice",
                    choices=(
                        "policy",
                        "legal",
                        "planning",
                        "governance",
                        "construction",
                        "investment",
                        "operator",
                        "opening",
                        "ownership",
                        "context",
                        "stage",
                    ),
                    meaning_en="Category",
                    meaning_ru="Категория",
                ),
                Column(
                    "status",
                    "choice",
                    choices=("actual", "planned", "planned_missed"),
                    meaning_en="Happened or planned",
                    meaning_ru="Состоялось или планируется",
                ),
                Column("key", "bool", meaning_en="Shown among key milestones", meaning_ru="Показывать среди ключевых"),
                Column(
                    "facility_id",
                    "id",
                    required=False,
                    ref="facilities.facility_id",
                    meaning_en="Facility concerned",
                    meaning_ru="Связанный объект",
                ),
                *_provenance(),
            ),
            "Milestones",
            "События",
        ),
        Table(
            "legal_provisions",
            "legal_provisions.csv",
            "provision_id",
            (
                Column("provision_id", "id", meaning_en="Provision identifier", meaning_ru="Идентификатор положения"),
                Column(
                    "article",
                    "text",
                    required=False,
                    meaning_en="Article of 160-FZ, where a source gives it",
                    meaning_ru="Статья 160-ФЗ, если указана источником",
                ),
                *_pair("title", "Provision", "Положение"),
                *_pair("text", "Plain-language text", "Текст простым языком"),
                Column(
                    "category",
                    "choice",
                    choices=("law", "participation", "territory", "licensing", "staff", "medicines", "tax"),
                    meaning_en="Topic",
                    meaning_ru="Тема",
                ),
                Column(
                    "value_prop",
                    "bool",
                    meaning_en="Part of the value proposition",
                    meaning_ru="Входит в ценностное предложение",
                ),
                *_provenance(),
            ),
            "Legal provisions",
            "Правовые положения",
        ),
        Table(
            "incentives",
            "incentives.csv",
            "incentive_id",
            (
                Column("incentive_id", "id", meaning_en="Incentive identifier", meaning_ru="Идентификатор меры"),
                *_names("Measure", "Мера"),
                Column(
                    "applies",
                    "choice",
                    choices=("yes", "not_established", "no"),
                    meaning_en="Applies to IMC operators?",
                    meaning_ru="Применяется к операторам ММК?",
                ),
                *_pair("conditions", "Conditions", "Условия"),
                *_pair("value", "What it gives", "Что даёт"),
                *_provenance(),
            ),
            "Incentives and support",
            "Льготы и поддержка",
        ),
    )
}

# Geometry layers: GeoJSON FeatureCollections in EPSG:4326.
GEO_LAYERS = {
    "plots_geo": {"filename": "plots.geojson", "key": "plot_id", "ref": "plots.plot_id"},
    "site_geo": {"filename": "site.geojson", "key": "feature_id", "ref": None},
}
SITE_KINDS = ("site_outline", "road", "forest", "district")
METRIC_CRS = "EPSG:32637"  # UTM zone 37N: metric areas around Moscow
AREA_TOLERANCE = 0.02  # stated vs computed plot area
TOTAL_TOLERANCE = 0.01  # plot total vs canonical site area
SITE_AREA_FACT = "site_area_ha"

# --- Presenter scenes and the plot-use matrix of the legal page -----------------------------------
PROVISION_SECTIONS = ("law", "benefit", "condition", "risk")
PLOT_USES = TABLES["plots"].column("permitted_use").choices

TABLES["scenes"] = Table(
    "scenes",
    "scenes.csv",
    "scene_id",
    (
        Column(
            "scene_id",
            "id",
            meaning_en="Scene identifier (scenes play in file order)",
            meaning_ru="Идентификатор сцены (сцены идут в порядке файла)",
        ),
        Column(
            "page",
            "text",
            meaning_en="Page key: overview, site_map, timeline, opportunities, operators, legal_regime or data",
            meaning_ru="Ключ страницы: overview, site_map, timeline, opportunities, operators, legal_regime или data",
        ),
        Column(
            "lang",
            "choice",
            required=False,
            choices=("en", "ru"),
            meaning_en="Language of the scene; empty keeps the presenter's language",
            meaning_ru="Язык сцены; пусто — язык докладчика",
        ),
        Column(
            "params",
            "text",
            required=False,
            meaning_en="Page state as URL parameters, e.g. plot=P07&stage=S2",
            meaning_ru="Состояние страницы как параметры адреса, например plot=P07&stage=S2",
        ),
        *_pair("title", "Scene title", "Название сцены"),
        *_pair("note", "Presenter's note", "Заметка докладчика", required=False),
        *_provenance(),
    ),
    "Presenter scenes",
    "Сцены презентации",
)

TABLES["provision_uses"] = Table(
    "provision_uses",
    "provision_uses.csv",
    "provision_id",
    (
        Column(
            "provision_id",
            "id",
            ref="legal_provisions.provision_id",
            meaning_en="Provision of legal_provisions.csv",
            meaning_ru="Положение из legal_provisions.csv",
        ),
        Column(
            "section",
            "choice",
            choices=PROVISION_SECTIONS,
            meaning_en="Where the Why-IMC page shows it: law, benefit, condition or risk",
            meaning_ru="Раздел страницы «Почему ММК»: закон, преимущество, условие или риск",
        ),
        *(
            Column(
                use,
                "bool",
                meaning_en=f"Matters for plots of use '{use}' (yes/no)",
                meaning_ru=f"Важно для участков с назначением '{use}' (yes/no)",
            )
            for use in PLOT_USES
        ),
        *_pair(
            "reason",
            "Why (the team's reading, not legal advice)",
            "Почему (прочтение команды, не юридическая консультация)",
        ),
        *_provenance(),
    ),
    "Provisions by plot use",
    "Положения по назначению участков",
)

OPPORTUNITY_STATUS = ("open", "in_negotiation", "taken")
INVESTMENT_MODELS = ("build_to_lease", "own_construction")

TABLES["opportunities"] = Table(
    "opportunities",
    "opportunities.csv",
    "opportunity_id",
    (
        Column("opportunity_id", "id", meaning_en="Opportunity identifier", meaning_ru="Идентификатор возможности"),
        Column("plot_id", "id", ref="plots.plot_id", meaning_en="Plot", meaning_ru="Участок"),
        *_pair("specialty", "Intended specialty", "Планируемый профиль"),
        Column("stage_id", "id", ref="stages.stage_id", meaning_en="Stage", meaning_ru="Этап"),
        Column(
            "status",
            "choice",
            choices=OPPORTUNITY_STATUS,
            meaning_en="open, in_negotiation or taken (see the note for the basis)",
            meaning_ru="open (открыто), in_negotiation (в переговорах) или taken (занято); основание — в примечании",
        ),
        Column(
            "available_from",
            "int",
            years=EVENT_YEARS,
            meaning_en="Year from which the slot can be developed",
            meaning_ru="Год, с которого слот доступен",
        ),
        Column(
            "max_floor_area_m2",
            "float",
            minimum=0,
            meaning_en="Maximum floor area of the slot, m²",
            meaning_ru="Максимальная площадь застройки слота, м²",
        ),
        Column(
            "investment_model",
            "choice",
            choices=INVESTMENT_MODELS,
            meaning_en="build_to_lease (the IMC Fund builds, the operator leases) or own_construction",
            meaning_ru="build_to_lease (строит Фонд ММК, оператор арендует) или own_construction (своё строительство)",
        ),
        Column(
            "benefit_ids",
            "ids",
            required=False,
            ref="legal_provisions.provision_id",
            meaning_en="160-FZ provisions that benefit the slot, separated by ';'",
            meaning_ru="Положения 160-ФЗ в пользу слота через ';'",
        ),
        Column(
            "contact_id",
            "id",
            ref="operators.operator_id",
            meaning_en="Who to contact (the managing company)",
            meaning_ru="Контакт (управляющая компания)",
        ),
        *_pair("note", "Basis of the status and what is illustrative", "Основание статуса и что иллюстративно"),
        *_provenance(),
    ),
    "Investment opportunities",
    "Инвестиционные возможности",
)

# Values on which sources disagree, with the canonical pick and why (shown on the Data page).
TABLES["conflicts"] = Table(
    "conflicts",
    "conflicts.csv",
    "conflict_id",
    (
        Column("conflict_id", "id", meaning_en="Conflict identifier", meaning_ru="Идентификатор расхождения"),
        *_pair("topic", "What the sources disagree on", "В чём расходятся источники"),
        *_pair("values", "The values each source gives", "Значения по источникам"),
        *_pair("canonical", "The value the dashboard uses", "Значение, которое использует дашборд"),
        *_pair("reason", "Why that value was chosen", "Почему выбрано это значение"),
        *_provenance(),
    ),
    "Conflicting values between sources",
    "Расхождения между источниками",
)

# --- Locator map: named places around the IMC (issue 21) ---------------------------------------------
LOCATOR_KINDS = ("imc", "innovation_centre", "city_centre", "airport", "station")

TABLES["locator_places"] = Table(
    "locator_places",
    "locator_places.csv",
    "place_id",
    (
        Column("place_id", "id", meaning_en="Place identifier", meaning_ru="Идентификатор места"),
        Column(
            "kind",
            "choice",
            choices=LOCATOR_KINDS,
            meaning_en="imc, innovation_centre, city_centre, airport or station",
            meaning_ru="imc (ММК), innovation_centre (инноцентр), city_centre (центр), airport (аэропорт) или station",
        ),
        *_names("Name", "Название"),
        *_pair("short", "Short label on the map", "Короткая подпись на карте"),
        Column(
            "lon",
            "float",
            required=False,
            minimum=-180,
            meaning_en="Longitude, degrees (WGS 84); empty for the IMC (the centre of its site outline is used)",
            meaning_ru="Долгота, градусы (WGS 84); пусто для ММК (берётся центр схемы территории)",
        ),
        Column(
            "lat",
            "float",
            required=False,
            minimum=-90,
            meaning_en="Latitude, degrees (WGS 84); empty for the IMC (the centre of its site outline is used)",
            meaning_ru="Широта, градусы (WGS 84); пусто для ММК (берётся центр схемы территории)",
        ),
        Column(
            "travel_time_min",
            "int",
            required=False,
            minimum=0,
            meaning_en="Travel time from the IMC in minutes, only where a source gives it",
            meaning_ru="Время в пути от ММК, минут — только если его даёт источник",
        ),
        Column(
            "licence",
            "text",
            meaning_en="Licence of the data the coordinates come from",
            meaning_ru="Лицензия данных, из которых взяты координаты",
        ),
        *_pair("note", "What the point is", "Что это за точка", required=False),
        *_provenance(),
    ),
    "Places on the locator map",
    "Места на обзорной карте",
)
