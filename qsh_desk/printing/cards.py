"""Child cards, guardian pickup cards and item labels: credit-card size, 10 per A4 with cut marks, a QR code of
the code."""

from __future__ import annotations

from typing import BinaryIO

from qsh_desk.printing.layout import MM, Document, Page
from qsh_desk.services.reports import Card, CardSet

CARD_W, CARD_H = 85.6 * MM, 54 * MM  # ISO/IEC 7810 ID-1, the size of a bank card
COLUMNS, ROWS = 2, 5
QR_SIZE = 30 * MM
CUT = 4 * MM  # length of a cut mark


def _origin(page_w: float, page_h: float) -> tuple[float, float]:
    return (page_w - COLUMNS * CARD_W) / 2, (page_h - ROWS * CARD_H) / 2


def _draw_qr(page: Page, code: str, x: float, y: float) -> None:
    from reportlab.graphics import renderPDF
    from reportlab.graphics.barcode.qr import QrCodeWidget
    from reportlab.graphics.shapes import Drawing

    widget = QrCodeWidget(code, barLevel="M")
    x1, y1, x2, y2 = widget.getBounds()
    drawing = Drawing(QR_SIZE, QR_SIZE, transform=[QR_SIZE / (x2 - x1), 0, 0, QR_SIZE / (y2 - y1), 0, 0])
    drawing.add(widget)
    renderPDF.draw(drawing, page.canvas, x, y)


def _draw_card(page: Page, card: Card, x: float, y: float, station: str, kind: str) -> None:
    c = page.canvas
    c.setStrokeGray(0.8)
    c.setLineWidth(0.3)
    c.roundRect(x + 1.5 * MM, y + 1.5 * MM, CARD_W - 3 * MM, CARD_H - 3 * MM, 3 * MM, stroke=1, fill=0)
    c.setStrokeGray(0)
    page.text(x + 5 * MM, y + CARD_H - 8 * MM, station, 8)
    page.text(x + 5 * MM, y + CARD_H - 13 * MM, kind, 8)
    qr_x, qr_y = x + CARD_W - QR_SIZE - 4 * MM, y + 9 * MM
    _draw_qr(page, card.code, qr_x, qr_y)
    page.text(qr_x + QR_SIZE / 2, y + 5.5 * MM, card.code, 8, "center")
    text_x = x + 5 * MM
    if card.photo is not None:
        try:
            c.drawImage(str(card.photo), text_x, y + 6 * MM, 20 * MM, 26 * MM, preserveAspectRatio=True, anchor="c")
            text_x += 23 * MM
        except Exception:  # noqa: BLE001 - a damaged photo: the card prints without it
            pass
    room = qr_x - text_x - 2 * MM
    size = 18.0
    while size > 9 and page.width_of(card.name, size) > room:
        size -= 1
    page.text(text_x, y + 24 * MM, card.name, size, bold=True)
    if card.subtitle:
        lines = page.doc.wrap(card.subtitle, room, 9)[:2]
        for i, line in enumerate(lines):
            page.text(text_x, y + 16 * MM - i * 4.5 * MM, line, 9)


def _draw_cut_marks(page: Page) -> None:
    c = page.canvas
    w, h = page.doc.pagesize
    ox, oy = _origin(w, h)
    xs = [ox + i * CARD_W for i in range(COLUMNS + 1)]
    ys = [oy + j * CARD_H for j in range(ROWS + 1)]
    c.setLineWidth(0.4)
    for x in xs:  # marks in the margins, where the cutter lines up the blade
        c.line(x, oy - 1.5 * MM - CUT, x, oy - 1.5 * MM)
        c.line(x, ys[-1] + 1.5 * MM, x, ys[-1] + 1.5 * MM + CUT)
    for y in ys:
        c.line(ox - 1.5 * MM - CUT, y, ox - 1.5 * MM, y)
        c.line(xs[-1] + 1.5 * MM, y, xs[-1] + 1.5 * MM + CUT, y)


def build_cards(card_set: CardSet, out: str | BinaryIO) -> int:
    kind = card_set.title or ("接送卡" if card_set.pickup else "儿童卡")
    doc = Document(kind, card_set.station, "", header=False)
    doc.footer_y = 3.5 * MM  # below the cut marks: the cards fill the page
    per_page = COLUMNS * ROWS
    w, h = doc.pagesize
    ox, oy = _origin(w, h)

    def page_of(cards: tuple[Card, ...]):  # noqa: ANN202 - a Draw
        def draw(page: Page) -> None:
            page.text(w / 2, h - 5 * MM, f"{card_set.station} · {kind}（沿裁切线剪下）", 8, "center")
            _draw_cut_marks(page)
            for index, card in enumerate(cards):
                col, row = index % COLUMNS, index // COLUMNS
                _draw_card(page, card, ox + col * CARD_W, oy + (ROWS - 1 - row) * CARD_H, card_set.station, kind)

        return draw

    for start in range(0, len(card_set.cards), per_page):
        doc.add_page(page_of(card_set.cards[start:start + per_page]))
    return doc.write(out)
