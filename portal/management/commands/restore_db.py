"""``manage.py restore_db [FILE] [--force]``: pg_restore a backup into RESTORE_DATABASE_URL
(or DATABASE_URL). Without FILE, the newest backup in BACKUP_DIR."""

from __future__ import annotations

import os
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from portal.backup import BackupError, database_from_url, latest_backup, restore


class Command(BaseCommand):
    help = (
        "Gendan en backup (pg_restore) i databasen fra RESTORE_DATABASE_URL eller DATABASE_URL. "
        "Nægter at overskrive en database med tabeller uden --force."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", nargs="?", help="Backupfilen (standard: den nyeste i backups/).")
        parser.add_argument(
            "--database-url", help="Måldatabasen (standard: RESTORE_DATABASE_URL, ellers DATABASE_URL)."
        )
        parser.add_argument(
            "--force", action="store_true", help="Erstat indholdet i en database, der ikke er tom."
        )

    def handle(self, *args, **options) -> None:
        url = options["database_url"] or os.environ.get("RESTORE_DATABASE_URL")
        db = database_from_url(url) if url else connections["default"].settings_dict
        try:
            path = Path(options["file"]) if options["file"] else latest_backup()
            self.stdout.write(f"Gendanner {path} i databasen {db.get('NAME')} ...")
            result = restore(path=path, db=db, force=options["force"])
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        what = (
            "oprettet og gendannet"
            if result["oprettet"]
            else ("indhold erstattet" if result["erstattet"] else "gendannet i den tomme database")
        )
        self.stdout.write(self.style.SUCCESS(f"Gendannelse færdig: {result['database']} {what}."))
