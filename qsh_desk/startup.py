"""Start-up without the cyclic garbage collector: held while the program imports, released once it is loaded.

Importing SQLAlchemy, mapping the tables and loading Qt create a few hundred thousand long-lived objects and
almost no garbage, yet the collector walks them all again and again (a full collection or two, a dozen middle
ones) — 40–60 ms of every command's start and of the window's. Held during start-up, then released with
`gc.freeze()`, the objects made by then are set aside for good, so later collections (a keystroke's search,
a check-in) no longer walk the whole of SQLAlchemy and Qt either.

The window does the same for a session (`settle`): once the desk's search index is loaded, what the session
keeps is set aside too, so that a full collection while someone types walks only what typing made (it walked
the index and the pages: 25–35 ms in the middle of a keystroke). When that user's pages are gone, `resettle`
gives everything back to the collector once, so their cycles are freed, and sets the rest aside again.
"""

from __future__ import annotations

import gc

_held = False
_frozen = False


def hold_collector() -> None:
    """Start-up begins: no cyclic collection until `release_collector` (reference counting still frees)."""
    global _held
    if gc.isenabled():
        gc.disable()
        _held = True


def release_collector() -> None:
    """Start-up is over: what exists now is kept out of later collections, and collecting resumes.

    The freeze happens once per process: anything frozen is never collected as a cycle again, so what later
    windows make (tests make many) stays collectable.
    """
    global _held, _frozen
    if not _frozen:
        gc.freeze()
        _frozen = True
    if _held:
        _held = False
        gc.enable()


def settle() -> None:
    """What exists now lives as long as the session: collect once (nothing dead is set aside), then freeze it."""
    gc.collect()
    gc.freeze()


def resettle() -> None:
    """A session's objects are gone: frozen cycles among them are collectable again; the living are set aside again."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()
