"""Commands for the rosters: `import children|volunteers FILE [--dry-run]` and `export children|volunteers FILE.xlsx`."""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from qsh_desk.cli.dreams import topic  # the shared `export` verb (export sessions, export children, …)
from qsh_desk.services.errors import InvalidInput
from qsh_desk.services.import_files import KINDS

if TYPE_CHECKING:  # the importer (openpyxl, the models) is loaded by the commands that use it
    from qsh_desk.cli.context import CommandContext
    from qsh_desk.services import importing


def register(subparsers: argparse._SubParsersAction) -> None:
    imports = topic(subparsers, "import", "导入名单")
    exports = topic(subparsers, "export", "导出数据")
    for kind, title in KINDS.items():
        importer = imports.add_parser(kind, help=f"从 .xlsx、.xls、.ods 或 .csv（UTF-8 或 GBK）导入{title}名单；有错误时不写入任何内容")
        importer.add_argument("file", metavar="FILE", help=".xlsx、.xls、.ods 或 .csv")
        importer.add_argument("--dry-run", action="store_true", help="只检查并列出问题，不写入")
        importer.add_argument("--valid-rows-only", action="store_true", help="只导入没有问题的行，并列出未导入的行")
        importer.add_argument("--template", action="store_true",
                              help="不导入：把空的导入模板（表头和一行示例）保存到 FILE（.xlsx）")
        importer.set_defaults(handler=run_import, kind=kind)

        exporter = exports.add_parser(kind, help=f"把{title}名单导出为 .xlsx")
        exporter.add_argument("file", metavar="FILE.xlsx")
        exporter.set_defaults(handler=run_export, kind=kind)


def _warn(message: str) -> None:
    print(message, file=sys.stderr)


def _report(preview: importing.ImportPreview) -> None:
    """What the user should know beyond the errors: unknown columns, people already there, new teams."""
    if preview.unknown_columns:
        _warn("未识别的列（不会导入）：" + "、".join(preview.unknown_columns))
    for duplicate in preview.duplicates:
        _warn(f"第 {duplicate.row} 行“{duplicate.name}”已在名单中，不会重复添加：{duplicate.existing}")
    if preview.new_teams:
        _warn("将新建队伍：" + "、".join(preview.new_teams))


def _checked(context: CommandContext, args: argparse.Namespace, table: importing.Table) -> importing.ImportPreview:
    """The file checked against the context's database; refused (InvalidInput) when it may not be imported."""
    from qsh_desk.services import importing

    preview = importing.preview_import(context.database(), context.actor(), args.kind, args.file, table=table)
    _report(preview)
    if preview.problems and not (args.valid_rows_only and not args.dry_run):
        _warn(f"{preview.summary()}文件有 {len(preview.problems)} 处问题，没有导入任何内容。请改正后再导入：")
        raise InvalidInput(preview.listed_problems)
    return preview


def run_import(args: argparse.Namespace, context: CommandContext) -> int:
    from qsh_desk.services import importing

    if args.template:
        print(f"已保存导入模板：{importing.write_template(args.kind, args.file)}")
        return 0
    # Read once, for the check and the import; a bad file is refused before the database opens.
    table = importing.read_file(args.kind, args.file)
    if context.exists():
        preview = _checked(context, args, table)
    else:
        # No database yet: check the file against an empty one that is thrown away, so that a dry run or a refused
        # file creates nothing; the real database is made only for an import that goes ahead.
        from qsh_desk.cli.context import CommandContext

        with tempfile.TemporaryDirectory(prefix="qsh-desk-check-") as folder:
            scratch = CommandContext(str(Path(folder) / "check.sqlite3"))
            try:
                preview = _checked(scratch, args, table)
            finally:
                scratch.close()
    if args.dry_run:
        print(preview.summary() + "（仅检查，未写入）")
        return 0
    db, actor = context.database(), context.actor()
    result = importing.run_import(db, actor, args.kind, args.file, valid_rows_only=args.valid_rows_only,
                                  table=table)
    for problem in importing.listed(result.skipped_problems):
        _warn(str(problem))
    print(result.summary())
    return 0


def run_export(args: argparse.Namespace, context: CommandContext) -> int:
    from qsh_desk.services import exporting

    db, actor = context.database(), context.admin_actor()
    export = exporting.export_children if args.kind == "children" else exporting.export_volunteers
    print(export(db, actor, args.file).summary())
    return 0


