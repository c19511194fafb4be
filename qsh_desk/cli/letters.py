"""给爸爸妈妈的信 on the command line: the PNG beside a letter's PDF, the month's batch into a folder, `letter sent`."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from qsh_desk.cli.context import CommandContext
from qsh_desk.services.errors import InvalidInput


def extend_print(kind: str, sub: argparse.ArgumentParser) -> None:
    """`print letter` also takes --png; `print letters` writes into a folder."""
    if kind == "letter":
        sub.add_argument("--png", metavar="FILE.png", help="另存一张发微信用的图片（约 1080 像素宽）")
        sub.set_defaults(handler=run_letter)
    elif kind == "letters":
        for action in sub._actions:
            if action.dest == "out":
                action.metavar, action.help = "DIR", "保存到这个文件夹：一个 PDF（全部），每个儿童一张 PNG"
        sub.set_defaults(handler=run_letters)


def _folder_of(path: Path) -> None:
    if not path.parent.exists():
        raise InvalidInput(f"文件夹“{path.parent}”不存在，请先建好它或换一个位置。")


def run_letter(args: argparse.Namespace, context: CommandContext) -> int:
    from qsh_desk.printing.letter import build_letter_png, build_letters
    from qsh_desk.services import letters

    out = Path(args.out)
    if out.suffix.lower() != ".pdf":
        raise InvalidInput(f"--out 要是一个 .pdf 文件（填写的是“{args.out}”）。")
    png = Path(args.png) if args.png else None
    if png is not None and png.suffix.lower() != ".png":
        raise InvalidInput(f"--png 要是一个 .png 文件（填写的是“{args.png}”）。")
    for path in (out, png):
        if path is not None:
            _folder_of(path)
    data = letters.letter(context.database(), context.admin_actor(), args.child, args.month)
    build_letters(data, out)
    print(f"给爸爸妈妈的信（{data.child_name}，{data.year}年{data.month}月）：已保存到 {out}")
    if png is not None:
        width, height = build_letter_png(data, png)
        print(f"图片 {width}×{height}：已保存到 {png}")
    return 0


def run_letters(args: argparse.Namespace, context: CommandContext) -> int:
    from qsh_desk.printing.letter import build_letter_png, build_letters, png_name
    from qsh_desk.services import letters

    folder = Path(args.out)
    if folder.suffix.lower() == ".pdf" or (folder.exists() and not folder.is_dir()):
        raise InvalidInput(f"--out 要是一个文件夹（填写的是“{args.out}”）：PDF 和每个儿童的图片都存在里面。")
    _folder_of(folder)
    folder.mkdir(exist_ok=True)
    started = time.monotonic()

    def progress(done: int, total: int) -> None:
        print(f"\r读取 {done}/{total}", end="", file=sys.stderr, flush=True)

    batch = letters.letters(context.database(), context.admin_actor(), args.month, everyone=args.all, progress=progress)
    print(file=sys.stderr)
    pdf = folder / f"给爸爸妈妈的信-{batch.year:04d}-{batch.month:02d}.pdf"
    build_letters(batch, pdf)
    used: set[str] = set()
    for index, data in enumerate(batch.letters, start=1):
        name = png_name(data)
        if name in used:  # two children of the same name: the card number of the second tells them apart
            name = name.replace(".png", f"-{data.child_id}.png")
        used.add(name)
        build_letter_png(data, folder / name)
        print(f"\r图片 {index}/{len(batch.letters)}", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    print(f"给爸爸妈妈的信 {batch.year}年{batch.month}月：{len(batch.letters)} 封，PDF {pdf.name} 和 "
          f"{len(batch.letters)} 张图片已保存到 {folder}（用时 {time.monotonic() - started:.1f} 秒）")
    if batch.without_parents:
        print(f"没有父母档案、没有生成信的儿童（{len(batch.without_parents)} 个）：" + "、".join(batch.without_parents))
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("letter", help="给爸爸妈妈的信：记下已寄出", description="给爸爸妈妈的信")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True, parser_class=type(parser))
    sent = actions.add_parser("sent", help="记下这个月的信已发给家长（记入父母档案的亲子联系）",
                              description="记下这个月的信已通过微信或书信发给家长；它成为父母档案中的一次亲子联系。")
    sent.add_argument("child", metavar="CHILD", help="儿童姓名或卡号")
    sent.add_argument("--month", required=True, metavar="YYYY-MM", help="哪个月的信")
    sent.add_argument("--via", required=True, choices=("wechat", "letter"), help="wechat（微信）或 letter（书信）")
    sent.add_argument("--parent", metavar="RELATION", help="发给谁：父亲 / 母亲（默认：爸爸妈妈）")
    sent.set_defaults(handler=run_sent)


def run_sent(args: argparse.Namespace, context: CommandContext) -> int:
    from qsh_desk.services import letters

    done = letters.mark_sent(context.database(), context.admin_actor(), args.child, args.month, args.via, args.parent)
    print(f"已记下：{done.at:%Y-%m-%d %H:%M} 通过{done.channel}把{done.child_name}的信发给了{done.parent}。")
    return 0
