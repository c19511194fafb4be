"""`user` commands: add, list, disable, enable, reset-password and set-pin for the station's accounts, and the
recovery code (recover, recovery-code) for a forgotten administrator password."""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import TYPE_CHECKING

from qsh_desk.services.access import Role
from qsh_desk.services.errors import InvalidInput

if TYPE_CHECKING:
    from qsh_desk.cli.context import CommandContext


def register(subparsers: argparse._SubParsersAction) -> None:
    user = subparsers.add_parser("user", help="管理本站点的账号（命令行以管理员身份操作，记入操作日志）")
    commands = user.add_subparsers(dest="user_command", metavar="USER_COMMAND", required=True)

    add = commands.add_parser("add", help="新建账号")
    add.add_argument("username", metavar="USERNAME")
    add.add_argument("--role", required=True, choices=[r.value for r in Role],
                     help="duty 值班志愿者 · social 社工 · admin 管理员")
    add.add_argument("--name", metavar="DISPLAY", help="显示的姓名（默认同用户名）")
    add.add_argument("--password-stdin", action="store_true", help="从标准输入读取密码（第一行），不提示")
    add.set_defaults(handler=run_add)

    listing = commands.add_parser("list", help="列出本站点的所有账号")
    listing.set_defaults(handler=run_list)

    disable = commands.add_parser("disable", help="停用账号（历史记录保留）")
    disable.add_argument("username", metavar="USERNAME")
    disable.set_defaults(handler=run_disable)

    enable = commands.add_parser("enable", help="重新启用已停用的账号")
    enable.add_argument("username", metavar="USERNAME")
    enable.set_defaults(handler=run_enable)

    reset = commands.add_parser("reset-password", help="设置新密码（同时解除输错锁定）")
    reset.add_argument("username", metavar="USERNAME")
    reset.add_argument("--password-stdin", action="store_true", help="从标准输入读取新密码（第一行），不提示")
    reset.set_defaults(handler=run_reset_password)

    pin = commands.add_parser("set-pin", help="给值班志愿者账号设置 4–6 位数字 PIN 码")
    pin.add_argument("username", metavar="USERNAME")
    pin.add_argument("--pin-stdin", action="store_true", help="从标准输入读取 PIN 码（第一行），不提示")
    pin.add_argument("--remove", action="store_true", help="删除 PIN 码（以后只能用密码登录）")
    pin.set_defaults(handler=run_set_pin)

    recover = commands.add_parser(
        "recover", help="忘记管理员密码时：用首次设置时抄下的恢复码设新密码（不需要 --admin；用过后换一个新恢复码）")
    recover.add_argument("username", metavar="USERNAME")
    recover.add_argument("--stdin", action="store_true", help="从标准输入读取恢复码（第一行）和新密码（第二行），不提示")
    recover.set_defaults(handler=run_recover)

    renew = commands.add_parser("recovery-code", help="换一个新的恢复码（旧的作废；显示一次，请抄下收好）")
    renew.set_defaults(handler=run_recovery_code)


def _secret(from_stdin: bool, prompt: str, what: str = "密码") -> str:
    """A password from the first line of stdin, or typed twice without echo."""
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass(prompt)
    second = getpass.getpass(f"再输入一次{what}：")
    if first != second:
        raise InvalidInput(f"两次输入的{what}不一样，什么都没有改。请重新运行命令。")
    return first


def run_add(args: argparse.Namespace, context: CommandContext) -> int:
    from qsh_desk.services import accounts  # argon2 and the models: loaded by the commands that use them

    actor = context.admin_actor()
    password = _secret(args.password_stdin, f"“{args.username}”的密码（至少 {accounts.MIN_PASSWORD_LENGTH} 个字符）：")
    user = accounts.create_user(context.database(), actor, args.username, args.role, password, display_name=args.name)
    print(f"已新建账号：{user.username}（{user.display_name}，{user.role_title}）")
    if user.role.value == "admin":
        from qsh_desk.services import recovery_codes

        code = recovery_codes.make_if_missing(context.database(), actor)
        if code is not None:
            _show_code(code)
    return 0


def _show_code(code: str) -> None:
    print(f"本站点的恢复码：{code}")
    print("请把它抄在纸上（或打印出来），放在站里的保险柜。忘记管理员密码时，在本站点的电脑上运行"
          "“qsh-desk user recover 用户名”并输入它。它只显示这一次；用过一次就换新的。")


def run_list(args: argparse.Namespace, context: CommandContext) -> int:
    from qsh_desk.services import accounts

    users = accounts.list_users(context.database(), context.admin_actor())
    if not users:
        print("本站点还没有账号。用“qsh-desk user add 用户名 --role admin”新建一个管理员，或打开窗口完成首次设置。")
        return 0
    print("用户名\t姓名\t角色\tPIN\t状态")
    for user in users:
        if not user.active:
            state = "已停用"
        elif user.is_locked():
            state = f"锁定至 {user.locked_until:%H:%M}"
        else:
            state = "在用"
        print(f"{user.username}\t{user.display_name}\t{user.role.value} {user.role_title}\t"
              f"{'有' if user.has_pin else '—'}\t{state}")
    return 0


def run_disable(args: argparse.Namespace, context: CommandContext) -> int:
    from qsh_desk.services import accounts

    user = accounts.disable_user(context.database(), context.admin_actor(), args.username)
    print(f"已停用账号：{user.username}（{user.display_name}）")
    return 0


def run_enable(args: argparse.Namespace, context: CommandContext) -> int:
    from qsh_desk.services import accounts

    user = accounts.enable_user(context.database(), context.admin_actor(), args.username)
    print(f"已启用账号：{user.username}（{user.display_name}）")
    return 0


def run_reset_password(args: argparse.Namespace, context: CommandContext) -> int:
    from qsh_desk.services import accounts

    actor = context.admin_actor()
    password = _secret(args.password_stdin, f"“{args.username}”的新密码（至少 {accounts.MIN_PASSWORD_LENGTH} 个字符）：")
    user = accounts.reset_password(context.database(), actor, args.username, password)
    print(f"已为 {user.username}（{user.display_name}）设置新密码。")
    return 0


def run_set_pin(args: argparse.Namespace, context: CommandContext) -> int:
    from qsh_desk.services import accounts

    actor = context.admin_actor()
    pin = None if args.remove else _secret(args.pin_stdin, f"“{args.username}”的 PIN 码（4–6 位数字）：", "PIN 码")
    user = accounts.set_pin(context.database(), actor, args.username, pin)
    print(f"已{'删除' if pin is None else '设置'} {user.username}（{user.display_name}）的 PIN 码。")
    return 0


def run_recover(args: argparse.Namespace, context: CommandContext) -> int:
    from qsh_desk.services import accounts, recovery_codes

    if args.stdin:
        code = sys.stdin.readline().rstrip("\r\n")
    else:
        code = getpass.getpass("恢复码（纸上的 25 个字母和数字）：")
    password = _secret(args.stdin, f"“{args.username}”的新密码（至少 {accounts.MIN_PASSWORD_LENGTH} 个字符）：")
    station, _ = context.station()
    user, new_code = recovery_codes.recover_admin(context.database(), station.id, args.username, code, password)
    print(f"已为 {user.username}（{user.display_name}）设置新密码，账号已启用并解除锁定。")
    print("刚才的恢复码已经作废。")
    _show_code(new_code)
    return 0


def run_recovery_code(args: argparse.Namespace, context: CommandContext) -> int:
    from qsh_desk.services import recovery_codes

    _show_code(recovery_codes.renew(context.database(), context.admin_actor()))
    return 0
