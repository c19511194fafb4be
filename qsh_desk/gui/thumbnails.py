"""Photos shown small: decoded at thumbnail size on a lane of their own and kept in memory.

A station's photos come from phones (4000×3000, up to 15 MB). Decoding one on the GUI thread the first time a
result row showed it froze the desk for a quarter of a second per photo; here the reader decodes straight to
thumbnail size (JPEG decoders scale while decoding) off the GUI thread, and the row gets its photo a moment later.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable

from PySide6.QtCore import QObject, QSize, Qt, Signal
from PySide6.QtGui import QIcon, QImage, QImageReader, QPixmap

from qsh_desk.gui.kernel import Lane
from qsh_desk.gui.tasks import Tasks

SIZE = 96  # pixels: the desk's 40-point icons on a 200 % screen
KEPT = 512  # thumbnails kept in memory (about 36 KB each)
_SKIPPED = object()  # a photo that left the screen before its turn came


def decode(path: str, size: int = SIZE) -> QImage | None:
    """The photo at `path` scaled to fit `size`×`size`, turned upright; None when it cannot be read.

    QImage (not QPixmap) because it may be made off the GUI thread."""
    reader = QImageReader(path)
    reader.setAutoTransform(True)  # a phone's portrait photo says in its EXIF that it is turned
    full = reader.size()
    if full.isValid():
        reader.setScaledSize(full.scaled(QSize(size, size), Qt.AspectRatioMode.KeepAspectRatio))
    image = reader.read()
    return None if image.isNull() else image


class Thumbnails(QObject):
    """icon(path): the thumbnail when it is ready, else None (and it is being made); `ready` says one arrived."""

    ready = Signal(str)

    def __init__(self, tasks: Tasks, parent: QObject | None = None, kept: int = KEPT):
        super().__init__(parent)
        self._tasks, self._kept = tasks, kept
        self._icons: OrderedDict[str, QIcon | None] = OrderedDict()  # None: not an image we can read
        self._pending: set[str] = set()
        self._wanted: frozenset[str] = frozenset()

    def want_only(self, paths: Iterable[str]) -> None:
        """The photos on screen now: a queued photo no longer among them is skipped when its turn comes, so that
        typing fast never leaves a queue of photos nobody sees any more in front of the ones shown."""
        self._wanted = frozenset(paths)  # replaced whole: the lane reads it without a lock

    def icon(self, path: str) -> QIcon | None:
        if path in self._icons:
            self._icons.move_to_end(path)
            return self._icons[path]
        if path not in self._pending:
            self._pending.add(path)
            self._tasks.run(lambda: decode(path) if path in self._wanted else _SKIPPED,
                            lambda image: self._decoded(path, image), lambda _error: self._decoded(path, None),
                            lane=Lane.PHOTOS)
        return None

    def _decoded(self, path: str, image: QImage | None | object) -> None:
        self._pending.discard(path)
        if image is _SKIPPED:  # asked for again if it is shown again
            return
        self._icons[path] = QIcon(QPixmap.fromImage(image)) if image is not None else None
        while len(self._icons) > self._kept:
            self._icons.popitem(last=False)
        if image is not None:
            self.ready.emit(path)
