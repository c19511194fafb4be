"""The one photo store: a child's photo and a session's photos are checked, copied in and removed the same way.

A photo is accepted by what its bytes are (JPEG, PNG, GIF, BMP, WebP), not by its name: a renamed .doc is not a
photo. It is copied under the data directory and the database keeps the path relative to it.
"""

from __future__ import annotations

import shutil
import uuid
from pathlib import Path

from qsh_desk import config
from qsh_desk.private import private_folder, tighten
from qsh_desk.services.errors import Problem

MAX_BYTES = 15 * 1024 * 1024
# What the first bytes of each accepted image format look like.
_SIGNATURES = {b"\xff\xd8\xff": ".jpg", b"\x89PNG\r\n\x1a\n": ".png", b"GIF87a": ".gif", b"GIF89a": ".gif", b"BM": ".bmp"}
FIELD = "照片"


def image_suffix(head: bytes) -> str | None:
    """The file suffix for the image whose first bytes are `head`, or None when it is no image we take."""
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return ".webp"
    return next((suffix for signature, suffix in _SIGNATURES.items() if head.startswith(signature)), None)


def problem_with(source: str | Path) -> Problem | None:
    """Why this file cannot be a photo, in words (None: it can)."""
    path = Path(source)
    if not path.is_file():
        return Problem("找不到这个文件，请重新选择照片。", field=FIELD, value=str(path))
    if path.stat().st_size > MAX_BYTES:
        return Problem(f"照片太大（超过 {MAX_BYTES // (1024 * 1024)} MB），请选一张小一些的照片。", field=FIELD,
                       value=path.name)
    with path.open("rb") as handle:
        if image_suffix(handle.read(16)) is None:
            return Problem("这个文件不是照片，请选择 JPG、PNG、GIF、BMP 或 WebP 图片。", field=FIELD, value=path.name)
    return None


def store(source: str | Path, folder: str, stem: str) -> str:
    """Copy a checked photo to `folder` under the data directory; returns its path relative to the data directory."""
    source = Path(source)
    with source.open("rb") as handle:
        suffix = image_suffix(handle.read(16)) or source.suffix.lower()
    target = config.data_dir() / folder / f"{stem}-{uuid.uuid4().hex[:12]}{suffix}"
    private_folder(target.parent)
    shutil.copyfile(source, target)
    tighten(target)
    return target.relative_to(config.data_dir()).as_posix()


def path_of(relative: str) -> Path:
    return config.data_dir() / relative


def remove(relatives: list[str | None]) -> None:
    """Delete stored photos (a file left behind wastes a little disk: the record is what matters)."""
    for relative in relatives:
        if not relative:
            continue
        try:
            path_of(relative).unlink(missing_ok=True)
        except OSError:
            pass
