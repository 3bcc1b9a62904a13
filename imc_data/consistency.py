"""Rules that look across rows and tables, after each table has been read and typed.

:func:`check` is called once by :func:`imc_data.load.load_dataset`. Every rule adds findings
(never raises) with the file, the spreadsheet row, the column and the fix, in English and
Russian:

- **date precision**: a source-given date needs its ``*_precision`` (day, month, quarter, season,
  year) and is stored as the first day of that period (:mod:`imc_data.dates`);
- **floor area on a plot**: the facilities on a plot may not state more floor area than the
  plot's maximum (an error; a warning when one of the values is a conflict on record in
  ``conflicts.csv``);
- **open opportunity on an occupied plot**: an ``open`` slot on a plot whose facility is built,
  being built or has an operator under agreement, or where another slot is taken;
- **sourced without a reliable source**: a ``sourced`` row none of whose sources is of high or
  medium confidence;
- **facility-to-plot links**: a link needs its own provenance, and it cannot be ``sourced`` on
  an illustrative plot (no source places anything on an invented plot);
- **a plan called missed** (``planned_missed``) needs a source from after the planned date;
- **conflicts** should point at rows and columns that exist (a warning: a stale pointer must not
  block publishing); **contacts** need a plausible e-mail, phone and language codes;
- **presenter scenes** name big numbers that exist, well-formed parameters whose plot, opportunity
  and stage exist, what their kind needs, and each talking point in both languages.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import pandas as pd

from . import dates, scenes, schema
from .contact_rules import EMAIL_ADDRESS, PHONE_NUMBER
from .findings import Report
from .missing import is_missing

BUILT_OR_BUILDING = ("operating", "completed", "partly_completed", "under_construction")
ENGAGED_OPERATOR = ("operating", "agreement_signed")
_LANGUAGE = re.compile(r"^[a-z]{2}$")

_PRECISION_RU = {"day": "день", "month": "месяц", "quarter": "квартал", "season": "сезон", "year": "год"}


def check(tables: dict[str, pd.DataFrame], rows_of: dict[str, list[int]], report: Report) -> None:
    """Run every cross-row rule on the loaded ``tables`` (``rows_of``: spreadsheet row of each frame row)."""
    for table in schema.TABLES.values():
        _check_precisions(table, tables.get(table.name), rows_of.get(table.name, []), report)
        _check_reliable_sources(table, tables, rows_of.get(table.name, []), report)
    conflicts = _conflict_cells(tables.get("conflicts"))
    _check_floor_area(tables, rows_of, conflicts, report)
    _check_open_opportunities(tables, rows_of, report)
    _check_plot_links(tables, rows_of, report)
    _check_missed_plans(tables, rows_of, report)
    _check_conflict_targets(tables, rows_of, report)
    _check_contacts(tables.get("contacts"), rows_of.get("contacts", []), report)
    _check_scenes(tables, rows_of.get("scenes", []), report)


def _rows(frame: pd.DataFrame | None, lines: list[int]):
    """``(spreadsheet row, row as a dict)`` pairs of a frame (nothing when the table did not load).

    Dicts, not ``iterrows`` Series: building a Series per row was most of the checks' time on large tables.
    """
    if frame is None or not len(frame) or len(lines) != len(frame):
        return []
    return zip(lines, frame.to_dict("records"), strict=True)


def _present(value) -> bool:
    if isinstance(value, tuple):
        return len(value) > 0
    return not is_missing(value)


def _iso(value) -> str:
    return pd.Timestamp(value).date().isoformat()


# --- dates ------------------------------------------------------------------------------------


def _precision_columns(table: schema.Table) -> list[tuple[str, str]]:
    names = set(table.names)
    return [
        (col.name, col.name + schema.PRECISION_SUFFIX)
        for col in table.columns
        if col.kind == "date" and col.name + schema.PRECISION_SUFFIX in names
    ]


def _check_precisions(table: schema.Table, frame: pd.DataFrame | None, lines: list[int], report: Report) -> None:
    pairs = _precision_columns(table)
    if not pairs:
        return
    file = table.filename
    # A date already reported as wrong (a cell that is no date, a column that is missing) reads as empty here:
    # saying so again for every row would bury the one finding that names the cause.
    reported = {(f.row, f.column) for f in report.errors if f.file == file}
    for line, row in _rows(frame, lines):
        for date_col, prec_col in pairs:
            value, precision = row.get(date_col), row.get(prec_col)
            has_date, has_precision = _present(value), _present(precision)
            if has_date and not has_precision:
                report.error(
                    file,
                    line,
                    prec_col,
                    f"{date_col} is {_iso(value)} but {prec_col} is empty; say how precise the source's date is: "
                    "day, month, quarter, season or year",
                    ru=f"{date_col} = {_iso(value)}, но {prec_col} пуст; укажите точность даты из источника: "
                    "day, month, quarter, season или year",
                )
            elif has_date and not dates.is_period_start(value, precision):
                start = dates.period_start(value, precision).isoformat()
                report.error(
                    file,
                    line,
                    date_col,
                    f"{_iso(value)} is not the first day of its {precision}; a date of precision '{precision}' is "
                    f"stored as the first day of the period: write {start}",
                    ru=f"{_iso(value)} — не первый день периода ({_PRECISION_RU[precision]}); дата с точностью "
                    f"«{precision}» хранится как первый день периода: напишите {start}",
                )
            elif has_precision and not has_date and not {(line, date_col), (None, date_col)} & reported:
                report.warning(
                    file,
                    line,
                    prec_col,
                    f"{prec_col} is '{precision}' but {date_col} is empty; fill in the date or clear the precision",
                    ru=f"{prec_col} = «{precision}», но {date_col} пуст; заполните дату или очистите точность",
                )


# --- sources ----------------------------------------------------------------------------------


def _check_reliable_sources(
    table: schema.Table, tables: dict[str, pd.DataFrame], lines: list[int], report: Report
) -> None:
    frame = tables.get(table.name)
    sources = tables.get("sources")
    if "source_ids" not in table.names or sources is None or not len(sources):
        return
    confidence = dict(zip(sources["source_id"], sources["confidence"], strict=True))
    for line, row in _rows(frame, lines):
        ids = [sid for sid in (row.get("source_ids") or ()) if sid in confidence]
        if row.get("provenance") != "sourced" or not ids:
            continue  # unknown ids are reported by the reference check
        if not any(confidence[sid] in schema.USABLE_CONFIDENCE for sid in ids):
            listed = ", ".join(f"{sid} ({confidence[sid]})" for sid in ids)
            report.error(
                table.filename,
                line,
                "source_ids",
                f"provenance is 'sourced' but none of its sources is of high or medium confidence ({listed}); add a "
                "reliable source or set provenance to derived or illustrative",
                ru=f"provenance = «sourced», но ни один источник не имеет надёжности high или medium ({listed}); "
                "добавьте надёжный источник или укажите provenance derived или illustrative",
            )


def _check_missed_plans(tables: dict[str, pd.DataFrame], rows_of: dict[str, list[int]], report: Report) -> None:
    # "Missed" is a fact about the past: only a source written after the planned period can state it.
    ms, sources = tables.get("milestones"), tables.get("sources")
    if ms is None or sources is None or not len(sources):
        return
    src = sources.drop_duplicates("source_id").set_index("source_id")
    for line, row in _rows(ms, rows_of.get("milestones", [])):
        if row.get("status") != "planned_missed" or not _present(row.get("date")):
            continue
        planned_end = dates.period_end(row["date"], row.get("date_precision"))
        ends = []
        for sid in row.get("source_ids") or ():
            if sid in src.index and _present(src.loc[sid, "as_of"]):
                ends.append(dates.period_end(src.loc[sid, "as_of"], src.loc[sid, "as_of_precision"]))
        if ends and max(ends) <= planned_end:
            report.error(
                "milestones.csv",
                line,
                "status",
                f"'planned_missed' needs a source from after the planned date ({planned_end.isoformat()}), but the "
                "newest source is from before it; set status to 'planned' (a passed plan is shown as overdue, "
                "unconfirmed) or cite a later source that reports the miss",
                ru=f"для «planned_missed» нужен источник позже плановой даты ({planned_end.isoformat()}), а самый "
                "новый источник раньше неё; поставьте статус «planned» (прошедший план покажется как «срок прошёл, "
                "не подтверждено») или укажите более поздний источник о срыве",
            )


# --- conflicts --------------------------------------------------------------------------------


def _conflict_cells(conflicts: pd.DataFrame | None) -> dict[tuple[str, str, str], str]:
    """``(table, record id, column) → conflict_id`` for every cell a conflict row points at."""
    cells: dict[tuple[str, str, str], str] = {}
    if conflicts is None or not len(conflicts) or "table" not in conflicts:
        return cells
    for row in conflicts.itertuples():
        if not isinstance(row.table, str):
            continue
        for record in row.record_ids or ():
            for column in row.columns or ():
                cells.setdefault((row.table, record, column), row.conflict_id)
    return cells


def _check_conflict_targets(tables: dict[str, pd.DataFrame], rows_of: dict[str, list[int]], report: Report) -> None:
    # Warnings, not errors: a conflict row documents a disagreement; a stale pointer (a facility removed
    # since) must not block publishing the facility table, but staff should see it.
    for line, row in _rows(tables.get("conflicts"), rows_of.get("conflicts", [])):
        name = row.get("table")
        if not isinstance(name, str):
            if _present(row.get("record_ids")) or _present(row.get("columns")):
                report.warning(
                    "conflicts.csv",
                    line,
                    "table",
                    "record_ids or columns are filled but table is empty; name the table they belong to",
                    ru="record_ids или columns заполнены, а table пуст; укажите таблицу, к которой они относятся",
                )
            continue
        if name not in schema.TABLES:
            report.warning(
                "conflicts.csv",
                line,
                "table",
                f"unknown table '{name}'; use one of {', '.join(schema.TABLES)}",
                ru=f"неизвестная таблица «{name}»; укажите одну из: {', '.join(schema.TABLES)}",
            )
            continue
        target = schema.TABLES[name]
        frame = tables.get(name)
        known = set(frame[target.key].dropna()) if frame is not None and len(frame) else set()
        for record in row.get("record_ids") or ():
            if record not in known:
                report.warning(
                    "conflicts.csv",
                    line,
                    "record_ids",
                    f"'{record}' is not a {target.key} in {target.filename}; correct the id or remove it",
                    ru=f"«{record}» — не {target.key} в {target.filename}; исправьте идентификатор или удалите его",
                )
        for column in row.get("columns") or ():
            if column not in target.names:
                report.warning(
                    "conflicts.csv",
                    line,
                    "columns",
                    f"'{column}' is not a column of {target.filename}; correct the column name",
                    ru=f"«{column}» — не столбец {target.filename}; исправьте имя столбца",
                )


# --- plots, facilities and opportunities ------------------------------------------------------


def _lines_by_id(frame: pd.DataFrame | None, key: str, lines: list[int]) -> dict[str, int]:
    if frame is None or len(lines) != len(frame):
        return {}
    return {rid: line for rid, line in zip(frame[key], lines, strict=True) if isinstance(rid, str)}


def _m2(value: float) -> str:
    return f"{value:,.0f} m²"


def _bounded(bound, lang_index: int) -> str:
    """The words before a figure its source does not state exactly ("more than "), in English (0) or Russian (1)."""
    words = schema.FIGURE_BOUNDS.get(bound) if isinstance(bound, str) else None
    return f"{words[lang_index]} " if words else ""


def _sum_bound(bounds) -> str | None:
    """How a sum of figures is stated: exact only when every part is; "more than" when the inexact
    parts are all lower bounds, "up to" when they are all upper bounds, else "about"."""
    inexact = {bound for bound in bounds if isinstance(bound, str) and bound in schema.FIGURE_BOUNDS}
    if not inexact:
        return None
    return inexact.pop() if len(inexact) == 1 else "about"


def _m2_ru(value: float) -> str:
    return f"{value:,.0f}".replace(",", "\u00a0") + " м²"


def _check_floor_area(
    tables: dict[str, pd.DataFrame],
    rows_of: dict[str, list[int]],
    conflicts: dict[tuple[str, str, str], str],
    report: Report,
) -> None:
    plots, fac = tables.get("plots"), tables.get("facilities")
    if plots is None or fac is None or not len(plots) or not len(fac):
        return
    fac_lines = _lines_by_id(fac, "facility_id", rows_of.get("facilities", []))
    # Summed once per plot: a filter per plot made the check grow with plots x facilities; the facilities
    # themselves are looked up only for a plot over its limit.
    with_area = fac[fac["floor_area_m2"].notna()]
    totals = with_area.groupby("plot_id", sort=False)["floor_area_m2"].sum().to_dict()
    for line, plot in _rows(plots, rows_of.get("plots", [])):
        limit = plot.get("max_floor_area_m2")
        if not _present(limit):
            continue
        total = float(totals.get(plot["plot_id"], 0.0))
        if total <= float(limit):
            continue
        mine = with_area[with_area["plot_id"] == plot["plot_id"]]
        rows = list(zip(mine["facility_id"], mine["floor_area_m2"], mine["floor_area_bound"], strict=True))
        parts = ", ".join(
            f"{fid} {_bounded(bound, 0)}{_m2(area)} (facilities.csv row {fac_lines.get(fid, '?')})"
            for fid, area, bound in rows
        )
        parts_ru = ", ".join(
            f"{fid} {_bounded(bound, 1)}{_m2_ru(area)} (facilities.csv, строка {fac_lines.get(fid, '?')})"
            for fid, area, bound in rows
        )
        on_record = sorted(
            {conflicts[k] for k in (("plots", plot["plot_id"], "max_floor_area_m2"),) if k in conflicts}
            | {
                conflicts[("facilities", fid, "floor_area_m2")]
                for fid in mine["facility_id"]
                if ("facilities", fid, "floor_area_m2") in conflicts
            }
        )
        total_bound = _sum_bound(mine["floor_area_bound"])
        message = (
            f"the facilities on plot {plot['plot_id']} state {_bounded(total_bound, 0)}{_m2(total)} of floor area, more than the plot's maximum "
            f"{_m2(float(limit))}: {parts}"
        )
        message_ru = (
            f"объекты на участке {plot['plot_id']} имеют {_bounded(total_bound, 1)}{_m2_ru(total)} поэтажной площади — больше максимума "
            f"участка {_m2_ru(float(limit))}: {parts_ru}"
        )
        if on_record:
            ids = ", ".join(on_record)
            report.warning(
                "plots.csv",
                line,
                "max_floor_area_m2",
                f"{message}; accepted because conflicts.csv records the disputed value ({ids}); resolve the conflict, "
                "then correct the areas or the plot's maximum",
                ru=f"{message_ru}; допускается, так как спорное значение записано в conflicts.csv ({ids}); "
                "разрешите расхождение, затем исправьте площади или максимум участка",
            )
        else:
            report.error(
                "plots.csv",
                line,
                "max_floor_area_m2",
                f"{message}; correct a facility's floor_area_m2 or plot_id, raise the plot's maximum, or record the "
                "disputed value in conflicts.csv",
                ru=f"{message_ru}; исправьте floor_area_m2 или plot_id объекта, увеличьте максимум участка или "
                "запишите спорное значение в conflicts.csv",
            )


def _occupiers(tables: dict[str, pd.DataFrame], plot_id: str, opportunity_id: str) -> list[tuple[str, str]]:
    """What already occupies a plot: ``(english, russian)`` descriptions."""
    out = []
    fac, ops, opps = tables.get("facilities"), tables.get("operators"), tables.get("opportunities")
    op_status = dict(zip(ops["operator_id"], ops["status"], strict=True)) if ops is not None and len(ops) else {}
    if fac is not None and len(fac):
        for f in fac[fac["plot_id"] == plot_id].itertuples():
            if f.status in BUILT_OR_BUILDING:
                out.append((f"facility {f.facility_id} is {f.status}", f"объект {f.facility_id}: {f.status}"))
            elif isinstance(f.operator_id, str) and op_status.get(f.operator_id) in ENGAGED_OPERATOR:
                out.append(
                    (
                        f"facility {f.facility_id} has operator {f.operator_id} ({op_status[f.operator_id]})",
                        f"у объекта {f.facility_id} есть оператор {f.operator_id} ({op_status[f.operator_id]})",
                    )
                )
    if opps is not None and len(opps):
        taken = opps[(opps["plot_id"] == plot_id) & (opps["status"] == "taken")]
        for oid in taken["opportunity_id"]:
            if oid != opportunity_id:
                out.append((f"opportunity {oid} on it is taken", f"возможность {oid} на нём занята"))
    return out


def _check_open_opportunities(tables: dict[str, pd.DataFrame], rows_of: dict[str, list[int]], report: Report) -> None:
    for line, opp in _rows(tables.get("opportunities"), rows_of.get("opportunities", [])):
        if opp.get("status") != "open" or not isinstance(opp.get("plot_id"), str):
            continue
        occupied = _occupiers(tables, opp["plot_id"], opp["opportunity_id"])
        if occupied:
            report.error(
                "opportunities.csv",
                line,
                "status",
                f"{opp['opportunity_id']} is 'open' but plot {opp['plot_id']} is built or taken: "
                f"{'; '.join(en for en, _ in occupied)}; set the status to taken (or announced_not_realised) or move "
                "the slot to a free plot",
                ru=f"{opp['opportunity_id']} отмечена как «open», но участок {opp['plot_id']} застроен или занят: "
                f"{'; '.join(ru for _, ru in occupied)}; поставьте статус taken (или announced_not_realised) или "
                "перенесите слот на свободный участок",
            )


def _check_plot_links(tables: dict[str, pd.DataFrame], rows_of: dict[str, list[int]], report: Report) -> None:
    fac, plots = tables.get("facilities"), tables.get("plots")
    if fac is None or "plot_provenance" not in fac:
        return
    plot_prov = (
        dict(zip(plots["plot_id"], plots["provenance"], strict=True)) if plots is not None and len(plots) else {}
    )
    for line, f in _rows(fac, rows_of.get("facilities", [])):
        plot, link = f.get("plot_id"), f.get("plot_provenance")
        if isinstance(plot, str) and not isinstance(link, str):
            report.error(
                "facilities.csv",
                line,
                "plot_provenance",
                f"{f['facility_id']} is placed on plot {plot} but plot_provenance is empty; say what the link rests "
                "on: sourced (a source places it there), derived or illustrative",
                ru=f"{f['facility_id']} размещён на участке {plot}, но plot_provenance пуст; укажите основание "
                "привязки: sourced (источник помещает объект туда), derived или illustrative",
            )
        elif isinstance(link, str) and not isinstance(plot, str):
            report.warning(
                "facilities.csv",
                line,
                "plot_provenance",
                f"plot_provenance is '{link}' but plot_id is empty; clear it or fill in the plot",
                ru=f"plot_provenance = «{link}», но plot_id пуст; очистите его или укажите участок",
            )
        elif link == "sourced" and plot_prov.get(plot) == "illustrative":
            report.error(
                "facilities.csv",
                line,
                "plot_provenance",
                f"{f['facility_id']}'s link to plot {plot} is 'sourced', but {plot} is an illustrative plot that no "
                "source describes; set plot_provenance to illustrative (or derived, if a source places the facility "
                "next to another one)",
                ru=f"привязка {f['facility_id']} к участку {plot} отмечена «sourced», но {plot} — иллюстративный "
                "участок, которого нет в источниках; укажите plot_provenance illustrative (или derived, если источник "
                "помещает объект рядом с другим)",
            )


# --- contacts ---------------------------------------------------------------------------------


def _check_contacts(frame: pd.DataFrame | None, lines: list[int], report: Report) -> None:
    for line, row in _rows(frame, lines):
        email, phone = row.get("email"), row.get("phone")
        if isinstance(email, str) and not EMAIL_ADDRESS.match(email):
            report.error(
                "contacts.csv",
                line,
                "email",
                f"'{email}' is not an e-mail address; write it as name@domain.org or leave the cell empty",
                ru=f"«{email}» — не адрес эл. почты; запишите его как name@domain.org или оставьте ячейку пустой",
            )
        if isinstance(phone, str) and not PHONE_NUMBER.match(phone):
            report.error(
                "contacts.csv",
                line,
                "phone",
                f"'{phone}' is not a phone number in international format; write it as +7 495 123-45-67 or leave the "
                "cell empty",
                ru=f"«{phone}» — не телефон в международном формате; запишите его как +7 495 123-45-67 или оставьте "
                "ячейку пустой",
            )
        bad = [code for code in _codes(row.get("languages")) if not _LANGUAGE.match(code)]
        if bad:
            report.error(
                "contacts.csv",
                line,
                "languages",
                f"{', '.join(bad)}: use two-letter lower-case language codes (ISO 639-1) such as en;ru",
                ru=f"{', '.join(bad)}: используйте двухбуквенные коды языков ISO 639-1 строчными буквами, например en;ru",
            )


def _codes(value) -> Iterable[str]:
    return value if isinstance(value, tuple) else ()


# --- presenter scenes ---------------------------------------------------------------------------

# URL parameters naming a row of another table: (table, key column, English and Russian name).
_SCENE_PARAM_REFS = {
    "plot": ("plots", "plot_id", "plot", "участка"),
    "opp": ("opportunities", "opportunity_id", "opportunity", "возможности"),
    "stage": ("stages", "stage_id", "stage", "этапа"),
}


def _known(tables: dict[str, pd.DataFrame], name: str, key: str) -> set[str]:
    frame = tables.get(name)
    return set(frame[key].dropna()) if frame is not None and len(frame) else set()


def _check_scenes(tables: dict[str, pd.DataFrame], lines: list[int], report: Report) -> None:
    kpis = set(schema.SCENE_KPIS) | _known(tables, "facts", "fact_id")
    for line, row in _rows(tables.get("scenes"), lines):
        sid = row.get("scene_id")
        unknown = [key for key in row.get("kpis") or () if key not in kpis]
        if unknown:
            allowed = ", ".join([*schema.SCENE_KPIS, *sorted(kpis - set(schema.SCENE_KPIS))])
            report.error(
                "scenes.csv",
                line,
                "kpis",
                f"unknown big number(s) {', '.join(unknown)} in scene {sid}; use fact_ids of facts.csv or: {allowed}",
                ru=f"неизвестные ключевые цифры {', '.join(unknown)} в сцене {sid}; укажите fact_id из facts.csv "
                f"или: {allowed}",
            )
        _check_scene_kind(row, line, report)
        _check_scene_params(tables, row, line, report)
        _check_scene_points(row, line, report)


def _check_scene_kind(row, line: int, report: Report) -> None:
    sid, kind = row.get("scene_id"), row.get("kind")
    if kind == "kpis" and not row.get("kpis"):
        report.error(
            "scenes.csv",
            line,
            "kpis",
            f"scene {sid} is a kpis scene but lists no big numbers; list them separated by ';' (e.g. "
            "site_area_ha;open_opportunities)",
            ru=f"сцена {sid} типа kpis, но ключевые цифры не указаны; перечислите их через ';' (например, "
            "site_area_ha;open_opportunities)",
        )
    if kind == "opportunity" and not isinstance(row.get("opportunity_id"), str):
        report.error(
            "scenes.csv",
            line,
            "opportunity_id",
            f"scene {sid} shows one opportunity but opportunity_id is empty; fill in an opportunity_id of "
            "opportunities.csv (or use kind opportunities for all open ones)",
            ru=f"сцена {sid} показывает одну возможность, но opportunity_id пуст; укажите opportunity_id из "
            "opportunities.csv (или тип opportunities для всех открытых)",
        )


def _check_scene_params(tables: dict[str, pd.DataFrame], row, line: int, report: Report) -> None:
    sid = row.get("scene_id")
    try:
        params = scenes.parse_params(row.get("params"))
    except ValueError as exc:
        report.error(
            "scenes.csv",
            line,
            "params",
            f"{exc} in scene {sid}; write parameters as key=value joined by & (e.g. stage=S1&kind=hospital)",
            ru=f"{exc} в сцене {sid}; запишите параметры как ключ=значение через & (например, stage=S1&kind=hospital)",
        )
        return
    for key, value in params.items():
        if key in scenes.RESERVED_PARAMS:
            report.error(
                "scenes.csv",
                line,
                "params",
                f"'{key}' is set by the presenter in scene {sid}; remove it from params"
                + (" and use the lang column" if key == "lang" else ""),
                ru=f"«{key}» задаёт сам режим презентации (сцена {sid}); удалите его из params"
                + (" и используйте столбец lang" if key == "lang" else ""),
            )
        elif key in _SCENE_PARAM_REFS:
            table, column, what, what_ru = _SCENE_PARAM_REFS[key]
            for item in (v.strip() for v in value.split(",") if v.strip()):
                if item not in _known(tables, table, column):
                    report.error(
                        "scenes.csv",
                        line,
                        "params",
                        f"scene {sid} names the unknown {what} '{item}' ({key}={value}); use a {column} of "
                        f"{schema.TABLES[table].filename}",
                        ru=f"сцена {sid} ссылается на неизвестный идентификатор {what_ru} «{item}» ({key}={value}); "
                        f"укажите {column} из {schema.TABLES[table].filename}",
                    )
    section = params.get("section")
    if row.get("kind") == "legal" and section is not None and section not in scenes.LEGAL_SECTIONS:
        report.error(
            "scenes.csv",
            line,
            "params",
            f"a legal slide shows section={' or section='.join(scenes.LEGAL_SECTIONS)}, not section={section} "
            f"(scene {sid}); change it or leave section out",
            ru=f"правовой слайд показывает section={' или section='.join(scenes.LEGAL_SECTIONS)}, а не "
            f"section={section} (сцена {sid}); исправьте или уберите section",
        )


def _check_scene_points(row, line: int, report: Report) -> None:
    sid = row.get("scene_id")
    filled = 0
    for n in range(1, schema.SCENE_POINTS + 1):
        en, ru = (_present(row.get(f"point{n}_{code}")) for code in ("en", "ru"))
        filled += en and ru
        if en != ru:
            empty, given = (f"point{n}_ru", f"point{n}_en") if en else (f"point{n}_en", f"point{n}_ru")
            report.error(
                "scenes.csv",
                line,
                empty,
                f"talking point {n} of scene {sid} is in {given} but {empty} is empty; write it in both languages "
                "or clear both",
                ru=f"тезис {n} сцены {sid} есть в {given}, но {empty} пуст; напишите его на обоих языках или "
                "очистите оба",
            )
    if filled < 2:
        report.warning(
            "scenes.csv",
            line,
            "point1_en",
            f"scene {sid} has {filled} talking point(s); a slide reads best with 2 to 4",
            ru=f"у сцены {sid} тезисов: {filled}; слайд лучше читается с 2–4 тезисами",
        )
