"""Start the GUI: the application object, Chinese translations and fonts, the theme, the main window."""

from __future__ import annotations

import sys

from PySide6.QtCore import QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QMessageBox

from qsh_desk import APP_NAME, APP_TITLE, __version__
from qsh_desk.gui.errors import dialogs_enabled
from qsh_desk.logs import setup_logging

# Fonts with full Chinese coverage, best first (Windows, then Linux).
CJK_FONT_FAMILIES = ("Microsoft YaHei UI", "Microsoft YaHei", "WenQuanYi Micro Hei", "Noto Sans CJK SC",
                     "Source Han Sans SC", "WenQuanYi Zen Hei", "LXGW WenKai", "SimHei")
BASE_POINT_SIZE = 12

STYLE_SHEET = """
QWidget { color: #1c2833; }
QMainWindow, QStackedWidget > QWidget { background: #fbfaf7; }
QListWidget#nav { background: #263238; color: #eceff1; border: none; padding-top: 8px; }
QListWidget#nav::item { padding: 12px 10px; }
QListWidget#nav::item:selected { background: #ffb300; color: #1c2833; }
QLabel#pageHeading { font-size: 20pt; font-weight: bold; padding: 8px 4px 16px 4px; }
QFrame#tile { background: white; border: 1px solid #cfd8dc; border-radius: 8px; }
QLabel#tileValue { font-size: 28pt; font-weight: bold; color: #0d47a1; }
QStatusBar { background: #eceff1; }
"""


def _chinese_font() -> QFont:
    families = set(QFontDatabase.families())
    font = QFont()
    for family in CJK_FONT_FAMILIES:
        if family in families:
            font = QFont(family)
            break
    font.setPointSize(BASE_POINT_SIZE)
    return font


def make_application(argv: list[str] | None = None) -> QApplication:
    """The one QApplication, speaking Chinese (our strings and Qt's own dialogs)."""
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_TITLE)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_NAME)
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    qt_translator = QTranslator(app)
    if qt_translator.load("qtbase_zh_CN", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt_translator)
    app.setFont(_chinese_font())
    app.setStyleSheet(STYLE_SHEET)
    return app


def run(db_arg: str | None = None) -> int:
    """Open the main window on the database; exit code 1 when the database cannot be used."""
    setup_logging()
    app = make_application()
    from qsh_desk.gui.main_window import MainWindow

    window = MainWindow(db_arg)

    def refuse(message: str) -> None:
        print(message, file=sys.stderr)
        if dialogs_enabled():
            QMessageBox.critical(window, APP_TITLE, message)
        app.exit(1)

    window.failed.connect(refuse)
    window.show()
    if "QSH_DESK_QUIT_AFTER_START" in __import__("os").environ:
        # Smoke tests: quit cleanly once the database is open.
        window.opened.connect(lambda: QTimer.singleShot(0, window.close))
    return app.exec()
