"""在职党员进社区服务情况反馈表: one work unit's in-service party members and their service, for its party organisation."""

from __future__ import annotations

from typing import BinaryIO

from qsh_desk.printing.layout import MM, Column, Document, chinese_date
from qsh_desk.services.reports import format_hours
from qsh_desk.services.service_records import PartyReport

COLUMNS = (Column("序号", 0.6), Column("姓名", 1.2), Column("政治面貌", 1.2), Column("认领岗位", 2.0, "left"),
           Column("值班次数", 0.9), Column("参与活动", 0.9), Column("服务时长（小时）", 1.2), Column("社区评价", 2.4))


def build_party_report(report: PartyReport, out: str | BinaryIO) -> int:
    period = f"{chinese_date(report.period_from)} 至 {chinese_date(report.period_to)}"
    doc = Document("在职党员进社区服务情况反馈表", report.station, f"报到单位：{report.unit}　服务期间：{period}",
                   landscape=True, signatures=("社区党组织（签章）", "经办人", "反馈日期"))
    rows = [(m.name, m.political_status, "、".join(m.posts) or "—", str(m.shifts), str(m.sessions),
             format_hours(m.hours), "") for m in report.members]
    # A footer row is not numbered: it spans the 序号 column too.
    footer = [("合计", "", "", "", str(sum(m.shifts for m in report.members)),
               str(sum(m.sessions for m in report.members)), format_hours(report.hours),
               "单位党组织：" + (report.party_org or "＿＿＿＿"))]
    doc.table(COLUMNS, rows, row_height=9 * MM, header_height=10 * MM, size=10.5, numbered=True,
              footer_rows=footer)
    return doc.write(out)
