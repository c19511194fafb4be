"""`qsh-desk wish add|list|claim|fulfil|cancel`: the 微心愿 of the 爱心圆梦站, through the same services as the window."""

from __future__ import annotations

import argparse
import datetime as dt
import json

from qsh_desk.cli.context import CommandContext, Later

wishes = Later("qsh_desk.services.wishes")
search = Later("qsh_desk.services.search")

STATUSES = ("open", "claimed", "fulfilled", "cancelled")


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期要写成 年-月-日，例如 2026-03-14（填写的是“{text}”）") from None


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("wish", help="微心愿：登记、认领、圆梦、取消", description="爱心圆梦站的微心愿。")
    verbs = parser.add_subparsers(dest="wish_verb", metavar="VERB", required=True, parser_class=type(parser))
    add = verbs.add_parser("add", help="登记一个孩子的微心愿（打印出心愿编号）")
    add.add_argument("child", metavar="CHILD", help="孩子的姓名、拼音首字母或卡号")
    add.add_argument("text", metavar="TEXT", help="心愿，用孩子自己的话")
    add.add_argument("--value", metavar="YUAN", help="估计金额（元）")
    add.add_argument("--dream", metavar="DREAM", help="属于哪个梦，如 温暖梦")
    add.set_defaults(handler=run_add)
    listing = verbs.add_parser("list", help="列出微心愿")
    listing.add_argument("--status", choices=STATUSES, help="只列这种状态的")
    listing.add_argument("--json", action="store_true", help="输出 JSON")
    listing.set_defaults(handler=run_list)
    claim = verbs.add_parser("claim", help="登记认领人（本站志愿者，或站外的爱心人士、共建单位）")
    claim.add_argument("id", type=int, metavar="ID", help="心愿编号")
    claim.add_argument("--by", required=True, metavar="NAME", help="认领人姓名（先在志愿者里找），或单位名称")
    claim.add_argument("--phone", metavar="P", help="站外认领人的电话")
    claim.add_argument("--unit", metavar="UNIT", help="认领单位")
    claim.set_defaults(handler=run_claim)
    fulfil = verbs.add_parser("fulfil", help="记录圆梦")
    fulfil.add_argument("id", type=int, metavar="ID", help="心愿编号")
    fulfil.add_argument("--on", type=_date, metavar="YYYY-MM-DD", help="圆梦日期（默认今天）")
    fulfil.add_argument("--photo", metavar="FILE", help="圆梦照片")
    fulfil.add_argument("--note", metavar="TEXT", help="备注")
    fulfil.add_argument("--delivery", metavar="TEXT", help="送达方式")
    fulfil.add_argument("--thanks", metavar="TEXT", help="孩子的感谢")
    fulfil.set_defaults(handler=run_fulfil)
    cancel = verbs.add_parser("cancel", help="取消一个微心愿（写明原因）")
    cancel.add_argument("id", type=int, metavar="ID", help="心愿编号")
    cancel.add_argument("--reason", required=True, metavar="TEXT", help="取消的原因")
    cancel.set_defaults(handler=run_cancel)

    from qsh_desk.cli.dreams import _period_arguments, topic

    report = topic(subparsers, "report", "统计报表").add_parser(
        "wishes", help="微心愿统计：每月登记、认领、圆梦的个数，按认领方和梦分", description="微心愿统计")
    _period_arguments(report)
    report.add_argument("--json", action="store_true", help="输出 JSON")
    report.set_defaults(handler=run_report)


def run_add(args: argparse.Namespace, context: CommandContext) -> int:
    db, actor = context.database(), context.actor()
    child = search.find_one(db, actor, args.child, kind="child")
    wish_id = wishes.add_wish(db, actor, child.id, args.text, value_yuan=args.value, dream=args.dream)
    print(wish_id)
    return 0


def run_list(args: argparse.Namespace, context: CommandContext) -> int:
    rows = wishes.list_wishes(context.database(), context.actor(), status=args.status)
    if args.json:
        print(json.dumps([r.as_json() for r in rows], ensure_ascii=False, indent=2))
        return 0
    for r in rows:
        late = "（认领后迟迟未圆梦）" if r.claim_overdue else ""
        claimer = f"  认领：{r.claimer}" if r.claimer else ""
        print(f"{r.id}\t{r.status_title}\t{r.child_name}\t{r.wish}{claimer}{late}")
    print(f"共 {len(rows)} 个微心愿。")
    return 0


def run_claim(args: argparse.Namespace, context: CommandContext) -> int:
    db, actor = context.database(), context.actor()
    volunteer_id = wishes.match_volunteer(db, actor, args.by)
    if volunteer_id is not None:
        row = wishes.claim_wish(db, actor, args.id, volunteer_id=volunteer_id, unit=args.unit)
    else:
        # Not a volunteer of the station: an outside claimer, who needs a phone or a unit to be reached by.
        row = wishes.claim_wish(db, actor, args.id, name=args.by, phone=args.phone, unit=args.unit)
    print(f"微心愿 {row.id}“{row.wish}”已由“{row.claimer}”认领。")
    return 0


def run_fulfil(args: argparse.Namespace, context: CommandContext) -> int:
    wishes.fulfil_wish(context.database(), context.actor(), args.id, on=args.on, photo=args.photo, note=args.note,
                       delivery=args.delivery, thanks=args.thanks)
    print(f"微心愿 {args.id} 已记录圆梦。")
    return 0


def run_cancel(args: argparse.Namespace, context: CommandContext) -> int:
    wishes.cancel_wish(context.database(), context.actor(), args.id, args.reason)
    print(f"微心愿 {args.id} 已取消。")
    return 0


def run_report(args: argparse.Namespace, context: CommandContext) -> int:
    from qsh_desk.cli.dreams import _period

    period = _period(args)
    figures = wishes.wish_stats(context.database(), context.actor(), period.start, period.end)
    if args.json:
        print(json.dumps({"months": [vars(m) for m in figures.months], "by_claimer": figures.by_claimer,
                          "by_dream": figures.by_dream}, ensure_ascii=False, indent=2))
        return 0
    print(f"微心愿统计　{period.label}")
    print("月份\t登记\t认领\t圆梦")
    for m in figures.months:
        print(f"{m.month}\t{m.written}\t{m.claimed}\t{m.fulfilled}")
    print("认领方：" + "，".join(f"{kind} {n}" for kind, n in figures.by_claimer.items()))
    if figures.by_dream:
        print("圆梦（按梦）：" + "，".join(f"{dream} {n}" for dream, n in figures.by_dream.items()))
    return 0
