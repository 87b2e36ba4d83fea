"""The monitoring side of one demo plan: quarterly status reports with delmål status,
indicator measurements (with their import batch) and the yearly area status."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.utils import dateformat, translation
from simple_history.utils import bulk_create_with_history

from demo.loader import reference as ref
from demo.loader.db import upsert
from demo.loader.series import (
    DemoDataError,
    Obs,
    activity_series,
    add_months,
    at,
    in_lockdown,
    plan_quarters,
    register_series,
    report_series,
)
from demo.loader.timeline import AFSLUTTET, I_GANG
from helhedsplaner.models import Delmaal, Delmaalstatus, Statusrapport
from monitorering.models import ImportBatch, Indikator, Maaling, Omraadestatus

if TYPE_CHECKING:
    from demo.loader.seeder import PlanSeeder

MAALING_KILDE = {
    Indikator.Kilde.AKTIVITETER: Maaling.Kilde.AKTIVITETER,
    Indikator.Kilde.STATUSRAPPORTER: Maaling.Kilde.STATUSRAPPORT,
    Indikator.Kilde.REGISTERDATA: Maaling.Kilde.IMPORT,
    Indikator.Kilde.SURVEY: Maaling.Kilde.SURVEY,
}


def danish_month(when: datetime.date) -> str:
    """For example "januar 2026": the demo's texts are Danish data, whatever the language of the run."""
    with translation.override("da"):
        return dateformat.format(when, "F Y")


STATUS_AFSLUTNING = {
    "tryghed-og-trivsel": "Samarbejdet med afdelingsbestyrelserne om fællesaktiviteterne "
    "fungerer godt, og flere nye beboere er blevet frivillige.",
    "kriminalpraeventiv-indsats": "Gadeplansarbejdet koordineres løbende med SSP og politiet, "
    "og der er ikke registreret større uroligheder i perioden.",
    "uddannelse-og-beskaeftigelse": "Samarbejdet med jobcentret og uddannelsesvejledningen er "
    "velfungerende, og flere unge er henvist til vejledning i boligområdet.",
    "forebyggelse-og-foraeldreansvar": "Sundhedsplejen og familieafdelingen henviser fortsat "
    "familier til forældrekurserne, og ventelisten er kort.",
}


REPORT_ORDER = [
    Statusrapport.Status.KLADDE,
    Statusrapport.Status.INDSENDT,
    Statusrapport.Status.ACCEPTERET,
    Statusrapport.Status.GODKENDT,
    Statusrapport.Status.LAAST,
]
RETURKOMMENTAR = (
    "Fortællingen nævner ikke, hvorfor lommepengejobbet har færre deltagere end sidste "
    "kvartal. Uddyb venligst, og tilføj tallene fra sommerferieaktiviteterne."
)


# The last quarter's reports of the running plan, one per delaftale in order: a draft the
# board returned, one awaiting the group, one awaiting the board, one approved.
LAST_QUARTER_STATES = [
    Statusrapport.Status.KLADDE,
    Statusrapport.Status.INDSENDT,
    Statusrapport.Status.ACCEPTERET,
    Statusrapport.Status.GODKENDT,
]


def report_state(fase: str, q: int, last: int, index: int, covered: bool, last_due: bool) -> str:
    """The workflow state of quarter ``q``'s report of the ``index``-th delaftale, where
    ``last`` is the plan's last ended quarter and ``last_due`` tells whether its deadline
    has passed.

    A finished plan: everything locked, the final quarter approved. A running plan: the
    last quarter's reports spread over the states (``LAST_QUARTER_STATES``), the older ones
    locked. Exactly one report is overdue: the last quarter's draft once its deadline has
    passed, before that the first delaftale's draft of the quarter before."""
    if fase == AFSLUTTET:
        return Statusrapport.Status.GODKENDT if q == last else Statusrapport.Status.LAAST
    if q == last:
        state = LAST_QUARTER_STATES[index % len(LAST_QUARTER_STATES)]
        if state == Statusrapport.Status.ACCEPTERET and not covered:
            return Statusrapport.Status.INDSENDT
        return state
    if q == last - 1 and index == 0 and not last_due:
        return Statusrapport.Status.KLADDE
    return Statusrapport.Status.LAAST


class MonitoringSeeder:
    """Status reports, measurements and area status of one plan, from its generated series."""

    def __init__(self, plan: PlanSeeder) -> None:
        self.p = plan

    def run(self) -> None:
        self.build_series()
        self.seed_status_reports()
        self.seed_measurements()
        # Reports are written as drafts first and moved to their final state last, as
        # the workflow does: a locked report's delmål statuses and values cannot change.
        self.set_report_states()
        self.seed_area_status()

    def build_series(self) -> None:
        """Generate every indicator series of the plan once, keyed by indicator code."""
        self.series: dict[str, list[Obs]] = {}
        indicators = {ind["kode"]: ind for ind in ref.INDIKATORER}
        for maal in self.p.spec["strategiske_maal"]:
            for criterion in maal["succeskriterier"]:
                kode = criterion[1]
                if kode in self.series:
                    continue
                ind = indicators[kode]
                if ind["kilde"] == Indikator.Kilde.AKTIVITETER:
                    series = activity_series(self.p.spec, self.p.start, kode, ind["aggregering"], self.p.regs)
                elif ind["kilde"] == Indikator.Kilde.STATUSRAPPORTER:
                    series = report_series(self.p.spec, self.p.start, criterion)
                else:
                    series = register_series(self.p.spec, self.p.start, ind, criterion)
                # Only what has been measured by today: periods that have ended.
                self.series[kode] = [o for o in series if o.slut < self.p.today]

    def seed_status_reports(self) -> None:
        self.reports: dict[tuple[str, datetime.date], Statusrapport] = {}
        self.final_status: dict[int, str] = {}
        covered = {d.pk for organ in self.p.organer.values() for d in organ.daekker.all()}
        ended = [(s, e) for s, e in plan_quarters(self.p.start) if e < self.p.today]
        if not ended:
            self.seed_delmaal_status()
            return
        last = len(ended) - 1
        last_due = self.p.today > ended[-1][1] + datetime.timedelta(days=self.p.plan.rapportfrist_dage)
        for index, (alias, delaftale) in enumerate(self.p.delaftaler.items()):
            for q, (q_start, q_end) in enumerate(ended):
                status = report_state(self.p.fase, q, last, index, delaftale.pk in covered, last_due)
                values = self.report_values(alias, status, q_start, q_end, delaftale.pk in covered)
                returned = self.p.fase == I_GANG and q == last and status == Statusrapport.Status.KLADDE
                values["returkommentar"] = RETURKOMMENTAR if returned else ""
                report = upsert(Statusrapport, {"delaftale": delaftale, "periode_start": q_start}, values)
                self.reports[alias, q_start] = report
                self.final_status[report.pk] = status
        self.seed_delmaal_status()

    def set_report_states(self) -> None:
        for report in self.reports.values():
            final = self.final_status[report.pk]
            if report.status != final:
                report.status = final
                report.save(update_fields=["status"])

    def report_values(
        self, alias: str, status: str, q_start: datetime.date, q_end: datetime.date, covered: bool
    ) -> dict[str, Any]:
        reached = REPORT_ORDER.index(status)
        submitted = reached >= REPORT_ORDER.index(Statusrapport.Status.INDSENDT)
        accepted = covered and reached >= REPORT_ORDER.index(Statusrapport.Status.ACCEPTERET)
        approved = reached >= REPORT_ORDER.index(Statusrapport.Status.GODKENDT)
        return {
            "periode_slut": q_end,
            "fortaelling": self.narrative(alias, q_start, q_end),
            "indsendt_af": self.p.users["projektleder"] if submitted else None,
            "indsendt_tidspunkt": at(q_end + datetime.timedelta(days=14), 10) if submitted else None,
            "accepteret_af": self.p.users.get("foelgegruppe") if accepted else None,
            "accepteret_tidspunkt": at(q_end + datetime.timedelta(days=24), 12) if accepted else None,
            "godkendt_af": self.p.users["bestyrelse"] if approved else None,
            "godkendt_tidspunkt": at(q_end + datetime.timedelta(days=38), 16) if approved else None,
        }

    def narrative(self, alias: str, q_start: datetime.date, q_end: datetime.date) -> str:
        per_activity = {
            spec["navn"]: [r for r in self.p.regs[spec["navn"]] if q_start <= r.dato <= q_end]
            for spec in self.p.spec["aktiviteter"]
            if spec["delmaal"][0] == alias
        }
        gange = sum(len(regs) for regs in per_activity.values())
        deltagere = {navn: sum(r.antal for r in regs) for navn, regs in per_activity.items()}
        if not gange:
            text = "Der er ikke registreret aktiviteter under delaftalen i perioden."
        else:
            top = max(deltagere, key=lambda navn: deltagere[navn])
            text = (
                f"I perioden {q_start:%d.%m.%Y}-{q_end:%d.%m.%Y} er der registreret {gange} "
                f"aktivitetsgange med i alt {sum(deltagere.values())} deltagere under "
                f"delaftalen. Flest deltagere havde {top.lower()} ({deltagere[top]})."
            )
        if in_lockdown(q_start) or in_lockdown(q_end):
            text += (
                " Flere aktiviteter var lukket ned eller blev afholdt i mindre grupper på grund af covid-19."
            )
        familier = self.series.get("familier-foraeldrekursus")
        if alias == "ff" and familier:
            value = next(o.vaerdi for o in familier if o.start == q_start)
            text += f" I alt {value} familier har nu gennemført et forældrekursus."
        return f"{text} {STATUS_AFSLUTNING[ref.AREA[alias]]}"

    def seed_delmaal_status(self) -> None:
        existing = set(
            Delmaalstatus.objects.filter(statusrapport__delaftale__helhedsplan=self.p.plan).values_list(
                "statusrapport_id", "delmaal_id"
            )
        )
        rows = []
        for (alias, q_start), report in self.reports.items():
            q = plan_quarters(self.p.start).index((q_start, report.periode_slut))
            for (dm_alias, _nr), delmaal in self.p.delmaal.items():
                if dm_alias != alias or (report.pk, delmaal.pk) in existing:
                    continue
                status, forklaring = delmaal_status(delmaal, q, q_start, report.periode_slut)
                rows.append(
                    Delmaalstatus(statusrapport=report, delmaal=delmaal, status=status, forklaring=forklaring)
                )
        bulk_create_with_history(rows, Delmaalstatus, default_user=self.p.users["projektleder"])

    def seed_measurements(self) -> None:
        if not any(self.series.values()):
            return  # nothing measured yet (a plan that has not started)
        batch = self.import_batch()
        existing = set(
            Maaling.objects.filter(helhedsplan=self.p.plan).values_list(
                "indikator__kode", "periode_start", "periode_slut"
            )
        )
        rows = [
            self.measurement(kode, obs, batch)
            for kode, series in self.series.items()
            for obs in series
            if (kode, obs.start, obs.slut) not in existing
        ]
        bulk_create_with_history(rows, Maaling)

    def measurement(self, kode: str, obs: Obs, batch: ImportBatch) -> Maaling:
        indikator = self.p.s.indikatorer[kode]
        kilde = MAALING_KILDE[indikator.kilde]
        report = None
        if kilde == Maaling.Kilde.STATUSRAPPORT:
            alias = next(
                a for a, d in self.p.delaftaler.items() if d.indsatsomraade_id == self.goal_area(kode)
            )
            report = self.reports[alias, obs.start]
        return Maaling(
            indikator=indikator,
            helhedsplan=self.p.plan,
            periode_start=obs.start,
            periode_slut=obs.slut,
            taeller=obs.taeller,
            naevner=obs.naevner,
            andel=indikator.art == Indikator.Art.PROCENT,
            vaerdi=obs.vaerdi,
            kilde=kilde,
            import_batch=batch if kilde == Maaling.Kilde.IMPORT else None,
            statusrapport=report,
        )

    def goal_area(self, kode: str) -> int:
        for spec in self.p.spec["strategiske_maal"]:
            if any(c[1] == kode for c in spec["succeskriterier"]):
                return self.p.maal[spec["nummer"]].indsatsomraade_id
        raise DemoDataError(f"{self.p.spec['key']}: no goal uses {kode}")

    def import_batch(self) -> ImportBatch:
        # The latest Boligsociale Data extract: a month after a finished plan ended, three
        # weeks before this quarter began for a running plan.
        if self.p.fase == AFSLUTTET:
            when = add_months(self.p.slut + datetime.timedelta(days=1), 1)
        else:
            when = self.p.quarter - datetime.timedelta(days=21)
        rows = sum(
            len(series)
            for kode, series in self.series.items()
            if self.p.s.indikatorer[kode].kilde == Indikator.Kilde.REGISTERDATA
        )
        return upsert(
            ImportBatch,
            {"filnavn": f"boligsociale-data-{self.p.spec['key']}-{when:%Y-%m}.xlsx"},
            {
                "kilde": f"Boligsociale Data, udtræk {danish_month(when)} ({self.p.spec['omraade']})",
                "importeret_af": self.p.users["projektleder"],
                "oprettet": at(when, 11, 30),
                "status": ImportBatch.Status.GENNEMFOERT,
                "antal_raekker": rows,
            },
        )

    def seed_area_status(self) -> None:
        """The spec's yearly area figures (oldest first), as the last lists published by
        today (1 December each year), ending no later than the plan's fourth year."""
        rows = self.p.spec["omraadestatus"]
        published = (
            self.p.today.year
            if self.p.today >= datetime.date(self.p.today.year, 12, 1)
            else self.p.today.year - 1
        )
        newest = min(published, self.p.start.year + len(rows) - 1)
        for offset, (_aar, a, b, c, d, nv, kategori) in enumerate(rows):
            aar = newest - len(rows) + 1 + offset
            upsert(
                Omraadestatus,
                {"boligomraade": self.p.omraade, "aar": aar},
                {
                    "kriteriesaet": self.p.s.kriteriesaet_for(aar),
                    "antal_beboere": round(self.p.spec["antal_beboere"] * (1 + offset * 0.006)),
                    "a_uden_beskaeftigelse_pct": Decimal(a),
                    "b_doemte_faktor": Decimal(b),
                    "c_kun_grundskole_pct": Decimal(c),
                    "d_indkomst_pct": Decimal(d),
                    "ikke_vestlig_pct": Decimal(nv),
                    "kategori": kategori,
                },
            )


def delmaal_status(delmaal: Delmaal, q: int, start: datetime.date, slut: datetime.date) -> tuple[str, str]:
    if in_lockdown(start) or in_lockdown(slut):
        return Delmaalstatus.Status.FORSINKET, (
            "Aktiviteterne var lukket ned eller kørte i mindre grupper pga. "
            "covid-19-restriktionerne. Indsatsen genoptages fuldt, når restriktionerne ophæves."
        )
    if delmaal.status == Delmaal.Status.FORSINKET and q >= 2:
        return Delmaalstatus.Status.FORSINKET, (
            "Færre deltagere end forventet. Sekretariatet og forvaltningen justerer "
            "rekrutteringen og henvisningen fra kommunen."
        )
    return Delmaalstatus.Status.PAA_SPORET, ""
