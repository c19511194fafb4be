"""Volunteers and the station's teams: add, find, edit with optimistic locking, deactivate, delete (admins only)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, selectinload

from qsh_desk import clock
from qsh_desk.db.database import Database
from qsh_desk.db.models import (
    Certificate,
    Pairing,
    Team,
    Volunteer,
    VolunteerShift,
)
from qsh_desk.services import audit
from qsh_desk.services.access import (
    Actor,
    Permission,
    mask_id_number,
    phone_for,
    require,
)
from qsh_desk.services.cards import next_card_code
from qsh_desk.services.errors import InvalidInput, NotFound, Problem, Refused
from qsh_desk.services.history import linked_history
from qsh_desk.services.kernel import reading, stale_about, unit_of_work
from qsh_desk.services.roster import STATUSES
from qsh_desk.services.search_keys import (
    matches_person,
    name_keys,
    query_terms,
    sort_key,
)
from qsh_desk.services.validation import (
    BadValue,
    Checker,
    normalise,
    optional_text,
    parse_gender,
    parse_id_number,
    parse_name,
    parse_phone,
    parse_yes_no,
)

FIELD_TITLES = {
    "name": "姓名",
    "gender": "性别",
    "phone": "手机号",
    "team": "所属队伍",
    "volunteer_number": "志愿者编号",
    "skills": "特长",
    "active": "在册",
    "initials_override": "姓名首字母",
    "political_status": "政治面貌",
    "in_service_party_member": "在职党员",
    "work_unit": "工作单位",
    "work_unit_party_org": "单位党组织",
    "id_type": "证件类型",
    "id_number": "证件号码",
}
# The fields added for service records and 双报到: a form or a file that does not carry them keeps what is stored.
RECORD_FIELDS = ("political_status", "in_service_party_member", "work_unit", "work_unit_party_org", "id_type",
                 "id_number")
ID_FIELDS = ("id_type", "id_number")  # administrators only (Permission.SEE_ID_NUMBERS)
POLITICAL_STATUSES = ("中共党员", "中共预备党员", "共青团员", "民主党派成员", "无党派人士", "群众")
PARTY_MEMBERS = ("中共党员", "中共预备党员")
RESIDENT_ID = "居民身份证"
ID_TYPES = (RESIDENT_ID, "港澳居民来往内地通行证", "台湾居民来往大陆通行证", "护照", "外国人永久居留身份证")


class _Keep:
    """A field the caller did not send: the stored value stays."""

    def __repr__(self) -> str:
        return "KEEP"


KEEP: Any = _Keep()


@dataclass(frozen=True)
class VolunteerInput:
    name: str
    gender: str | None = None
    phone: str | None = None
    team: str | None = None  # the team's name; a new name creates the team
    volunteer_number: str | None = None
    skills: str | None = None
    active: Any = True
    initials_override: str | None = None
    political_status: Any = KEEP
    in_service_party_member: Any = KEEP
    work_unit: Any = KEEP
    work_unit_party_org: Any = KEEP
    id_type: Any = KEEP
    id_number: Any = KEEP


@dataclass(frozen=True)
class VolunteerSummary:
    id: int
    name: str
    sort_name: str  # search_keys.sort_key(name)
    gender: str | None
    phone: str | None  # masked unless the actor may see phones
    team: str | None
    volunteer_number: str | None
    skills: str | None
    card_code: str
    active: bool
    paired: bool
    version: int
    political_status: str | None = None
    in_service_party_member: bool = False
    work_unit: str | None = None
    work_unit_party_org: str | None = None
    id_type: str | None = None  # None unless the actor may see ID numbers
    id_number: str | None = None


@dataclass(frozen=True)
class TeamView:
    id: int
    name: str
    volunteers: int


class PossibleDuplicateVolunteer(Refused):
    """The volunteer may already be registered; `matches` are the candidates."""

    def __init__(self, matches: Sequence[VolunteerSummary]):
        self.matches = list(matches)
        listed = "；".join(f"{m.name}（卡号 {m.card_code}{'，已停用' if not m.active else ''}）" for m in self.matches)
        super().__init__(f"可能已经登记过这位志愿者：{listed}。请先核对；确实是另一个人时，再确认保存。")


# --- checking -----------------------------------------------------------------------------------


def _parse_volunteer_number(value: Any) -> str:
    text = normalise(value, punctuation=True).replace(" ", "").upper()
    if not re.fullmatch(r"[A-Z0-9][A-Z0-9-]{0,31}", text):
        raise BadValue("志愿者编号只能是字母和数字（最多 32 位），请照“志愿汇”或志愿者证上的编号填写。")
    return text


def _parse_team(value: Any) -> str:
    text = normalise(value)
    if len(text) > 64:
        raise BadValue("队伍名称最多 64 个字。")
    return text


def _parse_choice(value: Any, allowed: Sequence[str], title: str) -> str:
    text = normalise(value)
    if text not in allowed:
        raise BadValue(f"{title}只能是：" + "、".join(allowed) + "。")
    return text


def _parse_other_id(value: Any) -> str:
    text = normalise(value, punctuation=True).replace(" ", "").upper()
    if not re.fullmatch(r"[A-Z0-9]{5,32}", text):
        raise BadValue("证件号码只能是字母和数字（5 到 32 位），请照证件上的号码填写。")
    return text


def _check_record_fields(c: Checker, data: VolunteerInput, values: dict[str, Any]) -> None:
    """政治面貌, 在职党员 with its unit, 证件: checked only when sent (KEEP leaves them out of `values`)."""
    t = FIELD_TITLES
    sent = {key: getattr(data, key) for key in RECORD_FIELDS if getattr(data, key) is not KEEP}
    if "political_status" in sent:
        values["political_status"] = c.check(t["political_status"], sent["political_status"], _parse_choice,
                                              POLITICAL_STATUSES, t["political_status"])
    if "in_service_party_member" in sent:
        values["in_service_party_member"] = bool(c.check(t["in_service_party_member"],
                                                         sent["in_service_party_member"], parse_yes_no))
    for key in ("work_unit", "work_unit_party_org"):
        if key in sent:
            values[key] = c.check(t[key], sent[key], optional_text, max_length=100, title=t[key])
    if values.get("in_service_party_member"):
        if "political_status" in values and values["political_status"] not in PARTY_MEMBERS:
            c.add(t["in_service_party_member"], "在职党员的政治面貌应是中共党员或中共预备党员，请核对。",
                  values["political_status"] or "")
        if "work_unit" in values and not values["work_unit"]:
            c.add(t["work_unit"], "在职党员请填写工作单位（服务情况要反馈给单位党组织）。")
    if "id_type" in sent or "id_number" in sent:
        id_type = c.check(t["id_type"], sent.get("id_type"), _parse_choice, ID_TYPES, t["id_type"])
        number = sent.get("id_number")
        if id_type is None and not normalise(number):
            values["id_type"], values["id_number"] = None, None
            return
        id_type = id_type or RESIDENT_ID  # a number without a type is read as a 居民身份证号码
        values["id_type"] = id_type
        values["id_number"] = c.check(t["id_number"], number,
                                      parse_id_number if id_type == RESIDENT_ID else _parse_other_id, required=True)


def check_volunteer(data: VolunteerInput, *, row: int | None = None) -> tuple[dict[str, Any], list[Problem]]:
    c = Checker(row)
    t = FIELD_TITLES
    values: dict[str, Any] = {
        "name": c.check(t["name"], data.name, parse_name, required=True),
        "gender": c.check(t["gender"], data.gender, parse_gender),
        "phone": c.check(t["phone"], data.phone, parse_phone),
        "team": c.check(t["team"], data.team, _parse_team),
        "volunteer_number": c.check(t["volunteer_number"], data.volunteer_number, _parse_volunteer_number),
        "skills": c.check(t["skills"], data.skills, optional_text, max_length=200, title=t["skills"]),
    }
    active = c.check(t["active"], data.active, parse_yes_no)
    values["active"] = True if active is None else active
    override = normalise(data.initials_override).lower().replace(" ", "") or None
    if override is not None and not (override.isascii() and override.isalpha() and len(override) <= 16):
        c.add(t["initials_override"], "姓名首字母只能是字母，如 zsf。", data.initials_override)
    values["initials_override"] = override
    _check_record_fields(c, data, values)
    return values, c.problems


# --- reading ------------------------------------------------------------------------------------


def _paired_ids(session: Session, ids: Sequence[int]) -> set[int]:
    if not ids:
        return set()
    today = clock.today()
    return set(session.scalars(select(Pairing.volunteer_id).where(
        Pairing.volunteer_id.in_(ids), or_(Pairing.ended_on.is_(None), Pairing.ended_on >= today))))


def _summaries(session: Session, actor: Actor, volunteers: Sequence[Volunteer]) -> list[VolunteerSummary]:
    paired = _paired_ids(session, [v.id for v in volunteers])
    see_ids = actor.can(Permission.SEE_ID_NUMBERS)
    return [
        VolunteerSummary(v.id, v.name, v.sort_name, v.gender, phone_for(actor, v.phone), v.team.name if v.team else None,
                         v.volunteer_number, v.skills, v.card_code, v.active, v.id in paired, v.version,
                         v.political_status, v.in_service_party_member, v.work_unit, v.work_unit_party_org,
                         v.id_type if see_ids else None, v.id_number if see_ids else None)
        for v in volunteers
    ]


@dataclass(frozen=True)
class VolunteerQuery:
    text: str = ""
    status: str = "active"
    team: str | None = None
    paired: bool | None = None


def list_volunteers(db: Database, actor: Actor, query: VolunteerQuery = VolunteerQuery()) -> list[VolunteerSummary]:
    require(db, actor, Permission.ROSTER_VIEW, what="volunteer")
    if query.status not in STATUSES:
        raise InvalidInput(f"未知的状态“{query.status}”。")
    with reading(db, actor) as work:
        session = work.session
        q = select(Volunteer).where(Volunteer.station_id == actor.station_id)
        if query.status != "all":
            q = q.where(Volunteer.active.is_(query.status == "active"))
        if query.team:
            q = q.join(Team, Team.id == Volunteer.team_id).where(Team.name == query.team)
        for term in query_terms(query.text):
            q = q.where(matches_person(Volunteer.search_keys, Volunteer.card_code, term,
                                       Volunteer.volunteer_number == term.upper()))
        volunteers = list(session.scalars(q.order_by(Volunteer.sort_name, Volunteer.name, Volunteer.id).options(
            selectinload(Volunteer.team))))
        rows = _summaries(session, actor, volunteers)
    if query.paired is not None:
        rows = [r for r in rows if r.paired == query.paired]
    return rows


def get_volunteer(db: Database, actor: Actor, volunteer_id: int) -> VolunteerSummary:
    with unit_of_work(db, actor, Permission.ROSTER_VIEW, what="volunteer") as work:
        session = work.session
        return _summaries(session, actor, [_load(session, actor, volunteer_id)])[0]


def _load(session: Session, actor: Actor, volunteer_id: int) -> Volunteer:
    volunteer = session.get(Volunteer, volunteer_id)
    if volunteer is None or volunteer.station_id != actor.station_id:
        raise NotFound("找不到这位志愿者，可能已被删除。请刷新列表。")
    return volunteer


# --- teams --------------------------------------------------------------------------------------


def list_teams(db: Database, actor: Actor) -> list[TeamView]:
    with unit_of_work(db, actor, Permission.ROSTER_VIEW, what="team") as work:
        session = work.session
        rows = session.execute(
            select(Team.id, Team.name, func.count(Volunteer.id))
            .outerjoin(Volunteer, Volunteer.team_id == Team.id)
            .where(Team.station_id == actor.station_id)
            .group_by(Team.id, Team.name)
            .order_by(Team.name)
        ).all()
    return [TeamView(r[0], r[1], r[2]) for r in rows]


def _team(session: Session, actor: Actor, name: str | None, cache: dict[str, Team] | None = None) -> Team | None:
    """The station's team of this name, created (and audited) when the station has none yet."""
    if not name:
        return None
    if cache is not None and name in cache:
        return cache[name]
    team = session.scalar(select(Team).where(Team.station_id == actor.station_id, Team.name == name))
    if team is None:
        team = Team(station_id=actor.station_id, name=name)
        session.add(team)
        session.flush()
        audit.record(session, actor, "create", "team", entity_id=team.id, detail={"name": name})
    if cache is not None:
        cache[name] = team
    return team


def add_team(db: Database, actor: Actor, name: str) -> TeamView:
    require(db, actor, Permission.ROSTER_EDIT, what="team")
    clean = normalise(name)
    if not clean or len(clean) > 64:
        raise InvalidInput(Problem("请填写队伍名称（最多 64 个字）。", field="队伍名称", value=clean))
    with unit_of_work(db, actor) as work:
        session = work.session
        if session.scalar(select(Team.id).where(Team.station_id == actor.station_id, Team.name == clean)):
            raise Refused(f"已经有名为“{clean}”的队伍。")
        team = _team(session, actor, clean)
        assert team is not None
        return TeamView(team.id, team.name, 0)


def rename_team(db: Database, actor: Actor, team_id: int, name: str) -> TeamView:
    require(db, actor, Permission.ROSTER_EDIT, what="team")
    clean = normalise(name)
    if not clean or len(clean) > 64:
        raise InvalidInput(Problem("请填写队伍名称（最多 64 个字）。", field="队伍名称", value=clean))
    with unit_of_work(db, actor) as work:
        session = work.session
        team = session.get(Team, team_id)
        if team is None or team.station_id != actor.station_id:
            raise NotFound("找不到这支队伍。请刷新后再试。")
        if session.scalar(select(Team.id).where(Team.station_id == actor.station_id, Team.name == clean,
                                                Team.id != team_id)):
            raise Refused(f"已经有名为“{clean}”的队伍。")
        before, team.name = team.name, clean
        audit.record(session, actor, "update", "team", entity_id=team.id,
                     detail={"before": {"name": before}, "after": {"name": clean}})
        count = session.scalar(select(func.count(Volunteer.id)).where(Volunteer.team_id == team.id)) or 0
        return TeamView(team.id, team.name, count)


def delete_team(db: Database, actor: Actor, team_id: int) -> None:
    """Remove a team; its volunteers stay, without a team."""
    with unit_of_work(db, actor, Permission.ROSTER_EDIT, what="team") as work:
        session = work.session
        team = session.get(Team, team_id)
        if team is None or team.station_id != actor.station_id:
            raise NotFound("找不到这支队伍。请刷新后再试。")
        for volunteer in session.scalars(select(Volunteer).where(Volunteer.team_id == team.id)):
            volunteer.team_id = None
        audit.record(session, actor, "delete", "team", entity_id=team.id, detail={"name": team.name})
        session.delete(team)


# --- writing ------------------------------------------------------------------------------------


def _snapshot(volunteer: Volunteer) -> dict[str, Any]:
    values = {key: getattr(volunteer, key) for key in FIELD_TITLES if key != "team"}
    values["team"] = volunteer.team.name if volunteer.team else None
    values["id_number"] = mask_id_number(volunteer.id_number)  # the audit log is no place for the full number
    return values


def _apply(session: Session, actor: Actor, volunteer: Volunteer, values: dict[str, Any],
           teams: dict[str, Team] | None = None) -> None:
    for key, value in values.items():
        if key != "team":
            setattr(volunteer, key, value)
    volunteer.team = _team(session, actor, values["team"], teams)
    volunteer.search_keys = name_keys(volunteer.name, volunteer.initials_override)
    volunteer.sort_name = sort_key(volunteer.name)


def _find_duplicates(session: Session, actor: Actor, values: dict[str, Any], exclude_id: int | None = None
                     ) -> list[Volunteer]:
    """Same registered number, or the same name and phone."""
    same = []
    if values.get("volunteer_number"):
        same.append(Volunteer.volunteer_number == values["volunteer_number"])
    if values.get("phone"):
        same.append((Volunteer.name == values["name"]) & (Volunteer.phone == values["phone"]))
    if not same:
        return []
    q = select(Volunteer).where(Volunteer.station_id == actor.station_id, or_(*same))
    if exclude_id is not None:
        q = q.where(Volunteer.id != exclude_id)
    return list(session.scalars(q.order_by(Volunteer.id)))


def _new_volunteer(session: Session, actor: Actor, values: dict[str, Any], card_code: str | None = None,
                   teams: dict[str, Team] | None = None) -> Volunteer:
    """A checked volunteer added to the session (not yet flushed); `teams` caches the station's teams by name."""
    volunteer = Volunteer(station_id=actor.station_id,
                          card_code=card_code or next_card_code(session, "V", actor.station_id))
    _apply(session, actor, volunteer, values, teams)
    session.add(volunteer)
    return volunteer


def _audit_created(session: Session, actor: Actor, volunteer: Volunteer, **detail: Any) -> None:
    audit.record(session, actor, "create", "volunteer", entity_id=volunteer.id,
                 detail={"card_code": volunteer.card_code, "name": volunteer.name, **detail})


def _insert_volunteer(session: Session, actor: Actor, values: dict[str, Any], *, confirm_possible_duplicate: bool
                      ) -> Volunteer:
    if not confirm_possible_duplicate:
        matches = _find_duplicates(session, actor, values)
        if matches:
            raise PossibleDuplicateVolunteer(_summaries(session, actor, matches))
    volunteer = _new_volunteer(session, actor, values)
    session.flush()
    _audit_created(session, actor, volunteer)
    return volunteer


def add_volunteer(db: Database, actor: Actor, data: VolunteerInput, *, confirm_possible_duplicate: bool = False
                  ) -> VolunteerSummary:
    require(db, actor, Permission.ROSTER_EDIT, what="volunteer")
    if not actor.can(Permission.SEE_ID_NUMBERS):
        data = replace(data, id_type=KEEP, id_number=KEEP)
    values, problems = check_volunteer(data)
    if problems:
        raise InvalidInput(problems)
    with unit_of_work(db, actor) as work:
        session = work.session
        volunteer = _insert_volunteer(session, actor, values, confirm_possible_duplicate=confirm_possible_duplicate)
        return _summaries(session, actor, [volunteer])[0]


def update_volunteer(db: Database, actor: Actor, volunteer_id: int, data: VolunteerInput, expected_version: int
                     ) -> VolunteerSummary:
    """Save the edit form; a stale version raises Conflict instead of overwriting someone else's change."""
    with unit_of_work(db, actor, Permission.ROSTER_EDIT, what="volunteer") as work:
        volunteer = _load(work.session, actor, volunteer_id)
        work.stale = stale_about(volunteer.name)  # also when another PC saves between our read and our write
        work.expect_version(volunteer, expected_version)
        if data.phone and "*" in data.phone and normalise(data.phone) == phone_for(actor, volunteer.phone):
            data = replace(data, phone=volunteer.phone)  # left masked: keep the stored number
        if not actor.can(Permission.SEE_ID_NUMBERS):
            data = replace(data, id_type=KEEP, id_number=KEEP)  # they cannot see them, so they cannot change them
        values, problems = check_volunteer(data)
        if problems:
            raise InvalidInput(problems)
        before = _snapshot(volunteer)
        _apply(work.session, actor, volunteer, values)
        work.session.flush()
        work.audit("update", "volunteer", entity_id=volunteer.id, detail=audit.changes(before, _snapshot(volunteer)))
        return _summaries(work.session, actor, [volunteer])[0]


def set_volunteer_active(db: Database, actor: Actor, volunteer_id: int, active: bool) -> VolunteerSummary:
    """Deactivate (the volunteers' 'archive') or reactivate a volunteer; hours and history stay."""
    with unit_of_work(db, actor, Permission.ROSTER_EDIT, what="volunteer") as work:
        session = work.session
        volunteer = _load(session, actor, volunteer_id)
        if volunteer.active == active:
            raise Refused(f"“{volunteer.name}”已经是{'在册' if active else '停用'}状态。")
        if not active and session.scalar(select(VolunteerShift.id).where(
                VolunteerShift.volunteer_id == volunteer.id, VolunteerShift.ended_at.is_(None))):
            raise Refused(f"“{volunteer.name}”现在在站里值班，请先签退再停用。")
        volunteer.active = active
        session.flush()
        audit.record(session, actor, "restore" if active else "archive", "volunteer", entity_id=volunteer.id)
        return _summaries(session, actor, [volunteer])[0]


def volunteer_history(db: Database, actor: Actor, volunteer_id: int) -> str:
    """What a delete would take with it, in words ('' when nothing): asked before a real delete."""
    with unit_of_work(db, actor, Permission.ROSTER_VIEW, what="volunteer") as work:
        session = work.session
        _load(session, actor, volunteer_id)
        return linked_history(session, Volunteer, volunteer_id).describe()


def delete_volunteer(db: Database, actor: Actor, volunteer_id: int, *, confirmed: bool = False,
                     confirm_history: bool = False) -> None:
    """Delete for good (administrators, confirmed, audited); refused while pairings refer to the volunteer."""
    with unit_of_work(db, actor, Permission.DELETE, what="volunteer") as work:
        session = work.session
        volunteer = _load(session, actor, volunteer_id)
        if not confirmed:
            raise Refused(f"彻底删除“{volunteer.name}”后无法恢复。通常应改为“停用”；确实要删除，请确认。")
        history = linked_history(session, Volunteer, volunteer_id).describe()
        if history and not confirm_history:
            raise Refused(f"“{volunteer.name}”有历史记录（{history}），删除会一并删除值班和活动记录，服务时长证明将无法再开。"
                          "通常应改为“停用”；确实要删除，请再次确认。")
        if session.scalar(select(Pairing.id).where(Pairing.volunteer_id == volunteer_id)):
            raise Refused(f"“{volunteer.name}”有结对帮扶记录，不能删除。请先在结对帮扶中结束或移交，再停用。")
        if session.scalar(select(Certificate.id).where(Certificate.volunteer_id == volunteer_id)):
            raise Refused(f"已经给“{volunteer.name}”开过服务时长证明，不能删除（证明需要能查到）。请改为停用。")
        audit.record(session, actor, "delete", "volunteer", entity_id=volunteer.id,
                     detail={"name": volunteer.name, "card_code": volunteer.card_code, "history": history or None})
        session.delete(volunteer)
