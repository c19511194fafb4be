"""父母档案: the social worker's page — alerts to start with, then one child's parents, care, contacts and visits."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QStackedWidget,
    QTableWidget,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from qsh_desk import clock
from qsh_desk.db.models import CONTACT_CHANNELS, GUARDIANSHIP_QUALITIES, GUARDIANSHIP_TYPES, PARENT_RELATIONS
from qsh_desk.gui.context import AppContext
from qsh_desk.gui.errors import user_message
from qsh_desk.gui.icons import icon
from qsh_desk.gui.labels import label
from qsh_desk.gui.pages.base import Page
from qsh_desk.gui.widgets.tables import fill, table
from qsh_desk.services import archive
from qsh_desk.services.access import Permission
from qsh_desk.services.archive import (
    ASSISTANCE_KINDS,
    CALL_CHANNELS,
    INCOME_SOURCES,
    INITIATOR_TITLES,
    MOODS,
    QUALITY_DEFINITIONS,
    Alerts,
    ChildArchive,
    ChildRef,
    ContactInput,
    GuardianshipInput,
    HomeVisitInput,
    ParentInput,
    ParentRecord,
)

SEARCH_DELAY_MS = 200  # search once typing pauses, not on every key
# Data changes that can alter what this page shows (contacts, rosters, visits, sessions).
WATCHED_CHANGES = ("archive", "children", "visits", "sessions")


def _date_text(value: dt.date | None) -> str:
    return value.isoformat() if value else ""








def _text(edit: QLineEdit | QPlainTextEdit) -> str:
    return edit.toPlainText() if isinstance(edit, QPlainTextEdit) else edit.text()


class _Ticks(QWidget):
    """The template's tick boxes (家庭经济来源, 救助帮扶情况), plus a line for anything else; stored as 甲、乙."""

    def __init__(self, choices: tuple[str, ...], titles: dict[str, str], parent: QWidget | None = None):
        super().__init__(parent)
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.boxes = {choice: QCheckBox(titles.get(choice, choice)) for choice in choices}
        for index, box in enumerate(self.boxes.values()):
            layout.addWidget(box, index // 3, index % 3)
        self.extra = QLineEdit()
        self.extra.setPlaceholderText(self.tr("其他说明"))
        layout.addWidget(self.extra, (len(choices) + 2) // 3, 0, 1, 3)

    def set_value(self, value: str | None) -> None:
        parts = [p for p in (value or "").split("、") if p]
        for choice, box in self.boxes.items():
            box.setChecked(choice in parts)
        self.extra.setText("、".join(p for p in parts if p not in self.boxes))

    def value(self) -> str:
        parts = [c for c, box in self.boxes.items() if box.isChecked()]
        extra = self.extra.text().strip()
        return "、".join(parts + ([extra] if extra else []))


class ArchivePage(Page):
    key = "archive"
    title = QT_TRANSLATE_NOOP("Page", "父母档案")
    icon_name = "archive"
    permission = Permission.ARCHIVE

    alerts_shown = Signal()
    archive_shown = Signal()
    message_shown = Signal(str)

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.today: dt.date | None = None  # None: the real today (tests pin a date)
        self.current: ChildArchive | None = None
        self.alerts: Alerts | None = None
        self.editing_parent: ParentRecord | None = None
        self.editing_visit: archive.HomeVisitRecord | None = None

        layout = QHBoxLayout(self)
        layout.addWidget(self._build_picker())
        right = QVBoxLayout()
        self.message = QLabel()
        self.message.setObjectName("archiveMessage")
        self.message.setWordWrap(True)
        self.message.hide()
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
        context.changes.changed.connect(self._data_changed)

    def terms(self) -> dict[str, str]:
        """How the stored words (always Chinese, as the national forms have them) read in the interface language."""
        return {
            "父亲": self.tr("父亲"), "母亲": self.tr("母亲"), "其他": self.tr("其他"),
            "父母均外出": self.tr("父母均外出"), "一方外出另一方无监护能力": self.tr("一方外出另一方无监护能力"),
            "委托监护": self.tr("委托监护"), "较好": self.tr("较好"), "一般": self.tr("一般"), "差": self.tr("差"),
            "电话": self.tr("电话"), "视频": self.tr("视频"), "微信": self.tr("微信"), "书信": self.tr("书信"),
            "回家探望": self.tr("回家探望"), "站内亲情连线": self.tr("站内亲情连线"),
            "孩子": self.tr("孩子"), "父母": self.tr("父母"), "站点": self.tr("站点"),
            "开心": self.tr("开心"), "平静": self.tr("平静"), "想念": self.tr("想念"), "低落": self.tr("低落"),
            "兴奋": self.tr("兴奋"), "哭了": self.tr("哭了"),
            "打工收入": self.tr("打工收入"), "种养殖业": self.tr("种养殖业"), "政府救助": self.tr("政府救助"),
            "亲朋接济": self.tr("亲朋接济"), "低保": self.tr("低保"), "临时救助": self.tr("临时救助"),
            "医疗救助": self.tr("医疗救助"), "住房救助": self.tr("住房救助"), "其他救助": self.tr("其他救助"),
            "亲子联系": self.tr("亲子联系"), "家访": self.tr("家访"), "参加活动": self.tr("参加活动"), "到站": self.tr("到站"),
        }

    def term(self, value: str | None) -> str:
        return self.terms().get(value or "", value or "")

    # ---- the child picker ---------------------------------------------------------------------------------------

    def _build_picker(self) -> QWidget:
        box = QWidget()
        box.setFixedWidth(250)
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        self.start_button = QPushButton(icon("warning"), self.tr("待跟进提醒"))
        self.start_button.clicked.connect(self.show_start)
        column.addWidget(self.start_button)
        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("archiveSearch")
        self.search_edit.setPlaceholderText(self.tr("找儿童：姓名、拼音或首字母"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.textChanged.connect(lambda _t: self._search_timer.start())
        self.search_edit.returnPressed.connect(self._open_first_result)
        column.addWidget(self.search_edit)
        self.results = QListWidget()
        self.results.itemActivated.connect(lambda item: self.open_child(item.data(Qt.ItemDataRole.UserRole)))
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
        ctx.tasks.run(lambda: archive.find_children(ctx.db, ctx.actor, query), self._show_results, self._show_error)

    def _show_results(self, children: list[ChildRef]) -> None:
        self.results.clear()
        for child in children:
            about = label(child.gender) + (self.tr("，") + child.grade if child.grade else "")
            item = QListWidgetItem(self.tr("{0}（{1}）").format(child.name, about))
            item.setData(Qt.ItemDataRole.UserRole, child.id)
            self.results.addItem(item)
        if not children:
            self.results.addItem(QListWidgetItem(self.tr("没有找到。可以试试拼音首字母，如 zxy。")))

    def _open_first_result(self) -> None:
        item = self.results.item(0)
        if item is not None and item.data(Qt.ItemDataRole.UserRole) is not None:
            self.open_child(item.data(Qt.ItemDataRole.UserRole))

    # ---- the start view: alerts ---------------------------------------------------------------------------------

    def _build_start_view(self) -> QWidget:
        view = QWidget()
        layout = QVBoxLayout(view)
        self.start_heading = QLabel(self.tr("待跟进提醒"))
        self.start_heading.setObjectName("pageHeading")
        layout.addWidget(self.start_heading)
        hint = QLabel(self.tr("双击或按回车打开这个儿童的档案。"))
        hint.setObjectName("hint")
        layout.addWidget(hint)
        grid = QGridLayout()
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

    def show_start(self) -> None:
        self.stack.setCurrentWidget(self.start_view)
        ctx, today = self.context, self.today
        ctx.tasks.run(lambda: archive.alerts(ctx.db, ctx.actor, today=today), self._show_alerts, self._show_error)

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
                (p.child.id, f"{p.child.name} · " + (self.term(p.kind) if p.kind else self.tr("监护类型未填"))
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
        self.tabs = QTabWidget()
        self.tabs.addTab(self._scrolled(self._build_parents_tab()), self.tr("父母"))
        self.tabs.addTab(self._scrolled(self._build_guardianship_tab()), self.tr("监护情况"))
        self.tabs.addTab(self._scrolled(self._build_contacts_tab()), self.tr("亲子联系"))
        self.tabs.addTab(self._scrolled(self._build_visits_tab()), self.tr("家访"))
        self.tabs.addTab(self._build_timeline_tab(), self.tr("时间线"))
        layout.addWidget(self.tabs, 1)
        return view

    @staticmethod
    def _scrolled(widget: QWidget) -> QScrollArea:
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(widget)
        return scroll

    def open_child(self, child_id: int) -> None:
        ctx = self.context
        ctx.tasks.run(lambda: archive.get_archive(ctx.db, ctx.actor, child_id), self._show_archive, self._show_error)

    def _show_archive(self, record: ChildArchive) -> None:
        same_child = self.current is not None and self.current.child.id == record.child.id
        self.current = record
        self.stack.setCurrentWidget(self.record_view)
        last = record.last_contact_at
        self.record_heading.setText(
            self.tr("{0}（{1}）　").format(record.child.name, record.child.card_code)
            + (self.tr("最近联系：") + f"{last:%Y-%m-%d}" if last else self.tr("还没有联系记录"))
        )
        if not same_child:
            self.message.clear()
            self.message.hide()
            self.tabs.setCurrentIndex(0)
            self._clear_parent_form()
            self._clear_visit_form()
            self._reset_contact_form()
        self._show_parents(record)
        self._show_guardianship(record)
        self._show_contacts(record)
        self._show_visits(record)
        self._show_timeline(record)
        self.archive_shown.emit()

    def _say(self, text: str, *, error: bool = False) -> None:
        self.message.setStyleSheet("color: #b71c1c; font-weight: bold;" if error else "color: #1b5e20;")
        self.message.setText(text)
        self.message.setVisible(bool(text))
        self.message_shown.emit(text)

    def _show_error(self, error: BaseException) -> None:
        # What the user typed stays in the form: only the message changes.
        self._say(user_message(error), error=True)

    def _write(self, work: Callable[[], Any], done_text: str, after: Callable[[], None] | None = None) -> None:
        """Run a change off the GUI thread; on success say so and let every view (this one too) refresh."""
        def finished(_result: Any) -> None:
            self._say(done_text)
            if after is not None:
                after()  # e.g. empty a form whose content is now saved
            self.context.changes.changed.emit("archive")

        self.context.tasks.run(work, finished, self._show_error)

    def _data_changed(self, what: str) -> None:
        if what not in WATCHED_CHANGES:
            return
        if self.current is not None:
            self.open_child(self.current.child.id)
        if self.alerts is not None:
            ctx, today = self.context, self.today
            ctx.tasks.run(lambda: archive.alerts(ctx.db, ctx.actor, today=today), self._show_alerts, self._show_error)

    def activated(self) -> None:
        if self.alerts is None:
            self.show_start()
        if self.results.count() == 0:
            self.search()

    # ---- parents ------------------------------------------------------------------------------------------------

    def _build_parents_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        self.parents_table = table([self.tr("关系"), self.tr("姓名"), self.tr("电话"), self.tr("务工地"),
                                     self.tr("单位 / 职业"), self.tr("回家频率"), self.tr("上次回家"), self.tr("下次计划回家")])
        self.parents_table.setMinimumHeight(130)
        self.parents_table.itemSelectionChanged.connect(self._parent_selected)
        layout.addWidget(self.parents_table)
        group = QGroupBox(self.tr("父母信息"))
        form = QGridLayout(group)
        self.parent_relation = QComboBox()
        for relation in PARENT_RELATIONS:
            self.parent_relation.addItem(self.term(relation), relation)
        self.parent_fields: dict[str, QLineEdit] = {}
        labels = (("name", QT_TRANSLATE_NOOP("ArchivePage", "姓名")), ("phone", QT_TRANSLATE_NOOP("ArchivePage", "电话")),
                  ("phone2", QT_TRANSLATE_NOOP("ArchivePage", "电话2")),
                  ("wechat", QT_TRANSLATE_NOOP("ArchivePage", "微信")),
                  ("work_province", QT_TRANSLATE_NOOP("ArchivePage", "务工省份")),
                  ("work_city", QT_TRANSLATE_NOOP("ArchivePage", "务工城市")),
                  ("work_address", QT_TRANSLATE_NOOP("ArchivePage", "务工地址")),
                  ("employer", QT_TRANSLATE_NOOP("ArchivePage", "工作单位")),
                  ("occupation", QT_TRANSLATE_NOOP("ArchivePage", "职业")),
                  ("return_frequency", QT_TRANSLATE_NOOP("ArchivePage", "回家频率")),
                  ("last_return", QT_TRANSLATE_NOOP("ArchivePage", "上次回家")),
                  ("next_return", QT_TRANSLATE_NOOP("ArchivePage", "下次计划回家")),
                  ("notes", QT_TRANSLATE_NOOP("ArchivePage", "备注")))
        form.addWidget(QLabel(self.tr("关系")), 0, 0)
        form.addWidget(self.parent_relation, 0, 1)
        for index, (name, label) in enumerate(labels, start=1):
            edit = QLineEdit()
            if name in ("last_return", "next_return"):
                edit.setPlaceholderText("2026-02-10" if name == "last_return" else "2027-01-20")
            if name == "return_frequency":
                edit.setPlaceholderText(self.tr("每年春节 / 每季度 …"))
            self.parent_fields[name] = edit
            form.addWidget(QLabel(self.tr(label)), index // 2, (index % 2) * 2)
            form.addWidget(edit, index // 2, (index % 2) * 2 + 1)
        buttons = QHBoxLayout()
        self.parent_new = QPushButton(self.tr("新增一位"))
        self.parent_new.clicked.connect(self._clear_parent_form)
        self.parent_save = QPushButton(self.tr("保存父母信息"))
        self.parent_save.setObjectName("primary")
        self.parent_save.clicked.connect(self.save_parent)
        self.parent_delete = QPushButton(self.tr("删除这位"))
        self.parent_delete.clicked.connect(self.delete_parent)
        for button in (self.parent_new, self.parent_save, self.parent_delete):
            buttons.addWidget(button)
        buttons.addStretch(1)
        form.addLayout(buttons, 8, 0, 1, 4)
        layout.addWidget(group)
        layout.addStretch(1)
        return tab

    def _show_parents(self, record: ChildArchive) -> None:
        fill(self.parents_table, [
            (p.id, [p.relation, p.name, " / ".join(x for x in (p.phone, p.phone2) if x), p.works_in,
                    " / ".join(x for x in (p.employer, p.occupation) if x), p.return_frequency,
                    _date_text(p.last_return), _date_text(p.next_return)])
            for p in record.parents
        ])
        if self.editing_parent is not None:
            # Keep editing the same parent, at its new version, after a save.
            fresh = next((p for p in record.parents if p.id == self.editing_parent.id), None)
            self.editing_parent = fresh
            if fresh is None:
                self._clear_parent_form()
        self.parent_delete.setEnabled(self.editing_parent is not None)

    def _parent_selected(self) -> None:
        rows = self.parents_table.selectionModel().selectedRows()
        if not rows or self.current is None:
            return
        parent_id = self.parents_table.item(rows[0].row(), 0).data(Qt.ItemDataRole.UserRole)
        parent = next((p for p in self.current.parents if p.id == parent_id), None)
        if parent is None:
            return
        self.editing_parent = parent
        self.parent_relation.setCurrentIndex(max(0, self.parent_relation.findData(parent.relation)))
        for name, edit in self.parent_fields.items():
            value = getattr(parent, name)
            edit.setText(_date_text(value) if isinstance(value, dt.date) else (value or ""))
        self.parent_save.setText(self.tr("保存修改"))
        self.parent_delete.setEnabled(True)

    def _clear_parent_form(self) -> None:
        self.editing_parent = None
        self.parents_table.clearSelection()
        for edit in self.parent_fields.values():
            edit.clear()
        self.parent_relation.setCurrentIndex(0)
        self.parent_save.setText(self.tr("保存父母信息"))
        self.parent_delete.setEnabled(False)

    def save_parent(self) -> None:
        if self.current is None:
            return
        data = ParentInput(relation=self.parent_relation.currentData(),
                           **{name: edit.text() for name, edit in self.parent_fields.items()})
        ctx, child_id, editing = self.context, self.current.child.id, self.editing_parent
        if editing is None:
            self._write(lambda: archive.add_parent(ctx.db, ctx.actor, child_id, data), self.tr("已添加：") + data.name,
                        self._clear_parent_form)
        else:
            self._write(lambda: archive.update_parent(ctx.db, ctx.actor, editing.id, editing.version, data),
                        self.tr("已保存修改：") + data.name)

    def delete_parent(self) -> None:
        editing = self.editing_parent
        if editing is None:
            return
        ctx = self.context
        self._write(lambda: archive.delete_parent(ctx.db, ctx.actor, editing.id, editing.version),
                    self.tr("已删除：") + editing.name, self._clear_parent_form)

    # ---- guardianship -------------------------------------------------------------------------------------------

    def _build_guardianship_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        form = QFormLayout()
        self.g_kind = QComboBox()
        self.g_kind.addItem(self.tr("（未填）"), None)
        for kind in GUARDIANSHIP_TYPES:
            self.g_kind.addItem(self.term(kind), kind)
        self.g_kind.currentIndexChanged.connect(self._kind_changed)
        kind_form = QFormLayout()
        kind_form.addRow(self.tr("监护类型"), self.g_kind)
        layout.addLayout(kind_form)
        # The rating and its definitions come first: it is what the start page's alerts are about.
        layout.addWidget(self._build_quality_group())
        self.g_fields = {name: QLineEdit() for name in ("delegate_name", "delegate_relation", "delegate_phone",
                                                        "delegate_id_number", "delegate_address")}
        for name, label in (("delegate_name", QT_TRANSLATE_NOOP("ArchivePage", "委托监护人")),
                            ("delegate_relation", QT_TRANSLATE_NOOP("ArchivePage", "与儿童关系")),
                            ("delegate_phone", QT_TRANSLATE_NOOP("ArchivePage", "委托监护人电话")),
                            ("delegate_id_number", QT_TRANSLATE_NOOP("ArchivePage", "委托监护人身份证号")),
                            ("delegate_address", QT_TRANSLATE_NOOP("ArchivePage", "委托监护人住址"))):
            form.addRow(self.tr(label), self.g_fields[name])
        self.g_agreement = QCheckBox(self.tr("委托监护协议已存档"))
        form.addRow("", self.g_agreement)
        self.g_income = _Ticks(INCOME_SOURCES, self.terms())
        form.addRow(self.tr("家庭经济来源"), self.g_income)
        self.g_assistance = _Ticks(ASSISTANCE_KINDS, self.terms())
        form.addRow(self.tr("救助帮扶情况"), self.g_assistance)
        layout.addLayout(form)
        self.g_save = QPushButton(self.tr("保存监护情况"))
        self.g_save.setObjectName("primary")
        self.g_save.clicked.connect(self.save_guardianship)
        layout.addWidget(self.g_save, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        return tab

    def _build_quality_group(self) -> QGroupBox:
        quality = QGroupBox(self.tr("监护情况评估（按《农村留守儿童基本情况登记表》的定义）"))
        grid = QGridLayout(quality)
        self.g_quality = QButtonGroup(self)
        self.g_quality_buttons: dict[str, QRadioButton] = {}
        self.quality_definitions: dict[str, QLabel] = {}
        for row, name in enumerate(GUARDIANSHIP_QUALITIES):
            button = QRadioButton(self.term(name))
            self.g_quality.addButton(button)
            self.g_quality_buttons[name] = button
            definition = QLabel(label(QUALITY_DEFINITIONS[name]))
            definition.setWordWrap(True)
            self.quality_definitions[name] = definition
            grid.addWidget(button, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(definition, row, 1)
        grid.setColumnStretch(1, 1)
        return quality

    def _kind_changed(self) -> None:
        delegated = self.g_kind.currentData() == "委托监护"
        self.g_fields["delegate_name"].setPlaceholderText(self.tr("委托监护时必填") if delegated else "")

    def _show_guardianship(self, record: ChildArchive) -> None:
        g = record.guardianship
        index = self.g_kind.findData(g.kind if g else None)
        self.g_kind.setCurrentIndex(max(0, index))
        for name, edit in self.g_fields.items():
            edit.setText((getattr(g, name) or "") if g else "")
        self.g_agreement.setChecked(bool(g and g.agreement_on_file))
        self.g_income.set_value(g.income_source if g else None)
        self.g_assistance.set_value(g.assistance if g else None)
        self.g_quality.setExclusive(False)  # so that "not rated" can be shown
        for name, button in self.g_quality_buttons.items():
            button.setChecked(bool(g and g.quality == name))
        self.g_quality.setExclusive(True)

    def save_guardianship(self) -> None:
        if self.current is None:
            return
        checked = next((name for name, b in self.g_quality_buttons.items() if b.isChecked()), None)
        data = GuardianshipInput(
            kind=self.g_kind.currentData(),
            agreement_on_file=self.g_agreement.isChecked(),
            quality=checked,
            income_source=self.g_income.value(),
            assistance=self.g_assistance.value(),
            **{name: edit.text() for name, edit in self.g_fields.items()},
        )
        ctx, child_id = self.context, self.current.child.id
        version = self.current.guardianship.version if self.current.guardianship else None
        self._write(lambda: archive.save_guardianship(ctx.db, ctx.actor, child_id, data, version),
                    self.tr("监护情况已保存。"))

    # ---- contacts -----------------------------------------------------------------------------------------------

    def _build_contacts_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        group = QGroupBox(self.tr("记录一次联系"))
        form = QGridLayout(group)
        self.c_at = QLineEdit()
        self.c_at.setPlaceholderText("2026-11-29 19:30")
        self.c_channel = QComboBox()
        for channel in CONTACT_CHANNELS:
            self.c_channel.addItem(self.term(channel), channel)
        self.c_channel.currentIndexChanged.connect(lambda _i: self._channel_changed(self.c_channel.currentData()))
        self.c_initiator = QComboBox()
        for code, title in INITIATOR_TITLES.items():
            self.c_initiator.addItem(self.term(title), code)
        self.c_parent = QComboBox()
        self.c_duration = QLineEdit()
        self.c_duration.setPlaceholderText(self.tr("分钟"))
        self.c_mood = QComboBox()
        self.c_mood.setEditable(True)
        self.c_mood.addItem("", "")
        for mood in MOODS:
            self.c_mood.addItem(self.term(mood), mood)
        self.c_summary = QLineEdit()
        self.c_summary.setPlaceholderText(self.tr("聊了什么"))
        self.c_follow = QCheckBox(self.tr("需要跟进，最晚在这天前："))
        self.c_due = QLineEdit()
        self.c_due.setPlaceholderText("2026-12-10")
        self.c_session = QCheckBox(self.tr("在站里打的：同时记为一次思亲梦活动"))
        self.c_add = QPushButton(self.tr("记录这次联系"))
        self.c_add.setObjectName("primary")
        self.c_add.clicked.connect(self.add_contact)
        self.c_summary.returnPressed.connect(self.add_contact)
        pairs = ((self.tr("时间"), self.c_at), (self.tr("方式"), self.c_channel),
                 (self.tr("发起方"), self.c_initiator), (self.tr("家长"), self.c_parent),
                 (self.tr("时长（分钟）"), self.c_duration), (self.tr("孩子情绪"), self.c_mood))
        for index, (label, widget) in enumerate(pairs):
            form.addWidget(QLabel(label), index // 2, (index % 2) * 2)
            form.addWidget(widget, index // 2, (index % 2) * 2 + 1)
        form.addWidget(QLabel(self.tr("内容摘要")), 3, 0)
        form.addWidget(self.c_summary, 3, 1, 1, 3)
        form.addWidget(self.c_follow, 4, 0, 1, 2)
        form.addWidget(self.c_due, 4, 2, 1, 2)
        form.addWidget(self.c_session, 5, 0, 1, 3)
        form.addWidget(self.c_add, 5, 3)
        form.setColumnStretch(1, 1)
        form.setColumnStretch(3, 1)
        layout.addWidget(group)
        self.contacts_table = table([self.tr("时间"), self.tr("方式"), self.tr("发起方"), self.tr("家长"), self.tr("时长"),
                                      self.tr("孩子情绪"), self.tr("跟进"), self.tr("内容摘要")])
        self.contacts_table.setMinimumHeight(220)
        self.contacts_table.itemSelectionChanged.connect(self._contact_selected)
        layout.addWidget(self.contacts_table, 1)
        self.c_done = QPushButton(self.tr("选中这条的跟进已完成"))
        self.c_done.setEnabled(False)
        self.c_done.clicked.connect(lambda: self._complete_selected("contact", self.contacts_table))
        layout.addWidget(self.c_done, 0, Qt.AlignmentFlag.AlignLeft)
        return tab

    def _channel_changed(self, channel: str) -> None:
        call = channel in CALL_CHANNELS
        self.c_session.setEnabled(call)
        if not call:
            self.c_session.setChecked(False)

    def _reset_contact_form(self) -> None:
        self.c_at.setText(clock.now().strftime("%Y-%m-%d %H:%M"))
        for edit in (self.c_duration, self.c_summary, self.c_due):
            edit.clear()
        self.c_mood.setCurrentIndex(0)
        self.c_follow.setChecked(False)
        self.c_session.setChecked(False)

    def _show_contacts(self, record: ChildArchive) -> None:
        self.c_parent.clear()
        self.c_parent.addItem(self.tr("（未指定）"), None)
        for p in record.parents:
            self.c_parent.addItem(f"{p.relation} {p.name}", p.id)

        def follow(c: archive.ContactRecord) -> str:
            if not c.follow_up_needed:
                return ""
            if c.follow_up_done_on:
                return self.tr("已完成 ") + f"{c.follow_up_done_on:%m-%d}"
            return self.tr("待跟进 ") + f"{c.follow_up_due:%m-%d}" if c.follow_up_due else self.tr("待跟进")

        fill(self.contacts_table, [
            (c.id, [f"{c.contacted_at:%Y-%m-%d %H:%M}", self.term(c.channel) + (self.tr("（思亲梦）") if c.session_id else ""),
                    self.term(c.initiated_by_title), c.parent_label,
                    self.tr("{n} 分钟").replace("{n}", str(c.duration_minutes)) if c.duration_minutes else "",
                    c.child_mood, follow(c), c.summary])
            for c in record.contacts
        ])
        self.c_done.setEnabled(False)

    def _contact_selected(self) -> None:
        contact = self._selected(self.contacts_table, self.current.contacts if self.current else ())
        self.c_done.setEnabled(bool(contact and contact.follow_up_needed and not contact.follow_up_done_on))

    def add_contact(self) -> None:
        if self.current is None:
            return
        data = ContactInput(
            contacted_at=self.c_at.text(), channel=self.c_channel.currentData(),
            initiated_by=self.c_initiator.currentData(), parent_id=self.c_parent.currentData(),
            duration_minutes=self.c_duration.text(), summary=self.c_summary.text(),
            child_mood=self._mood(), follow_up_needed=self.c_follow.isChecked(),
            follow_up_due=self.c_due.text(),
        )
        ctx, child_id, as_session = self.context, self.current.child.id, self.c_session.isChecked()

        def done(_record: Any) -> None:
            self._say(self.tr("已记录这次联系") + (self.tr("，并记为一次思亲梦活动。") if as_session else self.tr("。")))
            self._reset_contact_form()
            self.context.changes.changed.emit("archive")
            if as_session:
                self.context.changes.changed.emit("sessions")

        ctx.tasks.run(lambda: archive.add_contact(ctx.db, ctx.actor, child_id, data, log_as_session=as_session),
                      done, self._show_error)

    def _mood(self) -> str:
        """A suggested mood is stored as the word itself; anything typed is stored as typed."""
        index = self.c_mood.findText(self.c_mood.currentText())
        return self.c_mood.itemData(index) if index >= 0 and self.c_mood.itemData(index) else self.c_mood.currentText()

    @staticmethod
    def _selected(table: QTableWidget, records: tuple[Any, ...]) -> Any:
        rows = table.selectionModel().selectedRows()
        if not rows:
            return None
        record_id = table.item(rows[0].row(), 0).data(Qt.ItemDataRole.UserRole)
        return next((r for r in records if r.id == record_id), None)

    def _complete_selected(self, kind: str, table: QTableWidget) -> None:
        if self.current is None:
            return
        records = self.current.contacts if kind == "contact" else self.current.home_visits
        record = self._selected(table, records)
        if record is None:
            return
        ctx, today = self.context, self.today
        self._write(lambda: archive.complete_follow_up(ctx.db, ctx.actor, kind, record.id, today),
                    self.tr("已标记跟进完成。"))

    # ---- home visits --------------------------------------------------------------------------------------------

    def _build_visits_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        self.visits_table = table([self.tr("日期"), self.tr("家访人员"), self.tr("见到的人"), self.tr("需求"),
                                    self.tr("后续措施"), self.tr("跟进")])
        self.visits_table.setMinimumHeight(130)
        self.visits_table.itemSelectionChanged.connect(self._visit_selected)
        layout.addWidget(self.visits_table)
        group = QGroupBox(self.tr("家访记录"))
        form = QFormLayout(group)
        self.v_fields: dict[str, QLineEdit | QPlainTextEdit] = {
            "visited_on": QLineEdit(), "visitors": QLineEdit(), "met_whom": QLineEdit(),
            "findings": QPlainTextEdit(), "needs": QLineEdit(), "follow_up_actions": QLineEdit(),
            "follow_up_due": QLineEdit(),
        }
        self.v_fields["visited_on"].setPlaceholderText("2026-11-29")
        self.v_fields["follow_up_due"].setPlaceholderText(self.tr("有后续措施时填写，到期未完成会提醒"))
        self.v_fields["findings"].setTabChangesFocus(True)  # keyboard users move on with Tab
        self.v_fields["findings"].setFixedHeight(80)
        for name, label in (("visited_on", QT_TRANSLATE_NOOP("ArchivePage", "家访日期")),
                            ("visitors", QT_TRANSLATE_NOOP("ArchivePage", "家访人员")),
                            ("met_whom", QT_TRANSLATE_NOOP("ArchivePage", "见到的人")),
                            ("findings", QT_TRANSLATE_NOOP("ArchivePage", "了解到的情况")),
                            ("needs", QT_TRANSLATE_NOOP("ArchivePage", "需求")),
                            ("follow_up_actions", QT_TRANSLATE_NOOP("ArchivePage", "后续措施")),
                            ("follow_up_due", QT_TRANSLATE_NOOP("ArchivePage", "跟进期限"))):
            form.addRow(self.tr(label), self.v_fields[name])
        buttons = QHBoxLayout()
        self.v_new = QPushButton(self.tr("新的家访"))
        self.v_new.clicked.connect(self._clear_visit_form)
        self.v_save = QPushButton(self.tr("保存家访记录"))
        self.v_save.setObjectName("primary")
        self.v_save.clicked.connect(self.save_visit)
        self.v_done = QPushButton(self.tr("跟进已完成"))
        self.v_done.clicked.connect(lambda: self._complete_selected("home_visit", self.visits_table))
        for button in (self.v_new, self.v_save, self.v_done):
            buttons.addWidget(button)
        buttons.addStretch(1)
        form.addRow(buttons)
        layout.addWidget(group)
        layout.addStretch(1)
        return tab

    def _show_visits(self, record: ChildArchive) -> None:
        def follow(v: archive.HomeVisitRecord) -> str:
            if v.follow_up_done_on:
                return self.tr("已完成 ") + f"{v.follow_up_done_on:%m-%d}"
            return self.tr("待跟进 ") + f"{v.follow_up_due:%m-%d}" if v.follow_up_due else ""

        fill(self.visits_table, [
            (v.id, [f"{v.visited_on:%Y-%m-%d}", v.visitors, v.met_whom, v.needs, v.follow_up_actions, follow(v)])
            for v in record.home_visits
        ])
        if self.editing_visit is not None:
            self.editing_visit = next((v for v in record.home_visits if v.id == self.editing_visit.id), None)
            if self.editing_visit is None:
                self._clear_visit_form()
        self.v_done.setEnabled(False)

    def _visit_selected(self) -> None:
        visit = self._selected(self.visits_table, self.current.home_visits if self.current else ())
        if visit is None:
            return
        self.editing_visit = visit
        for name, edit in self.v_fields.items():
            value = getattr(visit, name)
            text = _date_text(value) if isinstance(value, dt.date) else (value or "")
            edit.setPlainText(text) if isinstance(edit, QPlainTextEdit) else edit.setText(text)
        self.v_save.setText(self.tr("保存修改"))
        self.v_done.setEnabled(visit.follow_up_due is not None and visit.follow_up_done_on is None)

    def _clear_visit_form(self) -> None:
        self.editing_visit = None
        self.visits_table.clearSelection()
        for edit in self.v_fields.values():
            edit.clear()
        self.v_fields["visited_on"].setText(clock.today().isoformat())
        self.v_save.setText(self.tr("保存家访记录"))
        self.v_done.setEnabled(False)

    def save_visit(self) -> None:
        if self.current is None:
            return
        data = HomeVisitInput(**{name: _text(edit) for name, edit in self.v_fields.items()})
        ctx, child_id, editing = self.context, self.current.child.id, self.editing_visit
        if editing is None:
            self._write(lambda: archive.add_home_visit(ctx.db, ctx.actor, child_id, data), self.tr("家访记录已保存。"),
                        self._clear_visit_form)
        else:
            self._write(lambda: archive.update_home_visit(ctx.db, ctx.actor, editing.id, editing.version, data),
                        self.tr("家访记录已修改。"))

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
            item = QTreeWidgetItem(self.timeline, [when, self.term(entry.kind_title), entry.title, entry.detail])
            item.setToolTip(3, entry.detail)
        for column in range(3):
            self.timeline.resizeColumnToContents(column)

    # ---- export (administrators) --------------------------------------------------------------------------------

    def _choose_export_path(self) -> None:
        default = self.tr("父母档案-{0}.xlsx").format(f"{clock.today():%Y%m%d}")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("导出父母档案"), default, "Excel (*.xlsx)")
        if path:
            self.export_to(path)

    def export_to(self, path: str) -> None:
        ctx = self.context

        def done(summary: archive.ExportSummary) -> None:
            text = self.tr("已导出 {n} 名儿童的档案：").replace("{n}", str(summary.children)) + summary.path
            self.start_heading.setToolTip(text)
            self._say(text)

        ctx.tasks.run(lambda: archive.export_xlsx(ctx.db, ctx.actor, path), done, self._show_error)
