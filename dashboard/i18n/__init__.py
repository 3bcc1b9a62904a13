"""Interface text in English and Russian.

Each module in this package defines ``TEXT = {key: (english, russian)}``; they are
merged on first use, so a page adds its own module without touching a shared list.
Data values (names, descriptions) come from the tables' ``*_en`` / ``*_ru`` columns,
not from here.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

LANGS = ("en", "ru")
DEFAULT_LANG = "en"


@cache
def catalog() -> dict[str, tuple[str, str]]:
    """All interface strings, merged from every module of this package."""
    merged: dict[str, tuple[str, str]] = {}
    for info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{info.name}")
        for key, pair in getattr(module, "TEXT", {}).items():
            if key in merged:
                raise ValueError(f"interface text key {key!r} defined twice (second in {info.name})")
            merged[key] = pair
    return merged


def translate(key: str, lang: str, **values) -> str:
    """Text for ``key`` in ``lang`` with ``{placeholders}`` filled; raises KeyError for unknown keys."""
    en, ru = catalog()[key]
    text = ru if lang == "ru" else en
    return text.format(**values) if values else text


def normalise_lang(value: object) -> str:
    """``'ru'`` or ``'en'`` from whatever the URL holds."""
    return value if value in LANGS else DEFAULT_LANG


def col(base: str, lang: str) -> str:
    """Name of the language column of a table: ``col('name', 'ru') == 'name_ru'``."""
    return f"{base}_{normalise_lang(lang)}"
