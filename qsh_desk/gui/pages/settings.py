"""设置: this PC's settings (type size, language, idle lock, printer, second backup folder) and the station's."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QTime, Signal
from PySide6.QtPrintSupport import QPrinterInfo
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from qsh_desk import clock
from qsh_desk.gui import local_settings
from qsh_desk.gui.app import apply_type_scale
from qsh_desk.gui.context import AppContext
from qsh_desk.gui.kernel import EVERYTHING, Topic
from qsh_desk.gui.labels import label
from qsh_desk.gui.pages.base import Page
from qsh_desk.gui.widgets import file_picker
from qsh_desk.gui.widgets.passphrase import ask_passphrase
from qsh_desk.gui.widgets.roster_widgets import ask
from qsh_desk.services import sealed
from qsh_desk.services import settings as station_settings
from qsh_desk.services.access import Permission
from qsh_desk.services.stations import StationInfo, rename_station

# QT_TRANSLATE_NOOP marks these for pyside6-lupdate; self.tr() translates them where they are shown.
TYPE_SCALES = ((1.0, QT_TRANSLATE_NOOP("SettingsPage", "标准")), (1.2, QT_TRANSLATE_NOOP("SettingsPage", "大")),
               (1.4, QT_TRANSLATE_NOOP("SettingsPage", "更大")), (1.6, QT_TRANSLATE_NOOP("SettingsPage", "特大")))
LANGUAGES = (("zh_CN", "简体中文"), ("en", "English"))  # each in its own language, so anyone can find theirs
PAPER_LABELS = {"A4": QT_TRANSLATE_NOOP("SettingsPage", "A4（常用）"),
                "Letter": QT_TRANSLATE_NOOP("SettingsPage", "Letter（美国信纸）")}
IDLE_LOCK_RANGE = (1, 120)
# How the station settings' coded choices read on screen.
CHOICE_LABELS = {"active": QT_TRANSLATE_NOOP("SettingsPage", "全部在册儿童"),
                 "recent": QT_TRANSLATE_NOOP("SettingsPage", "最近来过的儿童")}


def _form(parent: QWidget | None = None) -> QFormLayout:
    return QFormLayout(parent) if parent is not None else QFormLayout()


def _add_row(form: QFormLayout, text: str, field: QWidget | QHBoxLayout, buddy: QWidget | None = None) -> QLabel:
    """A form row whose label sits level with its (tall) field and gives it the focus when clicked."""
    label = QLabel(text)
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    # Let the label take the row's full height, so its text is centred on the field's at any type size.
    label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
    label.setBuddy(buddy or (field if isinstance(field, QWidget) else None))
    form.addRow(label, field)
    return label


def _select_data(combo: QComboBox, value: Any) -> None:
    index = combo.findData(value)
    if index >= 0:
        combo.setCurrentIndex(index)


class SettingsPage(Page):
    key = "settings"
    title = QT_TRANSLATE_NOOP("Page", "设置")
    icon_name = "settings"
    permission = Permission.DESK  # everyone may enlarge the type; what concerns others needs SETTINGS

    station_saved = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.may_configure = context.actor.can(Permission.SETTINGS)
        self._loaded_station: dict[str, Any] = {}

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        outer.addWidget(scroll)
        body = QWidget()
        scroll.setWidget(body)
        layout = QVBoxLayout(body)
        heading = QLabel(self.tr("设置"))
        heading.setObjectName("pageHeading")
        layout.addWidget(heading)
        layout.addWidget(self._build_local_group())
        layout.addWidget(self._build_station_group())
        layout.addStretch(1)

    # ---- this PC ----------------------------------------------------------------------------------------------

    def _build_local_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("本机设置（只影响这台电脑，改动立即保存）"))
        form = _form(group)

        self.scale = QComboBox()
        current_scale = float(local_settings.get("ui/scale"))
        for factor, title in TYPE_SCALES:
            self.scale.addItem(self.tr(title), factor)
        if self.scale.findData(current_scale) < 0:
            self.scale.addItem(f"{current_scale:.0%}", current_scale)
        _select_data(self.scale, current_scale)
        self.scale.currentIndexChanged.connect(self._scale_chosen)
        _add_row(form, self.tr("字体大小（大字模式）"), self.scale)

        self.language = QComboBox()
        for code, title in LANGUAGES:
            self.language.addItem(title, code)
        self.running_language = local_settings.get("ui/language")
        _select_data(self.language, self.running_language)
        self.language.currentIndexChanged.connect(self._language_chosen)
        self.language_hint = QLabel()
        self.language_hint.setObjectName("hint")
        row = QHBoxLayout()
        row.addWidget(self.language, 1)
        row.addWidget(self.language_hint)
        _add_row(form, self.tr("界面语言"), row, self.language)

        self.printer = QComboBox()
        self.printer.addItem(self.tr("系统默认打印机"), "")
        for name in QPrinterInfo.availablePrinterNames():
            self.printer.addItem(name, name)
        saved_printer = local_settings.get("print/printer")
        if saved_printer and self.printer.findData(saved_printer) < 0:
            self.printer.addItem(saved_printer + self.tr("（现在未连接）"), saved_printer)
        _select_data(self.printer, saved_printer)
        self.printer.currentIndexChanged.connect(
            lambda: self._save_local("print/printer", self.printer.currentData(), self.tr("默认打印机"))
        )
        _add_row(form, self.tr("默认打印机"), self.printer)

        self.paper = QComboBox()
        for code in local_settings.PAPER_SIZES:
            self.paper.addItem(self.tr(PAPER_LABELS.get(code, code)), code)
        _select_data(self.paper, local_settings.get("print/paper"))
        self.paper.currentIndexChanged.connect(
            lambda: self._save_local("print/paper", self.paper.currentData(), self.tr("纸张"))
        )
        _add_row(form, self.tr("纸张"), self.paper)

        self.idle_lock = QSpinBox()
        self.idle_lock.setRange(*IDLE_LOCK_RANGE)
        self.idle_lock.setSuffix(self.tr(" 分钟"))
        self.idle_lock.setValue(int(local_settings.get("security/idle_lock_minutes")))
        self.idle_lock.valueChanged.connect(
            lambda minutes: self._save_local("security/idle_lock_minutes", minutes, self.tr("锁屏时间"))
        )
        _add_row(form, self.tr("无人操作多久后锁屏"), self.idle_lock)

        self.backup_folder = QLineEdit(local_settings.get("backup/second_folder"))
        self.backup_folder.setReadOnly(True)
        self.backup_folder.setPlaceholderText(self.tr("未设置：只备份到本机"))
        self.choose_backup = QPushButton(self.tr("选择文件夹…"))
        self.choose_backup.clicked.connect(self._choose_backup_folder)
        self.clear_backup = QPushButton(self.tr("不用第二个文件夹"))
        self.clear_backup.clicked.connect(lambda: self.set_backup_folder(""))
        row = QHBoxLayout()
        row.addWidget(self.backup_folder, 1)
        row.addWidget(self.choose_backup)
        row.addWidget(self.clear_backup)
        _add_row(form, self.tr("第二备份文件夹（如 U 盘）"), row, self.choose_backup)

        self.sealing_state = QLabel()
        self.sealing_state.setWordWrap(True)
        self.seal_button = QPushButton(self.tr("设置口令…"))
        self.seal_button.clicked.connect(self.choose_passphrase)
        self.unseal_button = QPushButton(self.tr("不再加密"))
        self.unseal_button.clicked.connect(self.stop_sealing)
        row = QHBoxLayout()
        row.addWidget(self.sealing_state, 1)
        row.addWidget(self.seal_button)
        row.addWidget(self.unseal_button)
        _add_row(form, self.tr("加密 U 盘上的备份"), row, self.seal_button)

        # Locking and where backups go protect the children's data: only administrators change them.
        for widget in (self.idle_lock, self.choose_backup, self.clear_backup, self.seal_button, self.unseal_button):
            widget.setEnabled(self.may_configure)
        self._show_sealing()

        self.local_status = QLabel()
        self.local_status.setObjectName("hint")
        form.addRow("", self.local_status)
        return group

    def _save_local(self, key: str, value: Any, what: str) -> None:
        local_settings.set_value(key, value)
        self.local_status.setText(self.tr("已保存：") + what)

    def _scale_chosen(self) -> None:
        scale = float(self.scale.currentData())
        self._save_local("ui/scale", scale, self.tr("字体大小"))
        app = QApplication.instance()
        if app is not None:
            apply_type_scale(app, scale)

    def _language_chosen(self) -> None:
        code = self.language.currentData()
        self._save_local("ui/language", code, self.tr("界面语言"))
        restart = code != self.running_language
        self.language_hint.setText(self.tr("重新启动程序后生效。") if restart else "")

    def _choose_backup_folder(self) -> None:
        start = Path(self.backup_folder.text()) if self.backup_folder.text() else None
        folder = file_picker.choose_folder(self, self.tr("选择第二备份文件夹"), start)
        if folder:
            self.set_backup_folder(str(folder))

    def set_backup_folder(self, folder: str) -> bool:
        """Keep the folder for the second copy of each backup; refused (and said why) when it cannot be written."""
        if folder and not (os.path.isdir(folder) and os.access(folder, os.W_OK)):
            self.local_status.setText(self.tr("这个文件夹不能写入，没有保存。请换一个文件夹，或检查 U 盘是否插好。"))
            return False
        self.backup_folder.setText(folder)
        self._save_local("backup/second_folder", folder, self.tr("第二备份文件夹"))
        return True

    def _show_sealing(self) -> None:
        on = sealed.current_key() is not None
        self.sealing_state.setText(
            self.tr("已加密：复制到第二备份文件夹的备份用管理员的口令加密（AES-256）。") if on
            else self.tr("未加密：U 盘上的备份谁拿到都能打开。建议设置口令。"))
        self.seal_button.setText(self.tr("换口令…") if on else self.tr("设置口令…"))
        self.unseal_button.setVisible(on)

    def choose_passphrase(self) -> None:
        passphrase = ask_passphrase(self, choose=True)
        if passphrase is not None:
            self.set_passphrase(passphrase)

    def set_passphrase(self, passphrase: str) -> None:
        """Seal the second copies from now on (scrypt takes a moment: off the GUI thread)."""
        def done(_key: object) -> None:
            self._show_sealing()
            self.local_status.setText(self.tr("已保存：从下一次备份起，U 盘上的备份都加密；没加密的旧备份复制会删掉。"
                                              "请把口令抄在纸上收好：换电脑恢复时要用。"))

        self.run(lambda: sealed.set_passphrase(passphrase), done, line=self.local_status, busy=[self.seal_button])

    def stop_sealing(self) -> None:
        if not ask(self, self.tr("不再加密"), self.tr("以后复制到 U 盘的备份不再加密吗？已经加密的备份仍要用原来的口令打开。")):
            return
        sealed.stop_sealing()
        self._show_sealing()
        self.local_status.setText(self.tr("已保存：以后复制到 U 盘的备份不再加密。"))

    # ---- the station -------------------------------------------------------------------------------------------

    def _build_station_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("站点设置（本站所有电脑共用）"))
        layout = QVBoxLayout(group)
        if not self.may_configure:
            note = QLabel(self.tr("只有管理员可以修改站点设置。"))
            note.setObjectName("hint")
            layout.addWidget(note)
        form = _form()
        layout.addLayout(form)

        self.station_name = QLineEdit(self.context.station.name)
        self.station_name.setMaxLength(100)
        _add_row(form, self.tr("站点名称"), self.station_name)

        self.station_fields: dict[str, QWidget] = {}
        for key, setting in station_settings.REGISTRY.items():
            widget = self._field_for(setting)
            self.station_fields[key] = widget
            _add_row(form, label(setting.title), widget)

        buttons = QHBoxLayout()
        self.save_station = QPushButton(self.tr("保存站点设置"))
        self.save_station.setObjectName("primary")
        self.save_station.clicked.connect(self.save_station_settings)
        self.station_status = QLabel()
        self.station_status.setObjectName("hint")
        buttons.addWidget(self.save_station)
        buttons.addWidget(self.station_status, 1)
        layout.addLayout(buttons)

        for widget in (self.station_name, self.save_station, *self.station_fields.values()):
            widget.setEnabled(self.may_configure)
        return group

    def _field_for(self, setting: station_settings.Setting) -> QWidget:
        if setting.choices is not None:
            combo = QComboBox()
            for choice in setting.choices:
                combo.addItem(self.tr(CHOICE_LABELS.get(choice, str(choice))), choice)
            return combo
        if setting.time_of_day:
            edit = QTimeEdit()
            edit.setDisplayFormat("HH:mm")
            return edit
        if setting.kind is int:
            spin = QSpinBox()
            minimum = setting.minimum if setting.minimum is not None else 0
            if setting.optional:  # one below the minimum reads 不限: the rule is off
                minimum -= 1
                spin.setSpecialValueText(self.tr("不限"))
                spin.setProperty("optional", True)
            spin.setRange(minimum, setting.maximum if setting.maximum is not None else 1_000_000)
            return spin
        return QLineEdit()

    @staticmethod
    def _field_value(widget: QWidget) -> Any:
        if isinstance(widget, QComboBox):
            return widget.currentData()
        if isinstance(widget, QTimeEdit):
            return widget.time().toString("HH:mm")
        if isinstance(widget, QSpinBox):
            if widget.property("optional") and widget.value() == widget.minimum():
                return None
            return widget.value()
        return widget.text()

    @staticmethod
    def _show_field_value(widget: QWidget, value: Any) -> None:
        if isinstance(widget, QComboBox):
            _select_data(widget, value)
        elif isinstance(widget, QTimeEdit):
            hours, _, minutes = str(value).partition(":")
            widget.setTime(QTime(int(hours or 0), int(minutes or 0)))
        elif isinstance(widget, QSpinBox):
            widget.setValue(widget.minimum() if value is None else int(value))
        else:
            widget.setText(str(value))

    def activated(self) -> None:
        self.refresh(EVERYTHING)

    def refresh(self, topics: frozenset[Topic]) -> None:
        ctx = self.context
        self.run(lambda: station_settings.get_all(ctx.db, ctx.actor), self.show_station_settings,
                 line=self.station_status)

    def show_station_settings(self, values: dict[str, Any]) -> None:
        self._loaded_station = dict(values)
        for key, widget in self.station_fields.items():
            if key in values:
                self._show_field_value(widget, values[key])
        self.station_name.setText(self.context.station.name)

    def save_station_settings(self) -> None:
        """Write what changed (each change audited), then reload what the database now holds."""
        ctx = self.context
        changed = {
            key: self._field_value(widget)
            for key, widget in self.station_fields.items()
            if self._field_value(widget) != self._loaded_station.get(key)
        }
        new_name = self.station_name.text().strip()
        rename = new_name != ctx.station.name

        def write() -> tuple[StationInfo | None, dict[str, Any]]:
            station = rename_station(ctx.db, ctx.actor, new_name) if rename else None
            for key, value in changed.items():
                station_settings.set_value(ctx.db, ctx.actor, key, value)
            return station, station_settings.get_all(ctx.db, ctx.actor)

        self.say(self.tr("正在保存…"), line=self.station_status)
        self.run(write, self._station_saved, busy=[self.save_station], line=self.station_status,
                 publishes={Topic.SETTINGS, Topic.STATION} if rename else {Topic.SETTINGS})

    def _station_saved(self, result: tuple[StationInfo | None, dict[str, Any]]) -> None:
        station, values = result
        if station is not None:
            self.context.station = station
        self.show_station_settings(values)
        saved = self.tr("已保存（%s）。") % clock.now().strftime("%H:%M")
        if station is not None:
            saved += self.tr("窗口标题栏里的站点名称在下次打开程序时更新。")
        self.say(saved, line=self.station_status)
        self.station_saved.emit()
