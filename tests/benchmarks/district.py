"""The district-scale database every benchmark uses, built once and cached.

`demo --children 10000 --volunteers 5000 --weeks 520` (about 1.1 million visits) on SQLite in
tests/benchmarks/.cache/, or on PostgreSQL when a URL is given (QSH_BENCH_PG_URL).
"""

from __future__ import annotations

import os
import platform
import subprocess
import sys
import time
from pathlib import Path

CACHE = Path(__file__).resolve().parent / ".cache"
UNTIL = "2026-11-28"
DEMO_ARGS = ("--children", "10000", "--volunteers", "5000", "--weeks", "520", "--seed", "1", "--until", UNTIL)
PG_ENV_VAR = "QSH_BENCH_PG_URL"


def _has_children(url: str) -> bool:
    from qsh_desk.db.database import Database
    from qsh_desk.services.stations import children_count

    db = Database(url)
    try:
        return children_count(db) > 0
    except Exception:  # noqa: BLE001 - an empty or missing database
        return False
    finally:
        db.dispose()


def district_db(url: str | None = None) -> str:
    """The URL of the district database, building it first if needed (about a minute on SQLite)."""
    if url is None:
        CACHE.mkdir(exist_ok=True)
        url = "sqlite:///" + str(CACHE / "district.sqlite3")
    if not _has_children(url):
        print(f"building the district database ({' '.join(DEMO_ARGS)}) …", file=sys.stderr, flush=True)
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "qsh_desk", "--db", url, "demo", *DEMO_ARGS], check=True)
        print(f"built in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return url


def backends() -> list[tuple[str, str]]:
    """(label, url) of every backend to measure: SQLite always, PostgreSQL when QSH_BENCH_PG_URL is set."""
    found = [("SQLite", district_db())]
    if os.environ.get(PG_ENV_VAR):
        found.append(("PostgreSQL", district_db(os.environ[PG_ENV_VAR])))
    return found


def machine() -> str:
    return f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}"


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]
