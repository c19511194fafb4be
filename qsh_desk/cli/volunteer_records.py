"""`export hours FILE.xlsx --from --to [--volunteer Q]` (志愿服务记录) and `report party --from --to [--json]` (双报到)."""

from __future__ import annotations

import argparse
import json

from qsh_desk.cli.context import CommandContext
from qsh_desk.cli.dreams import _date, _pad, _width, topic
from qsh_desk.cli.context import Later

certificates = Later("qsh_desk.services.certificates")
service_records = Later("qsh_desk.services.service_records")
reports = Later("qsh_desk.services.reports")


def _required_period(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--from", dest="date_from", type=_date, required=True, metavar="YYYY-MM-DD", help="开始日期")
    parser.add_argument("--to", dest="date_to", type=_date, required=True, metavar="YYYY-MM-DD", help="结束日期（含当天）")


def register(subparsers: argparse._SubParsersAction) -> None:
    exports = topic(subparsers, "export", "导出数据")
    hours = exports.add_parser("hours", help="把一段时间的志愿服务记录（每次值班、每次活动一行，另有每人汇总）导出为 .xlsx",
                               description="志愿服务记录（民政部令第67号的项目），可用于向全国志愿服务信息系统录入时长")
    hours.add_argument("file", metavar="FILE.xlsx")
    _required_period(hours)
    hours.add_argument("--volunteer", metavar="Q", help="只导出这位志愿者（姓名、卡号或编号）")
    hours.set_defaults(handler=run_export_hours)

    reports = topic(subparsers, "report", "统计报表")
    party = reports.add_parser("party", help="在职党员双报到：每个单位的在职党员人数、参加服务的人数、服务时长",
                               description="在职党员双报到：每个单位的在职党员人数、参加服务的人数、服务时长")
    _required_period(party)
    party.add_argument("--json", action="store_true", help="输出 JSON（每个单位一个对象）")
    party.set_defaults(handler=run_report_party)


def run_export_hours(args: argparse.Namespace, context: CommandContext) -> int:
    db, actor = context.database(), context.admin_actor()
    volunteer_id = certificates.find_volunteer(db, actor, args.volunteer).id if args.volunteer else None
    print(service_records.export_hours(db, actor, args.file, args.date_from, args.date_to,
                                       volunteer_id=volunteer_id).summary())
    return 0


def run_report_party(args: argparse.Namespace, context: CommandContext) -> int:
    lines = service_records.party_summary(context.database(), context.actor(), args.date_from, args.date_to)
    if args.json:
        print(json.dumps([{"unit": x.unit, "members": x.members, "served": x.served, "hours": reports.format_hours(x.hours)}
                          for x in lines], ensure_ascii=False, indent=2))
        return 0
    if not lines:
        print("还没有登记在职党员。请在“志愿者”页编辑志愿者，勾选“在职党员”并填写工作单位。")
        return 0
    headers = ("单位", "在职党员", "参加服务", "服务时长（小时）")
    rows = [(x.unit, str(x.members), str(x.served), reports.format_hours(x.hours)) for x in lines]
    widths = [max(_width(r[i]) for r in (headers, *rows)) for i in range(len(headers))]
    print(f"在职党员双报到　{args.date_from} 至 {args.date_to}")
    for row in (headers, *rows):
        print("  ".join(_pad(c, w, right=i > 0) for i, (c, w) in enumerate(zip(row, widths, strict=True))))
    return 0
