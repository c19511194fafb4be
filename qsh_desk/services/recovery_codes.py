"""The station's recovery code: a one-time code, kept on paper, that sets a forgotten administrator's password.

It is made when the first administrator is created (the wizard, or the first `user add --role admin`) and
shown once; the database keeps only its argon2 hash (as a station setting outside the settings registry, so no
page lists it). Using it needs the paper and this program on a PC of the station — physical access — and
replaces it with a new one, shown once again. 25 symbols of Crockford's base-32 alphabet carry 125 random bits:
its hash cannot be searched offline the way a PIN's can, so a stolen backup does not reveal it.
"""

from __future__ import annotations

import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session

from qsh_desk import clock
from qsh_desk.db.database import Database
from qsh_desk.db.models import StationSetting, User
from qsh_desk.services import accounts, audit
from qsh_desk.services.access import Actor, Permission, Role, require
from qsh_desk.services.errors import InvalidInput, Problem, Refused
from qsh_desk.services.kernel import unit_of_work

SETTING_KEY = "recovery_code"  # not in settings.REGISTRY: neither the settings page nor `settings list` shows it
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford's: no I, L, O or U to misread
SYMBOLS, GROUP = 25, 5
# What people write or read for the symbols left out (Crockford's decoding).
_READ_AS = str.maketrans({"O": "0", "I": "1", "L": "1"})

NO_CODE = ("本站点还没有恢复码，不能用恢复码设密码。请另一位管理员用“qsh-desk --admin 用户名 user reset-password”"
           "设新密码；以后请在账号页面点“新恢复码”，把它抄下来收好。")
WRONG_CODE = "恢复码不对，什么都没有改。请对照纸上的恢复码再输入一次（字母不分大小写，横线和空格可以不输）。"


def new_code() -> str:
    """A fresh code, grouped for writing down: 7K3QD-…-M9X2A."""
    symbols = "".join(secrets.choice(ALPHABET) for _ in range(SYMBOLS))
    return "-".join(symbols[i:i + GROUP] for i in range(0, SYMBOLS, GROUP))


def normalise(typed: str) -> str:
    """What was typed, compared as written on paper: no case, spaces or dashes; O, I and L read as 0, 1 and 1."""
    plain = "".join((typed or "").split()).replace("-", "").upper().translate(_READ_AS)
    return "-".join(plain[i:i + GROUP] for i in range(0, len(plain), GROUP))


def store(session: Session, actor: Actor, code: str) -> None:
    """Keep the hash of `code` as the station's recovery code (replacing an older one), in the caller's
    transaction, audited without the code."""
    value = {"hash": accounts.hash_secret(normalise(code)), "made_at": clock.now().isoformat(timespec="seconds")}
    row = session.get(StationSetting, (actor.station_id, SETTING_KEY))
    if row is None:
        session.add(StationSetting(station_id=actor.station_id, key=SETTING_KEY, value=value))
        audit.record(session, actor, "create", "recovery_code")
    else:
        row.value = value
        audit.record(session, actor, "replace", "recovery_code")


def has_code(db: Database, station_id: int) -> bool:
    with db.reading() as session:
        return session.get(StationSetting, (station_id, SETTING_KEY)) is not None


def renew(db: Database, actor: Actor) -> str:
    """A new code for the actor's station (administrators only); the old one stops working. Shown once."""
    code = new_code()
    with unit_of_work(db, actor, Permission.USERS, what="recovery_code") as work:
        store(work.session, actor, code)
    return code


def make_if_missing(db: Database, actor: Actor) -> str | None:
    """After the first administrator was added from the command line: the station's first code, or None when
    it has one already."""
    require(db, actor, Permission.USERS, what="recovery_code")
    if has_code(db, actor.station_id):
        return None
    return renew(db, actor)


def recover_admin(db: Database, station_id: int, username: str, code: str, new_password: str) -> tuple[
        accounts.UserInfo, str]:
    """Set a forgotten administrator's password with the station's recovery code: the account is also enabled
    and unlocked, and the code is replaced by a new one, returned to be shown once. Wrong codes change nothing
    and are written to the audit log."""
    problems = accounts.password_problems(new_password, "新密码")
    if not normalise(code):
        problems.insert(0, Problem("请输入恢复码。", field="恢复码"))
    if problems:
        raise InvalidInput(problems)
    username = accounts.normalise_username(username)
    with db.reading() as session:
        user = session.scalars(select(User).where(User.username == username)).first()
        stored = session.get(StationSetting, (station_id, SETTING_KEY))
        stored_hash = stored.value.get("hash") if stored is not None and isinstance(stored.value, dict) else None
        found = accounts.user_info(user) if user is not None else None
    if found is None or found.station_id != station_id or found.role is not Role.ADMIN:
        raise InvalidInput(Problem(f"本站点没有叫“{username}”的管理员账号。恢复码只能给本站点的管理员账号设新密码。",
                                   field="用户名"))
    actor = found.actor()
    if stored_hash is None:
        raise Refused(NO_CODE)
    if not accounts.verify_secret(stored_hash, normalise(code)):
        with db.transaction() as session:
            audit.record(session, actor, "denied", "recovery_code", entity_id=found.id,
                         detail={"username": found.username, "reason": "wrong_code"})
        raise InvalidInput(Problem(WRONG_CODE, field="恢复码"))
    password_hash = accounts.hash_secret(new_password)
    replacement = new_code()
    with db.transaction() as session:
        user = session.get(User, found.id)
        user.password_hash = password_hash
        user.active = True
        user.failed_attempts = 0
        user.locked_until = None
        audit.record(session, actor, "recover", "user", entity_id=user.id,
                     detail={"username": user.username, "was_active": found.active})
        store(session, actor, replacement)
        session.flush()
        return accounts.user_info(user), replacement
