"""签到台 at district scale: search per keystroke, Enter → visit committed and here-now updated, keystrokes by initials.

Run by hand (not part of pytest):  python tests/benchmarks/bench_desk.py [--sample N]
Drives the real DeskPage offscreen on a copy of the cached district database (10,000 children,
5,000 volunteers, ~1.1 M visits), so the figures include the page's own work (list rendering included).
With QSH_BENCH_PG_URL set, the same on a copy of the PostgreSQL district database (CREATE DATABASE … TEMPLATE).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.benchmarks.district import CACHE, PG_ENV_VAR, district_db, machine, percentile  # noqa: E402


BUDGET_KEYSTROKE_MS = 16.0
BUDGET_ENTER_MS = 50.0
BUDGET_KEYS_MEDIAN = 4


def _desk_copy() -> str:
    """A private copy of the district database: the benchmark writes visits, the shared one stays untouched."""
    source = district_db()
    source_path = Path(source.removeprefix("sqlite:///"))
    target = CACHE / "desk.sqlite3"
    for suffix in ("-wal", "-shm"):
        Path(str(target) + suffix).unlink(missing_ok=True)
    shutil.copyfile(source_path, target)
    return str(target)


def _pg_desk_copy(url: str) -> str:
    """A private copy of the PostgreSQL district database, made by the server from it as a template."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    district_db(url)
    source = make_url(url)
    target = source.set(database=f"{source.database}_desk")
    admin = create_engine(source.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{target.database}"'))
        conn.execute(text(f'CREATE DATABASE "{target.database}" TEMPLATE "{source.database}"'))
    admin.dispose()
    return target.render_as_string(hide_password=False)


def _wait_for(signal, timeout_ms: int = 30_000) -> list:
    """Run the event loop until `signal` fires; returns its arguments.

    A QEventLoop, not a processEvents() polling loop: with PySide6 6.12 on Python 3.11 every
    processEvents() call drops one reference to None, and a polling loop ends in a fatal error.
    """
    from PySide6.QtCore import QEventLoop, QTimer

    loop, got = QEventLoop(), []

    def fired(*args) -> None:  # noqa: ANN002
        got.append(args)
        loop.quit()

    signal.connect(fired)
    QTimer.singleShot(timeout_ms, loop.quit)
    loop.exec()
    signal.disconnect(fired)
    if not got:
        raise TimeoutError("the page did not answer in time")
    return list(got[0])


IMPORT_CHILDREN = 10_000


def _import_file(folder: Path) -> Path:
    """A roster file of 10,000 children nobody has seen yet (the importer adds them all, in one transaction)."""
    import csv

    from tests.benchmarks.bare_sheet import GIVEN, GRADES, SURNAMES

    rng = random.Random(11)
    path = folder / "new-children.csv"
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(["姓名", "性别", "出生日期", "年级", "监护人姓名", "与儿童关系", "监护人电话"])
        for n in range(IMPORT_CHILDREN):
            name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(3))
            writer.writerow([name, rng.choice("男女"), f"{rng.randint(2012, 2020)}-{rng.randint(1, 12):02d}-"
                             f"{rng.randint(1, 28):02d}", rng.choice(GRADES), rng.choice(SURNAMES) + "奶奶", "祖母",
                             f"139{n:08d}"])
    return path


def start_long_jobs(context, admin, folder: Path) -> tuple[dict[str, float], dict[str, float]]:  # noqa: ANN001
    """On the long lane, as the pages start them (in the job process, as the program runs them): a 10,000-child
    import, an export of every child, and the 花名册 of every child as a PDF. Returns {job: seconds} and {job:
    perf_counter when it ended}, filled in as each one finishes (they run one after the other, in this order)."""
    from qsh_desk.elsewhere import Job
    from qsh_desk.gui.kernel import Lane
    from qsh_desk.printing.jobs import build_document
    from qsh_desk.services import exporting, importing

    source = _import_file(folder)
    finished: dict[str, float] = {}
    ended: dict[str, float] = {}
    jobs = {
        "import of 10,000 children": Job(importing.run_import, context.db, admin, "children", source),
        "export of every child (.xlsx)": Job(exporting.export_children, context.db, admin, folder / "all.xlsx"),
        "花名册 PDF": Job(build_document, context.db, admin, "roster", {}),
    }
    last_end = [time.perf_counter()]  # one lane, one job after another: each begins when the one before ends
    for name, job in jobs.items():
        def done(result, name=name):  # noqa: ANN001, ANN202
            ended[name] = time.perf_counter()
            finished[name], last_end[0] = ended[name] - last_end[0], ended[name]
            if name == "花名册 PDF":
                finished["PDF pages"] = result[1]

        def failed(error, name=name):  # noqa: ANN001, ANN202
            finished[name] = float("nan")
            ended[name] = last_end[0] = time.perf_counter()
            print(f"{name} failed: {error}")

        context.tasks.run(job, done, failed, lane=Lane.LONG)
    return finished, ended


def keystrokes_to_check_in(index, target_kind: str, target_id: int, initials: str) -> int | None:
    """Fewest keys to check this person in by typing initials, as the page works.

    Enter acts at once on an unambiguous top row; after two or more letters the row's number (1–9) picks
    it at once; otherwise ↓ to the row, then Enter (a top row shared with equally good matches: Enter twice,
    the page asks once). None: never among the 20 rows shown.
    """
    best = None
    for typed in range(1, len(initials) + 1):
        outcome = index.search(initials[:typed])
        position = next((i for i, r in enumerate(outcome.results) if (r.kind, r.id) == (target_kind, target_id)), None)
        if position is None:
            continue
        if position == 0 and outcome.unambiguous:
            cost = typed + 1
        elif typed >= 2 and position < 9:
            cost = typed + 1  # the row's number
        else:
            cost = typed + (2 if position == 0 else position + 1)
        best = cost if best is None else min(best, cost)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sample", type=int, default=300, help="children checked in through the page (Enter timing)")
    args = parser.parse_args()

    from qsh_desk.gui.app import make_application
    from qsh_desk.gui.icons import watch_icons_on_blue

    app = make_application()
    # The icons' colour filter, installed while the login shows: the window has it by the time anyone
    # reaches the desk (its first pass over each kind of Qt object is not the desk's).
    watch_icons_on_blue(app)
    copies = [("SQLite", _desk_copy())]
    if os.environ.get(PG_ENV_VAR):
        copies.append(("PostgreSQL", _pg_desk_copy(os.environ[PG_ENV_VAR])))
    for number, (label, url) in enumerate(copies):
        measure(label, url, args.sample, keystrokes=number == 0)  # keystrokes: the index is the same on both
    return 0


def measure(label: str, url: str, sample: int, keystrokes: bool) -> None:
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtTest import QTest

    from qsh_desk.db.database import Database
    from qsh_desk.elsewhere import JobProcess
    from qsh_desk.gui.context import AppContext, Changes
    from qsh_desk.gui.pages.desk import DeskPage
    from qsh_desk.gui.tasks import Tasks
    from qsh_desk.services.access import Actor, Role
    from qsh_desk.services.search_keys import initials
    from qsh_desk.services.stations import current_station
    from qsh_desk.startup import release_collector, settle

    db = Database(url)
    station = current_station(db)
    release_collector()  # as the window does once the database is open (once per process)
    actor = Actor(user_id=None, name="bench-desk", role=Role.DUTY, station_id=station.id)
    job_process = JobProcess()  # as the program has one: its long jobs compute there
    context = AppContext(db=db, station=station, actor=actor,
                         tasks=Tasks(lambda e: print("error:", e), job_process=job_process), changes=Changes())
    started = time.perf_counter()
    page = DeskPage(context)
    page.resize(1280, 800)
    page.show()
    page.index_ready.connect(settle)  # as the window does: the session's index and pages are set aside
    _wait_for(page.index_ready)
    load_s = time.perf_counter() - started
    index = page.index
    people = [(e.kind, e.id, e.name) for e in index._entries]  # noqa: SLF001 - the benchmark looks inside
    children = [p for p in people if p[0] == "child"]
    rng = random.Random(7)

    # 1. Search per keystroke, through the page: key event → filter → index search → list rendered.
    per_key: list[float] = []
    per_key_cpu: list[float] = []  # the GUI thread's own CPU time: what a busy machine cannot inflate
    for _kind, _id, name in rng.sample(people, 600):
        page.search.clear()
        for letter in initials(name):
            begin, begin_cpu = time.perf_counter(), time.thread_time()
            QTest.keyClick(page.search, letter)
            per_key.append((time.perf_counter() - begin) * 1000)
            per_key_cpu.append((time.thread_time() - begin_cpu) * 1000)
    for _kind, _id, name in rng.sample(people, 100):  # Chinese typed through the input method
        page.search.clear()
        for length in range(1, len(name) + 1):
            begin = time.perf_counter()
            page.search.setText(name[:length])
            per_key.append((time.perf_counter() - begin) * 1000)
    page.search.clear()

    # 2. Enter → visit committed and the here-now panel updated (card code: one unambiguous row).
    per_enter: list[float] = []
    first_round = rng.sample(children, sample)
    for kind, person_id, _name in first_round:
        card = index.person(kind, person_id).card_code
        page.search.setText(card)
        begin = time.perf_counter()
        QTimer.singleShot(0, lambda: QTest.keyClick(page.search, Qt.Key.Key_Return))
        _wait_for(page.acted)
        per_enter.append((time.perf_counter() - begin) * 1000)
    here_after = page.present_.children_count if page.present_ else 0
    context.tasks.wait_for_done()

    # 2b. The same while the long lane runs an import, an export and a PDF, until all three are done.
    import tempfile

    per_enter_loaded: list[float] = []
    unanswered = 0
    with tempfile.TemporaryDirectory() as folder:
        long_jobs, long_ended = start_long_jobs(context, Actor.command_line(station.id), Path(folder))
        loaded_at: list[float] = []  # when each loaded Enter was pressed, to say which job it waited beside
        load_started = time.perf_counter()
        jobs_done = lambda: len([name for name in long_jobs if name != "PDF pages"]) == 3  # noqa: E731
        here = set(first_round)
        for kind, person_id, _name in rng.sample([c for c in children if c not in here], 2_000):
            if jobs_done():
                break
            page.search.setText(index.person(kind, person_id).card_code)
            begin = time.perf_counter()
            loaded_at.append(begin)
            QTimer.singleShot(0, lambda: QTest.keyClick(page.search, Qt.Key.Key_Return))
            try:
                _wait_for(page.acted, timeout_ms=30_000)
            except TimeoutError:  # refused (the database stayed locked past its timeout): counted, not hidden
                unanswered += 1
            per_enter_loaded.append((time.perf_counter() - begin) * 1000)
        context.tasks.wait_for_done(600_000)
        while not jobs_done():  # their results still come through the event loop
            QTest.qWait(50)
        loaded_s = time.perf_counter() - load_started

    print(f"\n签到台 benchmark, {label} — {len(children):,} children, {len(people) - len(children):,} volunteers; "
          f"{machine()}; load average {os.getloadavg()[0]:.1f}")
    print(f"index load (worker thread, once): {load_s * 1000:.0f} ms")
    print(f"{'measure':58} {'p50':>8} {'p95':>8} {'max':>8} {'budget':>10}  ok")
    rows = [
        ("search per keystroke through the page (ms, n=%d)" % len(per_key), per_key, BUDGET_KEYSTROKE_MS),
        ("  the same, GUI thread CPU time only (ms)", per_key_cpu, BUDGET_KEYSTROKE_MS),
        ("Enter → visit committed + here-now updated (ms, n=%d)" % len(per_enter), per_enter, BUDGET_ENTER_MS),
        ("  the same while import+export+PDF run (ms, n=%d)" % len(per_enter_loaded), per_enter_loaded,
         BUDGET_ENTER_MS),
    ]
    for title, values, budget in rows:
        p95 = percentile(values, 0.95)
        print(f"{title:58} {statistics.median(values):8.2f} {p95:8.2f} {max(values):8.2f} {'≤ %.0f' % budget:>10}  "
              f"{'yes' if p95 <= budget else 'NO'}")
    print(f"here now after the Enter run: {here_after} children (expected {sample})")
    print(f"long lane meanwhile ({loaded_s:.1f} s in all): " + "; ".join(
        f"{name} {seconds:.1f} s" for name, seconds in long_jobs.items() if name != "PDF pages")
        + f"; the PDF has {long_jobs.get('PDF pages', 0)} pages; check-ins not done meanwhile: {unanswered}")
    # Which job each loaded Enter waited beside: the first whose end came after the Enter was pressed.
    beside: dict[str, list[float]] = {}
    for pressed, took in zip(loaded_at, per_enter_loaded):
        job = next((name for name, end in sorted(long_ended.items(), key=lambda item: item[1]) if end > pressed),
                   "after the jobs")
        beside.setdefault(job, []).append(took)
    for job, values in beside.items():
        print(f"  Enter beside the {job} (ms, n={len(values)}): p50 {statistics.median(values):.1f}, "
              f"p95 {percentile(values, 0.95):.1f}, max {max(values):.1f}")

    if keystrokes:
        # 3. Keystrokes to check in each child of the roster by initials (nobody else here).
        index.set_present(())
        begin = time.perf_counter()
        costs = [keystrokes_to_check_in(index, "child", cid, initials(name)) for _k, cid, name in children]
        keys_s = time.perf_counter() - begin
        reachable = [c for c in costs if c is not None]
        distribution = Counter(min(c, 10) for c in reachable)
        median_keys = statistics.median(reachable)
        print(f"{'keystrokes to check in a child by initials (incl. Enter)':58} {median_keys:8.1f} "
              f"{percentile(reachable, 0.95):8.1f} {max(reachable):8.0f} {'median ≤ %d' % BUDGET_KEYS_MEDIAN:>10}  "
              f"{'yes' if median_keys <= BUDGET_KEYS_MEDIAN else 'NO'}")
        print(f"children reachable by initials within the 20 rows shown: {len(reachable):,} of {len(costs):,}; "
              f"computed in {keys_s:.1f} s")
        print("distribution of keystrokes (10 = 10 or more):")
        for keys in sorted(distribution):
            share = distribution[keys] / len(costs)
            print(f"  {keys:>2}{'+' if keys == 10 else ' '} keys: {distribution[keys]:6,}  {share:6.1%}  "
                  f"{'#' * round(share * 60)}")
    page.close()
    page.deleteLater()
    job_process.close()
    db.dispose()

if __name__ == "__main__":
    raise SystemExit(main())
