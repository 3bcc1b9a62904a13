"""A file a staff member wants to publish: checked with the other published files, compared, explained.

:func:`validate_candidate` is the one check of every edit (in-app editor, CSV, .xlsx or
GeoJSON upload, restore). It puts the candidate beside copies of the other data files in
a temporary folder and runs the one loader on it, with the upload's own checks:

* the file must be the chosen table (a plots file uploaded as facilities is named as such);
* formula-looking text and markup are refused (:mod:`.cell_safety`);
* characters lost by a Windows-1251 save (``²`` → ``?``) are named per cell and refused;
* the version it was made from is found from its content (:mod:`.history`): edits made
  since by colleagues that it would undo are listed, and publishing needs an explicit
  choice (:func:`keep_their_edits` or :func:`overwrite_their_edits`);
* emptying a table or removing most of its rows needs an explicit confirmation.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine

from .. import schema
from ..csvio import check_size, decode_text, parse_table
from ..findings import Finding, Report
from ..load import Dataset, data_files, data_fingerprint, load_dataset
from ..workbook import is_workbook, workbook_to_csv
from . import history
from .canonical import Cells, feature_cells, frame_to_csv, keyed_cells
from .cell_safety import check_text_cells
from .diff import Change, Diff, diff_cells, diff_features
from .targets import Target, bytes_hash, targets

REMOVAL_SHARE = 0.5  # removing more than this share of the rows needs a confirmation


@dataclass
class Candidate:
    """A file a staff member wants to publish, with its findings, its diff and what it would undo.

    ``content`` is the canonical bytes to write (``None`` when the candidate has errors);
    ``base_hash`` is the hash of the version the edit started from: publishing refuses it
    unless that is still the published file (or the staff member chose to overwrite).
    """

    target: Target
    raw: bytes
    report: Report
    base_hash: str
    content: bytes | None = None
    diff: Diff = field(default_factory=Diff)
    rows_before: int | None = None
    rows_after: int | None = None
    others: tuple = ()
    upload_name: str | None = None
    base: history.Base | None = None
    checked_against: str = ""  # hash of the published file when the candidate was checked
    mine: Cells = field(default_factory=dict)
    removal_confirmed: bool = False
    # Warnings that a sourced figure changed under its old citation: the one kind of warning that is about
    # this edit, not a spreadsheet's habits, so the Data page shows them first, unfolded.
    unsourced_changes: tuple[Finding, ...] = ()

    @property
    def ok(self) -> bool:
        """True when the candidate has no error (it may still need a choice or a confirmation)."""
        return self.content is not None and self.report.ok

    @property
    def overwrites(self) -> tuple[history.Overwrite, ...]:
        """Colleagues' edits, made after the version this file came from, that publishing would undo."""
        return self.base.overwrites if self.base is not None else ()

    @property
    def needs_removal_confirmation(self) -> bool:
        """Whether publishing empties the table or removes most of its rows."""
        before = self.rows_before or 0
        removed = len(self.diff.removed)
        return before > 0 and (self.rows_after == 0 or removed > before * REMOVAL_SHARE)

    @property
    def ready(self) -> bool:
        """Whether :func:`imc_data.publish.publish` will accept it now (no errors, choices made)."""
        removal_ok = self.removal_confirmed or not self.needs_removal_confirmation
        return self.ok and removal_ok and not self.overwrites


def validate_candidate(
    raw: bytes,
    target_name: str,
    data_dir: Path,
    *,
    base_hash: str | None = None,
    upload_name: str | None = None,
    engine: Engine | None = None,
) -> Candidate:
    """Validate ``raw`` as a new version of one data file, together with the other published files.

    Parameters
    ----------
    raw : bytes
        The file as uploaded (CSV, .xlsx or GeoJSON) or as written by the data editor.
    target_name : str
        Which file it replaces: a table name (``facilities``) or ``plots_geo`` / ``site_geo``.
    data_dir : Path
        The published data folder.
    base_hash : str, optional
        Hash of the version the edit started from, when known (the in-app editor); otherwise
        found from the content (:mod:`.history`).
    upload_name : str, optional
        Name of the uploaded file; findings about the candidate are reported under it.
    engine : Engine, optional
        Database of the audit log (who made the edits a stale file would undo).

    Returns
    -------
    Candidate
        With findings (row numbers as in ``raw``), and when valid the canonical content, the
        diff, and the colleagues' edits it would undo.
    """
    data_dir = Path(data_dir)
    target = targets()[target_name]
    published = data_dir / target.filename
    current_raw = published.read_bytes() if published.exists() else None
    current_hash = bytes_hash(current_raw) if current_raw is not None else ""
    name = upload_name or target.filename
    candidate = Candidate(target, raw, Report(), current_hash, upload_name=name, checked_against=current_hash)
    text = _as_text_file(raw, target, name, candidate.report)
    if text is None:
        return candidate
    dataset = _check_with_the_other_files(text, target, data_dir, candidate)
    read = (lambda b: keyed_cells(b, schema.TABLES[target.name])[0]) if target.kind == "csv" else None
    read = read or (lambda b: feature_cells(b, target.key))
    # The file is read into cells once; a table's checks below also need each row's line in the file.
    candidate.mine, rows = keyed_cells(text, schema.TABLES[target.name]) if target.kind == "csv" else (read(text), {})
    if target.kind == "csv" and _refused_as_emptied(candidate, read, current_raw, name):
        return candidate
    known = history.versions(current_raw, target, data_dir, read)
    base = history.find_base(candidate.mine, known, base_hash)
    if target.kind == "csv" and base is not None:
        _check_lost_characters(candidate.mine, rows, base, name, candidate.report)
    if not candidate.report.ok:
        return candidate
    candidate.content = _canonical(text, target, dataset)
    _compare(candidate, dataset, current_raw, data_dir)
    if target.kind == "csv":
        _check_sources_follow_values(rows, target, name, candidate)
    if base is not None:
        candidate.base = history.Base(base, history.overwrites(candidate.mine, base, known, engine, target.name))
        candidate.base_hash = base.digest
    return candidate


def _refused_as_emptied(candidate: Candidate, read, current_raw: bytes | None, name: str) -> bool:
    """Whether a table arrived with its header only while other files refer to its rows (then said once)."""
    errors_elsewhere = candidate.report.errors and all(f.file != name for f in candidate.report.errors)
    if candidate.mine or current_raw is None or not errors_elsewhere:
        return False
    published_rows = len(read(current_raw))
    if not published_rows:
        return False
    # A sound file with only its header, and other files refer to the rows it would remove: a wrong sheet
    # or a lost paste, not an edit. Said once, instead of an error in every file that refers to them. (A
    # table nothing refers to may be emptied, after a confirmation; a file with errors of its own keeps
    # them, as they say what is wrong.)
    candidate.report = Report()
    candidate.report.error(
        name,
        None,
        None,
        f"the file has its header but no rows, so all {published_rows} rows of the table would be removed, and "
        "other tables refer to them; check that you saved the right sheet, then upload the table with its rows",
        f"в файле есть заголовок, но нет строк — были бы удалены все строки таблицы ({published_rows}), а на них "
        "ссылаются другие таблицы; проверьте, тот ли лист сохранён, и загрузите таблицу со строками",
    )
    return True


def _as_text_file(raw: bytes, target: Target, name: str, report: Report) -> bytes | None:
    """The candidate as CSV or GeoJSON text bytes (a workbook converted), or ``None`` when refused."""
    if not check_size(len(raw), name, report):
        return None
    if target.kind == "geojson":
        decoded = None if is_workbook(raw) else decode_text(raw, name, Report())
        if decoded is None or not decoded.text.lstrip().startswith("{"):
            report.error(
                name,
                None,
                None,
                f"{target.title_en} must be a GeoJSON file (exported from a GIS program in EPSG:4326), not a "
                "table or a workbook",
                f"«{target.title_ru}» — это файл GeoJSON (выгрузка из ГИС в EPSG:4326), а не таблица или книга Excel",
            )
            return None
        return raw
    if is_workbook(raw):
        raw = workbook_to_csv(raw, name, report, schema.TABLES[target.name])
        if raw is None or not report.ok:
            return None
    elif raw.lstrip().startswith(b"{"):
        report.error(
            name,
            None,
            None,
            f"this is a GeoJSON (map) file; {target.title_en} is a table — upload it as CSV or .xlsx, or choose "
            "a boundaries file above",
            f"это файл GeoJSON (карта), а «{target.title_ru}» — таблица; загрузите её как CSV или .xlsx или "
            "выберите выше файл границ",
        )
        return None
    return raw if _is_the_chosen_table(raw, target, name, report) else None


def _is_the_chosen_table(raw: bytes, target: Target, name: str, report: Report) -> bool:
    parsed = parse_table(raw, name, Report())
    if parsed is None:
        return True  # the loader names what is wrong with it
    header = set(parsed.header)

    def share(table: schema.Table) -> float:
        return len(header & set(table.names)) / len(table.names)

    best = max(schema.TABLES.values(), key=share)
    chosen = schema.TABLES[target.name]
    if best is chosen or share(chosen) >= 0.5 or share(best) < 0.8:
        return True
    report.error(
        name,
        1,
        None,
        f"this looks like {best.filename} ({best.title_en}), not {chosen.filename}: its columns are those of "
        f'{best.filename}. Choose "{best.title_en}" in the file list above, or upload the {chosen.title_en} file',
        f"это похоже на {best.filename} («{best.title_ru}»), а не на {chosen.filename}: столбцы как в "
        f"{best.filename}. Выберите «{best.title_ru}» в списке файлов выше или загрузите файл «{chosen.title_ru}»",
    )
    return False


def _check_with_the_other_files(text: bytes, target: Target, data_dir: Path, candidate: Candidate) -> Dataset:
    with tempfile.TemporaryDirectory(prefix="imc-candidate-") as tmp:
        folder = Path(tmp)
        for filename in data_files():
            if filename != target.filename and (data_dir / filename).exists():
                shutil.copyfile(data_dir / filename, folder / filename)
        (folder / target.filename).write_bytes(text)
        dataset = load_dataset(folder)
    report = _own_errors(dataset.report, target, data_dir)
    if target.kind == "csv":
        check_text_cells(text, schema.TABLES[target.name], target.filename, report)
    candidate.report = report.renamed(target.filename, candidate.upload_name or target.filename)
    candidate.others = tuple(item for item in data_fingerprint(data_dir) if item[0] != target.filename)
    return dataset


def _own_errors(report: Report, target: Target, data_dir: Path) -> Report:
    """Errors in other files that the published folder already has become warnings: they are not this file's.

    With two files broken on disk, each fix (or restore) must be publishable on its own;
    errors the candidate causes in other files (a reference it breaks) stay errors.
    """
    if all(f.file == target.filename for f in report.errors):
        return report
    on_disk = {(f.file, f.row, f.column, f.message) for f in load_dataset(data_dir).report.errors}
    out = Report()
    for f in report.findings:
        if f.severity == "error" and f.file != target.filename and (f.file, f.row, f.column, f.message) in on_disk:
            out.warning(
                f.file,
                f.row,
                f.column,
                f"already wrong in the published files, not caused by this upload — fix that file too: {f.message}",
                f"уже есть в опубликованных файлах, а не вызвано этой загрузкой, — исправьте и тот файл: {f.text('ru')}",
            )
        else:
            out.findings.append(f)
    return out


def _check_lost_characters(
    cells: Cells, rows: dict[str, int], base: history.Version, name: str, report: Report
) -> None:
    """Name each cell where a save in a narrower encoding replaced characters by ``?``.

    Windows-1251 ("CSV" in Russian Excel) cannot hold ``²`` or ``€``; a Western code page (a
    spreadsheet's default CSV charset elsewhere) cannot hold Cyrillic. Either way the cell is
    the published text with some characters turned into ``?`` — compared with the version the
    file was made from, so a real question mark typed by staff is never refused.
    """
    for key, row in cells.items():
        before = base.cells.get(key, {})
        for column, value in row.items():
            old = before.get(column, "")
            lost = _replaced_by_question_marks(old, value)
            if not lost:
                continue
            excerpt = old if len(old) <= 60 else old[:57] + "…"
            report.error(
                name,
                rows[key],
                column,
                f"'{lost}' became '?' in '{excerpt}': the file was saved in an encoding that cannot hold these "
                "characters (Windows-1251 or another code page). Save the table as 'CSV UTF-8' or as .xlsx and "
                "upload it again",
                f"«{lost}» превратилось в «?» в тексте «{excerpt}»: файл сохранён в кодировке, где этих символов "
                "нет (Windows-1251 или другой). Сохраните таблицу как «CSV UTF-8» или .xlsx и загрузите снова",
            )


# What a source states: numbers, dates and statuses. Names and notes are wording (a typo may be fixed
# without a new source); the bookkeeping columns are what this check asks to be updated.
_STATED_KINDS = frozenset({"int", "float", "date", "choice"})
_BOOKKEEPING = frozenset({"source_ids", "as_of", "as_of_precision", "provenance"})


def _check_sources_follow_values(rows: dict[str, int], target: Target, name: str, candidate: Candidate) -> None:
    """Warn where a sourced row's figure changed but its sources and ``as_of`` date did not.

    Visitors read a row marked ``sourced`` as what its sources say; a new number under the old
    citation would show a figure its own source contradicts. A warning, not an error: staff may be
    correcting a figure to match the source already cited.
    """
    table = schema.TABLES[target.name]
    if not set(table.names) >= _BOOKKEEPING:
        return
    stated = {c.name for c in table.columns if c.kind in _STATED_KINDS and c.name not in _BOOKKEEPING}
    changed: dict[str, dict[str, Change]] = {}
    for change in candidate.diff.changed:
        changed.setdefault(change.key, {})[change.column] = change
    before = len(candidate.report.findings)
    for key, columns in changed.items():
        if candidate.mine.get(key, {}).get("provenance") != "sourced" or {"source_ids", "as_of"} & set(columns):
            continue
        for column in (c for c in table.names if c in stated and c in columns):
            old, new = columns[column].old, columns[column].new
            candidate.report.warning(
                name,
                rows.get(key),
                column,
                f"{column} changed ({old} → {new}) but the row's source_ids and as_of did not: the row is marked "
                "'sourced', so visitors read the new value as what its sources say. Add the source of the new value "
                "to source_ids and give as_of its date, or mark the row's provenance 'derived' or 'illustrative'",
                f"{column} изменено ({old} → {new}), а source_ids и as_of строки — нет: строка помечена как "
                "sourced, и посетители прочтут новое значение как данные её источников. Добавьте источник нового "
                "значения в source_ids и обновите as_of или укажите provenance derived или illustrative",
            )
    candidate.unsourced_changes = tuple(candidate.report.findings[before:])


def _replaced_by_question_marks(old: str, new: str) -> str:
    """The characters of ``old`` that are ``?`` in ``new`` when that is the only difference (else empty)."""
    if old == new or len(old) != len(new) or "?" not in new:
        return ""
    if any(a != b and b != "?" for a, b in zip(old, new, strict=True)):
        return ""
    lost = "".join(dict.fromkeys(a for a, b in zip(old, new, strict=True) if a != b))
    return lost if len(lost) <= 6 else lost[:6] + "…"


def _canonical(text: bytes, target: Target, dataset: Dataset) -> bytes:
    if target.kind == "csv":
        return frame_to_csv(dataset[target.name], schema.TABLES[target.name])
    decoded = decode_text(text, target.filename, Report())
    return decoded.text.encode("utf-8") if decoded is not None else text


def _compare(candidate: Candidate, dataset: Dataset, current_raw: bytes | None, data_dir: Path) -> None:
    target = candidate.target
    if target.kind == "csv":
        table = schema.TABLES[target.name]
        old, _rows = keyed_cells(current_raw, table) if current_raw is not None else ({}, {})
        new, _rows = keyed_cells(candidate.content, table)
        candidate.diff = diff_cells(old, new)
        candidate.rows_before = len(old) if current_raw is not None else None
        candidate.rows_after = len(dataset[target.name])
        return
    candidate.diff = diff_features(current_raw, candidate.content, target.key)
    layer = dataset.plots_geo if target.name == "plots_geo" else dataset.site_geo
    candidate.rows_before = len(feature_cells(current_raw, target.key)) if current_raw is not None else None
    candidate.rows_after = len(layer)


def keep_their_edits(candidate: Candidate, data_dir: Path, *, engine: Engine | None = None) -> Candidate:
    """A new candidate: the published table with only this file's own changes applied (CSV tables).

    The colleagues' edits listed in ``candidate.overwrites`` stay; the result is checked like
    any candidate, and its diff shows exactly what this staff member changed.
    """
    if candidate.base is None or candidate.target.kind != "csv":
        raise ValueError("only a checked table with a known base can be merged")
    table = schema.TABLES[candidate.target.name]
    published = Path(data_dir) / candidate.target.filename
    current_raw = published.read_bytes() if published.exists() else b""
    current = history.Version(bytes_hash(current_raw), keyed_cells(current_raw, table)[0])
    raw = history.merged_csv(candidate.mine, candidate.base.version, current, table)
    return validate_candidate(
        raw, candidate.target.name, data_dir, base_hash=current.digest, upload_name=candidate.upload_name, engine=engine
    )


def overwrite_their_edits(candidate: Candidate) -> None:
    """Accept that publishing undoes the listed colleagues' edits (an explicit choice of the staff member).

    Only the edits listed when the file was checked are accepted: if the table is published
    again meanwhile, publishing still refuses with a conflict.
    """
    if candidate.base is not None:
        candidate.base = history.Base(candidate.base.version, ())
    candidate.base_hash = candidate.checked_against
