"""The contacts and home-visits tabs of a child's 父母档案 record."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from qsh_desk import clock
from qsh_desk.gui.context import AppContext
from qsh_desk.gui.kernel import MessageLine, Operations, Topic
from qsh_desk.gui.labels import label
from qsh_desk.gui.pages.archive_tabs import RecordTab, date_text, field_text
from qsh_desk.gui.widgets.tables import fill, table
from qsh_desk.services import archive
from qsh_desk.services.archive import (
    CALL_CHANNELS,
    CONTACT_CHANNELS,
    INITIATOR_TITLES,
    MOODS,
    ChildArchive,
    ContactInput,
    HomeVisitInput,
)


class ContactsTab(RecordTab):
    """Every contact between the child and the parents, and the form to log one."""

    def new_child(self) -> None:
        self._reset_contact_form()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        group = QGroupBox(self.tr("记录一次联系"))
        form = QGridLayout(group)
        self.c_at = QLineEdit()
        self.c_at.setPlaceholderText(self.tr("年-月-日 时:分"))
        self.c_channel = QComboBox()
        for channel in CONTACT_CHANNELS:
            self.c_channel.addItem(label(channel), channel)
        self.c_channel.currentIndexChanged.connect(lambda _i: self._channel_changed(self.c_channel.currentData()))
        self.c_initiator = QComboBox()
        for code, title in INITIATOR_TITLES.items():
            self.c_initiator.addItem(label(title), code)
        self.c_parent = QComboBox()
        self.c_duration = QLineEdit()
        self.c_duration.setPlaceholderText(self.tr("分钟"))
        self.c_mood = QComboBox()
        self.c_mood.setEditable(True)
        self.c_mood.addItem("", "")
        for mood in MOODS:
            self.c_mood.addItem(label(mood), mood)
        self.c_summary = QLineEdit()
        self.c_summary.setPlaceholderText(self.tr("聊了什么"))
        self.c_follow = QCheckBox(self.tr("需要跟进，最晚在这天前："))
        self.c_due = QLineEdit()
        self.c_due.setPlaceholderText(self.tr("年-月-日"))
        self.c_session = QCheckBox(self.tr("在站里打的：同时记为一次思亲梦活动"))
        self.c_add = QPushButton(self.tr("记录这次联系"))
        self.c_add.setObjectName("primary")
        self.c_add.clicked.connect(self.add_contact)
        for edit in (self.c_at, self.c_duration, self.c_summary, self.c_due):
            edit.returnPressed.connect(self.add_contact)  # one rule: Enter in a form's line saves the form
        self.c_problem = MessageLine()
        pairs = ((self.tr("时间"), self.c_at), (self.tr("方式"), self.c_channel),
                 (self.tr("发起方"), self.c_initiator), (self.tr("家长"), self.c_parent),
                 (self.tr("时长（分钟）"), self.c_duration), (self.tr("孩子情绪"), self.c_mood))
        for index, (title, widget) in enumerate(pairs):
            form.addWidget(QLabel(title), index // 2, (index % 2) * 2)
            form.addWidget(widget, index // 2, (index % 2) * 2 + 1)
        form.addWidget(QLabel(self.tr("内容摘要")), 3, 0)
        form.addWidget(self.c_summary, 3, 1, 1, 3)
        form.addWidget(self.c_follow, 4, 0, 1, 2)
        form.addWidget(self.c_due, 4, 2, 1, 2)
        form.addWidget(self.c_problem, 5, 0, 1, 4)
        form.addWidget(self.c_session, 6, 0, 1, 3)
        form.addWidget(self.c_add, 6, 3)
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
        self.c_done.clicked.connect(lambda: self.complete_selected("contact", self.contacts_table))
        layout.addWidget(self.c_done, 0, Qt.AlignmentFlag.AlignLeft)

    def _channel_changed(self, channel: str) -> None:
        call = channel in CALL_CHANNELS
        self.c_session.setEnabled(call)
        if not call:
            self.c_session.setChecked(False)

    def _reset_contact_form(self) -> None:
        self._c_at_shown = clock.now().strftime("%Y-%m-%d %H:%M")
        self.c_at.setText(self._c_at_shown)
        for edit in (self.c_duration, self.c_summary, self.c_due):
            edit.clear()
        self.c_mood.setCurrentIndex(0)
        self.c_follow.setChecked(False)
        self.c_session.setChecked(False)

    def show_record(self, record: ChildArchive) -> None:
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
            (c.id, [f"{c.contacted_at:%Y-%m-%d %H:%M}", label(c.channel) + (self.tr("（思亲梦）") if c.session_id else ""),
                    label(c.initiated_by_title), c.parent_label,
                    self.tr("{n} 分钟").replace("{n}", str(c.duration_minutes)) if c.duration_minutes else "",
                    c.child_mood, follow(c), c.summary])
            for c in record.contacts
        ])
        self.c_done.setEnabled(False)

    def _contact_selected(self) -> None:
        contact = self.selected_record(self.contacts_table, self.current.contacts if self.current else ())
        self.c_done.setEnabled(bool(contact and contact.follow_up_needed and not contact.follow_up_done_on))

    def add_contact(self) -> None:
        if self.current is None:
            return
        if self.c_at.text() == getattr(self, "_c_at_shown", None):
            # Nobody changed the time the form offered: the contact is now, not when the form was opened.
            self._c_at_shown = clock.now().strftime("%Y-%m-%d %H:%M")
            self.c_at.setText(self._c_at_shown)
        data = ContactInput(
            contacted_at=self.c_at.text(), channel=self.c_channel.currentData(),
            initiated_by=self.c_initiator.currentData(), parent_id=self.c_parent.currentData(),
            duration_minutes=self.c_duration.text(), summary=self.c_summary.text(),
            child_mood=self._mood(), follow_up_needed=self.c_follow.isChecked(),
            follow_up_due=self.c_due.text(),
        )
        ctx, child_id, as_session = self.context, self.current.child.id, self.c_session.isChecked()

        self.write(lambda: archive.add_contact(ctx.db, ctx.actor, child_id, data, log_as_session=as_session),
                   self.tr("已记录这次联系") + (self.tr("，并记为一次思亲梦活动。") if as_session else self.tr("。")),
                   self._reset_contact_form,
                   publishes={Topic.ARCHIVE, Topic.SESSIONS} if as_session else {Topic.ARCHIVE},
                   form_line=self.c_problem)

    def _mood(self) -> str:
        """A suggested mood is stored as the word itself; anything typed is stored as typed."""
        index = self.c_mood.findText(self.c_mood.currentText())
        return self.c_mood.itemData(index) if index >= 0 and self.c_mood.itemData(index) else self.c_mood.currentText()


class HomeVisitsTab(RecordTab):
    """家访: the home visits with what was found and what follows."""

    def __init__(self, context: AppContext, page: Operations, parent: QWidget | None = None):
        self.editing_visit: archive.HomeVisitRecord | None = None
        super().__init__(context, page, parent)

    def new_child(self) -> None:
        self._clear_visit_form()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
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
        self.v_fields["visited_on"].setPlaceholderText(self.tr("年-月-日"))
        for edit in self.v_fields.values():
            if isinstance(edit, QLineEdit):
                edit.returnPressed.connect(self.save_visit)  # Enter saves, as in every other form
        self.v_fields["follow_up_due"].setPlaceholderText(self.tr("有后续措施时填写，到期未完成会提醒"))
        self.v_fields["findings"].setTabChangesFocus(True)  # keyboard users move on with Tab
        self.v_fields["findings"].setFixedHeight(80)
        for name, title in (("visited_on", QT_TRANSLATE_NOOP("HomeVisitsTab", "家访日期")),
                            ("visitors", QT_TRANSLATE_NOOP("HomeVisitsTab", "家访人员")),
                            ("met_whom", QT_TRANSLATE_NOOP("HomeVisitsTab", "见到的人")),
                            ("findings", QT_TRANSLATE_NOOP("HomeVisitsTab", "了解到的情况")),
                            ("needs", QT_TRANSLATE_NOOP("HomeVisitsTab", "需求")),
                            ("follow_up_actions", QT_TRANSLATE_NOOP("HomeVisitsTab", "后续措施")),
                            ("follow_up_due", QT_TRANSLATE_NOOP("HomeVisitsTab", "跟进期限"))):
            form.addRow(self.tr(title), self.v_fields[name])
        self.v_problem = MessageLine()
        form.addRow(self.v_problem)
        buttons = QHBoxLayout()
        self.v_new = QPushButton(self.tr("新的家访"))
        self.v_new.clicked.connect(self._clear_visit_form)
        self.v_save = QPushButton(self.tr("保存家访记录"))
        self.v_save.setObjectName("primary")
        self.v_save.clicked.connect(self.save_visit)
        self.v_done = QPushButton(self.tr("跟进已完成"))
        self.v_done.clicked.connect(lambda: self.complete_selected("home_visit", self.visits_table))
        for button in (self.v_new, self.v_save, self.v_done):
            buttons.addWidget(button)
        buttons.addStretch(1)
        form.addRow(buttons)
        layout.addWidget(group)
        layout.addStretch(1)

    def show_record(self, record: ChildArchive) -> None:
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
        visit = self.selected_record(self.visits_table, self.current.home_visits if self.current else ())
        if visit is None:
            return
        self.editing_visit = visit
        for name, edit in self.v_fields.items():
            value = getattr(visit, name)
            text = date_text(value) if isinstance(value, dt.date) else (value or "")
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
        data = HomeVisitInput(**{name: field_text(edit) for name, edit in self.v_fields.items()})
        ctx, child_id, editing = self.context, self.current.child.id, self.editing_visit
        if editing is None:
            self.write(lambda: archive.add_home_visit(ctx.db, ctx.actor, child_id, data), self.tr("家访记录已保存。"),
                        self._clear_visit_form, form_line=self.v_problem)
        else:
            self.write(lambda: archive.update_home_visit(ctx.db, ctx.actor, editing.id, editing.version, data),
                        self.tr("家访记录已修改。"), form_line=self.v_problem)
