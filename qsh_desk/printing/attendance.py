"""月度考勤表: a landscape grid of children × the month's opening days, ✓ where a child came, with totals."""

from __future__ import annotations

from typing import BinaryIO

from qsh_desk.printing.layout import MM, WEEKDAYS, Column, Document
from qsh_desk.services.reports import AttendanceMonth

MARK = "✓"


def build_attendance(month: AttendanceMonth, out: str | BinaryIO) -> int:
    doc = Document("月度考勤表", month.station, f"{month.year}年{month.month}月", landscape=True,
                   signatures=("填表人", "复核人", "单位负责人"))
    columns = [Column("序号", 5), Column("姓名", 12, "left"), Column("年级", 8)]
    columns += [Column(f"{d.day}日 周{WEEKDAYS[d.weekday()]}", 5.5) for d in month.days]
    columns.append(Column("合计", 6))
    rows = [
        (r.name, r.grade, *(MARK if d in r.present else "" for d in month.days), str(len(r.present)))
        for r in month.rows
    ]
    totals = ("", "每日合计", "", *(str(month.total_for_day(d)) for d in month.days), str(month.total))
    doc.table(columns, rows, row_height=6.5 * MM, header_height=10 * MM, size=9, numbered=True,
              footer_rows=[totals])
    return doc.write(out)
