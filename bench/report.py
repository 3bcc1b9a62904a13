"""Write ``bench/RESULTS.md`` from the raw results of :mod:`bench.run`."""

from __future__ import annotations

import statistics
from pathlib import Path

# Targets (issue 22: what a person waits for in the browser; issue 20: a phone on a slow network),
# as ratios to the reference page measured in the same run, on the 2-core machine.
INTERACTION_RATIO = 2.0  # a change (filter, map click) until everything visible is drawn
PAGE_LOAD_RATIO = 1.5
COLD_START_RATIO = 1.5
SCENE_RATIO = 2.0  # presenter: "next" until the next scene is drawn
LIGHTHOUSE_RATIO = 1.5  # total blocking time and bytes transferred, mobile profile
CLS_MAX = 0.1
# The interactions judged in the browser, by page key (the other pages have no filter).
INTERACTION_PAGES = ("timeline", "opportunities", "site_map", "data")
# Kept as they were (issue 9): data layer, load at N = 30 and the replica knee.
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


def felt_figures(r: dict) -> dict[str, tuple[float | None, float | None, str]]:
    """What a person waits for, from one run's raw results: name → (app s, reference s, detail).

    The same function reads the "before" run (``bench/BEFORE.json``) and this one, so the two
    columns of the report are computed alike.
    """
    br = r.get("browser") or {}
    out: dict[str, tuple[float | None, float | None, str]] = {}
    ref_change = _med((br.get("reference_filter") or {}).get("times_s", []))
    for f in br.get("filters", []):
        if f["page"] in INTERACTION_PAGES and "error" not in f:
            out[f"filter change until drawn, {f['page']}"] = (_med(f["times_s"]), ref_change, f.get("widget", ""))
    click = br.get("map_click") or {}
    if click.get("times_s"):
        out["plot click on the site map until the card is drawn"] = (_med(click["times_s"]), ref_change, "")
    scene = br.get("scene_change") or {}
    if scene.get("times_s"):
        out["presenter: next scene until drawn"] = (_med(scene["times_s"]), ref_change, "")
    for p in br.get("pages", []):
        out[f"page load {p['path']}"] = (
            _med(p["times_s"]),
            _reference_load(br, p["path"]),
            "; ".join(p.get("errors", []))[:80],
        )
    cold = br.get("cold_start") or {}
    if cold.get("app"):
        out["cold start (streamlit run → first page drawn)"] = (_med(cold["app"]), _med(cold.get("reference", [])), "")
    return out


def _reference_load(br: dict, path: str) -> float | None:
    """The reference's page load for a page at ``path``: opened at the root for the root, at a path of the same
    depth for another page (where measured; a run before that has only the root)."""
    deep = br.get("reference_load_page")
    return _med(deep if deep and path.strip("/") else br.get("reference_load", []))


def _limit(name: str) -> float:
    if name.startswith("page load"):
        return PAGE_LOAD_RATIO
    if name.startswith("cold start"):
        return COLD_START_RATIO
    if name.startswith("presenter"):
        return SCENE_RATIO
    return INTERACTION_RATIO


def _felt_rows(r: dict, before: dict | None) -> list[tuple[str, str, str, object]]:
    now, then = felt_figures(r), felt_figures(before or {})
    rows = []
    br = r.get("browser") or {}
    for key, label in (("map_click", "plot click on the site map"), ("scene_change", "presenter: next scene")):
        if (br.get(key) or {}).get("error"):
            rows.append((f"{label} ≤ {_limit(label):g}× reference", "error", br[key]["error"][:160], False))
    for f in br.get("filters", []):
        if f["page"] in INTERACTION_PAGES and "error" in f:
            rows.append((f"filter change until drawn, {f['page']}", "error", f["error"][:160], False))
    for name, (app, ref, detail) in now.items():
        limit = _limit(name)
        ratio = _ratio(app, ref)
        old = then.get(name)
        before_text = f"{_s(_ratio(old[0], old[1]), 2)}× ({_s(old[0])} s vs {_s(old[1])} s)" if old else "not measured"
        raw = f"app {_s(app)} s, reference {_s(ref)} s" + (f" ({detail})" if detail else "")
        failed = name.startswith("page load") and bool(detail)
        rows.append(
            (
                f"{name} ≤ {limit:g}× reference",
                f"{_s(ratio, 2)}×",
                f"{raw}; before: {before_text}",
                None if ratio is None else ratio <= limit and not failed,
            )
        )
    return rows


def _lighthouse_rows(lh: dict | None) -> list[tuple[str, str, str, object]]:
    if not lh:
        return []
    ref = lh["reference"]
    rows = []
    for p in lh["pages"]:
        tbt, size = _ratio(p["tbt_ms"], ref["tbt_ms"]), _ratio(p["bytes"], ref["bytes"])
        rows.append(
            (
                f"phone (Lighthouse) {p['path']}: blocking time and bytes ≤ {LIGHTHOUSE_RATIO:g}× reference, layout shift ≤ {CLS_MAX:g}",
                f"TBT {_s(tbt, 2)}×, bytes {_s(size, 2)}×, CLS {_s(p['cls'])}",
                f"TBT {_s(p['tbt_ms'], 0)} ms vs {_s(ref['tbt_ms'], 0)} ms; {_s((p['bytes'] or 0) / 2**20, 2)} MB vs "
                f"{_s((ref['bytes'] or 0) / 2**20, 2)} MB; score {_s(p['score'], 2)} vs {_s(ref['score'], 2)}",
                None
                if None in (tbt, size, p["cls"])
                else tbt <= LIGHTHOUSE_RATIO and size <= LIGHTHOUSE_RATIO and p["cls"] <= CLS_MAX,
            )
        )
    return rows


def targets(r: dict, before: dict | None = None) -> list[tuple[str, str, str, object]]:
    """(target, measured, raw values, met?) rows."""
    rows = _felt_rows(r, before)
    rows += _lighthouse_rows(r.get("lighthouse"))
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


def _data_section(r: dict) -> list[str]:
    """Data layer: load and validation per data size."""
    lines: list[str] = []
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
    return lines


def _protocol_section(r: dict) -> list[str]:
    """Protocol-level reruns (no browser)."""
    lines: list[str] = []
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
    return lines


def _browser_section(r: dict) -> list[str]:
    """Browser: page loads, interactions until drawn, cold start."""
    lines: list[str] = []
    br = r.get("browser")
    if br:
        lines += ["", "## Browser (headless Chromium)", ""]
        rows = [["reference at /", _s(_med(br["reference_load"])), "1.00", _fmt_all(br["reference_load"])]]
        if br.get("reference_load_page"):
            deep = br["reference_load_page"]
            rows.append(["reference at a page's path", _s(_med(deep)), "1.00", _fmt_all(deep)])
        for p in br["pages"]:
            t = _med(p["times_s"])
            rows.append([p["path"], _s(t), _s(_ratio(t, _reference_load(br, p["path"])), 2), _fmt_all(p["times_s"])])
        if "map_card_url_proxy" in br:
            mp = br["map_card_url_proxy"]
            t = _med(mp["times_s"])
            ratio = _ratio(t, _reference_load(br, mp["path"]))
            rows.append([f"{mp['path']} (map card via URL, proxy)", _s(t), _s(ratio, 2), _fmt_all(mp["times_s"])])
        lines += [
            "**Page load** (new tab → complete render; warm server, warm HTTP cache). The main page is compared with",
            "the reference opened at `/`, every other page with the reference opened at a path of the same depth:",
            "at a page's address Streamlit's frontend first looks for the server under that path and tries the root",
            "~0.1 s later, whatever the app (the ratio is the app's own cost, not that probe's).",
            "",
        ]
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
            "charts, maps and tables included). The filter is the first one of the main area; on the",
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
    return lines


def _lighthouse_section(r: dict) -> list[str]:
    """Phone on a slow network (Lighthouse)."""
    lines: list[str] = []
    lh = r.get("lighthouse")
    if lh:
        ref = lh["reference"]
        lines += ["", f"## Phone on a slow network ({lh['profile']}; median of {lh['rounds']} runs)", ""]
        rows = []
        for name, x in [("reference", ref), *[(p["path"], p) for p in lh["pages"]]]:
            errors = [run["error"] for run in x.get("runs", []) if "error" in run]
            rows.append(
                [
                    name,
                    _s(x["score"] and x["score"] * 100, 0),
                    _s(x["tbt_ms"], 0),
                    _s(_ratio(x["tbt_ms"], ref["tbt_ms"]), 2),
                    _s((x["bytes"] or 0) / 2**20, 2),
                    _s(_ratio(x["bytes"], ref["bytes"]), 2),
                    _s(x["cls"]),
                    _s(x["lcp_ms"] and x["lcp_ms"] / 1000, 1),
                    _s(x["tti_ms"] and x["tti_ms"] / 1000, 1),
                    (errors[0][:80] if errors else ""),
                ]
            )
        lines += _table(
            ["page", "score", "TBT ms", "TBT ratio", "MB", "bytes ratio", "CLS", "LCP s", "TTI s", "errors"], rows
        )
    return lines


def _load_section(r: dict) -> list[str]:
    """Concurrent sessions and two replicas."""
    lines: list[str] = []
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
    return lines


def write_report(r: dict, path: Path, before: dict | None = None) -> None:
    """Render the results as Markdown at ``path``; ``before`` is an earlier run shown beside each figure."""
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
    lines += _table(
        ["target", "measured", "raw medians", "status"], [[a, b, c, _mark(d)] for a, b, c, d in targets(r, before)]
    )
    lines += [
        "",
        "Every time above is what a person waits for, in Chromium: from the moment the page sends its",
        "request (a filter committed, a map clicked, *next* pressed; a page opened; `streamlit run` started)",
        "to the first animation frame in which every visible chart, map and table is drawn. *Before* is",
        f"the run in `bench/BEFORE.json` ({(before or {}).get('started', 'none')}, commit "
        f"{((before or {}).get('machine') or {}).get('commit', '–')}), read by the same code. The server's",
        "own rerun time is kept below as information (*Server rerun per interaction*), not as a target.",
    ]
    lines += _data_section(r)
    lines += _protocol_section(r)
    lines += _browser_section(r)
    lines += _lighthouse_section(r)
    lines += _load_section(r)
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
