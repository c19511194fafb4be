"""What every command needs: the database (checked and upgraded), the station, and the acting user."""

from __future__ import annotations

import logging
import sys

from qsh_desk.db import snapshot
from qsh_desk.db.database import Database
from qsh_desk.db.engine import sqlite_path
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
            removed = snapshot.remove_leftovers(sqlite_path(db.url), [snapshot.default_folder()])
            if removed:  # the command line logs to the file only when there is something to keep
                from qsh_desk.logs import setup_logging

                setup_logging()
                logging.getLogger(__name__).warning(
                    "removed %d files (%d bytes) left by backups or restores that did not finish: %s",
                    len(removed), sum(size for _path, size in removed), ", ".join(str(p) for p, _size in removed))
            try:
                self.schema = upgrade_to_head(db.engine)
            except Exception:
                db.dispose()
                raise
            self._db = db
        return self._db

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
