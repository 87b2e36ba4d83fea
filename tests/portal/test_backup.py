"""make backup / make restore: a pg_dump of real committed data restores into a fresh
database with identical rows (counts and checksums per table). PostgreSQL only."""

import io
import shutil
import subprocess
from urllib.parse import quote

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from portal import backup
from tests.conftest import skip_unless_available
from tests.helhedsplaner.factories import build_chain
from tests.monitorering.factories import MaalingFactory
from tests.persondata.gdpr_data import rich_person

KEY_TABLES = [
    "helhedsplaner_helhedsplan",
    "helhedsplaner_strategiskmaal",
    "helhedsplaner_succeskriterie",
    "helhedsplaner_delaftale",
    "helhedsplaner_aktivitet",
    "helhedsplaner_aktivitetsregistrering",
    "helhedsplaner_statusrapport",
    "monitorering_maaling",
    "bestyrelser_medlemskab",
    "bestyrelser_moede",
    "bestyrelser_historicalmedlemskab",
    "bestyrelser_historicalmoede",
    "helhedsplaner_historicalaktivitet",
    "helhedsplaner_historicalstatusrapport",
]


def _url(db: dict, name: str) -> str:
    auth = quote(db["USER"] or "") + (":" + quote(db["PASSWORD"]) if db.get("PASSWORD") else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{name}"


def _drop(db: dict, name: str) -> None:
    subprocess.run(
        ["dropdb", "--if-exists", "--force", name], env=backup.pg_env(db, name="postgres"), check=True
    )


@pytest.mark.django_db(transaction=True)
def test_backup_restores_into_a_fresh_database_with_identical_rows(
    plan_a, projektleder_a, board_member_a, plan_b, member_b, tmp_path
):
    skip_unless_available(
        connection.vendor == "postgresql", "backup/restore needs PostgreSQL (set DATABASE_URL)"
    )
    skip_unless_available(bool(shutil.which("pg_dump")), "pg_dump is not installed (postgresql-client)")
    rich_person(plan_a, projektleder_a)
    build_chain(plan_b, activities=3)
    MaalingFactory(helhedsplan=plan_b)

    source = connection.settings_dict
    target_name = f"{source['NAME']}_restore"
    target = backup.database_from_url(_url(source, target_name))
    dump = tmp_path / "portal.dump"
    _drop(source, target_name)
    try:
        out = io.StringIO()
        call_command("backup_db", "--output", str(dump), stdout=out)
        assert f"skrevet til {dump}" in out.getvalue()

        call_command("restore_db", str(dump), "--database-url", _url(source, target_name), stdout=out)
        assert f"{target_name} oprettet og gendannet" in out.getvalue()

        before, after = backup.table_checksums(source), backup.table_checksums(target)
        for table in KEY_TABLES:
            assert before[table][0] > 0, f"{table} has no rows to compare"
        assert after == before

        # A database with tables is never overwritten by accident ...
        with pytest.raises(CommandError, match="ikke tom"):
            call_command("restore_db", str(dump), "--database-url", _url(source, target_name), stdout=out)
        # ... only with --force (make restore FORCE=1), which replaces its content.
        call_command(
            "restore_db", str(dump), "--database-url", _url(source, target_name), "--force", stdout=out
        )
        assert f"{target_name} indhold erstattet" in out.getvalue()
        assert backup.table_checksums(target) == before
    finally:
        _drop(source, target_name)


def test_backup_refuses_sqlite_with_a_clear_message():
    with pytest.raises(backup.BackupError, match="kræver PostgreSQL"):
        backup.backup(db={"ENGINE": "django.db.backends.sqlite3", "NAME": "db.sqlite3"})


def test_restore_refuses_a_missing_file(tmp_path):
    with pytest.raises(backup.BackupError, match="findes ikke"):
        backup.restore(
            path=tmp_path / "nope.dump", db={"ENGINE": "django.db.backends.postgresql", "NAME": "x"}
        )
