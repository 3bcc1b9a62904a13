"""Text of the Timeline page and of its Gantt chart (tooltips, legend, derived-date notes)."""

TEXT = {
    "timeline.title": ("Timeline: what is built and what comes next", "Хронология: что построено и что впереди"),
    "timeline.subtitle": (
        "Every facility of the cluster by stage: its first published plan, what was built and when, and where dates slipped.",
        "Все объекты кластера по этапам: первый опубликованный план, что и когда построено, где сроки сдвинулись.",
    ),
    # filters
    "timeline.filters": ("Filters", "Фильтры"),
    "timeline.filter.stage": ("Stage", "Этап"),
    "timeline.filter.category": ("Kind of facility", "Тип объекта"),
    "timeline.filter.status": ("Status", "Статус"),
    "timeline.filter.operator": ("Operator", "Оператор"),
    "timeline.filter.milestones": ("Milestones", "События"),
    "timeline.filter.all": ("All", "Все"),
    "timeline.no_stage": ("No stage stated", "Этап не указан"),
    "timeline.no_operator": ("Operator not specified", "Оператор не указан"),
    "timeline.shown": (
        "{n} of {total} facilities shown. The filters are kept in the page address: a copied link shows this view.",
        "Показано объектов: {n} из {total}. Фильтры сохраняются в адресе страницы: ссылка покажет этот вид.",
    ),
    "timeline.click_hint": (
        "Point at a bar for its dates and sources; click it to open its plot on the site map.",
        "Наведите курсор на полосу — появятся даты и источники; нажмите, чтобы открыть участок на карте.",
    ),
    "timeline.chart_label": ("Timeline of the facilities", "Хронология объектов"),
    "timeline.none_match": (
        "No facility matches these filters. Clear a filter to see more.",
        "Ни один объект не подходит под фильтры. Снимите один из фильтров.",
    ),
    # how to read
    "timeline.how_to_read": (
        "**How to read the chart.** Outline = first published plan. Solid bar = what happened "
        "(construction to completion, or to the latest report if still under construction). "
        "Hatched, paler bar = plan only: nothing built is reported (planned, announced or unconfirmed); "
        "the status is written on each bar. Dotted line = later announced target (slippage). "
        "Where a date was not published, the bar uses the stage span or the latest target and its tooltip says so. "
        "Diamonds = milestones (hollow = planned, × = a planned date that has passed unconfirmed or was missed). "
        "Dates are written as precisely as the source gives them (a year, a quarter, a season).",
        "**Как читать диаграмму.** Контур — первый опубликованный план. Сплошная полоса — факт "
        "(строительство до завершения или до последнего сообщения, если стройка идёт). "
        "Штрихованная бледная полоса — только план: о построенном не сообщалось (планируется, объявлено или не "
        "подтверждено); статус подписан на каждой полосе. Пунктир — более поздний объявленный срок (сдвиг). "
        "Если дата не опубликована, полоса строится по границам этапа или по последнему сроку, и подсказка это называет. "
        "Ромбы — события (полый — запланировано, × — плановая дата прошла без подтверждения или срок пропущен). "
        "Даты указаны с той точностью, что в источнике (год, квартал, сезон).",
    ),
    # click → site map
    "timeline.open_plot": ("Open plot {plot} on the site map: {name}", "Открыть участок {plot} на карте: {name}"),
    # chart: rows, legend, axis
    "timeline.row.programme": ("Programme milestones", "События программы"),
    "timeline.row.stage": ("{stage} · {start}–{end}", "{stage} · {start}–{end}"),
    "timeline.row.no_stage": ("No stage stated", "Этап не указан"),
    "timeline.legend.plan": ("First plan (outline)", "Первый план (контур)"),
    "timeline.legend.target": ("Later announced target", "Перенесённый срок"),
    "timeline.legend.ms.actual": ("Milestone", "Событие"),
    "timeline.legend.ms.planned": ("Planned milestone", "Плановое событие"),
    "timeline.legend.ms.planned_missed": ("Planned, missed", "План сорван"),
    "timeline.today": ("Today · {date}", "Сегодня · {date}"),
    "timeline.undated": (
        "{status}: no dates, stage or plot published",
        "{status}: даты, этап и участок не опубликованы",
    ),
    # chart: hover lines
    "timeline.hover.status": (
        "Status: {status} (latest report {date})",
        "Статус: {status} (последнее сообщение {date})",
    ),
    "timeline.hover.stage": ("{stage}", "{stage}"),
    "timeline.hover.stage_derived": (
        "{stage} (stage derived from the planned year)",
        "{stage} (этап выведен из планового года)",
    ),
    "timeline.hover.plan": ("First plan: {start} – {end}", "Первый план: {start} – {end}"),
    "timeline.hover.plan_in": ("First plan: {date}", "Первый план: {date}"),
    "timeline.hover.partner": (
        "Partner (participation agreement): {name}",
        "Партнёр (соглашение об участии): {name}",
    ),
    "timeline.hover.actual": ("Actual: {start} – {end}", "Факт: {start} – {end}"),
    "timeline.hover.start_unknown": ("start not published", "начало не опубликовано"),
    "timeline.hover.no_actual": ("Actual: no construction reported", "Факт: о строительстве не сообщалось"),
    "timeline.hover.target": ("Latest announced target: {date}", "Последний объявленный срок: {date}"),
    "timeline.hover.opening": ("Opened to patients: {date}", "Открытие для пациентов: {date}"),
    "timeline.hover.on_time": ("As first planned", "В срок первого плана"),
    "timeline.hover.operator": ("Operator: {name}", "Оператор: {name}"),
    "timeline.hover.plot": (
        "Plot {plot}: click to get a link to the site map",
        "Участок {plot}: нажмите, чтобы получить ссылку на карту",
    ),
    "timeline.hover.no_plot": ("No plot assigned", "Участок не указан"),
    "timeline.hover.note": ("Note: {note}", "Примечание: {note}"),
    "timeline.hover.sources": ("Sources: {sources}", "Источники: {sources}"),
    "timeline.hover.more_sources": ("+{n} more", "ещё {n}"),
    "timeline.hover.ms_status": ("{category} · {status}", "{category} · {status}"),
    "timeline.hover.target_line": (
        "Later announced target: {date} (first plan: {planned})",
        "Перенесённый срок: {date} (первый план: {planned})",
    ),
    # chart: why a bar end is where it is (dates not invented)
    "timeline.basis.stage_span": (
        "No dates published: the bar shows the span of {stage} ({start}–{end}), which is the published plan",
        "Даты не опубликованы: полоса показывает весь срок этапа ({stage}, {start}–{end}) — это и есть опубликованный план",
    ),
    "timeline.basis.plan_start.stage_start": (
        "Planned start not published: the outline starts at the start of {stage}",
        "Плановое начало не опубликовано: контур начинается с начала этапа ({stage})",
    ),
    "timeline.basis.plan_start.actual_start": (
        "Planned start not published: the outline starts at the actual construction start",
        "Плановое начало не опубликовано: контур начинается с фактического начала строительства",
    ),
    "timeline.basis.plan_end.latest_target": (
        "First planned completion not published: the outline ends at the latest announced target",
        "Первый плановый срок не опубликован: контур заканчивается последним объявленным сроком",
    ),
    "timeline.basis.plan_end.stage_end": (
        "Completion date not published: the outline ends at the end of {stage}",
        "Срок завершения не опубликован: контур заканчивается концом этапа ({stage})",
    ),
    "timeline.basis.actual_start": (
        "Construction start not published: the solid bar starts where the plan starts",
        "Начало строительства не опубликовано: сплошная полоса начинается с начала плана",
    ),
    "timeline.basis.actual_end.as_of": (
        "Not completed in the latest report ({date}): the solid bar ends there",
        "В последнем сообщении ({date}) не завершён: сплошная полоса заканчивается на нём",
    ),
    "timeline.legend.ms.overdue": ("Planned, date passed unconfirmed", "Срок прошёл, не подтверждено"),
    "timeline.overdue_label": (
        "{status} · target passed, unconfirmed",
        "{status} · срок прошёл, завершение не подтверждено",
    ),
    "timeline.overdue_label_short": ("{status} · target passed", "{status} · срок прошёл"),
    "timeline.hover.overdue": (
        "Completion target {date} has passed with no confirmation",
        "Срок завершения {date} прошёл, подтверждения нет",
    ),
    "timeline.hover.slip_late": ("{n} {unit} later than first planned", "На {n} {unit} позже первого плана"),
    "timeline.hover.slip_early": ("{n} {unit} earlier than first planned", "На {n} {unit} раньше первого плана"),
    "timeline.basis.actual_start.first_report": (
        "Construction start not published: the solid bar starts at the first report of work under way ({date})",
        "Начало строительства не опубликовано: сплошная полоса начинается с первого сообщения о работах ({date})",
    ),
}

TEXT |= {
    # investor summary above the chart
    "timeline.summary.built": ("built", "построено"),
    "timeline.summary.in_progress": ("under construction or partly complete", "строится или готово частично"),
    "timeline.summary.planned": ("planned next", "запланировано далее"),
    "timeline.summary.announced": ("announced, unconfirmed", "объявлено, не подтверждено"),
    "timeline.summary.overdue": (
        "{n} of {total} facilities have passed their completion target with no confirmation that they were built.",
        "Объектов, у которых срок завершения прошёл без подтверждения завершения строительства: {n} из {total}.",
    ),
    "timeline.how_to_read_marker": ("How to read the chart", "Как читать диаграмму"),
    # what each of the page's two source lists covers
    "timeline.sources.summary": (
        "Sources of the counts above, for all facilities.",
        "Источники чисел выше — по всем объектам.",
    ),
    "timeline.sources.shown": (
        "Sources of every facility and milestone on the timeline, whichever the filters show.",
        "Источники всех объектов и событий хронологии, какие бы из них ни показывали фильтры.",
    ),
    # the phone list
    "timeline.list.first_plan": ("First planned completion: {date}", "Первый плановый срок: {date}"),
    "timeline.list.plan_stage": (
        "Planned within the stage ({start}–{end}), no date published",
        "Запланировано в рамках этапа ({start}–{end}), дата не опубликована",
    ),
    "timeline.list.started": ("Construction started: {date}", "Начало строительства: {date}"),
    "timeline.list.completed": ("Completed: {date}", "Завершено: {date}"),
    "timeline.list.no_dates": ("No dates, stage or plot published", "Даты, этап и участок не опубликованы"),
    "timeline.list.milestone": ("{date} · {title} ({status})", "{date} · {title} ({status})"),
    "timeline.list.milestone_happened": ("{date} · {title}", "{date} · {title}"),
}
