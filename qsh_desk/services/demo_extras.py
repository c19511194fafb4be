"""The demo's 微心愿 and the station's books and equipment with their loans."""

from __future__ import annotations

import datetime as dt
import random

from sqlalchemy.orm import Session

from qsh_desk.db.models import Item, ItemCopy, Loan
from qsh_desk.services.bulk import insert_returning_ids, insert_rows
from qsh_desk.services.demo_words import ITEMS, UNITS, WISHES, WISH_STORIES, phone_number


def wish_rows(rng: random.Random, station_id: int, child_ids: list[int], volunteers: dict[int, str],
              dreams: list, until: dt.date, writer: str) -> list[dict]:  # noqa: ANN001
    """A handful of 微心愿 in every status (the last waits for approval: it is above the 100 元 cap)."""
    dream_ids = {name: did for did, name in dreams}
    rows = []
    for child_id, (status, kind, age), (words, value, dream) in zip(
            rng.sample(child_ids, min(len(child_ids), len(WISH_STORIES))), WISH_STORIES, WISHES):
        written = dt.datetime.combine(until - dt.timedelta(days=age), dt.time(10, 0))
        claimed = written + dt.timedelta(days=2) if kind else None
        if kind == "volunteer" and not volunteers:
            kind = "unit"
        row = {"station_id": station_id, "child_id": child_id, "wish": words, "value_yuan": value,
               "dream_id": dream_ids.get(dream), "status": status, "needs_approval": bool(value and value > 100),
               "written_by": writer, "written_at": written, "claimer_kind": kind, "claimed_at": claimed}
        if kind == "volunteer":
            row["claimer_volunteer_id"] = rng.choice(sorted(volunteers))
            row["claimer_name"] = volunteers[row["claimer_volunteer_id"]]
        elif kind == "unit":
            row["claimer_unit"] = rng.choice(UNITS)
        elif kind == "person":
            row |= {"claimer_name": "李女士", "claimer_phone": phone_number(rng)}
        if status == "fulfilled":
            row |= {"fulfilled_on": claimed.date() + dt.timedelta(days=7), "delivery": "周末在站里当面送到",
                    "thanks": "谢谢叔叔阿姨，我会好好学习！"}
        if status == "cancelled":
            row["cancelled_reason"] = "孩子随父母去外地上学了"
        rows.append(row)
    return rows


def lend_items(session: Session, rng: random.Random, station_id: int, child_ids: list[int], until: dt.date,
               lender: str) -> int:
    """The station's books and equipment, each copy with its code, and loans: returned, out, some overdue."""
    copy_ids: list[tuple[int, str]] = []
    number = 0
    for name, kind, copies, may_leave, donor in ITEMS:
        [item_id] = insert_returning_ids(session, Item, [{
            "station_id": station_id, "name": name, "kind": kind, "may_leave": may_leave, "location": "书架" if
            kind == "图书" else "器材柜", "source": "donation" if donor else "purchase", "donor": donor,
            "created_at": dt.datetime.combine(until - dt.timedelta(days=200), dt.time(10))}])
        rows = []
        for _ in range(copies):
            number += 1
            rows.append({"station_id": station_id, "item_id": item_id, "code": f"I{station_id:02d}{number:06d}",
                         "condition": "ok"})
        copy_ids += [(cid, kind) for cid in insert_returning_ids(session, ItemCopy, rows)]
    loan_rows = []
    for index, (copy_id, kind) in enumerate(rng.sample(copy_ids, min(len(copy_ids), 12)) if child_ids else []):
        lent = dt.datetime.combine(until - dt.timedelta(days=rng.randint(1, 40)), dt.time(15, 30))
        due = lent.date() + dt.timedelta(days=14 if kind == "图书" else 7)
        returned = index % 3 == 0  # a third came back; of the rest, those due before today are overdue
        loan_rows.append({"station_id": station_id, "copy_id": copy_id, "child_id": rng.choice(child_ids),
                          "lent_at": lent, "due_on": due, "lent_by": lender,
                          "returned_at": lent + dt.timedelta(days=rng.randint(1, 10)) if returned else None})
    insert_rows(session, Loan, loan_rows)
    return len(loan_rows)
