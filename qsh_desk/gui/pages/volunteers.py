"""志愿者: the volunteers' roster and the station's teams — table, edit form, duplicate warning, import and export."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from qsh_desk.elsewhere import Job
from qsh_desk.gui.context import AppContext
from qsh_desk.gui.errors import user_message
from qsh_desk.gui.icons import icon
from qsh_desk.gui.kernel import KernelDialog, Topic
from qsh_desk.gui.labels import label
from qsh_desk.gui.models.roster import VolunteerTableModel
from qsh_desk.gui.pages.roster_base import RosterPage
from qsh_desk.gui.widgets.desk_dialogs import scrolling
from qsh_desk.gui.widgets.roster_widgets import (
    DuplicateWarningDialog,
    FieldErrors,
    ask,
    error_label,
)
from qsh_desk.gui.widgets.search_box import rehint
from qsh_desk.gui.widgets.service_records_dialog import ServiceRecordsDialog
from qsh_desk.services import exporting, volunteers
from qsh_desk.services.access import Permission
from qsh_desk.services.errors import InvalidInput
from qsh_desk.services.volunteers import (
    FIELD_TITLES,
    ID_TYPES,
    POLITICAL_STATUSES,
    PossibleDuplicateVolunteer,
    TeamView,
    VolunteerInput,
    VolunteerQuery,
    VolunteerSummary,
)


class VolunteerEditDialog(KernelDialog):
    """The volunteer's form; a team typed here that the station does not have yet is created on saving."""

    saved = Signal(object)
    problems_shown = Signal()
    duplicate_shown = Signal()
    conflict_shown = Signal(str)

    def __init__(self, context: AppContext, volunteer: VolunteerSummary | None, teams: list[TeamView],
                 parent: QWidget | None = None):
        super().__init__(context, parent)
        self.volunteer = volunteer
        self.duplicate_dialog: DuplicateWarningDialog | None = None
        self.setObjectName("volunteerEditor")
        self.setWindowTitle(self.tr("新增志愿者") if volunteer is None else self.tr("志愿者资料：") + volunteer.name)
        self.resize(620, 480)
        layout = QVBoxLayout(self)
        self.general = error_label()
        self.errors = FieldErrors(self.general)
        layout.addWidget(self.general)
        self.name = QLineEdit()
        self.gender = QComboBox()
        for gender in ("", "男", "女"):  # stored in Chinese, shown in the interface language
            self.gender.addItem(label(gender), gender)
        self.phone = QLineEdit()
        self.phone.setPlaceholderText(self.tr("11 位手机号"))
        self.team = QComboBox()
        self.team.setEditable(True)
        self.team.addItems(["", *(t.name for t in teams)])
        self.volunteer_number = QLineEdit()
        self.volunteer_number.setPlaceholderText(self.tr("志愿汇或志愿者证上的编号，可不填"))
        self.skills = QLineEdit()
        self.skills.setPlaceholderText(self.tr("如 绘画、电子琴、作业辅导"))
        self.active = QCheckBox(self.tr("在册（停用后不再出现在签到台）"))
        self.active.setChecked(True)
        self.initials_override = QLineEdit()
        # For the service record and 在职党员双报到; the ID only for those who may see it.
        self.political_status = QComboBox()
        for status in ("", *POLITICAL_STATUSES):
            self.political_status.addItem(label(status), status)
        self.in_service_party_member = QCheckBox(self.tr("在职党员，已到社区报到（服务情况反馈给单位党组织）"))
        self.work_unit = QLineEdit()
        self.work_unit_party_org = QLineEdit()
        self.widgets: dict[str, QWidget] = {
            "name": self.name, "gender": self.gender, "phone": self.phone, "team": self.team,
            "volunteer_number": self.volunteer_number, "skills": self.skills, "active": self.active,
            "initials_override": self.initials_override, "political_status": self.political_status,
            "in_service_party_member": self.in_service_party_member, "work_unit": self.work_unit,
            "work_unit_party_org": self.work_unit_party_org,
        }
        self.see_ids = context.actor.can(Permission.SEE_ID_NUMBERS)
        if self.see_ids:
            self.id_type = QComboBox()
            for id_type in ("", *ID_TYPES):
                self.id_type.addItem(label(id_type), id_type)
            self.id_number = QLineEdit()
            self.widgets.update({"id_type": self.id_type, "id_number": self.id_number})
        form = QFormLayout()
        form.addRow(self.tr("卡号"), QLabel(volunteer.card_code if volunteer else self.tr("保存后自动生成")))
        for key, widget in self.widgets.items():
            holder = QWidget()
            column = QVBoxLayout(holder)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(2)
            column.addWidget(widget)
            column.addWidget(self.errors.add(FIELD_TITLES[key]))
            form.addRow(self.tr(FIELD_TITLES[key] + (" *" if key == "name" else "")), holder)
        body = QWidget()
        body.setLayout(form)
        layout.addWidget(scrolling(body), 1)  # the longer form still fits a 1024×768 screen in large type
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.save_button = QPushButton(icon("save"), self.tr("保存"))
        self.save_button.setDefault(True)
        cancel = QPushButton(self.tr("取消"))
        cancel.setProperty("cancels", True)
        self.save_button.clicked.connect(lambda: self.save())
        cancel.clicked.connect(self.reject)
        buttons.addWidget(self.save_button)
        buttons.addWidget(cancel)
        layout.addLayout(buttons)
        if volunteer is not None:
            self.name.setText(volunteer.name)
            self.gender.setCurrentIndex(max(0, self.gender.findData(volunteer.gender or "")))
            self.phone.setText(volunteer.phone or "")
            self.team.setCurrentText(volunteer.team or "")
            self.volunteer_number.setText(volunteer.volunteer_number or "")
            self.skills.setText(volunteer.skills or "")
            self.active.setChecked(volunteer.active)
            self.political_status.setCurrentIndex(max(0, self.political_status.findData(volunteer.political_status or "")))
            self.in_service_party_member.setChecked(volunteer.in_service_party_member)
            self.work_unit.setText(volunteer.work_unit or "")
            self.work_unit_party_org.setText(volunteer.work_unit_party_org or "")
            if self.see_ids:
                self.id_type.setCurrentIndex(max(0, self.id_type.findData(volunteer.id_type or "")))
                self.id_number.setText(volunteer.id_number or "")
        self.name.setFocus()

    def volunteer_input(self) -> VolunteerInput:
        return VolunteerInput(
            name=self.name.text(), gender=self.gender.currentData() or None, phone=self.phone.text(),
            team=self.team.currentText(), volunteer_number=self.volunteer_number.text(), skills=self.skills.text(),
            active=self.active.isChecked(), initials_override=self.initials_override.text(),
            political_status=self.political_status.currentData() or None,
            in_service_party_member=self.in_service_party_member.isChecked(), work_unit=self.work_unit.text(),
            work_unit_party_org=self.work_unit_party_org.text(),
            **({"id_type": self.id_type.currentData() or None, "id_number": self.id_number.text()}
               if self.see_ids else {}),
        )

    def typed_input(self) -> VolunteerInput:
        return self.volunteer_input()

    def save(self, *, confirm_possible_duplicate: bool = False) -> None:
        ctx, data, current = self.context, self.volunteer_input(), self.volunteer
        if current is None:
            def work() -> Any:
                return volunteers.add_volunteer(ctx.db, ctx.actor, data,
                                                confirm_possible_duplicate=confirm_possible_duplicate)
        else:
            def work() -> Any:
                return volunteers.update_volunteer(ctx.db, ctx.actor, current.id, data, current.version)
        self.run(work, self._saved, failed=self._failed, busy=[self.save_button],
                 publishes={Topic.VOLUNTEERS, Topic.TEAMS})

    def _saved(self, result: VolunteerSummary) -> None:
        self.saved.emit(result)
        self.accept()

    def _failed(self, error: BaseException) -> bool:
        if isinstance(error, PossibleDuplicateVolunteer):
            self.errors.clear()
            labels = [self.tr("{0}（卡号 {1}，{2}）").format(m.name, m.card_code, m.team or self.tr("无队伍"))
                      for m in error.matches]
            self.duplicate_dialog = DuplicateWarningDialog(str(error), labels, self)
            self.duplicate_dialog.accepted.connect(lambda: self.save(confirm_possible_duplicate=True))
            self.duplicate_dialog.open()
            self.duplicate_shown.emit()
        elif isinstance(error, InvalidInput):
            self.errors.show(error.problems)
            self.problems_shown.emit()
        else:
            message = user_message(error)
            self.errors.show_message(message)
            self.conflict_shown.emit(message)
        return True

    def error_text(self, field: str) -> str:
        return self.errors.text_for(field)


class TeamsDialog(KernelDialog):
    """The station's teams: add, rename, remove (their volunteers stay, without a team)."""

    changed = Signal(str)

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.setObjectName("teamsDialog")
        self.setWindowTitle(self.tr("队伍管理"))
        self.resize(520, 420)
        layout = QVBoxLayout(self)
        self.teams = QListWidget()
        layout.addWidget(self.teams, 1)
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("队伍名称"))
        layout.addWidget(self.name)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(icon("add"), self.tr("添加"))
        self.rename_button = QPushButton(icon("edit"), self.tr("改名"))
        self.remove_button = QPushButton(icon("delete"), self.tr("删除"))
        close = QPushButton(self.tr("关闭"))
        for button in (self.add_button, self.rename_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        self.message = error_label()
        layout.addWidget(self.message)
        self.teams.currentItemChanged.connect(
            lambda item, _old: self.name.setText(item.data(Qt.ItemDataRole.UserRole)[1] if item else ""))
        self.add_button.clicked.connect(lambda: self._run(lambda db, a: volunteers.add_team(db, a, self.name.text())))
        self.rename_button.clicked.connect(self._rename)
        self.remove_button.clicked.connect(self._remove)
        close.clicked.connect(self.accept)
        self.load()

    def load(self) -> None:
        ctx = self.context
        self.run(lambda: volunteers.list_teams(ctx.db, ctx.actor), self._show, failed=self._failed)

    def _show(self, teams: list[TeamView]) -> None:
        self.teams.clear()
        for team in teams:
            item = QListWidgetItem(self.tr("{0}（{1} 人）").replace("{0}", team.name).replace("{1}", str(team.volunteers)))
            item.setData(Qt.ItemDataRole.UserRole, (team.id, team.name))
            self.teams.addItem(item)
        self.changed.emit("teams")

    def _selected_id(self) -> int | None:
        item = self.teams.currentItem()
        return item.data(Qt.ItemDataRole.UserRole)[0] if item else None

    def _rename(self) -> None:
        team_id, name = self._selected_id(), self.name.text()
        if team_id is not None:
            self._run(lambda db, a: volunteers.rename_team(db, a, team_id, name))

    def _remove(self) -> None:
        team_id = self._selected_id()
        if team_id is not None and ask(self, self.tr("删除队伍"), self.tr("删除这支队伍？队员仍在名单中，只是不再属于任何队伍。")):
            self._run(lambda db, a: volunteers.delete_team(db, a, team_id))

    def _run(self, work: Any) -> None:
        ctx = self.context
        self.message.setVisible(False)
        self.run(lambda: work(ctx.db, ctx.actor), lambda _r: self.load(), failed=self._failed,
                 publishes={Topic.TEAMS, Topic.VOLUNTEERS})

    def _failed(self, error: BaseException) -> bool:
        text = "\n".join(p.message for p in error.problems) if isinstance(error, InvalidInput) else user_message(error)
        self.message.setText(text)
        self.message.setVisible(True)
        self.changed.emit("error")
        return True


class VolunteersPage(RosterPage):
    key = "volunteers"
    title = QT_TRANSLATE_NOOP("Page", "志愿者")
    icon_name = "volunteers"
    kind = "volunteers"
    status_titles = (("active", QT_TRANSLATE_NOOP("RosterPage", "在册")),
                     ("archived", QT_TRANSLATE_NOOP("RosterPage", "已停用")),
                     ("all", QT_TRANSLATE_NOOP("RosterPage", "全部")))
    topic = Topic.VOLUNTEERS
    watches = frozenset({Topic.VOLUNTEERS, Topic.VISITS, Topic.PAIRINGS, Topic.TEAMS})

    editor_opened = Signal()
    party_report_wanted = Signal(str, object, object)  # unit, from, to: the main window opens the 打印 page

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(context, VolunteerTableModel(), parent)
        self.teams: list[TeamView] = []
        rehint(self.search, self.tr("搜索：姓名、拼音或首字母、卡号、志愿者编号"))
        self.new_button.setText(self.tr("新增志愿者"))
        self.archive_button.setText(self.tr("停用"))
        self.teams_dialog: TeamsDialog | None = None
        self.teams_button = QPushButton(self.tr("队伍管理…"))
        self.teams_button.setVisible(context.actor.can(Permission.ROSTER_EDIT))
        self.teams_button.clicked.connect(self.open_teams)
        self.actions.insertWidget(4, self.teams_button)  # after 新增, 编辑, 停用, 删除
        self.records_dialog: ServiceRecordsDialog | None = None
        self.records_button = QPushButton(self.tr("服务记录与党员报到…"))
        self.records_button.clicked.connect(self.open_service_records)
        self.actions.insertWidget(5, self.records_button)

    def open_service_records(self) -> ServiceRecordsDialog:
        """The period's service records (.xlsx) and the 双报到 feedback, which the 打印 page shows."""
        self.records_dialog = ServiceRecordsDialog(self.context, self)
        self.records_dialog.party_report_wanted.connect(self.party_report_wanted)
        self.records_dialog.exported.connect(self.say)
        self.records_dialog.open()
        return self.records_dialog

    def open_teams(self) -> TeamsDialog:
        self.teams_dialog = TeamsDialog(self.context, self)
        self.teams_dialog.open()
        return self.teams_dialog

    def add_filters(self, layout) -> None:
        self.team_filter = QComboBox()
        self.team_filter.addItem(self.tr("全部队伍"), None)
        self.paired_filter = QComboBox()
        for title, value in ((self.tr("结对：不限"), None), (self.tr("已结对"), True), (self.tr("未结对"), False)):
            self.paired_filter.addItem(title, value)
        for combo in (self.team_filter, self.paired_filter):
            layout.addWidget(combo)
            combo.currentIndexChanged.connect(lambda _i: self.reload())

    def archive_title(self, row: VolunteerSummary) -> str:
        return self.tr("停用") if row.active else self.tr("启用")

    def current_query(self) -> VolunteerQuery:
        return VolunteerQuery(text=self.search.text(), status=self.status.currentData(),
                              team=self.team_filter.currentData(), paired=self.paired_filter.currentData())

    def load(self, query: VolunteerQuery) -> tuple[list[VolunteerSummary], list[TeamView]]:
        ctx = self.context
        return volunteers.list_volunteers(ctx.db, ctx.actor, query), volunteers.list_teams(ctx.db, ctx.actor)

    def show_loaded(self, result: tuple[list[VolunteerSummary], list[TeamView]]) -> None:
        rows, teams = result
        self.teams = teams
        current = self.team_filter.currentData()
        self.team_filter.blockSignals(True)
        while self.team_filter.count() > 1:
            self.team_filter.removeItem(1)
        for team in teams:
            self.team_filter.addItem(self.tr("{0}（{1}）").format(team.name, team.volunteers), team.name)
        self.team_filter.setCurrentIndex(max(self.team_filter.findData(current), 0))
        self.team_filter.blockSignals(False)
        self.model.set_rows(rows)

    def open_editor(self, row: VolunteerSummary | None) -> None:
        self.show_editor(VolunteerEditDialog(self.context, row, self.teams, self))

    def archive(self, row: VolunteerSummary) -> Any:
        ctx = self.context
        return volunteers.set_volunteer_active(ctx.db, ctx.actor, row.id, not row.active)

    def history(self, row: VolunteerSummary) -> str:
        ctx = self.context
        return volunteers.volunteer_history(ctx.db, ctx.actor, row.id)

    def delete(self, row: VolunteerSummary, confirm_history: bool) -> None:
        ctx = self.context
        volunteers.delete_volunteer(ctx.db, ctx.actor, row.id, confirmed=True, confirm_history=confirm_history)

    def export(self, path: str) -> Job:
        return Job(exporting.export_volunteers, self.context.db, self.context.actor, path)
