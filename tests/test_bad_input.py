"""Bad input, generated (hypothesis): the validators and importers never crash, never half-write, always explain."""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import string
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, assume, event, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from qsh_desk.db.models import AuditEntry, Child, Guardian, Team, Volunteer
from qsh_desk.services import import_files, importing, roster, validation, volunteers
from qsh_desk.services.errors import InvalidInput, ServiceError
from qsh_desk.services.roster import ChildInput, GuardianInput
from qsh_desk.services.validation import BadValue

# Characters people really have in names, plus the ones that break software: rare ideographs outside the BMP
# (𬌗 𫖯 𬬭 are in official given names), Ext-A, compatibility ideographs, the middle dot, letters.
RARE = "𬌗𫖯𬬭𠮷䶮𪚥𡈽𤭢𨚕𬱖𬇙𬍛𬸚𫟅"
COMMON = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤小明红军华芳丽强伟秀英建国梓涵浩宇欣怡子轩一诺"
TRICKY = "·•・.． \u3000\u200b\ufeff\u00ad\t\n123１２３!@#%&*()（）【】《》,，;；'\"<>/\\😀🇨🇳\u0301\u202e\x00\x7f"
ANY_TEXT = st.text(alphabet=st.sampled_from(COMMON + RARE + TRICKY + string.ascii_letters), max_size=40) | st.text(
    max_size=40)
CELL = st.one_of(st.none(), ANY_TEXT, st.integers(-10**20, 10**20), st.floats(allow_nan=True, allow_infinity=True),
                 st.booleans(), st.dates(), st.datetimes())
FUZZ = settings(max_examples=150, deadline=None)
DB_FUZZ = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                        HealthCheck.too_slow])

PARSERS = (
    validation.parse_name, validation.parse_gender, validation.parse_date, validation.parse_birth_date,
    validation.parse_phone, validation.parse_id_number, validation.parse_ethnicity, validation.parse_yes_no,
    validation.parse_grade, validation.parse_relation, validation.optional_text,
)


def _refused_with_a_message(parser, value) -> object:
    """Run a parser: it returns a value, or refuses with a non-empty Chinese message; nothing else."""
    try:
        return parser(value)
    except BadValue as refused:
        assert refused.message.strip(), f"{parser.__name__}({value!r}) refused without saying why"
        assert any("\u4e00" <= ch <= "\u9fff" for ch in refused.message)
        return refused


# ---------------------------------------------------------------- validators


@FUZZ
@given(value=CELL, parser=st.sampled_from(PARSERS))
@example(value=float("inf"), parser=validation.parse_date)  # what openpyxl reads from a cell holding 1.8e308
@example(value=float("nan"), parser=validation.parse_date)
def test_every_validator_accepts_or_explains_any_value(value, parser):
    _refused_with_a_message(parser, value)


@FUZZ
@given(surname=st.sampled_from(COMMON + RARE), given_name=st.text(st.sampled_from(COMMON + RARE), min_size=1, max_size=3))
def test_chinese_names_with_rare_and_non_bmp_characters_are_kept_exactly(surname, given_name):
    name = surname + given_name
    assert validation.parse_name(name) == name
    assert validation.parse_name(f" {surname} {given_name}\u3000") == name  # stray spaces are typing slips


@FUZZ
@given(value=ANY_TEXT)
def test_an_accepted_name_is_tidy(value):
    result = _refused_with_a_message(validation.parse_name, value)
    if isinstance(result, str):
        assert result and result == result.strip() and len(result) <= validation.NAME_MAX
        assert not any(ch.isdigit() or ch in "\u200b\ufeff\x00" for ch in result)


MOBILE = st.builds(lambda second, rest: f"1{second}{rest}", st.sampled_from("3456789"),
                   st.text(st.sampled_from(string.digits), min_size=9, max_size=9))


WRITTEN = (
    lambda m: m,
    lambda m: "+86 " + m,
    lambda m: "0086" + m,
    lambda m: f"{m[:3]} {m[3:7]} {m[7:]}",
    lambda m: f"{m[:3]}-{m[3:7]}-{m[7:]}",
    lambda m: m.translate({ord(d): ord(d) + 0xFEE0 for d in string.digits}),  # full-width, from a Chinese IME
)


@FUZZ
@given(mobile=MOBILE, written=st.sampled_from(WRITTEN))
def test_a_mobile_number_written_any_usual_way_comes_out_as_11_digits(mobile, written):
    assert validation.parse_phone(written(mobile)) == mobile
    assert validation.phone_last4(mobile) == mobile[-4:]


@FUZZ
@given(value=st.text(st.sampled_from(string.digits + " -+()转x"), max_size=24))
@example(value="2000000转0")  # once stored as 2000000-0, which read back as another number, 20000000
def test_digit_soup_is_a_phone_number_or_explained(value):
    result = _refused_with_a_message(validation.parse_phone, value)
    if isinstance(result, str):
        assert validation.parse_phone(result) == result  # a stored number reads back as itself


def _valid_id(region: str, born: dt.date, sequence: int) -> str:
    first17 = f"{region}{born:%Y%m%d}{sequence:03d}"
    return first17 + validation.id_check_digit(first17)


ID_NUMBERS = st.builds(_valid_id, st.text(st.sampled_from(string.digits), min_size=6, max_size=6),
                       st.dates(dt.date(1930, 1, 1), dt.date(2025, 12, 31)), st.integers(0, 999))


@FUZZ
@given(id_number=ID_NUMBERS, position=st.integers(0, 16), digit=st.sampled_from(string.digits))
def test_id_numbers_with_a_right_check_digit_pass_and_any_single_wrong_digit_is_caught(id_number, position, digit):
    assert validation.parse_id_number(id_number.lower()) == id_number
    assert validation.parse_id_number(id_number, birth_date=validation.id_birth_date(id_number),
                                      gender=validation.id_gender(id_number)) == id_number
    assume(id_number[position] != digit)
    mistyped = id_number[:position] + digit + id_number[position + 1:]
    assert isinstance(_refused_with_a_message(validation.parse_id_number, mistyped), BadValue)


@FUZZ
@given(day=st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31)),
       style=st.sampled_from(["%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日", "%Y%m%d", "%Y-%m-%d 00:00:00"]))
def test_dates_in_every_usual_spelling_read_back_as_the_same_day(day, style):
    assert validation.parse_date(day.strftime(style)) == day
    assert validation.parse_date(f"{day.year}年{day.month}月{day.day}日") == day


@FUZZ
@given(fields=st.fixed_dictionaries({
    "name": ANY_TEXT, "gender": CELL, "birth_date": CELL, "grade": CELL, "id_number": CELL, "ethnicity": CELL,
    "school": ANY_TEXT, "boarding": CELL, "medical_flag": CELL}),
    guardians=st.lists(st.tuples(ANY_TEXT, ANY_TEXT, CELL), max_size=3))
def test_checking_a_whole_child_lists_every_problem_with_a_message(fields, guardians):
    data = ChildInput(**fields, guardians=tuple(GuardianInput(n, r, p) for n, r, p in guardians))
    _clean, problems = roster.check_child(data)
    assert all(p.message.strip() and str(p).strip() for p in problems)


# ---------------------------------------------------------------- writing through the services


def _counts(db) -> tuple[int, ...]:
    with db.transaction() as s:
        return tuple(s.scalar(select(func.count()).select_from(t)) for t in (Child, Guardian, Volunteer, Team,
                                                                               AuditEntry))


HEADERS = ("姓名", "性别", "出生日期", "身份证号", "民族", "年级", "监护人姓名", "关系", "联系电话", "是否住校", "卡号", "备注",
           "不认识的列", "")
# Mostly good values with bad ones mixed in, so that both the write and the refusal are exercised.
GOOD_NAME = st.builds(lambda a, b: a + b, st.sampled_from(COMMON + RARE), st.text(st.sampled_from(COMMON + RARE),
                                                                                   min_size=1, max_size=2))
GOOD = {
    "姓名": GOOD_NAME,
    "性别": st.sampled_from(["男", "女", "M", "f", "男孩"]),
    "出生日期": st.dates(dt.date(2010, 1, 1), dt.date(2022, 12, 31)).map(lambda d: d.strftime("%Y年%m月%d日")),
    "身份证号": st.just(""),
    "民族": st.sampled_from(["汉族", "畲", ""]),
    "年级": st.sampled_from(["三年级", "5年级", ""]),
    "监护人姓名": GOOD_NAME,
    "关系": st.sampled_from(["奶奶", "外公", "姑姑", "父亲"]),
    "联系电话": MOBILE,
    "是否住校": st.sampled_from(["是", "否", ""]),
    "卡号": st.just(""),
    "备注": ANY_TEXT,
}


def _mostly(good, bad, times: int = 3):
    """`good` about `times` times as often as `bad`."""
    return st.integers(0, times).flatmap(lambda n: good if n else bad)


def _value(header: str):
    return _mostly(GOOD.get(header, ANY_TEXT), CELL, times=9)


# Random headers, or the ones a real roster has (with extra columns), so that some files are valid.
SOME_HEADERS = st.lists(st.sampled_from(HEADERS), max_size=8) | st.lists(
    st.sampled_from(HEADERS[3:]), max_size=5, unique=True).map(lambda extra: ["姓名", "性别", "出生日期", *extra])


@DB_FUZZ
@given(name=_mostly(GOOD_NAME, ANY_TEXT), gender=_mostly(GOOD["性别"], CELL), birth=_mostly(GOOD["出生日期"], CELL),
       guardian=st.tuples(GOOD_NAME, GOOD["关系"], _mostly(MOBILE, CELL)))
def test_adding_a_child_writes_everything_or_nothing(db, admin, name, gender, birth, guardian):
    before = _counts(db)
    data = ChildInput(name=name, gender=gender, birth_date=birth, guardians=(GuardianInput(*guardian),))
    try:
        roster.add_child(db, admin, data, confirm_possible_duplicate=True)
    except InvalidInput as refused:
        event("refused")
        assert refused.problems and all(p.message.strip() for p in refused.problems)
        assert _counts(db)[:4] == before[:4]  # nothing written (a refusal may be audited, never half a child)
        return
    except ServiceError as refused:
        assert refused.message.strip()
        assert _counts(db)[:4] == before[:4]
        return
    event("added")
    after = _counts(db)
    assert after[0] == before[0] + 1 and after[1] == before[1] + 1


# ---------------------------------------------------------------- whole import files

_files = itertools.count()


def _write(rows: list[list[object]], suffix: str, encoding: str = "utf-8-sig") -> Path:
    folder = Path(tempfile.mkdtemp(prefix="qsh-import-"))
    path = folder / f"名单{next(_files)}{suffix}"
    if suffix == ".csv":
        buffer = io.StringIO()
        csv.writer(buffer).writerows([["" if c is None else c for c in row] for row in rows])
        try:
            path.write_bytes(buffer.getvalue().encode(encoding))
        except UnicodeEncodeError:
            path.write_bytes(buffer.getvalue().encode("utf-8"))
    else:
        from openpyxl import Workbook

        workbook = Workbook()
        sheet = workbook.active
        for row in rows:
            sheet.append([c if not isinstance(c, str) else "".join(ch for ch in c if ch >= " ") for c in row])
        workbook.save(path)
    return path


IMPORT_FILES = SOME_HEADERS.flatmap(lambda headers: st.tuples(
    st.just(headers),
    st.lists(_mostly(st.tuples(*(_value(h) for h in headers)).map(list), st.lists(CELL, max_size=9)), max_size=6),
    st.sampled_from([".csv", ".xlsx"]),
    st.sampled_from(["utf-8-sig", "gb18030", "utf-8"]),
    st.booleans(),
))


@DB_FUZZ
@given(spec=IMPORT_FILES, kind=st.sampled_from(["children", "volunteers"]))
def test_importing_any_file_writes_all_valid_rows_or_nothing_and_explains_every_refusal(db, admin, spec, kind):
    headers, body, suffix, encoding, valid_rows_only = spec
    # Keep floats and dates that openpyxl cannot store out of .xlsx files (they are a different test: the file).
    if suffix == ".xlsx":
        body = [[c for c in row if not (isinstance(c, float) and (c != c or c in (float("inf"), float("-inf"))))
                 and not (isinstance(c, int) and abs(c) > 2**53)] for row in body]
    path = _write([list(headers), *body], suffix, encoding)
    before = _counts(db)
    try:
        preview = importing.preview_import(db, admin, kind, path)
    except InvalidInput as refused:
        assert all(p.message.strip() for p in refused.problems)
        assert _counts(db) == before
        return
    assert all(p.message.strip() for p in preview.problems)
    assert _counts(db) == before  # a preview writes nothing
    try:
        result = importing.run_import(db, admin, kind, path, valid_rows_only=valid_rows_only)
    except InvalidInput as refused:
        event("whole file refused")
        assert refused.problems and all(p.message.strip() for p in refused.problems)
        assert _counts(db)[:4] == before[:4]  # the whole file refused: not one row written
        return
    event("imported some rows" if result.added else "imported nothing")
    after = _counts(db)
    added = after[0] - before[0] if kind == "children" else after[2] - before[2]
    assert added == result.added == preview.ready
    assert result.summary().strip()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=2000), suffix=st.sampled_from([".csv", ".xlsx", ".xls", ".txt"]))
@example(data=b"\r\x00", suffix=".csv")  # once stopped the CSV reader with an exception
@example(data=b"PK\x03\x04broken zip", suffix=".xlsx")
def test_a_damaged_or_foreign_file_is_refused_with_a_message(tmp_path, data, suffix):
    path = tmp_path / f"file{next(_files)}{suffix}"
    path.write_bytes(data)
    try:
        rows = import_files.read_rows(path)
    except InvalidInput as refused:
        assert refused.message.strip()
        return
    assert isinstance(rows, list)


def test_the_import_of_a_file_with_rare_names_keeps_them(db, admin, tmp_path):
    rows = [["姓名", "性别", "出生日期", "监护人姓名", "关系", "联系电话"],
            ["王𬌗", "男", "2016-05-01", "王秀英", "奶奶", "138 0000 1234"],
            ["李𫖯涵", "女", "2017年3月4日", "李建国", "爷爷", "+86 139-0000-5678"],
            ["阿依古丽•买买提", "女", "20150909", "买买提", "父亲", "0791-88123456"]]
    path = _write(rows, ".xlsx")
    result = importing.run_import(db, admin, "children", path)
    assert result.added == 3
    with db.transaction() as s:
        names = set(s.scalars(select(Child.name)))
        phones = set(s.scalars(select(Guardian.phone)))
    assert {"王𬌗", "李𫖯涵", "阿依古丽·买买提"} <= names
    assert {"13800001234", "13900005678", "0791-88123456"} <= phones


def test_volunteers_service_refuses_bad_input_without_writing(db, admin):
    before = _counts(db)
    try:
        volunteers.add_volunteer(db, admin, volunteers.VolunteerInput(name="刘芳123", phone="12345"))
    except InvalidInput as refused:
        assert len(refused.problems) == 2 and all(p.message for p in refused.problems)
    else:
        raise AssertionError("a name with digits and a 5-digit phone were accepted")
    assert _counts(db)[:4] == before[:4]
