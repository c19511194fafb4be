"""Start the GUI: the application object, Chinese translations and fonts, the theme, the main window."""

from __future__ import annotations

import re
import sys

from PySide6.QtCore import QTimer
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from qsh_desk import APP_NAME, __version__
from qsh_desk.gui import local_settings, translations
from qsh_desk.gui.errors import dialogs_enabled
from qsh_desk.gui.icons import ICONS_ON_BLUE_AFTER_MS, app_icon, watch_icons_on_blue
from qsh_desk.gui.labels import app_title
from qsh_desk.logs import setup_logging

# Fonts with full Chinese coverage, best first (Windows, then Linux).
CJK_FONT_FAMILIES = ("Microsoft YaHei UI", "Microsoft YaHei", "WenQuanYi Micro Hei", "Noto Sans CJK SC",
                     "Source Han Sans SC", "WenQuanYi Zen Hei", "LXGW WenKai", "SimHei")
BASE_POINT_SIZE = 12

# A calm, high-contrast theme for older eyes: dark text on warm white, large controls, and a thick orange
# outline on whatever has the keyboard focus. Font sizes (pt) follow the large-type setting (style_sheet()); Qt
# accepts pt only for fonts, so paddings and heights are in em and grow with the font.
STYLE_SHEET = """
QWidget { color: #1a1a1a; }
QMainWindow, QDialog, QStackedWidget > QWidget, QScrollArea > QWidget > QWidget { background: #fbfaf7; }
QListWidget#nav { background: #263238; color: #f5f5f5; border: none; padding-top: 8px; font-size: 13pt; }
QListWidget#nav::item { padding: 0.35em 0.5em; border-left: 5px solid transparent; }
QListWidget#nav::item:hover { background: #37474f; }
QListWidget#nav::item:selected { background: #ffb300; color: #1a1a1a; border-left: 5px solid #e65100; }
QListWidget#nav:focus { outline: none; border-right: 4px solid #ff9800; }
QLabel#pageHeading { font-size: 20pt; font-weight: bold; padding: 8px 4px 16px 4px; }
QLabel#hint { color: #37474f; }
QFrame#tile { background: white; border: 1px solid #b0bec5; border-radius: 8px; }
QLabel#tileValue { font-size: 28pt; font-weight: bold; color: #0d47a1; }
QGroupBox { font-weight: bold; border: 1px solid #b0bec5; border-radius: 8px; margin-top: 1.2em; padding-top: 0.8em;
            background: #ffffff; }
QGroupBox::title { subcontrol-origin: margin; subcontrol-position: top left; left: 12px; padding: 0 6px;
                   color: #263238; }
QPushButton, QToolButton { background: #ffffff; border: 2px solid #546e7a; border-radius: 6px;
                           padding: 0.3em 1em; min-height: 1.6em; }
QPushButton:hover, QToolButton:hover { background: #eceff1; }
QPushButton:pressed, QToolButton:pressed { background: #cfd8dc; }
QPushButton:default, QPushButton#primary { background: #0d47a1; color: #ffffff; border-color: #0d47a1; font-weight: bold; }
QPushButton:default:hover, QPushButton#primary:hover { background: #1565c0; }
QPushButton:disabled, QToolButton:disabled { color: #78909c; border-color: #b0bec5; background: #f5f5f5; }
QLineEdit, QPlainTextEdit, QTextEdit, QComboBox, QAbstractSpinBox {
    background: #ffffff; border: 2px solid #78909c; border-radius: 5px; padding: 0.2em 0.4em; min-height: 1.5em;
    selection-background-color: #0d47a1; selection-color: #ffffff; }
QLineEdit:disabled, QComboBox:disabled, QAbstractSpinBox:disabled { background: #eceff1; color: #546e7a; }
QComboBox::drop-down, QDateTimeEdit::drop-down { subcontrol-origin: padding; subcontrol-position: center right;
                                                 width: 1.6em; border: none; }
QComboBox::down-arrow, QAbstractSpinBox::down-arrow { image: url(@icons@/arrow-down.svg); width: 0.9em; height: 0.9em; }
QAbstractSpinBox::up-arrow { image: url(@icons@/arrow-up.svg); width: 0.9em; height: 0.9em; }
QAbstractSpinBox::up-button, QAbstractSpinBox::down-button { subcontrol-origin: border; width: 1.6em; border: none;
                                                             border-left: 1px solid #b0bec5; }
QAbstractSpinBox::up-button { subcontrol-position: top right; }
QAbstractSpinBox::down-button { subcontrol-position: bottom right; }
QAbstractSpinBox::up-button:hover, QAbstractSpinBox::down-button:hover { background: #eceff1; }
QPushButton:focus, QToolButton:focus, QLineEdit:focus, QPlainTextEdit:focus, QTextEdit:focus, QComboBox:focus,
QAbstractSpinBox:focus, QTableView:focus, QTreeView:focus, QListView:focus { border: 3px solid #e65100; }
QCheckBox, QRadioButton { spacing: 8px; padding: 4px; }
QCheckBox::indicator, QRadioButton::indicator { width: 1.3em; height: 1.3em; }
QCheckBox:focus, QRadioButton:focus { background: #fff3e0; border-radius: 4px; }
QTableView, QTreeView, QListView { background: #ffffff; alternate-background-color: #f4f6f7; border: 1px solid #b0bec5;
    gridline-color: #cfd8dc; selection-background-color: #ffe082; selection-color: #1a1a1a; }
QHeaderView::section { background: #eceff1; color: #1a1a1a; font-weight: bold; padding: 6px; border: none;
                       border-right: 1px solid #cfd8dc; border-bottom: 2px solid #90a4ae; }
QScrollBar:vertical { width: 18px; } QScrollBar:horizontal { height: 18px; }
QToolTip { background: #263238; color: #ffffff; border: none; padding: 6px; }
QStatusBar { background: #eceff1; }
"""


def style_sheet(scale: float = 1.0) -> str:
    """The theme with its font sizes (pt) multiplied by the type scale; padding in em follows the font by itself."""
    from qsh_desk.config import resources_dir

    sheet = STYLE_SHEET.replace("@icons@", (resources_dir() / "icons" / "ui").as_posix())
    return re.sub(r"(\d+(?:\.\d+)?)pt\b", lambda m: f"{round(float(m.group(1)) * scale)}pt", sheet)


def apply_type_scale(app: QApplication, scale: float) -> None:
    """Large-type mode: the interface font and the theme's sizes grow together; open windows follow at once."""
    font = app.font()
    font.setPointSizeF(BASE_POINT_SIZE * scale)
    app.setFont(font)
    app.setStyleSheet(style_sheet(scale))


def _chinese_font() -> QFont:
    families = set(QFontDatabase.families())
    font = QFont()
    for family in CJK_FONT_FAMILIES:
        if family in families:
            font = QFont(family)
            break
    font.setPointSize(BASE_POINT_SIZE)
    return font


GIL_SWITCH_INTERVAL_S = 0.001


def make_application(argv: list[str] | None = None) -> QApplication:
    """The one QApplication, speaking this PC's language (Chinese by default: our strings and Qt's own dialogs)."""
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    # The GUI thread and the desk lane wait for Python's lock whenever the long lane (an import, a PDF) is
    # computing: handing it over every millisecond instead of every 5 keeps a check-in's many short steps
    # (each database call gives the lock up and takes it back) from waiting 5 ms each.
    sys.setswitchinterval(GIL_SWITCH_INTERVAL_S)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_NAME)
    translations.install(app, local_settings.get("ui/language"))  # Chinese unless this PC chose English
    app.setApplicationDisplayName(app_title())
    app.setDesktopFileName(APP_NAME)  # matches packaging/linux/qsh-desk.desktop
    app.setWindowIcon(app_icon())
    if not hasattr(app, "icons_on_blue"):
        app.icons_on_blue = None  # watched once the first window is drawn
        QTimer.singleShot(ICONS_ON_BLUE_AFTER_MS, lambda: watch_icons_on_blue(app))
    app.setFont(_chinese_font())
    apply_type_scale(app, local_settings.get("ui/scale"))
    return app


def _smoke_the_job_process(window: QWidget) -> None:
    import os

    from qsh_desk.elsewhere import Job

    import logging

    log = logging.getLogger("qsh_desk.smoke")

    def answered(pid: int) -> None:
        log.info("job process %d answered (window process %d)", pid, os.getpid())  # a windowed .exe has no stdout
        print(f"job process {pid} answered", flush=True)
        QTimer.singleShot(0, window.close)

    def failed(error: BaseException) -> None:
        log.error("job process failed: %r", error)
        print(f"job process failed: {error!r}", file=sys.stderr, flush=True)
        QApplication.exit(1)

    window.tasks.run(Job(os.getpid), answered, failed, lane="long")


def run(db_arg: str | None = None) -> int:
    """Open the main window on the database; exit code 1 when the database cannot be used."""
    setup_logging()
    app = make_application()
    from qsh_desk.gui.main_window import MainWindow
    from qsh_desk.gui.recovery import install_excepthook

    install_excepthook()  # an exception in a slot is logged and shown; the window and its typed text stay

    from qsh_desk.elsewhere import JobProcess

    job_process = JobProcess()  # imports, exports and PDFs compute there: the desk never waits for them
    window = MainWindow(db_arg, job_process=job_process, settle_collector=True)

    def refuse(message: str) -> None:
        print(message, file=sys.stderr)
        if dialogs_enabled():
            QMessageBox.critical(window, app_title(), message)
        app.exit(1)

    window.failed.connect(refuse)
    window.show()
    if "QSH_DESK_QUIT_AFTER_START" in __import__("os").environ:
        # Smoke tests: once the database is open, start the job process (the bundled program is its own job
        # process: this proves it can be), say so, and quit cleanly.
        window.opened.connect(lambda: _smoke_the_job_process(window))
    try:
        return app.exec()
    finally:
        job_process.close()
