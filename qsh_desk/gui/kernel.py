"""The page kernel: how a page or a form runs work off the GUI thread, says what happened, and refreshes.

One mechanism for every page (the Anki model: an operation, then the changes it made):
- `Topic` names the kinds of data that change; a write publishes the topics it touched, and each page declares
  the topics it `watches`. A page on screen refreshes at once; a hidden page only notes that it is stale and
  refreshes when it is shown again — so nothing is read (and audited) for a view nobody is looking at.
- `Operations.run(work, …)` runs a callable on a lane of the worker (`Lane.DESK` for the short calls a desk action
  waits for, `Lane.LONG` for imports, exports, PDFs and backups), delivers the result on the GUI thread, then
  publishes its topics.
- Errors have one path: `user_message()` says in plain words what the user can fix (and logs a bug with its
  traceback as 内部错误); `say()` shows it on the page's one message line, where a test can wait for it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from enum import StrEnum
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from qsh_desk.gui.errors import user_message
from qsh_desk.gui.widgets.keeps_input import KeepsInput

if TYPE_CHECKING:
    from qsh_desk.gui.context import AppContext


def _account_lost(error: BaseException) -> bool:
    from qsh_desk.services.access import AccountChanged  # the services load after the window shows

    return isinstance(error, AccountChanged)


class Topic(StrEnum):
    """A kind of data that a write changes and a view shows."""

    VISITS = "visits"  # check-ins, check-outs, corrections, closing
    CHILDREN = "children"
    VOLUNTEERS = "volunteers"
    TEAMS = "teams"
    SESSIONS = "sessions"  # 十个梦 sessions, their participants and photos
    DREAMS = "dreams"  # the catalogue of dreams
    PAIRINGS = "pairings"
    ARCHIVE = "archive"  # 父母档案
    DUTY = "duty"  # duty posts and assignments
    PLANS = "plans"  # planned sessions
    CALENDAR = "calendar"
    SETTINGS = "settings"
    STATION = "station"
    USERS = "users"
    CERTIFICATES = "certificates"
    WISHES = "wishes"  # 微心愿
    LENDING = "lending"  # 器材与图书: items, copies, loans


EVERYTHING = frozenset(Topic)  # after a restore: every view shows other data


class Lane(StrEnum):
    """Which worker thread runs a call: a desk action never waits behind a long job."""

    DESK = "desk"
    LONG = "long"
    PHOTOS = "photos"  # decoding photos at thumbnail size: no database, never waits behind either of the above


class Changes(QObject):
    """Announces, after a write, which kinds of data it changed, so that the views that show them refresh.

    The change says where it came from (its origin), so that a view that already shows the result of its
    own write can skip refreshing for it.
    """

    changed = Signal(object, object)  # frozenset[Topic], the origin (or None)
    # The acting account was disabled or given another role since it logged in (the message): the window locks.
    account_lost = Signal(str)

    def publish(self, topics: Iterable[Topic], origin: object | None = None) -> None:
        topics = frozenset(topics)
        if topics:
            self.changed.emit(topics, origin)


class MessageLine(QLabel):
    """The one line where a page or form says what happened: green for done, red for a problem.

    A problem said here goes away as soon as the user changes something in the page or form the line belongs to
    (types, picks, ticks): a red refusal left on screen after its cause was fixed reads as a new one.
    """

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("messageLine")
        self.setWordWrap(True)
        self.hide()
        self._edit_watch: list[tuple[Any, Callable[..., None]]] = []

    STYLES = {"ok": "color: #1b5e20; font-weight: bold;", "warning": "color: #e65100; font-weight: bold;",
              "error": "color: #b71c1c; font-weight: bold;"}

    def show_text(self, text: str, *, error: bool = False, warning: bool = False) -> None:
        kind = "error" if error else "warning" if warning else "ok"
        self.setProperty("kind", kind)
        self.setStyleSheet(self.STYLES[kind])
        self.setText(text)
        self.setVisible(bool(text))
        self._stop_watching()
        if error and text:
            self._clear_on_next_edit()

    def _scope(self) -> QWidget | None:
        """The page or form this line speaks for: the nearest ancestor that runs work through the kernel."""
        widget = self.parentWidget()
        while widget is not None and not isinstance(widget, Operations):
            widget = widget.parentWidget()
        return widget if widget is not None else self.parentWidget()

    def _clear_on_next_edit(self) -> None:
        scope = self._scope()
        if scope is None:
            return
        # Signals a person's edit sends and a program's own setText does not (a spin box's or an editable
        # combo's text is a QLineEdit inside it); a text area counts only while it has the focus.
        for edit in scope.findChildren(QLineEdit):
            self._watch(edit.textEdited, lambda _text: self._edited())
        for combo in scope.findChildren(QComboBox):
            self._watch(combo.activated, lambda _index: self._edited())
        for button in scope.findChildren(QAbstractButton):
            if button.isCheckable():
                self._watch(button.clicked, lambda _checked=False: self._edited())
        for area in (*scope.findChildren(QPlainTextEdit), *scope.findChildren(QTextEdit)):
            self._watch(area.textChanged, lambda area=area: area.hasFocus() and self._edited())

    def _watch(self, signal: Any, slot: Callable[..., None]) -> None:
        signal.connect(slot)
        self._edit_watch.append((signal, slot))

    def _stop_watching(self) -> None:
        for signal, slot in self._edit_watch:
            try:
                signal.disconnect(slot)
            except (RuntimeError, TypeError):  # the widget has gone since
                pass
        self._edit_watch = []

    def _edited(self) -> None:
        if shiboken6.isValid(self):
            self._stop_watching()
            self.clear()
            self.hide()


class Operations:
    """The kernel's surface for a widget with a context: run work, say things, show errors, watch topics.

    Mixed into `Page` and into forms; the widget provides `message_shown` (a Signal(str)) and may override
    `message_line()` to name where its messages go, and `refresh()` to reload what it shows.
    """

    context: AppContext
    watches: frozenset[Topic] = frozenset()
    # True for a view whose own writes return what it then shows (the desk): it skips the refresh they publish.
    shows_own_changes = False

    # ---- running work

    def run(
        self,
        work: Callable[[], Any],
        done: Callable[[Any], None] | None = None,
        *,
        failed: Callable[[BaseException], bool | None] | None = None,
        publishes: Iterable[Topic] = (),
        said: str | None = None,
        busy: Iterable[QWidget] = (),
        line: QLabel | None = None,
        lane: Lane = Lane.DESK,
    ) -> None:
        """Run `work()` off the GUI thread; on success say `said`, call `done(result)`, then publish `publishes`.

        `busy` widgets (a save button) are disabled meanwhile. On failure `failed(error)` may handle it (return
        True); otherwise the error is said on the message line (`line`, or the widget's own) — whatever was
        typed stays where it was.
        """
        widgets = [w for w in busy if w is not None]
        # Disabling the focused save button hands the focus on (to 取消): take it back when the work is done,
        # so that Enter after a refusal tries again instead of pressing whatever the focus fell to.
        focused = QApplication.focusWidget()
        focused = focused if focused in widgets else None
        for widget in widgets:
            widget.setEnabled(False)
        topics = frozenset(publishes)

        def enable_again() -> None:
            for widget in widgets:
                widget.setEnabled(True)
            if focused is not None and shiboken6.isValid(focused) and focused.isVisible():
                focused.setFocus()

        def succeeded(result: Any) -> None:
            if not shiboken6.isValid(self):  # the widget went away while its work ran: nobody to tell
                return
            enable_again()
            if said is not None:
                self.say(said, line=line)
            if done is not None:
                done(result)
            self.context.changes.publish(topics, origin=self)

        def went_wrong(error: BaseException) -> None:
            if not shiboken6.isValid(self):
                return
            enable_again()
            if _account_lost(error):
                self.context.changes.account_lost.emit(self.show_error(error, line=line))
                return
            if failed is not None and failed(error):
                return
            self.show_error(error, line=line)

        self.context.tasks.run(work, succeeded, went_wrong, lane=lane)

    # ---- messages

    def message_line(self) -> QLabel | None:
        """Where this widget's messages are shown (None: only `message_shown` carries them)."""
        return getattr(self, "message", None)

    def say(self, text: str, *, error: bool = False, warning: bool = False, line: QLabel | None = None) -> None:
        """Show `text` on `line` (or the widget's message line) and announce it on `message_shown`."""
        line = line if line is not None else self.message_line()
        if isinstance(line, MessageLine):
            line.show_text(text, error=error, warning=warning)
        elif line is not None:
            line.setText(text)
        self.message_shown.emit(text)  # type: ignore[attr-defined]

    def show_error(self, error: BaseException, *, line: QLabel | None = None) -> str:
        """Say what went wrong: the user's problem in plain words, or 内部错误 (logged) for a bug."""
        message = user_message(error)
        self.say(message, error=True, line=line)
        return message

    # ---- watching changes

    def watch_changes(self) -> None:
        """Start following the topics this widget `watches` (call once its widgets exist)."""
        self._stale = False
        self.context.changes.changed.connect(self._changes_published)

    def _changes_published(self, topics: frozenset[Topic], origin: object | None = None) -> None:
        if (origin is self and self.shows_own_changes) or not (topics & self.watches):
            return
        if self.isVisible():  # type: ignore[attr-defined]
            self.refresh(topics)
        else:
            self._stale = True

    def refresh_if_stale(self) -> bool:
        """Refresh when something this widget shows changed while it was hidden; True if it did."""
        if getattr(self, "_stale", False):
            self._stale = False
            self.refresh(EVERYTHING)
            return True
        return False

    def refresh(self, topics: frozenset[Topic]) -> None:
        """Reload what changed (off the GUI thread); `topics` says which kinds of data did."""


class KernelDialog(KeepsInput, Operations, QDialog):
    """A form or wizard that does its own database work through the kernel (its errors stay in the dialog).

    A form that says what was typed (`typed_input`) asks before closing with it unsaved (KeepsInput).
    """

    message_shown = Signal(str)

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context


class KernelWidget(Operations, QWidget):
    """A part of a page (a tab) that does its own work and says things on its page's message line."""

    message_shown = Signal(str)

    def __init__(self, context: AppContext, line: QLabel | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self._line = line
        self.watch_changes()
        self._stale = True  # loaded when first shown

    def message_line(self) -> QLabel | None:
        return self._line

    def showEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt's name
        super().showEvent(event)
        self.refresh_if_stale()  # a tab catches up with what changed while another tab was showing
