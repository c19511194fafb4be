"""月度活动计划表 and 值班表: a month's planned sessions by date and dream, and its duty posts with their holders."""

from __future__ import annotations

from typing import BinaryIO

from qsh_desk.printing.layout import MM, WEEKDAYS, Column, Document
from qsh_desk.services.duty import DutyMonth
from qsh_desk.services.plans import PlanMonth

PLAN_COLUMNS = (
    Column("序号", 5), Column("日期", 16), Column("时间", 15), Column("梦", 10), Column("主题", 27, "left"),
    Column("组织者", 10), Column("地点", 11), Column("材料", 14, "left"), Column("情况", 9),
)
DUTY_COLUMNS = (
    Column("日期", 16), Column("岗位", 12), Column("时间", 15), Column("需", 5), Column("值班志愿者", 40, "left"),
    Column("缺", 5), Column("签到确认", 13),
)


def _day(day) -> str:  # noqa: ANN001 - a date
    return f"{day.month}月{day.day}日 周{WEEKDAYS[day.weekday()]}"


def build_plan_month(month: PlanMonth, out: str | BinaryIO) -> int:
    doc = Document("月度活动计划表", month.station, f"{month.year}年{month.month}月",
                   signatures=("填表人", "复核人", "单位负责人"))
    rows = [
        (_day(p.day), f"{p.starts_at:%H:%M}" + (f"–{p.ends_at:%H:%M}" if p.ends_at else ""), p.dream_name, p.theme,
         p.organiser, p.place or "", p.materials or "", p.status)
        for p in month.plans
    ]
    doc.table(PLAN_COLUMNS, rows, row_height=9 * MM, header_height=9 * MM, size=9.5, numbered=True, blank_rows=3)
    return doc.write(out)


def build_duty_month(month: DutyMonth, out: str | BinaryIO) -> int:
    doc = Document("值班表", month.station, f"{month.year}年{month.month}月", signatures=("排班人", "复核人"))
    rows = []
    for day in month.days:
        for index, post in enumerate(day.posts):
            names = "、".join(h.name for h in post.holders)
            rows.append((_day(day.day) if index == 0 else "", post.post.name, post.post.hours_label,
                         str(post.post.capacity), names, str(post.gap) if post.gap else "", ""))
    doc.table(DUTY_COLUMNS, rows, row_height=8 * MM, header_height=9 * MM, size=9.5)
    return doc.write(out)
