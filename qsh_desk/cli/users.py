"""`user` commands: add, list, disable, enable, reset-password and set-pin for the station's accounts."""

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
    return 0


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
