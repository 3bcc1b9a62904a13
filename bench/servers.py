"""What the benchmarks read of the servers they start: which scripts, memory and CPU time.

Servers and nginx are started by :mod:`tools.servers`, the one harness of tests and benchmarks.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_SCRIPT = "app.py"
EMPTY_SCRIPT = "bench/empty_app.py"


def rss_mb(pid: int) -> float:
    """Resident memory of a process in MB (0 if it is gone)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def cpu_seconds(pid: int) -> float:
    """User + system CPU time a process has used, in seconds."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except OSError:
        return 0.0
