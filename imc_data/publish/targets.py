"""The files staff may replace, and the content hash that names a version of one."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from .. import schema
from ..load import data_files

__all__ = ["Target", "data_files", "file_hash", "targets"]

GEO_TITLES = {"plots_geo": ("Plot boundaries", "Границы участков"), "site_geo": ("Site outline", "Контур территории")}


@dataclass(frozen=True)
class Target:
    """A file staff may replace: a CSV table or a GeoJSON layer."""

    name: str
    filename: str
    key: str
    kind: str  # "csv" or "geojson"
    title_en: str
    title_ru: str

    def title(self, lang: str) -> str:
        """The table's name in ``lang``."""
        return self.title_ru if lang == "ru" else self.title_en


def targets() -> dict[str, Target]:
    """Every editable file, by name (table names and ``plots_geo`` / ``site_geo``)."""
    out = {t.name: Target(t.name, t.filename, t.key, "csv", t.title_en, t.title_ru) for t in schema.TABLES.values()}
    for name, layer in schema.GEO_LAYERS.items():
        en, ru = GEO_TITLES.get(name, (name, name))
        out[name] = Target(name, layer["filename"], layer["key"], "geojson", en, ru)
    return out


def file_hash(path: Path) -> str:
    """SHA-256 of a file's bytes (empty string when it does not exist)."""
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except FileNotFoundError:
        return ""


def bytes_hash(raw: bytes) -> str:
    """SHA-256 of some bytes (the same digest as :func:`file_hash` of a file holding them)."""
    return hashlib.sha256(raw).hexdigest()
