"""The Data & sources page: public part in EN/RU, last-known-good data, and the staff round trip end to end."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import auth
from dashboard.cache import dataset as data_access
from dashboard.safe import md
from imc_data import audit, datainfo, excel, load_dataset, publish, schema

from .apptest_helpers import APP, run_app, visible_text
from .conftest import replace_in

PAGE = "pages/6_data.py"


@pytest.fixture(autouse=True)
def isolated(tmp_path, monkeypatch):
    monkeypatch.setenv("IMC_DATABASE_PATH", str(tmp_path / "imc.sqlite3"))
    monkeypatch.setenv("IMC_SNAPSHOT_DIR", str(tmp_path / "snapshots"))
    monkeypatch.delenv("IMC_DATABASE_URL", raising=False)
    monkeypatch.delenv("IMC_STALE_AFTER_DAYS", raising=False)
    data_access.forget_snapshots()
    yield
    data_access.forget_snapshots()


@pytest.fixture
def staff_dir(data_dir, monkeypatch):
    monkeypatch.setenv("IMC_DATA_DIR", str(data_dir))
    return data_dir


def staff_page(page: str = PAGE, **state) -> AppTest:
    """The page as a signed-in staff member (sign-in itself is tested in test_auth)."""
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.switch_page(page)
    at.session_state[auth.SESSION_USER] = "Olga"
    for key, value in state.items():
        at.session_state[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def frames(at: AppTest) -> str:
    return "\n".join(df.value.to_string() for df in at.dataframe)


def open_tab(at: AppTest, label: str) -> AppTest:
    """Click a tab of the public part (only the open tab is built: the tab bar reruns the page)."""
    at.session_state["data_tab"] = label
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_public_part_in_english():
    at = run_app(page=PAGE)
    ds = load_dataset()
    assert at.title[0].value == "Data & sources"
    labels = ["Freshness & provenance", "Conflicting sources", "Sources", "Data dictionary"]
    assert [t.label for t in at.tabs][:4] == labels
    # The first tab is open; the others are not built until opened, but for the small dictionary.
    freshness, dictionary = [df.value for df in at.dataframe]
    assert list(dictionary["Column"]) == schema.TABLES["sources"].names
    assert list(freshness["File"]) == [t.filename for t in schema.TABLES.values()]
    assert list(freshness["Rows"]) == [len(ds[name]) for name in schema.TABLES]
    assert freshness["sourced"].sum() == sum((ds[n]["provenance"] == "sourced").sum() for n in schema.TABLES)
    site = ds["conflicts"].set_index("conflict_id").loc["C01"]
    assert md(site["values_en"]) not in visible_text(at)
    assert "Staff" in [h.value for h in at.header]

    text = visible_text(open_tab(at, labels[1]))
    assert f"**{md(site['canonical_en'])}**" in text  # the canonical pick, as escaped text
    assert md(site["values_en"]) in text
    assert len(at.dataframe) == 1  # the freshness table went with its tab; the dictionary stays
    sources_text = visible_text(open_tab(at, labels[2]))
    assert md(ds["sources"].iloc[0]["title"]) in sources_text
    usage = datainfo.source_usage(ds)
    once = next(sid for sid in ds["sources"]["source_id"] if usage.get(sid, 0) == 1)
    assert f"**{md(once)}**" in sources_text and "rows citing it: 1" in sources_text and "1 rows" not in sources_text
    (dictionary,) = [df.value for df in open_tab(at, labels[3]).dataframe]
    first = schema.TABLES["sources"]
    assert list(dictionary["Column"]) == first.names
    assert list(dictionary["Meaning"]) == [c.meaning_en for c in first.columns]
    assert "Staff" in [h.value for h in at.header]


def test_public_part_in_russian():
    at = run_app(page=PAGE, lang="ru")
    ds = load_dataset()
    assert at.title[0].value == "Данные и источники"
    labels = [t.label for t in at.tabs][:4]
    assert labels[:2] == ["Актуальность и происхождение", "Расхождения источников"]
    assert "Таблица" in at.dataframe[0].value.columns
    text = visible_text(open_tab(at, labels[1]))
    assert md(ds["conflicts"].set_index("conflict_id").loc["C02", "topic_ru"]) in text
    assert "Conflicting sources" not in text and "Data dictionary" not in text
    (dictionary,) = [df.value for df in open_tab(at, labels[3]).dataframe]
    assert list(dictionary["Значение"]) == [c.meaning_ru for c in schema.TABLES["sources"].columns]


@pytest.mark.parametrize("days", [36500, 1])
def test_stale_badge_follows_the_configured_age(days, monkeypatch):
    monkeypatch.setenv("IMC_STALE_AFTER_DAYS", str(days))
    at = run_app(page=PAGE)
    n = len(schema.TABLES)
    expected = int(datainfo.freshness(load_dataset(), stale_days=days)["stale"].sum())
    assert (expected == 0) == (days == 36500)
    assert f"{expected} of {n} tables are stale" in visible_text(at)
    states = at.dataframe[0].value["State"]
    assert (states == "stale").sum() == expected


def test_only_http_links_are_links():
    from imc_data.cells import web_address

    assert web_address("https://example.org/a?b=1") == "https://example.org/a?b=1"
    bad = ("javascript:alert(1)", "data:text/html,x", "https://x.org/<b>", "https://x.org/'a'", "ftp://x.org", None)
    for value in (*bad, float("nan")):
        assert web_address(value) is None


def test_freshness_marks_tables_older_than_the_threshold():
    ds = load_dataset()
    newest = ds["stages"]["as_of"].max().date()
    fresh = datainfo.freshness(ds, today=newest, stale_days=10).set_index("table")
    assert not fresh.loc["stages", "stale"]
    import datetime as dt

    later = datainfo.freshness(ds, today=newest + dt.timedelta(days=11), stale_days=10).set_index("table")
    assert later.loc["stages", "stale"]


def test_broken_files_keep_the_site_up_and_tell_staff(staff_dir):
    at = run_app()  # investors open the site while the files are good
    good_metrics = {m.label: m.value for m in at.metric}
    replace_in(staff_dir / "plots.csv", "P02,2.8,", "P02,oops,")  # edited outside the app
    at = run_app()
    assert {m.label: m.value for m in at.metric} == good_metrics
    assert not at.error and not at.warning
    staff = staff_page()
    banner = [w.value for w in staff.warning]
    assert banner and "do not validate" in banner[0]
    assert "plots.csv:3:area_ha: error" in staff.code[0].value
    # A restarted server still has the snapshot on disk.
    data_access.forget_snapshots()
    assert {m.label: m.value for m in run_app().metric} == good_metrics
    # Fixed files show without a restart.
    replace_in(staff_dir / "plots.csv", "P02,oops,", "P02,2.8,")
    replace_in(staff_dir / "facts.csv", "max_floor_area_m2,450000,", "max_floor_area_m2,460000,")
    assert load_dataset(staff_dir).ok
    fixed = run_app()
    assert {m.label: m.value for m in fixed.metric}["Max. floor area"] == "460,000 m²"
    assert not staff_page().warning


def test_without_any_valid_snapshot_the_clear_message_stays(staff_dir):
    replace_in(staff_dir / "plots.csv", "P02,2.8,", "P02,oops,")
    at = run_app()
    assert "do not validate" in at.error[0].value
    assert not at.metric


def test_done_when_excel_round_trip_publish_and_the_investor_view_changes(staff_dir):
    """Export facilities for Russian Excel, edit, upload, see the wrong cell, fix it, publish."""
    ds = load_dataset(staff_dir)
    name, exported = excel.export_table(staff_dir, ds["facilities"], "facilities", "ru")
    at = staff_page(staff_target="facilities")
    assert "Download for Excel (Russian)" in [d.label for d in at.download_button]
    # In Russian Excel: rename F01 and mistype a status; "CSV UTF-8" keeps the BOM and ';'.
    sheet = exported.decode("utf-8-sig")
    old_name = ds["facilities"].set_index("facility_id").loc["F01", "name_en"]
    sheet = sheet.replace(old_name, "Hadassah Diagnostic Centre", 1).replace(";OP01;operating;", ";OP01;работает;", 1)
    at.file_uploader(key="upload_facilities").upload(name, sheet.encode("utf-8-sig"), "text/csv").run()
    at.button(key="staff_check_upload").click().run()
    assert not at.exception
    assert "1 problem(s) must be fixed" in at.error[0].value
    findings = next(df.value for df in at.dataframe if "What is wrong and how to fix it" in df.value.columns)
    wrong = findings[findings["Column"] == "status"]
    assert (wrong["File"].tolist(), wrong["Row"].tolist()) == ([name], [2])
    assert "unknown value 'работает'; allowed:" in wrong["What is wrong and how to fix it"].iloc[0]
    assert "Publish" not in [b.label for b in at.button]
    assert load_dataset(staff_dir)["facilities"].set_index("facility_id").loc["F01", "name_en"] == old_name
    # Fix the cell and upload again.
    sheet = sheet.replace(";OP01;работает;", ";OP01;operating;", 1)
    at.file_uploader(key="upload_facilities").upload(name, sheet.encode("utf-8-sig"), "text/csv").run()
    at.button(key="staff_check_upload").click().run()
    assert "The file validates" in at.success[0].value
    assert "0 row(s) added, 1 changed, 0 removed" in visible_text(at)
    diff = at.dataframe[-1].value
    assert diff.iloc[0].tolist() == ["changed", "F01", "name_en", old_name, "Hadassah Diagnostic Centre"]
    at.button(key="staff_publish").click().run()
    assert not at.exception
    assert "Published facilities.csv" in at.success[0].value
    entry = audit.recent(1)[0]
    assert (entry.user, entry.table_name, entry.changed) == ("Olga", "facilities", 1)
    # The investors' view changes, without a restart.
    investor = run_app()
    built = next(m for m in investor.metric if m.label == "Built")
    assert "Hadassah Diagnostic Centre" in built.help


def test_concurrent_publish_on_the_page_is_refused_and_keeps_my_version(staff_dir):
    raw = (staff_dir / "stages.csv").read_bytes()
    mine = raw.replace(b"\nS2,Stage 2,", b"\nS2,Stage Two,")
    at = staff_page(staff_target="stages")
    at.file_uploader(key="upload_stages").upload("stages.csv", mine, "text/csv").run()
    at.button(key="staff_check_upload").click().run()
    # Meanwhile a colleague publishes the same table.
    theirs = publish.validate_candidate(raw.replace(b"\nS1,Stage 1,", b"\nS1,Stage One,"), "stages", staff_dir)
    publish.publish(theirs, staff_dir, "Boris")
    at.button(key="staff_publish").click().run()
    assert not at.exception
    assert any("changed by someone else" in e.value and "Boris" in e.value for e in at.error)
    assert "Download my version" in [d.label for d in at.download_button]
    assert (staff_dir / "stages.csv").read_bytes() == theirs.content
    at.button(key="staff_compare").click().run()
    diff = at.dataframe[-1].value
    assert set(diff["Column"]) == {"name_en"} and set(diff["Row id"]) == {"S1", "S2"}


def test_restore_a_backup_in_two_clicks(staff_dir):
    original = load_dataset(staff_dir)["stages"]
    raw = (staff_dir / "stages.csv").read_bytes().replace(b"\nS2,Stage 2,", b"\nS2,Stage Two,")
    publish.publish(publish.validate_candidate(raw, "stages", staff_dir), staff_dir, "Boris")
    at = staff_page(staff_target="stages")
    assert at.selectbox(key="backup_stages").value is not None  # click 1: the backup (newest preselected)
    at.button(key="staff_restore").click().run()  # click 2
    assert not at.exception
    assert "Restored stages.csv" in at.success[0].value
    assert load_dataset(staff_dir)["stages"].equals(original)
    assert audit.recent(1)[0].action == "restore"


def test_editing_in_the_app_goes_through_the_same_check(staff_dir):
    at = staff_page(staff_target="stages")
    editor = at.data_editor[0]
    assert list(editor.value.columns) == schema.TABLES["stages"].names
    at.button(key="staff_check_edit").click().run()
    assert "No change compared with the published file." in visible_text(at)
