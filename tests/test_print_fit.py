"""Long values on every printout: read back from the PDF, no character crosses a rule and none is below the floor."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
from pathlib import Path

import pytest

from qsh_desk.printing import textfit
from qsh_desk.printing.attendance import build_attendance
from qsh_desk.printing.cards import build_cards
from qsh_desk.printing.certificate import build_certificate
from qsh_desk.printing.layout import MM
from qsh_desk.printing.plans import build_duty_month, build_plan_month
from qsh_desk.printing.records import build_home_visit, build_session_record
from qsh_desk.printing.roster import build_roster
from qsh_desk.printing.sheets import build_signin_sheet, build_volunteer_sheet
from qsh_desk.services.certificates import CertificateData
from qsh_desk.services.duty import DayDuty, DutyMonth, Holder, PostDuty, PostInfo
from qsh_desk.services.plans import PlanMonth, PlanRow
from qsh_desk.services.registers import HomeVisitRecord, Roster, RosterRow
from qsh_desk.services.reports import (
    AttendanceMonth, AttendanceRow, Card, CardSet, SessionRecord, SigninRow, SigninSheet, VolunteerSheet,
    VolunteerSigninRow,
)

DAY = dt.date(2026, 3, 14)
STATION = "青山湖区塘山镇高新社区新时代文明实践站亲善之家（留守儿童之家）"
LONG_NAME = "阿卜杜热合曼·阿卜杜克热木·买买提明"  # 18 characters
MOTHER = "阿依古丽·买买提"
SCHOOL = "南昌市青山湖区塘山镇高新社区第一实验小学附属分校区"  # 26 characters, then the grade
THEME = "“小小水利工程师”水利科普实践活动暨防溺水安全教育主题班会（第二期）"  # 37 characters
MATERIALS = "彩纸、剪刀、胶水、卡纸、水彩笔、塑料瓶、吸管、PVC管材若干、防溺水宣传册、安全知识问答卡片"
LONG_TEXT = ("孩子们分组动手搭建了小水车模型，并讨论了家乡的水利设施。" * 12).strip()


def at(hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(DAY, dt.time(hour, minute))


def documents() -> dict[str, tuple]:
    """Every printed document, each with the longest values its fields take."""
    roster_rows = tuple(RosterRow(LONG_NAME, "男", dt.date(2015, 3, 1), "维吾尔族", SCHOOL + " 三年级", MOTHER + "（母亲）",
                                  "外祖母", "广东省深圳市宝安区西乡街道某电子厂流水线", "父母均外出务工（委托照料）", "13812345678")
                        for _ in range(25))
    signin_rows = tuple(SigninRow(LONG_NAME, "三年级（二）班", at(9, 5), at(16, 30), MOTHER, "外祖母（母亲的母亲）")
                        for _ in range(30))
    volunteers = tuple(VolunteerSigninRow(LONG_NAME, "江西师范大学青年志愿者协会“小候鸟”关爱服务队", at(8, 30), at(17),
                                          "48.5") for _ in range(5))
    days = (DAY, DAY + dt.timedelta(days=1), DAY + dt.timedelta(days=7), DAY + dt.timedelta(days=8))
    attendance = tuple(AttendanceRow(LONG_NAME, "三年级（二）班", frozenset(days[:3])) for _ in range(30))
    plans = tuple(PlanRow(i, DAY, dt.time(9, 30), dt.time(11), 1, "求知梦", "#336699", THEME, LONG_NAME,
                          "高新社区新时代文明实践中心二楼多功能活动室", MATERIALS, None, None) for i in range(12))
    post = PostInfo(1, "前台签到与接送登记岗", 2, dt.time(8, 30), dt.time(12), True)
    holders = tuple(Holder(i, i, LONG_NAME, True, None) for i in range(3))
    duty_days = tuple(DayDuty(d, (PostDuty(post, holders),)) for d in days)
    session = SessionRecord(STATION, 1, at(9, 30), at(11), "求知梦（水利科普）", THEME, "高新社区新时代文明实践中心二楼",
                            LONG_NAME, (LONG_NAME,) * 8, (LONG_NAME, MOTHER) * 20, LONG_TEXT, LONG_TEXT)
    visit = HomeVisitRecord(STATION, 1, LONG_NAME, "男", dt.date(2015, 3, 1), SCHOOL, "塘山镇高新社区" * 6,
                            MOTHER + "（外祖母）", DAY, "、".join([LONG_NAME] * 4), MOTHER, LONG_TEXT, LONG_TEXT,
                            LONG_TEXT, DAY + dt.timedelta(days=14), None)
    certificate = CertificateData(STATION, "2026-0001", LONG_NAME, "男", "360111199001011234",
                                  "江西师范大学青年志愿者协会“小候鸟”关爱服务队", "港澳居民来往内地通行证", "H12345678",
                                  DAY - dt.timedelta(days=180), DAY,
                                  "48.5", 23, LONG_TEXT, DAY, False)
    cards = tuple(Card(f"C{i:05d}", LONG_NAME, "接送：" + MOTHER + "（外祖母）" + SCHOOL, None) for i in range(12))
    return {
        "roster": (build_roster, Roster(STATION, DAY, roster_rows)),
        "signin": (build_signin_sheet, SigninSheet(STATION, DAY, signin_rows, "本周来过的儿童")),
        "volunteers": (build_volunteer_sheet, VolunteerSheet(STATION, DAY, volunteers)),
        "attendance": (build_attendance, AttendanceMonth(STATION, 2026, 3, days, attendance)),
        "plans": (build_plan_month, PlanMonth(STATION, 2026, 3, plans)),
        "duty": (build_duty_month, DutyMonth(STATION, 2026, 3, duty_days)),
        "session": (build_session_record, session),
        "home-visit": (build_home_visit, visit),
        "certificate": (build_certificate, certificate),
        "cards": (build_cards, CardSet(STATION, True, cards)),
    }


def _overlap(a0: float, a1: float, b0: float, b1: float) -> float:
    return min(a1, b1) - max(a0, b0)


def crossings(raw: bytes) -> tuple[list[str], float, int]:
    """Characters that cross a drawn rule or a filled shape, or sit within 5 mm of the paper's edge; the smallest
    type size; the number of characters looked at."""
    pdfplumber = pytest.importorskip("pdfplumber")
    found, smallest, count = [], 99.0, 0
    tolerance = 0.3  # pt
    with pdfplumber.open(io.BytesIO(raw)) as pdf:
        for number, page in enumerate(pdf.pages, 1):
            rules = [e for e in page.edges if e.get("stroke")]
            filled = [o for o in page.rects + page.curves if o.get("fill") and not o.get("stroke")
                      and o.get("non_stroking_color") in ((0,), [0], 0, (0.0,), [0.0])]
            for ch in page.chars:
                if ch["text"].isspace():
                    continue
                count += 1
                smallest = min(smallest, ch["size"])
                x0, x1, top, bottom = ch["x0"], ch["x1"], ch["top"], ch["bottom"]
                where = f"p{number} {ch['text']!r} at ({x0:.0f}, {top:.0f})"
                if min(x0, top, page.width - x1, page.height - bottom) < 5 * MM:
                    found.append(where + " near the edge")
                for e in rules:
                    if e["orientation"] == "v":
                        crosses = x0 + tolerance < e["x0"] < x1 - tolerance and _overlap(top, bottom, e["top"],
                                                                                         e["bottom"]) > tolerance
                    else:
                        crosses = top + tolerance < e["top"] < bottom - tolerance and _overlap(x0, x1, e["x0"],
                                                                                               e["x1"]) > tolerance
                    if crosses:
                        found.append(where + f" crosses a rule at {e['x0']:.0f},{e['top']:.0f}")
                for o in filled:
                    if (_overlap(x0, x1, o["x0"], o["x1"]) > tolerance
                            and _overlap(top, bottom, o["top"], o["bottom"]) > tolerance):
                        found.append(where + " is drawn over a filled shape (a QR code)")
    return found, smallest, count


@pytest.mark.parametrize("name", list(documents()))
def test_long_values_never_cross_a_rule_and_never_shrink_below_the_floor(name):
    build, data = documents()[name]
    buffer = io.BytesIO()
    build(data, buffer)
    found, smallest, count = crossings(buffer.getvalue())
    assert count > 100
    assert not found, found[:10]
    assert smallest >= textfit.FLOOR - 0.01


def test_long_values_print_in_full_where_the_row_can_grow():
    from pypdf import PdfReader

    build, data = documents()["roster"]
    buffer = io.BytesIO()
    build(data, buffer)
    text = "".join(page.extract_text() for page in PdfReader(buffer).pages).replace("\n", "")
    assert text.count("阿卜杜热合曼·") == 25 and text.count("买买提明") == 25
    assert text.count("附属分校区") == 25  # the school wraps, the row grows: nothing is cut off
    assert "…" not in text


def measure(text: str) -> float:
    return float(len(text))  # one unit a character: the break rules, not the font, are under test


@pytest.mark.parametrize("text, width, lines", [
    ("阿依古丽·买买提", 6, ["阿依古丽·", "买买提"]),  # a name breaks at its dot, never inside a part
    ("阿卜杜热合曼·阿卜杜克热木·买买提明", 8, ["阿卜杜热合曼·", "阿卜杜克热木·", "买买提明"]),
    ("共 48.5 小时", 8, ["共", "48.5 小时"]),  # a number keeps its digits and its unit
    ("王小明（父亲）", 4, ["王小明", "（父亲）"]),  # a bracket stays with what it encloses
    ("王小明（父亲）", 6, ["王小明（父", "亲）"]),  # …at least with its first and last character
    ("09:30–11:00 活动", 12, ["09:30–11:00", "活动"]),
    ("很长很长的没有标点的一段话", 5, ["很长很长的", "没有标点的", "一段话"]),
    ("x" * 12, 5, ["xxxxx", "xxxxx", "xx"]),  # a word longer than a line is broken rather than overprinted
])
def test_lines_break_where_chinese_typesetting_allows(text, width, lines):
    assert textfit.wrap(text, width, 1.0, measure) == lines


def test_a_box_of_fixed_size_ends_in_an_ellipsis_not_smaller_type():
    fitted = textfit.fit("很长很长的没有标点的一段话" * 3, 5, 2.5 * textfit.LEADING, 10, measure, floor=1,
                         max_lines=2)
    assert fitted.size == 1 or len(fitted.lines) <= 2
    tight = textfit.fit("很长很长的没有标点的一段话" * 3, 50, 20, 10, measure, max_lines=2)
    assert tight.size == textfit.FLOOR and len(tight.lines) == 2 and tight.lines[-1].endswith("…")
    assert all(len(line) * tight.size <= 50 for line in tight.lines)


def _decoded_cards(pages: list[Path], dpi: int) -> list[str]:
    """What a scanner held over each card reads: every card position of every page, decoded on its own."""
    from PIL import Image

    from qsh_desk.printing import cards

    crops = []
    for page in pages:
        with Image.open(page) as image:
            scale = dpi / 72
            ox, oy = cards._origin(*(v / scale for v in image.size))
            for row in range(cards.ROWS):
                for col in range(cards.COLUMNS):
                    x, y = ox + col * cards.CARD_W, oy + row * cards.CARD_H  # from the top: the same margins
                    crop = page.with_name(f"{page.stem}-{row}{col}.png")
                    image.crop(tuple(round(v * scale) for v in (x, y, x + cards.CARD_W, y + cards.CARD_H))).save(crop)
                    crops.append(str(crop))
    scanned = subprocess.run(["zbarimg", "--raw", "-q", "-Sdisable", "-Sqrcode.enable", *crops],
                             capture_output=True, text=True)
    return scanned.stdout.split()


@pytest.mark.parametrize("renderer", ["poppler", "mupdf"])
def test_every_qr_code_decodes_from_a_150_dpi_render(renderer, tmp_path):
    """mupdf anti-aliases each shape on its own: a code drawn as one rectangle per module decoded 127 of 211."""
    tool = {"poppler": "pdftoppm", "mupdf": "mutool"}[renderer]
    if not (shutil.which(tool) and shutil.which("zbarimg")):
        pytest.skip(f"needs {tool} and zbarimg (packaging/linux/system-deps.sh --test)")
    codes = [f"{prefix}{n:05d}" for prefix in ("C", "G") for n in range(1, 106, 7)]  # 30 cards on 3 pages
    buffer = io.BytesIO()
    build_cards(CardSet(STATION, False, tuple(Card(code, LONG_NAME, "三年级", None) for code in codes)), buffer)
    pdf = tmp_path / "cards.pdf"
    pdf.write_bytes(buffer.getvalue())
    if renderer == "poppler":
        subprocess.run(["pdftoppm", "-r", "150", "-png", str(pdf), str(tmp_path / "page")], check=True)
    else:
        subprocess.run(["mutool", "draw", "-q", "-r", "150", "-o", str(tmp_path / "page-%d.png"), str(pdf)],
                       check=True, capture_output=True)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) == 3
    assert sorted(_decoded_cards(pages, 150)) == sorted(codes)


@pytest.mark.parametrize("name", list(documents()))
def test_every_font_a_page_uses_or_references_is_embedded(name):
    """ReportLab opens each page with an empty text object in Helvetica, which a PDF/A preflight flags."""
    from pypdf import PdfReader

    build, data = documents()[name]
    buffer = io.BytesIO()
    build(data, buffer)
    unembedded = set()
    for page in PdfReader(buffer).pages:
        for font in page["/Resources"].get_object().get("/Font", {}).values():
            font = font.get_object()
            holder = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = holder.get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor is not None else {}
            if not any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")):
                unembedded.add(str(font.get("/BaseFont")))
    assert not unembedded
