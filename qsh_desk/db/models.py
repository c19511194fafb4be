"""The whole domain as typed SQLAlchemy 2 tables; constraints live in the database, not only in code.

Times are stored as naive local wall-clock time (every station is in China, UTC+8): that is what the
paper sheets show and what an inspector compares them with.
"""

# No `from __future__ import annotations`: SQLAlchemy would read every `Mapped[…]` back from a string with eval, a
# noticeable part of every start; the few names used before their class is defined are quoted instead.

import datetime as dt
from decimal import Decimal

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Numeric,
    String,
    Text,
    Time,
    UniqueConstraint,
    false,
    text,
    true,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from qsh_desk import clock
from qsh_desk.db import engine as _engine

# Stable constraint names, so Alembic (and SQLite batch mode) can find them again.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# Partial indexes and the condition each keeps to, so that PostgreSQL's can be given when it is used.
_PARTIAL_INDEXES: list[tuple[Index, str]] = []


def _partial(name: str, column: str, where: str, *, unique: bool = False) -> Index:
    """An index over the rows matching `where` only (the open visit, shift or loan).

    Only SQLite's condition is given here: naming a `postgresql_` option makes SQLAlchemy import its whole
    PostgreSQL dialect to check it (asyncio included, about 60 ms of every start), which a station on its
    own SQLite file never uses. `add_postgresql_conditions` gives PostgreSQL the same condition when an
    engine for it is made. The migrations create both.
    """
    index = Index(name, column, unique=unique, sqlite_where=text(where))
    _PARTIAL_INDEXES.append((index, where))
    return index


def add_postgresql_conditions() -> None:
    """Give every partial index its PostgreSQL condition (when a PostgreSQL engine is made, or the models are
    imported after one was)."""
    for index, where in _PARTIAL_INDEXES:
        index.dialect_options["postgresql"]["where"] = text(where)


ROLES = ("duty", "social", "admin")
GENDERS = ("男", "女")
GUARDIAN_RELATIONS = ("祖父", "祖母", "外祖父", "外祖母", "父亲", "母亲", "其他")
VISIT_SOURCES = ("desk", "paper", "corrected")
CONSENT_KINDS = ("data", "go_home_alone", "wish_board", "photo")
PARENT_RELATIONS = ("父亲", "母亲", "其他")
GUARDIANSHIP_TYPES = ("父母均外出", "一方外出另一方无监护能力", "委托监护")
GUARDIANSHIP_QUALITIES = ("较好", "一般", "差")
CONTACT_CHANNELS = ("电话", "视频", "微信", "书信", "回家探望", "站内亲情连线")
CONTACT_INITIATORS = ("child", "parent", "station")
PAIRING_VISIT_KINDS = ("上门", "电话", "学校", "站内")
WISH_STATUSES = ("open", "claimed", "fulfilled", "cancelled")
WISH_CLAIMER_KINDS = ("volunteer", "person", "unit")
ITEM_CONDITIONS = ("ok", "damaged", "lost", "scrapped")  # 好 / 有损坏 / 遗失 / 报废
ITEM_SOURCES = ("purchase", "donation", "other")


def _in(column: str, values: tuple[str, ...]) -> str:
    quoted = ", ".join("'" + v + "'" for v in values)
    return f"{column} IN ({quoted})"


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Station(Base):
    """A 文明实践站; every other row belongs to one, so a district can share one database."""

    __tablename__ = "stations"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=clock.now)


class StationSetting(Base):
    """A setting that concerns the station (not one PC): rounding of hours, thresholds, …"""

    __tablename__ = "station_settings"
    station_id: Mapped[int] = mapped_column(ForeignKey("stations.id", ondelete="CASCADE"), primary_key=True)
    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[object] = mapped_column(JSON)


class User(Base):
    __tablename__ = "users"
    __table_args__ = (CheckConstraint(_in("role", ROLES), name="role"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    station_id: Mapped[int] = mapped_column(ForeignKey("stations.id"), index=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(64))
    role: Mapped[str] = mapped_column(String(16))
    password_hash: Mapped[str | None] = mapped_column(String(255))
    pin_hash: Mapped[str | None] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))
    locked_until: Mapped[dt.datetime | None] = mapped_column(DateTime)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=clock.now)


class AuditEntry(Base):
    """Append-only: who did what, when, from which station. Nothing in the app updates or deletes these."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_at", "at"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    station_id: Mapped[int | None] = mapped_column(ForeignKey("stations.id"), index=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=clock.now)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    actor: Mapped[str] = mapped_column(String(100))  # username, or cli:<os user>
    action: Mapped[str] = mapped_column(String(32))  # create/update/delete/read/export/print/login/…/denied
    entity: Mapped[str] = mapped_column(String(64))
    entity_id: Mapped[int | None] = mapped_column(Integer)
    child_id: Mapped[int | None] = mapped_column(Integer, index=True)  # no FK: the row outlives a deleted child
    detail: Mapped[dict | None] = mapped_column(JSON)


class Child(Base):
    """A child on the roster, with the fields of the 留守儿童基本情况登记表 that a station uses."""

    __tablename__ = "children"
    __table_args__ = (
        CheckConstraint(_in("gender", GENDERS), name="gender"),
        Index("ix_children_station_name", "station_id", "name"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    station_id: Mapped[int] = mapped_column(ForeignKey("stations.id"))
    name: Mapped[str] = mapped_column(String(64))
    gender: Mapped[str] = mapped_column(String(2))
    ethnicity: Mapped[str] = mapped_column(String(32), default="汉族")
    birth_date: Mapped[dt.date | None] = mapped_column(Date)
    id_number: Mapped[str | None] = mapped_column(String(18))
    household_address: Mapped[str | None] = mapped_column(String(200))  # 户籍地
    current_address: Mapped[str | None] = mapped_column(String(200))  # 现居住地
    school: Mapped[str | None] = mapped_column(String(100))
    grade: Mapped[str | None] = mapped_column(String(32))
    boarding: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    health_status: Mapped[str | None] = mapped_column(String(32))  # 健康 / 残疾 / 患病 …
    medical_flag: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    medical_details: Mapped[str | None] = mapped_column(Text)  # restricted: social workers and admins
    photo_path: Mapped[str | None] = mapped_column(String(255))  # relative to the data directory
    card_code: Mapped[str] = mapped_column(String(32), unique=True)
    # Space-separated lowercase keys (name, full pinyin and initials of every reading), computed on save.
    search_keys: Mapped[str] = mapped_column(Text, default="")
    sort_name: Mapped[str] = mapped_column(String(400), default="", server_default="")  # search_keys.sort_key(name)
    initials_override: Mapped[str | None] = mapped_column(String(32))  # staff correction of a misread name
    notes: Mapped[str | None] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    archived_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=clock.now)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=clock.now, onupdate=clock.now)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default=text("1"))

    guardians: Mapped[list["Guardian"]] = relationship(
        back_populates="child", cascade="all, delete-orphan", order_by="Guardian.sort_order"
    )
    consents: Mapped[list["Consent"]] = relationship(back_populates="child", cascade="all, delete-orphan")
    parents: Mapped[list["Parent"]] = relationship(back_populates="child", cascade="all, delete-orphan")
    guardianship: Mapped["Guardianship | None"] = relationship(
        back_populates="child", cascade="all, delete-orphan", uselist=False
    )

    __mapper_args__ = {"version_id_col": version}


class Guardian(Base):
    """A guardian or another person authorised (or not) to collect the child."""

    __tablename__ = "guardians"
    __table_args__ = (
        CheckConstraint(_in("relation", GUARDIAN_RELATIONS), name="relation"),
        Index("ix_guardians_phone_last4", "phone_last4"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    child_id: Mapped[int] = mapped_column(ForeignKey("children.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(64))
    relation: Mapped[str] = mapped_column(String(8))
    relation_note: Mapped[str | None] = mapped_column(String(32))  # e.g. 姑姑 when relation is 其他
    phone: Mapped[str | None] = mapped_column(String(20))
    phone_last4: Mapped[str | None] = mapped_column(String(4))  # for the desk's "last 4 digits" search
    may_collect: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    is_primary: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    sort_order: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))
    child: Mapped[Child] = relationship(back_populates="guardians")


class Consent(Base):
    """A guardian's consent: to keep the child's data, or to let the child go home alone."""

    __tablename__ = "consents"
    __table_args__ = (CheckConstraint(_in("kind", CONSENT_KINDS), name="kind"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    child_id: Mapped[int] = mapped_column(ForeignKey("children.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    given_by: Mapped[str] = mapped_column(String(64))
    given_on: Mapped[dt.date] = mapped_column(Date)
    scope: Mapped[str | None] = mapped_column(String(200))
    revoked_on: Mapped[dt.date | None] = mapped_column(Date)
    child: Mapped[Child] = relationship(back_populates="consents")


class Parent(Base):
    """A parent (or parent figure) of a child, as kept in the 父母档案."""

    __tablename__ = "parents"
    __table_args__ = (CheckConstraint(_in("relation", PARENT_RELATIONS), name="relation"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    child_id: Mapped[int] = mapped_column(ForeignKey("children.id", ondelete="CASCADE"), index=True)
    relation: Mapped[str] = mapped_column(String(8))
    name: Mapped[str] = mapped_column(String(64))
    phone: Mapped[str | None] = mapped_column(String(20))
    phone2: Mapped[str | None] = mapped_column(String(20))
    wechat: Mapped[str | None] = mapped_column(String(64))
    work_province: Mapped[str | None] = mapped_column(String(32))
    work_city: Mapped[str | None] = mapped_column(String(32))
    work_address: Mapped[str | None] = mapped_column(String(200))
    employer: Mapped[str | None] = mapped_column(String(100))
    occupation: Mapped[str | None] = mapped_column(String(64))
    return_frequency: Mapped[str | None] = mapped_column(String(64))  # 每年春节 / 每季度 …
    last_return: Mapped[dt.date | None] = mapped_column(Date)
    next_return: Mapped[dt.date | None] = mapped_column(Date)
    notes: Mapped[str | None] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default=text("1"))
    child: Mapped[Child] = relationship(back_populates="parents")

    __mapper_args__ = {"version_id_col": version}


class Guardianship(Base):
    """How the child is looked after, as the national template records it (one row per child)."""

    __tablename__ = "guardianships"
    __table_args__ = (
        CheckConstraint("kind IS NULL OR " + _in("kind", GUARDIANSHIP_TYPES), name="kind"),
        CheckConstraint("quality IS NULL OR " + _in("quality", GUARDIANSHIP_QUALITIES), name="quality"),
    )
    child_id: Mapped[int] = mapped_column(ForeignKey("children.id", ondelete="CASCADE"), primary_key=True)
    kind: Mapped[str | None] = mapped_column(String(32))
    delegate_name: Mapped[str | None] = mapped_column(String(64))
    delegate_relation: Mapped[str | None] = mapped_column(String(16))
    delegate_phone: Mapped[str | None] = mapped_column(String(20))
    delegate_id_number: Mapped[str | None] = mapped_column(String(18))
    delegate_address: Mapped[str | None] = mapped_column(String(200))
    agreement_on_file: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    quality: Mapped[str | None] = mapped_column(String(4))
    income_source: Mapped[str | None] = mapped_column(String(100))
    assistance: Mapped[str | None] = mapped_column(String(200))  # 低保, 临时救助, …
    version: Mapped[int] = mapped_column(Integer, default=1, server_default=text("1"))
    child: Mapped[Child] = relationship(back_populates="guardianship")

    __mapper_args__ = {"version_id_col": version}


class Team(Base):
    __tablename__ = "teams"
    __table_args__ = (UniqueConstraint("station_id", "name", name="uq_teams_station_name"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    station_id: Mapped[int] = mapped_column(ForeignKey("stations.id"))
    name: Mapped[str] = mapped_column(String(64))


class Volunteer(Base):
    __tablename__ = "volunteers"
    __table_args__ = (
        CheckConstraint("gender IS NULL OR " + _in("gender", GENDERS), name="gender"),
        Index("ix_volunteers_station_name", "station_id", "name"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    station_id: Mapped[int] = mapped_column(ForeignKey("stations.id"))
    name: Mapped[str] = mapped_column(String(64))
    gender: Mapped[str | None] = mapped_column(String(2))
    phone: Mapped[str | None] = mapped_column(String(20))
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id", ondelete="SET NULL"))
    volunteer_number: Mapped[str | None] = mapped_column(String(32))  # 志愿者编号 (registered)
    skills: Mapped[str | None] = mapped_column(String(200))
    card_code: Mapped[str] = mapped_column(String(32), unique=True)
    search_keys: Mapped[str] = mapped_column(Text, default="")
    sort_name: Mapped[str] = mapped_column(String(400), default="", server_default="")  # search_keys.sort_key(name)
    initials_override: Mapped[str | None] = mapped_column(String(32))
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=clock.now)
    # For the service record (民政部令第67号) and 在职党员进社区 (双报到): the employer's party organisation gets the
    # member's service reported back. The ID is shown and exported to administrators only.
    political_status: Mapped[str | None] = mapped_column(String(16))  # 政治面貌
    in_service_party_member: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    work_unit: Mapped[str | None] = mapped_column(String(100))  # 工作单位
    work_unit_party_org: Mapped[str | None] = mapped_column(String(100))  # 单位党组织
    id_type: Mapped[str | None] = mapped_column(String(16))  # 证件类型
    id_number: Mapped[str | None] = mapped_column(String(32))
    version: Mapped[int] = mapped_column(Integer, default=1, server_default=text("1"))
    team: Mapped[Team | None] = relationship()

    __mapper_args__ = {"version_id_col": version}


class ChildVisit(Base):
    """One stay of a child at the station: in, out, and who collected the child."""

    __tablename__ = "child_visits"
    __table_args__ = (
        CheckConstraint(_in("source", VISIT_SOURCES), name="source"),
        CheckConstraint("checked_out_at IS NULL OR checked_out_at >= checked_in_at", name="out_after_in"),
        # The safety rule: a child can never have two open visits, even across stations sharing a database.
        _partial("uq_child_visits_one_open", "child_id", "checked_out_at IS NULL", unique=True),
        # Who is here now, per station: a few rows, however many visits the station has had.
        _partial("ix_child_visits_open_station", "station_id", "checked_out_at IS NULL"),
        Index("ix_child_visits_child_in", "child_id", "checked_in_at"),
        Index("ix_child_visits_station_in", "station_id", "checked_in_at"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    station_id: Mapped[int] = mapped_column(ForeignKey("stations.id"))
    child_id: Mapped[int] = mapped_column(ForeignKey("children.id", ondelete="CASCADE"))
    checked_in_at: Mapped[dt.datetime] = mapped_column(DateTime)
    checked_out_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    collector_guardian_id: Mapped[int | None] = mapped_column(ForeignKey("guardians.id", ondelete="SET NULL"))
    collector_name: Mapped[str | None] = mapped_column(String(64))
    collector_relation: Mapped[str | None] = mapped_column(String(16))
    collector_phone: Mapped[str | None] = mapped_column(String(20))
    collector_unlisted: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    went_home_alone: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    source: Mapped[str] = mapped_column(String(16), default="desk")
    checked_in_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    checked_out_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


class VolunteerShift(Base):
    """A volunteer's time at the station; hours are what the certificate counts."""

    __tablename__ = "volunteer_shifts"
    __table_args__ = (
        CheckConstraint("ended_at IS NULL OR ended_at >= started_at", name="end_after_start"),
        _partial("uq_volunteer_shifts_one_open", "volunteer_id", "ended_at IS NULL", unique=True),
        _partial("ix_volunteer_shifts_open_station", "station_id", "ended_at IS NULL"),
        Index("ix_volunteer_shifts_volunteer_start", "volunteer_id", "started_at"),
        Index("ix_volunteer_shifts_station_start", "station_id", "started_at"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    station_id: Mapped[int] = mapped_column(ForeignKey("stations.id"))
    volunteer_id: Mapped[int] = mapped_column(ForeignKey("volunteers.id", ondelete="CASCADE"))
    started_at: Mapped[dt.datetime] = mapped_column(DateTime)
    ended_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    hours: Mapped[Decimal | None] = mapped_column(Numeric(6, 2))
    backfilled: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())  # 补录
    backfilled_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    backfilled_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    # The duty post this shift fills, when the volunteer held one that day (排班).
    duty_assignment_id: Mapped[int | None] = mapped_column(
        ForeignKey("duty_assignments.id", ondelete="SET NULL"), index=True
    )


class DayClosing(Base):
    """The day's 闭馆: when, by whom, and why if children were still present."""

    __tablename__ = "day_closings"
    __table_args__ = (UniqueConstraint("station_id", "day", name="uq_day_closings_station_day"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    station_id: Mapped[int] = mapped_column(ForeignKey("stations.id"))
    day: Mapped[dt.date] = mapped_column(Date)
    closed_at: Mapped[dt.datetime] = mapped_column(DateTime)
    closed_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    children_present: Mapped[int] = mapped_column(Integer, default=0)
    reason: Mapped[str | None] = mapped_column(Text)


class ClosingCall(Base):
    """A call made at closing to the family of a child still present, and what came of it."""

    __tablename__ = "closing_calls"
    id: Mapped[int] = mapped_column(primary_key=True)
    station_id: Mapped[int] = mapped_column(ForeignKey("stations.id"))
    visit_id: Mapped[int] = mapped_column(ForeignKey("child_visits.id", ondelete="CASCADE"), index=True)
    called_at: Mapped[dt.datetime] = mapped_column(DateTime)
    called_number: Mapped[str | None] = mapped_column(String(20))
    outcome: Mapped[str] = mapped_column(String(200))
    called_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


class Dream(Base):
    """One of the 十个梦 (or a category the station added); renaming keeps its sessions."""

    __tablename__ = "dreams"
    __table_args__ = (
        UniqueConstraint("station_id", "dream_name", name="uq_dreams_station_dream_name"),
        Index("uq_dreams_station_code", "station_id", "code", unique=True),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    station_id: Mapped[int] = mapped_column(ForeignKey("stations.id"))
    # A stable name for the ten seeded dreams ("missing_family" is the 思亲梦, whatever the station calls it);
    # None for a category the station added.
    code: Mapped[str | None] = mapped_column(String(32))
    sort_order: Mapped[int] = mapped_column(Integer)
    function_name: Mapped[str] = mapped_column(String(32))  # 道德讲堂
    dream_name: Mapped[str] = mapped_column(String(32))  # 好人梦
    description: Mapped[str | None] = mapped_column(Text)
    colour: Mapped[str] = mapped_column(String(9), default="#607d8b")
    icon: Mapped[str] = mapped_column(String(64), default="mdi6.star")
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())


class ProgrammeSession(Base):
    """A logged 十个梦 session (活动记录)."""

    __tablename__ = "programme_sessions"
    __table_args__ = (
        Index("ix_programme_sessions_station_start", "station_id", "starts_at"),
        Index("ix_programme_sessions_dream_start", "dream_id", "starts_at"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    station_id: Mapped[int] = mapped_column(ForeignKey("stations.id"))
    dream_id: Mapped[int] = mapped_column(ForeignKey("dreams.id"))
    starts_at: Mapped[dt.datetime] = mapped_column(DateTime)
    ends_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    theme: Mapped[str] = mapped_column(String(200))
    place: Mapped[str | None] = mapped_column(String(100))
    organiser_volunteer_id: Mapped[int | None] = mapped_column(ForeignKey("volunteers.id", ondelete="SET NULL"))
    organiser_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    summary: Mapped[str | None] = mapped_column(Text)
    follow_up: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=clock.now)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default=text("1"))

    __mapper_args__ = {"version_id_col": version}


class SessionParticipant(Base):
    __tablename__ = "session_participants"
    session_id: Mapped[int] = mapped_column(
        ForeignKey("programme_sessions.id", ondelete="CASCADE"), primary_key=True
    )
    child_id: Mapped[int] = mapped_column(ForeignKey("children.id", ondelete="CASCADE"), primary_key=True, index=True)


class SessionVolunteer(Base):
    __tablename__ = "session_volunteers"
    session_id: Mapped[int] = mapped_column(
        ForeignKey("programme_sessions.id", ondelete="CASCADE"), primary_key=True
    )
    volunteer_id: Mapped[int] = mapped_column(
        ForeignKey("volunteers.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class SessionPhoto(Base):
    __tablename__ = "session_photos"
    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("programme_sessions.id", ondelete="CASCADE"), index=True)
    path: Mapped[str] = mapped_column(String(255))  # relative to the data directory
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class SessionPhotoChild(Base):
    """A child who is in a session's photo (ticked when the photo is added): the photo is shown outside the
    station only when every child in it has a guardian's photo consent. Keyed by the photo's stored path, which
    stays the same when the session is edited."""

    __tablename__ = "session_photo_children"
    session_id: Mapped[int] = mapped_column(
        ForeignKey("programme_sessions.id", ondelete="CASCADE"), primary_key=True
    )
    path: Mapped[str] = mapped_column(String(255), primary_key=True)
    child_id: Mapped[int] = mapped_column(ForeignKey("children.id", ondelete="CASCADE"), primary_key=True, index=True)


class Letter(Base):
    """给爸爸妈妈的信: what the social worker (and the child) wrote for one child's letter of one month."""

    __tablename__ = "letters"
    __table_args__ = (UniqueConstraint("child_id", "month", name="uq_letters_child_month"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    station_id: Mapped[int] = mapped_column(ForeignKey("stations.id"))
    child_id: Mapped[int] = mapped_column(ForeignKey("children.id", ondelete="CASCADE"))
    month: Mapped[dt.date] = mapped_column(Date)  # the first day of the month
    note: Mapped[str | None] = mapped_column(Text)  # a few lines by the social worker or a volunteer
    child_words: Mapped[str | None] = mapped_column(Text)  # the child's own words, typed at the desk
    written_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=clock.now, onupdate=clock.now)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default=text("1"))

    __mapper_args__ = {"version_id_col": version}


class Pairing(Base):
    """结对帮扶: a volunteer (or party member) paired with a child."""

    __tablename__ = "pairings"
    __table_args__ = (CheckConstraint("ended_on IS NULL OR ended_on >= started_on", name="end_after_start"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    station_id: Mapped[int] = mapped_column(ForeignKey("stations.id"))
    volunteer_id: Mapped[int] = mapped_column(ForeignKey("volunteers.id"), index=True)
    child_id: Mapped[int] = mapped_column(ForeignKey("children.id", ondelete="CASCADE"), index=True)
    started_on: Mapped[dt.date] = mapped_column(Date)
    ended_on: Mapped[dt.date | None] = mapped_column(Date)
    goal: Mapped[str | None] = mapped_column(Text)
    visit_interval_days: Mapped[int | None] = mapped_column(Integer)  # None: the station's default rule


class PairingVisit(Base):
    __tablename__ = "pairing_visits"
    __table_args__ = (CheckConstraint(_in("kind", PAIRING_VISIT_KINDS), name="kind"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    pairing_id: Mapped[int] = mapped_column(ForeignKey("pairings.id", ondelete="CASCADE"), index=True)
    visited_on: Mapped[dt.date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(8))
    what_done: Mapped[str | None] = mapped_column(Text)
    items_given: Mapped[str | None] = mapped_column(Text)
    next_step: Mapped[str | None] = mapped_column(Text)


class ParentContact(Base):
    """One contact between a child and the parents (call, video, letter, a visit home …)."""

    __tablename__ = "parent_contacts"
    __table_args__ = (
        CheckConstraint(_in("channel", CONTACT_CHANNELS), name="channel"),
        CheckConstraint(_in("initiated_by", CONTACT_INITIATORS), name="initiated_by"),
        Index("ix_parent_contacts_child_at", "child_id", "contacted_at"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    station_id: Mapped[int] = mapped_column(ForeignKey("stations.id"))
    child_id: Mapped[int] = mapped_column(ForeignKey("children.id", ondelete="CASCADE"))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("parents.id", ondelete="SET NULL"))
    contacted_at: Mapped[dt.datetime] = mapped_column(DateTime)
    channel: Mapped[str] = mapped_column(String(16))
    initiated_by: Mapped[str] = mapped_column(String(8))
    duration_minutes: Mapped[int | None] = mapped_column(Integer)
    summary: Mapped[str | None] = mapped_column(Text)
    child_mood: Mapped[str | None] = mapped_column(String(32))
    follow_up_needed: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    follow_up_due: Mapped[dt.date | None] = mapped_column(Date)
    follow_up_done_on: Mapped[dt.date | None] = mapped_column(Date)
    session_id: Mapped[int | None] = mapped_column(ForeignKey("programme_sessions.id", ondelete="SET NULL"))
    recorded_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    # The first day of the month whose 给爸爸妈妈的信 this contact sent (None: any other contact).
    letter_month: Mapped[dt.date | None] = mapped_column(Date)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default=text("1"))

    __mapper_args__ = {"version_id_col": version}


class HomeVisit(Base):
    """家访: a visit by station staff to the child's home."""

    __tablename__ = "home_visits"
    __table_args__ = (Index("ix_home_visits_child_on", "child_id", "visited_on"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    station_id: Mapped[int] = mapped_column(ForeignKey("stations.id"))
    child_id: Mapped[int] = mapped_column(ForeignKey("children.id", ondelete="CASCADE"))
    visited_on: Mapped[dt.date] = mapped_column(Date)
    visitors: Mapped[str] = mapped_column(String(200))
    met_whom: Mapped[str | None] = mapped_column(String(200))
    findings: Mapped[str | None] = mapped_column(Text)
    needs: Mapped[str | None] = mapped_column(Text)
    follow_up_actions: Mapped[str | None] = mapped_column(Text)
    follow_up_due: Mapped[dt.date | None] = mapped_column(Date)
    follow_up_done_on: Mapped[dt.date | None] = mapped_column(Date)
    recorded_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    version: Mapped[int] = mapped_column(Integer, default=1, server_default=text("1"))

    __mapper_args__ = {"version_id_col": version}


class Certificate(Base):
    """A 志愿服务时长证明 issued; reprinting the same one shows the same serial number."""

    __tablename__ = "certificates"
    __table_args__ = (
        UniqueConstraint("station_id", "year", "serial", name="uq_certificates_station_year_serial"),
        UniqueConstraint(
            "volunteer_id", "period_from", "period_to", name="uq_certificates_volunteer_period"
        ),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    station_id: Mapped[int] = mapped_column(ForeignKey("stations.id"))
    volunteer_id: Mapped[int] = mapped_column(ForeignKey("volunteers.id"))
    year: Mapped[int] = mapped_column(Integer)
    serial: Mapped[int] = mapped_column(Integer)
    period_from: Mapped[dt.date] = mapped_column(Date)
    period_to: Mapped[dt.date] = mapped_column(Date)
    hours: Mapped[Decimal] = mapped_column(Numeric(8, 2))
    issued_at: Mapped[dt.datetime] = mapped_column(DateTime, default=clock.now)
    issued_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))



class CalendarDay(Base):
    """An exception to the weekly rule (open every Saturday and Sunday): a holiday closed, or an extra day open."""

    __tablename__ = "calendar_days"
    __table_args__ = (UniqueConstraint("station_id", "day", name="uq_calendar_days_station_day"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    station_id: Mapped[int] = mapped_column(ForeignKey("stations.id"))
    day: Mapped[dt.date] = mapped_column(Date)
    is_open: Mapped[bool] = mapped_column(Boolean)
    opens_at: Mapped[dt.time | None] = mapped_column(Time)  # None: the station's usual hours
    closes_at: Mapped[dt.time | None] = mapped_column(Time)
    reason: Mapped[str | None] = mapped_column(String(200))


class DutyPost(Base):
    """A post volunteers hold on an opening day (前台值班, 手工课 …) and how many people it needs."""

    __tablename__ = "duty_posts"
    __table_args__ = (
        UniqueConstraint("station_id", "name", name="uq_duty_posts_station_name"),
        CheckConstraint("capacity >= 1", name="capacity"),
        CheckConstraint("ends_at > starts_at", name="end_after_start"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    station_id: Mapped[int] = mapped_column(ForeignKey("stations.id"))
    name: Mapped[str] = mapped_column(String(64))
    capacity: Mapped[int] = mapped_column(Integer, default=1)
    starts_at: Mapped[dt.time] = mapped_column(Time)
    ends_at: Mapped[dt.time] = mapped_column(Time)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())


class DutyAssignment(Base):
    """A volunteer holding a post on a day: assigned by a coordinator or claimed at the desk."""

    __tablename__ = "duty_assignments"
    __table_args__ = (
        UniqueConstraint("post_id", "day", "volunteer_id", name="uq_duty_assignments_post_day_volunteer"),
        Index("ix_duty_assignments_station_day", "station_id", "day"),
        Index("ix_duty_assignments_volunteer_day", "volunteer_id", "day"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    station_id: Mapped[int] = mapped_column(ForeignKey("stations.id"))
    post_id: Mapped[int] = mapped_column(ForeignKey("duty_posts.id", ondelete="CASCADE"))
    day: Mapped[dt.date] = mapped_column(Date)
    volunteer_id: Mapped[int] = mapped_column(ForeignKey("volunteers.id", ondelete="CASCADE"))
    claimed: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    assigned_by: Mapped[str] = mapped_column(String(100))  # the actor's name
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=clock.now)


class SessionPlan(Base):
    """A planned session (活动计划); on the day it becomes the logged session, keeping what was planned."""

    __tablename__ = "session_plans"
    __table_args__ = (Index("ix_session_plans_station_day", "station_id", "day"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    station_id: Mapped[int] = mapped_column(ForeignKey("stations.id"))
    day: Mapped[dt.date] = mapped_column(Date)
    starts_at: Mapped[dt.time] = mapped_column(Time)
    ends_at: Mapped[dt.time | None] = mapped_column(Time)
    dream_id: Mapped[int] = mapped_column(ForeignKey("dreams.id"))
    theme: Mapped[str] = mapped_column(String(200))
    organiser_volunteer_id: Mapped[int | None] = mapped_column(ForeignKey("volunteers.id", ondelete="SET NULL"))
    place: Mapped[str | None] = mapped_column(String(100))
    materials: Mapped[str | None] = mapped_column(Text)
    held_session_id: Mapped[int | None] = mapped_column(
        ForeignKey("programme_sessions.id", ondelete="SET NULL"), unique=True
    )
    cancelled_reason: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=clock.now)


class Wish(Base):
    """微心愿: a child's small wish, posted on the 爱心圆梦站, claimed by a volunteer, a person or a unit, fulfilled.

    Open → claimed → fulfilled, or cancelled. The version column lets the database decide between two PCs claiming
    the same wish at once.
    """

    __tablename__ = "wishes"
    __table_args__ = (
        CheckConstraint(_in("status", WISH_STATUSES), name="status"),
        CheckConstraint("claimer_kind IS NULL OR " + _in("claimer_kind", WISH_CLAIMER_KINDS), name="claimer_kind"),
        CheckConstraint("value_yuan IS NULL OR value_yuan >= 0", name="value"),
        Index("ix_wishes_station_status", "station_id", "status"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    station_id: Mapped[int] = mapped_column(ForeignKey("stations.id"))
    child_id: Mapped[int] = mapped_column(ForeignKey("children.id", ondelete="CASCADE"), index=True)
    wish: Mapped[str] = mapped_column(String(200))  # in the child's words
    value_yuan: Mapped[Decimal | None] = mapped_column(Numeric(8, 2))
    dream_id: Mapped[int | None] = mapped_column(ForeignKey("dreams.id", ondelete="SET NULL"))
    status: Mapped[str] = mapped_column(String(16), default="open", server_default="open")
    # A wish above the station's cap waits for a coordinator's approval before it can be claimed.
    needs_approval: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    approved_by: Mapped[str | None] = mapped_column(String(100))
    written_by: Mapped[str] = mapped_column(String(100))  # the actor's name
    written_at: Mapped[dt.datetime] = mapped_column(DateTime, default=clock.now)
    claimer_kind: Mapped[str | None] = mapped_column(String(16))
    claimer_volunteer_id: Mapped[int | None] = mapped_column(ForeignKey("volunteers.id", ondelete="SET NULL"))
    claimer_name: Mapped[str | None] = mapped_column(String(100))
    claimer_phone: Mapped[str | None] = mapped_column(String(20))
    claimer_unit: Mapped[str | None] = mapped_column(String(100))
    claimed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    fulfilled_on: Mapped[dt.date | None] = mapped_column(Date)
    delivery: Mapped[str | None] = mapped_column(String(100))  # how it was delivered
    photo_path: Mapped[str | None] = mapped_column(String(255))  # relative to the data directory
    note: Mapped[str | None] = mapped_column(Text)
    thanks: Mapped[str | None] = mapped_column(Text)  # the child's thanks
    cancelled_reason: Mapped[str | None] = mapped_column(String(200))
    version: Mapped[int] = mapped_column(Integer, default=1, server_default=text("1"))

    __mapper_args__ = {"version_id_col": version}


class Item(Base):
    """器材与图书: a title or a kind of equipment the station keeps (its copies are `ItemCopy`)."""

    __tablename__ = "items"
    __table_args__ = (
        CheckConstraint(_in("source", ITEM_SOURCES), name="source"),
        Index("ix_items_station_isbn", "station_id", "isbn"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    station_id: Mapped[int] = mapped_column(ForeignKey("stations.id"))
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(16), default="图书")  # 图书 / 器材 / 玩具 / 游戏 …
    isbn: Mapped[str | None] = mapped_column(String(17))
    location: Mapped[str | None] = mapped_column(String(100))  # where it is kept
    may_leave: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())  # may go home with a child
    source: Mapped[str] = mapped_column(String(16), default="purchase", server_default="purchase")
    donor: Mapped[str | None] = mapped_column(String(100))  # a donation is part of the 台账
    notes: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=clock.now)


class ItemCopy(Base):
    """One copy of an item, with its own code (printed on its label) and its condition."""

    __tablename__ = "item_copies"
    __table_args__ = (CheckConstraint(_in("condition", ITEM_CONDITIONS), name="condition"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    station_id: Mapped[int] = mapped_column(ForeignKey("stations.id"))
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    condition: Mapped[str] = mapped_column(String(16), default="ok", server_default="ok")
    last_seen_on: Mapped[dt.date | None] = mapped_column(Date)  # the last stocktake that found it on the shelf
    version: Mapped[int] = mapped_column(Integer, default=1, server_default=text("1"))

    __mapper_args__ = {"version_id_col": version}


class ItemConditionChange(Base):
    """A copy's condition history: damaged on return, lost, written off …"""

    __tablename__ = "item_condition_changes"
    __table_args__ = (CheckConstraint(_in("condition", ITEM_CONDITIONS), name="condition"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    copy_id: Mapped[int] = mapped_column(ForeignKey("item_copies.id", ondelete="CASCADE"), index=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime)
    condition: Mapped[str] = mapped_column(String(16))
    note: Mapped[str | None] = mapped_column(String(200))
    by: Mapped[str] = mapped_column(String(100))


class Loan(Base):
    """A copy lent to a child; one open loan per copy (the database decides between two PCs)."""

    __tablename__ = "loans"
    __table_args__ = (
        _partial("uq_loans_open_copy", "copy_id", "returned_at IS NULL", unique=True),
        Index("ix_loans_station_lent", "station_id", "lent_at"),
        Index("ix_loans_child", "child_id"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    station_id: Mapped[int] = mapped_column(ForeignKey("stations.id"))
    copy_id: Mapped[int] = mapped_column(ForeignKey("item_copies.id", ondelete="CASCADE"))
    child_id: Mapped[int] = mapped_column(ForeignKey("children.id", ondelete="CASCADE"))
    lent_at: Mapped[dt.datetime] = mapped_column(DateTime)
    due_on: Mapped[dt.date] = mapped_column(Date)
    returned_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    lent_by: Mapped[str] = mapped_column(String(100))


if _engine.postgresql_in_use:
    add_postgresql_conditions()
