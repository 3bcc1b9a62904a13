"""Time and peak memory of ``imc_data.load_dataset`` (load + full validation) on one folder.

Run in a fresh child process per folder so that peak memory is that folder's own:
``python -m bench.data_layer DIR ROUNDS`` prints one JSON line.

Peak memory is the growth of the process's resident high-water mark (``VmHWM``)
over its value after the imports, plus the peak of Python allocations seen by
``tracemalloc`` in one extra, untimed round (tracemalloc slows code down).
"""

from __future__ import annotations

import json
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

from imc_data import csvio, geo, load_dataset
from imc_data.load import DEFAULT_DATA_DIR


def _hwm_kib() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def measure(data_dir: Path, rounds: int, lift_size_guard: bool = True) -> dict:
    """Load ``data_dir`` ``rounds`` times; return timings (s), peak memory (MB) and validity.

    ``lift_size_guard`` raises the loader's 5 MB per-file guard, which large generated
    sets exceed; the guard protects staff from pasting a wrong file, not a limit of the code.
    """
    guard = csvio.MAX_BYTES
    if lift_size_guard:
        csvio.MAX_BYTES = geo.MAX_BYTES = 1 << 31
    over_guard = [p.name for p in data_dir.iterdir() if p.is_file() and p.stat().st_size > guard]
    load_dataset(DEFAULT_DATA_DIR)  # one-time initialisation (lazy imports, pyproj) outside the figures
    base = _hwm_kib()
    times = []
    ds = None
    for _ in range(rounds):
        t0 = time.perf_counter()
        ds = load_dataset(data_dir)
        times.append(time.perf_counter() - t0)
    hwm = _hwm_kib()
    tracemalloc.start()
    load_dataset(data_dir)
    _, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {
        "dir": str(data_dir),
        "rounds": rounds,
        "times_s": times,
        "median_s": statistics.median(times),
        "rss_peak_growth_mb": (hwm - base) / 1024,
        "tracemalloc_peak_mb": traced_peak / 2**20,
        "ok": bool(ds.ok),
        "errors": len(ds.report.errors),
        "plots": len(ds["plots"]),
        "facilities": len(ds["facilities"]),
        "files_over_5mb_guard": over_guard,
    }


if __name__ == "__main__":
    print(json.dumps(measure(Path(sys.argv[1]), int(sys.argv[2]))))
