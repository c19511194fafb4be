"""Read-only tables of plain rows, as the pages show them: one look, one way to fill and read them."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QTableWidget, QTableWidgetItem


def cell(text: Any, data: Any = None, *, background: QColor | None = None) -> QTableWidgetItem:
    """A read-only cell; `data` is kept in the user role (the row's id in the first column)."""
    item = QTableWidgetItem("" if text is None else str(text))
    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    if data is not None:
        item.setData(Qt.ItemDataRole.UserRole, data)
    if background is not None:
        item.setBackground(QBrush(background))
    return item


def table(headers: list[str]) -> QTableWidget:
    """A read-only table selecting whole rows, one at a time."""
    widget = QTableWidget(0, len(headers))
    widget.setHorizontalHeaderLabels(headers)
    widget.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    widget.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    widget.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    widget.verticalHeader().setVisible(False)
    widget.horizontalHeader().setStretchLastSection(True)
    widget.setAlternatingRowColors(True)
    return widget


def fill(widget: QTableWidget, rows: list[tuple[Any, list[Any]]]) -> None:
    """Replace the rows; each row is (id kept in the first cell, cell texts or ready items)."""
    widget.setRowCount(0)
    widget.setRowCount(len(rows))
    for r, (key, values) in enumerate(rows):
        for c, value in enumerate(values):
            widget.setItem(r, c, value if isinstance(value, QTableWidgetItem) else cell(value, key if c == 0 else None))
    widget.resizeColumnsToContents()


def selected_key(widget: QTableWidget) -> Any:
    """The id kept in the first cell of the selected row, or None."""
    row = widget.currentRow()
    item = widget.item(row, 0) if row >= 0 else None
    return item.data(Qt.ItemDataRole.UserRole) if item is not None else None
