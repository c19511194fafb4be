"""A barcode scanner told apart from a person at the keyboard, anywhere in the window.

A USB scanner "types" its code as a burst of keys a few milliseconds apart and ends it with Enter. Two things
go wrong when nobody watches for it:

- in a dialog, the burst acts as the dialog's keys — a digit picks a collector in the check-out dialog, the
  code becomes a child's name in the F2 form, the Enter confirms. So in a dialog, printable keys are held
  back for a moment (`HOLD_MS`, far below what a person notices); a burst that ends in Enter is taken out
  whole and reported to the dialog as a scan (`card_scanned(code)` if it has one, else a plain message),
  anything else is delivered as typed, in order;
- on the desk, after a stray Tab or a click on the here-now list, keys went to a button or the list and the
  scan was lost. Printable keys typed while the focus is on something that takes no text go to the desk's
  search box (its "typing target"), which checks in whatever was scanned.

A dialog that wants a scanner's codes as typed (a lending dialog reading book codes) sets `accepts_scans = True`.
One guard per application (`install`), as a single application-wide event filter: it looks at key presses
only and lets everything else through at once.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QToolTip,
    QWidget,
)

from qsh_desk.gui.desk_controller import SCANNER_MAX_MS_PER_KEY, burst_is_scanner

HOLD_MS = SCANNER_MAX_MS_PER_KEY + 15  # a scanner's next key always comes sooner; a person does not notice
ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
TEXT_WIDGETS = (QLineEdit, QPlainTextEdit, QTextEdit, QAbstractSpinBox)


def _tr(text: str) -> str:
    return QCoreApplication.translate("Scanner", text)


def scanned_in_a_dialog(code: str) -> str:
    """What a dialog says when a card is scanned into it."""
    return _tr("刚才扫了一张卡（{0}），这个窗口没有用它。请先在这里点完成或按 Esc 取消，再扫卡签到签退。").format(code)


@dataclass
class _HeldKey:
    target: QWidget
    key: int
    modifiers: Qt.KeyboardModifier
    text: str
    at: float  # time.perf_counter() when it arrived


def _is_printable(event: QKeyEvent) -> bool:
    text = event.text()
    blocked = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.MetaModifier
    return bool(text) and text.isprintable() and not (event.modifiers() & blocked)


def _takes_text(widget: QWidget) -> bool:
    if isinstance(widget, QComboBox):
        return widget.isEditable()
    return isinstance(widget, TEXT_WIDGETS)


class ScannerGuard(QObject):
    """The application's one scanner watcher (see the module's docstring)."""

    scanned = Signal(str, object)  # the code, and the dialog it was kept out of

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._held: list[_HeldKey] = []
        self._replaying = False
        self._typing_target: QWidget | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(HOLD_MS)
        self._timer.timeout.connect(self._deliver_held)

    # ---- the desk's search box

    def set_typing_target(self, widget: QWidget | None) -> None:
        """Where stray printable keys go (the desk's search box while the desk shows; None: nowhere)."""
        if self._typing_target is not None:
            try:
                self._typing_target.destroyed.disconnect(self._target_gone)
            except (RuntimeError, TypeError):
                pass
        self._typing_target = widget
        if widget is not None:
            widget.destroyed.connect(self._target_gone)

    def _target_gone(self) -> None:
        self._typing_target = None

    # ---- the filter

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() != QEvent.Type.KeyPress or self._replaying:
            return False
        focus = QApplication.focusWidget()
        if watched is not focus or focus is None:
            return False  # the same key on its way through the window and the parents: judged once
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QDialog) and getattr(dialog, "accepts_scans", False) is not True:
            return self._in_dialog(dialog, focus, event)
        return self._stray_on_desk(focus, event)

    def _in_dialog(self, dialog: QDialog, focus: QWidget, event: QKeyEvent) -> bool:
        now = time.perf_counter()
        if _is_printable(event):
            self._held.append(_HeldKey(focus, event.key(), event.modifiers(), event.text(), now))
            self._timer.start()
            return True
        if not self._held:
            return False
        if event.key() in ENTER_KEYS and burst_is_scanner([k.at for k in self._held] + [now]):
            code = "".join(k.text for k in self._held)
            self._held.clear()
            self._timer.stop()
            self._report(dialog, code)
            return True
        self._deliver_held()  # Tab, Backspace, Enter after typing: the held keys first, in order
        return False

    def _deliver_held(self) -> None:
        self._timer.stop()
        held, self._held = self._held, []
        self._replaying = True
        try:
            for key in held:
                if key.target is not None:
                    QApplication.sendEvent(key.target, QKeyEvent(QEvent.Type.KeyPress, key.key, key.modifiers,
                                                                 key.text))
        finally:
            self._replaying = False

    def _report(self, dialog: QDialog, code: str) -> None:
        if hasattr(dialog, "card_scanned"):
            dialog.card_scanned(code)
        else:
            QToolTip.showText(dialog.mapToGlobal(dialog.rect().center()), scanned_in_a_dialog(code), dialog)
        self.scanned.emit(code, dialog)

    def _stray_on_desk(self, focus: QWidget, event: QKeyEvent) -> bool:
        target = self._typing_target
        if (target is None or focus is target or not target.isVisible() or not target.isEnabled()
                or focus.window() is not target.window() or _takes_text(focus) or not _is_printable(event)):
            return False
        target.setFocus(Qt.FocusReason.OtherFocusReason)
        self._replaying = True
        try:
            QApplication.sendEvent(target, QKeyEvent(QEvent.Type.KeyPress, event.key(), event.modifiers(),
                                                     event.text()))
        finally:
            self._replaying = False
        return True


_guard: ScannerGuard | None = None


def install() -> ScannerGuard:
    """The application's guard, installed on first use."""
    global _guard
    app = QApplication.instance()
    if _guard is None or _guard.parent() is not app:
        _guard = ScannerGuard(app)
        app.installEventFilter(_guard)
    return _guard
