"""``manage.py import_maalinger FILE [--dry-run]``: the upload's import path, for scripts.

Validates the whole file first and prints every problem with its row and column; writes
nothing if there is any problem (exit status 1) or with ``--dry-run``; otherwise writes
everything in one transaction as one import batch, which can be undone in the portal.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from monitorering import services
from monitorering.imports import ImportFileError


class Command(BaseCommand):
    help = "Importerer målinger fra en CSV- eller Excel-fil (.xlsx) som én importkørsel."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help="CSV- eller .xlsx-fil")
        parser.add_argument("--dry-run", action="store_true", help="Kontrollér kun; skriv intet.")
        parser.add_argument("--kilde", default="", help="Datakilde, fx 'Boligsociale Data, 2. halvår 2024'")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"Filen findes ikke: {path}")
        try:
            batch, parsed = services.import_preview(
                data=path.read_bytes(),
                filename=path.name,
                kilde=options["kilde"] or path.name,
                dry_run=options["dry_run"],
            )
        except ImportFileError as exc:
            raise CommandError(str(exc)) from exc
        for problem in parsed.problems:
            self.stderr.write(str(problem))
        if not parsed.ok:
            raise CommandError(f"{len(parsed.problems)} fejl i {path.name}; intet er importeret.")
        if options["dry_run"]:
            self.stdout.write(f"{len(parsed.rows)} rækker er gyldige (--dry-run: intet er skrevet).")
            return
        batch = services.import_confirm(batch_id=batch.pk)
        self.stdout.write(
            self.style.SUCCESS(
                f"Import {batch.pk}: {batch.antal_oprettet} målinger oprettet, "
                f"{batch.antal_opdateret} opdateret."
            )
        )
