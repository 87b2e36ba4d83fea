"""Database triggers that keep an approved status report frozen, whatever path writes.

Services, forms and the admin already refuse changes to a godkendt/låst report; these
triggers make the same promise for raw SQL, ``QuerySet.update()``, imports and any
future code path. Only the status may move (godkendt → låst, or back to kladde by the
unlock service); the report's content and its delmål statuses and values may not change
while it is locked. Deletes are guarded in the services and the admin (a trigger on
DELETE would also block the test database's flush on SQLite).
"""

from django.db import migrations

LOCKED = "('godkendt', 'laast')"
CONTENT_COLUMNS = [
    "delaftale_id",
    "periode_start",
    "periode_slut",
    "fortaelling",
    "indsendt_af_id",
    "indsendt_tidspunkt",
    "accepteret_af_id",
    "accepteret_tidspunkt",
    "godkendt_af_id",
    "godkendt_tidspunkt",
]
CHILD_TABLES = ["helhedsplaner_delmaalstatus", "monitorering_maaling"]
MESSAGE = "Statusrapporten er godkendt og låst; den kan ikke ændres."
# The DDL below is built only from these constants, never from input (bandit B608 is silenced).

SQLITE = [
    f"""
    CREATE TRIGGER statusrapport_laast_update
    BEFORE UPDATE ON helhedsplaner_statusrapport
    WHEN OLD.status IN {LOCKED} AND NEW.status IN {LOCKED} AND (
        {" OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in CONTENT_COLUMNS)}
    )
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;
    """,
    *[
        sql
        for table in CHILD_TABLES
        for sql in (
            f"""
            CREATE TRIGGER {table}_laast_insert BEFORE INSERT ON {table}
            WHEN NEW.statusrapport_id IN (
                SELECT id FROM helhedsplaner_statusrapport WHERE status IN {LOCKED})
            BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;
            """,  # nosec B608
            f"""
            CREATE TRIGGER {table}_laast_update BEFORE UPDATE ON {table}
            WHEN OLD.statusrapport_id IN (
                    SELECT id FROM helhedsplaner_statusrapport WHERE status IN {LOCKED})
                OR NEW.statusrapport_id IN (
                    SELECT id FROM helhedsplaner_statusrapport WHERE status IN {LOCKED})
            BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;
            """,  # nosec B608
        )
    ],
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS statusrapport_laast_update;",
    *[
        f"DROP TRIGGER IF EXISTS {table}_laast_{op};"
        for table in CHILD_TABLES
        for op in ("insert", "update")
    ],
]

POSTGRES = [
    f"""
    CREATE OR REPLACE FUNCTION statusrapport_laast_update() RETURNS trigger AS $$
    BEGIN
        IF OLD.status IN {LOCKED} AND NEW.status IN {LOCKED} AND (
            {" OR ".join(f"OLD.{c} IS DISTINCT FROM NEW.{c}" for c in CONTENT_COLUMNS)}
        ) THEN
            RAISE EXCEPTION USING ERRCODE = '23514', MESSAGE = '{MESSAGE}';
        END IF;
        RETURN NEW;
    END $$ LANGUAGE plpgsql;
    """,
    """
    CREATE TRIGGER statusrapport_laast_update
    BEFORE UPDATE ON helhedsplaner_statusrapport
    FOR EACH ROW EXECUTE FUNCTION statusrapport_laast_update();
    """,
    f"""
    CREATE OR REPLACE FUNCTION statusrapport_laast_child() RETURNS trigger AS $$
    BEGIN
        IF (TG_OP = 'UPDATE' AND OLD.statusrapport_id IN (
                SELECT id FROM helhedsplaner_statusrapport WHERE status IN {LOCKED}))
           OR NEW.statusrapport_id IN (
                SELECT id FROM helhedsplaner_statusrapport WHERE status IN {LOCKED}) THEN
            RAISE EXCEPTION USING ERRCODE = '23514', MESSAGE = '{MESSAGE}';
        END IF;
        RETURN NEW;
    END $$ LANGUAGE plpgsql;
    """,  # nosec B608
    *[
        f"""
        CREATE TRIGGER {table}_laast BEFORE INSERT OR UPDATE ON {table}
        FOR EACH ROW EXECUTE FUNCTION statusrapport_laast_child();
        """
        for table in CHILD_TABLES
    ],
]
POSTGRES_REVERSE = [
    *[f"DROP TRIGGER IF EXISTS {table}_laast ON {table};" for table in CHILD_TABLES],
    "DROP TRIGGER IF EXISTS statusrapport_laast_update ON helhedsplaner_statusrapport;",
    "DROP FUNCTION IF EXISTS statusrapport_laast_child();",
    "DROP FUNCTION IF EXISTS statusrapport_laast_update();",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        statements = statements_by_vendor.get(schema_editor.connection.vendor)
        if statements is None:
            raise NotImplementedError(
                f"No status report lock triggers for {schema_editor.connection.vendor}"
            )
        for sql in statements:
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("helhedsplaner", "0003_revision_og_rapportfrist"),
        ("monitorering", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRES}),
            _run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRES_REVERSE}),
        ),
    ]
