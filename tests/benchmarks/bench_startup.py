"""Benchmark: cold start to a usable desk and the GUI's memory, with the district database open.

Cold start is measured from launching a fresh Python process to the 签到台 being usable (logged in, search
index loaded, here-now shown), beside a bare PySide6 QMainWindow started the same way in the same run.
Login is done by the program (no human typing time). Memory is the process's resident set at that point.

Run by hand: python -m tests.benchmarks.bench_startup
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time

from tests.benchmarks.district import backends, machine

RUNS = 5
BUDGET_RATIO = 1.5
BUDGET_RSS_MB = 200.0
BENCH_USER, BENCH_PASSWORD = "bench", "bench-password-1"

BARE = """
import json, os, sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.resize(1200, 780)
window.show()
QTimer.singleShot(0, lambda: (print(json.dumps({"ready": time.time()})), app.quit()))
app.exec()
"""

APP = """
import json, sys, time
from qsh_desk.gui.app import make_application
from qsh_desk.gui.main_window import MainWindow

def rss_mb():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")

app = make_application()
window = MainWindow(sys.argv[1])
window.show()

def log_in():
    window.login.username.setText(sys.argv[2])
    window.login.secret.setText(sys.argv[3])
    window.login.submit()

def on_desk(_user):
    desk = window.pages["desk"]
    window.nav.setCurrentRow(list(window.pages).index("desk"))
    def ready():
        print(json.dumps({"ready": time.time(), "rss_mb": rss_mb()}))
        app.quit()
    if getattr(desk, "index", None) is not None:
        ready()
    else:
        desk.index_ready.connect(ready)

window.opened.connect(log_in)
window.signed_in.connect(on_desk)
window.failed.connect(lambda message: (print(json.dumps({"error": message})), app.quit()))
app.exec()
"""


def _ensure_bench_user(url: str) -> None:
    from qsh_desk.db.database import Database
    from qsh_desk.services import accounts
    from qsh_desk.services.access import Actor
    from qsh_desk.services.errors import Conflict
    from qsh_desk.services.stations import current_station

    db = Database(url)
    try:
        try:
            accounts.create_user(db, Actor.command_line(current_station(db).id), BENCH_USER, "admin", BENCH_PASSWORD)
        except Conflict:
            pass  # made by an earlier run
    finally:
        db.dispose()


def _launch(code: str, *args: str) -> dict:
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    started = time.time()
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, timeout=300)
    lines = [line for line in out.stdout.splitlines() if line.startswith("{")]
    if not lines:
        raise RuntimeError(f"no result from the process:\n{out.stderr[-2000:]}")
    result = json.loads(lines[-1])
    if "error" in result:
        raise RuntimeError(result["error"])
    result["seconds"] = result["ready"] - started
    return result


def measure(url: str) -> dict:
    _ensure_bench_user(url)
    _launch(BARE)  # warm the OS file cache for both, as on a PC that has run the app before
    _launch(APP, url, BENCH_USER, BENCH_PASSWORD)
    bare, app, rss = [], [], []
    for _ in range(RUNS):
        bare.append(_launch(BARE)["seconds"])
        result = _launch(APP, url, BENCH_USER, BENCH_PASSWORD)
        app.append(result["seconds"])
        rss.append(result["rss_mb"])
    return {"bare_s": statistics.median(bare), "app_s": statistics.median(app), "rss_mb": statistics.median(rss)}


def main() -> None:
    print(f"cold start and memory, median of {RUNS} runs — {machine()}")
    for label, url in backends():
        figures = measure(url)
        ratio = figures["app_s"] / figures["bare_s"]
        print(f"{label:>10}: desk usable after {figures['app_s']:.2f} s; bare QMainWindow {figures['bare_s']:.2f} s; "
              f"ratio {ratio:.2f}× (budget ≤ {BUDGET_RATIO}×) — {'within' if ratio <= BUDGET_RATIO else 'OVER'}")
        print(f"{'':>10}  resident memory on the desk: {figures['rss_mb']:.0f} MB (budget ≤ {BUDGET_RSS_MB:.0f} MB) — "
              f"{'within' if figures['rss_mb'] <= BUDGET_RSS_MB else 'OVER'}")


if __name__ == "__main__":
    main()
