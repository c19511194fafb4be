"""器材与图书: the items and their copies, lending to children by scanned code, returns, overdue loans, stocktake.

Each copy has its own code (I01000042: kind, station, running number, printed as a QR label); a book's ISBN,
scanned, finds the title when the station has entered it. A loan is due after 借阅期限 days (14 by default for
books, 借用期限 for everything else) and overdue from the day after. One copy is out to one child at a time: a
unique index on the open loans lets the database decide between two PCs lending the same copy at once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from qsh_desk.db.models import ITEM_CONDITIONS, Child, Item, ItemConditionChange, ItemCopy, Loan
from qsh_desk.db.database import Database
from qsh_desk.services import settings
from qsh_desk.services.access import Actor, Permission, require
from qsh_desk.services.errors import Conflict, InvalidInput, NotFound, Problem, Refused
from qsh_desk.services.kernel import Work, reading, unit_of_work
from qsh_desk.services.reports import Card, CardSet, station_name

KINDS = ("图书", "器材", "玩具", "游戏", "乐器", "电脑", "其他")
CONDITION_TITLES = {"ok": "好", "damaged": "有损坏", "lost": "遗失", "scrapped": "报废"}
SOURCE_TITLES = {"purchase": "购置", "donation": "捐赠", "other": "其他"}
CODE_PREFIX = "I"
MAX_COPIES = 200


@dataclass(frozen=True)
class ItemAdded:
    item_id: int
    codes: tuple[str, ...]


@dataclass(frozen=True)
class ItemRow:
    id: int
    name: str
    kind: str
    isbn: str | None
    location: str | None
    may_leave: bool
    source: str
    donor: str | None
    codes: tuple[str, ...]
    out: int  # copies lent out now
    conditions: dict[str, int]  # condition title → copies

    @property
    def copies(self) -> int:
        return len(self.codes)

    def as_json(self) -> dict:
        return {"id": self.id, "name": self.name, "kind": self.kind, "isbn": self.isbn, "location": self.location,
                "may_leave": self.may_leave, "source": SOURCE_TITLES[self.source], "donor": self.donor,
                "codes": list(self.codes), "out": self.out, "conditions": self.conditions}


@dataclass(frozen=True)
class LoanRow:
    id: int
    item: str
    kind: str
    code: str
    child_id: int
    child: str
    since: dt.datetime
    due: dt.date
    returned_at: dt.datetime | None
    may_leave: bool
    overdue_days: int  # 0 when returned or not yet due

    @property
    def overdue(self) -> bool:
        return self.overdue_days > 0

    def as_json(self) -> dict:
        return {"id": self.id, "item": self.item, "kind": self.kind, "code": self.code, "child": self.child,
                "since": self.since.isoformat(timespec="minutes"), "due": self.due.isoformat(),
                "returned_at": self.returned_at.isoformat(timespec="minutes") if self.returned_at else None,
                "overdue": self.overdue, "overdue_days": self.overdue_days}


@dataclass(frozen=True)
class Stocktake:
    """盘点: what was scanned on the shelves against what should be there."""

    found: tuple[str, ...]  # codes seen
    out: tuple[str, ...]  # not on the shelf, but lent out: not missing
    missing: tuple[tuple[str, str], ...]  # (code, item name) neither seen nor lent out
    unknown: tuple[str, ...]  # scanned codes the station does not know


@dataclass(frozen=True)
class ItemsRegister:
    """器材台账: every item with its copies, condition and source (donations name the donor)."""

    station: str
    day: dt.date
    items: tuple[ItemRow, ...]


@dataclass(frozen=True)
class LoanSheet:
    """借阅登记表 of a month: every loan made in it, with its return."""

    station: str
    year: int
    month: int
    loans: tuple[LoanRow, ...]


@dataclass(frozen=True)
class OverdueSlip:
    child: str
    lines: tuple[str, ...]  # “《安徒生童话》（I01000001），应于 2026-12-12 归还，已逾期 3 天”


@dataclass(frozen=True)
class OverdueSlips:
    station: str
    day: dt.date
    slips: tuple[OverdueSlip, ...]


# ---- codes ------------------------------------------------------------------------------------------------------

def _next_numbers(session: Session, station_id: int, count: int) -> list[str]:
    stem = f"{CODE_PREFIX}{station_id:02d}"
    codes = session.scalars(select(ItemCopy.code).where(ItemCopy.code.like(stem + "%"))).all()
    highest = max((int(c[len(stem):]) for c in codes if c[len(stem):].isdigit()), default=0)
    return [f"{stem}{highest + i:06d}" for i in range(1, count + 1)]


def clean_isbn(text: str | None) -> str | None:
    """An ISBN as printed or scanned (978-7-…, with or without hyphens), or None; a wrong one is refused."""
    if not text or not text.strip():
        return None
    digits = text.strip().replace("-", "").replace(" ", "").upper()
    if not (len(digits) in (10, 13) and digits[:-1].isdigit() and (digits[-1].isdigit() or digits[-1] == "X")):
        raise InvalidInput(Problem("ISBN 是书背面条码下的 10 位或 13 位数字，例如 9787020002207。", field="ISBN",
                                   value=text))
    return digits


# ---- items ------------------------------------------------------------------------------------------------------

def add_item(db: Database, actor: Actor, name: str, *, kind: str = "图书", copies: int = 1, code: str | None = None,
             isbn: str | None = None, location: str | None = None, may_leave: bool = True, source: str = "purchase",
             donor: str | None = None) -> ItemAdded:
    """Register an item and its copies (each with its own code, printed on its label); returns the codes."""
    require(db, actor, Permission.ITEMS_MANAGE, what="item")
    problems = []
    name = (name or "").strip()
    if not name:
        problems.append(Problem("请写上物品或图书的名称。", field="名称"))
    if kind not in KINDS:
        problems.append(Problem("类别只能是：" + "、".join(KINDS) + "。", field="类别", value=kind))
    if not 1 <= copies <= MAX_COPIES:
        problems.append(Problem(f"数量要在 1 到 {MAX_COPIES} 之间。", field="数量", value=str(copies)))
    if source not in SOURCE_TITLES:
        problems.append(Problem("来源只能是 purchase（购置）、donation（捐赠）或 other。", field="来源", value=source))
    if source == "donation" and not (donor or "").strip():
        problems.append(Problem("捐赠的物品请写明捐赠人或单位：它要记入台账。", field="捐赠人"))
    code = (code or "").strip().upper() or None
    if code is not None and not (code.isalnum() and len(code) <= 28):
        problems.append(Problem("编码只能是字母和数字（不超过 28 位）。", field="编码", value=code))
    try:
        isbn = clean_isbn(isbn)
    except InvalidInput as bad:
        problems.extend(bad.problems)
    if problems:
        raise InvalidInput(problems)
    with unit_of_work(db, actor) as work:
        session = work.session
        if code is not None:
            codes = [code] if copies == 1 else [f"{code}{i:02d}" for i in range(1, copies + 1)]
            taken = session.scalars(select(ItemCopy.code).where(ItemCopy.code.in_(codes))).all()
            if taken:
                raise Refused(f"编码 {'、'.join(taken)} 已经用过了：请换一个编码，或不写编码让程序生成。")
        else:
            codes = _next_numbers(session, actor.station_id, copies)
        item = Item(station_id=actor.station_id, name=name, kind=kind, isbn=isbn, location=(location or "").strip()
                    or None, may_leave=may_leave, source=source, donor=(donor or "").strip() or None,
                    created_at=work.now)
        session.add(item)
        session.flush()
        for each in codes:
            session.add(ItemCopy(station_id=actor.station_id, item_id=item.id, code=each, condition="ok"))
        session.flush()
        work.audit("create", "item", entity_id=item.id,
                   detail={"name": name, "kind": kind, "count": copies, "isbn": isbn, "source": source,
                           "donor": item.donor})
        return ItemAdded(item.id, tuple(codes))


def list_items(db: Database, actor: Actor, *, text: str | None = None, kind: str | None = None) -> list[ItemRow]:
    """The inventory: each item with its copies' codes, how many are out and in which condition."""
    with reading(db, actor, Permission.LEND, what="item") as work:
        query = select(Item).where(Item.station_id == actor.station_id)
        if kind:
            query = query.where(Item.kind == kind)
        if text and text.strip():
            query = query.where(Item.name.contains(text.strip()))
        items = list(work.session.scalars(query.order_by(Item.kind, Item.name, Item.id)))
        return _item_rows(work.session, items)


def _item_rows(session: Session, items: list[Item]) -> list[ItemRow]:
    ids = [i.id for i in items]
    copies: dict[int, list[ItemCopy]] = {}
    if ids:
        for c in session.scalars(select(ItemCopy).where(ItemCopy.item_id.in_(ids)).order_by(ItemCopy.code)):
            copies.setdefault(c.item_id, []).append(c)
    out = dict(session.execute(
        select(ItemCopy.item_id, func.count(Loan.id)).join(Loan, Loan.copy_id == ItemCopy.id)
        .where(ItemCopy.item_id.in_(ids), Loan.returned_at.is_(None)).group_by(ItemCopy.item_id)).all()) if ids else {}
    rows = []
    for i in items:
        conditions: dict[str, int] = {}
        for c in copies.get(i.id, []):
            title = CONDITION_TITLES[c.condition]
            conditions[title] = conditions.get(title, 0) + 1
        rows.append(ItemRow(i.id, i.name, i.kind, i.isbn, i.location, i.may_leave, i.source, i.donor,
                            tuple(c.code for c in copies.get(i.id, [])), out.get(i.id, 0), conditions))
    return rows


def _copy(work: Work, code: str) -> tuple[ItemCopy, Item]:
    """The copy a scanned or typed code means: its own code, or an ISBN with exactly one copy on the shelf."""
    wanted = (code or "").strip().upper()
    if not wanted:
        raise InvalidInput(Problem("请扫描或输入物品上的编码。", field="编码"))
    session = work.session
    found = session.scalar(select(ItemCopy).where(ItemCopy.code == wanted, ItemCopy.station_id == work.actor.station_id))
    if found is None:
        isbn = wanted.replace("-", "")
        candidates = session.scalars(
            select(ItemCopy).join(Item, Item.id == ItemCopy.item_id)
            .where(Item.station_id == work.actor.station_id, Item.isbn == isbn,
                   ItemCopy.condition.in_(("ok", "damaged")),
                   ~select(Loan.id).where(Loan.copy_id == ItemCopy.id, Loan.returned_at.is_(None)).exists())
            .order_by(ItemCopy.code)
        ).all()
        if not candidates:
            raise NotFound(f"不认识这个编码：{wanted}。请看物品标签上的编码，或先在“器材与图书”里登记它。")
        found = candidates[0]  # copies of one title are alike: the first on the shelf
    return found, session.get(Item, found.item_id)


def _open_loan(session: Session, copy_id: int) -> Loan | None:
    return session.scalar(select(Loan).where(Loan.copy_id == copy_id, Loan.returned_at.is_(None)))


@dataclass(frozen=True)
class Scanned:
    """What a scanned or typed code is: a copy (with who has it now) or a child's card."""

    kind: str  # "copy" | "child"
    code: str
    name: str  # the item's, or the child's
    child_id: int | None = None  # the child's id (kind "child")
    out_to: str | None = None  # the child who has this copy now (kind "copy")


def scan(db: Database, actor: Actor, code: str) -> Scanned:
    """Tell a copy's code (or a book's ISBN) from a child's card, as the items page does with each scan."""
    with reading(db, actor, Permission.LEND, what="loan") as work:
        session = work.session
        wanted = (code or "").strip().upper()
        child = session.scalar(select(Child).where(Child.station_id == actor.station_id, Child.card_code == wanted))
        if child is not None:
            return Scanned("child", wanted, child.name, child_id=child.id)
        copy, item = _copy(work, wanted)
        loan = _open_loan(session, copy.id)
        holder = session.get(Child, loan.child_id).name if loan is not None else None
        return Scanned("copy", copy.code, item.name, out_to=holder)


# ---- lending ----------------------------------------------------------------------------------------------------

def _loan_row(loan: Loan, copy: ItemCopy, item: Item, child_name: str, today: dt.date) -> LoanRow:
    late = (today - loan.due_on).days if loan.returned_at is None else 0
    return LoanRow(loan.id, item.name, item.kind, copy.code, loan.child_id, child_name, loan.lent_at, loan.due_on,
                   loan.returned_at, item.may_leave, max(0, late))


def lend(db: Database, actor: Actor, code: str, child_id: int, *, due: dt.date | None = None,
         at: dt.datetime | None = None) -> LoanRow:
    """Lend the copy with this code (or the first copy on the shelf of a scanned ISBN) to a child."""
    require(db, actor, Permission.LEND, what="loan", child_id=child_id)
    days = settings.station_values(db, actor.station_id)
    try:
        with unit_of_work(db, actor) as work:
            session = work.session
            when = at or work.now
            copy, item = _copy(work, code)
            child = work.owned(Child, child_id, "找不到这个儿童：可能已被删除，请刷新后再试。")
            if child.archived_at is not None or not child.active:
                raise Refused(f"{child.name}已归档，不能再借东西。")
            if copy.condition in ("lost", "scrapped"):
                raise Refused(f"“{item.name}”（{copy.code}）已登记为{CONDITION_TITLES[copy.condition]}，不能借出。")
            already = _open_loan(session, copy.id)
            if already is not None:
                holder = session.get(Child, already.child_id)
                raise Refused(f"“{item.name}”（{copy.code}）已借给{holder.name}，应还日期 {already.due_on:%Y-%m-%d}。"
                              "请先办归还。")
            term = days["loan_days_books"] if item.kind == "图书" else days["loan_days_other"]
            due_on = due or when.date() + dt.timedelta(days=term)
            if due_on < when.date():
                raise InvalidInput(Problem("应还日期不能早于借出的日期。", field="应还日期", value=due_on.isoformat()))
            loan = Loan(station_id=actor.station_id, copy_id=copy.id, child_id=child.id, lent_at=when, due_on=due_on,
                        lent_by=actor.name)
            session.add(loan)
            session.flush()  # the unique index on open loans speaks here if another PC was faster
            work.audit("lend", "loan", entity_id=loan.id, child_id=child.id,
                       detail={"code": copy.code, "name": item.name, "due": due_on})
            return _loan_row(loan, copy, item, child.name, work.today)
    except IntegrityError as error:
        if "loans" not in str(error.orig).lower() and "uq_loans_open_copy" not in str(error.orig).lower():
            raise
        raise Conflict("这件物品刚刚在另一台电脑上借出了，这里没有重复借出。请刷新后再看。") from None


def return_item(db: Database, actor: Actor, code: str, *, at: dt.datetime | None = None, condition: str = "ok",
                note: str | None = None) -> LoanRow:
    """Take a copy back (one scan); a damaged or lost one is recorded in its condition history."""
    require(db, actor, Permission.LEND, what="loan")
    if condition not in ("ok", "damaged", "lost"):
        raise InvalidInput(Problem("归还时的状况只能是 ok（好）、damaged（有损坏）或 lost（遗失）。", field="状况",
                                   value=condition))
    with unit_of_work(db, actor) as work:
        session = work.session
        copy, item = _copy(work, code)
        loan = _open_loan(session, copy.id)
        if loan is None:
            raise Refused(f"“{item.name}”（{copy.code}）现在没有借出，不用归还。")
        when = at or work.now
        if when < loan.lent_at:
            raise InvalidInput(Problem("归还时间早于借出时间：请检查时间。", field="时间", value=when.isoformat()))
        loan.returned_at = when
        if condition != copy.condition:
            _set_condition(work, copy, condition, note or "归还时")
        session.flush()
        work.audit("return", "loan", entity_id=loan.id, child_id=loan.child_id,
                   detail={"code": copy.code, "name": item.name, "at": when, "condition": condition})
        child = session.get(Child, loan.child_id)
        return _loan_row(loan, copy, item, child.name, work.today)


def _set_condition(work: Work, copy: ItemCopy, condition: str, note: str | None) -> None:
    work.session.add(ItemConditionChange(copy_id=copy.id, at=work.now, condition=condition, note=note,
                                         by=work.actor.name))
    copy.condition = condition


def set_condition(db: Database, actor: Actor, code: str, condition: str, note: str | None = None) -> None:
    """Record a copy's condition: 好, 有损坏, 遗失, or written off (报废); the history keeps every change."""
    require(db, actor, Permission.ITEMS_MANAGE, what="item")
    if condition not in ITEM_CONDITIONS:
        raise InvalidInput(Problem("状况只能是 ok、damaged、lost 或 scrapped。", field="状况", value=condition))
    with unit_of_work(db, actor) as work:
        copy, item = _copy(work, code)
        if copy.condition == condition:
            return
        before = copy.condition
        _set_condition(work, copy, condition, (note or "").strip() or None)
        work.session.flush()
        work.audit("update", "item", entity_id=item.id,
                   detail={"code": copy.code, "before": {"condition": before}, "after": {"condition": condition}})


def list_loans(db: Database, actor: Actor, *, overdue_only: bool = False, child_id: int | None = None,
               include_returned: bool = False, start: dt.date | None = None,
               end: dt.date | None = None) -> list[LoanRow]:
    """Loans out now (or every loan made between `start` and `end`), most overdue first."""
    with reading(db, actor, Permission.LEND, what="loan", child_id=child_id) as work:
        query = (select(Loan, ItemCopy, Item, Child.name).join(ItemCopy, ItemCopy.id == Loan.copy_id)
                 .join(Item, Item.id == ItemCopy.item_id).join(Child, Child.id == Loan.child_id)
                 .where(Loan.station_id == actor.station_id))
        if not include_returned:
            query = query.where(Loan.returned_at.is_(None))
        if child_id is not None:
            query = query.where(Loan.child_id == child_id)
        if start is not None:
            query = query.where(Loan.lent_at >= dt.datetime.combine(start, dt.time()))
        if end is not None:
            query = query.where(Loan.lent_at < dt.datetime.combine(end + dt.timedelta(days=1), dt.time()))
        rows = [_loan_row(loan, copy, item, name, work.today)
                for loan, copy, item, name in work.session.execute(query.order_by(Loan.due_on, Loan.id))]
    if overdue_only:
        rows = [r for r in rows if r.overdue]
    return rows


def overdue_by_child(db: Database, actor: Actor) -> dict[int, str]:
    """What the desk shows on a child's row: “有 1 本书逾期”, “有 2 件物品逾期”."""
    counts: dict[int, list[LoanRow]] = {}
    for row in list_loans(db, actor, overdue_only=True):
        counts.setdefault(row.child_id, []).append(row)
    return {child: (f"有 {len(rows)} 本书逾期" if all(r.kind == "图书" for r in rows) else f"有 {len(rows)} 件物品逾期")
            for child, rows in counts.items()}


def kept_in_the_room(db: Database, actor: Actor, child_id: int) -> list[LoanRow]:
    """Items the child has that may not leave the room: the check-out dialog reminds the volunteer of them."""
    return [r for r in list_loans(db, actor, child_id=child_id) if not r.may_leave]


def stocktake(db: Database, actor: Actor, scanned: Iterable[str]) -> Stocktake:
    """盘点: every code scanned on the shelves is marked seen today; the result says what is missing."""
    require(db, actor, Permission.ITEMS_MANAGE, what="stocktake")
    seen = {c.strip().upper() for c in scanned if c and c.strip()}
    with unit_of_work(db, actor) as work:
        session = work.session
        copies = session.execute(
            select(ItemCopy, Item.name).join(Item, Item.id == ItemCopy.item_id)
            .where(ItemCopy.station_id == actor.station_id, ItemCopy.condition.in_(("ok", "damaged")))
            .order_by(ItemCopy.code)).all()
        lent = set(session.scalars(select(ItemCopy.code).join(Loan, Loan.copy_id == ItemCopy.id)
                                   .where(Loan.station_id == actor.station_id, Loan.returned_at.is_(None))))
        known = set(session.scalars(select(ItemCopy.code).where(ItemCopy.station_id == actor.station_id)))
        found, out, missing = [], [], []
        for copy, name in copies:
            if copy.code in seen:
                copy.last_seen_on = work.today
                found.append(copy.code)
            elif copy.code in lent:
                out.append(copy.code)
            else:
                missing.append((copy.code, name))
        work.audit("create", "stocktake", detail={"count": len(found), "missing": len(missing)})
        return Stocktake(tuple(found), tuple(out), tuple(missing), tuple(sorted(seen - known)))


# ---- printouts --------------------------------------------------------------------------------------------------

def items_register(db: Database, actor: Actor) -> ItemsRegister:
    """The data of the 器材台账."""
    with reading(db, actor, Permission.PRINT_BASIC, what="print:items") as work:
        items = list(work.session.scalars(select(Item).where(Item.station_id == actor.station_id)
                                          .order_by(Item.kind, Item.name, Item.id)))
        return ItemsRegister(station_name(work.session, actor), work.today, tuple(_item_rows(work.session, items)))


def loan_sheet(db: Database, actor: Actor, year: int, month: int) -> LoanSheet:
    """The data of a month's 借阅登记表."""
    from qsh_desk.services.calendar import month_range

    require(db, actor, Permission.PRINT_BASIC, what="print:loans")
    start, end = month_range(year, month)
    rows = list_loans(db, actor, include_returned=True, start=start, end=end)
    with reading(db, actor) as work:
        station = station_name(work.session, actor)
    return LoanSheet(station, year, month, tuple(sorted(rows, key=lambda r: (r.since, r.id))))


def item_labels(db: Database, actor: Actor, codes: Iterable[str] | None = None) -> CardSet:
    """Labels for the copies (all, or these codes): the item's name and kind, and a QR code of the copy's code."""
    wanted = {c.strip().upper() for c in codes} if codes else None
    with reading(db, actor, Permission.PRINT_BASIC, what="print:item_labels") as work:
        rows = work.session.execute(
            select(ItemCopy.code, Item.name, Item.kind, Item.location).join(Item, Item.id == ItemCopy.item_id)
            .where(ItemCopy.station_id == actor.station_id, ItemCopy.condition.in_(("ok", "damaged")))
            .order_by(ItemCopy.code)).all()
        station = station_name(work.session, actor)
    cards = tuple(Card(code, name, " · ".join(x for x in (kind, location) if x), None)
                  for code, name, kind, location in rows if wanted is None or code in wanted)
    return CardSet(station, False, cards, title="物品标签")


def overdue_slips(db: Database, actor: Actor) -> OverdueSlips:
    """One 逾期提醒 slip per child with overdue loans, listing what to bring back."""
    require(db, actor, Permission.PRINT_BASIC, what="print:overdue_slips")
    by_child: dict[int, list[LoanRow]] = {}
    for row in list_loans(db, actor, overdue_only=True):
        by_child.setdefault(row.child_id, []).append(row)
    with reading(db, actor) as work:
        station, today = station_name(work.session, actor), work.today
    slips = []
    for rows in sorted(by_child.values(), key=lambda rows: rows[0].child):
        lines = tuple((f"《{r.item}》" if r.kind == "图书" else f"“{r.item}”")
                      + f"（{r.code}），应于 {r.due:%Y-%m-%d} 归还，已逾期 {r.overdue_days} 天" for r in rows)
        slips.append(OverdueSlip(rows[0].child, lines))
    return OverdueSlips(station, today, tuple(slips))


@dataclass(frozen=True)
class HistoryLine:
    at: dt.datetime
    code: str
    text: str  # “借给 单田芳（应还 2026-12-12）”, “归还”, “状况：有损坏（封面撕破）”


def item_history(db: Database, actor: Actor, item_id: int) -> list[HistoryLine]:
    """An item's history, newest first: every loan and return of its copies and every change of condition."""
    with reading(db, actor, Permission.LEND, what="item") as work:
        work.owned(Item, item_id, "找不到这件物品：可能已被删除，请刷新后再试。")
        session = work.session
        lines = []
        for loan, code, child in session.execute(
                select(Loan, ItemCopy.code, Child.name).join(ItemCopy, ItemCopy.id == Loan.copy_id)
                .join(Child, Child.id == Loan.child_id).where(ItemCopy.item_id == item_id)):
            lines.append(HistoryLine(loan.lent_at, code, f"借给 {child}（应还 {loan.due_on:%Y-%m-%d}）"))
            if loan.returned_at is not None:
                lines.append(HistoryLine(loan.returned_at, code, f"{child} 归还"))
        for change, code in session.execute(
                select(ItemConditionChange, ItemCopy.code).join(ItemCopy, ItemCopy.id == ItemConditionChange.copy_id)
                .where(ItemCopy.item_id == item_id)):
            note = f"（{change.note}）" if change.note else ""
            lines.append(HistoryLine(change.at, code, f"状况：{CONDITION_TITLES[change.condition]}{note}"))
    return sorted(lines, key=lambda line: line.at, reverse=True)
