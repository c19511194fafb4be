"""Exporting children and volunteers to .xlsx (audited; administrators only), in columns the import reads back."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from qsh_desk.db.database import Database
from qsh_desk.db.models import Child, Volunteer
from qsh_desk.services.kernel import reading
from qsh_desk.services.access import Actor, Permission, mask_id_number, phone_for, require
from qsh_desk.services.errors import InvalidInput
from qsh_desk.services.importing import COLUMNS, KINDS, header_title

HEADER_FILL = "FFE0B2"


def _width(value: Any) -> int:
    text = "" if value is None else str(value)
    return len(text) * (1 if text.isascii() else 2) + 2  # a Chinese character is two columns wide


def write_workbook(path: Path, sheet_title: str, headers: Sequence[str], rows: Iterable[Sequence[Any]], *,
                   text_columns: Iterable[str] = ()) -> Path:
    """One sheet: a bold frozen header, dates as real dates, long numbers (ID, phone) kept as text.

    Written in openpyxl's streaming mode: 10,000 children take seconds, not a minute.
    """
    from openpyxl import Workbook  # imported on first use: it is slow to load
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    if path.suffix.lower() != ".xlsx":
        raise InvalidInput("请把文件保存为 .xlsx 格式（文件名以 .xlsx 结尾）。")
    rows = [[None if v is None or v == "" else v for v in row] for row in rows]
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet_title[:31])
    text_positions = {i for i, h in enumerate(headers) if h in set(text_columns)}
    for i, header in enumerate(headers):
        width = max([6, _width(header), *(_width(row[i]) for row in rows[:500])])
        sheet.column_dimensions[get_column_letter(i + 1)].width = min(40, width)
    sheet.freeze_panes = "A2"
    bold, fill = Font(bold=True), PatternFill("solid", fgColor=HEADER_FILL)
    header_cells = []
    for header in headers:
        cell = WriteOnlyCell(sheet, value=header)
        cell.font, cell.fill = bold, fill
        header_cells.append(cell)
    sheet.append(header_cells)

    def formatted(value: Any, number_format: str) -> Any:
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = number_format
        return cell

    for row in rows:
        sheet.append([
            formatted(v, "@") if i in text_positions and v is not None
            else formatted(v, "yyyy-mm-dd") if isinstance(v, dt.date) else v
            for i, v in enumerate(row)
        ])
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        workbook.save(path)
    except PermissionError:
        raise InvalidInput(f"不能写入“{path.name}”：文件可能正在 Excel 或 WPS 中打开。请关闭它，或换一个文件名。") from None
    return path


@dataclass(frozen=True)
class ExportResult:
    kind: str
    path: Path
    count: int

    def summary(self) -> str:
        return f"已导出 {self.count} 名{KINDS[self.kind]}到 {self.path}"


def _yes_no(value: bool) -> str:
    return "是" if value else "否"


def export_children(db: Database, actor: Actor, path: str | Path, *, include_archived: bool = True) -> ExportResult:
    """All of the station's children (and their guardians) to .xlsx; restricted columns masked for the actor."""
    require(db, actor, Permission.EXPORT, what="children")
    path = Path(path)
    h = lambda key: header_title("children", key)  # noqa: E731
    keys = ["card_code", "name", "gender", "ethnicity", "birth_date", "id_number", "household_address",
            "current_address", "school", "grade", "boarding", "health_status", "medical_flag", "medical_details",
            "initials_override", "notes", "active"]
    see_ids, see_medical = actor.can(Permission.SEE_ID_NUMBERS), actor.can(Permission.SEE_MEDICAL)
    with reading(db, actor) as work:
        session = work.session
        query = select(Child).where(Child.station_id == actor.station_id).options(selectinload(Child.guardians))
        if not include_archived:
            query = query.where(Child.active.is_(True))
        children = list(session.scalars(query.order_by(Child.name, Child.id)))
        most = min(max((len(c.guardians) for c in children), default=1), 4) or 1
        guardian_keys = [f"guardian{n}_{part}" for n in range(1, most + 1)
                         for part in ("name", "relation", "phone", "may_collect")]
        rows = []
        for child in children:
            values: dict[str, Any] = {key: getattr(child, key) for key in keys}
            values["id_number"] = child.id_number if see_ids else mask_id_number(child.id_number)
            values["medical_details"] = child.medical_details if see_medical else None
            for key in ("boarding", "medical_flag", "active"):
                values[key] = _yes_no(values[key])
            for n, guardian in enumerate(child.guardians[:most], start=1):
                relation = guardian.relation if guardian.relation != "其他" else (guardian.relation_note or "其他")
                values[f"guardian{n}_name"] = guardian.name
                values[f"guardian{n}_relation"] = relation
                values[f"guardian{n}_phone"] = phone_for(actor, guardian.phone)
                values[f"guardian{n}_may_collect"] = _yes_no(guardian.may_collect)
            rows.append([values.get(key) for key in keys + guardian_keys])
        text = {h(k) for k in ("card_code", "id_number")} | {h(k) for k in guardian_keys if k.endswith("_phone")}
        # Written inside the transaction: if the file cannot be written, no export is recorded.
        write_workbook(path, "儿童名单", [h(k) for k in keys + guardian_keys], rows, text_columns=text)
        work.audit("export", "children", detail={"file": path.name, "count": len(rows)})
    return ExportResult("children", path, len(rows))


def export_volunteers(db: Database, actor: Actor, path: str | Path, *, include_inactive: bool = True) -> ExportResult:
    require(db, actor, Permission.EXPORT, what="volunteers")
    path = Path(path)
    keys = ["card_code", "name", "gender", "phone", "team", "volunteer_number", "skills", "initials_override", "active"]
    assert set(keys) <= COLUMNS["volunteers"].keys()
    with reading(db, actor) as work:
        session = work.session
        query = select(Volunteer).where(Volunteer.station_id == actor.station_id).options(
            selectinload(Volunteer.team))
        if not include_inactive:
            query = query.where(Volunteer.active.is_(True))
        rows = [
            [v.card_code, v.name, v.gender, phone_for(actor, v.phone), v.team.name if v.team else None,
             v.volunteer_number, v.skills, v.initials_override, _yes_no(v.active)]
            for v in session.scalars(query.order_by(Volunteer.name, Volunteer.id))
        ]
        headers = [header_title("volunteers", k) for k in keys]
        write_workbook(path, "志愿者名单", headers, rows,
                       text_columns={header_title("volunteers", k) for k in ("card_code", "phone", "volunteer_number")})
        work.audit("export", "volunteers", detail={"file": path.name, "count": len(rows)})
    return ExportResult("volunteers", path, len(rows))
