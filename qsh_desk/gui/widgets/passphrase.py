"""The passphrase of sealed backups: chosen (typed twice) on the settings page, asked for when restoring a sealed
copy that another PC made."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from qsh_desk.gui.errors import dialogs_enabled


class PassphraseDialog(QDialog):
    """One password field (or two, when choosing one), a line saying why, OK and cancel."""

    def __init__(self, parent: QWidget | None, title: str, hint: str, *, choose: bool):
        super().__init__(parent)
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        explanation = QLabel(hint)
        explanation.setWordWrap(True)
        layout.addWidget(explanation)
        form = QFormLayout()
        self.first = QLineEdit()
        self.first.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(QCoreApplication.translate("PassphraseDialog", "口令"), self.first)
        self.second: QLineEdit | None = None
        if choose:
            self.second = QLineEdit()
            self.second.setEchoMode(QLineEdit.EchoMode.Password)
            form.addRow(QCoreApplication.translate("PassphraseDialog", "再输一次"), self.second)
        layout.addLayout(form)
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #b71c1c;")
        self.problem.hide()
        layout.addWidget(self.problem)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)

    def _accept(self) -> None:
        if self.second is not None and self.first.text() != self.second.text():
            self.problem.setText(QCoreApplication.translate("PassphraseDialog", "两次输入的口令不一样，请再输入一次。"))
            self.problem.show()
            self.second.clear()
            self.second.setFocus()
            return
        self.accept()

    def passphrase(self) -> str:
        return self.first.text()


def ask_passphrase(parent: QWidget | None, *, choose: bool) -> str | None:
    """The passphrase typed (None when cancelled, or offscreen where nobody could answer)."""
    if not dialogs_enabled():
        return None
    if choose:
        title = QCoreApplication.translate("PassphraseDialog", "加密 U 盘上的备份")
        hint = QCoreApplication.translate(
            "PassphraseDialog", "定一个口令（至少 10 个字符，可以是一句好记的话）。以后复制到第二备份文件夹的备份都用它加密；"
            "这台电脑记住由它算出的密钥，所以每天的自动备份不用再输入。口令本身请管理员抄在纸上收好：换电脑恢复时要用，"
            "忘了就打不开 U 盘上的备份。")
    else:
        title = QCoreApplication.translate("PassphraseDialog", "加密的备份")
        hint = QCoreApplication.translate(
            "PassphraseDialog", "这份备份是加密的，不是这台电脑现在的口令加密的。请输入加密时定的口令。")
    dialog = PassphraseDialog(parent, title, hint, choose=choose)
    return dialog.passphrase() if dialog.exec() == QDialog.DialogCode.Accepted else None
