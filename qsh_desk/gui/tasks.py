"""Database work off the GUI thread, on two lanes: each runs its calls in order, results come back as queued signals.

The desk lane carries the short calls a person waits for (a check-in, a search, a page's list); the long lane
carries imports, exports, PDFs and backups, so that a check-in never queues behind a 30-second import. A desk
call is urgent (`courtesy`) until its result is shown: long jobs wait at their next step meanwhile. Given a
`JobProcess`, the long lane hands it every `elsewhere.Job` (the import, the exports, the PDFs): they compute in
a second process and the long lane's thread only waits for their result.
"""

from __future__ import annotations

import functools
import logging
import traceback
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from qsh_desk import courtesy

if TYPE_CHECKING:
    from qsh_desk.elsewhere import JobProcess

log = logging.getLogger(__name__)


class _Relay(QObject):
    """Lives in the GUI thread; the worker emits, Qt queues the call back to the GUI thread."""

    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(self, on_done: Callable[[Any], None] | None, on_error: Callable[[BaseException], None] | None, owner: Tasks):
        super().__init__()
        self._on_done, self._on_error, self._owner = on_done, on_error, owner
        self.urgent_token: int | None = None  # a desk call: long jobs wait until its result is shown
        self.succeeded.connect(self._deliver_result)
        self.failed.connect(self._deliver_error)

    def end_urgency(self) -> None:
        if self.urgent_token is not None:
            courtesy.urgent_finished(self.urgent_token)
            self.urgent_token = None

    @Slot(object)
    def _deliver_result(self, result: Any) -> None:
        try:
            if not shiboken6.isValid(self._owner):  # the window that asked is gone (a test, a user switch): drop it
                return
            self._owner._finished(self)
            if self._on_done is not None:
                self._on_done(result)  # a follow-up desk call it starts is urgent before this one ends
        finally:
            self.end_urgency()

    @Slot(object)
    def _deliver_error(self, error: BaseException) -> None:
        try:
            if not shiboken6.isValid(self._owner):
                return
            self._owner._finished(self)
            (self._on_error or self._owner.default_error_handler)(error)
        finally:
            self.end_urgency()


def _detached(error: BaseException) -> BaseException:
    """The error without the worker's local variables, keeping file and line numbers for the log.

    A traceback keeps every frame's locals alive: this job (a QRunnable Qt deletes after it runs), widgets,
    database sessions. Delivered to the GUI thread and released there later, they crashed the program now
    and then. The job's own frame is dropped and the finished frames below it are cleared.
    """
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        tb = current.__traceback__
        if current is error and tb is not None and tb.tb_frame.f_code is _Job.run.__code__:
            tb = current.__traceback__ = tb.tb_next
        if tb is not None:
            traceback.clear_frames(tb)
        current = current.__cause__ or current.__context__
    return error


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay):
        super().__init__()
        self.fn, self.relay = fn, relay

    def run(self) -> None:
        try:
            result = self.fn()
        except BaseException as error:  # noqa: BLE001 - every failure goes back to the GUI thread
            if not isinstance(error, Exception):
                log.exception("worker stopped by %r", error)
            self._deliver(self.relay.failed, _detached(error))
        else:
            self._deliver(self.relay.succeeded, result)

    def _deliver(self, signal: Any, value: Any) -> None:
        # The relay goes with the Tasks that made it (a window closed, the program quitting): nobody to tell.
        if not shiboken6.isValid(self.relay):
            self.relay.end_urgency()  # a Python attribute: still there when Qt's object is gone
            return
        try:
            signal.emit(value)
        except RuntimeError:  # deleted between the check and the emit
            self.relay.end_urgency()


class Tasks(QObject):
    """Runs callables on background threads, one per lane; calls on one lane run one at a time, in order."""

    busy_changed = Signal(bool)

    def __init__(self, default_error_handler: Callable[[BaseException], None], parent: QObject | None = None, *,
                 job_process: JobProcess | None = None):
        super().__init__(parent)
        self.default_error_handler = default_error_handler
        self.job_process = job_process
        self._pools: dict[str, QThreadPool] = {}
        self._relays: set[_Relay] = set()
        relays = self._relays  # not self: the slot runs while Qt destroys it
        self.destroyed.connect(lambda *_: [relay.end_urgency() for relay in list(relays)])  # results nobody shows

    def _pool(self, lane: str) -> QThreadPool:
        pool = self._pools.get(lane)
        if pool is None:
            pool = self._pools[lane] = QThreadPool(self)
            pool.setMaxThreadCount(1)
        return pool

    def run(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        *,
        lane: str = "desk",
    ) -> None:
        relay = _Relay(on_done, on_error, self)
        if lane == "desk":
            relay.urgent_token = courtesy.urgent_started()
        elif lane == "long" and self.job_process is not None:
            from qsh_desk.elsewhere import Job

            if isinstance(fn, Job):
                fn = functools.partial(self.job_process.run, fn)
        self._relays.add(relay)  # keep it alive until its result is delivered
        if len(self._relays) == 1:
            self.busy_changed.emit(True)
        self._pool(lane).start(_Job(fn, relay))

    @property
    def pending(self) -> int:
        return len(self._relays)

    def _finished(self, relay: _Relay) -> None:
        self._relays.discard(relay)
        relay.deleteLater()
        if not self._relays:
            self.busy_changed.emit(False)

    def wait_for_done(self, msecs: int = 30_000) -> bool:
        """Block until every lane is idle (for shutdown and tests); queued results still need the event loop."""
        return all(pool.waitForDone(msecs) for pool in list(self._pools.values()))
