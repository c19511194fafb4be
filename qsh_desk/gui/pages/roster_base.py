"""What the children's and volunteers' pages share: the filter bar, the sortable table, and the roster actions
(new, edit, archive, delete, import, template, export) wired to the services off the GUI thread."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from qsh_desk.elsewhere import Job
from qsh_desk.gui.context import AppContext
from qsh_desk.gui.icons import icon
from qsh_desk.gui.kernel import EVERYTHING, Lane, MessageLine, Topic
from qsh_desk.gui.labels import label
from qsh_desk.gui.models.rows import RowsModel, SortProxy
from qsh_desk.gui.pages.base import Page
from qsh_desk.gui.widgets.flow import FlowLayout
from qsh_desk.gui.widgets.roster_widgets import ImportDialog, ask, save_path
from qsh_desk.gui.widgets.search_box import search_box
from qsh_desk.services import importing
from qsh_desk.services.access import Permission

SEARCH_DELAY_MS = 250  # search when typing pauses, not on every key


class RosterPage(Page):
    """A roster: filters on top, the table, the actions; subclasses say which rows, columns and editor."""

    permission = Permission.ROSTER_VIEW
    kind: str  # "children" | "volunteers"
    # Marked for lupdate (context "RosterPage"); translated where the filter is filled.
    status_titles: tuple[tuple[str, str], ...] = (("active", QT_TRANSLATE_NOOP("RosterPage", "在册")),
                                                  ("archived", QT_TRANSLATE_NOOP("RosterPage", "已归档")),
                                                  ("all", QT_TRANSLATE_NOOP("RosterPage", "全部")))

    rows_loaded = Signal()

    def __init__(self, context: AppContext, model: RowsModel, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.model = model
        self.editor: QWidget | None = None
        self.import_dialog: ImportDialog | None = None
        layout = QVBoxLayout(self)
        heading = QLabel(self.display_title())
        heading.setObjectName("pageHeading")
        layout.addWidget(heading)

        filters = FlowLayout()  # wraps in large type or a narrow window; the search box keeps room for its hint
        self.search = search_box(self.tr("搜索：姓名、拼音或首字母、卡号"))
        self.status = QComboBox()
        for value, title in self.status_titles:
            self.status.addItem(QCoreApplication.translate("RosterPage", title), value)
        filters.addWidget(self.search, 2)
        filters.addWidget(self.status)
        self.add_filters(filters)
        self.count = QLabel()
        filters.addWidget(self.count)
        layout.addLayout(filters)
        for combo in self.findChildren(QComboBox):  # a long school or team name must not widen the page
            if combo.sizeAdjustPolicy() == QComboBox.SizeAdjustPolicy.AdjustToContents:
                continue  # a filter of fixed choices ("过敏/疾病：不限") shows them whole
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(6)

        self.actions = actions = FlowLayout()
        self.new_button = QPushButton(icon("add"), self.tr("新增"))
        self.edit_button = QPushButton(icon("edit"), self.tr("编辑"))
        self.archive_button = QPushButton(self.tr("归档"))
        self.delete_button = QPushButton(icon("delete"), self.tr("彻底删除"))
        self.import_button = QPushButton(self.tr("导入…"))
        self.template_button = QPushButton(self.tr("保存导入模板…"))
        self.export_button = QPushButton(icon("backup"), self.tr("导出 Excel…"))
        for button in (self.new_button, self.edit_button, self.archive_button, self.delete_button):
            actions.addWidget(button)
        actions.addStretch(1)
        for button in (self.import_button, self.template_button, self.export_button):
            actions.addWidget(button)
        layout.addLayout(actions)
        actor = context.actor
        self.new_button.setVisible(self.can_add())
        self.edit_button.setText(self.tr("编辑") if actor.can(Permission.ROSTER_EDIT) else self.tr("查看"))
        self.archive_button.setVisible(actor.can(Permission.ROSTER_EDIT))
        self.delete_button.setVisible(actor.can(Permission.DELETE))
        self.import_button.setVisible(actor.can(Permission.ROSTER_EDIT))
        self.template_button.setVisible(actor.can(Permission.ROSTER_EDIT))
        self.export_button.setVisible(actor.can(Permission.EXPORT))

        self.proxy = SortProxy(self)
        self.proxy.setSourceModel(model)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        layout.addWidget(self.table, 1)
        self.message = MessageLine()
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.message)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.reload)
        self.search.textChanged.connect(lambda _text: self._search_timer.start())
        self.search.returnPressed.connect(self.search_entered)
        self.status.currentIndexChanged.connect(lambda _i: self.reload())
        self.new_button.clicked.connect(lambda: self.open_editor(None))
        self.edit_button.clicked.connect(self.edit_selected)
        self.archive_button.clicked.connect(self.archive_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.import_button.clicked.connect(self.open_import)
        self.template_button.clicked.connect(lambda: self.save_template())
        self.export_button.clicked.connect(lambda: self.export_to())
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._selection_changed())
        # Keyboard: Ctrl+F searches, Ctrl+N adds, Enter opens the selected row.
        QShortcut(QKeySequence.StandardKey.Find, self, activated=self.search.setFocus)
        if self.can_add():
            QShortcut(QKeySequence.StandardKey.New, self, activated=lambda: self.open_editor(None))
        # Only in the table: as a window shortcut it took every Enter, the search box's too.
        QShortcut(QKeySequence(Qt.Key.Key_Return), self.table, activated=self.edit_selected,
                  context=Qt.ShortcutContext.WidgetShortcut)
        self._loaded = False

    # --- for subclasses ---------------------------------------------------------------------------

    def add_filters(self, layout: FlowLayout) -> None:
        """Add the page's own filter boxes (and connect them to `reload`)."""

    def can_add(self) -> bool:
        return self.context.actor.can(Permission.ROSTER_EDIT)

    def current_query(self) -> Any:
        """Runs on the GUI thread: the filters as the service's query."""
        raise NotImplementedError

    def load(self, query: Any) -> Any:
        """Runs on the worker: the rows for the query (and anything else the filters need)."""
        raise NotImplementedError

    def show_loaded(self, result: Any) -> None:
        self.model.set_rows(result)

    def open_editor(self, row: Any | None) -> None:
        raise NotImplementedError

    def show_editor(self, editor: QDialog) -> None:
        """Open an edit form; the page's last message (an earlier 已保存) goes, so it never speaks for this form."""
        self.message.show_text("")
        self.editor = editor
        editor.saved.connect(lambda result: self.say(self.tr("已保存：") + result.name))  # type: ignore[attr-defined]
        editor.open()
        self.editor_opened.emit()

    def archive(self, row: Any) -> Any:
        raise NotImplementedError

    def history(self, row: Any) -> str:
        """Runs on the worker: what a delete would take with it ('' if nothing)."""
        raise NotImplementedError

    def delete(self, row: Any, confirm_history: bool) -> None:
        raise NotImplementedError

    def export(self, path: str) -> Job:
        """The export of this page's people to `path`, as a job for the long lane (its result has `summary()`)."""
        raise NotImplementedError

    topic: Topic  # what this page's rows are (published after its own writes)

    # --- behaviour --------------------------------------------------------------------------------

    def activated(self) -> None:
        self.reload()

    def refresh(self, topics: frozenset[Topic] = EVERYTHING) -> None:
        if self._loaded:
            self.reload()

    def reload(self) -> None:
        """Load the rows for the filters as they are now."""
        query = self.current_query()
        self.run(lambda: self.load(query), self._rows_arrived)

    def search_entered(self) -> None:
        """Enter in the search box acts on what was typed: the rows for it first (never the list before the
        filter caught up), then one match opens, several are there to choose from with ↓ ↑ and Enter."""
        self._search_timer.stop()
        query = self.current_query()

        def arrived(result: Any) -> None:
            self._rows_arrived(result)
            shown = self.model.rowCount()
            if shown == 0:
                self.say(self.tr("没有找到。可以试试拼音首字母；已归档的人要选“全部”才看得到。"), warning=True)
                return
            self.table.selectRow(0)
            self.table.setCurrentIndex(self.proxy.index(0, 0))
            if shown == 1:
                self.edit_selected()
            else:
                self.table.setFocus()
                self.say(self.tr("有 {0} 人符合。用 ↓ ↑ 选中，再按回车打开。").replace("{0}", str(shown)))

        self.run(lambda: self.load(query), arrived)

    def _rows_arrived(self, result: Any) -> None:
        first = not self._loaded
        self._loaded = True
        self.show_loaded(result)
        if first:
            self.table.resizeColumnsToContents()  # once: later refreshes keep the widths the user set
        shown = self.model.rowCount()
        self.count.setText(self.tr("共 {0} 人").replace("{0}", str(shown)))
        self._selection_changed()
        self.rows_loaded.emit()

    def selected(self) -> Any | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.proxy.row_at(index.row())

    def select_row(self, row_id: int) -> bool:
        for proxy_row in range(self.proxy.rowCount()):
            if self.proxy.row_at(proxy_row).id == row_id:
                self.table.selectRow(proxy_row)
                self.table.setCurrentIndex(self.proxy.index(proxy_row, 0))
                return True
        return False

    def _selection_changed(self) -> None:
        row = self.selected()
        self.edit_button.setEnabled(row is not None)
        self.archive_button.setEnabled(row is not None)
        self.delete_button.setEnabled(row is not None)
        if row is not None:
            self.archive_button.setText(self.archive_title(row))

    def archive_title(self, row: Any) -> str:
        return self.tr("归档") if row.active else self.tr("恢复")

    def edit_selected(self) -> None:
        row = self.selected()
        if row is not None:
            self.open_editor(row)

    def archive_selected(self) -> None:
        row = self.selected()
        if row is None:
            return
        title = self.archive_title(row)
        if not ask(self, title, self.tr("确定要{0}“{1}”吗？").replace("{0}", title).replace("{1}", row.name)):
            return
        self.run(lambda: self.archive(row), said=self.tr("已{0}：{1}").format(title, row.name), publishes={self.topic})

    def delete_selected(self) -> None:
        row = self.selected()
        if row is None:
            return
        first = self.tr("彻底删除“{0}”后无法恢复。通常应改为归档。确定要彻底删除吗？").replace("{0}", row.name)
        if not ask(self, self.tr("彻底删除"), first):
            return
        self.run(lambda: self.history(row), lambda history: self._delete_with(row, history))

    def _delete_with(self, row: Any, history: str) -> None:
        if history:
            second = self.tr("“{0}”有历史记录（{1}），会一并删除，台账中将缺少这些记录。仍然删除吗？") \
                .replace("{0}", row.name).replace("{1}", history)
            if not ask(self, self.tr("删除历史记录"), second):
                return
        self.run(lambda: self.delete(row, bool(history)), said=self.tr("已彻底删除：{0}").format(row.name),
                 publishes={self.topic})

    def open_import(self) -> ImportDialog:
        self.import_dialog = ImportDialog(self.context, self.kind, self)
        self.import_dialog.imported.connect(self.say)
        self.import_dialog.open()
        return self.import_dialog

    def save_template(self, path: str | None = None) -> None:
        name = label(importing.KINDS[self.kind])
        target = save_path(self, self.tr("保存导入模板"), self.tr("{0}导入模板.xlsx").format(name), path)
        if target is None:
            return
        kind, saved = self.kind, self.tr("已保存导入模板：{0}")
        self.run(lambda: saved.format(importing.write_template(kind, target)), self.say, lane=Lane.LONG)

    def export_to(self, path: str | None = None) -> None:
        name = label(importing.KINDS[self.kind])
        target = save_path(self, self.tr("导出名单"), self.tr("{0}名单.xlsx").format(name), path)
        if target is None:
            return
        self.run(self.export(target), lambda exported: self.say(exported.summary()), lane=Lane.LONG)
