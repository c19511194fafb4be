"""Demo photos: phone-sized portraits (3000×4000 PNG) made without any image library, one for every demo child.

They are there so that the desk is tried, and measured, with what a station really has: a photo on every child,
each one far larger than the row that shows it.
"""

from __future__ import annotations

import random
import struct
import tempfile
import zlib
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy import update
from sqlalchemy.orm import Session

from qsh_desk.db.models import Child
from qsh_desk.services import photos

WIDTH, HEIGHT = 3000, 4000  # a 12-megapixel phone photo, upright
DISTINCT = 6  # portraits made; each child gets its own copy of one of them


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def portrait_png(rng: random.Random, width: int = WIDTH, height: int = HEIGHT) -> bytes:
    """A PNG of a head-and-shoulders shape on a gradient background, in colours chosen by `rng`."""
    top = [rng.randint(120, 230) for _ in range(3)]
    bottom = [rng.randint(40, 140) for _ in range(3)]
    skin = bytes((rng.randint(200, 240), rng.randint(160, 200), rng.randint(130, 170)))
    cx, head_y, head_r = width // 2, height * 2 // 5, width // 5
    rows = []
    for y in range(height):
        t = y / (height - 1)
        background = bytes(int(a + (b - a) * t) for a, b in zip(top, bottom, strict=True))
        if abs(y - head_y) < head_r:  # the head: a disc
            half = int((head_r * head_r - (y - head_y) ** 2) ** 0.5)
        elif y > head_y + head_r * 1.3:  # the shoulders: wider as they go down
            half = min(cx, int(head_r * 1.2 + (y - head_y - head_r * 1.3) * 0.6))
        else:
            half = 0
        left = cx - half
        rows.append(b"\x00" + background * left + skin * (2 * half) + background * (width - left - 2 * half))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", zlib.compress(b"".join(rows), 6))
            + _chunk(b"IEND", b""))


def give_photos(session: Session, child_ids: Sequence[int], rng: random.Random, say=None) -> int:  # noqa: ANN001
    """Store a photo for every child through the photo store (as the edit form would) and link it."""
    if not child_ids:
        return 0
    with tempfile.TemporaryDirectory() as folder:
        made = []
        for n in range(min(DISTINCT, len(child_ids))):
            path = Path(folder) / f"portrait-{n}.png"
            path.write_bytes(portrait_png(rng))
            made.append(path)
        for number, child_id in enumerate(child_ids, 1):
            relative = photos.store(made[number % len(made)], "photos", f"child-{child_id}")
            session.execute(update(Child).where(Child.id == child_id).values(photo_path=relative))
            if say is not None and number % 500 == 0:
                say(f"照片：{number:,}")
    return len(child_ids)
