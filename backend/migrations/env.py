"""Alembic environment: run by backend.schema with the connection already open (no .ini)."""

from __future__ import annotations

from alembic import context

from backend.db import Base
from backend.schema import register_models

register_models()
connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite cannot ALTER most things; batch mode copies the table
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
