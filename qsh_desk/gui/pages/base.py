"""The page protocol: what a page shows in the navigation, who may see it, what it watches, and how it works.

A page runs its work, says what happened and refreshes through the kernel (`qsh_desk.gui.kernel.Operations`):
`self.run(...)`, `self.say(...)`, `self.show_error(...)`; it declares the change topics it `watches` and
implements `refresh(topics)`. The main window calls `activated()` each time the page is shown.
"""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QWidget

from qsh_desk.gui.context import AppContext
from qsh_desk.gui.kernel import Operations, Topic
from qsh_desk.services.access import Permission


class Page(Operations, QWidget):
    key: ClassVar[str]
    title: ClassVar[str]  # Chinese, marked with QT_TRANSLATE_NOOP("Page", …); shown through display_title()
    icon_name: ClassVar[str]
    permission: ClassVar[Permission] = Permission.DESK
    watches: ClassVar[frozenset[Topic]] = frozenset()

    message_shown = Signal(str)  # every message the page says, for the status line and tests

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.setObjectName(f"page_{self.key}")
        self.watch_changes()

    @classmethod
    def display_title(cls) -> str:
        """The title in the interface language."""
        return QCoreApplication.translate("Page", cls.title)

    def activated(self) -> None:
        """Called each time the page is shown: by default it catches up with what changed while it was hidden."""
        self.refresh_if_stale()
