"""Benchmark: the 父母档案 start page (alerts) and opening one child's archive on the district database.

Budgets: alerts 1 s (once when the page opens, off the GUI thread; the district database puts 10,000 children in
one station, some 30 times a real one), one archive with its timeline 100 ms (every click).
Run by hand: python -m tests.benchmarks.bench_archive
"""

from __future__ import annotations

import datetime as dt
import statistics
import time

from sqlalchemy import func, select

from qsh_desk.db.database import Database
from qsh_desk.db.models import ChildVisit
from qsh_desk.services import archive
from qsh_desk.services.access import Actor
from qsh_desk.services.stations import current_station
from tests.benchmarks.district import UNTIL, backends, machine

ALERTS_BUDGET_MS = 1000.0
ARCHIVE_BUDGET_MS = 100.0
RUNS = 10


def _median_ms(fn, runs: int = RUNS) -> tuple[float, object]:
    fn()  # warm the page cache, as a station PC in use would be
    timings, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = fn()
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings), result


def main() -> None:
    print(f"父母档案, {RUNS} runs each — {machine()}")
    today = dt.date.fromisoformat(UNTIL)
    for label, url in backends():
        db = Database(url)
        try:
            actor = Actor.command_line(current_station(db).id)
            with db.transaction() as s:
                busiest = s.execute(select(ChildVisit.child_id, func.count()).group_by(ChildVisit.child_id)
                                    .order_by(func.count().desc()).limit(1)).one()
            alerts_ms, alerts = _median_ms(lambda: archive.alerts(db, actor, today=today))
            record_ms, record = _median_ms(lambda: archive.get_archive(db, actor, busiest[0]))
        finally:
            db.dispose()
        for what, ms, budget in (("alerts", alerts_ms, ALERTS_BUDGET_MS), ("one archive", record_ms, ARCHIVE_BUDGET_MS)):
            verdict = "within" if ms <= budget else "OVER"
            print(f"{label:>10}: {what:<12} median {ms:7.1f} ms — {verdict} the {budget:.0f} ms budget")
        print(f"{'':>10}  alerts: {len(alerts.no_contact):,} without contact, {len(alerts.overdue):,} overdue, "
              f"{len(alerts.poor_guardianship):,} rated 差, {len(alerts.returns_soon):,} parents coming home; "
              f"busiest child: {busiest[1]:,} check-ins, {len(record.timeline):,} timeline entries")


if __name__ == "__main__":
    main()
