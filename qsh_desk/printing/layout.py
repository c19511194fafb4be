"""The shared page layout of every printout: A4, header (station, title, date), 第 x 页 / 共 y 页, tables, forms.

Pages are laid out first (as drawing functions) and drawn afterwards, so each footer knows the total.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import BinaryIO

from qsh_desk import clock
from qsh_desk import courtesy
from qsh_desk.printing import textfit
from qsh_desk.printing.fonts import FontSet, load_fonts
from qsh_desk.printing.textfit import LEADING, Fitted

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
CELL_PAD = 1.2 * MM  # text keeps this far from a cell's side rules…
CELL_VPAD = 0.6 * MM  # …and from its top and bottom

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

    def fit_cell(self, text: str, x: float, y_top: float, width: float, height: float, size: float, align: str,
                 fitted: Fitted | None = None) -> None:
        """Text centred vertically in a cell, as large as fits and never across the cell's rules (see textfit)."""
        fitted = fitted or self.doc.fit(text, width, height, size)
        self.draw_fitted(fitted, x, y_top, width, height, align)

    def draw_fitted(self, fitted: Fitted, x: float, y_top: float, width: float, height: float, align: str) -> None:
        ax = {"left": x + CELL_PAD, "center": x + width / 2, "right": x + width - CELL_PAD}[align]
        leading = fitted.size * LEADING
        baseline = y_top - (height - fitted.height) / 2 - leading + fitted.size * 0.22
        for line in fitted.lines:
            self.text(ax, baseline, line, fitted.size, align)
            baseline -= leading


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
        self.footer_x, self.footer_align = self.pagesize[0] / 2, "center"
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

    def unit_width(self, text: str) -> float:
        """The text's width at 1 pt (widths scale with the size)."""
        return self.measure(text, 1.0)[1]

    def wrap(self, text: str, width: float, size: float) -> list[str]:
        """Lines of at most `width`; names, numbers with their units and punctuation stay whole (see textfit)."""
        return textfit.wrap(text, width, size, self.unit_width)

    def fit(self, text: str, width: float, height: float, size: float, *, max_lines: int | None = None) -> Fitted:
        """The text set for a cell of width × height (padding inside): see textfit.fit."""
        return textfit.fit(text, width - 2 * CELL_PAD, height - 2 * CELL_VPAD, size, self.unit_width,
                           max_lines=max_lines)

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
        # The initial font of every page (an empty text object ReportLab writes) is ours, embedded: no bare Helvetica
        # for a PDF/A preflight to flag.
        canvas = Canvas(out, pagesize=self.pagesize, pageCompression=1, initialFontName=self.fonts.primary)
        canvas.setTitle(f"{self.title} — {self.station}")
        canvas.setAuthor(self.station)
        canvas.setCreator("QSH Desk")
        total = len(self._pages)
        for number, draws in enumerate(courtesy.steps(self._pages), start=1):
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
        title = textfit.fit(self.title, self.width, 18, 18, self.unit_width, max_lines=1)
        page.text(self.pagesize[0] / 2, top - 9 * MM, title.lines[0], title.size, "center", bold=True)
        date_width = page.text(self.right, top - 18 * MM, self.date_text, 10.5, "right")
        # A long station name shrinks, then ends in an ellipsis, before it reaches the date.
        station = textfit.fit("站点：" + self.station, self.width - date_width - 6 * MM, 10.5, 10.5, self.unit_width,
                              max_lines=1)
        page.text(self.left, top - 18 * MM, station.lines[0], station.size)

    def _draw_footer(self, page: Page, total: int) -> None:
        page.text(self.footer_x, self.footer_y, f"第 {page.number} 页 / 共 {total} 页", 9, self.footer_align)

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

        A row is `row_height` high, or higher when a cell's text needs more lines even at the smallest type.
        `numbered`: the first column is 序号, counted over the data rows and the blank rows after them.
        """
        total_share = sum(col.width for col in columns)
        widths = [col.width / total_share * self.width for col in columns]
        top = self.body_top if top is None else top
        head = self._lay_row([col.title for col in columns], widths, header_height or row_height, size, 0)
        room = top - self.body_bottom - head.height
        room_last = room - (SIGNATURE_HEIGHT if self.signatures else 0)
        blank = [""] * (len(columns) - numbered)
        body = [list(r) for r in rows] + [blank for _ in range(blank_rows)]

        def numbered_row(values: Sequence[str], number: int) -> list[str]:
            return [str(number), *values] if numbered else list(values)

        items = [self._lay_row(numbered_row(r, n), widths, row_height, size, room)
                 for n, r in enumerate(courtesy.steps(body), 1)]
        items += [self._lay_row(list(r), widths, row_height, size, room, shaded=True) for r in footer_rows]
        pages: list[list[_Row]] = []
        start = 0
        left = sum(r.height for r in items)  # the height of items[start:], kept as pages are cut (not summed again)
        while True:
            courtesy.give_way()
            if left <= room_last + 0.01:
                pages.append(items[start:])
                break
            end, used = start, 0.0
            while end < len(items) and used + items[end].height <= room + 0.01:
                used += items[end].height
                end += 1
            if end == start:  # a row taller than the room: it gets a page of its own
                used, end = items[start].height, start + 1
            pages.append(items[start:end])
            left -= used
            start = end
            if start == len(items):
                pages.append([])  # the signatures need room of their own
                break
        if fill_last_page:
            last = pages[-1]
            free = room_last - sum(r.height for r in last)
            cut = len(last) - sum(1 for r in last if r.shaded)
            blanks = [self._lay_row(numbered_row(blank, len(body) + 1 + k), widths, row_height, size, room)
                      for k in range(max(0, int((free + 0.01) // row_height)))]
            pages[-1] = last[:cut] + blanks + last[cut:]
        for page_rows in pages:
            self.add_page(_table_drawer(self, columns, widths, head, page_rows, top))

    def _lay_row(self, values: Sequence[str], widths: Sequence[float], min_height: float, size: float,
                 limit: float, *, shaded: bool = False) -> _Row:
        """A table row's cells set for their columns, and the height the tallest needs (at most `limit`)."""
        cells = [self.fit(v, w, min_height, size) if v else None for v, w in zip(values, widths)]
        height = max([min_height] + [c.height + 2 * CELL_VPAD for c in cells if c is not None])
        if limit and height > limit:  # taller than a page: what does not fit ends with an ellipsis
            lines = max(1, int((limit - 2 * CELL_VPAD) // (textfit.FLOOR * LEADING)))
            cells = [self.fit(v, w, limit, size, max_lines=lines) if v else None for v, w in zip(values, widths)]
            height = max([min_height] + [c.height + 2 * CELL_VPAD for c in cells if c is not None])
        elif height > min_height:  # the row grew for one cell: the others may use the room for larger type
            cells = [self.fit(v, w, height, size) if v else None for v, w in zip(values, widths)]
        return _Row(cells, height, shaded)

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
            label_height = self.fit(label, label_width, min_height, size).height + 2 * CELL_VPAD
            measured.append((label, lines, max(min_height, len(lines) * leading + 4 * MM, label_height)))
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


@dataclass(frozen=True)
class _Row:
    cells: list[Fitted | None]
    height: float
    shaded: bool = False  # a totals row under the data


def _table_drawer(doc: Document, columns: Sequence[Column], widths: list[float], head: _Row, rows: list[_Row],
                  top: float) -> Draw:
    def draw(page: Page) -> None:
        c = page.canvas
        x0 = doc.left
        xs = [x0]
        for w in widths:
            xs.append(xs[-1] + w)
        c.setFillGray(HEADER_FILL)
        c.rect(x0, top - head.height, doc.width, head.height, stroke=0, fill=1)
        c.setFillGray(0)
        for cell, x, w in zip(head.cells, xs, widths):
            if cell is not None:
                page.draw_fitted(cell, x, top, w, head.height, "center")
        y = top - head.height
        ys = [top, y]
        for row in courtesy.steps(rows):
            if row.shaded:
                c.setFillGray(0.95)
                c.rect(x0, y - row.height, doc.width, row.height, stroke=0, fill=1)
                c.setFillGray(0)
            for cell, col, x, w in zip(row.cells, columns, xs, widths):
                if cell is not None:
                    page.draw_fitted(cell, x, y, w, row.height, col.align)
            y -= row.height
            ys.append(y)
        c.setLineWidth(0.5)
        c.setStrokeGray(GRID_GREY)
        c.grid(xs, ys)
        c.setStrokeGray(0)
        c.setLineWidth(1)
        c.rect(x0, y, doc.width, top - y, stroke=1, fill=0)

    return draw


def now_text() -> str:
    return clock.now().strftime("打印时间：%Y-%m-%d %H:%M")
