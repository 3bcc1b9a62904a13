"""About the data: how facts are sourced, dated and labelled, conflicts, sources, downloads; staff tools behind sign-in."""

from __future__ import annotations

from functools import partial

import pandas as pd
import streamlit as st

from dashboard import auth, components, formatting
from dashboard import staff as staff_view
from dashboard.cache import dataset as data_access
from dashboard.cache.queries import newest_fact
from dashboard.frame import page_setup
from dashboard.safe import md
from imc_data import audit, csvio, data_dir_from_env, datainfo, excel, publish, schema
from imc_data.findings import Report

ctx = page_setup("data", allow_invalid=True)  # broken files must not lock staff out of restoring them
t, lang, ds = ctx.t, ctx.lang, ctx.dataset

st.title(t("data.title"))


def how_facts_are_sourced() -> None:
    """The three provenance labels, how facts are dated, how conflicts are handled — in plain words."""
    counts = datainfo.provenance_counts(ds)
    st.subheader(t("data.how_labels"))
    for label in schema.PROVENANCE:
        cols = st.columns([1, 6], vertical_alignment="center")
        with cols[0]:
            components.provenance_badge(label, lang)
        cols[1].markdown(t(f"data.how_{label}"))
    st.caption(t("data.how_counts", **{p: formatting.number(n, lang) for p, n in counts.items()}))
    st.subheader(t("data.how_dates_header"))
    newest = newest_fact(ds)
    st.markdown(t("data.how_dates", newest=formatting.date(newest[0], lang, newest[1]) if newest else "—"))
    st.subheader(t("data.how_conflicts_header"))
    st.markdown(t("data.how_conflicts", n=len(ds["conflicts"])))


def conflicts() -> None:
    """Where sources disagree, the value the site uses and why."""
    st.caption(t("data.conflicts_caption"))
    for _, row in ds["conflicts"].iterrows():
        with st.container(border=True):
            st.markdown(f"**{md(row[ctx.col('topic')])}**")
            st.markdown(f"{t('data.conflict_values')}: {md(row[ctx.col('values')])}")
            st.markdown(f"{t('data.conflict_canonical')}: **{md(row[ctx.col('canonical')])}**")
            st.markdown(f"{t('data.conflict_reason')}: {md(row[ctx.col('reason')])}")
            components.sources_expander(ds, row["source_ids"], lang)


def source_list() -> None:
    """Every source with its publisher, date and link, titled in the page language."""
    sources = ds["sources"]
    st.caption(t("data.sources_caption", n=len(sources)))
    st.markdown("\n".join(components.source_lines(ds, list(sources["source_id"]), lang)))


@st.fragment
def downloads() -> None:
    """The tables as Excel workbooks: one chosen table, or all of them (built when clicked).

    A fragment: choosing a table changes only the download button, so only this row reruns and
    is drawn again (not its heading, nor the page's tabs, sources and staff tools).
    """
    row = st.container(horizontal=True, vertical_alignment="bottom", key="imc-data-downloads")
    name = row.selectbox(
        t("data.download_pick"),
        list(schema.TABLES),
        format_func=lambda n: getattr(schema.TABLES[n], f"title_{lang}"),
        key="download_table",
    )
    row.download_button(
        t("data.download_one"),
        lambda: excel.to_xlsx(ds[name], schema.TABLES[name], lang),
        file_name=f"imc_{name}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        on_click="ignore",
        key="download_one",
    )
    row.download_button(
        t("data.download_all"),
        lambda: excel.tables_xlsx({n: ds[n] for n in schema.TABLES}, lang),
        file_name="imc_data.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        on_click="ignore",
        key="download_all",
    )


if ds.ok:
    st.markdown(t("data.intro"))
    # Only the open tab is built and sent; a tab click reruns the page.
    label_key = "data.tab_phone_" if ctx.narrow else "data.tab_"
    tabs = st.tabs(
        [t(label_key + "how"), t(label_key + "conflicts"), t(label_key + "sources")],
        key="data_tab_phone" if ctx.narrow else "data_tab",
        on_change="rerun",
    )
    for tab, draw in zip(tabs, (how_facts_are_sourced, conflicts, source_list), strict=True):
        if tab.open:
            with tab:
                draw()
    st.subheader(t("data.download_header"))
    st.caption(t("data.download_caption"))
    downloads()


# ----------------------------------------------------------------------------- staff
def sign_in_entry() -> None:
    """A discreet way in for staff, the same whatever the server's configuration (it never says how it is set up)."""
    st.divider()
    with st.popover(t("data.staff_entry"), type="tertiary", icon=":material/lock:"):
        auth.login_panel(lang)


def file_status() -> None:
    """Whether the files on disk pass the checks, and what is wrong when they do not."""
    status = data_access.data_status()
    if status.files_ok:
        st.success(t("data.status_ok"), icon=":material/check_circle:")
        accepted_warnings(status.report)  # accepted, but staff should know they are there
        return
    errors = len(status.report.errors)
    st.warning(t("data.status_snapshot" if status.serving_snapshot else "data.status_never", errors=errors))
    components.text_table(staff_view.findings_frame(status.report, lang))


def accepted_warnings(report, shown_above: tuple = ()) -> None:
    """A report's warnings, folded under their count (nothing when there are none); ``shown_above`` left out."""
    report = Report([f for f in report.findings if f not in shown_above])
    if report.warnings:
        with st.expander(t("data.warnings", n=len(report.warnings))):
            components.text_table(staff_view.warnings_frame(report, lang))


def edit_tab(session: staff_view.StaffSession, target: publish.Target) -> None:
    """Downloads for a spreadsheet, the upload, and the in-app editor."""
    if target.kind == "csv":
        cols = st.columns(3)
        for col, (fmt, dialect) in zip(cols, (("xlsx", lang), ("csv", "ru"), ("csv", "en")), strict=True):
            file_name = excel.export_name(target.filename, publish.file_hash(session.data_dir / target.filename), fmt)
            col.download_button(
                t("data.download_xlsx") if fmt == "xlsx" else t(f"data.download_csv_{dialect}"),
                partial(excel.export_bytes, ds[target.name], target.name, dialect, fmt),
                file_name=file_name,
                type="primary" if fmt == "xlsx" else "secondary",
                help=t("data.download_help"),
                on_click="ignore",
                key=f"download_{target.name}_{fmt}_{dialect}",
            )
    st.html(staff_view.uploader_css(lang))
    upload = st.file_uploader(
        t("data.upload_label", limit=formatting.number(csvio.MAX_BYTES / 1024 / 1024, lang)),
        key=f"upload_{target.name}",
    )
    if upload is not None and st.button(t("data.upload_check"), type="primary", key="staff_check_upload"):
        session.check_upload(upload.getvalue(), target, upload.name)
        st.rerun()  # the result is drawn above the tabs
    if target.kind != "csv":
        st.info(t("data.editor_geojson"))
        return
    frame = staff_view.editor_frame(session.opened(target)[1], target.filename)
    if frame is None:
        st.warning(t("data.editor_unreadable"))
        return
    st.caption(t("data.editor_caption"))
    edited = st.data_editor(
        frame, num_rows="dynamic", hide_index=True, key=f"editor_{target.name}_{session.editor_version}"
    )
    left, right = st.columns(2)
    if left.button(t("data.check"), key="staff_check_edit"):
        session.check_edit(staff_view.editor_csv(edited), target)
        st.rerun()
    if right.button(t("data.reload"), key="staff_reload"):
        session.reopen(target.name)
        st.rerun()


def backups_tab(session: staff_view.StaffSession, target: publish.Target) -> None:
    """Restore an earlier version in two clicks: pick it, restore it."""
    backups = publish.list_backups(session.data_dir, target.filename)
    if not backups:
        st.caption(t("data.backups_none"))
        return
    picked = st.selectbox(
        t("data.backup_pick"),
        backups,
        format_func=lambda b: t(
            "data.backup_option", when=f"{b.taken:%Y-%m-%d %H:%M:%S}", size=formatting.number(b.size / 1024, lang, 1)
        ),
        key=f"backup_{target.name}",
    )
    # What restoring would change, as a check shows it for an upload; worked out only when opened.
    preview = st.expander(t("data.restore_preview"), key=f"restore_preview_{target.name}", on_change="rerun")
    if preview.open:
        with preview:
            diff_summary(publish.restore_candidate(picked, session.data_dir))
    if st.button(t("data.restore"), key="staff_restore"):
        failure = session.restore(picked, target)
        if failure is None:
            st.rerun()
        st.error(t("data.publish_failed", message=failure.text(lang)))
        if getattr(failure, "report", None) is not None and failure.report.findings:
            components.text_table(staff_view.findings_frame(failure.report, lang))


def audit_tab() -> None:
    """Who published or restored what, and when."""
    entries = audit.recent(100)
    if not entries:
        st.caption(t("data.audit_none"))
        return
    st.dataframe(staff_view.audit_frame(entries, lang), hide_index=True, width="stretch")


def enquiries_tab() -> None:
    """Investors' enquiries, newest first, with a formula-safe download."""
    try:
        from dashboard.exports.spreadsheet import to_csv_bytes
        from imc_data.enquiries import list_enquiries
    except ImportError:
        st.caption(t("data.enquiries_unavailable"))
        return
    enquiries = list_enquiries()
    if enquiries.empty:
        st.caption(t("data.enquiries_none"))
        return
    st.dataframe(staff_view.enquiries_frame(enquiries, lang), hide_index=True, width="stretch")
    st.download_button(
        t("data.enquiries_download"),
        to_csv_bytes(enquiries),
        file_name="enquiries.csv",
        mime="text/csv",
        key="staff_enquiries_csv",
    )


def freshness_tab() -> None:
    """How fresh each table is and how much of it is sourced, derived or illustrative."""
    fresh = datainfo.freshness(ds)
    st.caption(t("data.freshness_caption", days=datainfo.stale_after_days()))
    stale = int(fresh["stale"].sum())
    st.badge(t("data.stale_count", n=stale, total=len(fresh)), color="orange" if stale else "green")
    shown = pd.DataFrame(
        {
            t("data.col_table"): fresh[f"title_{lang}"],
            t("data.col_file"): fresh["filename"],
            t("data.col_rows"): fresh["rows"],
            t("data.col_newest"): [formatting.date(d, lang) for d in fresh["newest_as_of"]],
            t("data.col_oldest"): [formatting.date(d, lang) for d in fresh["oldest_as_of"]],
            t("data.col_age"): fresh["age_days"],
            t("data.col_state"): [t("data.stale") if s else t("data.fresh") for s in fresh["stale"]],
            **{t(f"provenance.{p}"): fresh[p] for p in schema.PROVENANCE},
        }
    )
    st.dataframe(shown, hide_index=True, width="stretch", height=36 * (len(shown) + 1) + 2)


def dictionary_tab() -> None:
    """The data dictionary of one table, generated from the schema."""
    table_name = st.selectbox(
        t("data.dictionary_table"),
        list(schema.TABLES),
        format_func=lambda n: f"{getattr(schema.TABLES[n], f'title_{lang}')} ({schema.TABLES[n].filename})",
        key="dictionary_table",
    )
    dictionary = datainfo.dictionary(table_name, lang)
    dictionary.columns = [
        t(f"data.dict_{c}") for c in ("column", "type", "required", "allowed", "references", "meaning")
    ]
    st.dataframe(dictionary, hide_index=True, width="stretch", height=36 * (len(dictionary) + 1) + 2)


def candidate_panel(session: staff_view.StaffSession, target: publish.Target) -> None:
    """The checked file: findings, colleagues' edits it would undo, removals, the diff, and publishing."""
    candidate = session.candidate
    if candidate is None or candidate.target.name != target.name:
        return
    st.subheader(t("data.candidate_header", file=candidate.upload_name or target.filename))
    report = candidate.report
    if report.errors:
        st.error(t("data.candidate_errors", n=len(report.errors)))
        components.text_table(staff_view.findings_frame(report, lang))
    elif candidate.ok and (candidate.overwrites or candidate.needs_removal_confirmation):
        st.info(t("data.candidate_choose"))
    elif candidate.ok and session.conflict is None:  # after a refusal "ready to publish" is no longer true
        st.success(t("data.candidate_ok"))
    if candidate.unsourced_changes:  # about this edit, not a spreadsheet's habits: in sight, not folded away
        st.warning(t("data.unsourced_changes", n=len(candidate.unsourced_changes)))
        components.text_table(staff_view.findings_frame(Report(list(candidate.unsourced_changes)), lang, "warning"))
    accepted_warnings(report, candidate.unsourced_changes)
    if candidate.ok:
        overwrites_choice(session, candidate)
        if candidate.needs_removal_confirmation:
            st.warning(t("data.removal_warning", removed=len(candidate.diff.removed), before=candidate.rows_before))
            confirmed = st.checkbox(  # keyed by the file, so a tick never carries over to another file
                t("data.removal_confirm"), key=f"staff_removal_{publish.bytes_hash(candidate.content)[:12]}"
            )
            session.confirm_removal(confirmed)
        diff_summary(candidate)
    publish_buttons(session, candidate, target)


def overwrites_choice(session: staff_view.StaffSession, candidate: publish.Candidate) -> None:
    """A file made from an older version: whose edits it would undo, and the explicit choice."""
    if not candidate.overwrites:
        return
    who = ", ".join(candidate.base.editors) or t("data.over_someone")
    with st.container(border=True):
        st.markdown(f"**{t('data.over_header')}**")
        st.warning(t("data.over_text", who=md(who), n=len(candidate.overwrites)))
        st.dataframe(staff_view.overwrites_frame(candidate.overwrites, lang), hide_index=True, width="stretch")
        left, right = st.columns(2)
        if candidate.target.kind == "csv":
            if left.button(t("data.over_keep"), type="primary", key="staff_keep_theirs"):
                session.keep_their_edits()
                st.rerun()
        else:
            left.caption(t("data.over_geojson"))
        if right.button(t("data.over_overwrite"), key="staff_overwrite_theirs"):
            session.overwrite_their_edits()
            st.rerun()


def diff_summary(candidate: publish.Candidate) -> None:
    """Rows added, changed and removed, cell by cell."""
    diff = candidate.diff
    if diff.empty:
        st.caption(t("data.diff_empty"))
        return
    before = candidate.rows_before if candidate.rows_before is not None else "—"
    st.markdown(
        t(
            "data.diff_summary",
            added=len(diff.added),
            changed=len(diff.changed_rows),
            removed=len(diff.removed),
            before=before,
            after=candidate.rows_after,
        )
    )
    st.dataframe(staff_view.diff_frame(diff, lang), hide_index=True, width="stretch")


def publish_buttons(session: staff_view.StaffSession, candidate: publish.Candidate, target: publish.Target) -> None:
    """Publish (only when nothing is left to choose or confirm), discard, and what to do after a refusal."""
    left, middle, _ = st.columns([1, 1, 5])
    if not candidate.ok:
        left, middle = middle, left  # Discard takes the first place when there is nothing to publish
    elif left.button(
        t("data.publish"),
        type="primary",
        disabled=not candidate.ready or session.conflict is not None,  # pressing again only repeated the refusal
        key="staff_publish",
    ):
        session.publish()
        st.rerun()  # published, or refused: either way the panel above is drawn again for what is now true
    if middle.button(t("data.discard"), key="staff_discard"):
        session.discard()
        st.rerun()
    if session.error is not None:
        st.error(t("data.publish_failed", message=session.error.text(lang)))
        if session.error.report.findings:
            components.text_table(staff_view.findings_frame(session.error.report, lang))
    if session.conflict is not None:
        st.error(t("data.conflict", message=session.conflict.text(lang)))
        st.download_button(
            t("data.download_mine"),
            candidate.raw,
            file_name=candidate.upload_name or target.filename,
            on_click="ignore",
            key="staff_download_mine",
        )
        if st.button(t("data.compare_current"), type="primary", key="staff_compare"):
            session.compare_with_current()
            st.rerun()


def staff_tools() -> None:
    """Everything staff do on this page: state of the files, edit, upload, publish, restore, audit, enquiries."""
    st.divider()
    st.header(t("data.staff_header"))
    auth.login_panel(lang)  # signed in as …, sign out
    file_status()
    session = staff_view.StaffSession(st.session_state, data_dir_from_env(), auth.staff_name())
    for flash in session.take_flashes():
        getattr(st, flash.kind)(flash.text(lang))
    targets = publish.targets()
    name = st.selectbox(
        t("data.pick_file"),
        list(targets),
        format_func=lambda n: f"{targets[n].title(lang)} ({targets[n].filename})",
        key="staff_target",
    )
    target = targets[name]
    candidate_panel(session, target)  # the file being checked comes first: it is what staff came for
    labels = ("edit", "backups", "audit", "enquiries", "freshness", "dictionary")
    tabs = st.tabs([t(f"data.staff_tab_{label}") for label in labels])
    draws = (
        lambda: edit_tab(session, target),
        lambda: backups_tab(session, target),
        audit_tab,
        enquiries_tab,
        freshness_tab,
        dictionary_tab,
    )
    for tab, draw in zip(tabs, draws, strict=True):
        with tab:
            draw()


if auth.is_staff():
    staff_tools()
else:
    sign_in_entry()
