"""Logging to a rotating file in the data directory, so a bug's traceback can be found and sent."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from qsh_desk import config, private

LOG_FILENAME = "qsh-desk.log"


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
        handler = logging.handlers.RotatingFileHandler(path, maxBytes=2_000_000, backupCount=5, encoding="utf-8")
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
