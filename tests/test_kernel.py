"""The service kernel: versioned writes never lose an update, a disabled account stops working, reads do not block
check-ins, and the PC's problems (locked, damaged, unreachable) are said in words by the window and the CLI."""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading

import pytest
from sqlalchemy import select

from qsh_desk.cli import main
from qsh_desk.db import engine as engine_module
from qsh_desk.db.database import Database
from qsh_desk.db.errors import Kind, environment_problem
from qsh_desk.db.models import ParentContact, User
from qsh_desk.services import accounts, archive, checkin, kernel, sessions
from qsh_desk.services.access import Actor, Role
from qsh_desk.services.archive import ContactInput
from qsh_desk.services.errors import Conflict, PermissionDenied
from tests.desk_helpers import add_child
from tests.moments import SATURDAY_MORNING
from tests.programme_data import dream_id


@pytest.fixture
def social(station) -> Actor:
    return Actor(user_id=None, name="社工小王", role=Role.SOCIAL, station_id=station.id)


def _contact(db, social, child_id: int) -> archive.ContactRecord:
    return archive.add_contact(db, social, child_id, ContactInput(
        contacted_at=SATURDAY_MORNING - dt.timedelta(hours=2), channel="电话", initiated_by="parent", summary="问了功课"))


def _edit(record: archive.ContactRecord, summary: str) -> ContactInput:
    return ContactInput(contacted_at=record.contacted_at, channel=record.channel, initiated_by=record.initiated_by,
                        summary=summary)


def test_a_contact_edited_from_a_stale_screen_is_refused(db, station, social):
    child = add_child(db, station.id, "张小雨")
    first = _contact(db, social, child)
    archive.update_contact(db, social, first.id, first.version, _edit(first, "奶奶说孩子想妈妈"))
    with pytest.raises(Conflict, match="刚被别人改过"):
        archive.update_contact(db, social, first.id, first.version, _edit(first, "第二台电脑上的修改"))
    with db.transaction() as s:
        assert s.get(ParentContact, first.id).summary == "奶奶说孩子想妈妈"


def _race(monkeypatch, write_first, write_second) -> BaseException | None:
    """Two PCs save the same record at once: the second has checked its version when the first commits."""
    checked, committed = threading.Event(), threading.Event()
    real_expect = kernel.Work.expect_version

    def expect_then_wait(self, row, expected):  # noqa: ANN001
        real_expect(self, row, expected)
        if threading.current_thread().name == "second":
            checked.set()
            committed.wait(10)

    monkeypatch.setattr(kernel.Work, "expect_version", expect_then_wait)
    outcome: list[BaseException | None] = []

    def second() -> None:
        try:
            write_second()
            outcome.append(None)
        except BaseException as error:  # noqa: BLE001 - handed to the test
            outcome.append(error)

    thread = threading.Thread(target=second, name="second")
    thread.start()
    assert checked.wait(10)
    write_first()
    committed.set()
    thread.join(20)
    return outcome[0]


@pytest.mark.postgres
@pytest.mark.parametrize("db_url", ["postgres"], indirect=True)
def test_two_pcs_saving_the_same_contact_at_once_cannot_both_win(db, station, social, monkeypatch):
    child = add_child(db, station.id, "张小雨")
    read = _contact(db, social, child)
    error = _race(monkeypatch,
                  lambda: archive.update_contact(db, social, read.id, read.version, _edit(read, "第一台电脑")),
                  lambda: archive.update_contact(db, social, read.id, read.version, _edit(read, "第二台电脑")))
    assert isinstance(error, Conflict)
    with db.transaction() as s:
        assert s.get(ParentContact, read.id).summary == "第一台电脑"  # the second never overwrote it


@pytest.mark.postgres
@pytest.mark.parametrize("db_url", ["postgres"], indirect=True)
def test_two_pcs_saving_the_same_session_at_once_get_a_conflict_not_an_internal_error(db, station, admin, monkeypatch):
    child = add_child(db, station.id, "王浩然")
    draft = sessions.SessionDraft(dream_id=dream_id(db, station, "快乐梦"), theme="拔河", participant_ids=(child,),
                                  starts_at=SATURDAY_MORNING)
    session_id = sessions.log_session(db, admin, draft)
    version = sessions.get_session(db, admin, session_id).version
    from dataclasses import replace

    error = _race(monkeypatch,
                  lambda: sessions.update_session(db, admin, session_id, replace(draft, theme="拔河比赛"),
                                                  expected_version=version),
                  lambda: sessions.update_session(db, admin, session_id, replace(draft, theme="跳绳"),
                                                  expected_version=version))
    assert isinstance(error, Conflict)
    assert sessions.get_session(db, admin, session_id).theme == "拔河比赛"


def test_a_disabled_account_stops_working_in_a_window_already_logged_in(db, station):
    boss = accounts.first_run(db, station_name=station.name, username="boss", password="boss-pass-1")
    duty = accounts.create_user(db, boss.actor(), "laoli", Role.DUTY, "duty-pass-1")
    child = add_child(db, station.id, "李思琪")
    logged_in = duty.actor()
    checkin.check_in(db, logged_in, checkin.CHILD, child)
    accounts.set_active(db, boss.actor(), "laoli", False)
    with pytest.raises(PermissionDenied, match="停用"):
        checkin.check_out_child(db, logged_in, child, checkin.Pickup.by_person("王秀英"))
    with db.transaction() as s:
        s.get(User, duty.id).active = True
        s.get(User, duty.id).role = "social"  # the role changed meanwhile: the old window is stopped too
    with pytest.raises(PermissionDenied, match="角色已被管理员改为“社工”"):
        checkin.check_out_child(db, logged_in, child, checkin.Pickup.by_person("王秀英"))


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_a_long_read_does_not_make_a_check_in_wait(db, station, admin):
    child = add_child(db, station.id, "赵大")
    with kernel.reading(db, admin, kernel.Permission.EXPORT, what="children") as work:
        work.session.execute(select(ParentContact.id)).all()  # the export's read holds its snapshot…
        started = dt.datetime.now()  # noqa: DTZ005 - measures elapsed time, not the station's clock
        checkin.check_in(db, admin, checkin.CHILD, child)  # …while the desk writes
        waited = dt.datetime.now() - started  # noqa: DTZ005
        work.audit("export", "children")
    assert waited < dt.timedelta(seconds=2)  # not the 10-second lock timeout
    assert len(checkin.present(db, admin).children) == 1


# ---------------------------------------------------------------------------------------------- the environment


def test_a_locked_sqlite_database_is_an_environment_problem(tmp_path):
    path = tmp_path / "locked.sqlite3"
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("CREATE TABLE t (x)")
    holder.execute("BEGIN IMMEDIATE")
    other = sqlite3.connect(path, timeout=0.05, isolation_level=None)
    with pytest.raises(sqlite3.OperationalError) as caught:
        other.execute("BEGIN IMMEDIATE")
    holder.close()
    other.close()
    assert environment_problem(caught.value).kind is Kind.LOCKED


def test_a_damaged_file_and_an_unreachable_server_are_environment_problems(tmp_path):
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"this is not a database at all" * 200)
    with pytest.raises(Exception) as damaged:  # noqa: PT011 - whatever SQLAlchemy wraps it in
        db = Database(bad)
        with db.transaction() as s:
            s.execute(select(User.id)).all()
    assert environment_problem(damaged.value).kind is Kind.DAMAGED
    gone = Database("postgresql+psycopg://postgres@/nothing?host=/nonexistent-socket-folder")
    with pytest.raises(Exception) as unreachable:  # noqa: PT011
        with gone.transaction() as s:
            s.execute(select(User.id)).all()
    assert environment_problem(unreachable.value).kind is Kind.UNREACHABLE
    assert environment_problem(KeyError("database is locked")) is None  # a bug is a bug, whatever it says


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_the_command_line_says_a_locked_database_in_words_without_a_traceback(db_url, capsys, monkeypatch):
    assert main(["--db", db_url, "init"]) == 0
    db = Database(db_url)
    from qsh_desk.services.stations import current_station

    add_child(db, current_station(db).id, "张三丰")
    db.dispose()
    capsys.readouterr()
    monkeypatch.setattr(engine_module, "SQLITE_BUSY_TIMEOUT_MS", 100)  # the desk PC holds the lock; do not wait 10 s
    holder = sqlite3.connect(db_url.removeprefix("sqlite:///"), isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        code = main(["--db", db_url, "checkin", "张三丰"])
    finally:
        holder.close()
    err = capsys.readouterr().err
    assert code == 1 and "数据库正被另一个程序使用" in err and "Traceback" not in err
