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
