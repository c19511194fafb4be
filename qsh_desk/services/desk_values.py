"""What the desk's use cases take and give back: the kinds of people, the audit words, the refusals, a desk
action, a pickup and its options, and who is here now. Plain values, no database work (checkin does that)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from qsh_desk.services import capacity
from qsh_desk.services.errors import Refused

CHILD = "child"
VOLUNTEER = "volunteer"
KINDS = (CHILD, VOLUNTEER)
KIND_TITLES = {CHILD: "儿童", VOLUNTEER: "志愿者"}

# Audit vocabulary of the desk; `undo_last` reads it back to find the actor's last action.
ENTITY = {CHILD: "child_visit", VOLUNTEER: "volunteer_shift"}
ACTION_IN, ACTION_OUT, ACTION_UNDO = "check_in", "check_out", "undo"

# A time typed (or sent by --at) this far in the future is a mistake, not a plan.
FUTURE_TOLERANCE = dt.timedelta(minutes=5)


class AlreadyHere(Refused):
    """Check-in of someone who is already here: the caller offers check-out instead."""

    def __init__(self, message: str, kind: str, person_id: int, since: dt.datetime):
        super().__init__(message)
        self.kind, self.person_id, self.since = kind, person_id, since


class NotHere(Refused):
    """Check-out of someone who is not here."""


class OverLimits(Refused):
    """A child's check-in past the room's capacity or the ratio, or a volunteer's check-out under the ratio: the
    desk shows `warning` and the duty volunteer may let it through (`override_limits=True`, recorded)."""

    def __init__(self, warning: str, action: str, kind: str, person_id: int, load: capacity.Load):
        question = "仍要签到吗？" if action == ACTION_IN else "仍要签退吗？"
        super().__init__(f"{warning}{question}")
        self.warning, self.action, self.kind, self.person_id, self.load = warning, action, kind, person_id, load


@dataclass(frozen=True)
class DeskAction:
    """What one desk action did, for the confirmation line, the here-now panel and undo."""

    action: str  # "check_in" | "check_out"
    kind: str  # "child" | "volunteer"
    person_id: int
    name: str
    record_id: int  # the visit's or the shift's id
    at: dt.datetime
    message: str  # the confirmation, in Chinese
    warning: str | None = None  # e.g. an unlisted collector; shown and recorded
    collector: str | None = None
    collector_relation: str | None = None
    collector_unlisted: bool = False
    went_home_alone: bool = False
    hours: Decimal | None = None


@dataclass(frozen=True)
class Pickup:
    """Who collects a child: a listed guardian, the child alone (with consent), or someone unlisted."""

    guardian_id: int | None = None
    name: str | None = None  # a name to match against the authorised list, or an unlisted person
    relation: str | None = None
    phone: str | None = None
    alone: bool = False

    @classmethod
    def by_guardian(cls, guardian_id: int) -> Pickup:
        return cls(guardian_id=guardian_id)

    @classmethod
    def home_alone(cls) -> Pickup:
        return cls(alone=True)

    @classmethod
    def by_person(cls, name: str, relation: str | None = None, phone: str | None = None) -> Pickup:
        """A person by name: a listed collector if the name is on the list, else recorded as unlisted."""
        return cls(name=name, relation=relation, phone=phone)


@dataclass(frozen=True)
class Collector:
    guardian_id: int
    name: str
    relation: str  # 祖母, or the note (姑姑) when the relation is 其他
    phone: str | None  # masked for roles that may not see phones


@dataclass(frozen=True)
class PickupOptions:
    """What the check-out dialog offers for one child."""

    child_id: int
    name: str
    since: dt.datetime
    collectors: tuple[Collector, ...]  # authorised to collect, in the roster's order
    alone_allowed: bool  # a go-home-alone consent is on file
    medical_flag: bool


@dataclass(frozen=True)
class PresentPerson:
    kind: str
    id: int
    name: str
    since: dt.datetime
    record_id: int
    medical_flag: bool = False
    stale: bool = False  # open since an earlier day: a forgotten check-out, flagged with its date
    after_closing: bool = False  # today is already closed (闭馆) and this one is still here, or came after

    @property
    def needs_backfill(self) -> bool:
        """A volunteer's shift that closing left open: an administrator ends it (补录)."""
        return self.stale or self.after_closing


@dataclass(frozen=True)
class Present:
    """Who is here now, longest-present first, with head counts."""

    children: tuple[PresentPerson, ...]
    volunteers: tuple[PresentPerson, ...]
    closed_at: dt.datetime | None = None  # when today was closed (闭馆), if it was
    capacity: int | None = None  # the station's limits (None: off), for the header's "23 / 40" and its colour
    ratio: int | None = None

    @property
    def load(self) -> capacity.Load:
        return capacity.Load(self.children_count, self.volunteers_count, self.capacity, self.ratio)

    @property
    def children_count(self) -> int:
        return len(self.children)

    @property
    def volunteers_count(self) -> int:
        return len(self.volunteers)

    @property
    def everyone(self) -> tuple[PresentPerson, ...]:
        return self.children + self.volunteers
