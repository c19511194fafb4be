"""A search field with a magnifier drawn inside it, centred on the text line at every type size."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QLabel, QLineEdit

from qsh_desk.gui.icons import icon
from qsh_desk.gui.widgets.elided import whole_hint

# Beside the hint: the magnifier, the clear button, the padding and the frame.
ROOM = 90


class _LeadingIcon(QObject):
    """Keeps the icon label at the field's left, vertically centred, as the field is resized.

    QLineEdit.addAction would do this, but with the style sheet's padding and min-height Qt places the action's
    button at the top of a taller field and keeps it at 16 px: in 更大/特大 type the magnifier sat low and small.
    """

    def __init__(self, field: QLineEdit, label: QLabel) -> None:
        super().__init__(field)
        self.field, self.label = field, label
        field.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() in (QEvent.Type.Resize, QEvent.Type.FontChange, QEvent.Type.Show):
            self.place()
        return False

    def place(self) -> None:
        size = max(16, self.field.fontMetrics().height())
        self.label.setPixmap(icon("search").pixmap(size, size))
        self.label.resize(size, size)
        self.label.move(8, (self.field.height() - size) // 2)
        self.field.setTextMargins(size + 6, 0, 0, 0)


def search_box(placeholder: str) -> QLineEdit:
    """A QLineEdit with a clear button and a leading magnifier of the text's own height, never narrower than its hint."""
    field = QLineEdit()
    whole_hint(field, placeholder, ROOM)
    field.setClearButtonEnabled(True)
    label = QLabel(field)
    label.setObjectName("searchIcon")
    label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)  # a click on it still places the cursor
    _LeadingIcon(field, label).place()
    return field


def rehint(field: QLineEdit, placeholder: str) -> None:
    """Give a search box made by search_box another hint, keeping it wide enough for the new one."""
    whole_hint(field, placeholder, ROOM)
