"""儿童每日签到表 and 志愿者签到表: the day's list, blank rows for walk-ins, times filled in after the fact."""

from __future__ import annotations

from typing import BinaryIO

from qsh_desk.printing.layout import MM, Column, Document, chinese_date, hm
from qsh_desk.services.reports import SigninSheet, VolunteerSheet

MIN_BLANK_ROWS = 5
SIGNIN_COLUMNS = (
    Column("序号", 6), Column("姓名", 14), Column("年级", 10), Column("签到时间", 11), Column("签退时间", 11),
    Column("接送人", 14), Column("关系", 9), Column("接送人签名", 20),
)
VOLUNTEER_COLUMNS = (
    Column("序号", 6), Column("姓名", 14), Column("服务队", 26), Column("签到", 10), Column("签退", 10),
    Column("时长（时）", 11), Column("签名", 18),
)


def signin_document(sheet: SigninSheet) -> Document:
    # Deliberately no phone or ID numbers: the sheet lies open on the desk for anyone to read.
    doc = Document("儿童每日签到表", sheet.station, chinese_date(sheet.day, weekday=True), signatures=("填表人", "复核人"))
    rows = [(r.name, r.grade, hm(r.checked_in), hm(r.checked_out), r.collector, r.relation, "") for r in sheet.rows]
    doc.table(SIGNIN_COLUMNS, rows, row_height=8 * MM, header_height=9 * MM, size=10.5, numbered=True,
              blank_rows=MIN_BLANK_ROWS, fill_last_page=True)
    if sheet.load is not None:
        line = sheet.load.footer()  # 峰值在站 N 人, above the page number of the last page
        doc.add_to_last_page(lambda page: page.text(doc.left, doc.footer_y + 4.5 * MM, line, 9))
    return doc


def build_signin_sheet(sheet: SigninSheet, out: str | BinaryIO) -> int:
    return signin_document(sheet).write(out)


def build_volunteer_sheet(sheet: VolunteerSheet, out: str | BinaryIO) -> int:
    doc = Document("志愿者签到表", sheet.station, chinese_date(sheet.day, weekday=True), signatures=("填表人", "复核人"))
    rows = [(r.name, r.team, hm(r.started), hm(r.ended), r.hours, "") for r in sheet.rows]
    doc.table(VOLUNTEER_COLUMNS, rows, row_height=8 * MM, header_height=9 * MM, size=10.5, numbered=True,
              blank_rows=MIN_BLANK_ROWS, fill_last_page=True)
    return doc.write(out)
