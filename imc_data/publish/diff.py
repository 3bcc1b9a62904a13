"""What a candidate changes: rows added, removed, and cells changed, by row key."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .. import schema
from .canonical import Cells, feature_cells, frame_cells


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


def diff_cells(old: Cells, new: Cells, shorten: int | None = None) -> Diff:
    """Compare two keyed versions cell by cell (``shorten``: cut long values for display)."""
    cut = (lambda text: text[:shorten]) if shorten else (lambda text: text)
    changed = [
        Change(key, column, cut(old[key].get(column, "")), cut(value))
        for key, row in new.items()
        if key in old
        for column, value in row.items()
        if old[key].get(column, "") != value
    ]
    added = tuple(k for k in new if k not in old)
    removed = tuple(k for k in old if k not in new)
    return Diff(added, removed, tuple(changed))


def diff_frames(old: pd.DataFrame, new: pd.DataFrame, table: schema.Table) -> Diff:
    """Compare two typed frames of ``table`` by their key column."""
    return diff_cells(frame_cells(old, table), frame_cells(new, table))


def diff_features(old: bytes | None, new: bytes, key: str) -> Diff:
    """Compare two GeoJSON FeatureCollections feature by feature (by the ``key`` property)."""
    return diff_cells(feature_cells(old, key), feature_cells(new, key), shorten=80)
