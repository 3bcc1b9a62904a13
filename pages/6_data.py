"""Data & sources: freshness, provenance, conflicts, sources, dictionary; staff editing behind a sign-in."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import auth, components, formatting
from dashboard import staff as staff_view
from dashboard.frame import page_setup
from dashboard.safe import md
from imc_data import audit, data_dir_from_env, datainfo, excel, publish, schema
from imc_data.cells import web_address

ctx = page_setup("data")
t, lang, ds = ctx.t, ctx.lang, ctx.dataset

st.title(t("data.title"))
st.markdown(t("data.intro"))


def freshness() -> None:
    """How fresh each table is and how much of it is sourced, derived or illustrative."""
    fresh = datainfo.freshness(ds)
    days = datainfo.stale_after_days()
    st.caption(t("data.freshness_caption", days=days))
    stale = int(fresh["stale"].sum())
    st.badge(t("data.stale_count", n=stale, total=len(fresh)), color="orange" if stale else "green")
    st.markdown(
        t("data.provenance_total", **{p: formatting.number(int(fresh[p].sum()), lang) for p in schema.PROVENANCE})
    )
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


def conflicts() -> None:
    """Where sources disagree, the value the dashboard uses and why."""
    st.caption(t("data.conflicts_caption"))
    for _, row in ds["conflicts"].iterrows():
        with st.container(border=True):
            st.markdown(f"**{md(row[ctx.col('topic')])}**")
            st.markdown(f"{t('data.conflict_values')}: {md(row[ctx.col('values')])}")
            st.markdown(f"{t('data.conflict_canonical')}: **{md(row[ctx.col('canonical')])}**")
            st.markdown(f"{t('data.conflict_reason')}: {md(row[ctx.col('reason')])}")
            components.sources_expander(ds, row["source_ids"], lang)


def source_list() -> None:
    """Every source with its publisher, date, link and how many rows cite it."""
    sources = ds["sources"]
    usage = datainfo.source_usage(ds)
    st.caption(t("data.sources_caption", n=len(sources)))
    lines = []
    for _, src in sources.iterrows():
        text = f"**{md(src['source_id'])}** · {md(src['title'])} — {md(src['publisher'])}, "
        text += formatting.date(src["published"], lang)
        link = web_address(src["url"])
        if link:
            text += f" · [{md(link.split('://', 1)[1].split('/', 1)[0])}](<{link}>)"
        text += f" · {t('data.source_rows', n=int(usage.get(src['source_id'], 0)))}"
        lines.append(f"- {text}")
    st.markdown("\n".join(lines))


@st.fragment
def data_dictionary() -> None:
    """The dictionary of one table; choosing another table reruns only this part of the page."""
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


# Only the open tab is built and sent; a tab click reruns the page. The browser re-renders every
# element of the page at each rerun, and the closed tabs held most of them.
# The dictionary (a selectbox and a table) is always built: its selectbox is the filter that the
# protocol-level bench and load clients (bench/wsclient.py) change without clicking tabs.
tabs = st.tabs(
    [t("data.tab_freshness"), t("data.tab_conflicts"), t("data.tab_sources"), t("data.tab_dictionary")],
    key="data_tab",
    on_change="rerun",
)
for tab, draw in zip(tabs, (freshness, conflicts, source_list, data_dictionary), strict=True):
    if tab.open or draw is data_dictionary:
        with tab:
            draw()


# ----------------------------------------------------------------------------- staff
st.divider()
st.header(t("data.staff_header"))
st.caption(t("data.staff_caption"))
if not auth.login_panel(lang):
    st.stop()  # nothing below this line is rendered for visitors

data_dir = data_dir_from_env()
user = auth.staff_name()
targets = publish.targets()
state = st.session_state

for kind in ("success", "error"):
    message = state.pop(f"staff_flash_{kind}", None)
    if message:
        getattr(st, kind)(message)

name = st.selectbox(
    t("data.pick_file"),
    list(targets),
    format_func=lambda n: f"{getattr(targets[n], f'title_{lang}')} ({targets[n].filename})",
    key="staff_target",
)
target = targets[name]
path = data_dir / target.filename
opened = state.setdefault("staff_opened", {})
if name not in opened:  # what the edit starts from: the bytes and their hash, pinned until reload/publish
    raw_now = path.read_bytes() if path.exists() else b""
    opened[name] = (publish.file_hash(path), raw_now)
base_hash, base_raw = opened[name]

tab_edit, tab_upload, tab_backups, tab_audit, tab_enquiries = st.tabs(
    [
        t("data.staff_tab_edit"),
        t("data.staff_tab_upload"),
        t("data.staff_tab_backups"),
        t("data.staff_tab_audit"),
        t("data.staff_tab_enquiries"),
    ]
)

with tab_edit:
    if target.kind != "csv":
        st.info(t("data.editor_geojson"))
    else:
        cols = st.columns(2)
        for col, dialect in zip(cols, ("ru", "en"), strict=True):
            file_name, payload = excel.export_table(data_dir, ds[name], name, dialect)
            col.download_button(
                t(f"data.download_{dialect}"),
                payload,
                file_name=file_name,
                mime="text/csv",
                help=t("data.download_help"),
                key=f"download_{name}_{dialect}",
            )
        frame = staff_view.editor_frame(base_raw, target.filename)
        if frame is None:
            st.warning(t("data.editor_unreadable"))
        else:
            st.caption(t("data.editor_caption"))
            version = state.setdefault("staff_editor_version", 0)
            edited = st.data_editor(frame, num_rows="dynamic", hide_index=True, key=f"editor_{name}_{version}")
            left, right = st.columns(2)
            if left.button(t("data.check"), type="primary", key="staff_check_edit"):
                state["staff_candidate"] = publish.validate_candidate(
                    staff_view.editor_csv(edited), name, data_dir, base_hash=base_hash
                )
            if right.button(t("data.reload"), key="staff_reload"):
                opened.pop(name, None)
                state["staff_editor_version"] = version + 1
                state.pop("staff_candidate", None)
                st.rerun()

with tab_upload:
    upload = st.file_uploader(
        t("data.upload_label"),
        type=["csv", "geojson", "json", "txt"],
        help=t("data.upload_help", kb=publish.MAX_UPLOAD_BYTES // 1024),
        key=f"upload_{name}",
    )
    if upload is not None and st.button(t("data.upload_check"), type="primary", key="staff_check_upload"):
        raw = upload.getvalue()
        if target.kind == "csv":
            state["staff_candidate"] = excel.import_upload(raw, name, data_dir, upload.name)
        else:
            state["staff_candidate"] = publish.validate_candidate(raw, name, data_dir, upload_name=upload.name)

with tab_backups:
    backups = publish.list_backups(data_dir, target.filename)
    if not backups:
        st.caption(t("data.backups_none"))
    else:
        picked = st.selectbox(
            t("data.backup_pick"),
            backups,
            format_func=lambda b: f"{b.taken:%Y-%m-%d %H:%M:%S} UTC · {b.path.name} · {b.size:,} B",
            key=f"backup_{name}",
        )
        if st.button(t("data.restore"), key="staff_restore"):
            try:
                publish.restore(picked, data_dir, user)
            except publish.PublishError as exc:
                st.error(t("data.publish_failed", message=str(exc)))
                st.dataframe(staff_view.findings_frame(exc.report, lang), hide_index=True)
            else:
                opened.pop(name, None)
                state["staff_flash_success"] = t("data.restored", file=target.filename, backup=picked.path.name)
                st.rerun()

with tab_audit:
    entries = audit.recent(100)
    if not entries:
        st.caption(t("data.audit_none"))
    else:
        st.dataframe(pd.DataFrame([e.__dict__ for e in entries]), hide_index=True, width="stretch")

with tab_enquiries:
    try:
        from dashboard.exports.spreadsheet import to_csv_bytes
        from imc_data.enquiries import list_enquiries
    except ImportError:
        st.caption(t("data.enquiries_unavailable"))
    else:
        enquiries = list_enquiries()
        if enquiries.empty:
            st.caption(t("data.enquiries_none"))
        else:
            st.dataframe(enquiries, hide_index=True, width="stretch")
            st.download_button(
                t("data.enquiries_download"),
                to_csv_bytes(enquiries),
                file_name="enquiries.csv",
                mime="text/csv",
                key="staff_enquiries_csv",
            )

# ----------------------------------------------------------------------------- check → diff → publish
candidate: publish.Candidate | None = state.get("staff_candidate")
if candidate is not None and candidate.target.name == name:
    st.subheader(t("data.candidate_header", file=candidate.upload_name or target.filename))
    report = candidate.report
    if report.errors:
        st.error(t("data.candidate_errors", n=len(report.errors)))
        st.dataframe(staff_view.findings_frame(report, lang), hide_index=True, width="stretch")
    if candidate.ok:
        st.success(t("data.candidate_ok"))
    if report.warnings:
        with st.expander(t("data.warnings", n=len(report.warnings))):
            st.dataframe(staff_view.warnings_frame(report, lang), hide_index=True, width="stretch")
    if candidate.ok:
        diff = candidate.diff
        if diff.empty:
            st.caption(t("data.diff_empty"))
        else:
            st.markdown(
                t(
                    "data.diff_summary",
                    added=len(diff.added),
                    changed=len(diff.changed_rows),
                    removed=len(diff.removed),
                    before=candidate.rows_before if candidate.rows_before is not None else "—",
                    after=candidate.rows_after,
                )
            )
            st.dataframe(staff_view.diff_frame(diff, lang), hide_index=True, width="stretch")
    conflict = state.get("staff_conflict")
    left, middle, _ = st.columns([1, 1, 5])
    if not candidate.ok:
        left, middle = middle, left  # Discard takes the first place when there is nothing to publish
    if candidate.ok and left.button(t("data.publish"), type="primary", key="staff_publish"):
        try:
            result = publish.publish(candidate, data_dir, user)
        except publish.ConflictError as exc:
            state["staff_conflict"] = str(exc)
            st.rerun()
        except publish.PublishError as exc:
            st.error(t("data.publish_failed", message=str(exc)))
            st.dataframe(staff_view.findings_frame(exc.report, lang), hide_index=True)
        else:
            for key in ("staff_candidate", "staff_conflict"):
                state.pop(key, None)
            opened.pop(name, None)
            state["staff_editor_version"] = state.get("staff_editor_version", 0) + 1
            state["staff_flash_success"] = t(
                "data.published",
                file=target.filename,
                rows=result.entry.rows_after,
                backup=result.backup.name if result.backup else "—",
            )
            st.rerun()
    if middle.button(t("data.discard"), key="staff_discard"):
        for key in ("staff_candidate", "staff_conflict"):
            state.pop(key, None)
        st.rerun()
    if conflict:
        st.error(t("data.conflict", message=conflict))
        st.download_button(
            t("data.download_mine"),
            candidate.raw,
            file_name=candidate.upload_name or target.filename,
            key="staff_download_mine",
        )
        if st.button(t("data.compare_current"), key="staff_compare"):
            state["staff_candidate"] = publish.validate_candidate(
                candidate.raw, name, data_dir, upload_name=candidate.upload_name
            )
            state.pop("staff_conflict", None)
            opened.pop(name, None)
            st.rerun()
