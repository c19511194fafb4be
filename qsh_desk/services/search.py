"""The desk's search: children and volunteers by name, part of a name, pinyin, initials, card code or phone.

The roster is loaded once into an in-memory `SearchIndex` (plain rows, one service call) and searched in
Python on every keystroke: a sorted key list answers prefixes by bisection, a dictionary answers card codes
and the last four digits of a guardian's phone, and one joined string answers "part of a name". Results are
ranked exact > prefix > initials > other, then by how often the person came lately, so the regulars are on
top. Call `refresh` (or `mark`/`set_present`) after changes.
"""

from __future__ import annotations

import bisect
import datetime as dt
from array import array
import unicodedata
from dataclasses import dataclass

from sqlalchemy import func, select

from qsh_desk import clock, config
from qsh_desk.db.database import Database
from qsh_desk.db.models import Child, ChildVisit, Guardian, Team, Volunteer, VolunteerShift
from qsh_desk.services.kernel import reading
from qsh_desk.services.access import Actor, Permission, require
from qsh_desk.services.checkin import open_shifts_of, open_visits_of
from qsh_desk.services.errors import Ambiguous, Candidate, NotFound

CHILD, VOLUNTEER = "child", "volunteer"
LIMIT = 20  # rows the desk shows; more would not help anyone find a child
RECENT_WEEKS = 12  # "came lately" for the ranking

# Tiers of a match, best first.
EXACT, PREFIX, INITIALS, OTHER = 0, 1, 2, 3
TIER_TITLES = {EXACT: "完全匹配", PREFIX: "开头匹配", INITIALS: "首字母", OTHER: "部分匹配"}

# Match codes, best first: (tier, sub-rank, what matched). A candidate is coded as one integer,
# code * N + the person's popularity rank, so ranking a few thousand candidates is one C-level sort.
_CODES = (
    (EXACT, 0, "卡号"),
    (EXACT, 1, "姓名"),
    (EXACT, 1, "拼音"),
    (EXACT, 1, "电话后四位"),
    (PREFIX, 0, "姓名"),
    (PREFIX, 1, "拼音"),
    (INITIALS, 0, "首字母"),
    (INITIALS, 1, "首字母"),
    (OTHER, 0, "部分姓名"),
)
_CARD, _NAME_EXACT, _PINYIN_EXACT, _PHONE, _NAME_PREFIX, _PINYIN_PREFIX, _INITIALS_EXACT, _INITIALS_PREFIX, _PART = range(
    len(_CODES)
)
# What a stored key is, as (code when the query equals it, code when the query is a prefix of it).
_NAME = (_NAME_EXACT, _NAME_PREFIX)
_PINYIN = (_PINYIN_EXACT, _PINYIN_PREFIX)
_PINYIN_PARTIAL = (_PINYIN_PREFIX, _PINYIN_PREFIX)  # a name with characters pypinyin cannot read
_INITIALS = (_INITIALS_EXACT, _INITIALS_PREFIX)


@dataclass(frozen=True)
class SearchResult:
    """One person found: enough to tell who it is and what Enter will do, nothing sensitive."""

    kind: str  # "child" | "volunteer"
    id: int
    name: str
    detail: str  # 9岁 · 三年级, or 志愿者 · team
    here: bool
    since: dt.datetime | None  # here since
    medical_flag: bool  # the flag only; the details stay with social workers
    hint: str | None  # tells namesakes apart: grade and primary guardian (children), team (volunteers)
    card_code: str
    photo_path: str | None  # absolute path of the child's photo, if any
    tier: int
    matched: str  # 姓名 / 拼音 / 首字母 / 卡号 / 电话后四位 / 部分姓名

    @property
    def label(self) -> str:
        """One line for lists and the command line."""
        parts = [self.name, self.detail]
        if self.hint:
            parts.append(self.hint)
        if self.here:
            parts.append("在站")
        if self.medical_flag:
            parts.append("⚠过敏/疾病")
        return " · ".join(p for p in parts if p) + f"（{self.card_code}）"


@dataclass(frozen=True)
class SearchOutcome:
    query: str
    results: tuple[SearchResult, ...]  # best first, at most LIMIT
    total: int  # how many matched in all
    ranks: tuple[tuple[int, int], ...] = ()  # (tier, sub-rank) of each result, for `unambiguous`

    @property
    def unambiguous(self) -> bool:
        """True when the top result is the only one of its rank: Enter may act on it without asking."""
        if not self.results:
            return False
        return len(self.results) == 1 or self.ranks[0] < self.ranks[1]

    @property
    def top(self) -> SearchResult | None:
        return self.results[0] if self.results else None


class _Entry:
    """One searchable person (internal)."""

    __slots__ = ("kind", "id", "name", "detail", "medical", "hint", "card", "photo", "weight")

    def __init__(self, kind, id, name, detail, medical, hint, card, photo, weight):  # noqa: A002, ANN001
        self.kind, self.id, self.name, self.detail = kind, id, name, detail
        self.medical, self.hint, self.card, self.photo, self.weight = medical, hint, card, photo, weight


def normalise(query: str) -> str:
    """What the user typed, as the keys are stored: full-width folded, lower case, no spaces."""
    return "".join(unicodedata.normalize("NFKC", query or "").split()).lower()


def _age(birth: dt.date | None, today: dt.date) -> int | None:
    if birth is None:
        return None
    return today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))


def _tagged_keys(name: str, search_keys: str, override: str | None) -> list[tuple[str, tuple[int, int]]]:
    """A person's keys with what each is: the name, full readings, initials (from the stored search keys)."""
    name_key = normalise(name)
    override = normalise(override or "")
    pinyins, initials = [], []
    for key in (search_keys or "").split():
        if key == name_key or not key.isascii():
            continue
        # Initials have one letter per character; a full reading has at least one (usually more).
        (initials if key == override or len(key) <= len(name_key) else pinyins).append(key)
    # A character without a known reading (a rare one) leaves the readings short: never an exact match.
    complete = not initials or max(len(k) for k in initials) >= len(name_key) or name_key.isascii()
    tagged = [(name_key, _NAME)]
    tagged += [(k, _PINYIN if complete else _PINYIN_PARTIAL) for k in pinyins]
    tagged += [(k, _INITIALS) for k in initials]
    return list(dict.fromkeys(tagged))


class SearchIndex:
    """The station's children and volunteers in memory; `search` runs per keystroke on the GUI thread."""

    def __init__(self, entries: list[_Entry], keys: list[list[tuple[str, tuple[int, int]]]],
                 phones: dict[str, list[int]], present: dict[tuple[str, int], dt.datetime]):
        # Popularity rank: people who came most lately first, then shorter names, then roster order.
        by_rank = sorted(range(len(entries)), key=lambda i: (-entries[i].weight, len(entries[i].name), i))
        rank = [0] * len(entries)
        for position, index in enumerate(by_rank):
            rank[index] = position
        self._entries = [entries[i] for i in by_rank]  # indexed by rank from here on
        self._n = n = len(entries) + 1
        self._by_person = {(e.kind, e.id): r for r, e in enumerate(self._entries)}
        self._cards = {normalise(e.card): r for r, e in enumerate(self._entries) if e.card}
        # Tuples of ints, which Python's collector stops tracking: 10,000 lists fewer in every full collection.
        self._phones = {digits: tuple(rank[i] for i in indexes) for digits, indexes in phones.items()}
        self._present = present
        flat_keys: list[str] = []
        flat_exact, flat_prefix, flat_owner = array("q"), array("q"), array("q")
        for index, tagged in enumerate(keys):
            r = rank[index]
            for key, (exact, prefix) in tagged:
                flat_keys.append(key)
                flat_exact.append(exact * n + r)
                flat_prefix.append(prefix * n + r)
                flat_owner.append(r)
        # Sorted by key alone (equal keys in any order: `search` sorts its candidates by code anyway), which
        # costs a fraction of sorting tuples. Parallel arrays: bisect over plain strings makes a prefix lookup
        # cost microseconds.
        order = sorted(range(len(flat_keys)), key=flat_keys.__getitem__)
        # The codes as machine integers: a third of the memory of Python ints, for 60,000 keys at district scale.
        self._keys = [flat_keys[i] for i in order]
        self._exact = array("q", [flat_exact[i] for i in order])
        self._prefix = array("q", [flat_prefix[i] for i in order])
        self._owner = array("q", [flat_owner[i] for i in order])
        # "Part of a name": each person's name and readings on one line, scanned with `in`.
        lines = [""] * len(entries)
        for index, tagged in enumerate(keys):
            lines[rank[index]] = " ".join(k for k, codes in tagged if codes in (_NAME, _PINYIN, _PINYIN_PARTIAL))
        self._lines = lines

    def __len__(self) -> int:
        return len(self._entries)

    # ------------------------------------------------------------------------------------- here-now

    def set_present(self, people) -> None:  # noqa: ANN001 - iterable of checkin.PresentPerson
        """Replace who is here now (from `checkin.present`)."""
        self._present = {(p.kind, p.id): p.since for p in people}

    def mark(self, kind: str, person_id: int, since: dt.datetime | None) -> None:
        """Record one check-in (`since` = its time) or check-out (`since` = None) without a reload."""
        if since is None:
            self._present.pop((kind, person_id), None)
        else:
            self._present[(kind, person_id)] = since

    def is_here(self, kind: str, person_id: int) -> bool:
        return (kind, person_id) in self._present

    # --------------------------------------------------------------------------------------- search

    def search(self, query: str, limit: int = LIMIT) -> SearchOutcome:
        """Everyone matching the query, ranked; the top `limit` as results."""
        q = normalise(query)
        if not q:
            return SearchOutcome(query, (), 0)
        n, keys = self._n, self._keys
        low = bisect.bisect_left(keys, q)
        exact_end = bisect.bisect_right(keys, q, low)
        high = bisect.bisect_left(keys, q + "\U0010ffff", exact_end)
        candidates = list(self._exact[low:exact_end])
        candidates += self._prefix[exact_end:high]
        found = set(self._owner[low:high])
        card = self._cards.get(q)
        if card is not None:
            candidates.append(_CARD * n + card)
            found.add(card)
        if len(q) == 4 and q.isdigit():
            family = self._phones.get(q, ())
            candidates += [_PHONE * n + r for r in family]
            found.update(family)
        if len(found) < limit:
            part = [r for r, line in enumerate(self._lines) if q in line and r not in found]
            candidates += [_PART * n + r for r in part]
            found.update(part)
        candidates.sort()
        picked: list[int] = []
        seen: set[int] = set()
        for code in candidates:
            person = code % n
            if person in seen:
                continue
            seen.add(person)
            picked.append(code)
            if len(picked) == limit:
                break
        results, ranks = [], []
        for code in picked:
            tier, sub, matched = _CODES[code // n]
            results.append(self._result(self._entries[code % n], tier, matched))
            ranks.append((tier, sub))
        return SearchOutcome(query, tuple(results), len(found), tuple(ranks))

    def _result(self, entry: _Entry, tier: int, matched: str) -> SearchResult:
        since = self._present.get((entry.kind, entry.id))
        return SearchResult(
            kind=entry.kind, id=entry.id, name=entry.name, detail=entry.detail, here=since is not None, since=since,
            medical_flag=entry.medical, hint=entry.hint, card_code=entry.card, photo_path=entry.photo, tier=tier,
            matched=matched,
        )

    def person(self, kind: str, person_id: int) -> SearchResult | None:
        """The result row of one person (for the here-now panel and after an action)."""
        rank = self._by_person.get((kind, person_id))
        return None if rank is None else self._result(self._entries[rank], EXACT, "")


def load_index(db: Database, actor: Actor, today: dt.date | None = None) -> SearchIndex:
    """Read the station's active children and volunteers (plain rows) and build the search index."""
    require(db, actor, Permission.DESK, what="search")
    today = today or clock.today()
    recent = dt.datetime.combine(today - dt.timedelta(weeks=RECENT_WEEKS), dt.time())
    sid = actor.station_id
    entries: list[_Entry] = []
    keys: list[list[tuple[str, tuple[int, int]]]] = []
    phones: dict[str, list[int]] = {}
    # Many people share a name (and so its keys): work them out once per name.
    tagged_by_name: dict[tuple[str, str, str | None], list[tuple[str, tuple[int, int]]]] = {}

    def tagged_keys(name: str, search_keys: str, override: str | None) -> list[tuple[str, tuple[int, int]]]:
        found = tagged_by_name.get((name, search_keys, override))
        if found is None:
            found = tagged_by_name[(name, search_keys, override)] = _tagged_keys(name, search_keys, override)
        return found

    # The rows are streamed, never held all at once: at district scale 40,000 rows held together would double
    # the memory the index takes while it loads, and the process keeps that peak.
    with reading(db, actor) as work:
        session = work.session
        rows = session.connection()  # Core rows: no ORM bookkeeping for plain tuples
        child_weight = dict(
            rows.execute(
                select(ChildVisit.child_id, func.count())
                .where(ChildVisit.station_id == sid, ChildVisit.checked_in_at >= recent)
                .group_by(ChildVisit.child_id)
            ).all()
        )
        volunteer_weight = dict(
            rows.execute(
                select(VolunteerShift.volunteer_id, func.count())
                .where(VolunteerShift.station_id == sid, VolunteerShift.started_at >= recent)
                .group_by(VolunteerShift.volunteer_id)
            ).all()
        )
        active_child = (Child.station_id == sid, Child.active.is_(True))
        active_volunteer = (Volunteer.station_id == sid, Volunteer.active.is_(True))
        # Names two people share: those get a hint that tells them apart.
        shared_child_names = set(rows.execute(
            select(Child.name).where(*active_child).group_by(Child.name).having(func.count() > 1)).scalars())
        shared_volunteer_names = set(rows.execute(
            select(Volunteer.name).where(*active_volunteer).group_by(Volunteer.name).having(func.count() > 1)
        ).scalars())

        primary: dict[int, str] = {}  # the first collector, for the hint of a child whose name is shared
        last4: dict[int, set[str]] = {}
        for child_id, gname, relation, note, phone_last4, child_name in rows.execute(
            select(Guardian.child_id, Guardian.name, Guardian.relation, Guardian.relation_note, Guardian.phone_last4,
                   Child.name)
            .join(Child, Child.id == Guardian.child_id)
            .where(*active_child)
            .order_by(Guardian.child_id, Guardian.is_primary.desc(), Guardian.sort_order, Guardian.id)
        ):
            if child_id not in primary and child_name in shared_child_names:
                primary[child_id] = f"{note if relation == '其他' and note else relation} {gname}"
            if phone_last4:
                last4.setdefault(child_id, set()).add(phone_last4)

        data_dir = config.data_dir()
        for cid, name, search_keys, override, card, grade, birth, medical, photo in rows.execute(
            select(Child.id, Child.name, Child.search_keys, Child.initials_override, Child.card_code, Child.grade,
                   Child.birth_date, Child.medical_flag, Child.photo_path)
            .where(*active_child)
            .order_by(Child.id)
        ):
            age = _age(birth, today)
            detail = " · ".join(p for p in (f"{age}岁" if age is not None else None, grade) if p)
            hint = None
            if name in shared_child_names:
                hint = " · ".join(p for p in (grade, primary.get(cid)) if p) or None
            index = len(entries)
            photo = str(data_dir / photo) if photo else None
            entries.append(_Entry(CHILD, cid, name, detail, bool(medical), hint, card, photo, child_weight.get(cid, 0)))
            keys.append(tagged_keys(name, search_keys, override))
            for digits in last4.get(cid, ()):
                phones.setdefault(digits, []).append(index)
        for vid, name, search_keys, override, card, team in rows.execute(
            select(Volunteer.id, Volunteer.name, Volunteer.search_keys, Volunteer.initials_override,
                   Volunteer.card_code, Team.name)
            .outerjoin(Team, Team.id == Volunteer.team_id)
            .where(*active_volunteer)
            .order_by(Volunteer.id)
        ):
            hint = team if name in shared_volunteer_names else None
            detail = "志愿者" + (f" · {team}" if team else "")
            entries.append(_Entry(VOLUNTEER, vid, name, detail, False, hint, card, None, volunteer_weight.get(vid, 0)))
            keys.append(tagged_keys(name, search_keys, override))
        open_visits = rows.execute(
            select(ChildVisit.child_id, ChildVisit.checked_in_at).where(*open_visits_of(sid))
        ).all()
        open_shifts = rows.execute(
            select(VolunteerShift.volunteer_id, VolunteerShift.started_at).where(*open_shifts_of(sid))
        ).all()

    present = {(CHILD, cid): since for cid, since in open_visits}
    present.update({(VOLUNTEER, vid): since for vid, since in open_shifts})
    return SearchIndex(entries, keys, phones, present)


def find_one(db: Database, actor: Actor, query: str, *, kind: str | None = None) -> SearchResult:
    """The one person a query means (for the command line): NotFound, or Ambiguous listing the candidates."""
    outcome = load_index(db, actor).search(query)
    results = [r for r in outcome.results if kind is None or r.kind == kind]
    if not results:
        raise NotFound(f"没有找到“{query.strip()}”。请检查姓名、拼音首字母或卡号。")
    ranks = [rank for rank, r in zip(outcome.ranks, outcome.results, strict=True) if kind is None or r.kind == kind]
    if len(results) > 1 and ranks[0] >= ranks[1]:
        raise Ambiguous(
            f"“{query.strip()}”对应 {outcome.total} 人，请用卡号或更完整的姓名指明是哪一位：",
            [Candidate(r.id, r.kind, r.label) for r in results],
        )
    return results[0]
