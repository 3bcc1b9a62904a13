"""Write ``bench/RESULTS.md`` from the raw results of :mod:`bench.run`."""

from __future__ import annotations

import statistics
from pathlib import Path

# Targets of issue 9 (on the 2-core machine).
FILTER_RATIO = 2.0
PAGE_LOAD_RATIO = 2.5
DATA_SHIPPED_S = 0.5
LINEAR_PER_X10 = 10.0
LOAD_N = 30
P95_S = 1.0
P95_RATIO = 2.0
MB_PER_SESSION = 15.0
BYTES_PER_FILTER = 500 * 1024


def _med(values):
    return statistics.median(values) if values else None


def _s(v, digits=3):
    return "–" if v is None else f"{v:.{digits}f}"


def _ratio(a, b):
    return None if a is None or not b else a / b


def _mark(ok):
    return "–" if ok is None else ("**met**" if ok else "**missed**")


def _filter_rows(proto: dict | None, br: dict | None) -> list[tuple[str, str, str, object]]:
    """The filter-rerun targets: the server's rerun, with the page's own figures beside it.

    "Rerun" is the script's run: request sent → ``script_finished`` received, measured by a
    protocol-level client as in the load section. The browser's time for the same change adds
    Streamlit's frontend re-rendering the page; it is reported in the same row, not judged
    (bench/PROFILE.md, fourth round: what it depends on).
    """
    rows = []
    in_page = {f["page"]: f for f in (br or {}).get("filters", []) if "error" not in f}
    ref_page = (br or {}).get("reference_filter", {})
    ref_in_r, ref_in_f = _med(ref_page.get("rerun_s", [])), _med(ref_page.get("times_s", []))
    ref_s = _med((proto or {}).get("reference", {}).get("times_s", []))
    for p in (proto or {}).get("pages", []):
        if p.get("kind") != "filter":
            continue
        name = f"filter rerun, {p['page']} ≤ {FILTER_RATIO:g}× the reference page's rerun"
        if "error" in p or not p.get("times_s"):
            rows.append((name, "error", str(p.get("error") or p.get("errors"))[:120], False))
            continue
        app_s = _med(p["times_s"])
        ratio = _ratio(app_s, ref_s)
        raw = f"server: app {_s(app_s)} s, reference {_s(ref_s)} s"
        page = in_page.get(p["page"])
        if page:
            app_r, app_f = _med(page.get("rerun_s", [])), _med(page["times_s"])
            raw += (
                f"; in the page ({page['widget']}): rerun app {_s(app_r)} s vs {_s(ref_in_r)} s, "
                f"{_s(_ratio(app_r, ref_in_r), 2)}×; until drawn app {_s(app_f)} s vs {_s(ref_in_f)} s, "
                f"{_s(_ratio(app_f, ref_in_f), 2)}×"
            )
        rows.append((name, f"{_s(ratio, 2)}×", raw, None if ratio is None else ratio <= FILTER_RATIO))
    return rows


def targets(r: dict) -> list[tuple[str, str, str, object]]:
    """(target, measured, raw values, met?) rows."""
    rows = []
    br = r.get("browser")
    rows += _filter_rows(r.get("protocol"), br)
    if br:
        ref_l = _med(br.get("reference_load", []))
        for p in br.get("pages", []):
            app_l = _med(p["times_s"])
            ratio = _ratio(app_l, ref_l)
            failed = len(p.get("errors", []))
            rows.append(
                (
                    f"page load {p['path']} ≤ {PAGE_LOAD_RATIO}× reference",
                    f"{_s(ratio, 2)}×",
                    f"app {_s(app_l)} s, reference {_s(ref_l)} s"
                    + (f"; {failed} round(s) failed: {p['errors'][0][:80]}" if failed else ""),
                    None if ratio is None else ratio <= PAGE_LOAD_RATIO and not failed,
                )
            )
    data = r.get("data")
    if data:
        shipped = data["rows"][0]
        rows.append(
            (
                f"data layer, shipped data ≤ {DATA_SHIPPED_S} s",
                f"{_s(shipped['median_s'])} s",
                f"load + validate, median of {shipped['rounds']}",
                shipped["median_s"] <= DATA_SHIPPED_S and shipped["ok"],
            )
        )
        growth = list(data["rows"][1:])
        if growth:
            worst = max(row["time_growth_per_x10"] for row in growth)
            rows.append(
                (
                    f"data layer grows no worse than linearly to ×{growth[-1]['scale']} (time ×≤{LINEAR_PER_X10:g} per ×10 data)",
                    f"worst ×{worst:.1f} per ×10",
                    ", ".join(f"×{row['scale']}: {_s(row['median_s'])} s" for row in data["rows"]),
                    worst <= LINEAR_PER_X10 * 1.1 and all(row["ok"] for row in data["rows"]),
                )
            )
    load = r.get("load")
    if load:
        app = {x["n"]: x for x in load["app"]}
        ref = {x["n"]: x for x in load["reference"]}
        n = LOAD_N if LOAD_N in app else max(app) if app else None
        if n is not None:
            a, e = app[n], ref.get(n, {})
            rows.append(
                (
                    f"N={n} sessions: zero failures",
                    str(a["failures"]),
                    f"{a['interactions']} interactions",
                    a["failures"] == 0,
                )
            )
            rows.append(
                (
                    f"N={n} sessions: p95 ≤ {P95_S} s",
                    f"{_s(a['p95_s'])} s",
                    f"p50 {_s(a['p50_s'])} s",
                    None if a["p95_s"] is None else a["p95_s"] <= P95_S,
                )
            )
            ratio = _ratio(a["p95_s"], e.get("p95_s"))
            rows.append(
                (
                    f"N={n} sessions: p95 ≤ {P95_RATIO}× reference under the same load",
                    f"{_s(ratio, 2)}×",
                    f"app {_s(a['p95_s'])} s, reference {_s(e.get('p95_s'))} s",
                    None if ratio is None else ratio <= P95_RATIO,
                )
            )
            rows.append(
                (
                    f"≤ {MB_PER_SESSION:g} MB extra server memory per session (N={n})",
                    f"{_s(a['mb_per_session'], 2)} MB",
                    f"RSS {a['rss_before_mb']} → {a['rss_peak_mb']} MB; reference {_s(e.get('mb_per_session'), 2)} MB/session",
                    a["mb_per_session"] is not None and a["mb_per_session"] <= MB_PER_SESSION,
                )
            )
            worst_bytes = max((x["bytes_per_interaction_max"] or 0) for x in load["app"])
            rows.append(
                (
                    f"≤ {BYTES_PER_FILTER // 1024} KB sent per filter interaction",
                    f"{worst_bytes / 1024:.1f} KB (max)",
                    f"median {(a['bytes_per_interaction_median'] or 0) / 1024:.1f} KB at N={n}; reference {((e.get('bytes_per_interaction_median') or 0) / 1024):.1f} KB",
                    worst_bytes <= BYTES_PER_FILTER,
                )
            )
    return rows


def _table(header: list[str], rows: list[list]) -> list[str]:
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return out


def write_report(r: dict, path: Path) -> None:
    """Render the results as Markdown at ``path``."""
    m = r["machine"]
    lines = [
        "# Benchmark results",
        "",
        "Generated by `bench/run.py`; raw numbers in `bench/RESULTS.json`. Every app figure is compared",
        "with the reference page `bench/empty_app.py` (one selectbox, a small table) measured in the same",
        "run on the same machine, so the **ratios** are the result; the raw seconds depend on the load.",
        "Where the time goes, the fixes made and their before/after figures: `bench/PROFILE.md`.",
        "",
        f"- **Command:** `{r['command']}`"
        + (" (quick smoke run: tiny inputs, figures not meaningful)" if r["quick"] else ""),
        f"- **Date:** {r['started']} → {r.get('finished', '')} ({r.get('total_s', '')} s)",
        f"- **Machine:** {m['cores']} cores, {m['cpu_model']}, {m['memory_gb']} GB RAM, Linux {m['kernel']}, "
        f"Python {m['python']}, Streamlit {m['streamlit']}, commit {m['commit']}",
        f"- **Load average (1/5/15 min):** start {r['loadavg_start']}, end {r.get('loadavg_end', '')}",
        f"- **Other Streamlit/pytest processes:** {len(r.get('other_processes_start', []))} at start, "
        f"{len(r.get('other_processes_end', []))} at end",
        f"- **Settings:** {r['settings']}",
    ]
    for earlier in r.get("merged_from", []):
        lines.append(
            f"- **Sections kept from an earlier run:** `{earlier['command']}` at {earlier['started']} "
            f"(load average {earlier['loadavg_start']} → {earlier['loadavg_end']})"
        )
    lines += [
        "",
        "## Targets",
        "",
    ]
    lines += _table(["target", "measured", "raw medians", "status"], [[a, b, c, _mark(d)] for a, b, c, d in targets(r)])
    if r.get("protocol"):
        lines += [
            "",
            "A *filter rerun* is the script's run for a filter change: request sent → `script_finished`",
            "received, by a protocol-level client (the quantity the load section measures); each change sets",
            "a filter to another value, so most runs meet a combination the server has not seen yet. The same",
            "change in Chromium is in the same row",
            "(*in the page*): it adds Streamlit's frontend re-rendering the page, which grows with the",
            "elements on the page and not with the app's work (`bench/PROFILE.md`, fourth round).",
        ]
    data = r.get("data")
    if data:
        lines += ["", "## Data layer (load + full validation, fresh process per size)", ""]
        rows = []
        for row in data["rows"]:
            gen = row.get("generated") or {}
            rows.append(
                [
                    f"×{row['scale']}",
                    row["plots"],
                    row["facilities"],
                    f"{(gen.get('bytes') or 0) / 2**20:.1f}" if gen else "shipped",
                    row["rounds"],
                    _s(row["median_s"]),
                    f"{row['tracemalloc_peak_mb']:.1f}",
                    f"{row['rss_peak_growth_mb']:.1f}",
                    _s(row.get("time_growth_per_x10"), 2),
                    _s(row.get("mem_growth_per_x10"), 2),
                    "yes" if row["ok"] else f"NO ({row['errors']} errors)",
                    ", ".join(row.get("files_over_5mb_guard") or []) or "–",
                ]
            )
        lines += _table(
            [
                "size",
                "plots",
                "facilities",
                "MB on disk",
                "rounds",
                "median s",
                "peak Python alloc MB",
                "peak RSS growth MB",
                "time growth per ×10",
                "memory growth per ×10",
                "valid",
                "files over the loader's 5 MB guard (lifted for the benchmark)",
            ],
            rows,
        )
    proto = r.get("protocol")
    if proto:
        servers_n = proto.get("servers", 1)
        title = "one protocol-level session per page, no browser"
        if servers_n > 1:
            title += f"; {servers_n} fresh servers, their samples pooled"
        lines += ["", f"## Server rerun per interaction ({title})", ""]
        ref = proto["reference"]
        ref_t = _med(ref["times_s"])
        rows = [
            [
                "reference",
                "selectbox",
                _s(ref_t),
                "1.00",
                _s(_med(ref["bytes"]) and _med(ref["bytes"]) / 1024, 1),
                _s(ref["open_bytes"] / 1024, 1),
            ]
        ]
        for p in proto["pages"]:
            if "error" in p:
                rows.append([p["page"], p["kind"], p["error"], "", "", ""])
                continue
            t = _med(p["times_s"])
            rows.append(
                [
                    p["page"],
                    p["kind"],
                    _s(t),
                    _s(_ratio(t, ref_t), 2),
                    _s((_med(p["bytes"]) or 0) / 1024, 1),
                    _s(p["open_bytes"] / 1024, 1),
                ]
            )
        lines += _table(
            ["page", "interaction", "median rerun s", "ratio", "median KB received", "KB for first load"], rows
        )
        if servers_n > 1:
            medians = [["reference", _fmt_all(ref.get("server_medians_s", []), 3)]]
            medians += [
                [f"{p['page']} {p['kind']}", _fmt_all(p.get("server_medians_s", []), 3)]
                for p in proto["pages"]
                if "error" not in p
            ]
            lines += ["", "Each server's own median, s:", ""] + _table(["interaction", "per server"], medians)
        lines += [
            "",
            "*map click* sends exactly what a click on a plot polygon sends (the deck.gl chart's selection",
            "widget state: layer id, index, picked row; with the fragment id when the map sits in an",
            "`st.fragment`) and waits for the rerun that draws the plot card.",
        ]
    br = r.get("browser")
    if br:
        lines += ["", "## Browser (headless Chromium)", ""]
        ref_l = _med(br["reference_load"])
        rows = [["reference", _s(ref_l), "1.00", _fmt_all(br["reference_load"])]]
        for p in br["pages"]:
            t = _med(p["times_s"])
            rows.append([p["path"], _s(t), _s(_ratio(t, ref_l), 2), _fmt_all(p["times_s"])])
        if "map_card_url_proxy" in br:
            mp = br["map_card_url_proxy"]
            t = _med(mp["times_s"])
            rows.append(
                [f"{mp['path']} (map card via URL, proxy)", _s(t), _s(_ratio(t, ref_l), 2), _fmt_all(mp["times_s"])]
            )
        lines += ["**Page load** (new tab → complete render; warm server, warm HTTP cache):", ""]
        lines += _table(["page", "median s", "ratio", "all rounds"], rows)
        ref = br["reference_filter"]
        ref_f, ref_r = _med(ref["times_s"]), _med(ref.get("rerun_s", []))
        rows = [["reference", ref["widget"], _s(ref_r), "1.00", _s(ref_f), "1.00", _fmt_all(ref["times_s"])]]
        for f in br["filters"]:
            if "error" in f:
                rows.append([f["page"], "", f["error"][:160], "", "", "", ""])
                continue
            t, rr = _med(f["times_s"]), _med(f.get("rerun_s", []))
            rows.append(
                [
                    f["page"],
                    f["widget"],
                    _s(rr),
                    _s(_ratio(rr, ref_r), 2),
                    _s(t),
                    _s(_ratio(t, ref_f), 2),
                    _fmt_all(f["times_s"]),
                ]
            )
        lines += [
            "",
            "**Filter change** (in the page: the rerun request leaves on the WebSocket → *rerun*: the run's",
            "`script_finished` has arrived → *drawn*: the next animation frame with every visible element drawn,",
            "Plotly charts, maps and tables included). The filter is the first one of the main area; on the",
            "timeline page the Gantt filter. A filter inside an `st.fragment` reruns only its fragment, as in a",
            "browser. The reference page draws a small table; the app's pages redraw charts and maps, which is",
            "why *drawn* is reported beside the rerun:",
            "",
        ]
        lines += _table(
            ["page", "widget", "rerun median s", "rerun ratio", "drawn median s", "drawn ratio", "all rounds drawn"],
            rows,
        )
        cs = br["cold_start"]
        a, e = _med(cs["app"]), _med(cs["reference"])
        lines += ["", "**Cold start** (process spawn → first complete render of the start page):", ""]
        lines += _table(
            ["", "median s", "ratio", "all rounds"],
            [
                ["app", _s(a), _s(_ratio(a, e), 2), _fmt_all(cs["app"])],
                ["reference", _s(e), "1.00", _fmt_all(cs["reference"])],
            ],
        )
        lines += ["", f"Requests that left loopback during the browser runs: {len(br['external_requests'])}."]
    load = r.get("load")
    if load:
        lines += [
            "",
            f"## Load: N concurrent protocol-level sessions (click every {load['period_s']} s ± 50 %, {load['duration_s']} s per level)",
            "",
            "Each level runs on a freshly started server warmed by one session per page; memory per session is",
            "(peak RSS during the level − RSS before it) / N. Latency is BackMsg sent → `script_finished` received.",
            "",
        ]
        rows = []
        for name in ("app", "reference"):
            for x in load[name]:
                rows.append(_load_row(name, x))
        for x in (r.get("replicas") or {}).get("app_2_replicas", []):
            rows.append(_load_row("app, 2 replicas + nginx", x))
        lines += _table(
            [
                "server",
                "N",
                "interactions",
                "failures",
                "p50 s",
                "p95 s",
                "max s",
                "open p95 s",
                "KB / interaction (median, max)",
                "MB / session",
                "server CPU s",
            ],
            rows,
        )
        lines += ["", _knee_text(load, r.get("replicas"))]
        fails = [ex for name in ("app", "reference") for x in load[name] for ex in x["failure_examples"]]
        if fails:
            lines += ["", "Failure examples: " + "; ".join(f"`{f}`" for f in fails[:6])]
        pages = sorted({p for x in load["app"] for p in x.get("paths", [])})
        lines += ["", f"App sessions are spread over {', '.join(pages)}, each cycling through its page's filters."]
    rep = r.get("replicas")
    if rep and "error" in rep:
        lines += ["", f"Two replicas: not measured ({rep['error']})."]
    elif rep:
        lines += [
            "",
            f"nginx configuration: `{rep.get('nginx_config')}` with only the upstream addresses and the listen port replaced.",
        ]
    notes = r.get("notes")
    if notes:
        lines += ["", "## Notes", "", *notes]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _fmt_all(values, digits=2):
    return " ".join(f"{v:.{digits}f}" for v in values)


def _load_row(name, x):
    kb = x["bytes_per_interaction_median"]
    kbmax = x["bytes_per_interaction_max"]
    return [
        name,
        x["n"],
        x["interactions"],
        x["failures"],
        _s(x["p50_s"]),
        _s(x["p95_s"]),
        _s(x["max_s"]),
        _s(x["open_p95_s"]),
        f"{(kb or 0) / 1024:.1f}, {(kbmax or 0) / 1024:.1f}",
        _s(x["mb_per_session"], 2),
        x["server_cpu_s"],
    ]


def _knee(levels: list[dict]) -> dict | None:
    """First level with failures, or a p95 over the target for a click or for opening the page."""
    for x in sorted(levels, key=lambda v: v["n"]):
        slow = [v for v in (x["p95_s"], x.get("open_p95_s")) if v is None or v > P95_S]
        if x["failures"] or slow:
            return x
    return None


def _knee_level(knee: dict) -> str:
    return f"N = {knee['n']} (click p95 {_s(knee['p95_s'])} s, page-open p95 {_s(knee.get('open_p95_s'))} s)"


def _knee_text(load: dict, replicas: dict | None) -> str:
    one = _knee(load["app"])
    text = "**Knee** (first N with a failure, or a p95 over 1 s for a click or for opening a page): one replica "
    text += _knee_level(one) if one else f"not reached up to N = {max(load['levels'])}"
    if replicas and replicas.get("app_2_replicas"):
        two = _knee(replicas["app_2_replicas"])
        text += "; two replicas behind nginx " + (
            _knee_level(two) if two else f"not reached up to N = {max(x['n'] for x in replicas['app_2_replicas'])}"
        )
    ref = _knee(load["reference"])
    text += "; reference page " + (_knee_level(ref) if ref else "not reached") + "."
    return text
