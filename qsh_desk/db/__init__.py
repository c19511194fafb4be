"""Database layer: engines, the ORM models and the Alembic migrations. The only place that knows SQLAlchemy."""
