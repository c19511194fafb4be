"""The command line loads only what a command uses: `--version` and `--help` no database layer, a read-only
command no window, printing, spreadsheet or importer code (what made them slow to start)."""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys

import pytest

from tests.moments import faketime_env

HEAVY = ("PySide6", "reportlab", "openpyxl", "pypinyin", "argon2", "alembic")
DATABASE_LAYER = ("sqlalchemy", "qsh_desk.db.models", "qsh_desk.db.database")
# The modules of other commands, and what only some commands need.
OTHER_COMMANDS = ("qsh_desk.services.importing", "qsh_desk.services.demo", "qsh_desk.services.accounts",
                  "qsh_desk.services.archive", "qsh_desk.services.sessions", "qsh_desk.services.backup",
                  "qsh_desk.services.search", "qsh_desk.printing.layout", "qsh_desk.gui")
# What only a station on PostgreSQL needs (SQLAlchemy's PostgreSQL dialect with its drivers: ~60 ms).
OTHER_DATABASE = ("sqlalchemy.dialects.postgresql", "psycopg")

# The launcher's entry point, then REPORT (a JSON-able expression) on the last line of stdout, however it exits.
PROBE = """
import gc, json, sys
from qsh_desk.cli import main
try:
    code = main(sys.argv[1:])
except SystemExit as exited:
    code = exited.code
print()
print(json.dumps(REPORT))
"""


def after_the_launcher(report: str, *args: str):  # noqa: ANN201 - whatever the report is
    """Run the launcher's entry point with `args` in a fresh process; what `report` evaluated to at its end."""
    result = subprocess.run([sys.executable, "-c", PROBE.replace("REPORT", report), *args], capture_output=True,
                            text=True, timeout=120, env=faketime_env(base=dict(os.environ)))
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])


def _new_station(folder) -> str:  # noqa: ANN001 - a pytest tmp_path
    url = f"sqlite:///{folder / 'station.sqlite3'}"
    subprocess.run([sys.executable, "-m", "qsh_desk", "--db", url, "init"], check=True, capture_output=True,
                   env=faketime_env(base=dict(os.environ)))
    return url


def loaded(*args: str) -> set[str]:
    return set(after_the_launcher("sorted(sys.modules)", *args))


def test_the_table_of_commands_names_every_module_that_adds_to_each_command():
    import argparse

    from qsh_desk.cli import COMMAND_MODULES, COMMANDS, _Parser

    found: dict[str, tuple[str, ...]] = {}
    for module_name in COMMAND_MODULES:
        subparsers = argparse.ArgumentParser().add_subparsers(parser_class=_Parser)
        importlib.import_module(module_name).register(subparsers)
        for command in subparsers.choices:
            found[command] = (*found.get(command, ()), module_name.rsplit(".", 1)[1])
    assert found == COMMANDS


def test_help_on_every_command_lists_them_all_whatever_follows():
    from qsh_desk.cli import COMMANDS

    for args in (("--help",), ("--help", "present"), ("--db", "x.sqlite3", "-h", "print")):
        result = subprocess.run([sys.executable, "-m", "qsh_desk", *args], capture_output=True, text=True,
                                timeout=120, env=faketime_env(base=dict(os.environ)))
        assert result.returncode == 0, result.stderr
        assert all(command in result.stdout for command in COMMANDS), args


def _present(modules: set[str], packages: tuple[str, ...]) -> list[str]:
    return sorted(m for m in modules if any(m == p or m.startswith(p + ".") for p in packages))


@pytest.mark.parametrize("args", [("--version",), ("--help",), ("print", "--help"), ("import", "children", "--help"),
                                  ("user", "--help"), ("export", "--help")])
def test_version_and_help_load_no_database_layer(args):
    modules = loaded(*args)
    assert _present(modules, HEAVY + DATABASE_LAYER) == []


@pytest.mark.parametrize("command", [("present",), ("visits",), ("check",)])
def test_a_read_only_command_loads_only_its_own_services(tmp_path, command):
    url = _new_station(tmp_path)
    modules = loaded("--db", url, *command)
    assert "sqlalchemy" in modules  # it did open the database
    assert _present(modules, HEAVY + OTHER_COMMANDS + OTHER_DATABASE) == []
    # Its parser has only its own command's module: `present` and `visits` are the desk's, `check` maintenance's.
    own = {"present": "qsh_desk.cli.desk", "visits": "qsh_desk.cli.desk", "check": "qsh_desk.cli.maintenance"}
    assert {m for m in modules if m.startswith("qsh_desk.cli.") and m != "qsh_desk.cli.context"} == {own[command[0]]}


@pytest.mark.parametrize("command", [("present",), ("--version",), ("no-such-command",)])
def test_a_command_starts_without_full_collections_and_leaves_the_collector_on(tmp_path, command):
    url = _new_station(tmp_path)
    # The collector's state once the command is over, and how many full collections the whole process made.
    collector = after_the_launcher(
        '{"on": gc.isenabled(), "frozen": gc.get_freeze_count(), "full": gc.get_stats()[2]["collections"]}',
        "--db", url, *command)
    # Importing SQLAlchemy and mapping the tables made one or two full collections of everything loaded so far.
    assert collector["full"] == 0
    assert collector["on"] is True  # whatever the command does next, or however it ended, cycles are collected
    assert collector["frozen"] > 0  # what start-up made is out of later collections
