"""Publishing: the conflict check, a backup, the atomic replace and the audit entry, under one lock."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import threading
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine

from .. import audit
from ..findings import Report
from ..load import data_fingerprint
from . import atomic
from .backups import backup_dir, backup_of, make_backup
from .candidate import Candidate, validate_candidate
from .targets import file_hash, targets

try:  # POSIX
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None

_thread_lock = threading.Lock()


class PublishError(Exception):
    """The candidate cannot be published; :meth:`text` says why, ``report`` lists the findings."""

    def __init__(self, message: str, report: Report | None = None, ru: str | None = None):
        super().__init__(message)
        self.report = report or Report()
        self.ru = ru or message

    def text(self, lang: str = "en") -> str:
        """The reason in ``lang``."""
        return self.ru if lang == "ru" else str(self)


class ConfirmationRequiredError(PublishError):
    """Publishing would empty the table or remove most of its rows, and nobody confirmed that."""


class ConflictError(Exception):
    """The published file is not the version the edit started from; nothing was written."""

    def __init__(self, filename: str, expected_hash: str, current_hash: str, last: audit.AuditEntry | None):
        self.filename = filename
        self.expected_hash = expected_hash
        self.current_hash = current_hash
        self.last = last
        super().__init__(self.text("en"))

    def text(self, lang: str = "en") -> str:
        """Who changed the file, in ``lang``."""
        last = self.last
        if lang == "ru":
            who = f" (последняя запись: {last.user}, {last.at:%d.%m.%Y %H:%M} UTC)" if last and last.at else ""
            return f"файл {self.filename} изменил кто-то другой после того, как вы его открыли{who}; ваша версия не записана"
        who = f" (last write: {last.user}, {last.at:%Y-%m-%d %H:%M} UTC)" if last and last.at else ""
        return f"{self.filename} was changed by someone else since you opened it{who}; your version was not written"


@dataclass(frozen=True)
class PublishResult:
    """What a publish did."""

    path: Path
    backup: Path | None
    new_hash: str
    entry: audit.AuditEntry


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
    ConfirmationRequiredError
        It empties the table or removes most rows and ``candidate.removal_confirmed`` is not set.
    ConflictError
        The published file is not the version the edit started from (someone published since,
        or the file was made from an older version and the staff member did not choose to
        overwrite); nothing is written, and the candidate stays intact.
    """
    if not candidate.ok:
        raise PublishError(
            "the file has errors; fix them before publishing",
            candidate.report,
            ru="в файле есть ошибки; исправьте их перед публикацией",
        )
    if candidate.needs_removal_confirmation and not candidate.removal_confirmed:
        raise ConfirmationRequiredError(
            f"this removes {len(candidate.diff.removed)} of {candidate.rows_before} rows; confirm the removal first",
            ru=f"будет удалено строк: {len(candidate.diff.removed)} из {candidate.rows_before}; сначала подтвердите "
            "удаление",
        )
    data_dir = Path(data_dir)
    target = candidate.target
    path = data_dir / target.filename
    with _publish_lock(data_dir):
        current = file_hash(path)
        if current != candidate.base_hash:
            last = next(iter(audit.recent(1, engine=engine, table_name=target.name)), None)
            raise ConflictError(target.filename, candidate.base_hash, current, last)
        _recheck_with_changed_files(candidate, data_dir)
        atomic.remove_stale_temp_files(path)
        backup = make_backup(path, data_dir) if path.exists() else None
        entry = _entry(candidate, user, action, backup, current)
        # The audit row commits only if the file was written (the write happens inside the transaction).
        with audit.transaction(engine) as conn:
            audit.record(entry, conn=conn)
            atomic.atomic_write(path, candidate.content)
    return PublishResult(path, backup, entry.new_hash, entry)


def _recheck_with_changed_files(candidate: Candidate, data_dir: Path) -> None:
    others = tuple(item for item in data_fingerprint(data_dir) if item[0] != candidate.target.filename)
    if others == candidate.others:
        return
    # Another table changed while this one was being edited: check the combination again.
    fresh = validate_candidate(candidate.content, candidate.target.name, data_dir, base_hash=candidate.base_hash)
    if not fresh.ok:
        raise PublishError(
            "other files changed meanwhile and the combination no longer validates",
            fresh.report,
            ru="другие файлы изменились за это время, и вместе с ними этот файл больше не проходит проверку",
        )


def _entry(candidate: Candidate, user: str, action: str, backup: Path | None, old_hash: str) -> audit.AuditEntry:
    target = candidate.target
    return audit.AuditEntry(
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
        old_hash=old_hash,
        new_hash=hashlib.sha256(candidate.content).hexdigest(),
        at=dt.datetime.now(dt.UTC),
    )


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


def restore_candidate(
    backup, data_dir: Path, *, base_hash: str | None = None, engine: Engine | None = None
) -> Candidate:
    """A backup checked as the new version of its file: what :func:`restore` would publish, and its diff.

    Restoring is a deliberate return to an older version, so it may undo later edits and
    remove rows: the staff member chose that version by name (the removal counts as confirmed).
    """
    path = Path(getattr(backup, "path", backup))
    filename = backup_of(path)
    if filename is None:
        raise PublishError(f"{path.name} is not a backup file", ru=f"{path.name} — не резервная копия")
    target = next(t for t in targets().values() if t.filename == filename)
    current = base_hash if base_hash is not None else file_hash(Path(data_dir) / filename)
    candidate = validate_candidate(path.read_bytes(), target.name, data_dir, base_hash=current, engine=engine)
    candidate.base_hash = current
    candidate.removal_confirmed = True
    return candidate


def restore(
    backup,
    data_dir: Path,
    user: str,
    *,
    base_hash: str | None = None,
    engine: Engine | None = None,
) -> PublishResult:
    """Publish a backup again (validated first, :func:`restore_candidate`; the current file is backed up in turn)."""
    candidate = restore_candidate(backup, data_dir, base_hash=base_hash, engine=engine)
    path = Path(getattr(backup, "path", backup))
    if not candidate.ok:
        raise PublishError(
            f"the backup {path.name} does not validate with the current files",
            candidate.report,
            ru=f"резервная копия {path.name} не проходит проверку вместе с текущими файлами",
        )
    return publish(candidate, data_dir, user, engine=engine, action="restore")
