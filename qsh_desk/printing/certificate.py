"""志愿服务时长证明: one volunteer's hours in a period, with its serial number and a box for the seal."""

from __future__ import annotations

from typing import BinaryIO

from qsh_desk.printing.layout import MM, Document, Page, chinese_date
from qsh_desk.services.certificates import CertificateData

BODY_SIZE = 14


def build_certificate(cert: CertificateData, out: str | BinaryIO) -> int:
    doc = Document("志愿服务时长证明", cert.station, "编号：" + cert.serial)

    def draw(page: Page) -> None:
        c = page.canvas
        y = doc.body_top - 10 * MM
        identity = [f"性别 {cert.gender}" if cert.gender else "",
                    f"志愿者编号 {cert.volunteer_number}" if cert.volunteer_number else "",
                    f"所属服务队 {cert.team}" if cert.team else "",
                    f"{cert.id_type or '证件'}号码 {cert.id_number}" if cert.id_number else ""]
        who = cert.volunteer + (f"（{'，'.join(x for x in identity if x)}）" if any(identity) else "")
        body = (
            f"兹证明 {who} 于 {chinese_date(cert.period_from)} 至 {chinese_date(cert.period_to)} 期间，"
            f"在{cert.station}参加志愿服务 {cert.shifts} 次，累计服务时长 {cert.hours} 小时。"
        )
        # 民政部令第67号: who served, when, how long, doing what, and who issues it (name, date, seal).
        paragraphs = [body, "服务内容：" + cert.service, "服务时长依据本站志愿服务记录（签到签退时间）统计。", "特此证明。"]
        wrapped = [doc.wrap("　　" + paragraph, doc.width, BODY_SIZE) for paragraph in paragraphs]
        box = 42 * MM
        # Double spacing as a certificate has, closer when a long service text would push the seal and the date
        # off the page (the seal box, the issuer and the date need 14 + 42 + 18 mm and a margin below them).
        room = y - (doc.body_bottom + 6 * MM) - (14 * MM + box + 18 * MM) - 2 * MM * len(wrapped)
        leading = max(BODY_SIZE * 1.3, min(BODY_SIZE * 2.0, room / max(1, sum(len(lines) for lines in wrapped))))
        for lines in wrapped:
            for line in lines:
                page.text(doc.left, y, line, BODY_SIZE)
                y -= leading
            y -= 2 * MM
        # Issuer and date at the right, the seal box over them, as on a paper certificate.
        bx, by = doc.right - box - 8 * MM, y - 14 * MM - box
        c.setDash(3, 3)
        c.setStrokeGray(0.4)
        c.rect(bx, by, box, box, stroke=1, fill=0)
        c.setDash()
        c.setStrokeGray(0)
        page.text(bx + box / 2, by + box / 2 - 2 * MM, "（盖章）", 10, "center")
        page.text(doc.right, by - 10 * MM, "出具单位：" + cert.station, 12, "right")
        page.text(doc.right, by - 18 * MM, "出具日期：" + chinese_date(cert.issued_on), 12, "right")
        if cert.reprint:
            page.text(doc.left, doc.body_bottom + 4 * MM, "（补打，编号与首次出具时相同）", 9)

    doc.add_page(draw)
    return doc.write(out)
