"""The anchor of the printing benchmarks: a 200-child sign-in table drawn straight onto a ReportLab canvas.

It imports ReportLab only (no QSH Desk module), so `python -m tests.benchmarks.bare_sheet FONT SUBFONT OUT` is
the bare process the whole `qsh-desk print signin-sheet` process is compared with.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from typing import NamedTuple

CHILDREN = 200
DAY = dt.date(2026, 3, 14)
SURNAMES = "王李张刘陈杨黄赵吴周胡徐孙万熊马朱郭何高林罗邓彭曾涂邹肖余喻"
GIVEN = "浩宇轩子俊杰博文睿泽明辰阳晨一鑫磊凯梓航欣怡雨涵思梦佳琪诗语萱婷悦可馨"
GRADES = ("一年级", "二年级", "三年级", "四年级", "五年级", "六年级", "初一", "初二")
STATION = "高新社区亲善之家"


class Row(NamedTuple):
    name: str
    grade: str
    checked_in: dt.datetime | None
    checked_out: dt.datetime | None
    collector: str
    relation: str


def sample_rows(rng: random.Random, count: int = CHILDREN) -> list[Row]:
    rows = []
    for _ in range(count):
        came = rng.random() < 0.4
        at = dt.datetime.combine(DAY, dt.time(8, rng.randrange(60)))
        rows.append(Row(
            name=rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2)))),
            grade=rng.choice(GRADES),
            checked_in=at if came else None,
            checked_out=at + dt.timedelta(hours=7) if came else None,
            collector=(rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN)) if came else "",
            relation=rng.choice(("祖父", "祖母", "外祖母")) if came else "",
        ))
    return rows


def bare_reportlab(rows: list[Row], out, font: str, station: str = STATION) -> int:  # noqa: ANN001 - a file
    """The same table drawn straight onto a ReportLab canvas: no layout code, no font fallback."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen.canvas import Canvas

    titles = ("序号", "姓名", "年级", "签到时间", "签退时间", "接送人", "关系", "接送人签名")
    shares = (6, 14, 10, 11, 11, 14, 7 + 2, 20)
    left, width, row_h, per_page = 14 * mm, A4[0] - 28 * mm, 8 * mm, 28
    widths = [s / sum(shares) * width for s in shares]
    xs = [left]
    for w in widths:
        xs.append(xs[-1] + w)
    cells = [(str(i + 1), r.name, r.grade, r.checked_in.strftime("%H:%M") if r.checked_in else "",
              r.checked_out.strftime("%H:%M") if r.checked_out else "", r.collector, r.relation, "")
             for i, r in enumerate(rows)]
    cells += [(str(len(cells) + i + 1), "", "", "", "", "", "", "") for i in range(-len(cells) % per_page or 5)]
    pages = [cells[i:i + per_page] for i in range(0, len(cells), per_page)]
    c = Canvas(out, pagesize=A4, pageCompression=1)
    for number, chunk in enumerate(pages, start=1):
        top = A4[1] - 38 * mm
        c.setFont(font, 18)
        c.drawCentredString(A4[0] / 2, A4[1] - 23 * mm, "儿童每日签到表")
        c.setFont(font, 10.5)
        c.drawString(left, A4[1] - 32 * mm, "站点：" + station)
        c.drawRightString(left + width, A4[1] - 32 * mm, "2026年3月14日 星期六")
        for row_index, row in enumerate([titles, *chunk]):
            y = top - row_index * row_h - 5.5 * mm
            for text, x, w in zip(row, xs, widths):
                if text:
                    c.drawString(x + (w - stringWidth(text, font, 10.5)) / 2, y, text)
        c.grid(xs, [top - i * row_h for i in range(len(chunk) + 2)])
        c.setFont(font, 9)
        c.drawCentredString(A4[0] / 2, 16 * mm, f"第 {number} 页 / 共 {len(pages)} 页")
        c.showPage()
    c.save()
    return len(pages)


def main(font_path: str, subfont: str, out: str) -> None:
    """The bare process: register one TrueType font, draw the table, write the file."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont("Bare", font_path, subfontIndex=int(subfont)))
    with open(out, "wb") as file:
        bare_reportlab(sample_rows(random.Random(7)), file, "Bare")


if __name__ == "__main__":
    main(*sys.argv[1:4])
