"""Which published version a file was made from, and whose edits publishing it would undo.

A staff member may upload a copy saved days ago under any name (``Объекты_правка.csv``).
The version it was made from is found from its content, never from its name: it is the
version — the published file or one of its backups — that the file agrees with in the
most cells (the published file wins a tie). When that is an older version, every cell a
colleague changed since and the file does not keep is an :class:`Overwrite`, attributed
through the audit log (each publish names the backup it made of the version it replaced).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine

from .. import audit
from .backups import list_backups
from .canonical import Cells, cells_to_csv
from .targets import Target, bytes_hash

MAX_VERSIONS = 30  # backups compared, newest first; older ones are a restore, not an edit


@dataclass(frozen=True)
class Version:
    """One version of a file: the published one (``backup`` empty) or a backup."""

    digest: str
    cells: Cells
    backup: str = ""  # backup file name
    replaced_at: dt.datetime | None = None  # when it stopped being the published version

    @property
    def is_current(self) -> bool:
        """Whether this is the file as it is published now."""
        return not self.backup


@dataclass(frozen=True)
class Overwrite:
    """A colleague's edit that the candidate would undo.

    ``column`` is ``None`` for a whole row (added since, and missing from the file; or removed
    since, and back in the file). ``by`` is who made the current value (empty when the audit
    log does not say: the file was changed outside the app).
    """

    key: str
    column: str | None
    base: str
    theirs: str
    mine: str
    by: str
    at: dt.datetime | None

    @property
    def reverted(self) -> bool:
        """True when the file holds the old value (it undoes the edit); false when both changed the cell."""
        return self.mine == self.base


@dataclass(frozen=True)
class Base:
    """The version a candidate was made from, and the edits since then that it would undo."""

    version: Version
    overwrites: tuple[Overwrite, ...] = ()

    @property
    def editors(self) -> tuple[str, ...]:
        """Who made the edits that would be undone (in order of appearance; empty names left out)."""
        return tuple(dict.fromkeys(o.by for o in self.overwrites if o.by))


def versions(current_raw: bytes | None, target: Target, data_dir: Path, read) -> list[Version]:
    """The published version first, then backups newest first; ``read(raw)`` turns bytes into cells."""
    out = []
    if current_raw is not None:
        out.append(Version(bytes_hash(current_raw), read(current_raw)))
    for backup in list_backups(data_dir, target.filename)[:MAX_VERSIONS]:
        try:
            raw = backup.path.read_bytes()
        except OSError:
            continue
        out.append(Version(bytes_hash(raw), read(raw), backup.path.name, backup.taken))
    return out


def agreement(a: Cells, b: Cells) -> int:
    """Number of cells two versions have in common (same row key, same column, same text)."""
    return sum(1 for key, row in a.items() if key in b for col, text in row.items() if b[key].get(col) == text)


def find_base(mine: Cells, known: list[Version], base_hash: str | None = None) -> Version | None:
    """The version ``mine`` was made from: the one named by ``base_hash`` if known, else the closest."""
    if not known:
        return None
    if base_hash:
        named = next((v for v in known if v.digest == base_hash), None)
        if named is not None:
            return named
    best = max(range(len(known)), key=lambda i: (agreement(mine, known[i].cells), -i))
    return known[best]


def overwrites(mine: Cells, base: Version, known: list[Version], engine: Engine | None, table: str) -> tuple:
    """Edits made after ``base`` (up to the published version) that ``mine`` would undo."""
    current = known[0]
    if base is current or base.digest == current.digest:
        return ()
    authors = _authors(base, known, engine, table)
    out = []
    for key, theirs in current.cells.items():
        before = base.cells.get(key)
        if before is None:  # a row added since
            if key not in mine:
                out.append(Overwrite(key, None, "", key, "", *authors.get((key, None), ("", None))))
            continue
        if key not in mine:
            continue  # the file removes a row a colleague kept: that is the file's own change
        for column, value in theirs.items():
            if before.get(column, "") != value and mine[key].get(column, "") != value:
                by, at = authors.get((key, column), ("", None))
                out.append(Overwrite(key, column, before.get(column, ""), value, mine[key].get(column, ""), by, at))
    for key in base.cells:
        if key not in current.cells and key in mine:  # a row removed since, brought back by the file
            out.append(Overwrite(key, None, key, "", key, *authors.get((key, None), ("", None))))
    return tuple(out)


def _authors(base: Version, known: list[Version], engine: Engine | None, table: str) -> dict:
    """``(key, column) -> (user, time)`` of the last step after ``base`` that changed each cell."""
    chain = list(reversed(known))  # oldest backup first, the published version last
    start = next(i for i, v in enumerate(chain) if v is base)
    try:
        entries = {e.backup: e for e in audit.recent(500, engine=engine, table_name=table) if e.backup}
    except Exception:  # an unreachable audit log must not block the check; authors are then unknown
        entries = {}
    out: dict = {}
    for before, after in zip(chain[start:], chain[start + 1 :], strict=False):
        entry = entries.get(before.backup)
        who = (entry.user, entry.at) if entry is not None else ("", before.replaced_at)
        for key in after.cells.keys() | before.cells.keys():
            old, new = before.cells.get(key), after.cells.get(key)
            if old is None or new is None:
                out[(key, None)] = who
                continue
            for column in new:
                if old.get(column, "") != new[column]:
                    out[(key, column)] = who
    return out


def merged(mine: Cells, base: Version, current: Version, columns: list[str]) -> Cells:
    """The published version with only the file's own changes (relative to ``base``) applied.

    Cells both changed take the file's value (shown as a change in the diff that follows).
    """
    out: Cells = {key: dict(row) for key, row in current.cells.items()}
    for key, row in mine.items():
        before = base.cells.get(key)
        if before is None:
            out[key] = dict(row)  # added by the file
            continue
        if key not in out:
            continue  # removed by a colleague, edited by the file: the removal stands (listed before)
        for column in columns:
            if row.get(column, "") != before.get(column, ""):
                out[key][column] = row.get(column, "")
    for key in base.cells:
        if key not in mine:
            out.pop(key, None)  # removed by the file
    return out


def merged_csv(mine: Cells, base: Version, current: Version, table) -> bytes:
    """:func:`merged` as canonical CSV bytes of ``table``."""
    return cells_to_csv(merged(mine, base, current, table.names), table)
