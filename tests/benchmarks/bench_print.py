"""Benchmark: a 200-child sign-in sheet (≤ 0.5 s, ≤ 1.5× a bare ReportLab script, ≤ 150 KB) and a 200-child
monthly attendance grid (≤ 1 s). The bare script draws the same table with the same font; both run side by side.

Run by hand: python -m tests.benchmarks.bench_print
"""

from __future__ import annotations

import datetime as dt
import io
import random
import statistics
import tempfile
import time

from qsh_desk.printing.attendance import build_attendance
from qsh_desk.printing.fonts import load_fonts
from qsh_desk.printing.sheets import build_signin_sheet
from qsh_desk.services.reports import AttendanceMonth, AttendanceRow, SigninRow, SigninSheet
from tests.benchmarks.bare_sheet import CHILDREN, DAY, STATION, sample_rows
from tests.benchmarks.bare_sheet import bare_reportlab as draw_bare
from tests.benchmarks.district import machine

RUNS = 9
SHEET_BUDGET_S, RATIO_BUDGET, SIZE_BUDGET, GRID_BUDGET_S = 0.5, 1.5, 150_000, 1.0


def sample_sheet(rng: random.Random) -> SigninSheet:
    rows = tuple(SigninRow(*row) for row in sample_rows(rng, CHILDREN))
    return SigninSheet(STATION, DAY, rows, "预填：在册儿童")


def bare_reportlab(sheet: SigninSheet, out: io.BytesIO, font: str) -> int:
    return draw_bare(list(sheet.rows), out, font, sheet.station)


def sample_month(rng: random.Random) -> AttendanceMonth:
    days = tuple(dt.date(2026, 3, d) for d in range(1, 32) if dt.date(2026, 3, d).weekday() >= 5)
    sheet = sample_sheet(rng)
    rows = tuple(AttendanceRow(r.name, r.grade, frozenset(d for d in days if rng.random() < 0.5)) for r in sheet.rows)
    return AttendanceMonth("高新社区亲善之家", 2026, 3, days, rows)


def timed(fn) -> tuple[float, int, int]:  # noqa: ANN001
    buffer = io.BytesIO()
    started = time.perf_counter()
    pages = fn(buffer)
    return time.perf_counter() - started, pages, len(buffer.getvalue())


def main() -> None:
    print(f"printing benchmark, {CHILDREN} children, {RUNS} runs each — {machine()}")
    fonts = load_fonts()  # registering the fonts is once per process, not per sheet
    rng = random.Random(7)
    sheet, month = sample_sheet(rng), sample_month(rng)
    timed(lambda out: build_signin_sheet(sheet, out))
    timed(lambda out: bare_reportlab(sheet, out, fonts.primary))
    ours, bare = [], []
    for _ in range(RUNS):  # interleaved, so both see the same machine load
        ours.append(timed(lambda out: build_signin_sheet(sheet, out)))
        bare.append(timed(lambda out: bare_reportlab(sheet, out, fonts.primary)))
    ours_s = statistics.median(t for t, _, _ in ours)
    bare_s = statistics.median(t for t, _, _ in bare)
    size, pages = ours[0][2], ours[0][1]
    ratio = ours_s / bare_s

    def verdict(ok: bool) -> str:
        return "within" if ok else "OVER"

    print(f"sign-in sheet: {pages} pages, median {ours_s * 1000:6.1f} ms — {verdict(ours_s <= SHEET_BUDGET_S)} "
          f"the {SHEET_BUDGET_S * 1000:.0f} ms budget")
    print(f"bare ReportLab: {bare[0][1]} pages, median {bare_s * 1000:6.1f} ms; ratio {ratio:.2f}× — "
          f"{verdict(ratio <= RATIO_BUDGET)} the {RATIO_BUDGET}× budget")
    print(f"file size: {size / 1000:.1f} KB (bare {bare[0][2] / 1000:.1f} KB) — {verdict(size <= SIZE_BUDGET)} "
          f"the {SIZE_BUDGET / 1000:.0f} KB budget")
    grid = [timed(lambda out: build_attendance(month, out)) for _ in range(RUNS)]
    grid_s = statistics.median(t for t, _, _ in grid)
    print(f"attendance grid: {len(month.days)} days, {grid[0][1]} pages, {grid[0][2] / 1000:.1f} KB, "
          f"median {grid_s * 1000:6.1f} ms — {verdict(grid_s <= GRID_BUDGET_S)} the {GRID_BUDGET_S * 1000:.0f} ms budget")
    end_to_end(rng)


def end_to_end(rng: random.Random) -> None:
    """From the database: 200 children on SQLite, the data fetched and the sheet built, as the desk does it."""
    from qsh_desk.db.database import Database
    from qsh_desk.db.models import Child
    from qsh_desk.db.schema import upgrade_to_head
    from qsh_desk.printing.jobs import build_pdf, job_for
    from qsh_desk.services import settings
    from qsh_desk.services.access import Actor
    from qsh_desk.services.stations import ensure_station

    with tempfile.TemporaryDirectory() as folder:
        db = Database(f"{folder}/bench.sqlite3")
        upgrade_to_head(db.engine)
        station, _ = ensure_station(db)
        actor = Actor.command_line(station.id)
        settings.set_value(db, actor, "signin_expected", "active")
        with db.transaction() as s:
            for i, row in enumerate(sample_sheet(rng).rows):
                s.add(Child(station_id=station.id, name=row.name, gender="女", grade=row.grade,
                            card_code=f"C{station.id:02d}{i + 1:06d}"))
        job = job_for("signin-sheet", {"date": DAY})
        build_pdf(job, db, actor)
        timings = []
        for _ in range(RUNS):
            started = time.perf_counter()
            build_pdf(job, db, actor)
            timings.append(time.perf_counter() - started)
        db.dispose()
    median = statistics.median(timings)
    print(f"from the database (fetch, pinyin sort, build): median {median * 1000:6.1f} ms — "
          f"{'within' if median <= SHEET_BUDGET_S else 'OVER'} the {SHEET_BUDGET_S * 1000:.0f} ms budget")


if __name__ == "__main__":
    main()
