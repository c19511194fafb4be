"""Checking values as people type them (full-width digits, 2015年3月4日, 男/M, 138 1234 5678 …), in plain Chinese.

Pure functions: each `parse_*` returns the clean value or raises `BadValue` whose message says how to fix
it; `Checker` turns those into `Problem`s with the field, row and value, so a form or an import can list
every problem at once instead of stopping at the first.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from qsh_desk import clock
from qsh_desk.services.errors import InvalidInput, Problem

T = TypeVar("T")


class BadValue(ValueError):
    """A value that cannot be used; `message` says in plain Chinese how to fix it."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


# --- text ---------------------------------------------------------------------------------------

# Full-width ASCII (ＡＢＣ１２３) as typed with a Chinese input method left in full-width mode. Free text keeps
# its Chinese punctuation (，。（）); values with a fixed form (dates, phones, ID numbers) lose it too.
_FULL_WIDTH_ALL = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_FULL_WIDTH_ALL[0x3000] = 0x20  # ideographic space
_FULL_WIDTH = {code: ascii_code for code, ascii_code in _FULL_WIDTH_ALL.items() if chr(ascii_code).isalnum()}
_FULL_WIDTH[0x3000] = 0x20
# Zero-width characters, and the control characters no one types (NUL, which PostgreSQL refuses in text, among
# them); tabs and line ends are spaces to `_SPACES`.
_INVISIBLE = dict.fromkeys([*map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"),
                            *(c for c in range(32) if chr(c) not in "\t\n\r\x0b\x0c\x1c\x1d\x1e\x1f"), 0x7F])
_SPACES = re.compile(r"\s+")


def normalise(value: Any, *, punctuation: bool = False) -> str:
    """Text with full-width letters and digits (and, if asked, punctuation) made ordinary, invisible characters
    removed, spaces tidied."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # 13812345678.0 from a spreadsheet cell
    text = str(value).translate(_FULL_WIDTH_ALL if punctuation else _FULL_WIDTH).translate(_INVISIBLE)
    return _SPACES.sub(" ", text).strip()


def optional_text(value: Any, *, max_length: int = 200, title: str = "这一项") -> str | None:
    text = normalise(value)
    if not text:
        return None
    if len(text) > max_length:
        raise BadValue(f"{title}最多 {max_length} 个字（现在 {len(text)} 个），请删减。")
    return text


# --- names --------------------------------------------------------------------------------------

# Every CJK ideograph block, including those outside the BMP (䶮 is Ext-A, 𠮷 Ext-B, 𫖯 Ext-C, 𬌗 𬬭 Ext-E).
_CJK_RANGES = (
    (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x2A6DF), (0x2A700, 0x2EBEF),
    (0x2EBF0, 0x2EE5F), (0x2F800, 0x2FA1F), (0x30000, 0x323AF),
)
# The many dots people use between the parts of a transliterated name (阿依古丽·买买提).
_NAME_DOTS = "·•・‧∙⋅･ᐧ.．"
MIDDLE_DOT = "·"
NAME_MAX = 32


def is_cjk(char: str) -> bool:
    code = ord(char)
    return char == "〇" or any(low <= code <= high for low, high in _CJK_RANGES)


def parse_name(value: Any) -> str:
    """A person's name: Chinese characters (rare and non-BMP ones too), a middle dot between parts, or letters."""
    text = normalise(value)
    if not text:
        raise BadValue("请填写姓名。")
    for dot in _NAME_DOTS:
        text = text.replace(dot, MIDDLE_DOT)
    text = re.sub(r"\s*·\s*", MIDDLE_DOT, text)
    if any(is_cjk(ch) for ch in text):
        text = text.replace(" ", "")  # 张 三 → 张三: spaces inside a Chinese name are typing slips
    bad = sorted({ch for ch in text if not (is_cjk(ch) or ch.isalpha() or ch in f" {MIDDLE_DOT}")})
    if bad:
        shown = "、".join(f"“{ch}”" for ch in bad)
        raise BadValue(f"姓名里不能有数字或符号 {shown}，请只写名字本身（备注另填）。")
    if text.startswith(MIDDLE_DOT) or text.endswith(MIDDLE_DOT) or MIDDLE_DOT * 2 in text:
        raise BadValue("间隔号“·”只能写在名字的两部分之间，如“阿依古丽·买买提”。")
    if len(text) > NAME_MAX:
        raise BadValue(f"姓名最多 {NAME_MAX} 个字，请检查是否把别的内容写进了姓名。")
    return text


# --- gender -------------------------------------------------------------------------------------

_GENDERS = {
    "男": "男", "男性": "男", "男生": "男", "男孩": "男", "m": "男", "male": "男", "boy": "男",
    "女": "女", "女性": "女", "女生": "女", "女孩": "女", "f": "女", "female": "女", "girl": "女",
}


def parse_gender(value: Any) -> str:
    text = normalise(value, punctuation=True).lower()
    if not text:
        raise BadValue("请填写性别：男 或 女。")
    if text not in _GENDERS:
        raise BadValue("性别请写“男”或“女”（也可以写 M 或 F）。")
    return _GENDERS[text]


# --- dates --------------------------------------------------------------------------------------

_EXCEL_EPOCH = dt.date(1899, 12, 30)  # Excel's day 0, after its 1900 leap-year bug (serial 60)
_EXCEL_SERIALS = (1, 2958465)  # 1900-01-01 … 9999-12-31
_DATE_PARTS = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?$")
_YEAR_MONTH = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$")
_DATE_EXAMPLE = "请写成 2015-03-04 这样的 年-月-日"


class PartialDate(BadValue):
    """Only a year and month were given (出生年月 columns often hold 2015.03)."""

    def __init__(self, year: int, month: int):
        super().__init__(f"只写了年月（{year} 年 {month} 月），缺少日。{_DATE_EXAMPLE}。")
        self.year, self.month = year, month


def excel_serial_date(serial: float) -> dt.date:
    """The date of an Excel serial number (what a date cell becomes when a sheet is saved as text)."""
    # Compared before int(): a damaged cell can hold NaN or infinity, which int() cannot convert.
    if not _EXCEL_SERIALS[0] <= serial < _EXCEL_SERIALS[1] + 1:
        raise BadValue(f"看不懂这个日期数字。{_DATE_EXAMPLE}。")
    whole = int(serial)
    if whole < 60:  # before Excel's phantom 1900-02-29
        return _EXCEL_EPOCH + dt.timedelta(days=whole + 1)
    return _EXCEL_EPOCH + dt.timedelta(days=whole)


def _make_date(year: int, month: int, day: int) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise BadValue(f"没有 {year} 年 {month} 月 {day} 日这一天，请核对。") from None


def parse_date(value: Any, *, earliest: dt.date | None = dt.date(1900, 1, 1), latest: dt.date | None = None) -> dt.date:
    """A date as typed: 2015-03-04, 2015/3/4, 2015.3.4, 2015年3月4日, 20150304, an Excel serial or a date cell."""
    if isinstance(value, dt.datetime):
        day = value.date()
    elif isinstance(value, dt.date):
        day = value
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        day = excel_serial_date(value)
    else:
        text = normalise(value, punctuation=True)
        if not text:
            raise BadValue(f"请填写日期，{_DATE_EXAMPLE}。")
        text = re.sub(r"[ T]0{1,2}:00(:00(\.0+)?)?$", "", text)  # 2015-03-04 00:00:00 from a spreadsheet
        if match := _DATE_PARTS.match(text):
            day = _make_date(*(int(part) for part in match.groups()))
        elif re.fullmatch(r"\d{8}", text):
            day = _make_date(int(text[:4]), int(text[4:6]), int(text[6:]))
        elif re.fullmatch(r"\d{4,5}(\.0+)?", text):
            day = excel_serial_date(float(text))
        elif match := _YEAR_MONTH.match(text):
            raise PartialDate(int(match.group(1)), int(match.group(2)))
        elif re.fullmatch(r"\d{1,2}\s*[-/.]\s*\d{1,2}\s*[-/.]\s*\d{2,4}", text) or re.fullmatch(
            r"\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?", text
        ):
            raise BadValue(f"年份要写 4 位，并按 年-月-日 的顺序。{_DATE_EXAMPLE}。")
        else:
            raise BadValue(f"看不懂这个日期。{_DATE_EXAMPLE}。")
    if earliest is not None and day < earliest:
        raise BadValue(f"日期 {day.isoformat()} 太早了，请核对年份。")
    if latest is not None and day > latest:
        raise BadValue(f"日期 {day.isoformat()} 还没到，请核对年份。")
    return day


def parse_birth_date(value: Any, *, today: dt.date | None = None) -> dt.date:
    today = today or clock.today()
    return parse_date(value, earliest=dt.date(today.year - 100, 1, 1), latest=today)


# --- phone numbers ------------------------------------------------------------------------------

_MOBILE = re.compile(r"^1[3-9]\d{9}$")
# Area codes: 010 and 02x have three digits (Beijing, Shanghai, Guangzhou …); every other has four (0791 南昌).
_LANDLINE = re.compile(r"^(010|02\d|0[3-9]\d{2})([2-9]\d{6,7})$")
_LOCAL = re.compile(r"^[2-9]\d{6,7}$")


def parse_phone(value: Any) -> str:
    """A mainland mobile (13812345678) or landline (0791-88123456, optionally 转 extension) number."""
    text = normalise(value, punctuation=True)
    if not text:
        raise BadValue("请填写电话号码。")
    extension = ""
    if match := re.search(r"\s*(转|分机|ext\.?|x)\s*(\d{1,6})$", text, flags=re.IGNORECASE):
        extension, text = match.group(2), text[: match.start()]
    # 0791-88123456-802 or 88123456-802, as stored (without this a stored local number would lose its dash).
    elif match := re.fullmatch(r"(0\d{2,3}-\d{7,8}|[2-9]\d{6,7})-(\d{1,6})", text):
        extension, text = match.group(2), match.group(1)
    if re.fullmatch(r"\d[.,]?\d*e\+?\d+", text, flags=re.IGNORECASE):  # 1.38123E+10: what Excel shows and CSV keeps
        raise BadValue("电话号码被 Excel 变成了科学计数法（如 1.38123E+10），后几位已经丢失。请把这一列设为“文本”格式"
                       "（或在号码前加英文单引号 '），重新输入号码后再保存。")
    digits = re.sub(r"[\s\-()（）]", "", text)
    digits = re.sub(r"^(\+86|0086)", "", digits)
    if not digits.isdigit():
        raise BadValue("电话号码里只能有数字，请去掉文字和符号（多个号码请分开填写）。")
    if len(digits) == 13 and digits.startswith("86") and _MOBILE.match(digits[2:]):
        digits = digits[2:]
    if _MOBILE.match(digits):
        if extension:
            raise BadValue("手机号没有分机号，请去掉“转”后面的部分。")
        return digits
    if match := _LANDLINE.match(digits):
        number = f"{match.group(1)}-{match.group(2)}"
        return f"{number}-{extension}" if extension else number
    if _LOCAL.match(digits):
        return digits + (f"-{extension}" if extension else "")
    if digits.startswith("1"):
        raise BadValue(f"手机号应为 11 位数字（现在是 {len(digits)} 位），请核对。")
    raise BadValue("看不懂这个电话号码：手机号写 11 位，如 13812345678；座机写区号加号码，如 0791-88123456。")


def phone_last4(phone: str | None) -> str | None:
    """The last four digits of the main number (not of an extension), for the desk's quick search."""
    if not phone:
        return None
    main = phone.split("-")
    number = main[1] if len(main) >= 2 and main[0].startswith("0") else main[0]
    digits = re.sub(r"\D", "", number)
    return digits[-4:] if len(digits) >= 4 else None


# --- ID numbers (居民身份证号码, GB 11643) ----------------------------------------------------------

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECKS = "10X98765432"


def id_check_digit(first17: str) -> str:
    return _ID_CHECKS[sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS, strict=True)) % 11]


def id_birth_date(id_number: str) -> dt.date:
    return dt.date(int(id_number[6:10]), int(id_number[10:12]), int(id_number[12:14]))


def id_gender(id_number: str) -> str:
    return "男" if int(id_number[16]) % 2 else "女"


def parse_id_number(value: Any, *, birth_date: dt.date | None = None, gender: str | None = None) -> str:
    """An 18-character ID number whose check digit is right and whose birth date (and sex) match the given ones."""
    raw = normalise(value, punctuation=True)
    # A spreadsheet number keeps 15 significant digits: an 18-digit ID stored as a number has lost its last ones.
    numeric = isinstance(value, (int, float)) and not isinstance(value, bool) and len(raw) > 15
    if numeric or re.search(r"\d[.,]?\d*e\+?\d+$", raw, flags=re.IGNORECASE):
        raise BadValue("身份证号被 Excel 变成了科学计数法，后几位已经丢失。请把这一列设为“文本”格式，重新输入号码。")
    text = raw.replace(" ", "").upper()
    if re.fullmatch(r"\d{15}", text):
        raise BadValue("这是旧的 15 位身份证号，请改填 18 位的新号码。")
    if len(text) != 18:
        raise BadValue(f"身份证号应为 18 位（现在是 {len(text)} 位），请核对。")
    if not re.fullmatch(r"\d{17}[\dX]", text):
        raise BadValue("身份证号前 17 位只能是数字，最后一位是数字或 X，请核对。")
    try:
        embedded = id_birth_date(text)
    except ValueError:
        raise BadValue("身份证号第 7–14 位不是有效的出生日期，请核对号码。") from None
    if text[17] != id_check_digit(text[:17]):
        raise BadValue("身份证号的最后一位（校验码）不对，号码中可能有一位写错了，请对照身份证核对。")
    if birth_date is not None and embedded != birth_date:
        raise BadValue(
            f"身份证号里的出生日期是 {embedded.isoformat()}，与填写的出生日期 {birth_date.isoformat()} 不一致，请核对其中一项。"
        )
    if gender is not None and id_gender(text) != gender:
        raise BadValue(f"身份证号显示为{id_gender(text)}性，与填写的性别“{gender}”不一致，请核对其中一项。")
    return text


# --- other fields -------------------------------------------------------------------------------

ETHNIC_GROUPS = (
    "汉族 蒙古族 回族 藏族 维吾尔族 苗族 彝族 壮族 布依族 朝鲜族 满族 侗族 瑶族 白族 土家族 哈尼族 哈萨克族 傣族 黎族 "
    "傈僳族 佤族 畲族 高山族 拉祜族 水族 东乡族 纳西族 景颇族 柯尔克孜族 土族 达斡尔族 仫佬族 羌族 布朗族 撒拉族 毛南族 "
    "仡佬族 锡伯族 阿昌族 普米族 塔吉克族 怒族 乌孜别克族 俄罗斯族 鄂温克族 德昂族 保安族 裕固族 京族 塔塔尔族 独龙族 "
    "鄂伦春族 赫哲族 门巴族 珞巴族 基诺族"
).split()


def parse_ethnicity(value: Any) -> str:
    text = normalise(value).replace(" ", "")
    if not text:
        return "汉族"
    if text in ETHNIC_GROUPS:
        return text
    if text + "族" in ETHNIC_GROUPS:
        return text + "族"
    raise BadValue("民族请写 56 个民族之一的全称，如“汉族”“畲族”。")


_YES = {"是", "有", "y", "yes", "true", "1", "√", "✓", "✔", "住校", "可以", "允许"}
_NO = {"否", "无", "没有", "n", "no", "false", "0", "×", "✗", "不", "不可以", "不允许", "走读"}


def parse_yes_no(value: Any, *, default: bool | None = None) -> bool:
    if isinstance(value, bool):
        return value
    text = normalise(value).lower()
    if not text and default is not None:
        return default
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise BadValue("请写“是”或“否”。")


_GRADE_NUMBERS = dict(zip("123456789", "一二三四五六七八九", strict=True))


def parse_grade(value: Any) -> str | None:
    """A grade as the schools write it; 3年级 becomes 三年级, 小学三年级 stays readable."""
    text = normalise(value).replace(" ", "")
    if not text:
        return None
    text = re.sub(r"^([1-9])(年级)", lambda m: _GRADE_NUMBERS[m.group(1)] + m.group(2), text)
    text = re.sub(r"(小学|初中)([1-9])(年级)", lambda m: m.group(1) + _GRADE_NUMBERS[m.group(2)] + m.group(3), text)
    if len(text) > 32:
        raise BadValue("年级最多 32 个字，如“三年级”或“三年级2班”。")
    return text


# Words people write in a 关系 column, mapped to the relations the database knows (anything else: 其他 + note).
_RELATIONS = {
    "祖父": "祖父", "爷爷": "祖父", "祖母": "祖母", "奶奶": "祖母",
    "外祖父": "外祖父", "外公": "外祖父", "姥爷": "外祖父", "外祖母": "外祖母", "外婆": "外祖母", "姥姥": "外祖母",
    "父亲": "父亲", "爸爸": "父亲", "父": "父亲", "母亲": "母亲", "妈妈": "母亲", "母": "母亲", "其他": "其他",
}


def parse_relation(value: Any) -> tuple[str, str | None]:
    """(relation, note): 爷爷 → (祖父, None); 姑姑 → (其他, 姑姑)."""
    text = normalise(value).replace(" ", "")
    if not text:
        raise BadValue("请填写与儿童的关系，如 祖母、外公、父亲、姑姑。")
    if text in _RELATIONS:
        return _RELATIONS[text], None
    if len(text) > 16 or not all(is_cjk(ch) for ch in text):
        raise BadValue("关系请写称呼，如 祖母、外公、父亲、姑姑。")
    return "其他", text


# --- collecting problems ------------------------------------------------------------------------


def shown(value: Any) -> str:
    """A value as the user typed it, for a problem report."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M") if value.time() != dt.time() else value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def is_blank(value: Any) -> bool:
    return value is None or (not isinstance(value, (dt.date, int, float, bool)) and normalise(value) == "")


class Checker:
    """Runs parsers over fields and collects every problem (with field, row and value) instead of stopping."""

    def __init__(self, row: int | None = None):
        self.row = row
        self.problems: list[Problem] = []

    def add(self, field: str, message: str, value: Any = None) -> None:
        self.problems.append(Problem(message, field=field, row=self.row, value=shown(value) or None))

    def check(
        self, field: str, value: Any, parser: Callable[..., T], *args: Any, required: bool = False, **kwargs: Any
    ) -> T | None:
        """`parser(value)` or None; a blank value is None (a problem if required), a bad one a problem."""
        if is_blank(value):
            if required:
                self.add(field, "这一项必须填写。")
            return None
        try:
            return parser(value, *args, **kwargs)
        except BadValue as error:
            self.add(field, error.message, value)
            return None

    def problems_for(self, field: str) -> list[Problem]:
        return [p for p in self.problems if p.field == field]

    @property
    def ok(self) -> bool:
        return not self.problems


class FormChecker(Checker):
    """The form fields of the services (the 父母档案, the desk's corrections …), checked with the same rules as an
    import: one phone rule, one ID-number check, one way to read a date, for every form and every file."""

    def fail(self, field: str, message: str, value: Any = None) -> None:
        self.add(field, message, value)

    def text(self, value: Any, field: str, max_length: int, *, required: bool = False) -> str | None:
        return self.check(field, value, optional_text, max_length=max_length, title=field, required=required)

    def choice(self, value: Any, field: str, allowed: Iterable[str], *, required: bool = True) -> str | None:
        allowed = tuple(allowed)
        clean = normalise(value) or None
        if clean is None:
            if required:
                self.add(field, "请选择一项：" + "、".join(allowed) + "。")
            return None
        if clean not in allowed:
            self.add(field, "只能是：" + "、".join(allowed) + "。", clean)
        return clean

    def phone(self, value: Any, field: str) -> str | None:
        return self.check(field, value, parse_phone)

    def id_number(self, value: Any, field: str) -> str | None:
        return self.check(field, value, parse_id_number)

    def date(self, value: Any, field: str, *, required: bool = False, not_after: dt.date | None = None) -> dt.date | None:
        return self.check(field, value, parse_date, latest=not_after, required=required)

    def moment(self, value: Any, field: str) -> dt.datetime | None:
        """A date and a time (2026-11-29 19:30, 2026年11月29日 19:30); not after today."""
        return self.check(field, value, parse_moment, latest=clock.today(), required=True)

    def minutes(self, value: Any, field: str) -> int | None:
        return self.check(field, value, parse_minutes)

    def raise_if_any(self) -> None:
        if self.problems:
            raise InvalidInput(self.problems)


_MOMENT = re.compile(r"^(.*?)\s*[ T]\s*(\d{1,2})\s*[:：时点]\s*(\d{2})\s*分?$")


def parse_moment(value: Any, *, latest: dt.date | None = None) -> dt.datetime:
    """A date (as `parse_date` reads it) with a time of day, to the minute."""
    if isinstance(value, dt.datetime):
        moment = value.replace(second=0, microsecond=0)
    else:
        text = normalise(value, punctuation=True)
        match = _MOMENT.match(text)
        if match is None:
            raise BadValue("时间看不懂：请写成 2026-11-29 19:30 这样的 日期 和 时:分。")
        day = parse_date(match.group(1))
        hour, minute = int(match.group(2)), int(match.group(3))
        if hour > 23 or minute > 59:
            raise BadValue(f"没有 {hour}:{minute:02d} 这个时刻，请核对。")
        moment = dt.datetime.combine(day, dt.time(hour, minute))
    if latest is not None and moment.date() > latest:
        raise BadValue("时间不能晚于今天。")
    return moment


def parse_minutes(value: Any) -> int:
    text = normalise(value, punctuation=True).removesuffix("分钟").strip()
    if not re.fullmatch(r"\d{1,4}", text):
        raise BadValue("请填写分钟数（整数），例如 15。")
    number = int(text)
    if number > 24 * 60:
        raise BadValue("分钟数应在 0 到 1440 之间。")
    return number
