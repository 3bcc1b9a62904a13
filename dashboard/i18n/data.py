"""Interface text of the Data & sources page (the staff sign-in's is in ``auth.py``)."""

TEXT = {
    "data.title": ("Data & sources", "Данные и источники"),
    "data.intro": (
        "Every figure in this dashboard comes from one of the tables below. Each row names its sources, the date "
        "its values were true (as of) and whether they are sourced, derived or illustrative.",
        "Каждая цифра дашборда взята из одной из таблиц ниже. В каждой строке указаны источники, дата актуальности "
        "и происхождение значения: из источника, выведено или иллюстративно.",
    ),
    # public tabs
    "data.tab_freshness": ("Freshness & provenance", "Актуальность и происхождение"),
    "data.tab_conflicts": ("Conflicting sources", "Расхождения источников"),
    "data.tab_sources": ("Sources", "Источники"),
    "data.tab_dictionary": ("Data dictionary", "Словарь данных"),
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
    "data.provenance_total": (
        "Rows by provenance across all tables: {sourced} sourced, {derived} derived, {illustrative} illustrative.",
        "Строки по происхождению во всех таблицах: из источника — {sourced}, выведено — {derived}, "
        "иллюстративно — {illustrative}.",
    ),
    "data.conflicts_caption": (
        "Where sources disagree the tables keep one canonical value; the alternatives and the reason for the pick "
        "are listed here.",
        "Где источники расходятся, в таблицах хранится одно каноническое значение; альтернативы и причина выбора "
        "приведены здесь.",
    ),
    "data.conflict_values": ("What the sources say", "Что говорят источники"),
    "data.conflict_canonical": ("Used in the dashboard", "Используется в дашборде"),
    "data.conflict_reason": ("Why", "Почему"),
    "data.sources_caption": (
        "{n} sources. Links open the original publication; only sources of high or medium reliability are used.",
        "Источников: {n}. Ссылки ведут на оригинальные публикации; используются только источники высокой или "
        "средней надёжности.",
    ),
    "data.source_rows": ("rows citing it: {n}", "строк со ссылкой: {n}"),  # no plural forms: "1 rows"
    "data.dictionary_table": ("Table", "Таблица"),
    "data.dict_column": ("Column", "Столбец"),
    "data.dict_type": ("Type", "Тип"),
    "data.dict_required": ("Required", "Обязательный"),
    "data.dict_allowed": ("Allowed values", "Допустимые значения"),
    "data.dict_references": ("Must exist in", "Ссылка на"),
    "data.dict_meaning": ("Meaning", "Значение"),
    # staff
    "data.staff_header": ("Staff", "Для сотрудников"),
    "data.staff_caption": (
        "Staff sign in here to edit tables, upload files, restore backups and read enquiries.",
        "Здесь сотрудники входят, чтобы редактировать таблицы, загружать файлы, восстанавливать копии и читать заявки.",
    ),
    "data.banner_snapshot": (
        "The data files on disk do not validate ({errors} error(s)). Visitors still see the last valid version. "
        "Fix the files listed below, or restore a backup on the Data page.",
        "Файлы данных на диске не прошли проверку (ошибок: {errors}). Посетители по-прежнему видят последнюю "
        "корректную версию. Исправьте перечисленные файлы или восстановите резервную копию на странице «Данные».",
    ),
    "data.staff_tab_edit": ("Edit a table", "Редактировать таблицу"),
    "data.staff_tab_upload": ("Upload / Excel", "Загрузка / Excel"),
    "data.staff_tab_backups": ("Backups", "Резервные копии"),
    "data.staff_tab_audit": ("Audit log", "Журнал изменений"),
    "data.staff_tab_enquiries": ("Enquiries", "Заявки"),
    "data.pick_file": ("File", "Файл"),
    "data.download_ru": ("Download for Excel (Russian)", "Скачать для Excel (русский)"),
    "data.download_en": ("Download for Excel (English)", "Скачать для Excel (английский)"),
    "data.download_help": (
        "Russian Excel: ';' between fields, decimal comma, dates DD.MM.YYYY. English Excel: ',' and ISO dates. "
        "Keep the file name when saving: it records which version you started from.",
        "Русский Excel: ';' между полями, десятичная запятая, даты ДД.ММ.ГГГГ. Английский Excel: ',' и даты "
        "ГГГГ-ММ-ДД. Сохраняйте файл под тем же именем: в нём записана исходная версия.",
    ),
    "data.editor_caption": (
        "Edit cells, add or delete rows, then check. Nothing is published before you confirm the diff.",
        "Измените ячейки, добавьте или удалите строки и нажмите «Проверить». Ничего не публикуется, пока вы не "
        "подтвердите изменения.",
    ),
    "data.editor_geojson": (
        "Boundaries are edited in a GIS program; upload the GeoJSON file on the Upload tab.",
        "Границы редактируются в ГИС; загрузите файл GeoJSON на вкладке «Загрузка».",
    ),
    "data.editor_unreadable": (
        "The published file cannot be read as a table; upload a corrected file or restore a backup.",
        "Опубликованный файл не читается как таблица; загрузите исправленный файл или восстановите копию.",
    ),
    "data.check": ("Check changes", "Проверить изменения"),
    "data.reload": ("Discard edits and reload", "Отменить правки и перезагрузить"),
    "data.upload_label": ("CSV or GeoJSON file", "Файл CSV или GeoJSON"),
    "data.upload_help": (
        "Upload the file for the table chosen above (up to {kb} kB). Files saved by Excel are accepted: "
        "UTF-8 with BOM, Windows-1251, ';', decimal commas, DD.MM.YYYY.",
        "Загрузите файл выбранной выше таблицы (до {kb} КБ). Файлы, сохранённые Excel, принимаются: UTF-8 с BOM, "
        "Windows-1251, ';', десятичная запятая, ДД.ММ.ГГГГ.",
    ),
    "data.upload_check": ("Check the file", "Проверить файл"),
    "data.candidate_header": ("Check before publishing: {file}", "Проверка перед публикацией: {file}"),
    "data.candidate_errors": (
        "{n} problem(s) must be fixed before this file can be published. Nothing has been changed.",
        "Нужно исправить проблем: {n}. Файл не опубликован, ничего не изменено.",
    ),
    "data.candidate_ok": (
        "The file validates. Review the changes, then publish.",
        "Файл прошёл проверку. Просмотрите изменения и опубликуйте.",
    ),
    "data.find_file": ("File", "Файл"),
    "data.find_row": ("Row", "Строка"),
    "data.find_column": ("Column", "Столбец"),
    "data.find_message": ("What is wrong and how to fix it", "Что не так и как исправить"),
    "data.warnings": (
        "{n} warning(s): accepted, but worth fixing at the source",
        "Предупреждений: {n} (принято, но лучше исправить в исходном файле)",
    ),
    "data.warn_count": ("Times", "Раз"),
    "data.warn_where": ("Where (row:column)", "Где (строка:столбец)"),
    "data.diff_summary": (
        "{added} row(s) added, {changed} changed, {removed} removed ({before} → {after} rows).",
        "Добавлено строк: {added}, изменено: {changed}, удалено: {removed} ({before} → {after}).",
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
    "data.publish": ("Publish", "Опубликовать"),
    "data.discard": ("Discard", "Отменить"),
    "data.published": (
        "Published {file} ({rows} rows). Backup: {backup}. Visitors see the new data now.",
        "Опубликован {file} (строк: {rows}). Резервная копия: {backup}. Посетители уже видят новые данные.",
    ),
    "data.conflict": (
        "Not published: {message}. Your version is kept — download it, or compare it with the current file and "
        "publish again.",
        "Не опубликовано: {message}. Ваша версия сохранена — скачайте её или сравните с текущим файлом и "
        "опубликуйте снова.",
    ),
    "data.download_mine": ("Download my version", "Скачать мою версию"),
    "data.compare_current": ("Compare with the current file", "Сравнить с текущим файлом"),
    "data.publish_failed": ("Not published: {message}", "Не опубликовано: {message}"),
    "data.backups_none": ("No backups of this file yet.", "Резервных копий этого файла пока нет."),
    "data.backup_pick": ("Backup", "Резервная копия"),
    "data.restore": ("Restore this backup", "Восстановить эту копию"),
    "data.restored": ("Restored {file} from {backup}.", "Файл {file} восстановлен из копии {backup}."),
    "data.audit_none": ("No publications recorded yet.", "Публикаций пока нет."),
    "data.enquiries_none": ("No enquiries yet.", "Заявок пока нет."),
    "data.enquiries_download": ("Download enquiries (CSV)", "Скачать заявки (CSV)"),
    "data.enquiries_unavailable": ("Enquiries are not available in this build.", "Заявки в этой сборке недоступны."),
}
