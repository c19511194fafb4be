"""结对帮扶 on the 十个梦 page: the pairings (overdue ones marked), their visits, and the forms to add both."""

from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from qsh_desk import clock
from qsh_desk.gui.context import AppContext
from qsh_desk.gui.icons import icon
from qsh_desk.gui.kernel import EVERYTHING, KernelDialog, KernelWidget, MessageLine, Topic
from qsh_desk.gui.widgets.forms import ok_cancel
from qsh_desk.gui.widgets.pickers import PersonPicker, date_edit, plain, to_date
from qsh_desk.gui.widgets.tables import cell, fill, selected_key, table
from qsh_desk.services import pairings, session_people
from qsh_desk.services.pairings import PairingInfo, VisitInfo


class PairingDialog(KernelDialog):
    """A new pairing: a volunteer or party member and a child, with a goal and how often to visit."""

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.setWindowTitle(self.tr("新建结对"))
        self.volunteer = PersonPicker(context, lambda t: session_people.search_volunteers(context.db, context.actor, t),
                                      self.tr("志愿者或党员：姓名或拼音"))
        self.child = PersonPicker(context, lambda t: session_people.search_children(context.db, context.actor, t),
                                  self.tr("儿童：姓名或拼音"))
        self.start = date_edit(clock.today())
        self.goal = QPlainTextEdit()
        self.goal.setTabChangesFocus(True)
        self.interval = QSpinBox()
        self.interval.setRange(0, 365)
        self.interval.setSpecialValueText(self.tr("按本站规则"))
        self.interval.setSuffix(self.tr(" 天"))
        self.message = MessageLine()
        self.buttons = ok_cancel(self, self.save)
        form = QFormLayout(self)
        form.addRow(self.tr("志愿者"), self.volunteer)
        form.addRow(self.tr("儿童"), self.child)
        form.addRow(self.tr("开始日期"), self.start)
        form.addRow(self.tr("帮扶目标"), self.goal)
        form.addRow(self.tr("多久走访一次"), self.interval)
        form.addRow(self.message)
        form.addRow(self.buttons)

    def save(self) -> None:
        """Create the pairing; the form closes only once it is saved (a refusal stays in the form)."""
        volunteer_id, child_id = self.volunteer.person_id, self.child.person_id
        if volunteer_id is None or child_id is None:
            self.say(self.tr("请先搜索并选好志愿者和儿童。"), error=True)
            return
        ctx = self.context
        values = {"started_on": to_date(self.start.date()), "goal": plain(self.goal),
                  "visit_interval_days": self.interval.value() or None}
        self.run(lambda: pairings.create_pairing(ctx.db, ctx.actor, volunteer_id=volunteer_id, child_id=child_id,
                                                 **values),
                 lambda _id: self.accept(), busy=[self.buttons], publishes={Topic.PAIRINGS})


class VisitDialog(KernelDialog):
    """One visit of a pairing: when, how, what was done and given, what comes next."""

    def __init__(self, context: AppContext, pairing: PairingInfo, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.pairing = pairing
        self.setWindowTitle(self.tr("记录走访：{0} → {1}").format(pairing.volunteer_name, pairing.child_name))
        self.day = date_edit(clock.today())
        self.kind = QComboBox()
        self.kind.addItems(list(pairings.VISIT_KINDS))
        self.what = QPlainTextEdit()
        self.items = QLineEdit()
        self.next_step = QLineEdit()
        self.what.setTabChangesFocus(True)
        self.message = MessageLine()
        self.buttons = ok_cancel(self, self.save)
        form = QFormLayout(self)
        form.addRow(self.tr("日期"), self.day)
        form.addRow(self.tr("方式"), self.kind)
        form.addRow(self.tr("做了什么"), self.what)
        form.addRow(self.tr("送了什么"), self.items)
        form.addRow(self.tr("下一步"), self.next_step)
        form.addRow(self.message)
        form.addRow(self.buttons)

    def save(self) -> None:
        ctx, pairing_id = self.context, self.pairing.id
        values = {"visited_on": to_date(self.day.date()), "kind": self.kind.currentText(),
                  "what_done": plain(self.what), "items_given": plain(self.items), "next_step": plain(self.next_step)}
        self.run(lambda: pairings.record_visit(ctx.db, ctx.actor, pairing_id, **values), lambda _r: self.accept(),
                 busy=[self.buttons], publishes={Topic.PAIRINGS})


class PairingsTab(KernelWidget):
    """The pairings with their visits; coordinators add and end pairings, everyone records visits."""

    watches = frozenset({Topic.PAIRINGS, Topic.CHILDREN, Topic.VOLUNTEERS})

    def __init__(self, context: AppContext, line: QLabel, can_manage: bool, parent: QWidget | None = None):
        super().__init__(context, line, parent)
        self.pairing_rows: dict[int, PairingInfo] = {}
        self.dialog: KernelDialog | None = None
        self.overdue_only = QCheckBox(self.tr("只看逾期未走访的"))
        self.table = table([self.tr("志愿者"), self.tr("儿童"), self.tr("开始"), self.tr("目标"),
                            self.tr("走访次数"), self.tr("上次走访"), self.tr("应走访日期"), self.tr("逾期天数")])
        self.visit_table = table([self.tr("日期"), self.tr("方式"), self.tr("做了什么"), self.tr("送了什么"),
                                  self.tr("下一步")])
        self.new_button = QPushButton(icon("pairing"), self.tr("新建结对"))
        self.new_button.setEnabled(can_manage)
        self.visit_button = QPushButton(icon("visit"), self.tr("记录走访"))
        self.end_button = QPushButton(self.tr("结束结对"))
        self.end_button.setEnabled(can_manage)
        self.summary = QLabel()
        actions = QHBoxLayout()
        for widget in (self.overdue_only, self.new_button, self.visit_button, self.end_button):
            actions.addWidget(widget)
        actions.addStretch(1)
        actions.addWidget(self.summary)
        layout = QVBoxLayout(self)
        layout.addLayout(actions)
        layout.addWidget(self.table, 2)
        layout.addWidget(QLabel(self.tr("所选结对的走访记录")))
        layout.addWidget(self.visit_table, 1)
        self.overdue_only.toggled.connect(lambda _on: self.load())
        self.table.itemSelectionChanged.connect(self.load_visits)
        self.new_button.clicked.connect(self.new_pairing)
        self.visit_button.clicked.connect(self.record_visit)
        self.end_button.clicked.connect(self.end_pairing)

    def refresh(self, topics: frozenset[Topic] = EVERYTHING) -> None:
        self.load()

    def load(self) -> None:
        ctx, overdue = self.context, self.overdue_only.isChecked()

        def work() -> list[PairingInfo]:
            if overdue:
                return pairings.overdue_pairings(ctx.db, ctx.actor)
            return pairings.list_pairings(ctx.db, ctx.actor)

        self.run(work, self.show_pairings)

    def show_pairings(self, rows: list[PairingInfo]) -> None:
        today = clock.today()
        selected = selected_key(self.table)  # kept across a refresh, so its visits stay in view
        self.pairing_rows = {p.id: p for p in rows}
        table_rows = []
        for p in rows:
            late = p.days_overdue(today)
            late_cell = cell(late or "")
            if late:
                late_cell.setForeground(QColor("#b71c1c"))
            table_rows.append((p.id, [p.volunteer_name, p.child_name, p.started_on, p.goal or "", p.visits,
                                      p.last_visit or self.tr("尚未走访"), p.due_on, late_cell]))
        fill(self.table, table_rows)
        if selected in self.pairing_rows:
            self.table.selectRow(list(self.pairing_rows).index(selected))
        overdue = sum(1 for p in rows if p.days_overdue(today))
        self.summary.setText(self.tr("结对 {0} 个，其中 {1} 个逾期未走访").format(len(rows), overdue))

    def load_visits(self) -> None:
        pairing_id = selected_key(self.table)
        if pairing_id is None:
            fill(self.visit_table, [])
            return
        ctx = self.context
        self.run(lambda: pairings.list_visits(ctx.db, ctx.actor, pairing_id), self.show_visits)

    def show_visits(self, visits: list[VisitInfo]) -> None:
        fill(self.visit_table, [(v.id, [v.visited_on, v.kind, v.what_done or "", v.items_given or "",
                                        v.next_step or ""]) for v in visits])

    def selected(self) -> PairingInfo | None:
        return self.pairing_rows.get(selected_key(self.table))

    def new_pairing(self) -> PairingDialog:
        self.dialog = PairingDialog(self.context, self)
        self.dialog.accepted.connect(lambda: self.say(self.tr("结对已建立。")))
        self.dialog.open()
        return self.dialog

    def record_visit(self) -> VisitDialog | None:
        pairing = self.selected()
        if pairing is None:
            self.say(self.tr("请先在列表里选一个结对。"), error=True)
            return None
        self.dialog = VisitDialog(self.context, pairing, self)
        self.dialog.accepted.connect(lambda: self.say(self.tr("走访已记录。")))
        self.dialog.open()
        return self.dialog

    def end_pairing(self) -> None:
        pairing = self.selected()
        if pairing is None:
            return
        ctx = self.context
        self.run(lambda: pairings.update_pairing(ctx.db, ctx.actor, pairing.id, goal=pairing.goal,
                                                 started_on=pairing.started_on,
                                                 ended_on=max(clock.today(), pairing.started_on),
                                                 visit_interval_days=pairing.visit_interval_days
                                                 if pairing.own_interval else None),
                 said=self.tr("结对已结束（记录保留）。"), publishes={Topic.PAIRINGS})
