"""The layers point one way: nothing below the GUI imports Qt."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "qsh_desk"
QT_FREE = ("db", "services", "printing")


def _qt_imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
        found += [f"{path.relative_to(PACKAGE)}:{node.lineno} {n}" for n in names if n.split(".")[0] in ("PySide6", "qtawesome")]
    return found


def test_database_services_and_printing_never_import_qt():
    offenders = [hit for layer in QT_FREE for path in (PACKAGE / layer).rglob("*.py") for hit in _qt_imports(path)]
    assert offenders == []


def test_gui_is_not_imported_by_the_lower_layers():
    offenders = []
    for layer in QT_FREE:
        for path in (PACKAGE / layer).rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            if "qsh_desk.gui" in text:
                offenders.append(str(path.relative_to(PACKAGE)))
    assert offenders == []


def test_command_line_runs_without_loading_qt():
    code = (
        "import sys, qsh_desk.cli as c; c.build_parser(); "
        "import qsh_desk.services.demo, qsh_desk.services.overview; "
        "print('PySide6' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_every_module_starts_with_a_docstring():
    missing = [
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if "versions" not in path.parts and ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) is None
        and path.stat().st_size > 0
    ]
    assert missing == []


# What reads the computer's clock directly, bypassing the program's clock (qsh_desk/clock.py).
_SYSTEM_CLOCK_CALLS = {("datetime", "now"), ("datetime", "today"), ("datetime", "utcnow"), ("date", "today"),
                       ("time", "time"), ("time", "localtime"), ("QDate", "currentDate"),
                       ("QDateTime", "currentDateTime"), ("QTime", "currentTime")}


def test_only_the_program_clock_reads_the_system_clock():
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        if path == PACKAGE / "clock.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                owner = node.func.value
                owner_name = owner.attr if isinstance(owner, ast.Attribute) else getattr(owner, "id", None)
                if (owner_name, node.func.attr) in _SYSTEM_CLOCK_CALLS:
                    offenders.append(f"{path.relative_to(PACKAGE)}:{node.lineno} {owner_name}.{node.func.attr}()")
    assert offenders == []
