"""``manage.py generate_scale --plans N --years Y --seed S``: deterministic benchmark data at
national scale × 10 (1,500 plans × 8 years: ~2.6 M measurements, ~1 M activity registrations),
and at the same scale the practice around them (``demo/scale_practice.py``): bodies with members,
quarterly meetings with agendas, attendance, minutes, decisions and action items; half-yearly
status reports in every state; agreement surveys with invitations and anonymous responses;
history rows for all of it. Ends with ANALYZE of the whole database and no pending outbox rows
(a load test must start from an empty queue).

PostgreSQL only (COPY); refuses to run on a database that already has plans unless
``--replace`` is given, which empties the monitoring and plan tables first. Never point it
at a database you care about.
"""

from __future__ import annotations

import datetime
import random
import time
from decimal import Decimal
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, models, transaction

from bestyrelser.models import Dagsordenspunkt, Handlingspunkt, Moede, Moededeltagelse, Organ, Person
from demo import scale_practice as practice
from enighed.models import Besvarelse, Enighedsmaaling, Svar
from helhedsplaner.models import (
    Aftalestatus,
    Aktivitet,
    Aktivitetsregistrering,
    Bevillingsperiode,
    Boligomraade,
    Delaftale,
    Delmaal,
    Delmaalstatus,
    Deltagertal,
    Helhedsplan,
    Indsatsomraade,
    Kommune,
    Maalgruppe,
    Region,
    Samarbejdsaftale,
    Statusrapport,
    StrategiskMaal,
    Succeskriterie,
)
from monitorering.dbcopy import insert_rows
from monitorering.engine.rules import add_months
from monitorering.models import (
    ImportBatch,
    Indikator,
    Job,
    Kriteriestatus,
    Maaling,
    Planberegning,
    Statusoversigt,
)
from portal.models import Cachenavnerum, Udbakke

AREAS = [
    ("tryghed-og-trivsel", "Tryghed og trivsel"),
    ("kriminalpraeventiv-indsats", "Kriminalpræventiv indsats"),
    ("uddannelse-og-beskaeftigelse", "Uddannelse og beskæftigelse"),
    ("forebyggelse-og-foraeldreansvar", "Forebyggelse og forældreansvar"),
]
# (count, art, aggregering, kilde, retning, months between measurements)
CATALOGUE = [
    (6, "antal", "kumulativ", "aktiviteter", "hoejere", None),
    (10, "antal", "sum_pr_periode", "registerdata", "hoejere", 1),
    (16, "procent", "seneste", "registerdata", "hoejere", 3),
    (4, "procent", "kumulativ", "survey", "hoejere", 3),
    (4, "rate", "seneste", "registerdata", "lavere", 3),
]
REGISTRATIONS_PER_ACTIVITY_YEAR = 15
BENCH_PREFIX = "skala-"


def copy_rows(model: type[models.Model], rows: list[dict[str, Any]]) -> None:
    insert_rows(model, rows)


def reserve_ids(model: type[models.Model], count: int) -> int:
    """Reserve ``count`` ids from the table's sequence; returns the first."""
    table = model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [table])
        sequence = cursor.fetchone()[0]
        cursor.execute("SELECT nextval(%s)", [sequence])
        first = cursor.fetchone()[0]
        cursor.execute("SELECT setval(%s, %s)", [sequence, first + count])
    return first


class Command(BaseCommand):
    help = "Genererer deterministiske benchmarkdata i PostgreSQL (kun til benchmark-databaser)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--plans", type=int, default=1500)
        parser.add_argument("--years", type=int, default=8)
        parser.add_argument("--seed", type=int, default=20151819)
        parser.add_argument(
            "--replace", action="store_true", help="tøm plan- og monitoreringstabellerne først"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if connection.vendor != "postgresql":
            raise CommandError("generate_scale kræver PostgreSQL (DATABASE_URL=postgres://…).")
        if Helhedsplan.objects.exists():
            if not options["replace"]:
                raise CommandError("Databasen har allerede planer; brug --replace på en benchmark-database.")
            self.empty()
        started = time.perf_counter()
        n, years, seed = options["plans"], options["years"], options["seed"]
        reference = self.reference()
        chunk = 100
        for first in range(0, n, chunk):
            with transaction.atomic():
                self.plans(range(first, min(first + chunk, n)), years, seed, reference)
            self.stdout.write(f"  {min(first + chunk, n)}/{n} planer ({time.perf_counter() - started:.0f} s)")
        for first in range(0, n, chunk):
            with transaction.atomic():
                practice.reports(range(first, min(first + chunk, n)), seed)
        self.stdout.write(f"  statusrapporter ({time.perf_counter() - started:.0f} s)")
        with transaction.atomic():
            history = practice.write_history()
        self.stdout.write(
            f"  historik: {sum(history.values()):,} rækker ({time.perf_counter() - started:.0f} s)"
        )
        # Nothing left for a worker to do: the load test starts from an empty queue.
        pending = Udbakke.objects.filter(sendt__isnull=True).delete()[0]
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # every table: the planner's estimates fit the new data
        counts = {
            "planer": Helhedsplan.objects.count(),
            "succeskriterier": Succeskriterie.objects.count(),
            "målinger": Maaling.objects.count(),
            "aktivitetsregistreringer": Aktivitetsregistrering.objects.count(),
            "møder": Moede.objects.count(),
            "dagsordenspunkter": Dagsordenspunkt.objects.count(),
            "mødedeltagelser": Moededeltagelse.objects.count(),
            "handlingspunkter": Handlingspunkt.objects.count(),
            "statusrapporter": Statusrapport.objects.count(),
            "besvarelser": Besvarelse.objects.count(),
            "svar": Svar.objects.count(),
            "historikrækker": sum(history.values()),
            "ventende i udbakken (slettet)": pending,
        }
        self.stdout.write(self.style.SUCCESS(f"Genereret på {time.perf_counter() - started:.0f} s: {counts}"))

    def empty(self) -> None:
        tables = [
            m._meta.db_table
            for m in (
                Kriteriestatus,
                Statusoversigt,
                Planberegning,
                Job,
                Maaling,
                ImportBatch,
                Deltagertal,
                Aktivitetsregistrering,
                Aktivitet,
                Delmaal,
                Delaftale,
                Succeskriterie,
                StrategiskMaal,
                Samarbejdsaftale,
                Helhedsplan,
                Boligomraade,
            )
        ]
        tables.append(Indikator.aktiviteter.through._meta.db_table)
        # A new cache namespace (portal.cache.namespace): cached pages of the old data are
        # never read again.
        tables.append(Cachenavnerum._meta.db_table)
        # The practice (cascades from the plans cover organs, meetings, surveys) and history.
        tables += [m._meta.db_table for m in (Statusrapport, Delmaalstatus, Organ, Enighedsmaaling)]
        tables += practice.history_tables()
        with connection.cursor() as cursor:
            cursor.execute(f"TRUNCATE {', '.join(tables)} CASCADE")  # noqa: S608
        Person.objects.filter(navn__startswith="Skalaperson ", medlemskaber__isnull=True).delete()

    def reference(self) -> dict:
        periode, _ = Bevillingsperiode.objects.get_or_create(
            navn="2019-26-midlerne (skala)", defaults={"start_aar": 2019, "slut_aar": 2026}
        )
        areas = [
            Indsatsomraade.objects.get_or_create(kode=kode, defaults={"navn": navn})[0]
            for kode, navn in AREAS
        ]
        kommuner = [
            Kommune.objects.get_or_create(
                kommunekode=f"{900 + i:03d}",
                defaults={"navn": f"Skalakommune {i + 1}", "region": list(Region)[i % 5]},
            )[0]
            for i in range(98)
        ]
        group = Maalgruppe.objects.get_or_create(navn="Alle deltagere (skala)")[0]
        indicators = []
        for count, art, agg, kilde, retning, months in CATALOGUE:
            for i in range(count):
                kode = f"{BENCH_PREFIX}{art}-{agg}-{kilde}-{i + 1}"
                ind, _ = Indikator.objects.get_or_create(
                    kode=kode,
                    defaults={
                        "navn": kode,
                        "enhed": "%" if art == "procent" else "antal",
                        "art": art,
                        "retning": retning,
                        "aggregering": agg,
                        "kilde": kilde,
                    },
                )
                indicators.append((ind, months))
        return {
            "periode": periode,
            "areas": areas,
            "kommuner": kommuner,
            "group": group,
            "indicators": indicators,
        }

    def plans(self, indexes: range, years: int, seed: int, ref: dict) -> None:
        rnd = {i: random.Random(f"{seed}:{i}") for i in indexes}  # noqa: S311
        starts = {i: datetime.date(2017 + (i % 4), 1 + 3 * (i % 4), 1) for i in indexes}
        areas = Boligomraade.objects.bulk_create(
            [
                Boligomraade(
                    navn=f"Skalaparken {i + 1}",
                    kommune=ref["kommuner"][i % 98],
                    antal_beboere=rnd[i].randint(1000, 6000),
                )
                for i in indexes
            ]
        )
        plans = Helhedsplan.objects.bulk_create(
            [
                Helhedsplan(
                    navn=f"Skalaplan {i + 1}",
                    boligomraade=area,
                    kommune=area.kommune,
                    bevillingsperiode=ref["periode"],
                    startdato=starts[i],
                    slutdato=add_months(starts[i], 12 * years) - datetime.timedelta(days=1),
                    status=Helhedsplan.Status.I_GANG,
                    lbf_sagsnummer=f"SKALA-{i + 1}",
                )
                for i, area in zip(indexes, areas, strict=True)
            ]
        )
        aftaler = Samarbejdsaftale.objects.bulk_create(
            [
                Samarbejdsaftale(
                    helhedsplan=p,
                    version=1,
                    status=Aftalestatus.GODKENDT,
                    gyldig_fra=p.startdato,
                    gyldig_til=p.slutdato,
                    godkendt_tidspunkt=datetime.datetime(2016, 12, 1, tzinfo=datetime.UTC),
                )
                for p in plans
            ]
        )
        goals = StrategiskMaal.objects.bulk_create(
            [
                StrategiskMaal(
                    samarbejdsaftale=a, nummer=n + 1, titel=area.navn, problem="-", indsatsomraade=area
                )
                for a in aftaler
                for n, area in enumerate(ref["areas"])
            ]
        )
        delaftaler = Delaftale.objects.bulk_create(
            [
                Delaftale(
                    helhedsplan=p,
                    indsatsomraade=ref["areas"][0],
                    formaal="-",
                    status=Aftalestatus.GODKENDT,
                    gyldig_fra=p.startdato,
                    gyldig_til=p.slutdato,
                )
                for p in plans
            ]
        )
        delmaal = Delmaal.objects.bulk_create(
            [Delmaal(delaftale=d, nummer=1, titel="Aktiviteter") for d in delaftaler]
        )
        activity_indicators = [ind for ind, months in ref["indicators"] if months is None]
        aktiviteter = Aktivitet.objects.bulk_create(
            [
                Aktivitet(delmaal=dm, navn=f"Aktivitet {k + 1}", startdato=p.startdato, status="i_gang")
                for p, dm in zip(plans, delmaal, strict=True)
                for k in range(len(activity_indicators))
            ]
        )
        through = Indikator.aktiviteter.through
        through.objects.bulk_create(
            [
                through(indikator_id=activity_indicators[k % len(activity_indicators)].pk, aktivitet_id=a.pk)
                for k, a in enumerate(aktiviteter)
            ]
        )
        criteria: list[Succeskriterie] = []
        maalinger: list[tuple] = []
        periods = 4 * years
        for p, i in zip(plans, indexes, strict=True):
            r = rnd[i]
            plan_goals = goals[(i - indexes.start) * 4 : (i - indexes.start) * 4 + 4]
            for k, (ind, months) in enumerate(ref["indicators"]):
                base = Decimal(r.randint(20, 70)) if ind.art != "antal" else Decimal(0)
                target = base + Decimal(r.randint(5, 20)) * (1 if ind.retning == "hoejere" else -1)
                if ind.art == "antal":
                    target = Decimal(r.randint(100, 2000))
                criteria.append(
                    Succeskriterie(
                        strategisk_maal=plan_goals[k % 4],
                        beskrivelse=f"Kriterie {k + 1}",
                        indikator=ind,
                        baseline_vaerdi=base,
                        maal_vaerdi=target,
                    )
                )
                if months is None:
                    continue
                for step in range(periods * 3 // months):
                    start = add_months(p.startdato, step * months)
                    slut = add_months(p.startdato, (step + 1) * months) - datetime.timedelta(days=1)
                    share = Decimal(step + 1) / Decimal(periods * 3 // months)
                    if ind.art == "antal":
                        value = Decimal(r.randint(0, int(target) // 20 + 1))
                        maalinger.append((ind, p, start, slut, value, None, None, False))
                        continue
                    naevner = Decimal(r.randint(200, 2000))
                    level = base + (target - base) * share * Decimal(r.uniform(0.6, 1.3))
                    level = min(max(level, Decimal(1)), Decimal(99))
                    factor = Decimal(1000) if ind.art == "rate" else Decimal(100)
                    taeller = (level * naevner / factor).quantize(Decimal(1))
                    vaerdi = (factor * taeller / naevner).quantize(Decimal("0.001"))
                    maalinger.append((ind, p, start, slut, vaerdi, taeller, naevner, ind.art == "procent"))
        Succeskriterie.objects.bulk_create(criteria, batch_size=5000)
        copy_rows(
            Maaling,
            [
                {
                    "indikator_id": ind.pk,
                    "helhedsplan_id": p.pk,
                    "boligomraade_id": None,
                    "periode_start": start,
                    "periode_slut": slut,
                    "taeller": taeller,
                    "naevner": naevner,
                    "andel": andel,
                    "vaerdi": vaerdi,
                    "kilde": "import",
                    "import_batch_id": None,
                    "statusrapport_id": None,
                    "kommentar": "",
                }
                for ind, p, start, slut, vaerdi, taeller, naevner, andel in maalinger
            ],
        )
        self.registrations(plans, aktiviteter, indexes, years, ref["group"], rnd)
        practice.generate(plans, indexes, delaftaler, delmaal, goals, rnd, seed)

    def registrations(self, plans, aktiviteter, indexes, years, group, rnd) -> None:
        per_plan = len(aktiviteter) // len(plans)
        total = len(aktiviteter) * years * REGISTRATIONS_PER_ACTIVITY_YEAR
        first_id = reserve_ids(Aktivitetsregistrering, total)
        regs, counts = [], []
        next_id = first_id
        for n, a in enumerate(aktiviteter):
            p = plans[n // per_plan]
            r = rnd[indexes.start + n // per_plan]
            days = (p.slutdato - p.startdato).days
            for _ in range(years * REGISTRATIONS_PER_ACTIVITY_YEAR):
                dato = p.startdato + datetime.timedelta(days=r.randrange(days))
                regs.append({"id": next_id, "aktivitet_id": a.pk, "dato": dato, "timer": "2.00", "note": ""})
                counts.append(
                    {"registrering_id": next_id, "maalgruppe_id": group.pk, "antal": r.randint(3, 25)}
                )
                next_id += 1
        copy_rows(Aktivitetsregistrering, regs)
        copy_rows(Deltagertal, counts)
