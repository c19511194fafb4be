"""微心愿: the wishes by status, and the forms to write one down, claim, fulfil or cancel it (also a child's wishes)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from qsh_desk import clock
from qsh_desk.gui.context import AppContext
from qsh_desk.gui.icons import icon
from qsh_desk.gui.kernel import EVERYTHING, KernelDialog, KernelWidget, MessageLine, Topic
from qsh_desk.gui.pages.base import Page
from qsh_desk.gui.widgets.flow import FlowLayout
from qsh_desk.gui.widgets.forms import ok_cancel
from qsh_desk.gui.widgets.pickers import PersonPicker, date_edit, plain, to_date
from qsh_desk.gui.widgets.tables import cell, fill, selected_key, table
from qsh_desk.services import dreams, session_people, wishes
from qsh_desk.services.access import Permission
from qsh_desk.services.wishes import WishRow

STATUS_FILTERS = (
    (None, QT_TRANSLATE_NOOP("WishesPage", "全部")), ("open", QT_TRANSLATE_NOOP("WishesPage", "待认领")),
    ("claimed", QT_TRANSLATE_NOOP("WishesPage", "已认领")), ("fulfilled", QT_TRANSLATE_NOOP("WishesPage", "已圆梦")),
    ("cancelled", QT_TRANSLATE_NOOP("WishesPage", "已取消")),
)
WISH_TOPICS = frozenset({Topic.WISHES})


HEADERS = (
    QT_TRANSLATE_NOOP("WishesPage", "编号"), QT_TRANSLATE_NOOP("WishesPage", "孩子"),
    QT_TRANSLATE_NOOP("WishesPage", "微心愿"), QT_TRANSLATE_NOOP("WishesPage", "梦"),
    QT_TRANSLATE_NOOP("WishesPage", "金额"), QT_TRANSLATE_NOOP("WishesPage", "状态"),
    QT_TRANSLATE_NOOP("WishesPage", "认领方"), QT_TRANSLATE_NOOP("WishesPage", "认领时间"),
    QT_TRANSLATE_NOOP("WishesPage", "圆梦日期"),
)


def wish_table() -> QTableWidget:
    """The wishes' table, the same on the 微心愿 page and on a child's record."""
    return table([QCoreApplication.translate("WishesPage", h) for h in HEADERS])


def fill_wishes(widget: QTableWidget, rows: list[WishRow], late_text: str) -> None:
    """The wishes in a table: a claim left too long unfulfilled is marked red."""
    shown = []
    for r in rows:
        status = cell(r.status_title + (late_text if r.claim_overdue else ""))
        if r.claim_overdue:
            status.setForeground(QColor("#b71c1c"))
        shown.append((r.id, [r.id, r.child_name, r.wish, r.dream or "",
                             f"{r.value_yuan:g}" if r.value_yuan is not None else "", status, r.claimer,
                             f"{r.claimed_at:%Y-%m-%d}" if r.claimed_at else "", r.fulfilled_on or ""]))
    fill(widget, shown)


class AddWishDialog(KernelDialog):
    """Write a child's wish down in the child's words, with an estimated value and the dream it belongs to."""

    def __init__(self, context: AppContext, parent: QWidget | None = None, child: tuple[int, str] | None = None):
        super().__init__(context, parent)
        self.setWindowTitle(self.tr("登记微心愿"))
        self.child = PersonPicker(context, lambda t: session_people.search_children(context.db, context.actor, t),
                                  self.tr("儿童：姓名、拼音或首字母"))
        self.fixed_child = child
        self.wish = QLineEdit()
        self.wish.setPlaceholderText(self.tr("用孩子自己的话，例如：想要一个新书包"))
        self.value = QLineEdit()
        self.value.setPlaceholderText(self.tr("元，可不填"))
        self.dream = QComboBox()
        self.dream.addItem(self.tr("（不属于哪个梦）"), None)
        self.message = MessageLine()
        self.buttons = ok_cancel(self, self.save)
        form = QFormLayout(self)
        if child is None:
            form.addRow(self.tr("儿童"), self.child)
        else:
            form.addRow(self.tr("儿童"), QLabel(child[1]))
        form.addRow(self.tr("微心愿"), self.wish)
        form.addRow(self.tr("估计金额"), self.value)
        form.addRow(self.tr("梦"), self.dream)
        form.addRow(self.message)
        form.addRow(self.buttons)
        self.run(lambda: dreams.list_dreams(context.db, context.actor, include_hidden=False), self._show_dreams)

    def _show_dreams(self, found) -> None:  # noqa: ANN001 - list[DreamInfo]
        for d in found:
            self.dream.addItem(d.dream_name, d.id)

    def save(self) -> None:
        child_id = self.fixed_child[0] if self.fixed_child else self.child.person_id
        if child_id is None:
            self.say(self.tr("请先搜索并选好儿童。"), error=True)
            return
        ctx, words, value, dream = self.context, plain(self.wish), plain(self.value), self.dream.currentData()
        self.run(lambda: wishes.add_wish(ctx.db, ctx.actor, child_id, words, value_yuan=value, dream=dream),
                 lambda _id: self.accept(), busy=[self.buttons], publishes=WISH_TOPICS)


class ClaimDialog(KernelDialog):
    """Who claims a wish: a volunteer of the station (searched), or an outside person or unit with a phone or unit."""

    def __init__(self, context: AppContext, wish: WishRow, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.wish = wish
        self.setWindowTitle(self.tr("认领微心愿：{0}").format(wish.wish))
        self.as_volunteer = QRadioButton(self.tr("本站志愿者"))
        self.as_outsider = QRadioButton(self.tr("站外爱心人士或共建单位"))
        self.as_volunteer.setChecked(True)
        self.volunteer = PersonPicker(context, lambda t: session_people.search_volunteers(context.db, context.actor, t),
                                      self.tr("志愿者：姓名或拼音"))
        self.name = QLineEdit()
        self.phone = QLineEdit()
        self.unit = QLineEdit()
        self.unit.setPlaceholderText(self.tr("例如：青山湖区水利局"))
        self.message = MessageLine()
        self.buttons = ok_cancel(self, self.save)
        form = QFormLayout(self)
        form.addRow(self.as_volunteer)
        form.addRow(self.tr("志愿者"), self.volunteer)
        form.addRow(self.as_outsider)
        form.addRow(self.tr("姓名"), self.name)
        form.addRow(self.tr("电话"), self.phone)
        form.addRow(self.tr("单位"), self.unit)
        form.addRow(self.message)
        form.addRow(self.buttons)
        for edit in (self.name, self.phone, self.unit):
            edit.textEdited.connect(lambda _t: self.as_outsider.setChecked(True))

    def save(self) -> None:
        ctx, wish_id = self.context, self.wish.id
        if self.as_volunteer.isChecked():
            volunteer_id = self.volunteer.person_id
            if volunteer_id is None:
                self.say(self.tr("请先搜索并选好志愿者，或选“站外爱心人士或共建单位”。"), error=True)
                return
            unit = plain(self.unit) or None
            work = lambda: wishes.claim_wish(ctx.db, ctx.actor, wish_id, volunteer_id=volunteer_id, unit=unit)  # noqa: E731
        else:
            values = {"name": plain(self.name), "phone": plain(self.phone), "unit": plain(self.unit)}
            work = lambda: wishes.claim_wish(ctx.db, ctx.actor, wish_id, **values)  # noqa: E731
        self.run(work, lambda _row: self.accept(), busy=[self.buttons], publishes=WISH_TOPICS)


class FulfilDialog(KernelDialog):
    """A claimed wish come true: when, how it was delivered, a photo, a note and the child's thanks."""

    def __init__(self, context: AppContext, wish: WishRow, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.wish = wish
        self.setWindowTitle(self.tr("圆梦：{0}").format(wish.wish))
        self.day = date_edit(clock.today())
        self.delivery = QLineEdit()
        self.delivery.setPlaceholderText(self.tr("例如：周末在站里当面送到"))
        self.photo = QLineEdit()
        self.photo.setPlaceholderText(self.tr("照片文件，可不选"))
        browse = QPushButton(icon("photo_add"), self.tr("选择照片…"))
        browse.clicked.connect(self._browse)
        photo_row = QHBoxLayout()
        photo_row.addWidget(self.photo, 1)
        photo_row.addWidget(browse)
        self.thanks = QLineEdit()
        self.note = QLineEdit()
        self.message = MessageLine()
        self.buttons = ok_cancel(self, self.save)
        form = QFormLayout(self)
        form.addRow(self.tr("圆梦日期"), self.day)
        form.addRow(self.tr("送达方式"), self.delivery)
        form.addRow(self.tr("照片"), photo_row)
        form.addRow(self.tr("孩子的感谢"), self.thanks)
        form.addRow(self.tr("备注"), self.note)
        form.addRow(self.message)
        form.addRow(self.buttons)

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("选择照片"), "",
                                              self.tr("图片 (*.jpg *.jpeg *.png *.gif *.bmp *.webp)"))
        if path:
            self.photo.setText(path)

    def save(self) -> None:
        ctx, wish_id = self.context, self.wish.id
        values = {"on": to_date(self.day.date()), "delivery": plain(self.delivery), "photo": plain(self.photo) or None,
                  "thanks": plain(self.thanks), "note": plain(self.note)}
        self.run(lambda: wishes.fulfil_wish(ctx.db, ctx.actor, wish_id, **values), lambda _r: self.accept(),
                 busy=[self.buttons], publishes=WISH_TOPICS)


class CancelDialog(KernelDialog):
    """Cancel a wish, with the reason (kept on the record)."""

    def __init__(self, context: AppContext, wish: WishRow, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.wish = wish
        self.setWindowTitle(self.tr("取消微心愿：{0}").format(wish.wish))
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("例如：孩子随父母去外地上学了"))
        self.message = MessageLine()
        self.buttons = ok_cancel(self, self.save)
        form = QFormLayout(self)
        form.addRow(self.tr("取消原因"), self.reason)
        form.addRow(self.message)
        form.addRow(self.buttons)

    def save(self) -> None:
        ctx, wish_id, reason = self.context, self.wish.id, plain(self.reason)
        self.run(lambda: wishes.cancel_wish(ctx.db, ctx.actor, wish_id, reason), lambda _r: self.accept(),
                 busy=[self.buttons], publishes=WISH_TOPICS)


class ClaimForVolunteerDialog(KernelDialog):
    """At the desk: the open wishes, for a volunteer who just checked in to claim one (↑↓ then Enter)."""

    claimed = Signal(object)  # the WishRow claimed

    def __init__(self, context: AppContext, volunteer_id: int, volunteer_name: str, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.volunteer_id = volunteer_id
        self.setWindowTitle(self.tr("{0} 认领微心愿").format(volunteer_name))
        self.list = QListWidget()
        self.message = MessageLine()
        self.buttons = ok_cancel(self, self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("选一个微心愿（↑↓），按回车认领：")))
        layout.addWidget(self.list, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.list.itemActivated.connect(lambda _item: self.save())
        self.loaded = False
        self.run(lambda: wishes.list_wishes(context.db, context.actor, status="open"), self._show)

    def _show(self, rows: list[WishRow]) -> None:
        for r in rows:
            if r.awaiting_approval:
                continue
            item = QListWidgetItem(f"{r.board_name}：{r.wish}" + (f"（{r.dream}）" if r.dream else ""))
            item.setData(Qt.ItemDataRole.UserRole, r.id)
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)
        self.list.setFocus()
        self.loaded = True

    def save(self) -> None:
        item = self.list.currentItem()
        if item is None:
            self.say(self.tr("现在没有待认领的微心愿。"), error=True)
            return
        ctx, wish_id, volunteer_id = self.context, item.data(Qt.ItemDataRole.UserRole), self.volunteer_id

        def done(row: WishRow) -> None:
            self.claimed.emit(row)
            self.accept()

        self.run(lambda: wishes.claim_wish(ctx.db, ctx.actor, wish_id, volunteer_id=volunteer_id), done,
                 busy=[self.buttons], publishes=WISH_TOPICS)


class ChildWishesTab(KernelWidget):
    """On a child's record: that child's wishes, and a button to write a new one down for the child."""

    watches = WISH_TOPICS

    def __init__(self, context: AppContext, child_id: int, child_name: str, parent: QWidget | None = None):
        super().__init__(context, None, parent)
        self.message = MessageLine()
        self.child_id, self.child_name = child_id, child_name
        self.dialog: KernelDialog | None = None
        self.table = wish_table()
        self.table.setColumnHidden(1, True)  # the child is this record's
        self.add_button = QPushButton(icon("add"), self.tr("给这个孩子登记心愿…"))
        self.add_button.clicked.connect(self.add_wish)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.add_button)
        layout.addWidget(self.message)
        self.refresh()

    def message_line(self) -> QLabel:
        return self.message

    def showEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt's name
        super().showEvent(event)
        self.refresh_if_stale()  # a wish written or claimed elsewhere while another tab was in front

    def refresh(self, topics: frozenset[Topic] = EVERYTHING) -> None:
        ctx, child_id = self.context, self.child_id
        self.run(lambda: wishes.list_wishes(ctx.db, ctx.actor, child_id=child_id),
                 lambda rows: fill_wishes(self.table, rows, self.tr("（认领已久未圆梦）")))

    def add_wish(self) -> KernelDialog:
        self.dialog = AddWishDialog(self.context, self, child=(self.child_id, self.child_name))
        self.dialog.accepted.connect(lambda: self.say(self.tr("微心愿已登记。")))
        self.dialog.open()
        return self.dialog


class WishesPage(Page):
    key = "wishes"
    title = QT_TRANSLATE_NOOP("Page", "微心愿")
    icon_name = "wishes"
    permission = Permission.WISHES
    watches = frozenset({Topic.WISHES, Topic.CHILDREN, Topic.VOLUNTEERS, Topic.SETTINGS})

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.can_manage = context.actor.can(Permission.WISH_MANAGE)
        self.rows: dict[int, WishRow] = {}
        self.dialog: KernelDialog | None = None
        heading = QLabel(self.tr("微心愿 · 爱心圆梦站"))
        heading.setObjectName("pageHeading")
        self.status_filter = QComboBox()
        for code, title in STATUS_FILTERS:
            self.status_filter.addItem(self.tr(title), code)
        self.status_filter.setCurrentIndex(1)  # what waits for a claimer first
        self.table = wish_table()
        self.add_button = QPushButton(icon("add"), self.tr("登记心愿 (Ctrl+N)"))
        self.claim_button = QPushButton(icon("pairing"), self.tr("认领 (F3)"))
        self.fulfil_button = QPushButton(icon("wishes"), self.tr("圆梦 (F4)"))
        self.approve_button = QPushButton(self.tr("批准"))
        self.cancel_button = QPushButton(icon("delete"), self.tr("取消心愿 (Del)"))
        for button in (self.fulfil_button, self.approve_button, self.cancel_button):
            button.setEnabled(self.can_manage)
        self.summary = QLabel()
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.message = MessageLine()
        actions = FlowLayout()
        actions.addWidget(self.status_filter)
        for button in (self.add_button, self.claim_button, self.fulfil_button, self.approve_button, self.cancel_button):
            actions.addWidget(button)
        actions.addWidget(self.summary)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(actions)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)
        layout.addWidget(self.message)
        self.status_filter.currentIndexChanged.connect(lambda _i: self.load())
        self.table.itemSelectionChanged.connect(self._show_detail)
        self.add_button.clicked.connect(self.add_wish)
        self.claim_button.clicked.connect(self.claim)
        self.fulfil_button.clicked.connect(self.fulfil)
        self.approve_button.clicked.connect(self.approve)
        self.cancel_button.clicked.connect(self.cancel)
        QShortcut(QKeySequence("Ctrl+N"), self, activated=self.add_wish)
        QShortcut(QKeySequence(Qt.Key.Key_F3), self, activated=self.claim)
        QShortcut(QKeySequence(Qt.Key.Key_F4), self, activated=self.fulfil)
        # In the table, Enter takes the selected wish one step on (an open one is claimed, a claimed one fulfilled).
        for key, action in ((Qt.Key.Key_Delete, self.cancel), (Qt.Key.Key_Return, self.next_step),
                            (Qt.Key.Key_Enter, self.next_step)):
            QShortcut(QKeySequence(key), self.table, activated=action,
                      context=Qt.ShortcutContext.WidgetWithChildrenShortcut)

    def activated(self) -> None:
        self.refresh(EVERYTHING)

    def refresh(self, topics: frozenset[Topic] = EVERYTHING) -> None:
        self.load()

    def load(self) -> None:
        ctx, status = self.context, self.status_filter.currentData()
        self.run(lambda: wishes.list_wishes(ctx.db, ctx.actor, status=status), self.show_wishes)

    def show_wishes(self, rows: list[WishRow]) -> None:
        selected = selected_key(self.table)
        self.rows = {r.id: r for r in rows}
        fill_wishes(self.table, rows, self.tr("（认领已久未圆梦）"))
        if selected in self.rows:
            self.table.selectRow(list(self.rows).index(selected))
        elif rows:
            self.table.selectRow(0)
        late = sum(1 for r in rows if r.claim_overdue)
        text = self.tr("共 {0} 个").format(len(rows))
        if late:
            text += self.tr("，{0} 个认领已久未圆梦").format(late)
        self.summary.setText(text)
        self._show_detail()

    def selected(self) -> WishRow | None:
        return self.rows.get(selected_key(self.table))

    def _show_detail(self) -> None:
        r = self.selected()
        if r is None:
            self.detail.clear()
            return
        parts = [self.tr("登记：{0} {1}").format(f"{r.written_at:%Y-%m-%d}", r.written_by)]
        if r.claimer:
            parts.append(self.tr("认领方：{0}").format(r.claimer + (f"（{r.claimer_unit}）" if r.claimer_unit and
                                                                 r.claimer_unit != r.claimer else "")
                                                      + (f" {r.claimer_phone}" if r.claimer_phone else "")))
        if r.delivery or r.thanks:
            parts.append(self.tr("圆梦：{0}").format("；".join(x for x in (r.delivery, r.thanks) if x)))
        if r.cancelled_reason:
            parts.append(self.tr("取消原因：{0}").format(r.cancelled_reason))
        self.detail.setText("　".join(parts))

    def _need(self, statuses: tuple[str, ...], refusal: str) -> WishRow | None:
        wish = self.selected()
        if wish is None:
            self.say(self.tr("请先在列表里选一个微心愿。"), error=True)
            return None
        if wish.status not in statuses:
            self.say(refusal, error=True)
            return None
        return wish

    def _open(self, dialog: KernelDialog, said: str) -> KernelDialog:
        self.dialog = dialog
        dialog.accepted.connect(lambda: self.say(said))
        dialog.open()
        return dialog

    def add_wish(self) -> KernelDialog:
        return self._open(AddWishDialog(self.context, self), self.tr("微心愿已登记。"))

    def claim(self) -> KernelDialog | None:
        wish = self._need(("open",), self.tr("只有待认领的微心愿可以认领。"))
        if wish is None:
            return None
        return self._open(ClaimDialog(self.context, wish, self), self.tr("微心愿已认领。"))

    def fulfil(self) -> KernelDialog | None:
        if not self.can_manage:
            self.say(self.tr("记录圆梦请找社工或管理员。"), error=True)
            return None
        wish = self._need(("claimed",), self.tr("先要有人认领，才能记录圆梦。"))
        if wish is None:
            return None
        return self._open(FulfilDialog(self.context, wish, self), self.tr("已记录圆梦。"))

    def cancel(self) -> KernelDialog | None:
        if not self.can_manage:
            self.say(self.tr("取消微心愿请找社工或管理员。"), error=True)
            return None
        wish = self._need(("open", "claimed"), self.tr("已圆梦或已取消的微心愿不能再取消。"))
        if wish is None:
            return None
        return self._open(CancelDialog(self.context, wish, self), self.tr("微心愿已取消（记录保留）。"))

    def approve(self) -> None:
        wish = self._need(("open",), self.tr("只有待批准的微心愿需要批准。"))
        if wish is None:
            return
        ctx = self.context
        self.run(lambda: wishes.approve_wish(ctx.db, ctx.actor, wish.id), said=self.tr("已批准，可以认领了。"),
                 publishes=WISH_TOPICS)

    def next_step(self) -> None:
        wish = self.selected()
        if wish is not None and wish.status == "claimed":
            self.fulfil()
        else:
            self.claim()
