"""Desk commands: `checkin`, `checkout`, `present`, `visits` and `correct-time`, on the 签到台 page's services.

The services are imported inside each command: building the parser (for `--help`, or any other command) must
not load the database layer.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from typing import TYPE_CHECKING

from qsh_desk import clock
from qsh_desk.services.errors import InvalidInput, Problem

if TYPE_CHECKING:
    from qsh_desk.cli.context import CommandContext

CHILD, VOLUNTEER = "child", "volunteer"  # the kinds of services.checkin, spelled here to keep it unimported


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
    here.add_argument("--summary", action="store_true",
                      help="只输出人数与限额（与 --json 一起：children、volunteers、capacity、ratio、needed_volunteers、over）")
    here.set_defaults(handler=run_present)

    visits = subparsers.add_parser("visits", help="某一天的到站记录（儿童和志愿者），带记录号，用于更正时间")
    visits.add_argument("--date", metavar="YYYY-MM-DD", help="日期（默认今天）")
    visits.add_argument("--json", action="store_true", help="以 JSON 输出")
    visits.set_defaults(handler=run_visits)

    correct = subparsers.add_parser("correct-time", help="更正一条到站记录的签到或签退时间（须写明原因，记入操作日志）")
    correct.add_argument("record", metavar="RECORD", help="记录号，如 C123（儿童）或 V45（志愿者），见 visits 命令")
    correct.add_argument("--in", dest="checked_in", metavar="TIME", help="新的签到时间：09:30（当天）或 2026-11-28T09:30")
    correct.add_argument("--out", dest="checked_out", metavar="TIME", help="新的签退时间，格式同上")
    correct.add_argument("--date", metavar="YYYY-MM-DD", help="只写 09:30 这样的时间时，它是哪一天（默认今天）")
    correct.add_argument("--reason", required=True, help="原因，如：忘记签退，按家长来接的时间补记")
    correct.set_defaults(handler=run_correct_time)


def _at(value: str | None) -> dt.datetime | None:
    if not value:
        return None
    try:
        return dt.datetime.fromisoformat(value)
    except ValueError:
        raise InvalidInput(Problem("时间看不懂：请写成 2026-11-28T09:30 这样的格式。", field="--at", value=value)) from None


def run_checkin(args: argparse.Namespace, context: CommandContext) -> int:
    from qsh_desk.services import checkin
    from qsh_desk.services.search import find_one

    db, actor = context.database(), context.actor()
    at = _at(args.at)
    person = find_one(db, actor, args.query)
    # The command line has no one to ask: past the capacity or the ratio it warns on stderr, goes on, and the
    # override is recorded as the command line's.
    done = checkin.check_in(db, actor, person.kind, person.id, at=at, override_limits=True)
    print(done.message)
    if done.warning:
        print(done.warning, file=sys.stderr)
    if person.medical_flag:
        print(f"注意：{person.name} 有过敏或疾病提示，请留意。")
    return 0


def run_checkout(args: argparse.Namespace, context: CommandContext) -> int:
    from qsh_desk.services import checkin
    from qsh_desk.services.checkin import Pickup
    from qsh_desk.services.search import find_one

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
        done = checkin.check_out_volunteer(db, actor, person.id, at=at, override_limits=True)
    print(done.message)
    if done.warning:
        print(done.warning, file=sys.stderr)
    return 0


def run_present(args: argparse.Namespace, context: CommandContext) -> int:
    from qsh_desk.services import checkin

    db, actor = context.database(), context.actor()
    here = checkin.present(db, actor)
    if args.summary:
        if args.json:
            print(json.dumps(here.load.summary(), ensure_ascii=False, indent=2))
        else:
            print(here.load.ratio_line())
        return 0
    if args.json:
        rows = [
            {"kind": p.kind, "id": p.id, "name": p.name, "since": p.since.isoformat(), "medical_flag": p.medical_flag,
             "stale": p.stale, "after_closing": p.after_closing}
            for p in here.everyone
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    print(f"在站儿童 {here.children_count} 人，志愿者 {here.volunteers_count} 人")
    if here.load.limited:
        print(here.load.ratio_line())
    for p in here.everyone:
        kind = checkin.KIND_TITLES[p.kind]
        flags = ("  ⚠过敏/疾病" if p.medical_flag else "") + ("  （之前未签退）" if p.stale else "  （闭馆后仍在站）" if p.after_closing else "")
        print(f"  {kind}\t{p.name}\t{p.since:%Y-%m-%d %H:%M} 起{flags}")
    return 0


RECORD_PREFIX = {CHILD: "C", VOLUNTEER: "V"}


def _record(value: str) -> tuple[str, int]:
    """C123 → (child, 123); V45 → (volunteer, 45)."""
    text = value.strip().upper()
    kinds = {prefix: kind for kind, prefix in RECORD_PREFIX.items()}
    if len(text) < 2 or text[0] not in kinds or not text[1:].isdigit():
        raise InvalidInput(Problem("记录号看不懂：儿童的记录写成 C123，志愿者的写成 V45（用 visits 命令查看）。",
                                   field="RECORD", value=value))
    return kinds[text[0]], int(text[1:])


def _time_on(value: str | None, day: dt.date, field: str) -> dt.datetime | None:
    """09:30 on the record's day, or a full 2026-11-28T09:30."""
    if not value:
        return None
    text = value.strip().replace("：", ":")
    try:
        return dt.datetime.combine(day, dt.datetime.strptime(text, "%H:%M").time())
    except ValueError:
        pass
    try:
        return dt.datetime.fromisoformat(text)
    except ValueError:
        raise InvalidInput(Problem("时间看不懂：请写成 09:30，或 2026-11-28T09:30。", field=field, value=value)) from None


def _date(value: str | None) -> dt.date:
    if not value:
        return clock.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InvalidInput(Problem("日期看不懂：请写成 2026-11-28 这样的格式。", field="--date", value=value)) from None


def run_visits(args: argparse.Namespace, context: CommandContext) -> int:
    from qsh_desk.services import checkin, corrections

    db, actor = context.database(), context.actor()
    day = _date(args.date)
    records = corrections.day_records(db, actor, day)
    if args.json:
        print(json.dumps([
            {"record": f"{RECORD_PREFIX[r.kind]}{r.record_id}", "kind": r.kind, "id": r.person_id, "name": r.name,
             "in": r.checked_in_at.isoformat(), "out": r.checked_out_at.isoformat() if r.checked_out_at else None,
             "collected_by": r.collected_by,
             "override": {"by": r.override.by, "at": r.override.at.isoformat(), "warning": r.override.warning}
             if r.override else None}
            for r in records
        ], ensure_ascii=False, indent=2))
        return 0
    print(f"{day:%Y-%m-%d} 的到站记录：{len(records)} 条")
    for r in records:
        out = f"{r.checked_out_at:%H:%M}" if r.checked_out_at else "未签退"
        who = f"\t{r.collected_by}" if r.collected_by else ""
        past = f"\t超限放行（{r.override.by} {r.override.at:%H:%M}）" if r.override else ""
        print(f"  {RECORD_PREFIX[r.kind]}{r.record_id}\t{checkin.KIND_TITLES[r.kind]}\t{r.name}\t"
              f"{r.checked_in_at:%H:%M}–{out}{who}{past}")
    return 0


def run_correct_time(args: argparse.Namespace, context: CommandContext) -> int:
    from qsh_desk.services import corrections

    db, actor = context.database(), context.actor()
    kind, record_id = _record(args.record)
    day = _date(args.date)  # the day a bare 09:30 belongs to
    done = corrections.correct_times(db, actor, kind, record_id, reason=args.reason,
                                 checked_in_at=_time_on(args.checked_in, day, "--in"),
                                 checked_out_at=_time_on(args.checked_out, day, "--out"))
    print(done.message)
    return 0
