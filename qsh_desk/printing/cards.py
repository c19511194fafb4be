"""Child cards, guardian pickup cards and item labels: credit-card size, 10 per A4 with cut marks, a QR code of
the code."""

from __future__ import annotations

import itertools
from typing import BinaryIO

from qsh_desk.printing.layout import MM, Document, Page
from qsh_desk.printing.textfit import LEADING, Fitted, fit
from qsh_desk.services.reports import Card, CardSet

CARD_W, CARD_H = 85.6 * MM, 54 * MM  # ISO/IEC 7810 ID-1, the size of a bank card
COLUMNS, ROWS = 2, 5
QR_SIZE = 30 * MM
CUT = 3 * MM  # length of a cut mark
EDGE = 5 * MM  # nothing closer to the paper's edge: what ordinary printers can print
NAME_TOP = 37 * MM  # the name's box, from the card's bottom edge, under the station and the kind
NAME_BOX = 14 * MM
SUBTITLE_BOX = 2 * 9 * LEADING


def _origin(page_w: float, page_h: float) -> tuple[float, float]:
    return (page_w - COLUMNS * CARD_W) / 2, (page_h - ROWS * CARD_H) / 2


def _draw_qr(page: Page, code: str, x: float, y: float) -> None:
    """The code as one filled path: renderers that anti-alias each shape (mupdf) leave no seams between modules."""
    from reportlab.graphics.barcode.qr import QrCodeWidget

    widget = QrCodeWidget(code, barLevel="M")
    widget.qr.make()
    modules = widget.qr.modules
    border = widget.barBorder  # the quiet zone, in modules, inside QR_SIZE
    box = QR_SIZE / (len(modules) + 2 * border)
    c = page.canvas
    path = c.beginPath()
    for r, row in enumerate(modules):
        top = y + QR_SIZE - (r + border) * box
        col = 0
        for dark, run in itertools.groupby(bool(m) for m in row):
            count = len(list(run))
            if dark:
                # Runs overlap the next row by a hair, so no renderer can leave a gap between rows either.
                path.rect(x + (col + border) * box, top - box - 0.02, count * box, box + 0.02)
            col += count
    c.setFillGray(0)
    c.drawPath(path, stroke=0, fill=1, fillMode=0)  # nonzero winding: overlaps stay black


def _draw_card(page: Page, card: Card, x: float, y: float, station: str, kind: str) -> None:
    c = page.canvas
    doc = page.doc
    c.setStrokeGray(0.8)
    c.setLineWidth(0.3)
    c.roundRect(x + 1.5 * MM, y + 1.5 * MM, CARD_W - 3 * MM, CARD_H - 3 * MM, 3 * MM, stroke=1, fill=0)
    c.setStrokeGray(0)
    for text, baseline in ((station, CARD_H - 8 * MM), (kind, CARD_H - 13 * MM)):
        line = fit(text, CARD_W - 10 * MM, 8 * LEADING, 8, doc.unit_width, max_lines=1)
        page.text(x + 5 * MM, y + baseline, line.lines[0], line.size)
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
    room = qr_x - text_x - 2 * MM  # nothing crosses into the QR code
    # The name: as large as fits, on two lines at most (a long name breaks at its ·), else ending in …
    name = fit(card.name, room, NAME_BOX, 18, doc.unit_width, floor=9, max_lines=2)
    _draw_block(page, name, text_x, y + NAME_TOP, NAME_BOX, bold=True)
    if card.subtitle:
        subtitle = fit(card.subtitle, room, SUBTITLE_BOX, 9, doc.unit_width, max_lines=2)
        _draw_block(page, subtitle, text_x, y + NAME_TOP - NAME_BOX - 1.5 * MM)


def _draw_block(page: Page, fitted: Fitted, x: float, top: float, box: float = 0, *, bold: bool = False) -> None:
    """Lines from `top` down, centred in a box `box` high when given."""
    baseline = top - max(0.0, box - fitted.height) / 2 - fitted.size * LEADING + fitted.size * 0.22
    for line in fitted.lines:
        page.text(x, baseline, line, fitted.size, bold=bold)
        baseline -= fitted.size * LEADING


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
    w, h = doc.pagesize
    ox, oy = _origin(w, h)
    # Header and footer beside the middle cut marks, in the margin the cards leave, at least EDGE from the paper's edge.
    doc.footer_y, doc.footer_x, doc.footer_align = EDGE + 1.2 * MM, ox + COLUMNS * CARD_W - 2 * MM, "right"
    per_page = COLUMNS * ROWS

    def page_of(cards: tuple[Card, ...]):  # noqa: ANN202 - a Draw
        def draw(page: Page) -> None:
            heading = fit(f"{card_set.station} · {kind}（沿裁切线剪下）", CARD_W - 4 * MM, 8 * LEADING, 8,
                          doc.unit_width, max_lines=1)
            page.text(ox + 2 * MM, h - EDGE - 8, heading.lines[0], heading.size)
            _draw_cut_marks(page)
            for index, card in enumerate(cards):
                col, row = index % COLUMNS, index // COLUMNS
                _draw_card(page, card, ox + col * CARD_W, oy + (ROWS - 1 - row) * CARD_H, card_set.station, kind)

        return draw

    for start in range(0, len(card_set.cards), per_page):
        doc.add_page(page_of(card_set.cards[start:start + per_page]))
    return doc.write(out)
