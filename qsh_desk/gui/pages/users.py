"""账号: the administrator creates, disables and resets accounts; 我的账号: everyone changes their own password."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from qsh_desk.gui.context import AppContext
from qsh_desk.gui.kernel import EVERYTHING, MessageLine, Topic
from qsh_desk.gui.labels import label
from qsh_desk.gui.pages.base import Page
from qsh_desk.gui.widgets.roster_widgets import ask
from qsh_desk.services import accounts, recovery_codes
from qsh_desk.services.access import ROLE_TITLES, Permission, Role
from qsh_desk.services.accounts import UserInfo

COLUMNS = (QT_TRANSLATE_NOOP("UsersPage", "用户名"), QT_TRANSLATE_NOOP("UsersPage", "姓名"),
           QT_TRANSLATE_NOOP("UsersPage", "角色"), QT_TRANSLATE_NOOP("UsersPage", "PIN 码"),
           QT_TRANSLATE_NOOP("UsersPage", "状态"))  # self.tr() translates them where shown


def _password_field(placeholder: str = "") -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setPlaceholderText(placeholder)
    return edit


def _state(user: UserInfo) -> str:
    if not user.active:
        return QCoreApplication.translate("UsersPage", "已停用")
    if user.is_locked():
        return QCoreApplication.translate("UsersPage", "输错锁定至 {0}").format(f"{user.locked_until:%H:%M}")
    return QCoreApplication.translate("UsersPage", "在用")


class UsersPage(Page):
    key = "users"
    title = QT_TRANSLATE_NOOP("Page", "账号")
    icon_name = "users"
    permission = Permission.USERS
    watches = frozenset({Topic.USERS})

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.users: list[UserInfo] = []
        layout = QVBoxLayout(self)
        heading = QLabel(self.tr("账号"))
        heading.setObjectName("pageHeading")
        layout.addWidget(heading)

        self.model = QStandardItemModel(0, len(COLUMNS), self)
        self.model.setHorizontalHeaderLabels([self.tr(c) for c in COLUMNS])
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        layout.addWidget(self.table, 1)

        row = QHBoxLayout()
        row.addWidget(self._build_create_group(), 1)
        row.addWidget(self._build_selected_group(), 1)
        layout.addLayout(row)
        layout.addWidget(self._build_recovery_group())
        self._selection_changed()

    # ---- building ---------------------------------------------------------------------------------------------

    def _build_create_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("新建账号"))
        form = QFormLayout(group)
        self.new_username = QLineEdit()
        self.new_username.setPlaceholderText(self.tr("如 wangli，登录时输入"))
        self.new_display_name = QLineEdit()
        self.new_display_name.setPlaceholderText(self.tr("如 王丽"))
        self.new_role = QComboBox()
        for role in (Role.DUTY, Role.SOCIAL, Role.ADMIN):
            self.new_role.addItem(label(ROLE_TITLES[role]), role.value)
        self.new_password = _password_field(self.tr("至少 {n} 个字符").replace("{n}", str(accounts.MIN_PASSWORD_LENGTH)))
        self.new_pin = QLineEdit()
        self.new_pin.setPlaceholderText(self.tr("可不填；4–6 位数字"))
        self.new_pin.setMaxLength(6)
        self.new_role.currentIndexChanged.connect(
            lambda: self.new_pin.setEnabled(self.new_role.currentData() == Role.DUTY.value)
        )
        self.create_button = QPushButton(self.tr("新建"))
        self.create_button.clicked.connect(self.create_user)
        self.create_feedback = MessageLine()
        form.addRow(self.tr("用户名"), self.new_username)
        form.addRow(self.tr("姓名"), self.new_display_name)
        form.addRow(self.tr("角色"), self.new_role)
        form.addRow(self.tr("密码"), self.new_password)
        form.addRow(self.tr("值班 PIN 码"), self.new_pin)
        form.addRow(self.create_button)
        form.addRow(self.create_feedback)
        return group

    def _build_selected_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("选中的账号"))
        form = QFormLayout(group)
        self.selected_label = QLabel()
        form.addRow(self.selected_label)
        self.reset_password_field = _password_field(self.tr("新密码"))
        self.reset_button = QPushButton(self.tr("重置密码"))
        self.reset_button.clicked.connect(self.reset_password)
        line = QHBoxLayout()
        line.addWidget(self.reset_password_field, 1)
        line.addWidget(self.reset_button)
        form.addRow(self.tr("新密码"), line)
        self.pin_field = QLineEdit()
        self.pin_field.setMaxLength(6)
        self.pin_field.setPlaceholderText(self.tr("4–6 位数字；空着点“设置”即删除"))
        self.pin_button = QPushButton(self.tr("设置 PIN"))
        self.pin_button.clicked.connect(self.set_pin)
        line = QHBoxLayout()
        line.addWidget(self.pin_field, 1)
        line.addWidget(self.pin_button)
        form.addRow(self.tr("PIN 码"), line)
        self.active_button = QPushButton(self.tr("停用"))
        self.active_button.clicked.connect(self.toggle_active)
        form.addRow(self.active_button)
        self.selected_feedback = MessageLine()
        form.addRow(self.selected_feedback)
        return group

    def _build_recovery_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("恢复码"))
        outer = QVBoxLayout(group)
        line = QHBoxLayout()
        outer.addLayout(line)
        hint = QLabel(self.tr("忘记管理员密码时，用首次设置时抄下的恢复码设新密码（登录画面的“忘记管理员密码？”）。"
                              "纸丢了，或怕别人看到过，就换一个新的：旧的立即作废。"))
        hint.setWordWrap(True)
        line.addWidget(hint, 1)
        self.code_label = QLabel()
        self.code_label.setObjectName("recoveryCode")
        self.code_label.setStyleSheet("font-family: monospace; font-size: 18pt; font-weight: bold;")
        self.code_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.code_label.hide()
        line.addWidget(self.code_label)
        self.renew_code_button = QPushButton(self.tr("换新恢复码…"))
        self.renew_code_button.clicked.connect(self.renew_recovery_code)
        line.addWidget(self.renew_code_button)
        self.code_feedback = MessageLine()
        outer.addWidget(self.code_feedback)
        return group

    # ---- data -------------------------------------------------------------------------------------------------

    def activated(self) -> None:
        self.refresh(EVERYTHING)

    def refresh(self, topics: frozenset[Topic]) -> None:
        ctx = self.context
        self.run(lambda: accounts.list_users(ctx.db, ctx.actor), self.show_users, line=self.create_feedback)

    def show_users(self, users: list[UserInfo]) -> None:
        chosen = self.selected()
        self.users = users
        self.model.setRowCount(0)
        for user in users:
            cells = (user.username, user.display_name, label(user.role_title),
                     self.tr("有") if user.has_pin else "—", _state(user))
            self.model.appendRow([QStandardItem(text) for text in cells])
        self.table.resizeColumnsToContents()
        if chosen is not None:
            self.select(chosen.username)
        self._selection_changed()

    def select(self, username: str) -> None:
        for row, user in enumerate(self.users):
            if user.username == username:
                self.table.selectRow(row)
                return

    def selected(self) -> UserInfo | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.users[rows[0].row()] if rows and rows[0].row() < len(self.users) else None

    def _selection_changed(self, *_args: Any) -> None:
        user = self.selected()
        for widget in (self.reset_password_field, self.reset_button, self.active_button):
            widget.setEnabled(user is not None)
        self.pin_field.setEnabled(user is not None and user.role is Role.DUTY)
        self.pin_button.setEnabled(user is not None and user.role is Role.DUTY)
        if user is None:
            self.selected_label.setText(self.tr("在上面的表格里选一个账号。"))
            return
        self.selected_label.setText(
            self.tr("{0}（{1}，{2}）").format(user.display_name, user.username, label(user.role_title)))
        self.active_button.setText(self.tr("停用") if user.active else self.tr("重新启用"))

    # ---- actions ----------------------------------------------------------------------------------------------

    def _run(self, work: Callable[[], Any], feedback: MessageLine, done: Callable[[Any], None]) -> None:
        self.run(work, done, publishes={Topic.USERS}, line=feedback)

    def create_user(self) -> None:
        ctx = self.context
        username, display_name = self.new_username.text(), self.new_display_name.text()
        role, password = Role(self.new_role.currentData()), self.new_password.text()
        pin = self.new_pin.text().strip() if role is Role.DUTY else ""

        def done(user: UserInfo) -> None:
            for edit in (self.new_username, self.new_display_name, self.new_password, self.new_pin):
                edit.clear()
            self.say(self.tr("已新建账号：{0}（{1}）").format(user.username, user.display_name),
                     line=self.create_feedback)
            self.new_username.setFocus()

        self._run(lambda: accounts.create_user(ctx.db, ctx.actor, username, role, password,
                                               display_name=display_name, pin=pin or None),
                  self.create_feedback, done)

    def reset_password(self) -> None:
        user, ctx, password = self.selected(), self.context, self.reset_password_field.text()
        if user is None:
            return

        def done(changed: UserInfo) -> None:
            self.reset_password_field.clear()
            self.say(self.tr("已为 {name} 设置新密码。").replace("{name}", changed.display_name),
                     line=self.selected_feedback)

        self._run(lambda: accounts.reset_password(ctx.db, ctx.actor, user.username, password),
                  self.selected_feedback, done)

    def set_pin(self) -> None:
        user, ctx, pin = self.selected(), self.context, self.pin_field.text().strip()
        if user is None:
            return

        def done(changed: UserInfo) -> None:
            self.pin_field.clear()
            message = self.tr("已设置 {name} 的 PIN 码。") if pin else self.tr("已删除 {name} 的 PIN 码。")
            self.say(message.replace("{name}", changed.display_name), line=self.selected_feedback)

        self._run(lambda: accounts.set_pin(ctx.db, ctx.actor, user.username, pin or None), self.selected_feedback, done)

    def renew_recovery_code(self) -> None:
        if not ask(self, self.tr("换新恢复码"), self.tr("换一个新的恢复码？纸上的旧恢复码会立即作废。")):
            return
        ctx = self.context

        def done(code: str) -> None:
            self.code_label.setText(code)
            self.code_label.show()
            self.say(self.tr("这是新的恢复码，只显示这一次：请抄下（替换纸上旧的），放在站里的保险柜。"),
                     line=self.code_feedback)

        self.run(lambda: recovery_codes.renew(ctx.db, ctx.actor), done, line=self.code_feedback)

    def toggle_active(self) -> None:
        user, ctx = self.selected(), self.context
        if user is None:
            return

        def done(changed: UserInfo) -> None:
            message = self.tr("已重新启用 {name}。") if changed.active else self.tr("已停用 {name}；他的记录都保留。")
            self.say(message.replace("{name}", changed.display_name), line=self.selected_feedback)

        self._run(lambda: accounts.set_active(ctx.db, ctx.actor, user.username, not user.active),
                  self.selected_feedback, done)


class MyAccountPage(Page):
    key = "my_account"
    title = QT_TRANSLATE_NOOP("Page", "我的账号")
    icon_name = "account"
    permission = Permission.DESK  # everybody

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        layout = QVBoxLayout(self)
        heading = QLabel(self.tr("我的账号"))
        heading.setObjectName("pageHeading")
        layout.addWidget(heading)
        actor = context.actor
        who = QLabel(self.tr("用户名：{0}　角色：{1}").format(actor.name, label(ROLE_TITLES[actor.role])))
        layout.addWidget(who)
        hint = QLabel(self.tr("离开电脑时请按 Ctrl+L 锁定屏幕；没填完的内容会保留。"))
        hint.setObjectName("hint")
        layout.addWidget(hint)
        group = QGroupBox(self.tr("修改密码"))
        form = QFormLayout(group)
        self.old_password = _password_field()
        self.new_password = _password_field(self.tr("至少 {n} 个字符").replace("{n}", str(accounts.MIN_PASSWORD_LENGTH)))
        self.new_password_again = _password_field()
        self.change_button = QPushButton(self.tr("修改密码"))
        self.change_button.clicked.connect(self.change_password)
        self.new_password_again.returnPressed.connect(self.change_password)
        self.message = MessageLine()
        form.addRow(self.tr("原密码"), self.old_password)
        form.addRow(self.tr("新密码"), self.new_password)
        form.addRow(self.tr("再输一次新密码"), self.new_password_again)
        form.addRow(self.change_button)
        form.addRow(self.message)
        layout.addWidget(group)
        layout.addStretch(1)

    def change_password(self) -> None:
        ctx = self.context
        old, new = self.old_password.text(), self.new_password.text()
        if new != self.new_password_again.text():
            self.say(self.tr("两次输入的新密码不一样，请再输入一次。"), error=True)
            return

        def done(_result: Any) -> None:
            for edit in (self.old_password, self.new_password, self.new_password_again):
                edit.clear()
            self.say(self.tr("密码已修改。下次登录请用新密码。"))

        self.run(lambda: accounts.change_own_password(ctx.db, ctx.actor, old, new), done, busy=[self.change_button])
