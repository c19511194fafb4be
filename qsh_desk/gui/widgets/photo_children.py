"""照片里的孩子: tick the children who are in a session's photo (a photo leaves the station only when each of them
has a guardian's photo consent)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from qsh_desk.gui.context import AppContext
from qsh_desk.gui.icons import icon
from qsh_desk.gui.kernel import KernelDialog, Topic
from qsh_desk.gui.widgets.pickers import TickList
from qsh_desk.services import letters
from qsh_desk.services.sessions import PersonRef


class PhotoChildrenDialog(KernelDialog):
    """The session's participants with a tick each; saved with letters.tag_photo."""

    loaded = Signal()
    saved = Signal(tuple)  # the ticked children's ids

    def __init__(self, context: AppContext, session_id: int, path: str, participants: Sequence[PersonRef],
                 parent: QWidget | None = None):
        super().__init__(context, parent)
        self.session_id, self.path = session_id, path
        self.setObjectName("photoChildren")
        self.setWindowTitle(self.tr("照片里的孩子"))
        layout = QVBoxLayout(self)
        hint = QLabel(self.tr("勾选照片里能认出的孩子。只有每个孩子都有照片同意书时，这张照片才会印在给爸爸妈妈的信上。"))
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.children = TickList(self.tr("这次活动的参与儿童"), self.tr("名儿童"))
        for person in participants:
            self.children.add(person, ticked=False)
        layout.addWidget(self.children, 1)
        self.message = QLabel()
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.save_button = QPushButton(icon("save"), self.tr("保存"))
        cancel = QPushButton(self.tr("取消"))
        buttons.addWidget(self.save_button)
        buttons.addWidget(cancel)
        layout.addLayout(buttons)
        self.save_button.clicked.connect(self.save)
        cancel.clicked.connect(self.reject)
        self.save_button.setEnabled(False)
        ctx = context
        self.run(lambda: letters.photo_children(ctx.db, ctx.actor, session_id, path), self._show)

    def _show(self, ticked: tuple[int, ...]) -> None:
        for person_id in ticked:
            self.children.add(PersonRef(person_id, ""), ticked=True)  # listed already: this only ticks
        self.save_button.setEnabled(True)
        self.loaded.emit()

    def save(self) -> None:
        ctx, ids = self.context, tuple(self.children.ticked_ids())
        self.run(lambda: letters.tag_photo(ctx.db, ctx.actor, self.session_id, self.path, ids), self._saved,
                 busy=[self.save_button], publishes={Topic.SESSIONS})

    def _saved(self, ids: tuple[int, ...]) -> None:
        self.saved.emit(ids)
        self.accept()
