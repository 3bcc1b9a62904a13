"""Interface text exists in both languages for every key the code uses."""

from __future__ import annotations

import re

from dashboard.i18n import catalog, translate

from .conftest import ROOT

KEY_USE = re.compile(r"""\bt\(\s*f?["']([a-z_]+\.[A-Za-z0-9_.²/ -]+)["']""")


def test_every_key_has_english_and_russian():
    for key, (en, ru) in catalog().items():
        assert isinstance(en, str) and isinstance(ru, str), key
        if en:
            assert ru, f"{key} has no Russian text"
        if ru and en and len(en) > 12:
            assert en != ru or "{" in en, f"{key}: Russian text equals English"


def test_every_literal_key_used_in_pages_exists():
    files = [ROOT / "app.py", *sorted((ROOT / "pages").glob("*.py")), *sorted((ROOT / "dashboard").rglob("*.py"))]
    missing = []
    for path in files:
        for key in KEY_USE.findall(path.read_text(encoding="utf-8")):
            if "{" not in key and key not in catalog():
                missing.append(f"{path.name}: {key}")
    assert not missing, missing


def test_translate_fills_placeholders():
    assert translate("frame.data_as_of", "ru", date="12 дек 2025") == "Данные на 12 дек 2025"
