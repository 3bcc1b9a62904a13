"""Earlier versions of the data files: where they are kept, how they are named and listed."""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from pathlib import Path

from .atomic import atomic_write

BACKUP_DIRNAME = ".backups"
_BACKUP_NAME = re.compile(r"^(?P<stem>.+)\.(?P<ts>\d{8}T\d{6}\d{6}Z)(?P<suffix>\.[a-z]+)$")


@dataclass(frozen=True)
class Backup:
    """A saved earlier version of a data file (``taken``: when it stopped being the published one)."""

    path: Path
    filename: str
    taken: dt.datetime
    size: int


def backup_dir(data_dir: Path) -> Path:
    """Where backups of ``data_dir``'s files are kept (``IMC_BACKUP_DIR`` or ``<data_dir>/.backups``)."""
    value = os.environ.get("IMC_BACKUP_DIR", "").strip()
    return Path(value) if value else Path(data_dir) / BACKUP_DIRNAME


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


def backup_of(path: Path) -> str | None:
    """The data file name a backup file belongs to (``facilities.csv``), or ``None`` for other files."""
    m = _BACKUP_NAME.match(Path(path).name)
    return f"{m['stem']}{m['suffix']}" if m else None


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
