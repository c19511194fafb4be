"""The program's clock: every "now" and "today" of the station is read here, so that one place can be pinned.

Station time is local wall-clock time without a time zone (China keeps one zone); moments are kept to the
second, which is what the database stores and the paper shows. Nothing else in the program calls
`datetime.now()` or `date.today()`: services, the GUI, printing and the command line call `now()` and
`today()`, and tests pin them with `pinned()`.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Protocol


class Clock(Protocol):
    def now(self) -> dt.datetime: ...


class SystemClock:
    """The computer's own local time."""

    def now(self) -> dt.datetime:
        return dt.datetime.now().replace(microsecond=0)


class PinnedClock:
    """A clock set to a given moment that then runs on (or stands still), for tests and reproducible runs."""

    def __init__(self, moment: dt.datetime, *, running: bool = True):
        self._moment = moment.replace(microsecond=0)
        self._running = running
        self._started = time.monotonic()

    def now(self) -> dt.datetime:
        elapsed = dt.timedelta(seconds=int(time.monotonic() - self._started)) if self._running else dt.timedelta()
        return self._moment + elapsed

    def set(self, moment: dt.datetime) -> None:
        """Jump to another moment (it runs on from there if the clock runs)."""
        self._moment, self._started = moment.replace(microsecond=0), time.monotonic()

    def advance(self, delta: dt.timedelta) -> None:
        self.set(self.now() + delta)


_current: Clock = SystemClock()


def now() -> dt.datetime:
    """The station's current local time, to the second."""
    return _current.now()


def today() -> dt.date:
    """The station's current day."""
    return _current.now().date()


def current() -> Clock:
    return _current


def use(clock: Clock) -> Clock:
    """Make `clock` the program's clock; returns the one it replaces."""
    global _current
    previous, _current = _current, clock
    return previous


@contextmanager
def pinned(moment: dt.datetime, *, running: bool = True) -> Iterator[PinnedClock]:
    """Within the block the program's clock reads `moment` (and runs on from it unless `running=False`)."""
    clock = PinnedClock(moment, running=running)
    previous = use(clock)
    try:
        yield clock
    finally:
        use(previous)


def seconds_since_modified(path: os.PathLike[str] | str) -> float:
    """How long ago the file was last written, in real seconds. File times are the file system's own, so they are
    compared with the time a file written now gets in the same folder, not with any clock a process reads
    (the program's is pinned in tests and a station may set it; a process's own may be shifted too)."""
    import tempfile
    import time

    modified = os.stat(path).st_mtime
    try:
        with tempfile.TemporaryFile(dir=os.path.dirname(os.fspath(path)) or ".") as probe:
            now = os.fstat(probe.fileno()).st_mtime
    except OSError:  # a read-only folder: the system clock is the best there is
        now = time.time()
    return now - modified
