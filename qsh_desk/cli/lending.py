"""`qsh-desk item add|list`, `lend`, `return`, `loans`: 器材与图书 through the same services as the window."""

from __future__ import annotations

import argparse
import datetime as dt
import json

from qsh_desk.cli.context import CommandContext, Later
from qsh_desk.services.errors import InvalidInput, Problem

lending = Later("qsh_desk.services.lending")
search = Later("qsh_desk.services.search")
# The kinds an item can be (as services.lending.KINDS, which checks them again); here so that --help loads no service.
ITEM_KINDS = ("图书", "器材", "玩具", "游戏", "乐器", "电脑", "其他")


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期要写成 年-月-日，例如 2026-03-14（填写的是“{text}”）") from None


def _at(value: str | None) -> dt.datetime | None:
    if value is None:
        return None
    try:
        return dt.datetime.fromisoformat(value)
    except ValueError:
        raise InvalidInput(Problem("时间看不懂：请写成 2026-11-28T09:30 这样的格式。", field="--at", value=value)) from None


def register(subparsers: argparse._SubParsersAction) -> None:
    item = subparsers.add_parser("item", help="器材与图书：登记、列出", description="器材与图书的台账。")
    verbs = item.add_subparsers(dest="item_verb", metavar="VERB", required=True, parser_class=type(item))
    add = verbs.add_parser("add", help="登记一件物品或一种图书（打印出每一份的编码）")
    add.add_argument("name", metavar="NAME", help="名称")
    add.add_argument("--kind", default="图书", choices=ITEM_KINDS, help="类别（默认 图书）")
    add.add_argument("--copies", type=int, default=1, metavar="N", help="几份（每份一个编码）")
    add.add_argument("--code", metavar="CODE", help="自己定的编码（多份时后面加 01、02 …）")
    add.add_argument("--isbn", metavar="ISBN", help="图书的 ISBN（扫书背面的条码也能找到它）")
    add.add_argument("--location", metavar="WHERE", help="存放在哪里")
    add.add_argument("--stays", action="store_true", help="只能在站内使用，不能带走")
    add.add_argument("--donor", metavar="WHO", help="捐赠人或单位（来源记为捐赠）")
    add.set_defaults(handler=run_item_add)
    listing = verbs.add_parser("list", help="列出所有物品")
    listing.add_argument("--json", action="store_true", help="输出 JSON")
    listing.set_defaults(handler=run_item_list)

    lend = subparsers.add_parser("lend", help="借出：物品编码（或 ISBN）和孩子")
    lend.add_argument("code", metavar="CODE", help="物品标签上的编码，或图书的 ISBN")
    lend.add_argument("child", metavar="CHILD", help="孩子的姓名、拼音首字母或卡号")
    lend.add_argument("--due", type=_date, metavar="YYYY-MM-DD", help="应还日期（默认按设置的借阅期限）")
    lend.add_argument("--at", metavar="ISO", help="借出时间（默认现在）")
    lend.set_defaults(handler=run_lend)
    back = subparsers.add_parser("return", help="归还：扫一下物品编码")
    back.add_argument("code", metavar="CODE", help="物品标签上的编码")
    back.add_argument("--at", metavar="ISO", help="归还时间（默认现在）")
    back.add_argument("--condition", choices=("ok", "damaged", "lost"), default="ok", help="归还时的状况")
    back.set_defaults(handler=run_return)
    loans = subparsers.add_parser("loans", help="现在借出的物品")
    loans.add_argument("--overdue", action="store_true", help="只列逾期的")
    loans.add_argument("--json", action="store_true", help="输出 JSON")
    loans.set_defaults(handler=run_loans)


def run_item_add(args: argparse.Namespace, context: CommandContext) -> int:
    added = lending.add_item(context.database(), context.actor(), args.name, kind=args.kind, copies=args.copies,
                             code=args.code, isbn=args.isbn, location=args.location, may_leave=not args.stays,
                             source="donation" if args.donor else "purchase", donor=args.donor)
    for code in added.codes:
        print(code)
    return 0


def run_item_list(args: argparse.Namespace, context: CommandContext) -> int:
    rows = lending.list_items(context.database(), context.actor())
    if args.json:
        print(json.dumps([r.as_json() for r in rows], ensure_ascii=False, indent=2))
        return 0
    for r in rows:
        print(f"{r.kind}\t{r.name}\t{r.copies} 份（借出 {r.out}）\t{' '.join(r.codes)}")
    print(f"共 {len(rows)} 种物品。")
    return 0


def run_lend(args: argparse.Namespace, context: CommandContext) -> int:
    db, actor = context.database(), context.actor()
    child = search.find_one(db, actor, args.child, kind="child")
    loan = lending.lend(db, actor, args.code, child.id, due=args.due, at=_at(args.at))
    print(f"“{loan.item}”（{loan.code}）借给 {loan.child}，应还日期 {loan.due:%Y-%m-%d}。")
    return 0


def run_return(args: argparse.Namespace, context: CommandContext) -> int:
    loan = lending.return_item(context.database(), context.actor(), args.code, at=_at(args.at),
                               condition=args.condition)
    print(f"“{loan.item}”（{loan.code}）已由 {loan.child} 归还。")
    return 0


def run_loans(args: argparse.Namespace, context: CommandContext) -> int:
    rows = lending.list_loans(context.database(), context.actor(), overdue_only=args.overdue)
    if args.json:
        print(json.dumps([r.as_json() for r in rows], ensure_ascii=False, indent=2))
        return 0
    for r in rows:
        late = f"  逾期 {r.overdue_days} 天" if r.overdue else ""
        print(f"{r.code}\t{r.item}\t{r.child}\t{r.since:%Y-%m-%d} 借\t{r.due:%Y-%m-%d} 应还{late}")
    print(f"共 {len(rows)} 件借出。")
    return 0
