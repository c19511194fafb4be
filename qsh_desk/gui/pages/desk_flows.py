"""The desk's dialogs and side flows: check-out, 新来的孩子 (F2), 闭馆 (F9), past the limits, 微心愿 (F8), items.

A part of DeskPage (mixed into it): each flow opens one dialog at a time through `_open_dialog` and writes
through the page's `_run`, so a flow's result shows in here-now like any check-in.
"""

from __future__ import annotations

from qsh_desk.gui.errors import user_message
from qsh_desk.gui.kernel import Topic
from qsh_desk.gui.widgets.closing_dialog import ClosingDialog
from qsh_desk.gui.widgets.desk_dialogs import (
    CheckOutDialog,
    ConfirmDialog,
    WalkInDialog,
)
from qsh_desk.services import checkin, closing, lending, wishes
from qsh_desk.services.access import Permission
from qsh_desk.services.checkin import VOLUNTEER, OverLimits
from qsh_desk.services.errors import NotFound
from qsh_desk.services.search import SearchResult


class DeskFlows:
    """What the desk opens beside the search box, and what a scanned item code does."""

    def _unknown_card(self, code: str) -> None:
        self.say(self.tr("不认识这个卡号：%1。它不是本站儿童或志愿者的卡，请改用姓名搜索。").replace("%1", code), error=True)
        self.refused.emit(self.status.text())
        self.search.selectAll()

    def _maybe_an_item(self, code: str) -> None:
        """A code that is nobody's card may be an item's: one out comes back; one on the shelf is lent to the child
        the desk last checked in or out (the child's card, then the items)."""
        ctx, child = self.context, self._lend_to

        def work():  # noqa: ANN202 - (what was done, the loan) or None when the code is no item's either
            try:
                what = lending.scan(ctx.db, ctx.actor, code)
            except NotFound:
                return None
            if what.kind != "copy":
                return None
            if what.out_to is not None:
                return "return", lending.return_item(ctx.db, ctx.actor, what.code)
            if child is None:
                return "wait", what
            return "lend", lending.lend(ctx.db, ctx.actor, what.code, child[0])

        self.run(work, lambda done: self._item_done(code, done), failed=self._refused,
                 publishes={Topic.LENDING})

    def _item_done(self, code: str, done) -> None:  # noqa: ANN001 - (kind, LoanRow | Scanned) or None
        if done is None:
            self._unknown_card(code)
            return
        kind, what = done
        self.search.clear()
        if kind == "return":
            self.say(self.tr("“{0}”已由 {1} 归还。").format(what.item, what.child))
        elif kind == "lend":
            self.say(self.tr("“{0}”借给 {1}，应还日期 {2}。").format(what.item, what.child, f"{what.due:%Y-%m-%d}"))
        else:
            self.say(self.tr("“{0}”：要借给谁？请先扫孩子的卡，再扫物品。").format(what.name), warning=True)
        self.lent.emit(what)

    def _count_wishes(self, volunteer: tuple[int, str]) -> None:
        ctx = self.context
        self.run(lambda: wishes.open_wish_count(ctx.db, ctx.actor), lambda n: self._offer_wishes(volunteer, n))

    def _offer_wishes(self, volunteer: tuple[int, str], count: int) -> None:
        """“有 3 个微心愿待认领”: the volunteer just checked in may claim one with F8."""
        self._wish_volunteer = volunteer if count else None
        self.wish_button.setText(self.tr("有 {0} 个微心愿待认领 · {1} 认领（F8）").format(count, volunteer[1]))
        self.wish_button.setVisible(bool(count))

    def open_wish_claim(self):  # noqa: ANN201 - the dialog, or None
        """F8: the open wishes, for the volunteer who just checked in to claim one (↑↓, Enter)."""
        from qsh_desk.gui.pages.wishes import ClaimForVolunteerDialog

        if self._wish_volunteer is None:
            self.say(self.tr("志愿者签到后，如有待认领的微心愿，可以按 F8 认领。"))
            return None
        volunteer_id, name = self._wish_volunteer
        dialog = ClaimForVolunteerDialog(self.context, volunteer_id, name, self)
        dialog.claimed.connect(lambda row: (self.say(self.tr("{0} 认领了微心愿：{1}").format(name, row.wish)),
                                            self._count_wishes((volunteer_id, name))))
        self._open_dialog(dialog)
        return dialog

    def confirm_past_limits(self, held: OverLimits) -> None:
        """Past the room's capacity or the ratio: say so; Enter lets it through (recorded), Esc leaves it."""
        checking_in = held.action == checkin.ACTION_IN
        dialog = ConfirmDialog(self.tr("超出限额"), held.warning + "\n" + (
            self.tr("确认有足够的志愿者照看后，按回车仍然签到；这次放行会记入今天的记录。") if checking_in else
            self.tr("确认有足够的志愿者照看后，按回车仍然签退；这次放行会记入今天的记录。")),
            self.tr("仍然签到（回车）") if checking_in else self.tr("仍然签退（回车）"), self)
        dialog.setObjectName("deskPastLimits")
        kind, person_id = held.kind, held.person_id
        if checking_in:
            dialog.accepted.connect(lambda: self._run(lambda c: checkin.check_in(
                c.db, c.actor, kind, person_id, override_limits=True)))
        else:
            dialog.accepted.connect(lambda: self._run(lambda c: checkin.check_out_volunteer(
                c.db, c.actor, person_id, override_limits=True)))
        dialog.rejected.connect(lambda: self.say(self.tr("没有签到：超出限额。") if checking_in else
                                                 self.tr("没有签退：会低于师生比。"), warning=True))
        self._open_dialog(dialog)

    def offer_check_out(self, result: SearchResult, scanned: bool = False) -> None:
        """Someone already here: children choose who collects; volunteers confirm (a scanned card does not ask)."""
        ctx = self.context
        if result.kind == VOLUNTEER:
            if scanned:
                self._run(lambda c: checkin.check_out_volunteer(c.db, c.actor, result.id))
                return
            dialog = ConfirmDialog(self.tr("签退"), self.tr("%1 已在站（%2 起）。现在签退吗？").replace("%1", result.name)
                                   .replace("%2", f"{result.since:%H:%M}" if result.since else ""),
                                   self.tr("签退（回车）"), self)
            dialog.accepted.connect(lambda: self._run(lambda c: checkin.check_out_volunteer(c.db, c.actor, result.id)))
            self._open_dialog(dialog)
            return
        lends = ctx.actor.can(Permission.LEND)

        def work():  # noqa: ANN202 - (PickupOptions, the names of borrowed things that stay in the room)
            kept = lending.kept_in_the_room(ctx.db, ctx.actor, result.id) if lends else []
            return checkin.pickup_options(ctx.db, ctx.actor, result.id), tuple(r.item for r in kept)

        self.run(work, lambda found: self._show_check_out(*found), failed=self._refused)

    def _show_check_out(self, options, kept: tuple[str, ...] = ()) -> None:  # noqa: ANN001 - PickupOptions
        dialog = CheckOutDialog(options, self, kept)
        dialog.chosen.connect(  # a refusal is said in the dialog, which keeps what was typed; it closes once saved
            lambda pickup: self._run(lambda c: checkin.check_out_child(c.db, c.actor, options.child_id, pickup),
                                     dialog=dialog)
        )
        self._open_dialog(dialog)

    def _open_dialog(self, dialog) -> None:  # noqa: ANN001
        self.dialog = dialog
        dialog.finished.connect(lambda _code: self._dialog_closed(dialog))
        dialog.open()

    def _dialog_closed(self, dialog) -> None:  # noqa: ANN001
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()
        self.focus_search()

    def open_walk_in(self) -> None:
        text = self.search.text().strip()
        name = text if text and not text.isascii() else ""
        dialog = WalkInDialog(name, self)
        dialog.submitted.connect(lambda data, confirmed: self._walk_in(dialog, data, confirmed))
        self._open_dialog(dialog)

    def _walk_in(self, dialog: WalkInDialog, data, confirmed: bool) -> None:  # noqa: ANN001
        self._run(lambda c: checkin.walk_in(c.db, c.actor, data, confirm_possible_duplicate=confirmed), dialog=dialog)

    def open_closing(self) -> None:
        ctx = self.context
        self.run(lambda: closing.closing_status(ctx.db, ctx.actor), self._show_closing, failed=self._refused)

    def _show_closing(self, status) -> None:  # noqa: ANN001 - ClosingStatus
        dialog = ClosingDialog(status, self)
        ctx = self.context

        def in_the_dialog(error: BaseException) -> bool:
            dialog.show_problem(user_message(error))  # a bug is logged and said as 内部错误, never shown raw
            return True

        def record(visit_id: int, guardian_id: int | None, outcome: str) -> None:
            self.run(lambda: (closing.record_call(ctx.db, ctx.actor, visit_id, outcome, guardian_id=guardian_id),
                              closing.closing_status(ctx.db, ctx.actor)),
                     lambda result: dialog.show_status(result[1]), failed=in_the_dialog)

        def close(reason: str) -> None:
            def closed(status) -> None:  # noqa: ANN001
                dialog.accept()
                self.say(self.tr("已闭馆。") + (self.tr("原因：") + status.closed_reason if status.closed_reason else ""))
                self.refresh_present()  # whoever is still here is now shown as here after closing
                self.acted.emit(status)

            self.run(lambda: closing.close_day(ctx.db, ctx.actor, reason=reason), closed, failed=in_the_dialog,
                     publishes={Topic.VISITS})

        dialog.call_recorded.connect(record)
        dialog.close_requested.connect(close)
        self._open_dialog(dialog)
