"""Who a session form offers: the children checked in that day, the volunteers on duty, the staff, and searches."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from qsh_desk.db.database import Database
from qsh_desk.db.models import (
    Child,
    ChildVisit,
    User,
    Volunteer,
    VolunteerShift,
)
from qsh_desk.services.access import Actor, Permission, require
from qsh_desk.services.kernel import unit_of_work
from qsh_desk.services.search_keys import matches_person, query_terms
from qsh_desk.services.sessions import SEARCH_LIMIT, PersonRef, day_bounds


def checked_in_children(db: Database, actor: Actor, day: dt.date) -> list[PersonRef]:
    """The children checked in on this day, in the order they arrived: the form's ready-made participant list."""
    require(db, actor, Permission.SESSION_LOG, what="programme_session")
    start, end = day_bounds(day, day)
    with unit_of_work(db, actor) as work:
        session = work.session
        first_in = func.min(ChildVisit.checked_in_at).label("first_in")
        rows = session.execute(
            select(Child.id, Child.name, Child.card_code, first_in)
            .join(ChildVisit, ChildVisit.child_id == Child.id)
            .where(ChildVisit.station_id == actor.station_id, ChildVisit.checked_in_at >= start, ChildVisit.checked_in_at < end)
            .group_by(Child.id, Child.name, Child.card_code)
            .order_by(first_in, Child.id)
        ).all()
    return [PersonRef(r.id, r.name, f"{r.first_in:%H:%M} 到站") for r in rows]


def search_children(db: Database, actor: Actor, text: str, limit: int = SEARCH_LIMIT) -> list[PersonRef]:
    """Children on the roster found by name, pinyin, initials (the stored search keys) or card code."""
    require(db, actor, Permission.SESSION_LOG, what="programme_session")
    terms = query_terms(text)
    if not terms:
        return []
    with unit_of_work(db, actor) as work:
        session = work.session
        query = select(Child.id, Child.name, Child.grade, Child.card_code).where(
            Child.station_id == actor.station_id, Child.active.is_(True)
        )
        for term in terms:
            query = query.where(matches_person(Child.search_keys, Child.card_code, term))
        rows = session.execute(query.order_by(Child.sort_name, Child.name, Child.id).limit(limit)).all()
    return [PersonRef(r.id, r.name, " ".join(x for x in (r.grade, r.card_code) if x)) for r in rows]


def search_volunteers(db: Database, actor: Actor, text: str, limit: int = SEARCH_LIMIT) -> list[PersonRef]:
    """Active volunteers found by name, pinyin, initials or card code."""
    require(db, actor, Permission.SESSION_LOG, what="programme_session")
    terms = query_terms(text)
    if not terms:
        return []
    with unit_of_work(db, actor) as work:
        session = work.session
        query = select(Volunteer.id, Volunteer.name, Volunteer.card_code).where(
            Volunteer.station_id == actor.station_id, Volunteer.active.is_(True)
        )
        for term in terms:
            query = query.where(matches_person(Volunteer.search_keys, Volunteer.card_code, term))
        rows = session.execute(query.order_by(Volunteer.sort_name, Volunteer.name, Volunteer.id).limit(limit)).all()
    return [PersonRef(r.id, r.name, r.card_code) for r in rows]


def volunteers_on_duty(db: Database, actor: Actor, day: dt.date) -> list[PersonRef]:
    """Volunteers with a shift on this day: the likely organiser and helpers."""
    require(db, actor, Permission.SESSION_LOG, what="programme_session")
    start, end = day_bounds(day, day)
    with unit_of_work(db, actor) as work:
        session = work.session
        rows = session.execute(
            select(Volunteer.id, Volunteer.name, Volunteer.card_code)
            .join(VolunteerShift, VolunteerShift.volunteer_id == Volunteer.id)
            .where(VolunteerShift.station_id == actor.station_id, VolunteerShift.started_at >= start,
                   VolunteerShift.started_at < end)
            .group_by(Volunteer.id, Volunteer.name, Volunteer.card_code)
            .order_by(Volunteer.sort_name, Volunteer.name)
        ).all()
    return [PersonRef(r.id, r.name, r.card_code) for r in rows]


def staff_users(db: Database, actor: Actor) -> list[PersonRef]:
    """The station's active accounts, who may organise a session as staff."""
    with unit_of_work(db, actor, Permission.SESSION_LOG, what="programme_session") as work:
        session = work.session
        rows = session.execute(
            select(User.id, User.display_name, User.username)
            .where(User.station_id == actor.station_id, User.active.is_(True))
            .order_by(User.display_name)
        ).all()
    return [PersonRef(r.id, r.display_name, r.username) for r in rows]
