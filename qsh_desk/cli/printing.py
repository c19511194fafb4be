"""`qsh-desk print KIND … --out FILE.pdf`: the 台账 as PDF files, the same documents as the 打印 page."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from qsh_desk import clock
from qsh_desk.cli.context import CommandContext
from qsh_desk.printing.jobs import build_pdf, job_for
from qsh_desk.services.errors import InvalidInput


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期要写成 年-月-日，例如 2026-03-14（填写的是“{text}”）") from None


def _run(args: argparse.Namespace, context: CommandContext) -> int:
    out = Path(args.out)
    if out.suffix.lower() != ".pdf":
        raise InvalidInput(f"--out 要是一个 .pdf 文件（填写的是“{args.out}”）。")
    if not out.parent.exists():
        raise InvalidInput(f"文件夹“{out.parent}”不存在，请先建好它或换一个位置。")
    options = {key: value for key, value in vars(args).items() if key not in ("handler", "db", "command", "kind")}
    job = job_for(args.kind, options)
    pdf, pages = build_pdf(job, context.database(), context.actor())
    out.write_bytes(pdf)
    print(f"{job.title}：{pages} 页，已保存到 {out}")
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("print", help="把签到表、考勤表、活动记录、花名册、证明或卡片打印成 PDF",
                                   description="生成 PDF，可以直接打印或存档。")
    kinds = parser.add_subparsers(dest="kind", metavar="KIND", required=True, parser_class=type(parser))

    def kind(name: str, help_text: str) -> argparse.ArgumentParser:
        sub = kinds.add_parser(name, help=help_text, description=help_text)
        sub.set_defaults(handler=_run)
        return sub

    def out(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("--out", required=True, metavar="FILE.pdf", help="保存到这个 PDF 文件")

    today = clock.today()
    p = kind("signin-sheet", "儿童每日签到表（不含电话和身份证号）")
    p.add_argument("--date", type=_date, default=today, metavar="YYYY-MM-DD", help="哪一天（默认今天）")
    p.add_argument("--even-if-closed", action="store_true", help="日历上这天不开放时也打印")
    out(p)
    p = kind("volunteer-sheet", "志愿者签到表")
    p.add_argument("--date", type=_date, default=today, metavar="YYYY-MM-DD", help="哪一天（默认今天）")
    out(p)
    p = kind("attendance", "月度考勤表")
    p.add_argument("--month", default=f"{today:%Y-%m}", metavar="YYYY-MM", help="哪个月（默认本月）")
    out(p)
    p = kind("session", "一次活动的活动记录表")
    p.add_argument("id", type=int, metavar="ID", help="活动编号")
    out(p)
    p = kind("roster", "留守儿童花名册（社工和管理员；会记入操作日志）")
    out(p)
    p = kind("home-visit", "一次家访的家访记录表（社工和管理员；会记入操作日志）")
    p.add_argument("id", type=int, metavar="ID", help="家访编号")
    out(p)
    p = kind("certificate", "志愿服务时长证明（同一志愿者同一时段补打时编号不变）")
    p.add_argument("volunteer", metavar="VOLUNTEER", help="志愿者姓名、卡号或编号")
    p.add_argument("--from", dest="date_from", type=_date, required=True, metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="date_to", type=_date, required=True, metavar="YYYY-MM-DD")
    out(p)
    p = kind("cards", "儿童卡（或 --pickup 接送卡），每张 A4 十张，带裁切线")
    p.add_argument("--pickup", action="store_true", help="打印监护人接送卡")
    out(p)
    for name, title in (("plan", "月度活动计划表"), ("duty", "值班表（每个开放日的岗位和值班志愿者）")):
        p = kind(name, title)
        p.add_argument("--month", default=f"{today:%Y-%m}", metavar="YYYY-MM", help="哪个月（默认本月）")
        out(p)
