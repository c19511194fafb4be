"""Small builders for the desk's tests: children with guardians and consents, volunteers."""

from __future__ import annotations

import datetime as dt
import itertools

from qsh_desk.db.database import Database
from qsh_desk.db.models import Child, Consent, Guardian, Volunteer
from qsh_desk.services.cards import card_code
from qsh_desk.services.search_keys import name_keys

_numbers = itertools.count(1)


def add_child(
    db: Database,
    station_id: int,
    name: str,
    *,
    grade: str = "三年级",
    guardians: tuple[tuple[str, str, str], ...] = (("王秀英", "祖母", "13800001234"),),
    alone_consent: bool = False,
    medical: bool = False,
    unauthorised: tuple[tuple[str, str, str], ...] = (),
    birth_date: dt.date | None = dt.date(2017, 5, 1),
    initials_override: str | None = None,
) -> int:
    """A child on the roster: guardians (name, relation, phone) may collect; `unauthorised` may not."""
    with db.transaction() as s:
        child = Child(
            station_id=station_id, name=name, gender="男", grade=grade, birth_date=birth_date,
            medical_flag=medical, medical_details="花生过敏" if medical else None,
            card_code=card_code("C", station_id, 900000 + next(_numbers)),
            search_keys=name_keys(name, initials_override), initials_override=initials_override,
        )
        for order, (gname, relation, phone) in enumerate(guardians + unauthorised):
            child.guardians.append(
                Guardian(name=gname, relation=relation, phone=phone, phone_last4=phone[-4:],
                         may_collect=order < len(guardians), is_primary=order == 0, sort_order=order)
            )
        if alone_consent:
            child.consents.append(Consent(kind="go_home_alone", given_by="王秀英", given_on=dt.date(2025, 9, 1)))
        s.add(child)
        s.flush()
        return child.id


def add_volunteer(db: Database, station_id: int, name: str, phone: str = "13911112222") -> int:
    with db.transaction() as s:
        volunteer = Volunteer(
            station_id=station_id, name=name, gender="女", phone=phone,
            card_code=card_code("V", station_id, 900000 + next(_numbers)), search_keys=name_keys(name),
        )
        s.add(volunteer)
        s.flush()
        return volunteer.id
