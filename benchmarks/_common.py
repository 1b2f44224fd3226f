"""Shared helpers for the benchmarks: machine facts, peak memory, result files, tables.

Every benchmark measures ratios within one run on one machine, so a slower or busier machine
moves the absolute numbers but much less the ratios; the load average is recorded with them.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import resource
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"
REUTERS = ROOT.parent / "shared" / "data" / "news" / "isot_reuters_politics_2017q4.jsonl"
PYTHON = sys.executable
# One thread per process everywhere: the ratios compare work, not how many BLAS threads a
# library happens to start on a busy machine.
SINGLE_THREAD = {k: "1" for k in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")}
for _k, _v in SINGLE_THREAD.items():
    os.environ.setdefault(_k, _v)


def load() -> float:
    """The 1-minute load average (how busy the machine was)."""
    return round(os.getloadavg()[0], 2)


def machine() -> dict[str, Any]:
    return {
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "load_1min": load(),
    }


def peak_rss_mib() -> float:
    """Peak resident memory of this process so far, in MiB (Linux reports KiB)."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def run_child(cmd: Sequence[str], env: dict[str, str] | None = None) -> dict[str, Any]:
    """Run a command; its wall time, CPU time and peak RSS (of that process alone)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        list(cmd),
        env={**os.environ, **SINGLE_THREAD, **(env or {})},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    # wait4 gives the resource usage of exactly this child (and its reaped children).
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    out = proc.stdout.read() if proc.stdout else ""
    err = proc.stderr.read() if proc.stderr else ""
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({code}):\n{err[-2000:]}")
    return {
        "wall_s": round(wall, 2),
        "cpu_s": round(usage.ru_utime + usage.ru_stime, 2),
        "peak_rss_mib": round(usage.ru_maxrss / 1024, 1),
        "stdout": out,
    }


def save(name: str, data: dict[str, Any]) -> Path:
    """Write results/<name>.json (<name>-quick.json for --quick runs, so a quick check never
    overwrites the real numbers) with the machine facts and a timestamp."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    name = result_name(name)
    data = {
        "benchmark": name,
        "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        **data,
    }
    path = RESULTS / f"{name}.json"
    path.write_text(json.dumps(data, indent=2, default=str) + "\n", encoding="utf-8")
    return path


def result_name(name: str, quick: bool | None = None) -> str:
    quick = "--quick" in sys.argv if quick is None else quick
    return f"{name}-quick" if quick else name


def table(rows: Sequence[Sequence[Any]], header: Sequence[str]) -> str:
    """A plain-text table."""
    cells = [[str(h) for h in header]] + [[_fmt(v) for v in r] for r in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    lines = [
        "  ".join(
            c.rjust(w) if i else c.ljust(w) for i, (c, w) in enumerate(zip(r, widths, strict=True))
        )
        for r in cells
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _fmt(v: Any) -> str:
    if isinstance(v, float):
        return f"{v:,.2f}" if abs(v) < 100 else f"{v:,.0f}"
    if isinstance(v, int):
        return f"{v:,}"
    return str(v)
