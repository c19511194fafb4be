"""Importing children and volunteers from the spreadsheets stations really have (.xlsx, .xls, .ods; .csv in UTF-8 or GBK).

First a preview lists every problem with row, column, value and how to fix it; then the import writes all
rows in one transaction — only when the whole file is valid, or, if the user chooses, only the valid rows.
People already on the roster are reported and not added twice.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from qsh_desk import courtesy
from qsh_desk.db.database import Database
from qsh_desk.db.models import Team, Volunteer
from qsh_desk.services import audit, child_input, roster, volunteers
from qsh_desk.services.kernel import reading, unit_of_work
from qsh_desk.services.access import Actor, Permission, require
from qsh_desk.services.cards import card_code, next_card_code
from qsh_desk.services.errors import InvalidInput, Problem
from qsh_desk.services.roster import ChildInput, GuardianInput
from qsh_desk.services.validation import BadValue, Checker, is_blank, normalise, parse_yes_no
from qsh_desk.services.volunteers import VolunteerInput
from qsh_desk.services.import_columns import (
    COLUMNS,
    IGNORED_HEADERS,
    LOOKUP,
    MAX_GUARDIAN_COLUMNS,
    TEMPLATE,
    find_header,
    header_key,
    header_title,
)
from qsh_desk.services.import_files import KINDS, Table, read_table
from qsh_desk.services.roster_rows import summaries_by_id
from qsh_desk.services.import_matching import OTHER_STATION_CARD, ExistingPeople, earlier_row

MAX_LISTED_PROBLEMS = 200  # listed one by one; the rest are counted (a broken file can have a problem per cell)


# --- the preview --------------------------------------------------------------------------------


@dataclass(frozen=True)
class DuplicateRow:
    row: int
    name: str
    existing: str  # who is already on the roster


@dataclass(frozen=True)
class _Record:
    row: int
    values: Any  # roster's clean child, or a volunteer's clean values
    card_code: str | None
    active: bool


def listed(problems: Sequence[Problem]) -> list[Problem]:
    """The problems to show: the first MAX_LISTED_PROBLEMS, then one line counting the rest."""
    if len(problems) <= MAX_LISTED_PROBLEMS:
        return list(problems)
    rest = len(problems) - MAX_LISTED_PROBLEMS
    return [*problems[:MAX_LISTED_PROBLEMS],
            Problem(f"……另有 {rest:,} 处问题没有列出。请先改正上面这些（它们多半有同一个原因），再检查一次。")]


@dataclass(frozen=True)
class ImportPreview:
    kind: str
    file_name: str
    header_row: int | None
    columns: tuple[tuple[str, str], ...]  # (the file's header, what it was recognised as)
    unknown_columns: tuple[str, ...]
    total_rows: int
    problems: tuple[Problem, ...]
    duplicates: tuple[DuplicateRow, ...]
    new_teams: tuple[str, ...] = ()
    sheet: str | None = None  # the sheet read, when the workbook has several
    records: tuple[_Record, ...] = field(default=(), repr=False, compare=False)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def invalid_rows(self) -> tuple[int, ...]:
        return tuple(sorted({p.row for p in self.problems if p.row is not None}))

    @property
    def listed_problems(self) -> list[Problem]:
        return listed(self.problems)

    @property
    def ready(self) -> int:
        """How many people the import would add (valid rows that are not already on the roster)."""
        return len(self.records)

    def summary(self) -> str:
        what = KINDS[self.kind]
        parts = [f"共 {self.total_rows} 行", f"可导入 {self.ready} 名{what}"]
        if self.sheet is not None:
            parts.insert(0, f"读取的是工作表“{self.sheet}”")
        if self.duplicates:
            parts.append(f"{len(self.duplicates)} 名已在名单中（不会重复添加）")
        if self.problems:
            parts.append(f"{len(self.invalid_rows) or len(self.problems)} 行有问题")
        return "，".join(parts) + "。"


@dataclass(frozen=True)
class ImportResult:
    kind: str
    added: int
    duplicates: tuple[DuplicateRow, ...]
    skipped_rows: tuple[int, ...]  # rows with problems left out (only when the user chose valid rows only)
    skipped_problems: tuple[Problem, ...]

    def summary(self) -> str:
        text = f"已导入 {self.added} 名{KINDS[self.kind]}。"
        if self.duplicates:
            text += f"{len(self.duplicates)} 名已在名单中，未重复添加。"
        if self.skipped_rows:
            rows = "、".join(str(r) for r in self.skipped_rows)
            text += f"有问题的 {len(self.skipped_rows)} 行未导入（第 {rows} 行），请改正后单独导入。"
        return text


def _card_code(value: Any) -> str:
    text = normalise(value, punctuation=True).replace(" ", "").upper()
    if not re.fullmatch(r"[A-Z0-9]{1,32}", text):
        raise BadValue("卡号只能是字母和数字。不知道时请留空，系统会自动生成。")
    return text


def _label_child(summary: roster.ChildSummary) -> str:
    return roster._match_label(summary)


class _Reader:
    """Turns the rows under the header into records and problems, naming columns as the file names them."""

    def __init__(self, kind: str, rows: list[list[Any]]):
        self.kind = kind
        self.header_index = find_header(rows, kind)
        self.file_problems: list[Problem] = []
        self.columns: dict[str, int] = {}
        self.column_titles: dict[str, str] = {}
        self.recognised: list[tuple[str, str]] = []
        self.unknown: list[str] = []
        if self.header_index is None:
            expected = "、".join(COLUMNS[kind][k][0] for k in ("name", "gender"))
            self.file_problems.append(Problem(
                f"找不到表头。第一行（或标题下面一行）应是列名，至少要有“{expected}”等列。可以先保存模板，照模板填写。"))
            self.data_rows: list[tuple[int, list[Any]]] = []
            return
        for position, cell in enumerate(rows[self.header_index]):
            if is_blank(cell):
                continue
            title = normalise(cell)
            key = LOOKUP[kind].get(header_key(cell))
            if key is None and header_key(cell) in IGNORED_HEADERS:
                continue
            if key is None:
                self.unknown.append(title)
            elif key in self.columns:
                self.file_problems.append(Problem(
                    f"有两列都是“{COLUMNS[kind][key][0]}”（“{self.column_titles[key]}”和“{title}”），请删去或改名其中一列。"))
            else:
                self.columns[key] = position
                self.column_titles[key] = title
                self.recognised.append((title, COLUMNS[kind][key][0]))
        if "name" not in self.columns:
            self.file_problems.append(Problem("缺少“姓名”列，请在表头加上“姓名”。"))
        if kind == "children":
            if "gender" not in self.columns:
                self.file_problems.append(Problem("缺少“性别”列，请在表头加上“性别”。"))
            if not {"birth_date", "id_number", "grade"} & self.columns.keys():
                self.file_problems.append(Problem("缺少“出生日期”列（或“身份证号”“年级”列），请至少加上其中一列。"))
        # Spreadsheet row numbers as Excel shows them (1-based); empty rows are left out.
        self.data_rows = [
            (number, row) for number, row in enumerate(rows[self.header_index + 1 :], start=self.header_index + 2)
            if any(not is_blank(cell) for cell in row)
        ]

    def cell(self, row: list[Any], key: str) -> Any:
        position = self.columns.get(key)
        if position is None or position >= len(row):
            return None
        value = row[position]
        return value.strip() if isinstance(value, str) else value

    def rename(self, problems: Iterable[Problem], titles: dict[str, str]) -> list[Problem]:
        """Problems named by the column headers of this file (出生年月, not 出生日期)."""
        return [Problem(p.message, field=titles.get(p.field or "", p.field), row=p.row, value=p.value)
                for p in problems]


def _child_titles(reader: _Reader) -> dict[str, str]:
    titles = {roster.FIELD_TITLES[key]: reader.column_titles[key]
              for key in roster.FIELD_TITLES if key in reader.column_titles}
    for n in range(1, MAX_GUARDIAN_COLUMNS + 1):
        for part, suffix in (("姓名", "name"), ("关系", "relation"), ("电话", "phone"), ("可接送", "may_collect")):
            key = f"guardian{n}_{suffix}"
            if key in reader.column_titles:
                titles[child_input.guardian_field(n - 1, part)] = reader.column_titles[key]
    return titles


def _child_input(reader: _Reader, row: list[Any]) -> ChildInput:
    guardians = []
    for n in range(1, MAX_GUARDIAN_COLUMNS + 1):
        name, relation, phone, may_collect = (reader.cell(row, f"guardian{n}_{part}")
                                              for part in ("name", "relation", "phone", "may_collect"))
        if all(is_blank(v) for v in (name, relation, phone)):
            continue
        # A single 监护人 column without a 关系 column is common: such a guardian is recorded as 其他.
        if is_blank(relation) and f"guardian{n}_relation" not in reader.columns:
            relation = "其他"
        guardians.append(GuardianInput(name, relation, phone, True if is_blank(may_collect) else may_collect))
    values = {key: reader.cell(row, key) for key in roster.FIELD_TITLES if key in reader.columns}
    values.setdefault("name", None)
    values.setdefault("gender", None)
    return ChildInput(guardians=tuple(guardians), **values)


def _common(checker: Checker, reader: _Reader, row: list[Any]) -> tuple[str | None, bool]:
    card = checker.check(reader.column_titles.get("card_code", "卡号"), reader.cell(row, "card_code"), _card_code)
    active = checker.check(reader.column_titles.get("active", "在册"), reader.cell(row, "active"), parse_yes_no)
    return card, True if active is None else active


def _repeat_or_matches(
    seen: dict[tuple[Any, ...], int], existing_people: ExistingPeople, actor: Actor, reader: _Reader, number: int,
    card: str | None, keys: list[tuple[Any, ...]], name: str, repeat_message: str,
) -> tuple[Problem | None, list[int]]:
    """A row repeating an earlier one of the file, or carrying another station's card, is a problem;
    otherwise the row is remembered and the people of the roster it matches are returned."""
    earlier = earlier_row(seen, card, keys)
    if earlier is not None:
        return Problem(repeat_message.format(earlier), field=reader.column_titles.get("name"), row=number,
                       value=name), []
    seen.update(dict.fromkeys(keys + ([("card", card)] if card else []), number))
    existing, other_station = existing_people.matches(actor.station_id, card, keys)
    if other_station:
        return Problem(OTHER_STATION_CARD, field=reader.column_titles.get("card_code"), row=number, value=card), []
    return None, existing




def _preview_children(session: Session, actor: Actor, reader: _Reader, existing_people: ExistingPeople,
                      ) -> tuple[list[Problem], list[DuplicateRow], list[_Record]]:
    problems: list[Problem] = []
    duplicates: list[DuplicateRow] = []
    records: list[_Record] = []
    titles = _child_titles(reader)
    seen: dict[tuple[Any, ...], int] = {}
    for number, row in courtesy.steps(reader.data_rows):
        clean, row_problems = roster.check_child(_child_input(reader, row), row=number)
        checker = Checker(number)
        card, active = _common(checker, reader, row)
        row_problems = reader.rename(row_problems, titles) + checker.problems
        if row_problems:
            problems.extend(row_problems)
            continue
        name = clean.values["name"]
        phones = [g["phone"] for g in clean.guardians if g["phone"]]
        keys = [("birth", name, clean.values["birth_date"])] if clean.values["birth_date"] is not None else []
        keys += [("phone", name, phone) for phone in phones]
        problem, existing = _repeat_or_matches(
            seen, existing_people, actor, reader, number, card, keys, name,
            "与第 {0} 行是同一名儿童（姓名相同，出生日期或监护人电话也相同），请删去重复的一行。")
        if problem is not None:
            problems.append(problem)
            continue
        if existing:
            labels = "；".join(_label_child(s) for s in summaries_by_id(session, actor, existing))
            duplicates.append(DuplicateRow(number, name, labels))
            continue
        records.append(_Record(number, clean, card, active))
    return problems, duplicates, records


def _preview_volunteers(session: Session, actor: Actor, reader: _Reader, existing_people: ExistingPeople,
                        teams: frozenset[str]) -> tuple[list[Problem], list[DuplicateRow], list[_Record], list[str]]:
    problems: list[Problem] = []
    duplicates: list[DuplicateRow] = []
    records: list[_Record] = []
    titles = {volunteers.FIELD_TITLES[k]: reader.column_titles[k] for k in volunteers.FIELD_TITLES
              if k in reader.column_titles}
    new_teams: list[str] = []
    seen: dict[tuple[Any, ...], int] = {}
    for number, row in courtesy.steps(reader.data_rows):
        data = VolunteerInput(**{k: reader.cell(row, k) for k in volunteers.FIELD_TITLES
                                 if k in reader.columns and k not in ("active",)})
        values, row_problems = volunteers.check_volunteer(data, row=number)
        checker = Checker(number)
        card, active = _common(checker, reader, row)
        row_problems = reader.rename(row_problems, titles) + checker.problems
        if row_problems:
            problems.extend(row_problems)
            continue
        keys = [("number", values["volunteer_number"])] if values["volunteer_number"] else []
        if values["phone"]:
            keys.append(("phone", values["name"], values["phone"]))
        problem, existing = _repeat_or_matches(
            seen, existing_people, actor, reader, number, card, keys, values["name"],
            "与第 {0} 行是同一位志愿者（编号或姓名和手机号相同），请删去重复的一行。")
        if problem is not None:
            problems.append(problem)
            continue
        if existing:
            found = session.execute(select(Volunteer.name, Volunteer.card_code).where(Volunteer.id.in_(existing)))
            labels = "；".join(f"{name}（卡号 {code}）" for name, code in found)
            duplicates.append(DuplicateRow(number, values["name"], labels))
            continue
        if values["team"] and values["team"] not in teams and values["team"] not in new_teams:
            new_teams.append(values["team"])
        records.append(_Record(number, values, card, active))
    return problems, duplicates, records, new_teams


LOST_CHARACTER = re.compile("[?\ufffd]")


def _lost_characters(problem: Problem) -> Problem:
    """A “?” in a CSV cell is a character the file lost when it was saved, not something the user typed."""
    if not problem.value or not LOST_CHARACTER.search(str(problem.value)):
        return problem
    return dataclasses.replace(problem, message=(
        f"“{problem.value}”里的“?”是保存文件时丢掉的字：把表格另存为 GBK（ANSI）编码的 CSV 时，"
        "GBK 里没有的生僻字会被换成“?”，从这个文件里已经找不回来。请回到原来的表格，另存为“CSV UTF-8”或 .xlsx 后再导入。"))


def read_file(kind: str, path: str | Path) -> Table:
    """The file's cells; of a workbook, the sheet that has this kind's header (a title page may come first)."""
    return read_table(path, lambda rows: find_header(rows, kind) is not None)


def _preview(session: Session, actor: Actor, kind: str, path: Path, table: Table,
             known: tuple[ExistingPeople, frozenset[str]] | None = None) -> ImportPreview:
    """Check the file against `known` (the station's people and teams; read now when not given)."""
    reader = _Reader(kind, table.rows)
    new_teams: list[str] = []
    existing_people, teams = known if known is not None else ExistingPeople.of(session, actor.station_id, kind)
    if reader.file_problems:
        problems, duplicates, records = list(reader.file_problems), [], []
        if reader.header_index is None and table.sheets > 1:
            problems.append(Problem(f"这个工作簿的 {table.sheets} 个工作表里都找不到表头（上面说的是第一个"
                                    f"工作表“{table.sheet}”）。请把名单放在一个工作表里，第一行写列名。"))
    elif kind == "children":
        problems, duplicates, records = _preview_children(session, actor, reader, existing_people)
    else:
        problems, duplicates, records, new_teams = _preview_volunteers(session, actor, reader, existing_people,
                                                                       teams)
    if path.suffix.lower() == ".csv":
        problems = [_lost_characters(p) for p in problems]
    return ImportPreview(
        kind=kind,
        file_name=path.name,
        header_row=None if reader.header_index is None else reader.header_index + 1,
        columns=tuple(reader.recognised),
        unknown_columns=tuple(reader.unknown),
        total_rows=len(reader.data_rows),
        sheet=table.sheet if table.sheets > 1 else None,
        problems=tuple(problems),
        duplicates=tuple(duplicates),
        new_teams=tuple(new_teams),
        records=tuple(records),
    )


def _check_kind(kind: str) -> None:
    if kind not in KINDS:
        raise InvalidInput(f"只能导入 children（儿童）或 volunteers（志愿者），不能导入“{kind}”。")


def preview_import(db: Database, actor: Actor, kind: str, path: str | Path, *,
                   table: Table | None = None) -> ImportPreview:
    """Read and check the whole file; nothing is written. Every problem is listed with row, column and value.

    `table`: the file as read_file gave it, when the caller has read it already (the command line reads it once).
    """
    require(db, actor, Permission.ROSTER_EDIT, what=f"import_{kind}")
    _check_kind(kind)
    path = Path(path)
    table = read_file(kind, path) if table is None else table
    with reading(db, actor) as work:
        session = work.session
        return _preview(session, actor, kind, path, table)


def run_import(db: Database, actor: Actor, kind: str, path: str | Path, *, valid_rows_only: bool = False,
               table: Table | None = None) -> ImportResult:
    """Import the file in one transaction: all of it, or nothing when any row has a problem.

    With `valid_rows_only` the rows with problems are left out and reported; people already on the roster
    are never added twice.
    """
    require(db, actor, Permission.ROSTER_EDIT, what=f"import_{kind}")
    _check_kind(kind)
    path = Path(path)
    if table is None:
        table = read_file(kind, path)  # read again: the file may have been corrected since the preview

    def refuse_unless_importable(preview: ImportPreview) -> None:
        if preview.problems and (not valid_rows_only or preview.header_row is None or not preview.columns
                                 or any(p.row is None for p in preview.problems)):
            raise InvalidInput(preview.listed_problems)

    # Checked before the write lock is taken: checking 10,000 rows takes seconds, and on SQLite the lock keeps
    # every check-in at the desk waiting meanwhile.
    with reading(db, actor) as work:
        known = ExistingPeople.of(work.session, actor.station_id, kind)
        checked = _preview(work.session, actor, kind, path, table, known)
    refuse_unless_importable(checked)
    with unit_of_work(db, actor) as work:
        session = work.session
        # Under the lock the checks stand if the people (and teams) they were made against are still the same;
        # if someone added or changed one meanwhile, the file is checked again against what is there now.
        now_known = ExistingPeople.of(session, actor.station_id, kind)
        preview = checked if now_known == known else _preview(session, actor, kind, path, table, now_known)
        refuse_unless_importable(preview)
        codes = _card_codes(session, actor, kind, preview.records)
        if kind == "children":  # in bulk: the write lock is held for the writing alone, about a second for 10,000
            roster.add_children_in_bulk(session, actor, [(record.values, code, record.active) for record, code
                                                         in zip(preview.records, codes, strict=True)],
                                        source=path.name)
        else:
            teams: dict[str, Team] = {}
            people = [volunteers._new_volunteer(session, actor, dict(record.values, active=record.active), code,
                                                teams) for record, code in zip(preview.records, codes, strict=True)]
            session.flush()  # once for the whole file: then every new person has an id for the audit log
            for person in people:
                volunteers._audit_created(session, actor, person, source=path.name)
        audit.record(session, actor, "import", kind, detail={
            "file": path.name, "added": len(preview.records), "duplicates": [d.row for d in preview.duplicates],
            "skipped_rows": list(preview.invalid_rows)})
    return ImportResult(kind, len(preview.records), preview.duplicates, preview.invalid_rows, preview.problems)


def _card_codes(session: Session, actor: Actor, kind: str, records: Sequence[_Record]) -> list[str]:
    """A card code for every record: its own, or the next free ones after everything in use and in the file."""
    prefix = "C" if kind == "children" else "V"
    stem = card_code(prefix, actor.station_id, 0)[:-6]
    following = next_card_code(session, prefix, actor.station_id)
    number = int(following[len(stem):]) - 1
    for record in records:
        code = record.card_code or ""
        if code.startswith(stem) and code[len(stem):].isdigit():
            number = max(number, int(code[len(stem):]))
    codes = []
    for record in records:
        if record.card_code:
            codes.append(record.card_code)
        else:
            number += 1
            codes.append(card_code(prefix, actor.station_id, number))
    return codes


# --- the template -------------------------------------------------------------------------------


def write_template(kind: str, path: str | Path) -> Path:
    """An empty .xlsx with the headers and one example row (ID numbers formatted as text so Excel keeps them)."""
    _check_kind(kind)
    from qsh_desk.services import workbook

    columns = TEMPLATE[kind]
    headers = [header_title(kind, key) for key, _ in columns]
    example = [value for _, value in columns]
    text = {header_title(kind, k) for k in ("id_number", "phone", "guardian1_phone", "volunteer_number", "card_code")
            if k in COLUMNS[kind]}
    return workbook.write(path, workbook.Sheet(f"{KINDS[kind]}名单", headers, [example], text))
