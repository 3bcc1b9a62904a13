"""Shared fixtures: an isolated environment for every test, a writable copy of the shipped data.

Markers (``pyproject.toml``): everything under ``tests/browser`` is ``browser``, everything under
``tests/deploy`` is ``deploy``; the developer's loop is
``pytest -m "not browser and not deploy and not slow"``.
"""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "imc_data" / "tables"
TESTS = Path(__file__).resolve().parent
FOLDER_MARKERS = {"browser": "browser", "deploy": "deploy"}  # tests/<folder> -> marker

# What the app reads from the environment; a developer's shell must not leak into a test.
APP_ENVIRONMENT = (
    "IMC_DATA_DIR",
    "IMC_DATABASE_URL",
    "IMC_DATABASE_PATH",
    "IMC_SNAPSHOT_DIR",
    "IMC_BACKUP_DIR",
    "IMC_STAFF_PASSWORD_HASH",
    "IMC_STALE_AFTER_DAYS",
)


def pytest_collection_modifyitems(items) -> None:
    """Mark every test by the folder it lives in, and run the quick tests first.

    The folder markers keep browser and deployment tests out of the fast loop. The order puts the
    browser suite (which shares one Playwright, closed when the suite ends) before the other tests
    that start a browser of their own, and the deployments last.
    """
    for item in items:
        parts = Path(str(item.path)).relative_to(TESTS).parts
        if len(parts) > 1 and parts[0] in FOLDER_MARKERS:
            item.add_marker(FOLDER_MARKERS[parts[0]])
        # With pytest-xdist (--dist loadgroup) the tests of a module that share a module fixture (a server, an
        # app run) stay on one worker, which makes the fixture once; every other test, a browser walk too, goes
        # to whichever worker is free, so no worker is left running a long module alone at the end.
        if _uses_module_fixture(item) and not item.get_closest_marker("xdist_group"):
            item.add_marker(pytest.mark.xdist_group(str(item.path)))

    def stage(item) -> int:
        if item.get_closest_marker("deploy"):
            return 3
        if item.get_closest_marker("browser"):
            return 1 if Path(str(item.path)).is_relative_to(TESTS / "browser") else 2
        return 0

    items.sort(key=stage)  # stable: file order within each stage


def _uses_module_fixture(item) -> bool:
    """Whether the test reads a fixture made once per module (session fixtures are made once per worker)."""
    fixtures = getattr(item, "_fixtureinfo", None)  # pytest's record of the fixtures a test function needs
    if fixtures is None:
        return False
    return any(defs and defs[-1].scope == "module" for defs in fixtures.name2fixturedefs.values())


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A copy of the shipped tables that a test may break."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


@pytest.fixture(autouse=True)
def _isolated_environment(monkeypatch, tmp_path_factory):
    """Every test starts from the shipped data, a private database and snapshot folder, and no last-good data.

    Nothing is written to ``var/``; results cached per version of the data stay cached, since their
    keys name the data they were made from (an edited copy of the tables is another version).
    """
    from dashboard.cache import dataset as data_access
    from imc_data import db

    for name in APP_ENVIRONMENT:
        monkeypatch.delenv(name, raising=False)
    private = tmp_path_factory.mktemp("env")
    monkeypatch.setenv("IMC_DATABASE_PATH", str(private / "imc.sqlite3"))
    monkeypatch.setenv("IMC_SNAPSHOT_DIR", str(private / "snapshots"))
    data_access.forget_snapshots()
    yield
    data_access.forget_snapshots()
    db.dispose_all()


def without_column(text: str, column: str) -> str:
    """A CSV table's text with one column deleted, as staff do in a spreadsheet (quoted cells kept whole)."""
    rows = list(csv.reader(io.StringIO(text)))
    cut = rows[0].index(column)
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([c for i, c in enumerate(r) if i != cut] for r in rows)
    return out.getvalue()


def replace_in(path: Path, old: str, new: str, count: int = 1) -> None:
    """Edit a data file as staff would; fail loudly if the text to replace is not there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def edited_dataset(data_dir: Path, filename: str, old: str, new: str):
    """The dataset after one staff edit of ``filename`` in ``data_dir``; the edit must keep it valid."""
    from imc_data import load_dataset

    replace_in(data_dir / filename, old, new)
    ds = load_dataset(data_dir)
    assert ds.ok, ds.report.summary()
    return ds


# --- Shared database fixture (issue 8): store tests run on SQLite and on PostgreSQL ------------

POSTGRES_URL_ENV = "IMC_TEST_POSTGRES_URL"


@pytest.fixture(params=["sqlite", "postgres"])
def db_url(request, tmp_path: Path):
    """A SQLAlchemy URL of an empty database: a SQLite file, then a fresh PostgreSQL database.

    The PostgreSQL case needs ``IMC_TEST_POSTGRES_URL`` (a server URL whose user may create
    databases; ``.ci/run`` starts a server on loopback and sets it). Without it the case is
    skipped with a loud reason on a developer machine and fails in CI (``CI`` set). Use it as
    ``engine = imc_data.db.get_engine(db_url)`` or ``monkeypatch.setenv("IMC_DATABASE_URL", db_url)``.
    """
    import os
    import uuid

    from sqlalchemy import create_engine, make_url, text

    from imc_data import db

    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'imc-test.sqlite3'}"
        db.dispose_all()
        return
    server = os.environ.get(POSTGRES_URL_ENV, "").strip()
    if not server:
        reason = (
            f"NOT TESTED ON POSTGRESQL: {POSTGRES_URL_ENV} is not set. Run .ci/run, or start a server and set "
            f"{POSTGRES_URL_ENV}=postgresql+psycopg://USER:PASSWORD@127.0.0.1:PORT/postgres"
        )
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    name = f"imc_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(server).set(database=name).render_as_string(hide_password=False)
    finally:
        db.dispose_all()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
