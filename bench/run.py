"""One command for every benchmark: ``.venv/bin/python -m bench.run [--quick]``.

Writes ``bench/RESULTS.md`` (and the raw numbers in ``bench/results.json``): machine,
date, load average at start and end, the exact command, raw medians and the ratios to
the reference page (``bench/empty_app.py``) measured in the same run, and every target
marked met or missed. ``--quick`` runs each benchmark on tiny inputs (seconds, not
minutes); ``--only data,protocol,browser,lighthouse,load,replicas`` picks sections.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import platform
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from dashboard.nav import PAGES
from tools.servers import ROOT, StreamlitServer, start_nginx, start_streamlit, wait_healthy

from . import browser, lighthouse, servers
from .gen_data import generate
from .load import run_level
from .report import write_report
from .wsclient import StreamlitSession

SECTIONS = ("data", "protocol", "browser", "lighthouse", "load", "replicas")


def machine() -> dict:
    """Cores, memory, CPU model, load average, versions, commit."""
    model = ""
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            model = line.split(":", 1)[1].strip()
            break
    mem_kib = 0
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            mem_kib = int(line.split()[1])
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=False
        ).stdout.strip()
    except OSError:
        commit = ""
    import streamlit

    return {
        "cpu_model": model,
        "cores": os.cpu_count(),
        "memory_gb": round(mem_kib / 2**20, 1),
        "kernel": platform.release(),
        "python": platform.python_version(),
        "streamlit": streamlit.__version__,
        "commit": commit,
    }


def loadavg() -> str:
    """The 1, 5 and 15-minute load averages."""
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def other_processes() -> list[str]:
    """Other pytest / streamlit processes running now (noise the reader should know about)."""
    mine = os.getpid()
    out = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit() or int(proc.name) == mine:
            continue
        try:
            cmd = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace").strip()
        except OSError:
            continue
        if ("streamlit run" in cmd or "pytest" in cmd) and "bench" not in cmd:
            out.append(cmd[:120])
    return out


# --- data layer -----------------------------------------------------------------------------------


def bench_data(scales: list[int], rounds: dict[int, int], work: Path) -> dict:
    """Load + validate the shipped data and generated sets, each in a fresh child process."""
    rows = []
    targets = [(1, ROOT / "imc_data" / "tables", None)]
    for k in scales:
        folder = work / f"data_x{k}"
        t0 = time.perf_counter()
        info = generate(k, folder)
        targets.append((k, folder, {**info, "generate_s": time.perf_counter() - t0}))
    for k, folder, info in targets:
        cmd = [sys.executable, "-m", "bench.data_layer", str(folder), str(rounds.get(k, 1))]
        proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=900, check=False)
        if proc.returncode != 0:
            raise RuntimeError(f"data layer benchmark failed for x{k}: {proc.stderr[-2000:]}")
        result = json.loads(proc.stdout.strip().splitlines()[-1])
        result.update({"scale": k, "generated": info})
        rows.append(result)
    for prev, cur in zip(rows, rows[1:], strict=False):
        factor = cur["scale"] / prev["scale"]
        cur["time_growth"] = cur["median_s"] / prev["median_s"]
        cur["scale_step"] = factor
        # Growth per x10 of data, so steps of different sizes compare: (t2/t1) ** (1 / log10(k2/k1)).
        cur["time_growth_per_x10"] = cur["time_growth"] ** (1 / math.log10(factor))
        mem_prev = max(prev["tracemalloc_peak_mb"], 1e-3)
        cur["mem_growth_per_x10"] = (cur["tracemalloc_peak_mb"] / mem_prev) ** (1 / math.log10(factor))
    return {"rows": rows}


# --- browser ----------------------------------------------------------------------------------------


def _url_path(page) -> str:
    return "/" if page.script == "app.py" else "/" + page.key


async def _probe_widgets(base: str, path: str) -> StreamlitSession:
    session = StreamlitSession(base, path)
    await session.open()
    await session.close()
    return session


def _first_plot_id(ds_dir: Path | None = None) -> str:
    import csv

    folder = ds_dir or ROOT / "imc_data" / "tables"
    with open(folder / "plots.csv", encoding="utf-8") as fh:
        return next(csv.DictReader(fh))["plot_id"]


REFERENCE_PAGE_PATH = "/page"
"""Where the reference's page load is also measured: a path of the same depth as the app's pages (it has one page)."""


def bench_browser(app: StreamlitServer, ref: StreamlitServer, rounds: int, cold_rounds: int, ports: dict) -> dict:
    """Page loads, filter changes, map/Gantt interactions and cold starts, app vs reference."""
    pages = list(PAGES)
    out: dict = {"pages": [], "filters": [], "cold_start": {}, "external_requests": []}
    filter_pages = []
    for p in pages:
        session = asyncio.run(_probe_widgets(app.base, _url_path(p)))
        if session.filters():
            filter_pages.append(p)
    with browser.chromium() as ctx:
        out["reference_load"] = browser.page_load_times(ctx, ref.base + "/", rounds)
        # Opened at a page's address, any Streamlit app first looks for its server under that path (404) and, ~0.1 s
        # later, at the root: the reference is also opened at a one-part path, so that a page is compared with an
        # empty page opened the same way (bench/PROFILE.md, eleventh round).
        out["reference_load_page"] = browser.page_load_times(ctx, ref.base + REFERENCE_PAGE_PATH, rounds)
        for p in pages:
            errors: list[str] = []
            times = browser.page_load_times(ctx, app.base + _url_path(p), rounds, errors)
            out["pages"].append({"page": p.key, "path": _url_path(p), "times_s": times, "errors": errors})
        site_map = [p for p in pages if p.key == "site_map"]
        if site_map:
            path = f"/site_map?plot={_first_plot_id()}"
            errors = []
            times = browser.page_load_times(ctx, app.base + path, rounds, errors)
            out["map_card_url_proxy"] = {"path": path, "times_s": times, "errors": errors}
        # The reference's change is measured again just before each interaction of the app and all its rounds are
        # pooled: measured once, its median moved between runs (0.025-0.041 s) and every ratio with it.
        reference = {"times_s": [], "rerun_s": [], "widget": ""}

        def measure_reference() -> None:
            times, reruns, reference["widget"] = browser.filter_change_times(ctx, ref.base + "/", rounds)
            reference["times_s"] += times
            reference["rerun_s"] += reruns

        out["reference_filter"] = reference
        for p in filter_pages:
            measure_reference()
            try:
                times, reruns, kind = browser.filter_change_times(ctx, app.base + _url_path(p), rounds)
                out["filters"].append({"page": p.key, "widget": kind, "times_s": times, "rerun_s": reruns})
            except Exception as exc:  # a page whose widget the generic driver cannot operate
                out["filters"].append({"page": p.key, "error": repr(exc)[:300]})
        if site_map:
            measure_reference()
            try:
                times, reruns = browser.map_click_times(ctx, app.base + "/site_map", rounds)
                out["map_click"] = {"page": "site_map", "times_s": times, "rerun_s": reruns}
            except Exception as exc:
                out["map_click"] = {"page": "site_map", "error": repr(exc)[:300]}
        measure_reference()
        try:
            times, reruns = browser.scene_change_times(ctx, app.base + "/?present=1&scene=1", rounds)
            out["scene_change"] = {"times_s": times, "rerun_s": reruns}
        except Exception as exc:
            out["scene_change"] = {"error": repr(exc)[:300]}
        out["external_requests"] = list(ctx.external)
        out["cold_start"] = _cold_starts(ctx, cold_rounds, ports)
    return out


def _cold_starts(ctx, rounds: int, ports: dict) -> dict:
    """Process spawn → first complete render in the browser, alternating app and reference."""
    res = {"app": [], "reference": []}
    for _ in range(rounds):
        for name, script, port in (
            ("app", servers.APP_SCRIPT, ports["cold_app"]),
            ("reference", servers.EMPTY_SCRIPT, ports["cold_ref"]),
        ):
            srv = start_streamlit(script, port=port, log_dir=ports["logs"], wait=False)
            try:
                wait_healthy(srv.base, srv.process)
                page = ctx.new_page()
                page.goto(srv.base + "/", wait_until="commit", timeout=browser.TIMEOUT_MS)
                page.wait_for_function(browser.RENDERED_JS, timeout=browser.TIMEOUT_MS, polling="raf")
                res[name].append(time.perf_counter() - srv.started_at)
                page.close()
            finally:
                srv.stop()
    return res


# --- protocol-level interactions (single session) ------------------------------------------------


# Pause between two interactions of one session. Back to back (the next request sent the moment
# script_finished arrives) every rerun, even the reference page's, took a flat ~48 ms: the server
# was still winding down the previous run. A person does not click twenty times a second.
PROTOCOL_PAUSE_S = 0.3
# One session's few changes on one fresh server is a small, noisy sample (single runs of the same
# code scattered 1.7–2.6× for one filter, bench/PROFILE.md); the section repeats on fresh servers.
PROTOCOL_SERVERS = 5


async def _protocol_interactions(base: str, path: str, rounds: int, kind: str = "filter") -> dict:
    """One session: median rerun latency and bytes of a filter change or a map click."""
    session = StreamlitSession(base, path)
    opened = await session.open()
    lat, sizes, errors = [], [], []
    try:
        deck = [w for w in session.widgets.values() if w.kind == "deck_gl_json_chart"]
        for step in range(1, rounds + 2):
            if kind == "map":
                if not deck:
                    return {"error": "no selectable deck.gl chart on the page"}
                _set_map_click(session, deck[0], step)
                widget = deck[0]
            else:
                filters = session.filters(sidebar_fallback=True)
                widget = filters[(step - 1) % len(filters)]
                session.set_choice(widget, step)
            # A widget inside st.fragment reruns only its fragment, as the browser asks.
            run = await session.rerun(fragment_id=widget.fragment_id)
            if not run.ok:
                errors.append(run.exceptions[:2])
            elif step > 1:
                lat.append(run.latency_s)
                sizes.append(run.bytes_received)
            await asyncio.sleep(PROTOCOL_PAUSE_S)
    finally:
        await session.close()
    return {
        "open_s": opened.latency_s,
        "open_bytes": opened.bytes_received,
        "times_s": lat,
        "bytes": sizes,
        "errors": errors,
    }


def _set_map_click(session: StreamlitSession, deck, step: int) -> None:
    """The selection a click on a map polygon sends: layer id, index and the picked row."""
    spec = json.loads(deck.proto.json)
    layers = [layer for layer in spec.get("layers", []) if isinstance(layer.get("data"), list) and layer.get("id")]
    layer = next((la for la in layers if la["data"] and "plot_id" in la["data"][0]), layers[0])
    index = step % len(layer["data"])
    row = layer["data"][index]
    session.set_json(deck.id, {"selection": {"indices": {layer["id"]: [index]}, "objects": {layer["id"]: [row]}}})


def bench_protocol(app: StreamlitServer, ref: StreamlitServer, rounds: int) -> dict:
    """Server-side rerun latency and bytes per interaction, single session, app vs reference."""
    out = {"reference": asyncio.run(_protocol_interactions(ref.base, "/", rounds)), "pages": []}
    for p in PAGES:
        path = _url_path(p)
        probe = asyncio.run(_probe_widgets(app.base, path))
        if probe.filters():
            out["pages"].append(
                {"page": p.key, "kind": "filter", **asyncio.run(_protocol_interactions(app.base, path, rounds))}
            )
        if any(w.kind == "deck_gl_json_chart" for w in probe.widgets.values()):
            out["pages"].append(
                {
                    "page": p.key,
                    "kind": "map click",
                    **asyncio.run(_protocol_interactions(app.base, path, rounds, "map")),
                }
            )
    return out


def pool_protocol(runs: list[dict]) -> dict:
    """:func:`bench_protocol` runs on fresh servers as one result: each interaction's samples pooled.

    ``server_medians_s`` keeps each server's own median beside the pooled samples.
    """

    def pool(items: list[dict]) -> dict:
        out = dict(items[0])
        for key in ("times_s", "bytes", "errors"):
            out[key] = [v for item in items for v in item.get(key, [])]
        out["server_medians_s"] = [statistics.median(i["times_s"]) for i in items if i.get("times_s")]
        return out

    pooled = {"reference": pool([r["reference"] for r in runs]), "pages": [], "servers": len(runs)}
    for page in runs[0]["pages"]:
        same = [q for r in runs for q in r["pages"] if (q["page"], q["kind"]) == (page["page"], page["kind"])]
        pooled["pages"].append(pool(same))
    return pooled


# --- load -------------------------------------------------------------------------------------------


def _load_paths(base: str) -> list[str]:
    """Pages with filters to spread the sessions over (the overview's language switch otherwise)."""
    paths = []
    for p in PAGES:
        session = asyncio.run(_probe_widgets(base, _url_path(p)))
        if session.filters():
            paths.append(_url_path(p))
    return paths or ["/"]


def _warm(base: str, paths: list[str]) -> None:
    async def go():
        for path in paths:
            s = StreamlitSession(base, path)
            await s.open()
            await s.close()

    asyncio.run(go())


def bench_load(levels: list[int], duration: float, period: float, ports: dict) -> dict:
    """Each level on a fresh server (clean memory baseline), app then reference."""
    out = {"levels": levels, "duration_s": duration, "period_s": period, "app": [], "reference": []}
    for name, script in (("app", servers.APP_SCRIPT), ("reference", servers.EMPTY_SCRIPT)):
        for n in levels:
            srv = start_streamlit(script, port=ports["load"], log_dir=ports["logs"])
            try:
                paths = _load_paths(srv.base) if name == "app" else ["/"]
                _warm(srv.base, paths)
                time.sleep(1)
                res = asyncio.run(run_level(srv.base, paths, n, duration, [srv.pid], f"{name} N={n}", period=period))
                out[name].append({**res.summary(), "paths": paths})
            finally:
                srv.stop()
    return out


def bench_replicas(levels: list[int], duration: float, period: float, ports: dict) -> dict:
    """The app's load levels through nginx in front of two replicas on loopback."""
    out = {"levels": levels, "app_2_replicas": []}
    for n in levels:
        reps = [start_streamlit(servers.APP_SCRIPT, port=p, log_dir=ports["logs"]) for p in ports["replicas"]]
        ngx = None
        try:
            ngx = start_nginx(ports["work"] / "nginx", ports["nginx"], [r.port for r in reps], access_log=False)
            out["nginx_config"] = "deploy/nginx/imc.conf"
            base = f"http://127.0.0.1:{ports['nginx']}"
            paths = _load_paths(base)
            _warm(base, paths * 2)
            time.sleep(1)
            res = asyncio.run(
                run_level(base, paths, n, duration, [r.pid for r in reps], f"2 replicas N={n}", period=period)
            )
            summary = res.summary()
            summary["per_replica_rss_mb"] = [round(servers.rss_mb(r.pid), 1) for r in reps]
            out["app_2_replicas"].append({**summary, "paths": paths})
        finally:
            if ngx is not None:
                ngx.stop()
            for r in reps:
                r.stop()
    return out


# --- main -------------------------------------------------------------------------------------------


def _parser() -> argparse.ArgumentParser:
    """The command line of ``python -m bench.run``."""
    ap = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__)
    ap.add_argument("--quick", action="store_true", help="tiny inputs, seconds not minutes (smoke run)")
    ap.add_argument("--only", default=",".join(SECTIONS), help=f"comma-separated subset of {','.join(SECTIONS)}")
    ap.add_argument("--port-base", type=int, default=8660, help="first of 10 consecutive loopback ports")
    ap.add_argument("--rounds", type=int, default=None, help="browser/protocol rounds (default 7; quick 1)")
    ap.add_argument("--lighthouse-rounds", type=int, default=None, help="Lighthouse runs per page (default 3; quick 1)")
    ap.add_argument("--levels", default=None, help="load levels N, comma-separated (default 10,30,60; quick 2)")
    ap.add_argument("--duration", type=float, default=None, help="seconds of interaction per level (default 150)")
    ap.add_argument("--period", type=float, default=None, help="mean seconds between a session's clicks (10)")
    ap.add_argument("--replica-levels", default=None, help="levels for two replicas (default 30,60)")
    ap.add_argument("--out", type=Path, default=None, help="report path (default bench/RESULTS.md)")
    ap.add_argument(
        "--merge",
        action="store_true",
        help="keep the sections of the existing report's JSON that this run does not measure",
    )
    return ap


def _settings(args: argparse.Namespace) -> dict:
    """Rounds, load levels and timings of the run (a quick run: the smallest that exercises the code)."""
    quick = args.quick
    return {
        "rounds": args.rounds or (1 if quick else 7),
        "cold_rounds": 1 if quick else 5,
        "levels": [int(x) for x in (args.levels or ("2" if quick else "10,30,60")).split(",")],
        "replica_levels": [int(x) for x in (args.replica_levels or ("2" if quick else "30,60")).split(",")],
        "duration_s": args.duration or (4.0 if quick else 150.0),
        "period_s": args.period or (1.0 if quick else 10.0),
    }


@contextmanager
def _app_and_reference(ports: dict):
    """The app and the reference page, each a Streamlit server of its own, stopped afterwards."""
    app = start_streamlit(servers.APP_SCRIPT, port=ports["app"], log_dir=ports["logs"])
    try:
        ref = start_streamlit(servers.EMPTY_SCRIPT, port=ports["ref"], log_dir=ports["logs"])
        try:
            yield app, ref
        finally:
            ref.stop()
    finally:
        app.stop()


def _measure(results: dict, sections: list[str], settings: dict, ports: dict, quick: bool) -> None:
    """Run the chosen sections into ``results`` (each section under its own key)."""
    rounds, cold_rounds, work = settings["rounds"], settings["cold_rounds"], ports["work"]
    lighthouse_rounds = settings["lighthouse_rounds"]
    levels, replica_levels = settings["levels"], settings["replica_levels"]
    duration, period = settings["duration_s"], settings["period_s"]
    if "data" in sections:
        scales = [2, 4] if quick else [10, 100, 1000]
        results["data"] = bench_data(scales, {1: 1 if quick else 9, 2: 1, 4: 1, 10: 7, 100: 3, 1000: 1}, work)
    if "protocol" in sections:
        runs = []
        for _ in range(1 if quick else PROTOCOL_SERVERS):
            with _app_and_reference(ports) as (app, ref):
                runs.append(bench_protocol(app, ref, rounds))
        results["protocol"] = pool_protocol(runs)
    if "browser" in sections:
        with _app_and_reference(ports) as (app, ref):
            results["browser"] = bench_browser(app, ref, rounds, cold_rounds, ports)
    if "lighthouse" in sections:
        with _app_and_reference(ports) as (app, ref):
            paths = [_url_path(p) for p in PAGES]
            results["lighthouse"] = lighthouse.bench_lighthouse(app.base, ref.base, paths, lighthouse_rounds, work)
    if "load" in sections:
        results["load"] = bench_load(levels, duration, period, ports)
    if "replicas" in sections:
        if shutil.which("nginx") or Path("/usr/sbin/nginx").exists():
            results["replicas"] = bench_replicas(replica_levels, duration, period, ports)
        else:
            results["replicas"] = {"error": "nginx is not installed (apt-get install -y nginx)"}


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, run the chosen sections, write the report."""
    ap = _parser()
    args = ap.parse_args(argv)

    quick = args.quick
    sections = [s.strip() for s in args.only.split(",") if s.strip()]
    settings = _settings(args)
    out_path = args.out or (Path(__file__).with_name("RESULTS.md"))
    work = Path(tempfile.mkdtemp(prefix="imc_bench_"))
    b = args.port_base
    ports = {
        "app": b,
        "ref": b + 1,
        "cold_app": b + 2,
        "cold_ref": b + 3,
        "replicas": [b + 4, b + 5],
        "nginx": b + 6,
        "load": b + 7,
        "logs": work / "logs",
        "work": work,
    }
    results: dict = {
        "command": " ".join(shlex.quote(a) for a in [".venv/bin/python", "-m", "bench.run", *(argv or sys.argv[1:])]),
        "quick": quick,
        "started": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "loadavg_start": loadavg(),
        "other_processes_start": other_processes(),
        "settings": settings,
    }
    json_path = out_path.with_suffix(".json")
    if args.merge and json_path.exists():
        previous = json.loads(json_path.read_text(encoding="utf-8"))
        for key in SECTIONS:
            if key in previous and key not in sections:
                results[key] = previous[key]
        earlier = previous.get("merged_from", []) + [
            {k: previous.get(k) for k in ("command", "started", "finished", "loadavg_start", "loadavg_end")}
        ]
        results["merged_from"] = earlier
    t_all = time.perf_counter()
    try:
        lighthouse_rounds = args.lighthouse_rounds or (1 if quick else 3)
        _measure(results, sections, {**settings, "lighthouse_rounds": lighthouse_rounds}, ports, quick)
    finally:
        results["loadavg_end"] = loadavg()
        results["other_processes_end"] = other_processes()
        results["total_s"] = round(time.perf_counter() - t_all, 1)
        results["finished"] = datetime.now(UTC).isoformat(timespec="seconds")
        json_path.parent.mkdir(parents=True, exist_ok=True)
        json_path.write_text(json.dumps(results, indent=1, default=str), encoding="utf-8")
        before_path = Path(__file__).with_name("BEFORE.json")
        before = json.loads(before_path.read_text(encoding="utf-8")) if before_path.exists() else None
        write_report(results, out_path, before)
        shutil.rmtree(work, ignore_errors=True)
    print(f"wrote {out_path} ({results['total_s']} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
