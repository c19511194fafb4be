"""Small hand-made data for the 十个梦 tests: children, volunteers, check-ins and shifts written directly."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

from sqlalchemy import select

from qsh_desk.db.models import Child, ChildVisit, Dream, Volunteer, VolunteerShift
from qsh_desk.services.search_keys import name_keys

_numbers = itertools.count(1)


def add_child(db, station, name: str, *, created: dt.datetime = dt.datetime(2020, 1, 1), active: bool = True) -> int:
    with db.transaction() as s:
        child = Child(station_id=station.id, name=name, gender="女", card_code=f"C{station.id:02d}{next(_numbers):06d}",
                      search_keys=name_keys(name), created_at=created, active=active, grade="三年级")
        s.add(child)
        s.flush()
        return child.id


def add_volunteer(db, station, name: str) -> int:
    with db.transaction() as s:
        volunteer = Volunteer(station_id=station.id, name=name, card_code=f"V{station.id:02d}{next(_numbers):06d}",
                              search_keys=name_keys(name))
        s.add(volunteer)
        s.flush()
        return volunteer.id


def check_in(db, station, child_id: int, at: dt.datetime, out: dt.datetime | None = None) -> None:
    with db.transaction() as s:
        s.add(ChildVisit(station_id=station.id, child_id=child_id, checked_in_at=at,
                         checked_out_at=out or at + dt.timedelta(hours=6)))


def add_shift(db, station, volunteer_id: int, start: dt.datetime, hours: int = 4) -> None:
    with db.transaction() as s:
        s.add(VolunteerShift(station_id=station.id, volunteer_id=volunteer_id, started_at=start,
                             ended_at=start + dt.timedelta(hours=hours), hours=Decimal(hours)))


def dream_id(db, station, dream_name: str) -> int:
    with db.transaction() as s:
        return s.scalar(select(Dream.id).where(Dream.station_id == station.id, Dream.dream_name == dream_name))
