"""The 账号 page (create, reset, PIN, disable), 我的账号 (own password) and the read-only 操作日志 page."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView

from qsh_desk.db.database import Database
from qsh_desk.db.schema import upgrade_to_head
from qsh_desk.gui.app import make_application
from qsh_desk.gui.context import AppContext
from qsh_desk.gui.pages.audit import AuditLogPage
from qsh_desk.gui.pages.users import MyAccountPage, UsersPage
from qsh_desk.services import accounts
from qsh_desk.services.access import Actor, Role
from qsh_desk.services.accounts import LoginRefused
from qsh_desk.services.stations import ensure_station

WAIT = 10_000


@pytest.fixture(autouse=True)
def cheap_hashes(monkeypatch):
    monkeypatch.setattr(accounts, "_HASHER", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))


@pytest.fixture
def setup(qtbot, harness, tmp_path):
    make_application()
    db = Database(tmp_path / "pages.sqlite3")
    upgrade_to_head(db.engine)
    station, _ = ensure_station(db)
    boss = accounts.first_run(db, station_name=station.name, username="boss", password="boss-pass-1")

    def context_for(actor: Actor) -> AppContext:
        return harness.context(db, station, actor=actor)

    yield db, station, boss.actor(), context_for, harness.errors
    harness.settle()
    db.dispose()


def _cells(model, column: int) -> list[str]:
    return [model.index(row, column).data() for row in range(model.rowCount())]


def test_the_admin_creates_an_account_resets_its_password_sets_a_pin_and_disables_it(qtbot, setup):
    db, station, boss, context_for, errors = setup
    page = UsersPage(context_for(boss))
    qtbot.addWidget(page)
    page.show()
    page.activated()
    qtbot.waitUntil(lambda: _cells(page.model, 0) == ["boss"], timeout=WAIT)
    assert page.table.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers

    qtbot.keyClicks(page.new_username, "laoli")
    page.new_role.setCurrentIndex(page.new_role.findText("值班志愿者"))
    qtbot.keyClicks(page.new_password, "short")
    qtbot.mouseClick(page.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "至少要 8 个字符" in page.create_feedback.text(), timeout=WAIT)
    assert page.new_username.text() == "laoli"  # nothing typed is lost to an error
    page.new_password.clear()
    qtbot.keyClicks(page.new_password, "duty-pass-1")
    qtbot.keyClicks(page.new_pin, "2468")
    qtbot.mouseClick(page.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "laoli" in _cells(page.model, 0), timeout=WAIT)
    assert "已新建账号：laoli" in page.create_feedback.text() and page.new_username.text() == ""
    row = _cells(page.model, 0).index("laoli")
    assert (_cells(page.model, 2)[row], _cells(page.model, 3)[row]) == ("值班志愿者", "有")
    assert accounts.authenticate(db, station.id, "laoli", "2468").role is Role.DUTY

    page.select("laoli")
    assert "laoli" in page.selected_label.text() and page.pin_button.isEnabled()
    qtbot.keyClicks(page.reset_password_field, "fresh-pass-2")
    qtbot.mouseClick(page.reset_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "设置新密码" in page.selected_feedback.text(), timeout=WAIT)
    assert accounts.authenticate(db, station.id, "laoli", "fresh-pass-2").username == "laoli"

    qtbot.keyClicks(page.pin_field, "1357")
    qtbot.mouseClick(page.pin_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "已设置" in page.selected_feedback.text(), timeout=WAIT)
    assert accounts.authenticate(db, station.id, "laoli", "1357").username == "laoli"

    assert page.active_button.text() == "停用"
    qtbot.mouseClick(page.active_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _cells(page.model, 4)[_cells(page.model, 0).index("laoli")] == "已停用", timeout=WAIT)
    assert page.selected().username == "laoli" and page.active_button.text() == "重新启用"
    with pytest.raises(LoginRefused, match="已停用"):
        accounts.authenticate(db, station.id, "laoli", "fresh-pass-2")

    page.select("boss")  # the last administrator cannot be disabled, and the page says why
    qtbot.mouseClick(page.active_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "自己" in page.selected_feedback.text(), timeout=WAIT)
    assert errors == []


def test_everyone_changes_their_own_password(qtbot, setup):
    db, station, boss, context_for, _errors = setup
    accounts.create_user(db, boss, "wangli", "social", "social-pass")
    me = accounts.authenticate(db, station.id, "wangli", "social-pass").actor()
    page = MyAccountPage(context_for(me))
    qtbot.addWidget(page)
    page.show()
    qtbot.keyClicks(page.old_password, "social-pass")
    qtbot.keyClicks(page.new_password, "new-social-1")
    qtbot.keyClicks(page.new_password_again, "new-social-2")
    qtbot.mouseClick(page.change_button, Qt.MouseButton.LeftButton)
    assert "不一样" in page.message.text()
    page.new_password_again.clear()
    qtbot.keyClicks(page.new_password_again, "new-social-1")
    qtbot.keyClick(page.new_password_again, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "密码已修改" in page.message.text(), timeout=WAIT)
    assert page.old_password.text() == "" and page.new_password.text() == ""
    assert accounts.authenticate(db, station.id, "wangli", "new-social-1").username == "wangli"


def test_the_audit_log_page_filters_and_cannot_edit(qtbot, setup):
    db, station, boss, context_for, errors = setup
    for n in range(3):
        with pytest.raises(LoginRefused):
            accounts.authenticate(db, station.id, "boss", f"wrong-{n}")
    page = AuditLogPage(context_for(boss))
    qtbot.addWidget(page)
    page.show()
    page.activated()
    qtbot.waitUntil(lambda: page.model.rowCount() == 4 and page.kind.count() > 1, timeout=WAIT)
    assert set(_cells(page.model, 2)) == {"登录失败", "新建"}
    assert page.table.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers
    page.kind.setCurrentIndex(page.kind.findText("登录失败"))
    qtbot.mouseClick(page.search_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.model.rowCount() == 3, timeout=WAIT)
    assert set(_cells(page.model, 1)) == {"boss"} and "共 3 条" in page.count.text()
    page.user.setEditText("nobody")
    qtbot.keyClick(page.user.lineEdit(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.model.rowCount() == 0, timeout=WAIT)
    assert "共 0 条" in page.count.text() and errors == []


def test_the_admin_replaces_the_recovery_code_and_sees_the_new_one_once(qtbot, setup):
    from qsh_desk.services import recovery_codes
    from qsh_desk.services.errors import InvalidInput

    db, station, boss, context_for, errors = setup
    old = recovery_codes.renew(db, boss)
    page = UsersPage(context_for(boss))
    qtbot.addWidget(page)
    page.show()
    page.activated()
    assert not page.code_label.isVisible()
    qtbot.mouseClick(page.renew_code_button, Qt.MouseButton.LeftButton)  # offscreen, the question counts as yes
    qtbot.waitUntil(lambda: page.code_label.isVisible(), timeout=WAIT)
    new = page.code_label.text()
    assert len(new) == 29 and new != old and "只显示这一次" in page.code_feedback.text()
    with pytest.raises(InvalidInput, match="恢复码不对"):
        recovery_codes.recover_admin(db, station.id, "boss", old, "brand-new-pass")
    user, _ = recovery_codes.recover_admin(db, station.id, "boss", new, "brand-new-pass")
    assert user.username == "boss" and errors == []
