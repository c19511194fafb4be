"""Where the app keeps its files (data directory, default database, backups, logs, photos)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from qsh_desk import APP_NAME

DB_ENV_VAR = "QSH_DESK_DB"
DATA_DIR_ENV_VAR = "QSH_DESK_DATA_DIR"
DEFAULT_DB_FILENAME = "qsh-desk.sqlite3"


def data_dir() -> Path:
    """The per-user data directory: %LOCALAPPDATA%\\qsh-desk on Windows, ~/.local/share/qsh-desk on Linux."""
    override = os.environ.get(DATA_DIR_ENV_VAR)
    if override:
        return Path(override)
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / APP_NAME


def default_db_path() -> Path:
    return data_dir() / DEFAULT_DB_FILENAME


def backups_dir() -> Path:
    return data_dir() / "backups"


def logs_dir() -> Path:
    return data_dir() / "logs"


def photos_dir() -> Path:
    return data_dir() / "photos"


def resources_dir() -> Path:
    """The `resources/` folder: beside the package in a checkout, inside the bundle when frozen."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"
