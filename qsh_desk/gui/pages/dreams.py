"""十个梦: the session log (with the session form and the call home), 结对帮扶 pairings, and the dream catalogue."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from qsh_desk import clock
from qsh_desk.gui.context import AppContext
from qsh_desk.gui.errors import dialogs_enabled
from qsh_desk.gui.icons import icon
from qsh_desk.gui.kernel import EVERYTHING, KernelDialog, MessageLine, Topic
from qsh_desk.gui.pages.base import Page
from qsh_desk.gui.pages.dream_catalogue import DREAM_ICON_CHOICES, CatalogueTab
from qsh_desk.gui.pages.pairings_tab import PairingsTab
from qsh_desk.gui.pages.session_form import SessionForm
from qsh_desk.gui.widgets.flow import FlowLayout, together
from qsh_desk.gui.widgets.forms import ok_cancel
from qsh_desk.gui.widgets.pickers import PersonPicker, date_edit, plain, to_date
from qsh_desk.gui.widgets.tables import cell, fill, selected_key, table
from qsh_desk.services import call_home, dreams, session_people, sessions
from qsh_desk.services.access import Permission
from qsh_desk.services.dreams import DreamInfo
from qsh_desk.services.sessions import SessionDetail, SessionRow

__all__ = ["DREAM_ICON_CHOICES", "CallHomeDialog", "DreamsPage", "SessionForm"]


class CallHomeDialog(KernelDialog):
    """A video call home at the station, logged as a 思亲梦 session for one child; closes once it is saved."""

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.setWindowTitle(self.tr("记录站内亲情连线（思亲梦）"))
        self.child = PersonPicker(context, lambda t: session_people.search_children(context.db, context.actor, t),
                                  self.tr("儿童：姓名、拼音或首字母"))
        self.summary = QLineEdit()
        self.summary.setPlaceholderText(self.tr("例如：和妈妈视频十分钟，说了期中考试"))
        self.message = MessageLine()
        self.buttons = ok_cancel(self, self.save)
        form = QFormLayout(self)
        form.addRow(self.tr("儿童"), self.child)
        form.addRow(self.tr("简要记录"), self.summary)
        form.addRow(self.message)
        form.addRow(self.buttons)

    def save(self) -> None:
        child_id, summary = self.child.person_id, plain(self.summary) or None
        if child_id is None:
            self.say(self.tr("请先搜索并选好儿童。"), error=True)
            return
        ctx, at = self.context, clock.now().replace(second=0)
        self.run(lambda: call_home.log_call_home(ctx.db, ctx.actor, child_id, at=at, summary=summary),
                 lambda _id: self.accept(), busy=[self.buttons], publishes={Topic.SESSIONS})


class DreamsPage(Page):
    key = "dreams"
    title = QT_TRANSLATE_NOOP("Page", "十个梦")
    icon_name = "dreams"
    permission = Permission.SESSION_LOG
    watches = frozenset({Topic.SESSIONS, Topic.DREAMS})

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.can_manage = context.actor.can(Permission.SESSION_MANAGE)
        self.catalogue: list[DreamInfo] = []
        self.form: SessionForm | None = None
        self.dialog: KernelDialog | None = None
        heading = QLabel(self.tr("十个梦 · 活动记录"))
        heading.setObjectName("pageHeading")
        self.status = MessageLine()
        self.pairings = PairingsTab(context, self.status, self.can_manage)
        self.catalogue_tab = CatalogueTab(context, self.status) if self.can_manage else None
        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_sessions_tab(), icon("dreams"), self.tr("活动记录"))
        self.tabs.addTab(self.pairings, icon("pairing"), self.tr("结对帮扶"))
        if self.catalogue_tab is not None:
            self.tabs.addTab(self.catalogue_tab, icon("settings"), self.tr("类别管理"))
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.status)
        QShortcut(QKeySequence("Ctrl+N"), self, activated=self.new_session)

    def message_line(self) -> QLabel:
        return self.status

    def activated(self) -> None:
        self.refresh(EVERYTHING)

    def refresh(self, topics: frozenset[Topic]) -> None:
        if Topic.DREAMS in topics:
            self.load_catalogue()
        self.load_sessions()

    # ---- sessions

    def _build_sessions_tab(self) -> QWidget:
        today = clock.today()
        self.dream_filter = QComboBox()
        self.dream_filter.addItem(self.tr("全部的梦"), None)
        self.from_filter = date_edit(today - dt.timedelta(days=90))
        self.to_filter = date_edit(today)
        self.child_filter = PersonPicker(self.context,
                                         lambda t: session_people.search_children(self.context.db, self.context.actor, t),
                                         self.tr("只看某个儿童：姓名或拼音"))
        self.session_table = table([self.tr("日期"), self.tr("时间"), self.tr("梦"), self.tr("主题"), self.tr("组织者"),
                                    self.tr("参与人数"), self.tr("照片")])
        self.new_button = QPushButton(icon("session_add"), self.tr("新建活动 (Ctrl+N)"))
        self.edit_button = QPushButton(icon("edit"), self.tr("查看 / 修改"))
        self.delete_button = QPushButton(icon("delete"), self.tr("删除"))
        self.delete_button.setEnabled(self.can_manage)
        self.call_home_button = QPushButton(icon("call_home"), self.tr("亲情连线…"))
        self.call_home_button.setToolTip(self.tr("孩子在站里和父母视频或通话：一步记为一次思亲梦活动"))
        filters = FlowLayout()  # wraps at 1024×768 and in large type instead of widening the window
        filters.addWidget(self.dream_filter)
        filters.addWidget(together(QLabel(self.tr("从")), self.from_filter, QLabel(self.tr("到")), self.to_filter))
        filters.addWidget(self.child_filter)
        self.session_count = QLabel()
        actions = FlowLayout()
        for button in (self.new_button, self.edit_button, self.delete_button, self.call_home_button):
            actions.addWidget(button)
        actions.addWidget(self.session_count)
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addLayout(filters)
        layout.addLayout(actions)
        layout.addWidget(self.session_table, 1)
        for signal in (self.dream_filter.currentIndexChanged, self.from_filter.dateChanged, self.to_filter.dateChanged,
                       self.child_filter.picked):
            signal.connect(lambda *_a: self.load_sessions())
        self.new_button.clicked.connect(self.new_session)
        self.edit_button.clicked.connect(self.open_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.call_home_button.clicked.connect(self.call_home)
        self.session_table.doubleClicked.connect(lambda _i: self.open_selected())
        return tab

    def load_sessions(self) -> None:
        ctx = self.context
        filters = {
            "dream_id": self.dream_filter.currentData(),
            "date_from": to_date(self.from_filter.date()),
            "date_to": to_date(self.to_filter.date()),
            "child_id": self.child_filter.person_id,
        }
        self.run(lambda: sessions.list_sessions(ctx.db, ctx.actor, **filters), self.show_sessions)

    def show_sessions(self, rows: list[SessionRow]) -> None:
        table_rows = []
        for r in rows:
            dream = cell(r.dream_name)
            dream.setForeground(QColor(r.colour))
            time_text = f"{r.starts_at:%H:%M}" + (f"–{r.ends_at:%H:%M}" if r.ends_at else "")
            table_rows.append((r.id, [f"{r.starts_at:%Y-%m-%d}", time_text, dream, r.theme, r.organiser,
                                      r.participants, r.photos or ""]))
        fill(self.session_table, table_rows)
        self.session_count.setText(self.tr("共 {0} 条活动记录").format(len(rows)))

    def new_session(self) -> None:
        self._open_form(None)

    def open_selected(self) -> None:
        session_id = selected_key(self.session_table)
        if session_id is None:
            self.say(self.tr("请先在列表里选一条活动记录。"), error=True)
            return
        ctx = self.context
        self.run(lambda: sessions.get_session(ctx.db, ctx.actor, session_id), self._open_form)

    def _open_form(self, detail: SessionDetail | None) -> None:
        self.form = SessionForm(self.context, detail=detail, parent=self)
        if detail is not None and not self.can_manage:
            # Duty volunteers log sessions; changing one afterwards is for social workers and admins.
            self.form.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(False)
            self.form.say(self.tr("只有社工或管理员可以修改已记录的活动。"), error=True)
        self.form.saved.connect(lambda _id: self.say(self.tr("活动记录已保存。")))
        self.form.open()

    def delete_selected(self) -> None:
        session_id = selected_key(self.session_table)
        if session_id is None:
            return
        if dialogs_enabled():
            answer = QMessageBox.question(self, self.tr("删除活动记录"),
                                          self.tr("确定删除这条活动记录和它的照片吗？操作日志会留下记录。"))
            if answer != QMessageBox.StandardButton.Yes:
                return
        ctx = self.context
        self.run(lambda: sessions.delete_session(ctx.db, ctx.actor, session_id), said=self.tr("活动记录已删除。"),
                 publishes={Topic.SESSIONS})

    def call_home(self) -> CallHomeDialog:
        self.dialog = CallHomeDialog(self.context, self)
        self.dialog.accepted.connect(lambda: self.say(self.tr("已记为一次思亲梦活动（站内亲情连线）。")))
        self.dialog.open()
        return self.dialog

    # ---- the catalogue (the sessions' filter and the 类别管理 tab show it)

    def load_catalogue(self) -> None:
        ctx = self.context
        self.run(lambda: dreams.list_dreams(ctx.db, ctx.actor), self.show_catalogue)

    def show_catalogue(self, catalogue: list[DreamInfo]) -> None:
        self.catalogue = catalogue
        current = self.dream_filter.currentData()
        self.dream_filter.blockSignals(True)
        self.dream_filter.clear()
        self.dream_filter.addItem(self.tr("全部的梦"), None)
        for dream in catalogue:
            self.dream_filter.addItem(icon(dream.icon, dream.colour), dream.label, dream.id)
        self.dream_filter.setCurrentIndex(max(0, self.dream_filter.findData(current)))
        self.dream_filter.blockSignals(False)
        if self.catalogue_tab is not None:
            self.catalogue_tab.show_catalogue(catalogue)
