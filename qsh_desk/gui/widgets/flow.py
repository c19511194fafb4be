"""A row of buttons or filters that wraps onto a second line when the window is narrow or the type is large.

Rows laid out side by side set the window's minimum width to their sum: at 1024×768 in 特大 type a row of
seven buttons pushed the window past the screen. A flow row is never wider than its widest item.
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QHBoxLayout, QLayout, QLayoutItem, QWidget

GAP = 8  # px between items and between lines


class FlowLayout(QLayout):
    """Items left to right, wrapping to the next line when they do not fit (Qt's flow layout example)."""

    def __init__(self, parent: QWidget | None = None, spacing: int = -1):
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self.setContentsMargins(QMargins(0, 0, 0, 0))

    # ---- QLayout's interface

    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802 - Qt's name
        self._items.append(item)

    def addWidget(self, widget: QWidget, stretch: int = 0) -> None:  # noqa: N802 - Qt's name
        """Like QBoxLayout.addWidget; `stretch` is accepted (and ignored) so that rows can be swapped for flows."""
        # Qt makes the item (through addItem): it is Qt's to delete, as it does when the widget goes away. An item
        # made here would belong to Python as well, and be deleted twice (a crash in a later event loop turn).
        super().addWidget(widget)

    def insertWidget(self, index: int, widget: QWidget) -> None:  # noqa: N802 - QBoxLayout's name
        super().addWidget(widget)
        self._items.insert(index, self._items.pop())
        self.invalidate()

    def addStretch(self, _stretch: int = 0) -> None:  # noqa: N802 - QBoxLayout's name
        """A flow has no stretch: items start at the left of each line."""

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 - Qt's name
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 - Qt's name
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802 - Qt's name
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt's name
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt's name
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802 - Qt's name
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        """All on one line, when there is room for it."""
        width = sum(item.sizeHint().width() for item in self._visible()) + self._gap() * max(len(self._visible()) - 1, 0)
        height = max((item.sizeHint().height() for item in self._visible()), default=0)
        margins = self.contentsMargins()
        return QSize(width + margins.left() + margins.right(), height + margins.top() + margins.bottom())

    def minimumSize(self) -> QSize:  # noqa: N802 - Qt's name
        """As narrow as the widest single item: everything else wraps."""
        size = QSize()
        for item in self._visible():
            size = size.expandedTo(item.minimumSize())
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    # ---- the arrangement

    def _visible(self) -> list[QLayoutItem]:
        return [item for item in self._items if not (item.widget() is not None and item.widget().isHidden())]

    def _gap(self) -> int:
        return self._spacing if self._spacing >= 0 else GAP

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        x, y, line_height, gap = area.x(), area.y(), 0, self._gap()
        for item in self._visible():
            hint = item.sizeHint()
            if x > area.x() and x + hint.width() > area.right() + 1:
                x, y, line_height = area.x(), y + line_height + gap, 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), QSize(min(hint.width(), area.width()), hint.height())))
            x += hint.width() + gap
            line_height = max(line_height, hint.height())
        return y + line_height - rect.y() + margins.bottom()


def together(*widgets: QWidget) -> QWidget:
    """Widgets that wrap as one item of a flow (a label with its field: "从" never ends a line alone)."""
    holder = QWidget()
    row = QHBoxLayout(holder)
    row.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        row.addWidget(widget)
    return holder
