"""``manage.py load_users --plans N --out FILE``: the logins of the load test (bench/load.py).

For the first N plans (by id) that run today (a projektleder registers today's session; an
ended plan refuses it), then older ones if too few run, of a benchmark database made by
``generate_scale``, gives each
plan a bestyrelse (if it has none) with one board member ``load-board-<i>`` and one
projektleder ``load-pl-<i>``, plus one Landsbyggefonden user ``load-lbf``, all with the same
known password, and writes the accounts (with each plan's first activity) as JSON for the
locustfile. Idempotent: run it again and it reuses the rows (the password is set anew).

``--cleanup`` removes what the load test wrote (activity sessions whose note starts with
``NOTE_PREFIX``, with their history) and recomputes those plans' monitoring snapshots, so the
benchmark data is as ``generate_scale`` left it apart from the load users.

Refuses to run unless every plan in the database was made by ``generate_scale`` (LBF case
number ``SKALA-…``): these logins have a published password and must never exist anywhere
else.
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from bestyrelser.models import Medlemskab, Organ, Person
from helhedsplaner.models import Aktivitet, Aktivitetsregistrering, Deltagertal, Helhedsplan
from monitorering.services import plan_recompute

PASSWORD = "belastning-2026"  # noqa: S105 - bench databases only (see the refusal below)
NOTE_PREFIX = "belastningstest"
SCALE_CASE_PREFIX = "SKALA-"
LBF_USERNAME = "load-lbf"


def check_bench_database() -> int:
    """The number of plans, or CommandError unless this is a generate_scale database."""
    plans = Helhedsplan.objects.count()
    if plans == 0:
        raise CommandError("Databasen har ingen planer: kør først manage.py generate_scale.")
    foreign = Helhedsplan.objects.exclude(lbf_sagsnummer__startswith=SCALE_CASE_PREFIX).count()
    if foreign:
        raise CommandError(
            f"Databasen ligner ikke en benchmark-database: {foreign} planer er ikke lavet af "
            "generate_scale. load_users opretter logins med et kendt kodeord og kører kun der."
        )
    return plans


class Command(BaseCommand):
    help = "Opretter (idempotent) loginbrugere til belastningstesten i en benchmark-database."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--plans", type=int, default=50, help="antal planer med egne brugere")
        parser.add_argument("--out", type=Path, help="skriv brugerne som JSON hertil")
        parser.add_argument("--cleanup", action="store_true", help="fjern det, belastningstesten skrev")

    def handle(self, *args: Any, **options: Any) -> None:
        total = check_bench_database()
        if options["cleanup"]:
            self.cleanup()
            return
        accounts = self.create(options["plans"])
        accounts["plans_in_database"] = total
        if options["out"]:
            options["out"].parent.mkdir(parents=True, exist_ok=True)
            options["out"].write_text(json.dumps(accounts, indent=1) + "\n")
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(accounts['board'])} bestyrelsesmedlemmer, {len(accounts['projektledere'])} "
                f"projektledere og 1 LBF-bruger klar (kodeord {PASSWORD!r}); {total} planer i databasen."
            )
        )

    @transaction.atomic
    def create(self, n: int) -> dict[str, Any]:
        User = get_user_model()
        encoded = make_password(PASSWORD)  # one hash for all: a password hash is deliberately slow
        lbf, _ = User.objects.update_or_create(username=LBF_USERNAME, defaults={"password": encoded})
        lbf.groups.add(Group.objects.get_or_create(name=settings.LBF_GROUP_NAME)[0])
        today = timezone.localdate()
        running = Helhedsplan.objects.filter(startdato__lte=today, slutdato__gte=today)
        plans = list(running.order_by("pk")[:n])
        others = Helhedsplan.objects.exclude(pk__in=running.values("pk")).order_by("pk")
        plans += list(others[: n - len(plans)])
        first_activity = {
            a.delmaal.delaftale.helhedsplan_id: a.pk
            for a in Aktivitet.objects.filter(delmaal__delaftale__helhedsplan__in=plans)
            .select_related("delmaal__delaftale")
            .order_by("-pk")
        }
        board: list[dict[str, Any]] = []
        projektledere: list[dict[str, Any]] = []
        since = datetime.date(2000, 1, 1)
        for i, plan in enumerate(plans, start=1):
            organ = Organ.objects.filter(helhedsplan=plan, type=Organ.Type.BESTYRELSE).first()
            if organ is None:
                organ = Organ.objects.create(
                    helhedsplan=plan, type=Organ.Type.BESTYRELSE, navn=f"Bestyrelsen for {plan.navn}"
                )
            for username, rolle, niveau, into in (
                (f"load-board-{i}", Medlemskab.Rolle.MEDLEM, Medlemskab.Niveau.CHEF, board),
                (f"load-pl-{i}", Medlemskab.Rolle.PROJEKTLEDER, Medlemskab.Niveau.LEDER, projektledere),
            ):
                user, _ = User.objects.update_or_create(username=username, defaults={"password": encoded})
                person, _ = Person.objects.get_or_create(
                    user=user, defaults={"navn": f"Belastning {username}"}
                )
                Medlemskab.objects.get_or_create(
                    person=person,
                    organ=organ,
                    rolle=rolle,
                    defaults={
                        "repraesenterer": Medlemskab.Repraesenterer.ANDET,
                        "niveau": niveau,
                        "fra": since,
                    },
                )
                into.append({"username": username, "plan": plan.pk, "aktivitet": first_activity.get(plan.pk)})
        return {
            "password": PASSWORD,
            "note_prefix": NOTE_PREFIX,
            "lbf": {"username": LBF_USERNAME},
            "board": board,
            "projektledere": projektledere,
            "plan_ids": [p.pk for p in plans],
            "all_plan_ids": list(Helhedsplan.objects.order_by("pk").values_list("pk", flat=True)),
        }

    def cleanup(self) -> None:
        rows = Aktivitetsregistrering.objects.filter(note__startswith=NOTE_PREFIX)
        plan_ids = sorted(set(rows.values_list("aktivitet__delmaal__delaftale__helhedsplan_id", flat=True)))
        ids = list(rows.values_list("pk", flat=True))
        with transaction.atomic():
            deleted, _ = rows.delete()
            history = Aktivitetsregistrering.history.model.objects.filter(id__in=ids).delete()[0]
            tal_history = Deltagertal.history.model.objects.filter(registrering_id__in=ids).delete()[0]
        for plan_id in plan_ids:
            plan_recompute(plan_id=plan_id)
        self.stdout.write(
            self.style.SUCCESS(
                f"Fjernet {len(ids)} registreringer ({deleted} rækker, "
                f"{history + tal_history} historikrækker); {len(plan_ids)} planer genberegnet."
            )
        )
