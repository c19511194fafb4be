"""`settings` commands: list, set and unset the station's settings (the 设置 page's registry and rules, audited)."""

from __future__ import annotations

import argparse
import json

from qsh_desk.cli.context import CommandContext, Later

settings = Later("qsh_desk.services.settings")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("settings", help="查看和修改站点设置（命令行以管理员身份操作，记入操作日志）")
    commands = parser.add_subparsers(dest="settings_command", metavar="SETTINGS_COMMAND", required=True)

    listing = commands.add_parser("list", help="列出所有站点设置、现在的值和默认值")
    listing.add_argument("--json", action="store_true", help="以 JSON 输出（key、title、value、default）")
    listing.set_defaults(handler=run_list)

    change = commands.add_parser("set", help="修改一项设置，如 settings set room_capacity 40")
    change.add_argument("key", metavar="KEY", help="设置名（见 settings list）")
    change.add_argument("value", metavar="VALUE", help="新的值（与设置页面同样检查）")
    change.set_defaults(handler=run_set)

    unset = commands.add_parser("unset", help="恢复一项设置的默认值（可不填的设置即为不限）")
    unset.add_argument("key", metavar="KEY", help="设置名（见 settings list）")
    unset.set_defaults(handler=run_unset)


def _shown(value: object) -> str:
    return "不限" if value is None else str(value)


def run_list(args: argparse.Namespace, context: CommandContext) -> int:
    values = settings.get_all(context.database(), context.actor())
    rows = [{"key": key, "title": s.title, "value": values[key], "default": s.default}
            for key, s in settings.REGISTRY.items()]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    for row in rows:
        default = "" if row["value"] == row["default"] else f"\t（默认 {_shown(row['default'])}）"
        print(f"{row['key']}\t{_shown(row['value'])}\t{row['title']}{default}")
    return 0


def run_set(args: argparse.Namespace, context: CommandContext) -> int:
    value = settings.set_value(context.database(), context.actor(), args.key, args.value)
    print(f"已设置 {settings.REGISTRY[args.key].title}：{_shown(value)}")
    return 0


def run_unset(args: argparse.Namespace, context: CommandContext) -> int:
    value = settings.unset_value(context.database(), context.actor(), args.key)
    print(f"已恢复默认 {settings.REGISTRY[args.key].title}：{_shown(value)}")
    return 0
