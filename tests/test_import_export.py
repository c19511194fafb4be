"""Import of messy real-world roster files (GBK CSV, a merged title row, full-width digits, mixed dates, bad ID numbers,
duplicate rows), export to .xlsx, the round trip, and the import/export commands."""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from qsh_desk.cli import main
from qsh_desk.db.database import Database
from qsh_desk.db.models import AuditEntry, Child, Team, Volunteer
from qsh_desk.db.schema import upgrade_to_head
from qsh_desk.services import demo, exporting, importing, roster
from qsh_desk.services.access import Actor, Role
from qsh_desk.services.errors import InvalidInput, PermissionDenied
from qsh_desk.services.roster import ChildInput, GuardianInput
from qsh_desk.services.stations import ensure_station
from tests.test_validation import make_id

GOOD_ID = make_id("20150304")
BAD_CHECK_ID = GOOD_ID[:-1] + ("1" if GOOD_ID[-1] != "1" else "2")

# What a station's Excel/WPS roster saved as "CSV" looks like: a title and a date line above the header, a running
# number, a column the app does not know, full-width digits, an ideographic space in a name, dates in every style.
MESSY_ROWS = [
    ["高新社区留守儿童花名册", "", "", "", "", "", "", "", "", "", "", "", ""],
    ["填表日期：2026年9月1日", "", "", "", "", "", "", "", "", "", "", "", ""],
    ["序号", "姓名", "性别", "出生年月", "身份证号码", "民族", "学校", "班级", "监护人姓名", "与儿童关系", "联系电话", "备注",
     "家庭年收入"],
    ["1", "王小明", "男", "2015-03-04", GOOD_ID, "汉族", "高新小学", "三年级", "王秀英", "奶奶", "138 1234 5678", "", "3万"],
    ["2", "李　梅", "女", "2014/9/1", "", "汉", "塘山中学", "初一", "李建国", "爷爷", "１３９００００２２２２", "", ""],
    ["3", "张垚", "M", "2016.6.1", "", "", "高新小学", "2年级", "张华", "外公", "13700003333", "", ""],
    ["4", "赵四", "女", "2015年13月1日", "", "", "", "", "赵大", "妈妈", "13600004444", "", ""],
    ["5", "钱五", "男", "20150304", BAD_CHECK_ID, "", "", "", "钱六", "父亲", "13500005555", "", ""],
    ["6", "王小明", "男", "42067", "", "汉族", "高新小学", "三年级", "王秀英", "奶奶", "13812345678", "", ""],
    ["7", "孙七", "未知", "2015-03-04", "", "", "", "", "孙八", "姑姑", "1381234", "", ""],
    ["", "", "", "", "", "", "", "", "", "", "", "", ""],
]

MESSY_PROBLEMS = [
    "第 7 行“出生年月”：没有 2015 年 13 月 1 日这一天，请核对。（填写的是“2015年13月1日”）",
    f"第 8 行“身份证号码”：身份证号的最后一位（校验码）不对，号码中可能有一位写错了，请对照身份证核对。（填写的是“{BAD_CHECK_ID}”）",
    "第 9 行“姓名”：与第 4 行是同一名儿童（姓名相同，出生日期或监护人电话也相同），请删去重复的一行。（填写的是“王小明”）",
    "第 10 行“性别”：性别请写“男”或“女”（也可以写 M 或 F）。（填写的是“未知”）",
    "第 10 行“联系电话”：手机号应为 11 位数字（现在是 7 位），请核对。（填写的是“1381234”）",
]


def write_csv(path, rows, encoding: str) -> None:
    text = "\r\n".join(",".join(cells) for cells in rows) + "\r\n"
    path.write_bytes(text.encode(encoding))


def children_count(db) -> int:
    with db.transaction() as session:
        return session.scalar(select(func.count(Child.id)))


def people(db) -> list[tuple]:
    """Every child with its guardians, in a form that does not depend on ids."""
    with db.transaction() as session:
        children = session.scalars(select(Child).options(selectinload(Child.guardians)).order_by(Child.card_code))
        return [
            (c.card_code, c.name, c.gender, c.ethnicity, c.birth_date, c.id_number, c.household_address,
             c.current_address, c.school, c.grade, c.boarding, c.health_status, c.medical_flag, c.medical_details,
             c.notes, c.active, c.search_keys,
             tuple((g.name, g.relation, g.relation_note, g.phone, g.phone_last4, g.may_collect, g.is_primary)
                   for g in c.guardians))
            for c in children
        ]


def volunteer_people(db) -> list[tuple]:
    with db.transaction() as session:
        rows = session.scalars(select(Volunteer).options(selectinload(Volunteer.team)).order_by(Volunteer.card_code))
        return [(v.card_code, v.name, v.gender, v.phone, v.team.name if v.team else None, v.volunteer_number,
                 v.skills, v.active, v.search_keys) for v in rows]


# --- messy files --------------------------------------------------------------------------------


def test_a_messy_gbk_csv_is_previewed_with_every_problem_and_nothing_is_written(db, admin, tmp_path):
    path = tmp_path / "花名册.csv"
    write_csv(path, MESSY_ROWS, "gbk")
    preview = importing.preview_import(db, admin, "children", path)
    assert preview.header_row == 3
    assert preview.unknown_columns == ("家庭年收入",)
    assert ("出生年月", "出生日期") in preview.columns and ("联系电话", "监护人电话") in preview.columns
    assert [str(p) for p in preview.problems] == MESSY_PROBLEMS
    assert preview.invalid_rows == (7, 8, 9, 10)
    assert (preview.total_rows, preview.ready, preview.ok) == (7, 3, False)
    assert preview.summary() == "共 7 行，可导入 3 名儿童，4 行有问题。"
    with pytest.raises(InvalidInput) as caught:
        importing.run_import(db, admin, "children", path)
    assert [str(p) for p in caught.value.problems] == MESSY_PROBLEMS
    assert children_count(db) == 0


def test_the_user_may_import_only_the_valid_rows_and_is_told_which_were_left_out(db, admin, tmp_path):
    path = tmp_path / "花名册.csv"
    write_csv(path, MESSY_ROWS, "gbk")
    result = importing.run_import(db, admin, "children", path, valid_rows_only=True)
    assert (result.added, result.skipped_rows) == (3, (7, 8, 9, 10))
    assert result.summary() == "已导入 3 名儿童。有问题的 4 行未导入（第 7、8、9、10 行），请改正后单独导入。"
    rows = {r.name: r for r in roster.list_children(db, admin)}
    assert sorted(rows) == sorted(["王小明", "李梅", "张垚"])
    li = roster.get_child(db, admin, rows["李梅"].id)
    assert (li.birth_date, li.ethnicity, li.grade) == (dt.date(2014, 9, 1), "汉族", "初一")
    assert [(g.name, g.relation, g.phone) for g in li.guardians] == [("李建国", "祖父", "13900002222")]
    zhang = roster.get_child(db, admin, rows["张垚"].id)
    assert (zhang.gender, zhang.birth_date, zhang.grade, zhang.guardians[0].relation) == (
        "男", dt.date(2016, 6, 1), "二年级", "外祖父")
    assert roster.get_child(db, admin, rows["王小明"].id).id_number == GOOD_ID
    with db.transaction() as session:
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "import")).one()
        assert entry.detail == {"file": "花名册.csv", "added": 3, "duplicates": [], "skipped_rows": [7, 8, 9, 10]}


@pytest.mark.parametrize(("encoding", "rare"), [("utf-8-sig", "刘𬌗"), ("utf-8", "刘䶮"), ("gbk", "刘垚"),
                                              ("gb18030", "刘𫖯")])
def test_csv_in_utf8_with_or_without_bom_gbk_and_gb18030(db, admin, tmp_path, encoding, rare):
    path = tmp_path / "children.csv"
    write_csv(path, [["姓名", "性别", "出生日期", "监护人", "关系", "手机号"],
                     ["欧阳娜娜", "女", "2015/3/4", "欧阳建", "父亲", "13812345678"],
                     [rare, "男", "2014年1月2日", "刘芳", "姑姑", "13912345678"]], encoding)
    result = importing.run_import(db, admin, "children", path)
    assert result.added == 2
    names = [r.name for r in roster.list_children(db, admin)]
    assert sorted(names) == sorted(["欧阳娜娜", rare])


def test_an_xlsx_with_a_merged_title_row_typed_cells_and_a_number_mangled_by_excel(db, admin, tmp_path):
    path = tmp_path / "roster.xlsx"
    book = Workbook()
    sheet = book.active
    sheet.append(["塘山镇高新社区留守儿童基本情况登记表"])
    sheet.merge_cells("A1:I1")
    sheet.append(["姓名", "性别", "出生日期", "身份证号", "学校", "年级", "监护人", "关系", "手机号"])
    sheet.append(["王小明", "男", dt.datetime(2015, 3, 4), GOOD_ID, "高新小学", "三年级", "王秀英", "祖母", 13812345678])
    sheet.append(["李梅", "女", 42067, None, "高新小学", "三年级", "李建国", "祖父", "13900002222"])
    sheet.append(["张三", "男", "2015年3月4日", 3.60111201503041e17, None, None, "张华", "外公", 13700003333])
    sheet.append(["赵四", "女", None, None, None, None, "赵大", "妈妈", "13600004444"])
    book.save(path)
    preview = importing.preview_import(db, admin, "children", path)
    assert preview.header_row == 2 and preview.unknown_columns == ()
    assert [str(p) for p in preview.problems] == [
        "第 5 行“身份证号”：身份证号被 Excel 变成了科学计数法，后几位已经丢失。请把这一列设为“文本”格式，重新输入号码。"
        "（填写的是“360111201503041024”）",
        "第 6 行“出生日期”：请填写出生日期；不知道时至少填写年级。",
    ]
    assert preview.ready == 2
    with pytest.raises(InvalidInput):
        importing.run_import(db, admin, "children", path)
    assert children_count(db) == 0


def test_children_already_on_the_roster_are_reported_not_added_twice(db, admin, tmp_path):
    existing = roster.add_child(db, admin, ChildInput("王小明", "男", "2015-03-04",
                                                      guardians=(GuardianInput("王秀英", "祖母", "13812345678"),)))
    path = tmp_path / "again.csv"
    write_csv(path, [["姓名", "性别", "出生日期", "监护人", "关系", "电话"],
                     ["王小明", "男", "2015.3.4", "王秀英", "祖母", "13812345678"],
                     ["王小红", "女", "2016-01-01", "王秀英", "祖母", "138-1234-5678"],  # a sister: same phone
                     ["李梅", "女", "2014-09-01", "李建国", "祖父", "13900002222"]], "utf-8-sig")
    preview = importing.preview_import(db, admin, "children", path)
    assert preview.ok and preview.ready == 2
    assert [(d.row, d.name) for d in preview.duplicates] == [(2, "王小明")]
    assert f"卡号 {existing.card_code}" in preview.duplicates[0].existing
    assert preview.summary() == "共 3 行，可导入 2 名儿童，1 名已在名单中（不会重复添加）。"
    result = importing.run_import(db, admin, "children", path)
    assert result.added == 2 and children_count(db) == 3
    assert result.summary() == "已导入 2 名儿童。1 名已在名单中，未重复添加。"


def test_a_child_added_at_the_desk_while_the_file_was_checked_is_not_imported_twice(db, admin, tmp_path, monkeypatch):
    # The file is checked before the write lock is taken; someone adds the same child in between.
    path = tmp_path / "roster.csv"
    write_csv(path, [["姓名", "性别", "出生日期", "监护人", "关系", "电话"],
                     ["王小明", "男", "2015-03-04", "王秀英", "祖母", "13812345678"],
                     ["李梅", "女", "2014-09-01", "李建国", "祖父", "13900002222"]], "utf-8-sig")
    checked = importing._preview
    calls = []

    def check_then_someone_adds_him(*args, **kwargs):
        preview = checked(*args, **kwargs)
        if not calls:
            roster.add_child(db, admin, ChildInput("王小明", "男", "2015-03-04"))
        calls.append(preview)
        return preview

    monkeypatch.setattr(importing, "_preview", check_then_someone_adds_him)
    result = importing.run_import(db, admin, "children", path)
    assert len(calls) == 2  # checked again under the lock, since the roster changed
    assert result.added == 1 and [d.name for d in result.duplicates] == ["王小明"]
    assert sorted(person[1] for person in people(db)) == ["李梅", "王小明"]


def test_an_unchanged_roster_is_checked_once(db, admin, tmp_path, monkeypatch):
    path = tmp_path / "roster.csv"
    write_csv(path, [["姓名", "性别", "出生日期"], ["李梅", "女", "2014-09-01"]], "utf-8-sig")
    checked, calls = importing._preview, []
    monkeypatch.setattr(importing, "_preview", lambda *a, **k: calls.append(1) or checked(*a, **k))
    assert importing.run_import(db, admin, "children", path).added == 1
    assert len(calls) == 1


def test_file_level_problems_stop_the_import(db, admin, tmp_path):
    no_header = tmp_path / "no-header.csv"
    write_csv(no_header, [["王小明", "男", "2015-03-04"]], "utf-8")
    assert [str(p) for p in importing.preview_import(db, admin, "children", no_header).problems] == [
        "找不到表头。第一行（或标题下面一行）应是列名，至少要有“姓名、性别”等列。可以先保存模板，照模板填写。"]
    no_gender = tmp_path / "no-gender.csv"
    write_csv(no_gender, [["姓名", "出生日期", "电话", "电话"], ["王小明", "2015-03-04", "", ""]], "utf-8")
    assert [str(p) for p in importing.preview_import(db, admin, "children", no_gender).problems] == [
        "有两列都是“监护人电话”（“电话”和“电话”），请删去或改名其中一列。",
        "缺少“性别”列，请在表头加上“性别”。",
    ]
    with pytest.raises(InvalidInput):
        importing.run_import(db, admin, "children", no_gender, valid_rows_only=True)
    old = tmp_path / "old.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(InvalidInput) as caught:
        importing.preview_import(db, admin, "children", old)
    assert "另存为” .xlsx" in str(caught.value)
    assert children_count(db) == 0


def test_volunteers_import_creates_the_teams_it_names(db, admin, tmp_path):
    path = tmp_path / "volunteers.csv"
    write_csv(path, [["姓名", "性别", "手机号", "所属队伍", "志愿者编号", "特长", "微信"],
                     ["刘芳", "女", "13900001111", "南昌大学志愿服务队", "jx001", "绘画", "lf"],
                     ["陈军", "M", "１３９００００２２２２", "南昌大学志愿服务队", "", "篮球", ""],
                     ["刘芳", "女", "13900001111", "", "", "", ""],
                     ["王五", "x", "123", "", "", "", ""]], "gbk")
    preview = importing.preview_import(db, admin, "volunteers", path)
    assert preview.unknown_columns == ("微信",) and preview.new_teams == ("南昌大学志愿服务队",)
    assert [str(p) for p in preview.problems] == [
        "第 4 行“姓名”：与第 2 行是同一位志愿者（编号或姓名和手机号相同），请删去重复的一行。（填写的是“刘芳”）",
        "第 5 行“性别”：性别请写“男”或“女”（也可以写 M 或 F）。（填写的是“x”）",
        "第 5 行“手机号”：手机号应为 11 位数字（现在是 3 位），请核对。（填写的是“123”）",
    ]
    with pytest.raises(InvalidInput):
        importing.run_import(db, admin, "volunteers", path)
    assert volunteer_people(db) == []
    result = importing.run_import(db, admin, "volunteers", path, valid_rows_only=True)
    assert result.added == 2
    assert [(v[1], v[3], v[4], v[5]) for v in volunteer_people(db)] == [
        ("刘芳", "13900001111", "南昌大学志愿服务队", "JX001"), ("陈军", "13900002222", "南昌大学志愿服务队", None)]


# --- template and export ------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["children", "volunteers"])
def test_the_template_has_the_headers_and_one_example_row_that_imports(db, admin, tmp_path, kind):
    path = importing.write_template(kind, tmp_path / f"{kind}-模板.xlsx")
    rows = list(load_workbook(path).active.iter_rows(values_only=True))
    assert len(rows) == 2 and rows[0][0] == "姓名"
    preview = importing.preview_import(db, admin, kind, path)
    assert preview.ok and preview.ready == 1 and preview.unknown_columns == ()


def test_export_needs_the_export_permission_and_is_audited(db, admin, station, tmp_path):
    social = Actor(user_id=None, name="social", role=Role.SOCIAL, station_id=station.id)
    with pytest.raises(PermissionDenied):
        exporting.export_children(db, social, tmp_path / "x.xlsx")
    assert not (tmp_path / "x.xlsx").exists()
    roster.add_child(db, admin, ChildInput("王小明", "男", "2015-03-04", id_number=GOOD_ID,
                                           guardians=(GuardianInput("王秀英", "祖母", "13812345678"),)))
    result = exporting.export_children(db, admin, tmp_path / "children.xlsx")
    assert result.count == 1
    sheet = load_workbook(tmp_path / "children.xlsx").active
    header = [c.value for c in sheet[1]]
    row = dict(zip(header, [c.value for c in sheet[2]], strict=True))
    assert row["姓名"] == "王小明" and row["身份证号"] == GOOD_ID and row["监护人电话"] == "13812345678"
    assert row["出生日期"].date() == dt.date(2015, 3, 4) and row["在册"] == "是"
    with db.transaction() as session:
        actions = list(session.scalars(select(AuditEntry.action).where(AuditEntry.entity == "children")))
    assert actions == ["denied", "export"]


def test_round_trip_export_then_import_into_an_empty_database_gives_the_same_people(db, admin, tmp_path):
    source = Database(tmp_path / "source.sqlite3")
    upgrade_to_head(source.engine)
    station, _ = ensure_station(source)
    source_admin = Actor(user_id=None, name="a", role=Role.ADMIN, station_id=station.id)
    demo.generate(source, source_admin, children=60, volunteers=15, weeks=1, seed=7)
    added = roster.add_child(source, source_admin, ChildInput(
        "阿依古丽·买买提", "女", "2015-03-04", id_number=make_id("20150304", "124"), ethnicity="维吾尔族",
        boarding=True, notes="喜欢画画，\n周日下午早走", medical_flag=True,
        guardians=(GuardianInput("买买提", "父亲", "0791-88123456-802", may_collect=False),)))
    roster.archive_child(source, source_admin, added.id)
    # Two children the station told apart (the duplicate warning was confirmed) stay two after the round trip.
    roster.add_child(source, source_admin, ChildInput("阿依古丽·买买提", "女", "2015-03-04"), confirm_possible_duplicate=True)
    children_file = exporting.export_children(source, source_admin, tmp_path / "children.xlsx").path
    volunteers_file = exporting.export_volunteers(source, source_admin, tmp_path / "volunteers.xlsx").path

    assert importing.run_import(db, admin, "children", children_file).added == 62
    assert importing.run_import(db, admin, "volunteers", volunteers_file).added == 15
    assert people(db) == people(source)
    assert volunteer_people(db) == volunteer_people(source)
    source.dispose()


# --- the commands -------------------------------------------------------------------------------


def test_import_command_exits_1_with_the_row_errors_and_writes_nothing(db, tmp_path, capsys):
    path = tmp_path / "花名册.csv"
    write_csv(path, MESSY_ROWS, "gbk")
    assert main(["--db", db.url, "import", "children", str(path)]) == 1
    err = capsys.readouterr().err
    assert "文件有 5 处问题，没有导入任何内容" in err
    for line in MESSY_PROBLEMS:
        assert line in err
    assert "未识别的列（不会导入）：家庭年收入" in err
    assert children_count(db) == 0
    assert main(["--db", db.url, "import", "children", str(path), "--dry-run"]) == 1
    assert children_count(db) == 0


def test_import_dry_run_then_import_then_export_commands(db, tmp_path, capsys):
    path = tmp_path / "ok.csv"
    write_csv(path, [["姓名", "性别", "出生日期"], ["王小明", "男", "2015-03-04"]], "utf-8")
    assert main(["--db", db.url, "import", "children", str(path), "--dry-run"]) == 0
    assert capsys.readouterr().out.strip() == "共 1 行，可导入 1 名儿童。（仅检查，未写入）"
    assert children_count(db) == 0
    assert main(["--db", db.url, "import", "children", str(path)]) == 0
    assert capsys.readouterr().out.strip() == "已导入 1 名儿童。"
    out_file = tmp_path / "out.xlsx"
    assert main(["--db", db.url, "export", "children", str(out_file)]) == 0
    assert capsys.readouterr().out.strip() == f"已导出 1 名儿童到 {out_file}"
    assert main(["--db", db.url, "export", "volunteers", str(tmp_path / "v.xlsx")]) == 0
    template = tmp_path / "template.xlsx"
    assert main(["--db", db.url, "import", "volunteers", str(template), "--template"]) == 0
    assert template.exists()
    with db.transaction() as session:
        assert session.scalar(select(func.count(Team.id))) == 0


FORMULA_LOOKALIKES = ("=1+1", '=HYPERLINK("http://x","y")', "+1", "-1", "@x", "\t=2+2", "\r=3+3")


def test_text_that_looks_like_a_formula_is_written_as_data_and_imports_back_identical(db, admin, tmp_path):
    """Formula injection: a school or a note starting with = + - @ (or a tab or CR) is text in every sheet."""
    import re
    import zipfile

    from qsh_desk.services import sessions
    from tests.programme_data import dream_id

    source = Database(tmp_path / "source.sqlite3")
    upgrade_to_head(source.engine)
    station, _ = ensure_station(source)
    source_admin = Actor(user_id=None, name="a", role=Role.ADMIN, station_id=station.id)
    for n, text in enumerate(FORMULA_LOOKALIKES):
        roster.add_child(source, source_admin, ChildInput(f"王小{'一二三四五六七'[n]}", "女", f"2015-03-0{n + 1}",
                                                          school=text, notes=text))
    sessions.log_session(source, source_admin, sessions.SessionDraft(
        dream_id=dream_id(source, station, "快乐梦"), starts_at=dt.datetime(2026, 11, 28, 9, 30),
        theme="=1+1", summary='=HYPERLINK("http://x","y")'))
    children_file = exporting.export_children(source, source_admin, tmp_path / "children.xlsx").path
    sessions_file = tmp_path / "sessions.xlsx"
    sessions.export_sessions(source, source_admin, sessions_file, date_from=dt.date(2026, 11, 1),
                             date_to=dt.date(2026, 11, 30))
    from qsh_desk.services import archive

    archive.export_xlsx(source, source_admin, tmp_path / "archive.xlsx")
    for written in (children_file, sessions_file, tmp_path / "archive.xlsx"):
        with zipfile.ZipFile(written) as book:
            sheets = [book.read(name).decode() for name in book.namelist() if name.startswith("xl/worksheets/")]
        assert sheets and not any(re.search(r"<f[ >]", xml) for xml in sheets), written.name  # not one formula
        # Each such cell is typed as text (s, inlineStr), the way every spreadsheet program reads a string.
        cells = [cell for xml in sheets for cell in re.findall(r"<c [^>]*>(?:(?!</c>).)*</c>", xml, re.S)
                 if re.search(r"<(?:t|v)[^>]*>[=+\-@]", cell)]
        assert all(re.search(r't="(?:s|inlineStr|str)"', cell) for cell in cells), written.name
        assert cells or written.name == "archive.xlsx"  # the archive has no free text of these children

    assert importing.run_import(db, admin, "children", children_file).added == len(FORMULA_LOOKALIKES)
    with db.transaction() as s:
        imported = {c.name: (c.school, c.notes) for c in s.scalars(select(Child))}
    with source.transaction() as s:
        typed = {c.name: (c.school, c.notes) for c in s.scalars(select(Child))}
    source.dispose()
    assert imported == typed and sorted(school for school, _ in typed.values()) == sorted(
        t.strip() for t in FORMULA_LOOKALIKES)


def test_an_imported_child_is_stored_as_the_form_would_store_it(db, admin, tmp_path):
    """The importer writes in bulk; what it stores (search keys, sort name, guardians in order, the audit row) is
    what the edit form stores for the same child."""
    path = tmp_path / "one.csv"
    write_csv(path, [["姓名", "性别", "出生日期", "学校", "监护人", "关系", "电话", "监护人2", "关系2", "电话2", "在册"],
                     ["曾小雨", "女", "2016-05-06", "高新小学", "曾奶奶", "祖母", "13812345678", "李阿姨", "邻居",
                      "13900001111", "否"]], "utf-8-sig")
    assert importing.run_import(db, admin, "children", path).added == 1
    form_db = Database(tmp_path / "form.sqlite3")
    upgrade_to_head(form_db.engine)
    form_station, _ = ensure_station(form_db)
    form_admin = Actor(user_id=None, name="test-admin", role=Role.ADMIN, station_id=form_station.id)
    added = roster.add_child(form_db, form_admin, ChildInput(
        "曾小雨", "女", "2016-05-06", school="高新小学",
        guardians=(GuardianInput("曾奶奶", "祖母", "13812345678"), GuardianInput("李阿姨", "邻居", "13900001111"))))
    roster.archive_child(form_db, form_admin, added.id)
    [imported], [typed] = people(db), people(form_db)
    assert imported[1:] == typed[1:]  # everything but the card code, which each station numbers itself
    assert imported[15] is False and "zxy" in imported[16]  # not on the roster; found by its initials
    with db.transaction() as session:
        child = session.scalar(select(Child))
        created = session.scalars(select(AuditEntry).where(AuditEntry.action == "create",
                                                           AuditEntry.entity == "child")).all()
        assert child.archived_at is not None and child.sort_name and child.version == 1
    assert [(a.entity_id, a.detail["source"], a.detail["name"]) for a in created] == [(child.id, "one.csv", "曾小雨")]
    form_db.dispose()
