"""``manage.py backup_db [--output FILE]``: pg_dump -Fc of the database in DATABASE_URL."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from portal.backup import BackupError, backup


class Command(BaseCommand):
    help = "Sikkerhedskopi af PostgreSQL-databasen (pg_dump -Fc) til backups/ eller --output."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--output", "-o", help="Filen, der skrives (standard: backups/<db>-<tid>.dump).")

    def handle(self, *args, **options) -> None:
        db = connections["default"].settings_dict
        try:
            path = backup(db=db, output=Path(options["output"]) if options["output"] else None)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        size = path.stat().st_size
        self.stdout.write(self.style.SUCCESS(f"Backup af {db['NAME']} skrevet til {path} ({size:,} bytes)."))
