"""What every page shares: the database, the station, the acting user, the worker and the change announcements."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from qsh_desk.gui.kernel import Changes

if TYPE_CHECKING:
    from qsh_desk.db.database import Database
    from qsh_desk.gui.tasks import Tasks
    from qsh_desk.services.access import Actor
    from qsh_desk.services.stations import StationInfo

__all__ = ["AppContext", "Changes"]


@dataclass
class AppContext:
    db: Database
    station: StationInfo
    actor: Actor
    tasks: Tasks
    changes: Changes
