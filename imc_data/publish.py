"""Staff writes to the data folder: validate a candidate file, show its diff, publish it atomically.

The path of every edit (data editor, CSV / GeoJSON upload, Excel round-trip, restore):

1. :func:`validate_candidate` puts the candidate bytes beside copies of the other data
   files in a temporary folder and runs the one loader/validator
   (:func:`imc_data.load.load_dataset`) on it, plus the cell checks of
   :func:`check_text_cells`; row numbers are those of the file the staff member sent.
2. A valid candidate is rewritten in the canonical form (UTF-8, comma-separated,
   ISO dates, ``.`` decimals) and compared with the published file: :class:`Diff`.
3. :func:`publish` takes a lock, refuses to overwrite a file that changed since the
   edit started (content hash, :class:`ConflictError`), keeps a timestamped backup,
   writes a temporary file and moves it into place with :func:`os.replace` (readers
   see the old file or the new one, never half of one) and records the write in the
   audit log. :func:`restore` publishes a backup through the same path.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import hashlib
import io
import json
import math
import os
import re
import shutil
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from sqlalchemy import Engine

from . import audit, schema
from .csvio import decode, parse_text
from .findings import Report
from .load import Dataset, data_fingerprint, load_dataset

try:  # POSIX
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None

MAX_UPLOAD_BYTES = 2 * 1024 * 1024  # the largest table is a few dozen kB; 2 MB leaves room for detailed GeoJSON
BACKUP_DIRNAME = ".backups"
CHUNK_BYTES = 64 * 1024
_FORMULA_START = ("=", "+", "@", "\t", "\r")
_HTML = re.compile(r"<\s*/?\s*[A-Za-z!][^>]*>|javascript:", re.IGNORECASE)
_thread_lock = threading.Lock()


@dataclass(frozen=True)
class Target:
    """A file staff may replace: a CSV table or a GeoJSON layer."""

    name: str
    filename: str
    key: str
    kind: str  # "csv" or "geojson"
    title_en: str
    title_ru: str


def targets() -> dict[str, Target]:
    """Every editable file, by name (table names and ``plots_geo`` / ``site_geo``)."""
    out = {t.name: Target(t.name, t.filename, t.key, "csv", t.title_en, t.title_ru) for t in schema.TABLES.values()}
    titles = {"plots_geo": ("Plot boundaries", "Границы участков"), "site_geo": ("Site outline", "Контур территории")}
    for name, layer in schema.GEO_LAYERS.items():
        en, ru = titles.get(name, (name, name))
        out[name] = Target(name, layer["filename"], layer["key"], "geojson", en, ru)
    return out


def data_files() -> list[str]:
    """File names of every table and layer of the data folder."""
    return [t.filename for t in targets().values()]


def file_hash(path: Path) -> str:
    """SHA-256 of a file's bytes (empty string when it does not exist)."""
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except FileNotFoundError:
        return ""


# --------------------------------------------------------------------------- canonical form


def cell_text(value, column: schema.Column) -> str:
    """The canonical text of a typed value (``2018-09-05``, ``57.6``, ``yes``, ``A;B``; empty for missing)."""
    if column.kind == "ids":
        return ";".join(value) if isinstance(value, tuple | list) else ("" if _missing(value) else str(value))
    if _missing(value):
        return ""
    if column.kind == "date":
        return pd.Timestamp(value).date().isoformat()
    if column.kind == "int":
        return str(int(value))
    if column.kind == "float":
        text = repr(float(value))
        return text[:-2] if text.endswith(".0") else text
    if column.kind == "bool":
        return "yes" if bool(value) else "no"
    return str(value)


def _missing(value) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and math.isnan(value)


def frame_to_csv(frame: pd.DataFrame, table: schema.Table) -> bytes:
    """Write a typed table in the canonical form: UTF-8, comma-separated, schema column order."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(table.names)
    for row in frame.itertuples(index=False):
        values = row._asdict() if hasattr(row, "_asdict") else dict(zip(frame.columns, row, strict=True))
        writer.writerow([cell_text(values.get(c.name), c) for c in table.columns])
    return buffer.getvalue().encode("utf-8")


# --------------------------------------------------------------------------- checks beyond the loader


def check_text_cells(raw: bytes, table: schema.Table, file: str, report: Report, severity: str = "error") -> None:
    """Refuse text that a spreadsheet would run as a formula, and markup in any text cell.

    Text is always shown as text, so markup would not run; it is refused anyway because
    nobody types ``<script>`` into a facility name on purpose (it is a paste accident or an
    attack), and a formula-looking cell would run when the table is opened in Excel.
    """
    parsed = parse_text(raw, file, Report())
    if parsed is None:
        return
    header, rows = parsed
    note = report.error if severity == "error" else report.warning
    text_columns = {c.name for c in table.columns if c.kind in ("text", "url")}
    positions = {name: i for i, name in enumerate(header) if name in text_columns}
    for line, cells in rows:
        for name, pos in positions.items():
            text = cells[pos].strip()
            if not text:
                continue
            if _formula_like(text) or (text[0] == "'" and _formula_like(text[1:])):
                note(
                    file,
                    line,
                    name,
                    f"'{text[:40]}' starts with '{text[0]}', so a spreadsheet would treat it as a formula; "
                    "reword it so it starts with a letter or digit",
                )
            elif _HTML.search(text):
                note(
                    file,
                    line,
                    name,
                    f"'{text[:40]}' contains HTML or a script link; write plain text (no <tags>, no javascript:)",
                )


def _formula_like(text: str) -> bool:
    if text.startswith(_FORMULA_START):
        return True
    return text.startswith("-") and len(text) > 1 and not _is_number(text)


def _is_number(text: str) -> bool:
    try:
        float(text.replace(",", "."))
    except ValueError:
        return False
    return True


def validate_folder(data_dir: Path) -> Report:
    """Validate a whole data folder: the loader's findings plus :func:`check_text_cells` as warnings.

    Markup and formula-looking text are warnings here (on disk they are shown as text and
    exported neutralised) but errors in :func:`validate_candidate`, so staff cannot add them.
    """
    data_dir = Path(data_dir)
    report = load_dataset(data_dir).report
    for table in schema.TABLES.values():
        path = data_dir / table.filename
        if path.is_file() and path.stat().st_size <= MAX_UPLOAD_BYTES:
            check_text_cells(path.read_bytes(), table, table.filename, report, severity="warning")
    return report


# --------------------------------------------------------------------------- diff


@dataclass(frozen=True)
class Change:
    """One changed cell: row key, column, old and new canonical text."""

    key: str
    column: str
    old: str
    new: str


@dataclass(frozen=True)
class Diff:
    """Rows added, removed and cells changed between the published file and a candidate."""

    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    changed: tuple[Change, ...] = ()

    @property
    def changed_rows(self) -> tuple[str, ...]:
        """Keys of rows with at least one changed cell, in order."""
        return tuple(dict.fromkeys(c.key for c in self.changed))

    @property
    def empty(self) -> bool:
        """True when the candidate equals the published file."""
        return not (self.added or self.removed or self.changed)


def diff_frames(old: pd.DataFrame, new: pd.DataFrame, table: schema.Table) -> Diff:
    """Compare two typed frames of ``table`` by their key column."""
    old_rows = _rows_by_key(old, table)
    new_rows = _rows_by_key(new, table)
    added = tuple(k for k in new_rows if k not in old_rows)
    removed = tuple(k for k in old_rows if k not in new_rows)
    changed = []
    for key, row in new_rows.items():
        before = old_rows.get(key)
        if before is None:
            continue
        for col in table.columns:
            if before[col.name] != row[col.name]:
                changed.append(Change(key, col.name, before[col.name], row[col.name]))
    return Diff(added, removed, tuple(changed))


def _rows_by_key(frame: pd.DataFrame, table: schema.Table) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for record in frame.to_dict("records"):
        key = record.get(table.key)
        if _missing(key):
            continue
        out[str(key)] = {c.name: cell_text(record.get(c.name), c) for c in table.columns}
    return out


def diff_features(old: bytes | None, new: bytes, key: str) -> Diff:
    """Compare two GeoJSON FeatureCollections feature by feature (by the ``key`` property)."""

    def index(raw: bytes | None) -> dict[str, dict[str, str]]:
        if not raw:
            return {}
        text = raw.decode("utf-8-sig", errors="replace")
        try:
            doc = json.loads(text)
        except json.JSONDecodeError:
            return {}
        out = {}
        for feature in doc.get("features", []) if isinstance(doc, dict) else []:
            props = feature.get("properties") or {}
            k = str(props.get(key, ""))
            out[k] = {
                "properties": json.dumps(props, ensure_ascii=False, sort_keys=True),
                "geometry": json.dumps(feature.get("geometry"), sort_keys=True),
            }
        return out

    before, after = index(old), index(new)
    changed = [
        Change(k, part, before[k][part][:80], after[k][part][:80])
        for k in after
        if k in before
        for part in ("properties", "geometry")
        if before[k][part] != after[k][part]
    ]
    return Diff(tuple(k for k in after if k not in before), tuple(k for k in before if k not in after), tuple(changed))


# --------------------------------------------------------------------------- candidate


@dataclass
class Candidate:
    """A file a staff member wants to publish, with its findings and diff.

    ``content`` is the canonical bytes to write (``None`` when the candidate has errors);
    ``base_hash`` is the hash of the published file the edit started from.
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

    @property
    def ok(self) -> bool:
        """True when the candidate can be published."""
        return self.content is not None and self.report.ok


def validate_candidate(
    raw: bytes,
    target_name: str,
    data_dir: Path,
    *,
    base_hash: str | None = None,
    upload_name: str | None = None,
) -> Candidate:
    """Validate ``raw`` as a new version of one data file, together with the other published files.

    Parameters
    ----------
    raw : bytes
        The file as uploaded (or as written from the data editor).
    target_name : str
        Which file it replaces: a table name (``facilities``) or ``plots_geo`` / ``site_geo``.
    data_dir : Path
        The published data folder.
    base_hash : str, optional
        Hash of the published file when the edit started (default: the file as it is now).
    upload_name : str, optional
        Name of the uploaded file; findings about the candidate are reported under it.

    Returns
    -------
    Candidate
        With findings (row numbers as in ``raw``), and when valid the canonical content and the diff.
    """
    data_dir = Path(data_dir)
    target = targets()[target_name]
    published = data_dir / target.filename
    current_hash = file_hash(published)
    name = upload_name or target.filename
    candidate = Candidate(target, raw, Report(), base_hash if base_hash is not None else current_hash, upload_name=name)
    if len(raw) > MAX_UPLOAD_BYTES:
        candidate.report.error(
            name,
            None,
            None,
            f"the file is {len(raw) // 1024} kB, over the {MAX_UPLOAD_BYTES // 1024} kB upload limit; "
            "upload only this table, saved as CSV (or GeoJSON for boundaries)",
        )
        return candidate
    with tempfile.TemporaryDirectory(prefix="imc-candidate-") as tmp:
        folder = Path(tmp)
        for filename in data_files():
            if filename != target.filename and (data_dir / filename).exists():
                shutil.copyfile(data_dir / filename, folder / filename)
        (folder / target.filename).write_bytes(raw)
        dataset = load_dataset(folder)
        report = dataset.report
        if target.kind == "csv":
            check_text_cells(raw, schema.TABLES[target.name], target.filename, report)
        candidate.report = _rename(report, target.filename, name)
        candidate.others = _others_fingerprint(data_dir, target)
        if not candidate.report.ok:
            return candidate
        candidate.content = _canonical(raw, target, dataset)
    current = load_dataset(data_dir) if published.exists() else None
    if target.kind == "csv":
        table = schema.TABLES[target.name]
        old = current[target.name] if current is not None else pd.DataFrame(columns=table.names)
        candidate.diff = diff_frames(old, dataset[target.name], table)
        candidate.rows_before = len(old)
        candidate.rows_after = len(dataset[target.name])
    else:
        candidate.diff = diff_features(published.read_bytes() if published.exists() else None, raw, target.key)
        layer = dataset.plots_geo if target.name == "plots_geo" else dataset.site_geo
        candidate.rows_before = len(getattr(current, target.name)) if current is not None else None
        candidate.rows_after = len(layer)
    return candidate


def _canonical(raw: bytes, target: Target, dataset: Dataset) -> bytes:
    if target.kind == "csv":
        return frame_to_csv(dataset[target.name], schema.TABLES[target.name])
    text = decode(raw, target.filename, Report()) or ""
    return text.encode("utf-8")


def _rename(report: Report, file: str, name: str) -> Report:
    if file == name:
        return report
    out = Report()
    for f in report.findings:
        (out.error if f.severity == "error" else out.warning)(
            name if f.file == file else f.file, f.row, f.column, f.message
        )
    return out


def _others_fingerprint(data_dir: Path, target: Target) -> tuple:
    return tuple(item for item in data_fingerprint(data_dir) if item[0] != target.filename)


# --------------------------------------------------------------------------- publish


class PublishError(Exception):
    """The candidate cannot be published (it has errors); ``report`` says why."""

    def __init__(self, message: str, report: Report | None = None):
        super().__init__(message)
        self.report = report or Report()


class ConflictError(Exception):
    """The published file changed since the edit started; nothing was written."""

    def __init__(self, filename: str, expected_hash: str, current_hash: str, last: audit.AuditEntry | None):
        who = f" (last write: {last.user}, {last.at:%Y-%m-%d %H:%M} UTC)" if last is not None and last.at else ""
        super().__init__(
            f"{filename} was changed by someone else since you opened it{who}; your version was not written"
        )
        self.filename = filename
        self.expected_hash = expected_hash
        self.current_hash = current_hash
        self.last = last


@dataclass(frozen=True)
class PublishResult:
    """What a publish did."""

    path: Path
    backup: Path | None
    new_hash: str
    entry: audit.AuditEntry


def backup_dir(data_dir: Path) -> Path:
    """Where backups of ``data_dir``'s files are kept (``IMC_BACKUP_DIR`` or ``<data_dir>/.backups``)."""
    value = os.environ.get("IMC_BACKUP_DIR", "").strip()
    return Path(value) if value else Path(data_dir) / BACKUP_DIRNAME


def publish(
    candidate: Candidate,
    data_dir: Path,
    user: str,
    *,
    engine: Engine | None = None,
    action: str = "publish",
) -> PublishResult:
    """Write a validated candidate: conflict check, backup, atomic replace, audit entry.

    Raises
    ------
    PublishError
        The candidate has errors, or no longer validates with files changed meanwhile.
    ConflictError
        The published file is not the one the edit started from; nothing is written,
        and the candidate (with the staff member's content) stays intact.
    """
    if not candidate.ok:
        raise PublishError("the file has errors; fix them before publishing", candidate.report)
    data_dir = Path(data_dir)
    target = candidate.target
    path = data_dir / target.filename
    with _publish_lock(data_dir):
        current = file_hash(path)
        if current != candidate.base_hash:
            last = next(iter(audit.recent(1, engine=engine, table_name=target.name)), None)
            raise ConflictError(target.filename, candidate.base_hash, current, last)
        if _others_fingerprint(data_dir, target) != candidate.others:
            # Another table changed while this one was being edited: check the combination again.
            fresh = validate_candidate(candidate.content, target.name, data_dir, base_hash=candidate.base_hash)
            if not fresh.ok:
                raise PublishError(
                    "other files changed meanwhile and the combination no longer validates", fresh.report
                )
        _remove_stale_temp_files(path)
        backup = make_backup(path, data_dir) if path.exists() else None
        entry = audit.AuditEntry(
            user=user,
            action=action,
            table_name=target.name,
            filename=target.filename,
            rows_before=candidate.rows_before,
            rows_after=candidate.rows_after,
            added=len(candidate.diff.added),
            changed=len(candidate.diff.changed_rows),
            removed=len(candidate.diff.removed),
            backup=backup.name if backup else None,
            old_hash=current,
            new_hash=hashlib.sha256(candidate.content).hexdigest(),
            at=dt.datetime.now(dt.UTC),
        )
        # The audit row commits only if the file was written (the write happens inside the transaction).
        with audit.transaction(engine) as conn:
            audit.record(entry, conn=conn)
            atomic_write(path, candidate.content)
    return PublishResult(path, backup, entry.new_hash, entry)


@contextlib.contextmanager
def _publish_lock(data_dir: Path):
    # One writer at a time per process (threads) and across processes (file lock).
    folder = backup_dir(data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    with _thread_lock, open(folder / ".lock", "a+b") as handle:
        if fcntl is not None:
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            if fcntl is not None:
                fcntl.flock(handle, fcntl.LOCK_UN)


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, flush it to disk, then move it into place."""
    path = Path(path)
    mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        _write_all(fd, data)
        os.fsync(fd)
        os.close(fd)
        fd = -1
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        if fd >= 0:
            os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_dir(path.parent)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view[:CHUNK_BYTES])
        view = view[written:]


def _fsync_dir(folder: Path) -> None:
    # Makes the rename itself durable on POSIX; directories cannot be opened on Windows.
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _remove_stale_temp_files(path: Path) -> None:
    # Left behind only by a writer killed mid-write; the published file itself is always whole.
    for stale in path.parent.glob(f".{path.name}.*.tmp"):
        with contextlib.suppress(OSError):
            stale.unlink()


# --------------------------------------------------------------------------- backups


@dataclass(frozen=True)
class Backup:
    """A saved earlier version of a data file."""

    path: Path
    filename: str
    taken: dt.datetime
    size: int


_BACKUP_NAME = re.compile(r"^(?P<stem>.+)\.(?P<ts>\d{8}T\d{6}\d{6}Z)(?P<suffix>\.[a-z]+)$")


def make_backup(path: Path, data_dir: Path) -> Path:
    """Copy the published ``path`` to ``<backups>/<stem>.<UTC timestamp><suffix>`` (atomically)."""
    folder = backup_dir(data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    taken = dt.datetime.now(dt.UTC)
    target = folder / f"{path.stem}.{taken:%Y%m%dT%H%M%S%f}Z{path.suffix}"
    while target.exists():  # two backups within the same microsecond
        taken += dt.timedelta(microseconds=1)
        target = folder / f"{path.stem}.{taken:%Y%m%dT%H%M%S%f}Z{path.suffix}"
    atomic_write(target, path.read_bytes())
    return target


def list_backups(data_dir: Path, filename: str | None = None) -> list[Backup]:
    """Backups in the backup folder, newest first (optionally of one file)."""
    folder = backup_dir(data_dir)
    out = []
    for path in folder.glob("*") if folder.is_dir() else []:
        m = _BACKUP_NAME.match(path.name)
        if not m:
            continue
        original = f"{m['stem']}{m['suffix']}"
        if filename and original != filename:
            continue
        taken = dt.datetime.strptime(m["ts"], "%Y%m%dT%H%M%S%fZ").replace(tzinfo=dt.UTC)
        out.append(Backup(path, original, taken, path.stat().st_size))
    return sorted(out, key=lambda b: (b.taken, b.path.name), reverse=True)


def restore(
    backup: Backup | Path,
    data_dir: Path,
    user: str,
    *,
    base_hash: str | None = None,
    engine: Engine | None = None,
) -> PublishResult:
    """Publish a backup again (validated first; the current file is backed up in turn)."""
    path = backup.path if isinstance(backup, Backup) else Path(backup)
    m = _BACKUP_NAME.match(path.name)
    if not m:
        raise PublishError(f"{path.name} is not a backup file")
    filename = f"{m['stem']}{m['suffix']}"
    target = next(t for t in targets().values() if t.filename == filename)
    candidate = validate_candidate(path.read_bytes(), target.name, data_dir, base_hash=base_hash)
    if not candidate.ok:
        raise PublishError(f"the backup {path.name} does not validate with the current files", candidate.report)
    return publish(candidate, data_dir, user, engine=engine, action="restore")
