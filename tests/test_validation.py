"""Values as people type them are understood, and bad ones are refused with a message saying how to fix them."""

from __future__ import annotations

import datetime as dt

import pytest

from qsh_desk.services.validation import (
    BadValue,
    Checker,
    PartialDate,
    id_check_digit,
    normalise,
    parse_birth_date,
    parse_date,
    parse_ethnicity,
    parse_gender,
    parse_grade,
    parse_id_number,
    parse_name,
    parse_phone,
    parse_relation,
    parse_yes_no,
    phone_last4,
)


def make_id(birth: str, sequence: str = "123", prefix: str = "360111") -> str:
    """A valid 18-character ID number for a birth date such as 20150304 (odd sequence: male)."""
    first17 = prefix + birth + sequence
    return first17 + id_check_digit(first17)


def message_of(parser, *args, **kwargs) -> str:
    with pytest.raises(BadValue) as caught:
        parser(*args, **kwargs)
    return caught.value.message


def test_full_width_digits_letters_and_stray_spaces_are_normalised():
    assert normalise("　１３８　１２３４ＡＢ  ") == "138 1234AB"
    assert normalise("\ufeff王\u200b小明 ") == "王小明"
    assert normalise(13812345678.0) == "13812345678"
    assert normalise(None) == ""
    assert normalise("花名册，照片（仅本站）。") == "花名册，照片（仅本站）。"  # free text keeps Chinese punctuation
    assert normalise("（０７９１）８８１２３４５６", punctuation=True) == "(0791)88123456"


@pytest.mark.parametrize(
    "typed",
    ["2015-03-04", "2015/3/4", "2015.3.4", "2015年3月4日", "2015年03月04号", "20150304", "２０１５－０３－０４",
     " 2015 - 3 - 4 ", "2015-03-04 00:00:00", 42067, 42067.0, "42067", dt.date(2015, 3, 4),
     dt.datetime(2015, 3, 4, 0, 0)],
)
def test_dates_as_people_type_them(typed):
    assert parse_date(typed) == dt.date(2015, 3, 4)


def test_excel_serials_around_the_1900_leap_bug():
    assert parse_date(1) == dt.date(1900, 1, 1)
    assert parse_date(61) == dt.date(1900, 3, 1)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("2015-02-30", "没有 2015 年 2 月 30 日这一天，请核对。"),
        ("15/3/4", "年份要写 4 位，并按 年-月-日 的顺序。请写成 2015-03-04 这样的 年-月-日。"),
        ("3/4/2015", "年份要写 4 位，并按 年-月-日 的顺序。请写成 2015-03-04 这样的 年-月-日。"),
        ("三月四日", "看不懂这个日期。请写成 2015-03-04 这样的 年-月-日。"),
        ("2015.03", "只写了年月（2015 年 3 月），缺少日。请写成 2015-03-04 这样的 年-月-日。"),
    ],
)
def test_bad_dates_say_how_to_fix_them(typed, expected):
    assert message_of(parse_date, typed) == expected


def test_year_and_month_only_is_a_partial_date():
    with pytest.raises(PartialDate) as caught:
        parse_date("2015年3月")
    assert (caught.value.year, caught.value.month) == (2015, 3)


def test_a_birth_date_cannot_be_in_the_future():
    today = dt.date(2026, 11, 29)
    assert parse_birth_date("2026-11-29", today=today) == today
    assert message_of(parse_birth_date, "2027-01-01", today=today) == "日期 2027-01-01 还没到，请核对年份。"


@pytest.mark.parametrize(("typed", "gender"), [("男", "男"), ("女", "女"), ("M", "男"), ("f", "女"), (" Male ", "男"),
                                                ("FEMALE", "女"), ("男性", "男"), ("Ｆ", "女")])
def test_genders(typed, gender):
    assert parse_gender(typed) == gender


def test_an_unknown_gender_is_refused():
    assert message_of(parse_gender, "未知") == "性别请写“男”或“女”（也可以写 M 或 F）。"


@pytest.mark.parametrize(
    ("typed", "clean"),
    [
        ("138 1234 5678", "13812345678"),
        ("138-1234-5678", "13812345678"),
        ("+86 13812345678", "13812345678"),
        ("8613812345678", "13812345678"),
        ("１３８１２３４５６７８", "13812345678"),
        ("0791-88123456", "0791-88123456"),
        ("(0791) 8812 3456", "0791-88123456"),
        ("010 62345678", "010-62345678"),
        ("0791-88123456 转 802", "0791-88123456-802"),
        ("0791-88123456-802", "0791-88123456-802"),
        ("88123456", "88123456"),
    ],
)
def test_mobile_and_landline_numbers(typed, clean):
    assert parse_phone(typed) == clean


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("1381234567", "手机号应为 11 位数字（现在是 10 位），请核对。"),
        ("138123456789", "手机号应为 11 位数字（现在是 12 位），请核对。"),
        ("奶奶13812345678", "电话号码里只能有数字，请去掉文字和符号（多个号码请分开填写）。"),
        ("12345", "手机号应为 11 位数字（现在是 5 位），请核对。"),
        ("0791", "看不懂这个电话号码：手机号写 11 位，如 13812345678；座机写区号加号码，如 0791-88123456。"),
    ],
)
def test_bad_phone_numbers(typed, expected):
    assert message_of(parse_phone, typed) == expected


def test_last_four_digits_of_the_main_number():
    assert phone_last4("13812345678") == "5678"
    assert phone_last4("0791-88123456-802") == "3456"
    assert phone_last4(None) is None


def test_id_numbers_with_check_digit_birth_date_and_sex():
    good = make_id("20150304")
    assert parse_id_number(good, birth_date=dt.date(2015, 3, 4), gender="男") == good
    assert parse_id_number(" " + good[:-1] + good[-1].lower() + " ") == good
    x_id = next(make_id("20150304", f"{n:03d}") for n in range(1000) if make_id("20150304", f"{n:03d}").endswith("X"))
    assert parse_id_number(x_id.lower()) == x_id


def test_bad_id_numbers_say_what_is_wrong():
    good = make_id("20150304")
    wrong_check = good[:-1] + ("0" if good[-1] != "0" else "1")
    assert message_of(parse_id_number, wrong_check) == (
        "身份证号的最后一位（校验码）不对，号码中可能有一位写错了，请对照身份证核对。"
    )
    assert message_of(parse_id_number, good, birth_date=dt.date(2015, 3, 5)) == (
        "身份证号里的出生日期是 2015-03-04，与填写的出生日期 2015-03-05 不一致，请核对其中一项。"
    )
    assert message_of(parse_id_number, good, gender="女") == "身份证号显示为男性，与填写的性别“女”不一致，请核对其中一项。"
    assert message_of(parse_id_number, good[:17]) == "身份证号应为 18 位（现在是 17 位），请核对。"
    assert message_of(parse_id_number, "360111150304123") == "这是旧的 15 位身份证号，请改填 18 位的新号码。"
    assert message_of(parse_id_number, "3.60111E+17") == (
        "身份证号被 Excel 变成了科学计数法，后几位已经丢失。请把这一列设为“文本”格式，重新输入号码。"
    )
    no_such_day = "360111" + "20150230" + "123"
    assert message_of(parse_id_number, no_such_day + id_check_digit(no_such_day)) == (
        "身份证号第 7–14 位不是有效的出生日期，请核对号码。"
    )


@pytest.mark.parametrize("name", ["王䶮", "张𬌗", "赵𫖯", "李𬬭", "𠮷田", "欧阳娜娜", "阿依古丽·买买提", "Anna"])
def test_names_with_rare_and_non_bmp_characters(name):
    assert parse_name(name) == name


def test_names_are_tidied():
    assert parse_name(" 王  小明 ") == "王小明"
    assert parse_name("阿依古丽 • 买买提") == "阿依古丽·买买提"
    assert parse_name("阿依古丽．买买提") == "阿依古丽·买买提"


def test_bad_names():
    assert message_of(parse_name, "王小明2") == "姓名里不能有数字或符号 “2”，请只写名字本身（备注另填）。"
    assert message_of(parse_name, "·买买提") == "间隔号“·”只能写在名字的两部分之间，如“阿依古丽·买买提”。"
    assert message_of(parse_name, "  ") == "请填写姓名。"


def test_other_fields():
    assert parse_ethnicity("畲") == "畲族"
    assert parse_ethnicity("") == "汉族"
    assert message_of(parse_ethnicity, "火星族") == "民族请写 56 个民族之一的全称，如“汉族”“畲族”。"
    assert parse_grade("3年级") == "三年级" and parse_grade("小学5年级") == "小学五年级" and parse_grade("初一") == "初一"
    assert parse_relation("奶奶") == ("祖母", None) and parse_relation("外公") == ("外祖父", None)
    assert parse_relation("姑姑") == ("其他", "姑姑")
    assert parse_yes_no("是") is True and parse_yes_no("否") is False and parse_yes_no("", default=True) is True


def test_checker_collects_every_problem_with_row_field_and_value():
    checker = Checker(row=7)
    assert checker.check("性别", "x", parse_gender) is None
    assert checker.check("姓名", "", parse_name, required=True) is None
    assert checker.check("电话", "", parse_phone) is None
    assert checker.check("出生日期", "2015/3/4", parse_date) == dt.date(2015, 3, 4)
    assert [str(p) for p in checker.problems] == [
        "第 7 行“性别”：性别请写“男”或“女”（也可以写 M 或 F）。（填写的是“x”）",
        "第 7 行“姓名”：这一项必须填写。",
    ]
    assert not checker.ok
