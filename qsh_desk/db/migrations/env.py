"""Alembic environment: runs on the connection the app hands over (never reads an ini file)."""

from alembic import context

from qsh_desk.db.models import Base

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    connection = config.attributes["connection"]
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        # SQLite cannot ALTER most things in place: batch mode copies the table instead.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():  # pragma: no cover - the app never generates SQL scripts
    raise SystemExit("offline migrations are not supported; run `qsh-desk init`")
run_migrations_online()
