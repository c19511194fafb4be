"""Every role × every service operation: what a role may do works; anything else raises PermissionDenied and
leaves an audit row with action "denied".

Adding an operation is one line in OPERATIONS: (name, callable(db, actor, world), the Permission(s) it needs).
`world` builds, on first use, fresh data for the call (a child, a volunteer, a parent record, …), so every call
starts from a state in which it can succeed. A test below fails when a service function taking (db, actor) is
neither in the matrix nor in NOT_GATED — so a new service cannot skip the matrix by accident.
"""

from __future__ import annotations

import datetime as dt
import importlib
import inspect
import itertools
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import pytest
from argon2 import PasswordHasher
from sqlalchemy import func, select

import qsh_desk.services as services_package
from qsh_desk.db.database import Database
from qsh_desk.db.models import AuditEntry, Child, Consent, Dream, Guardian, SessionPhoto, Volunteer, VolunteerShift
from qsh_desk.db.schema import upgrade_to_head
from qsh_desk.services import (
    accounts,
    archive,
    auditlog,
    backup,
    calendar,
    call_home,
    capacity,
    certificates,
    checkin,
    closing,
    registers,
    consents,
    corrections,
    dreams,
    duty,
    exporting,
    importing,
    lending,
    letters,
    overview,
    pairings,
    plans,
    recovery_codes,
    reports,
    roster,
    search,
    service_records,
    session_people,
    sessions,
    settings,
    stations,
    undo,
    stats,
    volunteers,
    wishes,
)
from qsh_desk.services.access import ROLE_PERMISSIONS, Actor, Permission, Role
from qsh_desk.services.cards import card_code
from qsh_desk.services.errors import PermissionDenied, ServiceError
from qsh_desk.services.search_keys import name_keys
from tests.conftest import new_postgres_database
from tests.moments import TODAY

P = Permission
LAST_SATURDAY = TODAY - dt.timedelta(days=(TODAY.weekday() - 5) % 7 or 7)
NEXT_SATURDAY = TODAY + dt.timedelta(days=(5 - TODAY.weekday()) % 7 or 7)
_serial = itertools.count(1)


class World:
    """Fresh data for one call, made by an administrator on first use of each attribute."""

    def __init__(self, db: Database, admin: Actor, folder: Path):
        self.db, self.admin, self.folder = db, admin, folder
        self.n = next(_serial)

    def _name(self, stem: str) -> str:
        return f"{stem}{self.n}"

    def _cn_name(self, stem: str) -> str:
        """Names may not hold digits: the serial number is spelled in Chinese numerals instead."""
        return stem + "".join("零一二三四五六七八九"[int(d)] for d in str(self.n))

    @property
    def saturday(self) -> dt.date:
        """A coming Saturday of this call's own (calls share the database: a day closed once stays closed)."""
        return NEXT_SATURDAY + dt.timedelta(weeks=self.n)

    @property
    def past_day(self) -> dt.date:
        return TODAY - dt.timedelta(days=self.n)

    @cached_property
    def child_id(self) -> int:
        with self.db.transaction() as s:
            name = "万梓涵" + "甲乙丙丁戊己庚辛壬癸"[self.n % 10] + str(self.n)
            child = Child(station_id=self.admin.station_id, name=name, gender="女", birth_date=dt.date(2016, 3, 1),
                          grade="三年级", card_code=card_code("C", self.admin.station_id, 500000 + self.n),
                          search_keys=name_keys(name), medical_flag=True, medical_details="花生过敏")
            child.guardians.append(Guardian(name="王秀英", relation="祖母", phone="13800001234", phone_last4="1234",
                                            may_collect=True, is_primary=True, sort_order=0))
            child.consents.append(Consent(kind="data", given_by="王秀英", given_on=dt.date(2025, 9, 1),
                                          scope="花名册，仅用于本站活动"))
            s.add(child)
            s.flush()
            return child.id

    @cached_property
    def child_version(self) -> int:
        return roster.get_child(self.db, self.admin, self.child_id).version

    @cached_property
    def archived_child(self) -> int:
        roster.archive_child(self.db, self.admin, self.child_id)
        return self.child_id

    @cached_property
    def volunteer_card(self) -> str:
        with self.db.transaction() as s:
            return s.get(Volunteer, self.volunteer_id).card_code

    @cached_property
    def consent_id(self) -> int:
        with self.db.transaction() as s:
            return s.scalar(select(Consent.id).where(Consent.child_id == self.child_id))

    @cached_property
    def volunteer_id(self) -> int:
        with self.db.transaction() as s:
            name = self._name("李志愿")
            volunteer = Volunteer(station_id=self.admin.station_id, name=name, gender="女", phone="13911112222",
                                  card_code=card_code("V", self.admin.station_id, 500000 + self.n),
                                  search_keys=name_keys(name))
            s.add(volunteer)
            s.flush()
            return volunteer.id

    @cached_property
    def volunteer_version(self) -> int:
        return volunteers.get_volunteer(self.db, self.admin, self.volunteer_id).version

    @cached_property
    def dream_id(self) -> int:
        with self.db.transaction() as s:
            return s.scalar(select(Dream.id).where(Dream.station_id == self.admin.station_id).order_by(Dream.sort_order))

    @cached_property
    def dream_ids(self) -> list[int]:
        return [d.id for d in dreams.list_dreams(self.db, self.admin)]

    @cached_property
    def parent(self) -> archive.ParentRecord:
        return archive.add_parent(self.db, self.admin, self.child_id,
                                  archive.ParentInput(relation="父亲", name="万建华", phone="13700007777"))

    @cached_property
    def contact(self) -> archive.ContactRecord:
        return archive.add_contact(self.db, self.admin, self.child_id, self.contact_input(follow_up=True))

    def contact_input(self, follow_up: bool = False) -> archive.ContactInput:
        return archive.ContactInput(contacted_at=dt.datetime.combine(TODAY, dt.time(8, 0)), channel="电话",
                                    initiated_by="parent", summary="聊了学习", follow_up_needed=follow_up,
                                    follow_up_due=TODAY + dt.timedelta(days=7) if follow_up else None)

    @cached_property
    def home_visit(self) -> archive.HomeVisitRecord:
        return archive.add_home_visit(self.db, self.admin, self.child_id, self.home_visit_input())

    def home_visit_input(self) -> archive.HomeVisitInput:
        return archive.HomeVisitInput(visited_on=TODAY, visitors="社工", met_whom="祖母", findings="一切正常",
                                      follow_up_actions="下月再访", follow_up_due=TODAY + dt.timedelta(days=30))

    @cached_property
    def session_id(self) -> int:
        return sessions.log_session(self.db, self.admin, self.session_draft())

    def session_draft(self) -> sessions.SessionDraft:
        starts = dt.datetime.combine(LAST_SATURDAY, dt.time(9, 30))
        return sessions.SessionDraft(dream_id=self.dream_id, starts_at=starts, theme=self._name("手工课"),
                                     participant_ids=(self.child_id,))

    @cached_property
    def session_version(self) -> int:
        return sessions.get_session(self.db, self.admin, self.session_id).version

    @cached_property
    def pairing_id(self) -> int:
        return pairings.create_pairing(self.db, self.admin, volunteer_id=self.volunteer_id, child_id=self.child_id,
                                       started_on=TODAY - dt.timedelta(days=30), goal="学业提升")

    @cached_property
    def checked_in_child(self) -> int:
        checkin.check_in(self.db, self.admin, "child", self.child_id)
        return self.child_id

    @cached_property
    def visit_id(self) -> int:
        return checkin.check_in(self.db, self.admin, "child", self.child_id).record_id

    @cached_property
    def checked_in_volunteer(self) -> int:
        checkin.check_in(self.db, self.admin, "volunteer", self.volunteer_id)
        return self.volunteer_id

    @cached_property
    def old_shift_id(self) -> int:
        """A volunteer shift left open since last weekend (the desk forgot to check the volunteer out)."""
        with self.db.transaction() as s:
            shift = VolunteerShift(station_id=self.admin.station_id, volunteer_id=self.volunteer_id,
                                   started_at=dt.datetime.combine(LAST_SATURDAY, dt.time(9, 0)))
            s.add(shift)
            s.flush()
            return shift.id

    @cached_property
    def served_volunteer(self) -> int:
        """A volunteer with a finished shift last weekend (a certificate needs served hours)."""
        with self.db.transaction() as s:
            s.add(VolunteerShift(station_id=self.admin.station_id, volunteer_id=self.volunteer_id,
                                 started_at=dt.datetime.combine(LAST_SATURDAY, dt.time(9, 0)),
                                 ended_at=dt.datetime.combine(LAST_SATURDAY, dt.time(12, 0)), hours=3))
        return self.volunteer_id

    @cached_property
    def team(self) -> volunteers.TeamView:
        return volunteers.add_team(self.db, self.admin, self._name("志愿队"))

    @cached_property
    def post(self) -> duty.PostInfo:
        return duty.save_post(self.db, self.admin, name=self._name("岗位"), capacity=2,
                              starts_at=dt.time(9), ends_at=dt.time(12))

    @cached_property
    def assignment_id(self) -> int:
        return duty.assign(self.db, self.admin, post_id=self.post.id, day=NEXT_SATURDAY,
                           volunteer_id=self.volunteer_id).assignment_id

    def plan_draft(self) -> plans.PlanDraft:
        return plans.PlanDraft(self.saturday, dt.time(9, 30), self.dream_id, self._name("水利科普"))

    @cached_property
    def plan_id(self) -> int:
        return plans.plan_session(self.db, self.admin, self.plan_draft())

    @cached_property
    def username(self) -> str:
        return accounts.create_user(self.db, self.admin, self._name("duty"), Role.DUTY, "duty-pass-1").username

    @cached_property
    def child_input(self) -> roster.ChildInput:
        return roster.ChildInput(name=self._cn_name("刘洋"), gender="男", birth_date=dt.date(2017, 5, 1), grade="二年级",
                                 guardians=(roster.GuardianInput(name="刘奶奶", relation="祖母", phone="13600001111",
                                                                 may_collect=True, relation_note=None),))

    @cached_property
    def photo(self) -> Path:
        path = self.folder / f"photo{self.n}.png"
        path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
        return path

    @cached_property
    def import_file(self) -> Path:
        path = self.folder / f"children{self.n}.csv"
        path.write_text("姓名,性别,出生日期,年级\n" + self._cn_name("赵小") + ",女,2016-04-01,四年级\n", encoding="utf-8")
        return path

    @cached_property
    def wish_id(self) -> int:
        return wishes.add_wish(self.db, self.admin, self.child_id, "一个新书包")

    @cached_property
    def big_wish_id(self) -> int:
        """A wish above the cap, written by a duty volunteer: it waits for approval."""
        duty = Actor(user_id=None, name="matrix-duty-writer", role=Role.DUTY, station_id=self.admin.station_id)
        return wishes.add_wish(self.db, duty, self.child_id, "一台电子琴", value_yuan=500)

    @cached_property
    def claimed_wish_id(self) -> int:
        wishes.claim_wish(self.db, self.admin, self.wish_id, unit="共建单位")
        return self.wish_id

    @cached_property
    def item_code(self) -> str:
        return lending.add_item(self.db, self.admin, self._cn_name("童话书"), copies=1).codes[0]

    @cached_property
    def lent_code(self) -> str:
        lending.lend(self.db, self.admin, self.item_code, self.child_id)
        return self.item_code

    def out(self, suffix: str) -> Path:
        return self.folder / f"out{self.n}{suffix}"

    @cached_property
    def session_photo(self) -> str:
        """A photo of this call's session (the children in it are ticked)."""
        path = f"photos/matrix{self.n}.jpg"
        with self.db.transaction() as s:
            s.add(SessionPhoto(session_id=self.session_id, path=path))
        return path

    @cached_property
    def party_member(self) -> str:
        """A served volunteer who is an in-service party member of a unit of this call's own; the unit's name."""
        unit = self._cn_name("税务局")
        with self.db.transaction() as s:
            volunteer = s.get(Volunteer, self.served_volunteer)
            volunteer.political_status, volunteer.in_service_party_member, volunteer.work_unit = "中共党员", True, unit
        return unit


Call = Callable[[Database, Actor, World], Any]


@dataclass(frozen=True)
class Op:
    name: str  # module.function, with a [variant] when one function is gated differently by its arguments
    call: Call
    needs: Permission | tuple[Permission, ...]
    # The call passes the permission check but is then refused on purpose (e.g. restoring a missing file):
    refused_after_check: bool = False

    @property
    def permissions(self) -> tuple[Permission, ...]:
        return self.needs if isinstance(self.needs, tuple) else (self.needs,)


def _backup_or_refuse(db: Database, actor: Actor, w: World) -> Any:
    """On PostgreSQL the app leaves backups to pg_dump: there the call is refused after the permission check."""
    try:
        return backup.back_up(db, actor, out=w.out(".sqlite3"))
    except PermissionDenied:
        raise
    except ServiceError:
        if db.is_sqlite:
            raise
        return None


OPERATIONS: list[Op] = [
    # settings, station, overview
    Op("settings.get_all", lambda db, a, w: settings.get_all(db, a), P.DESK),
    Op("settings.get", lambda db, a, w: settings.get(db, a, "no_contact_days"), P.DESK),
    Op("settings.set_value", lambda db, a, w: settings.set_value(db, a, "no_contact_days", 40), P.SETTINGS),
    Op("settings.unset_value", lambda db, a, w: settings.unset_value(db, a, "room_capacity"), P.SETTINGS),
    Op("capacity.day_load", lambda db, a, w: capacity.day_load(db, a), P.DESK),
    Op("stations.rename_station", lambda db, a, w: stations.rename_station(db, a, w._name("高新社区亲善之家")), P.SETTINGS),
    Op("overview.station_overview", lambda db, a, w: overview.station_overview(db, a, "站"), P.DESK),
    # accounts and the audit log
    Op("accounts.create_user", lambda db, a, w: accounts.create_user(db, a, w._name("new"), "duty", "pass-word-1"), P.USERS),
    Op("accounts.list_users", lambda db, a, w: accounts.list_users(db, a), P.USERS),
    Op("accounts.get_user", lambda db, a, w: accounts.get_user(db, a, w.username), P.USERS),
    Op("accounts.set_active", lambda db, a, w: accounts.set_active(db, a, w.username, False), P.USERS),
    Op("accounts.disable_user", lambda db, a, w: accounts.disable_user(db, a, w.username), P.USERS),
    Op("accounts.enable_user", lambda db, a, w: accounts.enable_user(db, a, w.username), P.USERS),
    Op("accounts.reset_password", lambda db, a, w: accounts.reset_password(db, a, w.username, "new-pass-12"), P.USERS),
    Op("accounts.set_pin", lambda db, a, w: accounts.set_pin(db, a, w.username, "4321"), P.USERS),
    Op("recovery_codes.renew", lambda db, a, w: recovery_codes.renew(db, a), P.USERS),
    Op("recovery_codes.make_if_missing", lambda db, a, w: recovery_codes.make_if_missing(db, a), P.USERS),
    Op("auditlog.query", lambda db, a, w: auditlog.query(db, a, kind="denied"), P.AUDIT_VIEW),
    Op("auditlog.filter_choices", lambda db, a, w: auditlog.filter_choices(db, a), P.AUDIT_VIEW),
    # the desk
    Op("checkin.check_in[child]", lambda db, a, w: checkin.check_in(db, a, "child", w.child_id), P.DESK),
    Op("checkin.check_in[volunteer]", lambda db, a, w: checkin.check_in(db, a, "volunteer", w.volunteer_id), P.DESK),
    Op("checkin.pickup_options", lambda db, a, w: checkin.pickup_options(db, a, w.checked_in_child), P.DESK),
    Op("checkin.check_out_child", lambda db, a, w: checkin.check_out_child(
        db, a, w.checked_in_child, checkin.Pickup(name="王秀英", relation="祖母")), P.DESK),
    Op("checkin.check_out_volunteer", lambda db, a, w: checkin.check_out_volunteer(db, a, w.checked_in_volunteer), P.DESK),
    Op("checkin.present", lambda db, a, w: checkin.present(db, a), P.DESK),
    Op("corrections.day_records", lambda db, a, w: corrections.day_records(db, a), P.DESK),
    Op("undo.last_undoable", lambda db, a, w: undo.last_undoable(db, a), P.DESK),
    Op("undo.undo_last", lambda db, a, w: (checkin.check_in(db, a, "child", w.child_id) if a.can(P.DESK) else None,
                                              undo.undo_last(db, a)), P.DESK),
    Op("corrections.correct_times", lambda db, a, w: corrections.correct_times(
        db, a, "child", w.visit_id, reason="补登", checked_in_at=dt.datetime.combine(TODAY, dt.time(0, 1))), P.DESK),
    Op("closing.closing_status", lambda db, a, w: closing.closing_status(db, a), P.DESK),
    Op("closing.record_call", lambda db, a, w: closing.record_call(db, a, w.visit_id, "reached"), P.DESK),
    Op("closing.close_day", lambda db, a, w: closing.close_day(db, a, reason="测试", day=w.past_day), P.DESK),
    Op("closing.open_shifts_after_closing", lambda db, a, w: closing.open_shifts_after_closing(db, a), P.DESK),
    Op("closing.complete_shift", lambda db, a, w: closing.complete_shift(
        db, a, w.old_shift_id, dt.datetime.combine(LAST_SATURDAY, dt.time(12, 0)), "补登"), P.BACKFILL),
    Op("checkin.walk_in", lambda db, a, w: checkin.walk_in(db, a, w.child_input), P.WALK_IN),
    Op("search.load_index", lambda db, a, w: search.load_index(db, a), P.DESK),
    Op("search.find_one", lambda db, a, w: search.find_one(db, a, w.volunteer_card), P.DESK),
    # rosters
    Op("roster.add_child", lambda db, a, w: roster.add_child(db, a, w.child_input), P.ROSTER_EDIT),
    Op("roster.add_walk_in", lambda db, a, w: roster.add_walk_in(db, a, w.child_input), P.WALK_IN),
    Op("roster.list_children", lambda db, a, w: roster.list_children(db, a), P.ROSTER_VIEW),
    Op("roster.child_filter_choices", lambda db, a, w: roster.child_filter_choices(db, a), P.ROSTER_VIEW),
    Op("roster.get_child", lambda db, a, w: roster.get_child(db, a, w.child_id), P.ROSTER_VIEW),
    Op("consents.list_consents", lambda db, a, w: consents.list_consents(db, a, w.child_id), P.ROSTER_VIEW),
    Op("roster.update_child", lambda db, a, w: roster.update_child(db, a, w.child_id, w.child_input, w.child_version),
       P.ROSTER_EDIT),
    Op("roster.archive_child", lambda db, a, w: roster.archive_child(db, a, w.child_id), P.ROSTER_EDIT),
    Op("roster.restore_child", lambda db, a, w: roster.restore_child(db, a, w.archived_child), P.ROSTER_EDIT),
    Op("roster.child_history", lambda db, a, w: roster.child_history(db, a, w.child_id), P.ROSTER_VIEW),
    Op("roster.delete_child", lambda db, a, w: roster.delete_child(db, a, w.child_id, confirmed=True), P.DELETE),
    Op("consents.record_consent", lambda db, a, w: consents.record_consent(
        db, a, w.child_id, "go_home_alone", "王秀英", TODAY), P.ROSTER_EDIT),
    Op("consents.revoke_consent", lambda db, a, w: consents.revoke_consent(db, a, w.consent_id), P.ROSTER_EDIT),
    Op("roster.set_photo", lambda db, a, w: roster.set_photo(db, a, w.child_id, w.photo), P.ROSTER_EDIT),
    Op("roster.remove_photo", lambda db, a, w: roster.remove_photo(db, a, w.child_id), P.ROSTER_EDIT),
    Op("importing.preview_import", lambda db, a, w: importing.preview_import(db, a, "children", w.import_file),
       P.ROSTER_EDIT),
    Op("importing.run_import", lambda db, a, w: importing.run_import(db, a, "children", w.import_file), P.ROSTER_EDIT),
    Op("volunteers.list_volunteers", lambda db, a, w: volunteers.list_volunteers(db, a), P.ROSTER_VIEW),
    Op("volunteers.get_volunteer", lambda db, a, w: volunteers.get_volunteer(db, a, w.volunteer_id), P.ROSTER_VIEW),
    Op("volunteers.list_teams", lambda db, a, w: volunteers.list_teams(db, a), P.ROSTER_VIEW),
    Op("volunteers.add_team", lambda db, a, w: volunteers.add_team(db, a, w._name("新队")), P.ROSTER_EDIT),
    Op("volunteers.rename_team", lambda db, a, w: volunteers.rename_team(db, a, w.team.id, w._name("改名队")),
       P.ROSTER_EDIT),
    Op("volunteers.delete_team", lambda db, a, w: volunteers.delete_team(db, a, w.team.id), P.ROSTER_EDIT),
    Op("volunteers.add_volunteer", lambda db, a, w: volunteers.add_volunteer(
        db, a, volunteers.VolunteerInput(name=w._cn_name("张新"))), P.ROSTER_EDIT),
    Op("volunteers.update_volunteer", lambda db, a, w: volunteers.update_volunteer(
        db, a, w.volunteer_id, volunteers.VolunteerInput(name=w._cn_name("李改名")), w.volunteer_version), P.ROSTER_EDIT),
    Op("volunteers.set_volunteer_active", lambda db, a, w: volunteers.set_volunteer_active(
        db, a, w.volunteer_id, False), P.ROSTER_EDIT),
    Op("volunteers.volunteer_history", lambda db, a, w: volunteers.volunteer_history(db, a, w.volunteer_id),
       P.ROSTER_VIEW),
    Op("volunteers.delete_volunteer", lambda db, a, w: volunteers.delete_volunteer(
        db, a, w.volunteer_id, confirmed=True), P.DELETE),
    # the ten dreams, sessions, plans, pairings, duty, calendar, statistics
    Op("dreams.list_dreams", lambda db, a, w: dreams.list_dreams(db, a), P.SESSION_LOG),
    Op("dreams.update_dream", lambda db, a, w: dreams.update_dream(db, a, w.dream_id, colour="#c62828"),
       P.SESSION_MANAGE),
    Op("dreams.rename_dream", lambda db, a, w: dreams.rename_dream(db, a, w.dream_id, "好人梦"), P.SESSION_MANAGE),
    Op("dreams.describe_dream", lambda db, a, w: dreams.describe_dream(db, a, w.dream_id, "讲好人故事"),
       P.SESSION_MANAGE),
    Op("dreams.reorder_dreams", lambda db, a, w: dreams.reorder_dreams(db, a, w.dream_ids), P.SESSION_MANAGE),
    Op("dreams.add_dream", lambda db, a, w: dreams.add_dream(db, a, dream_name=w._name("科技梦")), P.SESSION_MANAGE),
    Op("session_people.checked_in_children", lambda db, a, w: session_people.checked_in_children(db, a, TODAY), P.SESSION_LOG),
    Op("session_people.search_children", lambda db, a, w: session_people.search_children(db, a, "万"), P.SESSION_LOG),
    Op("session_people.search_volunteers", lambda db, a, w: session_people.search_volunteers(db, a, "李"), P.SESSION_LOG),
    Op("session_people.volunteers_on_duty", lambda db, a, w: session_people.volunteers_on_duty(db, a, TODAY), P.SESSION_LOG),
    Op("session_people.staff_users", lambda db, a, w: session_people.staff_users(db, a), P.SESSION_LOG),
    Op("sessions.log_session", lambda db, a, w: sessions.log_session(db, a, w.session_draft()), P.SESSION_LOG),
    Op("sessions.update_session", lambda db, a, w: sessions.update_session(
        db, a, w.session_id, w.session_draft(), expected_version=w.session_version), P.SESSION_MANAGE),
    Op("sessions.delete_session", lambda db, a, w: sessions.delete_session(db, a, w.session_id), P.SESSION_MANAGE),
    Op("call_home.log_call_home", lambda db, a, w: call_home.log_call_home(
        db, a, w.child_id, at=dt.datetime.combine(LAST_SATURDAY, dt.time(10))), P.SESSION_LOG),
    Op("sessions.get_session", lambda db, a, w: sessions.get_session(db, a, w.session_id), P.SESSION_LOG),
    Op("sessions.list_sessions", lambda db, a, w: sessions.list_sessions(db, a), P.SESSION_LOG),
    Op("sessions.export_sessions", lambda db, a, w: sessions.export_sessions(
        db, a, w.out(".xlsx"), date_from=LAST_SATURDAY, date_to=TODAY), P.EXPORT),
    Op("plans.plan_session", lambda db, a, w: plans.plan_session(db, a, w.plan_draft()), P.SESSION_MANAGE),
    Op("plans.update_plan", lambda db, a, w: plans.update_plan(db, a, w.plan_id, w.plan_draft()), P.SESSION_MANAGE),
    Op("plans.cancel_plan", lambda db, a, w: plans.cancel_plan(db, a, w.plan_id, "下雨"), P.SESSION_MANAGE),
    Op("plans.list_plans", lambda db, a, w: plans.list_plans(db, a, TODAY, NEXT_SATURDAY), P.DESK),
    Op("plans.hold_plan", lambda db, a, w: plans.hold_plan(db, a, w.plan_id), P.SESSION_LOG),
    Op("plans.planned_vs_held", lambda db, a, w: plans.planned_vs_held(db, a, TODAY, NEXT_SATURDAY), P.DESK),
    Op("plans.plan_month", lambda db, a, w: plans.plan_month(db, a, TODAY.year, TODAY.month), P.DESK),
    Op("pairings.create_pairing", lambda db, a, w: pairings.create_pairing(
        db, a, volunteer_id=w.volunteer_id, child_id=w.child_id, started_on=TODAY), P.SESSION_MANAGE),
    Op("pairings.update_pairing", lambda db, a, w: pairings.update_pairing(
        db, a, w.pairing_id, goal="生活照料", started_on=TODAY - dt.timedelta(days=30), ended_on=None,
        visit_interval_days=14), P.SESSION_MANAGE),
    Op("pairings.record_visit", lambda db, a, w: pairings.record_visit(
        db, a, w.pairing_id, visited_on=TODAY, kind="上门", what_done="辅导作业"), P.SESSION_LOG),
    Op("pairings.list_pairings", lambda db, a, w: pairings.list_pairings(db, a), P.SESSION_LOG),
    Op("pairings.overdue_pairings", lambda db, a, w: pairings.overdue_pairings(db, a), P.SESSION_LOG),
    Op("pairings.list_visits", lambda db, a, w: pairings.list_visits(db, a, w.pairing_id), P.SESSION_LOG),
    Op("duty.list_posts", lambda db, a, w: duty.list_posts(db, a), P.DESK),
    Op("duty.save_post", lambda db, a, w: duty.save_post(db, a, name=w._name("图书角"), capacity=1,
                                                         starts_at=dt.time(9), ends_at=dt.time(12)), P.SESSION_MANAGE),
    Op("duty.assign[claim]", lambda db, a, w: duty.assign(db, a, post_id=w.post.id, day=NEXT_SATURDAY,
                                                          volunteer_id=w.volunteer_id, claim=True), P.DESK),
    Op("duty.assign", lambda db, a, w: duty.assign(db, a, post_id=w.post.id, day=NEXT_SATURDAY,
                                                   volunteer_id=w.volunteer_id), P.SESSION_MANAGE),
    Op("duty.unassign", lambda db, a, w: duty.unassign(db, a, w.assignment_id), P.SESSION_MANAGE),
    Op("duty.duty_roster", lambda db, a, w: duty.duty_roster(db, a, TODAY, NEXT_SATURDAY), P.DESK),
    Op("duty.no_shows", lambda db, a, w: duty.no_shows(db, a, LAST_SATURDAY, TODAY), P.DESK),
    Op("duty.gap_callers", lambda db, a, w: duty.gap_callers(db, a, NEXT_SATURDAY), P.DESK),
    Op("duty.duty_month", lambda db, a, w: duty.duty_month(db, a, TODAY.year, TODAY.month), P.DESK),
    Op("calendar.month_days", lambda db, a, w: calendar.month_days(db, a, w.saturday, w.saturday), P.DESK),
    Op("calendar.opening_days", lambda db, a, w: calendar.opening_days(db, a, w.saturday, w.saturday), P.DESK),
    Op("calendar.day_status", lambda db, a, w: calendar.day_status(db, a, w.saturday), P.DESK),
    Op("calendar.close_day", lambda db, a, w: calendar.close_day(db, a, w.saturday, "寒潮停课"), P.SESSION_MANAGE),
    Op("calendar.open_day", lambda db, a, w: calendar.open_day(db, a, w.saturday + dt.timedelta(days=2), "加开"),
       P.SESSION_MANAGE),
    Op("calendar.reset_day", lambda db, a, w: calendar.reset_day(db, a, w.saturday), P.SESSION_MANAGE),
    Op("stats.dream_report", lambda db, a, w: stats.dream_report(
        db, a, stats.Period(LAST_SATURDAY - dt.timedelta(days=30), TODAY, "近一月")), P.SESSION_LOG),
    Op("stats.dream_passport", lambda db, a, w: stats.dream_passport(db, a, w.child_id), P.SESSION_LOG),
    Op("stats.children_not_reached", lambda db, a, w: stats.children_not_reached(db, a), P.SESSION_LOG),
    # 微心愿
    Op("wishes.add_wish", lambda db, a, w: wishes.add_wish(db, a, w.child_id, "一本字典"), P.WISHES),
    Op("wishes.claim_wish", lambda db, a, w: wishes.claim_wish(db, a, w.wish_id, volunteer_id=w.volunteer_id),
       P.WISHES),
    Op("wishes.match_volunteer", lambda db, a, w: wishes.match_volunteer(db, a, "李志愿"), P.WISHES),
    Op("wishes.list_wishes", lambda db, a, w: wishes.list_wishes(db, a), P.WISHES),
    Op("wishes.open_wish_count", lambda db, a, w: wishes.open_wish_count(db, a), P.WISHES),
    Op("wishes.wish_board", lambda db, a, w: wishes.wish_board(db, a), P.WISHES),
    Op("wishes.wish_stats", lambda db, a, w: wishes.wish_stats(db, a, TODAY.replace(day=1), TODAY), P.WISHES),
    Op("wishes.approve_wish", lambda db, a, w: wishes.approve_wish(db, a, w.big_wish_id), P.WISH_MANAGE),
    Op("wishes.fulfil_wish", lambda db, a, w: wishes.fulfil_wish(db, a, w.claimed_wish_id), P.WISH_MANAGE),
    Op("wishes.cancel_wish", lambda db, a, w: wishes.cancel_wish(db, a, w.wish_id, "孩子搬家了"), P.WISH_MANAGE),
    Op("wishes.wish_record", lambda db, a, w: wishes.wish_record(db, a, w.claimed_wish_id), P.PRINT_RESTRICTED),
    Op("wishes.recent_records", lambda db, a, w: wishes.recent_records(db, a), P.PRINT_RESTRICTED),
    # 器材与图书
    Op("lending.add_item", lambda db, a, w: lending.add_item(db, a, w._cn_name("跳绳")), P.ITEMS_MANAGE),
    Op("lending.scan", lambda db, a, w: lending.scan(db, a, w.item_code), P.LEND),
    Op("lending.item_history", lambda db, a, w: lending.item_history(db, a, lending.list_items(db, w.admin)[0].id),
       P.LEND),
    Op("lending.list_items", lambda db, a, w: lending.list_items(db, a), P.LEND),
    Op("lending.lend", lambda db, a, w: lending.lend(db, a, w.item_code, w.child_id), P.LEND),
    Op("lending.return_item", lambda db, a, w: lending.return_item(db, a, w.lent_code), P.LEND),
    Op("lending.set_condition", lambda db, a, w: lending.set_condition(db, a, w.item_code, "damaged"), P.ITEMS_MANAGE),
    Op("lending.list_loans", lambda db, a, w: lending.list_loans(db, a), P.LEND),
    Op("lending.overdue_by_child", lambda db, a, w: lending.overdue_by_child(db, a), P.LEND),
    Op("lending.kept_in_the_room", lambda db, a, w: lending.kept_in_the_room(db, a, w.child_id), P.LEND),
    Op("lending.stocktake", lambda db, a, w: lending.stocktake(db, a, [w.item_code]), P.ITEMS_MANAGE),
    Op("lending.items_register", lambda db, a, w: lending.items_register(db, a), P.PRINT_BASIC),
    Op("lending.loan_sheet", lambda db, a, w: lending.loan_sheet(db, a, TODAY.year, TODAY.month), P.PRINT_BASIC),
    Op("lending.item_labels", lambda db, a, w: lending.item_labels(db, a), P.PRINT_BASIC),
    Op("lending.overdue_slips", lambda db, a, w: lending.overdue_slips(db, a), P.PRINT_BASIC),
    # 父母档案
    Op("archive.find_children", lambda db, a, w: archive.find_children(db, a, "万"), P.ARCHIVE),
    Op("archive.get_archive", lambda db, a, w: archive.get_archive(db, a, w.child_id), P.ARCHIVE),
    Op("archive.child_timeline", lambda db, a, w: archive.child_timeline(db, a, w.child_id), P.ARCHIVE),
    Op("archive.add_parent", lambda db, a, w: archive.add_parent(
        db, a, w.child_id, archive.ParentInput(relation="母亲", name="刘美兰")), P.ARCHIVE),
    Op("archive.update_parent", lambda db, a, w: archive.update_parent(
        db, a, w.parent.id, w.parent.version, archive.ParentInput(relation="父亲", name="万建国")), P.ARCHIVE),
    Op("archive.delete_parent", lambda db, a, w: archive.delete_parent(db, a, w.parent.id, w.parent.version), P.ARCHIVE),
    Op("archive.save_guardianship", lambda db, a, w: archive.save_guardianship(
        db, a, w.child_id, archive.GuardianshipInput(kind="父母均外出", quality="一般"), None), P.ARCHIVE),
    Op("archive.add_contact", lambda db, a, w: archive.add_contact(db, a, w.child_id, w.contact_input()), P.ARCHIVE),
    Op("archive.add_contact[as session]", lambda db, a, w: archive.add_contact(
        db, a, w.child_id, w.contact_input(), log_as_session=True), (P.ARCHIVE, P.SESSION_LOG)),
    Op("archive.update_contact", lambda db, a, w: archive.update_contact(
        db, a, w.contact.id, w.contact.version, w.contact_input()), P.ARCHIVE),
    Op("archive.delete_contact", lambda db, a, w: archive.delete_contact(db, a, w.contact.id, w.contact.version),
       P.ARCHIVE),
    Op("archive.add_home_visit", lambda db, a, w: archive.add_home_visit(db, a, w.child_id, w.home_visit_input()),
       P.ARCHIVE),
    Op("archive.update_home_visit", lambda db, a, w: archive.update_home_visit(
        db, a, w.home_visit.id, w.home_visit.version, w.home_visit_input()), P.ARCHIVE),
    Op("archive.complete_follow_up", lambda db, a, w: archive.complete_follow_up(db, a, "contact", w.contact.id),
       P.ARCHIVE),
    Op("archive.alerts", lambda db, a, w: archive.alerts(db, a), P.ARCHIVE),
    Op("archive.export_xlsx", lambda db, a, w: archive.export_xlsx(db, a, w.out(".xlsx")), (P.ARCHIVE, P.EXPORT)),
    # printing (the data behind each printout)
    Op("reports.signin_sheet", lambda db, a, w: reports.signin_sheet(db, a, TODAY), P.PRINT_BASIC),
    Op("reports.volunteer_sheet", lambda db, a, w: reports.volunteer_sheet(db, a, TODAY), P.PRINT_BASIC),
    Op("reports.attendance_month", lambda db, a, w: reports.attendance_month(db, a, TODAY.year, TODAY.month),
       P.PRINT_BASIC),
    Op("reports.session_record", lambda db, a, w: reports.session_record(db, a, w.session_id), P.PRINT_BASIC),
    Op("reports.recent_sessions", lambda db, a, w: reports.recent_sessions(db, a), P.PRINT_BASIC),
    Op("registers.roster", lambda db, a, w: registers.roster(db, a), P.PRINT_RESTRICTED),
    Op("registers.home_visit_record", lambda db, a, w: registers.home_visit_record(db, a, w.home_visit.id),
       P.PRINT_RESTRICTED),
    Op("registers.recent_home_visits", lambda db, a, w: registers.recent_home_visits(db, a), P.PRINT_RESTRICTED),
    Op("certificates.find_volunteer", lambda db, a, w: certificates.find_volunteer(db, a, w.volunteer_card), P.PRINT_BASIC),
    Op("certificates.volunteer_certificate", lambda db, a, w: certificates.volunteer_certificate(
        db, a, w.served_volunteer, LAST_SATURDAY - dt.timedelta(days=365), TODAY), P.PRINT_BASIC),
    Op("reports.cards", lambda db, a, w: reports.cards(db, a, child_ids=[w.child_id]), P.PRINT_BASIC),
    # 给爸爸妈妈的信
    Op("letters.find_child", lambda db, a, w: letters.find_child(db, a, w.child_id), P.ARCHIVE),
    Op("letters.letter", lambda db, a, w: letters.letter(db, a, (w.parent, w.child_id)[1], f"{TODAY:%Y-%m}"),
       P.ARCHIVE),
    Op("letters.letters", lambda db, a, w: letters.letters(db, a, f"{TODAY:%Y-%m}"), P.ARCHIVE),
    Op("letters.save_words", lambda db, a, w: letters.save_words(db, a, w.child_id, f"{TODAY:%Y-%m}", note="很乖",
                                                                 child_words=None), P.ARCHIVE),
    Op("letters.mark_sent", lambda db, a, w: letters.mark_sent(db, a, w.child_id, f"{TODAY:%Y-%m}", "wechat"),
       P.ARCHIVE),
    Op("letters.photo_children", lambda db, a, w: letters.photo_children(db, a, w.session_id, w.session_photo),
       P.SESSION_LOG),
    Op("letters.tag_photo", lambda db, a, w: letters.tag_photo(db, a, w.session_id, w.session_photo, [w.child_id]),
       P.SESSION_LOG),
    # 志愿服务记录 and 双报到
    Op("service_records.service_records", lambda db, a, w: service_records.service_records(
        db, a, LAST_SATURDAY, TODAY, volunteer_id=w.served_volunteer), P.PRINT_BASIC),
    Op("service_records.party_report", lambda db, a, w: service_records.party_report(
        db, a, w.party_member, LAST_SATURDAY, TODAY), P.PRINT_BASIC),
    Op("service_records.party_summary", lambda db, a, w: service_records.party_summary(db, a, LAST_SATURDAY, TODAY),
       P.PRINT_BASIC),
    Op("service_records.work_units", lambda db, a, w: service_records.work_units(db, a), P.ROSTER_VIEW),
    # export and backups
    Op("exporting.export_children", lambda db, a, w: exporting.export_children(db, a, w.out(".xlsx")), P.EXPORT),
    Op("exporting.export_volunteers", lambda db, a, w: exporting.export_volunteers(db, a, w.out(".xlsx")), P.EXPORT),
    Op("service_records.export_hours", lambda db, a, w: service_records.export_hours(
        db, a, w.out(".xlsx"), LAST_SATURDAY, TODAY, volunteer_id=w.served_volunteer), P.EXPORT),
    Op("backup.list_backups", lambda db, a, w: backup.list_backups(db, a), P.BACKUP),
    Op("backup.back_up", _backup_or_refuse, P.BACKUP),
    # A real restore would replace the database under the other tests: a missing file is refused after the check.
    Op("backup.restore", lambda db, a, w: backup.restore(db, a, w.out(".missing")), P.BACKUP, refused_after_check=True),
]

# Service functions taking (db, actor) that need no permission of their own, and why.
NOT_GATED = {
    "access.require": "it is the check itself",
    "kernel.unit_of_work": "the check itself, with the rest of a unit of work",
    "kernel.reading": "the check itself, for a unit of work that only reads",
    "accounts.change_own_password": "every logged-in user may change their own password (proving the old one)",
    "backup.record_restore": "writes the audit row of a restore that `restore` already allowed",
    "demo.generate": "fills an empty database from the command line, which acts as an administrator",
}


def allowed(role: Role, op: Op) -> bool:
    return all(p in ROLE_PERMISSIONS[role] for p in op.permissions)


@pytest.fixture(scope="module", params=("sqlite", "postgres"))
def shared_db(request, tmp_path_factory):
    """One database per backend for the whole matrix (each call gets its own fresh data from World)."""
    if request.param == "sqlite":
        url, drop = f"sqlite:///{tmp_path_factory.mktemp('matrix') / 'matrix.sqlite3'}", None
    else:
        url, drop = new_postgres_database(request.getfixturevalue("postgres_server"))
    database = Database(url)
    upgrade_to_head(database.engine)
    stations.ensure_station(database)
    yield database
    database.dispose()
    if drop is not None:
        drop()


@pytest.fixture(autouse=True)
def cheap_hashes(monkeypatch):
    monkeypatch.setattr(accounts, "_HASHER", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))


def _denied_rows(db: Database) -> int:
    with db.transaction() as s:
        return s.scalar(select(func.count(AuditEntry.id)).where(AuditEntry.action == "denied")) or 0


@pytest.mark.parametrize("op", OPERATIONS, ids=[op.name for op in OPERATIONS])
def test_every_role_on_every_operation(op: Op, shared_db: Database, tmp_path):
    db = shared_db
    station = stations.current_station(db)
    admin = Actor(user_id=None, name="matrix-admin", role=Role.ADMIN, station_id=station.id)
    for role in Role:
        actor = Actor(user_id=None, name=f"matrix-{role.value}", role=role, station_id=station.id)
        world = World(db, admin, tmp_path)
        if allowed(role, op):
            denied_before = _denied_rows(db)
            try:
                op.call(db, actor, world)
            except PermissionDenied as refused:
                pytest.fail(f"{op.name}: {role.value} should be allowed but was refused: {refused}")
            except ServiceError:
                if not op.refused_after_check:
                    raise
            assert _denied_rows(db) == denied_before, f"{op.name}: {role.value} left a 'denied' row"
        else:
            with db.transaction() as s:
                last_id = s.scalar(select(func.max(AuditEntry.id))) or 0
            with pytest.raises(PermissionDenied):
                op.call(db, actor, world)
            with db.transaction() as s:
                rows = s.scalars(select(AuditEntry).where(AuditEntry.id > last_id, AuditEntry.action == "denied")).all()
            assert [r.actor for r in rows] == [actor.name], f"{op.name}: {role.value}'s refusal was not audited once"
            assert rows[0].detail["permission"] in {p.value for p in op.permissions}


# A capability split into parts re-exports them under its own name (archive.add_contact, defined in archive_edits).
CAPABILITY_PARTS = {"archive_edits": "archive", "archive_records": "archive"}


def _gated_functions() -> set[str]:
    found = set()
    for module in pkgutil.iter_modules(services_package.__path__):
        mod = importlib.import_module(f"qsh_desk.services.{module.name}")
        for name, fn in vars(mod).items():
            if inspect.isfunction(fn) and fn.__module__ == mod.__name__ and not name.startswith("_"):
                if list(inspect.signature(fn).parameters)[:2] == ["db", "actor"]:
                    found.add(f"{CAPABILITY_PARTS.get(module.name, module.name)}.{name}")
    return found


def test_the_matrix_covers_every_service_operation():
    in_matrix = {op.name.split("[")[0] for op in OPERATIONS}
    missing = sorted(_gated_functions() - in_matrix - set(NOT_GATED))
    assert missing == [], "add one line per operation to OPERATIONS in tests/test_access_matrix.py"
    assert not in_matrix & set(NOT_GATED)


def test_the_roles_match_the_issue_table():
    duty, social, admin = (ROLE_PERMISSIONS[r] for r in (Role.DUTY, Role.SOCIAL, Role.ADMIN))
    assert duty < social < admin == frozenset(Permission)
    for hidden in (P.ARCHIVE, P.SEE_PHONES, P.SEE_MEDICAL, P.ROSTER_EDIT, P.PRINT_RESTRICTED, P.SESSION_MANAGE):
        assert hidden not in duty
    for admin_only in (P.EXPORT, P.BACKUP, P.USERS, P.SETTINGS, P.AUDIT_VIEW, P.SEE_ID_NUMBERS, P.DELETE, P.BACKFILL):
        assert admin_only not in social


def test_what_each_role_sees_of_a_child(shared_db: Database, tmp_path):
    """Masking: phones 138****5678 for duty volunteers, ID numbers for all but admins, medical details
    for social workers and admins only (the flag for everyone); a read of the details is audited."""
    db = shared_db
    station = stations.current_station(db)
    admin = Actor(user_id=None, name="matrix-admin", role=Role.ADMIN, station_id=station.id)
    world = World(db, admin, tmp_path)
    with db.transaction() as s:
        s.get(Child, world.child_id).id_number = "360111201603011234"
    seen = {}
    for role in Role:
        actor = Actor(user_id=None, name=f"seer-{role.value}", role=role, station_id=station.id)
        child = roster.get_child(db, actor, world.child_id)
        seen[role] = (child.medical_flag, child.medical_details, child.guardians[0].phone, child.id_number)
    assert seen[Role.DUTY] == (True, None, "138****1234", "360111********1234")
    assert seen[Role.SOCIAL] == (True, "花生过敏", "13800001234", "360111********1234")
    assert seen[Role.ADMIN] == (True, "花生过敏", "13800001234", "360111201603011234")
    with db.transaction() as s:
        readers = s.scalars(select(AuditEntry.actor).where(AuditEntry.action == "read", AuditEntry.entity == "child_medical",
                                                           AuditEntry.child_id == world.child_id)).all()
    assert sorted(readers) == ["seer-admin", "seer-social"]


def test_a_volunteers_id_number_is_seen_by_administrators_only(shared_db: Database, tmp_path):
    """The volunteer's 证件号码: in the form, the service records and the export for administrators; masked on a
    certificate others print; never in the audit log in full."""
    db = shared_db
    station = stations.current_station(db)
    admin = Actor(user_id=None, name="matrix-admin", role=Role.ADMIN, station_id=station.id)
    world = World(db, admin, tmp_path)
    number = "360102198001010013"
    name = world._cn_name("李志愿")  # the form's name rule allows no digits
    with db.transaction() as s:
        s.get(Volunteer, world.served_volunteer).name = name
    version = volunteers.get_volunteer(db, admin, world.served_volunteer).version
    volunteers.update_volunteer(db, admin, world.served_volunteer, volunteers.VolunteerInput(
        name, id_type="居民身份证", id_number=number), version)
    seen = {}
    for role in Role:
        actor = Actor(user_id=None, name=f"id-{role.value}", role=role, station_id=station.id)
        form = volunteers.get_volunteer(db, actor, world.served_volunteer)
        [record] = service_records.service_records(db, actor, LAST_SATURDAY, TODAY,
                                                   volunteer_id=world.served_volunteer).records
        certificate = certificates.volunteer_certificate(db, actor, world.served_volunteer, LAST_SATURDAY, TODAY)
        seen[role] = (form.id_number, record.id_number, certificate.id_number)
    assert seen[Role.DUTY] == seen[Role.SOCIAL] == (None, "", "360102********0013")
    assert seen[Role.ADMIN] == (number, number, number)
    out = service_records.export_hours(db, admin, tmp_path / "hours.xlsx", LAST_SATURDAY, TODAY,
                                       volunteer_id=world.served_volunteer).path
    from openpyxl import load_workbook

    assert number in {cell for row in load_workbook(out)["服务记录"].iter_rows(values_only=True) for cell in row}
    with db.transaction() as s:
        logged = [str(d) for d in s.scalars(select(AuditEntry.detail).where(AuditEntry.entity == "volunteer"))]
    assert not any(number in text for text in logged) and any("360102********0013" in text for text in logged)


def test_a_duty_volunteer_registers_a_walk_in_with_the_short_form_only(shared_db: Database):
    """The desk's F2 form makes a child with what it asks; the full record (notes, health, ID) is for the roster."""
    from qsh_desk.services.roster import ChildInput, GuardianInput

    station = stations.current_station(shared_db)
    duty = Actor(user_id=None, name="walk-in-duty", role=Role.DUTY, station_id=station.id)
    full = ChildInput(name="新来的", gender="女", birth_date="2017-05-01", grade="二年级", notes="家里情况复杂",
                      medical_flag=True, medical_details="哮喘", id_number="360111201705011234",
                      guardians=(GuardianInput("新奶奶", "祖母", "13512345678"),))
    with pytest.raises(PermissionDenied):
        roster.add_child(shared_db, duty, full)
    done = checkin.walk_in(shared_db, duty, full, confirm_possible_duplicate=True)
    with shared_db.transaction() as s:
        child = s.get(Child, done.person_id)
        assert (child.name, child.grade, child.notes, child.medical_details, child.id_number) == (
            "新来的", "二年级", None, None, None)


def test_a_social_worker_sees_the_phones_to_call_for_a_duty_gap(shared_db: Database):
    station = stations.current_station(shared_db)
    admin = Actor(user_id=None, name="gap-admin", role=Role.ADMIN, station_id=station.id)
    World(shared_db, admin, None).volunteer_id  # noqa: B018 - makes a volunteer with a phone
    seen = {role: duty.gap_callers(shared_db, Actor(user_id=None, name=f"gap-{role.value}", role=role,
                                                     station_id=station.id), NEXT_SATURDAY)
            for role in (Role.DUTY, Role.SOCIAL)}
    assert any("****" in (c.phone or "") for c in seen[Role.DUTY])
    assert all("****" not in (c.phone or "") for c in seen[Role.SOCIAL]) and any(c.phone for c in seen[Role.SOCIAL])


def test_what_each_role_gets_back_of_notes_health_and_a_collectors_phone(shared_db: Database, tmp_path):
    """The content a role gets, not only whether it may call: a duty volunteer gets no 备注, no 健康状况 and, from
    撤销's look at the last action, no collector's phone; those who keep the roster get the notes and health."""
    db = shared_db
    station = stations.current_station(db)
    admin = Actor(user_id=None, name="content-admin", role=Role.ADMIN, station_id=station.id)
    world = World(db, admin, tmp_path)
    with db.transaction() as s:
        child = s.get(Child, world.child_id)
        child.notes, child.health_status = "父亲在外地服刑", "残疾"
    seen = {}
    for role in Role:
        actor = Actor(user_id=None, name=f"content-{role.value}", role=role, station_id=station.id)
        detail = roster.get_child(db, actor, world.child_id)
        seen[role] = (detail.notes, detail.health_status)
    assert seen[Role.DUTY] == (None, None)
    assert seen[Role.SOCIAL] == seen[Role.ADMIN] == ("父亲在外地服刑", "残疾")

    duty = Actor(user_id=None, name="content-duty-desk", role=Role.DUTY, station_id=station.id)
    checkin.check_in(db, duty, checkin.CHILD, world.child_id)
    checkin.check_out_child(db, duty, world.child_id, checkin.Pickup.by_person("李叔叔", "舅舅", "13987654321"))
    last = undo.last_undoable(db, duty)
    assert (last.kind, last.person_id, last.action) == (checkin.CHILD, world.child_id, "check_out")
    assert "13987654321" not in repr(last) and not hasattr(last, "detail")
