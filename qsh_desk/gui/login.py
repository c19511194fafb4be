"""The gate before the pages: the first-run wizard (station name + first admin, then its recovery code), and the
login / lock screen (with the way back in for an administrator who forgot the password: the recovery code)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSize, Qt, Signal
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
QFrame#gateCard QPushButton#gateLink { font-size: 14pt; padding: 4px 8px; border: none; color: #0d47a1;
                                       text-decoration: underline; }
QFrame#gateCard QLabel#recoveryCode { font-family: monospace; font-size: 24pt; font-weight: bold;
                                      color: #263238; background: #fff8e1; border: 1px dashed #ffb300;
                                      padding: 12px; }
"""


RECOVERY_USE = QT_TRANSLATE_NOOP(
    "_Gate", "忘记管理员密码时：在登录画面点“忘记管理员密码？”，输入用户名、这个恢复码和新密码（命令行：qsh-desk user "
    "recover 用户名）。它只能用一次，用过后会显示一个新的。请放在站里的保险柜，不要和电脑放在一起。")


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
        # The recovery code, shown once in place of the fields (after the first run, or after using the old one).
        self.code_label = QLabel()
        self.code_label.setObjectName("recoveryCode")
        self.code_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.code_label.hide()
        layout.addWidget(self.code_label)
        buttons = QHBoxLayout()
        self.link = QPushButton()  # a secondary action, drawn as a link (忘记管理员密码？ / 返回登录)
        self.link.setObjectName("gateLink")
        self.link.setCursor(Qt.CursorShape.PointingHandCursor)
        self.link.hide()
        self.print_button = QPushButton(icon("print"), QCoreApplication.translate("_Gate", "打印…"))
        self.print_button.setIconSize(QSize(28, 28))
        self.print_button.hide()
        self.print_button.clicked.connect(self._print_code)
        self.button = QPushButton()
        self.button.setDefault(True)
        buttons.addWidget(self.link)
        buttons.addStretch(1)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.button)
        layout.addLayout(buttons)
        self.button.clicked.connect(self.submit)
        self.code: str | None = None  # while the recovery code is on screen

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

    def _rows(self, *visible: QLineEdit) -> None:
        """Show only these fields of the form (the login and the recovery share one card)."""
        for row in range(self.form.rowCount()):
            field = self.form.itemAt(row, QFormLayout.ItemRole.FieldRole).widget()
            self.form.setRowVisible(row, field in visible)

    def show_code(self, code: str, hint: str) -> None:
        """The recovery code in place of the fields, once, to write down or print; the main button goes on."""
        self.code = code
        self._rows()
        self.heading.setText(QCoreApplication.translate("_Gate", "请抄下恢复码"))
        self.hint.setText(hint)
        self.code_label.setText(code)
        self.code_label.show()
        self.print_button.show()
        self.link.hide()
        self.button.setText(QCoreApplication.translate("_Gate", "我已抄下，继续"))
        self.button.setFocus()
        self.say("")

    def _hide_code(self) -> None:
        self.code = None
        self.code_label.clear()
        self.code_label.hide()
        self.print_button.hide()

    def _print_code(self) -> None:
        """One sheet with the code, the station and what it is for, on the station's printer."""
        from PySide6.QtGui import QTextDocument
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        if self.code is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if QPrintDialog(printer, self).exec() != QPrintDialog.DialogCode.Accepted:
            return
        station = self.station.name if self.station is not None else app_title()
        title = QCoreApplication.translate("_Gate", "管理员恢复码")
        use = QCoreApplication.translate("_Gate", RECOVERY_USE)
        sheet = QTextDocument()
        sheet.setHtml(f"<h1>{station}</h1><h2>{title}</h2>"
                      f"<p style='font-size:28pt; font-family:monospace'><b>{self.code}</b></p><p>{use}</p>")
        sheet.print_(printer)

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
        self._user: UserInfo | None = None  # the new administrator, while the recovery code is on screen

    def showEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt's name
        super().showEvent(event)
        self.display_name.setFocus()

    def submit(self) -> None:
        if not self.button.isEnabled():
            return
        if self.code is not None:  # the recovery code was written down: into the program
            self._hide_code()
            self.completed.emit(self._user)
            return
        if self.password.text() != self.password_again.text():
            self.say(self.tr("两次输入的密码不一样，请再输入一次。"))
            self.password_again.clear()
            self.password_again.setFocus()
            return
        from qsh_desk.services import accounts, recovery_codes

        db, station = self.db, self.station
        code = recovery_codes.new_code()
        values = dict(
            station_name=self.station_name.text(),
            display_name=self.display_name.text(),
            username=self.username.text(),
            password=self.password.text(),
            recovery_code=code,
        )
        self._busy(True)
        self.say("")
        self.tasks.run(lambda: (accounts.first_run(db, station_id=station.id, **values), code),
                       self._done, self._failed)

    def _done(self, result: tuple[UserInfo, str]) -> None:
        self._busy(False)
        self.password.clear()
        self.password_again.clear()
        self._user, code = result
        self.show_code(code, self.tr(
            "管理员账号已建好。下面是本站点的恢复码：忘记管理员密码时，用它设新密码。请抄在纸上或打印出来，"
            "放在站里的保险柜。它只显示这一次。"))


class LoginPanel(_Gate):
    """登录 at start, and the lock screen: username + password, or a duty volunteer's PIN."""

    authenticated = Signal(object)  # UserInfo

    def __init__(self, tasks: Tasks, parent: QWidget | None = None):
        super().__init__(None, None, tasks, parent)
        self.setObjectName("login")
        self.username = self._field(self.tr("用户名"))
        self.secret = self._field(self.tr("密码或 PIN"), secret=True)
        # 忘记管理员密码: the station's recovery code and a new password, on the same card.
        self.recovery_code = self._field(self.tr("恢复码"))
        self.recovery_code.setPlaceholderText("XXXXX-XXXXX-XXXXX-XXXXX-XXXXX")
        self.new_password = self._field(self.tr("新密码"), secret=True)
        self.new_password_again = self._field(self.tr("再输一次新密码"), secret=True)
        self.link.setText(self.tr("忘记管理员密码？"))
        self.link.show()
        self.link.clicked.connect(self._toggle_recovery)
        self.username.returnPressed.connect(self._after_username)
        self.secret.returnPressed.connect(self.submit)
        self.recovery_code.returnPressed.connect(self.new_password.setFocus)
        self.new_password.returnPressed.connect(self.new_password_again.setFocus)
        self.new_password_again.returnPressed.connect(self.submit)
        self.recovering = False
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

    def _after_username(self) -> None:
        (self.recovery_code if self.recovering else self.secret).setFocus()

    def _toggle_recovery(self) -> None:
        if self.recovering or self.code is not None:
            self.show_login()
        else:
            self.show_recovery()

    def show_recovery(self) -> None:
        """忘记管理员密码？: the administrator's username, the recovery code from the paper and a new password."""
        self.recovering = True
        self._rows(self.username, self.recovery_code, self.new_password, self.new_password_again)
        self.heading.setText(self.tr("用恢复码设新密码"))
        self.hint.setText(self.tr("请输入管理员的用户名、首次设置时抄下的恢复码（字母不分大小写，横线可以不输）和新密码。"
                                  "值班志愿者和社工忘记密码时，请找管理员重设。"))
        self.button.setText(self.tr("设新密码"))
        self.link.setText(self.tr("返回登录"))
        self.say("")
        (self.recovery_code if self.username.text() else self.username).setFocus()

    def _clear_recovery(self) -> None:
        for edit in (self.recovery_code, self.new_password, self.new_password_again):
            edit.clear()

    def show_login(self) -> None:
        """The plain login screen (at start)."""
        self.recovering = False
        self._hide_code()
        self._clear_recovery()
        self._rows(self.username, self.secret)
        self.button.setText(self.tr("登录"))
        self.link.setText(self.tr("忘记管理员密码？"))
        self.link.show()
        self.locked_for = None
        self.heading.setText(self.station.name if self.station is not None else app_title())
        self.hint.setText(self.tr("请登录。值班志愿者可以用 PIN 码代替密码。"))
        self.say("")

    def show_locked(self, user: UserInfo) -> None:
        """The lock screen: the same person continues with their password; someone else logs in as themselves."""
        self.show_login()
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
        if self.code is not None:
            self.button.setFocus()
        elif not self.username.text():
            self.username.setFocus()
        else:
            (self.recovery_code if self.recovering else self.secret).setFocus()

    def submit(self) -> None:
        if not self.button.isEnabled():
            return
        if self.code is not None:  # the new recovery code was written down: back to the login
            self.show_login()
            self.secret.setFocus()
            return
        if self.recovering:
            self._recover()
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

    def _recover(self) -> None:
        if self.db is None or self.station is None:
            self.say(self.tr("正在打开数据库，请稍候…"))
            return
        if self.new_password.text() != self.new_password_again.text():
            self.say(self.tr("两次输入的新密码不一样，请再输入一次。"))
            self.new_password_again.clear()
            self.new_password_again.setFocus()
            return
        from qsh_desk.services import recovery_codes

        db, station_id = self.db, self.station.id
        username, code, password = self.username.text(), self.recovery_code.text(), self.new_password.text()
        self._busy(True)
        self.say("")
        self.tasks.run(lambda: recovery_codes.recover_admin(db, station_id, username, code, password),
                       self._recovered, self._failed)

    def _recovered(self, result: tuple[UserInfo, str]) -> None:
        self._busy(False)
        self._clear_recovery()
        self.recovering = False
        user, code = result
        self.show_code(code, self.tr(
            "已为 {name} 设好新密码（账号已启用、解除锁定）。纸上的旧恢复码已经作废；下面是新的恢复码，"
            "请抄下替换旧的，收好。然后用新密码登录。").replace("{name}", user.display_name))

    def _failed(self, error: BaseException) -> None:
        super()._failed(error)
        if self.recovering:
            from qsh_desk.services.errors import InvalidInput

            fields = [p.field for p in error.problems] if isinstance(error, InvalidInput) else []
            target = {"恢复码": self.recovery_code, "新密码": self.new_password, "用户名": self.username}
            (target.get(fields[0]) if fields and fields[0] in target else self.recovery_code).setFocus()
            return
        self.secret.clear()
        (self.secret if self.username.text() else self.username).setFocus()

    def _done(self, user: UserInfo) -> None:
        self._busy(False)
        self.secret.clear()
        self.say("")
        self.authenticated.emit(user)
