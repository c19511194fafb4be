"""概览: the station at a glance — who is here, how many children and volunteers, this month's sessions."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from qsh_desk.gui.context import AppContext
from qsh_desk.gui.kernel import EVERYTHING, Topic
from qsh_desk.gui.pages.base import Page
from qsh_desk.services.overview import Overview, station_overview


class _Tile(QFrame):
    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("tile")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        self.value = QLabel("…")
        self.value.setObjectName("tileValue")
        self.value.setAlignment(Qt.AlignmentFlag.AlignCenter)
        caption = QLabel(title)
        caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.value)
        layout.addWidget(caption)


class HomePage(Page):
    key = "home"
    title = QT_TRANSLATE_NOOP("Page", "概览")
    icon_name = "home"
    watches = frozenset({Topic.VISITS, Topic.CHILDREN, Topic.VOLUNTEERS, Topic.SESSIONS})

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        layout = QVBoxLayout(self)
        self.heading = QLabel(context.station.name)
        self.heading.setObjectName("pageHeading")
        layout.addWidget(self.heading)
        grid = QGridLayout()
        self.tiles = {
            "children_here": _Tile(self.tr("儿童在站")),
            "volunteers_here": _Tile(self.tr("志愿者在站")),
            "visits_today": _Tile(self.tr("今日到站人次")),
            "children_active": _Tile(self.tr("在册儿童")),
            "volunteers_active": _Tile(self.tr("在册志愿者")),
            "sessions_this_month": _Tile(self.tr("本月活动")),
            "peak_today": _Tile(self.tr("今日峰值在站儿童")),
            "minutes_over_ratio": _Tile(self.tr("今日超出师生比（分钟）")),
        }
        for index, tile in enumerate(self.tiles.values()):
            grid.addWidget(tile, index // 3, index % 3)
        layout.addLayout(grid)
        self.where = QLabel(self.tr("数据库：") + context.db.where)
        self.where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.where)
        layout.addStretch(1)

    def activated(self) -> None:
        self.refresh(EVERYTHING)  # the figures are cheap and change all the time: fresh on every showing

    def refresh(self, topics: frozenset[Topic]) -> None:
        ctx = self.context
        self.run(lambda: station_overview(ctx.db, ctx.actor, ctx.station.name), self.show_overview)

    def show_overview(self, overview: Overview) -> None:
        for key, tile in self.tiles.items():
            value = getattr(overview, key)
            tile.value.setText(self.tr("不限") if value is None else f"{value:,}")  # None: no ratio is set
