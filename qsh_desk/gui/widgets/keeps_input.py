"""Forms that never lose what was typed: Esc and 取消 ask first when there is unsaved input, Enter never cancels."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox, QPushButton


class KeepsInput:
    """Mixin for a QDialog form (put it before QDialog): closing with unsaved input asks first.

    A form says what its input is in `typed_input()` (a value that compares equal when nothing changed); what
    it held when it was first shown counts as saved. 取消, Esc and the window's close button all go through
    `reject()`, which asks "放弃刚才填写的内容吗？" with 继续填写 as the default answer. Cancel buttons never take
    Enter: a volunteer who presses Enter to try a refused save again must not throw the form away.
    """

    discard_question: QMessageBox | None = None

    def typed_input(self) -> object | None:
        """What the user typed, comparable with an earlier value; None: nothing to keep."""
        return None

    def has_unsaved_input(self) -> bool:
        now = self.typed_input()
        return now is not None and now != getattr(self, "_kept_input", None)

    def showEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt's name
        if not hasattr(self, "_kept_input"):
            self._kept_input = self.typed_input()  # the form as it opened, filled or empty, counts as saved
            for button in self._cancel_buttons():
                button.setAutoDefault(False)  # Enter on a focused 取消 presses the default button (save) instead
        super().showEvent(event)  # type: ignore[misc]

    def _cancel_buttons(self) -> list[QPushButton]:
        buttons = [b for b in self.findChildren(QPushButton) if b.property("cancels")]  # type: ignore[attr-defined]
        for box in self.findChildren(QDialogButtonBox):  # type: ignore[attr-defined]
            buttons += [b for b in box.buttons() if box.buttonRole(b) == QDialogButtonBox.ButtonRole.RejectRole]
        return buttons

    def reject(self) -> None:
        if self.has_unsaved_input():
            self._ask_before_discarding()
            return
        super().reject()  # type: ignore[misc]

    def discard(self) -> None:
        """Close without saving and without asking (the user said so)."""
        self._kept_input = self.typed_input()
        super().reject()  # type: ignore[misc]

    def _ask_before_discarding(self) -> None:
        # A mixin has no tr() context of its own (self.tr() would look under each form's class), hence translate().
        title = QCoreApplication.translate("KeepsInput", "还没有保存")
        text = QCoreApplication.translate("KeepsInput", "刚才填写的内容还没有保存。放弃这些内容并关闭吗？")
        box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=self)  # type: ignore[arg-type]
        box.setObjectName("discardQuestion")
        keep = box.addButton(QCoreApplication.translate("KeepsInput", "继续填写"), QMessageBox.ButtonRole.RejectRole)
        drop = box.addButton(QCoreApplication.translate("KeepsInput", "放弃并关闭"),
                             QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        box.buttonClicked.connect(lambda button: self.discard() if button is drop else None)
        self.discard_question = box
        box.open()
