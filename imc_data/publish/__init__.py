"""Staff writes to the data folder: check a candidate file, show what it changes, publish it atomically.

The path of every edit (data editor, CSV / .xlsx / GeoJSON upload, restore), one module per step:

1. :mod:`.candidate` — :func:`validate_candidate` checks the candidate with the other
   published files (the one loader, :func:`imc_data.load.load_dataset`), refuses text that
   must not be published (:mod:`.cell_safety`), and finds the version the file was made
   from and the colleagues' edits it would undo (:mod:`.history`).
2. :mod:`.canonical` and :mod:`.diff` — a valid candidate is rewritten in the canonical form
   (UTF-8, comma-separated, ISO dates, ``.`` decimals) and compared with the published file.
3. :mod:`.write` — :func:`publish` takes a lock, refuses to overwrite a file that is not the
   version the edit started from (:class:`ConflictError`), keeps a timestamped backup
   (:mod:`.backups`), writes a temporary file and moves it into place (:mod:`.atomic`:
   readers see the old file or the new one, never half of one) and records the write in the
   audit log. :func:`restore` publishes a backup through the same path.

Everything a caller needs is importable from here: ``from imc_data import publish``.
"""

from .atomic import CHUNK_BYTES, atomic_write
from .backups import BACKUP_DIRNAME, Backup, backup_dir, list_backups, make_backup
from .candidate import Candidate, keep_their_edits, overwrite_their_edits, validate_candidate
from .canonical import cell_text, frame_to_csv, keyed_cells
from .cell_safety import check_text_cells, validate_folder
from .diff import Change, Diff, diff_features, diff_frames
from .history import Overwrite
from .targets import Target, bytes_hash, data_files, file_hash, targets
from .write import (
    ConfirmationRequiredError,
    ConflictError,
    PublishError,
    PublishResult,
    publish,
    restore,
    restore_candidate,
)

__all__ = [
    "BACKUP_DIRNAME",
    "CHUNK_BYTES",
    "Backup",
    "Candidate",
    "Change",
    "ConfirmationRequiredError",
    "ConflictError",
    "Diff",
    "Overwrite",
    "PublishError",
    "PublishResult",
    "Target",
    "atomic_write",
    "backup_dir",
    "bytes_hash",
    "cell_text",
    "check_text_cells",
    "data_files",
    "diff_features",
    "diff_frames",
    "file_hash",
    "frame_to_csv",
    "keep_their_edits",
    "keyed_cells",
    "list_backups",
    "make_backup",
    "overwrite_their_edits",
    "publish",
    "restore",
    "restore_candidate",
    "targets",
    "validate_candidate",
    "validate_folder",
]
