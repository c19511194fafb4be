"""排班与计划: the month's opening days, duty posts volunteers claim by keyboard, and planned sessions."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTabWidget,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from qsh_desk import clock
from qsh_desk.gui.context import AppContext
from qsh_desk.gui.errors import dialogs_enabled
from qsh_desk.gui.kernel import MessageLine, Topic
from qsh_desk.gui.labels import label
from qsh_desk.gui.pages.base import Page
from qsh_desk.gui.widgets.forms import ok_cancel
from qsh_desk.gui.widgets.tables import cell
from qsh_desk.services import calendar, duty, plans, session_people, sessions
from qsh_desk.services.access import Permission

GAP_COLOUR = QColor("#ffe0b2")


def _month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def _shift_month(first: dt.date, months: int) -> dt.date:
    index = first.year * 12 + first.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _weekday(day: dt.date) -> str:
    """周一 … 周日 in the interface language."""
    return label(calendar.WEEKDAY_NAMES[day.weekday()])




class PlanDialog(QDialog):
    """A short form for a planned session."""

    def __init__(self, dreams: list[tuple[int, str]], day: dt.date, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("新增活动计划"))
        form = QFormLayout(self)
        self.day_value = day
        self.dream = QComboBox()
        for dream_id, title in dreams:
            self.dream.addItem(title, dream_id)
        self.starts = QTimeEdit(dt.time(9, 30))
        self.ends = QTimeEdit(dt.time(11, 0))
        self.theme = QLineEdit()
        self.place = QLineEdit(self.tr("亲善之家活动室"))
        self.materials = QLineEdit()
        form.addRow(self.tr("日期"), QLabel(day.isoformat()))
        form.addRow(self.tr("梦"), self.dream)
        form.addRow(self.tr("开始"), self.starts)
        form.addRow(self.tr("结束"), self.ends)
        form.addRow(self.tr("主题"), self.theme)
        form.addRow(self.tr("地点"), self.place)
        form.addRow(self.tr("材料"), self.materials)
        form.addRow(ok_cancel(self))

    def draft(self) -> plans.PlanDraft:
        return plans.PlanDraft(
            day=self.day_value,
            starts_at=self.starts.time().toPython(),
            ends_at=self.ends.time().toPython(),
            dream_id=self.dream.currentData(),
            theme=self.theme.text(),
            place=self.place.text(),
            materials=self.materials.text(),
        )


class DutyPage(Page):
    key = "duty"
    title = QT_TRANSLATE_NOOP("Page", "排班与计划")
    icon_name = "duty"
    permission = Permission.DESK
    watches = frozenset({Topic.DUTY, Topic.PLANS, Topic.CALENDAR, Topic.SESSIONS, Topic.VOLUNTEERS, Topic.VISITS})

    def __init__(self, context: AppContext, parent: QWidget | None = None, today: dt.date | None = None):
        super().__init__(context, parent)
        self.today = today or clock.today()
        self.month = _month_start(self.today)
        self.can_manage = context.actor.can(Permission.SESSION_MANAGE)
        self.roster: list[duty.DayDuty] = []
        self.plan_rows: list[plans.PlanRow] = []
        self.days: list[calendar.OpeningDay] = []
        self.candidates: list[sessions.PersonRef] = []

        layout = QVBoxLayout(self)
        header = QHBoxLayout()
        self.previous_button = QPushButton("◀ " + self.tr("上个月"))
        self.next_button = QPushButton(self.tr("下个月") + " ▶")
        self.month_label = QLabel()
        self.month_label.setObjectName("pageHeading")
        header.addWidget(self.previous_button)
        header.addWidget(self.month_label, 1, Qt.AlignmentFlag.AlignCenter)
        header.addWidget(self.next_button)
        layout.addLayout(header)
        self.previous_button.clicked.connect(lambda: self.show_month(_shift_month(self.month, -1)))
        self.next_button.clicked.connect(lambda: self.show_month(_shift_month(self.month, 1)))

        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_duty_tab(), self.tr("值班表"))
        self.tabs.addTab(self._build_plans_tab(), self.tr("活动计划"))
        self.tabs.addTab(self._build_calendar_tab(), self.tr("开放日历"))
        layout.addWidget(self.tabs, 1)
        self.status = MessageLine()
        layout.addWidget(self.status)

    # ---- building ---------------------------------------------------------------------------------------

    def _build_duty_tab(self) -> QWidget:
        tab = QWidget()
        layout = QHBoxLayout(tab)
        self.day_list = QListWidget()
        self.day_list.setMaximumWidth(260)
        self.day_list.currentRowChanged.connect(self._show_day)
        layout.addWidget(self.day_list)
        right = QVBoxLayout()
        self.posts_table = QTableWidget(0, 5)
        self.posts_table.setHorizontalHeaderLabels(
            [self.tr("岗位"), self.tr("时间"), self.tr("需要"), self.tr("已安排"), self.tr("缺")]
        )
        self.posts_table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.posts_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.posts_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        right.addWidget(self.posts_table, 1)

        claim_row = QHBoxLayout()
        claim_row.addWidget(QLabel(self.tr("认领岗位：输入姓名或拼音首字母，按回车")))
        self.claim_search = QLineEdit()
        self.claim_search.setObjectName("claimSearch")
        self.claim_search.setPlaceholderText(self.tr("例如 wf 或 王芳"))
        self.claim_search.textChanged.connect(self._search_volunteers)
        self.claim_search.returnPressed.connect(self.claim_top_candidate)
        claim_row.addWidget(self.claim_search, 1)
        right.addLayout(claim_row)
        self.candidate_list = QListWidget()
        self.candidate_list.setMaximumHeight(110)
        self.candidate_list.itemActivated.connect(lambda item: self.claim(item.data(Qt.ItemDataRole.UserRole)))
        right.addWidget(self.candidate_list)

        callers_row = QHBoxLayout()
        self.callers_button = QPushButton(self.tr("补缺可联系的志愿者"))
        self.callers_button.clicked.connect(self._load_callers)
        self.unassign_button = QPushButton(self.tr("取消所选岗位上的最后一人"))
        self.unassign_button.setVisible(self.can_manage)
        self.unassign_button.clicked.connect(self._unassign_selected)
        callers_row.addWidget(self.callers_button)
        callers_row.addWidget(self.unassign_button)
        callers_row.addStretch(1)
        right.addLayout(callers_row)
        self.callers_list = QListWidget()
        self.callers_list.setMaximumHeight(120)
        right.addWidget(self.callers_list)
        layout.addLayout(right, 1)
        return tab

    def _build_plans_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        self.plans_table = QTableWidget(0, 6)
        self.plans_table.setHorizontalHeaderLabels(
            [self.tr("日期"), self.tr("时间"), self.tr("梦"), self.tr("主题"), self.tr("组织者"), self.tr("状态")]
        )
        self.plans_table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.plans_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.plans_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        layout.addWidget(self.plans_table, 2)
        buttons = QHBoxLayout()
        self.add_plan_button = QPushButton(self.tr("新增计划（所选开放日）"))
        self.hold_button = QPushButton(self.tr("转为活动记录（当天到站儿童为参加者）"))
        self.cancel_plan_button = QPushButton(self.tr("取消计划"))
        for button in (self.add_plan_button, self.cancel_plan_button):
            button.setVisible(self.can_manage)
        self.add_plan_button.clicked.connect(self._add_plan)
        self.hold_button.clicked.connect(self.hold_selected_plan)
        self.cancel_plan_button.clicked.connect(self._cancel_selected_plan)
        for button in (self.add_plan_button, self.hold_button, self.cancel_plan_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addWidget(QLabel(self.tr("本月各梦：计划 / 按计划开展 / 实际开展")))
        self.balance_table = QTableWidget(0, 4)
        self.balance_table.setHorizontalHeaderLabels([self.tr("梦"), self.tr("计划"), self.tr("按计划开展"), self.tr("实际开展")])
        self.balance_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.balance_table, 1)
        return tab

    def _build_calendar_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        self.calendar_list = QListWidget()
        layout.addWidget(self.calendar_list, 1)
        buttons = QHBoxLayout()
        self.close_day_button = QPushButton(self.tr("这一天闭馆…"))
        self.open_day_button = QPushButton(self.tr("这一天加开…"))
        self.reset_day_button = QPushButton(self.tr("恢复每周规则"))
        for button in (self.close_day_button, self.open_day_button, self.reset_day_button):
            button.setVisible(self.can_manage)
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.close_day_button.clicked.connect(lambda: self._change_day("close"))
        self.open_day_button.clicked.connect(lambda: self._change_day("open"))
        self.reset_day_button.clicked.connect(lambda: self._change_day("reset"))
        layout.addLayout(buttons)
        return tab

    # ---- loading ----------------------------------------------------------------------------------------

    def activated(self) -> None:
        self.show_month(self.month)

    def refresh(self, topics: frozenset[Topic]) -> None:
        self.show_month(self.month)

    def message_line(self) -> QLabel:
        return self.status

    def show_month(self, first: dt.date) -> None:
        self.month = first
        self.month_label.setText(self.tr("{0} 年 {1} 月").format(first.year, first.month))
        ctx = self.context
        start, end = calendar.month_range(first.year, first.month)

        def load():
            return (
                calendar.month_days(ctx.db, ctx.actor, start, end),
                duty.duty_roster(ctx.db, ctx.actor, start, end, today=self.today),
                plans.list_plans(ctx.db, ctx.actor, start, end),
                plans.planned_vs_held(ctx.db, ctx.actor, start, end),
            )

        self.run(load, self._show_loaded)

    def _show_loaded(self, loaded) -> None:  # noqa: ANN001 - the tuple from load()
        self.days, self.roster, self.plan_rows, balance = loaded
        selected = self.day_list.currentRow()
        self.day_list.clear()
        for day in self.roster:
            title = f"{day.day:%m-%d} {_weekday(day.day)}"
            item = QListWidgetItem(title + (self.tr(" · 缺 {0} 人").format(day.gaps) if day.gaps else self.tr(" · 已排满")))
            if day.gaps:
                item.setBackground(QBrush(GAP_COLOUR))
            self.day_list.addItem(item)
        if self.roster:
            coming = next((i for i, d in enumerate(self.roster) if d.day >= self.today), 0)
            self.day_list.setCurrentRow(selected if 0 <= selected < len(self.roster) else coming)
        else:
            self.posts_table.setRowCount(0)
        self._fill_plans(balance)
        self.calendar_list.clear()
        for day in self.days:
            title = f"{day.day.isoformat()} {_weekday(day.day)}"
            if day.is_open:
                text = self.tr("{0}  开放 {1}–{2}").format(title, f"{day.opens_at:%H:%M}", f"{day.closes_at:%H:%M}")
            else:
                text = self.tr("{0}  不开放").format(title)
            if day.reason:
                text += self.tr("（{0}）").format(day.reason)
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, day.day)
            if not day.regular:
                item.setForeground(QBrush(QColor("#b71c1c")))
            self.calendar_list.addItem(item)

    def _fill_plans(self, balance: list[plans.DreamPlanCount]) -> None:
        self.plans_table.setRowCount(len(self.plan_rows))
        for row, plan in enumerate(self.plan_rows):
            time_text = f"{plan.starts_at:%H:%M}" + (f"–{plan.ends_at:%H:%M}" if plan.ends_at else "")
            values = (plan.day.isoformat(), time_text, plan.dream_name, plan.theme, plan.organiser, plan.status)
            for column, value in enumerate(values):
                self.plans_table.setItem(row, column, cell(value))
        self.balance_table.setRowCount(len(balance))
        for row, count in enumerate(balance):
            neglected = count.held_total == 0
            values = (count.dream, str(count.planned), str(count.held_from_plan), str(count.held_total))
            for column, value in enumerate(values):
                self.balance_table.setItem(row, column, cell(value, background=GAP_COLOUR if neglected else None))

    def _show_day(self, row: int) -> None:
        if not 0 <= row < len(self.roster):
            return
        day = self.roster[row]
        self.posts_table.setRowCount(len(day.posts))
        for index, post in enumerate(day.posts):
            names = self.tr("、").join(
                h.name + (self.tr("（未到）") if h.turned_up is False else "") + (self.tr("（认领）") if h.claimed else "")
                for h in post.holders
            )
            values = (post.post.name, post.post.hours_label, str(post.post.capacity), names, str(post.gap) if post.gap else "")
            for column, value in enumerate(values):
                self.posts_table.setItem(index, column, cell(value, background=GAP_COLOUR if post.gap > 0 else None))
        if self.posts_table.currentRow() < 0 and day.posts:
            first_gap = next((i for i, p in enumerate(day.posts) if p.gap), 0)
            self.posts_table.selectRow(first_gap)

    # ---- claiming ---------------------------------------------------------------------------------------

    def selected_day(self) -> duty.DayDuty | None:
        row = self.day_list.currentRow()
        return self.roster[row] if 0 <= row < len(self.roster) else None

    def selected_post(self) -> duty.PostDuty | None:
        day = self.selected_day()
        row = self.posts_table.currentRow()
        return day.posts[row] if day and 0 <= row < len(day.posts) else None

    def _search_volunteers(self, text: str) -> None:
        ctx = self.context
        query = text.strip()
        if not query:
            self.candidates = []
            self.candidate_list.clear()
            return
        self.run(lambda: (query, session_people.search_volunteers(ctx.db, ctx.actor, query, limit=8)), self._show_candidates)

    def _show_candidates(self, result) -> None:  # noqa: ANN001
        query, found = result
        if query != self.claim_search.text().strip():
            return  # an older keystroke's answer
        self.candidates = found
        self.candidate_list.clear()
        for person in found:
            item = QListWidgetItem(f"{person.name}  {person.hint}")
            item.setData(Qt.ItemDataRole.UserRole, person.id)
            self.candidate_list.addItem(item)

    def claim_top_candidate(self) -> None:
        if len(self.candidates) == 1 or (self.candidates and self.candidates[0].name == self.claim_search.text().strip()):
            self.claim(self.candidates[0].id)
        elif self.candidates:
            self.say(self.tr("有多个同名或相近的志愿者，请用方向键选中后按回车。"))
            self.candidate_list.setFocus()
            self.candidate_list.setCurrentRow(0)
        else:
            self.say(self.tr("没有找到这位志愿者。请检查姓名或拼音首字母。"))

    def claim(self, volunteer_id: int) -> None:
        day, post = self.selected_day(), self.selected_post()
        if day is None or post is None:
            self.say(self.tr("请先选择开放日和岗位。"))
            return
        ctx = self.context
        # A coordinator's pick is an assignment; a duty volunteer's is a claim of a coming day.
        claim = not self.can_manage

        def write():
            return duty.assign(ctx.db, ctx.actor, post_id=post.post.id, day=day.day, volunteer_id=volunteer_id,
                               claim=claim, today=self.today)

        def done(holder: duty.Holder) -> None:
            self.say(self.tr("{0} 已安排在 {1}“{2}”。").format(holder.name, f"{day.day:%m-%d}", post.post.name))
            self.claim_search.clear()
            self.claim_search.setFocus()

        self.run(write, done, publishes={Topic.DUTY})

    def _load_callers(self) -> None:
        day = self.selected_day()
        if day is None:
            return
        ctx = self.context

        def show(callers: list[duty.GapCaller]) -> None:
            self.callers_list.clear()
            for caller in callers:
                last = self.tr("上次值班 {0}").format(caller.last_shift) if caller.last_shift else self.tr("还没有值过班")
                self.callers_list.addItem(f"{caller.name}  {caller.phone or ''}  {last}")

        self.run(lambda: duty.gap_callers(ctx.db, ctx.actor, day.day), show)

    def _unassign_selected(self) -> None:
        post = self.selected_post()
        if post is None or not post.holders:
            return
        ctx = self.context
        holder = post.holders[-1]
        self.run(lambda: duty.unassign(ctx.db, ctx.actor, holder.assignment_id),
                 said=self.tr("已取消 {0} 的排班。").format(holder.name), publishes={Topic.DUTY})

    # ---- plans ------------------------------------------------------------------------------------------

    def selected_plan(self) -> plans.PlanRow | None:
        row = self.plans_table.currentRow()
        return self.plan_rows[row] if 0 <= row < len(self.plan_rows) else None

    def _add_plan(self) -> None:
        day = self.selected_day()
        if day is None:
            self.say(self.tr("请先在“值班表”里选中一个开放日。"))
            return
        self.run(lambda: self._dream_choices(), lambda dreams: self._open_plan_dialog(dreams, day.day))

    def _dream_choices(self) -> list[tuple[int, str]]:
        from qsh_desk.services import dreams  # the catalogue service of the 十个梦 page

        ctx = self.context
        return [(d.id, d.label) for d in dreams.list_dreams(ctx.db, ctx.actor, include_hidden=False)]

    def _open_plan_dialog(self, dream_choices: list[tuple[int, str]], day: dt.date) -> None:
        dialog = PlanDialog(dream_choices, day, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.save_plan(dialog.draft())

    def save_plan(self, draft: plans.PlanDraft) -> None:
        ctx = self.context
        self.run(lambda: plans.plan_session(ctx.db, ctx.actor, draft),
                 said=self.tr("已添加计划：{0}").format(draft.theme), publishes={Topic.PLANS})

    def hold_selected_plan(self) -> None:
        plan = self.selected_plan()
        if plan is None:
            self.say(self.tr("请先选中一条活动计划。"))
            return
        ctx = self.context

        def write() -> int:
            children = session_people.checked_in_children(ctx.db, ctx.actor, plan.day)
            return plans.hold_plan(ctx.db, ctx.actor, plan.id, participant_ids=tuple(c.id for c in children))

        def done(session_id: int) -> None:
            self.say(self.tr("“{0}”已转为活动记录（编号 {1}），可在“十个梦”页补充总结和照片。").format(plan.theme, session_id))

        self.run(write, done, publishes={Topic.SESSIONS, Topic.PLANS})

    def _cancel_selected_plan(self) -> None:
        plan = self.selected_plan()
        if plan is None or not dialogs_enabled():
            return
        reason, ok = QInputDialog.getText(self, self.tr("取消计划"), self.tr("取消的原因："))
        if ok:
            ctx = self.context
            self.run(lambda: plans.cancel_plan(ctx.db, ctx.actor, plan.id, reason), publishes={Topic.PLANS})

    # ---- calendar ---------------------------------------------------------------------------------------

    def _change_day(self, how: str) -> None:
        item = self.calendar_list.currentItem()
        if item is None:
            self.say(self.tr("请先选中一天。"))
            return
        day: dt.date = item.data(Qt.ItemDataRole.UserRole)
        reason = ""
        if how != "reset":
            if not dialogs_enabled():
                return
            reason, ok = QInputDialog.getText(self, self.tr("原因"), self.tr("请写明原因（如“国庆放假”“寒假加开”）："))
            if not ok:
                return
        self.change_day(day, how, reason)

    def change_day(self, day: dt.date, how: str, reason: str = "") -> None:
        ctx = self.context
        action = {
            "close": lambda: calendar.close_day(ctx.db, ctx.actor, day, reason),
            "open": lambda: calendar.open_day(ctx.db, ctx.actor, day, reason),
            "reset": lambda: calendar.reset_day(ctx.db, ctx.actor, day),
        }[how]
        self.run(action, lambda status: self.say(self.tr("{0}：{1}").format(
            f"{status.day.isoformat()} {_weekday(status.day)}", self.tr("开放") if status.is_open else self.tr("不开放"))),
            publishes={Topic.CALENDAR})
