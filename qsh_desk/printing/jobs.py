"""The registry of printable documents: each one's name, title, permission, parameters, data and builder.

The 打印 page, the print jobs and `qsh-desk print` all read `DOCUMENTS`: a new document is one entry here
(its data function in the services, its builder in printing/), and appears on the page and on the command line.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, BinaryIO

from qsh_desk.services.access import Actor, Permission
from qsh_desk.services.errors import InvalidInput

if TYPE_CHECKING:  # the registry is read to build the command line's parser, before any database is opened
    from qsh_desk.db.database import Database


@dataclass(frozen=True)
class Parameter:
    """One input a document asks for; `kind` says how the page and the command line ask for it."""

    name: str
    kind: str  # "date" (default today) | "month" (default this month) | "id" | "text" | "flag" | "from" | "to"
    #          | "wish_status" (open, claimed, fulfilled or all)
    #          | "option" (a required --name TEXT)
    help: str


PARAMETERS = {p.name: p for p in (
    Parameter("date", "date", "哪一天（默认今天）"),
    Parameter("month", "month", "哪个月（默认本月）"),
    Parameter("session", "id", "活动编号"),
    Parameter("home_visit", "id", "家访编号"),
    Parameter("volunteer", "text", "志愿者姓名、卡号或编号"),
    Parameter("date_from", "from", "从哪天"),
    Parameter("date_to", "to", "到哪天"),
    Parameter("pickup", "flag", "打印监护人接送卡"),
    Parameter("even_if_closed", "flag", "日历上这天不开放时也打印"),
    Parameter("wish", "id", "微心愿编号"),
    Parameter("status", "wish_status", "哪些微心愿：open 待认领（默认）、claimed 已认领、fulfilled 已圆梦、all 全部"),
    Parameter("a3", "flag", "用 A3 纸打印（张贴用）"),
    Parameter("child", "text", "儿童姓名或卡号"),
    Parameter("all", "flag", "所有在册儿童（不只是这个月来过的）"),
    Parameter("unit", "option", "在职党员的工作单位"),
)}


@dataclass(frozen=True)
class Document:
    kind: str  # its name on the command line: signin-sheet
    title: str  # 儿童每日签到表
    permission: Permission  # who may print it (the data function checks it again)
    parameters: tuple[str, ...]
    fetch: Callable[[Database, Actor, dict[str, Any]], Any]  # the data, from the services
    builder: str  # "module:function" in qsh_desk.printing, imported when printing (ReportLab is slow to load)
    help: str  # for the command line

    def job(self, options: dict[str, Any]) -> PrintJob:
        module, function = self.builder.split(":")
        build = getattr(importlib.import_module(f"qsh_desk.printing.{module}"), function)
        title = self.title if self.kind != "cards" else ("接送卡" if options.get("pickup") else "儿童卡")
        return PrintJob(title, lambda db, actor: self.fetch(db, actor, options), build)


def _reports():  # noqa: ANN202 - the services of the printed documents, imported when one is printed
    from qsh_desk.services import reports

    return reports


def _registers():  # noqa: ANN202 - the restricted 台账
    from qsh_desk.services import registers

    return registers


def _certificates():  # noqa: ANN202
    from qsh_desk.services import certificates

    return certificates


def _letters():  # noqa: ANN202 - 给爸爸妈妈的信
    from qsh_desk.services import letters

    return letters


def _service_records():  # noqa: ANN202 - 志愿服务记录 and 双报到
    from qsh_desk.services import service_records

    return service_records


def _month(options: dict[str, Any]) -> tuple[int, int]:
    return _reports().parse_month(options["month"])


def _plan_month(db: Database, actor: Actor, options: dict[str, Any]) -> Any:
    from qsh_desk.services import plans

    return plans.plan_month(db, actor, *_month(options))


def _duty_month(db: Database, actor: Actor, options: dict[str, Any]) -> Any:
    from qsh_desk.services import duty

    return duty.duty_month(db, actor, *_month(options))


def _wishes():  # noqa: ANN202
    from qsh_desk.services import wishes

    return wishes


def _wish_board(db: Database, actor: Actor, options: dict[str, Any]) -> Any:
    status = options.get("status") or "open"
    return _wishes().wish_board(db, actor, status=None if status == "all" else status, a3=bool(options.get("a3")))


def _lending():  # noqa: ANN202
    from qsh_desk.services import lending

    return lending


DOCUMENTS: dict[str, Document] = {d.kind: d for d in (
    Document("signin-sheet", "儿童每日签到表", Permission.PRINT_BASIC, ("date", "even_if_closed"),
             lambda db, a, o: _reports().signin_sheet(db, a, o["date"], even_if_closed=bool(o.get("even_if_closed"))),
             "sheets:build_signin_sheet", "儿童每日签到表（不含电话和身份证号）"),
    Document("volunteer-sheet", "志愿者签到表", Permission.PRINT_BASIC, ("date",),
             lambda db, a, o: _reports().volunteer_sheet(db, a, o["date"]), "sheets:build_volunteer_sheet", "志愿者签到表"),
    Document("attendance", "月度考勤表", Permission.PRINT_BASIC, ("month",),
             lambda db, a, o: _reports().attendance_month(db, a, *_month(o)), "attendance:build_attendance", "月度考勤表"),
    Document("session", "活动记录表", Permission.PRINT_BASIC, ("session",),
             lambda db, a, o: _reports().session_record(db, a, o["session"]), "records:build_session_record",
             "一次活动的活动记录表"),
    Document("roster", "留守儿童花名册", Permission.PRINT_RESTRICTED, (),
             lambda db, a, o: _registers().roster(db, a), "roster:build_roster", "留守儿童花名册（社工和管理员；会记入操作日志）"),
    Document("home-visit", "家访记录表", Permission.PRINT_RESTRICTED, ("home_visit",),
             lambda db, a, o: _registers().home_visit_record(db, a, o["home_visit"]), "records:build_home_visit",
             "一次家访的家访记录表（社工和管理员；会记入操作日志）"),
    Document("certificate", "志愿服务时长证明", Permission.PRINT_BASIC, ("volunteer", "date_from", "date_to"),
             lambda db, a, o: _certificates().volunteer_certificate(db, a, o["volunteer"], o["date_from"],
                                                                  o["date_to"]),
             "certificate:build_certificate", "志愿服务时长证明（同一志愿者同一时段补打时编号不变）"),
    Document("cards", "儿童卡 / 接送卡", Permission.PRINT_BASIC, ("pickup",),
             lambda db, a, o: _reports().cards(db, a, pickup=bool(o.get("pickup"))), "cards:build_cards",
             "儿童卡（或 --pickup 接送卡），每张 A4 十张，带裁切线"),
    Document("plan", "月度活动计划表", Permission.PRINT_BASIC, ("month",), _plan_month, "plans:build_plan_month",
             "月度活动计划表"),
    Document("duty", "值班表", Permission.PRINT_BASIC, ("month",), _duty_month, "plans:build_duty_month",
             "值班表（每个开放日的岗位和值班志愿者）"),
    Document("wishes", "微心愿认领榜", Permission.WISHES, ("status", "a3"), _wish_board, "wishes:build_wish_board",
             "微心愿认领榜（张贴用：只有孩子的名和年级，不含姓、电话、学校）"),
    Document("wish-record", "微心愿圆梦记录", Permission.PRINT_RESTRICTED, ("wish",),
             lambda db, a, o: _wishes().wish_record(db, a, o["wish"]), "wishes:build_wish_record",
             "一个微心愿的圆梦记录（台账；社工和管理员；会记入操作日志）"),
    Document("items", "器材台账", Permission.PRINT_BASIC, (), lambda db, a, o: _lending().items_register(db, a),
             "lending:build_items_register", "器材台账（每件物品的数量、状况、存放处和来源，捐赠写明捐赠人）"),
    Document("loans", "借阅登记表", Permission.PRINT_BASIC, ("month",),
             lambda db, a, o: _lending().loan_sheet(db, a, *_month(o)), "lending:build_loan_sheet", "一个月的借阅登记表"),
    Document("item-labels", "物品标签", Permission.PRINT_BASIC, (), lambda db, a, o: _lending().item_labels(db, a),
             "lending:build_item_labels", "物品标签（每张 A4 十张，带裁切线和编码的二维码）"),
    Document("overdue-slips", "逾期提醒", Permission.PRINT_BASIC, (), lambda db, a, o: _lending().overdue_slips(db, a),
             "lending:build_overdue_slips", "逾期提醒条（每个逾期的孩子一张，交给孩子或家长）"),
    Document("letter", "给爸爸妈妈的信", Permission.ARCHIVE, ("child", "month"),
             lambda db, a, o: _letters().letter(db, a, o["child"], o["month"]), "letter:build_letters",
             "一个儿童这个月的“给爸爸妈妈的信”（A5；--png 另存一张发微信用的图片；社工和管理员，记入操作日志）"),
    Document("letters", "给爸爸妈妈的信（全部）", Permission.ARCHIVE, ("month", "all"),
             lambda db, a, o: _letters().letters(db, a, o["month"], everyone=bool(o.get("all"))),
             "letter:build_letters",
             "这个月每个来过的儿童（--all：所有在册儿童）的信：一个 PDF，每个儿童一张图片（社工和管理员）"),
    Document("party-report", "在职党员进社区服务情况反馈表", Permission.PRINT_BASIC, ("unit", "date_from", "date_to"),
             lambda db, a, o: _service_records().party_report(db, a, o["unit"], o["date_from"], o["date_to"]),
             "party:build_party_report", "一个单位的在职党员在社区认领的岗位、值班、活动和时长，留有社区评价和签章栏（双报到反馈）"),
)}

KINDS = {kind: document.title for kind, document in DOCUMENTS.items()}  # the documents' titles, by name


@dataclass(frozen=True)
class PrintJob:
    """One document to print: what it is called, and how to get its data and build its PDF."""

    title: str
    fetch: Callable[[Database, Actor], Any]
    build: Callable[[Any, str | BinaryIO], int]


def job_for(kind: str, options: dict[str, Any]) -> PrintJob:
    """The print job for a document and its options; shared by the command line and the 打印 page."""
    document = DOCUMENTS.get(kind)
    if document is None:
        raise InvalidInput(f"没有名为“{kind}”的打印文档。")
    return document.job(options)


def build_document(db: Database, actor: Actor, kind: str, options: dict[str, Any]) -> tuple[bytes, int]:
    """The PDF of a document and its page count, named by kind and options (so a job process can build it)."""
    return build_pdf(job_for(kind, options), db, actor)


def build_pdf(job: PrintJob, db: Database, actor: Actor) -> tuple[bytes, int]:
    """Fetch and build in memory (a failed build never leaves half a file behind): the PDF and its page count."""
    import io

    data = job.fetch(db, actor)
    buffer = io.BytesIO()
    pages = job.build(data, buffer)
    return buffer.getvalue(), pages
