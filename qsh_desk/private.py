"""Files only their owner may read: the data folder, the database and its -wal/-shm, backups, photos, logs, exports.

The children's names, birth dates, guardians' phones and the password hashes are in these files. On Linux and
macOS the program makes its folders 0700 and its files 0600 whatever the user's umask, and tightens those of an
earlier release when it meets them. Windows has no such modes: there the data stays in the user's own
%LOCALAPPDATA%, which other (non-administrator) users of the PC cannot open.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

FOLDER_MODE = 0o700
FILE_MODE = 0o600
_POSIX = os.name == "posix"


def owner_only_from_now() -> None:
    """Everything this process creates from now on (exports and PDFs included) is its owner's only."""
    if _POSIX:
        os.umask(0o077)


def tighten(path: str | os.PathLike[str]) -> None:
    """Take the group's and others' rights off a file or folder we own (never fails: a USB stick has no modes)."""
    if not _POSIX:
        return
    try:
        info = os.stat(path)
        if info.st_uid != os.getuid():
            return  # someone else's file (a shared folder's admin decides)
        mode = stat.S_IMODE(info.st_mode)
        wanted = mode & (FOLDER_MODE if stat.S_ISDIR(info.st_mode) else FILE_MODE)
        if wanted != mode:
            os.chmod(path, wanted)
    except OSError:
        pass


def private_folder(path: str | os.PathLike[str]) -> Path:
    """The folder, created if missing (with any missing parents of ours) and made owner-only."""
    path = Path(path)
    missing = [p for p in (path, *path.parents) if not p.exists()]
    path.mkdir(parents=True, exist_ok=True, mode=FOLDER_MODE)
    for folder in missing:
        tighten(folder)
    tighten(path)
    return path


def tighten_database(path: str | os.PathLike[str]) -> None:
    """An SQLite database and its -wal/-shm/-journal: SQLite gives those the database file's mode when it
    creates them, so a 0600 database keeps them 0600 too; those left by an earlier release are tightened here."""
    for extra in ("", "-wal", "-shm", "-journal"):
        if os.path.exists(f"{os.fspath(path)}{extra}"):
            tighten(f"{os.fspath(path)}{extra}")


def open_to_others(path: str | os.PathLike[str]) -> bool:
    """True when users other than the owner may read the file (or enter the folder)."""
    if not _POSIX:
        return False
    try:
        return bool(stat.S_IMODE(os.stat(path).st_mode) & 0o077)
    except OSError:
        return False


def write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    """Write a file (a PDF, an export) that only its owner may read."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0), FILE_MODE)
    with os.fdopen(fd, "wb") as out:
        out.write(data)
    tighten(path)
