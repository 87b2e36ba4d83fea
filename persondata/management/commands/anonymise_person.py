"""``manage.py anonymise_person PERSON_ID --reason TEXT [--by USERNAME]``: erase a person's
name and contact data everywhere (see persondata/gdpr.py). Cannot be undone except from a backup."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from bestyrelser.models import Person
from persondata.gdpr import person_anonymise


class Command(BaseCommand):
    help = "Anonymisér en person (ret til sletning): navn og kontaktdata erstattes af et pseudonym overalt."

    def add_arguments(self, parser) -> None:
        parser.add_argument("person_id", type=int)
        parser.add_argument("--reason", required=True, help="Begrundelsen, der gemmes i historikken.")
        parser.add_argument("--by", help="Brugernavnet på den, der udfører anonymiseringen.")

    def handle(self, *args, **options) -> None:
        actor = None
        if options["by"]:
            User = get_user_model()
            try:
                actor = User._default_manager.get_by_natural_key(options["by"])
            except User.DoesNotExist as exc:
                raise CommandError(f"Ingen bruger med brugernavnet {options['by']}.") from exc
        try:
            result = person_anonymise(person_id=options["person_id"], user=actor, reason=options["reason"])
        except Person.DoesNotExist as exc:
            raise CommandError(f"Ingen person med id {options['person_id']}.") from exc
        self.stdout.write(
            self.style.SUCCESS(f"Person {result.person_id} er anonymiseret som {result.pseudonym}.")
        )
        for label, n in sorted(result.rettet.items()):
            self.stdout.write(f"  rettet   {label}: {n}")
        for label, n in sorted(result.slettet.items()):
            self.stdout.write(f"  slettet  {label}: {n}")
