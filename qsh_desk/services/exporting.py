"""Exporting children and volunteers to .xlsx (audited; administrators only), in columns the import reads back."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from qsh_desk import courtesy
from qsh_desk.db.database import Database
from qsh_desk.db.models import Child, Guardian, Volunteer
from qsh_desk.services.kernel import reading
from qsh_desk.services import workbook
from qsh_desk.services.access import Actor, Permission, mask_id_number, phone_for, require
from qsh_desk.services.import_columns import COLUMNS, header_title
from qsh_desk.services.import_files import KINDS

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
        exported = [Child.station_id == actor.station_id] + ([] if include_archived else [Child.active.is_(True)])
        per_child = (select(func.count(Guardian.id).label("n")).join(Child, Child.id == Guardian.child_id)
                     .where(*exported).group_by(Guardian.child_id).subquery())
        most = min(session.scalar(select(func.max(per_child.c.n))) or 1, 4)
        # Read a batch at a time, with a step per child for the desk to go first (courtesy).
        children = session.scalars(select(Child).where(*exported).options(selectinload(Child.guardians))
                                   .order_by(Child.sort_name, Child.name, Child.id).execution_options(yield_per=500))
        guardian_keys = [f"guardian{n}_{part}" for n in range(1, most + 1)
                         for part in ("name", "relation", "phone", "may_collect")]
        rows = []
        for child in courtesy.steps(children):
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
        workbook.write(path, workbook.Sheet("儿童名单", [h(k) for k in keys + guardian_keys], rows, text))
        work.audit("export", "children", detail={"file": path.name, "count": len(rows)})
    return ExportResult("children", path, len(rows))


def export_volunteers(db: Database, actor: Actor, path: str | Path, *, include_inactive: bool = True) -> ExportResult:
    require(db, actor, Permission.EXPORT, what="volunteers")
    path = Path(path)
    keys = ["card_code", "name", "gender", "phone", "team", "volunteer_number", "skills", "initials_override", "active",
            "political_status", "in_service_party_member", "work_unit", "work_unit_party_org"]
    see_ids = actor.can(Permission.SEE_ID_NUMBERS)
    if see_ids:
        keys += ["id_type", "id_number"]
    assert set(keys) <= COLUMNS["volunteers"].keys()
    with reading(db, actor) as work:
        session = work.session
        query = select(Volunteer).where(Volunteer.station_id == actor.station_id).options(
            selectinload(Volunteer.team))
        if not include_inactive:
            query = query.where(Volunteer.active.is_(True))
        rows = [
            [v.card_code, v.name, v.gender, phone_for(actor, v.phone), v.team.name if v.team else None,
             v.volunteer_number, v.skills, v.initials_override, _yes_no(v.active), v.political_status,
             _yes_no(v.in_service_party_member), v.work_unit, v.work_unit_party_org,
             *((v.id_type, v.id_number) if see_ids else ())]
            for v in session.scalars(query.order_by(Volunteer.sort_name, Volunteer.name, Volunteer.id))
        ]
        headers = [header_title("volunteers", k) for k in keys]
        workbook.write(path, workbook.Sheet(
            "志愿者名单", headers, rows, {header_title("volunteers", k) for k in ("card_code", "phone", "volunteer_number", "id_number")}))
        work.audit("export", "volunteers", detail={"file": path.name, "count": len(rows)})
    return ExportResult("volunteers", path, len(rows))
