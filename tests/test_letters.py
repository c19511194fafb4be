"""给爸爸妈妈的信: the letter says what the desk recorded that month, shows no photo without consent, and is sent."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from PIL import Image
from pypdf import PdfReader
from sqlalchemy import select

from qsh_desk.db.models import (
    AuditEntry,
    Consent,
    Parent,
    ParentContact,
    ProgrammeSession,
    SessionParticipant,
    SessionPhoto,
)
from qsh_desk.printing.letter import build_letter_png, build_letters
from qsh_desk.services import archive, letters, settings
from qsh_desk.services.access import Actor, Role
from qsh_desk.services.errors import InvalidInput, PermissionDenied
from qsh_desk.services.letters import tag_photo
from qsh_desk.services.photos import store
from tests.programme_data import add_child, check_in, dream_id

MONTH = "2026-11"


def _png_file(path, colour=(200, 120, 90)) -> None:
    Image.new("RGB", (80, 60), colour).save(path)


def _parent(db, child_id: int, relation: str, name: str) -> None:
    with db.transaction() as s:
        s.add(Parent(child_id=child_id, relation=relation, name=name, phone="13800001111", work_city="东莞"))


def _session(db, station, dream: str, at: dt.datetime, theme: str, children: list[int], photos=()) -> int:
    with db.transaction() as s:
        row = ProgrammeSession(station_id=station.id, dream_id=dream_id(db, station, dream), starts_at=at, theme=theme)
        s.add(row)
        s.flush()
        s.add_all(SessionParticipant(session_id=row.id, child_id=c) for c in children)
        for order, path in enumerate(photos):
            s.add(SessionPhoto(session_id=row.id, path=path, sort_order=order))
        return row.id


def _consent(db, child_id: int) -> None:
    with db.transaction() as s:
        s.add(Consent(child_id=child_id, kind="photo", given_by="奶奶", given_on=dt.date(2026, 1, 1)))


@pytest.fixture
def month(db, station, tmp_path):
    """Two children: 张小雨 (photo consent, parents on file) came three days; 王浩然 (no consent) came once."""
    xiaoyu = add_child(db, station, "张小雨")
    haoran = add_child(db, station, "王浩然")
    nobody = add_child(db, station, "李思琪")  # came, but no parent is on file
    _parent(db, xiaoyu, "父亲", "张建华")
    _parent(db, xiaoyu, "母亲", "刘芳")
    _parent(db, haoran, "母亲", "陈丽")
    _consent(db, xiaoyu)
    for day in (7, 14, 28):
        check_in(db, station, xiaoyu, dt.datetime(2026, 11, day, 9, 5))
    check_in(db, station, haoran, dt.datetime(2026, 11, 14, 9, 20))
    check_in(db, station, nobody, dt.datetime(2026, 11, 14, 9, 30))
    check_in(db, station, xiaoyu, dt.datetime(2026, 10, 31, 9, 0))  # another month: not in the letter
    source = tmp_path / "photo.png"
    _png_file(source)
    alone, together, untagged = (store(source, "sessions/test", "photo") for _ in range(3))
    reading = _session(db, station, "求知梦", dt.datetime(2026, 11, 14, 10, 0), "水利科普小课堂", [xiaoyu, haoran],
                       photos=(alone, together, untagged))
    _session(db, station, "快乐梦", dt.datetime(2026, 11, 28, 14, 0), "趣味运动会", [xiaoyu])
    _session(db, station, "出彩梦", dt.datetime(2026, 11, 21, 14, 0), "电子琴", [haoran])
    return {"xiaoyu": xiaoyu, "haoran": haoran, "nobody": nobody, "reading": reading, "alone": alone,
            "together": together, "untagged": untagged}


def test_the_letter_has_the_days_and_sessions_of_that_month(db, station, admin, month):
    letter = letters.letter(db, admin, month["xiaoyu"], MONTH)
    assert letter.given_name == "小雨" and letter.greeting == "亲爱的爸爸妈妈"
    assert letter.came == {dt.date(2026, 11, d) for d in (7, 14, 28)}
    assert [(s.day.day, s.dream, s.theme) for s in letter.sessions] == [
        (14, "求知梦", "水利科普小课堂"), (28, "快乐梦", "趣味运动会")]
    assert dt.date(2026, 11, 7) in letter.opening_days and dt.date(2026, 11, 9) not in letter.opening_days
    assert letter.next_opening_days[0] == dt.date(2026, 12, 5)
    other = letters.letter(db, admin, month["haoran"], MONTH)
    assert other.greeting == "亲爱的妈妈" and other.came == {dt.date(2026, 11, 14)}
    assert [s.theme for s in other.sessions] == ["水利科普小课堂", "电子琴"]


def test_a_photo_shows_only_when_every_child_in_it_has_photo_consent(db, station, admin, month):
    tag_photo(db, admin, month["reading"], month["alone"], [month["xiaoyu"]])
    tag_photo(db, admin, month["reading"], month["together"], [month["xiaoyu"], month["haoran"]])
    shown = [p.name for p in letters.letter(db, admin, month["xiaoyu"], MONTH).photos]
    assert shown == [month["alone"].rsplit("/", 1)[1]]  # not the one with 王浩然, not the untagged one
    assert letters.letter(db, admin, month["haoran"], MONTH).photos == ()  # no consent: none of his
    with pytest.raises(InvalidInput):  # only the session's children can be in its photos
        tag_photo(db, admin, month["reading"], month["alone"], [month["nobody"]])


def test_only_social_workers_and_administrators_make_letters_and_each_is_an_audited_read(db, station, month):
    duty = Actor(None, "值班", Role.DUTY, station.id)
    with pytest.raises(PermissionDenied):
        letters.letter(db, duty, month["xiaoyu"], MONTH)
    social = Actor(None, "社工", Role.SOCIAL, station.id)
    letters.letter(db, social, month["xiaoyu"], MONTH)
    with db.transaction() as s:
        reads = s.scalars(select(AuditEntry.child_id).where(AuditEntry.action == "read",
                                                            AuditEntry.entity == "letter")).all()
        denied = s.scalar(select(AuditEntry.id).where(AuditEntry.action == "denied", AuditEntry.actor == "值班"))
    assert reads == [month["xiaoyu"]] and denied is not None


def test_the_batch_lists_the_children_without_parents(db, station, admin, month):
    ticks = []
    batch = letters.letters(db, admin, MONTH, progress=lambda done, total: ticks.append((done, total)))
    assert [letter.child_name for letter in batch.letters] == ["王浩然", "张小雨"]  # pinyin order
    assert batch.without_parents == ("李思琪",)
    assert ticks[-1] == (2, 2)


def test_the_pdf_and_the_png_show_the_letter_and_no_other_child(db, station, admin, month, tmp_path):
    settings.set_value(db, admin, "station_phone", "0791-88886666")
    letters.save_words(db, admin, month["xiaoyu"], MONTH, note="小雨这个月学会了自己整理书包。",
                       child_words="爸爸妈妈，过年早点回来！")
    letter = letters.letter(db, admin, month["xiaoyu"], MONTH)
    pdf = io.BytesIO()
    assert build_letters(letter, pdf) == 1
    text = PdfReader(io.BytesIO(pdf.getvalue())).pages[0].extract_text()
    for expected in ("给爸爸妈妈的信", "亲爱的爸爸妈妈", "小雨来亲善之家 3 天", "参加了 2 次活动", "水利科普小课堂",
                     "趣味运动会", "小雨这个月学会了自己整理书包", "过年早点回来", "0791-88886666", "12月5"):
        assert expected in text, expected
    for hidden in ("王浩然", "13800001111", "张建华"):  # another child, a parent's phone, a parent's name
        assert hidden not in text
    page = PdfReader(io.BytesIO(pdf.getvalue())).pages[0]
    assert round(float(page.mediabox.width) / 72 * 25.4) == 148  # A5
    width, height = build_letter_png(letter, tmp_path / "letter.png")
    assert width >= 1000 and height > width
    with Image.open(tmp_path / "letter.png") as image:
        assert image.size == (width, height)
        # Text really drawn: the picture is not blank.
        assert len(image.convert("L").getcolors(maxcolors=1_000_000)) > 50


def test_marking_sent_becomes_a_parent_contact_that_the_archive_and_its_alert_see(db, station, admin, month):
    social = Actor(None, "社工", Role.SOCIAL, station.id)
    sent = letters.mark_sent(db, social, month["xiaoyu"], MONTH, "wechat", parent="妈妈")
    assert sent.channel == "微信" and sent.parent == "妈妈"
    record = archive.get_archive(db, social, month["xiaoyu"])
    assert record.last_letter is not None and record.last_letter.parent_label == "母亲 刘芳"
    assert record.last_letter.letter_month == dt.date(2026, 11, 1) and record.last_letter.channel == "微信"
    no_contact = {a.child.id for a in archive.alerts(db, social).no_contact}
    assert month["xiaoyu"] not in no_contact and month["haoran"] in no_contact
    with db.transaction() as s:
        assert s.scalar(select(ParentContact.initiated_by).where(ParentContact.id == sent.contact_id)) == "station"
    with pytest.raises(InvalidInput, match="wechat"):
        letters.mark_sent(db, social, month["xiaoyu"], MONTH, "email")
    with pytest.raises(InvalidInput, match="还没到"):
        letters.mark_sent(db, social, month["xiaoyu"], "2027-01", "letter")
