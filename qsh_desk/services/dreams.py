"""The 十个梦 catalogue: list, rename, describe, reorder, add or hide a dream — never losing its sessions."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from qsh_desk.db.database import Database
from qsh_desk.db.models import Dream, ProgrammeSession
from qsh_desk.services import audit
from qsh_desk.services.kernel import unit_of_work
from qsh_desk.services.access import Actor, Permission, require
from qsh_desk.services.errors import InvalidInput, NotFound, Problem

COLOUR_PATTERN = re.compile(r"^#[0-9a-fA-F]{6}$")
# Icons are qtawesome names; the services cannot load qtawesome (no Qt below gui/), so they check the form
# and the GUI offers only names it has drawn.
ICON_PATTERN = re.compile(r"^(mdi6|mdi|fa6s|fa6|fa5s|ph|ri|msc|ei)\.[a-z0-9-]+$")
NAME_LIMIT = 32


@dataclass(frozen=True)
class DreamInfo:
    id: int
    sort_order: int
    function_name: str  # 道德讲堂
    dream_name: str  # 好人梦
    description: str | None
    colour: str
    icon: str
    active: bool
    sessions: int  # sessions ever logged under this dream (kept through renames)

    @property
    def label(self) -> str:
        """道德讲堂 · 好人梦, or just 托辅梦 where the function and the dream say the same."""
        if not self.function_name or self.dream_name.startswith(self.function_name):
            return self.dream_name
        return f"{self.function_name} · {self.dream_name}"


def _info(dream: Dream, sessions: int) -> DreamInfo:
    return DreamInfo(
        id=dream.id,
        sort_order=dream.sort_order,
        function_name=dream.function_name,
        dream_name=dream.dream_name,
        description=dream.description,
        colour=dream.colour,
        icon=dream.icon,
        active=dream.active,
        sessions=sessions,
    )


def _snapshot(dream: Dream) -> dict:
    return {
        "function_name": dream.function_name,
        "dream_name": dream.dream_name,
        "description": dream.description,
        "colour": dream.colour,
        "icon": dream.icon,
        "active": dream.active,
        "sort_order": dream.sort_order,
    }


def list_dreams(db: Database, actor: Actor, *, include_hidden: bool = True) -> list[DreamInfo]:
    """The station's dreams in their order, each with how many sessions it holds."""
    with unit_of_work(db, actor, Permission.SESSION_LOG, what="dreams") as work:
        session = work.session
        counts = dict(
            session.execute(
                select(ProgrammeSession.dream_id, func.count(ProgrammeSession.id))
                .where(ProgrammeSession.station_id == actor.station_id)
                .group_by(ProgrammeSession.dream_id)
            ).all()
        )
        query = select(Dream).where(Dream.station_id == actor.station_id).order_by(Dream.sort_order, Dream.id)
        if not include_hidden:
            query = query.where(Dream.active.is_(True))
        return [_info(d, counts.get(d.id, 0)) for d in session.scalars(query)]


def _load(session: Session, actor: Actor, dream_id: int) -> Dream:
    dream = session.get(Dream, dream_id)
    if dream is None or dream.station_id != actor.station_id:
        raise NotFound("找不到这个活动类别：可能已被修改，请刷新后再试。")
    return dream


def _clean_name(value: str | None, field: str, problems: list[Problem], *, required: bool) -> str | None:
    text = (value or "").strip()
    if not text:
        if required:
            problems.append(Problem("请填写名称。", field=field))
        return None
    if len(text) > NAME_LIMIT:
        problems.append(Problem(f"太长了：请不超过 {NAME_LIMIT} 个字。", field=field, value=text))
    return text


def _check_style(colour: str | None, icon: str | None, problems: list[Problem]) -> None:
    if colour is not None and not COLOUR_PATTERN.match(colour):
        problems.append(Problem("颜色要写成 #c62828 这样的形式。", field="颜色", value=colour))
    if icon is not None and not ICON_PATTERN.match(icon):
        problems.append(Problem("图标名称不对：请从列表里选一个。", field="图标", value=icon))


def _name_taken(session: Session, actor: Actor, dream_name: str, except_id: int | None = None) -> bool:
    query = select(Dream.id).where(Dream.station_id == actor.station_id, Dream.dream_name == dream_name)
    if except_id is not None:
        query = query.where(Dream.id != except_id)
    return session.scalar(query) is not None


def update_dream(
    db: Database,
    actor: Actor,
    dream_id: int,
    *,
    function_name: str | None = None,
    dream_name: str | None = None,
    description: str | None = None,
    colour: str | None = None,
    icon: str | None = None,
    active: bool | None = None,
) -> DreamInfo:
    """Change what is given (None leaves a field as it is; description "" clears it); audited before/after.

    The dream keeps its id, so every session logged under the old name stays with it.
    """
    require(db, actor, Permission.SESSION_MANAGE, what="dream")
    problems: list[Problem] = []
    new_function = _clean_name(function_name, "功能名称", problems, required=False) if function_name is not None else None
    new_dream = _clean_name(dream_name, "梦的名称", problems, required=True) if dream_name is not None else None
    _check_style(colour, icon, problems)
    if problems:
        raise InvalidInput(problems)
    with unit_of_work(db, actor) as work:
        session = work.session
        dream = _load(session, actor, dream_id)
        if new_dream is not None and _name_taken(session, actor, new_dream, except_id=dream.id):
            raise InvalidInput(Problem("已经有一个同名的类别：请换一个名字。", field="梦的名称", value=new_dream))
        before = _snapshot(dream)
        if function_name is not None:
            dream.function_name = new_function or ""
        if new_dream is not None:
            dream.dream_name = new_dream
        if description is not None:
            dream.description = description.strip() or None
        if colour is not None:
            dream.colour = colour
        if icon is not None:
            dream.icon = icon
        if active is not None:
            dream.active = active
        after = _snapshot(dream)
        if after != before:
            audit.record(session, actor, "update", "dream", entity_id=dream.id, detail=audit.changes(before, after))
        sessions = session.scalar(select(func.count(ProgrammeSession.id)).where(ProgrammeSession.dream_id == dream.id))
        return _info(dream, sessions or 0)


def rename_dream(db: Database, actor: Actor, dream_id: int, dream_name: str, function_name: str | None = None) -> DreamInfo:
    """A new name for a dream (and optionally its function); its sessions stay with it."""
    return update_dream(db, actor, dream_id, dream_name=dream_name, function_name=function_name)


def describe_dream(db: Database, actor: Actor, dream_id: int, description: str) -> DreamInfo:
    return update_dream(db, actor, dream_id, description=description)


def reorder_dreams(db: Database, actor: Actor, dream_ids: list[int]) -> list[DreamInfo]:
    """Put the station's dreams in this order (every dream exactly once)."""
    with unit_of_work(db, actor, Permission.SESSION_MANAGE, what="dream") as work:
        session = work.session
        dreams = {d.id: d for d in session.scalars(select(Dream).where(Dream.station_id == actor.station_id))}
        if sorted(dream_ids) != sorted(dreams):
            raise InvalidInput("排序要包含本站的每个活动类别，各一次：请刷新后再试。")
        before = [d.id for d in sorted(dreams.values(), key=lambda d: (d.sort_order, d.id))]
        for order, dream_id in enumerate(dream_ids, start=1):
            dreams[dream_id].sort_order = order
        if before != list(dream_ids):
            audit.record(session, actor, "update", "dream_order", detail={"before": before, "after": list(dream_ids)})
    return list_dreams(db, actor)


def add_dream(
    db: Database,
    actor: Actor,
    *,
    dream_name: str,
    function_name: str | None = None,
    description: str | None = None,
    colour: str = "#607d8b",
    icon: str = "mdi6.star",
) -> DreamInfo:
    """A new category after the existing ones."""
    require(db, actor, Permission.SESSION_MANAGE, what="dream")
    problems: list[Problem] = []
    name = _clean_name(dream_name, "梦的名称", problems, required=True)
    function = _clean_name(function_name, "功能名称", problems, required=False)
    _check_style(colour, icon, problems)
    if problems:
        raise InvalidInput(problems)
    assert name is not None
    with unit_of_work(db, actor) as work:
        session = work.session
        if _name_taken(session, actor, name):
            raise InvalidInput(Problem("已经有一个同名的类别：请换一个名字。", field="梦的名称", value=name))
        last = session.scalar(select(func.max(Dream.sort_order)).where(Dream.station_id == actor.station_id)) or 0
        dream = Dream(
            station_id=actor.station_id,
            sort_order=last + 1,
            function_name=function or "",
            dream_name=name,
            description=(description or "").strip() or None,
            colour=colour,
            icon=icon,
            active=True,
        )
        session.add(dream)
        session.flush()
        audit.record(session, actor, "create", "dream", entity_id=dream.id, detail=_snapshot(dream))
        return _info(dream, 0)
