"""Publishing staff edits: canonical form, diff, backups, audit log, conflicts, kills mid-write, restore."""

from __future__ import annotations

import csv
import io
import math
import os
import pickle
import random
import signal
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pandas as pd
import pytest

from imc_data import audit, excel, load_dataset, publish, schema

from .conftest import ROOT


def edited(data_dir: Path, table: str, old: str, new: str) -> bytes:
    raw = (data_dir / schema.TABLES[table].filename).read_text(encoding="utf-8")
    assert old in raw, old
    return raw.replace(old, new, 1).encode("utf-8")


@pytest.mark.slow
def test_canonical_form_keeps_every_value_of_every_table(data_dir):
    ds = load_dataset(data_dir)
    for name, table in schema.TABLES.items():
        candidate = publish.validate_candidate(publish.frame_to_csv(ds[name], table), name, data_dir)
        assert candidate.ok, [f.format() for f in candidate.report.errors]
        assert candidate.diff.empty, (name, candidate.diff)


def test_diff_names_added_changed_and_removed_rows(data_dir):
    raw = edited(data_dir, "stages", "\nS2,Stage 2,", "\nS2,Stage Two,")
    raw += "S3,Stage 3,Этап 3,2030,2035,Later,Позже,SEED001,2017-01-01,year,sourced\n".encode()
    candidate = publish.validate_candidate(raw, "stages", data_dir)
    assert candidate.ok, [f.format() for f in candidate.report.errors]
    assert candidate.diff.added == ("S3",)
    assert candidate.diff.changed == (publish.Change("S2", "name_en", "Stage 2", "Stage Two"),)
    assert (candidate.rows_before, candidate.rows_after) == (2, 3)
    removed = publish.validate_candidate(
        b"\n".join(
            line for line in (data_dir / "conflicts.csv").read_bytes().split(b"\n") if not line.startswith(b"C10")
        ),
        "conflicts",
        data_dir,
    )
    assert removed.ok and removed.diff.removed == ("C10",)


def test_publish_backs_up_replaces_and_records(data_dir):
    original = (data_dir / "facilities.csv").read_bytes()
    candidate = publish.validate_candidate(
        edited(data_dir, "facilities", ",OP01,operating,", ",OP01,completed,"), "facilities", data_dir
    )
    result = publish.publish(candidate, data_dir, "Olga")
    assert load_dataset(data_dir)["facilities"].set_index("facility_id").loc["F01", "status"] == "completed"
    assert result.backup.read_bytes() == original
    assert [b.path for b in publish.list_backups(data_dir, "facilities.csv")] == [result.backup]
    entry = audit.recent(5)[0]
    assert (entry.user, entry.action, entry.table_name, entry.changed, entry.added, entry.removed) == (
        "Olga",
        "publish",
        "facilities",
        1,
        0,
        0,
    )
    assert entry.rows_before == entry.rows_after == len(load_dataset(data_dir)["facilities"])
    assert not list(data_dir.glob(".*.tmp"))


def test_a_phone_number_in_international_format_is_accepted_and_a_formula_in_that_column_is_not(data_dir):
    """The contacts table asks for +7 …: such a number passes the formula check, a formula there does not."""
    original = ",https://mimc.global.tilda.ws/,,,en;ru,"

    def check(phone: str) -> list[str]:
        new = f",https://mimc.global.tilda.ws/,,{phone},en;ru,"
        candidate = publish.validate_candidate(edited(data_dir, "contacts", original, new), "contacts", data_dir)
        return [f.format("en") for f in candidate.report.errors]

    assert check("+7 495 123-45-67") == []
    # Typed with a spreadsheet's "text" mark: told to drop the mark, not that it is a formula.
    (marked,) = check("'+7 495 123-45-67")
    assert "international format" in marked and "formula" not in marked
    refused = check("+7+HYPERLINK(1)")
    assert any("formula" in message and "starts with '+'" in message for message in refused)
    assert check("=1+1") and check("8 (495) 123-45-67")  # a formula; not the international format


def test_a_file_with_only_its_header_is_told_so_once_in_both_languages(data_dir):
    """A wrong sheet saved: one message saying no rows would be left, not the errors of every file referring to them."""
    header = (data_dir / "facilities.csv").read_text(encoding="utf-8").splitlines()[0] + "\n"
    facilities = len(load_dataset(data_dir)["facilities"])
    candidate = publish.validate_candidate(header.encode(), "facilities", data_dir)
    (error,) = candidate.report.errors
    assert error.file == "facilities.csv" and f"all {facilities} rows" in error.format("en")
    assert f"все строки таблицы ({facilities})" in error.format("ru")


def test_invalid_candidate_is_never_written(data_dir):
    before = publish.file_hash(data_dir / "plots.csv")
    candidate = publish.validate_candidate(edited(data_dir, "plots", "P02,2.8,", "P02,x,"), "plots", data_dir)
    with pytest.raises(publish.PublishError):
        publish.publish(candidate, data_dir, "Olga")
    assert publish.file_hash(data_dir / "plots.csv") == before
    assert audit.recent(5) == []


def test_two_staff_publishing_the_same_table_one_wins_the_other_is_told(data_dir):
    path = data_dir / "facilities.csv"
    original = path.read_bytes()
    mine = publish.validate_candidate(
        edited(data_dir, "facilities", ",OP01,operating,", ",OP01,completed,"), "facilities", data_dir
    )
    theirs = publish.validate_candidate(edited(data_dir, "facilities", ",10546.7,", ",10600,"), "facilities", data_dir)
    start = threading.Barrier(2)
    outcome: dict[str, object] = {}

    def run(user, candidate):
        start.wait()
        try:
            outcome[user] = publish.publish(candidate, data_dir, user)
        except publish.ConflictError as exc:
            outcome[user] = exc

    threads = [threading.Thread(target=run, args=a) for a in (("Anna", mine), ("Boris", theirs))]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    winners = [u for u, o in outcome.items() if isinstance(o, publish.PublishResult)]
    losers = [u for u, o in outcome.items() if isinstance(o, publish.ConflictError)]
    assert len(winners) == 1 and len(losers) == 1, outcome
    won = mine if winners == ["Anna"] else theirs
    lost = theirs if winners == ["Anna"] else mine
    assert path.read_bytes() == won.content  # the winner's table, whole
    assert "changed by someone else" in str(outcome[losers[0]])
    assert winners[0] in str(outcome[losers[0]])  # the loser is told who wrote last
    # Nothing lost: the original is in the backup, the loser's edit is still in their candidate.
    assert [b.path.read_bytes() for b in publish.list_backups(data_dir)] == [original]
    assert [e.user for e in audit.recent(5)] == winners
    retry = publish.validate_candidate(lost.content, "facilities", data_dir)  # "compare with the current file"
    assert retry.ok and not retry.diff.empty
    assert {c.column for c in retry.diff.changed} == {"status", "floor_area_m2"}


def test_restore_publishes_a_backup_again(data_dir):
    original = load_dataset(data_dir)["facilities"]
    candidate = publish.validate_candidate(
        edited(data_dir, "facilities", ",OP01,operating,", ",OP01,completed,"), "facilities", data_dir
    )
    publish.publish(candidate, data_dir, "Olga")
    (backup,) = publish.list_backups(data_dir, "facilities.csv")
    publish.restore(backup, data_dir, "Olga")
    pd.testing.assert_frame_equal(load_dataset(data_dir)["facilities"], original)
    assert [e.action for e in audit.recent(5)] == ["restore", "publish"]
    assert len(publish.list_backups(data_dir, "facilities.csv")) == 2  # the restore backed up the edited file


@pytest.mark.slow
def test_a_backup_that_no_longer_fits_is_refused(data_dir):
    # Back up the milestones, then remove a facility the old milestones do not need but a new one does.
    ds = load_dataset(data_dir)
    referenced = set(ds["milestones"]["facility_id"].dropna())
    free = next(f for f in ds["facilities"]["facility_id"] if f not in referenced)
    m_raw = edited(data_dir, "milestones", ",no,,SEED000,", f",no,{free},SEED000,")
    publish.publish(publish.validate_candidate(m_raw, "milestones", data_dir), data_dir, "Olga")
    (backup,) = publish.list_backups(data_dir, "milestones.csv")
    # The current milestones reference `free`, so the facility cannot be removed now:
    lines = (data_dir / "facilities.csv").read_bytes().split(b"\n")
    f_raw = b"\n".join(line for line in lines if not line.startswith(free.encode() + b","))
    assert not publish.validate_candidate(f_raw, "facilities", data_dir).ok
    # But restoring the old milestones is fine, and then a stale candidate that still needs `free` is refused:
    stale = publish.validate_candidate(m_raw, "milestones", data_dir)
    publish.restore(backup, data_dir, "Olga")
    publish.publish(publish.validate_candidate(f_raw, "facilities", data_dir), data_dir, "Olga")
    stale.base_hash = publish.file_hash(data_dir / "milestones.csv")  # even if the file itself were the same
    with pytest.raises(publish.PublishError) as info:
        publish.publish(stale, data_dir, "Olga")
    assert any(f"'{free}' is not a facility_id" in f.message for f in info.value.report.errors)
    assert load_dataset(data_dir).ok


@pytest.mark.slow
def test_excel_round_trip_is_lossless_in_both_dialects(data_dir):
    ds = load_dataset(data_dir)
    for dialect in excel.DIALECTS:
        for name in schema.TABLES:
            file_name, raw = excel.export_table(data_dir, ds[name], name, dialect)
            assert raw.startswith(b"\xef\xbb\xbf")
            candidate = excel.import_upload(raw, name, data_dir, file_name)
            assert candidate.ok and candidate.diff.empty, (dialect, name)


def test_excel_export_for_russian_excel_uses_semicolons_commas_and_dotted_dates(data_dir):
    ds = load_dataset(data_dir)
    name, raw = excel.export_table(data_dir, ds["facilities"], "facilities", "ru")
    text = raw.decode("utf-8-sig")
    assert text.splitlines()[0].startswith('"facility_id";"name_en";"name_ru";')
    f01 = text.splitlines()[1]
    assert ';"10546,7";' in f01 and ';"05.09.2018";' in f01
    assert name == f"facilities.{publish.file_hash(data_dir / 'facilities.csv')[:12]}.csv"


def test_export_neutralises_formula_text():
    column = schema.TABLES["facilities"].column("name_en")
    assert excel.excel_cell("=1+1", column, "en") == "'=1+1"
    assert excel.excel_cell(-5.0, schema.TABLES["facts"].column("value"), "en") == "-5"  # numbers untouched


def test_upload_of_an_old_export_is_refused_at_publish(data_dir):
    ds = load_dataset(data_dir)
    name, raw = excel.export_table(data_dir, ds["stages"], "stages", "ru")
    # Someone else publishes stages meanwhile.
    other = publish.validate_candidate(
        edited(data_dir, "stages", "\nS2,Stage 2,", "\nS2,Stage II,"), "stages", data_dir
    )
    publish.publish(other, data_dir, "Boris")
    mine = excel.import_upload(raw.replace("Этап 1".encode(), "Этап I".encode()), "stages", data_dir, name)
    assert mine.ok and not mine.ready
    assert [(o.key, o.column, o.theirs, o.mine, o.by) for o in mine.overwrites] == [
        ("S2", "name_en", "Stage II", "Stage 2", "Boris")
    ]
    with pytest.raises(publish.ConflictError):
        publish.publish(mine, data_dir, "Anna")
    assert load_dataset(data_dir)["stages"].set_index("stage_id").loc["S2", "name_en"] == "Stage II"


def _renamed_old_copy(data_dir):
    """A and B download facilities; A publishes a change; B edits the old copy and saves it under a new name."""
    ds = load_dataset(data_dir)
    _name, old_copy = excel.export_table(data_dir, ds["facilities"], "facilities", "ru")
    a = publish.validate_candidate(
        edited(data_dir, "facilities", ",10546.7,", ",10600,"), "facilities", data_dir, upload_name="a.csv"
    )
    publish.publish(a, data_dir, "Anna")
    mine = old_copy.decode("utf-8-sig").replace("Hadassah building 2", "Hadassah building II", 1)
    return publish.validate_candidate(
        mine.encode("utf-8-sig"), "facilities", data_dir, upload_name="Объекты_правка.csv"
    )


def test_a_renamed_stale_copy_is_detected_from_its_content_and_names_whose_edit_it_undoes(data_dir):
    b = _renamed_old_copy(data_dir)
    assert b.ok and not b.ready  # no error, but it cannot be published without a choice
    (undone,) = b.overwrites
    assert (undone.key, undone.column, undone.base, undone.theirs, undone.mine) == (
        "F01",
        "floor_area_m2",
        "10546.7",
        "10600",
        "10546.7",
    )
    assert undone.reverted and b.base.editors == ("Anna",)
    with pytest.raises(publish.ConflictError):
        publish.publish(b, data_dir, "Boris")
    assert load_dataset(data_dir)["facilities"].set_index("facility_id").loc["F01", "floor_area_m2"] == 10600


def test_keeping_their_edits_publishes_only_mine(data_dir):
    b = publish.keep_their_edits(_renamed_old_copy(data_dir), data_dir)
    assert b.ready and not b.overwrites
    assert [(c.key, c.column) for c in b.diff.changed] == [("F02", "name_en")]
    publish.publish(b, data_dir, "Boris")
    facilities = load_dataset(data_dir)["facilities"].set_index("facility_id")
    assert facilities.loc["F01", "floor_area_m2"] == 10600  # Anna's edit stays
    assert "Hadassah building II" in facilities.loc["F02", "name_en"]  # Boris's edit is in
    assert [e.user for e in audit.recent(5)] == ["Boris", "Anna"]


def test_overwriting_their_edits_is_an_explicit_choice(data_dir):
    b = _renamed_old_copy(data_dir)
    publish.overwrite_their_edits(b)
    assert b.ready
    publish.publish(b, data_dir, "Boris")
    assert load_dataset(data_dir)["facilities"].set_index("facility_id").loc["F01", "floor_area_m2"] == 10546.7


def test_the_choice_covers_only_the_edits_that_were_shown(data_dir):
    b = _renamed_old_copy(data_dir)
    publish.overwrite_their_edits(b)
    # Another colleague publishes after B saw the list: B's file would undo an edit B never saw.
    c = publish.validate_candidate(
        edited(data_dir, "facilities", ",OP01,operating,", ",OP01,completed,"), "facilities", data_dir
    )
    publish.publish(c, data_dir, "Clara")
    with pytest.raises(publish.ConflictError):
        publish.publish(b, data_dir, "Boris")


def test_a_current_copy_under_any_name_undoes_nothing(data_dir):
    ds = load_dataset(data_dir)
    _name, copy = excel.export_table(data_dir, ds["stages"], "stages", "ru", "xlsx")
    candidate = publish.validate_candidate(copy, "stages", data_dir, upload_name="мои этапы (2).xlsx")
    assert candidate.ready and candidate.diff.empty and candidate.overwrites == ()


def test_emptying_a_table_needs_a_confirmation(data_dir):
    # incentives.csv: no other table refers to it, so an empty one is valid and only the confirmation stops it.
    n = len(load_dataset(data_dir)["incentives"])
    header_only = (data_dir / "incentives.csv").read_bytes().split(b"\n", 1)[0] + b"\n"
    candidate = publish.validate_candidate(header_only, "incentives", data_dir)
    assert candidate.ok and candidate.needs_removal_confirmation and not candidate.ready
    assert (candidate.rows_before, candidate.rows_after, len(candidate.diff.removed)) == (n, 0, n)
    with pytest.raises(publish.ConfirmationRequiredError) as refused:
        publish.publish(candidate, data_dir, "Olga")
    assert f"{n} of {n}" in str(refused.value) and f"{n} из {n}" in refused.value.text("ru")
    assert len(load_dataset(data_dir)["incentives"]) == n
    candidate.removal_confirmed = True
    publish.publish(candidate, data_dir, "Olga")
    assert len(load_dataset(data_dir)["incentives"]) == 0


def test_removing_a_few_rows_needs_no_confirmation(data_dir):
    lines = (data_dir / "conflicts.csv").read_bytes().split(b"\n")
    candidate = publish.validate_candidate(b"\n".join(lines[:1] + lines[3:]), "conflicts", data_dir)
    assert candidate.ready and len(candidate.diff.removed) == 2


def test_windows_1251_save_names_each_cell_that_lost_characters(data_dir):
    raw = (data_dir / "facilities.csv").read_text(encoding="utf-8")
    # Every cell holding a character Windows-1251 cannot store (e.g. '²'), found with the csv module.
    rows = list(csv.reader(io.StringIO(raw)))
    damaged = {
        (i + 1, rows[0][j])
        for i, row in enumerate(rows)
        for j, cell in enumerate(row)
        if cell.encode("cp1251", errors="replace").decode("cp1251") != cell
    }
    candidate = publish.validate_candidate(raw.encode("cp1251", errors="replace"), "facilities", data_dir)
    lost = {(f.row, f.column) for f in candidate.report.errors if "became '?'" in f.message}
    assert lost == damaged and len(damaged) >= 6
    assert not candidate.ok


@pytest.mark.slow
def test_with_two_files_broken_on_disk_each_fix_publishes_on_its_own(data_dir):
    good_facts, good_site = (data_dir / "facts.csv").read_bytes(), (data_dir / "site.geojson").read_bytes()
    (data_dir / "facts.csv").write_bytes(good_facts.replace(b"\nsite_area_ha,", b"\nnot an id,", 1))
    (data_dir / "site.geojson").write_bytes(b"{" * 10)
    facts = publish.validate_candidate(good_facts, "facts", data_dir)
    assert facts.ready, [f.format() for f in facts.report.errors]
    assert any(f.file == "site.geojson" and "already wrong" in f.message for f in facts.report.warnings)
    publish.publish(facts, data_dir, "Olga")
    site = publish.validate_candidate(good_site, "site_geo", data_dir)
    assert site.ready, [f.format() for f in site.report.errors]
    publish.publish(site, data_dir, "Olga")
    assert load_dataset(data_dir).ok


def test_errors_a_file_causes_in_other_files_still_block_it(data_dir):
    (data_dir / "site.geojson").write_bytes(b"{" * 10)  # already broken, not this upload's fault
    lines = (data_dir / "plots.csv").read_bytes().split(b"\n")
    without_p01 = b"\n".join(line for line in lines if not line.startswith(b"P01,"))
    candidate = publish.validate_candidate(without_p01, "plots", data_dir)
    assert not candidate.ok
    assert any(f.file == "facilities.csv" and "'P01' is not a plot_id" in f.message for f in candidate.report.errors)


@pytest.mark.slow
def test_xlsx_round_trip_is_lossless_in_both_languages(data_dir):
    ds = load_dataset(data_dir)
    cases = [("ru", name) for name in schema.TABLES] + [("en", "facilities")]  # en differs only in date display
    for lang, name in cases:
        file_name, raw = excel.export_table(data_dir, ds[name], name, lang, "xlsx")
        assert file_name.endswith(".xlsx") and raw.startswith(b"PK")
        candidate = excel.import_upload(raw, name, data_dir, file_name)
        assert candidate.ok and candidate.diff.empty, (lang, name, [f.format() for f in candidate.report.errors])


def test_xlsx_download_has_typed_cells_and_keeps_formula_text_as_text(data_dir):
    import io

    import openpyxl

    ds = load_dataset(data_dir)
    frame = ds["facilities"]
    frame.loc[0, "name_en"] = '=HYPERLINK("http://x","y")'
    sheet = openpyxl.load_workbook(io.BytesIO(excel.to_xlsx(frame, schema.TABLES["facilities"], "ru"))).active
    header = [c.value for c in sheet[1]]
    row = dict(zip(header, sheet[2], strict=True))
    assert row["name_en"].data_type == "s" and row["name_en"].value.startswith("=HYPERLINK")
    assert row["floor_area_m2"].value == 10546.7
    assert row["planned_start"].is_date and row["planned_start"].number_format == "DD.MM.YYYY"
    assert row["facility_id"].value == "F01" and row["facility_id"].number_format == "@"


def test_the_formula_rule_is_one_rule():
    """Investor exports, the spreadsheet round trip and the upload check agree on what looks like a formula."""
    from dashboard.exports import spreadsheet as exports
    from imc_data.findings import Report

    column = schema.TABLES["stages"].column("name_en")
    for text in ("=1+1", "+7 495", "-2+3", "@A1", "\t=x", "\r=x", "plain", "a=b", "1-2"):
        looks = text[0] in "=+-@\t\r"
        assert exports.neutralise_frame(pd.DataFrame({"c": [text]}))["c"].iloc[0] == ("'" + text if looks else text)
        assert excel.excel_cell(text, column, "en") == ("'" + text if looks else text)
        report = Report()
        row = io.StringIO(newline="")
        csv.writer(row).writerows([["stage_id", "name_en"], ["S1", text]])
        publish.check_text_cells(row.getvalue().encode(), schema.TABLES["stages"], "stages.csv", report)
        assert bool(report.errors) == (text.strip()[0] in "=+-@"), text


# --------------------------------------------------------------------------- killed writers

CHILD = textwrap.dedent(
    """
    import os, pickle, sys, time
    from pathlib import Path
    sys.path.insert(0, sys.argv[5])
    from imc_data import publish
    from imc_data.publish import atomic

    data_dir, pause_at, mode = Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    candidate = pickle.loads(Path(sys.argv[4]).read_bytes())  # validated by the test, as the page would
    atomic.CHUNK_BYTES = 512  # many small writes: many points to be killed at
    calls = [0]
    real = {name: getattr(os, name) for name in ("write", "fsync", "replace")}

    def hooked(name):
        def call(*args, **kwargs):
            calls[0] += 1
            if calls[0] == pause_at:
                print("paused", name, flush=True)
                time.sleep(600)
            return real[name](*args, **kwargs)
        return call

    for name in real:
        setattr(os, name, hooked(name))
    if mode == "naive":  # what the test must catch: writing the published file in place
        def naive(path, data):
            fd = os.open(path, os.O_WRONLY | os.O_TRUNC | os.O_CREAT)
            for i in range(0, len(data), 512):
                os.write(fd, data[i:i + 512])
            os.close(fd)
        atomic.atomic_write = naive
    publish.publish(candidate, data_dir, "child")
    print("done", calls[0], flush=True)
    """
)


def _candidate_file(tmp_path, data_dir) -> tuple[Path, bytes]:
    raw = edited(data_dir, "facilities", ",OP01,operating,", ",OP01,completed,")
    candidate = publish.validate_candidate(raw, "facilities", data_dir)
    assert candidate.ok
    path = tmp_path / "candidate.pickle"
    path.write_bytes(pickle.dumps(candidate))
    return path, candidate.content


def _run_child(tmp_path, data_dir, pause_at: int, mode: str, new_file: Path) -> str:
    script = tmp_path / "writer.py"
    script.write_text(CHILD)
    proc = subprocess.Popen(
        [sys.executable, str(script), str(data_dir), str(pause_at), mode, str(new_file), str(ROOT)],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ},
    )
    line = proc.stdout.readline().strip()
    if line.startswith("paused"):
        proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=120)
    proc.stdout.close()
    return line


@pytest.mark.slow
def test_writer_killed_at_random_points_never_leaves_a_partial_file(tmp_path, data_dir, monkeypatch):
    import shutil

    from dashboard.cache import dataset as data_access

    path = data_dir / "facilities.csv"
    original = path.read_bytes()
    new_file, expected_new = _candidate_file(tmp_path, data_dir)
    pristine = tmp_path / "pristine"
    shutil.copytree(data_dir, pristine)

    monkeypatch.setenv("IMC_DATA_DIR", str(data_dir))
    data_access.forget_snapshots()
    assert data_access.get_dataset().ok  # a last good snapshot exists

    done = _run_child(tmp_path, data_dir, 0, "atomic", new_file)
    total = int(done.split()[1])
    assert total > 20 and path.read_bytes() == expected_new
    points = sorted({1, total, *random.Random(7).sample(range(2, total), 4)})
    for pause_at in points:
        shutil.rmtree(data_dir)
        shutil.copytree(pristine, data_dir)
        line = _run_child(tmp_path, data_dir, pause_at, "atomic", new_file)
        assert line.startswith("paused"), line
        assert path.read_bytes() in (original, expected_new), f"partial file after a kill at call {pause_at}"
        assert load_dataset(data_dir).ok
        assert all(b.path.read_bytes() == original for b in publish.list_backups(data_dir))
        assert data_access.get_dataset().ok


@pytest.mark.slow
def test_the_kill_test_catches_a_writer_that_writes_in_place(tmp_path, data_dir, monkeypatch):
    from dashboard.cache import dataset as data_access

    path = data_dir / "facilities.csv"
    original = path.read_bytes()
    new_file, expected_new = _candidate_file(tmp_path, data_dir)
    monkeypatch.setenv("IMC_DATA_DIR", str(data_dir))
    data_access.forget_snapshots()
    assert data_access.get_dataset().ok
    # The first writes back up the old file (512 bytes each); pause half-way through the table itself.
    pause_at = math.ceil(len(original) / 512) + math.ceil(len(expected_new) / 512) // 2
    line = _run_child(tmp_path, data_dir, pause_at, "naive", new_file)
    assert line.startswith("paused"), line
    assert path.read_bytes() != original and not load_dataset(data_dir).ok  # a partial file: what atomic avoids
    served = data_access.get_dataset()
    assert served.ok  # ... and even then the site keeps serving the last good data
    assert data_access.data_status().serving_snapshot


def test_a_sourced_figure_changed_under_its_old_source_is_flagged(data_dir):
    new_figure = edited(data_dir, "facts", "\nmax_floor_area_m2,450000,", "\nmax_floor_area_m2,455000,")
    candidate = publish.validate_candidate(new_figure, "facts", data_dir, upload_name="facts.xlsx")
    assert candidate.ok  # a warning: staff may be correcting the figure to the source already cited
    flagged = [f for f in candidate.report.warnings if f.column == "value"]
    assert [(f.file, f.row) for f in flagged] == [("facts.xlsx", 3)]
    assert "450000 → 455000" in flagged[0].text("en") and "source_ids" in flagged[0].text("ru")
    # With its new source date the same change is not flagged; nor is a change of wording.
    dated = new_figure.replace(b"SEED001,2017-01-01,year,sourced", b"SEED001,2026-12-01,day,sourced", 1)
    reworded = edited(data_dir, "facts", "Reserved land plots", "Reserved plots of land")
    for raw in (dated, reworded):
        candidate = publish.validate_candidate(raw, "facts", data_dir)
        assert candidate.ok and not [f for f in candidate.report.warnings if "source_ids" in f.message]
