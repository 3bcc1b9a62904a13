"""Validation findings: what is wrong, where, and how to fix it."""

from __future__ import annotations

from dataclasses import dataclass, field, replace


@dataclass(frozen=True)
class Finding:
    """One problem (``error``) or accepted oddity (``warning``) in a data file.

    ``row`` is the line number a spreadsheet shows (header = 1) for CSV files and the
    1-based feature number for GeoJSON; ``row`` and ``column`` are ``None`` where they
    do not apply (a missing file, a missing column).
    """

    file: str
    row: int | None
    column: str | None
    severity: str
    message: str
    message_ru: str | None = None

    def text(self, lang: str = "en") -> str:
        """The message in ``lang`` (``"en"`` or ``"ru"``); English where no Russian text was given."""
        return self.message_ru if lang == "ru" and self.message_ru else self.message

    def format(self, lang: str = "en") -> str:
        """``FILE:ROW:COLUMN: severity: message``, leaving out parts that do not apply."""
        where = self.file
        if self.row is not None:
            where += f":{self.row}"
        if self.column is not None:
            where += f":{self.column}"
        severity = {"error": "ошибка", "warning": "предупреждение"}[self.severity] if lang == "ru" else self.severity
        return f"{where}: {severity}: {self.text(lang)}"


@dataclass
class Report:
    """All findings of one validation run."""

    findings: list[Finding] = field(default_factory=list)

    def error(self, file: str, row: int | None, column: str | None, message: str, ru: str | None = None) -> None:
        """Record an error (the data cannot be published as they are); ``ru`` is the Russian message."""
        self.findings.append(Finding(file, row, column, "error", message, ru))

    def warning(self, file: str, row: int | None, column: str | None, message: str, ru: str | None = None) -> None:
        """Record a warning (accepted, but worth fixing at the source); ``ru`` is the Russian message."""
        self.findings.append(Finding(file, row, column, "warning", message, ru))

    def extend(self, other: Report) -> None:
        """Append every finding of ``other``."""
        self.findings.extend(other.findings)

    def renamed(self, old: str, new: str) -> Report:
        """The same findings with the file ``old`` called ``new`` (an upload is reported under its own name)."""
        if old == new:
            return self
        return Report([replace(f, file=new) if f.file == old else f for f in self.findings])

    @property
    def errors(self) -> list[Finding]:
        """Findings that block publishing."""
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[Finding]:
        """Findings that were accepted."""
        return [f for f in self.findings if f.severity == "warning"]

    @property
    def ok(self) -> bool:
        """True when there is no error."""
        return not self.errors

    def summary(self, lang: str = "en") -> str:
        """One line: counts of errors and warnings, in ``lang``."""
        e, w = len(self.errors), len(self.warnings)
        if lang == "ru":
            return f"ошибок: {e}, предупреждений: {w}"
        return f"{e} error{'s' if e != 1 else ''}, {w} warning{'s' if w != 1 else ''}"
