"""微心愿认领榜 (the public board, A4 or A3: given names and grades only) and 微心愿圆梦记录 (one wish's 台账)."""

from __future__ import annotations

from typing import BinaryIO

from qsh_desk.printing.layout import A3, A4, MM, Column, Document, chinese_date
from qsh_desk.printing.records import photos_block, photos_height
from qsh_desk.services.wishes import STATUS_TITLES, WishBoard, WishRecord

BOARD_COLUMNS = (
    Column("序号", 6), Column("孩子", 24), Column("微心愿", 36, "left"), Column("梦", 9), Column("状态", 9),
    Column("认领", 16),
)


def build_wish_board(board: WishBoard, out: str | BinaryIO) -> int:
    """The board to post where everybody sees it; on A3 everything is drawn larger, to be read from a step away."""
    scale = 1.4 if board.a3 else 1.0
    which = STATUS_TITLES.get(board.status, "全部") if board.status else "全部"
    doc = Document("微心愿认领榜", board.station, f"{chinese_date(board.day)}　{which}", paper=A3 if board.a3 else A4)
    rows = [(e.child, e.wish, e.dream or "", e.status_title, e.claimer) for e in board.entries]
    doc.table(BOARD_COLUMNS, rows, row_height=12 * MM * scale, header_height=10 * MM * scale, size=11 * scale,
              numbered=True, blank_rows=0 if rows else 1)

    def invitation(page) -> None:  # noqa: ANN001 - a layout Page
        page.text(doc.left, doc.body_bottom + 2 * MM,
                  "认领一个微心愿，请到亲善之家前台登记，或联系站点工作人员。感谢每一位爱心人士！", 10.5 * scale)

    doc.add_to_last_page(invitation)
    return doc.write(out)


def build_wish_record(record: WishRecord, out: str | BinaryIO) -> int:
    doc = Document("微心愿圆梦记录", record.station, f"心愿编号：{record.id}", signatures=("登记人", "复核人"))
    fields = [
        ("儿童姓名", record.child_name),
        ("年级", record.grade),
        ("微心愿", record.wish),
        ("估计金额", record.value),
        ("梦想类别", record.dream),
        ("登记", record.written),
        ("状态", record.status_title),
        ("认领方", record.claimer),
        ("联系电话", record.claimer_phone),
        ("认领时间", f"{record.claimed_at:%Y-%m-%d %H:%M}" if record.claimed_at else ""),
        ("圆梦日期", chinese_date(record.fulfilled_on) if record.fulfilled_on else ""),
        ("送达方式", record.delivery),
        ("孩子的感谢", record.thanks),
        ("备注", record.note),
    ]
    if record.cancelled_reason:
        fields.append(("取消原因", record.cancelled_reason))
    photos = (record.photo,) if record.photo is not None else ()
    block = photos_block(photos, "圆梦照片") if photos else None
    doc.form(fields, min_height=9 * MM, block=block, block_height=photos_height(len(photos)))
    return doc.write(out)
