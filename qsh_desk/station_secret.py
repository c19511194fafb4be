"""The station PC's own secret, kept outside the database: it peppers the duty PINs' hashes.

A 4–6 digit PIN has at most a million values, so its argon2 hash alone falls to an offline search within
minutes; with the PIN first mixed with this secret (HMAC-SHA256) a stolen database or backup is not enough.
The secret lives in the OS user's own settings folder (0600 on Linux; %APPDATA% on Windows), never in the
database or its backups. A database restored on another PC therefore keeps its passwords but not its PINs:
duty volunteers log in with their password there until an administrator sets their PINs again, or until the
file is copied over from the old PC.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import sys
from pathlib import Path

from qsh_desk import APP_NAME, private

SECRET_BYTES = 32


def config_folder() -> Path:
    """The OS user's own settings folder of the program: ~/.config/qsh-desk, or %APPDATA%\\qsh-desk. Secrets
    that must not travel with the database (this one, the backup key) live here."""
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
    else:
        base = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    return base / APP_NAME


def secret_path() -> Path:
    """Where this PC keeps it: pin-secret in the settings folder."""
    return config_folder() / "pin-secret"


def station_secret(create: bool = True) -> bytes | None:
    """This PC's secret; made (owner-only) the first time a PIN is set when `create`, else None when missing."""
    path = secret_path()
    try:
        data = bytes.fromhex(path.read_text(encoding="ascii").strip())
        if len(data) == SECRET_BYTES:
            return data
    except (OSError, ValueError):
        pass
    if not create:
        return None
    data = secrets.token_bytes(SECRET_BYTES)
    private.private_folder(path.parent)
    private.write_bytes(path, data.hex().encode("ascii"))
    return data


def pepper(pin: str, secret: bytes) -> str:
    """What is hashed instead of the PIN itself."""
    return hmac.new(secret, pin.encode("utf-8"), hashlib.sha256).hexdigest()
