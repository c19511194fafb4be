"""活动记录表 (one programme session, with up to four photos) and 家访记录表 (one home visit)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import BinaryIO

from qsh_desk.printing.layout import MM, Document, Page, chinese_date, hm
from qsh_desk.services.registers import HomeVisitRecord
from qsh_desk.services.reports import SessionRecord

PHOTO_HEIGHT = 62 * MM


def _age(birth: dt.date | None, on: dt.date) -> str:
    if birth is None:
        return ""
    years = on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))
    return f"{years} 岁"


def photos_block(photos: tuple[Path, ...], title: str = "活动照片"):  # noqa: ANN202 - a Draw
    def draw(page: Page) -> None:
        doc, c = page.doc, page.canvas
        top = page.top  # type: ignore[attr-defined]
        page.text(doc.left, top - 5 * MM, title, 11, bold=True)
        gap = 4 * MM
        cell_w = (doc.width - gap) / 2
        for index, path in enumerate(photos):
            col, row = index % 2, index // 2
            x = doc.left + col * (cell_w + gap)
            y = top - 9 * MM - (row + 1) * PHOTO_HEIGHT - row * gap
            c.setStrokeGray(0.6)
            c.rect(x, y, cell_w, PHOTO_HEIGHT, stroke=1, fill=0)
            try:
                c.drawImage(str(path), x + 1, y + 1, cell_w - 2, PHOTO_HEIGHT - 2,
                            preserveAspectRatio=True, anchor="c")
            except Exception:  # noqa: BLE001 - a damaged photo must not stop the record from printing
                page.text(x + cell_w / 2, y + PHOTO_HEIGHT / 2, "（照片无法读取）", 10, "center")
        c.setStrokeGray(0)

    return draw


def photos_height(count: int) -> float:
    """The room `photos_block` takes for `count` photos, two to a row."""
    return 9 * MM + (count + 1) // 2 * (PHOTO_HEIGHT + 4 * MM)


def build_session_record(record: SessionRecord, out: str | BinaryIO) -> int:
    doc = Document("活动记录表", record.station, chinese_date(record.starts_at.date(), weekday=True),
                   signatures=("填表人", "单位负责人"))
    when = f"{chinese_date(record.starts_at.date())} {hm(record.starts_at)}"
    if record.ends_at:
        when += f"—{hm(record.ends_at)}"
    participants = f"共 {len(record.participants)} 人：" + "、".join(record.participants) if record.participants else "无"
    fields = [
        ("活动时间", when),
        ("梦想类别", record.dream),
        ("活动主题", record.theme),
        ("活动地点", record.place),
        ("组织者", record.organiser),
        ("参与志愿者", f"共 {len(record.volunteers)} 人：" + "、".join(record.volunteers) if record.volunteers else "无"),
        ("参与儿童", participants),
        ("活动内容及小结", record.summary),
    ]
    if record.follow_up:
        fields.append(("后续跟进", record.follow_up))
    block = photos_block(record.photos) if record.photos else None
    doc.form(fields, block=block, block_height=photos_height(len(record.photos)))
    return doc.write(out)


def build_home_visit(record: HomeVisitRecord, out: str | BinaryIO) -> int:
    doc = Document("家访记录表", record.station, "家访日期：" + chinese_date(record.visited_on),
                   signatures=("家访人", "监护人", "复核人"))
    follow = record.follow_up_actions
    if record.follow_up_due:
        follow += f"\n跟进期限：{chinese_date(record.follow_up_due)}"
    if record.follow_up_done_on:
        follow += f"\n已于 {chinese_date(record.follow_up_done_on)} 完成"
    fields = [
        ("儿童姓名", record.child_name),
        ("性别 / 年龄", " / ".join(x for x in (record.gender, _age(record.birth_date, record.visited_on)) if x)),
        ("学校 / 年级", record.school_grade),
        ("家庭住址", record.address),
        ("监护人", record.guardian),
        ("家访日期", chinese_date(record.visited_on, weekday=True)),
        ("家访人员", record.visitors),
        ("接待人", record.met_whom),
        ("家庭及儿童情况", record.findings),
        ("困难与需求", record.needs),
        ("跟进措施", follow.strip()),
    ]
    doc.form(fields, min_height=11 * MM)
    return doc.write(out)
