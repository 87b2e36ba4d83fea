"""The status-report lock trigger on ``monitorering_maaling`` fires only for rows that
belong to a report.

The trigger (``helhedsplaner/0004_statusrapport_laas``) refuses a row whose report is
godkendt/låst: on INSERT if ``NEW.statusrapport_id`` is such a report, on UPDATE if
``OLD.statusrapport_id`` or ``NEW.statusrapport_id`` is. ``NULL IN (...)`` is never true, so
for a row with no report (on UPDATE: neither before nor after) the function always let the
row through; it was still called once per row, with a subquery, which cost an import of
100,000 rows most of a plain COPY. A ``WHEN`` condition skips exactly those rows, so the
trigger means what it meant:

- PostgreSQL: the one ``BEFORE INSERT OR UPDATE`` trigger becomes two (a trigger's ``WHEN``
  cannot name ``OLD`` on INSERT), calling the same function;
- SQLite: the two triggers' ``WHEN`` tests for NULL before the subqueries.
"""

import importlib

from django.db import migrations

TABLE = "monitorering_maaling"
LOCKED = "('godkendt', 'laast')"
MESSAGE = "Statusrapporten er godkendt og låst; den kan ikke ændres."
LOCKED_REPORT = f"SELECT id FROM helhedsplaner_statusrapport WHERE status IN {LOCKED}"  # nosec B608

POSTGRES = [
    f"DROP TRIGGER IF EXISTS {TABLE}_laast ON {TABLE};",
    f"""
    CREATE TRIGGER {TABLE}_laast_insert BEFORE INSERT ON {TABLE}
    FOR EACH ROW WHEN (NEW.statusrapport_id IS NOT NULL)
    EXECUTE FUNCTION statusrapport_laast_child();
    """,
    f"""
    CREATE TRIGGER {TABLE}_laast_update BEFORE UPDATE ON {TABLE}
    FOR EACH ROW WHEN (OLD.statusrapport_id IS NOT NULL OR NEW.statusrapport_id IS NOT NULL)
    EXECUTE FUNCTION statusrapport_laast_child();
    """,
]
POSTGRES_REVERSE = [
    f"DROP TRIGGER IF EXISTS {TABLE}_laast_insert ON {TABLE};",
    f"DROP TRIGGER IF EXISTS {TABLE}_laast_update ON {TABLE};",
    f"""
    CREATE TRIGGER {TABLE}_laast BEFORE INSERT OR UPDATE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION statusrapport_laast_child();
    """,
]

SQLITE = [
    f"DROP TRIGGER IF EXISTS {TABLE}_laast_insert;",
    f"DROP TRIGGER IF EXISTS {TABLE}_laast_update;",
    f"""
    CREATE TRIGGER {TABLE}_laast_insert BEFORE INSERT ON {TABLE}
    WHEN NEW.statusrapport_id IS NOT NULL AND NEW.statusrapport_id IN ({LOCKED_REPORT})
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;
    """,  # nosec B608
    f"""
    CREATE TRIGGER {TABLE}_laast_update BEFORE UPDATE ON {TABLE}
    WHEN (OLD.statusrapport_id IS NOT NULL AND OLD.statusrapport_id IN ({LOCKED_REPORT}))
        OR (NEW.statusrapport_id IS NOT NULL AND NEW.statusrapport_id IN ({LOCKED_REPORT}))
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;
    """,  # nosec B608
]


def _sqlite_reverse() -> list[str]:
    """0004's triggers on this table (as 0007 restored them)."""
    locks = importlib.import_module("helhedsplaner.migrations.0004_statusrapport_laas")
    return SQLITE[:2] + [sql for sql in locks.SQLITE if f" ON {TABLE}\n" in sql]


def _execute(schema_editor, statements_by_vendor) -> None:
    statements = statements_by_vendor.get(schema_editor.connection.vendor)
    if statements is None:
        raise NotImplementedError(f"No status report lock triggers for {schema_editor.connection.vendor}")
    for sql in statements:
        schema_editor.execute(sql)


def forward(apps, schema_editor):
    _execute(schema_editor, {"postgresql": POSTGRES, "sqlite": SQLITE})


def backward(apps, schema_editor):
    _execute(schema_editor, {"postgresql": POSTGRES_REVERSE, "sqlite": _sqlite_reverse()})


class Migration(migrations.Migration):
    dependencies = [
        ("helhedsplaner", "0004_statusrapport_laas"),
        ("monitorering", "0009_planberegning_inddata"),
    ]

    operations = [
        migrations.RunPython(forward, backward),
    ]
