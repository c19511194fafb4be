"""十个梦: the session log (with the session form), 结对帮扶 pairings with overdue visits, and the dream catalogue."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate, QSize, Qt, QTime, QTimer, Signal
from PySide6.QtGui import QColor, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from qsh_desk import clock
from qsh_desk.gui.context import AppContext
from qsh_desk.gui.errors import dialogs_enabled, user_message
from qsh_desk.gui.icons import icon
from qsh_desk.gui.pages.base import Page
from qsh_desk.gui.widgets.forms import ok_cancel
from qsh_desk.gui.widgets.tables import cell, fill, selected_key, table
from qsh_desk.services import dreams, pairings, sessions
from qsh_desk.services.access import Permission
from qsh_desk.services.dreams import DreamInfo
from qsh_desk.services.pairings import PairingInfo, VisitInfo
from qsh_desk.services.sessions import MAX_PHOTOS, PersonRef, SessionDetail, SessionDraft, SessionRow

SEARCH_DELAY_MS = 250  # search once typing pauses, not on every key
THUMBNAIL = QSize(100, 75)
DEFAULT_PLACE = QT_TRANSLATE_NOOP("SessionForm", "亲善之家活动室")  # self.tr() where it fills the form
# Icons a station can give a dream it adds (each drawn by qtawesome; a test draws them all).
DREAM_ICON_CHOICES = (
    "mdi6.star", "mdi6.heart", "mdi6.music", "mdi6.run", "mdi6.school", "mdi6.flag", "mdi6.tree", "mdi6.soccer",
    "mdi6.book-open-page-variant", "mdi6.account-heart",
)










def to_date(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


def to_qdate(value: dt.date) -> QDate:
    return QDate(value.year, value.month, value.day)


def plain(widget: QLineEdit | QPlainTextEdit) -> str:
    return (widget.text() if isinstance(widget, QLineEdit) else widget.toPlainText()).strip()


def date_edit(value: dt.date) -> QDateEdit:
    widget = QDateEdit(to_qdate(value))
    widget.setCalendarPopup(True)
    widget.setDisplayFormat("yyyy-MM-dd")
    return widget


class PersonPicker(QWidget):
    """Type a name, pinyin or initials; pick from what the station's search keys find."""

    picked = Signal(object)  # the id, or None

    def __init__(self, context: AppContext, search: Callable[[str], list[PersonRef]], placeholder: str,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.context, self._search = context, search
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.edit = QLineEdit()
        self.edit.setMinimumWidth(150)
        self.edit.setPlaceholderText(placeholder)
        self.edit.setClearButtonEnabled(True)
        self.results = QComboBox()
        self.results.setMinimumContentsLength(6)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.results, 1)
        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.search)
        self.edit.textChanged.connect(lambda _text: self._timer.start())
        self.edit.returnPressed.connect(self.search)
        self.results.currentIndexChanged.connect(lambda _i: self.picked.emit(self.person_id))

    @property
    def person_id(self) -> int | None:
        return self.results.currentData()

    @property
    def person(self) -> PersonRef | None:
        return self.results.itemData(self.results.currentIndex(), Qt.ItemDataRole.UserRole + 1)

    def search(self) -> None:
        self._timer.stop()
        text = self.edit.text().strip()
        if not text:
            self.show_results([])
            return
        self.context.tasks.run(lambda: self._search(text), self.show_results)

    def show_results(self, found: list[PersonRef]) -> None:
        self.results.blockSignals(True)
        self.results.clear()
        for person in found:
            self.results.addItem(f"{person.name}  {person.hint}".strip(), person.id)
            self.results.setItemData(self.results.count() - 1, person, Qt.ItemDataRole.UserRole + 1)
        if not found and self.edit.text().strip():
            self.results.addItem(self.tr("没有找到"), None)
        self.results.blockSignals(False)
        self.picked.emit(self.person_id)


class TickList(QWidget):
    """People with tick boxes, 全选 / 全不选, and a count of who is ticked."""

    changed = Signal()

    def __init__(self, title: str, noun: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.noun = noun
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        heading = QHBoxLayout()
        self.count_label = QLabel()
        heading.addWidget(QLabel(title))
        heading.addStretch(1)
        heading.addWidget(self.count_label)
        # The row under the heading: 全选 / 全不选, then whatever the owner adds (a search to add people).
        self.bar = QHBoxLayout()
        self.all_button = QPushButton(icon("select_all"), self.tr("全选"))
        self.none_button = QPushButton(icon("select_none"), self.tr("全不选"))
        self.bar.addWidget(self.all_button)
        self.bar.addWidget(self.none_button)
        self.list = QListWidget()
        layout.addLayout(heading)
        layout.addLayout(self.bar)
        layout.addWidget(self.list, 1)
        self.all_button.clicked.connect(lambda: self.tick_all(True))
        self.none_button.clicked.connect(lambda: self.tick_all(False))
        self.list.itemChanged.connect(lambda _item: self._changed())
        self._changed()

    def _changed(self) -> None:
        self.count_label.setText(self.tr("已选 {0} {1}").format(len(self.ticked_ids()), self.noun))
        self.changed.emit()

    def ids(self) -> list[int]:
        return [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())]

    def ticked_ids(self) -> list[int]:
        return [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())
                if self.list.item(i).checkState() == Qt.CheckState.Checked]

    def add(self, person: PersonRef, *, ticked: bool) -> None:
        """Add a person (once); adding someone already listed just sets the tick."""
        for i in range(self.list.count()):
            item = self.list.item(i)
            if item.data(Qt.ItemDataRole.UserRole) == person.id:
                item.setCheckState(Qt.CheckState.Checked if ticked else item.checkState())
                return
        item = QListWidgetItem(f"{person.name}  {person.hint}".strip())
        item.setData(Qt.ItemDataRole.UserRole, person.id)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
        self.list.addItem(item)
        self._changed()

    def keep_only(self, keep: set[int]) -> None:
        """Drop unticked people not in `keep` (when the day changes, yesterday's arrivals go)."""
        for i in reversed(range(self.list.count())):
            item = self.list.item(i)
            if item.checkState() != Qt.CheckState.Checked and item.data(Qt.ItemDataRole.UserRole) not in keep:
                self.list.takeItem(i)
        self._changed()

    def tick_all(self, ticked: bool) -> None:
        self.list.blockSignals(True)
        for i in range(self.list.count()):
            self.list.item(i).setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
        self.list.blockSignals(False)
        self._changed()


class SessionForm(QDialog):
    """Log a session, or change one: participants offered from the children checked in that day."""

    saved = Signal(int)

    def __init__(self, context: AppContext, *, detail: SessionDetail | None = None, day: dt.date | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.context, self.detail = context, detail
        self.setWindowTitle(self.tr("修改活动记录") if detail else self.tr("新建活动记录"))
        self.resize(1100, 700)
        start = detail.starts_at if detail else dt.datetime.combine(day or clock.today(), dt.time(9, 30))
        self.date_edit = date_edit(start.date())
        self.start_edit = QTimeEdit(QTime(start.hour, start.minute))
        self.start_edit.setDisplayFormat("HH:mm")
        self.end_check = QCheckBox(self.tr("结束时间"))
        end = detail.ends_at if detail and detail.ends_at else start + dt.timedelta(hours=1, minutes=30)
        self.end_edit = QTimeEdit(QTime(end.hour, end.minute))
        self.end_edit.setDisplayFormat("HH:mm")
        self.end_check.setChecked(detail is None or detail.ends_at is not None)
        self.end_check.toggled.connect(self.end_edit.setEnabled)
        self.dream_combo = QComboBox()
        self.theme_edit = QLineEdit(detail.theme if detail else "")
        self.theme_edit.setPlaceholderText(self.tr("例如：水利科普、端午包粽子"))
        self.place_edit = QLineEdit(detail.place or "" if detail else self.tr(DEFAULT_PLACE))
        self.organiser_combo = QComboBox()
        self.helpers = TickList(self.tr("协助的志愿者（当天值班的已列出）"), self.tr("位志愿者"))
        self.helper_picker = PersonPicker(context, lambda t: sessions.search_volunteers(context.db, context.actor, t),
                                          self.tr("添加其他志愿者：姓名或拼音"))
        self.participants = TickList(self.tr("参与儿童（当天签到的儿童已列出）"), self.tr("名儿童"))
        self.child_picker = PersonPicker(context, lambda t: sessions.search_children(context.db, context.actor, t),
                                         self.tr("添加儿童：姓名、拼音或首字母"))
        self.add_child_button = QPushButton(icon("add"), self.tr("加入"))
        self.add_helper_button = QPushButton(icon("add"), self.tr("加入"))
        self.summary_edit = QPlainTextEdit(detail.summary or "" if detail else "")
        self.follow_up_edit = QPlainTextEdit(detail.follow_up or "" if detail else "")
        for edit in (self.summary_edit, self.follow_up_edit):
            edit.setTabChangesFocus(True)
            edit.setFixedHeight(60)
        self.photos = QListWidget()
        self.photos.setViewMode(QListWidget.ViewMode.IconMode)
        self.photos.setIconSize(THUMBNAIL)
        self.photos.setFixedHeight(THUMBNAIL.height() + 30)
        self.photos.setMinimumWidth(2 * THUMBNAIL.width() + 40)
        self.add_photo_button = QPushButton(icon("photo_add"), self.tr("添加照片…"))
        self.remove_photo_button = QPushButton(icon("photo_remove"), self.tr("移除照片"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b71c1c;")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("保存"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self._layout()

        self.add_child_button.clicked.connect(self._add_searched_child)
        self.child_picker.edit.returnPressed.connect(self._add_searched_child_when_one)
        self.add_helper_button.clicked.connect(self._add_searched_helper)
        self.add_photo_button.clicked.connect(self.choose_photos)
        self.remove_photo_button.clicked.connect(self.remove_photo)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.date_edit.dateChanged.connect(lambda _d: self.load_day())
        if detail:
            for person in detail.participants:
                self.participants.add(person, ticked=True)
            for person in detail.helpers:
                self.helpers.add(person, ticked=True)
            for path in detail.photos:
                self.add_photo(path)
        self._first_load = True
        self.loaded = False
        self.load_day()

    def _layout(self) -> None:
        when = QHBoxLayout()
        for widget in (self.date_edit, QLabel(self.tr("开始")), self.start_edit, self.end_check, self.end_edit):
            when.addWidget(widget)
        when.addStretch(1)
        form = QFormLayout()
        form.addRow(self.tr("日期"), when)
        form.addRow(self.tr("哪个梦"), self.dream_combo)
        form.addRow(self.tr("主题"), self.theme_edit)
        where_who = QHBoxLayout()
        where_who.addWidget(self.place_edit, 1)
        where_who.addWidget(QLabel(self.tr("组织者")))
        where_who.addWidget(self.organiser_combo, 1)
        form.addRow(self.tr("地点"), where_who)
        self.participants.bar.addWidget(self.child_picker, 1)
        self.participants.bar.addWidget(self.add_child_button)
        self.helpers.bar.addWidget(self.helper_picker, 1)
        self.helpers.bar.addWidget(self.add_helper_button)
        people = QHBoxLayout()
        people.addWidget(self.participants, 3)
        people.addWidget(self.helpers, 2)
        notes = QFormLayout()
        notes.addRow(self.tr("活动小结"), self.summary_edit)
        notes.addRow(self.tr("后续跟进"), self.follow_up_edit)
        photo_buttons = QHBoxLayout()
        photo_buttons.addWidget(QLabel(self.tr("照片（最多 {0} 张）").format(MAX_PHOTOS)))
        photo_buttons.addStretch(1)
        photo_buttons.addWidget(self.add_photo_button)
        photo_buttons.addWidget(self.remove_photo_button)
        photo_column = QVBoxLayout()
        photo_column.addLayout(photo_buttons)
        photo_column.addWidget(self.photos)
        # Notes and photos side by side leave the height to the participant list, the busiest part.
        bottom = QHBoxLayout()
        bottom.addLayout(notes, 3)
        bottom.addLayout(photo_column, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(people, 1)
        layout.addLayout(bottom)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

    @property
    def day(self) -> dt.date:
        return to_date(self.date_edit.date())

    def load_day(self) -> None:
        """Fetch the day's check-ins and volunteers on duty (and, once, the dreams and staff)."""
        ctx, day, first = self.context, self.day, self._first_load
        self.loaded = False

        def work() -> tuple:
            catalogue = dreams.list_dreams(ctx.db, ctx.actor) if first else None
            staff = sessions.staff_users(ctx.db, ctx.actor) if first else None
            return (catalogue, staff, sessions.checked_in_children(ctx.db, ctx.actor, day),
                    sessions.volunteers_on_duty(ctx.db, ctx.actor, day))

        self.context.tasks.run(work, self._show_day, self._show_error)

    def _show_day(self, result: tuple) -> None:
        catalogue, staff, children, on_duty = result
        if self._first_load:
            self._first_load = False
            self._fill_dreams(catalogue)
            self._fill_organisers(staff, on_duty)
        # A new session starts with every child checked in that day ticked: one click (全不选) undoes it.
        tick_new = self.detail is None
        self.participants.keep_only({c.id for c in children})
        for child in children:
            self.participants.add(child, ticked=tick_new)
        self.helpers.keep_only({v.id for v in on_duty})
        for volunteer in on_duty:
            self.helpers.add(volunteer, ticked=False)
        self.loaded = True

    def _fill_dreams(self, catalogue: list[DreamInfo]) -> None:
        current = self.detail.dream_id if self.detail else None
        for dream in catalogue:
            if dream.active or dream.id == current:
                self.dream_combo.addItem(icon(dream.icon, dream.colour), dream.label, dream.id)
        if current is not None:
            self.dream_combo.setCurrentIndex(max(0, self.dream_combo.findData(current)))

    def _fill_organisers(self, staff: list[PersonRef], on_duty: list[PersonRef]) -> None:
        combo = self.organiser_combo
        combo.addItem(self.tr("（不填）"), None)
        for person in on_duty:
            combo.addItem(self.tr("志愿者：") + person.name, ("v", person.id))
        for person in staff:
            combo.addItem(self.tr("工作人员：") + person.name, ("u", person.id))
        if self.detail:
            if self.detail.organiser_volunteer:
                self._ensure_organiser("v", self.detail.organiser_volunteer)
            elif self.detail.organiser_user:
                self._ensure_organiser("u", self.detail.organiser_user)

    def _ensure_organiser(self, kind: str, person: PersonRef) -> None:
        index = self.organiser_combo.findData((kind, person.id))
        if index < 0:
            title = self.tr("志愿者：") if kind == "v" else self.tr("工作人员：")
            self.organiser_combo.addItem(title + person.name, (kind, person.id))
            index = self.organiser_combo.count() - 1
        self.organiser_combo.setCurrentIndex(index)

    def _add_searched_child(self) -> None:
        if self.child_picker.person is not None:
            self.participants.add(self.child_picker.person, ticked=True)

    def _add_searched_child_when_one(self) -> None:
        # Enter in the search box adds the child at once when the search found exactly one.
        QTimer.singleShot(0, lambda: self._add_searched_child() if self.child_picker.results.count() == 1 else None)

    def _add_searched_helper(self) -> None:
        person = self.helper_picker.person
        if person is not None:
            self.helpers.add(person, ticked=True)
            if self.organiser_combo.findData(("v", person.id)) < 0:
                self.organiser_combo.addItem(self.tr("志愿者：") + person.name, ("v", person.id))

    # ---- photos

    def add_photo(self, path: str) -> None:
        if self.photos.count() >= MAX_PHOTOS:
            self.message.setText(self.tr("照片最多 {0} 张。").format(MAX_PHOTOS))
            return
        shown = sessions.photo_file(path) if path.startswith(sessions.PHOTOS_SUBDIR) else path
        pixmap = QPixmap(str(shown))
        item = QListWidgetItem()
        if not pixmap.isNull():
            item.setIcon(pixmap.scaled(THUMBNAIL, Qt.AspectRatioMode.KeepAspectRatio,
                                       Qt.TransformationMode.SmoothTransformation))
        else:
            item.setIcon(icon("photo_add"))
            item.setText(self.tr("（无法显示）"))
        item.setData(Qt.ItemDataRole.UserRole, path)
        item.setToolTip(str(shown))
        self.photos.addItem(item)

    def photo_paths(self) -> tuple[str, ...]:
        return tuple(self.photos.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.photos.count()))

    def choose_photos(self) -> None:
        files, _filter = QFileDialog.getOpenFileNames(self, self.tr("选择照片"), "",
                                                      self.tr("图片 (*.jpg *.jpeg *.png *.bmp *.gif *.webp)"))
        for path in files:
            self.add_photo(path)

    def remove_photo(self) -> None:
        row = self.photos.currentRow()
        if row >= 0:
            self.photos.takeItem(row)

    # ---- saving

    def draft(self) -> SessionDraft:
        day = self.day
        start = dt.datetime.combine(day, self.start_edit.time().toPython())
        end = dt.datetime.combine(day, self.end_edit.time().toPython()) if self.end_check.isChecked() else None
        organiser = self.organiser_combo.currentData()
        return SessionDraft(
            dream_id=self.dream_combo.currentData() or 0,
            starts_at=start,
            ends_at=end,
            theme=plain(self.theme_edit),
            place=plain(self.place_edit) or None,
            organiser_volunteer_id=organiser[1] if organiser and organiser[0] == "v" else None,
            organiser_user_id=organiser[1] if organiser and organiser[0] == "u" else None,
            helper_ids=tuple(self.helpers.ticked_ids()),
            participant_ids=tuple(self.participants.ticked_ids()),
            summary=plain(self.summary_edit) or None,
            follow_up=plain(self.follow_up_edit) or None,
            photos=self.photo_paths(),
        )

    def save(self) -> None:
        ctx, draft, detail = self.context, self.draft(), self.detail
        self.message.setText(self.tr("正在保存…"))
        self.buttons.setEnabled(False)
        if detail is None:
            work = lambda: sessions.log_session(ctx.db, ctx.actor, draft)  # noqa: E731
        else:
            def work() -> int:
                sessions.update_session(ctx.db, ctx.actor, detail.id, draft, expected_version=detail.version)
                return detail.id
        self.context.tasks.run(work, self._saved, self._show_error)

    def _saved(self, session_id: int) -> None:
        self.context.changes.changed.emit("sessions")
        self.saved.emit(session_id)
        self.accept()

    def _show_error(self, error: BaseException) -> None:
        # Whatever was typed stays in the form: the user fixes it and saves again.
        self.buttons.setEnabled(True)
        self.message.setText(user_message(error))


class _DreamDialog(QDialog):
    """Rename, describe and style a dream (or a new one)."""

    def __init__(self, dream: DreamInfo | None, parent: QWidget | None = None):
        super().__init__(parent)
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
        form = QFormLayout(self)
        form.addRow(self.tr("功能名称（如 道德讲堂）"), self.function_edit)
        form.addRow(self.tr("梦的名称（如 好人梦）"), self.dream_edit)
        form.addRow(self.tr("说明"), self.description_edit)
        form.addRow(self.tr("颜色（#rrggbb）"), self.colour_edit)
        form.addRow(self.tr("图标"), self.icon_combo)
        form.addRow(ok_cancel(self))


class _PairingDialog(QDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("新建结对"))
        self.volunteer = PersonPicker(context, lambda t: sessions.search_volunteers(context.db, context.actor, t),
                                      self.tr("志愿者或党员：姓名或拼音"))
        self.child = PersonPicker(context, lambda t: sessions.search_children(context.db, context.actor, t),
                                  self.tr("儿童：姓名或拼音"))
        self.start = date_edit(clock.today())
        self.goal = QPlainTextEdit()
        self.goal.setTabChangesFocus(True)
        self.interval = QSpinBox()
        self.interval.setRange(0, 365)
        self.interval.setSpecialValueText(self.tr("按本站规则"))
        self.interval.setSuffix(self.tr(" 天"))
        form = QFormLayout(self)
        form.addRow(self.tr("志愿者"), self.volunteer)
        form.addRow(self.tr("儿童"), self.child)
        form.addRow(self.tr("开始日期"), self.start)
        form.addRow(self.tr("帮扶目标"), self.goal)
        form.addRow(self.tr("多久走访一次"), self.interval)
        form.addRow(ok_cancel(self))


class _VisitDialog(QDialog):
    def __init__(self, pairing: PairingInfo, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("记录走访：{0} → {1}").format(pairing.volunteer_name, pairing.child_name))
        self.day = date_edit(clock.today())
        self.kind = QComboBox()
        self.kind.addItems(list(pairings.VISIT_KINDS))
        self.what = QPlainTextEdit()
        self.items = QLineEdit()
        self.next_step = QLineEdit()
        self.what.setTabChangesFocus(True)
        form = QFormLayout(self)
        form.addRow(self.tr("日期"), self.day)
        form.addRow(self.tr("方式"), self.kind)
        form.addRow(self.tr("做了什么"), self.what)
        form.addRow(self.tr("送了什么"), self.items)
        form.addRow(self.tr("下一步"), self.next_step)
        form.addRow(ok_cancel(self))


class _CallHomeDialog(QDialog):
    """A video call home at the station, logged as a 思亲梦 session for one child."""

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("记录站内亲情连线（思亲梦）"))
        self.child = PersonPicker(context, lambda t: sessions.search_children(context.db, context.actor, t),
                                  self.tr("儿童：姓名、拼音或首字母"))
        self.summary = QLineEdit()
        self.summary.setPlaceholderText(self.tr("例如：和妈妈视频十分钟，说了期中考试"))
        form = QFormLayout(self)
        form.addRow(self.tr("儿童"), self.child)
        form.addRow(self.tr("简要记录"), self.summary)
        form.addRow(ok_cancel(self))


class DreamsPage(Page):
    key = "dreams"
    title = QT_TRANSLATE_NOOP("Page", "十个梦")
    icon_name = "dreams"
    permission = Permission.SESSION_LOG

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.can_manage = context.actor.can(Permission.SESSION_MANAGE)
        self.catalogue: list[DreamInfo] = []
        self.pairing_rows: dict[int, PairingInfo] = {}
        self.form: SessionForm | None = None
        heading = QLabel(self.tr("十个梦 · 活动记录"))
        heading.setObjectName("pageHeading")
        self.status = QLabel()
        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_sessions_tab(), icon("dreams"), self.tr("活动记录"))
        self.tabs.addTab(self._build_pairings_tab(), icon("pairing"), self.tr("结对帮扶"))
        if self.can_manage:
            self.tabs.addTab(self._build_catalogue_tab(), icon("settings"), self.tr("类别管理"))
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.status)
        QShortcut(QKeySequence("Ctrl+N"), self, activated=self.new_session)
        context.changes.changed.connect(self._data_changed)

    # ---- sessions tab

    def _build_sessions_tab(self) -> QWidget:
        today = clock.today()
        self.dream_filter = QComboBox()
        self.dream_filter.addItem(self.tr("全部的梦"), None)
        self.from_filter = date_edit(today - dt.timedelta(days=90))
        self.to_filter = date_edit(today)
        self.child_filter = PersonPicker(self.context,
                                         lambda t: sessions.search_children(self.context.db, self.context.actor, t),
                                         self.tr("只看某个儿童：姓名或拼音"))
        self.session_table = table([self.tr("日期"), self.tr("时间"), self.tr("梦"), self.tr("主题"), self.tr("组织者"),
                                    self.tr("参与人数"), self.tr("照片")])
        self.new_button = QPushButton(icon("session_add"), self.tr("新建活动 (Ctrl+N)"))
        self.edit_button = QPushButton(icon("edit"), self.tr("查看 / 修改"))
        self.delete_button = QPushButton(icon("delete"), self.tr("删除"))
        self.delete_button.setEnabled(self.can_manage)
        self.call_home_button = QPushButton(icon("call_home"), self.tr("亲情连线…"))
        self.call_home_button.setToolTip(self.tr("孩子在站里和父母视频或通话：一步记为一次思亲梦活动"))
        filters = QHBoxLayout()
        filters.addWidget(self.dream_filter)
        filters.addWidget(QLabel(self.tr("从")))
        filters.addWidget(self.from_filter)
        filters.addWidget(QLabel(self.tr("到")))
        filters.addWidget(self.to_filter)
        filters.addWidget(self.child_filter, 1)
        self.session_count = QLabel()
        actions = QHBoxLayout()
        for button in (self.new_button, self.edit_button, self.delete_button, self.call_home_button):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.session_count)
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addLayout(filters)
        layout.addLayout(actions)
        layout.addWidget(self.session_table, 1)
        for signal in (self.dream_filter.currentIndexChanged, self.from_filter.dateChanged, self.to_filter.dateChanged,
                       self.child_filter.picked):
            signal.connect(lambda *_a: self.load_sessions())
        self.new_button.clicked.connect(self.new_session)
        self.edit_button.clicked.connect(self.open_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.call_home_button.clicked.connect(self.call_home)
        self.session_table.doubleClicked.connect(lambda _i: self.open_selected())
        return tab

    def load_sessions(self) -> None:
        ctx = self.context
        filters = {
            "dream_id": self.dream_filter.currentData(),
            "date_from": to_date(self.from_filter.date()),
            "date_to": to_date(self.to_filter.date()),
            "child_id": self.child_filter.person_id,
        }
        ctx.tasks.run(lambda: sessions.list_sessions(ctx.db, ctx.actor, **filters), self.show_sessions, self._error)

    def show_sessions(self, rows: list[SessionRow]) -> None:
        table_rows = []
        for r in rows:
            dream = cell(r.dream_name)
            dream.setForeground(QColor(r.colour))
            time_text = f"{r.starts_at:%H:%M}" + (f"–{r.ends_at:%H:%M}" if r.ends_at else "")
            table_rows.append((r.id, [f"{r.starts_at:%Y-%m-%d}", time_text, dream, r.theme, r.organiser,
                                      r.participants, r.photos or ""]))
        fill(self.session_table, table_rows)
        self.session_count.setText(self.tr("共 {0} 条活动记录").format(len(rows)))

    def new_session(self) -> None:
        self._open_form(None)

    def open_selected(self) -> None:
        session_id = selected_key(self.session_table)
        if session_id is None:
            self.status.setText(self.tr("请先在列表里选一条活动记录。"))
            return
        ctx = self.context
        ctx.tasks.run(lambda: sessions.get_session(ctx.db, ctx.actor, session_id), self._open_form, self._error)

    def _open_form(self, detail: SessionDetail | None) -> None:
        self.form = SessionForm(self.context, detail=detail, parent=self)
        if detail is not None and not self.can_manage:
            # Duty volunteers log sessions; changing one afterwards is for social workers and admins.
            self.form.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(False)
            self.form.message.setText(self.tr("只有社工或管理员可以修改已记录的活动。"))
        self.form.saved.connect(lambda _id: self.status.setText(self.tr("活动记录已保存。")))
        self.form.open()

    def delete_selected(self) -> None:
        session_id = selected_key(self.session_table)
        if session_id is None:
            return
        if dialogs_enabled():
            answer = QMessageBox.question(self, self.tr("删除活动记录"),
                                          self.tr("确定删除这条活动记录和它的照片吗？操作日志会留下记录。"))
            if answer != QMessageBox.StandardButton.Yes:
                return
        ctx = self.context
        self._write(lambda: sessions.delete_session(ctx.db, ctx.actor, session_id), "sessions",
                    self.tr("活动记录已删除。"))

    def call_home(self) -> None:
        dialog = _CallHomeDialog(self.context, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        child_id, summary = dialog.child.person_id, plain(dialog.summary)
        if child_id is None:
            self.status.setText(self.tr("请先搜索并选好儿童。"))
            return
        self.log_call_home(child_id, summary)

    def log_call_home(self, child_id: int, summary: str | None) -> None:
        ctx, at = self.context, clock.now().replace(second=0, microsecond=0)
        self._write(lambda: sessions.log_call_home(ctx.db, ctx.actor, child_id, at=at, summary=summary), "sessions",
                    self.tr("已记为一次思亲梦活动（站内亲情连线）。"))

    # ---- pairings tab

    def _build_pairings_tab(self) -> QWidget:
        self.overdue_only = QCheckBox(self.tr("只看逾期未走访的"))
        self.pairing_table = table([self.tr("志愿者"), self.tr("儿童"), self.tr("开始"), self.tr("目标"),
                                    self.tr("走访次数"), self.tr("上次走访"), self.tr("应走访日期"), self.tr("逾期天数")])
        self.visit_table = table([self.tr("日期"), self.tr("方式"), self.tr("做了什么"), self.tr("送了什么"),
                                  self.tr("下一步")])
        self.new_pairing_button = QPushButton(icon("pairing"), self.tr("新建结对"))
        self.new_pairing_button.setEnabled(self.can_manage)
        self.visit_button = QPushButton(icon("visit"), self.tr("记录走访"))
        self.end_pairing_button = QPushButton(self.tr("结束结对"))
        self.end_pairing_button.setEnabled(self.can_manage)
        self.pairing_summary = QLabel()
        actions = QHBoxLayout()
        for widget in (self.overdue_only, self.new_pairing_button, self.visit_button, self.end_pairing_button):
            actions.addWidget(widget)
        actions.addStretch(1)
        actions.addWidget(self.pairing_summary)
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addLayout(actions)
        layout.addWidget(self.pairing_table, 2)
        layout.addWidget(QLabel(self.tr("所选结对的走访记录")))
        layout.addWidget(self.visit_table, 1)
        self.overdue_only.toggled.connect(lambda _on: self.load_pairings())
        self.pairing_table.itemSelectionChanged.connect(self.load_visits)
        self.new_pairing_button.clicked.connect(self.new_pairing)
        self.visit_button.clicked.connect(self.record_visit)
        self.end_pairing_button.clicked.connect(self.end_pairing)
        return tab

    def load_pairings(self) -> None:
        ctx, overdue = self.context, self.overdue_only.isChecked()

        def work() -> list[PairingInfo]:
            if overdue:
                return pairings.overdue_pairings(ctx.db, ctx.actor)
            return pairings.list_pairings(ctx.db, ctx.actor)

        ctx.tasks.run(work, self.show_pairings, self._error)

    def show_pairings(self, rows: list[PairingInfo]) -> None:
        today = clock.today()
        self.pairing_rows = {p.id: p for p in rows}
        table_rows = []
        for p in rows:
            late = p.days_overdue(today)
            late_cell = cell(late or "")
            if late:
                late_cell.setForeground(QColor("#b71c1c"))
            table_rows.append((p.id, [p.volunteer_name, p.child_name, p.started_on, p.goal or "", p.visits,
                                      p.last_visit or self.tr("尚未走访"), p.due_on, late_cell]))
        fill(self.pairing_table, table_rows)
        overdue = sum(1 for p in rows if p.days_overdue(today))
        self.pairing_summary.setText(self.tr("结对 {0} 个，其中 {1} 个逾期未走访").format(len(rows), overdue))

    def load_visits(self) -> None:
        pairing_id = selected_key(self.pairing_table)
        if pairing_id is None:
            fill(self.visit_table, [])
            return
        ctx = self.context
        ctx.tasks.run(lambda: pairings.list_visits(ctx.db, ctx.actor, pairing_id), self.show_visits, self._error)

    def show_visits(self, visits: list[VisitInfo]) -> None:
        fill(self.visit_table, [(v.id, [v.visited_on, v.kind, v.what_done or "", v.items_given or "",
                                        v.next_step or ""]) for v in visits])

    def new_pairing(self) -> None:
        dialog = _PairingDialog(self.context, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        ctx = self.context
        volunteer_id, child_id = dialog.volunteer.person_id, dialog.child.person_id
        values = {"started_on": to_date(dialog.start.date()), "goal": plain(dialog.goal),
                  "visit_interval_days": dialog.interval.value() or None}
        if volunteer_id is None or child_id is None:
            self.status.setText(self.tr("请先搜索并选好志愿者和儿童。"))
            return
        self._write(lambda: pairings.create_pairing(ctx.db, ctx.actor, volunteer_id=volunteer_id, child_id=child_id,
                                                    **values), "pairings", self.tr("结对已建立。"))

    def record_visit(self) -> None:
        pairing = self.pairing_rows.get(selected_key(self.pairing_table))
        if pairing is None:
            self.status.setText(self.tr("请先在列表里选一个结对。"))
            return
        dialog = _VisitDialog(pairing, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        ctx = self.context
        values = {"visited_on": to_date(dialog.day.date()), "kind": dialog.kind.currentText(),
                  "what_done": plain(dialog.what), "items_given": plain(dialog.items), "next_step": plain(dialog.next_step)}
        self._write(lambda: pairings.record_visit(ctx.db, ctx.actor, pairing.id, **values), "pairings",
                    self.tr("走访已记录。"))

    def end_pairing(self) -> None:
        pairing = self.pairing_rows.get(selected_key(self.pairing_table))
        if pairing is None:
            return
        ctx = self.context
        self._write(lambda: pairings.update_pairing(ctx.db, ctx.actor, pairing.id, goal=pairing.goal,
                                                    started_on=pairing.started_on,
                                                    ended_on=max(clock.today(), pairing.started_on),
                                                    visit_interval_days=pairing.visit_interval_days
                                                    if pairing.own_interval else None),
                    "pairings", self.tr("结对已结束（记录保留）。"))

    # ---- catalogue tab

    def _build_catalogue_tab(self) -> QWidget:
        self.dream_table = table([self.tr("顺序"), self.tr("功能"), self.tr("梦"), self.tr("活动数"), self.tr("状态"),
                                  self.tr("说明")])
        self.dream_table.setIconSize(QSize(24, 24))
        buttons = QHBoxLayout()
        self.up_button = QPushButton(icon("move_up"), self.tr("上移"))
        self.down_button = QPushButton(icon("move_down"), self.tr("下移"))
        self.edit_dream_button = QPushButton(icon("edit"), self.tr("修改…"))
        self.add_dream_button = QPushButton(icon("add"), self.tr("新增类别…"))
        self.hide_dream_button = QPushButton(self.tr("停用 / 启用"))
        for button in (self.up_button, self.down_button, self.edit_dream_button, self.add_dream_button,
                       self.hide_dream_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        note = QLabel(self.tr("改名不会丢失历史：已记录的活动跟着类别走。停用的类别不再出现在新建活动里，统计仍保留。"))
        note.setWordWrap(True)
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addLayout(buttons)
        layout.addWidget(self.dream_table, 1)
        layout.addWidget(note)
        self.up_button.clicked.connect(lambda: self.move_dream(-1))
        self.down_button.clicked.connect(lambda: self.move_dream(1))
        self.edit_dream_button.clicked.connect(self.edit_dream)
        self.add_dream_button.clicked.connect(self.add_dream)
        self.hide_dream_button.clicked.connect(self.toggle_dream)
        self.dream_table.doubleClicked.connect(lambda _i: self.edit_dream())
        return tab

    def load_catalogue(self) -> None:
        ctx = self.context
        ctx.tasks.run(lambda: dreams.list_dreams(ctx.db, ctx.actor), self.show_catalogue, self._error)

    def show_catalogue(self, catalogue: list[DreamInfo]) -> None:
        self.catalogue = catalogue
        current = self.dream_filter.currentData()
        self.dream_filter.blockSignals(True)
        self.dream_filter.clear()
        self.dream_filter.addItem(self.tr("全部的梦"), None)
        for dream in catalogue:
            self.dream_filter.addItem(icon(dream.icon, dream.colour), dream.label, dream.id)
        self.dream_filter.setCurrentIndex(max(0, self.dream_filter.findData(current)))
        self.dream_filter.blockSignals(False)
        if not self.can_manage:
            return
        selected = selected_key(self.dream_table)
        rows = []
        for d in catalogue:
            name = cell(d.dream_name)
            name.setIcon(icon(d.icon, d.colour))
            rows.append((d.id, [d.sort_order, d.function_name, name, d.sessions,
                                self.tr("使用中") if d.active else self.tr("已停用"), d.description or ""]))
        fill(self.dream_table, rows)
        if selected is not None:
            index = next((i for i, d in enumerate(catalogue) if d.id == selected), -1)
            self.dream_table.selectRow(index)

    def _selected_dream(self) -> DreamInfo | None:
        dream_id = selected_key(self.dream_table)
        return next((d for d in self.catalogue if d.id == dream_id), None)

    def move_dream(self, step: int) -> None:
        dream = self._selected_dream()
        if dream is None:
            return
        order = [d.id for d in self.catalogue]
        index = order.index(dream.id)
        target = index + step
        if not 0 <= target < len(order):
            return
        order[index], order[target] = order[target], order[index]
        ctx = self.context
        self._write(lambda: dreams.reorder_dreams(ctx.db, ctx.actor, order), "dreams", self.tr("顺序已保存。"))

    def edit_dream(self) -> None:
        dream = self._selected_dream()
        if dream is None:
            return
        dialog = _DreamDialog(dream, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        ctx = self.context
        values = {"function_name": plain(dialog.function_edit), "dream_name": plain(dialog.dream_edit),
                  "description": plain(dialog.description_edit), "colour": plain(dialog.colour_edit),
                  "icon": dialog.icon_combo.currentData()}
        self._write(lambda: dreams.update_dream(ctx.db, ctx.actor, dream.id, **values), "dreams",
                    self.tr("类别已保存；它的活动记录都还在。"))

    def add_dream(self) -> None:
        dialog = _DreamDialog(None, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        ctx = self.context
        values = {"function_name": plain(dialog.function_edit), "dream_name": plain(dialog.dream_edit),
                  "description": plain(dialog.description_edit), "colour": plain(dialog.colour_edit),
                  "icon": dialog.icon_combo.currentData()}
        self._write(lambda: dreams.add_dream(ctx.db, ctx.actor, **values), "dreams", self.tr("类别已添加。"))

    def toggle_dream(self) -> None:
        dream = self._selected_dream()
        if dream is None:
            return
        ctx = self.context
        self._write(lambda: dreams.update_dream(ctx.db, ctx.actor, dream.id, active=not dream.active), "dreams",
                    self.tr("已停用：历史记录保留。") if dream.active else self.tr("已重新启用。"))

    # ---- shared

    def _write(self, work: Callable[[], Any], what: str, done_text: str) -> None:
        def finished(_result: Any) -> None:
            self.status.setText(done_text)
            self.context.changes.changed.emit(what)

        self.context.tasks.run(work, finished, self._error)

    def _error(self, error: BaseException) -> None:
        self.status.setText(user_message(error))

    def _data_changed(self, what: str) -> None:
        if what in ("sessions", "dreams"):
            self.load_sessions()
        if what == "dreams":
            self.load_catalogue()
        if what in ("pairings", "children", "volunteers"):
            self.load_pairings()

    def activated(self) -> None:
        self.load_catalogue()
        self.load_sessions()
        self.load_pairings()
