"""Pieces the children's and volunteers' pages share: messages next to form fields, the duplicate warning,
the import wizard with its preview, and yes/no questions."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from qsh_desk.elsewhere import Job
from qsh_desk.gui.context import AppContext
from qsh_desk.gui.errors import dialogs_enabled, user_message
from qsh_desk.gui.icons import icon
from qsh_desk.gui.kernel import KernelDialog, Lane, Topic
from qsh_desk.gui.models.roster import ProblemTableModel
from qsh_desk.gui.models.rows import SortProxy
from qsh_desk.gui.widgets import file_picker
from qsh_desk.services import importing
from qsh_desk.services.errors import InvalidInput, Problem

ERROR_STYLE = "color: #b71c1c;"


def ask(parent: QWidget, title: str, text: str) -> bool:
    """A yes/no question; offscreen (tests) nobody can answer, so the question counts as answered yes."""
    if not dialogs_enabled():
        return True
    answer = QMessageBox.question(parent, title, text, QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                  QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


def error_label() -> QLabel:
    label = QLabel()
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.setVisible(False)
    return label


class FieldErrors:
    """Shows each problem under its field (by the field's Chinese title); the rest in one general label."""

    def __init__(self, general: QLabel):
        self.general = general
        self.labels: dict[str, QLabel] = {}
        self.prefixes: dict[str, QLabel] = {}  # e.g. every “监护人N …” problem goes to the guardians' label

    def add(self, field: str, label: QLabel | None = None) -> QLabel:
        self.labels[field] = label or error_label()
        return self.labels[field]

    def add_prefix(self, prefix: str, label: QLabel) -> None:
        self.prefixes[prefix] = label

    def clear(self) -> None:
        for label in (self.general, *self.labels.values(), *self.prefixes.values()):
            label.clear()
            label.setVisible(False)

    def _target(self, problem: Problem) -> tuple[QLabel, bool]:
        if problem.field in self.labels:
            return self.labels[problem.field], False
        for prefix, label in self.prefixes.items():
            if problem.field and problem.field.startswith(prefix):
                return label, True
        return self.general, True

    def show(self, problems: list[Problem]) -> list[str]:
        """Show every problem; returns the fields that have one (the form can jump to the first)."""
        self.clear()
        lines: dict[QLabel, list[str]] = {}
        for problem in problems:
            label, with_field = self._target(problem)
            text = problem.message
            if with_field and problem.field:
                text = f"{problem.field}：{text}"
            lines.setdefault(label, []).append(text)
        for label, texts in lines.items():
            label.setText("\n".join(texts))
            label.setVisible(True)
        return [p.field for p in problems if p.field]

    def show_message(self, message: str) -> None:
        self.clear()
        self.general.setText(message)
        self.general.setVisible(True)

    def text_for(self, field: str) -> str:
        label = self.labels.get(field)
        return label.text() if label is not None and label.isVisible() else ""


class DuplicateWarningDialog(QDialog):
    """“This child may already be on the roster”: list who, then go back to check or save anyway."""

    def __init__(self, message: str, matches: list[str], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("可能重复"))
        self.setObjectName("duplicateWarning")
        layout = QVBoxLayout(self)
        heading = QLabel(self.tr("花名册里可能已经有这个人："))
        heading.setStyleSheet("font-weight: bold;")
        layout.addWidget(heading)
        self.matches = QLabel("\n".join(f"• {m}" for m in matches))
        self.matches.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.matches)
        explain = QLabel(message)
        explain.setWordWrap(True)
        layout.addWidget(explain)
        buttons = QDialogButtonBox()
        self.back = buttons.addButton(self.tr("返回核对"), QDialogButtonBox.ButtonRole.RejectRole)
        self.save_anyway = buttons.addButton(self.tr("是另一个人，仍然保存"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def showEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt's name
        super().showEvent(event)
        # The safe choice is the one Enter picks (the button box resets the default while it lays out).
        self.save_anyway.setAutoDefault(False)
        self.back.setDefault(True)
        self.back.setFocus()


class ImportDialog(KernelDialog):
    """The import wizard: choose a file, see every problem, then import all, only the valid rows, or nothing."""

    checked = Signal()
    imported = Signal(str)
    failed = Signal(str)

    def __init__(self, context: AppContext, kind: str, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.kind = kind
        self.preview: importing.ImportPreview | None = None
        self.setWindowTitle(self.tr("导入{0}名单").replace("{0}", importing.KINDS[kind]))
        self.setObjectName("importDialog")
        self.resize(980, 640)
        layout = QVBoxLayout(self)

        steps = QLabel(self.tr("第 1 步：选择 Excel（.xlsx）或 CSV 文件。第 2 步：看检查结果。第 3 步：导入。"
                               "没有问题之前，不会写入任何内容。"))
        steps.setWordWrap(True)
        layout.addWidget(steps)
        chooser = QHBoxLayout()
        self.path_edit = QLineEdit()
        self.path_edit.setPlaceholderText(self.tr("文件路径"))
        browse = QPushButton(icon("search"), self.tr("选择文件…"))
        browse.clicked.connect(self._browse)
        self.check_button = QPushButton(icon("preview"), self.tr("检查文件"))
        self.check_button.clicked.connect(lambda: self.check_file(self.path_edit.text()))
        chooser.addWidget(self.path_edit, 1)
        chooser.addWidget(browse)
        chooser.addWidget(self.check_button)
        layout.addLayout(chooser)

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet("font-size: 13pt; font-weight: bold;")
        layout.addWidget(self.summary)
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        self.notes.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.notes)
        self.problems = ProblemTableModel(self)
        proxy = SortProxy(self)
        proxy.setSourceModel(self.problems)
        self.problem_view = QTableView()
        self.problem_view.setModel(proxy)
        self.problem_view.setSortingEnabled(True)
        self.problem_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.problem_view.setWordWrap(True)
        self.problem_view.verticalHeader().setVisible(False)
        self.problem_view.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.problem_view, 1)

        buttons = QHBoxLayout()
        self.import_all = QPushButton(icon("save"), self.tr("全部导入"))
        self.import_valid = QPushButton(self.tr("只导入没有问题的行"))
        close = QPushButton(self.tr("关闭"))
        for button in (self.import_all, self.import_valid):
            button.setEnabled(False)
        self.import_all.clicked.connect(lambda: self.start_import(valid_rows_only=False))
        self.import_valid.clicked.connect(lambda: self.start_import(valid_rows_only=True))
        close.clicked.connect(self.reject)
        buttons.addStretch(1)
        buttons.addWidget(self.import_valid)
        buttons.addWidget(self.import_all)
        buttons.addWidget(close)
        layout.addLayout(buttons)

    def _browse(self) -> None:
        if not dialogs_enabled():
            return
        name, _ = QFileDialog.getOpenFileName(self, self.tr("选择要导入的文件"), "",
                                              self.tr("表格文件 (*.xlsx *.xls *.ods *.csv)"))
        if name:
            self.check_file(name)

    def check_file(self, path: str | Path) -> None:
        """Preview the file off the GUI thread; nothing is written."""
        path = str(path).strip()
        self.path_edit.setText(path)
        if not path:
            self.summary.setText(self.tr("请先选择文件。"))
            return
        ctx, kind = self.context, self.kind
        self.summary.setText(self.tr("正在检查…"))
        self.run(Job(importing.preview_import, ctx.db, ctx.actor, kind, path), self._show_preview,
                 failed=self._check_failed, busy=[self.check_button], lane=Lane.LONG)

    def _check_failed(self, error: BaseException) -> bool:
        self.preview = None
        self.problems.set_rows(error.problems if isinstance(error, InvalidInput) else [])
        self.summary.setText(self.tr("不能导入这个文件：") + user_message(error).split("\n")[0])
        self.notes.clear()
        self.import_all.setEnabled(False)
        self.import_valid.setEnabled(False)
        self.failed.emit(user_message(error))
        self.checked.emit()
        return True

    def _show_preview(self, preview: importing.ImportPreview) -> None:
        self.preview = preview
        self.problems.set_rows(preview.listed_problems)
        self.problem_view.resizeColumnsToContents()
        self.problem_view.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        text = preview.summary()
        if preview.ok and preview.ready:
            text += self.tr("文件没有问题，可以导入。")
        elif preview.problems:
            text += self.tr("请按下表改正文件后重新检查；也可以只导入没有问题的行。")
        self.summary.setText(text)
        notes = []
        if preview.unknown_columns:
            notes.append(self.tr("未识别的列（不会导入）：") + self.tr("、").join(preview.unknown_columns))
        for duplicate in preview.duplicates:
            notes.append(self.tr("第 {0} 行“{1}”已在名单中，不会重复添加：").replace("{0}", str(duplicate.row))
                         .replace("{1}", duplicate.name) + duplicate.existing)
        if preview.new_teams:
            notes.append(self.tr("将新建队伍：") + self.tr("、").join(preview.new_teams))
        self.notes.setText("\n".join(notes))
        file_level = any(p.row is None for p in preview.problems)
        self.import_all.setEnabled(preview.ok and preview.ready > 0)
        self.import_valid.setEnabled(bool(preview.problems) and not file_level and preview.ready > 0)
        self.checked.emit()

    def start_import(self, *, valid_rows_only: bool) -> None:
        if self.preview is None:
            return
        ctx, kind, path = self.context, self.kind, self.path_edit.text().strip()
        self.import_all.setEnabled(False)
        self.import_valid.setEnabled(False)
        self.summary.setText(self.tr("正在导入…"))
        self.run(Job(importing.run_import, ctx.db, ctx.actor, kind, path, valid_rows_only=valid_rows_only),
                 self._done, failed=self._check_failed, lane=Lane.LONG,
                 publishes={Topic.CHILDREN if kind == "children" else Topic.VOLUNTEERS, Topic.TEAMS})

    def _done(self, result: importing.ImportResult) -> None:
        self.summary.setText(result.summary())
        self.notes.setText("\n".join(str(p) for p in importing.listed(result.skipped_problems)))
        self.problems.set_rows(importing.listed(result.skipped_problems))
        self.preview = None
        self.imported.emit(result.summary())


def save_path(parent: QWidget, title: str, default_name: str, given: str | Path | None) -> str | None:
    """The file to write: the one given (tests, scripts) or the one the user picks."""
    if given is not None:
        return str(given)
    if not dialogs_enabled():
        return None
    chosen = file_picker.save_file(parent, title, default_name, "Excel (*.xlsx)", ".xlsx")
    return str(chosen) if chosen else None
