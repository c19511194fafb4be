"""器材与图书: lend and take back by scanner, the inventory, loans now (overdue marked), a stocktake mode."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from qsh_desk.gui.context import AppContext
from qsh_desk.gui.icons import icon
from qsh_desk.gui.kernel import EVERYTHING, KernelDialog, MessageLine, Topic
from qsh_desk.gui.pages.base import Page
from qsh_desk.gui.widgets.flow import FlowLayout
from qsh_desk.gui.widgets.forms import ok_cancel
from qsh_desk.gui.widgets.pickers import plain
from qsh_desk.gui.widgets.tables import cell, fill, selected_key, table
from qsh_desk.services import lending
from qsh_desk.services.access import Permission
from qsh_desk.services.lending import ItemRow, LoanRow, Scanned

LENDING_TOPICS = frozenset({Topic.LENDING})


class AddItemDialog(KernelDialog):
    """Register an item and its copies; the codes it gets are said at once (to write on, or print as labels)."""

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.setWindowTitle(self.tr("登记器材或图书"))
        self.name = QLineEdit()
        self.kind = QComboBox()
        self.kind.addItems(list(lending.KINDS))
        self.copies = QSpinBox()
        self.copies.setRange(1, lending.MAX_COPIES)
        self.isbn = QLineEdit()
        self.isbn.setPlaceholderText(self.tr("图书可扫背面的条码"))
        self.location = QLineEdit()
        self.may_leave = QCheckBox(self.tr("可以借回家"))
        self.may_leave.setChecked(True)
        self.donor = QLineEdit()
        self.donor.setPlaceholderText(self.tr("捐赠的写捐赠人或单位；购置的不填"))
        self.message = MessageLine()
        self.buttons = ok_cancel(self, self.save)
        form = QFormLayout(self)
        form.addRow(self.tr("名称"), self.name)
        form.addRow(self.tr("类别"), self.kind)
        form.addRow(self.tr("数量"), self.copies)
        form.addRow(self.tr("ISBN"), self.isbn)
        form.addRow(self.tr("存放"), self.location)
        form.addRow(self.may_leave)
        form.addRow(self.tr("捐赠人"), self.donor)
        form.addRow(self.message)
        form.addRow(self.buttons)
        self.added: lending.ItemAdded | None = None

    def save(self) -> None:
        ctx, donor = self.context, plain(self.donor)
        values = {"kind": self.kind.currentText(), "copies": self.copies.value(), "isbn": plain(self.isbn),
                  "location": plain(self.location), "may_leave": self.may_leave.isChecked(),
                  "source": "donation" if donor else "purchase", "donor": donor}
        name = plain(self.name)

        def done(added: lending.ItemAdded) -> None:
            self.added = added
            self.accept()

        self.run(lambda: lending.add_item(ctx.db, ctx.actor, name, **values), done, busy=[self.buttons],
                 publishes=LENDING_TOPICS)


class ItemsPage(Page):
    key = "items"
    title = QT_TRANSLATE_NOOP("Page", "器材与图书")
    icon_name = "items"
    permission = Permission.LEND
    watches = frozenset({Topic.LENDING, Topic.CHILDREN, Topic.SETTINGS})

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.can_manage = context.actor.can(Permission.ITEMS_MANAGE)
        self.child: Scanned | None = None  # a child scanned first: the items scanned next are lent to them
        self.copy: Scanned | None = None  # an item scanned first: the child scanned next borrows it
        self.stocktaking = False
        self.seen: list[str] = []
        self.dialog: KernelDialog | None = None
        heading = QLabel(self.tr("器材与图书"))
        heading.setObjectName("pageHeading")
        self.scan_box = QLineEdit()
        self.scan_box.setObjectName("itemsScan")
        self.scan_box.setPlaceholderText(self.tr("扫描物品编码和孩子的卡；归还只扫物品"))
        self.scan_box.returnPressed.connect(self.scanned)
        self.pending = QLabel()
        self.message = MessageLine()
        self.add_button = QPushButton(icon("add"), self.tr("登记物品…"))
        self.add_button.clicked.connect(self.add_item)
        self.stocktake_button = QPushButton(icon("search"), self.tr("开始盘点"))
        self.stocktake_button.clicked.connect(self.toggle_stocktake)
        for button in (self.add_button, self.stocktake_button):
            button.setEnabled(self.can_manage)
        self.overdue_only = QCheckBox(self.tr("只看逾期的"))
        self.overdue_only.toggled.connect(lambda _on: self.load())
        self.loans = table([self.tr("编码"), self.tr("物品"), self.tr("孩子"), self.tr("借出"), self.tr("应还"),
                            self.tr("逾期")])
        self.items = table([self.tr("名称"), self.tr("类别"), self.tr("数量"), self.tr("借出"), self.tr("状况"),
                            self.tr("存放"), self.tr("编码")])
        self.history = QLabel()
        self.history.setWordWrap(True)
        self.items.itemSelectionChanged.connect(self.load_history)
        register = QWidget()
        register_layout = QVBoxLayout(register)
        register_layout.setContentsMargins(0, 0, 0, 0)
        register_layout.addWidget(self.items, 1)
        register_layout.addWidget(self.history)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.loans, self.tr("借出中"))
        self.tabs.addTab(register, self.tr("台账"))
        bar = FlowLayout()
        for widget in (self.overdue_only, self.add_button, self.stocktake_button):
            bar.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.scan_box)
        layout.addWidget(self.pending)
        layout.addWidget(self.message)
        layout.addLayout(bar)
        layout.addWidget(self.tabs, 1)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, activated=self.forget,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)

    def activated(self) -> None:
        self.refresh(EVERYTHING)
        self.scan_box.setFocus()

    def refresh(self, topics: frozenset[Topic] = EVERYTHING) -> None:
        self.load()

    def load(self) -> None:
        ctx, overdue = self.context, self.overdue_only.isChecked()
        self.run(lambda: (lending.list_loans(ctx.db, ctx.actor, overdue_only=overdue),
                          lending.list_items(ctx.db, ctx.actor)), self.show_lists)

    def show_lists(self, result: tuple[list[LoanRow], list[ItemRow]]) -> None:
        loans, items = result
        rows = []
        for r in loans:
            late = cell(self.tr("{0} 天").format(r.overdue_days) if r.overdue else "")
            if r.overdue:
                late.setForeground(QColor("#b71c1c"))
            rows.append((r.id, [r.code, r.item, r.child, f"{r.since:%m-%d}", f"{r.due:%m-%d}", late]))
        fill(self.loans, rows)
        fill(self.items, [(i.id, [i.name, i.kind, i.copies, i.out, "、".join(f"{t} {n}" for t, n in i.conditions.items()),
                                  i.location or "", " ".join(i.codes)]) for i in items])

    def load_history(self) -> None:
        """The selected item's history: its loans, returns and changes of condition."""
        item_id = selected_key(self.items)
        if item_id is None:
            self.history.clear()
            return
        ctx = self.context
        self.run(lambda: lending.item_history(ctx.db, ctx.actor, item_id), self._show_history)

    def _show_history(self, lines: list[lending.HistoryLine]) -> None:
        shown = [f"{line.at:%Y-%m-%d} {line.code} {line.text}" for line in lines[:8]]
        self.history.setText("\n".join(shown) if shown else self.tr("还没有借阅记录。"))

    # ---- scanning

    def scanned(self) -> None:
        """One scan (or typed code and Enter): an item or a child's card, and what it means now."""
        code = self.scan_box.text().strip()
        self.scan_box.clear()
        if not code:
            return
        if self.stocktaking:
            self.seen.append(code)
            self.say(self.tr("盘点：已扫 {0} 件").format(len(self.seen)))
            return
        ctx = self.context
        self.run(lambda: lending.scan(ctx.db, ctx.actor, code), self._identified)

    def _identified(self, what: Scanned) -> None:
        ctx = self.context
        if what.kind == "child":
            self.child = what
            if self.copy is not None:
                self._lend(self.copy.code, what)
                return
            self._show_pending()
            self.say(self.tr("{0}：请扫描要借的物品。").format(what.name))
        elif what.out_to is not None:  # an item out: one scan brings it back
            self.run(lambda: lending.return_item(ctx.db, ctx.actor, what.code),
                     lambda loan: self.say(self.tr("“{0}”已由 {1} 归还。").format(loan.item, loan.child)),
                     publishes=LENDING_TOPICS)
        elif self.child is not None:
            self._lend(what.code, self.child)
        else:
            self.copy = what
            self._show_pending()
            self.say(self.tr("“{0}”：请扫描孩子的卡。").format(what.name))

    def _lend(self, code: str, child: Scanned) -> None:
        ctx, child_id = self.context, child.child_id
        self.copy = None

        def done(loan: LoanRow) -> None:
            self._show_pending()
            self.say(self.tr("“{0}”借给 {1}，应还日期 {2}。").format(loan.item, loan.child, f"{loan.due:%Y-%m-%d}"))

        self.run(lambda: lending.lend(ctx.db, ctx.actor, code, child_id), done, publishes=LENDING_TOPICS)

    def _show_pending(self) -> None:
        if self.child is not None:
            self.pending.setText(self.tr("正在借给：{0}（Esc 结束）").format(self.child.name))
        elif self.copy is not None:
            self.pending.setText(self.tr("待借出：{0}（Esc 放弃）").format(self.copy.name))
        else:
            self.pending.clear()

    def forget(self) -> None:
        """Esc: done with this child (or this item)."""
        self.child = self.copy = None
        self._show_pending()
        self.scan_box.setFocus()

    # ---- managing

    def add_item(self) -> KernelDialog:
        self.dialog = AddItemDialog(self.context, self)
        self.dialog.accepted.connect(lambda: self.say(self.tr("已登记，编码：{0}").format(
            " ".join(self.dialog.added.codes) if self.dialog and self.dialog.added else "")))
        self.dialog.open()
        return self.dialog

    def toggle_stocktake(self) -> None:
        """盘点: scan everything on the shelves, then press again to see what is missing."""
        if not self.stocktaking:
            self.stocktaking, self.seen = True, []
            self.stocktake_button.setText(self.tr("完成盘点"))
            self.say(self.tr("盘点中：把架子上的每一件都扫一下，扫完按“完成盘点”。"))
            self.scan_box.setFocus()
            return
        self.stocktaking = False
        self.stocktake_button.setText(self.tr("开始盘点"))
        ctx, seen = self.context, list(self.seen)
        self.run(lambda: lending.stocktake(ctx.db, ctx.actor, seen), self._stocktaken, publishes=LENDING_TOPICS)

    def _stocktaken(self, result: lending.Stocktake) -> None:
        text = self.tr("盘点完成：找到 {0} 件，借出 {1} 件，缺少 {2} 件").format(
            len(result.found), len(result.out), len(result.missing))
        if result.missing:
            text += self.tr("：{0}").format("、".join(f"{name}（{code}）" for code, name in result.missing))
        self.say(text, warning=bool(result.missing))
