"""类别管理 on the 十个梦 page: the station's dreams in order — rename, restyle, add, hide, move; history stays."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from qsh_desk.gui.context import AppContext
from qsh_desk.gui.icons import icon
from qsh_desk.gui.kernel import KernelDialog, KernelWidget, MessageLine, Topic
from qsh_desk.gui.widgets.forms import ok_cancel
from qsh_desk.gui.widgets.pickers import plain
from qsh_desk.gui.widgets.tables import cell, fill, selected_key, table
from qsh_desk.services import dreams
from qsh_desk.services.dreams import DreamInfo

# Icons a station can give a dream it adds (each drawn by qtawesome; a test draws them all).
DREAM_ICON_CHOICES = (
    "mdi6.star", "mdi6.heart", "mdi6.music", "mdi6.run", "mdi6.school", "mdi6.flag", "mdi6.tree", "mdi6.soccer",
    "mdi6.book-open-page-variant", "mdi6.account-heart",
)


class DreamDialog(KernelDialog):
    """Rename, describe and style a dream (or add a new one); it closes once the change is saved."""

    def __init__(self, context: AppContext, dream: DreamInfo | None, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.dream = dream
        self.setWindowTitle(self.tr("修改类别") if dream else self.tr("新增类别"))
        self.function_edit = QLineEdit(dream.function_name if dream else "")
        self.dream_edit = QLineEdit(dream.dream_name if dream else "")
        self.description_edit = QPlainTextEdit(dream.description or "" if dream else "")
        self.colour_edit = QLineEdit(dream.colour if dream else "#607d8b")
        self.icon_combo = QComboBox()
        choices = list(DREAM_ICON_CHOICES)
        if dream and dream.icon not in choices:
            choices.insert(0, dream.icon)
        for name in choices:
            self.icon_combo.addItem(icon(name), name, name)
        if dream:
            self.icon_combo.setCurrentIndex(self.icon_combo.findData(dream.icon))
        self.message = MessageLine()
        self.buttons = ok_cancel(self, self.save)
        form = QFormLayout(self)
        form.addRow(self.tr("功能名称（如 道德讲堂）"), self.function_edit)
        form.addRow(self.tr("梦的名称（如 好人梦）"), self.dream_edit)
        form.addRow(self.tr("说明"), self.description_edit)
        form.addRow(self.tr("颜色（#rrggbb）"), self.colour_edit)
        form.addRow(self.tr("图标"), self.icon_combo)
        form.addRow(self.message)
        form.addRow(self.buttons)

    def save(self) -> None:
        ctx, dream = self.context, self.dream
        values = {"function_name": plain(self.function_edit), "dream_name": plain(self.dream_edit),
                  "description": plain(self.description_edit), "colour": plain(self.colour_edit),
                  "icon": self.icon_combo.currentData()}
        if dream is None:
            work = lambda: dreams.add_dream(ctx.db, ctx.actor, **values)  # noqa: E731
        else:
            work = lambda: dreams.update_dream(ctx.db, ctx.actor, dream.id, **values)  # noqa: E731
        self.run(work, lambda _r: self.accept(), busy=[self.buttons], publishes={Topic.DREAMS})


class CatalogueTab(KernelWidget):
    """The dream catalogue for coordinators; the page loads the catalogue and hands it over (`show`)."""

    def __init__(self, context: AppContext, line: QLabel, parent: QWidget | None = None):
        super().__init__(context, line, parent)
        self.catalogue: list[DreamInfo] = []
        self.dialog: DreamDialog | None = None
        self.table = table([self.tr("顺序"), self.tr("功能"), self.tr("梦"), self.tr("活动数"), self.tr("状态"),
                            self.tr("说明")])
        self.table.setIconSize(QSize(24, 24))
        buttons = QHBoxLayout()
        self.up_button = QPushButton(icon("move_up"), self.tr("上移"))
        self.down_button = QPushButton(icon("move_down"), self.tr("下移"))
        self.edit_button = QPushButton(icon("edit"), self.tr("修改…"))
        self.add_button = QPushButton(icon("add"), self.tr("新增类别…"))
        self.hide_button = QPushButton(self.tr("停用 / 启用"))
        for button in (self.up_button, self.down_button, self.edit_button, self.add_button, self.hide_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        note = QLabel(self.tr("改名不会丢失历史：已记录的活动跟着类别走。停用的类别不再出现在新建活动里，统计仍保留。"))
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(note)
        self.up_button.clicked.connect(lambda: self.move_dream(-1))
        self.down_button.clicked.connect(lambda: self.move_dream(1))
        self.edit_button.clicked.connect(self.edit_dream)
        self.add_button.clicked.connect(self.add_dream)
        self.hide_button.clicked.connect(self.toggle_dream)
        self.table.doubleClicked.connect(lambda _i: self.edit_dream())

    def show_catalogue(self, catalogue: list[DreamInfo]) -> None:
        self.catalogue = catalogue
        selected = selected_key(self.table)
        rows = []
        for d in catalogue:
            name = cell(d.dream_name)
            name.setIcon(icon(d.icon, d.colour))
            rows.append((d.id, [d.sort_order, d.function_name, name, d.sessions,
                                self.tr("使用中") if d.active else self.tr("已停用"), d.description or ""]))
        fill(self.table, rows)
        if selected is not None:
            index = next((i for i, d in enumerate(catalogue) if d.id == selected), -1)
            self.table.selectRow(index)

    def selected(self) -> DreamInfo | None:
        dream_id = selected_key(self.table)
        return next((d for d in self.catalogue if d.id == dream_id), None)

    def move_dream(self, step: int) -> None:
        dream = self.selected()
        if dream is None:
            return
        order = [d.id for d in self.catalogue]
        index = order.index(dream.id)
        target = index + step
        if not 0 <= target < len(order):
            return
        order[index], order[target] = order[target], order[index]
        ctx = self.context
        self.run(lambda: dreams.reorder_dreams(ctx.db, ctx.actor, order), said=self.tr("顺序已保存。"),
                 publishes={Topic.DREAMS})

    def edit_dream(self) -> DreamDialog | None:
        dream = self.selected()
        if dream is None:
            return None
        return self._open(DreamDialog(self.context, dream, self), self.tr("类别已保存；它的活动记录都还在。"))

    def add_dream(self) -> DreamDialog:
        return self._open(DreamDialog(self.context, None, self), self.tr("类别已添加。"))

    def _open(self, dialog: DreamDialog, done_text: str) -> DreamDialog:
        self.dialog = dialog
        dialog.accepted.connect(lambda: self.say(done_text))
        dialog.open()
        return dialog

    def toggle_dream(self) -> None:
        dream = self.selected()
        if dream is None:
            return
        ctx = self.context
        self.run(lambda: dreams.update_dream(ctx.db, ctx.actor, dream.id, active=not dream.active),
                 said=self.tr("已停用：历史记录保留。") if dream.active else self.tr("已重新启用。"),
                 publishes={Topic.DREAMS})
