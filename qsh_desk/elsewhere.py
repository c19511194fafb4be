"""Long jobs in a second Python process, so that the desk never waits for an import, an export or a PDF.

Python runs one thread of a process at a time: however politely a long job gives way (`courtesy`), a check-in
pressed while it computes waits for the interpreter. In a second process the job has an interpreter (and, on
two cores, a core) of its own, and the window's process only waits for its result on an idle thread.

- A `Job` is a call another process can make: a module-level function and arguments that pickle. A `Database`
  travels as its address and is opened again there (`database.reopened`).
- `JobProcess.run(job)` makes the call in one child process, started by the first job and kept for the next,
  and returns its result or raises its error (a `ServiceError` arrives as itself, with its message). The child
  reads the caller's clock at each call, so a pinned clock is pinned there too.
- Nothing here knows about Qt: the window's long lane (`gui.tasks`) hands its jobs to a `JobProcess`.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import sys
import threading
from typing import TYPE_CHECKING, Any

from qsh_desk import clock
from qsh_desk.services.errors import ServiceError

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor


class Job(functools.partial):
    """`Job(function, *args, **kwargs)`: `function(*args, **kwargs)`, here or in the job process.

    The function must be importable by name (defined at a module's top level) and every argument must pickle;
    a `Database` among them is opened again by its address in the other process.
    """


class JobProcessLost(ServiceError):
    """The job process ended in the middle of a job (killed, out of memory): the job's own transaction, if it
    had one, was rolled back by the database."""

    def __init__(self) -> None:
        super().__init__("后台处理进程意外退出，这项工作没有完成（已写入的部分已撤销）。请再试一次；"
                         "如果又出现，请重新启动程序。")


# The job process yields the processor to the window (and, on one PC, to the database server's work for the desk):
# on two cores a PDF or an export computing at full priority beside a check-in made it wait for its turn.
NICER_BY = 10  # POSIX nice increment
BELOW_NORMAL_PRIORITY_CLASS = 0x4000  # Windows' class for "below normal"


def _yield_the_processor() -> None:
    """The job process's priority below the window's; a PC that refuses it keeps the normal one."""
    try:
        if sys.platform == "win32":
            import ctypes

            kernel32 = ctypes.windll.kernel32
            kernel32.SetPriorityClass(kernel32.GetCurrentProcess(), BELOW_NORMAL_PRIORITY_CLASS)
        else:
            os.nice(NICER_BY)
    except (OSError, AttributeError):
        pass


def _child_started() -> None:
    from qsh_desk.private import owner_only_from_now

    owner_only_from_now()  # the exports it writes are their owner's only, as the window's are
    _yield_the_processor()


def _portable(error: BaseException) -> BaseException:
    """The error itself if it survives pickling (the parent re-raises it), else a RuntimeError saying what it
    was: an error that cannot be rebuilt would break the pool instead of reporting the job's failure."""
    import pickle  # in the job process only: the window imports this module before its login shows

    try:
        pickle.loads(pickle.dumps(error))
    except Exception:  # noqa: BLE001 - any reason at all: say it in words instead
        return RuntimeError(f"{type(error).__name__}: {error}")
    return error


def _call_here(job: Job, moment: dt.datetime | None) -> Any:
    """In the job process: the call, on the caller's clock."""
    if moment is not None:
        clock.use(clock.PinnedClock(moment))
    elif not isinstance(clock.current(), clock.SystemClock):
        clock.use(clock.SystemClock())
    try:
        return job()
    except Exception as error:  # noqa: BLE001 - every failure goes back to the caller
        raise _portable(error) from None


class JobProcess:
    """One child process for long jobs, started when the first job comes and kept for the next ones."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pool: ProcessPoolExecutor | None = None

    def _executor(self) -> ProcessPoolExecutor:
        import multiprocessing  # here: the window imports this module, and only a long job needs them
        from concurrent.futures import ProcessPoolExecutor

        with self._lock:
            if self._pool is None:
                # spawn everywhere: Windows has nothing else, and forking a process that runs Qt's threads is
                # unsafe on Linux too. One process: jobs run one after another, as on the long lane.
                self._pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"),
                                                 initializer=_child_started)
            return self._pool

    def run(self, job: Job) -> Any:
        """Make the call in the job process and wait for its result (call it off the GUI thread)."""
        from concurrent.futures.process import BrokenProcessPool

        moment = None if isinstance(clock.current(), clock.SystemClock) else clock.now()
        pool = self._executor()
        try:
            return pool.submit(_call_here, job, moment).result()
        except BrokenProcessPool:
            with self._lock:
                if self._pool is pool:
                    self._pool = None  # the next job starts a new process
            raise JobProcessLost() from None

    @property
    def started(self) -> bool:
        return self._pool is not None

    def close(self) -> None:
        """Stop the process once the job it runs (if any) is done; jobs not started yet are dropped."""
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
