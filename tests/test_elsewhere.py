"""The job process (`qsh_desk.elsewhere`): a long job computes in a second process, on the same database and the
same clock, and its result or its error comes back as if it had run here."""

from __future__ import annotations

import datetime as dt
import os
import sys
import threading

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from qsh_desk import clock
from qsh_desk.db.models import AuditEntry
from qsh_desk.elsewhere import NICER_BY, Job, JobProcess, JobProcessLost
from qsh_desk.services import exporting, importing
from qsh_desk.services.errors import InvalidInput
from tests.desk_helpers import add_child


class _Unrebuildable(Exception):
    """An error whose constructor pickle cannot call again (two required arguments, one kept in args)."""

    def __init__(self, what: str, where: str):
        super().__init__(what)
        self.where = where


def _fails_unrebuildably() -> None:
    raise _Unrebuildable("坏了", "这里")


@pytest.fixture
def job_process():
    process = JobProcess()
    yield process
    process.close()


def test_a_job_runs_in_another_process_started_by_the_first_job_and_kept(job_process):
    assert not job_process.started
    first = job_process.run(Job(os.getpid))
    assert job_process.started and first != os.getpid()
    assert job_process.run(Job(os.getpid)) == first


@pytest.mark.skipif(sys.platform == "win32", reason="os.nice is POSIX's; Windows' priority class is set with ctypes")
def test_the_job_process_runs_below_the_windows_priority(job_process):
    """A PDF or an export computing beside a check-in yields the processor to it."""
    lowest = 19  # a window already near the lowest priority leaves its job process at the lowest
    assert job_process.run(Job(os.nice, 0)) == min(os.nice(0) + NICER_BY, lowest)


def test_the_job_process_reads_the_callers_clock(job_process, pinned_clock):
    with clock.pinned(dt.datetime(2026, 12, 5, 14, 30), running=False):
        assert job_process.run(Job(clock.now)) == dt.datetime(2026, 12, 5, 14, 30)
    with clock.pinned(dt.datetime(2027, 1, 9, 9, 0), running=False):
        assert job_process.run(Job(clock.today)) == dt.date(2027, 1, 9)


def test_an_export_there_writes_the_file_and_its_audit_row_on_the_same_database(db, station, admin, tmp_path,
                                                                                job_process):
    for name in ("张三", "李𬬭"):
        add_child(db, station.id, name)
    pinned = dt.datetime(2026, 11, 28, 10, 15)
    path = tmp_path / "儿童名单.xlsx"
    with clock.pinned(pinned, running=False):
        result = job_process.run(Job(exporting.export_children, db, admin, path))
    assert result.summary() == f"已导出 2 名儿童到 {path}"
    sheet = load_workbook(path).worksheets[0]
    assert sorted(row[1] for row in sheet.iter_rows(min_row=2, values_only=True)) == ["张三", "李𬬭"]
    with db.reading() as s:
        audited = s.scalars(select(AuditEntry).where(AuditEntry.action == "export")).all()
    assert [(entry.at, entry.actor) for entry in audited] == [(pinned, admin.name)]


def test_a_refusal_there_arrives_as_itself_with_its_message(db, admin, tmp_path, job_process):
    missing = tmp_path / "没有这个文件.csv"
    with pytest.raises(InvalidInput) as refused:
        job_process.run(Job(importing.preview_import, db, admin, "children", missing))
    assert str(refused.value) == f"找不到文件：{missing}"
    assert [problem.message for problem in refused.value.problems] == [f"找不到文件：{missing}"]


def test_an_error_that_cannot_travel_is_said_in_words(job_process):
    with pytest.raises(RuntimeError, match="_Unrebuildable: 坏了"):
        job_process.run(Job(_fails_unrebuildably))
    assert job_process.run(Job(sum, [1, 2])) == 3  # the process is still there


def test_a_job_process_that_dies_fails_its_job_and_the_next_job_gets_a_new_one(job_process):
    before = job_process.run(Job(os.getpid))
    with pytest.raises(JobProcessLost, match="后台处理进程意外退出"):
        job_process.run(Job(os._exit, 3))
    after = job_process.run(Job(os.getpid))
    assert after not in (before, os.getpid())


def test_jobs_from_two_threads_run_one_after_the_other_and_each_gets_its_own_result(job_process):
    results: dict[int, int] = {}

    def ask(n: int) -> None:
        results[n] = job_process.run(Job(pow, n, 2))

    threads = [threading.Thread(target=ask, args=(n,)) for n in (3, 4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == {3: 9, 4: 16}
