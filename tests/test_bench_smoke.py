"""Smoke tests of the benchmark harness (``bench/``): every benchmark runs on tiny inputs.

No timings are asserted (the machines are shared and noisy); the tests check that each
benchmark produces its figures and that the generated data sets are valid.
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from pathlib import Path

import pytest

from bench import servers
from bench.gen_data import generate
from bench.load import run_level
from bench.report import write_report
from bench.run import _protocol_interactions, bench_data, machine
from bench.wsclient import StreamlitSession
from dashboard.i18n import translate
from imc_data import load_dataset
from tools.servers import free_port, nginx_binary, start_nginx, start_streamlit

from .conftest import ROOT


@pytest.fixture(scope="module")
def reference_server(tmp_path_factory):
    """The reference page (``bench/empty_app.py``) on a free loopback port."""
    srv = start_streamlit(servers.EMPTY_SCRIPT, log_dir=tmp_path_factory.mktemp("logs"))
    yield srv
    srv.stop()


def test_generated_data_set_is_valid_and_scaled(tmp_path: Path):
    info = generate(3, tmp_path / "x3")
    ds = load_dataset(tmp_path / "x3")
    shipped = load_dataset(ROOT / "imc_data" / "tables")
    assert ds.ok, [f.format() for f in ds.report.errors[:5]]
    assert info["plots"] == len(ds["plots"]) == 3 * len(shipped["plots"])
    assert len(ds["facilities"]) == 3 * len(shipped["facilities"])
    assert len(ds.plots_geo) == len(ds["plots"])
    site = ds["facts"].set_index("fact_id").loc["site_area_ha", "value"]
    assert site == pytest.approx(3 * shipped["facts"].set_index("fact_id").loc["site_area_ha", "value"])


@pytest.fixture(scope="module")
def data_benchmark(tmp_path_factory) -> dict:
    """One run of the data-layer benchmark (shipped data and twice the plots), read by the tests below."""
    return bench_data([2], {1: 1, 2: 1}, tmp_path_factory.mktemp("bench-data"))


@pytest.mark.slow
@pytest.mark.xdist_group("bench-data")  # one worker runs the benchmark once for both tests
def test_data_layer_benchmark_reports_time_memory_and_growth(data_benchmark):
    shipped, doubled = data_benchmark["rows"]
    assert shipped["ok"] and doubled["ok"]
    assert doubled["plots"] == 2 * shipped["plots"]
    assert shipped["median_s"] > 0 and doubled["tracemalloc_peak_mb"] > 0
    assert "time_growth_per_x10" in doubled


@pytest.mark.deploy
def test_protocol_client_changes_a_filter_on_the_reference_page(reference_server):
    result = asyncio.run(_protocol_interactions(reference_server.base, "/", rounds=2))
    assert result["errors"] == []
    assert len(result["times_s"]) == 2
    assert all(size > 0 for size in result["bytes"])


@pytest.mark.deploy
def test_load_level_runs_sessions_and_samples_memory(reference_server):
    res = asyncio.run(
        run_level(reference_server.base, ["/"], n=2, duration_s=1.5, server_pids=[reference_server.pid], period=0.5)
    )
    summary = res.summary()
    assert summary["failures"] == 0, summary["failure_examples"]
    assert summary["interactions"] >= 2
    assert summary["p95_s"] is not None and summary["rss_peak_mb"] > 0


@pytest.mark.browser
@pytest.mark.skipif(not Path("/usr/bin/chromium").exists(), reason="Debian chromium not installed")
def test_browser_page_load_and_filter_change_on_the_reference_page(reference_server):
    from bench import browser

    with browser.chromium() as ctx:
        loads = browser.page_load_times(ctx, reference_server.base + "/", rounds=1)
        changes, reruns, widget = browser.filter_change_times(ctx, reference_server.base + "/", rounds=1)
        assert ctx.external == []
    assert len(loads) == 1 and len(changes) == 1 and len(reruns) == 1
    assert 0 < reruns[0] <= changes[0]  # the run finishes before (or as) everything is drawn
    assert widget == "stSelectbox"


@pytest.mark.deploy
@pytest.mark.skipif(nginx_binary() is None, reason="nginx missing")
def test_two_replicas_behind_nginx_serve_sessions(tmp_path: Path):
    reps = [start_streamlit(servers.EMPTY_SCRIPT, log_dir=tmp_path / "logs") for _ in range(2)]
    ngx = None
    try:
        listen = free_port()
        ngx = start_nginx(tmp_path / "nginx", listen, [r.port for r in reps], access_log=False)
        res = asyncio.run(
            run_level(
                f"http://127.0.0.1:{listen}", ["/"], n=2, duration_s=1.0, server_pids=[r.pid for r in reps], period=0.5
            )
        )
        assert res.failures == 0, res.failure_examples
        assert res.interactions >= 2
    finally:
        if ngx is not None:
            ngx.stop()
        for r in reps:
            r.stop()


@pytest.mark.deploy
def test_app_page_filter_change_through_the_protocol(tmp_path: Path):
    srv = start_streamlit(servers.APP_SCRIPT, log_dir=tmp_path / "logs")
    try:
        result = asyncio.run(
            _protocol_interactions(
                srv.base,
                "/",
                rounds=1,
            )
        )
        filter_labels = asyncio.run(_filter_labels(srv.base, "/opportunities"))
    finally:
        srv.stop()
    assert result["errors"] == [], result["errors"]
    assert result["open_bytes"] > 0 and len(result["times_s"]) == 1
    # The clients change what a visitor can change with one click: the page's filters, not the
    # enquiry form's list (a browser sends a form's values only when it is submitted).
    # ... and the switch between cards, table and map, one click too.
    assert filter_labels == [
        *(translate(f"opportunities.f.{key}", "en") for key in ("stage", "specialty", "status", "model")),
        translate("opportunities.view", "en"),
    ]


async def _filter_labels(base: str, path: str) -> list[str]:
    session = StreamlitSession(base, path)
    await session.open()
    try:
        return [w.label for w in session.filters()]
    finally:
        await session.close()


@pytest.mark.slow
@pytest.mark.xdist_group("bench-data")
def test_report_names_targets_machine_and_command(tmp_path: Path, data_benchmark):
    results = {
        "command": ".venv/bin/python -m bench.run --quick",
        "quick": True,
        "started": "2026-01-01T00:00:00+00:00",
        "finished": "2026-01-01T00:01:00+00:00",
        "total_s": 60,
        "machine": machine(),
        "loadavg_start": "0.1 0.1 0.1",
        "loadavg_end": "0.2 0.1 0.1",
        "settings": {},
        "data": data_benchmark,
    }
    out = tmp_path / "RESULTS.md"
    write_report(results, out)
    text = out.read_text(encoding="utf-8")
    assert "data layer, shipped data ≤ 0.5 s" in text
    assert ".venv/bin/python -m bench.run --quick" in text
    assert f"{results['machine']['cores']} cores" in text


@pytest.mark.slow
def test_one_command_quick_run_writes_the_report(tmp_path: Path):
    out = tmp_path / "RESULTS.md"
    cmd = [sys.executable, "-m", "bench.run", "--quick", "--only", "data", "--out", str(out)]
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=600, check=False)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "## Data layer" in out.read_text(encoding="utf-8")
    assert json.loads(out.with_suffix(".json").read_text(encoding="utf-8"))["quick"] is True


def test_felt_targets_judge_until_drawn_in_the_browser_with_the_before_run_beside_them():
    from bench.report import targets

    def run(timeline_s: float, load_s: float) -> dict:
        return {
            "protocol": {
                "reference": {"times_s": [0.010]},
                "pages": [{"page": "timeline", "kind": "filter", "times_s": [0.019]}],
            },
            "browser": {
                "reference_filter": {"times_s": [0.040, 0.040, 0.050], "rerun_s": [0.020]},
                "filters": [
                    {"page": "timeline", "widget": "stMultiSelect", "times_s": [timeline_s], "rerun_s": [0.06]}
                ],
                "map_click": {"page": "site_map", "times_s": [0.100], "rerun_s": [0.05]},
                "reference_load": [1.0],
                "pages": [{"page": "timeline", "path": "/timeline", "times_s": [load_s], "errors": []}],
                "cold_start": {"app": [3.0], "reference": [2.0]},
            },
        }

    rows = {name: (measured, raw, met) for name, measured, raw, met in targets(run(0.06, 1.4), run(0.30, 1.6))}
    timeline = rows["filter change until drawn, timeline ≤ 2× reference"]
    assert timeline[0] == "1.50×" and timeline[2] is True  # 0.060 s drawn against the reference's 0.040 s
    assert "before: 7.50× (0.300 s vs 0.040 s)" in timeline[1]
    assert rows["plot click on the site map until the card is drawn ≤ 2× reference"][2] is False  # 2.5×
    assert rows["page load /timeline ≤ 1.5× reference"][:1] == ("1.40×",)
    assert rows["cold start (streamlit run → first page drawn) ≤ 1.5× reference"][2] is True  # exactly 1.5×
    assert not any("rerun" in name for name in rows)  # the server's rerun is information, not a target


def test_a_page_load_is_compared_with_the_reference_opened_the_same_way():
    from bench.report import targets

    def run(**reference) -> dict:
        pages = [
            {"page": "overview", "path": "/", "times_s": [1.05], "errors": []},
            {"page": "site_map", "path": "/site_map", "times_s": [1.16], "errors": []},
        ]
        return {"browser": {"filters": [], "pages": pages, **reference}}

    rows = {
        name: (measured, raw)
        for name, measured, raw, _ in targets(run(reference_load=[0.7], reference_load_page=[0.8]))
    }
    assert rows["page load / ≤ 1.5× reference"][0] == "1.50×"  # 1.05 s against the reference at / (0.7 s)
    site_map = rows["page load /site_map ≤ 1.5× reference"]
    assert site_map[0] == "1.45×" and "reference 0.800 s" in site_map[1]  # against the reference at a page's path
    # A run that opened the reference only at / (the before run) is read as it was measured.
    rows = {name: measured for name, measured, _, _ in targets(run(reference_load=[0.7]))}
    assert rows["page load /site_map ≤ 1.5× reference"] == "1.66×"


def test_lighthouse_targets_are_ratios_to_the_empty_page_and_layout_shift_absolute():
    from bench.report import targets

    ref = {"tbt_ms": 200.0, "bytes": 4_000_000, "cls": 0.01, "score": 0.5, "lcp_ms": 3000, "tti_ms": 5000}
    results = {
        "lighthouse": {
            "profile": "mobile",
            "rounds": 1,
            "reference": ref,
            "pages": [
                {"path": "/", **ref, "tbt_ms": 290.0, "bytes": 5_900_000, "cls": 0.05},
                {"path": "/timeline", **ref, "tbt_ms": 250.0, "cls": 0.2},
            ],
        }
    }
    rows = {name.split(":")[0]: (measured, met) for name, measured, _raw, met in targets(results)}
    assert rows["phone (Lighthouse) /"] == ("TBT 1.45×, bytes 1.48×, CLS 0.050", True)
    assert rows["phone (Lighthouse) /timeline"][1] is False  # its layout shifts by 0.2


def test_protocol_runs_on_several_servers_are_pooled_per_interaction():
    from bench.run import pool_protocol

    def run(ref, timeline):
        return {
            "reference": {"times_s": ref, "bytes": [1], "errors": [], "open_bytes": 10},
            "pages": [{"page": "timeline", "kind": "filter", "times_s": timeline, "bytes": [2], "errors": []}],
        }

    pooled = pool_protocol([run([0.01, 0.02], [0.03]), run([0.03], [0.05, 0.07])])
    assert pooled["servers"] == 2
    assert pooled["reference"]["times_s"] == [0.01, 0.02, 0.03]
    assert pooled["reference"]["server_medians_s"] == [0.015, 0.03]
    assert pooled["pages"][0]["times_s"] == [0.03, 0.05, 0.07] and pooled["pages"][0]["bytes"] == [2, 2]
