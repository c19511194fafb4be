"""Logging to a rotating file in the data directory, so a bug's traceback can be found and sent."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from qsh_desk import config, private

LOG_FILENAME = "qsh-desk.log"
MAX_BYTES = 2_000_000  # then the file becomes qsh-desk.log.1, and so on up to …
BACKUPS = 5


class RotatingLog(logging.FileHandler):
    """A log file that starts afresh past MAX_BYTES, keeping BACKUPS earlier ones (qsh-desk.log.1 is the newest).

    What logging.handlers.RotatingFileHandler does; importing that module loads socket, pickle, queue and
    selectors for its other handlers, 16 ms of every start of the window before the login can show.
    """

    def emit(self, record: logging.LogRecord) -> None:
        super().emit(record)
        try:
            if self.stream is not None and self.stream.tell() >= MAX_BYTES:
                self._roll_over()
        except OSError:  # e.g. another program holds an old file open on Windows: keep writing this one
            if self.stream is None:
                self.stream = self._open()

    def _roll_over(self) -> None:
        self.stream.close()
        self.stream = None
        current = Path(self.baseFilename)
        for number in range(BACKUPS - 1, 0, -1):
            older = current.with_name(f"{current.name}.{number}")
            if older.exists():
                os.replace(older, current.with_name(f"{current.name}.{number + 1}"))
        os.replace(current, current.with_name(f"{current.name}.1"))
        self.stream = self._open()
        private.tighten(current)


def log_path() -> Path:
    return config.logs_dir() / LOG_FILENAME


def setup_logging(level: int = logging.INFO) -> Path | None:
    """Log to the rotating file; returns its path, or None when the folder cannot be written."""
    root = logging.getLogger()
    if any(getattr(h, "_qsh_desk", False) for h in root.handlers):
        return log_path()
    try:
        path = log_path()
        private.private_folder(path.parent)  # tracebacks may quote a child's name
        handler = RotatingLog(path, encoding="utf-8")
        private.tighten(path)
    except OSError:
        return None
    handler._qsh_desk = True  # type: ignore[attr-defined]
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(level)
    # Alembic announces every plugin it loads at INFO; the log keeps its "Running upgrade …" lines only.
    logging.getLogger("alembic.runtime.plugins").setLevel(logging.WARNING)
    return path
