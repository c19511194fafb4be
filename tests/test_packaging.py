"""Packaging: the Linux bundle builds from the spec and the built program works; desktop entry, icon, installer."""

from __future__ import annotations

import configparser
import os
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from tests.moments import TODAY, faketime_env

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "packaging" / "qsh-desk.spec"


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    """Build the one-folder bundle once for this module; returns the folder holding the executable."""
    out = tmp_path_factory.mktemp("bundle")
    result = subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
         "--distpath", str(out / "dist"), "--workpath", str(out / "build"), str(SPEC)],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    folder = out / "dist" / "qsh-desk"
    assert (folder / "qsh-desk").is_file()
    return folder


@pytest.fixture
def run_built(bundle, tmp_path):
    """Run the built executable from outside the source tree, with its own data folder, no display, and its clock
    starting on the tests' Saturday morning."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("PYTHON", "QSH_DESK"))}
    env.update(QSH_DESK_DATA_DIR=str(tmp_path / "data"), QT_QPA_PLATFORM="offscreen")
    env = faketime_env(base=env)

    def run(*args: str, **extra_env: str) -> subprocess.CompletedProcess:
        return subprocess.run([str(bundle / "qsh-desk"), *args], cwd=tmp_path, capture_output=True, text=True,
                              timeout=120, env={**env, **extra_env})

    return run


@pytest.mark.slow
def test_the_bundle_carries_resources_migrations_and_icon_fonts(bundle):
    internal = bundle / "_internal"
    assert (internal / "resources" / "icons" / "qsh-desk.svg").is_file()
    assert (internal / "resources" / "icons" / "qsh-desk-256.png").is_file()
    migrations = internal / "qsh_desk" / "db" / "migrations"
    assert (migrations / "env.py").is_file() and (migrations / "script.py.mako").is_file()
    shipped = {p.name for p in (migrations / "versions").glob("*.py")}
    in_source = {p.name for p in (ROOT / "qsh_desk" / "db" / "migrations" / "versions").glob("*.py")}
    assert shipped == in_source
    assert list((internal / "qtawesome" / "fonts").glob("*.ttf"))
    plugins = internal / "PySide6" / "Qt" / "plugins"
    assert (plugins / "platforms" / "libqoffscreen.so").is_file() and (plugins / "platforms" / "libqxcb.so").is_file()
    assert (internal / "PySide6" / "Qt" / "lib" / "libQt6Pdf.so.6").is_file()
    assert (internal / "PySide6" / "Qt" / "lib" / "libQt6Charts.so.6").is_file()
    assert (plugins / "imageformats" / "libqsvg.so").is_file()  # the theme's arrows are SVG
    assert (plugins / "printsupport" / "libcupsprintersupport.so").is_file()
    assert (internal / "PySide6" / "Qt" / "translations" / "qtbase_zh_CN.qm").is_file()  # Qt's dialogs in Chinese
    for ts in (ROOT / "resources" / "translations").glob("*.ts"):  # compiled during the build, not shipped as .ts
        assert (internal / "resources" / "translations" / ts.with_suffix(".qm").name).is_file()
        assert not (internal / "resources" / "translations" / ts.name).exists()


@pytest.mark.slow
def test_the_built_program_prints_its_version(run_built):
    from qsh_desk import __version__

    result = run_built("--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"qsh-desk {__version__}"


@pytest.mark.slow
def test_the_built_program_creates_fills_and_prints_a_database(run_built, tmp_path):
    db = str(tmp_path / "station.sqlite3")
    created = run_built("--db", db, "init")
    assert created.returncode == 0, created.stderr
    assert "已创建数据库" in created.stdout + created.stderr
    filled = run_built("--db", db, "demo", "--children", "20")
    assert filled.returncode == 0, filled.stderr
    assert "儿童 20" in filled.stdout + filled.stderr
    sheet = tmp_path / "sheet.pdf"
    printed = run_built("--db", db, "print", "signin-sheet", "--date", TODAY.isoformat(), "--out", str(sheet))
    assert printed.returncode == 0, printed.stderr
    assert sheet.read_bytes().startswith(b"%PDF")


@pytest.mark.slow
def test_the_built_window_starts_offscreen_and_quits_cleanly(run_built, tmp_path):
    db = tmp_path / "gui.sqlite3"
    result = run_built("--db", str(db), QSH_DESK_QUIT_AFTER_START="1")
    assert result.returncode == 0, result.stderr
    assert db.exists()  # the window opened (and so created) the database before quitting
    log = tmp_path / "data" / "logs" / "qsh-desk.log"
    logged = log.read_text(encoding="utf-8")
    assert "icon font" not in logged and "unknown icon" not in logged, logged  # the bundled icon fonts were found
    assert "answered (window process" in logged, logged  # the bundled program started itself as its job process


def test_the_desktop_entry_starts_the_program_with_its_icon():
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # keys such as Name[zh_CN] are case-sensitive
    entry.read(ROOT / "packaging" / "linux" / "qsh-desk.desktop", encoding="utf-8")
    desktop = entry["Desktop Entry"]
    assert desktop["Type"] == "Application" and desktop["Exec"] == "qsh-desk" and desktop["Terminal"] == "false"
    assert desktop["Name[zh_CN]"] == "亲善之家前台"
    assert desktop["Icon"] == "qsh-desk"
    # Exactly one of the specification's main categories, or menus show the program twice.
    main_categories = {"AudioVideo", "Audio", "Video", "Development", "Education", "Game", "Graphics", "Network",
                       "Office", "Science", "Settings", "System", "Utility"}
    assert len([c for c in desktop["Categories"].split(";") if c in main_categories]) == 1
    installer = (ROOT / "packaging" / "linux" / "install.sh").read_text(encoding="utf-8")
    for size in (16, 24, 32, 48, 64, 128, 256):
        assert (ROOT / "resources" / "icons" / f"qsh-desk-{size}.png").is_file()
        assert str(size) in installer


def test_the_windows_icon_holds_every_size_from_16_to_256():
    data = (ROOT / "resources" / "icons" / "qsh-desk.ico").read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", data)
    assert (reserved, kind) == (0, 1)
    sizes = {struct.unpack_from("<B", data, 6 + 16 * i)[0] or 256 for i in range(count)}
    assert sizes == {16, 24, 32, 48, 64, 128, 256}


def test_the_installer_script_is_chinese_and_keeps_the_data():
    script = (ROOT / "packaging" / "windows" / "qsh-desk.iss").read_bytes()
    assert script.startswith(b"\xef\xbb\xbf")  # Inno Setup reads UTF-8 only with a byte-order mark
    text = script.decode("utf-8-sig")
    assert "ChineseSimplified.isl" in text
    assert "{autodesktop}" in text and "{autoprograms}" in text
    assert "[UninstallDelete]" not in text  # uninstalling removes the program only, never the station's data
