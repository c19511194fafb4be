"""Long jobs give way to the desk: while a desk action is on its way, a long job waits at its next step.

Python runs one thread at a time. An import, an export or a PDF computing on the long lane takes Python's lock
back after every short step of a check-in (each database call gives it up), so a 14 ms check-in took 60 ms and
more while they ran. The window marks each desk call as *urgent* from its start until its result is shown; long
jobs call `give_way()` between their steps (a row, a page) and, while anything is urgent, wait until it is done —
at most `MOST_WAIT_S` at a time, so a desk kept busy slows a long job but never stops it. A mark older than
`STALE_AFTER_S` is not waited for (a result nobody was left to show must not slow every later job).
A job never waits while it holds a write transaction (`holding_locks`): the desk would wait for its locks.
No Qt here: the services and the printouts call it too.
"""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Iterable, Iterator
from typing import TypeVar
from contextlib import contextmanager

T = TypeVar("T")

MOST_WAIT_S = 0.25
STALE_AFTER_S = 5.0

_changed = threading.Condition()
_marks: dict[int, float] = {}  # urgent desk calls: token → when they started (time.monotonic)
_tokens = itertools.count(1)
_this_thread = threading.local()


def urgent_started() -> int:
    """A desk call starts: long jobs wait at their next step until `urgent_finished(token)`."""
    with _changed:
        token = next(_tokens)
        _marks[token] = time.monotonic()
        return token


def urgent_finished(token: int) -> None:
    """The desk call's result was shown (or it failed): long jobs go on once nothing else is urgent."""
    with _changed:
        _marks.pop(token, None)
        if not _marks:
            _changed.notify_all()


def _waiting_for() -> bool:
    stale = time.monotonic() - STALE_AFTER_S
    for token in [t for t, started in _marks.items() if started < stale]:
        del _marks[token]
    return bool(_marks)


def is_urgent() -> bool:
    """Whether a desk call is on its way now (long jobs would wait at their next step)."""
    with _changed:
        return _waiting_for()


@contextmanager
def holding_locks() -> Iterator[None]:
    """Inside (a write transaction), `give_way()` on this thread never waits."""
    depth = getattr(_this_thread, "depth", 0)
    _this_thread.depth = depth + 1
    try:
        yield
    finally:
        _this_thread.depth = depth


def give_way() -> None:
    """Called by long jobs between their steps: returns at once unless a desk call is on its way."""
    if not _marks or getattr(_this_thread, "depth", 0):  # the usual case costs one look at a dict
        return
    with _changed:
        _changed.wait_for(lambda: not _waiting_for(), timeout=MOST_WAIT_S)


def steps(items: Iterable[T]) -> Iterator[T]:
    """The items one by one, each a step of a long job: a desk call on its way goes first (`give_way`)."""
    for item in items:
        give_way()
        yield item
