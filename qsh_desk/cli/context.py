"""What every command needs: the database (checked and upgraded), the station, and the acting user."""

from __future__ import annotations

import sys

from qsh_desk.db.database import Database
from qsh_desk.db.schema import SchemaStatus, upgrade_to_head
from qsh_desk.services.access import Actor
from qsh_desk.services.stations import StationInfo, ensure_station


class CommandContext:
    def __init__(self, db_arg: str | None):
        self.db_arg = db_arg
        self._db: Database | None = None
        self.schema: SchemaStatus | None = None

    def database(self) -> Database:
        """The database, refused if a newer release wrote it, else created or upgraded to this release."""
        if self._db is None:
            db = Database(self.db_arg)
            try:
                self.schema = upgrade_to_head(db.engine)
            except Exception:
                db.dispose()
                raise
            self._db = db
        return self._db

    def exists(self) -> bool:
        """False when the database is an SQLite file not made yet (opening it would create it)."""
        from qsh_desk.db.engine import resolve_url, sqlite_path

        path = sqlite_path(resolve_url(self.db_arg))
        return path is None or path.exists()

    def station(self, name: str | None = None) -> tuple[StationInfo, bool]:
        return ensure_station(self.database(), name)

    def actor(self) -> Actor:
        """The command line acts as an administrator of the current station, audited as cli:<os user>."""
        station, _ = self.station()
        return Actor.command_line(station.id)

    def close(self) -> None:
        if self._db is not None:
            self._db.dispose()


def progress(message: str) -> None:
    """Progress of long work goes to stderr, so that stdout stays parseable."""
    print(message, file=sys.stderr, flush=True)
