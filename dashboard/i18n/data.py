"""Interface text of the "About the data" page: the visitors' part and the staff tools (sign-in text is in ``auth.py``)."""

TEXT = {
    "data.title": ("About the data", "О данных"),
    "data.intro": (
        "The facts on this site come from published sources: the law, official announcements, the project's "
        "investor passport and the press. Each fact is dated and names its source; a figure that is only an "
        "illustration or is worked out from sources is marked as such.",
        "Факты на этом сайте взяты из опубликованных источников: закона, официальных сообщений, "
        "инвестиционного паспорта проекта и прессы. У каждого факта есть дата и источник; цифра, которая лишь "
        "иллюстрирует или выведена из источников, отмечена.",
    ),
    # visitors: how facts are sourced, dated and labelled
    "data.tab_how": ("How facts are sourced", "Как собраны факты"),
    "data.tab_conflicts": ("Where sources disagree", "Где источники расходятся"),
    "data.tab_sources": ("Sources", "Источники"),
    # The same tabs on a phone, in one row 360 px wide (see legal_regime.tab_phone).
    "data.tab_phone_how": ("How sourced", "Как собраны"),
    "data.tab_phone_conflicts": ("Disagreements", "Расхождения"),
    "data.tab_phone_sources": ("Sources", "Источники"),
    "data.how_labels": ("Three labels", "Три пометки"),
    "data.how_sourced": (
        "taken as published, from a source named beside it.",
        "взято в том виде, как опубликовано, из указанного рядом источника.",
    ),
    "data.how_derived": (
        "worked out from sourced facts (for example a total or a share); the sources used are named.",
        "выведено из фактов с источниками (например, сумма или доля); использованные источники указаны.",
    ),
    "data.how_illustrative": (
        "shown to make the picture complete where no source gives the detail — for instance the layout of the "
        "plots, because no official plot map is public. Never a promise.",
        "показано для полноты картины там, где источники не дают подробностей, — например, расположение "
        "участков, потому что официальной схемы участков в открытом доступе нет. Это не обещание.",
    ),
    "data.how_counts": (
        "Across the site: {sourced} facts taken from sources, {derived} worked out from them, {illustrative} "
        "illustrative.",
        "Всего на сайте: фактов из источников — {sourced}, выведенных из них — {derived}, иллюстративных — "
        "{illustrative}.",
    ),
    "data.how_dates_header": ("Dates", "Даты"),
    "data.how_dates": (
        "Every fact carries the date on which it was last confirmed, and a date is shown as precisely as the "
        "source gives it (a year, a month or a day). The most recent confirmation: {newest}.",
        "У каждого факта есть дата, когда он был подтверждён в последний раз, и дата показана с той точностью, с "
        "какой её даёт источник (год, месяц или день). Последнее подтверждение: {newest}.",
    ),
    "data.how_conflicts_header": ("When sources disagree", "Когда источники расходятся"),
    "data.how_conflicts": (
        "Sources sometimes give different figures for the same thing. The site then uses one value, says why, and "
        "lists the others under “Where sources disagree” ({n} such cases).",
        "Иногда источники дают разные цифры об одном и том же. Тогда сайт использует одно значение, объясняет "
        "почему и приводит остальные на вкладке «Где источники расходятся» (таких случаев: {n}).",
    ),
    "data.conflicts_caption": (
        "Where sources disagree, the site uses one value; the alternatives and the reason for the choice are listed "
        "here.",
        "Где источники расходятся, сайт использует одно значение; альтернативы и причина выбора приведены здесь.",
    ),
    "data.conflict_values": ("What the sources say", "Что говорят источники"),
    "data.conflict_canonical": ("Used on this site", "Используется на сайте"),
    "data.conflict_reason": ("Why", "Почему"),
    "data.sources_caption": (
        "{n} sources. Links open the original publication; only sources of high or medium reliability are used.",
        "Источников: {n}. Ссылки ведут на оригинальные публикации; используются только источники высокой или "
        "средней надёжности.",
    ),
    "data.download_header": ("Download the data", "Скачать данные"),
    "data.download_caption": (
        "The tables behind this site as Excel workbooks, with every fact's sources and dates.",
        "Таблицы, на которых построен сайт, в виде книг Excel — с источниками и датами каждого факта.",
    ),
    "data.download_pick": ("Table", "Таблица"),
    "data.download_one": ("Download this table (Excel)", "Скачать эту таблицу (Excel)"),
    "data.download_all": ("Download all tables (Excel)", "Скачать все таблицы (Excel)"),
    "data.staff_entry": ("Staff sign-in", "Вход для сотрудников"),
    # staff: state of the files on disk
    "data.staff_header": ("Staff: data files", "Для сотрудников: файлы данных"),
    "data.status_ok": ("Every data file passes all checks.", "Все файлы данных проходят все проверки."),
    "data.status_snapshot": (
        "The data files on disk do not pass the checks (errors: {errors}); visitors see the last valid version. "
        "Fix the files listed here, or restore a backup below.",
        "Файлы данных на диске не проходят проверку (ошибок: {errors}); посетители видят последнюю корректную "
        "версию. Исправьте перечисленные файлы или восстановите резервную копию ниже.",
    ),
    "data.status_never": (
        "The data files on disk do not pass the checks (errors: {errors}) and no valid version was loaded before, "
        "so visitors see a notice instead of the pages. Fix the files listed here, or restore a backup below.",
        "Файлы данных на диске не проходят проверку (ошибок: {errors}), а корректной версии раньше не было, "
        "поэтому посетители видят уведомление вместо страниц. Исправьте перечисленные файлы или восстановите "
        "резервную копию ниже.",
    ),
    "data.banner_snapshot": (
        "The data files on disk do not validate (errors: {errors}). Visitors still see the last valid version. "
        "Fix the files listed below, or restore a backup on the About the data page.",
        "Файлы данных на диске не прошли проверку (ошибок: {errors}). Посетители по-прежнему видят последнюю "
        "корректную версию. Исправьте перечисленные файлы или восстановите резервную копию на странице «О данных».",
    ),
    # staff: tabs
    "data.staff_tab_edit": ("Edit & upload", "Правка и загрузка"),
    "data.staff_tab_backups": ("Backups", "Резервные копии"),
    "data.staff_tab_audit": ("Audit log", "Журнал изменений"),
    "data.staff_tab_enquiries": ("Enquiries", "Заявки"),
    "data.staff_tab_freshness": ("Freshness", "Актуальность"),
    "data.staff_tab_dictionary": ("Data dictionary", "Словарь данных"),
    # staff: freshness and dictionary
    "data.freshness_caption": (
        "A table is marked stale when even its newest row was checked more than {days} days ago.",
        "Таблица помечена как устаревшая, если даже её самая свежая строка проверялась более {days} дн. назад.",
    ),
    "data.col_table": ("Table", "Таблица"),
    "data.col_file": ("File", "Файл"),
    "data.col_rows": ("Rows", "Строк"),
    "data.col_newest": ("Newest as of", "Самая свежая дата"),
    "data.col_oldest": ("Oldest as of", "Самая старая дата"),
    "data.col_age": ("Age, days", "Возраст, дн."),
    "data.col_state": ("State", "Состояние"),
    "data.stale": ("stale", "устарела"),
    "data.fresh": ("current", "актуальна"),
    "data.stale_count": ("{n} of {total} tables are stale", "Устарели {n} из {total} таблиц"),
    "data.dictionary_table": ("Table", "Таблица"),
    "data.dict_column": ("Column", "Столбец"),
    "data.dict_type": ("Type", "Тип"),
    "data.dict_required": ("Required", "Обязательный"),
    "data.dict_allowed": ("Allowed values", "Допустимые значения"),
    "data.dict_references": ("Must exist in", "Ссылка на"),
    "data.dict_meaning": ("Meaning", "Значение"),
    # staff: edit, download, upload
    "data.pick_file": ("File", "Файл"),
    "data.download_xlsx": ("Download for editing (.xlsx)", "Скачать для правки (.xlsx)"),
    "data.download_csv_ru": ("CSV for Russian Excel / LibreOffice", "CSV для русского Excel / LibreOffice"),
    "data.download_csv_en": ("CSV for English Excel", "CSV для английского Excel"),
    "data.download_help": (
        "Edit the table in Excel or LibreOffice and save it as Excel workbook (.xlsx) — or as 'CSV UTF-8' if you "
        "downloaded a CSV — then upload it below. Any file name will do.",
        "Отредактируйте таблицу в Excel или LibreOffice и сохраните как книгу Excel (.xlsx) — или как «CSV UTF-8», "
        "если скачали CSV, — затем загрузите её ниже. Имя файла может быть любым.",
    ),
    "data.editor_caption": (
        "Or edit cells here, add or delete rows, then press “Check changes”. Nothing is published before you "
        "confirm the changes.",
        "Или измените ячейки здесь, добавьте или удалите строки и нажмите «Проверить изменения». Ничего не "
        "публикуется, пока вы не подтвердите изменения.",
    ),
    "data.editor_geojson": (
        "Boundaries are edited in a GIS program; upload the GeoJSON file below.",
        "Границы редактируются в ГИС; загрузите файл GeoJSON ниже.",
    ),
    "data.editor_unreadable": (
        "The published file cannot be read as a table; upload a corrected file or restore a backup.",
        "Опубликованный файл не читается как таблица; загрузите исправленный файл или восстановите копию.",
    ),
    "data.check": ("Check changes", "Проверить изменения"),
    "data.reload": ("Discard edits and reload", "Отменить правки и перезагрузить"),
    "data.upload_label": (
        "Upload the edited file (.xlsx, CSV or GeoJSON, up to {limit} MB)",
        "Загрузите исправленный файл (.xlsx, CSV или GeoJSON, до {limit} МБ)",
    ),
    "data.upload_check": ("Check the file", "Проверить файл"),
    # staff: checking a candidate
    "data.candidate_header": ("Check before publishing: {file}", "Проверка перед публикацией: {file}"),
    "data.candidate_errors": (
        "Not published; nothing on the site has changed. Problems to fix: {n}.",
        "Нужно исправить проблем: {n}. Файл не опубликован, ничего не изменено.",
    ),
    "data.candidate_ok": (
        "The file passes every check. Review the changes, then publish.",
        "Файл прошёл проверку. Просмотрите изменения и опубликуйте.",
    ),
    "data.candidate_choose": (
        "The file passes every check. Before it can be published, decide what is asked below.",
        "Файл прошёл проверку. Прежде чем публиковать, примите решение ниже.",
    ),
    "data.find_file": ("File", "Файл"),
    "data.find_row": ("Row", "Строка"),
    "data.find_column": ("Column", "Столбец"),
    "data.find_header_row": ("header row", "строка заголовков"),
    "data.find_whole_file": ("whole file", "весь файл"),
    "data.find_whole_row": ("whole row", "вся строка"),
    "data.find_message": ("What is wrong and how to fix it", "Что не так и как исправить"),
    "data.unsourced_changes": (
        "Check the sources: {n} figure(s) changed under the row's old source and date",
        "Проверьте источники: изменённых значений со старым источником и датой строки — {n}",
    ),
    "data.warnings": (
        "Warnings: {n} (accepted, but worth fixing at the source)",
        "Предупреждений: {n} (принято, но лучше исправить)",
    ),
    "data.warn_count": ("Times", "Раз"),
    "data.warn_where": ("Where (row:column)", "Где (строка:столбец)"),
    "data.diff_summary": (
        "Rows added: {added}, changed: {changed}, removed: {removed} ({before} → {after} rows).",
        "Добавлено строк: {added}, изменено: {changed}, удалено: {removed} (было {before}, станет {after}).",
    ),
    "data.diff_empty": ("No change compared with the published file.", "Нет отличий от опубликованного файла."),
    "data.diff_kind": ("Change", "Изменение"),
    "data.diff_row": ("Row id", "Строка (id)"),
    "data.diff_column": ("Column", "Столбец"),
    "data.diff_old": ("Before", "Было"),
    "data.diff_new": ("After", "Стало"),
    "data.diff_added": ("added", "добавлена"),
    "data.diff_removed": ("removed", "удалена"),
    "data.diff_changed": ("changed", "изменена"),
    # staff: a file made from an older version
    "data.over_header": (
        "This file was made from an older version of the table",
        "Этот файл сделан из более старой версии таблицы",
    ),
    "data.over_text": (
        "Since that version, {who} changed the table. Publishing your file as it is would undo their "
        "edits (how many: {n}, listed here). Choose what to do:",
        "После этой версии таблицу меняли: {who}. Если опубликовать ваш файл как есть, их правки будут отменены "
        "(сколько: {n}, список ниже). Выберите, что сделать:",
    ),
    "data.over_someone": ("someone (outside the app)", "кто-то (вне приложения)"),
    "data.over_keep": ("Keep their edits, publish only my changes", "Сохранить их правки и опубликовать только мои"),
    "data.over_overwrite": (
        "Publish my file as it is (undo their edits)",
        "Опубликовать мой файл как есть (отменить их правки)",
    ),
    "data.over_geojson": (
        "Boundaries cannot be merged: publish your file as it is, or download the current file and redo your change.",
        "Границы нельзя объединить: опубликуйте ваш файл как есть или скачайте текущий файл и повторите изменение.",
    ),
    "data.over_theirs": ("Now (their edit)", "Сейчас (их правка)"),
    "data.over_mine": ("In your file", "В вашем файле"),
    "data.over_by": ("Changed by", "Кто изменил"),
    "data.over_at": ("When (UTC)", "Когда (UTC)"),
    "data.over_unknown": ("unknown (outside the app)", "неизвестно (вне приложения)"),
    "data.over_whole_row": ("whole row", "вся строка"),
    # staff: removing most of a table
    "data.removal_warning": (
        "This file removes {removed} of the {before} rows of the table. Publishing it deletes them for everybody "
        "(a backup is kept).",
        "Этот файл удаляет {removed} из {before} строк таблицы. После публикации они исчезнут для всех "
        "(резервная копия сохранится).",
    ),
    "data.removal_confirm": ("Yes, remove these rows", "Да, удалить эти строки"),
    # staff: publishing
    "data.publish": ("Publish", "Опубликовать"),
    "data.discard": ("Discard", "Отменить"),
    "data.published": (
        "Published {file} ({rows} rows). The previous version is kept in Backups. Visitors see the new data now.",
        "Опубликован {file} (строк: {rows}). Прежняя версия сохранена в резервных копиях. Посетители уже видят новые "
        "данные.",
    ),
    "data.conflict": (
        "Not published: {message}. Your version is kept — download it, or check it again against the current file.",
        "Не опубликовано: {message}. Ваша версия сохранена — скачайте её или проверьте заново по текущему файлу.",
    ),
    "data.download_mine": ("Download my version", "Скачать мою версию"),
    "data.compare_current": (
        "Check again against the current file (keeps their edits if you choose)",
        "Проверить заново по текущему файлу (их правки можно сохранить)",
    ),
    "data.publish_failed": ("Not published: {message}", "Не опубликовано: {message}"),
    # staff: backups, audit log, enquiries
    "data.backups_none": ("No backups of this file yet.", "Резервных копий этого файла пока нет."),
    "data.backup_option": ("Version of {when} UTC · {size} KB", "Версия от {when} UTC · {size} КБ"),
    "data.backup_pick": ("Backup", "Резервная копия"),
    "data.restore": ("Restore this backup", "Восстановить эту копию"),
    "data.restore_preview": ("What restoring it changes", "Что изменит восстановление"),
    "data.restored": ("Restored {file} from {backup}.", "Файл {file} восстановлен из копии {backup}."),
    "data.audit_none": ("No publications recorded yet.", "Публикаций пока нет."),
    "data.audit_at": ("When (UTC)", "Когда (UTC)"),
    "data.audit_user": ("Who", "Кто"),
    "data.audit_action": ("Action", "Действие"),
    "data.audit_table_name": ("Table", "Таблица"),
    "data.audit_rows_before": ("Rows before", "Строк было"),
    "data.audit_rows_after": ("Rows after", "Строк стало"),
    "data.audit_added": ("Added", "Добавлено"),
    "data.audit_changed": ("Changed", "Изменено"),
    "data.audit_removed": ("Removed", "Удалено"),
    "data.audit_version": ("Version", "Версия"),
    "data.audit_backup": ("Backup of the previous version", "Копия предыдущей версии"),
    "data.audit_action_publish": ("published", "публикация"),
    "data.audit_action_restore": ("restored", "восстановление"),
    "data.enquiries_none": ("No enquiries yet.", "Заявок пока нет."),
    "data.enquiries_download": ("Download enquiries (CSV)", "Скачать заявки (CSV)"),
    "data.enquiries_unavailable": ("Enquiries are not available in this build.", "Заявки в этой сборке недоступны."),
    "data.enq_reference": ("Reference", "Номер"),
    "data.enq_created_at": ("Received (UTC)", "Получена (UTC)"),
    "data.enq_name": ("Name", "Имя"),
    "data.enq_organisation": ("Organisation", "Организация"),
    "data.enq_email": ("E-mail", "Эл. почта"),
    "data.enq_country": ("Country", "Страна"),
    "data.enq_message": ("Message", "Сообщение"),
    "data.enq_opportunity_ids": ("Opportunities", "Возможности"),
    "data.enq_lang": ("Language", "Язык"),
}
