"""The shared page layout of every printout: A4, header (station, title, date), 第 x 页 / 共 y 页, tables, forms.

Pages are laid out first (as drawing functions) and drawn afterwards, so each footer knows the total.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import BinaryIO

from qsh_desk import clock
from qsh_desk.printing.fonts import FontSet, load_fonts

MM = 72 / 25.4
A4 = (210 * MM, 297 * MM)
A3 = (297 * MM, 420 * MM)  # posters: the public 微心愿认领榜
MARGIN = 14 * MM
HEADER_HEIGHT = 24 * MM
FOOTER_HEIGHT = 10 * MM
SIGNATURE_HEIGHT = 14 * MM
WEEKDAYS = "一二三四五六日"
GRID_GREY = 0.35
HEADER_FILL = 0.9

Draw = Callable[["Page"], None]


def chinese_date(day: dt.date, *, weekday: bool = False) -> str:
    text = f"{day.year}年{day.month}月{day.day}日"
    return text + f" 星期{WEEKDAYS[day.weekday()]}" if weekday else text


def hm(moment: dt.datetime | None) -> str:
    return moment.strftime("%H:%M") if moment else ""


@dataclass(frozen=True)
class Column:
    title: str
    width: float  # a share of the table width
    align: str = "center"  # left / center / right


class Page:
    """One page being drawn: the canvas, its number, and text drawing with per-character font fallback."""

    def __init__(self, doc: Document, canvas, number: int):  # noqa: ANN001 - a reportlab Canvas
        self.doc, self.canvas, self.number = doc, canvas, number
        self.fonts = doc.fonts

    def text(self, x: float, y: float, text: str, size: float = 10, align: str = "left", bold: bool = False) -> float:
        """Draw one line; returns its width. Runs of rare characters switch to a font that has them."""
        if not text:
            return 0.0
        runs, total = self.doc.measure(text, size)
        if align == "center":
            x -= total / 2
        elif align == "right":
            x -= total
        canvas = self.canvas
        if len(runs) == 1 and not bold:
            canvas.setFont(runs[0][0], size)
            canvas.drawString(x, y, text)
            return total
        # One text object for all runs, so that copying or extracting the text keeps the name in one piece.
        t = canvas.beginText(x, y)
        if bold:
            # CJK fonts come without a bold face: fill and stroke the outline instead.
            canvas.setLineWidth(size / 30)
            t.setTextRenderMode(2)
        for name, run in runs:
            t.setFont(name, size)
            t.textOut(run)
        if bold:
            t.setTextRenderMode(0)  # the mode outlives the text object: put it back for the next text
        canvas.drawText(t)
        return total

    def width_of(self, text: str, size: float) -> float:
        return self.doc.width_of(text, size)

    def fit_cell(self, text: str, x: float, y_top: float, width: float, height: float, size: float, align: str) -> None:
        """Text centred vertically in a cell: one line, else two lines a bit smaller, else shrunk to fit."""
        pad = 1.2 * MM
        room = width - 2 * pad
        if self.width_of(text, size) <= room or len(text) < 2:
            lines, used = [text], size
        else:
            used = size * 0.85
            lines = self.doc.wrap(text, room, used)
            if len(lines) > 2 or used * 2.3 > height:
                used = max(5.0, size * room / max(self.width_of(text, size), 1))
                lines = [text]
        ax = {"left": x + pad, "center": x + width / 2, "right": x + width - pad}[align]
        block = used * 1.15 * len(lines)
        baseline = y_top - (height - block) / 2 - used * 0.95
        for line in lines:
            self.text(ax, baseline, line, used, align)
            baseline -= used * 1.15


class Document:
    """A printout: title, station, date; pages added as drawing functions, written with the right total."""

    def __init__(self, title: str, station: str, date_text: str, *, landscape: bool = False,
                 signatures: Sequence[str] = (), fonts: FontSet | None = None, header: bool = True,
                 paper: tuple[float, float] = A4):
        self.fonts = fonts or load_fonts()
        self.title, self.station, self.date_text = title, station, date_text
        self.pagesize = (paper[1], paper[0]) if landscape else paper
        self.signatures = tuple(signatures)
        self.header = header
        self.footer_y = MARGIN + 2 * MM
        self._measured: dict[tuple[str, float], tuple[list[tuple[str, str]], float]] = {}
        self._pages: list[list[Draw]] = []

    # -- geometry ----------------------------------------------------------------------------------
    @property
    def left(self) -> float:
        return MARGIN

    @property
    def right(self) -> float:
        return self.pagesize[0] - MARGIN

    @property
    def width(self) -> float:
        return self.right - self.left

    @property
    def body_top(self) -> float:
        return self.pagesize[1] - MARGIN - (HEADER_HEIGHT if self.header else 0)

    @property
    def body_bottom(self) -> float:
        return MARGIN + FOOTER_HEIGHT

    def measure(self, text: str, size: float) -> tuple[list[tuple[str, str]], float]:
        """The text's font runs and width, remembered for the document (cells are measured, then drawn)."""
        key = (text, size)
        found = self._measured.get(key)
        if found is None:
            from reportlab.pdfbase.pdfmetrics import stringWidth

            runs = self.fonts.runs(text)
            found = self._measured[key] = (runs, sum(stringWidth(run, name, size) for name, run in runs))
        return found

    def width_of(self, text: str, size: float) -> float:
        return self.measure(text, size)[1]

    def wrap(self, text: str, width: float, size: float) -> list[str]:
        """Lines of at most `width`; Chinese may break between any two characters, ASCII words stay whole."""
        from reportlab.pdfbase.pdfmetrics import stringWidth

        lines: list[str] = []
        for paragraph in (text or "").splitlines() or [""]:
            line, line_width, word = "", 0.0, ""
            tokens: list[str] = []
            for ch in paragraph:  # group ASCII letters/digits into words
                if ch.isascii() and ch.isalnum():
                    word += ch
                    continue
                if word:
                    tokens.append(word)
                    word = ""
                tokens.append(ch)
            if word:
                tokens.append(word)
            for token in tokens:
                w = sum(stringWidth(run, name, size) for name, run in self.fonts.runs(token))
                if line and line_width + w > width:
                    lines.append(line)
                    line, line_width = token.lstrip(), w
                else:
                    line += token
                    line_width += w
            lines.append(line)
        return lines

    # -- pages -------------------------------------------------------------------------------------
    def add_page(self, *draws: Draw) -> None:
        self._pages.append(list(draws))

    def add_to_last_page(self, draw: Draw) -> None:
        if not self._pages:
            self.add_page()
        self._pages[-1].append(draw)

    @property
    def page_count(self) -> int:
        return len(self._pages)

    def write(self, out: str | BinaryIO) -> int:
        """Draw every page into `out` (a path or a binary file); returns the number of pages."""
        from reportlab.pdfgen.canvas import Canvas

        if not self._pages:
            self.add_page()
        canvas = Canvas(out, pagesize=self.pagesize, pageCompression=1)
        canvas.setTitle(f"{self.title} — {self.station}")
        canvas.setAuthor(self.station)
        canvas.setCreator("QSH Desk")
        total = len(self._pages)
        for number, draws in enumerate(self._pages, start=1):
            page = Page(self, canvas, number)
            if self.header:
                self._draw_header(page)
            for draw in draws:
                draw(page)
            if number == total and self.signatures:
                self._draw_signatures(page)
            self._draw_footer(page, total)
            canvas.showPage()
        canvas.save()
        return total

    def _draw_header(self, page: Page) -> None:
        top = self.pagesize[1] - MARGIN
        page.text(self.pagesize[0] / 2, top - 9 * MM, self.title, 18, "center", bold=True)
        page.text(self.left, top - 18 * MM, "站点：" + self.station, 10.5)
        page.text(self.right, top - 18 * MM, self.date_text, 10.5, "right")

    def _draw_footer(self, page: Page, total: int) -> None:
        page.text(self.pagesize[0] / 2, self.footer_y, f"第 {page.number} 页 / 共 {total} 页", 9, "center")

    def _draw_signatures(self, page: Page) -> None:
        y = self.body_bottom + 3 * MM
        slot = self.width / len(self.signatures)
        c = page.canvas
        c.setLineWidth(0.6)
        c.setStrokeGray(0)
        for i, label in enumerate(self.signatures):
            x = self.left + i * slot
            w = page.text(x, y, label + "：", 10.5)
            c.line(x + w, y - 1.2 * MM, x + slot - 6 * MM, y - 1.2 * MM)

    # -- tables ------------------------------------------------------------------------------------
    def table(self, columns: Sequence[Column], rows: Sequence[Sequence[str]], *, row_height: float,
              header_height: float | None = None, size: float = 10, blank_rows: int = 0,
              fill_last_page: bool = False, footer_rows: Sequence[Sequence[str]] = (), numbered: bool = False,
              top: float | None = None) -> None:
        """Paginate rows into pages with the column titles repeated on each; signatures fit on the last.

        `numbered`: the first column is 序号, counted over the data rows and the blank rows after them.
        """
        header_height = header_height or row_height
        total_share = sum(col.width for col in columns)
        widths = [col.width / total_share * self.width for col in columns]
        top = self.body_top if top is None else top
        per_page = int((top - self.body_bottom - header_height) // row_height)
        per_last = int((top - self.body_bottom - header_height - (SIGNATURE_HEIGHT if self.signatures else 0))
                       // row_height)
        body = [list(r) for r in rows] + [[""] * (len(columns) - numbered) for _ in range(blank_rows)]
        tail = [list(r) for r in footer_rows]
        everything = body + tail
        chunks: list[list[list[str]]] = []
        rest = everything
        while True:
            if len(rest) <= per_last:
                chunks.append(rest)
                break
            take = min(per_page, len(rest))
            chunks.append(rest[:take])
            rest = rest[take:]
            if not rest:
                chunks.append([])  # the signatures need room of their own
                break
        if fill_last_page and chunks:
            room = per_last - len(chunks[-1])
            blanks = [[""] * (len(columns) - numbered) for _ in range(max(0, room))]
            last = chunks[-1]
            cut = len(last) - len(tail) if tail and last[-len(tail):] == tail else len(last)
            chunks[-1] = last[:cut] + blanks + last[cut:]
        if numbered:
            counter = 0
            for chunk in chunks:
                for i, row in enumerate(chunk):
                    if chunk is chunks[-1] and tail and i >= len(chunk) - len(tail):
                        continue
                    counter += 1
                    chunk[i] = [str(counter), *row]
        for chunk in chunks:
            self.add_page(_table_drawer(self, columns, widths, chunk, top, row_height, header_height, size,
                                        n_tail=len(tail) if chunk is chunks[-1] else 0))

    # -- forms -------------------------------------------------------------------------------------
    def form(self, fields: Sequence[tuple[str, str]], *, size: float = 11, label_width: float = 30 * MM,
             min_height: float = 10 * MM, block: Draw | None = None, block_height: float = 0) -> None:
        """Label/value rows of a record form, values wrapped, continued on a new page when full.

        `block` (photos, say) is drawn under the fields, on a new page if it does not fit.
        """
        value_width = self.width - label_width
        leading = size * 1.45
        measured = []
        for label, value in fields:
            lines = self.wrap(value, value_width - 4 * MM, size)
            measured.append((label, lines, max(min_height, len(lines) * leading + 4 * MM)))
        pages: list[list[tuple[str, list[str], float]]] = [[]]
        room = self.body_top - self.body_bottom - SIGNATURE_HEIGHT
        used = 0.0
        for label, lines, height in measured:
            while height > room - used:  # split a long value over pages
                fit = int((room - used - 4 * MM) // leading)
                if fit >= 2:
                    pages[-1].append((label, lines[:fit], fit * leading + 4 * MM))
                    label, lines = label + "（续）", lines[fit:]
                    height = max(min_height, len(lines) * leading + 4 * MM)
                pages.append([])
                used = 0.0
            pages[-1].append((label, lines, height))
            used += height
        block_top = None
        if block is not None:
            if block_height > room - used - 6 * MM:
                pages.append([])
                used = 0.0
            block_top = self.body_top - used - 6 * MM
        for index, rows in enumerate(pages):
            draws: list[Draw] = [_form_drawer(self, rows, label_width, size, leading)]
            if block is not None and index == len(pages) - 1:
                draws.append(_at(block, block_top))
            self.add_page(*draws)


def _at(block: Draw, top: float) -> Draw:
    def draw(page: Page) -> None:
        page.top = top  # type: ignore[attr-defined]
        block(page)

    return draw


def _form_drawer(doc: Document, rows: list[tuple[str, list[str], float]], label_width: float, size: float,
                 leading: float) -> Draw:
    def draw(page: Page) -> None:
        if not rows:
            return
        c = page.canvas
        top = doc.body_top
        y = top
        c.setLineWidth(0.5)
        c.setStrokeGray(GRID_GREY)
        for label, lines, height in rows:
            c.setFillGray(HEADER_FILL)
            c.rect(doc.left, y - height, label_width, height, stroke=0, fill=1)
            c.setFillGray(0)
            page.fit_cell(label, doc.left, y, label_width, height, size, "center")
            baseline = y - 2 * MM - size * 0.95 if len(lines) > 1 else y - (height - size) / 2 - size * 0.85
            for line in lines:
                page.text(doc.left + label_width + 2 * MM, baseline, line, size)
                baseline -= leading
            c.line(doc.left, y - height, doc.right, y - height)
            y -= height
        c.line(doc.left + label_width, top, doc.left + label_width, y)
        c.setStrokeGray(0)
        c.setLineWidth(1)
        c.rect(doc.left, y, doc.width, top - y, stroke=1, fill=0)

    return draw


def _table_drawer(doc: Document, columns: Sequence[Column], widths: list[float], rows: list[list[str]],
                  top: float, row_height: float, header_height: float, size: float, n_tail: int) -> Draw:
    def draw(page: Page) -> None:
        c = page.canvas
        x0 = doc.left
        height = header_height + row_height * len(rows)
        c.setFillGray(HEADER_FILL)
        c.rect(x0, top - header_height, doc.width, header_height, stroke=0, fill=1)
        c.setFillGray(0)
        xs = [x0]
        for w in widths:
            xs.append(xs[-1] + w)
        for col, x, w in zip(columns, xs, widths):
            page.fit_cell(col.title, x, top, w, header_height, size, "center")
        y = top - header_height
        for index, row in enumerate(rows):
            if n_tail and index == len(rows) - n_tail:
                c.setFillGray(0.95)
                c.rect(x0, y - row_height * n_tail, doc.width, row_height * n_tail, stroke=0, fill=1)
                c.setFillGray(0)
            for value, col, x, w in zip(row, columns, xs, widths):
                if value:
                    page.fit_cell(value, x, y, w, row_height, size, col.align)
            y -= row_height
        c.setLineWidth(0.5)
        c.setStrokeGray(GRID_GREY)
        c.grid(xs, [top - header_height - i * row_height for i in range(len(rows) + 1)] + [top])
        c.setStrokeGray(0)
        c.setLineWidth(1)
        c.rect(x0, top - height, doc.width, height, stroke=1, fill=0)

    return draw


def now_text() -> str:
    return clock.now().strftime("打印时间：%Y-%m-%d %H:%M")
