"""The desk's two lists: the search results as they are typed, and here-now with its counts, its menu and F7.

A part of DeskPage (mixed into it): it uses the page's widgets, index and kernel, and has no state of its own.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QListWidgetItem,
    QMenu,
)

from qsh_desk.gui.icons import icon
from qsh_desk.gui.kernel import MessageLine
from qsh_desk.gui.widgets.desk_dialogs import (
    DayRecordsDialog,
    TimeDialog,
)
from qsh_desk.services import capacity, closing, corrections
from qsh_desk.services.access import Permission
from qsh_desk.services.checkin import CHILD, VOLUNTEER, Present
from qsh_desk.services.search import SearchResult


class DeskLists:
    """Showing the results and who is here; correcting a time from the here-now list or the day's records."""

    COUNT_STYLES = {"ok": "", "near": MessageLine.STYLES["warning"], "over": MessageLine.STYLES["error"]}

    def _render_results(self) -> None:
        current = max(0, self.results.currentRow())
        # One repaint for the whole list, not one per row: this runs on every keystroke.
        self.results.setUpdatesEnabled(False)
        try:
            self.results.clear()
            if self.outcome is None:
                return
            numbered = self.numbers_active()
            self.thumbnails.want_only(r.photo_path for r in self.outcome.results if r.photo_path)
            for row, result in enumerate(self.outcome.results):
                self.results.addItem(self._result_item(result, row + 1 if numbered and row < 9 else None))
            if self.outcome.total > len(self.outcome.results):
                more = QListWidgetItem(self.tr("……还有 %1 人，请多输入几个字母").replace(
                    "%1", str(self.outcome.total - len(self.outcome.results))))
                more.setFlags(Qt.ItemFlag.NoItemFlags)
                self.results.addItem(more)
            if self.outcome.results:
                self.results.setCurrentRow(min(current, len(self.outcome.results) - 1) if self.controller.explicit
                                           else 0)
        finally:
            self.results.setUpdatesEnabled(True)

    def _result_item(self, result: SearchResult, number: int | None = None) -> QListWidgetItem:
        first = (f"{number}  " if number else "") + result.name + "    " + result.detail
        second = []
        if result.hint:
            second.append(result.hint)
        if result.here and result.since is not None:
            second.append(self.tr("在站（%1 起）· 回车签退").replace("%1", f"{result.since:%H:%M}"))
        if result.medical_flag:
            second.append(self.tr("⚠ 过敏/疾病"))
        if result.kind == CHILD and result.id in self.overdue:
            second.append(self.overdue[result.id])  # “有 1 本书逾期”
        text = first + ("\n    " + " · ".join(second) if second else "")
        photo = self.thumbnails.icon(result.photo_path) if result.photo_path else None  # None until decoded
        if photo is not None:
            item_icon = photo
        elif result.medical_flag:
            item_icon = icon("medical", "#c62828")
        elif result.here:
            item_icon = icon("check_out", "#2e7d32")
        else:
            item_icon = icon("volunteers" if result.kind == VOLUNTEER else "children")
        item = QListWidgetItem(item_icon, text)
        item.setData(Qt.ItemDataRole.UserRole, result)
        return item

    def _show_counts(self, load: capacity.Load) -> None:
        self._load = load
        children = str(load.children) + (f" / {load.capacity}" if load.capacity is not None else "")
        counts = (self.tr("在站：儿童 %1 人 · 志愿者 %2 人").replace("%1", children).replace("%2", str(load.volunteers)))
        ratio = "" if load.ratio is None else (
            self.tr("（按 1:%1 需要 %2）").replace("%1", str(load.ratio)).replace("%2", str(load.needed_volunteers)))
        # One line when it fits, else children and volunteers on two lines, else the ratio on a third (特大 type).
        head, _, tail = counts.partition(" · ")
        layouts = [counts + ratio, f"{head}\n{tail}{ratio}"] + ([f"{head}\n{tail}\n{ratio}"] if ratio else [])
        width, metrics = self.counts.width(), self.counts.fontMetrics()
        text = next((t for t in layouts if width <= 0 or all(metrics.horizontalAdvance(line) <= width
                                                            for line in t.split("\n"))), layouts[-1])
        if self.counts.property("state") != load.state:
            self.counts.setProperty("state", load.state)
            self.counts.setStyleSheet(self.COUNT_STYLES[load.state])
        self.counts.setToolTip({"near": self.tr("接近场地容量或师生比的限额"),
                                "over": self.tr("超出场地容量或师生比的限额")}.get(load.state, ""))
        self.counts.setText(text)

    def _show_present(self, present: Present) -> None:
        self.present_ = present
        if self.index is not None:
            self.index.set_present(present.everyone)
        wanted = [(p.kind, p.id, p.stale, p.after_closing, p.since) for p in present.everyone]
        wanted_set = set(wanted)
        kept = [key for key in self._here_keys if key in wanted_set]
        kept_set = set(kept)
        if kept == wanted[: len(kept)]:
            # The usual case (one check-in or check-out): touch only the rows that changed, in place.
            for row in reversed(range(len(self._here_keys))):
                if self._here_keys[row] not in kept_set:
                    self.here.takeItem(row)
            for person in present.everyone[len(kept):]:
                self.here.addItem(self._here_item(person))
        else:
            self.here.clear()
            for person in present.everyone:
                self.here.addItem(self._here_item(person))
        self._here_keys = wanted
        self._show_counts(present.load)
        self._render_results()
        self.present_shown.emit()

    def _here_item(self, person) -> QListWidgetItem:  # noqa: ANN001 - checkin.PresentPerson
        kind = self.tr("志愿者") if person.kind == VOLUNTEER else ""
        text = f"{person.since:%H:%M}  {person.name}" + (self.tr("（{0}）").format(kind) if kind else "")
        if person.stale:  # left open on an earlier day: a forgotten check-out
            text += self.tr("  未签退（%1）").replace("%1", f"{person.since:%m-%d}")
        elif person.after_closing:
            text += self.tr("  闭馆后仍在站")
        item = QListWidgetItem(icon("medical", "#c62828") if person.medical_flag else icon(
            "volunteers" if person.kind == VOLUNTEER else "children"), text)
        item.setData(Qt.ItemDataRole.UserRole, (person.kind, person.id))
        return item

    def focus_here(self) -> None:
        """F6: into the here-now list (Enter: check out; Menu key: correct the time, 补录; Esc: back)."""
        if self.here.count():
            self.here.setFocus(Qt.FocusReason.ShortcutFocusReason)
            if self.here.currentRow() < 0:
                self.here.setCurrentRow(0)

    def _here_activated(self, item: QListWidgetItem) -> None:
        kind, person_id = item.data(Qt.ItemDataRole.UserRole)
        if self.index is not None:
            result = self.index.person(kind, person_id)
            if result is not None:
                self.offer_check_out(result)

    def _here_menu(self, position) -> None:  # noqa: ANN001 - QPoint
        item = self.here.currentItem() if self.here.hasFocus() else self.here.itemAt(position)
        if item is None or self.present_ is None:
            return
        person = self._present_person(*item.data(Qt.ItemDataRole.UserRole))
        if person is None:
            return
        menu = QMenu(self)
        menu.addAction(icon("check_out"), self.tr("签退…"), lambda: self._here_activated(item))
        menu.addAction(icon("edit"), self.tr("更正签到时间…"), lambda: self.correct_time(person))
        if person.kind == VOLUNTEER and person.needs_backfill and self.context.actor.can(Permission.BACKFILL):
            menu.addAction(icon("warning"), self.tr("补录结束时间（管理员）…"), lambda: self.backfill(person))
        menu.popup(self.here.viewport().mapToGlobal(position))
        self.menu = menu

    def _present_person(self, kind: str, person_id: int):  # noqa: ANN202
        return next((p for p in self.present_.everyone if (p.kind, p.id) == (kind, person_id)), None)

    def correct_time(self, person) -> None:  # noqa: ANN001 - PresentPerson
        """Correct when someone arrived; a reason is required and the change is audited."""
        dialog = TimeDialog(self.tr("更正签到时间"), self.tr("%1 的签到时间改为：").replace("%1", person.name),
                            person.since, self)
        dialog.submitted.connect(lambda when, reason: self._run(lambda c: corrections.correct_times(
            c.db, c.actor, person.kind, person.record_id, reason=reason, checked_in_at=when), dialog=dialog))
        self._open_dialog(dialog)

    def backfill(self, person) -> None:  # noqa: ANN001 - PresentPerson
        """补录: an administrator ends a volunteer's shift left open after closing."""
        dialog = TimeDialog(self.tr("补录结束时间"), self.tr("%1 的值班没有签退。结束时间：").replace("%1", person.name),
                            person.since, self)
        dialog.submitted.connect(lambda when, reason: self._run(lambda c: closing.complete_shift(
            c.db, c.actor, person.record_id, when, reason), dialog=dialog))
        self._open_dialog(dialog)

    def open_day_records(self) -> None:
        """今天的记录 (F7): every visit and shift of today, to correct a time afterwards."""
        if self.dialog is not None:
            return
        dialog = DayRecordsDialog(self)
        dialog.correct_requested.connect(lambda record, which: self._correct_record(dialog, record, which))
        self._open_dialog(dialog)
        self._load_day_records(dialog)

    def _load_day_records(self, dialog: DayRecordsDialog) -> None:
        ctx = self.context
        self.run(lambda: (corrections.day_records(ctx.db, ctx.actor), capacity.day_load(ctx.db, ctx.actor)),
                 lambda result: dialog.show_records(*result) if self.dialog is dialog else None,
                 failed=self._refused)

    def _correct_record(self, records: DayRecordsDialog, record, which: str) -> None:  # noqa: ANN001 - DayRecord
        """Correct a check-in or check-out time of one of the day's records; the list shows the result."""
        if which == "in":
            title, question = self.tr("更正签到时间"), self.tr("%1 的签到时间改为：")
            default = record.checked_in_at
        else:
            title, question = self.tr("更正签退时间"), self.tr("%1 的签退时间改为：")
            default = record.checked_out_at
        dialog = TimeDialog(title, question.replace("%1", record.name), default, records)
        dialog.finished.connect(lambda _code: dialog.deleteLater())
        field = "checked_in_at" if which == "in" else "checked_out_at"
        dialog.submitted.connect(lambda when, reason: self._run(
            lambda c: corrections.correct_times(c.db, c.actor, record.kind, record.record_id, reason=reason,
                                            **{field: when}),
            dialog=dialog, after=lambda: self._load_day_records(records)))
        dialog.open()
