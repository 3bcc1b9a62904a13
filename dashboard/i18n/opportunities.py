"""Interface text of the Opportunities page, its exports (CSV, PDF) and the enquiry form."""

TEXT = {
    "opportunities.title": ("Investment opportunities", "Инвестиционные возможности"),
    "opportunities.intro": (
        "What an investor can still take in the IMC: filter the slots, shortlist and compare them, download a "
        "one-page PDF and tell the IMC Fund you are interested. The address bar keeps your filters and "
        "shortlist, so the link reproduces this view.",
        "Что инвестор ещё может занять в ММК: отфильтруйте слоты, добавьте их в список и сравните, скачайте "
        "PDF на одну страницу и сообщите Фонду ММК о своём интересе. Адресная строка хранит фильтры и список, "
        "поэтому ссылка воспроизводит этот вид.",
    ),
    "opportunities.illustrative_note": (
        "Illustrative: availability years, floor areas, investment models and the plot layout are illustrative "
        "(no public plan gives them). Specialties and stages follow the investor passport; each status names its "
        "basis. Not an offer.",
        "Иллюстративно: годы доступности, площади, модели инвестирования и схема участков иллюстративны "
        "(публичный план их не содержит). Профили и этапы — по паспорту проекта; у каждого статуса указано "
        "основание. Не является офертой.",
    ),
    # filters
    "opportunities.filters": ("Filters", "Фильтры"),
    "opportunities.f.stage": ("Stage", "Этап"),
    "opportunities.f.specialty": ("Specialty", "Профиль"),
    "opportunities.f.status": ("Status", "Статус"),
    "opportunities.f.model": ("Investment model", "Модель инвестирования"),
    "opportunities.f.plot_area": ("Plot area, ha (illustrative)", "Площадь участка, га (иллюстративно)"),
    "opportunities.f.floor_area": ("Max. floor area, m² (illustrative)", "Макс. поэтажная площадь, м² (иллюстративно)"),
    "opportunities.f.available_by": ("Available by (year)", "Доступно к (году)"),
    "opportunities.f.any": ("Any", "Любой"),
    "opportunities.f.clear": ("Clear filters", "Сбросить фильтры"),
    # results
    "opportunities.results": ("Matching opportunities", "Подходящие возможности"),
    "opportunities.empty": (
        "No opportunity matches these filters. Widen a range or clear a filter — or use “Clear filters” to see "
        "all {n}.",
        "Ни одна возможность не подходит под эти фильтры. Расширьте диапазон или снимите фильтр — или нажмите "
        "«Сбросить фильтры», чтобы увидеть все {n}.",
    ),
    "opportunities.summary.count": ("Opportunities", "Возможности"),
    "opportunities.summary.plot_area": ("Total plot area", "Общая площадь участков"),
    "opportunities.summary.floor_area": ("Total max. floor area", "Общая макс. поэтажная площадь"),
    "opportunities.summary.total_label": ("{value} ({provenance})", "{value} ({provenance})"),
    "opportunities.summary.help": (
        "Sum over {n} matching rows whose values are {provenance}; values of different provenance are never "
        "added together.",
        "Сумма по {n} подходящим строкам со значениями «{provenance}»; значения разного происхождения не складываются.",
    ),
    "opportunities.select_hint": (
        "Tick rows in the table, then add them to your shortlist.",
        "Отметьте строки в таблице и добавьте их в список.",
    ),
    "opportunities.add_selected": ("Add selected to shortlist", "Добавить выбранные в список"),
    "opportunities.map_caption": (
        "Matching plots are highlighted (plot layout illustrative).",
        "Подходящие участки выделены (схема участков иллюстративна).",
    ),
    "opportunities.linked": ("Opened from the site map: {id} — {specialty}", "Открыто с карты: {id} — {specialty}"),
    "opportunities.linked_hidden": (
        "{id} is hidden by the current filters.",
        "{id} скрыта текущими фильтрами.",
    ),
    "opportunities.linked_add": ("Add {id} to shortlist", "Добавить {id} в список"),
    "opportunities.status_basis": ("Basis of the status: {note}", "Основание статуса: {note}"),
    # shortlist and compare
    "opportunities.shortlist": ("Shortlist", "Список избранного"),
    "opportunities.shortlist_empty": (
        "Your shortlist is empty. Tick rows in the table above and press “Add selected to shortlist”.",
        "Список пуст. Отметьте строки в таблице выше и нажмите «Добавить выбранные в список».",
    ),
    "opportunities.remove": ("Remove {id}", "Убрать {id}"),
    "opportunities.compare": ("Compare side by side", "Сравнение"),
    "opportunities.compare_more": (
        "Comparing the first {max} of {n}; remove some to compare others.",
        "Сравниваются первые {max} из {n}; уберите лишние, чтобы сравнить другие.",
    ),
    "opportunities.share": (
        "Share this view: copy the address from the browser — it holds the language, filters and shortlist.",
        "Поделиться видом: скопируйте адрес из браузера — в нём язык, фильтры и список.",
    ),
    "opportunities.exports": ("Downloads", "Загрузки"),
    "opportunities.download_csv_filtered": ("CSV of the matching opportunities", "CSV подходящих возможностей"),
    "opportunities.download_csv_shortlist": ("CSV of the shortlist", "CSV списка"),
    "opportunities.download_pdf": ("PDF one-pager {id}", "PDF на одну страницу {id}"),
    "opportunities.download_pdf_shortlist": ("PDF of the shortlist", "PDF списка"),
    # columns and values (table, compare, CSV, PDF)
    "opportunities.col.id": ("ID", "ID"),
    "opportunities.col.specialty": ("Specialty", "Профиль"),
    "opportunities.col.plot": ("Plot", "Участок"),
    "opportunities.col.stage": ("Stage", "Этап"),
    "opportunities.col.status": ("Status", "Статус"),
    "opportunities.col.available_from": ("Available from", "Доступно с"),
    "opportunities.col.plot_area": ("Plot area, ha", "Площадь участка, га"),
    "opportunities.col.floor_area": ("Max. floor area, m²", "Макс. поэтажная площадь, м²"),
    "opportunities.col.model": ("Investment model", "Модель инвестирования"),
    "opportunities.col.benefits": ("160-FZ benefits", "Преимущества по 160-ФЗ"),
    "opportunities.col.provenance": ("Provenance", "Происхождение"),
    "opportunities.col.plot_provenance": ("Plot area provenance", "Происхождение площади участка"),
    "opportunities.col.sources": ("Sources", "Источники"),
    "opportunities.col.contact": ("Contact", "Контакт"),
    "opportunities.col.note": ("Basis and caveats", "Основание и оговорки"),
    "opportunities.col.as_of": ("As of", "По состоянию на"),
    "opportunities.status.open": ("Open", "Открыто"),
    "opportunities.status.in_negotiation": ("In negotiation", "В переговорах"),
    "opportunities.status.announced_not_realised": ("Announced, not realised", "Объявлено, не реализовано"),
    "opportunities.status.taken": ("Taken", "Занято"),
    "opportunities.model.build_to_lease": ("Build-to-lease by the IMC Fund", "Строительство Фондом ММК и аренда"),
    "opportunities.model.own_construction": ("Own construction", "Собственное строительство"),
    # enquiry
    "opportunities.enquiry.title": ("I'm interested", "Мне интересно"),
    "opportunities.enquiry.intro": (
        "Leave your details and the IMC Fund (the managing company) will reply. Fields marked * are required.",
        "Оставьте контакты, и Фонд ММК (управляющая компания) ответит вам. Поля со * обязательны.",
    ),
    "opportunities.enquiry.name": ("Name *", "Имя *"),
    "opportunities.enquiry.organisation": ("Organisation *", "Организация *"),
    "opportunities.enquiry.email": ("E-mail *", "Эл. почта *"),
    "opportunities.enquiry.country": ("Country *", "Страна *"),
    "opportunities.enquiry.message": ("Message", "Сообщение"),
    "opportunities.enquiry.opportunity_ids": ("Opportunities", "Возможности"),
    "opportunities.enquiry.choose": ("Choose opportunities", "Выберите возможности"),
    "opportunities.enquiry.submit": ("Send enquiry", "Отправить запрос"),
    "opportunities.enquiry.ok": (
        "Thank you — your enquiry is recorded. Reference number: {reference}",
        "Спасибо — запрос записан. Номер обращения: {reference}",
    ),
    "opportunities.enquiry.wait": (
        "Please wait {seconds} s before sending another enquiry.",
        "Подождите {seconds} с перед отправкой следующего запроса.",
    ),
    "opportunities.enquiry.fix": ("Please correct the fields below.", "Исправьте поля ниже."),
    "opportunities.enquiry.stored": (
        "Your details are stored for IMC Fund staff only, to answer this enquiry.",
        "Ваши данные хранятся только для сотрудников Фонда ММК, чтобы ответить на запрос.",
    ),
    "opportunities.enquiry.failed": (
        "The enquiry could not be saved right now. Please try again in a minute.",
        "Не удалось сохранить запрос. Попробуйте ещё раз через минуту.",
    ),
    "opportunities.err.required": ("{field}: required", "{field}: обязательное поле"),
    "opportunities.err.too_long": (
        "{field}: at most {max} characters (you typed {n})",
        "{field}: не более {max} символов (введено {n})",
    ),
    "opportunities.err.too_short": ("{field}: at least {min} characters", "{field}: не менее {min} символов"),
    "opportunities.err.email": (
        "{field}: enter an address like name@company.com",
        "{field}: введите адрес вида name@company.com",
    ),
    "opportunities.err.unknown_ids": ("{field}: unknown ids {ids}", "{field}: неизвестные идентификаторы {ids}"),
    # PDF
    "opportunities.pdf.heading": ("Investment opportunity {id}", "Инвестиционная возможность {id}"),
    "opportunities.pdf.shortlist_heading": (
        "Shortlist of investment opportunities",
        "Список инвестиционных возможностей",
    ),
    "opportunities.pdf.facts": ("Key facts", "Основные сведения"),
    "opportunities.pdf.benefits": ("Benefits under Federal Law 160-FZ", "Преимущества по Федеральному закону 160-ФЗ"),
    "opportunities.pdf.sources": ("Sources", "Источники"),
    "opportunities.pdf.contact": ("Contact", "Контакт"),
    "opportunities.pdf.contact_text": (
        "{name}. Use the “I'm interested” form on the Opportunities page of the IMC road-show dashboard.",
        "{name}. Воспользуйтесь формой «Мне интересно» на странице «Возможности» дашборда ММК.",
    ),
    "opportunities.pdf.generated": (
        "Generated {date} · data as of {as_of} · not an offer",
        "Сформировано {date} · данные на {as_of} · не является офертой",
    ),
    "opportunities.pdf.map": (
        "Plot {plots} highlighted; layout illustrative, not cadastral",
        "Выделено: {plots}; схема иллюстративная, не кадастровая",
    ),
    "opportunities.pdf.illustrative": (
        "Illustrative values: plot area, floor area, year and investment model are illustrative, not commitments.",
        "Иллюстративные значения: площадь участка, поэтажная площадь, год и модель инвестирования "
        "иллюстративны и не являются обязательствами.",
    ),
    "opportunities.pdf.totals": (
        "Totals (illustrative): plot area {plot} ha, max. floor area {floor} m²",
        "Итого (иллюстративно): площадь участков {plot} га, макс. поэтажная площадь {floor} м²",
    ),
}
