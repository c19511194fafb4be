"""父母档案: the social worker's page — alerts to start with, then one child's parents, care, contacts and visits."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from qsh_desk import clock
from qsh_desk.elsewhere import Job
from qsh_desk.gui.context import AppContext
from qsh_desk.gui.icons import icon
from qsh_desk.gui.kernel import Lane, MessageLine, Topic
from qsh_desk.gui.labels import label
from qsh_desk.gui.pages.archive_contacts import ContactsTab, HomeVisitsTab
from qsh_desk.gui.pages.archive_tabs import GuardianshipTab, ParentsTab, RecordTab
from qsh_desk.gui.pages.base import Page
from qsh_desk.gui.widgets import file_picker
from qsh_desk.gui.widgets.flow import FlowLayout
from qsh_desk.gui.widgets.letter_words import LetterWordsDialog
from qsh_desk.services import archive, letters
from qsh_desk.services.access import Permission
from qsh_desk.services.archive import QUALITY_DEFINITIONS, Alerts, ChildArchive, ChildRef

SEARCH_DELAY_MS = 200  # search once typing pauses, not on every key


class ArchivePage(Page):
    key = "archive"
    title = QT_TRANSLATE_NOOP("Page", "父母档案")
    icon_name = "archive"
    permission = Permission.ARCHIVE
    # What can alter the record shown: the archive itself, the roster, check-ins and sessions (the timeline).
    watches = frozenset({Topic.ARCHIVE, Topic.CHILDREN, Topic.VISITS, Topic.SESSIONS})

    alerts_shown = Signal()
    archive_shown = Signal()
    letter_wanted = Signal(str)  # a child's card code: show this month's 给爸爸妈妈的信 on the 打印 page

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.current: ChildArchive | None = None
        self.alerts: Alerts | None = None
        self._results_for: str | None = None  # the text the list on screen was found for
        self._found: list[ChildRef] = []
        self._chosen = False  # a row picked with ↓ ↑ or the mouse
        self._enter_waiting = False  # Enter came before the list caught up with the typing

        layout = QHBoxLayout(self)
        layout.addWidget(self._build_picker())
        right = QVBoxLayout()
        self.message = MessageLine()
        self.message.setObjectName("archiveMessage")
        right.addWidget(self.message)
        self.stack = QStackedWidget()
        self.start_view = self._build_start_view()
        self.record_view = self._build_record_view()
        self.stack.addWidget(self.start_view)
        self.stack.addWidget(self.record_view)
        right.addWidget(self.stack, 1)
        layout.addLayout(right, 1)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.search)
        # Ctrl+F: find a child from anywhere on the page.
        QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self, activated=self._focus_search)

    def activated(self) -> None:
        if self.alerts is None:
            self.show_start()
        if self.results.count() == 0:
            self.search()
        self.refresh_if_stale()

    def refresh(self, topics: frozenset[Topic]) -> None:
        """Show again what is on screen: the record or the alerts already open (not a new look: not audited)."""
        if self.current is not None:
            self._load_child(self.current.child.id, opened=False)
        if self.alerts is not None:
            self.load_alerts(opened=False)

    # ---- the child picker ---------------------------------------------------------------------------------------

    def _build_picker(self) -> QWidget:
        box = QWidget()
        # About fourteen characters wide, whatever the type size: a name and its grade, and the export button.
        box.setFixedWidth(box.fontMetrics().horizontalAdvance("中") * 14 + 40)
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        self.start_button = QPushButton(icon("warning"), self.tr("待跟进提醒"))
        self.start_button.clicked.connect(self.show_start)
        column.addWidget(self.start_button)
        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("archiveSearch")
        self.search_edit.setPlaceholderText(self.tr("姓名或首字母"))
        self.search_edit.setToolTip(self.tr("找儿童：姓名、拼音、首字母或卡号；回车打开"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.textChanged.connect(self._typed)
        self.search_edit.returnPressed.connect(self._enter)
        self.search_edit.installEventFilter(self)  # ↓ ↑ move the selection from the box
        column.addWidget(self.search_edit)
        self.results = QListWidget()
        self.results.itemActivated.connect(lambda item: self._open_item(item))
        self.results.itemClicked.connect(lambda _item: self._chose_row())
        column.addWidget(self.results, 1)
        if self.context.actor.can(Permission.EXPORT):
            self.export_button = QPushButton(self.tr("导出档案（Excel）…"))
            self.export_button.clicked.connect(self._choose_export_path)
            column.addWidget(self.export_button)
        return box

    def _focus_search(self) -> None:
        self.search_edit.setFocus()
        self.search_edit.selectAll()

    def search(self) -> None:
        ctx, query = self.context, self.search_edit.text()
        self.run(lambda: archive.find_children(ctx.db, ctx.actor, query), lambda found: self._show_results(query, found))

    def _typed(self, _text: str) -> None:
        self._results_for = None  # the list on screen no longer answers what is in the box
        self._chosen = False
        self._search_timer.start()

    def _show_results(self, query: str, children: list[ChildRef]) -> None:
        if query != self.search_edit.text():
            return  # typing went on meanwhile: a newer search is coming
        self._results_for, self._found = query, children
        self.results.clear()
        for child in children:
            about = label(child.gender) + (self.tr("，") + child.grade if child.grade else "")
            item = QListWidgetItem(self.tr("{0}（{1}）").format(child.name, about))
            item.setData(Qt.ItemDataRole.UserRole, child.id)
            self.results.addItem(item)
        if not children:
            self.results.addItem(QListWidgetItem(self.tr("没有找到。可以试试拼音首字母，如 zxy。")))
        target = self._unambiguous()
        if target is not None:
            self.results.setCurrentRow(children.index(target))
        if self._enter_waiting:
            self._enter_waiting = False
            self._enter()

    def _unambiguous(self) -> ChildRef | None:
        """The one child the box names: the only match, or the one whose card was scanned or typed."""
        if len(self._found) == 1:
            return self._found[0]
        code = self.search_edit.text().strip().upper()
        return next((child for child in self._found if child.card_code.upper() == code), None)

    def eventFilter(self, watched, event) -> bool:
        if watched is self.search_edit and event.type() == QEvent.Type.KeyPress \
                and event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            if self._results_for == self.search_edit.text() and self._found:
                step = 1 if event.key() == Qt.Key.Key_Down else -1
                row = self.results.currentRow()
                row = 0 if row < 0 else max(0, min(len(self._found) - 1, row + step))
                self.results.setCurrentRow(row)
                self._chose_row()
            return True
        return super().eventFilter(watched, event)

    def _chose_row(self) -> None:
        self._chosen = True

    def _enter(self) -> None:
        """Enter acts on what was typed: it waits for the list to catch up, and never guesses between children."""
        if self._results_for != self.search_edit.text():
            self._enter_waiting = True
            self._search_timer.stop()
            self.search()
            return
        if self._chosen and self.results.currentItem() is not None:
            self._open_item(self.results.currentItem())
            return
        target = self._unambiguous()
        if target is not None:
            self.open_child(target.id)
        elif self._found:
            self.say(self.tr("有 {0} 个儿童符合“{1}”。请多输入几个字，或用 ↓ ↑ 选中再按回车。")
                     .format(len(self._found), self.search_edit.text().strip()), warning=True)

    def _open_item(self, item: QListWidgetItem) -> None:
        child_id = item.data(Qt.ItemDataRole.UserRole)
        if child_id is not None:
            self.open_child(child_id)

    # ---- the start view: alerts ---------------------------------------------------------------------------------

    def _build_start_view(self) -> QWidget:
        view = QWidget()
        layout = QVBoxLayout(view)
        self.start_heading = QLabel(self.tr("待跟进提醒"))
        self.start_heading.setObjectName("pageHeading")
        self.start_heading.setWordWrap(True)
        layout.addWidget(self.start_heading)
        hint = QLabel(self.tr("双击或按回车打开这个儿童的档案。"))
        hint.setObjectName("hint")
        layout.addWidget(hint)
        self.alert_grid = grid = QGridLayout()
        self._alert_columns = 2
        self.alert_groups: dict[str, QGroupBox] = {}
        self.alert_lists: dict[str, QListWidget] = {}
        for index, key in enumerate(("no_contact", "overdue", "poor_guardianship", "returns_soon")):
            group = QGroupBox()
            inner = QVBoxLayout(group)
            listing = QListWidget()
            listing.setWordWrap(True)  # the whole line readable, no sideways scrolling
            listing.setAlternatingRowColors(True)
            listing.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            listing.itemActivated.connect(lambda item: self._open_from_alert(item))
            inner.addWidget(listing)
            self.alert_groups[key], self.alert_lists[key] = group, listing
            grid.addWidget(group, index // 2, index % 2)
        layout.addLayout(grid, 1)
        return view

    def resizeEvent(self, event) -> None:
        """Two columns of alerts where there is room, one below the other where there is not (large type)."""
        super().resizeEvent(event)
        columns = 2 if self.start_view.width() >= self.fontMetrics().horizontalAdvance("中") * 44 else 1
        if columns != self._alert_columns:
            self._alert_columns = columns
            for index, group in enumerate(self.alert_groups.values()):
                self.alert_grid.removeWidget(group)
                self.alert_grid.addWidget(group, index // columns, index % columns)

    def show_start(self) -> None:
        self.stack.setCurrentWidget(self.start_view)
        self.load_alerts(opened=True)

    def load_alerts(self, *, opened: bool) -> None:
        ctx = self.context
        self.run(lambda: archive.alerts(ctx.db, ctx.actor, opened=opened), self._show_alerts)

    def _show_alerts(self, alerts: Alerts) -> None:
        self.alerts = alerts
        self.start_heading.setText(self.tr("待跟进提醒") + self.tr("（{0}）").format(f"{alerts.today:%Y-%m-%d}"))
        titles = {
            "no_contact": self.tr("超过 {n} 天没有和父母联系").replace("{n}", str(alerts.no_contact_days)),
            "overdue": self.tr("跟进已过期"),
            "poor_guardianship": self.tr("监护情况“差”"),
            "returns_soon": self.tr("父母 30 天内回家"),
        }
        # One short line per child (what to do about it); the rest of the story in the tooltip.
        rows: dict[str, list[tuple[int, str, str]]] = {
            "no_contact": [
                (a.child.id,
                 f"{a.child.name} · " + (self.tr("{d} 天未联系").replace("{d}", str(a.days)) if a.last_contact_at
                                         else self.tr("从未联系"))
                 + (f" · {a.parent_label.split()[0]} {a.parent_phone or ''}" if a.parent_label else ""),
                 (self.tr("最近联系：") + f"{a.last_contact_at:%Y-%m-%d}" if a.last_contact_at else self.tr("没有联系记录"))
                 + (f"\n{a.parent_label} {a.parent_phone or ''}" if a.parent_label else ""))
                for a in alerts.no_contact
            ],
            "overdue": [
                (o.child.id,
                 f"{o.child.name} · " + self.tr("过期 {d} 天").replace("{d}", str(o.days_overdue))
                 + " · " + (self.tr("亲子联系") if o.kind == "contact" else self.tr("家访")),
                 f"{o.what}\n" + self.tr("期限：") + f"{o.due:%Y-%m-%d}")
                for o in alerts.overdue
            ],
            "poor_guardianship": [
                (p.child.id, f"{p.child.name} · " + (label(p.kind) if p.kind else self.tr("监护类型未填"))
                 + (" · " + self.tr("委托") + f" {p.delegate_name}" if p.delegate_name else ""),
                 label(QUALITY_DEFINITIONS["差"]))
                for p in alerts.poor_guardianship
            ],
            "returns_soon": [
                (r.child.id, f"{r.child.name} · {r.parent_label} · {r.next_return:%m-%d} "
                 + (self.tr("今天") if r.days_until == 0 else self.tr("{d} 天后").replace("{d}", str(r.days_until))),
                 self.tr("可以约家长来站里或安排一次家访。"))
                for r in alerts.returns_soon
            ],
        }
        for key, listing in self.alert_lists.items():
            self.alert_groups[key].setTitle(titles[key] + self.tr("（{0}）").format(len(rows[key])))
            listing.clear()
            for child_id, text, tip in rows[key]:
                item = QListWidgetItem(text)
                item.setToolTip(tip)
                item.setData(Qt.ItemDataRole.UserRole, child_id)
                listing.addItem(item)
            if not rows[key]:
                listing.addItem(QListWidgetItem(self.tr("没有")))
        self.alerts_shown.emit()

    def _open_from_alert(self, item: QListWidgetItem) -> None:
        child_id = item.data(Qt.ItemDataRole.UserRole)
        if child_id is not None:
            self.open_child(child_id)

    # ---- one child's record -------------------------------------------------------------------------------------

    def _build_record_view(self) -> QWidget:
        view = QWidget()
        layout = QVBoxLayout(view)
        self.record_heading = QLabel()
        self.record_heading.setObjectName("pageHeading")
        layout.addWidget(self.record_heading)
        self.last_letter = QLabel()
        self.last_letter.setWordWrap(True)
        self.letter_button = QPushButton(icon("print"), self.tr("给爸爸妈妈的信…"))
        self.letter_button.clicked.connect(
            lambda: self.current is not None and self.letter_wanted.emit(self.current.child.card_code))
        # This month's letter: its words, and a tick when it went out (a parent contact in the record).
        self.words_button = QPushButton(icon("edit"), self.tr("信里的话…"))
        self.words_button.clicked.connect(self.open_letter_words)
        self.sent_wechat_button = QPushButton(self.tr("已发微信"))
        self.sent_post_button = QPushButton(self.tr("已寄书信"))
        self.sent_wechat_button.clicked.connect(lambda: self.mark_letter_sent("wechat"))
        self.sent_post_button.clicked.connect(lambda: self.mark_letter_sent("letter"))
        layout.addWidget(self.last_letter)
        letter_buttons = FlowLayout()  # four buttons wrap in large type instead of widening the window
        for button in (self.words_button, self.letter_button, self.sent_wechat_button, self.sent_post_button):
            letter_buttons.addWidget(button)
        layout.addLayout(letter_buttons)
        self.parents = ParentsTab(self.context, self)
        self.guardianship = GuardianshipTab(self.context, self)
        self.contacts = ContactsTab(self.context, self)
        self.home_visits = HomeVisitsTab(self.context, self)
        self.record_tabs: tuple[RecordTab, ...] = (self.parents, self.guardianship, self.contacts, self.home_visits)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._scrolled(self.parents), self.tr("父母"))
        self.tabs.addTab(self._scrolled(self.guardianship), self.tr("监护情况"))
        self.tabs.addTab(self._scrolled(self.contacts), self.tr("亲子联系"))
        self.tabs.addTab(self._scrolled(self.home_visits), self.tr("家访"))
        self.tabs.addTab(self._build_timeline_tab(), self.tr("时间线"))
        layout.addWidget(self.tabs, 1)
        return view

    def letter_month(self) -> str:
        """The month whose letter the record's buttons mean: this one (the 打印 page shows the same)."""
        return f"{clock.today():%Y-%m}"

    def open_letter_words(self) -> LetterWordsDialog | None:
        if self.current is None:
            return None
        child = self.current.child
        self.words_dialog = LetterWordsDialog(self.context, child.id, child.name, self.letter_month(), self)
        self.words_dialog.saved.connect(lambda _v: self.say(self.tr("已保存信里的话。")))
        self.words_dialog.open()
        return self.words_dialog

    def mark_letter_sent(self, via: str) -> None:
        """This month's letter went out by WeChat or post: a parent contact, so the no-contact alert sees it."""
        if self.current is None:
            return
        ctx, child_id, month = self.context, self.current.child.id, self.letter_month()
        self.run(lambda: letters.mark_sent(ctx.db, ctx.actor, child_id, month, via),
                 lambda done: self.say(self.tr("已记下：{0}的信已通过{1}发给{2}。").format(
                     done.child_name, label(done.channel), label(done.parent))),
                 busy=[self.sent_wechat_button, self.sent_post_button], publishes={Topic.ARCHIVE})

    @staticmethod
    def _scrolled(widget: QWidget) -> QScrollArea:
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(widget)
        return scroll

    def open_child(self, child_id: int) -> None:
        """Open a child's record: the social worker looks at it now (audited)."""
        self._load_child(child_id, opened=True)

    def _load_child(self, child_id: int, *, opened: bool) -> None:
        ctx = self.context
        self.run(lambda: archive.get_archive(ctx.db, ctx.actor, child_id, opened=opened), self._show_archive)

    def _show_archive(self, record: ChildArchive) -> None:
        new_child = self.current is None or self.current.child.id != record.child.id
        self.current = record
        self.stack.setCurrentWidget(self.record_view)
        last = record.last_contact_at
        self.record_heading.setText(
            self.tr("{0}（{1}）　").format(record.child.name, record.child.card_code)
            + (self.tr("最近联系：") + f"{last:%Y-%m-%d}" if last else self.tr("还没有联系记录"))
        )
        sent = record.last_letter
        self.last_letter.setText(
            self.tr("最近一封给爸爸妈妈的信：{0}月的信，{1} 通过{2}发给{3}").format(
                f"{sent.letter_month:%Y-%m}", f"{sent.contacted_at:%Y-%m-%d}", label(sent.channel),
                sent.parent_label or self.tr("爸爸妈妈"))
            if sent is not None else self.tr("还没有寄过给爸爸妈妈的信"))
        if new_child:
            self.message.clear()
            self.message.hide()
            self.tabs.setCurrentIndex(0)
        for tab in self.record_tabs:
            tab.set_record(record, new_child)
        self._show_timeline(record)
        self.archive_shown.emit()

    # ---- timeline -----------------------------------------------------------------------------------------------

    def _build_timeline_tab(self) -> QWidget:
        self.timeline = QTreeWidget()
        self.timeline.setHeaderLabels([self.tr("时间"), self.tr("类型"), self.tr("内容"), self.tr("详情")])
        self.timeline.setRootIsDecorated(False)
        self.timeline.setAlternatingRowColors(True)
        return self.timeline

    def _show_timeline(self, record: ChildArchive) -> None:
        self.timeline.clear()
        for entry in record.timeline:
            when = f"{entry.at:%Y-%m-%d %H:%M}" if entry.has_time else f"{entry.at:%Y-%m-%d}"
            item = QTreeWidgetItem(self.timeline, [when, label(entry.kind_title), entry.title, entry.detail])
            item.setToolTip(3, entry.detail)
        for column in range(3):
            self.timeline.resizeColumnToContents(column)

    # ---- export (administrators) --------------------------------------------------------------------------------

    def _choose_export_path(self) -> None:
        default = self.tr("父母档案-{0}.xlsx").format(f"{clock.today():%Y%m%d}")
        path = file_picker.save_file(self, self.tr("导出父母档案"), default, "Excel (*.xlsx)", ".xlsx")
        if path:
            self.export_to(str(path))

    def export_to(self, path: str) -> None:
        ctx = self.context

        def done(summary: archive.ExportSummary) -> None:
            text = self.tr("已导出 {n} 名儿童的档案：").replace("{n}", str(summary.children)) + summary.path
            self.start_heading.setToolTip(text)
            self.say(text)

        self.run(Job(archive.export_xlsx, ctx.db, ctx.actor, path), done, lane=Lane.LONG)
