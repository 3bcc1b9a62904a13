"""Cached access to the dataset, keyed on the data files' sizes and times, with a last-known-good fallback.

When the files on disk stop validating (edited outside the app, a half-copied file),
:func:`get_dataset` keeps returning the last dataset that did validate, so investors
see the site unchanged; :func:`data_status` tells staff what is wrong. The last good
dataset is kept in the process and persisted (``var/snapshots/``, or ``IMC_SNAPSHOT_DIR``)
so a restarted server still has it. When the files are fixed, the new data appear on
the next rerun: the cache key changes with every file change.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import threading
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from imc_data import Dataset, Report, data_dir_from_env, data_fingerprint, load_dataset
from imc_data.publish import atomic_write

from .i18n import translate
from .nav import APP_ROOT

_last_good: dict[str, tuple[tuple, Dataset]] = {}
_lock = threading.Lock()


@dataclass(frozen=True)
class DataStatus:
    """What is being served, and what the files on disk say.

    ``serving_snapshot`` is true when the files do not validate and the last good
    dataset is shown instead; ``report`` holds the findings of the files on disk.
    """

    files_ok: bool
    serving_snapshot: bool
    report: Report
    snapshot_fingerprint: tuple | None


@st.cache_resource(show_spinner=False, max_entries=4)
def _load(data_dir: str, fingerprint: tuple) -> Dataset:
    # ``fingerprint`` is only part of the cache key: an edited file gives a new entry.
    # A resource, not cache_data: every session shares the one loaded Dataset instead of
    # unpickling a private copy on every rerun. Pages read it only (``Dataset.__getitem__``
    # hands out copy-on-write copies; tests/test_shared_dataset.py checks no page changes it).
    return load_dataset(Path(data_dir))


def snapshot_dir() -> Path:
    """Folder of persisted last-good snapshots (``IMC_SNAPSHOT_DIR`` or ``var/snapshots``)."""
    value = os.environ.get("IMC_SNAPSHOT_DIR", "").strip()
    return Path(value) if value else APP_ROOT / "var" / "snapshots"


def _snapshot_path(data_dir: Path) -> Path:
    digest = hashlib.sha256(str(data_dir.resolve()).encode()).hexdigest()[:16]
    return snapshot_dir() / f"last_good_{digest}.pickle"


def _remember(data_dir: Path, fingerprint: tuple, dataset: Dataset) -> None:
    key = str(data_dir)
    with _lock:
        known = _last_good.get(key)
        if known is not None and known[0] == fingerprint:
            return
        _last_good[key] = (fingerprint, dataset)
    try:  # persisting is a convenience (survives a restart); failing to persist must not break the page
        path = _snapshot_path(data_dir)
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, pickle.dumps((fingerprint, dataset), protocol=pickle.HIGHEST_PROTOCOL))
    except OSError:
        pass


def _recall(data_dir: Path) -> tuple[tuple, Dataset] | None:
    with _lock:
        known = _last_good.get(str(data_dir))
    if known is not None:
        return known
    path = _snapshot_path(data_dir)
    try:
        # The snapshot is written only by this app, into its own folder (see _remember).
        fingerprint, dataset = pickle.loads(path.read_bytes())  # noqa: S301
    except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError, ImportError):
        return None
    if not isinstance(dataset, Dataset) or not dataset.ok:
        return None
    with _lock:
        _last_good.setdefault(str(data_dir), (fingerprint, dataset))
    return fingerprint, dataset


def _current() -> tuple[Path, tuple, Dataset]:
    data_dir = data_dir_from_env()
    fingerprint = data_fingerprint(data_dir)
    return data_dir, fingerprint, _load(str(data_dir), fingerprint)


def get_dataset() -> Dataset:
    """The dataset to show: the files on disk if they validate, else the last valid snapshot.

    Without any valid snapshot (the files have never validated) the invalid dataset is
    returned, and the page frame shows the validation message instead of the pages.
    """
    data_dir, fingerprint, dataset = _current()
    if dataset.ok:
        _remember(data_dir, fingerprint, dataset)
        return dataset
    known = _recall(data_dir)
    return known[1] if known is not None else dataset


def data_status() -> DataStatus:
    """Whether the files on disk validate, and whether the last good snapshot is being served."""
    data_dir, _fingerprint, dataset = _current()
    if dataset.ok:
        return DataStatus(True, False, dataset.report, None)
    known = _recall(data_dir)
    return DataStatus(False, known is not None, dataset.report, known[0] if known else None)


def forget_snapshots() -> None:
    """Drop the in-process snapshots (tests; the persisted files stay)."""
    with _lock:
        _last_good.clear()


MAX_BANNER_FINDINGS = 10


def staff_banner(lang: str, is_staff: bool) -> None:
    """For signed-in staff only: the files on disk do not validate, the last good data are being served.

    (Without a snapshot the page frame already shows the findings to everybody.)
    """
    if not is_staff:
        return
    status = data_status()
    if status.files_ok or not status.serving_snapshot:
        return
    errors = status.report.errors
    st.warning(translate("data.banner_snapshot", lang, errors=len(errors)), icon=":material/warning:")
    st.code("\n".join(f.format(lang) for f in errors[:MAX_BANNER_FINDINGS]), language=None)
