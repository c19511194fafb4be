"""Accounts: the first administrator, users and their roles, passwords and PINs (argon2), login and lockout."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import and_, case, func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from qsh_desk import clock
from qsh_desk.db.database import Database
from qsh_desk.db.models import Station, User
from qsh_desk.services import audit
from qsh_desk.services.kernel import unit_of_work
from qsh_desk.services.access import ROLE_TITLES, Actor, Permission, Role, require
from qsh_desk.services.errors import Conflict, InvalidInput, NotFound, Problem, Refused

LOCK_AFTER_FAILURES = 5
LOCK_MINUTES = 5
MIN_PASSWORD_LENGTH = 8
USERNAME_PATTERN = re.compile(r"^[\w.\-]{2,32}$")  # \w includes Chinese: 张老师 is a fine username
PIN_PATTERN = re.compile(r"^\d{4,6}$")

# Replaced in tests by a cheaper (still argon2) hasher; the defaults take ~0.1 s per hash on a desk PC.
_HASHER = PasswordHasher()
# Verified against when the username is unknown, so that a wrong name costs as long as a wrong password.
_DUMMY_HASH: str | None = None


class LoginRefused(Refused):
    """Wrong username/password/PIN, a locked or a disabled account; the message says what to do."""


@dataclass(frozen=True)
class UserInfo:
    id: int
    station_id: int
    username: str
    display_name: str
    role: Role
    active: bool
    has_pin: bool
    locked_until: dt.datetime | None
    created_at: dt.datetime

    @property
    def role_title(self) -> str:
        return ROLE_TITLES[self.role]

    def actor(self) -> Actor:
        """The Actor that service calls made for this user carry (and that the audit log names)."""
        return Actor(user_id=self.id, name=self.username, role=self.role, station_id=self.station_id)

    def is_locked(self, now: dt.datetime | None = None) -> bool:
        return self.locked_until is not None and self.locked_until > (now or clock.now())


def user_info(user: User) -> UserInfo:
    return UserInfo(
        id=user.id,
        station_id=user.station_id,
        username=user.username,
        display_name=user.display_name,
        role=Role(user.role),
        active=user.active,
        has_pin=user.pin_hash is not None,
        locked_until=user.locked_until,
        created_at=user.created_at,
    )


def hash_secret(secret: str) -> str:
    return _HASHER.hash(secret)


def verify_secret(stored: str | None, secret: str) -> bool:
    if not stored:
        return False
    try:
        return _HASHER.verify(stored, secret)
    except (VerificationError, InvalidHashError):
        return False


PEPPERED = "peppered$"  # a PIN hash made with this PC's secret (see station_secret); older ones have no prefix


def _hash_pin(pin: str) -> str:
    from qsh_desk.station_secret import pepper, station_secret

    return PEPPERED + hash_secret(pepper(pin, station_secret()))


def _verify_pin(stored: str | None, pin: str) -> bool:
    """A peppered hash needs this PC's secret (missing after a restore on a new PC: PINs then fail, passwords
    work); an older, unpeppered one still verifies and is replaced at that login."""
    if not stored:
        return False
    if not stored.startswith(PEPPERED):
        return verify_secret(stored, pin)
    from qsh_desk.station_secret import pepper, station_secret

    secret = station_secret(create=False)
    return secret is not None and verify_secret(stored.removeprefix(PEPPERED), pepper(pin, secret))


def _dummy_verify(secret: str) -> None:
    global _DUMMY_HASH
    if _DUMMY_HASH is None:
        _DUMMY_HASH = hash_secret("not a password of anybody")
    verify_secret(_DUMMY_HASH, secret)


# --- validation (all problems at once, before anything is written) -------------------------------------


def normalise_username(username: str) -> str:
    """Usernames are compared without case or surrounding spaces: ADMIN and admin are one account."""
    return (username or "").strip().lower()


def _username_problems(username: str) -> list[Problem]:
    if not username:
        return [Problem("请填写用户名。", field="用户名")]
    if not USERNAME_PATTERN.match(username):
        return [Problem("用户名要 2–32 个字，只用字母、汉字、数字、点、横线或下划线，不要空格。", field="用户名", value=username)]
    return []


def password_problems(password: str | None, field: str = "密码") -> list[Problem]:
    if not password:
        return [Problem("请填写密码。", field=field)]
    if len(password) < MIN_PASSWORD_LENGTH:
        return [Problem(f"密码至少要 {MIN_PASSWORD_LENGTH} 个字符。", field=field)]
    if password != password.strip():
        return [Problem("密码的开头和结尾不能是空格。", field=field)]
    return []


def _pin_problems(pin: str) -> list[Problem]:
    if not PIN_PATTERN.match(pin or ""):
        return [Problem("PIN 码要 4 到 6 位数字。", field="PIN 码")]
    return []


def _role(value: Role | str) -> Role:
    try:
        return Role(value)
    except ValueError:
        raise InvalidInput(Problem("角色只能是 duty（值班志愿者）、social（社工）或 admin（管理员）。", field="角色", value=str(value))) from None


def _display_name_problems(display_name: str) -> list[Problem]:
    if len(display_name) > 64:
        return [Problem("姓名不能超过 64 个字。", field="姓名")]
    return []


# --- first run ------------------------------------------------------------------------------------------


def needs_first_run(db: Database) -> bool:
    """True while the database has no account at all: the app then asks for the station name and an admin."""
    with db.transaction() as session:
        return not session.scalar(select(func.count(User.id)))


def first_run(
    db: Database,
    *,
    station_name: str,
    username: str,
    password: str,
    display_name: str | None = None,
    station_id: int | None = None,
    recovery_code: str | None = None,
) -> UserInfo:
    """Name the station and create its first administrator; refused once any account exists. With
    `recovery_code` (from recovery_codes.new_code, shown to the administrator once) its hash is kept too."""
    station_name = (station_name or "").strip()
    username = normalise_username(username)
    display_name = (display_name or "").strip() or username
    problems = []
    if not station_name:
        problems.append(Problem("请填写站点名称。", field="站点名称"))
    elif len(station_name) > 100:
        problems.append(Problem("站点名称请不超过 100 个字。", field="站点名称"))
    problems += _username_problems(username) + password_problems(password) + _display_name_problems(display_name)
    if problems:
        raise InvalidInput(problems)
    password_hash = hash_secret(password)
    try:
        with db.transaction() as session:
            if session.scalar(select(func.count(User.id))):
                raise Refused("已经有账号了，不能再运行首次设置。请用已有的账号登录。")
            query = select(Station).order_by(Station.id)
            station = session.get(Station, station_id) if station_id is not None else session.scalars(query).first()
            if station is None:
                raise NotFound("数据库里还没有站点：请先运行 qsh-desk init。")
            user = User(
                station_id=station.id,
                username=username,
                display_name=display_name,
                role=Role.ADMIN.value,
                password_hash=password_hash,
            )
            session.add(user)
            session.flush()
            actor = Actor(user_id=user.id, name=username, role=Role.ADMIN, station_id=station.id)
            if station.name != station_name:
                audit.record(session, actor, "update", "station", entity_id=station.id,
                             detail={"before": {"name": station.name}, "after": {"name": station_name}})
                station.name = station_name
            audit.record(session, actor, "create", "user", entity_id=user.id,
                         detail={"username": username, "display_name": display_name, "role": Role.ADMIN.value,
                                 "first_run": True})
            if recovery_code:
                from qsh_desk.services import recovery_codes

                recovery_codes.store(session, actor, recovery_code)
            session.flush()
            return user_info(user)
    except IntegrityError:
        raise Conflict(f"站点名称“{station_name}”已被另一个站点使用，请换一个名称。") from None


# --- administration -------------------------------------------------------------------------------------


def _find(session: Session, actor: Actor, username: str) -> User:
    user = session.scalars(
        select(User).where(User.username == normalise_username(username), User.station_id == actor.station_id)
    ).first()
    if user is None:
        raise NotFound(f"本站点没有用户名为“{username}”的账号。可用“qsh-desk user list”或账号页面查看所有账号。")
    return user


def create_user(
    db: Database,
    actor: Actor,
    username: str,
    role: Role | str,
    password: str,
    *,
    display_name: str | None = None,
    pin: str | None = None,
) -> UserInfo:
    """Add an account to the actor's station (administrators only)."""
    require(db, actor, Permission.USERS, what="user")
    role = _role(role)
    username = normalise_username(username)
    display_name = (display_name or "").strip() or username
    problems = _username_problems(username) + password_problems(password) + _display_name_problems(display_name)
    if pin:
        problems += _pin_problems(pin)
        if role is not Role.DUTY:
            problems.append(Problem("PIN 码只给值班志愿者账号用；社工和管理员请用密码登录。", field="PIN 码"))
    if problems:
        raise InvalidInput(problems)
    try:
        with unit_of_work(db, actor) as work:
            session = work.session
            if username_taken(session, username):
                raise Conflict(f"用户名“{username}”已经有人用了，请换一个。")
            return add_user(session, actor, username=username, role=role, password=password,
                            display_name=display_name, pin=pin)
    except IntegrityError:  # the same name created at the same moment elsewhere
        raise Conflict(f"用户名“{username}”已经有人用了，请换一个。") from None


def username_taken(session: Session, username: str) -> bool:
    return bool(session.scalar(select(func.count(User.id)).where(User.username == normalise_username(username))))


def add_user(
    session: Session, actor: Actor, *, username: str, role: Role, password: str, display_name: str, pin: str | None = None
) -> UserInfo:
    """Insert an already validated account in the caller's transaction (create_user, demo data), audited."""
    user = User(station_id=actor.station_id, username=normalise_username(username), display_name=display_name,
                role=role.value, password_hash=hash_secret(password), pin_hash=_hash_pin(pin) if pin else None)
    session.add(user)
    session.flush()
    audit.record(session, actor, "create", "user", entity_id=user.id,
                 detail={"username": user.username, "display_name": display_name, "role": role.value,
                         "has_pin": pin is not None})
    return user_info(user)


def list_users(db: Database, actor: Actor) -> list[UserInfo]:
    """The station's accounts, active ones first (administrators only)."""
    with unit_of_work(db, actor, Permission.USERS, what="user") as work:
        session = work.session
        users = session.scalars(
            select(User).where(User.station_id == actor.station_id).order_by(User.active.desc(), User.username)
        ).all()
        return [user_info(u) for u in users]


def get_user(db: Database, actor: Actor, username: str) -> UserInfo:
    with unit_of_work(db, actor, Permission.USERS, what="user") as work:
        session = work.session
        return user_info(_find(session, actor, username))


def _active_admins(session: Session, station_id: int) -> int:
    return session.scalar(
        select(func.count(User.id)).where(
            User.station_id == station_id, User.role == Role.ADMIN.value, User.active.is_(True)
        )
    ) or 0


def set_active(db: Database, actor: Actor, username: str, active: bool) -> UserInfo:
    """Disable (or enable again) an account; its history stays. Nobody can lock the station out of itself."""
    with unit_of_work(db, actor, Permission.USERS, what="user") as work:
        session = work.session
        user = _find(session, actor, username)
        if user.active == active:
            return user_info(user)
        if not active:
            if actor.user_id == user.id:
                raise Refused("不能停用自己正在使用的账号。请让另一位管理员来停用。")
            if user.role == Role.ADMIN.value and _active_admins(session, user.station_id) <= 1:
                raise Refused("这是本站点唯一在用的管理员账号，停用后就没人能管理账号了。请先另建一个管理员账号。")
        user.active = active
        audit.record(session, actor, "update", "user", entity_id=user.id,
                     detail={"username": user.username, "before": {"active": not active}, "after": {"active": active}})
        return user_info(user)


def disable_user(db: Database, actor: Actor, username: str) -> UserInfo:
    return set_active(db, actor, username, False)


def enable_user(db: Database, actor: Actor, username: str) -> UserInfo:
    return set_active(db, actor, username, True)


def reset_password(db: Database, actor: Actor, username: str, new_password: str) -> UserInfo:
    """Give an account a new password (administrators only); this also lifts a lock after wrong tries."""
    require(db, actor, Permission.USERS, what="user")
    problems = password_problems(new_password, "新密码")
    if problems:
        raise InvalidInput(problems)
    password_hash = hash_secret(new_password)
    with unit_of_work(db, actor) as work:
        session = work.session
        user = _find(session, actor, username)
        user.password_hash = password_hash
        user.failed_attempts = 0
        user.locked_until = None
        audit.record(session, actor, "reset_password", "user", entity_id=user.id, detail={"username": user.username})
        return user_info(user)


def set_pin(db: Database, actor: Actor, username: str, pin: str | None) -> UserInfo:
    """Set (or with None remove) the 4–6 digit PIN of a duty volunteer's account (administrators only)."""
    require(db, actor, Permission.USERS, what="user")
    problems = _pin_problems(pin) if pin else []
    if problems:
        raise InvalidInput(problems)
    pin_hash = _hash_pin(pin) if pin else None
    with unit_of_work(db, actor) as work:
        session = work.session
        user = _find(session, actor, username)
        if pin and user.role != Role.DUTY.value:
            raise InvalidInput(Problem("PIN 码只给值班志愿者账号用；社工和管理员请用密码登录。", field="PIN 码"))
        user.pin_hash = pin_hash
        audit.record(session, actor, "set_pin" if pin else "remove_pin", "user", entity_id=user.id,
                     detail={"username": user.username})
        return user_info(user)


def change_own_password(db: Database, actor: Actor, old_password: str, new_password: str) -> None:
    """Any logged-in user changes their own password, proving the old one first."""
    if actor.user_id is None:
        raise Refused("命令行不是一个登录账号；请用“qsh-desk user reset-password”修改某个账号的密码。")
    problems = password_problems(new_password, "新密码")
    if new_password and new_password == old_password:
        problems.append(Problem("新密码不能和原密码一样。", field="新密码"))
    if problems:
        raise InvalidInput(problems)
    with unit_of_work(db, actor) as work:
        session = work.session
        user = session.get(User, actor.user_id)
        current_hash = user.password_hash if user is not None else None
    if not verify_secret(current_hash, old_password):
        raise InvalidInput(Problem("原密码不对，请再输入一次。", field="原密码"))
    password_hash = hash_secret(new_password)
    with unit_of_work(db, actor) as work:
        session = work.session
        user = session.get(User, actor.user_id)
        user.password_hash = password_hash
        audit.record(session, actor, "change_password", "user", entity_id=user.id, detail={"username": user.username})


# --- login ----------------------------------------------------------------------------------------------


def _minutes_left(until: dt.datetime, now: dt.datetime) -> int:
    return max(1, -(-int((until - now).total_seconds()) // 60))


def _claim_attempt(db: Database, user_id: int, now: dt.datetime) -> int | None:
    """Count a try before its secret is checked, in one UPDATE … RETURNING (a row lock on PostgreSQL, the write
    lock on SQLite): simultaneous tries get numbers 1, 2, 3 … each once, so no more than five guesses are ever
    checked before the lock. None when the account is locked now. A lock that has run out starts afresh at 1."""
    expired = and_(User.locked_until.is_not(None), User.locked_until <= now)
    with db.transaction() as session:
        return session.execute(
            update(User)
            .where(User.id == user_id, or_(User.locked_until.is_(None), User.locked_until <= now))
            .values(failed_attempts=case((expired, 1), else_=User.failed_attempts + 1),
                    locked_until=case((expired, None), else_=User.locked_until))
            .returning(User.failed_attempts)
            .execution_options(synchronize_session=False)
        ).scalar()


def authenticate(
    db: Database, station_id: int, username: str, secret: str, *, now: dt.datetime | None = None
) -> UserInfo:
    """Log in with a password, or a duty volunteer's PIN. Wrong tries are counted; the fifth locks the account.

    Every login, failed login and lock is written to the audit log. Raises LoginRefused with what to do.
    """
    now = now or clock.now()
    username = normalise_username(username)
    secret = secret or ""
    if not username or not secret:
        raise LoginRefused("请输入用户名和密码（值班志愿者也可以输入 PIN 码）。")
    with db.transaction() as session:
        stored = session.execute(
            select(User.id, User.password_hash, User.pin_hash, User.role, User.station_id)
            .where(User.username == username)
        ).first()
    used: str | None = None  # "password" or "pin"
    # This try's number, claimed before the secret is checked (None: the account is locked now).
    attempt = _claim_attempt(db, stored.id, now) if stored is not None and stored.station_id == station_id else 0
    if stored is None:
        _dummy_verify(secret)
    elif attempt is None or attempt > LOCK_AFTER_FAILURES:
        pass  # locked, or the tries that lock it are already under way: this guess is never checked
    else:
        _, password_hash, pin_hash, role, _station = stored
        if verify_secret(password_hash, secret):
            used = "password"
        elif role == Role.DUTY.value and PIN_PATTERN.match(secret) and _verify_pin(pin_hash, secret):
            used = "pin"
    ok = used is not None
    # Hashing parameters grow stronger over releases: upgrade a stored hash when its owner next logs in.
    new_hash = hash_secret(secret) if used == "password" and _HASHER.check_needs_rehash(password_hash) else None
    # A PIN hashed by an earlier release, without this PC's secret: peppered from this login on.
    new_pin_hash = _hash_pin(secret) if used == "pin" and not pin_hash.startswith(PEPPERED) else None

    refusal: str
    with db.transaction() as session:
        if stored is None:
            someone = Actor(user_id=None, name=username[:100], role=Role.DUTY, station_id=station_id)
            audit.record(session, someone, "login_failed", "user", detail={"reason": "unknown_user"})
            refusal = "用户名或密码不对，请再输入一次。"
        else:
            user = session.get(User, stored.id)
            actor = user_info(user).actor()
            if user.station_id != station_id:
                audit.record(session, actor, "login_failed", "user", entity_id=user.id,
                             detail={"reason": "other_station", "at_station": station_id})
                refusal = "这个账号属于另一个站点，不能在本站点登录。请用本站点的账号。"
            elif attempt is None or attempt > LOCK_AFTER_FAILURES:
                # Refused unchecked. A try numbered 1–5 was checked even if a simultaneous fifth has locked the
                # account since: it is recorded as the wrong guess it was (or lets its right one in).
                until = user.locked_until if user.locked_until is not None and user.locked_until > now else (
                    now + dt.timedelta(minutes=LOCK_MINUTES))
                audit.record(session, actor, "login_failed", "user", entity_id=user.id, detail={"reason": "locked"})
                refusal = (f"输错次数太多，账号已锁定。请 {_minutes_left(until, now)} 分钟后再试，"
                           "或请管理员重置密码。")
            elif not ok:
                # Counted already, when the try was claimed: `attempt` is this try's own number.
                audit.record(session, actor, "login_failed", "user", entity_id=user.id,
                             detail={"reason": "wrong_secret", "attempt": attempt})
                if attempt >= LOCK_AFTER_FAILURES:
                    user.locked_until = now + dt.timedelta(minutes=LOCK_MINUTES)
                    audit.record(session, actor, "locked", "user", entity_id=user.id,
                                 detail={"until": user.locked_until, "failures": attempt})
                    refusal = (f"连续输错 {LOCK_AFTER_FAILURES} 次，账号已锁定 {LOCK_MINUTES} 分钟。"
                               "请稍后再试，或请管理员重置密码。")
                else:
                    left = LOCK_AFTER_FAILURES - attempt
                    refusal = f"用户名或密码不对，请再输入一次。再错 {left} 次账号会被锁定 {LOCK_MINUTES} 分钟。"
            elif not user.active:
                audit.record(session, actor, "login_failed", "user", entity_id=user.id, detail={"reason": "disabled"})
                refusal = "这个账号已停用。如需要继续使用，请联系管理员。"
            else:
                user.failed_attempts, user.locked_until = 0, None
                if new_hash is not None:
                    user.password_hash = new_hash
                if new_pin_hash is not None:
                    user.pin_hash = new_pin_hash
                audit.record(session, actor, "login", "user", entity_id=user.id, detail={"with": used})
                return user_info(user)
    raise LoginRefused(refusal)

