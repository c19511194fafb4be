"""统计: the 十个梦 figures of a period as a chart and a table, a child's dream passport, children not reached."""

from __future__ import annotations

import datetime as dt
import math

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from qsh_desk import clock
from qsh_desk.gui.context import AppContext
from qsh_desk.gui.icons import icon
from qsh_desk.gui.kernel import MessageLine, Topic
from qsh_desk.gui.labels import label
from qsh_desk.gui.pages.base import Page
from qsh_desk.gui.widgets.flow import FlowLayout, together
from qsh_desk.gui.widgets.pickers import PersonPicker, date_edit, to_date
from qsh_desk.gui.widgets.tables import cell, fill, table
from qsh_desk.services import session_people, settings, stats
from qsh_desk.services.access import Permission
from qsh_desk.services.stats import DreamFigures, DreamPassport, DreamReport, NotReached

# What the chart can show: (title, attribute of DreamFigures).
# Marked for lupdate; self.tr() translates them where shown.
METRICS = ((QT_TRANSLATE_NOOP("StatsPage", "参与人次"), "participations"),
           (QT_TRANSLATE_NOOP("StatsPage", "活动次数"), "sessions"),
           (QT_TRANSLATE_NOOP("StatsPage", "儿童人数"), "children"),
           (QT_TRANSLATE_NOOP("StatsPage", "志愿服务时长（小时）"), "volunteer_hours"))
PERIOD_CHOICES = ((QT_TRANSLATE_NOOP("StatsPage", "月"), "month"), (QT_TRANSLATE_NOOP("StatsPage", "季度"), "quarter"),
                  (QT_TRANSLATE_NOOP("StatsPage", "年"), "year"), (QT_TRANSLATE_NOOP("StatsPage", "自定义"), "custom"))


def _number(value: float | int) -> str:
    return f"{value:,.1f}" if isinstance(value, float) else f"{value:,}"


class _Stamp(QFrame):
    """One dream in a child's passport: coloured when the child has taken part, grey when not yet."""

    def __init__(self, stamp: stats.PassportStamp, parent: QWidget | None = None):
        super().__init__(parent)
        reached = stamp.times > 0
        colour = stamp.colour if reached else "#b0bec5"
        self.setObjectName("stamp")
        self.setStyleSheet(f"QFrame#stamp {{ border: 2px solid {colour}; border-radius: 8px; background: white; }}")
        layout = QVBoxLayout(self)
        picture = QLabel()
        picture.setPixmap(icon(stamp.icon, colour).pixmap(40, 40))
        picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        name = QLabel(stamp.dream)
        name.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = QFont(name.font())
        font.setBold(True)
        name.setFont(font)
        if reached:
            detail = self.tr("{0} 次 · 最近 {1}").format(stamp.times, stamp.last.isoformat() if stamp.last else "")
        else:
            detail = self.tr("尚未参加")
        self.detail = QLabel(detail)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        for widget in (picture, name, self.detail):
            layout.addWidget(widget)


def count_axis(highest: float, most_intervals: int = 5) -> tuple[int, int]:
    """An axis for counts: (top, number of ticks) with a whole, round step (1, 2, 5, 10, 20, 50 …) between ticks."""
    step = 1
    while math.ceil(highest / step) > most_intervals:
        step = _next_round_step(step)
    intervals = max(1, math.ceil(highest / step))
    return intervals * step, intervals + 1


def _next_round_step(step: int) -> int:
    """1 → 2 → 5 → 10 → 20 → 50 → 100 …"""
    magnitude = 10 ** (len(str(step)) - 1)
    lead = step // magnitude
    return {1: 2, 2: 5, 5: 10}[lead] * magnitude


class StatsPage(Page):
    key = "stats"
    title = QT_TRANSLATE_NOOP("Page", "统计")
    icon_name = "stats"
    permission = Permission.SESSION_LOG
    watches = frozenset({Topic.SESSIONS, Topic.DREAMS, Topic.CHILDREN})

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.report: DreamReport | None = None
        self.chart_view = None  # created with QtCharts when the page is first shown
        heading = QLabel(self.tr("统计 · 十个梦"))
        heading.setObjectName("pageHeading")
        self.message = MessageLine()
        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_report_tab(), icon("stats"), self.tr("按梦统计"))
        self.tabs.addTab(self._build_passport_tab(), icon("dreams"), self.tr("梦想护照"))
        self.tabs.addTab(self._build_not_reached_tab(), icon("warning"), self.tr("未参加活动的儿童"))
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.message)

    # ---- per dream

    def _build_report_tab(self) -> QWidget:
        today = clock.today()
        self.period_kind = QComboBox()
        for title, kind in PERIOD_CHOICES:
            self.period_kind.addItem(self.tr(title), kind)
        self.anchor = date_edit(today)
        self.custom_from = date_edit(today.replace(month=1, day=1))
        self.custom_to = date_edit(today)
        self.metric_choice = QComboBox()
        for title, attribute in METRICS:
            self.metric_choice.addItem(self.tr(title), attribute)
        self.period_label = QLabel()
        bar = FlowLayout()  # wraps at 1024×768 and in large type instead of widening the window
        bar.addWidget(together(QLabel(self.tr("周期")), self.period_kind, self.anchor))
        bar.addWidget(together(QLabel(self.tr("自定义：")), self.custom_from, QLabel(self.tr("至")), self.custom_to))
        bar.addWidget(together(QLabel(self.tr("图表显示")), self.metric_choice))
        self.chart_holder = QVBoxLayout()
        self.report_table = table([self.tr("梦"), self.tr("活动次数"), self.tr("参与人次"), self.tr("儿童人数"),
                                   self.tr("志愿服务时长（小时）")])
        note = QLabel(self.tr("志愿服务时长 = 活动时长 × 参与的志愿者人数（组织者和协助者）；未填结束时间的活动按 1 小时计。"
                              "“合计”中的儿童人数不重复计算。"))
        note.setWordWrap(True)
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addLayout(bar)
        layout.addWidget(self.period_label)
        layout.addLayout(self.chart_holder, 3)
        layout.addWidget(self.report_table, 2)
        layout.addWidget(note)
        self.period_kind.currentIndexChanged.connect(self._period_kind_changed)
        for signal in (self.anchor.dateChanged, self.custom_from.dateChanged, self.custom_to.dateChanged):
            signal.connect(lambda _d: self.load_report())
        self.metric_choice.currentIndexChanged.connect(lambda _i: self._draw_chart())
        self._period_kind_changed()
        return tab

    def _period_kind_changed(self) -> None:
        custom = self.period_kind.currentData() == "custom"
        self.anchor.setEnabled(not custom)
        self.custom_from.setEnabled(custom)
        self.custom_to.setEnabled(custom)
        self.load_report()

    def period(self) -> stats.Period:
        kind = self.period_kind.currentData()
        if kind == "custom":
            return stats.custom_period(to_date(self.custom_from.date()), to_date(self.custom_to.date()))
        return stats.period_for(kind, to_date(self.anchor.date()))

    def set_period(self, kind: str, anchor: dt.date | None = None, *, start: dt.date | None = None,
                   end: dt.date | None = None) -> None:
        """Choose a period as a user would (for the keyboard-less callers: tests and the command line)."""
        for widget in (self.anchor, self.custom_from, self.custom_to, self.period_kind):
            widget.blockSignals(True)
        if anchor:
            self.anchor.setDate(anchor)
        if start:
            self.custom_from.setDate(start)
        if end:
            self.custom_to.setDate(end)
        self.period_kind.setCurrentIndex(self.period_kind.findData(kind))
        for widget in (self.anchor, self.custom_from, self.custom_to, self.period_kind):
            widget.blockSignals(False)
        self._period_kind_changed()

    def load_report(self) -> None:
        if not self.isVisible() and self.report is None and self.chart_view is None:
            return  # nothing to refresh until the page is first shown
        try:
            period = self.period()
        except Exception as error:  # noqa: BLE001 - a custom range the wrong way round
            self.show_error(error)
            return
        ctx = self.context
        self.run(lambda: stats.dream_report(ctx.db, ctx.actor, period), self.show_report)

    def period_title(self, period: stats.Period) -> str:
        """The period's name in the interface language (the service names it in Chinese)."""
        start = period.start
        if period.label == stats.period_for("month", start).label:
            return self.tr("{0} 年 {1} 月").format(start.year, start.month)
        if period.label == stats.period_for("quarter", start).label:
            return self.tr("{0} 年第 {1} 季度").format(start.year, (start.month - 1) // 3 + 1)
        if period.label == stats.period_for("year", start).label:
            return self.tr("{0} 年").format(start.year)
        return self.tr("{0} 至 {1}").format(start.isoformat(), period.end.isoformat())

    def show_report(self, report: DreamReport) -> None:
        self.report = report
        self.period_label.setText(self.tr("统计周期：{0}（{1} 至 {2}）").format(
            self.period_title(report.period), report.period.start.isoformat(), report.period.end.isoformat()))
        rows = []
        for f in [*report.dreams, report.total]:
            name = cell(f.dream if f is not report.total else label(f.dream))  # dreams are data; 合计 is ours
            name.setForeground(QColor(f.colour))
            values = [_number(f.sessions), _number(f.participations), _number(f.children), _number(f.volunteer_hours)]
            right = [cell(v) for v in values]
            for item in right:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            rows.append((f.dream_id, [name, *right]))
        fill(self.report_table, rows)
        total_font = QFont(self.report_table.font())
        total_font.setBold(True)
        for column in range(self.report_table.columnCount()):
            self.report_table.item(len(rows) - 1, column).setFont(total_font)
        self._draw_chart()

    def _ensure_chart(self) -> None:
        if self.chart_view is not None:
            return
        from PySide6.QtCharts import (  # QtCharts is big: loaded when statistics are first shown
            QChart,
            QChartView,
        )

        chart = QChart()
        chart.legend().setVisible(False)
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        self.chart_view = QChartView(chart)
        self.chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.chart_view.setMinimumHeight(280)
        self.chart_holder.addWidget(self.chart_view)

    def _draw_chart(self) -> None:
        if self.report is None or self.chart_view is None:
            return
        from PySide6.QtCharts import (
            QBarCategoryAxis,
            QBarSet,
            QStackedBarSeries,
            QValueAxis,
        )

        attribute = self.metric_choice.currentData()
        figures: list[DreamFigures] = list(self.report.dreams)
        chart = self.chart_view.chart()
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        # One set per dream, non-zero only in its own column: each bar takes its dream's colour.
        series = QStackedBarSeries()
        for index, figure in enumerate(figures):
            bar = QBarSet(figure.dream)
            bar.append([float(getattr(figure, attribute)) if i == index else 0.0 for i in range(len(figures))])
            bar.setColor(QColor(figure.colour))
            bar.setBorderColor(QColor(figure.colour))
            series.append(bar)
        series.setBarWidth(0.6)
        series.setLabelsVisible(True)
        series.setLabelsPosition(QStackedBarSeries.LabelsPosition.LabelsInsideEnd)
        chart.addSeries(series)
        categories = QBarCategoryAxis()
        categories.append([f.dream for f in figures])
        values = QValueAxis()
        top, ticks = count_axis(max(float(getattr(f, attribute)) for f in figures) if figures else 0.0)
        values.setRange(0, top)
        values.setTickCount(ticks)  # whole numbers only: counts of children and sessions have no 1.5
        values.setLabelFormat("%.0f")
        chart.addAxis(categories, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(values, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(categories)
        series.attachAxis(values)
        chart.setTitle(
            self.tr("{0} · {1}").format(self.metric_choice.currentText(), self.period_title(self.report.period)))

    # ---- passport

    def _build_passport_tab(self) -> QWidget:
        ctx = self.context
        self.passport_picker = PersonPicker(ctx, lambda t: session_people.search_children(ctx.db, ctx.actor, t),
                                            self.tr("儿童：姓名、拼音或首字母"))
        self.passport_title = QLabel(self.tr("找到一个儿童，看看他/她参加过哪些梦。"))
        self.passport_title.setObjectName("pageHeading")
        self.stamps = QGridLayout()
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(self.passport_picker)
        layout.addWidget(self.passport_title)
        layout.addLayout(self.stamps)
        self.passport_wishes = QLabel()
        self.passport_wishes.setWordWrap(True)
        layout.addWidget(self.passport_wishes)
        layout.addStretch(1)
        self.passport_picker.picked.connect(self.load_passport)
        return tab

    def load_passport(self, child_id: int | None = None) -> None:
        child_id = child_id if child_id is not None else self.passport_picker.person_id
        if child_id is None:
            return
        ctx = self.context
        self.run(lambda: stats.dream_passport(ctx.db, ctx.actor, child_id), self.show_passport)

    def show_passport(self, passport: DreamPassport) -> None:
        while self.stamps.count():
            widget = self.stamps.takeAt(0).widget()
            if widget is not None:
                widget.deleteLater()
        self.passport_title.setText(self.tr("{0} 的梦想护照：已参加 {1} / {2} 个梦").format(
            passport.child_name, passport.dreams_reached, len(passport.stamps)))
        for index, stamp in enumerate(passport.stamps):
            self.stamps.addWidget(_Stamp(stamp), index // 5, index % 5)
        self.passport_wishes.setText(self.tr("微心愿：{0}").format("；".join(passport.wishes)) if passport.wishes else "")

    # ---- not reached

    def _build_not_reached_tab(self) -> QWidget:
        self.weeks = QSpinBox()
        self.weeks.setRange(1, 104)
        self.weeks.setSuffix(self.tr(" 周"))
        self.weeks_loaded = False
        refresh = QPushButton(icon("refresh"), self.tr("刷新"))
        self.not_reached_table: QTableWidget = table([self.tr("姓名"), self.tr("年级"), self.tr("最近一次参加活动")])
        self.not_reached_count = QLabel()
        bar = FlowLayout()
        bar.addWidget(together(QLabel(self.tr("多久没有参加任何活动：")), self.weeks, refresh))
        bar.addWidget(self.not_reached_count)
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addLayout(bar)
        layout.addWidget(self.not_reached_table, 1)
        refresh.clicked.connect(self.load_not_reached)
        self.weeks.editingFinished.connect(self.load_not_reached)
        return tab

    def load_not_reached(self) -> None:
        ctx, first = self.context, not self.weeks_loaded
        weeks = None if first else self.weeks.value()

        def work() -> tuple[int, list[NotReached]]:
            chosen = weeks or settings.get(ctx.db, ctx.actor, "not_reached_weeks")
            return chosen, stats.children_not_reached(ctx.db, ctx.actor, weeks=chosen)

        self.run(work, self.show_not_reached)

    def show_not_reached(self, result: tuple[int, list[NotReached]]) -> None:
        weeks, rows = result
        self.weeks_loaded = True
        self.weeks.blockSignals(True)
        self.weeks.setValue(weeks)
        self.weeks.blockSignals(False)
        fill(self.not_reached_table, [(n.child_id, [n.name, n.grade or "", n.last_session or self.tr("从未参加")])
                                      for n in rows])
        self.not_reached_count.setText(self.tr("{0} 周内未参加活动：{1} 名儿童").format(weeks, len(rows)))

    # ---- shared

    def refresh(self, topics: frozenset[Topic]) -> None:
        if self.chart_view is not None:
            self.load_report()
            self.load_not_reached()

    def activated(self) -> None:
        self._ensure_chart()
        self.load_report()
        self.load_not_reached()
