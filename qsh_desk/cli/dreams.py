"""十个梦 on the command line: `report dreams` (per-dream figures of a period) and `export sessions` (Excel)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import unicodedata
from typing import TYPE_CHECKING

from qsh_desk import clock
from qsh_desk.services.errors import InvalidInput, Problem

if TYPE_CHECKING:  # the services are imported by the commands that run them, not by the parser
    from qsh_desk.cli.context import CommandContext
    from qsh_desk.services import stats
    from qsh_desk.services.stats import DreamFigures


def topic(subparsers: argparse._SubParsersAction, name: str, help_text: str) -> argparse._SubParsersAction:
    """The sub-commands of a shared verb (`report`, `export`): reused when another module made it first."""
    parser = subparsers.choices.get(name)
    if parser is None:
        parser = subparsers.add_parser(name, help=help_text, description=help_text)
        parser.add_subparsers(dest=f"{name}_kind", metavar="KIND", required=True, parser_class=type(parser))
    for action in parser._actions:  # argparse keeps a parser's sub-commands only as an action
        if isinstance(action, argparse._SubParsersAction):
            return action
    raise RuntimeError(f"the {name!r} command has no sub-commands")


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期“{text}”看不懂：请写成 2026-11-29 这样的格式") from None


def _period_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--from", dest="date_from", type=_date, metavar="YYYY-MM-DD", help="开始日期（默认：今年 1 月 1 日）")
    parser.add_argument("--to", dest="date_to", type=_date, metavar="YYYY-MM-DD", help="结束日期（含当天；默认：今天）")


def register(subparsers: argparse._SubParsersAction) -> None:
    reports = topic(subparsers, "report", "统计报表")
    report = reports.add_parser("dreams", help="十个梦统计：各梦的活动次数、参与人次、儿童人数、志愿服务时长",
                                description="十个梦统计：各梦的活动次数、参与人次、儿童人数、志愿服务时长（活动时长 × 参与志愿者人数）")
    _period_arguments(report)
    report.add_argument("--json", action="store_true", help="输出 JSON（每个梦一个对象）")
    report.set_defaults(handler=run_report_dreams)

    exports = topic(subparsers, "export", "导出数据")
    export = exports.add_parser("sessions", help="把一段时间的活动记录导出为 Excel 文件", description="把一段时间的活动记录导出为 Excel 文件")
    export.add_argument("file", metavar="FILE.xlsx")
    _period_arguments(export)
    export.set_defaults(handler=run_export_sessions)


def _period(args: argparse.Namespace) -> stats.Period:
    from qsh_desk.services import stats

    today = clock.today()
    start = args.date_from or today.replace(month=1, day=1)
    end = args.date_to or today
    if end < start:
        raise InvalidInput(Problem("结束日期早于开始日期：请检查 --from 和 --to。", field="日期"))
    return stats.custom_period(start, end)


def _width(text: str) -> int:
    """Columns a string takes in a terminal (Chinese characters take two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int, *, right: bool = False) -> str:
    gap = " " * max(0, width - _width(text))
    return gap + text if right else text + gap


def _table(figures: list[DreamFigures]) -> list[str]:
    headers = ("梦", "活动次数", "参与人次", "儿童人数", "志愿服务时长")
    rows = [(f.dream, f"{f.sessions:,}", f"{f.participations:,}", f"{f.children:,}", f"{f.volunteer_hours:,.1f}")
            for f in figures]
    widths = [max(_width(r[i]) for r in (headers, *rows)) for i in range(len(headers))]
    lines = ["  ".join(_pad(h, w, right=i > 0) for i, (h, w) in enumerate(zip(headers, widths, strict=True)))]
    lines += ["  ".join(_pad(c, w, right=i > 0) for i, (c, w) in enumerate(zip(r, widths, strict=True))) for r in rows]
    return lines


def run_report_dreams(args: argparse.Namespace, context: CommandContext) -> int:
    from qsh_desk.services import stats

    report = stats.dream_report(context.database(), context.actor(), _period(args))
    if args.json:
        print(json.dumps([f.as_json() for f in report.dreams], ensure_ascii=False, indent=2))
        return 0
    print(f"十个梦统计　{report.period.label}")
    for line in _table([*report.dreams, report.total]):
        print(line)
    print("志愿服务时长 = 活动时长 × 参与的志愿者人数（组织者与协助者）；“合计”的儿童人数不重复计算。")
    return 0


def run_export_sessions(args: argparse.Namespace, context: CommandContext) -> int:
    from qsh_desk.services import sessions

    period = _period(args)
    count = sessions.export_sessions(context.database(), context.admin_actor(), args.file,
                                     date_from=period.start, date_to=period.end)
    print(f"已导出 {count:,} 条活动记录（{period.label}）：{args.file}")
    return 0
