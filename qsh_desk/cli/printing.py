"""`qsh-desk print KIND … --out FILE.pdf`: the 台账 as PDF files, the same documents as the 打印 page."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from qsh_desk import clock, private
from qsh_desk.cli import letters
from qsh_desk.printing.jobs import DOCUMENTS, PARAMETERS, Parameter, build_pdf, job_for
from qsh_desk.services.access import Permission
from qsh_desk.services.errors import InvalidInput, Refused

if TYPE_CHECKING:
    from qsh_desk.cli.context import CommandContext


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
    options = {key: value for key, value in vars(args).items() if key not in ("handler", "db", "command", "kind", "admin", "admin_password_stdin")}
    job = job_for(args.kind, options)
    try:
        restricted = DOCUMENTS[args.kind].permission in (Permission.PRINT_RESTRICTED, Permission.ARCHIVE)
        actor = context.admin_actor() if restricted else context.actor()
        pdf, pages = build_pdf(job, context.database(), actor)
    except Refused as refused:
        if refused.overridden_by is None:
            raise
        flag = "--" + refused.overridden_by.replace("_", "-")
        raise Refused(f"{refused.message}确实需要时请加 {flag} 再运行一次。") from None
    private.write_bytes(out, pdf)
    print(f"{job.title}：{pages} 页，已保存到 {out}")
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("print", help="把签到表、考勤表、活动记录、花名册、证明或卡片打印成 PDF",
                                   description="生成 PDF，可以直接打印或存档。")
    kinds = parser.add_subparsers(dest="kind", metavar="KIND", required=True, parser_class=type(parser))
    today = clock.today()
    for document in DOCUMENTS.values():  # the registry of documents: the same as the 打印 page
        sub = kinds.add_parser(document.kind, help=document.help, description=document.help)
        sub.set_defaults(handler=_run)
        for name in document.parameters:
            _add_parameter(sub, PARAMETERS[name], today)
        sub.add_argument("--out", required=True, metavar="FILE.pdf", help="保存到这个 PDF 文件")
        letters.extend_print(document.kind, sub)


def _add_parameter(sub: argparse.ArgumentParser, parameter: Parameter, today: dt.date) -> None:
    """How the command line asks for each kind of parameter."""
    if parameter.kind == "date":
        sub.add_argument("--date", type=_date, default=today, metavar="YYYY-MM-DD", help=parameter.help)
    elif parameter.kind == "month":
        sub.add_argument("--month", default=f"{today:%Y-%m}", metavar="YYYY-MM", help=parameter.help)
    elif parameter.kind == "id":
        sub.add_argument(parameter.name, type=int, metavar="ID", help=parameter.help)
    elif parameter.kind == "text":
        sub.add_argument(parameter.name, metavar=parameter.name.upper(), help=parameter.help)
    elif parameter.kind in ("from", "to"):
        sub.add_argument(f"--{parameter.kind}", dest=parameter.name, type=_date, required=True, metavar="YYYY-MM-DD",
                         help=parameter.help)
    elif parameter.kind == "wish_status":
        sub.add_argument("--status", choices=("open", "claimed", "fulfilled", "all"), default="open",
                         help=parameter.help)
    elif parameter.kind == "option":
        sub.add_argument(f"--{parameter.name}", dest=parameter.name, required=True, metavar=parameter.name.upper(),
                         help=parameter.help)
    elif parameter.kind == "flag":
        sub.add_argument(f"--{parameter.name.replace('_', '-')}", dest=parameter.name, action="store_true",
                         help=parameter.help)
