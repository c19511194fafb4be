"""The page harness: the context a page needs, and a clean end — no database work left running after a test.

A test that ended while a page's work still ran on a worker thread left that thread working while the next
test's garbage collection deleted the old worker: a crash now and then. The harness waits for every lane to be
idle before the widgets go.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QObject

from qsh_desk.gui.app import make_application
from qsh_desk.gui.context import AppContext, Changes
from qsh_desk.gui.tasks import Tasks
from qsh_desk.services.access import Actor, Role

SETTLE_MS = 30_000


class PageHarness:
    """Makes AppContexts for pages under test; `errors` collects what reached the worker's default handler."""

    def __init__(self, qtbot):
        self.qtbot = qtbot
        self.owner = QObject()
        self.errors: list[BaseException] = []
        self.tasks = Tasks(self.errors.append, self.owner)
        self.changes = Changes(self.owner)

    def context(self, db, station, role: Role = Role.ADMIN, actor: Actor | None = None) -> AppContext:
        make_application()
        actor = actor or Actor(user_id=None, name=f"test-{role.value}", role=role, station_id=station.id)
        return AppContext(db=db, station=station, actor=actor, tasks=self.tasks, changes=self.changes)

    def settle(self) -> None:
        """Wait until no work is queued or running and every result has been delivered."""
        self.qtbot.waitUntil(lambda: self.tasks.pending == 0, timeout=SETTLE_MS)
        self.tasks.wait_for_done(SETTLE_MS)


@pytest.fixture
def harness(qtbot):
    made = PageHarness(qtbot)
    yield made
    made.settle()  # before pytest-qt closes the widgets: their last results still find them
