"""The gate before the pages: the first-run wizard (station name + first admin) and the login / lock screen."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from qsh_desk.gui.errors import user_message
from qsh_desk.gui.icons import icon
from qsh_desk.gui.labels import app_title, label
from qsh_desk.gui.tasks import Tasks

if TYPE_CHECKING:  # the login shows before these load (on the worker that opens the database)
    from qsh_desk.db.database import Database
    from qsh_desk.services.accounts import UserInfo
    from qsh_desk.services.stations import StationInfo

# Big, calm type: the person at the desk may be 70 and new to computers.
GATE_STYLE = """
QFrame#gateCard { background: white; border: 1px solid #cfd8dc; border-radius: 12px; }
QFrame#gateCard QLabel { font-size: 16pt; }
QFrame#gateCard QLabel#gateHeading { font-size: 24pt; font-weight: bold; color: #0d47a1; }
QFrame#gateCard QLabel#gateHint { font-size: 14pt; color: #455a64; }
QFrame#gateCard QLabel#gateMessage { font-size: 15pt; color: #b71c1c; }
QFrame#gateCard QLineEdit { font-size: 18pt; padding: 6px; min-height: 40px; min-width: 320px; }
QFrame#gateCard QPushButton { font-size: 18pt; padding: 10px 24px; }
"""


class _Gate(QWidget):
    """A white card centred on the window, with a heading, a hint, fields, a message line and one button."""

    def __init__(self, db: Database | None, station: StationInfo | None, tasks: Tasks, parent: QWidget | None = None):
        super().__init__(parent)
        self.db, self.station, self.tasks = db, station, tasks
        self.setStyleSheet(GATE_STYLE)
        outer = QVBoxLayout(self)
        row = QHBoxLayout()
        outer.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)
        self.card = QFrame()
        self.card.setObjectName("gateCard")
        row.addStretch(1)
        row.addWidget(self.card)
        row.addStretch(1)
        layout = QVBoxLayout(self.card)
        layout.setContentsMargins(40, 32, 40, 32)
        layout.setSpacing(14)
        top = QHBoxLayout()
        logo = QLabel()
        logo.setPixmap(icon("app", "#ffb300").pixmap(56, 56))
        self.heading = QLabel()
        self.heading.setObjectName("gateHeading")
        top.addWidget(logo)
        top.addWidget(self.heading, 1)
        layout.addLayout(top)
        self.hint = QLabel()
        self.hint.setObjectName("gateHint")
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)
        self.form = QFormLayout()
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        layout.addLayout(self.form)
        self.message = QLabel()
        self.message.setObjectName("gateMessage")
        self.message.setWordWrap(True)
        self.message.setMaximumWidth(560)
        self.message.hide()
        layout.addWidget(self.message)
        self.button = QPushButton()
        self.button.setDefault(True)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignRight)
        self.button.clicked.connect(self.submit)

    def _field(self, label: str, *, secret: bool = False, text: str = "") -> QLineEdit:
        edit = QLineEdit(text)
        if secret:
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        caption = QLabel(label)
        # The label takes the row's full height so that its text sits level with the tall field.
        caption.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        caption.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        caption.setBuddy(edit)
        self.form.addRow(caption, edit)
        return edit

    def say(self, message: str) -> None:
        self.message.setText(message)
        self.message.setVisible(bool(message))

    def _busy(self, busy: bool) -> None:
        self.button.setEnabled(not busy)

    def _failed(self, error: BaseException) -> None:
        self._busy(False)
        self.say(user_message(error))

    def submit(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError


class FirstRunPanel(_Gate):
    """首次设置: the station's name and its first administrator; shown while the database has no account."""

    completed = Signal(object)  # UserInfo of the new administrator, now logged in

    def __init__(self, db: Database, station: StationInfo, tasks: Tasks, parent: QWidget | None = None):
        from qsh_desk.services import accounts

        super().__init__(db, station, tasks, parent)
        self.setObjectName("firstRun")
        self.heading.setText(self.tr("欢迎使用{0}").format(app_title()))
        self.hint.setText(self.tr("第一次使用：请填写站点名称，并为站长（管理员）建一个账号。以后用这个账号登录、添加其他账号。"))
        self.station_name = self._field(self.tr("站点名称"), text=station.name)
        self.display_name = self._field(self.tr("管理员姓名"))
        self.username = self._field(self.tr("用户名"), text="admin")
        self.password = self._field(self.tr("密码"), secret=True)
        self.password.setPlaceholderText(self.tr("至少 {n} 个字符").replace("{n}", str(accounts.MIN_PASSWORD_LENGTH)))
        self.password_again = self._field(self.tr("再输一次密码"), secret=True)
        self.button.setText(self.tr("开始使用"))
        for edit in (self.station_name, self.display_name, self.username, self.password):
            edit.returnPressed.connect(self.focusNextChild)
        self.password_again.returnPressed.connect(self.submit)

    def showEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt's name
        super().showEvent(event)
        self.display_name.setFocus()

    def submit(self) -> None:
        if not self.button.isEnabled():
            return
        if self.password.text() != self.password_again.text():
            self.say(self.tr("两次输入的密码不一样，请再输入一次。"))
            self.password_again.clear()
            self.password_again.setFocus()
            return
        db, station = self.db, self.station
        values = dict(
            station_name=self.station_name.text(),
            display_name=self.display_name.text(),
            username=self.username.text(),
            password=self.password.text(),
        )
        self._busy(True)
        self.say("")
        from qsh_desk.services import accounts

        self.tasks.run(lambda: accounts.first_run(db, station_id=station.id, **values), self._done, self._failed)

    def _done(self, user: UserInfo) -> None:
        self._busy(False)
        self.password.clear()
        self.password_again.clear()
        self.completed.emit(user)


class LoginPanel(_Gate):
    """登录 at start, and the lock screen: username + password, or a duty volunteer's PIN."""

    authenticated = Signal(object)  # UserInfo

    def __init__(self, tasks: Tasks, parent: QWidget | None = None):
        super().__init__(None, None, tasks, parent)
        self.setObjectName("login")
        self.username = self._field(self.tr("用户名"))
        self.secret = self._field(self.tr("密码或 PIN"), secret=True)
        self.button.setText(self.tr("登录"))
        self.username.returnPressed.connect(self.secret.setFocus)
        self.secret.returnPressed.connect(self.submit)
        self.locked_for: UserInfo | None = None
        self._waiting = False  # Enter was pressed before the database was open
        self.show_login()

    def attach(self, db: Database, station: StationInfo) -> None:
        """The database is open: logins go to it, and one submitted while it was opening goes ahead now."""
        self.db = db
        self.set_station(station)
        if self._waiting:
            self._waiting = False
            self._busy(False)
            self.submit()

    def refuse(self, message: str) -> None:
        """The database cannot be used: say why; nobody can log in."""
        self._waiting = False
        self.button.setEnabled(False)
        self.say(message)

    def show_login(self) -> None:
        """The plain login screen (at start)."""
        self.locked_for = None
        self.heading.setText(self.station.name if self.station is not None else app_title())
        self.hint.setText(self.tr("请登录。值班志愿者可以用 PIN 码代替密码。"))
        self.say("")

    def show_locked(self, user: UserInfo) -> None:
        """The lock screen: the same person continues with their password; someone else logs in as themselves."""
        self.locked_for = user
        self.heading.setText(self.tr("屏幕已锁定"))
        self.hint.setText(
            self.tr("{name}（{role}）正在使用。输入密码继续，刚才没填完的内容都还在。换人时请输入自己的用户名。")
            .replace("{name}", user.display_name)
            .replace("{role}", label(user.role_title))
        )
        self.username.setText(user.username)
        self.secret.clear()
        self.say("")

    def set_station(self, station: StationInfo) -> None:
        self.station = station
        if self.locked_for is None:
            self.heading.setText(station.name)

    def showEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt's name
        super().showEvent(event)
        (self.secret if self.username.text() else self.username).setFocus()

    def submit(self) -> None:
        if not self.button.isEnabled():
            return
        self._busy(True)
        if self.db is None or self.station is None:
            self._waiting = True
            self.say(self.tr("正在打开数据库，请稍候…"))
            return
        from qsh_desk.services import accounts

        db, station_id = self.db, self.station.id
        username, secret = self.username.text(), self.secret.text()
        self.say("")
        self.tasks.run(lambda: accounts.authenticate(db, station_id, username, secret), self._done, self._failed)

    def _failed(self, error: BaseException) -> None:
        super()._failed(error)
        self.secret.clear()
        (self.secret if self.username.text() else self.username).setFocus()

    def _done(self, user: UserInfo) -> None:
        self._busy(False)
        self.secret.clear()
        self.say("")
        self.authenticated.emit(user)
