"""备份: the administrator's list of backups (time, reason, size), backing up now, and restoring one."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from qsh_desk.db import snapshot
from qsh_desk.gui import local_settings
from qsh_desk.gui.context import AppContext
from qsh_desk.gui.errors import dialogs_enabled, user_message
from qsh_desk.gui.icons import icon
from qsh_desk.gui.kernel import EVERYTHING, Lane, Topic
from qsh_desk.gui.labels import label
from qsh_desk.gui.pages.base import Page
from qsh_desk.gui.widgets import file_picker
from qsh_desk.gui.widgets.passphrase import ask_passphrase
from qsh_desk.services import backup, sealed
from qsh_desk.services.access import Permission


def confirm_restore(parent: QWidget, path: Path) -> bool:
    """Restoring replaces everything entered since that backup: the administrator says yes explicitly."""
    if not dialogs_enabled():
        return False
    answer = QMessageBox.question(
        parent,
        QCoreApplication.translate("BackupsPage", "恢复备份"),
        QCoreApplication.translate("BackupsPage", "用这份备份替换当前数据库吗？\n{0}\n\n这份备份之后录入的内容会被替换掉；"
                                   "当前数据库会先自动备份，需要时还能找回。").format(path),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def choose_file(parent: QWidget) -> Path | None:
    if not dialogs_enabled():
        return None
    return file_picker.open_file(parent, QCoreApplication.translate("BackupsPage", "选择备份文件"),
                                 QCoreApplication.translate("BackupsPage", "数据库备份 (*.sqlite3 *.db *.sealed);;所有文件 (*)"),
                                 start=snapshot.default_folder())


class BackupsPage(Page):
    key = "backups"
    title = QT_TRANSLATE_NOOP("Page", "备份")
    icon_name = "backup"
    permission = Permission.BACKUP

    listed = Signal()  # the list is shown (after a refresh)
    finished = Signal(str)  # a backup or restore is done (or failed): the message shown

    COLUMNS = (QT_TRANSLATE_NOOP("BackupsPage", "时间"), QT_TRANSLATE_NOOP("BackupsPage", "原因"),
               QT_TRANSLATE_NOOP("BackupsPage", "大小"), QT_TRANSLATE_NOOP("BackupsPage", "文件"))

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.backups: list[backup.BackupInfo] = []
        layout = QVBoxLayout(self)
        heading = QLabel(self.tr("备份与恢复"))
        heading.setObjectName("pageHeading")
        layout.addWidget(heading)
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.explanation.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.explanation)

        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in self.COLUMNS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        layout.addWidget(self.table, 1)

        buttons = QHBoxLayout()
        self.back_up_button = QPushButton(icon("backup"), self.tr("立即备份"))
        self.restore_button = QPushButton(icon("restore"), self.tr("恢复所选备份…"))
        self.restore_file_button = QPushButton(icon("restore"), self.tr("从文件恢复…"))
        self.back_up_button.clicked.connect(self.back_up_now)
        self.restore_button.clicked.connect(self.restore_selected)
        self.restore_file_button.clicked.connect(self.restore_from_file)
        for button in (self.back_up_button, self.restore_button, self.restore_file_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.status)

        self.sqlite = context.db.is_sqlite
        self._describe()
        self._update_buttons()

    def _describe(self) -> None:
        if self.sqlite:
            second = local_settings.get("backup/second_folder") or self.tr("未设置（可在“设置”中选一个 U 盘文件夹）")
            text = self.tr(
                "每天第一次启动和退出时自动备份，每份备份都经过检查。保留最近 7 天、4 周和 12 个月的备份。\n"
                "备份文件夹：{0}\n第二备份文件夹：{1}"
            ).format(snapshot.default_folder(), second)
        else:
            text = self.tr("PostgreSQL 数据库：“立即备份”用 pg_dump 存入 {0}。").format(snapshot.default_folder())
            text += "\n" + backup.PG_RESTORE_HELP
        self.explanation.setText(text)

    def activated(self) -> None:
        self.refresh(EVERYTHING)

    def refresh(self, topics: frozenset[Topic]) -> None:
        ctx = self.context
        self.run(lambda: backup.list_backups(ctx.db, ctx.actor), self.show_backups, line=self.status)

    def show_backups(self, backups: list[backup.BackupInfo]) -> None:
        self.backups = list(backups)
        self.table.setRowCount(len(self.backups))
        for row, item in enumerate(self.backups):
            cells = (f"{item.taken_at:%Y-%m-%d %H:%M:%S}", label(item.reason_title), backup.format_size(item.size),
                     item.path.name)
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                if column == 2:
                    cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, cell)
        self.table.resizeColumnsToContents()
        self._update_buttons()
        self.listed.emit()

    def selected(self) -> backup.BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.backups[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        chosen = self.selected()
        self.restore_button.setEnabled(self.sqlite and chosen is not None
                                       and chosen.path.suffix == snapshot.SQLITE_SUFFIX)
        self.restore_file_button.setEnabled(self.sqlite)

    def _busy(self, text: str) -> None:
        self.status.setText(text)
        for button in (self.back_up_button, self.restore_button, self.restore_file_button):
            button.setEnabled(False)

    def _finish(self, message: str) -> None:
        self.say(message, line=self.status)
        self.back_up_button.setEnabled(True)
        self._update_buttons()
        self.refresh(EVERYTHING)
        self.finished.emit(message)

    def _failed(self, error: BaseException) -> bool:
        message = user_message(error)
        if dialogs_enabled():  # a backup that failed must not go unnoticed: a dialog, not only a line
            QMessageBox.warning(self, self.tr("出错了"), message)
        self._finish(message)
        return True

    def back_up_now(self) -> None:
        ctx = self.context
        second = local_settings.get("backup/second_folder")
        self._busy(self.tr("正在备份…"))
        self.run(lambda: backup.back_up(ctx.db, ctx.actor, second_folder=second),
                 lambda result: self._finish(result.message), failed=self._failed, lane=Lane.LONG)

    def restore_selected(self) -> None:
        chosen = self.selected()
        if chosen is not None:
            self.restore(chosen.path)

    def restore_from_file(self) -> None:
        path = choose_file(self)
        if path is not None:
            self.restore(path)

    def restore(self, path: Path) -> None:
        if not confirm_restore(self, path):
            return
        passphrase = None
        if sealed.is_sealed(path) and not sealed.opens_here(path):  # sealed on another PC, or before a new one
            passphrase = ask_passphrase(self, choose=False)
            if passphrase is None:
                return
        ctx = self.context
        self._busy(self.tr("正在检查并恢复备份…"))

        # On the desk lane: nothing else may touch the database while it is being replaced. Every open view then
        # shows the restored data.
        self.run(lambda: backup.restore(ctx.db, ctx.actor, path, passphrase), lambda result: self._finish(result.message),
                 failed=self._failed, publishes=EVERYTHING)
