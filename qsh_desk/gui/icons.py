"""One registry from what an icon means to its qtawesome name, so icons change in one place."""

from __future__ import annotations

import importlib.util
import json
import logging
import sys
from functools import cache
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QIcon, QIconEngine, QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QPushButton

log = logging.getLogger(__name__)

ICONS: dict[str, str] = {
    "app": "mdi6.home-heart",
    "home": "mdi6.view-dashboard-outline",
    "desk": "mdi6.clipboard-account",
    "children": "mdi6.human-child",
    "volunteers": "mdi6.account-group",
    "dreams": "mdi6.star-shooting",
    "archive": "mdi6.folder-account",
    "print": "mdi6.printer",
    "settings": "mdi6.cog",
    "station": "mdi6.map-marker",
    "database": "mdi6.database",
    "check_in": "mdi6.login",
    "check_out": "mdi6.logout",
    "warning": "mdi6.alert",
    "medical": "mdi6.medical-bag",
    "undo": "mdi6.undo",
    "duty": "mdi6.calendar-account",
    "stats": "mdi6.chart-bar",
    "session_add": "mdi6.calendar-plus",
    "edit": "mdi6.pencil",
    "delete": "mdi6.delete-outline",
    "photo_add": "mdi6.image-plus",
    "photo_remove": "mdi6.image-remove",
    "pairing": "mdi6.handshake",
    "wishes": "mdi6.gift-outline",
    "items": "mdi6.bookshelf",
    "visit": "mdi6.home-import-outline",
    "select_all": "mdi6.checkbox-multiple-marked-outline",
    "select_none": "mdi6.checkbox-multiple-blank-outline",
    "move_up": "mdi6.arrow-up",
    "move_down": "mdi6.arrow-down",
    "add": "mdi6.plus",
    "search": "mdi6.magnify",
    "refresh": "mdi6.refresh",
    "call_home": "mdi6.phone-in-talk",
    "lock": "mdi6.lock",
    "users": "mdi6.account-key",
    "audit": "mdi6.text-box-search-outline",
    "account": "mdi6.account-circle",
    "backup": "mdi6.database-export",
    "restore": "mdi6.backup-restore",
    "save": "mdi6.content-save",
    "preview": "mdi6.file-eye-outline",
}


APP_ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)


@cache
def app_icon() -> QIcon:
    """The house-with-heart app icon drawn for QSH Desk (resources/icons), qtawesome's "app" icon if missing."""
    from qsh_desk.config import resources_dir

    folder = resources_dir() / "icons"
    result = QIcon()
    for size in APP_ICON_SIZES:
        path = folder / f"qsh-desk-{size}.png"
        if path.is_file():
            result.addFile(str(path))
    return result


ICON_COLOUR = "#37474f"
ON_BLUE_COLOUR = "#ffffff"  # on the blue of a default or primary button a dark icon is barely visible
# Which meaning and colour each icon handed out was drawn with (by QIcon.cacheKey), so a button's icon can be
# drawn again in another colour when the button turns blue.
_DRAWN: dict[int, tuple[str, str]] = {}


@cache
def icon(name: str, color: str = ICON_COLOUR) -> QIcon:
    """The icon for a meaning in ICONS (or a qtawesome name like "mdi6.star"), drawn in `color`."""
    if name == "app" and not app_icon().isNull():
        return app_icon()
    result = glyph_icon(ICONS.get(name, name), color)
    _DRAWN[result.cacheKey()] = (name, color)
    return result


def drawn_as(current: QIcon) -> tuple[str, str] | None:
    """(meaning, colour) of an icon made by icon(); None for any other icon."""
    return _DRAWN.get(current.cacheKey())


class IconsOnBlue(QObject):
    """An application event filter: a push button's icon is white while the button is blue (default or primary)
    and dark otherwise. Whether a dialog's button is the default changes with the focus, so it is checked as the
    button paints."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Paint and isinstance(watched, QPushButton):
            drawn = _DRAWN.get(watched.icon().cacheKey())
            if drawn is not None:
                blue = watched.isDefault() or watched.objectName() == "primary"
                wanted = ON_BLUE_COLOUR if blue else ICON_COLOUR
                if drawn[1] in (ICON_COLOUR, ON_BLUE_COLOUR) and drawn[1] != wanted:
                    watched.setIcon(icon(drawn[0], wanted))
        return False


# After this long the first window is drawn. Installed before, the filter would make its first frame wait: Qt
# hands Python every event of every object, and the first event of each kind of Qt object (a list's scroll
# bars, its viewport, its model…) costs the binding setting up that type for Python — 30 ms for the login alone.
ICONS_ON_BLUE_AFTER_MS = 250


def watch_icons_on_blue(app: QApplication) -> None:
    """Recolour icons on blue buttons from now on (once per application); the buttons already shown repaint."""
    if getattr(app, "icons_on_blue", None) is not None:
        return
    app.icons_on_blue = IconsOnBlue(app)  # kept on the app: one filter however often this is called
    app.installEventFilter(app.icons_on_blue)
    for window in app.topLevelWidgets():
        for button in window.findChildren(QPushButton):
            button.update()


# qtawesome's icon fonts, drawn here the way qtawesome draws them (a glyph 7/8 of the icon's height, centred).
# Importing qtawesome itself pulls in qtpy, whose star imports of every Qt class cost about 25 MB and 0.2 s at
# every start; its fonts and charmaps are all this app needs. Prefix → the font files' name before the version.
FONT_FILES = {
    "mdi6": "materialdesignicons6-webfont", "mdi": "materialdesignicons5-webfont",
    "fa6s": "fontawesome6-solid-webfont", "fa6": "fontawesome6-regular-webfont",
    "fa5s": "fontawesome5-solid-webfont", "ph": "phosphor", "ri": "remixicon", "msc": "codicon",
    "ei": "elusiveicons-webfont",
}
DISABLED_COLOR = "#969696"


def icon_fonts_dir() -> Path:
    """qtawesome's font folder: beside the package, or where the installer bundled it."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle is not None:
        return Path(bundle) / "qtawesome" / "fonts"
    spec = importlib.util.find_spec("qtawesome")  # finds the package without running it
    if spec is None or spec.origin is None:
        raise FileNotFoundError("qtawesome is not installed")
    return Path(spec.origin).parent / "fonts"


@cache
def _icon_font(prefix: str) -> tuple[str, dict[str, str]] | None:
    """(font family, glyph name → character) of one icon font, loaded once; None if it cannot be found."""
    stem = FONT_FILES.get(prefix)
    try:
        folder = icon_fonts_dir()
        ttf = next(iter(sorted(folder.glob(f"{stem}-[0-9]*.ttf"))), None) if stem else None
        charmap = next(iter(sorted(folder.glob(f"{stem}-charmap-*.json"))), None) if stem else None
        if ttf is None or charmap is None:
            raise FileNotFoundError(f"no font for icon prefix {prefix!r} in {folder}")
        families = QFontDatabase.applicationFontFamilies(QFontDatabase.addApplicationFont(str(ttf)))
        if not families:
            raise OSError(f"Qt cannot load {ttf}")
        chars = {name: chr(int(code, 16)) for name, code in json.loads(charmap.read_text("utf-8")).items()}
    except (OSError, ValueError) as error:
        log.warning("icon font %s unavailable: %s", prefix, error)
        return None
    return families[0], chars


class _GlyphEngine(QIconEngine):
    """Draws one glyph of an icon font at whatever size is asked, grey when the control is disabled."""

    def __init__(self, family: str, char: str, color: str):
        super().__init__()
        self.family, self.char, self.color = family, char, color

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:  # noqa: N802
        painter.save()
        font = QFont(self.family)
        font.setPixelSize(max(1, round(0.875 * rect.height())))  # room for the font's bearing, as qtawesome
        painter.setFont(font)
        painter.setPen(QColor(DISABLED_COLOR if mode == QIcon.Mode.Disabled else self.color))
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), self.char)
        painter.restore()

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        pixmap = QPixmap(size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        self.paint(painter, QRect(QPoint(0, 0), size), mode, state)
        painter.end()
        return pixmap

    def clone(self) -> QIconEngine:
        return _GlyphEngine(self.family, self.char, self.color)


def glyph_icon(full_name: str, color: str = "#37474f") -> QIcon:
    """An icon from qtawesome's fonts by its qtawesome name ("mdi6.printer"); an empty icon if unknown."""
    prefix, _, glyph = full_name.partition(".")
    font = _icon_font(prefix)
    char = font[1].get(glyph) if font is not None else None
    if font is None or char is None:
        log.warning("unknown icon %s", full_name)
        return QIcon()
    return QIcon(_GlyphEngine(font[0], char, color))
