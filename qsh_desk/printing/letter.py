"""给爸爸妈妈的信: one A5 page per child, drawn once and written both as a PDF and as a phone-sized PNG.

The page is laid out by one drawing function against a small surface (text, boxes, photos in millimetres from
the top left); the PDF surface draws with ReportLab, the PNG surface with Pillow (which ReportLab brings), using
the same font files and the same measures, so the picture sent by WeChat is the letter that was printed.
"""

from __future__ import annotations

import calendar as _calendar
from pathlib import Path
from typing import BinaryIO, Protocol

from qsh_desk.printing.fonts import FontSet, load_fonts
from qsh_desk.printing.layout import MM, Document, Page
from qsh_desk.services.letters import LetterBatch, LetterData

PAGE_W, PAGE_H = 148.0, 210.0  # A5, in mm
MARGIN = 9.0
PNG_WIDTH = 1080  # px: a phone shows it full width without zooming
PT = 25.4 / 72  # one point in mm
ACCENT = "#c8553d"
PALE = "#fbe9dd"
INK = "#2b2b2b"
GREY = "#8a8a8a"
WEEKDAYS = "一二三四五六日"
BODY = 14.0
NO_LINE_START = "，。、；：！？）》」』”’…"
SESSION_LINES = 4
NOTE_LINES = 3
CHILD_LINES = 2


class Surface(Protocol):
    def text(self, x: float, y: float, text: str, size: float, *, colour: str = INK, align: str = "left",
             bold: bool = False) -> None: ...
    def box(self, x: float, y: float, w: float, h: float, *, fill: str | None = None, stroke: str | None = None,
            radius: float = 0.0) -> None: ...
    def image(self, path: Path, x: float, y: float, w: float, h: float) -> None: ...


class _Measure:
    """Widths and line breaks in mm, from the fonts' metrics (the same for the PDF and the PNG)."""

    def __init__(self, fonts: FontSet):
        self.doc = Document("", "", "", fonts=fonts, header=False)

    def width(self, text: str, size: float) -> float:
        return self.doc.width_of(text, size) / MM

    def wrap(self, text: str, width: float, size: float) -> list[str]:
        """Lines of `width`; a comma or full stop never starts a line (it joins the line before, as in print)."""
        lines = self.doc.wrap(text, width * MM, size)
        for i in range(1, len(lines)):
            while lines[i] and lines[i][0] in NO_LINE_START:
                lines[i - 1], lines[i] = lines[i - 1] + lines[i][0], lines[i][1:]
        return [line for line in lines if line]

    def fit(self, text: str, width: float, size: float) -> str:
        """The text cut to one line of `width`, with … when it was longer."""
        if self.width(text, size) <= width:
            return text
        while text and self.width(text + "…", size) > width:
            text = text[:-1]
        return text + "…"


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def draw_letter(letter: LetterData, surface: Surface, measure: _Measure) -> None:
    """The whole letter on one page; every block has a fixed budget, so nothing ever runs off it."""
    left, right = MARGIN, PAGE_W - MARGIN
    width = right - left
    # Title band.
    surface.box(0, 0, PAGE_W, 24, fill=PALE)
    surface.text(left, 13, "给爸爸妈妈的信", 21, colour=ACCENT, bold=True)
    surface.text(right, 13, f"{letter.year}年{letter.month}月", 13, colour=ACCENT, align="right")
    surface.text(left, 20.5, f"来自{letter.station}", 10.5, colour=GREY)
    y = 33.0
    surface.text(left, y, letter.greeting + "：", 16, bold=True)
    came = len(letter.came)
    y += 8.5
    if came:
        line = f"这个月，{letter.given_name}来亲善之家 {came} 天"
        line += f"，参加了 {len(letter.sessions)} 次活动。" if letter.sessions else "。"
    else:
        line = f"这个月{letter.given_name}没有来亲善之家，大家都很想念{letter.given_name}。"
    for text in measure.wrap(line, width, BODY)[:2]:
        surface.text(left, y, text, BODY)
        y += 7
    y = _calendar_block(letter, surface, measure, left, y - 3)
    y = _sessions_block(letter, surface, measure, left, width, y + 6)
    if letter.photos:
        y = _photos_block(letter, surface, left, width, y + 1)
    if letter.note:
        y += 6
        surface.text(left, y, "老师的话", 12, colour=ACCENT, bold=True)
        for text in measure.wrap(letter.note, width, BODY)[:NOTE_LINES]:
            y += 7
            surface.text(left, y, text, BODY)
    # The sign-off sits at the foot of the page, where the blocks' budgets never reach.
    surface.text(right, PAGE_H - MARGIN - 1, f"—— {letter.station}的老师们", 12, colour=GREY, align="right")
    if letter.child_words:
        y += 7.5
        surface.text(left, y, f"{letter.given_name}想说", 12, colour=ACCENT, bold=True)
        for text in measure.wrap(f"“{letter.child_words}”", width, BODY)[:CHILD_LINES]:
            y += 7
            surface.text(left, y, text, BODY)


def _calendar_block(letter: LetterData, surface: Surface, measure: _Measure, left: float, top: float) -> float:
    """The month as a small calendar: the days the child came filled, the other opening days shaded."""
    cell_w, cell_h = 12.0, 6.2
    for i, name in enumerate(WEEKDAYS):
        surface.text(left + i * cell_w + cell_w / 2, top + 4.2, name, 10, colour=GREY, align="center")
    opening = set(letter.opening_days)
    weeks = _calendar.Calendar(firstweekday=0).monthdatescalendar(letter.year, letter.month)
    y = top + 5.5
    for week in weeks:
        for i, day in enumerate(week):
            if day.month != letter.month:
                continue
            x = left + i * cell_w
            if day in letter.came:
                surface.box(x + 0.6, y + 0.4, cell_w - 1.2, cell_h - 0.8, fill=ACCENT, radius=1.5)
                colour = "#ffffff"
            elif day in opening:
                surface.box(x + 0.6, y + 0.4, cell_w - 1.2, cell_h - 0.8, fill=PALE, radius=1.5)
                colour = INK
            else:
                colour = GREY
            surface.text(x + cell_w / 2, y + 4.5, str(day.day), 11, colour=colour, align="center",
                         bold=day in letter.came)
        y += cell_h
    # Beside the calendar: what its colours mean, next month's opening days, the station's phone.
    x = left + 7 * cell_w + 3
    side = PAGE_W - MARGIN - x
    sy = top + 4.5
    surface.box(x, sy - 3.2, 4, 3.6, fill=ACCENT, radius=0.8)
    surface.text(x + 5.5, sy, "来站的日子", 10.5)
    sy += 6
    surface.box(x, sy - 3.2, 4, 3.6, fill=PALE, radius=0.8)
    surface.text(x + 5.5, sy, "开放日", 10.5)
    sy += 8.5
    surface.text(x, sy, "下个月开放", 11, colour=ACCENT, bold=True)
    if letter.next_opening_days:
        first = letter.next_opening_days[0]
        days = f"{first.month}月" + "、".join(str(d.day) for d in letter.next_opening_days) + "日"
    else:
        days = "开放日另行通知"
    for text in measure.wrap(days, side, 10.5)[:4]:
        sy += 5.2
        surface.text(x, sy, text, 10.5)
    if letter.station_phone:
        sy += 7.5
        surface.text(x, sy, "亲善之家电话", 11, colour=ACCENT, bold=True)
        sy += 5.5
        surface.text(x, sy, measure.fit(letter.station_phone, side, 11), 11)
    return max(y, sy)


def _sessions_block(letter: LetterData, surface: Surface, measure: _Measure, left: float, width: float,
                    top: float) -> float:
    if not letter.sessions:
        return top - 6
    surface.text(left, top, "参加的活动", 12, colour=ACCENT, bold=True)
    y = top
    shown = letter.sessions if len(letter.sessions) <= SESSION_LINES else letter.sessions[:SESSION_LINES - 1]
    for session in shown:
        y += 7
        day = f"{session.day.month}月{session.day.day}日"
        surface.text(left, y, day, BODY, colour=GREY)
        rest = f"{session.dream} · {session.theme}"
        offset = 25
        surface.text(left + offset, y, measure.fit(rest, width - offset, BODY), BODY)
    if len(shown) < len(letter.sessions):
        y += 7
        surface.text(left, y, f"……还参加了 {len(letter.sessions) - len(shown)} 次活动", BODY, colour=GREY)
    return y


def _photos_block(letter: LetterData, surface: Surface, left: float, width: float, top: float) -> float:
    gap, height = 2.5, 24.0
    w = (width - gap * 3) / 4
    for i, path in enumerate(letter.photos[:4]):
        surface.image(path, left + i * (w + gap), top + 2, w, height)
    return top + 2 + height


# -- the PDF ---------------------------------------------------------------------------------------------
class _LetterDocument(Document):
    """A5 pages without a header or page numbers: a letter, not a form."""

    def _draw_footer(self, page: Page, total: int) -> None:
        return None


class _PdfSurface:
    def __init__(self, page: Page):
        self.page = page
        self.c = page.canvas

    def _y(self, y: float) -> float:
        return (PAGE_H - y) * MM

    def text(self, x: float, y: float, text: str, size: float, *, colour: str = INK, align: str = "left",
             bold: bool = False) -> None:
        self.c.setFillColor(colour)
        self.c.setStrokeColor(colour)
        self.page.text(x * MM, self._y(y), text, size, align, bold=bold)
        self.c.setFillColor("#000000")
        self.c.setStrokeColor("#000000")

    def box(self, x: float, y: float, w: float, h: float, *, fill: str | None = None, stroke: str | None = None,
            radius: float = 0.0) -> None:
        if fill:
            self.c.setFillColor(fill)
        if stroke:
            self.c.setStrokeColor(stroke)
        self.c.roundRect(x * MM, self._y(y + h), w * MM, h * MM, radius * MM, stroke=1 if stroke else 0,
                         fill=1 if fill else 0)
        self.c.setFillColor("#000000")
        self.c.setStrokeColor("#000000")

    def image(self, path: Path, x: float, y: float, w: float, h: float) -> None:
        self.c.drawImage(str(path), x * MM, self._y(y + h), w * MM, h * MM, preserveAspectRatio=True, anchor="c")


def build_letters(letters: LetterData | LetterBatch, out: str | Path | BinaryIO) -> int:
    """One page per letter (a batch prints as one file); returns the number of pages."""
    items = letters.letters if isinstance(letters, LetterBatch) else (letters,)
    fonts = load_fonts()
    measure = _Measure(fonts)
    title = "给爸爸妈妈的信"
    station = items[0].station if items else ""
    doc = _LetterDocument(title, station, "", fonts=fonts, header=False)
    doc.pagesize = (PAGE_W * MM, PAGE_H * MM)
    for item in items:
        doc.add_page(lambda page, item=item: draw_letter(item, _PdfSurface(page), measure))
    if not items:
        doc.add_page(lambda page: _PdfSurface(page).text(MARGIN, 30, "这个月没有要寄的信。", BODY))
    return doc.write(str(out) if isinstance(out, Path) else out)


_FACES: dict[tuple[str, int, int], object] = {}


# -- the PNG ---------------------------------------------------------------------------------------------
class _PngSurface:
    def __init__(self, fonts: FontSet, width_px: int = PNG_WIDTH):
        from PIL import Image, ImageDraw

        self.scale = width_px / PAGE_W  # px per mm
        self.image_ = Image.new("RGB", (width_px, round(PAGE_H * self.scale)), "#ffffff")
        self.draw = ImageDraw.Draw(self.image_)
        self.fonts = fonts

    def _face(self, name: str, px: int):  # noqa: ANN202 - a Pillow FreeTypeFont
        source = self.fonts.sources[name]
        key = (source.path, source.subfont, px)
        face = _FACES.get(key)
        if face is None:
            from PIL import ImageFont

            # Opening a CJK font file costs far more than drawing a letter: a batch opens each size once.
            face = _FACES[key] = ImageFont.truetype(source.path, px, index=source.subfont)
        return face

    def text(self, x: float, y: float, text: str, size: float, *, colour: str = INK, align: str = "left",
             bold: bool = False) -> None:
        px = max(1, round(size * PT * self.scale))
        runs = [(self._face(name, px), run) for name, run in self.fonts.runs(text)]
        total = sum(face.getlength(run) for face, run in runs)
        cx = x * self.scale - {"left": 0, "center": total / 2, "right": total}[align]
        baseline = y * self.scale
        for face, run in runs:
            self.draw.text((cx, baseline), run, font=face, fill=_rgb(colour), anchor="ls",
                           stroke_width=max(1, px // 30) if bold else 0, stroke_fill=_rgb(colour))
            cx += face.getlength(run)

    def box(self, x: float, y: float, w: float, h: float, *, fill: str | None = None, stroke: str | None = None,
            radius: float = 0.0) -> None:
        s = self.scale
        self.draw.rounded_rectangle((x * s, y * s, (x + w) * s, (y + h) * s), radius=radius * s,
                                    fill=_rgb(fill) if fill else None, outline=_rgb(stroke) if stroke else None)

    def image(self, path: Path, x: float, y: float, w: float, h: float) -> None:
        from PIL import Image, ImageOps

        s = self.scale
        with Image.open(path) as photo:
            fitted = ImageOps.contain(ImageOps.exif_transpose(photo).convert("RGB"), (round(w * s), round(h * s)))
        self.image_.paste(fitted, (round(x * s + (w * s - fitted.width) / 2), round(y * s + (h * s - fitted.height) / 2)))


def build_letter_png(letter: LetterData, out: str | Path | BinaryIO, width_px: int = PNG_WIDTH) -> tuple[int, int]:
    """The letter as a picture for WeChat (1080 px wide by default); returns its size in pixels."""
    fonts = load_fonts()
    surface = _PngSurface(fonts, width_px)
    draw_letter(letter, surface, _Measure(fonts))
    surface.image_.save(out, format="PNG", compress_level=1)  # a batch of 300: speed over a few kB each
    return surface.image_.size


def png_name(letter: LetterData) -> str:
    """The picture's file name: the child's name and the month, so the social worker finds it on the phone."""
    safe = "".join(ch for ch in letter.child_name if ch not in '\\/:*?"<>|').strip() or f"儿童{letter.child_id}"
    return f"{safe}-{letter.year:04d}-{letter.month:02d}.png"
