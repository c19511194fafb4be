"""The page protocol: what a page shows in the navigation, who may see it, and when it refreshes."""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from qsh_desk.gui.context import AppContext
from qsh_desk.services.access import Permission


class Page(QWidget):
    key: ClassVar[str]
    title: ClassVar[str]  # Chinese, marked with QT_TRANSLATE_NOOP("Page", …); shown through display_title()
    icon_name: ClassVar[str]
    permission: ClassVar[Permission] = Permission.DESK

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.setObjectName(f"page_{self.key}")

    @classmethod
    def display_title(cls) -> str:
        """The title in the interface language."""
        return QCoreApplication.translate("Page", cls.title)

    def activated(self) -> None:
        """Called when the page is shown; refresh what it displays (off the GUI thread)."""
