"""The interface language: Chinese (the source text) by default, English from resources/translations/qsh_desk_en.ts."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from qsh_desk.config import resources_dir

log = logging.getLogger(__name__)

ENGLISH = "en"
CHINESE = "zh_CN"

# Installed on the application by install(); kept here so that choosing again replaces them instead of stacking.
_installed: list[QTranslator] = []


def ts_path(language: str = ENGLISH) -> Path:
    return resources_dir() / "translations" / f"qsh_desk_{language}.ts"


# subprocess, shutil, tempfile and ElementTree are imported where used: only a checkout without compiled
# translations needs them, and every start would pay about 10 ms for them.


def qt_tool(name: str) -> str | None:
    """pyside6-<name> (lrelease, lupdate) beside this Python (venv), on PATH, or the tool inside the PySide6 package."""
    import shutil

    found = shutil.which(f"pyside6-{name}", path=str(Path(sys.executable).parent)) or shutil.which(f"pyside6-{name}")
    if found:
        return found
    import PySide6

    package = Path(PySide6.__file__).parent
    for candidate in (package / name, package / f"{name}.exe"):
        if candidate.is_file():
            return str(candidate)
    return None


def gui_sources() -> list[Path]:
    """Every module whose strings are translated: the whole gui package."""
    return sorted(Path(__file__).resolve().parent.rglob("*.py"))


def update_ts(ts: Path, language: str = ENGLISH) -> None:
    """Collect the tr() strings of the gui package into `ts` (pyside6-lupdate), keeping its translations.

    Locations are left out so that the file changes only when a string does. A string that moved to another
    class (another context) keeps the translation it had: lupdate alone would drop it and ask again.
    """
    import subprocess

    program = qt_tool("lupdate")
    if program is None:
        raise RuntimeError("pyside6-lupdate not found: it comes with PySide6")
    known = read_ts(ts) if ts.is_file() else {}
    subprocess.run([program, "-silent", "-locations", "none", "-no-obsolete", "-source-language", CHINESE,
                    "-target-language", language, *map(str, gui_sources()), "-ts", str(ts)],
                   check=True, capture_output=True, timeout=120)
    if known:
        _reuse_moved_translations(ts, {source: text for (_context, source), text in sorted(known.items())})


def _reuse_moved_translations(ts: Path, by_source: dict[str, str]) -> None:
    """Finish each unfinished entry whose source text was translated before (in whatever context): lupdate
    copies such a translation over but marks it unfinished, or leaves the entry empty."""
    import html
    import re

    unfinished = re.compile(r"(<source>)([^<]*)(</source>\s*)<translation type=\"unfinished\">[^<]*</translation>")

    def fill(match: re.Match[str]) -> str:
        translation = by_source.get(html.unescape(match.group(2)))
        if translation is None:
            return match.group(0)
        return f"{match.group(1)}{match.group(2)}{match.group(3)}<translation>{html.escape(translation, quote=False)}</translation>"

    text = ts.read_text(encoding="utf-8")
    ts.write_text(unfinished.sub(fill, text), encoding="utf-8")


def compiled_qm(ts: Path) -> Path | None:
    """The .qm for a .ts: the shipped one when it is current, else compiled now (a checkout has only the .ts).

    Returns None when there is no .qm and no lrelease to make one; the caller then reads the .ts itself.
    """
    qm = ts.with_suffix(".qm")
    if qm.is_file() and (not ts.is_file() or qm.stat().st_mtime >= ts.stat().st_mtime):
        return qm
    if not ts.is_file():
        return None
    program = qt_tool("lrelease")
    if program is None:
        return None
    import subprocess
    import tempfile

    # Beside the .ts when that folder is writable (a checkout), else in the temporary folder (a read-only install).
    folder = ts.parent if os.access(ts.parent, os.W_OK) else Path(tempfile.gettempdir())
    target = folder / qm.name
    partial = folder / f".{qm.name}.{os.getpid()}.part"  # two starts at once must not read a half-written file
    try:
        subprocess.run([program, "-silent", str(ts), "-qm", str(partial)], check=True, capture_output=True,
                       timeout=120)
        os.replace(partial, target)
    except (OSError, subprocess.SubprocessError) as error:
        log.warning("could not compile %s with %s: %s", ts, program, error)
        partial.unlink(missing_ok=True)
        return None
    return target


def read_ts(ts: Path) -> dict[tuple[str, str], str]:
    """Finished translations of a .ts file by (context, source text)."""
    import xml.etree.ElementTree as ElementTree

    table = {}
    for context in ElementTree.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is None or translation.get("type") in {"unfinished", "obsolete", "vanished"}:
                continue
            table[(name, message.findtext("source") or "")] = translation.text or ""
    return table


class TsTranslator(QTranslator):
    """Translates straight from a .ts file: used only when no .qm exists and lrelease is not installed."""

    def __init__(self, ts: Path, parent=None):  # noqa: ANN001 - a QObject
        super().__init__(parent)
        self.table = read_ts(ts)

    def translate(self, context, source_text, disambiguation=None, n=-1):  # noqa: ANN001, ANN201 - Qt's signature
        return self.table.get((context, source_text))  # None: not translated here, ask the next translator

    def isEmpty(self) -> bool:  # noqa: N802 - Qt's name
        return not self.table


def _app_translator(language: str, parent) -> QTranslator | None:  # noqa: ANN001 - a QObject
    ts = ts_path(language)
    qm = compiled_qm(ts)
    translator = QTranslator(parent)
    if qm is not None and translator.load(str(qm)):
        return translator
    if ts.is_file():
        return TsTranslator(ts, parent)
    log.warning("no translation for %s in %s", language, ts.parent)
    return None


def install(app: QCoreApplication, language: str) -> None:
    """Make the application speak `language` ("zh_CN" or "en"): our strings, Qt's own dialogs and the locale.

    Call before any window is built: texts already shown do not change.
    """
    for translator in _installed:
        app.removeTranslator(translator)
        translator.deleteLater()
    _installed.clear()
    qt_translations = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if language == ENGLISH:
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
        translators = [_app_translator(ENGLISH, app)]
        qt_translator = QTranslator(app)  # Qt's built-in texts are English already; qtbase_en only fills plurals
        translators.append(qt_translator if qt_translator.load("qtbase_en", qt_translations) else None)
    else:
        QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
        qt_translator = QTranslator(app)
        translators = [qt_translator if qt_translator.load("qtbase_zh_CN", qt_translations) else None]
    for translator in translators:
        if translator is not None:
            app.installTranslator(translator)
            _installed.append(translator)


if __name__ == "__main__":
    # Developers: `python -m qsh_desk.gui.translations` after changing interface text, then translate the new
    # entries of resources/translations/qsh_desk_en.ts (Qt Linguist: pyside6-linguist).
    update_ts(ts_path(ENGLISH))
    print(f"updated {ts_path(ENGLISH)}")
