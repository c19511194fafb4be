"""Text that fits: a label whose middle becomes "…" when space runs short, and line edits whose hint shows whole."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QSizePolicy, QWidget


class ElidedLabel(QLabel):
    """Shows as much of its text as fits (e.g. a long database path in the status bar); `full_text()` is all of it."""

    def __init__(self, text: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self._full = ""
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)  # its hint when there is room
        self.setText(text)

    def setText(self, text: str) -> None:  # noqa: N802 - Qt's name
        self._full = text
        self._elide()
        self.updateGeometry()

    def full_text(self) -> str:
        return self._full

    def text(self) -> str:
        return self._full

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        hint = super().sizeHint()
        return QSize(self.fontMetrics().horizontalAdvance(self._full) + 8, hint.height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(self.fontMetrics().horizontalAdvance("……") * 3, super().minimumSizeHint().height())

    def resizeEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt's name
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        shown = self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideMiddle, max(self.width() - 4, 0))
        super().setText(shown)


def whole_hint(edit: QLineEdit, hint: str | None = None, room: int = 24) -> None:
    """Give `edit` its grey `hint` (or keep its own) and never let it be narrower than the hint, with `room` for
    the frame and icons: a hint cut to "如 2016-05-0…" helps nobody."""
    if hint is not None:
        edit.setPlaceholderText(hint)
    edit.setMinimumWidth(edit.fontMetrics().horizontalAdvance(edit.placeholderText()) + room)
