"""The migrations build exactly the models' schema, upgrades are idempotent, and newer databases are refused."""

from __future__ import annotations

import datetime as dt
import hashlib
import subprocess
import sys
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text
from sqlalchemy.schema import CreateIndex
from sqlalchemy.exc import IntegrityError

from qsh_desk.db.database import Database
from qsh_desk.db.models import Base
from qsh_desk.db.schema import NewerDatabaseError, head_revision, status, upgrade_to_head


def test_models_and_migrations_agree(db_url):
    db = Database(db_url)
    upgrade_to_head(db.engine)
    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(context, Base.metadata)
    db.dispose()
    assert diff == []


def test_the_models_partial_indexes_keep_to_the_open_rows_on_either_backend(db_url):
    """The open visit, shift and loan indexes carry their condition for the database in use (PostgreSQL's is
    given only once a PostgreSQL engine is made), so the models describe what the migrations built."""
    db = Database(db_url)
    partial = {index.name: CreateIndex(index).compile(dialect=db.engine.dialect).string
               for table in Base.metadata.sorted_tables for index in table.indexes if "_open" in index.name}
    db.dispose()
    assert sorted(partial) == ["ix_child_visits_open_station", "ix_volunteer_shifts_open_station",
                               "uq_child_visits_one_open", "uq_loans_open_copy", "uq_volunteer_shifts_one_open"]
    for name, ddl in partial.items():
        column = {"child": "checked_out_at", "volunteer": "ended_at", "loans": "returned_at"}[name.split("_")[1]]
        assert ddl.endswith(f"WHERE {column} IS NULL"), ddl


def test_models_imported_after_a_postgresql_engine_still_get_its_conditions():
    """A PostgreSQL engine made before the models are imported (`check` never imports them) still leaves them
    with PostgreSQL's condition once they are."""
    probe = (
        "import sys\n"
        "from qsh_desk.db.engine import make_engine\n"
        "make_engine('postgresql+psycopg://nobody@/nowhere?host=/nonexistent')\n"  # made, never connected
        "assert 'qsh_desk.db.models' not in sys.modules\n"
        "from qsh_desk.db import models\n"
        "index = next(i for i in models.ChildVisit.__table__.indexes if i.name == 'uq_child_visits_one_open')\n"
        "print(index.dialect_options['postgresql']['where'])\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "checked_out_at IS NULL"


def test_upgrade_twice_changes_nothing(db_url):
    db = Database(db_url)
    first = upgrade_to_head(db.engine)
    second = upgrade_to_head(db.engine)
    db.dispose()
    assert (first.upgraded, first.upgraded_from) == (True, None)
    assert second.upgraded is False and second.current == head_revision()


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_database_from_a_newer_release_is_refused_untouched(tmp_path):
    path = tmp_path / "newer.sqlite3"
    db = Database(path)
    upgrade_to_head(db.engine)
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    db.dispose()
    before = _sha(path)
    with pytest.raises(NewerDatabaseError) as refused:
        upgrade_to_head(Database(path).engine)
    assert "9999_future" in str(refused.value) and head_revision() in str(refused.value)
    assert "更新版本" in str(refused.value)
    assert _sha(path) == before


def test_a_child_cannot_have_two_open_visits(db, station):
    from qsh_desk.db.models import Child, ChildVisit

    with db.transaction() as s:
        child = Child(station_id=station.id, name="张三", gender="男", card_code="C01999999")
        s.add(child)
        s.flush()
        s.add(ChildVisit(station_id=station.id, child_id=child.id, checked_in_at=dt.datetime(2026, 11, 28, 9)))
        child_id = child.id
    with pytest.raises(IntegrityError), db.transaction() as s:
        s.add(ChildVisit(station_id=station.id, child_id=child_id, checked_in_at=dt.datetime(2026, 11, 28, 10)))
    with db.transaction() as s:
        assert s.scalar(text("SELECT count(*) FROM child_visits")) == 1


def test_status_of_an_empty_database(db_url):
    db = Database(db_url)
    assert status(db.engine).current is None
    db.dispose()


def test_a_database_of_the_first_release_upgrades_with_its_data(db_url):
    """Every later revision must carry the data of a 0001 database forward."""
    from alembic import command

    from qsh_desk.db.schema import alembic_config

    db = Database(db_url)
    cfg = alembic_config()
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001_initial")
    with db.engine.begin() as conn:
        conn.execute(text("INSERT INTO stations (id, name, created_at) VALUES (1, '旧站', '2025-01-01 09:00:00')"))
        conn.execute(text(
            "INSERT INTO volunteers (id, station_id, name, card_code, search_keys, created_at, active, version) "
            "VALUES (1, 1, '王芳', 'V01000001', ' 王芳 wangfang wf ', '2025-01-01 09:00:00', true, 1)"
        ))
        conn.execute(text(
            "INSERT INTO volunteer_shifts (station_id, volunteer_id, started_at, ended_at, hours, backfilled) "
            "VALUES (1, 1, '2025-01-04 09:00:00', '2025-01-04 12:00:00', 3.00, false)"
        ))
    result = upgrade_to_head(db.engine)
    with db.engine.connect() as conn:
        shift = conn.execute(text("SELECT volunteer_id, hours FROM volunteer_shifts")).one()
        posts = conn.execute(text("SELECT name FROM duty_posts WHERE station_id = 1 ORDER BY sort_order")).scalars().all()
    db.dispose()
    assert result.upgraded_from == "0001_initial" and result.current == head_revision()
    assert shift[0] == 1 and float(shift[1]) == 3.0
    assert posts == ["前台值班", "托辅", "手工课", "安全巡查"]  # an existing station gets the usual duty posts


def test_the_revisions_read_from_file_names_are_alembics_chain_in_order():
    """Start-up reads the known revisions from the migration file names; Alembic must see the same chain."""
    from alembic.script import ScriptDirectory

    from qsh_desk.db import schema

    script = ScriptDirectory.from_config(schema.alembic_config())
    chain = [revision.revision for revision in script.walk_revisions()][::-1]  # oldest first
    assert list(schema._revisions_in_order()) == chain
    assert schema.head_revision() == script.get_current_head()


def test_opening_a_database_at_head_does_not_import_alembic(tmp_path):
    """Alembic costs start-up time and memory; a database already at head never needs it."""
    import subprocess
    import sys

    path = tmp_path / "station.sqlite3"
    upgrade_to_head(Database(path).engine)
    code = ("import sys\nfrom qsh_desk.db.database import Database\nfrom qsh_desk.db.schema import upgrade_to_head\n"
            f"upgrade_to_head(Database({str(path)!r}).engine)\nprint('alembic' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_an_upgrade_takes_a_contacts_words_out_of_the_call_home_session_they_were_copied_into(db_url):
    from alembic import command

    from qsh_desk.db.schema import alembic_config

    db = Database(db_url)
    cfg = alembic_config()
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0005_sort_names")
    with db.engine.begin() as conn:
        conn.execute(text("INSERT INTO stations (id, name, created_at) VALUES (1, '旧站', '2025-01-01 09:00:00')"))
        conn.execute(text("INSERT INTO dreams (id, station_id, code, dream_name, function_name, sort_order, colour, "
                          "icon) VALUES (1, 1, 'missing_family', '思亲梦', '思亲', 5, '#888888', 'phone')"))
        conn.execute(text(
            "INSERT INTO children (id, station_id, name, gender, ethnicity, card_code, search_keys, created_at,"
            " updated_at) VALUES (1, 1, '刘子轩', '男', '汉族', 'C01000001', ' ', '2025-01-01 09:00:00',"
            " '2025-01-01 09:00:00')"))
        conn.execute(text("INSERT INTO parents (id, child_id, relation, name) VALUES (1, 1, '父亲', '刘建国')"))
        for sid, words in ((1, "爸爸说在工地受伤住院"), (2, "一起唱了歌")):
            conn.execute(text("INSERT INTO programme_sessions (id, station_id, dream_id, starts_at, theme, summary, "
                              "created_at) VALUES (:id, 1, 1, '2025-01-04 10:00:00', '站内亲情连线', :s,"
                              " '2025-01-04 10:00:00')"), {"id": sid, "s": words})
        conn.execute(text(
            "INSERT INTO parent_contacts (station_id, child_id, parent_id, contacted_at, channel, initiated_by, summary,"
            " session_id) VALUES (1, 1, 1, '2025-01-04 10:00:00', '视频', 'child', '爸爸说在工地受伤住院', 1)"))
    upgrade_to_head(db.engine)
    with db.engine.connect() as conn:
        summaries = conn.execute(text("SELECT summary FROM programme_sessions ORDER BY id")).scalars().all()
        kept = conn.execute(text("SELECT summary FROM parent_contacts")).scalar_one()
    db.dispose()
    assert summaries == ["和父亲视频联系", "一起唱了歌"]  # a session's own summary is left alone
    assert kept == "爸爸说在工地受伤住院"
