"""The child's edit form (新增儿童 / 编辑): the registration fields, guardians and who may collect the child,
the guardian's consents and the photo, each problem under its field."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from qsh_desk import clock
from qsh_desk.db.models import GUARDIAN_RELATIONS
from qsh_desk.gui.context import AppContext
from qsh_desk.gui.errors import dialogs_enabled, user_message
from qsh_desk.gui.icons import icon
from qsh_desk.gui.kernel import KernelDialog, Topic
from qsh_desk.gui.labels import label
from qsh_desk.gui.widgets import file_picker
from qsh_desk.gui.widgets.roster_widgets import DuplicateWarningDialog, FieldErrors, error_label
from qsh_desk.services import consents, roster
from qsh_desk.services.access import Permission
from qsh_desk.services.child_input import FIELD_TITLES, GRADES, HEALTH_STATUSES
from qsh_desk.services.consents import CONSENT_TITLES
from qsh_desk.services.errors import InvalidInput
from qsh_desk.services.roster import (
    ChildDetail,
    ChildInput,
    ChildSummary,
    ConsentView,
    FilterChoices,
    GuardianInput,
    PossibleDuplicate,
)
from qsh_desk.services.validation import ETHNIC_GROUPS

# Relations people say, beyond the seven the database knows (stored as 其他 with the word as a note).
OTHER_RELATIONS = ("姑姑", "姑父", "舅舅", "舅妈", "叔叔", "婶婶", "伯伯", "阿姨", "哥哥", "姐姐", "邻居")
PHOTO_SIZE = (150, 200)
GUARDIAN_COLUMNS = (QT_TRANSLATE_NOOP("ChildEditDialog", "姓名"), QT_TRANSLATE_NOOP("ChildEditDialog", "关系"),
                    QT_TRANSLATE_NOOP("ChildEditDialog", "电话"), QT_TRANSLATE_NOOP("ChildEditDialog", "可接送"))
# Which tab holds each field, so the form can show the first tab with a problem.
GUARDIAN_TAB, PHOTO_TAB = 1, 2


class ChildEditDialog(KernelDialog):
    """The edit form: every problem appears next to its field; nothing typed is lost on an error."""

    saved = Signal(object)
    problems_shown = Signal()
    duplicate_shown = Signal()
    conflict_shown = Signal(str)
    consents_changed = Signal()
    photo_changed = Signal()

    def __init__(self, context: AppContext, detail: ChildDetail | None, choices: FilterChoices,
                 parent: QWidget | None = None):
        super().__init__(context, parent)
        self.detail = detail
        self.duplicate_dialog: DuplicateWarningDialog | None = None
        actor = context.actor
        self.editable = detail is None or actor.can(Permission.ROSTER_EDIT)
        self.setObjectName("childEditor")
        self.setWindowTitle(self.tr("新增儿童") if detail is None else self.tr("儿童资料：") + detail.name)
        self.resize(900, 720)
        outer = QVBoxLayout(self)
        self.general = error_label()
        self.errors = FieldErrors(self.general)
        outer.addWidget(self.general)
        self.tabs = QTabWidget()
        outer.addWidget(self.tabs, 1)

        # --- 基本信息 ---
        self.name = QLineEdit()
        self.gender = QComboBox()
        for gender in ("", "男", "女"):  # stored in Chinese, shown in the interface language
            self.gender.addItem(label(gender), gender)
        self.ethnicity = QComboBox()
        self.ethnicity.setEditable(True)
        self.ethnicity.addItems(ETHNIC_GROUPS)
        self.birth_date = QLineEdit()
        self.birth_date.setPlaceholderText(self.tr("如 2015-03-04 或 2015年3月4日"))
        self.id_number = QLineEdit()
        self.id_number.setPlaceholderText(self.tr("可不填；填写时为 18 位"))
        self.household_address = QLineEdit()
        self.current_address = QLineEdit()
        self.school = QComboBox()
        self.school.setEditable(True)
        self.school.addItems(["", *choices.schools])
        self.grade = QComboBox()
        self.grade.setEditable(True)
        self.grade.addItems(["", *dict.fromkeys((*GRADES, *choices.grades))])
        self.boarding = QCheckBox(self.tr("住校"))
        self.health_status = QComboBox()
        self.health_status.addItems(["", *HEALTH_STATUSES])
        self.medical_flag = QCheckBox(self.tr("有过敏或疾病（签到台会看到提示）"))
        self.medical_details = QPlainTextEdit()
        self.medical_details.setFixedHeight(70)
        self.medical_visible = detail is None or detail.medical_visible
        if not self.medical_visible:
            self.medical_details.setEnabled(False)
            self.medical_details.setPlaceholderText(self.tr("您的账号不能查看详情（可以看到是否有过敏或疾病）"))
        self.initials_override = QLineEdit()
        self.initials_override.setPlaceholderText(self.tr("姓名读音特殊时填写，如 单雨涵 → syh"))
        self.notes = QPlainTextEdit()
        self.notes.setFixedHeight(70)
        self.card_code = QLabel(detail.card_code if detail else self.tr("保存后自动生成"))
        self.widgets: dict[str, QWidget] = {
            "name": self.name, "gender": self.gender, "ethnicity": self.ethnicity, "birth_date": self.birth_date,
            "id_number": self.id_number, "household_address": self.household_address,
            "current_address": self.current_address, "school": self.school, "grade": self.grade,
            "boarding": self.boarding, "health_status": self.health_status, "medical_flag": self.medical_flag,
            "medical_details": self.medical_details, "initials_override": self.initials_override, "notes": self.notes,
        }
        basics = QWidget()
        form = QFormLayout(basics)
        form.addRow(self.tr("卡号"), self.card_code)
        for key, widget in self.widgets.items():
            holder = QWidget()
            column = QVBoxLayout(holder)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(2)
            column.addWidget(widget)
            column.addWidget(self.errors.add(FIELD_TITLES[key]))
            title = label(FIELD_TITLES[key]) + (" *" if key in ("name", "gender", "birth_date") else "")
            form.addRow(title, holder)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(basics)
        self.tabs.addTab(scroll, self.tr("基本信息"))

        # --- 监护人与接送 ---
        family = QWidget()
        family_layout = QVBoxLayout(family)
        family_layout.addWidget(QLabel(self.tr("监护人和可以接孩子的人（第一位为主要监护人）：")))
        self.guardians = QTableWidget(0, len(GUARDIAN_COLUMNS))
        self.guardians.setHorizontalHeaderLabels([self.tr(t) for t in GUARDIAN_COLUMNS])
        self.guardians.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.guardians.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.guardians.verticalHeader().setVisible(False)
        # Rows as tall as the relation drop-down in them (in large type too), so it never spills over the next row.
        self.guardians.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        family_layout.addWidget(self.guardians)
        self.guardian_errors = error_label()
        self.errors.add_prefix("监护人", self.guardian_errors)
        family_layout.addWidget(self.guardian_errors)
        guardian_buttons = QHBoxLayout()
        self.add_guardian_button = QPushButton(icon("add"), self.tr("添加监护人/接送人"))
        self.remove_guardian_button = QPushButton(icon("delete"), self.tr("删除所选"))
        self.add_guardian_button.clicked.connect(lambda: self.add_guardian_row(None))
        self.remove_guardian_button.clicked.connect(self._remove_guardian)
        guardian_buttons.addWidget(self.add_guardian_button)
        guardian_buttons.addWidget(self.remove_guardian_button)
        guardian_buttons.addStretch(1)
        family_layout.addLayout(guardian_buttons)
        family_layout.addWidget(self._consent_box())
        self.tabs.addTab(family, self.tr("监护人与同意书"))

        # --- 照片 ---
        photo = QWidget()
        photo_layout = QVBoxLayout(photo)
        self.photo = QLabel(self.tr("没有照片"))
        self.photo.setFixedSize(*PHOTO_SIZE)
        self.photo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.photo.setStyleSheet("border: 1px solid #cfd8dc; background: white;")
        photo_layout.addWidget(self.photo)
        self.photo_errors = self.errors.add("照片")
        photo_layout.addWidget(self.photo_errors)
        photo_buttons = QHBoxLayout()
        self.choose_photo = QPushButton(icon("photo_add"), self.tr("选择照片…"))
        self.remove_photo = QPushButton(icon("photo_remove"), self.tr("移除照片"))
        self.choose_photo.clicked.connect(self._browse_photo)
        self.remove_photo.clicked.connect(self.clear_photo)
        photo_buttons.addWidget(self.choose_photo)
        photo_buttons.addWidget(self.remove_photo)
        photo_buttons.addStretch(1)
        photo_layout.addLayout(photo_buttons)
        if detail is None:
            photo_layout.addWidget(QLabel(self.tr("保存后可以添加照片。")))
            self.choose_photo.setEnabled(False)
            self.remove_photo.setEnabled(False)
        photo_layout.addStretch(1)
        self.tabs.addTab(photo, self.tr("照片"))
        self.wishes_tab = None
        if detail is not None and context.actor.can(Permission.WISHES):
            from qsh_desk.gui.pages.wishes import ChildWishesTab

            self.wishes_tab = ChildWishesTab(context, detail.id, detail.name)
            self.tabs.addTab(self.wishes_tab, icon("wishes"), self.tr("微心愿"))

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.save_button = QPushButton(icon("save"), self.tr("保存"))
        self.save_button.setDefault(True)
        self.cancel_button = QPushButton(self.tr("取消"))
        self.cancel_button.setProperty("cancels", True)
        self.save_button.clicked.connect(lambda: self.save())
        self.cancel_button.clicked.connect(self.reject)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.cancel_button)
        outer.addLayout(buttons)

        if detail is not None:
            self._fill(detail)
        else:
            self.ethnicity.setCurrentText("汉族")
            self.add_guardian_row(None)
        self.name.setFocus()  # typing starts with the name
        if not self.editable:
            for widget in (*self.widgets.values(), self.guardians, self.add_guardian_button,
                           self.remove_guardian_button, self.choose_photo, self.remove_photo, self.consent_form):
                widget.setEnabled(False)
            self.save_button.setVisible(False)
            self.cancel_button.setText(self.tr("关闭"))

    # --- filling and reading ----------------------------------------------------------------------

    def _fill(self, detail: ChildDetail) -> None:
        self.name.setText(detail.name)
        self.gender.setCurrentIndex(max(0, self.gender.findData(detail.gender)))
        self.ethnicity.setCurrentText(detail.ethnicity)
        self.birth_date.setText(detail.birth_date.isoformat() if detail.birth_date else "")
        self.id_number.setText(detail.id_number or "")
        self.household_address.setText(detail.household_address or "")
        self.current_address.setText(detail.current_address or "")
        self.school.setCurrentText(detail.school or "")
        self.grade.setCurrentText(detail.grade or "")
        self.boarding.setChecked(detail.boarding)
        self.health_status.setCurrentText(detail.health_status or "")
        self.medical_flag.setChecked(detail.medical_flag)
        self.medical_details.setPlainText(detail.medical_details or "")
        self.initials_override.setText(detail.initials_override or "")
        self.notes.setPlainText(detail.notes or "")
        for guardian in detail.guardians:
            relation = guardian.relation if guardian.relation != "其他" else (guardian.relation_note or "其他")
            self.add_guardian_row(GuardianInput(guardian.name, relation, guardian.phone, guardian.may_collect))
        self._show_consents(detail.consents)
        self._show_photo(detail.photo_path)

    def add_guardian_row(self, guardian: GuardianInput | None) -> int:
        row = self.guardians.rowCount()
        self.guardians.insertRow(row)
        self.guardians.setItem(row, 0, QTableWidgetItem(guardian.name if guardian else ""))
        relation = QComboBox()
        relation.setEditable(True)
        relation.addItems(["", *GUARDIAN_RELATIONS, *OTHER_RELATIONS])
        relation.setCurrentText(guardian.relation if guardian else "")
        self.guardians.setCellWidget(row, 1, relation)
        self.guardians.setItem(row, 2, QTableWidgetItem(guardian.phone or "" if guardian else ""))
        collect = QTableWidgetItem(self.tr("可以接"))
        collect.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        collect.setCheckState(Qt.CheckState.Checked if (guardian is None or guardian.may_collect)
                              else Qt.CheckState.Unchecked)
        self.guardians.setItem(row, 3, collect)
        return row

    def _remove_guardian(self) -> None:
        row = self.guardians.currentRow()
        if row >= 0:
            self.guardians.removeRow(row)

    def set_guardian(self, row: int, name: str, relation: str, phone: str, may_collect: bool = True) -> None:
        """Fill one row of the guardians' table (as typing would)."""
        self.guardians.item(row, 0).setText(name)
        self.guardians.cellWidget(row, 1).setCurrentText(relation)
        self.guardians.item(row, 2).setText(phone)
        self.guardians.item(row, 3).setCheckState(Qt.CheckState.Checked if may_collect else Qt.CheckState.Unchecked)

    def guardian_inputs(self) -> tuple[GuardianInput, ...]:
        result = []
        for row in range(self.guardians.rowCount()):
            name = self.guardians.item(row, 0).text()
            relation = self.guardians.cellWidget(row, 1).currentText()
            phone = self.guardians.item(row, 2).text()
            if not (name.strip() or relation.strip() or phone.strip()):
                continue  # an empty row left at the end is not a guardian
            may_collect = self.guardians.item(row, 3).checkState() == Qt.CheckState.Checked
            result.append(GuardianInput(name, relation, phone or None, may_collect))
        return tuple(result)

    def child_input(self) -> ChildInput:
        return ChildInput(
            name=self.name.text(),
            gender=self.gender.currentData(),
            birth_date=self.birth_date.text(),
            grade=self.grade.currentText(),
            guardians=self.guardian_inputs(),
            ethnicity=self.ethnicity.currentText(),
            id_number=self.id_number.text(),
            household_address=self.household_address.text(),
            current_address=self.current_address.text(),
            school=self.school.currentText(),
            boarding=self.boarding.isChecked(),
            health_status=self.health_status.currentText(),
            medical_flag=self.medical_flag.isChecked(),
            medical_details=self.medical_details.toPlainText() if self.medical_visible else None,
            notes=self.notes.toPlainText(),
            initials_override=self.initials_override.text(),
        )

    def typed_input(self) -> ChildInput | None:
        return self.child_input() if self.editable else None

    # --- saving -----------------------------------------------------------------------------------

    def save(self, *, confirm_possible_duplicate: bool = False) -> None:
        ctx, data, detail = self.context, self.child_input(), self.detail
        if detail is None:
            def work() -> Any:
                return roster.add_child(ctx.db, ctx.actor, data, confirm_possible_duplicate=confirm_possible_duplicate)
        else:
            def work() -> Any:
                return roster.update_child(ctx.db, ctx.actor, detail.id, data, detail.version)
        self.run(work, self._saved, failed=self._save_failed, busy=[self.save_button], publishes={Topic.CHILDREN})

    def _saved(self, result: ChildSummary | ChildDetail) -> None:
        self.errors.clear()
        self.saved.emit(result)
        self.accept()

    def _save_failed(self, error: BaseException) -> bool:
        if isinstance(error, PossibleDuplicate):
            self.errors.clear()
            self.duplicate_dialog = DuplicateWarningDialog(
                str(error), [roster._match_label(m) for m in error.matches], self)
            self.duplicate_dialog.accepted.connect(lambda: self.save(confirm_possible_duplicate=True))
            self.duplicate_dialog.open()
            self.duplicate_shown.emit()
            return True
        if isinstance(error, InvalidInput):
            fields = self.errors.show(error.problems)
            self._show_tab_of(fields)
            self.problems_shown.emit()
            return True
        message = user_message(error)
        self.errors.show_message(message)
        self.conflict_shown.emit(message)
        return True

    def _show_tab_of(self, fields: list[str]) -> None:
        if not fields:
            return
        first = fields[0]
        if first.startswith("监护人"):
            self.tabs.setCurrentIndex(GUARDIAN_TAB)
        elif first == "照片":
            self.tabs.setCurrentIndex(PHOTO_TAB)
        else:
            self.tabs.setCurrentIndex(0)
            key = next((k for k, title in FIELD_TITLES.items() if title == first), None)
            if key is not None:
                self.widgets[key].setFocus()

    def error_text(self, field: str) -> str:
        """What is shown under a field (for tests and for screen readers)."""
        return self.errors.text_for(field)

    # --- consents ---------------------------------------------------------------------------------

    def _consent_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("监护人同意书"))
        layout = QVBoxLayout(box)
        self.consent_list = QListWidget()
        self.consent_list.setFixedHeight(90)
        layout.addWidget(self.consent_list)
        self.consent_form = QWidget()
        form = QHBoxLayout(self.consent_form)
        form.setContentsMargins(0, 0, 0, 0)
        self.consent_kind = QComboBox()
        for kind, title in CONSENT_TITLES.items():
            self.consent_kind.addItem(label(title), kind)
        self.consent_by = QLineEdit()
        self.consent_by.setPlaceholderText(self.tr("同意人，如 祖母 王秀英"))
        self.consent_on = QLineEdit(clock.today().isoformat())
        self.consent_on.setFixedWidth(120)
        self.consent_scope = QLineEdit()
        self.consent_scope.setPlaceholderText(self.tr("范围，如 花名册和照片，仅用于本站活动"))
        self.consent_add = QPushButton(icon("add"), self.tr("记录"))
        self.consent_revoke = QPushButton(self.tr("撤回所选"))
        for widget in (self.consent_kind, self.consent_by, self.consent_on, self.consent_scope, self.consent_add,
                       self.consent_revoke):
            form.addWidget(widget)
        self.consent_kind.currentIndexChanged.connect(
            lambda _i: self.consent_scope.setEnabled(self.consent_kind.currentData() == "data"))
        self.consent_add.clicked.connect(self.record_consent)
        self.consent_revoke.clicked.connect(self.revoke_consent)
        layout.addWidget(self.consent_form)
        self.consent_errors = error_label()
        layout.addWidget(self.consent_errors)
        if self.detail is None:
            self.consent_form.setEnabled(False)
            layout.addWidget(QLabel(self.tr("保存后可以记录同意书。")))
        return box

    def _show_consents(self, consents: tuple[ConsentView, ...]) -> None:
        self.consent_list.clear()
        for consent in consents:
            text = self.tr("{0}：{1}，{2}").format(label(CONSENT_TITLES[consent.kind]), consent.given_by,
                                                 consent.given_on.isoformat())
            if consent.scope:
                text += self.tr("，范围：{0}").format(consent.scope)
            if consent.revoked_on:
                text += self.tr("（{0} 已撤回）").format(consent.revoked_on.isoformat())
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, consent.id)
            self.consent_list.addItem(item)

    def _consents_arrived(self, consents: tuple[ConsentView, ...]) -> None:
        self._show_consents(consents)
        self.consents_changed.emit()

    def _consent_error(self, error: BaseException) -> bool:
        if isinstance(error, InvalidInput):
            text = "\n".join(f"{p.field}：{p.message}" if p.field else p.message for p in error.problems)
        else:
            text = user_message(error)
        self.consent_errors.setText(text)
        self.consent_errors.setVisible(True)
        self.consents_changed.emit()
        return True

    def record_consent(self) -> None:
        if self.detail is None:
            return
        ctx, child_id = self.context, self.detail.id
        kind, who, on, scope = (self.consent_kind.currentData(), self.consent_by.text(), self.consent_on.text(),
                                self.consent_scope.text() or None)
        self.consent_errors.setVisible(False)
        self.run(lambda: (consents.record_consent(ctx.db, ctx.actor, child_id, kind, who, on, scope),
                          consents.list_consents(ctx.db, ctx.actor, child_id))[1],
                 self._consents_arrived, failed=self._consent_error, publishes={Topic.CHILDREN})

    def revoke_consent(self) -> None:
        item = self.consent_list.currentItem()
        if item is None:
            return
        ctx, consent_id = self.context, item.data(Qt.ItemDataRole.UserRole)
        child_id = self.detail.id if self.detail else None
        self.run(lambda: (consents.revoke_consent(ctx.db, ctx.actor, consent_id),
                          consents.list_consents(ctx.db, ctx.actor, child_id))[1],
                 self._consents_arrived, failed=self._consent_error, publishes={Topic.CHILDREN})

    # --- photo ------------------------------------------------------------------------------------

    def _show_photo(self, path: str | None) -> None:
        pixmap = QPixmap(path) if path else QPixmap()
        if pixmap.isNull():
            self.photo.setPixmap(QPixmap())
            self.photo.setText(self.tr("没有照片"))
            return
        self.photo.setPixmap(pixmap.scaled(*PHOTO_SIZE, Qt.AspectRatioMode.KeepAspectRatio,
                                           Qt.TransformationMode.SmoothTransformation))

    def _browse_photo(self) -> None:
        if not dialogs_enabled():
            return
        chosen = file_picker.open_file(self, self.tr("选择照片"), self.tr("图片 (*.jpg *.jpeg *.png *.bmp *.gif *.webp)"))
        if chosen:
            self.set_photo_file(str(chosen))

    def set_photo_file(self, path: str) -> None:
        if self.detail is None:
            return
        ctx, child_id = self.context, self.detail.id
        self.run(lambda: roster.set_photo(ctx.db, ctx.actor, child_id, path), self._photo_saved,
                 failed=self._photo_failed, publishes={Topic.CHILDREN})

    def clear_photo(self) -> None:
        if self.detail is None:
            return
        ctx, child_id = self.context, self.detail.id
        self.run(lambda: roster.remove_photo(ctx.db, ctx.actor, child_id), self._photo_saved,
                 failed=self._photo_failed, publishes={Topic.CHILDREN})

    def _photo_saved(self, detail: ChildDetail) -> None:
        # The photo is saved at once; the form's own save then builds on the new version, not a stale one.
        self.detail = detail
        self.photo_errors.setVisible(False)
        self._show_photo(detail.photo_path)
        self.photo_changed.emit()

    def _photo_failed(self, error: BaseException) -> bool:
        if isinstance(error, InvalidInput):
            self.errors.show(error.problems)
        else:
            self.photo_errors.setText(user_message(error))
            self.photo_errors.setVisible(True)
        self.photo_changed.emit()
        return True


