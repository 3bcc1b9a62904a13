"""Declarative schema of every table in the data folder.

One description serves the loader, the validator, the CLI and the data dictionary
on the Data page, so a column is described once. Every table except ``sources``
carries the provenance columns ``source_ids``, ``as_of`` and ``provenance``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .dates import PRECISIONS

PROVENANCE = ("sourced", "derived", "illustrative")
EVENT_YEARS = (2012, 2040)  # dates of events (construction, milestones, agreements)
REFERENCE_YEARS = (1950, 2040)  # publication and as-of dates (some laws predate the IMC)

FACILITY_STATUS = (
    "operating",
    "completed",
    "partly_completed",
    "under_construction",
    "planned",
    "announced_not_realised",
    "unknown",
)
MILESTONE_STATUS = ("actual", "planned", "planned_missed")
OPERATOR_STATUS = ("operating", "agreement_signed", "announced", "interest_only", "managing")
SOURCE_LANGUAGES = ("en", "ru", "hu", "en+ru")
"""ISO 639-1 codes of the languages sources are written in; ``en+ru`` for a document written in both (the
dashboard's own notes), whose titles are both its own."""
CONFIDENCE = ("high", "medium", "low", "not_applicable")
"""Reliability of a source; a ``sourced`` row needs at least one high or medium source."""
USABLE_CONFIDENCE = ("high", "medium")
PRECISION_SUFFIX = "_precision"
"""A date column ``X`` whose table has a column ``X_precision`` is a date of that precision."""


# How a source states a figure that is not exact ("more than 60,000 m²"; empty when it is exact): the code
# in the files, and the words put before the figure in English and Russian (screens and staff messages).
FIGURE_BOUNDS = {"more_than": ("more than", "более"), "about": ("about", "около"), "up_to": ("up to", "до")}


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
            # A source whose date the research does not give (an article dated "21 May", year
            # unknown) keeps it empty rather than a guessed day; every other row needs one.
            required=with_sources,
            years=REFERENCE_YEARS,
            meaning_en="Date the values were true (first day of the period, see as_of_precision)",
            meaning_ru="Дата актуальности значений (первый день периода, см. as_of_precision)",
        ),
        _precision("as_of"),
        Column(
            "provenance",
            "choice",
            choices=PROVENANCE,
            meaning_en="sourced, derived or illustrative",
            meaning_ru="из источника, выведено или иллюстративно",
        ),
    ]
    return tuple(cols)


def _precision(date_column: str) -> Column:
    """The precision column that goes beside a source-given date column."""
    return Column(
        f"{date_column}{PRECISION_SUFFIX}",
        "choice",
        required=False,
        choices=PRECISIONS,
        meaning_en=f"How precise {date_column} is: day, month, quarter, season or year (required when "
        f"{date_column} is filled; the date is the first day of that period)",
        meaning_ru=f"Точность {date_column}: day, month, quarter, season или year (обязательна, если "
        f"{date_column} заполнена; дата — первый день периода)",
    )


def _dated(name: str, meaning_en: str, meaning_ru: str, years=EVENT_YEARS) -> tuple[Column, Column]:
    """An optional source-given date and its precision column."""
    return (
        Column(name, "date", required=False, years=years, meaning_en=meaning_en, meaning_ru=meaning_ru),
        _precision(name),
    )


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
                Column(
                    "title",
                    "text",
                    meaning_en="Title in English (a translation when the source is not in English)",
                    meaning_ru="Название по-английски (перевод, если источник не на английском)",
                ),
                Column(
                    "title_ru",
                    "text",
                    meaning_en="Title in Russian (a translation when the source is not in Russian)",
                    meaning_ru="Название по-русски (перевод, если источник не на русском)",
                ),
                Column(
                    "publisher",
                    "text",
                    required=False,
                    meaning_en="Publisher (empty when the sources do not name it)",
                    meaning_ru="Издатель (пусто, если источники его не называют)",
                ),
                Column(
                    "publisher_ru",
                    "text",
                    required=False,
                    meaning_en="Publisher as written in Russian",
                    meaning_ru="Издатель по-русски",
                ),
                Column(
                    "url", "url", required=False, meaning_en="Address of the document", meaning_ru="Адрес документа"
                ),
                *_dated(
                    "published",
                    "Publication date (first day of the period; empty when the sources do not give it)",
                    "Дата публикации (первый день периода; пусто, если источники её не дают)",
                    years=REFERENCE_YEARS,
                ),
                Column(
                    "language",
                    "choice",
                    choices=SOURCE_LANGUAGES,
                    meaning_en="Language of the source: its title in this language is its own, the other a translation",
                    meaning_ru="Язык источника: название на этом языке — собственное, на другом — перевод",
                ),
                Column(
                    "confidence",
                    "choice",
                    choices=CONFIDENCE,
                    meaning_en="Reliability: high, medium, low (a sourced row needs a high or medium source) or "
                    "not_applicable (the dashboard's own layout and choices)",
                    meaning_ru="Надёжность: high, medium, low (строке «из источника» нужен источник high или medium) "
                    "или not_applicable (собственные схема и решения дашборда)",
                ),
                Column(
                    "note",
                    "text",
                    required=False,
                    meaning_en="Staff note (not shown to visitors): where the source copy is, what is uncertain",
                    meaning_ru="Заметка для сотрудников (посетителям не показывается): где копия, что неточно",
                ),
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
                    meaning_en="Maximum total floor area of all buildings on the plot, m²",
                    meaning_ru="Максимальная суммарная поэтажная площадь зданий на участке, м²",
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
                    "plot_provenance",
                    "choice",
                    required=False,
                    choices=PROVENANCE,
                    meaning_en="Basis of the facility-to-plot link: sourced only where a source places the facility on "
                    "that plot (never on an illustrative plot), derived when inferred from a source, else illustrative",
                    meaning_ru="Основание привязки объекта к участку: sourced — только если источник помещает объект на "
                    "этот участок (не на иллюстративный), derived — вывод из источника, иначе illustrative",
                ),
                Column(
                    "operator_id",
                    "id",
                    required=False,
                    ref="operators.operator_id",
                    meaning_en="Operating company or developer",
                    meaning_ru="Управляющая объектом компания или девелопер",
                ),
                Column(
                    "partner_id",
                    "id",
                    required=False,
                    ref="operators.operator_id",
                    meaning_en="Partner whose participation agreement the facility rests on, where it is not the "
                    "operating company (e.g. the OECD clinic whose name the clinic carries)",
                    meaning_ru="Партнёр, на соглашении об участии которого основан объект, если это не управляющая "
                    "компания (например, клиника из ОЭСР, чьё имя носит объект)",
                ),
                Column(
                    "status",
                    "choice",
                    choices=FACILITY_STATUS,
                    meaning_en="Latest status found (see as_of)",
                    meaning_ru="Последний известный статус (см. as_of)",
                ),
                *_dated("planned_start", "Planned start (first plan)", "Плановое начало (первый план)"),
                *_dated("planned_end", "Planned completion (first plan)", "Плановое завершение (первый план)"),
                *_dated("expected_end", "Latest announced completion", "Последний объявленный срок завершения"),
                *_dated("actual_start", "Actual construction start", "Фактическое начало строительства"),
                *_dated("actual_end", "Actual completion or commissioning", "Фактическое завершение или ввод"),
                *_dated("opening_date", "Opening to patients", "Открытие для пациентов"),
                Column(
                    "floor_area_m2",
                    "float",
                    required=False,
                    minimum=0,
                    meaning_en="Floor area stated by the source, m²",
                    meaning_ru="Площадь по источнику, м²",
                ),
                Column(
                    "floor_area_bound",
                    "choice",
                    required=False,
                    choices=tuple(FIGURE_BOUNDS),
                    meaning_en="How the source states the floor area: more_than, about or up_to (empty: as an exact figure)",
                    meaning_ru="Как источник указывает площадь: more_than (более), about (около), up_to (до); пусто — точная цифра",
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
                *_dated(
                    "agreement_date",
                    "Date of the agreement or memorandum (empty when none was signed or the date is not found)",
                    "Дата соглашения или меморандума (пусто, если его нет или дата не найдена)",
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
                    choices=PRECISIONS,
                    meaning_en="Precision of the date: day, month, quarter, season or year",
                    meaning_ru="Точность даты: day, month, quarter, season или year",
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
                    choices=MILESTONE_STATUS,
                    meaning_en="actual (happened), planned, or planned_missed (a source says the plan was missed); a "
                    "planned date that has passed is shown as overdue, unconfirmed",
                    meaning_ru="actual (состоялось), planned (план) или planned_missed (источник сообщает о срыве); "
                    "прошедшая плановая дата показывается как «срок прошёл, не подтверждено»",
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

# What a presenter scene shows (``kind``), the pages a scene may open, and the big numbers a ``kpis``
# scene may list besides any ``fact_id`` of facts.csv. The renderers live in ``dashboard/slides/``.
SCENE_KINDS = (
    "kpis",
    "site_map",
    "locator",
    "timeline",
    "opportunities",
    "opportunity",
    "operators",
    "legal",
    "contact",
)
SCENE_PAGES = ("overview", "site_map", "timeline", "opportunities", "operators", "legal_regime", "data")
SCENE_KPIS = (
    "oecd_members",
    "oecd_operating",
    "oecd_announced",
    "facilities_built",
    "facilities_partly_completed",
    "facilities_under_construction",
    "facilities_planned",
    "facilities_announced",
    "open_opportunities",
)
SCENE_POINTS = 4  # talking points per scene: point1_en/point1_ru … point4_en/point4_ru


def _scene_points() -> tuple[Column, ...]:
    cols: list[Column] = []
    for n in range(1, SCENE_POINTS + 1):
        cols += _pair(
            f"point{n}",
            f"Talking point {n} shown on the slide (fill 2 to 4; English and Russian together)",
            f"Тезис {n} на слайде (заполните от 2 до 4; английский и русский вместе)",
            required=False,
        )
    return tuple(cols)


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
            "kind",
            "choice",
            choices=SCENE_KINDS,
            meaning_en="What the slide shows: kpis (big numbers), site_map, locator (Moscow map), timeline, "
            "opportunities (all open ones), opportunity (one, see opportunity_id), operators, legal, contact",
            meaning_ru="Что показывает слайд: kpis (ключевые цифры), site_map (карта участка), locator (карта "
            "Москвы), timeline (хронология), opportunities (все открытые), opportunity (одна, см. "
            "opportunity_id), operators (операторы), legal (правовой режим), contact (контакты)",
        ),
        Column(
            "page",
            "choice",
            choices=SCENE_PAGES,
            meaning_en="Page the scene belongs to (Exit opens it): overview, site_map, timeline, opportunities, "
            "operators, legal_regime or data",
            meaning_ru="Страница сцены (её открывает «Выход»): overview, site_map, timeline, opportunities, "
            "operators, legal_regime или data",
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
            "plot_id",
            "id",
            required=False,
            ref="plots.plot_id",
            meaning_en="Plot the slide focuses on (site_map scenes), a row of plots.csv",
            meaning_ru="Участок, на котором сосредоточен слайд (сцены site_map), строка plots.csv",
        ),
        Column(
            "opportunity_id",
            "id",
            required=False,
            ref="opportunities.opportunity_id",
            meaning_en="Opportunity the slide shows (opportunity scenes), a row of opportunities.csv",
            meaning_ru="Возможность, которую показывает слайд (сцены opportunity), строка opportunities.csv",
        ),
        Column(
            "kpis",
            "ids",
            required=False,
            meaning_en="Big numbers of a kpis scene, separated by ';': fact_ids of facts.csv or "
            + ", ".join(SCENE_KPIS),
            meaning_ru="Ключевые цифры сцены kpis через ';': fact_id из facts.csv или " + ", ".join(SCENE_KPIS),
        ),
        Column(
            "params",
            "text",
            required=False,
            meaning_en="Filters and page state as URL parameters, e.g. stage=S1 (timeline) or section=risks (legal)",
            meaning_ru="Фильтры и состояние страницы как параметры адреса, например stage=S1 (хронология) или "
            "section=risks (правовой режим)",
        ),
        *_pair("title", "Slide title", "Заголовок слайда"),
        *_scene_points(),
        *_pair("note", "Speaker's note (speaker view only)", "Заметка докладчика (только в окне докладчика)", False),
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
            "Why (the dashboard's editorial reading, not legal advice)",
            "Почему (редакционное прочтение дашборда, не юридическая консультация)",
        ),
        *_provenance(),
    ),
    "Provisions by plot use",
    "Положения по назначению участков",
)

OPPORTUNITY_STATUS = ("open", "in_negotiation", "announced_not_realised", "taken")
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
            meaning_en="open, in_negotiation (only with a sourced negotiation), announced_not_realised (a project "
            "announced for the slot, no agreement or construction found) or taken; the note gives the basis",
            meaning_ru="open (открыто), in_negotiation (только если переговоры подтверждены источником), "
            "announced_not_realised (проект объявлен, соглашение и стройка не найдены) или taken (занято); "
            "основание — в примечании",
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
            meaning_en="Maximum total floor area of the slot, m²",
            meaning_ru="Максимальная суммарная поэтажная площадь слота, м²",
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
            ref="contacts.contact_id",
            meaning_en="Who to contact: a row of contacts.csv",
            meaning_ru="Контакт: строка contacts.csv",
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
        Column(
            "table",
            "text",
            required=False,
            meaning_en="Table whose values the conflict concerns (e.g. facilities), if it concerns rows",
            meaning_ru="Таблица, значений которой касается расхождение (например, facilities)",
        ),
        Column(
            "record_ids",
            "ids",
            required=False,
            meaning_en="Ids of the rows concerned in that table, separated by ';'",
            meaning_ru="Идентификаторы затронутых строк этой таблицы через ';'",
        ),
        Column(
            "columns",
            "ids",
            required=False,
            meaning_en="Columns concerned, separated by ';' (e.g. floor_area_m2;beds)",
            meaning_ru="Затронутые столбцы через ';' (например, floor_area_m2;beds)",
        ),
        *_provenance(),
    ),
    "Conflicting values between sources",
    "Расхождения между источниками",
)

# Whom an investor can write to. Only what sources give: an organisation and its public website;
# no person, e-mail or phone is invented (empty cells send visitors to the enquiry form).
TABLES["contacts"] = Table(
    "contacts",
    "contacts.csv",
    "contact_id",
    (
        Column("contact_id", "id", meaning_en="Contact identifier", meaning_ru="Идентификатор контакта"),
        *_pair("organisation", "Organisation", "Организация"),
        *_pair("role", "What the organisation does for an investor", "Чем организация полезна инвестору"),
        Column(
            "website",
            "url",
            required=False,
            meaning_en="Public website (http/https)",
            meaning_ru="Публичный сайт (http/https)",
        ),
        Column(
            "email",
            "text",
            required=False,
            meaning_en="Public e-mail address given by a source; empty sends visitors to the enquiry form",
            meaning_ru="Публичный адрес эл. почты из источника; пусто — посетитель попадает на форму запроса",
        ),
        Column(
            "phone",
            "text",
            required=False,
            meaning_en="Public phone number given by a source, international format (+7 …); may be empty",
            meaning_ru="Публичный телефон из источника в международном формате (+7 …); может быть пустым",
        ),
        Column(
            "languages",
            "ids",
            required=False,
            meaning_en="Languages of the contact, ISO 639-1 codes separated by ';' (e.g. en;ru)",
            meaning_ru="Языки контакта, коды ISO 639-1 через ';' (например, en;ru)",
        ),
        Column(
            "note",
            "text",
            required=False,
            meaning_en="Staff note (not shown to visitors)",
            meaning_ru="Заметка для сотрудников (посетителям не показывается)",
        ),
        *_provenance(),
    ),
    "Contacts",
    "Контакты",
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
