"""What the roster's services give back and take as a query: plain values, no database work (roster does that)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

@dataclass(frozen=True)
class ChildSummary:
    """One row of the roster table (phones masked for the actor)."""

    id: int
    name: str
    sort_name: str  # search_keys.sort_key(name): the order of every Chinese list
    gender: str
    birth_date: dt.date | None
    age: int | None
    school: str | None
    grade: str | None
    card_code: str
    medical_flag: bool
    active: bool
    paired: bool
    guardian: str | None  # 祖母 王秀英
    guardian_phone: str | None
    has_photo: bool
    version: int


@dataclass(frozen=True)
class GuardianView:
    id: int
    name: str
    relation: str
    relation_note: str | None
    phone: str | None  # masked unless the actor may see phones
    may_collect: bool
    is_primary: bool


@dataclass(frozen=True)
class ConsentView:
    id: int
    kind: str
    given_by: str
    given_on: dt.date
    scope: str | None
    revoked_on: dt.date | None


@dataclass(frozen=True)
class ChildDetail:
    """Everything the edit form shows; restricted values are masked or None when the actor may not see them."""

    id: int
    name: str
    gender: str
    ethnicity: str
    birth_date: dt.date | None
    id_number: str | None
    household_address: str | None
    current_address: str | None
    school: str | None
    grade: str | None
    boarding: bool
    health_status: str | None
    medical_flag: bool
    medical_details: str | None
    medical_visible: bool
    photo_path: str | None  # absolute path of the stored photo, if any
    card_code: str
    notes: str | None
    initials_override: str | None
    active: bool
    archived_at: dt.datetime | None
    version: int
    guardians: tuple[GuardianView, ...] = ()
    consents: tuple[ConsentView, ...] = ()


STATUSES = ("active", "archived", "all")


@dataclass(frozen=True)
class ChildQuery:
    """The roster table's filters; None means 'any'."""

    text: str = ""
    status: str = "active"
    school: str | None = None
    grade: str | None = None
    medical: bool | None = None
    paired: bool | None = None
    limit: int | None = None


@dataclass(frozen=True)
class FilterChoices:
    schools: tuple[str, ...]
    grades: tuple[str, ...]
