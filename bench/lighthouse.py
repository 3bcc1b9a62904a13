"""Lighthouse (mobile profile) on every page and on the reference page, in the same run.

Lighthouse 12's default mobile profile: a 412×823 phone, simulated slow 4G and a 4× slower CPU.
Streamlit's own bundle sets a floor that no page can go under, so each page is judged against the
reference page (``bench/empty_app.py``) served by the same Streamlit on the same machine: total
blocking time and bytes transferred as ratios, layout shift as Lighthouse's own score.

Lighthouse comes from npm (``bench/npm/package.json`` pins the version) and drives Debian's
Chromium (``CHROME_PATH``); the first run installs it with ``npm install --prefix bench/npm``.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
from pathlib import Path

NPM_DIR = Path(__file__).with_name("npm")
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage"
AUDITS = {
    "tbt_ms": "total-blocking-time",
    "cls": "cumulative-layout-shift",
    "bytes": "total-byte-weight",
    "lcp_ms": "largest-contentful-paint",
    "tti_ms": "interactive",
}


def lighthouse_binary() -> Path:
    """The pinned Lighthouse CLI, installed from npm on first use."""
    binary = NPM_DIR / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        npm = shutil.which("npm")
        if npm is None:
            raise RuntimeError("npm is not installed (apt-get install -y npm)")
        subprocess.run([npm, "install", "--prefix", str(NPM_DIR), "--no-audit", "--no-fund"], check=True)
    return binary


def chromium_path() -> str:
    """Debian's Chromium (Lighthouse's own download is not used)."""
    for candidate in (os.environ.get("CHROME_PATH"), shutil.which("chromium"), "/usr/bin/chromium"):
        if candidate and Path(candidate).exists():
            return candidate
    raise RuntimeError("Chromium is not installed (apt-get install -y chromium)")


def audit(url: str, out: Path) -> dict:
    """One Lighthouse performance run of ``url``: score and the figures of :data:`AUDITS`."""
    env = {**os.environ, "CHROME_PATH": chromium_path()}
    subprocess.run(
        [
            str(lighthouse_binary()),
            url,
            "--only-categories=performance",
            "--output=json",
            f"--output-path={out}",
            f"--chrome-flags={CHROME_FLAGS}",
            "--quiet",
            "--max-wait-for-load=90000",
        ],
        check=True,
        env=env,
        timeout=600,
    )
    report = json.loads(out.read_text(encoding="utf-8"))
    result = {name: report["audits"][key].get("numericValue") for name, key in AUDITS.items()}
    result["score"] = report["categories"]["performance"].get("score")
    errors = report.get("runtimeError") or {}
    if errors:
        result["error"] = errors.get("message", str(errors))[:300]
    return result


def _median_run(runs: list[dict]) -> dict:
    """Each figure's median over the runs (Lighthouse varies from run to run on a shared machine)."""
    keys = [*AUDITS, "score"]
    out = {}
    for key in keys:
        values = [r[key] for r in runs if r.get(key) is not None]
        out[key] = statistics.median(values) if values else None
    out["runs"] = runs
    return out


def bench_lighthouse(app_base: str, ref_base: str, paths: list[str], rounds: int, work: Path) -> dict:
    """Every page and the reference page, ``rounds`` runs each, alternating so load hits both alike."""
    folder = work / "lighthouse"
    folder.mkdir(parents=True, exist_ok=True)
    runs: dict[str, list[dict]] = {"reference": [], **{path: [] for path in paths}}
    for i in range(rounds):
        for name, url in [("reference", ref_base + "/"), *[(path, app_base + path) for path in paths]]:
            try:
                runs[name].append(audit(url, folder / f"{i}-{name.strip('/') or 'root'}.json"))
            except (subprocess.SubprocessError, OSError, RuntimeError, KeyError, ValueError) as exc:
                runs[name].append({"error": repr(exc)[:300]})
    return {
        "profile": "Lighthouse 12.2.3, mobile (412×823, simulated slow 4G, 4× CPU slowdown)",
        "rounds": rounds,
        "reference": _median_run(runs["reference"]),
        "pages": [{"path": path, **_median_run(runs[path])} for path in paths],
    }
