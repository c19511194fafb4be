"""The one file picker: the system's own dialog, starting in the user's Documents folder (or a given one)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget


def documents_folder() -> Path:
    """Where people look for what they saved: 文档 / Documents (the home folder when there is none)."""
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    folder = Path(found) if found else Path.home()
    return folder if folder.is_dir() else Path.home()


def save_file(parent: QWidget, title: str, suggested_name: str, file_filter: str, suffix: str) -> Path | None:
    """A file to write, chosen by the user: named `suggested_name` in Documents at first; `suffix` is added
    when the user typed a name without it. None: cancelled."""
    name, _ = QFileDialog.getSaveFileName(parent, title, str(documents_folder() / suggested_name), file_filter)
    if not name:
        return None
    return Path(name if name.lower().endswith(suffix) else name + suffix)


def open_file(parent: QWidget, title: str, file_filter: str, start: Path | None = None) -> Path | None:
    """A file to read, chosen by the user (from Documents unless `start` says where). None: cancelled."""
    name, _ = QFileDialog.getOpenFileName(parent, title, str(start or documents_folder()), file_filter)
    return Path(name) if name else None


def choose_folder(parent: QWidget, title: str, start: Path | None = None) -> Path | None:
    folder = QFileDialog.getExistingDirectory(parent, title, str(start or documents_folder()))
    return Path(folder) if folder else None
