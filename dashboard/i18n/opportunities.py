"""Interface text of the Opportunities page, its exports (CSV, PDF) and the enquiry form.

Statuses and investment models are words of :mod:`dashboard.i18n.labels` (``label.opportunity_status.*``,
``label.investment_model.*``), not repeated here.
"""

TEXT = {
    "opportunities.title": ("Investment opportunities", "Инвестиционные возможности"),
    "opportunities.intro": (
        "Opportunities still open to clinics and investors in the IMC: shortlist them, download a one-pager, send an enquiry.",
        "Свободные площадки ММК для клиник и инвесторов: добавьте их в избранное, скачайте описание, отправьте запрос.",
    ),
    # filters
    "opportunities.filters": ("Filters", "Фильтры"),
    "opportunities.f.stage": ("Stage", "Этап"),
    "opportunities.f.specialty": ("Specialty", "Профиль"),
    "opportunities.f.status": ("Status", "Статус"),
    "opportunities.f.model": ("Investment model", "Модель инвестирования"),
    "opportunities.f.sizes": ("Area and year", "Площадь и год"),
    "opportunities.f.plot_area": ("Plot area", "Площадь участка"),
    "opportunities.f.floor_area": ("Max. floor area", "Макс. поэтажная площадь"),
    "opportunities.f.available_by": ("Available by", "Доступно к"),
    "opportunities.f.any": ("Any", "Все"),
    "opportunities.f.clear": ("Clear filters", "Сбросить фильтры"),
    # results
    "opportunities.shown": ("**{n}** of {total} opportunities", "**{n}** из {total} возможностей"),
    "opportunities.show_all": ("Show all {n}", "Показать все {n}"),
    "opportunities.totals": (
        "plots {plot} · max. floor area {floor}",
        "площадь участков {plot} · макс. поэтажная площадь {floor}",
    ),
    "opportunities.empty": (
        "No opportunity matches these filters. Widen a range or clear a filter — or use “Clear filters” to see "
        "all {n}.",
        "Ни одна возможность не подходит под эти фильтры. Расширьте диапазон или снимите фильтр — или нажмите "
        "«Сбросить фильтры», чтобы увидеть все {n}.",
    ),
    "opportunities.summary.total_label": ("{value} ({provenance})", "{value} ({provenance})"),
    "opportunities.view": ("View", "Вид"),
    "opportunities.view.cards": ("Cards", "Карточки"),
    "opportunities.view.table": ("Table", "Таблица"),
    "opportunities.view.map": ("Map", "Карта"),
    "opportunities.footnote": (
        "{badge} values are not in any public plan (plot layout, years, floor areas, investment models): "
        "for orientation only, not an offer.",
        "{badge} — значения, которых нет в публичных планах (схема участков, годы, площади, модели "
        "инвестирования): для ориентира, не оферта.",
    ),
    "opportunities.map_caption": (
        "Plots of the opportunities shown are highlighted (plot layout illustrative).",
        "Участки показанных возможностей выделены (схема участков иллюстративна).",
    ),
    "opportunities.download_csv_filtered": ("CSV of these opportunities", "CSV этих возможностей"),
    "opportunities.share": ("Share", "Поделиться"),
    "opportunities.share_text": (
        "This link opens the same view: language, filters and shortlist.",
        "Эта ссылка открывает тот же вид: язык, фильтры и избранное.",
    ),
    "opportunities.share_copy": (
        "Copy the address from your browser's address bar: it holds the language, filters and shortlist.",
        "Скопируйте адрес из адресной строки браузера: в нём язык, фильтры и избранное.",
    ),
    # one card
    "opportunities.card.code": ("{plot} · ref. {id}", "{plot} · код {id}"),
    "opportunities.card.all_figures": ("(all figures above)", "(все цифры выше)"),
    "opportunities.card.benefits": ("Benefits ({n})", "Преимущества ({n})"),
    "opportunities.card.benefits_more": ("What the law gives: see “Why IMC”.", "Что даёт закон — см. «Почему ММК»."),
    "opportunities.card.add": ("Shortlist", "В избранное"),
    "opportunities.card.remove": ("Remove", "Убрать"),
    "opportunities.card.pdf": ("One-pager", "Описание"),
    "opportunities.card.see_on_map": ("See on map", "На карте"),
    "opportunities.card.enquire": ("Enquire", "Отправить запрос"),
    "opportunities.card.from_map": ("Opened from the map", "Открыто с карты"),
    "opportunities.card.hidden": (
        "Not among the current filters: shown because you opened it from the map.",
        "Не входит в текущие фильтры: показано, потому что открыто с карты.",
    ),
    "opportunities.card.basis": ("Why this status: {note}", "Почему такой статус: {note}"),
    # shortlist and compare
    "opportunities.shortlist": ("Your shortlist", "Избранное"),
    "opportunities.shortlist_empty": (
        "Your shortlist is empty: press “Shortlist” on the card of an open opportunity.",
        "В избранном пока ничего нет: нажмите «В избранное» на карточке открытой возможности.",
    ),
    "opportunities.not_shortlistable": (
        "Left out of the shortlist (only open opportunities can be shortlisted): {names}.",
        "Не добавлено в избранное (добавить можно только открытые возможности): {names}.",
    ),
    "opportunities.compare_more": (
        "Comparing the first {max} of {n}; remove some to compare others, or compare all as a table.",
        "Сравниваются первые {max} из {n}; уберите лишние или сравните все в таблице.",
    ),
    "opportunities.download_csv_shortlist": ("CSV of the shortlist", "CSV избранного"),
    "opportunities.download_pdf_shortlist": ("PDF of the shortlist", "PDF избранного"),
    # columns and fact labels (cards, table, CSV, PDF)
    "opportunities.col.id": ("ID", "Код"),
    "opportunities.col.name": ("Name", "Название"),
    "opportunities.col.opportunity": ("Opportunity", "Возможность"),
    "opportunities.col.sizes": ("Plot · max. floor area", "Участок · макс. площадь"),
    "opportunities.col.specialty": ("Specialty", "Профиль"),
    "opportunities.col.plot": ("Plot", "Участок"),
    "opportunities.col.stage": ("Stage", "Этап"),
    "opportunities.col.status": ("Status", "Статус"),
    "opportunities.col.available_from": ("Available from", "Доступна с"),
    "opportunities.col.plot_area": ("Plot area", "Площадь участка"),
    "opportunities.col.floor_area": ("Max. floor area", "Макс. поэтажная площадь"),
    "opportunities.col.plot_area_ha": ("Plot area, ha", "Площадь участка, га"),
    "opportunities.col.floor_area_m2": ("Max. floor area, m²", "Макс. поэтажная площадь, м²"),
    "opportunities.col.model": ("Investment model", "Модель инвестирования"),
    "opportunities.col.benefits": ("160-FZ benefits", "Преимущества по 160-ФЗ"),
    "opportunities.col.provenance": (
        "Provenance of year, floor area and model",
        "Происхождение года, площади и модели",
    ),
    "opportunities.col.plot_provenance": ("Provenance of plot area", "Происхождение площади участка"),
    "opportunities.col.sources": ("Sources", "Источники"),
    "opportunities.col.note": ("Basis and caveats", "Основание и оговорки"),
    "opportunities.col.as_of": ("As of", "По состоянию на"),
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
        "Спасибо! Запрос принят. Номер обращения: {reference}",
    ),
    "opportunities.enquiry.another": ("Send another enquiry", "Отправить ещё один запрос"),
    "opportunities.enquiry.wait": (
        "Please wait {seconds} s before sending another enquiry.",
        "Подождите {seconds} с перед отправкой следующего запроса.",
    ),
    "opportunities.enquiry.fix": (
        "Not sent yet: please correct these fields.",
        "Запрос ещё не отправлен: исправьте эти поля.",
    ),
    "opportunities.enquiry.stored": (
        "Your details are stored for IMC Fund staff only, to answer this enquiry.",
        "Ваши данные доступны только сотрудникам Фонда ММК: они нужны, чтобы ответить на запрос.",
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
    "opportunities.pdf.kicker": (
        "Investment opportunity {id} · {plot} · {status}",
        "Инвестиционная возможность {id} · {plot} · {status}",
    ),
    "opportunities.pdf.shortlist_heading": (
        "Shortlist of investment opportunities",
        "Избранные инвестиционные возможности",
    ),
    "opportunities.pdf.facts": ("Key facts", "Основные сведения"),
    "opportunities.pdf.benefits": ("Benefits under Federal Law 160-FZ", "Преимущества по Федеральному закону 160-ФЗ"),
    "opportunities.pdf.benefits_for": ("{title} — {names}", "{title} — {names}"),
    "opportunities.pdf.sources": ("Sources", "Источники"),
    "opportunities.pdf.contact": ("Contact", "Контакт"),
    "opportunities.pdf.website": ("Website: {url}", "Сайт: {url}"),
    "opportunities.pdf.email": ("E-mail: {email}", "Эл. почта: {email}"),
    "opportunities.pdf.phone": ("Phone: {phone}", "Телефон: {phone}"),
    "opportunities.pdf.languages": ("Languages: {languages}", "Языки: {languages}"),
    "opportunities.pdf.form_at": (
        "Send an enquiry with the “I'm interested” form at {url}",
        "Отправьте запрос через форму «Мне интересно»: {url}",
    ),
    "opportunities.pdf.form": (
        "Send an enquiry with the “I'm interested” form on the Opportunities page of the IMC investor dashboard.",
        "Отправьте запрос через форму «Мне интересно» на странице «Возможности» дашборда ММК для инвесторов.",
    ),
    "opportunities.pdf.generated": (
        "Generated {date} · data as of {as_of} · not an offer",
        "Сформировано {date} · данные на {as_of} · не является офертой",
    ),
    "opportunities.pdf.map_one": (
        "{plot} highlighted; plot layout illustrative, not cadastral",
        "{plot} выделен; схема участков иллюстративная, не кадастровая",
    ),
    "opportunities.pdf.map_many": (
        "Plots {plots} highlighted; plot layout illustrative, not cadastral",
        "Выделены участки {plots}; схема участков иллюстративная, не кадастровая",
    ),
    "opportunities.pdf.illustrative": (
        "“illustrative”: not in any public plan; for orientation only, not a commitment.",
        "«иллюстративно»: этого нет в публичных планах; для ориентира, не обязательство.",
    ),
    "opportunities.pdf.totals": (
        "Total: {plot} of plots · {floor} max. floor area",
        "Итого: площадь участков {plot} · макс. поэтажная площадь {floor}",
    ),
}
