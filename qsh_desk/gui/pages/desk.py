"""签到台: one big search box; Enter checks in (or offers check-out), here-now on the right, closing, walk-in, undo.

Searching runs on the GUI thread against the in-memory index (a keystroke costs a millisecond or two);
every database write runs on the desk lane of the worker, and the here-now panel is updated from its result.
What Enter, a digit or a scanner's burst means is decided by the Qt-free `DeskController`.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListView,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from qsh_desk import clock
from qsh_desk.gui import scanner
from qsh_desk.gui.context import AppContext
from qsh_desk.gui.desk_controller import Act, AskWhich, DeskController, UnknownCard
from qsh_desk.gui.errors import user_message
from qsh_desk.gui.icons import icon
from qsh_desk.gui.app import BASE_POINT_SIZE
from qsh_desk.gui.kernel import MessageLine, Topic
from qsh_desk.gui.pages.base import Page
from qsh_desk.gui.pages.desk_flows import DeskFlows
from qsh_desk.gui.pages.desk_lists import DeskLists
from qsh_desk.gui.thumbnails import Thumbnails
from qsh_desk.gui.widgets.desk_dialogs import scaled_font
from qsh_desk.gui.widgets.flow import FlowLayout
from qsh_desk.services import calendar, capacity, checkin, lending, undo
from qsh_desk.services.access import Permission
from qsh_desk.services.checkin import CHILD, VOLUNTEER, AlreadyHere, DeskAction, OverLimits, Present
from qsh_desk.services.roster import PossibleDuplicate
from qsh_desk.services.search import (
    SearchIndex,
    SearchOutcome,
    SearchResult,
    load_index,
)

REFRESH_PRESENT_MS = 30_000  # other station PCs may check children in and out too


class DeskPage(DeskLists, DeskFlows, Page):
    key = "desk"
    title = QT_TRANSLATE_NOOP("Page", "签到台")
    icon_name = "desk"
    # The roster and the calendar change what can be found and what today is; check-ins elsewhere (another
    # page, another PC's 30-second refresh) change who is here; the settings, the capacity and the ratio; loans
    # show on the children's rows.
    watches = frozenset({Topic.CHILDREN, Topic.VOLUNTEERS, Topic.CALENDAR, Topic.VISITS, Topic.SETTINGS,
                         Topic.LENDING})
    shows_own_changes = True  # a desk write returns who is here now

    acted = Signal(object)  # a DeskAction (or UndoResult) once committed and shown
    lent = Signal(object)  # an item scanned at the desk: the loan made or ended (LoanRow), or the item waiting
    refused = Signal(str)  # a message the user sees in the status line
    index_ready = Signal()
    present_shown = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.index: SearchIndex | None = None
        self.outcome: SearchOutcome | None = None
        self.dialog = None  # the open dialog, if any (tests and the benchmark drive it)
        self.controller = DeskController()
        self._transient = False
        self._font_base: float | None = None
        self._here_keys: list[tuple] = []  # (kind, id, stale, after closing, since) of each row shown

        outer = QHBoxLayout(self)
        left = QVBoxLayout()
        outer.addLayout(left, 3)
        self.search = QLineEdit()
        self.search.setObjectName("deskSearch")
        # Short enough to be read whole at 1024×768 in 特大 type; the rest is in the tooltip and the line below.
        self.search.setPlaceholderText(self.tr("姓名、首字母或卡号"))
        self.search.setToolTip(self.tr("姓名、拼音首字母（如 zsf）、卡号或电话后四位，按回车签到或签退"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._text_changed)
        self.search.installEventFilter(self)
        left.addWidget(self.search)
        # Shown when the opening calendar keeps today closed: the desk still works, but says so.
        self.day_notice = QLabel()
        self.day_notice.setObjectName("deskDayNotice")
        self.day_notice.setWordWrap(True)
        self.day_notice.setStyleSheet(MessageLine.STYLES["warning"])
        self.day_notice.hide()
        left.addWidget(self.day_notice)
        self.status = MessageLine()
        self.status.setObjectName("deskStatus")
        self.status.show_text(self.tr("正在读取花名册…"))
        left.addWidget(self.status)
        self.results = QListWidget()
        self.results.setObjectName("deskResults")
        self.results.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keyboard stays in the search box
        self.results.setIconSize(QSize(40, 40))  # room for a child's photo
        self.thumbnails = Thumbnails(context.tasks, self)
        self._photos_arrived = QTimer(self, singleShot=True, interval=30)  # a burst of photos: one re-render
        self._photos_arrived.timeout.connect(self._render_results)
        self.thumbnails.ready.connect(lambda _path: self._photos_arrived.start())
        self.results.itemActivated.connect(lambda _item: self._act_on_current(explicit=True))
        self.results.itemClicked.connect(lambda _item: self._picked_with_mouse())
        left.addWidget(self.results, 1)
        buttons = FlowLayout()  # as many to a line as fit: in large type four side by side would push out the panel
        self.go_button = QPushButton(icon("check_in"), self.tr("签到 / 签退（回车）"))
        self.go_button.clicked.connect(lambda: self._act_on_current(explicit=True))
        self.walk_in_button = QPushButton(icon("add"), self.tr("新来的孩子（F2）"))
        self.walk_in_button.clicked.connect(self.open_walk_in)
        self.undo_button = QPushButton(icon("undo"), self.tr("撤销（Ctrl+Z）"))
        self.undo_button.clicked.connect(self.undo)
        self.closing_button = QPushButton(icon("check_out"), self.tr("闭馆（F9）"))
        self.closing_button.clicked.connect(self.open_closing)
        for button in (self.go_button, self.walk_in_button, self.undo_button, self.closing_button):
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # reached by Tab; a click leaves the keyboard in the box
            buttons.addWidget(button)
        left.addLayout(buttons)

        right = QVBoxLayout()
        outer.addLayout(right, 2)
        self.counts = QLabel()
        self.counts.setObjectName("deskCounts")
        # One line when it fits, else children and volunteers on a line each — never "…0 / 人".
        self.counts.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.counts.setProperty("state", "ok")  # no style of its own until a limit is near
        self._load = capacity.Load(0, 0)
        right.addWidget(self.counts)
        self.here = QListWidget()
        self.here.setObjectName("deskHere")
        self.here.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # F6 or Tab from the search box; Esc goes back
        self.here.setWordWrap(True)  # a long name in large type wraps instead of being cut off
        self.here.setResizeMode(QListView.ResizeMode.Adjust)
        self.here.installEventFilter(self)
        self.here.itemActivated.connect(self._here_activated)
        # Right click or the Menu key: correct a check-in time (with a reason), or 补录 a shift left open.
        self.here.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.here.customContextMenuRequested.connect(self._here_menu)
        right.addWidget(self.here, 1)
        self.records_button = QPushButton(icon("edit"), self.tr("今天的记录（F7）"))
        self.records_button.setToolTip(self.tr("今天每一次签到签退；可以更正时间（须写明原因）"))
        self.records_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.records_button.clicked.connect(self.open_day_records)
        right.addWidget(self.records_button)
        # After a volunteer checks in: how many 微心愿 wait for a claimer, and F8 to claim one.
        self.wish_button = QPushButton(icon("wishes"), "")
        self.wish_button.setObjectName("deskWishes")
        self.wish_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.wish_button.clicked.connect(self.open_wish_claim)
        self.wish_button.hide()
        self._wish_volunteer: tuple[int, str] | None = None
        right.addWidget(self.wish_button)
        self.present_: Present | None = None
        self._show_counts(self._load)

        self._keys = {Qt.Key.Key_F2: self.open_walk_in, Qt.Key.Key_F9: self.open_closing, Qt.Key.Key_Escape: self._escape,
                      Qt.Key.Key_F6: self.focus_here, Qt.Key.Key_F7: self.open_day_records,
                      Qt.Key.Key_F8: self.open_wish_claim}
        for keys, slot in (("F2", self.open_walk_in), ("Ctrl+Z", self.undo), ("F9", self.open_closing),
                           ("F7", self.open_day_records), ("F8", self.open_wish_claim), ("Escape", self._escape)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        self._apply_fonts()
        self.scanner = scanner.install()  # a scan lands here wherever the focus strayed to on this page
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.refresh_present)
        self._timer.start(REFRESH_PRESENT_MS)
        self.overdue: dict[int, str] = {}
        self._lend_to: tuple[int, str] | None = None
        self.reload_index()
        self.load_overdue()

    # ----------------------------------------------------------------------------------- look & feel

    def _apply_fonts(self) -> None:
        """Large, clear type that follows the large-type setting (the application font)."""
        base = QApplication.font().pointSizeF()
        if base == self._font_base:
            return  # nothing changed: setting fonts again would only bounce more change events
        self._font_base = base
        # The desk's type is larger than the rest; in large type the extra tapers off (it is large already),
        # so that the desk still fits a 1024×768 screen in 特大.
        scale = base / BASE_POINT_SIZE
        for widget, extra in ((self.search, 1.8), (self.results, 1.3), (self.status, 1.25), (self.here, 1.15),
                              (self.counts, 1.4)):
            widget.setFont(scaled_font(self, 1 + (extra - 1) / max(scale, 1.0)))
        self._show_counts(self._load)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.ApplicationFontChange):
            # The large-type setting changed the application font; apply ours after the style sheet's re-polish.
            QTimer.singleShot(0, self._apply_fonts)
        super().changeEvent(event)

    def activated(self) -> None:
        self.refresh_present()
        self.focus_search()

    def showEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt's name
        super().showEvent(event)
        self.scanner.set_typing_target(self.search)
        QTimer.singleShot(0, self.focus_search)

    def hideEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt's name
        self.scanner.set_typing_target(None)
        super().hideEvent(event)

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.OtherFocusReason)
        self.search.selectAll()

    def message_line(self) -> QLabel:
        return self.status

    def _hint(self, message: str, *, warning: bool = False) -> None:
        """A message about what is typed: it goes when the text changes."""
        self.say(message, warning=warning)
        self._transient = True

    def say(self, text: str, *, error: bool = False, warning: bool = False, line: QLabel | None = None) -> None:
        self._transient = False
        super().say(text, error=error, warning=warning, line=line)

    # ------------------------------------------------------------------------------- loading / state

    def reload_index(self) -> None:
        ctx = self.context
        self.run(lambda: (load_index(ctx.db, ctx.actor), checkin.present(ctx.db, ctx.actor),
                          calendar.day_status(ctx.db, ctx.actor, clock.today())),
                 self._index_loaded, failed=self._refused)

    def _index_loaded(self, result: tuple[SearchIndex, Present, calendar.OpeningDay]) -> None:
        self.index, present, today = result
        self._show_day(today)
        self._show_present(present)
        if self.status.text() == self.tr("正在读取花名册…"):
            self._hint(self.tr("请输入姓名或拼音首字母，按回车签到。"))
        self._text_changed(self.search.text())
        self.index_ready.emit()

    def _show_day(self, today: calendar.OpeningDay) -> None:
        if today.is_open:
            self.day_notice.hide()
            return
        reason = self.tr("（{0}）").format(today.reason) if today.reason else ""
        self.day_notice.setText(
            self.tr("今天按开放日历不开放{0}。仍然可以签到签退，记录照常保存。").format(reason)
        )
        self.day_notice.show()

    def load_overdue(self) -> None:
        """Which children have overdue loans, for their rows in the results (“有 1 本书逾期”)."""
        ctx = self.context
        if ctx.actor.can(Permission.LEND):
            self.run(lambda: lending.overdue_by_child(ctx.db, ctx.actor), self._show_overdue)

    def _show_overdue(self, overdue: dict[int, str]) -> None:
        self.overdue = overdue
        self._render_results()

    def refresh(self, topics: frozenset[Topic]) -> None:
        if Topic.LENDING in topics:
            self.load_overdue()
        if topics & {Topic.CHILDREN, Topic.VOLUNTEERS, Topic.CALENDAR}:
            self.reload_index()
        elif not self.controller.busy:
            self.refresh_present()

    def refresh_present(self) -> None:
        """Who is here now (other PCs check in too); a failure — a lost server — is said, not swallowed."""
        ctx = self.context
        self.run(lambda: checkin.present(ctx.db, ctx.actor), self._show_present)

    # The header's colour: amber near the room's capacity or the ratio, red beyond.
    def resizeEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt's name
        super().resizeEvent(event)
        self._show_counts(self._load)

    # ------------------------------------------------------------------------------------- searching

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is getattr(self, "here", None) and event.type() == QEvent.Type.KeyPress:
            if event.key() in (Qt.Key.Key_Escape, Qt.Key.Key_F6):
                self.focus_search()
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.here.currentItem() is not None:
                self._here_activated(self.here.currentItem())
                return True
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                self._move(1 if key == Qt.Key.Key_Down else -1)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._enter()
                return True
            # The line edit would take these for itself (Ctrl+Z undoes typing there): the desk's keys win.
            if event.matches(QKeySequence.StandardKey.Undo):
                self.undo()
                return True
            if key in self._keys:
                self._keys[key]()
                return True
            row = self.controller.number_row(event.text(), self.search.text(), self.outcome)
            if row is not None:
                # Initials, then the row's number: picks that row at once (an explicit choice).
                self.results.setCurrentRow(row)
                self._act_on_current(explicit=True)
                return True
            if event.text():
                self.controller.key_typed(time.perf_counter())
        return super().eventFilter(watched, event)

    def numbers_active(self) -> bool:
        return self.controller.numbers_active(self.search.text(), self.outcome)

    def _text_changed(self, text: str) -> None:
        self.controller.text_changed(text)
        self.outcome = self.index.search(text) if self.index is not None and text.strip() else None
        self._render_results()
        if self.outcome is not None and not self.outcome.results and self.index is not None:
            self._hint(self.tr("没有找到“%1”。新来的孩子请按 F2 登记。").replace("%1", text.strip()), warning=True)
        elif self._transient:
            self._hint("")

    def _move(self, step: int) -> None:
        if self.outcome is None or not self.outcome.results:
            return
        row = max(0, min(len(self.outcome.results) - 1, self.results.currentRow() + step))
        self.results.setCurrentRow(row)
        self.controller.chose_row()

    def _picked_with_mouse(self) -> None:
        self.controller.chose_row()
        self.focus_search()

    def _clear(self) -> None:
        self.search.clear()
        self.focus_search()

    def _escape(self) -> None:
        """Esc: clear the box, and the items scanned next are no longer lent to the last child."""
        self._lend_to = None
        self._clear()

    def current_result(self) -> SearchResult | None:
        item = self.results.currentItem()
        result = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return result if isinstance(result, SearchResult) else None

    # ----------------------------------------------------------------------------------------- acting

    def _enter(self) -> None:
        if self.index is None:
            return
        decision = self.controller.enter(self.search.text(), self.outcome, self.current_result())
        if isinstance(decision, UnknownCard):
            if self.context.actor.can(Permission.LEND):
                self._maybe_an_item(decision.code)
            else:
                self._unknown_card(decision.code)
        elif isinstance(decision, Act):
            if self.outcome is not None and self.outcome.results and decision.result is self.outcome.results[0]:
                self.results.setCurrentRow(0)
            self._act(decision.result, scanned=decision.scanned)
        elif isinstance(decision, AskWhich):
            self._ask_which(decision)

    def _act_on_current(self, explicit: bool) -> None:
        decision = self.controller.act_on(self.current_result(), self.search.text(), self.outcome, explicit=explicit)
        if isinstance(decision, Act):
            self._act(decision.result)
        elif isinstance(decision, AskWhich):
            self._ask_which(decision)

    def _ask_which(self, decision: AskWhich) -> None:
        hint = (self.tr("请按行首的数字选人，或用 ↓ ↑ 选中再按回车；就是第一位的话，再按一次回车。")
                if decision.by_number else
                self.tr("请用 ↓ ↑ 选中要签到的人再按回车；就是第一位的话，再按一次回车。"))
        self._hint(self.tr("有 %1 人同样匹配。").replace("%1", str(decision.same)) + hint, warning=True)

    def _act(self, result: SearchResult, scanned: bool = False) -> None:
        if result.here:
            self.offer_check_out(result, scanned=scanned)
        else:
            self._run(lambda ctx: checkin.check_in(ctx.db, ctx.actor, result.kind, result.id))

    def _run(self, write, *, dialog=None, after=None) -> None:  # noqa: ANN001 - fn(ctx) → DeskAction
        """A desk write on the desk lane, then who is here now, in one go; the panel updates from the result.

        With a `dialog` (a time correction, a walk-in, a check-out) a refusal is shown in the dialog, which stays open
        with what was typed; on success it closes, and `after` runs.
        """
        ctx = self.context
        self.controller.write_started(self.search.text())

        def done(result) -> None:  # noqa: ANN001 - (DeskAction | UndoResult, Present)
            if dialog is not None:
                dialog.accept()
            self._done(result)
            if after is not None:
                after()

        def failed(error: BaseException) -> bool:
            if dialog is None:
                return self._failed(error)
            self.controller.write_finished()
            dialog.show_problem(user_message(error), isinstance(error, PossibleDuplicate))
            return True

        self.run(lambda: (write(ctx), checkin.present(ctx.db, ctx.actor)), done, failed=failed,
                 publishes={Topic.VISITS})

    def _after_write(self) -> None:
        """Clear what was acted on (not what was typed meanwhile), then run an Enter that had to wait."""
        acted_on = self.controller.acting_on
        waiting = self.controller.write_finished()
        if self.search.text() == acted_on:
            self._clear()
        else:
            self.focus_search()
        if waiting:
            self._enter()

    def _done(self, result) -> None:  # noqa: ANN001 - (DeskAction | UndoResult, Present)
        action, present = result
        self._show_present(present)
        warning = getattr(action, "warning", None)
        self.say(action.message + ("\n" + warning if warning else ""), warning=bool(warning))
        if isinstance(action, DeskAction) and action.kind == CHILD and action.action == checkin.ACTION_IN:
            if self.index is not None and self.index.person(CHILD, action.person_id) is None:
                self.reload_index()  # a walk-in: the new child must be searchable
        if isinstance(action, DeskAction) and action.kind == CHILD:
            self._lend_to = (action.person_id, action.name)  # the items scanned next are lent to this child
        if (isinstance(action, DeskAction) and action.kind == VOLUNTEER and action.action == checkin.ACTION_IN
                and self.context.actor.can(Permission.WISHES)):
            self._count_wishes((action.person_id, action.name))
        self.acted.emit(action)
        self._after_write()

    def _refused(self, error: BaseException) -> bool:
        """Say why (the user's problem in words; a bug as 内部错误, logged) and announce it; the text stays."""
        message = self.show_error(error)
        self.refused.emit(message)
        return True

    def _failed(self, error: BaseException) -> bool:
        acted_on = self.controller.acting_on
        waiting = self.controller.write_finished()
        if isinstance(error, OverLimits):
            self.confirm_past_limits(error)
            return True
        if isinstance(error, AlreadyHere) and self.index is not None:
            # Checked in meanwhile at another PC: show it as here and offer check-out.
            self.index.mark(error.kind, error.person_id, error.since)
            self.refresh_present()
        self._refused(error)
        self.focus_search()  # the text stays: nothing typed is lost to an error
        if waiting and self.search.text() != acted_on:
            self._enter()
        return True

    # ------------------------------------------------------------------------------------------- undo

    def undo(self) -> None:
        if self.controller.busy:
            return
        self._run(lambda ctx: undo.undo_last(ctx.db, ctx.actor))
