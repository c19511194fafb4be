"""Benchmark: the command line starts as fast as the work it does, each figure beside an anchor of the same run.

- `qsh-desk --version` (and `--help`) ÷ `python -c pass`: nothing but the parser may load (budget ≤ 3×);
- the read-only commands `present`, `visits`, `check` on the district database ÷ `python -c "import sqlalchemy"`
  (budget ≤ 2×): the database layer and the one service the command uses, nothing else; `check` once more on
  one station's small database, where its integrity read is not most of the time;
- `print signin-sheet` of 200 children, the whole process ÷ a bare ReportLab process drawing the same table
  with the same font and writing its file (budget ≤ 1.5×).

Every process is started the way the `qsh-desk` launcher starts it (`from qsh_desk.cli import main`), the runs
are interleaved with their anchors so both see the same machine load, and the medians are compared. Python may
cache its bytecode, as on a station PC (PYTHONDONTWRITEBYTECODE, if set, would recompile our modules every time).

Run by hand: python -m tests.benchmarks.bench_cli
"""

from __future__ import annotations

import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.benchmarks.district import CACHE, UNTIL, backends, machine

RUNS = 7
VERSION_BUDGET, READ_BUDGET, PRINT_BUDGET = 3.0, 2.0, 1.5
ENTRY = "import sys; from qsh_desk.cli import main; sys.exit(main())"  # what the qsh-desk launcher runs
SHEET_DAY = "2026-03-14"
ENVIRONMENT = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}


def _seconds(command: list[str]) -> float:
    started = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, timeout=600, env=ENVIRONMENT)
    elapsed = time.perf_counter() - started
    if result.returncode not in (0, 1):  # `check` says 1 for a finding; anything else is a broken benchmark
        raise RuntimeError(f"{command[3:]} failed ({result.returncode}):\n{result.stderr[-2000:]}")
    return elapsed


def _compare(subject: list[str], anchor: list[str]) -> tuple[float, float]:
    """Medians of the subject and its anchor, run in turn after one warm-up each (the OS file cache is warm)."""
    _seconds(subject), _seconds(anchor)
    ours, bare = [], []
    for _ in range(RUNS):
        ours.append(_seconds(subject))
        bare.append(_seconds(anchor))
    return statistics.median(ours), statistics.median(bare)


def _line(label: str, ours: float, anchor_label: str, bare: float, budget: float) -> None:
    ratio = ours / bare
    print(f"{label:<42} {ours * 1000:7.0f} ms ÷ {anchor_label:<26} {bare * 1000:6.0f} ms = {ratio:5.2f}× "
          f"(budget ≤ {budget}×) — {'within' if ratio <= budget else 'OVER'}", flush=True)


def qsh(*args: str) -> list[str]:
    return [sys.executable, "-c", ENTRY, *args]


def sheet_database() -> str:
    """A SQLite database with 200 children on the sign-in sheet (all active children prefilled), built once."""
    path = CACHE / "sheet200.sqlite3"
    if not path.exists():
        CACHE.mkdir(exist_ok=True)
        from qsh_desk.db.database import Database
        from qsh_desk.db.models import Child
        from qsh_desk.db.schema import upgrade_to_head
        from qsh_desk.services import settings
        from qsh_desk.services.access import Actor
        from qsh_desk.services.search_keys import sort_key
        from qsh_desk.services.stations import ensure_station
        from tests.benchmarks.bare_sheet import sample_rows

        db = Database(str(path))
        upgrade_to_head(db.engine)
        station, _ = ensure_station(db)
        settings.set_value(db, Actor.command_line(station.id), "signin_expected", "active")
        with db.transaction() as s:
            for i, row in enumerate(sample_rows(random.Random(7))):
                s.add(Child(station_id=station.id, name=row.name, sort_name=sort_key(row.name), gender="女",
                            grade=row.grade, card_code=f"C{station.id:02d}{i + 1:06d}"))
        db.dispose()
    return str(path)


def primary_font() -> tuple[str, int]:
    """The file and face of the font the printouts draw their text with, for the bare process to use too."""
    from qsh_desk.printing import fonts

    primary = fonts.load_fonts().primary
    stem = primary.split("_", 1)[1]
    candidate = next(c for c in fonts.candidates() if Path(c.path).stem == stem)
    return candidate.path, candidate.subfont


def main() -> None:
    print(f"command line, whole processes, median of {RUNS} runs each — {machine()}", flush=True)
    bare_python = [sys.executable, "-c", "pass"]
    ours, bare = _compare(qsh("--version"), bare_python)
    _line("qsh-desk --version", ours, 'python -c "pass"', bare, VERSION_BUDGET)
    ours, bare = _compare(qsh("--help"), bare_python)
    _line("qsh-desk --help", ours, 'python -c "pass"', bare, VERSION_BUDGET)

    bare_sqlalchemy = [sys.executable, "-c", "import sqlalchemy"]
    for label, url in backends():
        print(f"{label}, district database:", flush=True)
        for args in (("present",), ("visits", "--date", UNTIL), ("check",)):
            ours, bare = _compare(qsh("--db", url, *args), bare_sqlalchemy)
            _line(f"  qsh-desk {' '.join(args)}", ours, 'python -c "import sqlalchemy"', bare, READ_BUDGET)

    # On the district file `check` is mostly its work: SQLite's integrity check reads every page of it. A
    # station's own file shows what the command costs beyond that work.
    url = sheet_database()
    print(f"SQLite, one station's database (200 children, {Path(url).stat().st_size / 1e6:.1f} MB):", flush=True)
    ours, bare = _compare(qsh("--db", url, "check"), bare_sqlalchemy)
    _line("  qsh-desk check", ours, 'python -c "import sqlalchemy"', bare, READ_BUDGET)

    font, subfont = primary_font()
    with tempfile.TemporaryDirectory() as folder:
        ours_pdf, bare_pdf = Path(folder, "ours.pdf"), Path(folder, "bare.pdf")
        ours, bare = _compare(
            qsh("--db", url, "print", "signin-sheet", "--date", SHEET_DAY, "--even-if-closed", "--out", str(ours_pdf)),
            [sys.executable, "-m", "tests.benchmarks.bare_sheet", font, str(subfont), str(bare_pdf)])
        _line("qsh-desk print signin-sheet (200 children)", ours, "bare ReportLab process", bare, PRINT_BUDGET)
        print(f"  files: ours {ours_pdf.stat().st_size / 1000:.0f} KB, bare {bare_pdf.stat().st_size / 1000:.0f} KB")


if __name__ == "__main__":
    main()
