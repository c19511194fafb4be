"""父母档案 on the command line: `export archive` (the whole archive as Excel, administrators, audited)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from qsh_desk.cli.dreams import topic

if TYPE_CHECKING:
    from qsh_desk.cli.context import CommandContext


def register(subparsers: argparse._SubParsersAction) -> None:
    exports = topic(subparsers, "export", "导出数据")
    export = exports.add_parser("archive", help="把父母档案导出为 Excel 文件（记入操作日志）",
                                description="把本站的父母档案（儿童与监护、父母、亲子联系、家访）导出为 Excel 文件；"
                                            "电话和身份证号默认打码，--full 时完整导出。导出会记入操作日志。")
    export.add_argument("file", metavar="FILE.xlsx")
    export.add_argument("--full", action="store_true", help="电话和身份证号完整导出（请妥善保管文件）")
    export.set_defaults(handler=run_export_archive)


def run_export_archive(args: argparse.Namespace, context: CommandContext) -> int:
    from qsh_desk.services import archive

    summary = archive.export_xlsx(context.database(), context.admin_actor(), args.file, full_details=args.full)
    print(f"已导出父母档案：{summary.path}（儿童 {summary.children:,}，父母 {summary.parents:,}，"
          f"亲子联系 {summary.contacts:,}，家访 {summary.home_visits:,}）")
    return 0
