"""One registry from what an icon means to its qtawesome name, so icons change in one place."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QIcon

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


@cache
def icon(name: str, color: str = "#37474f") -> QIcon:
    if name == "app" and not app_icon().isNull():
        return app_icon()
    import qtawesome  # imported on first use: it loads its fonts

    return qtawesome.icon(ICONS.get(name, name), color=color)
