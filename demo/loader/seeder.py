"""The demo seed: reference rows, the shared users, then each plan and its whole chain.

Every date follows from the day the seed runs (``timeline.py``). Idempotent: every row is
found by a natural key and only saved when a value differs,
bulk child rows (registrations, measurements, attendance, delmål status) are only
created when missing for their parent, and every generated number comes from a
``random.Random`` seeded by a fixed seed plus the row's natural key (``series.rng``).
A second run therefore changes nothing, not even the history tables.
"""

from __future__ import annotations

import datetime
import importlib
from decimal import Decimal
from typing import Any

from django.apps import apps as django_apps
from django.conf import settings
from django.contrib.auth.models import Group
from django.db.models import ProtectedError
from simple_history.utils import bulk_create_with_history

from bestyrelser.models import Forvaltningsomraade, Medlemskab, Organ, Person
from demo.loader import reference as ref
from demo.loader.db import ensure_user, upsert
from demo.loader.meetings import MeetingSeeder
from demo.loader.monitoring import MonitoringSeeder
from demo.loader.national import NationalSeeder, delete_plan
from demo.loader.plans import PLANS
from demo.loader.series import DemoDataError, Reg, add_months, at, generate_registrations
from demo.loader.timeline import AFSLUTTET, I_GANG, OPSTART, Timeline
from helhedsplaner.models import (
    Afdeling,
    Aftalestatus,
    Aktivitet,
    Aktivitetsregistrering,
    Bevillingsperiode,
    Boligomraade,
    Boligorganisation,
    Budgetpost,
    Delaftale,
    Delmaal,
    Deltagertal,
    Forvaltning,
    Helhedsplan,
    Indsatsomraade,
    Kommune,
    Maalaendring,
    Maalgruppe,
    Milepael,
    Samarbejdsaftale,
    Samarbejdspartner,
    StrategiskMaal,
    Succeskriterie,
)
from monitorering.models import Indikator, Kriteriesaet

BESTYRELSE_KOMMISSORIUM = (
    "Bestyrelsen har det overordnede ansvar for helhedsplanens gennemførelse, herunder "
    "fremdrift og koordinering, og sikrer sammenhængen til kommunens strategier og "
    "kernedrift (jf. regulativets § 6, stk. 6, nr. 2). Bestyrelsen godkender delaftaler, "
    "budget og statusrapporter og mødes {moeder} gange om året. Formandskabet forbereder "
    "møderne sammen med projektlederen."
)
FOELGEGRUPPE_KOMMISSORIUM = (
    "Gruppen følger {hvad} i det daglige, sikrer koordinering mellem de faglige parter og "
    "accepterer sekretariatets statusrapporter, før de sendes til bestyrelsen."
)
FORUM_KOMMISSORIUM = (
    "Rådgivende forum uden beslutningskompetence. Forummet mødes to gange om året, hører "
    "om helhedsplanens fremdrift og giver input til bestyrelsen."
)


class Seeder:
    """Reference data, the shared users, then one PlanSeeder per plan."""

    def __init__(self, today: datetime.date) -> None:
        self.timeline = Timeline(today)
        self.today = today
        self.omraader: dict[str, Indsatsomraade] = {}
        self.maalgrupper: dict[str, Maalgruppe] = {}
        self.indikatorer: dict[str, Indikator] = {}
        self.kommuner: dict[str, Kommune] = {}
        self.kriteriesaet: list[Kriteriesaet] = []
        self.perioder: dict[str, Bevillingsperiode] = {}

    def run(self) -> list[Helhedsplan]:
        self.lbf_user = self.seed_users()
        self.seed_rounds()
        self.seed_catalogues()
        self.seed_kommuner()
        return [PlanSeeder(self, spec).run() for spec in PLANS]

    def run_national(self) -> list[int]:
        """The generated national set (after ``run``); the ids of its plans."""
        return NationalSeeder(self).run()

    def seed_users(self) -> Any:
        ensure_user(ref.ADMIN_USER, is_staff=True, is_superuser=True)
        lbf = ensure_user(ref.LBF_USER)
        group, _created = Group.objects.get_or_create(name=settings.LBF_GROUP_NAME)
        if not lbf.groups.filter(pk=group.pk).exists():
            lbf.groups.add(group)
        return lbf

    def seed_rounds(self) -> None:
        for kode, navn, beskrivelse in (
            ref.INDSATSOMRAADER_2015 + ref.INDSATSOMRAADER_2019 + ref.INDSATSOMRAADER_2011
        ):
            self.omraader[kode] = upsert(
                Indsatsomraade, {"kode": kode}, {"navn": navn, "beskrivelse": beskrivelse}
            )
        for spec in ref.BEVILLINGSPERIODER:
            values = {k: v for k, v in spec.items() if k not in {"navn", "omraader"}}
            periode = upsert(Bevillingsperiode, {"navn": spec["navn"]}, values)
            periode.indsatsomraader.set([self.omraader[k] for k in spec["omraader"]])
            self.perioder[spec["navn"]] = periode
        # The statutory criteria sets are data loaded by monitorering's migrations. A database
        # emptied since (a flushed test database) gets them from the same migration code.
        if not Kriteriesaet.objects.exists():
            migration = importlib.import_module("monitorering.migrations.0003_kriteriesaet_data")
            migration.load(django_apps, None)
        self.kriteriesaet = list(Kriteriesaet.objects.order_by("gyldig_fra"))

    def seed_catalogues(self) -> None:
        for sortering, navn in enumerate(ref.MAALGRUPPER, start=1):
            self.maalgrupper[navn] = upsert(Maalgruppe, {"navn": navn}, {"sortering": sortering})
        for spec in ref.INDIKATORER:
            values = {k: v for k, v in spec.items() if k not in {"kode", "frekvens_mdr", "andel_af"}}
            self.indikatorer[spec["kode"]] = upsert(Indikator, {"kode": spec["kode"]}, values)

    def seed_kommuner(self) -> None:
        for key, spec in ref.KOMMUNER.items():
            kommune = upsert(
                Kommune,
                {"kommunekode": spec["kommunekode"]},
                {"navn": spec["navn"], "region": spec["region"]},
            )
            for navn, omraade, *further in spec["forvaltninger"]:
                forvaltning = upsert(Forvaltning, {"kommune": kommune, "navn": navn}, {"omraade": omraade})
                areas = set(further[0]) if further else set()
                forvaltning.fagomraader.exclude(omraade__in=areas).delete()
                for area in sorted(areas):
                    upsert(Forvaltningsomraade, {"forvaltning": forvaltning, "omraade": area})
            self.kommuner[key] = kommune

    def kriteriesaet_for(self, aar: int) -> Kriteriesaet:
        """The rules in force when the list of ``aar`` was published (1 December)."""
        valid = [k for k in self.kriteriesaet if k.gyldig_fra <= datetime.date(aar, 12, 1)]
        return max(valid, key=lambda k: k.gyldig_fra)


class PlanSeeder:
    """One plan and everything below it."""

    def __init__(self, seeder: Seeder, spec: dict) -> None:
        self.s = seeder
        self.spec = spec
        self.fase: str = spec["fase"]
        self.today = seeder.today
        self.quarter = seeder.timeline.quarter
        self.start, self.slut = seeder.timeline.plan_period(self.fase)
        # Members joined before the plan started, and before today (so a plan that starts
        # next quarter is already visible to its board).
        self.member_since = min(
            self.start - datetime.timedelta(days=45), self.quarter - datetime.timedelta(days=30)
        )

    @property
    def started(self) -> bool:
        return self.fase != OPSTART

    def run(self) -> Helhedsplan:
        self.seed_plan()
        self.seed_budget()
        self.seed_people()
        self.seed_agreement()
        self.seed_new_version()
        self.seed_delaftaler()
        self.seed_organs()
        self.seed_activities()
        self.seed_registrations()
        MonitoringSeeder(self).run()
        for organ in self.organer.values():
            MeetingSeeder(self, organ).run()
        return self.plan

    # Plan, area, money ---------------------------------------------------------------

    def seed_plan(self) -> None:
        spec = self.spec
        kommune = self.s.kommuner[spec["kommune"]]
        self.omraade = upsert(
            Boligomraade,
            {"kommune": kommune, "navn": spec["omraade"]},
            {"antal_beboere": spec["antal_beboere"]},
        )
        orgs = {navn: upsert(Boligorganisation, {"navn": navn}) for navn in spec["boligorganisationer"]}
        afdelinger = [
            upsert(
                Afdeling,
                {"boligorganisation": orgs[org], "nummer": nummer},
                {"navn": navn, "antal_boliger": boliger, "boligomraade": self.omraade},
            )
            for org, nummer, navn, boliger in spec["afdelinger"]
        ]
        moved = Helhedsplan.objects.filter(lbf_sagsnummer=spec["lbf_sagsnummer"]).exclude(
            startdato=self.start
        )
        for plan in moved:  # seeded in an earlier quarter: the plan is written anew
            try:
                delete_plan(plan)
            except ProtectedError as exc:
                raise DemoDataError(
                    f"{plan.navn} blev indlæst i et tidligere kvartal og kan ikke flyttes ({exc.args[0]}). "
                    "Start med en ny database: rm db.sqlite3; make run"
                ) from exc
        self.plan = upsert(
            Helhedsplan,
            {"lbf_sagsnummer": spec["lbf_sagsnummer"]},
            {
                "navn": f"{spec['navn']} {self.start.year}-{self.slut.year}",
                "boligomraade": self.omraade,
                "kommune": kommune,
                "bevillingsperiode": Bevillingsperiode.objects.get(navn="2015-18-midlerne"),
                "startdato": self.start,
                "slutdato": self.slut,
                "status": PLAN_STATUS[self.fase],
                "rapporteringsfrekvens": Helhedsplan.Rapporteringsfrekvens.KVARTAL,
            },
        )
        self.plan.boligorganisationer.set(orgs.values())
        self.plan.afdelinger.set(afdelinger)
        self.orgs = orgs

    def seed_budget(self) -> None:
        yearly, yearly_fond = self.spec["budget"]
        for aar in range(self.start.year, self.slut.year + 1):
            # The year's share of the plan period, in whole months.
            months = sum(1 for m in range(48) if add_months(self.start, m).year == aar)
            total = yearly * months // 12 // 1000 * 1000
            fond = yearly_fond * months // 12 // 1000 * 1000 if 1 < aar - self.start.year < 4 else 0
            lbf, kommune = total * 3 // 4, total // 8
            lines = {
                Budgetpost.Kilde.LBF: (lbf, ""),
                Budgetpost.Kilde.KOMMUNE: (kommune, ""),
                Budgetpost.Kilde.BOLIGORGANISATION: (total - lbf - kommune, ""),
            }
            if fond:
                lines[Budgetpost.Kilde.FOND] = (fond, "Lokal fond: sommeraktiviteter")
            for kilde, (beloeb, note) in lines.items():
                upsert(
                    Budgetpost,
                    {"helhedsplan": self.plan, "aar": aar, "kilde": kilde},
                    {"beloeb": Decimal(beloeb).quantize(Decimal("0.01")), "note": note},
                )

    # People and users ----------------------------------------------------------------

    def seed_people(self) -> None:
        self.persons = {
            key: upsert(Person, {"email": email_for(navn, domain)}, {"navn": navn, "stilling": stilling})
            for key, navn, stilling, domain in self.spec["personer"]
        }
        self.users = {
            role: self.link_user(f"{role}.{self.spec['key']}", self.persons[key])
            for role, key in self.spec["brugere"].items()
        }
        # The board's formand: approves minutes and unlocks approved reports.
        self.users["formand"] = self.link_user(
            f"formand.{self.spec['key']}", self.persons[self.formand_key()]
        )

    def formand_key(self) -> str:
        board = next(o for o in self.spec["organer"] if o["type"] == Organ.Type.BESTYRELSE)
        return next(m[0] for m in board["medlemmer"] if m[1] == Medlemskab.Rolle.FORMAND)

    def link_user(self, username: str, person: Person) -> Any:
        first, _sep, last = person.navn.rpartition(" ")
        user = ensure_user(
            {"username": username, "first_name": first, "last_name": last, "email": person.email}
        )
        if person.user_id != user.pk:
            person.user = user
            person.save(update_fields=["user"])
        return user

    # Agreement, goals, criteria ------------------------------------------------------

    def seed_agreement(self) -> None:
        values: dict[str, Any] = {
            "status": Aftalestatus.GODKENDT,
            "problemkompleks": self.spec["problemkompleks"],
            "gyldig_fra": self.start,
            "gyldig_til": self.slut,
            "indsendt_tidspunkt": at(self.start - datetime.timedelta(days=75), 12),
            "godkendt_af": self.s.lbf_user,
            "godkendt_tidspunkt": at(self.start - datetime.timedelta(days=31), 14),
            "lbf_kommentar": "Godkendt. Aftalen lever op til kravene i regulativet for 2015-18-midlerne.",
        }
        if not self.started:
            # Sent to LBF ten days before this quarter began; LBF has not answered yet.
            values.update(
                status=Aftalestatus.INDSENDT,
                indsendt_tidspunkt=at(self.quarter - datetime.timedelta(days=10), 12),
                godkendt_af=None,
                godkendt_tidspunkt=None,
                lbf_kommentar="",
            )
        aftale = upsert(Samarbejdsaftale, {"helhedsplan": self.plan, "version": 1}, values)
        self.maal: dict[int, StrategiskMaal] = {}
        for spec in self.spec["strategiske_maal"]:
            maal = upsert(
                StrategiskMaal,
                {"samarbejdsaftale": aftale, "nummer": spec["nummer"]},
                {
                    "titel": spec["titel"],
                    "problem": spec["problem"],
                    "maalgruppe": spec["maalgruppe"],
                    "kommunalt_maal": spec["kommunalt_maal"],
                    "indsatsomraade": self.s.omraader[ref.AREA[spec["omraade"]]],
                },
            )
            self.maal[spec["nummer"]] = maal
            for beskrivelse, kode, baseline, target, _forloeb in spec["succeskriterier"]:
                upsert(
                    Succeskriterie,
                    {"strategisk_maal": maal, "beskrivelse": beskrivelse},
                    {
                        "indikator": self.s.indikatorer[kode],
                        "baseline_vaerdi": Decimal(baseline),
                        "baseline_dato": self.start,
                        "maal_vaerdi": Decimal(target),
                        "maal_dato": self.slut,
                    },
                )

    def seed_new_version(self) -> None:
        """A second, LBF-approved agreement version where the spec has one (``ny_version``):
        a copy of version 1 (criteria linked by ``forgaenger``, as tilsyn's draft does) with
        the listed targets changed and their reasons recorded. Delmål follow its goals, as
        they do when LBF approves a version."""
        self.maal_i_kraft = dict(self.maal)
        spec = self.spec.get("ny_version")
        if not spec:
            return
        projektleder = self.users.get("projektleder")
        gyldig_fra, indsendt, godkendt = (
            self.after_start(*spec[k]) for k in ("gyldig_fra", "indsendt", "godkendt")
        )
        aftale = upsert(
            Samarbejdsaftale,
            {"helhedsplan": self.plan, "version": 2},
            {
                "status": Aftalestatus.GODKENDT,
                "problemkompleks": self.spec["problemkompleks"],
                "gyldig_fra": gyldig_fra,
                "gyldig_til": self.slut,
                "indsendt_tidspunkt": at(indsendt, 11),
                "godkendt_af": self.s.lbf_user,
                "godkendt_tidspunkt": at(godkendt, 14),
                "lbf_kommentar": spec["lbf_kommentar"],
            },
        )
        changes = {(n, old): (new, target, reason) for n, old, new, target, reason in spec["aendringer"]}
        for nummer, old_goal in self.maal.items():
            goal = upsert(
                StrategiskMaal,
                {"samarbejdsaftale": aftale, "nummer": nummer},
                {
                    "titel": old_goal.titel,
                    "problem": old_goal.problem,
                    "maalgruppe": old_goal.maalgruppe,
                    "kommunalt_maal": old_goal.kommunalt_maal,
                    "indsatsomraade": old_goal.indsatsomraade,
                },
            )
            self.maal_i_kraft[nummer] = goal
            for old in old_goal.succeskriterier.order_by("id"):
                beskrivelse, target, reason = changes.get(
                    (nummer, old.beskrivelse), (old.beskrivelse, None, "")
                )
                new = upsert(
                    Succeskriterie,
                    {"strategisk_maal": goal, "forgaenger": old},
                    {
                        "beskrivelse": beskrivelse,
                        "indikator": old.indikator,
                        "baseline_vaerdi": old.baseline_vaerdi,
                        "baseline_dato": old.baseline_dato,
                        "maal_vaerdi": Decimal(target) if target else old.maal_vaerdi,
                        "maal_dato": old.maal_dato,
                        "tolerance_pct": old.tolerance_pct,
                    },
                )
                if target:
                    upsert(
                        Maalaendring,
                        {"succeskriterie": new, "felt": Maalaendring.Felt.MAAL_VAERDI},
                        {
                            "gammel": f"{old.maal_vaerdi.normalize():f}".replace(".", ","),
                            "ny": f"{Decimal(target).normalize():f}".replace(".", ","),
                            "begrundelse": reason,
                            "oprettet_af": projektleder,
                            "oprettet": at(indsendt - datetime.timedelta(days=6), 10),
                        },
                    )

    def after_start(self, months: int, days: int) -> datetime.date:
        return add_months(self.start, months) + datetime.timedelta(days=days)

    def seed_delaftaler(self) -> None:
        self.delaftaler: dict[str, Delaftale] = {}
        self.delmaal: dict[tuple[str, int], Delmaal] = {}
        for spec in self.spec["delaftaler"]:
            delaftale = upsert(
                Delaftale,
                {
                    "helhedsplan": self.plan,
                    "indsatsomraade": self.s.omraader[ref.AREA[spec["omraade"]]],
                },
                {
                    "formaal": spec["formaal"],
                    "version": 1,
                    "status": Aftalestatus.GODKENDT if self.started else Aftalestatus.KLADDE,
                    "gyldig_fra": self.start,
                    "gyldig_til": self.slut,
                    "senest_opdateret": min(
                        add_months(self.start, 13), self.quarter - datetime.timedelta(days=10)
                    ),
                },
            )
            self.delaftaler[spec["omraade"]] = delaftale
            for nummer, dm in enumerate(spec["delmaal"], start=1):
                self.delmaal[spec["omraade"], nummer] = self.seed_delmaal(delaftale, nummer, dm)

    def seed_delmaal(self, delaftale: Delaftale, nummer: int, spec: dict) -> Delmaal:
        delmaal = upsert(
            Delmaal,
            {"delaftale": delaftale, "nummer": nummer},
            {"titel": spec["titel"], "status": self.delmaal_state(spec["status"])},
        )
        delmaal.strategiske_maal.set([self.maal_i_kraft[n] for n in spec["maal"]])
        for months, beskrivelse, naaet in spec["milepaele"]:
            dato = add_months(self.start, months)
            upsert(
                Milepael,
                {"delmaal": delmaal, "beskrivelse": beskrivelse},
                {"dato": dato, "naaet": naaet and dato < self.today},
            )
        return delmaal

    def delmaal_state(self, final: str) -> str:
        """The spec gives a delmål's state at the plan's end; a running plan is on its way."""
        if self.fase == AFSLUTTET:
            return final
        if self.fase == OPSTART:
            return Delmaal.Status.IKKE_STARTET
        return Delmaal.Status.PAA_SPORET if final == Delmaal.Status.OPNAAET else final

    # Bodies and members --------------------------------------------------------------

    def seed_organs(self) -> None:
        self.organer: dict[str, Organ] = {}
        bestyrelse = None
        for spec in self.spec["organer"]:
            organ = upsert(
                Organ,
                {"helhedsplan": self.plan, "navn": spec["navn"]},
                {
                    "type": spec["type"],
                    "rapporterer_til": bestyrelse if spec.get("rapporterer_til") else None,
                    "kommissorium": self.kommissorium(spec),
                    "moeder_pr_aar": spec["moeder_pr_aar"],
                },
            )
            bestyrelse = bestyrelse or organ
            daekker = spec.get("daekker", [])
            aliases = list(self.delaftaler) if daekker == "alle" else daekker
            organ.daekker.set([self.delaftaler[alias] for alias in aliases])
            for member in spec["medlemmer"]:
                self.seed_membership(organ, *member)
            self.organer[spec["navn"]] = organ
        self.bestyrelse = bestyrelse

    def kommissorium(self, spec: dict) -> str:
        if spec["type"] == Organ.Type.BESTYRELSE:
            return BESTYRELSE_KOMMISSORIUM.format(moeder=spec["moeder_pr_aar"])
        if spec.get("hvad"):
            return FOELGEGRUPPE_KOMMISSORIUM.format(hvad=spec["hvad"])
        return FORUM_KOMMISSORIUM

    def seed_membership(
        self, organ: Organ, person_key: str, rolle: str, repraesenterer: str, niveau: str, org: str
    ) -> None:
        kommune = self.plan.kommune
        values = {
            "rolle": rolle,
            "repraesenterer": repraesenterer,
            "niveau": niveau,
            "forvaltning": None,
            "boligorganisation": None,
            "organisation": "",
            "fra": self.member_since,
            "til": None,
        }
        if repraesenterer == Medlemskab.Repraesenterer.KOMMUNE:
            values["forvaltning"] = Forvaltning.objects.get(kommune=kommune, navn=org)
        elif repraesenterer == Medlemskab.Repraesenterer.BOLIGORGANISATION:
            values["boligorganisation"] = self.orgs[org]
        else:
            values["organisation"] = org
        upsert(Medlemskab, {"person": self.persons[person_key], "organ": organ}, values)

    # Activities and registrations ----------------------------------------------------

    def seed_activities(self) -> None:
        self.aktiviteter: dict[str, Aktivitet] = {}
        self.regs: dict[str, list[Reg]] = {}
        for spec in self.spec["aktiviteter"]:
            first = add_months(self.start, spec["start"])
            last = min(add_months(self.start, spec["slut"]) - datetime.timedelta(days=1), self.slut)
            # Registered up to yesterday: a running plan's current quarter is under way.
            registered_until = min(last, self.today - datetime.timedelta(days=1))
            aktivitet = upsert(
                Aktivitet,
                {
                    "delmaal": self.delmaal[spec["delmaal"]],
                    "navn": spec["navn"],
                },
                {
                    "beskrivelse": spec["beskrivelse"],
                    "ansvarlig": self.persons[spec["ansvarlig"]],
                    "startdato": first,
                    "slutdato": last,
                    "status": self.activity_state(spec["status"], first, last),
                },
            )
            aktivitet.maalgrupper.set([self.s.maalgrupper[g] for g in spec["maalgrupper"]])
            # Each plan keeps its own catalogue of partners.
            aktivitet.samarbejdspartnere.set(
                [
                    upsert(
                        Samarbejdspartner,
                        {"helhedsplan": self.plan, "navn": p},
                        {"type": ref.SAMARBEJDSPARTNERE[p]},
                    )
                    for p in spec["partnere"]
                ]
            )
            if spec.get("indikator"):
                # The engine counts this activity's participants towards the indicator.
                self.s.indikatorer[spec["indikator"]].aktiviteter.add(aktivitet)
            self.aktiviteter[spec["navn"]] = aktivitet
            self.regs[spec["navn"]] = generate_registrations(
                self.spec["key"], self.start, spec, first, registered_until
            )

    def activity_state(self, final: str, first: datetime.date, last: datetime.date) -> str:
        if final == Aktivitet.Status.AFLYST and self.started:
            return final
        if last < self.today:
            return Aktivitet.Status.AFSLUTTET
        return Aktivitet.Status.I_GANG if first <= self.today else Aktivitet.Status.PLANLAGT

    def seed_registrations(self) -> None:
        # Keyed by activity and day: a later run in the same quarter adds the days since.
        done = set(
            Aktivitetsregistrering.objects.filter(aktivitet__in=self.aktiviteter.values()).values_list(
                "aktivitet_id", "dato"
            )
        )
        todo = [
            (navn, reg)
            for navn, regs in self.regs.items()
            for reg in regs
            if (self.aktiviteter[navn].pk, reg.dato) not in done
        ]
        if not todo:
            return
        user = self.users["projektleder"]
        created = bulk_create_with_history(
            [
                Aktivitetsregistrering(
                    aktivitet=self.aktiviteter[navn],
                    dato=reg.dato,
                    timer=reg.timer,
                    note=reg.note,
                    registreret_af=user,
                )
                for navn, reg in todo
            ],
            Aktivitetsregistrering,
            default_user=user,
        )
        counts = [
            Deltagertal(registrering=row, maalgruppe=self.s.maalgrupper[group], antal=antal)
            for row, (_navn, reg) in zip(created, todo, strict=True)
            for group, antal in reg.deltagere
        ]
        bulk_create_with_history(counts, Deltagertal, default_user=user)


PLAN_STATUS = {
    I_GANG: Helhedsplan.Status.I_GANG,
    OPSTART: Helhedsplan.Status.SENDT,
    AFSLUTTET: Helhedsplan.Status.AFSLUTTET,
}


def email_for(navn: str, domain: str) -> str:
    """A demo person's address: always under example.org (reserved for examples, RFC 2606),
    so nothing the portal sends to a demo person can reach anyone; the fictional
    organisation's domain stays in the local part."""
    local = navn.lower().translate(str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", " ": "."}))
    organisation = domain.removesuffix(".example").replace(".", "-")
    return f"{local}.{organisation}@example.org"
