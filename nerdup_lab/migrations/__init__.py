"""Alembic migrations of the nerdup database, run at start-up by `nerdup_lab.core.migrate`.

Each revision carries its own frozen table definitions and never imports the models, so an
old database upgrades the same way whatever the models look like today.
"""
