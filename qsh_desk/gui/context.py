"""What every page shares: the database, the station, the acting user, the worker, and a 'data changed' signal."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    from qsh_desk.db.database import Database
    from qsh_desk.gui.tasks import Tasks
    from qsh_desk.services.access import Actor
    from qsh_desk.services.stations import StationInfo


class Changes(QObject):
    """Emitted after any write, with what changed ("visits", "children", …), so open views refresh."""

    changed = Signal(str)


@dataclass
class AppContext:
    db: Database
    station: StationInfo
    actor: Actor
    tasks: Tasks
    changes: Changes
