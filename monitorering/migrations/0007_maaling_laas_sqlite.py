"""Restore the status-report lock triggers on ``monitorering_maaling`` under SQLite.

SQLite cannot add a CHECK constraint to a table, so Django rebuilt the table for 0006's
constraint (create a copy, move the rows, drop the old table) and the triggers of
``helhedsplaner/0004_statusrapport_laas`` went with the old table: values of an approved
report could be changed again through ``QuerySet.update()`` on the embedded default.
PostgreSQL adds the constraint in place and keeps its trigger, so this does nothing there.
Any later migration that rebuilds ``monitorering_maaling`` or ``helhedsplaner_delmaalstatus``
on SQLite must do the same (tests/helhedsplaner/test_workflow.py fails if it does not).
"""

import importlib

from django.db import migrations

TABLE = "monitorering_maaling"


def _lock_sql():
    locks = importlib.import_module("helhedsplaner.migrations.0004_statusrapport_laas")
    return [sql for sql in locks.SQLITE if f" ON {TABLE}\n" in sql]


def restore(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for op in ("insert", "update"):
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {TABLE}_laast_{op};")
    statements = _lock_sql()
    assert len(statements) == 2, "the lock triggers of monitorering_maaling were not found"  # noqa: S101
    for sql in statements:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [
        ("helhedsplaner", "0004_statusrapport_laas"),
        ("monitorering", "0006_kriteriestatus_version_maaling_rapport"),
    ]

    operations = [migrations.RunPython(restore, migrations.RunPython.noop)]
