"""Alembic environment, configured in code by `nerdup_lab.core.migrate` (no alembic.ini).

The caller hands over an open connection in `config.attributes["connection"]`, so the
migration runs on exactly the engine (and SQLite pragmas) the application uses.
"""

from __future__ import annotations

from alembic import context

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=None,
    # SQLite cannot ALTER most things in place; batch mode copies the table instead.
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
