"""Who may do what: the acting user (`Actor`), the permissions of each role, and the check every service makes."""

from __future__ import annotations

import getpass
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from qsh_desk.services.errors import PermissionDenied

if TYPE_CHECKING:  # roles and permissions are read by argparse and the login window: no database layer for them
    from qsh_desk.db.database import Database


class Role(StrEnum):
    DUTY = "duty"  # 值班志愿者
    SOCIAL = "social"  # 社工
    ADMIN = "admin"  # 管理员


ROLE_TITLES = {Role.DUTY: "值班志愿者", Role.SOCIAL: "社工", Role.ADMIN: "管理员"}


class Permission(StrEnum):
    DESK = "desk"  # check-in desk, here-now, closing
    ROSTER_VIEW = "roster_view"
    SEE_PHONES = "see_phones"  # phone numbers unmasked
    SEE_MEDICAL = "see_medical"  # medical/allergy details (the flag is visible to all)
    SEE_ID_NUMBERS = "see_id_numbers"
    WALK_IN = "walk_in"
    ROSTER_EDIT = "roster_edit"  # edit, import
    SESSION_LOG = "session_log"
    SESSION_MANAGE = "session_manage"  # edit/delete sessions, pairings, dream catalogue
    ARCHIVE = "archive"  # 父母档案, read and write
    PRINT_BASIC = "print_basic"  # sign-in sheets, cards
    PRINT_RESTRICTED = "print_restricted"  # 花名册, archive forms
    EXPORT = "export"
    BACKUP = "backup"
    USERS = "users"
    SETTINGS = "settings"
    AUDIT_VIEW = "audit_view"
    DELETE = "delete"  # a real delete instead of archiving
    BACKFILL = "backfill"  # 补录: end a shift left open after closing, with a reason
    WISHES = "wishes"  # 微心愿: write down, claim, see the public board
    WISH_MANAGE = "wish_manage"  # 微心愿: approve one over the cap, record it fulfilled, cancel it
    LEND = "lend"  # 器材与图书: lend and take back, see the inventory and the loans
    ITEMS_MANAGE = "items_manage"  # 器材与图书: register items, record condition, write off, stocktake


_DUTY = {
    Permission.DESK,
    Permission.ROSTER_VIEW,
    Permission.WALK_IN,
    Permission.SESSION_LOG,
    Permission.PRINT_BASIC,
    Permission.WISHES,
    Permission.LEND,
}
_SOCIAL = _DUTY | {
    Permission.SEE_PHONES,
    Permission.SEE_MEDICAL,
    Permission.ROSTER_EDIT,
    Permission.SESSION_MANAGE,
    Permission.ARCHIVE,
    Permission.PRINT_RESTRICTED,
    Permission.WISH_MANAGE,
    Permission.ITEMS_MANAGE,
}
ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.DUTY: frozenset(_DUTY),
    Role.SOCIAL: frozenset(_SOCIAL),
    Role.ADMIN: frozenset(Permission),
}

PERMISSION_TITLES = {
    Permission.DESK: "使用签到台",
    Permission.ROSTER_VIEW: "查看花名册",
    Permission.SEE_PHONES: "查看完整电话号码",
    Permission.SEE_MEDICAL: "查看健康与过敏详情",
    Permission.SEE_ID_NUMBERS: "查看身份证号",
    Permission.WALK_IN: "登记新来的儿童",
    Permission.ROSTER_EDIT: "编辑或导入花名册",
    Permission.SESSION_LOG: "记录活动",
    Permission.SESSION_MANAGE: "管理活动与结对帮扶",
    Permission.ARCHIVE: "查看和编辑父母档案",
    Permission.PRINT_BASIC: "打印签到表和卡片",
    Permission.PRINT_RESTRICTED: "打印花名册和档案表",
    Permission.EXPORT: "导出数据",
    Permission.BACKUP: "备份和恢复数据",
    Permission.USERS: "管理账号",
    Permission.SETTINGS: "修改设置",
    Permission.AUDIT_VIEW: "查看操作日志",
    Permission.DELETE: "彻底删除",
    Permission.BACKFILL: "补录未签退的值班",
    Permission.WISHES: "登记和认领微心愿",
    Permission.WISH_MANAGE: "批准、圆梦或取消微心愿",
    Permission.LEND: "借出和归还器材图书",
    Permission.ITEMS_MANAGE: "登记、报废和盘点器材图书",
}


@dataclass(frozen=True)
class Actor:
    """The person a service call acts for; every call knows it, and the audit log names it."""

    user_id: int | None
    name: str  # username, or cli:<os user>
    role: Role
    station_id: int

    @classmethod
    def command_line(cls, station_id: int) -> Actor:
        """The command line acts as an administrator and is audited as `cli:<os user>`."""
        try:
            os_user = getpass.getuser()
        except Exception:  # noqa: BLE001 - no user name in some service environments
            os_user = "unknown"
        return cls(user_id=None, name=f"cli:{os_user}", role=Role.ADMIN, station_id=station_id)

    def can(self, permission: Permission) -> bool:
        return permission in ROLE_PERMISSIONS[self.role]


class AccountChanged(PermissionDenied):
    """The account was disabled, or its role changed, since it logged in: the window locks."""


def check_account(session, actor: Actor) -> None:  # noqa: ANN001 - an ORM session (no SQLAlchemy import here)
    """The acting account must still be active with the role it logged in with: a window left logged in keeps
    no rights its account has lost. The command line and tests act without an account (user_id None)."""
    if actor.user_id is None:
        return
    from qsh_desk.db.models import User

    user = session.get(User, actor.user_id)
    if user is None or not user.active:
        raise AccountChanged("您的账号已被停用，刚才的操作没有完成。窗口已锁定：请换用其他账号登录，或联系管理员。")
    if user.role != actor.role.value:
        title = ROLE_TITLES.get(user.role, user.role)  # a StrEnum key matches its plain value
        raise AccountChanged(f"您的账号角色已被管理员改为“{title}”，刚才的操作没有完成。窗口已锁定：请重新登录。")


def require(db: Database, actor: Actor, permission: Permission, *, what: str, child_id: int | None = None) -> None:
    """Raise PermissionDenied (after writing the refusal to the audit log) unless the actor may do this.

    Also AccountChanged when the actor's account has been disabled or given another role since it logged in."""
    if actor.user_id is not None:
        with db.reading() as session:
            check_account(session, actor)
    if actor.can(permission):
        return
    from qsh_desk.services import audit

    with db.transaction() as session:
        audit.record(
            session,
            actor,
            "denied",
            what,
            child_id=child_id,
            detail={"permission": permission.value},
        )
    raise PermissionDenied(
        f"“{ROLE_TITLES[actor.role]}”账号不能{PERMISSION_TITLES[permission]}。如需要，请联系管理员。"
    )


def mask_phone(phone: str | None) -> str | None:
    """138****5678: enough for a volunteer to recognise a number, not to copy it."""
    if not phone:
        return phone
    digits = phone.strip()
    if len(digits) < 7:
        return "*" * len(digits)
    return digits[:3] + "****" + digits[-4:]


def mask_id_number(id_number: str | None) -> str | None:
    if not id_number:
        return id_number
    return id_number[:6] + "*" * (len(id_number) - 10) + id_number[-4:] if len(id_number) > 10 else "*" * len(id_number)


def phone_for(actor: Actor, phone: str | None) -> str | None:
    return phone if actor.can(Permission.SEE_PHONES) else mask_phone(phone)
