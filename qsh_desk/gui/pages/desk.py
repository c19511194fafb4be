"""签到台: one big search box; Enter checks in (or offers check-out), here-now on the right, closing, walk-in, undo.

Searching runs on the GUI thread against the in-memory index (a keystroke costs a millisecond or two);
every database write runs on the desk lane of the worker, and the here-now panel is updated from its result.
What Enter, a digit or a scanner's burst means is decided by the Qt-free `DeskController`.
"""

from __future__ import annotations

import time
from functools import lru_cache

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QIcon, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListView,
    QListWidgetItem,
    QMenu,
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
from qsh_desk.gui.widgets.desk_dialogs import (
    CheckOutDialog,
    ClosingDialog,
    ConfirmDialog,
    DayRecordsDialog,
    TimeDialog,
    WalkInDialog,
    scaled_font,
)
from qsh_desk.gui.widgets.flow import FlowLayout
from qsh_desk.services import calendar, capacity, checkin, closing, corrections, lending, undo, wishes
from qsh_desk.services.access import Permission
from qsh_desk.services.checkin import CHILD, VOLUNTEER, AlreadyHere, DeskAction, OverLimits, Present
from qsh_desk.services.roster import PossibleDuplicate
from qsh_desk.services.errors import NotFound
from qsh_desk.services.search import (
    SearchIndex,
    SearchOutcome,
    SearchResult,
    load_index,
)

REFRESH_PRESENT_MS = 30_000  # other station PCs may check children in and out too


@lru_cache(maxsize=512)
def _photo_icon(path: str) -> QIcon | None:
    """A child's photo as the row's icon (read once per path: rows are re-rendered on every keystroke)."""
    pixmap = QPixmap(path)
    if pixmap.isNull():
        return None
    return QIcon(pixmap.scaled(96, 96, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation))


class DeskPage(Page):
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
    COUNT_STYLES = {"ok": "", "near": MessageLine.STYLES["warning"], "over": MessageLine.STYLES["error"]}

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

    def resizeEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt's name
        super().resizeEvent(event)
        self._show_counts(self._load)

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

    # ------------------------------------------------------------------------------------- searching

    def focus_here(self) -> None:
        """F6: into the here-now list (Enter: check out; Menu key: correct the time, 补录; Esc: back)."""
        if self.here.count():
            self.here.setFocus(Qt.FocusReason.ShortcutFocusReason)
            if self.here.currentRow() < 0:
                self.here.setCurrentRow(0)

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

    def _render_results(self) -> None:
        current = max(0, self.results.currentRow())
        # One repaint for the whole list, not one per row: this runs on every keystroke.
        self.results.setUpdatesEnabled(False)
        try:
            self.results.clear()
            if self.outcome is None:
                return
            numbered = self.numbers_active()
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
        photo = _photo_icon(result.photo_path) if result.photo_path else None
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

    def _unknown_card(self, code: str) -> None:
        self.say(self.tr("不认识这个卡号：%1。它不是本站儿童或志愿者的卡，请改用姓名搜索。").replace("%1", code), error=True)
        self.refused.emit(self.status.text())
        self.search.selectAll()

    # -------------------------------------------------------------------------------- 器材与图书

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

        With a `dialog` (a time correction, a walk-in) a refusal is shown in the dialog, which stays open
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

    # ------------------------------------------------------------------------------------- 微心愿

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

    # -------------------------------------------------------------------------------------- check-out

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
        dialog.chosen.connect(
            lambda pickup: self._run(lambda c: checkin.check_out_child(c.db, c.actor, options.child_id, pickup))
        )
        self._open_dialog(dialog)

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

    def _open_dialog(self, dialog) -> None:  # noqa: ANN001
        self.dialog = dialog
        dialog.finished.connect(lambda _code: self._dialog_closed(dialog))
        dialog.open()

    def _dialog_closed(self, dialog) -> None:  # noqa: ANN001
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()
        self.focus_search()

    # ------------------------------------------------------------------------------------------- undo

    def undo(self) -> None:
        if self.controller.busy:
            return
        self._run(lambda ctx: undo.undo_last(ctx.db, ctx.actor))

    # ---------------------------------------------------------------------------------------- walk-in

    def open_walk_in(self) -> None:
        text = self.search.text().strip()
        name = text if text and not text.isascii() else ""
        dialog = WalkInDialog(name, self)
        dialog.submitted.connect(lambda data, confirmed: self._walk_in(dialog, data, confirmed))
        self._open_dialog(dialog)

    def _walk_in(self, dialog: WalkInDialog, data, confirmed: bool) -> None:  # noqa: ANN001
        self._run(lambda c: checkin.walk_in(c.db, c.actor, data, confirm_possible_duplicate=confirmed), dialog=dialog)

    # ---------------------------------------------------------------------------------------- closing

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
