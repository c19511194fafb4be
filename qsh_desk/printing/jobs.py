"""Each printable document by name: how to fetch its data and build its PDF (for the command line and the 打印 page)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, BinaryIO

from qsh_desk.db.database import Database
from qsh_desk.services.access import Actor
from qsh_desk.services.errors import InvalidInput

KINDS = {
    "signin-sheet": "儿童每日签到表",
    "volunteer-sheet": "志愿者签到表",
    "attendance": "月度考勤表",
    "session": "活动记录表",
    "roster": "留守儿童花名册",
    "home-visit": "家访记录表",
    "certificate": "志愿服务时长证明",
    "cards": "儿童卡 / 接送卡",
    "plan": "月度活动计划表",
    "duty": "值班表",
}


@dataclass(frozen=True)
class PrintJob:
    """One document to print: what it is called, and how to get its data and build its PDF."""

    title: str
    fetch: Callable[[Database, Actor], Any]
    build: Callable[[Any, str | BinaryIO], int]


def job_for(kind: str, options: dict[str, Any]) -> PrintJob:
    """The print job for a kind and its options; shared by the command line and the 打印 page."""
    from qsh_desk.services import reports

    # Builders import ReportLab; they are imported here, only when something is printed.
    if kind == "signin-sheet":
        from qsh_desk.printing.sheets import build_signin_sheet

        even_if_closed = bool(options.get("even_if_closed"))
        return PrintJob("儿童每日签到表",
                        lambda db, a: reports.signin_sheet(db, a, options["date"], even_if_closed=even_if_closed),
                        build_signin_sheet)
    if kind == "volunteer-sheet":
        from qsh_desk.printing.sheets import build_volunteer_sheet

        return PrintJob("志愿者签到表", lambda db, a: reports.volunteer_sheet(db, a, options["date"]),
                        build_volunteer_sheet)
    if kind == "attendance":
        from qsh_desk.printing.attendance import build_attendance

        year, month = reports.parse_month(options["month"])
        return PrintJob("月度考勤表", lambda db, a: reports.attendance_month(db, a, year, month), build_attendance)
    if kind == "session":
        from qsh_desk.printing.records import build_session_record

        return PrintJob("活动记录表", lambda db, a: reports.session_record(db, a, options["id"]), build_session_record)
    if kind == "roster":
        from qsh_desk.printing.roster import build_roster

        return PrintJob("留守儿童花名册", reports.roster, build_roster)
    if kind == "home-visit":
        from qsh_desk.printing.records import build_home_visit

        return PrintJob("家访记录表", lambda db, a: reports.home_visit_record(db, a, options["id"]), build_home_visit)
    if kind == "certificate":
        from qsh_desk.printing.certificate import build_certificate

        return PrintJob(
            "志愿服务时长证明",
            lambda db, a: reports.volunteer_certificate(db, a, options["volunteer"], options["date_from"],
                                                        options["date_to"]),
            build_certificate,
        )
    if kind == "cards":
        from qsh_desk.printing.cards import build_cards

        pickup = bool(options.get("pickup"))
        return PrintJob("接送卡" if pickup else "儿童卡", lambda db, a: reports.cards(db, a, pickup=pickup), build_cards)
    if kind in ("plan", "duty"):
        from qsh_desk.printing.plans import build_duty_month, build_plan_month
        from qsh_desk.services import duty, plans

        year, month = reports.parse_month(options["month"])
        if kind == "plan":
            return PrintJob("月度活动计划表", lambda db, a: plans.plan_month(db, a, year, month), build_plan_month)
        return PrintJob("值班表", lambda db, a: duty.duty_month(db, a, year, month), build_duty_month)
    raise InvalidInput(f"没有名为“{kind}”的打印文档。")


def build_pdf(job: PrintJob, db: Database, actor: Actor) -> tuple[bytes, int]:
    """Fetch and build in memory (a failed build never leaves half a file behind): the PDF and its page count."""
    import io

    data = job.fetch(db, actor)
    buffer = io.BytesIO()
    pages = job.build(data, buffer)
    return buffer.getvalue(), pages
