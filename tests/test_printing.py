"""The printouts read back with pypdf: names, counts, dates, page numbers, no phones on sign-in sheets, rare names."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
from decimal import Decimal

import pytest
from pypdf import PdfReader
from sqlalchemy import select, update

from qsh_desk.db.models import (
    AuditEntry,
    Certificate,
    Child,
    ChildVisit,
    Guardianship,
    HomeVisit,
    Parent,
    ProgrammeSession,
    SessionParticipant,
    SessionPhoto,
    SessionVolunteer,
    Team,
    Volunteer,
)
from qsh_desk.printing import fonts
from qsh_desk.printing.attendance import build_attendance
from qsh_desk.printing.cards import build_cards
from qsh_desk.printing.certificate import build_certificate
from qsh_desk.printing.records import build_home_visit, build_session_record
from qsh_desk.printing.roster import build_roster
from qsh_desk.printing.sheets import build_signin_sheet, build_volunteer_sheet
from qsh_desk.services import certificates, registers, reports, settings
from qsh_desk.services.access import Actor, Role
from qsh_desk.services.errors import Ambiguous, InvalidInput, NotFound, PermissionDenied
from tests.desk_helpers import add_child
from tests.programme_data import add_shift, add_volunteer, dream_id
from tests.moments import TODAY

SATURDAY = dt.date(2026, 3, 14)
RARE_NAMES = ("李䶮", "王𬌗", "赵𫖯", "陈𬬭", "吉𠮷")


def pdf_of(build, data) -> tuple[PdfReader, list[str], bytes]:
    buffer = io.BytesIO()
    pages = build(data, buffer)
    raw = buffer.getvalue()
    reader = PdfReader(io.BytesIO(raw))
    assert len(reader.pages) == pages
    return reader, [page.extract_text() for page in reader.pages], raw


def duty(station) -> Actor:
    return Actor(user_id=None, name="duty", role=Role.DUTY, station_id=station.id)


def social(station) -> Actor:
    return Actor(user_id=None, name="social", role=Role.SOCIAL, station_id=station.id)


def visit(db, station, child_id, at, out=None, collector=None, relation=None) -> None:
    with db.transaction() as s:
        s.add(ChildVisit(station_id=station.id, child_id=child_id, checked_in_at=at, checked_out_at=out,
                         collector_name=collector, collector_relation=relation))


def assert_page_numbers(texts: list[str]) -> None:
    total = len(texts)
    for number, text in enumerate(texts, start=1):
        assert f"第 {number} 页 / 共 {total} 页" in text


# -- sign-in sheets --------------------------------------------------------------------------------------
def test_signin_sheet_lists_expected_children_by_pinyin_with_times_and_no_phone_or_id(db, station, admin):
    settings.set_value(db, admin, "signin_expected", "active")
    ids = {name: add_child(db, station.id, name, guardians=(("王秀英", "祖母", "13812345678"),))
           for name in ("张三", "曾小明", "陈大", "单田芳")}
    with db.transaction() as s:
        s.execute(update(Child).values(id_number="360111201705011234"))
    visit(db, station, ids["陈大"], dt.datetime.combine(SATURDAY, dt.time(9, 5)),
          dt.datetime.combine(SATURDAY, dt.time(16, 40)), "王秀英", "祖母")

    sheet = reports.signin_sheet(db, duty(station), SATURDAY)
    reader, texts, _ = pdf_of(build_signin_sheet, sheet)
    text = "\n".join(texts)

    assert [r.name for r in sheet.rows] == ["陈大", "单田芳", "曾小明", "张三"]  # 单 shan, 曾 zeng as surnames
    positions = [text.index(name) for name in ("陈大", "单田芳", "曾小明", "张三")]
    assert positions == sorted(positions)
    assert "儿童每日签到表" in text and "2026年3月14日 星期六" in text and station.name in text
    for title in ("序号", "姓名", "年级", "签到时间", "签退时间", "接送人", "关系", "接送人签名", "填表人", "复核人"):
        assert title in text
    assert "09:05" in text and "16:40" in text and "王秀英" in text  # filled in after the fact
    assert "13812345678" not in text and "5678" not in text and "360111" not in text
    assert not re.search(r"\d{7,}", text)  # no phone or ID number of any kind
    assert_page_numbers(texts)


def test_signin_sheet_recent_rule_and_walk_in_rows(db, station, admin):
    settings.set_value(db, admin, "signin_recent_weeks", 4)
    regular = add_child(db, station.id, "刘常来")
    gone = add_child(db, station.id, "孙久违")
    add_child(db, station.id, "周未来")
    visit(db, station, regular, dt.datetime(2026, 2, 28, 9), dt.datetime(2026, 2, 28, 12))
    visit(db, station, gone, dt.datetime(2025, 10, 4, 9), dt.datetime(2025, 10, 4, 12))

    sheet = reports.signin_sheet(db, admin, SATURDAY)
    reader, texts, _ = pdf_of(build_signin_sheet, sheet)

    assert [r.name for r in sheet.rows] == ["刘常来"]
    assert "刘常来" in texts[0] and "孙久违" not in texts[0] and "周未来" not in texts[0]
    # The page is filled with numbered blank rows for children who come without being expected.
    numbers = [int(n) for n in re.findall(r"^(\d+)\s*$", texts[0], re.M)]
    assert len(reader.pages) == 1 and max(numbers) >= 20


def test_a_200_child_sheet_numbers_its_pages(db, station, admin):
    settings.set_value(db, admin, "signin_expected", "active")
    for i in range(200):
        add_child(db, station.id, f"王{i:03d}", guardians=())
    sheet = reports.signin_sheet(db, admin, SATURDAY)
    reader, texts, raw = pdf_of(build_signin_sheet, sheet)
    assert len(sheet.rows) == 200
    assert len(texts) == 8
    assert_page_numbers(texts)
    assert "王199" in texts[-1] and "填表人" in texts[-1] and "填表人" not in texts[0]
    assert len(raw) < 150_000


def test_volunteer_sheet_shows_team_times_and_hours(db, station, admin):
    vid = add_volunteer(db, station, "黄志愿")
    with db.transaction() as s:
        team = Team(station_id=station.id, name="南昌大学志愿服务队")
        s.add(team)
        s.flush()
        s.execute(update(Volunteer).where(Volunteer.id == vid).values(team_id=team.id, phone="13900001111"))
    add_shift(db, station, vid, dt.datetime.combine(SATURDAY, dt.time(8, 30)), hours=3)
    sheet = reports.volunteer_sheet(db, duty(station), SATURDAY)
    _, texts, _ = pdf_of(build_volunteer_sheet, sheet)
    text = texts[0]
    assert "志愿者签到表" in text and "黄志愿" in text and "南昌大学志愿服务队" in text
    assert "08:30" in text and "11:30" in text and re.search(r"\b3\b", text)
    assert "13900001111" not in text
    assert_page_numbers(texts)


# -- 月度考勤表 ----------------------------------------------------------------------------------------------
def test_attendance_grid_marks_days_and_totals(db, station, admin):
    a = add_child(db, station.id, "安安")
    b = add_child(db, station.id, "贝贝")
    add_child(db, station.id, "没来过")
    for day in (7, 8, 14):
        visit(db, station, a, dt.datetime(2026, 3, day, 9), dt.datetime(2026, 3, day, 12))
    visit(db, station, b, dt.datetime(2026, 3, 14, 9), dt.datetime(2026, 3, 14, 12))
    visit(db, station, b, dt.datetime(2026, 3, 18, 9), dt.datetime(2026, 3, 18, 12))  # a Wednesday: an extra day

    month = reports.attendance_month(db, admin, 2026, 3)
    _, texts, _ = pdf_of(build_attendance, month)
    text = "\n".join(texts)

    weekends = [d for d in month.days if d.weekday() >= 5]
    assert len(weekends) == 9 and dt.date(2026, 3, 18) in month.days and len(month.days) == 10
    assert [r.name for r in month.rows] == ["安安", "贝贝"]
    assert "没来过" not in text
    assert text.count("✓") == 5
    assert month.total_for_day(dt.date(2026, 3, 14)) == 2 and month.total == 5
    assert "每日合计" in text and "合计" in text and "2026年3月" in text and "18日 周三" in text
    assert re.search(r"安安\s+三年级\s+(✓\s+){3}3\s", text)  # the child's total
    # The day totals in date order (1, 7, 8, 14, 15, 18, 21, …) and the month's total.
    assert re.search(r"每日合计\s+0\s+1\s+1\s+2\s+0\s+1\s+0\s+0\s+0\s+0\s+5\s", text)
    assert_page_numbers(texts)


def test_attendance_month_must_be_year_dash_month():
    with pytest.raises(InvalidInput, match="2026-03"):
        reports.parse_month("三月")


# -- 活动记录表 ----------------------------------------------------------------------------------------------
def test_session_record_with_people_summary_and_photos(db, station, admin, tmp_path, monkeypatch):
    from PIL import Image

    monkeypatch.setenv("QSH_DESK_DATA_DIR", str(tmp_path))
    (tmp_path / "photos").mkdir()
    for i in range(5):
        Image.new("RGB", (64, 48), (40 * i, 120, 200)).save(tmp_path / "photos" / f"p{i}.jpg")
    kids = [add_child(db, station.id, name, guardians=()) for name in ("孙悟空", "猪八戒")]
    helper = add_volunteer(db, station, "唐老师")
    with db.transaction() as s:
        session = ProgrammeSession(station_id=station.id, dream_id=dream_id(db, station, "求知梦"),
                                   starts_at=dt.datetime(2026, 3, 14, 9, 30), ends_at=dt.datetime(2026, 3, 14, 11),
                                   theme="水利科普", place="活动室", organiser_volunteer_id=helper,
                                   summary="参观了水利模型。" * 30)
        s.add(session)
        s.flush()
        s.add_all([SessionParticipant(session_id=session.id, child_id=k) for k in kids])
        s.add(SessionVolunteer(session_id=session.id, volunteer_id=helper))
        s.add_all([SessionPhoto(session_id=session.id, path=f"photos/p{i}.jpg", sort_order=i) for i in range(5)])
        session_id = session.id

    record = reports.session_record(db, duty(station), session_id)
    reader, texts, _ = pdf_of(build_session_record, record)
    text = "\n".join(texts)
    assert "活动记录表" in text and "2026年3月14日" in text and "09:30—11:00" in text
    assert "求知梦" in text and "水利科普" in text and "活动室" in text and "唐老师" in text
    assert "共 2 人" in text and "孙悟空" in text and "猪八戒" in text and "参观了水利模型" in text
    assert len(record.photos) == 4
    assert sum(len(page.images) for page in reader.pages) == 4
    assert_page_numbers(texts)
    with pytest.raises(NotFound):
        reports.session_record(db, admin, session_id + 999)


# -- 花名册 and 家访 (restricted, audited) -------------------------------------------------------------------
def _audit_rows(db, action: str, entity: str) -> list[AuditEntry]:
    with db.transaction() as s:
        rows = s.scalars(select(AuditEntry).where(AuditEntry.action == action, AuditEntry.entity == entity)).all()
        s.expunge_all()
        return rows


def test_roster_has_the_template_columns_and_is_restricted_and_audited(db, station, admin):
    cid = add_child(db, station.id, "罗小花", guardians=(("罗大爷", "祖父", "13700002222"),))
    with db.transaction() as s:
        s.add(Parent(child_id=cid, relation="父亲", name="罗父", work_province="广东", work_city="东莞"))
        s.add(Guardianship(child_id=cid, kind="父母均外出"))

    with pytest.raises(PermissionDenied):
        registers.roster(db, duty(station))
    assert _audit_rows(db, "denied", "print:roster")

    roster = registers.roster(db, social(station))
    _, texts, _ = pdf_of(build_roster, roster)
    text = "\n".join(texts)
    for title in ("姓名", "性别", "出生日期", "民族", "学校/年级", "监护人", "关系", "父母务工地", "监护类型", "联系电话"):
        assert title in text
    assert "罗小花" in text and "2017-05-01" in text and "汉族" in text and "罗大爷" in text and "祖父" in text
    assert "广东东莞" in text and "父母均外出" in text and "13700002222" in text
    printed = _audit_rows(db, "print", "roster")
    assert len(printed) == 1 and printed[0].actor == "social" and printed[0].detail == {"children": 1}
    assert_page_numbers(texts)


def test_home_visit_record_is_restricted_and_audited_against_the_child(db, station, admin):
    cid = add_child(db, station.id, "何家访")
    with db.transaction() as s:
        hv = HomeVisit(station_id=station.id, child_id=cid, visited_on=dt.date(2026, 3, 10), visitors="社工小李",
                       met_whom="祖母", findings="住房整洁。", needs="作业辅导", follow_up_actions="安排结对",
                       follow_up_due=dt.date(2026, 4, 10))
        s.add(hv)
        s.flush()
        visit_id = hv.id
    with pytest.raises(PermissionDenied):
        registers.home_visit_record(db, duty(station), visit_id)
    record = registers.home_visit_record(db, admin, visit_id)
    _, texts, _ = pdf_of(build_home_visit, record)
    text = texts[0]
    assert "家访记录表" in text and "何家访" in text and "2026年3月10日" in text and "社工小李" in text
    assert "作业辅导" in text and "2026年4月10日" in text and "家访人" in text and "监护人" in text
    printed = _audit_rows(db, "print", "home_visit")
    assert [(r.entity_id, r.child_id) for r in printed] == [(visit_id, cid)]
    assert_page_numbers(texts)


# -- 志愿服务时长证明 ------------------------------------------------------------------------------------------
def test_certificate_serials_are_per_station_and_year_and_reprints_keep_them(db, station, admin):
    first = add_volunteer(db, station, "钱志远")
    second = add_volunteer(db, station, "孙志近")
    for vid in (first, second):
        add_shift(db, station, vid, dt.datetime(2026, 3, 7, 9), hours=3)
        add_shift(db, station, vid, dt.datetime(2026, 3, 14, 9), hours=4)
    add_shift(db, station, first, dt.datetime(2026, 5, 1, 9), hours=8)  # outside the period
    year = TODAY.year

    cert = certificates.volunteer_certificate(db, duty(station), "钱志远", dt.date(2026, 3, 1), dt.date(2026, 3, 31))
    other = certificates.volunteer_certificate(db, admin, second, dt.date(2026, 3, 1), dt.date(2026, 3, 31))
    again = certificates.volunteer_certificate(db, admin, str(first), dt.date(2026, 3, 1), dt.date(2026, 3, 31))

    assert (cert.serial, other.serial) == (f"{year}-0001", f"{year}-0002")
    assert again.serial == cert.serial and again.reprint and not cert.reprint
    assert cert.hours == "7" and cert.shifts == 2
    with db.transaction() as s:
        assert s.scalar(select(Certificate.hours).where(Certificate.volunteer_id == first)) == Decimal("7")
    _, texts, _ = pdf_of(build_certificate, cert)
    text = texts[0]
    assert "志愿服务时长证明" in text and "钱志远" in text and f"{year}-0001" in text
    assert "2026年3月1日" in text and "2026年3月31日" in text and "7 小时" in text and "盖章" in text
    assert station.name in text and "第 1 页 / 共 1 页" in text


def test_certificate_needs_one_volunteer_and_some_hours(db, station, admin):
    add_volunteer(db, station, "同名")
    add_volunteer(db, station, "同名")
    lonely = add_volunteer(db, station, "没值班")
    with pytest.raises(Ambiguous) as ambiguous:
        certificates.volunteer_certificate(db, admin, "同名", dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    assert len(ambiguous.value.candidates) == 2
    with pytest.raises(InvalidInput, match="没有已签退的服务记录"):
        certificates.volunteer_certificate(db, admin, lonely, dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    with pytest.raises(NotFound):
        certificates.volunteer_certificate(db, admin, "不存在的人", dt.date(2026, 1, 1), dt.date(2026, 12, 31))


# -- cards -------------------------------------------------------------------------------------------------
def test_child_and_pickup_cards_ten_per_page(db, station, admin):
    for i in range(12):
        add_child(db, station.id, f"卡{i:02d}", guardians=(("奶奶", "祖母", "13800000000"), ("爷爷", "祖父", "1")))
    child_cards = reports.cards(db, duty(station))
    reader, texts, _ = pdf_of(build_cards, child_cards)
    assert len(texts) == 2
    assert all(card.code in "".join(texts) for card in child_cards.cards)
    assert texts[0].count("儿童卡") >= 10 and "卡11" in texts[1]
    assert_page_numbers(texts)

    pickup = reports.cards(db, duty(station), pickup=True)
    _, texts, _ = pdf_of(build_cards, pickup)
    assert len(pickup.cards) == 24 and len(texts) == 3
    assert "接送：卡00（祖母）" in texts[0] and "爷爷" in texts[0]
    assert "13800000000" not in "".join(texts)


@pytest.mark.skipif(not (shutil.which("zbarimg") and shutil.which("pdftoppm")),
                    reason="reading QR codes needs zbarimg (zbar-tools) and pdftoppm (poppler-utils)")
def test_the_qr_code_on_every_card_reads_back_as_its_card_code(db, station, tmp_path):
    """What the desk's scanner will read: each card's QR code decodes to that child's card code."""
    for i in range(3):
        add_child(db, station.id, f"码{i}")
    cards = reports.cards(db, duty(station))
    _, _, raw = pdf_of(build_cards, cards)
    (tmp_path / "cards.pdf").write_bytes(raw)
    subprocess.run(["pdftoppm", "-r", "200", "-png", str(tmp_path / "cards.pdf"), str(tmp_path / "page")], check=True)
    pages = sorted(map(str, tmp_path.glob("page*.png")))
    scanned = subprocess.run(["zbarimg", "--raw", "-q", "-Sdisable", "-Sqrcode.enable", *pages],
                             capture_output=True, text=True)
    assert sorted(scanned.stdout.split()) == sorted(card.code for card in cards.cards)


# -- fonts ---------------------------------------------------------------------------------------------------
def _embedded_characters(raw: bytes) -> tuple[set[str], list[str]]:
    """Every character the PDF's embedded TrueType subsets map to, and the subsets' names."""
    reader = PdfReader(io.BytesIO(raw))
    chars: set[str] = set()
    names = []
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            if font["/BaseFont"] == "/Helvetica":
                continue  # the canvas's initial font, listed but never used for text
            assert "/FontFile2" in font["/FontDescriptor"].get_object()  # embedded TrueType, not a CID font
            names.append(str(font["/BaseFont"]))
            cmap = font["/ToUnicode"].get_object().get_data().decode("ascii")
            cmap = cmap[cmap.index("beginbfchar"):cmap.index("endbfchar")]
            for hexed in re.findall(r"<[0-9A-F]{2}> <([0-9A-F]+)>", cmap):
                chars.add(bytes.fromhex(hexed).decode("utf-16-be"))  # fails on a non-UTF-16 entry
    return chars, names


def test_rare_name_characters_print_as_glyphs_and_come_back_from_the_text(db, station, admin):
    settings.set_value(db, admin, "signin_expected", "active")
    for name in RARE_NAMES:
        add_child(db, station.id, name)
    sheet = reports.signin_sheet(db, admin, SATURDAY)
    _, texts, raw = pdf_of(build_signin_sheet, sheet)
    for name in RARE_NAMES:
        assert name in texts[0]
    embedded, names = _embedded_characters(raw)
    assert set("䶮𬌗𫖯𬬭𠮷") <= embedded
    assert any("LXGW" in n or "zenhei" in n.lower() for n in names)  # a fallback font was embedded


def test_the_fonts_cover_the_rare_characters_and_split_runs():
    found = fonts.load_fonts()
    assert all(found.has_glyph(ch) for ch in "䶮𬌗𫖯𬬭𠮷签到0123456789")
    runs = found.runs("王𬬭明")
    assert "".join(text for _, text in runs) == "王𬬭明"
    assert runs[0][0] == found.primary and len(runs) == 3


def test_no_usable_font_says_what_to_install(tmp_path):
    broken = tmp_path / "not-a-font.ttf"
    broken.write_bytes(b"nope")
    with pytest.raises(fonts.FontNotFound) as missing:
        fonts.load_fonts([fonts.FontCandidate(str(broken)), fonts.FontCandidate(str(tmp_path / "absent.ttc"))])
    assert "fonts-wqy-microhei" in str(missing.value) and "msyh.ttc" in str(missing.value)


def test_to_unicode_writes_surrogate_pairs_above_the_bmp():
    cmap = fonts._to_unicode_cmap("X", [0x20, 0x738B, 0x2CB2D])
    assert "<01> <738B>" in cmap and "<02> <D872DF2D>" in cmap
