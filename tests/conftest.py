"""Shared test set-up: offscreen Qt, a private data directory, and databases on SQLite and on PostgreSQL."""

from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

# Offscreen Qt (pytest-qt has no option for it) on a 1024×768 screen, the smallest a station PC has: every GUI
# test then opens its windows and dialogs where they must fit.
if os.environ.get("QT_QPA_PLATFORM", "offscreen") == "offscreen":
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={Path(__file__).with_name('offscreen-1024x768.json')}"
# QSettings (this PC's settings) must not read or write the real user's configuration during tests.
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="qsh-test-config-")

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from tests.moments import SATURDAY_MORNING
from tests.pg_server import PG_URL_ENV_VAR, ThrowawayPostgres

BACKENDS = ("sqlite", "postgres")


@pytest.fixture(scope="session", autouse=True)
def _clock_of_the_run():
    """Fixtures shared by many tests (a module's demo database, say) are made on the same Saturday morning."""
    from qsh_desk import clock

    with clock.pinned(SATURDAY_MORNING):
        yield


@pytest.fixture(autouse=True)
def pinned_clock(request, _clock_of_the_run):
    """The program's clock for this test: an opening-day Saturday morning, or the test's `now` mark; it runs on.

    A test moves it with `pinned_clock.set(moment)` or `pinned_clock.advance(timedelta)`.
    """
    from qsh_desk import clock

    mark = request.node.get_closest_marker("now")
    with clock.pinned(mark.args[0] if mark else SATURDAY_MORNING) as pinned:
        yield pinned


@pytest.fixture(autouse=True)
def _umask_as_found():
    """`main()` makes the process's files owner-only (umask 077); each test starts from the run's own umask."""
    found = os.umask(0o022)
    os.umask(found)
    yield
    os.umask(found)


@pytest.fixture(autouse=True)
def _private_data_dir(tmp_path_factory, monkeypatch) -> None:
    """Every test gets its own data directory, so nothing touches the real user's files."""
    monkeypatch.setenv("QSH_DESK_DATA_DIR", str(tmp_path_factory.mktemp("data")))
    monkeypatch.delenv("QSH_DESK_DB", raising=False)
    monkeypatch.delenv("QSH_DESK_STATION", raising=False)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """The URL of a PostgreSQL maintenance database: QSH_TEST_PG_URL, or a server started for this run."""
    given = os.environ.get(PG_URL_ENV_VAR)
    if given:
        yield given
        return
    server = ThrowawayPostgres()
    if not server.available:
        if os.environ.get("CI"):
            pytest.fail("CI must test on PostgreSQL, but initdb/pg_ctl were not found")
        pytest.skip("PostgreSQL server binaries (initdb, pg_ctl) not found: install the postgresql package")
    url = server.start()
    try:
        yield url
    finally:
        server.stop()


def new_postgres_database(server_url: str, template: str | None = None) -> tuple[str, callable]:
    """Create a database on the server (empty, or a copy of `template`); returns its URL and a function that drops it."""
    name = "qsh_test_" + uuid.uuid4().hex[:12]
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else "")))
    url = make_url(server_url).set(database=name).render_as_string(hide_password=False)

    def drop() -> None:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return url, drop


def _station_database(url: str) -> None:
    """Bring an empty database to this release's schema with one station, as `qsh-desk init` would."""
    from qsh_desk.db.database import Database
    from qsh_desk.db.schema import upgrade_to_head
    from qsh_desk.services.stations import ensure_station

    database = Database(url)
    try:
        upgrade_to_head(database.engine)
        ensure_station(database)
    finally:
        database.dispose()


@pytest.fixture(scope="session")
def _sqlite_template(tmp_path_factory) -> Path:
    """One migrated SQLite station database per run; each test gets a copy instead of migrating again."""
    path = tmp_path_factory.mktemp("template") / "station.sqlite3"
    _station_database(f"sqlite:///{path}")
    return path


@pytest.fixture(scope="session")
def _postgres_template(postgres_server) -> str:
    """The same on PostgreSQL: a template database that CREATE DATABASE … TEMPLATE copies in a moment."""
    url, _drop = new_postgres_database(postgres_server)
    _station_database(url)
    return make_url(url).database


@pytest.fixture(params=BACKENDS)
def db_url(request, tmp_path) -> Iterator[str]:
    """An empty database URL, once on SQLite and once on PostgreSQL."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'test.sqlite3'}"
        return
    server_url = request.getfixturevalue("postgres_server")
    url, drop = new_postgres_database(server_url)
    try:
        yield url
    finally:
        drop()


@pytest.fixture
def db(request, db_url):
    """A Database at this release's schema with one station, on each backend (a copy of the run's template)."""
    from qsh_desk.db.database import Database

    if make_url(db_url).get_backend_name() == "sqlite":
        shutil.copyfile(request.getfixturevalue("_sqlite_template"), make_url(db_url).database)
    else:
        template = request.getfixturevalue("_postgres_template")
        admin = create_engine(request.getfixturevalue("postgres_server"), isolation_level="AUTOCOMMIT")
        name = make_url(db_url).database
        with admin.connect() as conn:  # the empty database db_url made becomes a copy of the template
            conn.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
            conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
        admin.dispose()
    database = Database(db_url)
    yield database
    database.dispose()


@pytest.fixture
def station(db):
    from qsh_desk.services.stations import current_station

    return current_station(db)


@pytest.fixture
def admin(station):
    from qsh_desk.services.access import Actor, Role

    return Actor(user_id=None, name="test-admin", role=Role.ADMIN, station_id=station.id)


def pytest_terminal_summary(terminalreporter) -> None:
    """Say how many database tests ran on each backend, so a run shows PostgreSQL was really used."""
    counts = {backend: {"passed": 0, "failed": 0, "skipped": 0} for backend in BACKENDS}
    for outcome in ("passed", "failed", "skipped", "error"):
        for report in terminalreporter.stats.get(outcome, []):
            if getattr(report, "when", "call") != "call" and outcome != "skipped" and outcome != "error":
                continue
            for backend in BACKENDS:
                if f"[{backend}" in report.nodeid or f"-{backend}]" in report.nodeid:
                    counts[backend]["failed" if outcome == "error" else outcome] += 1
    terminalreporter.write_sep("-", "database tests by backend")
    for backend, c in counts.items():
        terminalreporter.write_line(f"{backend}: {c['passed']} passed, {c['failed']} failed, {c['skipped']} skipped")
