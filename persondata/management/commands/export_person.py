"""``manage.py export_person PERSON_ID [--output FILE]``: everything held about a person, as JSON."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from bestyrelser.models import Person
from persondata.gdpr import person_export_json


class Command(BaseCommand):
    help = "Udtræk alt, portalen har om en person (indsigtsret), som JSON til stdout eller --output."

    def add_arguments(self, parser) -> None:
        parser.add_argument("person_id", type=int)
        parser.add_argument("--output", "-o", help="Skriv til denne fil i stedet for stdout.")

    def handle(self, *args, **options) -> None:
        try:
            data = person_export_json(person_id=options["person_id"])
        except Person.DoesNotExist as exc:
            raise CommandError(f"Ingen person med id {options['person_id']}.") from exc
        if options["output"]:
            Path(options["output"]).write_text(data + "\n", encoding="utf-8")
            self.stderr.write(f"Udtræk skrevet til {options['output']}.")
        else:
            self.stdout.write(data)
