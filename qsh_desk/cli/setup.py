"""Commands that set a database up: `init` and `demo`."""

from __future__ import annotations

import argparse
import datetime as dt
import time
from typing import TYPE_CHECKING

from qsh_desk.cli.context import progress
from qsh_desk.services.access import ROLE_TITLES
from qsh_desk.services.errors import InvalidInput

if TYPE_CHECKING:
    from qsh_desk.cli.context import CommandContext


def register(subparsers: argparse._SubParsersAction) -> None:
    init = subparsers.add_parser("init", help="创建数据库或升级到本版本（可重复运行）")
    init.add_argument("--station", metavar="NAME", help="站点名称（默认：高新社区亲善之家）")
    init.set_defaults(handler=run_init)

    demo_parser = subparsers.add_parser("demo", help="向空数据库写入演示数据")
    demo_parser.add_argument("--children", type=int, default=120, metavar="N")
    demo_parser.add_argument("--volunteers", type=int, default=30, metavar="N")
    demo_parser.add_argument("--weeks", type=int, default=26, metavar="W", help="历史周数")
    demo_parser.add_argument("--seed", type=int, default=1, metavar="S")
    demo_parser.add_argument("--photos", action="store_true",
                             help="给每个儿童一张手机大小的照片（3000×4000），用来试用和测量签到台")
    demo_parser.add_argument("--until", metavar="YYYY-MM-DD", help="历史截止日期（默认今天；相同种子和日期得到相同数据）")
    demo_parser.set_defaults(handler=run_demo)


def run_init(args: argparse.Namespace, context: CommandContext) -> int:
    db = context.database()
    schema = context.schema
    station, created = context.station(args.station)
    assert schema is not None
    if schema.upgraded and schema.upgraded_from is None:
        print(f"已创建数据库：{db.where}（结构版本 {schema.head}）")
    elif schema.upgraded:
        print(f"已升级数据库：{db.where}（{schema.upgraded_from} → {schema.head}）")
    else:
        print(f"数据库已是最新版本，未作改动：{db.where}（结构版本 {schema.head}）")
    print(("已创建站点：" if created else "站点：") + station.name)
    return 0


def run_demo(args: argparse.Namespace, context: CommandContext) -> int:
    until = None
    if args.until:
        try:
            until = dt.date.fromisoformat(args.until)
        except ValueError:
            raise InvalidInput(f"日期“{args.until}”看不懂：请写成 2026-11-29 这样的格式。") from None
    from qsh_desk.services import demo

    actor = context.actor()
    started = time.perf_counter()
    summary = demo.generate(
        context.database(),
        actor,
        children=args.children,
        volunteers=args.volunteers,
        weeks=args.weeks,
        seed=args.seed,
        until=until,
        progress=progress,
        photos=args.photos,
    )
    print(
        f"演示数据已写入（{time.perf_counter() - started:.1f} 秒）：儿童 {summary.children:,}，志愿者 {summary.volunteers:,}，"
        f"到站记录 {summary.visits:,}，值班 {summary.shifts:,}，活动 {summary.sessions:,}，"
        f"活动参与 {summary.participations:,}，亲子联系 {summary.parent_contacts:,}，家访 {summary.home_visits:,}，"
        f"结对 {summary.pairings:,}，微心愿 {summary.wishes:,}，借阅 {summary.loans:,}"
        + (f"，照片 {summary.photos:,}" if summary.photos else "")
    )
    if summary.users:
        print("演示账号（用户名 / 密码）：")
        for user in summary.users:
            pin = f"，或 PIN 码 {user.pin}" if user.pin else ""
            print(f"  {user.username} / {user.password}（{ROLE_TITLES[user.role]}{pin}）")
    return 0
