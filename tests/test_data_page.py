"""The About the data page: what visitors read (EN/RU, nothing internal), last-known-good data, and the staff tools end to end.

Staff sessions are AppTest sessions with the staff user set (sign-in itself is tested in test_auth);
the two-session tests run two such sessions, or a staff and a visitor session, on one data folder.
"""

from __future__ import annotations

import io
import json
import re

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import auth, citations, staff
from dashboard.cache import dataset as data_access
from dashboard.safe import md
from imc_data import audit, datainfo, excel, load_dataset, publish, schema

from .apptest_helpers import run_app, visible_text
from .conftest import replace_in, without_column
from .house_rules import INTERNAL

PAGE = "pages/6_data.py"


@pytest.fixture
def staff_dir(data_dir, monkeypatch):
    monkeypatch.setenv("IMC_DATA_DIR", str(data_dir))
    return data_dir


def staff_page(page: str = PAGE, lang: str = "en", user: str = "Olga", **state) -> AppTest:
    """The page as a signed-in staff member."""
    query = {"lang": lang} if lang != "en" else {}
    return run_app(page, state={auth.SESSION_USER: user, **state}, **query)


def everything_shown(at: AppTest) -> str:
    """Text, labels of tabs, widgets and buttons, and table contents: all a visitor can read on the page."""
    parts = [visible_text(at)]
    parts += [str(t.label) for t in at.tabs] + [str(s.label) for s in at.selectbox] + [str(b.label) for b in at.button]
    parts += [str(d.label) for d in at.download_button] + [p.proto.popover.label for p in at.get("popover")]
    parts += [o for s in at.selectbox for o in s.options]
    parts += [df.value.to_string() for df in at.dataframe] + [t.value.to_string() for t in at.table]
    return "\n".join(parts)


def open_tab(at: AppTest, label: str) -> AppTest:
    """Click a tab of the visitors' part (only the open tab is built: the tab bar reruns the page)."""
    at.session_state["data_tab"] = label
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def findings(at: AppTest, lang: str = "en"):
    """The table of findings as the staff member reads it (Markdown escapes undone, row numbers as numbers)."""
    column = "What is wrong and how to fix it" if lang == "en" else "Что не так и как исправить"
    row = "Row" if lang == "en" else "Строка"  # the findings, not the grouped warnings (which have no row column)
    table = next(t.value for t in at.table if {column, row} <= set(t.value.columns))
    shown = table.map(lambda cell: re.sub(r"\\(.)", r"\1", str(cell)))
    return shown.map(lambda cell: int(cell) if cell.isdigit() else cell)


def diff_table(at: AppTest):
    """The table of changes a checked file would publish."""
    return next(df.value for df in at.dataframe if {"Change", "Изменение"} & set(df.value.columns))


def upload(at: AppTest, target: str, name: str, raw: bytes) -> AppTest:
    at.file_uploader(key=f"upload_{target}").upload(name, raw, "text/csv").run()
    at.button(key="staff_check_upload").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


# ----------------------------------------------------------------------------- visitors


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_visitors_read_about_the_data_in_plain_words_and_nothing_internal(lang, monkeypatch):
    monkeypatch.setenv(auth.HASH_ENV, auth.hash_password("correct horse battery", n=2**4))
    at = run_app(page=PAGE, lang=lang)
    ds = load_dataset()
    title, tabs = ("About the data", "How facts are sourced") if lang == "en" else ("О данных", "Как собраны факты")
    assert at.title[0].value == title and at.tabs[0].label == tabs
    counts = datainfo.provenance_counts(ds)
    assert str(counts["sourced"]) in visible_text(at)
    shown = [everything_shown(at)]
    for label in [t.label for t in at.tabs][1:]:
        shown.append(everything_shown(open_tab(at, label)))
    text = "\n".join(shown)
    assert md(ds["conflicts"].iloc[0][f"topic_{lang}"]) in text
    assert md(citations.source_title(ds["sources"].iloc[0], lang)) in text
    # The page adds nothing internal; the tables' own wording is checked with the data (issue 16, other owners).
    conflicts, sources = ds["conflicts"], ds["sources"]
    values = [conflicts[f"{c}_{lang}"] for c in ("topic", "values", "canonical", "reason")]
    values += [sources[c] for c in ("title", "title_ru", "publisher") if c in sources]
    for item in (str(v) for column in values for v in column.dropna()):
        text = text.replace(md(item), "")
    assert INTERNAL.findall(text) == []  # the house rules' list (tests/house_rules.py)
    assert not at.dataframe  # no freshness table, no dictionary: those are staff tools
    (entry,) = at.get("popover")  # the discreet way in for staff
    assert entry.proto.popover.label == ("Staff sign-in" if lang == "en" else "Вход для сотрудников")
    if lang == "ru":
        assert "Sources" not in text and "Download" not in text


def test_visitors_download_every_table_as_one_workbook():
    import openpyxl

    at = run_app(page=PAGE)
    assert {d.key for d in at.download_button} == {"download_one", "download_all"}
    ds = load_dataset()
    book = openpyxl.load_workbook(io.BytesIO(excel.tables_xlsx({n: ds[n] for n in schema.TABLES}, "en")))
    assert book.sheetnames == list(schema.TABLES)
    assert [book[n].max_row - 1 for n in schema.TABLES] == [len(ds[n]) for n in schema.TABLES]


# ----------------------------------------------------------------------------- staff tools


@pytest.mark.slow
def test_staff_see_freshness_dictionary_and_the_state_of_the_files(staff_dir, monkeypatch):
    monkeypatch.setenv("IMC_STALE_AFTER_DAYS", "1")
    at = staff_page()
    assert "Staff: data files" in [h.value for h in at.header]
    assert at.success[0].value == "Every data file passes all checks."
    # The accepted warnings are one click away, not hidden behind the all-clear.
    accepted = load_dataset(staff_dir).report.warnings
    expected = [f"Warnings: {len(accepted)} (accepted, but worth fixing at the source)"] if accepted else []
    assert [e.label for e in at.expander if e.label.startswith("Warnings:")] == expected
    frames = {tuple(df.value.columns)[:2]: df.value for df in at.dataframe}
    freshness = frames[("Table", "File")]
    assert list(freshness["File"]) == [t.filename for t in schema.TABLES.values()]
    assert list(freshness["Rows"]) == [len(load_dataset(staff_dir)[n]) for n in schema.TABLES]
    expected = int(datainfo.freshness(load_dataset(staff_dir), stale_days=1)["stale"].sum())
    assert f"{expected} of {len(schema.TABLES)} tables are stale" in visible_text(at)
    dictionary = frames[("Column", "Type")]
    assert list(dictionary["Column"]) == schema.TABLES["sources"].names


def test_staff_tools_speak_russian(staff_dir):
    publish.publish(
        publish.validate_candidate(
            (staff_dir / "stages.csv").read_bytes().replace(b"\nS2,Stage 2,", b"\nS2,Stage II,"), "stages", staff_dir
        ),
        staff_dir,
        "Борис",
    )
    at = staff_page(lang="ru")
    assert "Для сотрудников: файлы данных" in [h.value for h in at.header]
    assert [t.label for t in at.tabs][3:9] == [
        "Правка и загрузка",
        "Резервные копии",
        "Журнал изменений",
        "Заявки",
        "Актуальность",
        "Словарь данных",
    ]
    log = next(df.value for df in at.dataframe if "Кто" in df.value.columns)
    assert list(log.columns)[:4] == ["Когда (UTC)", "Кто", "Действие", "Таблица"]
    assert log.iloc[0][["Кто", "Действие", "Таблица"]].tolist() == ["Борис", "публикация", "Этапы"]
    labels = [d.label for d in at.download_button]
    assert "Скачать для правки (.xlsx)" in labels and "CSV для русского Excel / LibreOffice" in labels
    assert at.file_uploader[0].label == "Загрузите исправленный файл (.xlsx, CSV или GeoJSON, до 2 МБ)"
    # The sidebar names the tables to check and why, in Russian (the shipped data has both reasons).
    to_check = next(c.value for c in at.sidebar.caption if "проверить таблицы" in c.value)
    assert "facts.csv (устарела)" in to_check and "facilities.csv (прошли плановые сроки)" in to_check
    assert not re.search(r"[A-Za-z]+\)", to_check.replace(".csv", "")), to_check


@pytest.mark.slow
def test_done_when_a_russian_spreadsheet_round_trip_reads_russian_and_publishes(staff_dir):
    """Download for Russian Excel, edit, upload with a mistake, read it in Russian, fix it, publish."""
    ds = load_dataset(staff_dir)
    name, exported = excel.export_table(staff_dir, ds["facilities"], "facilities", "ru")
    at = staff_page(lang="ru", staff_target="facilities")
    sheet = exported.decode("utf-8-sig")
    old_name = ds["facilities"].set_index("facility_id").loc["F01", "name_en"]
    sheet = sheet.replace(old_name, "Hadassah Diagnostic Centre", 1).replace(
        '"OP01";"operating"', '"OP01";"работает"', 1
    )
    upload(at, "facilities", "Объекты.csv", sheet.encode("utf-8-sig"))
    assert at.error[0].value == "Нужно исправить проблем: 1. Файл не опубликован, ничего не изменено."
    found = findings(at, "ru")
    assert found.iloc[0][["Файл", "Строка", "Столбец"]].tolist() == ["Объекты.csv", 2, "status"]
    assert found.iloc[0]["Что не так и как исправить"].startswith("неизвестное значение «работает»; допустимые")
    assert "staff_publish" not in [b.key for b in at.button]
    assert load_dataset(staff_dir)["facilities"].set_index("facility_id").loc["F01", "name_en"] == old_name
    upload(
        at, "facilities", "Объекты.csv", sheet.replace('"OP01";"работает"', '"OP01";"operating"', 1).encode("utf-8-sig")
    )
    assert "Файл прошёл проверку" in at.success[-1].value
    assert "Добавлено строк: 0, изменено: 1, удалено: 0" in visible_text(at)
    diff = diff_table(at)
    assert diff.iloc[0].tolist() == ["изменена", "F01", "name_en", old_name, "Hadassah Diagnostic Centre"]
    at.button(key="staff_publish").click().run()
    assert not at.exception
    assert any(s.value.startswith("Опубликован facilities.csv") for s in at.success)
    entry = audit.recent(1)[0]
    assert (entry.user, entry.table_name, entry.changed) == ("Olga", "facilities", 1)
    investor = run_app()
    built = next(m for m in investor.metric if m.label == "Facilities built")
    assert "Hadassah Diagnostic Centre" in built.help


@pytest.mark.slow
def test_an_xlsx_upload_goes_through_the_same_check_with_sheet_row_numbers(staff_dir):
    import openpyxl

    ds = load_dataset(staff_dir)
    _name, workbook = excel.export_table(staff_dir, ds["stages"], "stages", "ru", "xlsx")
    book = openpyxl.load_workbook(io.BytesIO(workbook))
    book.active["D3"] = "twenty"  # start_year of S2, typed as text
    out = io.BytesIO()
    book.save(out)
    at = upload(staff_page(staff_target="stages"), "stages", "этапы.xlsx", out.getvalue())
    assert findings(at).iloc[0][["File", "Row", "Column"]].tolist() == ["этапы.xlsx", 3, "start_year"]


@pytest.mark.slow
def test_a_new_check_clears_an_old_not_published_message(staff_dir):
    raw = (staff_dir / "stages.csv").read_bytes()
    at = upload(staff_page(staff_target="stages"), "stages", "stages.csv", raw.replace(b"\nS2,Stage 2,", b"\nS2,Two,"))
    publish.publish(
        publish.validate_candidate(raw.replace(b"\nS1,Stage 1,", b"\nS1,One,"), "stages", staff_dir), staff_dir, "Boris"
    )
    at.button(key="staff_publish").click().run()
    assert any("Not published" in e.value for e in at.error)
    upload(at, "stages", "stages.csv", (staff_dir / "stages.csv").read_bytes().replace(b"\nS2,Stage 2,", b"\nS2,Two,"))
    assert not any("Not published" in e.value for e in at.error)
    assert at.button(key="staff_publish").disabled is False


@pytest.mark.slow
def test_concurrent_publish_on_the_page_is_refused_and_keeps_my_version(staff_dir):
    raw = (staff_dir / "stages.csv").read_bytes()
    at = upload(staff_page(staff_target="stages"), "stages", "stages.csv", raw.replace(b"\nS2,Stage 2,", b"\nS2,Two,"))
    theirs = publish.validate_candidate(raw.replace(b"\nS1,Stage 1,", b"\nS1,Stage One,"), "stages", staff_dir)
    publish.publish(theirs, staff_dir, "Boris")
    at.button(key="staff_publish").click().run()
    assert any("changed by someone else" in e.value and "Boris" in e.value for e in at.error)
    assert "Download my version" in [d.label for d in at.download_button]
    assert (staff_dir / "stages.csv").read_bytes() == theirs.content
    # After the refusal nothing says "ready to publish" and Publish cannot be pressed again to the same end.
    assert not [m.value for m in at.success if "passes every check" in m.value]
    assert at.button(key="staff_publish").disabled
    at.button(key="staff_compare").click().run()
    # Compared with the current file, mine would undo Boris's edit: it says so and waits for a choice.
    assert "This file was made from an older version of the table" in visible_text(at)
    assert at.button(key="staff_publish").disabled
    at.button(key="staff_keep_theirs").click().run()
    diff = diff_table(at)
    assert diff[["Row id", "Column", "After"]].values.tolist() == [["S2", "name_en", "Two"]]


@pytest.mark.slow
def test_restore_a_backup_in_two_clicks(staff_dir):
    original = load_dataset(staff_dir)["stages"]
    raw = (staff_dir / "stages.csv").read_bytes().replace(b"\nS2,Stage 2,", b"\nS2,Stage Two,")
    publish.publish(publish.validate_candidate(raw, "stages", staff_dir), staff_dir, "Boris")
    at = staff_page(staff_target="stages")
    assert at.selectbox(key="backup_stages").value is not None  # click 1: the backup (newest preselected)
    shown = at.selectbox(key="backup_stages")
    assert re.fullmatch(r"Version of \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC · [\d.,]+ KB", shown.format_func(shown.value))
    at.session_state["restore_preview_stages"] = True  # before restoring, what it would change
    at.run()
    assert diff_table(at)[["Row id", "Column", "Before", "After"]].values.tolist() == [
        ["S2", "name_en", "Stage Two", "Stage 2"]
    ]
    at.button(key="staff_restore").click().run()  # click 2
    assert not at.exception
    assert any(s.value.startswith("Restored stages.csv") for s in at.success)
    assert load_dataset(staff_dir)["stages"].equals(original)
    assert audit.recent(1)[0].action == "restore"


def test_editing_in_the_app_goes_through_the_same_check(staff_dir):
    at = staff_page(staff_target="stages")
    editor = at.data_editor[0]
    assert list(editor.value.columns) == schema.TABLES["stages"].names
    at.button(key="staff_check_edit").click().run()
    assert "No change compared with the published file." in visible_text(at)


# ----------------------------------------------------------------------------- two sessions


@pytest.mark.slow
def test_two_sessions_a_renamed_stale_copy_cannot_silently_undo_a_colleagues_edit(staff_dir):
    ds = load_dataset(staff_dir)
    _name, old_copy = excel.export_table(staff_dir, ds["facilities"], "facilities", "ru")  # B downloads first
    anna = staff_page(user="Anna", staff_target="facilities")
    boris = staff_page(lang="ru", user="Boris", staff_target="facilities")
    sheet = old_copy.decode("utf-8-sig")
    upload(anna, "facilities", "facilities.csv", sheet.replace('"10546,7"', '"10600"', 1).encode("utf-8-sig"))
    anna.button(key="staff_publish").click().run()
    assert any(s.value.startswith("Published facilities.csv") for s in anna.success)
    # Boris edits his old copy, saves it under another name, uploads it.
    mine = sheet.replace("Hadassah building 2", "Hadassah building II", 1).encode("utf-8-sig")
    upload(boris, "facilities", "Объекты_правка.csv", mine)
    assert "Этот файл сделан из более старой версии таблицы" in visible_text(boris)
    assert any("таблицу меняли: Anna" in w.value for w in boris.warning)
    undone = next(df.value for df in boris.dataframe if "Кто изменил" in df.value.columns)
    assert undone[["Строка (id)", "Столбец", "Сейчас (их правка)", "В вашем файле", "Кто изменил"]].values.tolist() == [
        ["F01", "floor_area_m2", "10600", "10546.7", "Anna"]
    ]
    assert boris.button(key="staff_publish").disabled  # no publishing before a choice
    boris.button(key="staff_keep_theirs").click().run()
    boris.button(key="staff_publish").click().run()
    assert not boris.exception
    facilities = load_dataset(staff_dir)["facilities"].set_index("facility_id")
    assert facilities.loc["F01", "floor_area_m2"] == 10600 and "building II" in facilities.loc["F02", "name_en"]


@pytest.mark.slow
def test_two_sessions_emptying_a_table_needs_a_confirmation_and_visitors_keep_it_until_then(staff_dir):
    # incentives.csv: nothing refers to it, so an empty one is valid and only the confirmation stops it.
    legal = "pages/5_legal_regime.py"
    first = md(load_dataset(staff_dir)["incentives"].iloc[0]["name_en"])
    rows = len(load_dataset(staff_dir)["incentives"])
    header_only = (staff_dir / "incentives.csv").read_bytes().split(b"\n", 1)[0] + b"\n"
    olga = upload(staff_page(staff_target="incentives"), "incentives", "incentives.csv", header_only)
    assert f"removes {rows} of the {rows} rows" in " ".join(w.value for w in olga.warning)
    assert olga.button(key="staff_publish").disabled
    assert first in visible_text(
        run_app(page=legal, section="incentives")
    )  # visitors keep the table until staff confirm
    (tick,) = [c for c in olga.checkbox if c.key.startswith("staff_removal_")]
    tick.check().run()
    olga.button(key="staff_publish").click().run()
    assert any(s.value.startswith("Published incentives.csv (0 rows)") for s in olga.success)
    assert len(load_dataset(staff_dir)["incentives"]) == 0 and first not in visible_text(
        run_app(page=legal, section="incentives")
    )


# ----------------------------------------------------------------------------- broken files on disk


def _crash_files(data_dir) -> None:
    """The two files of issue 18 that took every page down."""
    facts = data_dir / "facts.csv"
    site = next(line for line in facts.read_text(encoding="utf-8").splitlines() if line.startswith("site_area_ha,"))
    facts.write_text(facts.read_text(encoding="utf-8") + site.replace(",57.6,", ",60,") + "\n", encoding="utf-8")
    nested = '{"type": "FeatureCollection", "features": ' + "[" * 100_000 + "]" * 100_000 + "}"
    (data_dir / "site.geojson").write_text(nested, encoding="utf-8")


@pytest.mark.slow
def test_broken_files_keep_the_site_up_and_tell_staff(staff_dir):
    at = run_app()  # investors open the site while the files are good
    good_metrics = {m.label: m.value for m in at.metric}
    replace_in(staff_dir / "plots.csv", "P02,2.8,", "P02,oops,")  # edited outside the app
    at = run_app()
    assert {m.label: m.value for m in at.metric} == good_metrics
    assert not at.error and not at.warning
    staff = staff_page()
    assert "do not pass the checks" in " ".join(w.value for w in staff.warning)
    assert findings(staff).iloc[0][["File", "Row", "Column"]].tolist() == ["plots.csv", 3, "area_ha"]
    # A restarted server still has the snapshot on disk.
    data_access.forget_snapshots()
    assert {m.label: m.value for m in run_app().metric} == good_metrics
    # Fixed files show without a restart.
    replace_in(staff_dir / "plots.csv", "P02,oops,", "P02,2.8,")
    replace_in(staff_dir / "facts.csv", "max_floor_area_m2,450000,", "max_floor_area_m2,460000,")
    assert load_dataset(staff_dir).ok
    fixed = run_app()
    site = next(m for m in fixed.metric if m.label == "Site area")  # the floor area is the line under it
    assert site.delta == "up to 460,000\u00a0m² of floor area"
    assert not staff_page().warning


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.slow
def test_the_two_crash_files_keep_every_page_serving_the_last_valid_data(staff_dir, lang):
    pages = [None, "pages/1_site_map.py", "pages/2_timeline.py", PAGE]
    before = {p: visible_text(run_app(page=p, lang=lang)) for p in pages}
    _crash_files(staff_dir)
    for p in pages:
        at = run_app(page=p, lang=lang)  # run_app fails on any exception
        assert visible_text(at) == before[p], p
    staff = staff_page(lang=lang)
    where = findings(staff, lang)
    column = where.columns[0]
    assert {"facts.csv", "site.geojson"} <= set(where[column])


@pytest.mark.slow
def test_without_any_valid_snapshot_visitors_get_the_notice_and_staff_can_still_restore(staff_dir):
    good = (staff_dir / "stages.csv").read_bytes()
    publish.publish(
        publish.validate_candidate(good.replace(b"\nS2,Stage 2,", b"\nS2,Stage II,"), "stages", staff_dir),
        staff_dir,
        "Boris",
    )
    (staff_dir / "stages.csv").write_bytes(b'stage_id,name_en\nS1,"broken')
    at = run_app()
    assert "do not validate" in at.error[0].value and not at.metric
    staff = staff_page(staff_target="stages")
    assert "no valid version was loaded before" in " ".join(w.value for w in staff.warning)
    staff.button(key="staff_restore").click().run()
    assert not staff.exception
    assert load_dataset(staff_dir).ok and run_app().metric


def test_staff_session_keeps_messages_as_keys_so_they_follow_the_language(staff_dir):
    session = staff.StaffSession({}, staff_dir, "Olga")
    target = publish.targets()["stages"]
    raw = (staff_dir / "stages.csv").read_bytes().replace(b"\nS2,Stage 2,", b"\nS2,Stage II,")
    session.check_upload(raw, target, "этапы.csv")
    assert session.candidate.ready and session.publish()
    (flash,) = session.take_flashes()
    assert flash.text("en").startswith("Published stages.csv") and flash.text("ru").startswith("Опубликован stages.csv")
    assert session.candidate is None and session.take_flashes() == []
    json.dumps(session.opened(target)[0])  # the pinned version is a plain hash


def test_a_missing_column_is_placed_in_the_header_row_not_in_row_none(staff_dir):
    without = without_column((staff_dir / "stages.csv").read_text(encoding="utf-8"), "as_of")
    for lang, where in (("en", "header row"), ("ru", "строка заголовков")):
        at = upload(staff_page(lang=lang, staff_target="stages"), "stages", "stages.csv", without.encode())
        found = findings(at, lang)
        row = found[found.columns[2]] == "as_of"
        assert found.loc[row, found.columns[1]].tolist() == [where], found
        assert "None" not in found.to_string()


def test_a_row_with_too_many_cells_is_placed_in_its_whole_row(staff_dir):
    raw = (staff_dir / "stages.csv").read_bytes().replace(b"\nS2,Stage 2,", b"\nS2,Stage 2,extra,", 1)
    for lang, whole in (("en", "whole row"), ("ru", "вся строка")):
        found = findings(upload(staff_page(lang=lang, staff_target="stages"), "stages", "stages.csv", raw), lang)
        assert found.iloc[0, 1:3].tolist() == [3, whole], found


@pytest.mark.slow
def test_a_figure_changed_under_its_old_source_is_shown_in_sight_not_folded_with_the_habits(staff_dir):
    """Staff see the one warning about their edit at once; the spreadsheet's habits stay folded below."""
    raw = (staff_dir / "facts.csv").read_bytes().replace(b"\nmax_floor_area_m2,450000,", b"\nmax_floor_area_m2,455000,")
    at = upload(staff_page(staff_target="facts"), "facts", "facts.csv", raw)
    assert any(w.value.startswith("Check the sources: 1 ") for w in at.warning)
    shown = findings(at)
    assert shown[["Row", "Column"]].values.tolist() == [[3, "value"]]
    assert "450000 → 455000" in shown.iloc[0]["What is wrong and how to fix it"]
    # Folded below: the other warnings, not this one again.
    folded = [t.value.to_string() for t in at.table if "Row" not in t.value.columns]
    assert folded and not any("455000" in text for text in folded)
