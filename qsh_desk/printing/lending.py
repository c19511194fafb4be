"""器材台账 (the inventory with condition and source), 借阅登记表 of a month, item labels, and 逾期提醒 slips."""

from __future__ import annotations

from typing import BinaryIO

from qsh_desk.printing.cards import build_cards
from qsh_desk.printing.layout import MM, Column, Document, Page, chinese_date
from qsh_desk.services.lending import SOURCE_TITLES, ItemsRegister, LoanSheet, OverdueSlips
from qsh_desk.services.reports import CardSet

ITEM_COLUMNS = (
    Column("序号", 5), Column("名称", 24, "left"), Column("类别", 7), Column("数量", 6), Column("借出", 6),
    Column("状况", 14), Column("存放", 12), Column("可带走", 7), Column("来源", 16, "left"),
)
LOAN_COLUMNS = (
    Column("序号", 5), Column("借出日期", 12), Column("物品", 24, "left"), Column("编码", 13), Column("借阅儿童", 11),
    Column("应还日期", 12), Column("归还日期", 12), Column("备注", 11),
)
SLIPS_PER_PAGE = 4


def build_items_register(register: ItemsRegister, out: str | BinaryIO) -> int:
    doc = Document("器材台账", register.station, chinese_date(register.day), signatures=("管理人", "复核人"))
    rows = []
    for item in register.items:
        source = SOURCE_TITLES[item.source] + (f"：{item.donor}" if item.donor else "")
        conditions = "、".join(f"{title} {n}" for title, n in item.conditions.items())
        rows.append((item.name, item.kind, str(item.copies), str(item.out), conditions, item.location or "",
                     "是" if item.may_leave else "否", source))
    doc.table(ITEM_COLUMNS, rows, row_height=8 * MM, header_height=9 * MM, size=9.5, numbered=True,
              blank_rows=0 if rows else 1)
    return doc.write(out)


def build_loan_sheet(sheet: LoanSheet, out: str | BinaryIO) -> int:
    doc = Document("借阅登记表", sheet.station, f"{sheet.year}年{sheet.month}月", signatures=("登记人", "复核人"))
    rows = [(f"{r.since:%m-%d}", r.item, r.code, r.child, f"{r.due:%m-%d}",
             f"{r.returned_at:%m-%d}" if r.returned_at else "", f"逾期 {r.overdue_days} 天" if r.overdue else "")
            for r in sheet.loans]
    doc.table(LOAN_COLUMNS, rows, row_height=8 * MM, header_height=9 * MM, size=9.5, numbered=True, blank_rows=3)
    return doc.write(out)


def build_item_labels(labels: CardSet, out: str | BinaryIO) -> int:
    """The A4 label sheet: ten labels with cut marks, each with the copy's code as a QR code (the cards' layout)."""
    return build_cards(labels, out)


def build_overdue_slips(slips: OverdueSlips, out: str | BinaryIO) -> int:
    """逾期提醒: one slip per child, four to an A4 page, to cut apart and hand to the child or the guardian."""
    doc = Document("逾期提醒", slips.station, chinese_date(slips.day), header=False)
    height = (doc.pagesize[1] - 2 * 14 * MM) / SLIPS_PER_PAGE

    def page_of(chunk) -> object:  # noqa: ANN001 - slips of one page → a Draw
        def draw(page: Page) -> None:
            c = page.canvas
            for index, slip in enumerate(chunk):
                top = doc.pagesize[1] - 14 * MM - index * height
                c.setDash(3, 3)
                c.setStrokeGray(0.6)
                c.line(doc.left, top - height, doc.right, top - height)
                c.setDash()
                page.text(doc.pagesize[0] / 2, top - 10 * MM, "逾期提醒", 15, "center", bold=True)
                page.text(doc.left, top - 20 * MM, f"{slip.child} 同学和家长：", 11)
                y = top - 28 * MM
                for line in slip.lines[:5]:
                    page.text(doc.left + 6 * MM, y, line, 10.5)
                    y -= 6 * MM
                page.text(doc.left, y - 2 * MM, "请尽快还回亲善之家前台。谢谢！", 10.5)
                page.text(doc.right, top - height + 6 * MM, f"{slips.station}　{chinese_date(slips.day)}", 9, "right")
            c.setStrokeGray(0)

        return draw

    for start in range(0, len(slips.slips), SLIPS_PER_PAGE):
        doc.add_page(page_of(slips.slips[start:start + SLIPS_PER_PAGE]))
    return doc.write(out)
