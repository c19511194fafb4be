"""Keep `None` alive under PySide6 6.12 on Python 3.11, where every void Qt call drops a reference to it.

Measured: `QLabel.setText`, `QListWidget.addItem`, `clear`, `setCurrentRow`, `processEvents` … each lower
`sys.getrefcount(None)` by one. None starts with a few thousand (tens of thousands in a full app), so after
some thousand searches at the desk the interpreter stops with "Fatal Python error: none_dealloc".
Python 3.12 made None immortal; on older interpreters we give it a reference count that cannot run out.
"""

from __future__ import annotations

import sys

_HEADROOM = 1 << 40  # a trillion void calls


def keep_none_alive() -> bool:
    """Raise None's reference count once (idempotent enough: more headroom never hurts). True if applied."""
    if sys.version_info >= (3, 12) or hasattr(sys, "gettotalrefcount"):
        return False  # immortal None; or a debug build, whose object header has extra fields first
    import ctypes

    if sys.getrefcount(None) < _HEADROOM:
        ctypes.c_ssize_t.from_address(id(None)).value += _HEADROOM
    return True
