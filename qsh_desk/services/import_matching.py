"""Who an imported row may already be: the station's people read once as lookup tables, and the file's own repeats."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from qsh_desk.db.models import Child, Guardian, Team, Volunteer

OTHER_STATION_CARD = "这个卡号已被其他站点使用。请留空卡号，系统会自动生成新的。"


def earlier_row(seen: dict[tuple[Any, ...], int], card: str | None, keys: list[tuple[Any, ...]]) -> int | None:
    """The earlier row of the file with the same person, if any.

    A row with a card code is a person the exporting database already told apart (possibly after its
    duplicate warning was confirmed), so only the same card code makes it a repeat.
    """
    for key in [("card", card)] if card else keys:
        if key in seen:
            return seen[key]
    return None


class ExistingPeople:
    """The station's people as lookup tables, read once: a 10,000-row file is checked without 10,000 queries."""

    def __init__(self) -> None:
        self.keys: dict[tuple[Any, ...], list[int]] = {}
        self.cards: dict[str, tuple[int, int]] = {}  # every station's codes: code → (id, station)

    def __eq__(self, other: object) -> bool:  # the same people as when a file was checked: its checks stand
        return isinstance(other, ExistingPeople) and (self.keys, self.cards) == (other.keys, other.cards)

    __hash__ = None  # type: ignore[assignment] - compared, never a key

    @classmethod
    def of(cls, session: Session, station_id: int, kind: str) -> tuple[ExistingPeople, frozenset[str]]:
        """What a file of this kind is checked against: the station's people, and its teams (volunteers)."""
        if kind == "children":
            return cls.children(session, station_id), frozenset()
        teams = frozenset(session.scalars(select(Team.name).where(Team.station_id == station_id)))
        return cls.volunteers(session, station_id), teams

    def add(self, key: tuple[Any, ...], person_id: int) -> None:
        self.keys.setdefault(key, []).append(person_id)

    def matches(self, station_id: int, card: str | None, keys: Sequence[tuple[Any, ...]]) -> tuple[list[int], bool]:
        """(ids of the people this row may be, whether its card code belongs to another station)."""
        found = [i for key in keys for i in self.keys.get(key, [])]
        if card and card in self.cards:
            person_id, station = self.cards[card]
            if station != station_id:
                return found, True
            found.append(person_id)
        return list(dict.fromkeys(found)), False

    @classmethod
    def children(cls, session: Session, station_id: int) -> ExistingPeople:
        index = cls()
        for person_id, name, birth in session.execute(
                select(Child.id, Child.name, Child.birth_date).where(Child.station_id == station_id)):
            if birth is not None:
                index.add(("birth", name, birth), person_id)
        for person_id, name, phone in session.execute(
                select(Child.id, Child.name, Guardian.phone).join(Guardian, Guardian.child_id == Child.id)
                .where(Child.station_id == station_id, Guardian.phone.is_not(None))):
            index.add(("phone", name, phone), person_id)
        index.cards = {code: (i, station) for code, i, station in session.execute(
            select(Child.card_code, Child.id, Child.station_id))}
        return index

    @classmethod
    def volunteers(cls, session: Session, station_id: int) -> ExistingPeople:
        index = cls()
        for person_id, name, phone, number in session.execute(
                select(Volunteer.id, Volunteer.name, Volunteer.phone, Volunteer.volunteer_number)
                .where(Volunteer.station_id == station_id)):
            if number:
                index.add(("number", number), person_id)
            if phone:
                index.add(("phone", name, phone), person_id)
        index.cards = {code: (i, station) for code, i, station in session.execute(
            select(Volunteer.card_code, Volunteer.id, Volunteer.station_id))}
        return index
