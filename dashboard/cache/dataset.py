"""The dataset every page shows: loaded once per version of the files, with a last-known-good fallback.

When the files on disk stop validating (edited outside the app, a half-copied file),
:func:`get_dataset` keeps returning the last dataset that did validate, so investors
see the site unchanged; :func:`data_status` tells staff what is wrong. When the files are
fixed, the new data appear on the next rerun: a changed file changes the key of
:func:`load_current`.

The last good dataset is state, not a cached result, so it is not kept by the cache
(:mod:`dashboard.cache.shared` may forget any entry; forgetting this one would take the site
down until the files are fixed). It is kept in the process, one per data folder, and
persisted (``var/snapshots/``, or ``IMC_SNAPSHOT_DIR``) so a restarted server still has it.
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

from ..i18n import translate
from ..nav import APP_ROOT
from .shared import shared_result

_last_good: dict[str, tuple[str, Dataset]] = {}  # data folder → (content key, dataset)
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


@shared_result(key=lambda data_dir: (data_dir, data_fingerprint(data_dir)), max_entries=4)
def load_current(data_dir: Path) -> Dataset:
    """The data folder as its files are now: loaded again when a file's size or time changes.

    One object shared by every session; pages read it only (``Dataset.__getitem__`` hands out
    copy-on-write copies; tests/test_shared_dataset.py checks no page changes it).
    """
    return load_dataset(data_dir)


def snapshot_dir() -> Path:
    """Folder of persisted last-good snapshots (``IMC_SNAPSHOT_DIR`` or ``var/snapshots``)."""
    value = os.environ.get("IMC_SNAPSHOT_DIR", "").strip()
    return Path(value) if value else APP_ROOT / "var" / "snapshots"


def _snapshot_path(data_dir: Path) -> Path:
    digest = hashlib.sha256(str(data_dir.resolve()).encode()).hexdigest()[:16]
    return snapshot_dir() / f"last_good_{digest}.pickle"


def _remember(data_dir: Path, dataset: Dataset) -> None:
    key = str(data_dir)
    with _lock:
        known = _last_good.get(key)
        if known is not None and known[0] == dataset.content_key:
            return
        _last_good[key] = (dataset.content_key, dataset)
    try:  # persisting is a convenience (survives a restart); failing to persist must not break the page
        path = _snapshot_path(data_dir)
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, pickle.dumps((dataset.content_key, dataset), protocol=pickle.HIGHEST_PROTOCOL))
    except OSError:
        pass


def _recall(data_dir: Path) -> Dataset | None:
    with _lock:
        known = _last_good.get(str(data_dir))
    if known is not None:
        return known[1]
    path = _snapshot_path(data_dir)
    try:
        # The snapshot is written only by this app, into its own folder (see _remember).
        version, dataset = pickle.loads(path.read_bytes())  # noqa: S301
    except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError, ImportError):
        return None
    if not isinstance(dataset, Dataset) or not dataset.ok:
        return None
    with _lock:
        return _last_good.setdefault(str(data_dir), (version, dataset))[1]


def get_dataset() -> Dataset:
    """The dataset to show: the files on disk if they validate, else the last valid snapshot.

    Without any valid snapshot (the files have never validated) the invalid dataset is
    returned, and the page frame shows the validation message instead of the pages.
    """
    data_dir = data_dir_from_env()
    dataset = load_current(data_dir)
    if dataset.ok:
        _remember(data_dir, dataset)
        return dataset
    return _recall(data_dir) or dataset


def data_status() -> DataStatus:
    """Whether the files on disk validate, and whether the last good snapshot is being served."""
    data_dir = data_dir_from_env()
    dataset = load_current(data_dir)
    if dataset.ok:
        return DataStatus(True, False, dataset.report)
    return DataStatus(False, _recall(data_dir) is not None, dataset.report)


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
