"""Benchmark: the one-year 十个梦 report (`report dreams`) on the district database; budget 100 ms.

Run by hand: python -m tests.benchmarks.bench_report
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import time

from qsh_desk.db.database import Database
from qsh_desk.services import stats
from qsh_desk.services.access import Actor
from qsh_desk.services.stations import current_station
from tests.benchmarks.district import UNTIL, backends, machine

BUDGET_MS = 100.0
RUNS = 15


def measure(url: str) -> tuple[list[float], stats.DreamReport]:
    db = Database(url)
    try:
        if not db.is_sqlite:
            # A live server's autovacuum has analysed the tables long ago; a freshly built demo database
            # has no statistics yet, and the planner would guess.
            with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.exec_driver_sql("VACUUM ANALYZE")
        actor = Actor.command_line(current_station(db).id)
        end = dt.date.fromisoformat(UNTIL)
        period = stats.custom_period(end.replace(year=end.year - 1) + dt.timedelta(days=1), end)
        stats.dream_report(db, actor, period)  # warm the page cache, as a station PC in use would be
        timings = []
        for _ in range(RUNS):
            started = time.perf_counter()
            report = stats.dream_report(db, actor, period)
            timings.append((time.perf_counter() - started) * 1000)
        return timings, report
    finally:
        db.dispose()


def main() -> None:
    print(f"one-year dream report, {RUNS} runs — {machine()}")
    # Other work on the machine stretches wall-clock figures: say how busy it was.
    print("load average: " + ", ".join(f"{x:.1f}" for x in os.getloadavg()))
    for label, url in backends():
        timings, report = measure(url)
        median = statistics.median(timings)
        verdict = "within" if median <= BUDGET_MS else "OVER"
        print(f"{label:>10}: median {median:6.1f} ms, min {min(timings):6.1f} ms, max {max(timings):6.1f} ms "
              f"— {verdict} the {BUDGET_MS:.0f} ms budget")
        total = report.total
        print(f"{'':>10}  {report.period.label}: {total.sessions:,} sessions, {total.participations:,} participations, "
              f"{total.children:,} children, {total.volunteer_hours:,.1f} volunteer hours")


if __name__ == "__main__":
    main()
