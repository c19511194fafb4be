"""Icons are drawn from qtawesome's fonts: every named icon shows, in its colour, grey when disabled."""

from __future__ import annotations

import subprocess
import sys

from PySide6.QtGui import QColor, QIcon

from qsh_desk.gui.icons import ICONS, glyph_icon, icon


def _ink(image) -> list[QColor]:  # noqa: ANN001 - QImage
    """The colours of the pixels that are drawn (not transparent)."""
    return [image.pixelColor(x, y) for x in range(image.width()) for y in range(image.height())
            if image.pixelColor(x, y).alpha() == 255]


def test_every_icon_of_the_interface_draws_in_its_colour_and_grey_when_disabled(qapp):
    for name in ICONS:
        image = icon(name, "#0d47a1").pixmap(32, 32).toImage()
        ink = _ink(image)
        assert len(ink) > 20, f"icon {name} draws nothing"
        if name != "app":  # the app icon is a picture of its own
            assert all(c.name() == "#0d47a1" for c in ink), name
    disabled = _ink(icon("lock").pixmap(32, 32, QIcon.Mode.Disabled).toImage())
    assert disabled and all(c.name() == "#969696" for c in disabled)


def test_an_unknown_icon_name_gives_an_empty_icon_not_a_crash(qapp):
    assert glyph_icon("mdi6.no-such-icon-here").isNull()
    assert glyph_icon("nofont.star").isNull()


def test_the_window_does_not_load_qtawesome_or_qtpy():
    """qtawesome's module pulls in qtpy, whose star imports cost 25 MB and 0.2 s; only its fonts are used."""
    code = ("import sys\nfrom qsh_desk.gui.app import make_application\nfrom qsh_desk.gui.icons import ICONS, icon\n"
            "app = make_application()\nicons = [icon(n) for n in ICONS]\n"
            "print(sorted(m for m in ('qtawesome', 'qtpy') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"})
    assert out.stdout.strip().splitlines()[-1] == "[]"


def test_a_blue_buttons_icon_is_white_and_turns_dark_again_when_the_button_is_not_blue(qtbot):
    from PySide6.QtWidgets import QDialog, QPushButton, QVBoxLayout

    from qsh_desk.gui.app import make_application
    from qsh_desk.gui.icons import drawn_as

    make_application()
    dialog = QDialog()
    qtbot.addWidget(dialog)
    layout = QVBoxLayout(dialog)
    save, other = QPushButton(icon("save"), "保存"), QPushButton(icon("add"), "添加")
    for button in (save, other):
        layout.addWidget(button)
    save.setDefault(True)
    dialog.show()
    qtbot.waitUntil(lambda: drawn_as(save.icon()) == ("save", "#ffffff"), timeout=5000)
    assert drawn_as(other.icon()) == ("add", "#37474f")
    ink = _ink(save.icon().pixmap(32, 32).toImage())
    assert ink and all(c.name() == "#ffffff" for c in ink)
    save.setDefault(False)
    save.repaint()
    qtbot.waitUntil(lambda: drawn_as(save.icon()) == ("save", "#37474f"), timeout=5000)


def test_a_blue_button_shown_before_the_colours_are_watched_turns_white_once_they_are():
    """The icons' colour filter waits until the first window is drawn (it would slow that frame); a default
    button already on screen then repaints with a white icon."""
    code = (
        "import json\n"
        "from PySide6.QtCore import QTimer\n"
        "from PySide6.QtWidgets import QDialog, QPushButton, QVBoxLayout\n"
        "from qsh_desk.gui.app import make_application\n"
        "from qsh_desk.gui.icons import ICONS_ON_BLUE_AFTER_MS, drawn_as, icon\n"
        "app = make_application()\n"
        "dialog = QDialog(); layout = QVBoxLayout(dialog)\n"
        "save = QPushButton(icon('save'), 'save'); layout.addWidget(save); save.setDefault(True)\n"
        "dialog.show(); app.processEvents()\n"
        "first_frame = [app.icons_on_blue is None, list(drawn_as(save.icon()))]\n"
        "QTimer.singleShot(ICONS_ON_BLUE_AFTER_MS + 500, app.quit); app.exec()\n"
        "print(json.dumps([*first_frame, list(drawn_as(save.icon()))]))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60,
                         env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"})
    watched_late, first, later = __import__("json").loads(out.stdout.strip().splitlines()[-1])
    assert watched_late is True and first == ["save", "#37474f"]
    assert later == ["save", "#ffffff"]
