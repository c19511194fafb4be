"""The lines a social worker (and the child) write for a month's 给爸爸妈妈的信, with how many characters are left."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from qsh_desk.gui.context import AppContext
from qsh_desk.gui.icons import icon
from qsh_desk.gui.kernel import KernelDialog, Topic
from qsh_desk.services import letters


class LetterWordsDialog(KernelDialog):
    """老师的话 and 孩子的话 of one child's letter of one month; saved with letters.save_words."""

    loaded = Signal()
    saved = Signal(int)  # the letter's version

    def __init__(self, context: AppContext, child_id: int, child_name: str, month: str,
                 parent: QWidget | None = None):
        super().__init__(context, parent)
        self.child_id, self.month = child_id, month
        self.setObjectName("letterWords")
        self.setWindowTitle(self.tr("信里的话：{0}（{1}）").format(child_name, month))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.note = QPlainTextEdit()
        self.note.setPlaceholderText(self.tr("老师想对爸爸妈妈说的几句话（最多 {0} 字）").format(letters.MAX_NOTE))
        self.child_words = QPlainTextEdit()
        self.child_words.setPlaceholderText(self.tr("孩子想说的话，照孩子的原话写（最多 {0} 字）").format(
            letters.MAX_CHILD_WORDS))
        self.note_count, self.words_count = QLabel(), QLabel()
        form.addRow(self.tr("老师的话"), self.note)
        form.addRow("", self.note_count)
        form.addRow(self.tr("孩子的话"), self.child_words)
        form.addRow("", self.words_count)
        layout.addLayout(form)
        self.message = QLabel()
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.save_button = QPushButton(icon("save"), self.tr("保存"))
        self.save_button.setDefault(True)
        cancel = QPushButton(self.tr("取消"))
        buttons.addWidget(self.save_button)
        buttons.addWidget(cancel)
        layout.addLayout(buttons)
        self.save_button.clicked.connect(self.save)
        cancel.clicked.connect(self.reject)
        self.note.textChanged.connect(self._count)
        self.child_words.textChanged.connect(self._count)
        self._count()
        self.save_button.setEnabled(False)  # until what was written before is shown
        ctx = context
        self.run(lambda: letters.letter(ctx.db, ctx.actor, child_id, month), self._show,
                 failed=self._load_failed)

    def _count(self) -> None:
        for edit, line, most in ((self.note, self.note_count, letters.MAX_NOTE),
                                 (self.child_words, self.words_count, letters.MAX_CHILD_WORDS)):
            used = len(edit.toPlainText().strip())
            line.setText(self.tr("{0} / {1} 字").format(used, most))
            line.setStyleSheet("color: #b00020;" if used > most else "")

    def _show(self, data: letters.LetterData) -> None:
        self.note.setPlainText(data.note)
        self.child_words.setPlainText(data.child_words)
        self.save_button.setEnabled(True)
        self.loaded.emit()

    def _load_failed(self, error: BaseException) -> bool:
        # No parent on file yet, say: the words can still be written for when the letter is made.
        self.show_error(error)
        self.save_button.setEnabled(True)
        self.loaded.emit()
        return True

    def save(self) -> None:
        ctx, note, words = self.context, self.note.toPlainText(), self.child_words.toPlainText()
        self.run(lambda: letters.save_words(ctx.db, ctx.actor, self.child_id, self.month, note=note,
                                            child_words=words),
                 self._saved, busy=[self.save_button], publishes={Topic.ARCHIVE})

    def _saved(self, version: int) -> None:
        self.saved.emit(version)
        self.accept()
