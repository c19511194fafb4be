"""Login, lockout, the idle lock that keeps a half-filled form, switching users, and what each role sees."""

from __future__ import annotations

import re

import pytest
from argon2 import PasswordHasher
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit

from qsh_desk.db.database import Database
from qsh_desk.db.schema import upgrade_to_head
from qsh_desk.gui.app import make_application
from qsh_desk.gui.main_window import MainWindow
from qsh_desk.services import accounts
from qsh_desk.services.access import Actor, Role
from qsh_desk.services.stations import ensure_station

WAIT = 20_000
USERS = {
    "boss": ("admin", "boss-pass-1", None),
    "wangli": ("social", "social-pass", None),
    "laoli": ("duty", "duty-pass-1", "2468"),
}


@pytest.fixture(autouse=True)
def cheap_hashes(monkeypatch):
    monkeypatch.setattr(accounts, "_HASHER", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
    monkeypatch.setattr(accounts, "_DUMMY_HASH", None)


@pytest.fixture
def db_path(tmp_path):
    """A station database with one administrator, one social worker and one duty volunteer (with a PIN)."""
    path = tmp_path / "login.sqlite3"
    db = Database(path)
    upgrade_to_head(db.engine)
    station, _ = ensure_station(db)
    cli = Actor(user_id=None, name="cli:test", role=Role.ADMIN, station_id=station.id)
    for username, (role, password, pin) in USERS.items():
        accounts.create_user(db, cli, username, role, password, pin=pin)
    db.dispose()
    return path


@pytest.fixture
def window(qtbot, db_path):
    make_application()
    win = MainWindow(str(db_path))
    qtbot.addWidget(win)
    win.show()
    with qtbot.waitSignal(win.opened, timeout=WAIT):
        pass
    return win


def type_text(widget: QLineEdit, text: str) -> None:
    """Type as an input method does (QTest.keyClicks aborts on non-ASCII text)."""
    widget.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def attempt(qtbot, window: MainWindow, username: str, secret: str) -> None:
    panel = window.login
    panel.username.clear()
    qtbot.keyClicks(panel.username, username)
    qtbot.keyClick(panel.username, Qt.Key.Key_Return)
    assert panel.secret.hasFocus() or not panel.isActiveWindow()
    qtbot.keyClicks(panel.secret, secret)
    qtbot.keyClick(panel.secret, Qt.Key.Key_Return)


def login(qtbot, window: MainWindow, username: str, secret: str) -> None:
    with qtbot.waitSignal(window.signed_in, timeout=WAIT):
        attempt(qtbot, window, username, secret)


def titles(window: MainWindow) -> list[str]:
    return [window.nav.item(i).text() for i in range(window.nav.count())]


def test_nothing_is_shown_before_login_then_the_pages_of_the_user(qtbot, window):
    assert window.screens.currentWidget() is window.login
    assert window.pages == {} and window.context is None and not window.lock_button.isVisible()
    login(qtbot, window, "boss", "boss-pass-1")
    assert window.screens.currentWidget() is window.shell
    assert window.context.actor.name == "boss" and window.context.actor.role is Role.ADMIN
    assert "boss" in window.user_label.text() and "管理员" in window.user_label.text()
    assert window.login.secret.text() == ""  # the password does not linger in the hidden field


def test_wrong_password_is_said_and_five_lock_the_account(qtbot, window):
    panel = window.login
    for n in range(1, 6):
        attempt(qtbot, window, "laoli", f"wrong-{n}")
        qtbot.waitUntil(lambda: panel.button.isEnabled() and panel.message.isVisible(), timeout=WAIT)
        assert window.pages == {} and panel.secret.text() == ""
        if n < 5:
            assert f"再错 {5 - n} 次" in panel.message.text()
    assert "已锁定 5 分钟" in panel.message.text()
    attempt(qtbot, window, "laoli", "duty-pass-1")  # the right password, too late
    qtbot.waitUntil(lambda: "分钟后再试" in panel.message.text(), timeout=WAIT)
    assert window.pages == {} and window.context is None
    login(qtbot, window, "boss", "boss-pass-1")  # another account is not affected
    assert window.context.actor.name == "boss"


def test_what_each_role_sees(qtbot, db_path):
    make_application()
    seen = {}
    for username, secret in (("laoli", "2468"), ("wangli", "social-pass"), ("boss", "boss-pass-1")):
        win = MainWindow(str(db_path))
        qtbot.addWidget(win)
        win.show()
        with qtbot.waitSignal(win.opened, timeout=WAIT):
            pass
        login(qtbot, win, username, secret)
        seen[win.context.actor.role] = set(titles(win))
        win.close()
    everyone = {"概览", "我的账号"}
    assert everyone <= seen[Role.DUTY] and everyone <= seen[Role.SOCIAL]
    admin_only = {"账号", "操作日志"}
    assert admin_only <= seen[Role.ADMIN]
    assert not admin_only & seen[Role.DUTY] and not admin_only & seen[Role.SOCIAL]
    assert "父母档案" in seen[Role.SOCIAL] and "父母档案" not in seen[Role.DUTY]
    assert seen[Role.DUTY] < seen[Role.SOCIAL] < seen[Role.ADMIN]


def test_the_idle_lock_keeps_a_half_filled_form(qtbot, window):
    login(qtbot, window, "boss", "boss-pass-1")
    assert window.idle_timer.isActive() and window.idle_timer.interval() == 10 * 60_000  # the default setting
    window.nav.setCurrentRow(titles(window).index("账号"))
    page = window.pages["users"]
    qtbot.keyClicks(page.new_username, "xiaozhang")
    type_text(page.new_display_name, "小张")
    window.idle_timer.setInterval(50)  # instead of waiting ten minutes
    window.idle_timer.start()
    with qtbot.waitSignal(window.locked, timeout=WAIT):
        pass
    assert window.is_locked and window.screens.currentWidget() is window.login
    assert not page.isVisible() and "屏幕已锁定" in window.login.heading.text()
    assert window.login.username.text() == "boss"
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=WAIT)
    row = window.nav.currentRow()
    QTest.keyClick(window.login.secret, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)  # no jumping behind the lock
    assert window.is_locked and window.nav.currentRow() == row
    with qtbot.waitSignal(window.signed_in, timeout=WAIT):
        qtbot.keyClicks(window.login.secret, "boss-pass-1")
        qtbot.keyClick(window.login.secret, Qt.Key.Key_Return)
    assert window.pages["users"] is page and window.current_page is page
    assert page.new_username.text() == "xiaozhang" and page.new_display_name.text() == "小张"


def test_another_user_at_the_lock_gets_fresh_pages_of_their_own(qtbot, window):
    login(qtbot, window, "boss", "boss-pass-1")
    window.nav.setCurrentRow(titles(window).index("账号"))
    qtbot.keyClicks(window.pages["users"].new_username, "half-typed")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=WAIT)
    with qtbot.waitSignal(window.locked, timeout=WAIT):
        QTest.keyClick(window.pages["users"].new_username, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    login(qtbot, window, "laoli", "2468")  # a duty volunteer with the PIN
    assert window.context.actor.name == "laoli" and window.context.actor.role is Role.DUTY
    assert "users" not in window.pages and "账号" not in titles(window)
    assert "值班志愿者" in window.user_label.text()
    with qtbot.waitSignal(window.locked, timeout=WAIT):
        qtbot.mouseClick(window.lock_button, Qt.MouseButton.LeftButton)
    login(qtbot, window, "boss", "boss-pass-1")
    assert window.page("users").new_username.text() == ""  # nothing of the earlier session survives


def test_first_run_wizard_checks_then_names_the_station(qtbot, tmp_path):
    make_application()
    win = MainWindow(str(tmp_path / "new.sqlite3"))
    qtbot.addWidget(win)
    win.show()
    with qtbot.waitSignal(win.opened, timeout=WAIT):
        pass
    panel = win.first_run
    assert win.screens.currentWidget() is panel and panel.station_name.text() == "高新社区亲善之家"
    panel.station_name.clear()
    type_text(panel.station_name, "塘山镇高新社区亲善之家")
    type_text(panel.display_name, "万站长")
    qtbot.keyClicks(panel.password, "station-pass")
    qtbot.keyClicks(panel.password_again, "station-pasS")
    qtbot.keyClick(panel.password_again, Qt.Key.Key_Return)
    assert "两次输入的密码不一样" in panel.message.text() and win.pages == {}
    panel.username.clear()
    qtbot.keyClicks(panel.password_again, "station-pass")
    qtbot.keyClick(panel.password_again, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "请填写用户名" in panel.message.text(), timeout=WAIT)
    assert panel.station_name.text() == "塘山镇高新社区亲善之家"  # nothing typed is lost to an error
    qtbot.keyClicks(panel.username, "admin")
    qtbot.keyClick(panel.password_again, Qt.Key.Key_Return)
    # The station's recovery code, shown once in place of the fields, to write down or print; Enter goes on.
    qtbot.waitUntil(lambda: panel.code is not None, timeout=WAIT)
    assert re.fullmatch(r"([0-9A-HJKMNP-TV-Z]{5}-){4}[0-9A-HJKMNP-TV-Z]{5}", panel.code_label.text())
    assert panel.code_label.isVisible() and panel.print_button.isVisible() and not panel.password.isVisible()
    assert "保险柜" in panel.hint.text() and panel.button.hasFocus() and win.pages == {}
    with qtbot.waitSignal(win.signed_in, timeout=WAIT) as signed:
        qtbot.keyClick(panel.button, Qt.Key.Key_Return)
    assert signed.args[0].display_name == "万站长" and win.context.actor.role is Role.ADMIN
    assert win.windowTitle().endswith("塘山镇高新社区亲善之家") and win.first_run is None
    with qtbot.waitSignal(win.locked, timeout=WAIT):
        win.lock()
    login(qtbot, win, "admin", "station-pass")
    assert win.context.station.name == "塘山镇高新社区亲善之家"


def test_the_login_shows_before_the_database_opens_and_an_early_enter_goes_ahead_once_it_is(qtbot, db_path,
                                                                                           monkeypatch):
    """A cold start shows the login at once; a volunteer who types fast is logged in as soon as the file is open."""
    import threading

    from qsh_desk.gui import main_window

    opening = threading.Event()
    real_open = main_window._open
    monkeypatch.setattr(main_window, "_open", lambda *args: opening.wait(WAIT / 1000) and real_open(*args))
    make_application()
    win = MainWindow(str(db_path))
    qtbot.addWidget(win)
    win.show()
    assert win.screens.currentWidget() is win.login and win.db is None
    with qtbot.assertNotEmitted(win.signed_in, wait=100):
        attempt(qtbot, win, "boss", "boss-pass-1")
    assert "正在打开数据库" in win.login.message.text() and not win.login.button.isEnabled()
    with qtbot.waitSignal(win.signed_in, timeout=WAIT):
        opening.set()
    assert win.context.actor.name == "boss" and win.screens.currentWidget() is win.shell


def test_the_window_module_loads_neither_the_database_layer_nor_the_services():
    """What the login needs to show is Qt and the window; the rest loads on the worker while one types."""
    import subprocess
    import sys

    code = ("import sys\nimport qsh_desk.cli, qsh_desk.gui.app, qsh_desk.gui.main_window\n"
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'sqlalchemy', 'alembic', 'argon2', 'reportlab'})"
            " + sorted(m for m in sys.modules if m.startswith(('qsh_desk.services.', 'qsh_desk.db', 'qsh_desk.gui.pages'))"
            " and m != 'qsh_desk.services.errors'))")  # the typed errors are plain Python
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_an_account_disabled_while_logged_in_locks_the_window_at_its_next_step(qtbot, window, db_path):
    from qsh_desk.services import roster

    login(qtbot, window, "wangli", "social-pass")
    other_pc = Database(db_path)  # the administrator, at another PC
    try:
        station, _ = ensure_station(other_pc)
        accounts.disable_user(other_pc, Actor(user_id=None, name="cli:test", role=Role.ADMIN, station_id=station.id),
                              "wangli")
    finally:
        other_pc.dispose()

    page, context = window.current_page, window.context
    with qtbot.waitSignal(window.locked, timeout=WAIT):
        page.run(lambda: roster.list_children(context.db, context.actor))  # the next thing the page does
    assert window.is_locked and window.login.locked_for is None  # a plain login, not "continue as wangli"
    assert "已被停用" in window.login.message.text()

    attempt(qtbot, window, "wangli", "social-pass")
    qtbot.waitUntil(lambda: window.login.button.isEnabled() and "停用" in window.login.message.text(), timeout=WAIT)
    assert window.is_locked
    login(qtbot, window, "boss", "boss-pass-1")
    assert window.context.actor.name == "boss" and not window.is_locked


def test_a_forgotten_administrator_password_is_set_again_with_the_recovery_code(qtbot, db_path):
    from qsh_desk.services import recovery_codes
    from qsh_desk.services.stations import current_station

    db = Database(db_path)
    boss = next(u for u in accounts.list_users(db, Actor(user_id=None, name="cli:test", role=Role.ADMIN,
                                                          station_id=current_station(db).id)) if u.username == "boss")
    paper = recovery_codes.renew(db, boss.actor())
    db.dispose()
    make_application()
    win = MainWindow(str(db_path))
    qtbot.addWidget(win)
    win.show()
    with qtbot.waitSignal(win.opened, timeout=WAIT):
        pass
    panel = win.login
    assert panel.link.text() == "忘记管理员密码？"
    qtbot.mouseClick(panel.link, Qt.MouseButton.LeftButton)
    assert panel.heading.text() == "用恢复码设新密码" and panel.button.text() == "设新密码"
    assert not panel.secret.isVisible() and panel.recovery_code.isVisible() and panel.new_password.isVisible()
    qtbot.keyClicks(panel.username, "boss")
    qtbot.keyClick(panel.username, Qt.Key.Key_Return)
    assert panel.recovery_code.hasFocus()
    qtbot.keyClicks(panel.recovery_code, "00000-00000-00000-00000-00000")
    qtbot.keyClicks(panel.new_password, "brand-new-pass")
    qtbot.keyClicks(panel.new_password_again, "brand-new-pass")
    qtbot.keyClick(panel.new_password_again, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "恢复码不对" in panel.message.text(), timeout=WAIT)
    assert panel.recovery_code.hasFocus() and panel.new_password.text() == "brand-new-pass"  # nothing typed lost
    panel.recovery_code.clear()
    qtbot.keyClicks(panel.recovery_code, paper.lower().replace("-", " "))  # as copied by hand
    qtbot.keyClick(panel.new_password_again, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.code is not None, timeout=WAIT)
    assert panel.code_label.text() != paper and "作废" in panel.hint.text()
    qtbot.keyClick(panel.button, Qt.Key.Key_Return)
    assert panel.code is None and panel.secret.isVisible() and not panel.recovery_code.isVisible()
    assert panel.recovery_code.text() == panel.new_password.text() == ""
    assert panel.heading.text() != "用恢复码设新密码" and panel.button.text() == "登录"
    with qtbot.waitSignal(win.signed_in, timeout=WAIT) as signed:
        attempt(qtbot, win, "boss", "brand-new-pass")
    assert signed.args[0].username == "boss"


def test_the_program_sets_each_session_aside_from_the_collector_and_frees_it_after_the_next_login(
        qtbot, db_path, request):
    """A full collection while someone types walks only what typing made, not the desk's index and pages (their
    walk was a 25–35 ms pause in a keystroke); a user who leaves leaves nothing behind in memory."""
    import gc
    import weakref

    make_application()
    win = MainWindow(str(db_path), settle_collector=True)  # as the program opens it: it owns its process
    qtbot.addWidget(win)
    request.addfinalizer(gc.unfreeze)  # the last session's objects are the other tests' to collect
    win.show()
    with qtbot.waitSignal(win.opened, timeout=WAIT):
        pass
    login(qtbot, win, "laoli", "2468")
    qtbot.waitUntil(lambda: win.pages["desk"].index is not None, timeout=WAIT)
    desk = win.pages["desk"]
    qtbot.waitUntil(lambda: not win.tasks.pending, timeout=WAIT)
    collectable = {id(o) for o in gc.get_objects()}  # the permanent generation is not among them
    assert id(desk) not in collectable and id(desk.index) not in collectable
    gone = weakref.ref(desk)
    del desk, collectable
    with qtbot.waitSignal(win.locked, timeout=WAIT):
        qtbot.mouseClick(win.lock_button, Qt.MouseButton.LeftButton)
    login(qtbot, win, "boss", "boss-pass-1")  # another user: the volunteer's pages are retired and deleted
    qtbot.waitUntil(lambda: gone() is None, timeout=WAIT)
