"""The session form of the 十个梦: log a session or change one, with its participants, helpers and photos."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QT_TRANSLATE_NOOP, QSize, Qt, QTime, QTimer, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from qsh_desk import clock
from qsh_desk.gui.context import AppContext
from qsh_desk.gui.icons import icon
from qsh_desk.gui.kernel import KernelDialog, MessageLine, Topic
from qsh_desk.gui.widgets.photo_children import PhotoChildrenDialog
from qsh_desk.gui.widgets.pickers import (
    PersonPicker,
    TickList,
    date_edit,
    plain,
    to_date,
)
from qsh_desk.services import dreams, session_people, sessions
from qsh_desk.services.dreams import DreamInfo
from qsh_desk.services.sessions import (
    MAX_PHOTOS,
    PersonRef,
    SessionDetail,
    SessionDraft,
)

THUMBNAIL = QSize(100, 75)
DEFAULT_PLACE = QT_TRANSLATE_NOOP("SessionForm", "亲善之家活动室")  # self.tr() where it fills the form


class SessionForm(KernelDialog):
    """Log a session, or change one: participants offered from the children checked in that day."""

    saved = Signal(int)

    def __init__(self, context: AppContext, *, detail: SessionDetail | None = None, day: dt.date | None = None,
                 parent: QWidget | None = None):
        super().__init__(context, parent)
        self.detail = detail
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
        self.helper_picker = PersonPicker(context, lambda t: session_people.search_volunteers(context.db, context.actor, t),
                                          self.tr("添加其他志愿者：姓名或拼音"))
        self.participants = TickList(self.tr("参与儿童（当天签到的儿童已列出）"), self.tr("名儿童"))
        self.child_picker = PersonPicker(context, lambda t: session_people.search_children(context.db, context.actor, t),
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
        self.photo_children_button = QPushButton(self.tr("照片里的孩子…"))
        self.photo_children_button.setEnabled(False)
        self.photo_children_button.setToolTip(self.tr("选一张已保存的照片，勾选照片里的孩子（新添的照片请先保存）"))
        self.photo_children_dialog: PhotoChildrenDialog | None = None
        self.message = MessageLine()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("保存"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self._layout()

        self.add_child_button.clicked.connect(self._add_searched_child)
        self.child_picker.edit.returnPressed.connect(self._add_searched_child_when_one)
        self.add_helper_button.clicked.connect(self._add_searched_helper)
        self.add_photo_button.clicked.connect(self.choose_photos)
        self.remove_photo_button.clicked.connect(self.remove_photo)
        self.photo_children_button.clicked.connect(self.open_photo_children)
        self.photos.currentRowChanged.connect(lambda _row: self.photo_children_button.setEnabled(
            self._stored_photo() is not None))
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
        photo_buttons.addWidget(self.photo_children_button)
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
            staff = session_people.staff_users(ctx.db, ctx.actor) if first else None
            return (catalogue, staff, session_people.checked_in_children(ctx.db, ctx.actor, day),
                    session_people.volunteers_on_duty(ctx.db, ctx.actor, day))

        self.run(work, self._show_day)

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
            self.say(self.tr("照片最多 {0} 张。").format(MAX_PHOTOS), error=True)
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

    def _stored_photo(self) -> str | None:
        """The selected photo when it is one of the saved session's (a new one has no stored name yet)."""
        item = self.photos.currentItem()
        path = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        if self.detail is None or path not in self.detail.photos:
            return None
        return path

    def open_photo_children(self) -> PhotoChildrenDialog | None:
        """Tick the children in the selected photo: those of the saved session's participants who are in it."""
        path = self._stored_photo()
        if path is None or self.detail is None:
            return None
        self.photo_children_dialog = PhotoChildrenDialog(self.context, self.detail.id, path,
                                                         self.detail.participants, self)
        self.photo_children_dialog.saved.connect(
            lambda ids: self.say(self.tr("已记下照片里的 {0} 个孩子。").format(len(ids))))
        self.photo_children_dialog.open()
        return self.photo_children_dialog

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
        self.say(self.tr("正在保存…"))
        if detail is None:
            work = lambda: sessions.log_session(ctx.db, ctx.actor, draft)
        else:
            def work() -> int:
                sessions.update_session(ctx.db, ctx.actor, detail.id, draft, expected_version=detail.version)
                return detail.id
        # Whatever was typed stays in the form when the save fails: the user fixes it and saves again.
        self.run(work, self._saved, busy=[self.buttons], publishes={Topic.SESSIONS})

    def _saved(self, session_id: int) -> None:
        self.saved.emit(session_id)
        self.accept()
