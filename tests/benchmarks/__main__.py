"""Run every benchmark in turn: `python -m tests.benchmarks` (SQLite; set QSH_BENCH_PG_URL for PostgreSQL too).

Each benchmark runs in its own process (a fresh interpreter, as a station PC starts the app) and prints its
figures beside their budgets; the district database is built once and cached in tests/benchmarks/.cache/.
"""

from __future__ import annotations

import subprocess
import sys
import time

from tests.benchmarks.district import district_db, machine

BENCHMARKS = (
    ("bench_cli", "command line: --version, read-only commands, print, whole processes beside their anchors"),
    ("bench_startup", "cold start to a usable desk, resident memory"),
    ("bench_desk", "desk: search per keystroke, Enter to here-now, keystrokes by initials"),
    ("bench_photos", "desk with a photo on every child: keystrokes, the longest GUI stall, memory"),
    ("bench_print", "printouts: 200-child sign-in sheet beside bare ReportLab, attendance grid"),
    ("bench_report", "one-year 十个梦 report query"),
    ("bench_roster", "roster list, search, export and import at district scale"),
    ("bench_archive", "父母档案 alerts and one child's archive"),
)


def main() -> int:
    print(f"QSH Desk benchmarks — {machine()}", flush=True)
    district_db()  # build the shared database once, before any timing
    failures = 0
    for module, what in BENCHMARKS:
        print(f"\n=== {module}: {what}", flush=True)
        started = time.perf_counter()
        result = subprocess.run([sys.executable, "-m", f"tests.benchmarks.{module}"])
        failures += result.returncode != 0
        print(f"({module} took {time.perf_counter() - started:.0f} s)", flush=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
