"""``manage.py seed_demo [--today YYYY-MM-DD] [--uden-landsdata]``: load fictional demo data.

Three written helhedsplaner whose dates follow ``--today`` (default: today): one in its
second year, one just starting, one finished (``demo/loader/timeline.py``); and a national
set of generated plans that only Landsbyggefonden sees (``demo/loader/national.py``).

Idempotent: a second run on the same day changes nothing, not even the history tables. The
data and the loader live in the package ``demo/loader/``; afterwards the plans are
recomputed (monitorering) and audited (tilsyn), so they show statuses and findings at once.
"""

from __future__ import annotations

import datetime
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from bestyrelser.models import Beslutning, Dagsordenspunkt, Handlingspunkt, Medlemskab, Moede, Organ, Person
from demo.loader import DEMO_PASSWORD, DEMO_USERS, DemoDataError, seed_demo
from helhedsplaner.models import (
    Aktivitet,
    Aktivitetsregistrering,
    Delaftale,
    Delmaal,
    Deltagertal,
    Helhedsplan,
    Samarbejdsaftale,
    Statusrapport,
    StrategiskMaal,
    Succeskriterie,
)
from monitorering.models import Maaling, Omraadestatus
from monitorering.services import plans_recompute
from tilsyn.services import plan_audit

SUMMARY_MODELS = [
    Helhedsplan,
    Samarbejdsaftale,
    StrategiskMaal,
    Succeskriterie,
    Delaftale,
    Delmaal,
    Aktivitet,
    Aktivitetsregistrering,
    Deltagertal,
    Statusrapport,
    Maaling,
    Omraadestatus,
    Person,
    Organ,
    Medlemskab,
    Moede,
    Dagsordenspunkt,
    Beslutning,
    Handlingspunkt,
]


def parse_day(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"Ugyldig dato: {value!r}. Skriv den som ÅÅÅÅ-MM-DD.") from None


class Command(BaseCommand):
    help = (
        "Indlæser fiktive demodata: tre helhedsplaner (i gang, i opstart, afsluttet) med aftaler, "
        "mål, aktiviteter, registreringer, målinger, organer, møder og demobrugere. "
        "Kan køres flere gange uden at skabe dubletter."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--today",
            type=parse_day,
            default=None,
            help="dagen, demoens datoer regnes ud fra (ÅÅÅÅ-MM-DD; standard: i dag)",
        )
        parser.add_argument(
            "--uden-landsdata",
            action="store_true",
            help="spring det genererede landsdækkende sæt af planer over (hurtigere; bruges af testene)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        today = options["today"] or timezone.localdate()
        try:
            with transaction.atomic():
                plans, national = seed_demo(today, national=not options["uden_landsdata"])
        except DemoDataError as exc:
            raise CommandError(str(exc)) from exc
        ids = [plan.pk for plan in plans] + national
        # Every plan shows computed statuses at once (in-process, no worker needed): the
        # real engine computes the national set's monitoring values from its measurements.
        plans_recompute(plan_ids=ids, today=today)
        # LBF's compliance findings and overview rows, from the data just loaded.
        for plan_id in ids:
            plan_audit(plan_id=plan_id, today=today)
        elapsed = time.monotonic() - started
        self.print_summary(plans, len(national), today, elapsed)

    def print_summary(
        self, plans: list[Helhedsplan], national: int, today: datetime.date, elapsed: float
    ) -> None:
        write = self.stdout.write
        write(self.style.SUCCESS(f"Demodata for {today:%d.%m.%Y} indlæst på {elapsed:.1f} s."))
        write(f"Helhedsplaner ({len(plans)}):")
        for plan in plans:
            write(f"  - {plan.navn} ({plan.kommune.navn}): {plan.get_status_display()}")
        if national:
            write(f"Landsdækkende sæt: {national} genererede planer, som kun Landsbyggefonden ser.")
        write("Antal rækker i databasen:")
        for model in SUMMARY_MODELS:
            label = str(model._meta.verbose_name_plural)
            write(f"  {label[:1].upper() + label[1:]:<32} {model.objects.count():>6}")
        write("")
        write("Demologins:")
        write(f"  {'Brugernavn':<28} {'Adgangskode':<12} Beskrivelse")
        for username, description in DEMO_USERS:
            write(f"  {username:<28} {DEMO_PASSWORD:<12} {description}")
        write(self.style.WARNING("Demo-adgangskoder: kun til demo, aldrig i produktion."))
