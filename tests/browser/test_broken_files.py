"""Files that once took every page down, in a real browser: visitors keep the last valid data, staff can repair.

Issue 18's two crash files are put on disk while the app runs — a ``facts.csv`` with the site-area
row duplicated and a ``site.geojson`` nested 100,000 levels deep. Every public page must keep
showing exactly what it showed before, and the About the data page must let a signed-in staff
member see what is wrong and publish the repaired files.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from dashboard.auth import hash_password
from dashboard.i18n import translate

from ..conftest import DATA
from .conftest import act, open_page, serve

PASSWORD = "correct horse battery staple"
PUBLIC = ["/", "/site_map", "/timeline", "/opportunities", "/operators", "/legal_regime", "/data"]
MAIN = '[data-testid="stMain"]'


@pytest.fixture(scope="module")
def broken_site(chromium_executable, tmp_path_factory) -> Iterator[tuple[str, Path]]:
    """The app on a copy of the data that the test may break: (base URL, data folder)."""
    root = tmp_path_factory.mktemp("broken")
    data = root / "data"
    shutil.copytree(DATA, data)
    env = {
        "IMC_DATA_DIR": str(data),
        "IMC_SNAPSHOT_DIR": str(root / "snapshots"),
        "IMC_DATABASE_PATH": str(root / "imc.sqlite3"),
        "IMC_STAFF_PASSWORD_HASH": hash_password(PASSWORD, n=2**4),
    }
    with serve(tmp_path_factory, "broken", env) as base:
        yield base, data


def _main_text(page) -> str:
    assert page.locator('[data-testid="stException"]').count() == 0, page.url
    return page.locator(MAIN).inner_text()


def _shown(page, path: str) -> set[str]:
    """The lines of text a visitor reads on a page (as a set: parts of a page may draw in any order)."""
    open_page(page, path)  # idle: the run finished and every visible chart, map and table is drawn
    return {line.strip() for line in _main_text(page).splitlines() if line.strip()}


def _break(data: Path) -> tuple[bytes, bytes]:
    facts, site = (data / "facts.csv").read_bytes(), (data / "site.geojson").read_bytes()
    row = next(line for line in facts.decode().splitlines() if line.startswith("site_area_ha,"))
    (data / "facts.csv").write_bytes(facts + row.replace(",57.6,", ",60,").encode() + b"\n")
    (data / "site.geojson").write_bytes(
        b'{"type": "FeatureCollection", "features": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    )
    return facts, site


def _sign_in(page) -> None:
    page.get_by_text(translate("data.staff_entry", "en")).click()
    page.get_by_label(translate("data.auth_name", "en")).fill("Olga")
    page.get_by_label(translate("data.auth_password", "en")).fill(PASSWORD)
    act(page, page.get_by_role("button", name=translate("data.auth_sign_in", "en")).click)


def _upload_and_publish(page, path: Path, table_title: str) -> None:
    picker = page.get_by_role("combobox", name=translate("data.pick_file", "en"), exact=True)
    picker.click()
    picker.fill(table_title)  # the list is long: type to find, as a user does
    act(page, page.get_by_role("option", name=table_title).click)
    act(page, lambda: page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(path)))
    act(page, page.get_by_role("button", name=translate("data.upload_check", "en")).click)
    act(page, page.get_by_role("button", name=translate("data.publish", "en"), exact=True).click)
    assert page.get_by_text("Published ").count() >= 1, _main_text(page)


def test_public_pages_keep_the_last_valid_data_and_staff_repair_the_files(broken_site, visitor, tmp_path):
    base, data = broken_site
    browser_page = visitor.page
    before = {path: _shown(browser_page, base + path) for path in PUBLIC}
    assert any("57.6" in line for line in before["/"])  # the site area the broken file contradicts
    good_facts, good_site = _break(data)
    for path in PUBLIC:
        after = _shown(browser_page, base + path)
        # The same facts (every line with a figure or a date); widgets may draw folded or open.
        assert {x for x in after if re.search(r"\d", x)} == {x for x in before[path] if re.search(r"\d", x)}, path
    # Staff see what is wrong, in the page they would repair it from, and publish the repaired files.
    open_page(browser_page, base + "/data")
    _sign_in(browser_page)
    status = browser_page.locator(MAIN).inner_text()
    assert "do not pass the checks" in status and "facts.csv" in status and "site.geojson" in status
    for name, content, title in (("facts.csv", good_facts, "Key facts"), ("site.geojson", good_site, "Site outline")):
        repaired = tmp_path / name
        repaired.write_bytes(content)
        _upload_and_publish(browser_page, repaired, f"{title} ({name})")
    assert translate("data.status_ok", "en") in _main_text(browser_page)  # the staff page, after the second publish
    assert visitor.external == []
