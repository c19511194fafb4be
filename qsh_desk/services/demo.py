"""Realistic, deterministic demo data: a station's children, families, volunteers and years of weekends.

Written with bulk inserts so that a district-scale database (10,000 children, 5,000 volunteers,
ten years of weekends, about a million visits) is built in minutes.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, select

from qsh_desk import clock
from qsh_desk.db.database import Database
from qsh_desk.db.models import (
    Child,
    ChildVisit,
    Consent,
    Dream,
    Guardian,
    Guardianship,
    HomeVisit,
    Pairing,
    PairingVisit,
    Parent,
    ParentContact,
    ProgrammeSession,
    SessionParticipant,
    SessionVolunteer,
    Team,
    Volunteer,
    VolunteerShift,
    Wish,
)
from qsh_desk.services import accounts, audit, demo_photos
from qsh_desk.services.access import Actor, Role
from qsh_desk.services.bulk import insert_returning_ids, insert_rows
from qsh_desk.services.cards import card_code
from qsh_desk.services.child_input import GRADES
from qsh_desk.services.errors import InvalidInput, Refused
from qsh_desk.services.demo_words import (
    MOODS,
    OCCUPATIONS,
    SCHOOLS,
    SKILLS,
    TEAMS,
    THEMES,
    WORK_PLACES,
    Names,
    phone_number,
)
from qsh_desk.services.demo_extras import lend_items, wish_rows
from qsh_desk.services.search_keys import name_keys, sort_key

Progress = Callable[[str], None]

@dataclass(frozen=True)
class DemoUser:
    username: str
    display_name: str
    role: Role
    password: str
    pin: str | None = None


# One account per role, with fixed passwords printed by `demo`: a demo database is for trying things out.
DEMO_USERS: tuple[DemoUser, ...] = (
    DemoUser("admin", "站长（演示）", Role.ADMIN, "admin-demo"),
    DemoUser("social", "社工（演示）", Role.SOCIAL, "social-demo"),
    DemoUser("duty", "值班志愿者（演示）", Role.DUTY, "duty-demo", pin="1234"),
)


@dataclass(frozen=True)
class DemoSummary:
    children: int
    volunteers: int
    visits: int
    shifts: int
    sessions: int
    participations: int
    parent_contacts: int
    home_visits: int
    pairings: int
    wishes: int = 0
    loans: int = 0
    photos: int = 0
    users: tuple[DemoUser, ...] = ()  # the demo accounts created now (ones whose name was taken are left alone)


def _weekend_days(until: dt.date, weeks: int) -> list[dt.date]:
    """Every Saturday and Sunday of the last `weeks` weeks up to `until`, oldest first."""
    last_sunday = until - dt.timedelta(days=(until.weekday() - 6) % 7)
    days = []
    for week in range(weeks):
        sunday = last_sunday - dt.timedelta(weeks=week)
        for day in (sunday - dt.timedelta(days=1), sunday):
            if day <= until:
                days.append(day)
    return sorted(days)


def _grade_for(birth: dt.date, on: dt.date) -> str:
    school_years = on.year - birth.year - (1 if (on.month, on.day) < (9, 1) else 0) - 6
    return GRADES[max(0, min(len(GRADES) - 1, school_years))]


def _counts(summary: DemoSummary) -> dict[str, int]:
    """The summary's numbers (never the demo passwords) for the audit row."""
    return {k: v for k, v in dataclasses.asdict(summary).items() if k != "users"}


def generate(
    db: Database,
    actor: Actor,
    *,
    children: int = 120,
    volunteers: int = 30,
    weeks: int = 26,
    seed: int = 1,
    until: dt.date | None = None,
    progress: Progress | None = None,
    photos: bool = False,
) -> DemoSummary:
    """Fill an empty station with demo data (`photos`: a phone-sized photo on every child). Refuses a database
    that already holds children."""
    if children < 0 or volunteers < 0 or weeks < 0:
        raise InvalidInput("人数和周数不能为负数。")
    if volunteers == 0 and children > 0 and weeks > 0:
        raise InvalidInput("有开放日时至少需要 1 名志愿者。")
    say = progress or (lambda _message: None)
    until = until or clock.today()
    rng = random.Random(seed)
    names = Names(rng)

    with db.transaction() as session:
        existing = session.scalar(select(func.count(Child.id)))
        if existing:
            raise Refused(f"数据库里已经有 {existing} 名儿童，演示数据只写入空数据库。请换一个新的数据库文件。")
        station_id = actor.station_id
        created = dt.datetime.combine(until - dt.timedelta(weeks=weeks), dt.time(9, 0))

        # Teams and volunteers.
        team_ids = insert_returning_ids(session, Team, [{"station_id": station_id, "name": t} for t in TEAMS])
        volunteer_rows = []
        for n in range(volunteers):
            gender = rng.choice(("男", "女"))
            name = names.adult() if rng.random() < 0.4 else names.child(names.surname(), gender)
            volunteer_rows.append(
                {
                    "station_id": station_id,
                    "name": name,
                    "gender": gender,
                    "phone": phone_number(rng),
                    "team_id": rng.choice(team_ids),
                    "volunteer_number": f"36011{rng.randrange(10**7):07d}" if rng.random() < 0.7 else None,
                    "skills": "、".join(rng.sample(SKILLS, 2)),
                    "card_code": card_code("V", station_id, n + 1),
                    "search_keys": name_keys(name), "sort_name": sort_key(name),
                    "created_at": created,
                }
            )
        volunteer_ids = insert_returning_ids(session, Volunteer, volunteer_rows)
        say(f"志愿者：{len(volunteer_ids):,}")

        # Children, with their families.
        child_rows, families = [], []
        for n in range(children):
            gender = rng.choice(("男", "女"))
            surname = names.surname()
            birth = until - dt.timedelta(days=rng.randint(6 * 365, 14 * 365))
            name = names.child(surname, gender)
            medical = rng.random() < 0.08
            child_rows.append(
                {
                    "station_id": station_id,
                    "name": name,
                    "gender": gender,
                    "ethnicity": "汉族" if rng.random() < 0.97 else rng.choice(("回族", "畲族", "苗族")),
                    "birth_date": birth,
                    "school": rng.choice(SCHOOLS),
                    "grade": _grade_for(birth, until),
                    "boarding": rng.random() < 0.05,
                    "health_status": "健康" if not medical else "患病",
                    "medical_flag": medical,
                    "medical_details": rng.choice(("花生过敏", "哮喘，随身带喷雾", "青霉素过敏")) if medical else None,
                    "current_address": f"高新社区{rng.randint(1, 30)}栋{rng.randint(1, 6)}单元",
                    "household_address": "江西省南昌市青山湖区塘山镇",
                    "card_code": card_code("C", station_id, n + 1),
                    "search_keys": name_keys(name), "sort_name": sort_key(name),
                    "created_at": created,
                    "updated_at": created,
                }
            )
            families.append((surname, birth))
        child_ids = insert_returning_ids(session, Child, child_rows)
        say(f"儿童：{len(child_ids):,}")
        photo_count = demo_photos.give_photos(session, child_ids, random.Random(seed), say) if photos else 0

        guardian_rows, consent_rows, parent_rows, guardianship_rows = [], [], [], []
        collectors: dict[int, list[tuple[str, str]]] = {}
        alone_ok: set[int] = set()
        for child_id, (surname, birth) in zip(child_ids, families, strict=True):
            maternal = rng.random() < 0.35
            mother_surname = names.surname()
            pair = ("外祖父", "外祖母") if maternal else ("祖父", "祖母")
            grandpa = names.adult(mother_surname if maternal else surname)
            grandma = names.adult()
            people = [(grandma, pair[1]), (grandpa, pair[0])]
            if rng.random() < 0.25:
                people.append((names.adult(), "其他"))
            collectors[child_id] = []
            for order, (gname, relation) in enumerate(people):
                phone = phone_number(rng)
                may_collect = relation != "其他" or rng.random() < 0.5
                guardian_rows.append(
                    {
                        "child_id": child_id,
                        "name": gname,
                        "relation": relation,
                        "relation_note": rng.choice(("姑姑", "舅舅", "邻居")) if relation == "其他" else None,
                        "phone": phone,
                        "phone_last4": phone[-4:],
                        "may_collect": may_collect,
                        "is_primary": order == 0,
                        "sort_order": order,
                    }
                )
                if may_collect:
                    collectors[child_id].append((gname, relation))
            consent_rows.append(
                {"child_id": child_id, "kind": "data", "given_by": grandma, "given_on": created.date(), "scope": "站内建档与活动记录"}
            )
            # Seven in ten (not drawn from `rng`, whose sequence the rest of the demo depends on); the others show on
            # the wish board as “一名…的孩子”.
            if child_id % 10 < 7:
                consent_rows.append({"child_id": child_id, "kind": "wish_board", "given_by": grandma,
                                     "given_on": created.date()})
            if (until - birth).days > 10 * 365 and rng.random() < 0.5:
                consent_rows.append({"child_id": child_id, "kind": "go_home_alone", "given_by": grandma, "given_on": created.date()})
                alone_ok.add(child_id)
            both_away = rng.random() < 0.7
            for relation, pname in (("父亲", names.adult(surname)), ("母亲", names.adult(mother_surname))):
                away = both_away or relation == "父亲"
                province, city = rng.choice(WORK_PLACES) if away else ("江西", "南昌")
                last = until - dt.timedelta(days=rng.randint(20, 300))
                parent_rows.append(
                    {
                        "child_id": child_id,
                        "relation": relation,
                        "name": pname,
                        "phone": phone_number(rng),
                        "wechat": f"wx_{rng.randrange(10**6):06d}" if rng.random() < 0.6 else None,
                        "work_province": province,
                        "work_city": city,
                        "employer": f"{city}{rng.choice(('电子', '服装', '建筑', '物流'))}有限公司" if away else None,
                        "occupation": rng.choice(OCCUPATIONS),
                        "return_frequency": rng.choice(("每年春节", "每半年", "每季度")) if away else "常住",
                        "last_return": last if away else None,
                        "next_return": (until + dt.timedelta(days=rng.randint(5, 120))) if away else None,
                    }
                )
            guardianship_rows.append(
                {
                    "child_id": child_id,
                    "kind": "父母均外出" if both_away else "一方外出另一方无监护能力",
                    "quality": rng.choices(("较好", "一般", "差"), (6, 3, 1))[0],
                    "income_source": rng.choice(("务工收入", "务农", "低保")),
                    "assistance": "低保" if rng.random() < 0.1 else None,
                }
            )
        insert_rows(session, Guardian, guardian_rows)
        insert_rows(session, Consent, consent_rows)
        insert_rows(session, Parent, parent_rows)
        insert_rows(session, Guardianship, guardianship_rows)
        say("家庭信息：监护人、父母、同意书")

        # Ten years of weekends: visits, shifts, sessions.
        dreams = session.execute(
            select(Dream.id, Dream.dream_name).where(Dream.station_id == station_id).order_by(Dream.sort_order)
        ).all()
        rates = {cid: rng.choice((0.03, 0.06, 0.1, 0.15, 0.2)) for cid in child_ids}
        volunteer_rates = [rng.random() for _ in volunteer_ids]
        days = _weekend_days(until, weeks)
        visit_rows, shift_rows, session_rows, day_of_session = [], [], [], []
        visitors_by_day: list[list[int]] = []
        day_volunteers: list[list[int]] = []
        for day_index, day in enumerate(days):
            present = [cid for cid in child_ids if rng.random() < rates[cid]]
            visitors_by_day.append(present)
            for cid in present:
                arrive = dt.datetime.combine(day, dt.time(8, 30)) + dt.timedelta(minutes=rng.randint(0, 120))
                leave = dt.datetime.combine(day, dt.time(15, 30)) + dt.timedelta(minutes=rng.randint(0, 120))
                alone = cid in alone_ok and rng.random() < 0.5
                who = None if alone or not collectors[cid] else rng.choice(collectors[cid])
                visit_rows.append(
                    {
                        "station_id": station_id,
                        "child_id": cid,
                        "checked_in_at": arrive,
                        "checked_out_at": leave,
                        "collector_name": who[0] if who else None,
                        "collector_relation": who[1] if who else None,
                        "went_home_alone": who is None,
                        "source": "desk",
                    }
                )
            on_duty_count = min(len(volunteer_ids), 3 + len(volunteer_ids) // 100)
            on_duty = []
            if volunteer_ids:
                start = rng.randrange(len(volunteer_ids))
                # A rotating, weighted slice keeps this O(on duty) per day even with thousands of volunteers.
                # The slice may wrap round a small team: each person is on duty once a day.
                picked = dict.fromkeys(
                    volunteer_ids[(start + k) % len(volunteer_ids)]
                    for k in range(min(on_duty_count * 2, len(volunteer_ids)))
                    if volunteer_rates[(start + k) % len(volunteer_ids)] > 0.3
                )
                on_duty = list(picked)[:on_duty_count] or [volunteer_ids[start]]
            day_volunteers.append(on_duty)
            for vid in on_duty:
                begin = dt.datetime.combine(day, dt.time(8, 30)) + dt.timedelta(minutes=rng.randint(0, 60))
                end = dt.datetime.combine(day, dt.time(12, 0)) + dt.timedelta(minutes=rng.randint(0, 300))
                hours = Decimal(round((end - begin).total_seconds() / 3600 * 4) / 4).quantize(Decimal("0.01"))
                shift_rows.append(
                    {"station_id": station_id, "volunteer_id": vid, "started_at": begin, "ended_at": end, "hours": hours}
                )
            if present and dreams:
                for _ in range(1 + len(present) // 40):
                    dream_id, dream_name = rng.choice(dreams)
                    start_time = dt.datetime.combine(day, rng.choice((dt.time(9, 30), dt.time(14, 0), dt.time(15, 0))))
                    session_rows.append(
                        {
                            "station_id": station_id,
                            "dream_id": dream_id,
                            "starts_at": start_time,
                            "ends_at": start_time + dt.timedelta(hours=1, minutes=30),
                            "theme": rng.choice(THEMES.get(dream_name, ("主题活动",))),
                            "place": "亲善之家活动室",
                            "organiser_volunteer_id": rng.choice(on_duty) if on_duty else None,
                            "summary": f"{len(present)} 名儿童到站，活动有序开展。",
                            "created_at": start_time,
                        }
                    )
                    day_of_session.append(day_index)
        insert_rows(session, ChildVisit, visit_rows, say, "到站记录")
        insert_rows(session, VolunteerShift, shift_rows, say, "志愿者值班")
        session_ids = insert_returning_ids(session, ProgrammeSession, session_rows)
        participant_rows, helper_rows = [], []
        for sid, day_index in zip(session_ids, day_of_session, strict=True):
            present = visitors_by_day[day_index]
            for cid in rng.sample(present, min(len(present), rng.randint(6, 30))):
                participant_rows.append({"session_id": sid, "child_id": cid})
            for vid in rng.sample(day_volunteers[day_index], min(2, len(day_volunteers[day_index]))):
                helper_rows.append({"session_id": sid, "volunteer_id": vid})
        insert_rows(session, SessionParticipant, participant_rows, say, "活动参与")
        insert_rows(session, SessionVolunteer, helper_rows)
        say(f"活动记录：{len(session_ids):,}")

        # The parent archive: contacts over the last half year, home visits, pairings.
        contact_rows, home_rows = [], []
        recent = min(weeks, 26)
        for child_id in child_ids:
            silent = rng.random() < 0.12  # some families drift away: the social worker's alerts show them
            if not silent:
                for _ in range(rng.randint(1, max(1, recent // 4))):
                    when = dt.datetime.combine(until - dt.timedelta(days=rng.randint(0, recent * 7)), dt.time(19, 0))
                    follow = rng.random() < 0.1
                    contact_rows.append(
                        {
                            "station_id": station_id,
                            "child_id": child_id,
                            "contacted_at": when,
                            "channel": rng.choice(("电话", "视频", "微信", "站内亲情连线")),
                            "initiated_by": rng.choice(("child", "parent", "station")),
                            "duration_minutes": rng.randint(3, 40),
                            "summary": "聊了学习和生活，孩子很高兴。",
                            "child_mood": rng.choice(MOODS),
                            "follow_up_needed": follow,
                            "follow_up_due": (when.date() + dt.timedelta(days=14)) if follow else None,
                        }
                    )
            if rng.random() < 0.2:
                home_rows.append(
                    {
                        "station_id": station_id,
                        "child_id": child_id,
                        "visited_on": until - dt.timedelta(days=rng.randint(0, 360)),
                        "visitors": "社工、网格员",
                        "met_whom": "祖母",
                        "findings": "居住条件一般，老人身体尚可。",
                        "needs": rng.choice(("课业辅导", "冬衣", "心理疏导", "无")),
                        "follow_up_actions": "安排志愿者结对辅导",
                    }
                )
        insert_rows(session, ParentContact, contact_rows, say, "亲子联系")
        insert_rows(session, HomeVisit, home_rows)

        pairing_rows = []
        for child_id in child_ids:
            if volunteer_ids and rng.random() < 0.1:
                pairing_rows.append(
                    {
                        "station_id": station_id,
                        "volunteer_id": rng.choice(volunteer_ids),
                        "child_id": child_id,
                        "started_on": until - dt.timedelta(days=rng.randint(30, 400)),
                        "goal": rng.choice(("学业提升", "生活照料", "心理陪伴")),
                    }
                )
        pairing_ids = insert_returning_ids(session, Pairing, pairing_rows)
        pairing_visit_rows = []
        for pid, pairing in zip(pairing_ids, pairing_rows, strict=True):
            days_paired = (until - pairing["started_on"]).days
            for _ in range(rng.randint(0, 6)):
                pairing_visit_rows.append(
                    {
                        "pairing_id": pid,
                        # Visits fall within the pairing, in its last 200 days at most.
                        "visited_on": until - dt.timedelta(days=rng.randint(0, min(200, days_paired))),
                        "kind": rng.choice(("上门", "电话", "学校", "站内")),
                        "what_done": "辅导作业，聊天",
                        "items_given": rng.choice((None, "文具", "书包", "课外书")),
                    }
                )
        insert_rows(session, PairingVisit, pairing_visit_rows)
        say("父母档案与结对帮扶")
        volunteer_names = dict(session.execute(select(Volunteer.id, Volunteer.name)
                                               .where(Volunteer.station_id == station_id)).all())
        wishes_made = wish_rows(random.Random(seed * 1000 + 22), station_id, child_ids, volunteer_names, dreams, until, actor.name)
        insert_rows(session, Wish, wishes_made)
        loans = lend_items(session, random.Random(seed * 1000 + 23), station_id, child_ids, until, actor.name)

        summary = DemoSummary(
            children=len(child_ids),
            volunteers=len(volunteer_ids),
            visits=len(visit_rows),
            shifts=len(shift_rows),
            sessions=len(session_ids),
            participations=len(participant_rows),
            parent_contacts=len(contact_rows),
            home_visits=len(home_rows),
            pairings=len(pairing_ids),
            wishes=len(wishes_made),
            loans=loans,
            photos=photo_count,
        )
        audit.record(session, actor, "create", "demo", detail={"seed": seed, **_counts(summary)})
        users = tuple(u for u in DEMO_USERS if not accounts.username_taken(session, u.username))
        for user in users:
            accounts.add_user(session, actor, username=user.username, role=user.role, password=user.password,
                              display_name=user.display_name, pin=user.pin)
        summary = dataclasses.replace(summary, users=users)
    return summary
