"""The national set: generated helhedsplaner across kommuner, regions and both funding rounds
that only Landsbyggefonden (and the superuser) sees, so LBF's overview, compliance findings
and national charts show real distributions.

Kept apart from the three written plans: LBF case numbers ``LBF-LAND-NNN``, no demo login is
a member of any body (their people have no user), and nothing here reads the written specs.
Each plan is drawn from ``series.rng("land", n)``, with its dates anchored on today's quarter
(like the written plans), so a given quarter always gives the same rows. The set is written
in bulk (with history rows); when it exists for this quarter it is left as it is, and when
today's quarter has moved on it is replaced. Monitoring values are not generated: the
command recomputes them from the measurements with the real engine, and audits the plans.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import models
from simple_history.utils import bulk_create_with_history

from bestyrelser import versions
from bestyrelser.models import Medlemskab, Moede, Organ, Person, Referatstatus
from demo.loader.db import upsert
from demo.loader.series import add_months, at, dec, plan_quarters, rng, weekday_on_or_after
from helhedsplaner.models import (
    Aftalestatus,
    Boligomraade,
    Boligorganisation,
    Budgetpost,
    Delaftale,
    Delmaal,
    Forvaltning,
    Helhedsplan,
    Kommune,
    Samarbejdsaftale,
    Statusrapport,
    StrategiskMaal,
    Succeskriterie,
)
from monitorering.models import ImportBatch, Maaling, Omraadestatus

if TYPE_CHECKING:
    from demo.loader.seeder import Seeder

COUNT = 48
CASE_PREFIX = "LBF-LAND-"

# Real kommuner (kode, navn, region) with social housing areas; the areas are invented.
KOMMUNER = [
    ("101", "Københavns Kommune", "hovedstaden"),
    ("147", "Frederiksberg Kommune", "hovedstaden"),
    ("151", "Ballerup Kommune", "hovedstaden"),
    ("153", "Brøndby Kommune", "hovedstaden"),
    ("159", "Gladsaxe Kommune", "hovedstaden"),
    ("167", "Hvidovre Kommune", "hovedstaden"),
    ("169", "Høje-Taastrup Kommune", "hovedstaden"),
    ("175", "Rødovre Kommune", "hovedstaden"),
    ("183", "Ishøj Kommune", "hovedstaden"),
    ("219", "Hillerød Kommune", "hovedstaden"),
    ("217", "Helsingør Kommune", "hovedstaden"),
    ("259", "Køge Kommune", "sjaelland"),
    ("265", "Roskilde Kommune", "sjaelland"),
    ("330", "Slagelse Kommune", "sjaelland"),
    ("370", "Næstved Kommune", "sjaelland"),
    ("376", "Guldborgsund Kommune", "sjaelland"),
    ("561", "Esbjerg Kommune", "syddanmark"),
    ("621", "Kolding Kommune", "syddanmark"),
    ("630", "Vejle Kommune", "syddanmark"),
    ("540", "Sønderborg Kommune", "syddanmark"),
    ("607", "Fredericia Kommune", "syddanmark"),
    ("751", "Aarhus Kommune", "midtjylland"),
    ("730", "Randers Kommune", "midtjylland"),
    ("740", "Silkeborg Kommune", "midtjylland"),
    ("657", "Herning Kommune", "midtjylland"),
    ("791", "Viborg Kommune", "midtjylland"),
    ("851", "Aalborg Kommune", "nordjylland"),
    ("813", "Frederikshavn Kommune", "nordjylland"),
    ("787", "Thisted Kommune", "nordjylland"),
    ("820", "Vesthimmerlands Kommune", "nordjylland"),
]
FORVALTNINGER = [
    ("Børn og Unge", "boern_unge"),
    ("Beskæftigelse og Integration", "beskaeftigelse"),
    ("Skole og Dagtilbud", "skole"),
]
AREA_FIRST = [
    "Nørre",
    "Søn",
    "Vester",
    "Øster",
    "Skov",
    "Engs",
    "Bakke",
    "Hede",
    "Sol",
    "Strand",
    "Mølle",
    "Kilde",
]
AREA_LAST = ["parken", "gården", "høj", "vænget", "haven", "bjerg", "lunden", "marken"]
FIRST_NAMES = [
    "Anne", "Bo", "Camilla", "Dennis", "Eva", "Frederik", "Gitte", "Hassan", "Ida", "Jakob",
    "Karina", "Leila", "Mikkel", "Nanna", "Omar", "Pernille", "Rikke", "Søren", "Tina", "Ulrik",
]  # fmt: skip
LAST_NAMES = [
    "Andersen", "Bak", "Christensen", "Dam", "Eriksen", "Holm", "Iversen", "Juhl", "Kruse",
    "Lauridsen", "Mortensen", "Nygaard", "Olsen", "Pedersen", "Quist", "Schmidt", "Toft", "Vinther",
]  # fmt: skip

# Per indsatsområde of each round: the register indicator that measures its goal, the goal,
# a baseline range and the change over four years (signed as the indicator's direction).
GOALS_2015 = {
    "tryghed-og-trivsel": ("fraflytning", "Færre flytter fra området", (12, 19), -4),
    "kriminalpraeventiv-indsats": ("anmeldelser-pr-1000", "Færre anmeldte forbrydelser", (60, 95), -14),
    "uddannelse-og-beskaeftigelse": ("uddannelse-15-17", "Flere unge i uddannelse", (70, 82), 9),
    "forebyggelse-og-foraeldreansvar": ("dagtilbud-1-5", "Flere børn i dagtilbud", (68, 80), 8),
}
GOALS_2019 = {
    "uddannelse-og-livschancer": ("uddannelse-15-17", "Flere unge gennemfører en uddannelse", (70, 82), 9),
    "beskaeftigelse": ("uden-arbejde-uddannelse-18-64", "Flere voksne i job", (34, 46), -6),
    "kriminalitetsforebyggelse": ("anmeldelser-pr-1000", "Færre anmeldte forbrydelser", (60, 95), -14),
    "sammenhaengskraft-og-medborgerskab": ("fraflytning", "Flere bliver boende i området", (12, 19), -4),
}
ROUND_2019 = "2019-26-midlerne"
ROUND_2015 = "2015-18-midlerne"


def bulk(model: type[models.Model], rows: list[Any]) -> list[Any]:
    if not rows:
        return []
    created = bulk_create_with_history(rows, model, batch_size=500)
    # No signals on this path: bump the dashboards' content versions here (bestyrelser.versions).
    versions.bump_rows(model, created)
    return created


class NationalSeeder:
    """Writes the national set (or leaves it, when it is this quarter's already)."""

    def __init__(self, seeder: Seeder) -> None:
        self.s = seeder
        self.today = seeder.today
        self.quarter = seeder.timeline.quarter

    def plan_start(self, n: int) -> datetime.date:
        """Every third plan from the 2015-18 round (started 3½-5½ years before this quarter),
        the rest from 2019-26 (started in the last four years, some this quarter)."""
        r = rng("land", n, "start")
        back = r.choice(range(42, 67, 3)) if n % 3 == 0 else r.choice(range(0, 46, 3))
        return add_months(self.quarter, -back)

    def run(self) -> list[int]:
        """The ids of the national plans (written now or earlier this quarter)."""
        existing = Helhedsplan.objects.filter(lbf_sagsnummer__startswith=CASE_PREFIX)
        first = existing.filter(lbf_sagsnummer=f"{CASE_PREFIX}001").first()
        if first is not None and first.startdato == self.plan_start(1) and existing.count() == COUNT:
            return list(existing.order_by("pk").values_list("pk", flat=True))
        for plan in existing:  # another quarter's set (or a partial one): replaced
            delete_plan(plan, with_area=True)
        self.kommuner = [
            upsert(Kommune, {"kommunekode": kode}, {"navn": navn, "region": region})
            for kode, navn, region in KOMMUNER
        ]
        self.forvaltninger = {
            (k.pk, omraade): upsert(Forvaltning, {"kommune": k, "navn": navn}, {"omraade": omraade})
            for k in self.kommuner
            for navn, omraade in FORVALTNINGER
        }
        return [self.plan(n) for n in range(1, COUNT + 1)]

    def plan(self, n: int) -> int:
        r = rng("land", n)
        kommune = self.kommuner[(n * 7) % len(self.kommuner)]
        # Distinct names for up to 96 plans: the second part shifts with each round of the first.
        navn = f"{AREA_FIRST[n % len(AREA_FIRST)]}{AREA_LAST[(n // len(AREA_FIRST) + n) % len(AREA_LAST)]}"
        start = self.plan_start(n)
        slut = add_months(start, 48) - datetime.timedelta(days=1)
        round_ = ROUND_2015 if n % 3 == 0 else ROUND_2019
        goals = GOALS_2015 if round_ == ROUND_2015 else GOALS_2019
        beboere = r.randrange(900, 5200, 10)
        omraade = upsert(Boligomraade, {"kommune": kommune, "navn": navn}, {"antal_beboere": beboere})
        org = upsert(Boligorganisation, {"navn": f"Boligselskabet {navn}"})
        plan = Helhedsplan.objects.create(
            navn=f"Helhedsplan {navn}, {kommune.navn.removesuffix(' Kommune')} {start.year}-{slut.year}",
            boligomraade=omraade,
            kommune=kommune,
            bevillingsperiode=self.s.perioder[round_],
            startdato=start,
            slutdato=slut,
            lbf_sagsnummer=f"{CASE_PREFIX}{n:03d}",
            status=Helhedsplan.Status.AFSLUTTET if slut < self.today else Helhedsplan.Status.I_GANG,
            rapporteringsfrekvens=Helhedsplan.Rapporteringsfrekvens.KVARTAL,
        )
        plan.boligorganisationer.set([org])
        # How well this plan does: the share of the expected progress it reaches.
        performance = r.choice([1.2, 1.05, 0.9, 0.7, 0.4, 0.1])
        self.budget(plan, n, r)
        areas = sorted(r.sample(sorted(goals), 3))
        approved = n % 11 != 5  # a few agreements still wait for LBF
        aftale = Samarbejdsaftale.objects.create(
            helhedsplan=plan,
            version=1,
            status=Aftalestatus.GODKENDT if approved else Aftalestatus.INDSENDT,
            problemkompleks=f"Boligområdet {navn} i {kommune.navn} har ca. {beboere} beboere. "
            "Mange står uden for arbejdsmarkedet, og flere unge end i resten af kommunen "
            "mangler en uddannelse.",
            gyldig_fra=start,
            gyldig_til=slut,
            indsendt_tidspunkt=at(start - datetime.timedelta(days=70), 11),
            godkendt_af=self.s.lbf_user if approved else None,
            godkendt_tidspunkt=at(start - datetime.timedelta(days=30), 14) if approved else None,
        )
        maal = bulk(
            StrategiskMaal,
            [
                StrategiskMaal(
                    samarbejdsaftale=aftale,
                    nummer=i,
                    titel=goals[kode][1],
                    problem="Se problemkomplekset.",
                    indsatsomraade=self.s.omraader[kode],
                )
                for i, kode in enumerate(areas, start=1)
            ],
        )
        kriterier = []
        for goal, kode in zip(maal, areas, strict=True):
            indikator, _titel, (lo, hi), change = goals[kode]
            baseline = dec(r.uniform(lo, hi))
            target = baseline + Decimal(change)
            kriterier.append(
                Succeskriterie(
                    strategisk_maal=goal,
                    beskrivelse=f"{self.s.indikatorer[indikator].navn}: fra {baseline} til {target}",
                    indikator=self.s.indikatorer[indikator],
                    baseline_vaerdi=baseline,
                    baseline_dato=start,
                    maal_vaerdi=target,
                    # One plan in thirteen left the target date out (a compliance finding).
                    maal_dato=None if n % 13 == 4 else slut,
                )
            )
        kriterier = bulk(Succeskriterie, kriterier)
        delaftaler = bulk(
            Delaftale,
            [
                Delaftale(
                    helhedsplan=plan,
                    indsatsomraade=self.s.omraader[kode],
                    formaal=f"At nå målet: {goals[kode][1].lower()}.",
                    version=1,
                    status=Aftalestatus.GODKENDT if approved else Aftalestatus.KLADDE,
                    gyldig_fra=start,
                    gyldig_til=slut,
                    senest_opdateret=min(add_months(start, 12), self.quarter),
                )
                for kode in areas
            ],
        )
        delmaal = bulk(
            Delmaal,
            [
                Delmaal(delaftale=d, nummer=1, titel=goals[kode][1], status=Delmaal.Status.PAA_SPORET)
                for d, kode in zip(delaftaler, areas, strict=True)
            ],
        )
        for dm, goal in zip(delmaal, maal, strict=True):
            dm.strategiske_maal.set([goal])
        self.board(plan, org, n, r)
        self.reports(plan, delaftaler, n, r)
        self.measurements(plan, kriterier, performance, beboere, r)
        self.area_status(omraade, beboere, r)
        return plan.pk

    def budget(self, plan: Helhedsplan, n: int, r) -> None:
        yearly = r.randrange(2_400_000, 5_200_000, 40_000)
        # One plan in nine has less than the required 25 % co-financing.
        lbf_share = Decimal("0.80") if n % 9 == 0 else Decimal("0.75")
        rows = []
        for aar in range(plan.startdato.year, plan.slutdato.year + 1):
            months = sum(1 for m in range(48) if add_months(plan.startdato, m).year == aar)
            total = Decimal(yearly * months // 12)
            lbf = (total * lbf_share).quantize(Decimal("0.01"))
            kommune = ((total - lbf) / 2).quantize(Decimal("0.01"))
            for kilde, beloeb in (
                (Budgetpost.Kilde.LBF, lbf),
                (Budgetpost.Kilde.KOMMUNE, kommune),
                (Budgetpost.Kilde.BOLIGORGANISATION, total - lbf - kommune),
            ):
                rows.append(Budgetpost(helhedsplan=plan, aar=aar, kilde=kilde, beloeb=beloeb))
        bulk(Budgetpost, rows)

    def board(self, plan: Helhedsplan, org: Boligorganisation, n: int, r) -> None:
        """A board of five to seven (no demo user among them) and its meetings so far; one
        board in seven has no formand and one in five meets too seldom (findings)."""
        organ = Organ.objects.create(
            helhedsplan=plan,
            navn=f"Boligsocial bestyrelse for {plan.boligomraade.navn}",
            type=Organ.Type.BESTYRELSE,
            moeder_pr_aar=4,
        )
        size = r.randint(5, 7)
        people = []
        for i in range(size):
            navn = f"{r.choice(FIRST_NAMES)} {r.choice(LAST_NAMES)}"
            people.append(
                Person(
                    navn=navn,
                    email=f"{navn.lower().replace(' ', '.')}.land{n:03d}-{i}@example.org",
                    stilling="Medlem af den boligsociale bestyrelse",
                )
            )
        people = bulk(Person, people)
        since = plan.startdato - datetime.timedelta(days=45)
        rows = []
        for i, person in enumerate(people):
            rolle = Medlemskab.Rolle.MEDLEM
            if i == 0 and n % 7 != 3:
                rolle = Medlemskab.Rolle.FORMAND
            values: dict[str, Any] = {"organ": organ, "person": person, "rolle": rolle, "fra": since}
            if i % 2 == 0:
                values.update(
                    repraesenterer=Medlemskab.Repraesenterer.BOLIGORGANISATION,
                    niveau=Medlemskab.Niveau.DIREKTOER,
                    boligorganisation=org,
                )
            else:
                omraade = FORVALTNINGER[(i // 2) % len(FORVALTNINGER)][1]
                values.update(
                    repraesenterer=Medlemskab.Repraesenterer.KOMMUNE,
                    niveau=Medlemskab.Niveau.CHEF,
                    forvaltning=self.forvaltninger[plan.kommune_id, omraade],
                )
            rows.append(Medlemskab(**values))
        bulk(Medlemskab, rows)
        per_year = 1 if n % 5 == 2 else r.choice([3, 4])
        meetings = []
        for year in range(4):
            for k in range(per_year):
                day = weekday_on_or_after(add_months(plan.startdato, 12 * year + 1 + k * 12 // per_year))
                if day >= self.today:
                    break
                meetings.append(
                    Moede(
                        organ=organ,
                        tidspunkt=at(day, 14),
                        status=Moede.Status.AFHOLDT,
                        referat="Referatet er godkendt.",
                        referat_status=Referatstatus.GODKENDT,
                        referat_udsendt_tidspunkt=at(day + datetime.timedelta(days=7), 10),
                        referat_godkendt_tidspunkt=at(day + datetime.timedelta(days=21), 10),
                    )
                )
        bulk(Moede, meetings)

    def reports(self, plan: Helhedsplan, delaftaler: list[Delaftale], n: int, r) -> None:
        """Every ended quarter's report, locked; the latest quarter's spread over the states,
        and some plans one or two quarters behind (overdue reports)."""
        ended = [(s, e) for s, e in plan_quarters(plan.startdato) if e < self.quarter]
        behind = r.choice([0, 0, 0, 1, 1, 2])
        states = [
            Statusrapport.Status.LAAST,
            Statusrapport.Status.GODKENDT,
            Statusrapport.Status.INDSENDT,
            Statusrapport.Status.KLADDE,
        ]
        rows = []
        for d_index, delaftale in enumerate(delaftaler):
            for q, (q_start, q_end) in enumerate(ended):
                from_end = len(ended) - 1 - q
                if from_end < behind and d_index == 0:
                    continue  # not written: overdue
                status = Statusrapport.Status.LAAST
                if from_end == 0:
                    status = states[(n + d_index) % len(states)]
                submitted = status != Statusrapport.Status.KLADDE
                approved = status in (Statusrapport.Status.GODKENDT, Statusrapport.Status.LAAST)
                late = r.random() < 0.15
                rows.append(
                    Statusrapport(
                        delaftale=delaftale,
                        periode_start=q_start,
                        periode_slut=q_end,
                        status=status,
                        fortaelling="Aktiviteterne er gennemført som planlagt i kvartalet.",
                        indsendt_tidspunkt=at(q_end + datetime.timedelta(days=45 if late else 20), 10)
                        if submitted
                        else None,
                        godkendt_tidspunkt=at(q_end + datetime.timedelta(days=60), 15) if approved else None,
                    )
                )
        bulk(Statusrapport, rows)

    def measurements(
        self, plan: Helhedsplan, kriterier: list[Succeskriterie], performance: float, beboere: int, r
    ) -> None:
        """Half-yearly register data for each criterion, for the periods ended by today."""
        rows = []
        for k in kriterier:
            base, goal = float(k.baseline_vaerdi), float(k.maal_vaerdi)
            rate = k.indikator.art == "rate"
            for i in range(8):
                start = add_months(plan.startdato, 6 * i)
                slut = add_months(plan.startdato, 6 * (i + 1)) - datetime.timedelta(days=1)
                if slut >= self.today:
                    break
                share = (i + 1) / 8 * performance
                value = base + (goal - base) * share + r.gauss(0, 0.08 * abs(goal - base))
                naevner = beboere if rate else max(round(beboere * r.uniform(0.05, 0.6)), 20)
                factor = 1000 if rate else 100
                taeller = min(max(round(value * naevner / factor), 0), naevner * (10 if rate else 1))
                rows.append(
                    Maaling(
                        indikator=k.indikator,
                        helhedsplan=plan,
                        periode_start=start,
                        periode_slut=slut,
                        taeller=Decimal(taeller),
                        naevner=Decimal(naevner),
                        andel=not rate,
                        vaerdi=dec(taeller / naevner * factor),
                        kilde=Maaling.Kilde.IMPORT,
                        import_batch=self.batch(),
                    )
                )
        bulk(Maaling, rows)

    def batch(self) -> ImportBatch:
        if not hasattr(self, "_batch"):
            self._batch = upsert(
                ImportBatch,
                {"filnavn": f"boligsociale-data-landsdaekkende-{self.quarter:%Y-%m}.xlsx"},
                {
                    "kilde": "Boligsociale Data, landsdækkende udtræk (demo)",
                    "importeret_af": self.s.lbf_user,
                    "oprettet": at(self.quarter - datetime.timedelta(days=21), 11),
                    "status": ImportBatch.Status.GENNEMFOERT,
                },
            )
        return self._batch

    def area_status(self, omraade: Boligomraade, beboere: int, r) -> None:
        published = (
            self.today.year if self.today >= datetime.date(self.today.year, 12, 1) else self.today.year - 1
        )
        a, b, c, d = r.uniform(28, 48), r.uniform(1.2, 3.4), r.uniform(40, 65), r.uniform(48, 62)
        rows = []
        for aar in range(published - 2, published + 1):
            step = aar - published
            a_, b_ = a + step * r.uniform(0, 1.5), b + step * r.uniform(0, 0.15)
            kategori = Omraadestatus.Kategori.INGEN
            if a_ > 40 and b_ > 2:
                kategori = Omraadestatus.Kategori.UDSAT
            elif a_ > 30:
                kategori = Omraadestatus.Kategori.FOREBYGGELSE
            rows.append(
                Omraadestatus(
                    boligomraade=omraade,
                    aar=aar,
                    kriteriesaet=self.s.kriteriesaet_for(aar),
                    antal_beboere=beboere,
                    a_uden_beskaeftigelse_pct=dec(a_),
                    b_doemte_faktor=dec(b_, 2),
                    c_kun_grundskole_pct=dec(c),
                    d_indkomst_pct=dec(d),
                    ikke_vestlig_pct=dec(r.uniform(20, 60)),
                    kategori=kategori,
                )
            )
        bulk(Omraadestatus, rows)


def delete_plan(plan: Helhedsplan, *, with_area: bool = False) -> None:
    """Remove one demo plan and what hangs on it (seeded in another quarter); with
    ``with_area`` its area too, when no other plan uses it."""
    omraade = plan.boligomraade
    plan.delete()
    if with_area and not omraade.helhedsplaner.exists():
        omraade.delete()
