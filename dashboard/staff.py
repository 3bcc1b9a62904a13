"""The staff part of the Data page, without the widgets: its state machine and the tables it shows.

:class:`StaffSession` holds what one staff member's browser session is doing — the version
each file was opened at, the candidate being checked, the outcome of the last publish —
in the session's state mapping (``st.session_state`` in the app, a plain dict in tests).
The page draws widgets and calls its methods; every message it keeps is a key and values
(or an exception with a ``text(lang)`` method), so it follows the language switch.
"""

from __future__ import annotations

import csv
import io
from collections.abc import MutableMapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from imc_data import Report, audit, publish
from imc_data.csvio import parse_text

from .i18n import translate

# The uploader's own "… MB per file" line is Streamlit's transport ceiling, in English; the page states
# the one limit of a data file (imc_data.csvio.MAX_BYTES) in its label instead. Its button says
# "Upload" in every language, so the Russian page writes its own word over it.
_UPLOADER_CSS = '[data-testid="stFileUploaderDropzoneInstructions"] {display: none;}'
_UPLOAD_WORD_RU = (
    '[data-testid="stFileUploaderDropzone"] button p {font-size: 0;}'
    '[data-testid="stFileUploaderDropzone"] button p::after {content: "Выбрать файл"; font-size: 0.875rem;}'
)


def uploader_css(lang: str) -> str:
    """A style element for the staff uploader in ``lang`` (see the comment above)."""
    return f"<style>{_UPLOADER_CSS}{_UPLOAD_WORD_RU if lang == 'ru' else ''}</style>"


@dataclass(frozen=True)
class Flash:
    """A one-time message after a rerun: its kind (``success``/``error``), text key and values."""

    kind: str
    key: str
    values: tuple[tuple[str, object], ...] = ()

    def text(self, lang: str) -> str:
        """The message in ``lang``."""
        return translate(self.key, lang, **dict(self.values))


class StaffSession:
    """One staff member's editing session: opened versions, the candidate, and what happened to it.

    Parameters
    ----------
    state : MutableMapping
        Where the session keeps its values (``st.session_state``); keys start with ``staff_``.
    data_dir : Path
        The published data folder.
    user : str
        The name recorded in the audit log.
    """

    def __init__(self, state: MutableMapping, data_dir: Path, user: str):
        self._state = state
        self.data_dir = Path(data_dir)
        self.user = user

    # ------------------------------------------------------------------ what the edit starts from
    def opened(self, target: publish.Target) -> tuple[str, bytes]:
        """The published file's hash and bytes when this session first opened it (pinned until reload/publish)."""
        opened = self._state.setdefault("staff_opened", {})
        if target.name not in opened:
            path = self.data_dir / target.filename
            raw = path.read_bytes() if path.exists() else b""
            opened[target.name] = (publish.file_hash(path), raw)
        return opened[target.name]

    def reopen(self, target_name: str) -> None:
        """Forget the pinned version of a file and any edits in the editor (the next run reads the file again)."""
        self._state.setdefault("staff_opened", {}).pop(target_name, None)
        self._state["staff_editor_version"] = self.editor_version + 1
        self._state.pop("staff_candidate", None)
        self._clear_outcome()

    @property
    def editor_version(self) -> int:
        """Changes when the in-app editor must start again from the file (part of its widget key)."""
        return int(self._state.get("staff_editor_version", 0))

    # ------------------------------------------------------------------ the candidate
    @property
    def candidate(self) -> publish.Candidate | None:
        """The file being checked, if any."""
        return self._state.get("staff_candidate")

    def check_edit(self, raw: bytes, target: publish.Target) -> None:
        """Check the in-app editor's table as a new version of ``target`` (based on the opened version)."""
        base_hash, _raw = self.opened(target)
        self._set(publish.validate_candidate(raw, target.name, self.data_dir, base_hash=base_hash))

    def check_upload(self, raw: bytes, target: publish.Target, upload_name: str) -> None:
        """Check an uploaded file (CSV, .xlsx or GeoJSON); its base version is found from its content."""
        self._set(publish.validate_candidate(raw, target.name, self.data_dir, upload_name=upload_name))

    def compare_with_current(self) -> None:
        """Check the candidate's file again against the file as it is published now (after a conflict)."""
        candidate = self.candidate
        if candidate is not None:
            self.reopen_pinned(candidate.target.name)
            self._set(
                publish.validate_candidate(
                    candidate.raw, candidate.target.name, self.data_dir, upload_name=candidate.upload_name
                )
            )

    def reopen_pinned(self, target_name: str) -> None:
        """Forget only the pinned version of a file (its editor keeps its cells)."""
        self._state.setdefault("staff_opened", {}).pop(target_name, None)

    def keep_their_edits(self) -> None:
        """Replace the candidate by the published table with only this file's own changes applied."""
        if self.candidate is not None:
            self._set(publish.keep_their_edits(self.candidate, self.data_dir))

    def overwrite_their_edits(self) -> None:
        """Accept that publishing undoes the colleagues' edits listed for the candidate."""
        if self.candidate is not None:
            publish.overwrite_their_edits(self.candidate)

    def confirm_removal(self, confirmed: bool) -> None:
        """Record whether the staff member confirmed that the candidate removes most rows."""
        if self.candidate is not None:
            self.candidate.removal_confirmed = bool(confirmed)

    def discard(self) -> None:
        """Drop the candidate and the outcome of its last publish attempt."""
        self._state.pop("staff_candidate", None)
        self._clear_outcome()

    def _set(self, candidate: publish.Candidate) -> None:
        # A new check replaces the old outcome: a "not published" message belongs to the file it was about.
        self._state["staff_candidate"] = candidate
        self._clear_outcome()

    def _clear_outcome(self) -> None:
        self._state.pop("staff_conflict", None)
        self._state.pop("staff_error", None)

    # ------------------------------------------------------------------ publishing
    @property
    def conflict(self) -> publish.ConflictError | None:
        """Why the last publish was refused because the file changed meanwhile, if it was."""
        return self._state.get("staff_conflict")

    @property
    def error(self) -> publish.PublishError | None:
        """Why the last publish or restore failed otherwise, if it did."""
        return self._state.get("staff_error")

    def publish(self) -> bool:
        """Publish the candidate; on success forget it, pin nothing and leave a message. Return success."""
        candidate = self.candidate
        if candidate is None:
            return False
        try:
            result = publish.publish(candidate, self.data_dir, self.user)
        except publish.ConflictError as exc:
            self._state["staff_conflict"] = exc
            return False
        except publish.PublishError as exc:
            self._state["staff_error"] = exc
            return False
        self.reopen(candidate.target.name)
        self._flash("success", "data.published", file=candidate.target.filename, rows=result.entry.rows_after)
        return True

    def restore(self, backup: publish.Backup, target: publish.Target) -> Exception | None:
        """Publish ``backup`` again; return why it failed (``None`` on success, with a message left)."""
        try:
            publish.restore(backup, self.data_dir, self.user)
        except (publish.ConflictError, publish.PublishError) as exc:
            return exc
        self.reopen(target.name)
        self._flash("success", "data.restored", file=target.filename, backup=backup.path.name)
        return None

    # ------------------------------------------------------------------ one-time messages
    def _flash(self, kind: str, key: str, **values) -> None:
        self._state.setdefault("staff_flash", []).append(Flash(kind, key, tuple(values.items())))

    def take_flashes(self) -> list[Flash]:
        """The messages left by the last action (each shown once)."""
        return self._state.pop("staff_flash", [])


# ---------------------------------------------------------------------- pure helpers: frames to show


def editor_frame(raw: bytes, filename: str) -> pd.DataFrame | None:
    """The published CSV as a frame of text cells (exactly as written, so a broken file can be repaired).

    Returns ``None`` when the bytes cannot be read as a table at all.
    """
    parsed = parse_text(raw, filename, Report())
    if parsed is None:
        return None
    header, rows = parsed
    return pd.DataFrame([cells for _line, cells in rows], columns=header, dtype="string")


def editor_csv(frame: pd.DataFrame) -> bytes:
    """The edited frame as CSV bytes (UTF-8, comma-separated; empty cells and blank rows as typed)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(list(frame.columns))
    for row in frame.itertuples(index=False):
        writer.writerow(["" if pd.isna(v) else str(v) for v in row])
    return buffer.getvalue().encode("utf-8")


def findings_frame(report: Report, lang: str, severity: str = "error") -> pd.DataFrame:
    """Findings of one severity as a table: file, row, column, message in ``lang`` (text, shown as data)."""
    items = report.errors if severity == "error" else report.warnings
    return pd.DataFrame(
        {
            translate("data.find_file", lang): [f.file for f in items],
            translate("data.find_row", lang): [_row_text(f, lang) for f in items],
            translate("data.find_column", lang): [_column_text(f, lang) for f in items],
            translate("data.find_message", lang): [f.text(lang) for f in items],
        }
    )


def _column_text(finding, lang: str) -> str:
    """The column a finding names; a row's finding without one is about the whole row (e.g. too many cells)."""
    if finding.column:
        return finding.column
    return translate("data.find_whole_row", lang) if finding.row is not None else ""


def _row_text(finding, lang: str) -> str:
    """The row a finding names; a missing column is in the header row, a finding without either is the whole file."""
    if finding.row is not None:
        return str(finding.row)
    return translate("data.find_header_row" if finding.column else "data.find_whole_file", lang)


def warnings_frame(report: Report, lang: str, examples: int = 5) -> pd.DataFrame:
    """Warnings grouped by file and message (a spreadsheet repeats the same accepted habit in every row)."""
    groups: dict[tuple[str, str], list] = {}
    for f in report.warnings:
        groups.setdefault((f.file, f.text(lang)), []).append(f)
    where = []
    for items in groups.values():
        spots = [":".join(str(p) for p in (f.row, f.column) if p is not None) or f.file for f in items[:examples]]
        where.append(", ".join(spots) + (" …" if len(items) > examples else ""))
    return pd.DataFrame(
        {
            translate("data.find_file", lang): [file for file, _ in groups],
            translate("data.find_message", lang): [text for _, text in groups],
            translate("data.warn_count", lang): [len(v) for v in groups.values()],
            translate("data.warn_where", lang): where,
        }
    )


def diff_frame(diff: publish.Diff, lang: str) -> pd.DataFrame:
    """Added, removed and changed rows as one table (one line per changed cell)."""
    kind, row, column, old, new = (translate(f"data.diff_{k}", lang) for k in ("kind", "row", "column", "old", "new"))
    records = [{kind: translate("data.diff_added", lang), row: k, column: "", old: "", new: ""} for k in diff.added]
    records += [
        {kind: translate("data.diff_changed", lang), row: c.key, column: c.column, old: c.old, new: c.new}
        for c in diff.changed
    ]
    records += [
        {kind: translate("data.diff_removed", lang), row: k, column: "", old: "", new: ""} for k in diff.removed
    ]
    return pd.DataFrame.from_records(records, columns=[kind, row, column, old, new])


def overwrites_frame(overwrites, lang: str) -> pd.DataFrame:
    """The colleagues' edits a file would undo: row, column, the value now, the file's value, who and when."""
    unknown = translate("data.over_unknown", lang)
    whole_row = translate("data.over_whole_row", lang)
    return pd.DataFrame(
        {
            translate("data.diff_row", lang): [o.key for o in overwrites],
            translate("data.diff_column", lang): [o.column or whole_row for o in overwrites],
            translate("data.over_theirs", lang): [o.theirs for o in overwrites],
            translate("data.over_mine", lang): [o.mine for o in overwrites],
            translate("data.over_by", lang): [o.by or unknown for o in overwrites],
            translate("data.over_at", lang): [f"{o.at:%Y-%m-%d %H:%M}" if o.at else "" for o in overwrites],
        }
    )


AUDIT_COLUMNS = ("at", "user", "action", "table_name", "rows_before", "rows_after", "added", "changed", "removed")


def audit_frame(entries: list[audit.AuditEntry], lang: str) -> pd.DataFrame:
    """The audit log with headers and actions in ``lang`` (and the version each write produced)."""
    targets = publish.targets()
    records = []
    for e in entries:
        title = targets[e.table_name].title(lang) if e.table_name in targets else e.table_name
        records.append(
            {
                "at": f"{e.at:%Y-%m-%d %H:%M}" if e.at else "",
                "user": e.user,
                "action": translate(f"data.audit_action_{e.action}", lang)
                if e.action in ("publish", "restore")
                else e.action,
                "table_name": title,
                **{k: getattr(e, k) for k in AUDIT_COLUMNS[4:]},
                "version": (e.new_hash or "")[:12],
                "backup": e.backup or "",
            }
        )
    frame = pd.DataFrame.from_records(records, columns=[*AUDIT_COLUMNS, "version", "backup"])
    return frame.rename(columns={c: translate(f"data.audit_{c}", lang) for c in frame.columns})


def enquiries_frame(enquiries: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Enquiries with headers in ``lang`` (a column without a translation keeps its name)."""
    from .i18n import catalog

    known = catalog()
    return enquiries.rename(
        columns={c: translate(f"data.enq_{c}", lang) for c in enquiries.columns if f"data.enq_{c}" in known}
    )
