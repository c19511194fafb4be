"""Roster files as attackers and broken programs write them: every one is read whole or refused in Chinese."""

from __future__ import annotations

import io
import itertools
import re
import time
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qsh_desk.services import import_files, importing, workbook
from qsh_desk.services.errors import InvalidInput

HEADERS = ["姓名", "性别", "出生日期", "学校", "年级", "监护人姓名", "关系", "联系电话", "备注"]
_files = itertools.count()


def child_row(n: int) -> list[str]:
    name = "王" + "一二三四五六七八九十"[n % 10] + "甲乙丙丁戊己庚辛壬癸"[n // 10 % 10] + "春夏秋冬梅兰竹菊松柏"[n // 100 % 10]
    return [name + ("" if n < 1000 else "子" * (n // 1000)), "男" if n % 2 else "女",
            "2016-05-01", "高新小学", "三年级", "王秀英", "奶奶", f"138{n:08d}", ""]


def roster_xlsx(path: Path, count: int) -> Path:
    return workbook.write(path, workbook.Sheet("儿童名单", HEADERS, [child_row(n) for n in range(count)],
                                               ("联系电话",)))


def rewrite_part(path: Path, part: str, change) -> Path:  # noqa: ANN001 - a function of the part's text
    """The same .xlsx with one part changed (as another program, or an attacker, would write it)."""
    with zipfile.ZipFile(path) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    parts[part] = change(parts[part].decode()).encode()
    out = path.with_name(f"{path.stem}-{next(_files)}.xlsx")
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)
    return out


def refusal(path: Path) -> str:
    with pytest.raises(InvalidInput) as refused:
        import_files.read_rows(path)
    message = str(refused.value)
    assert re.search(r"[\u4e00-\u9fff]", message) and "Traceback" not in message
    return message


SHEET = "xl/worksheets/sheet1.xml"


def test_a_stale_dimension_does_not_cut_the_roster_short(db, admin, tmp_path):
    """Some programs write dimension A1:I10 for a 1,000-row sheet: all 1,000 children are read."""
    stale = rewrite_part(roster_xlsx(tmp_path / "r.xlsx", 1000), SHEET,
                         lambda xml: re.sub(r'<dimension ref="[^"]*"/>', '<dimension ref="A1:I10"/>', xml)
                         if "<dimension" in xml else xml.replace("<sheetData>", '<dimension ref="A1:I10"/><sheetData>'))
    with zipfile.ZipFile(stale) as book:
        assert 'ref="A1:I10"' in book.read(SHEET).decode()
    preview = importing.preview_import(db, admin, "children", stale)
    assert preview.total_rows == 1000 and preview.ready == 1000 and not preview.problems


@pytest.mark.parametrize("damage, expected", [
    (lambda xml: xml[: len(xml) // 2], "已损坏"),  # a truncated sheet
    (lambda xml: re.sub(r"<row r=\"2\"", '<row r="2"><c r="J2" t="n"><v>abc</v></c></row><row r="999999"', xml, 1),
     "已损坏"),  # a number cell holding letters
    (lambda xml: '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;">]>'
     + xml.replace("高新小学", "&lol2;"), "实体"),  # "billion laughs", in small
])
def test_a_damaged_or_hostile_workbook_is_refused_in_chinese(tmp_path, damage, expected):
    good = roster_xlsx(tmp_path / "r.xlsx", 20)
    damaged = rewrite_part(good, SHEET, damage)
    try:
        rows = import_files.read_rows(damaged)
    except InvalidInput as refused:
        assert expected in str(refused)
        return
    # openpyxl may read a shared-string index it does not have as empty: then the rows are plain data.
    assert expected == "已损坏" and isinstance(rows, list)


def test_a_bad_shared_string_index_is_refused_not_a_traceback(tmp_path):
    """A cell pointing past the shared-strings table (Excel's way to store text) is damage, not an empty name."""
    damaged = rewrite_part(roster_xlsx(tmp_path / "r.xlsx", 5), SHEET, lambda text: re.sub(
        r'<c r="A2" t="inlineStr"><is><t>[^<]*</t></is></c>', '<c r="A2" t="s"><v>123456</v></c>', text))
    with zipfile.ZipFile(damaged) as book:
        assert "<v>123456</v>" in book.read(SHEET).decode()
    assert "已损坏" in refusal(damaged)


def test_a_zip_bomb_is_refused_before_it_is_unpacked(tmp_path):
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(roster_xlsx(tmp_path / "r.xlsx", 3)) as source, \
            zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == SHEET:  # 250 MB of whitespace before the sheet's end: 250 kB packed
                data = data.replace(b"</worksheet>", b" " * (250 * 1024 * 1024) + b"</worksheet>")
            target.writestr(info.filename, data)
    assert bomb.stat().st_size < 2 * 1024 * 1024
    started = time.monotonic()
    assert "解压后超过" in refusal(bomb)
    assert time.monotonic() - started < 5


def test_a_million_empty_rows_are_refused_in_seconds(tmp_path):
    path = tmp_path / "empty.csv"
    path.write_text(",".join(HEADERS) + "\n" + ",".join(child_row(1)) + "\n" + ",,,\n" * 1_000_000, encoding="utf-8")
    started = time.monotonic()
    assert "200,000 行" in refusal(path)
    assert time.monotonic() - started < 10


def test_more_rows_than_a_district_has_are_refused(tmp_path):
    path = tmp_path / "big.csv"
    lines = [",".join(HEADERS)] + [",".join(child_row(n)) for n in range(import_files.MAX_ROWS + 1)]
    path.write_text("\n".join(lines), encoding="utf-8")
    assert "50,000 行" in refusal(path)


def test_empty_rows_between_and_after_keep_the_row_numbers_excel_shows(tmp_path):
    path = tmp_path / "gaps.csv"
    path.write_text(",".join(HEADERS) + "\n\n" + ",".join(child_row(1)) + "\n" + ",,\n" * 50, encoding="utf-8")
    rows = import_files.read_rows(path)
    assert len(rows) == 3 and rows[1] == [] and rows[2][0] == child_row(1)[0]


def test_only_the_first_problems_are_listed_and_the_rest_counted(db, admin, tmp_path):
    path = tmp_path / "bad.csv"
    bad = [child_row(n)[:1] + ["未知", "明天"] + child_row(n)[3:] for n in range(400)]  # two problems a row
    path.write_text("\n".join(",".join(r) for r in [HEADERS, *bad]), encoding="utf-8")
    preview = importing.preview_import(db, admin, "children", path)
    assert len(preview.problems) >= 800
    listed = preview.listed_problems
    assert len(listed) == importing.MAX_LISTED_PROBLEMS + 1
    assert f"另有 {len(preview.problems) - importing.MAX_LISTED_PROBLEMS:,} 处问题" in listed[-1].message


def test_a_csv_with_a_ten_megabyte_field_says_what_is_wrong(tmp_path):
    path = tmp_path / "long.csv"
    path.write_text(",".join(HEADERS) + "\n" + '王小明,男,2016-05-01,"' + "很" * 10_000_000 + '",,,,,\n',
                    encoding="utf-8")
    message = refusal(path)
    assert "第 2 行" in message and "引号" in message and "可能已损坏" not in message


def test_a_csv_as_libreoffice_quotes_it_reads_every_cell_exactly(tmp_path):
    """Every text cell in quotes, a quote inside doubled. Guessing the quoting from the file's first 4 KB (where
    no cell held a quote) cut =HYPERLINK(""http://x"",""y"") further down at its first comma."""
    def line(cells: list[str]) -> str:
        return ",".join('"' + cell.replace('"', '""') + '"' for cell in cells)

    path = tmp_path / "libreoffice.csv"
    tricky = ["王小明", "男", "2016-05-01", '=HYPERLINK("http://x","y")', "三年级", "王秀英", "奶奶", "13800138000",
              'a "quoted", note']
    ordinary = [child_row(n) for n in range(100)]
    path.write_text("\n".join(line(cells) for cells in [HEADERS, *ordinary, tricky]) + "\n", encoding="utf-8")
    rows = import_files.read_rows(path)
    assert rows[-1] == tricky and rows[1:-1] == ordinary


def test_a_utf8_csv_with_one_gbk_line_names_the_line(tmp_path):
    path = tmp_path / "mixed.csv"
    path.write_bytes("\ufeff".encode() + (",".join(HEADERS) + "\n").encode() + "王小明,男\n".encode()
                     + "李小红,女\n".encode("gbk"))
    assert "第 3 行" in refusal(path)


def test_the_command_line_refuses_a_damaged_workbook_without_a_traceback(tmp_path, capsys):
    from qsh_desk.cli import main

    damaged = rewrite_part(roster_xlsx(tmp_path / "r.xlsx", 5), SHEET, lambda xml: xml[:300])
    database = tmp_path / "never-made.sqlite3"
    code = main(["--db", str(database), "import", "children", str(damaged), "--dry-run"])
    captured = capsys.readouterr()
    assert code != 0 and "已损坏" in captured.err and "Traceback" not in captured.err + captured.out
    assert not database.exists()  # checking a file creates nothing


# -- fuzzing: real workbooks and CSV files, mutated at the byte and the XML level ------------------------------
def _valid_files() -> dict[str, bytes]:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        xlsx = roster_xlsx(Path(folder) / "r.xlsx", 12).read_bytes()
    csv = ("\n".join(",".join(r) for r in [HEADERS, *(child_row(n) for n in range(12))])).encode("utf-8-sig")
    return {"xlsx": xlsx, "csv": csv}


VALID = _valid_files()
with zipfile.ZipFile(io.BytesIO(VALID["xlsx"])) as _book:
    PARTS = {info.filename: _book.read(info) for info in _book.infolist()}
XML_NOISE = [b"<", b">", b"</c>", b"<v>abc</v>", b'r="ZZZ99999999"', b't="s"', b't="d"', b"&amp;", b"&x;",
             b'<?xml version="1.0"?>', b"\x00", b"\xff\xfe", b"<row>", b'"', b"9" * 30, b"-1", b"]]>"]


def _mutate(data: bytes, spots: list[tuple[int, int, bytes]]) -> bytes:
    for position, cut, insert in spots:
        at = position % (len(data) + 1)
        data = data[:at] + insert + data[at + cut:]
    return data


spots = st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 40),
                           st.one_of(st.binary(max_size=8), st.sampled_from(XML_NOISE))), min_size=1, max_size=6)


def _read_or_refuse(path: Path) -> None:
    try:
        rows = import_files.read_rows(path)
    except InvalidInput as refused:
        assert re.search(r"[\u4e00-\u9fff]", str(refused))
        return
    assert isinstance(rows, list)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(part=st.sampled_from(sorted(PARTS)), changes=spots, compressed=st.booleans())
def test_any_xml_level_mutation_of_a_real_workbook_is_read_or_refused(tmp_path, part, changes, compressed):
    path = tmp_path / f"x{next(_files)}.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED if compressed else zipfile.ZIP_STORED) as book:
        for name, data in PARTS.items():
            book.writestr(name, _mutate(data, changes) if name == part else data)
    _read_or_refuse(path)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(kind=st.sampled_from(["xlsx", "csv"]), changes=spots)
def test_any_byte_level_mutation_of_a_real_file_is_read_or_refused(tmp_path, kind, changes):
    path = tmp_path / f"b{next(_files)}.{kind}"
    path.write_bytes(_mutate(VALID[kind], changes))
    _read_or_refuse(path)


def test_checking_a_file_against_a_database_not_made_yet_creates_nothing(tmp_path, capsys):
    from qsh_desk.cli import main

    good = tmp_path / "good.csv"
    good.write_text("\n".join(",".join(r) for r in [HEADERS, child_row(1), child_row(2)]), encoding="utf-8")
    bad = tmp_path / "bad.csv"
    bad.write_text("\n".join(",".join(r) for r in [HEADERS, ["王小明", "未知", "明天"]]), encoding="utf-8")
    folder = tmp_path / "data"
    database = folder / "qsh.sqlite3"
    assert main(["--db", str(database), "import", "children", str(good), "--dry-run"]) == 0
    assert "可导入 2 名儿童" in capsys.readouterr().out
    assert main(["--db", str(database), "import", "children", str(bad)]) != 0
    assert "性别" in capsys.readouterr().err
    assert not database.exists() and not folder.exists()
    assert main(["--db", str(database), "import", "children", str(good)]) == 0  # the import itself makes it
    assert "已导入 2 名儿童" in capsys.readouterr().out and database.exists()


# -- the formats stations have ----------------------------------------------------------------------------------
def _ods(path: Path, sheets: dict[str, list[list[str]]]) -> Path:
    """A LibreOffice spreadsheet (.ods) written by hand: the parts LibreOffice itself writes, minus the styles."""
    def cell(value: str) -> str:
        return f'<table:table-cell office:value-type="string"><text:p>{value}</text:p></table:table-cell>'

    tables = "".join(
        f'<table:table table:name="{name}">'
        + "".join("<table:table-row>" + "".join(cell(v) for v in row) + "</table:table-row>" for row in rows)
        + "</table:table>" for name, rows in sheets.items())
    content = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content '
               'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3">'
               f"<office:body><office:spreadsheet>{tables}</office:spreadsheet></office:body></office:document-content>")
    manifest = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
                'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
                '<manifest:file-entry manifest:full-path="/" '
                'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                "</manifest:manifest>")
    with zipfile.ZipFile(path, "w") as book:
        book.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED)
        book.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
        book.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
    return path


def test_an_excel_97_xls_roster_imports(db, admin, tmp_path):
    pytest.importorskip("python_calamine")
    xlwt = pytest.importorskip("xlwt")
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("花名册")
    for r, row in enumerate([HEADERS, child_row(1), child_row(2)]):
        for c, value in enumerate(row):
            sheet.write(r, c, int(value) if c == 7 and r else value)  # the phone as Excel keeps it: a number
    book.save(str(tmp_path / "roster.xls"))
    result = importing.run_import(db, admin, "children", tmp_path / "roster.xls")
    assert result.added == 2
    from sqlalchemy import select

    from qsh_desk.db.models import Guardian

    with db.transaction() as s:
        assert sorted(s.scalars(select(Guardian.phone))) == ["13800000001", "13800000002"]


def test_an_ods_roster_with_its_data_on_the_second_sheet_imports_and_says_which_sheet(db, admin, tmp_path):
    pytest.importorskip("python_calamine")
    path = _ods(tmp_path / "roster.ods", {"说明": [["高新社区留守儿童花名册（填写说明）"], ["请在下一个工作表填写"]],
                                          "名单": [HEADERS, child_row(1), child_row(2), child_row(3)]})
    preview = importing.preview_import(db, admin, "children", path)
    assert preview.sheet == "名单" and preview.ready == 3 and not preview.problems
    assert "读取的是工作表“名单”" in preview.summary()


def test_an_xlsx_whose_roster_is_on_the_second_sheet_is_found(db, admin, tmp_path):
    path = workbook.write(tmp_path / "two.xlsx", workbook.Sheet("封面", ["高新社区留守儿童花名册"], [["2026年3月"]]),
                          workbook.Sheet("儿童", HEADERS, [child_row(n) for n in range(4)]))
    preview = importing.preview_import(db, admin, "children", path)
    assert preview.sheet == "儿童" and preview.ready == 4


def test_a_workbook_without_a_header_on_any_sheet_says_it_looked_at_every_sheet(db, admin, tmp_path):
    path = workbook.write(tmp_path / "none.xlsx", workbook.Sheet("甲", ["随便"], [["1"]]),
                          workbook.Sheet("乙", ["什么"], [["2"]]))
    preview = importing.preview_import(db, admin, "children", path)
    assert "找不到表头" in preview.problems[0].message and "2 个工作表" in preview.problems[-1].message


def test_a_damaged_xls_or_ods_is_refused_in_chinese(tmp_path):
    pytest.importorskip("python_calamine")
    (tmp_path / "bad.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    (tmp_path / "bad.ods").write_bytes(b"PK\x03\x04 not really")
    assert "已损坏" in refusal(tmp_path / "bad.xls") and "已损坏" in refusal(tmp_path / "bad.ods")


# -- messages that say what happened to the file ------------------------------------------------------------------
def test_a_gbk_csv_that_lost_rare_characters_says_so_and_how_to_save_it(db, admin, tmp_path):
    """LibreOffice saving 王𬌗 as GBK writes 王?: the message is about the file, not about a "?" in a name."""
    path = tmp_path / "gbk.csv"
    path.write_bytes("\n".join(",".join(r) for r in [HEADERS, ["王?", *child_row(1)[1:]]]).encode("gbk"))
    [problem] = importing.preview_import(db, admin, "children", path).problems
    assert "丢掉的字" in problem.message and "CSV UTF-8" in problem.message and "不能有数字或符号" not in problem.message


def test_a_phone_in_scientific_notation_says_excel_changed_it(db, admin, tmp_path):
    path = tmp_path / "sci.csv"
    path.write_text("\n".join(",".join(r) for r in [HEADERS, [*child_row(1)[:7], "1.38123E+10", ""]]),
                    encoding="utf-8")
    [problem] = importing.preview_import(db, admin, "children", path).problems
    assert "科学计数法" in problem.message and "文本" in problem.message
