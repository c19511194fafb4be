"""Desk commands: `checkin`, `checkout` and `present`, on the same services as the 签到台 page."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys

from qsh_desk.cli.context import CommandContext
from qsh_desk.services import checkin
from qsh_desk.services.checkin import CHILD, Pickup
from qsh_desk.services.errors import InvalidInput, Problem
from qsh_desk.services.search import find_one


def register(subparsers: argparse._SubParsersAction) -> None:
    query_help = "姓名、拼音、拼音首字母、卡号或监护人电话后四位"
    at_help = "时间（默认现在），如 2026-11-28T09:30"

    check_in = subparsers.add_parser("checkin", help="签到（儿童或志愿者）")
    check_in.add_argument("query", metavar="QUERY", help=query_help)
    check_in.add_argument("--at", metavar="ISO_DATETIME", help=at_help)
    check_in.set_defaults(handler=run_checkin)

    check_out = subparsers.add_parser("checkout", help="签退（儿童需写明谁来接，或自行回家）")
    check_out.add_argument("query", metavar="QUERY", help=query_help)
    check_out.add_argument("--pickup", metavar="NAME", help="来接的人的姓名（与可接送名单核对；不在名单上的会记录并提醒）")
    check_out.add_argument("--relation", metavar="REL", help="来接的人与孩子的关系（不在名单上时必填）")
    check_out.add_argument("--phone", metavar="PHONE", help="来接的人的电话（不在名单上时填写）")
    check_out.add_argument("--alone", action="store_true", help="自行回家（须有监护人的同意书）")
    check_out.add_argument("--at", metavar="ISO_DATETIME", help=at_help)
    check_out.set_defaults(handler=run_checkout)

    here = subparsers.add_parser("present", help="现在在站的儿童和志愿者")
    here.add_argument("--json", action="store_true", help="以 JSON 输出（kind、id、name、since …）")
    here.set_defaults(handler=run_present)


def _at(value: str | None) -> dt.datetime | None:
    if not value:
        return None
    try:
        return dt.datetime.fromisoformat(value)
    except ValueError:
        raise InvalidInput(Problem("时间看不懂：请写成 2026-11-28T09:30 这样的格式。", field="--at", value=value)) from None


def run_checkin(args: argparse.Namespace, context: CommandContext) -> int:
    db, actor = context.database(), context.actor()
    at = _at(args.at)
    person = find_one(db, actor, args.query)
    done = checkin.check_in(db, actor, person.kind, person.id, at=at)
    print(done.message)
    if person.medical_flag:
        print(f"注意：{person.name} 有过敏或疾病提示，请留意。")
    return 0


def run_checkout(args: argparse.Namespace, context: CommandContext) -> int:
    db, actor = context.database(), context.actor()
    at = _at(args.at)
    person = find_one(db, actor, args.query)
    if person.kind == CHILD:
        if args.alone and args.pickup:
            raise InvalidInput("--alone 和 --pickup 只能选一个。")
        if not args.alone and not args.pickup:
            raise InvalidInput(f"签退 {person.name} 需要写明谁来接（--pickup 姓名），或自行回家（--alone）。")
        pickup = Pickup.home_alone() if args.alone else Pickup.by_person(args.pickup, args.relation, args.phone)
        done = checkin.check_out_child(db, actor, person.id, pickup, at=at)
    else:
        done = checkin.check_out_volunteer(db, actor, person.id, at=at)
    print(done.message)
    if done.warning:
        print(done.warning, file=sys.stderr)
    return 0


def run_present(args: argparse.Namespace, context: CommandContext) -> int:
    db, actor = context.database(), context.actor()
    here = checkin.present(db, actor)
    if args.json:
        rows = [
            {"kind": p.kind, "id": p.id, "name": p.name, "since": p.since.isoformat(), "medical_flag": p.medical_flag,
             "stale": p.stale}
            for p in here.everyone
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    print(f"在站儿童 {here.children_count} 人，志愿者 {here.volunteers_count} 人")
    for p in here.everyone:
        kind = checkin.KIND_TITLES[p.kind]
        flags = ("  ⚠过敏/疾病" if p.medical_flag else "") + ("  （之前未签退）" if p.stale else "")
        print(f"  {kind}\t{p.name}\t{p.since:%Y-%m-%d %H:%M} 起{flags}")
    return 0
