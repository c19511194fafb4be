"""Benchmark: the roster on the district database — the whole children's list, a pinyin search, export and import.

Run by hand: python -m tests.benchmarks.bench_roster
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from qsh_desk.db.database import Database
from qsh_desk.db.schema import upgrade_to_head
from qsh_desk.services import exporting, importing, roster
from qsh_desk.services.access import Actor
from qsh_desk.services.roster import ChildQuery
from qsh_desk.services.stations import current_station, ensure_station
from tests.benchmarks.district import backends, machine

RUNS = 5


def timed(fn) -> tuple[float, object]:  # noqa: ANN001
    started = time.perf_counter()
    result = fn()
    return (time.perf_counter() - started) * 1000, result


def median_ms(fn) -> tuple[float, object]:  # noqa: ANN001
    fn()  # warm the page cache, as a station PC in use would be
    runs = [timed(fn) for _ in range(RUNS)]
    return statistics.median(t for t, _ in runs), runs[-1][1]


def main() -> None:
    print(f"roster, median of {RUNS} runs — {machine()}")
    for label, url in backends():
        db = Database(url)
        actor = Actor.command_line(current_station(db).id)
        every, rows = median_ms(lambda: roster.list_children(db, actor, ChildQuery(status="all")))
        search, found = median_ms(lambda: roster.list_children(db, actor, ChildQuery(text="zh")))
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "children.xlsx"
            export_ms, _ = timed(lambda: exporting.export_children(db, actor, path))
            empty = Database(Path(folder) / "empty.sqlite3")
            upgrade_to_head(empty.engine)
            station, _ = ensure_station(empty)
            target = Actor.command_line(station.id)
            preview_ms, preview = timed(lambda: importing.preview_import(empty, target, "children", path))
            import_ms, result = timed(lambda: importing.run_import(empty, target, "children", path))
            empty.dispose()
        db.dispose()
        print(f"{label}: list all {len(rows):,} children {every:.0f} ms; search 'zh' ({len(found):,} found) {search:.0f} ms")
        print(f"{label}: export {len(rows):,} children to .xlsx {export_ms:.0f} ms; preview of that file "
              f"{preview_ms:.0f} ms ({len(preview.problems)} problems); import into an empty SQLite database "
              f"{import_ms:.0f} ms ({result.added:,} added)")


if __name__ == "__main__":
    main()
