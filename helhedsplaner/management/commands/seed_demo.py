"""``manage.py seed_demo``: load fictional demo data for three 2015-18 helhedsplaner.

Idempotent: every row is found by a natural key and only saved when a value differs,
bulk child rows (registrations, measurements, attendance, delmål status) are only
created when missing for their parent, and every generated number comes from a
``random.Random`` seeded by a fixed seed plus the row's natural key. A second run
therefore changes nothing, not even the history tables. The data lives in
``helhedsplaner/demo_data.py``.
"""

from __future__ import annotations

import datetime
import random
import time
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import models, transaction
from simple_history.utils import bulk_create_with_history

from bestyrelser.models import (
    Beslutning,
    Dagsordenspunkt,
    Handlingspunkt,
    Medlemskab,
    Moede,
    Moededeltagelse,
    Organ,
    Person,
)
from helhedsplaner import demo_data as data
from helhedsplaner.demo_data import DEMO_PASSWORD, DEMO_USERS
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
    Delmaalstatus,
    Deltagertal,
    Forvaltning,
    Helhedsplan,
    Indsatsomraade,
    Kommune,
    Maalgruppe,
    Milepael,
    Samarbejdsaftale,
    Samarbejdspartner,
    Statusrapport,
    StrategiskMaal,
    Succeskriterie,
)
from monitorering.models import ImportBatch, Indikator, Kriteriesaet, Maaling, Omraadestatus

__all__ = ["DEMO_PASSWORD", "DEMO_USERS", "Command"]

SEED = 20151819
QUARTERS = 8  # two years of quarterly data from each plan's start
CPH = ZoneInfo(settings.TIME_ZONE)
LOCKDOWN = (datetime.date(2020, 3, 11), datetime.date(2020, 6, 30))
COVID_NOTE = "Afholdt i mindre grupper eller udendørs pga. covid-19-restriktioner."
MAALING_KILDE = {
    Indikator.Kilde.AKTIVITETER: Maaling.Kilde.AKTIVITETER,
    Indikator.Kilde.STATUSRAPPORTER: Maaling.Kilde.STATUSRAPPORT,
    Indikator.Kilde.REGISTERDATA: Maaling.Kilde.IMPORT,
    Indikator.Kilde.SURVEY: Maaling.Kilde.SURVEY,
}
MEETING_MONTHS = {2: [3, 9], 3: [2, 6, 10], 4: [1, 4, 7, 10]}
MEETING_HOUR = {
    Organ.Type.BESTYRELSE: (14, 0),
    Organ.Type.POLITISK_FORUM: (17, 0),
    Organ.Type.BEBOERFORUM: (17, 0),
}
DANISH_MONTHS = [
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
]

# --- Small helpers ----------------------------------------------------------------------


def rng(*parts: object) -> random.Random:
    """A generator seeded by the fixed seed and a natural key, so a value never depends
    on what an earlier run did or skipped."""
    return random.Random(":".join([str(SEED), *map(str, parts)]))  # noqa: S311


def add_months(day: datetime.date, months: int) -> datetime.date:
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return datetime.date(year, month, min(day.day, 28))


def month_period(start: datetime.date, index: int, length: int) -> tuple[datetime.date, ...]:
    first = add_months(start, index * length)
    return first, add_months(start, (index + 1) * length) - datetime.timedelta(days=1)


def at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=CPH)


def weekday_on_or_after(day: datetime.date, allowed: tuple[int, ...] = (1, 2, 3)) -> datetime.date:
    while day.weekday() not in allowed:
        day += datetime.timedelta(days=1)
    return day


def dec(value: float | str | int, places: int = 1) -> Decimal:
    return round(Decimal(str(value)), places)


def in_lockdown(day: datetime.date) -> bool:
    return LOCKDOWN[0] <= day <= LOCKDOWN[1]


M = TypeVar("M", bound=models.Model)


def upsert(model: type[M], lookup: dict[str, Any], values: dict[str, Any] | None = None) -> M:
    """``update_or_create`` that saves only when a value differs, so re-running the
    seed writes no new history rows."""
    values = values or {}
    obj = model._default_manager.filter(**lookup).first()
    if obj is None:
        return model._default_manager.create(**lookup, **values)
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if changed:
        for name in changed:
            setattr(obj, name, values[name])
        obj.save(update_fields=changed)
    return obj


# --- Generated data (pure) --------------------------------------------------------------


@dataclass(frozen=True)
class Reg:
    """One generated occurrence of an activity."""

    dato: datetime.date
    timer: Decimal
    note: str
    deltagere: tuple[tuple[str, int], ...]

    @property
    def antal(self) -> int:
        return sum(n for _group, n in self.deltagere)


def plan_quarters(start: datetime.date) -> list[tuple[datetime.date, ...]]:
    return [month_period(start, q, 3) for q in range(QUARTERS)]


def generate_registrations(
    plan_key: str, plan_start: datetime.date, spec: dict, first: datetime.date, last: datetime.date
) -> list[Reg]:
    if spec["status"] == Aktivitet.Status.AFLYST or not spec["deltagere"]:
        return []
    r = rng(plan_key, "registreringer", spec["navn"])
    regs: list[Reg] = []
    for q, (q_start, q_end) in enumerate(plan_quarters(plan_start)):
        days = _activity_days(max(q_start, first), min(q_end, last), spec.get("kun_maaneder"))
        if not days:
            continue
        picked = sorted(r.sample(days, min(spec.get("n") or r.randint(2, 4), len(days))))
        growth = 1 + spec.get("vaekst", 0.25) * q / (QUARTERS - 1)
        for day in picked:
            factor = growth * (0.35 if in_lockdown(day) else 1)
            counts = tuple(
                (group, round(r.randint(lo, hi) * factor)) for group, (lo, hi) in spec["deltagere"].items()
            )
            lo_h, hi_h = spec["timer"]
            timer = dec(r.randint(int(lo_h * 2), int(hi_h * 2)) / 2, 2)
            note = COVID_NOTE if in_lockdown(day) else ""
            regs.append(Reg(day, timer, note, tuple((g, n) for g, n in counts if n > 0)))
    return regs


def _activity_days(
    first: datetime.date, last: datetime.date, months: list[int] | None
) -> list[datetime.date]:
    days = []
    day = first
    while day <= last:
        if day.weekday() < 5 and (not months or day.month in months):
            days.append(day)
        day += datetime.timedelta(days=1)
    return days


@dataclass(frozen=True)
class Obs:
    """One generated measurement."""

    start: datetime.date
    slut: datetime.date
    vaerdi: Decimal
    taeller: Decimal | None = None
    naevner: Decimal | None = None


def register_series(plan: dict, ind: dict, criterion: tuple) -> list[Obs]:
    """Register data and surveys: from the baseline towards the target, with noise."""
    _beskr, kode, baseline, target, forloeb = criterion
    base, goal = float(baseline), float(target)
    months = ind["frekvens_mdr"]
    r = rng(plan["key"], "maaling", kode)
    series = []
    for i in range(QUARTERS * 3 // months):
        start, slut = month_period(plan["start"], i, months)
        share = (i + 1) * months / 48 * data.FORLOEB[forloeb]
        value = base + (goal - base) * share + r.gauss(0, 0.06 * abs(goal - base))
        series.append(_observation(plan, ind, start, slut, max(value, 0.0), r))
    return series


def _observation(
    plan: dict, ind: dict, start: datetime.date, slut: datetime.date, value: float, r: random.Random
) -> Obs:
    if ind["art"] == Indikator.Art.RATE:
        naevner = round(plan["antal_beboere"] * r.uniform(0.98, 1.02))
        taeller = round(value * naevner / 1000)
        return Obs(start, slut, dec(taeller / naevner * 1000), Decimal(taeller), Decimal(naevner))
    if ind["andel_af"] is None:
        naevner = sum(afd[3] for afd in plan["afdelinger"])
    else:
        naevner = round(plan["antal_beboere"] * ind["andel_af"] * r.uniform(0.97, 1.03))
    taeller = min(max(round(naevner * value / 100), 0), naevner)
    return Obs(start, slut, dec(taeller / naevner * 100), Decimal(taeller), Decimal(naevner))


def activity_series(plan: dict, kode: str, aggregering: str, regs: dict[str, list[Reg]]) -> list[Obs]:
    """Counts from the generated registrations of the activities tagged with ``kode``."""
    tagged = [a["navn"] for a in plan["aktiviteter"] if a.get("indikator") == kode]
    if not tagged:
        raise CommandError(f"{plan['key']}: no activity feeds the indicator {kode}")
    series, running = [], 0
    for q_start, q_end in plan_quarters(plan["start"]):
        total = sum(reg.antal for navn in tagged for reg in regs[navn] if q_start <= reg.dato <= q_end)
        running += total
        value = running if aggregering == Indikator.Aggregering.KUMULATIV else total
        series.append(Obs(q_start, q_end, Decimal(value)))
    return series


def report_series(plan: dict, criterion: tuple) -> list[Obs]:
    """Cumulative counts reported in the quarterly status reports."""
    _beskr, kode, _baseline, target, forloeb = criterion
    r = rng(plan["key"], "maaling", kode)
    series, previous = [], 0
    for q, (q_start, q_end) in enumerate(plan_quarters(plan["start"])):
        expected = float(target) * (q + 1) * 3 / 48 * data.FORLOEB[forloeb]
        value = max(previous, round(expected + r.gauss(0, 2)))
        if in_lockdown(q_start):
            value = previous
        series.append(Obs(q_start, q_end, Decimal(value)))
        previous = value
    return series


# --- The seeder -------------------------------------------------------------------------


class Seeder:
    """Reference data, the shared users, then one PlanSeeder per plan."""

    def __init__(self) -> None:
        self.omraader: dict[str, Indsatsomraade] = {}
        self.maalgrupper: dict[str, Maalgruppe] = {}
        self.indikatorer: dict[str, Indikator] = {}
        self.partnere: dict[str, Samarbejdspartner] = {}
        self.kommuner: dict[str, Kommune] = {}
        self.kriteriesaet: list[Kriteriesaet] = []

    def run(self) -> list[Helhedsplan]:
        self.lbf_user = self.seed_users()
        self.seed_rounds()
        self.seed_catalogues()
        self.seed_kommuner()
        return [PlanSeeder(self, spec).run() for spec in data.PLANS]

    def seed_users(self) -> Any:
        ensure_user(data.ADMIN_USER, is_staff=True, is_superuser=True)
        lbf = ensure_user(data.LBF_USER)
        group, _created = Group.objects.get_or_create(name=settings.LBF_GROUP_NAME)
        if not lbf.groups.filter(pk=group.pk).exists():
            lbf.groups.add(group)
        return lbf

    def seed_rounds(self) -> None:
        for kode, navn, beskrivelse in data.INDSATSOMRAADER_2015 + data.INDSATSOMRAADER_2011:
            self.omraader[kode] = upsert(
                Indsatsomraade, {"kode": kode}, {"navn": navn, "beskrivelse": beskrivelse}
            )
        for spec in data.BEVILLINGSPERIODER:
            values = {k: v for k, v in spec.items() if k not in {"navn", "omraader"}}
            periode = upsert(Bevillingsperiode, {"navn": spec["navn"]}, values)
            periode.indsatsomraader.set([self.omraader[k] for k in spec["omraader"]])
        for spec in data.KRITERIESAET:
            values = {k: v for k, v in spec.items() if k != "gyldig_fra"}
            self.kriteriesaet.append(upsert(Kriteriesaet, {"gyldig_fra": spec["gyldig_fra"]}, values))

    def seed_catalogues(self) -> None:
        for sortering, navn in enumerate(data.MAALGRUPPER, start=1):
            self.maalgrupper[navn] = upsert(Maalgruppe, {"navn": navn}, {"sortering": sortering})
        for spec in data.INDIKATORER:
            values = {k: v for k, v in spec.items() if k not in {"kode", "frekvens_mdr", "andel_af"}}
            self.indikatorer[spec["kode"]] = upsert(Indikator, {"kode": spec["kode"]}, values)
        for navn, type_ in data.SAMARBEJDSPARTNERE.items():
            self.partnere[navn] = upsert(Samarbejdspartner, {"navn": navn}, {"type": type_})

    def seed_kommuner(self) -> None:
        for key, spec in data.KOMMUNER.items():
            kommune = upsert(
                Kommune,
                {"kommunekode": spec["kommunekode"]},
                {"navn": spec["navn"], "region": spec["region"]},
            )
            for navn, omraade in spec["forvaltninger"]:
                upsert(Forvaltning, {"kommune": kommune, "navn": navn}, {"omraade": omraade})
            self.kommuner[key] = kommune

    def kriteriesaet_for(self, aar: int) -> Kriteriesaet:
        """The rules in force when the list of ``aar`` was published (1 December)."""
        valid = [k for k in self.kriteriesaet if k.gyldig_fra <= datetime.date(aar, 12, 1)]
        return max(valid, key=lambda k: k.gyldig_fra)


def ensure_user(spec: dict, **flags: bool) -> Any:
    user_model = get_user_model()
    values = {k: v for k, v in spec.items() if k != "username"}
    values.update({"is_staff": False, "is_superuser": False, "is_active": True, **flags})
    user = upsert(user_model, {"username": spec["username"]}, values)
    if not user.check_password(DEMO_PASSWORD):
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    return user


class PlanSeeder:
    """One plan and everything below it."""

    def __init__(self, seeder: Seeder, spec: dict) -> None:
        self.s = seeder
        self.spec = spec
        self.start: datetime.date = spec["start"]
        self.slut: datetime.date = spec["slut"]
        self.window_end = add_months(self.start, QUARTERS * 3) - datetime.timedelta(days=1)

    def run(self) -> Helhedsplan:
        self.seed_plan()
        self.seed_budget()
        self.seed_people()
        self.seed_agreement()
        self.seed_delaftaler()
        self.seed_organs()
        self.seed_activities()
        self.seed_registrations()
        self.build_series()
        self.seed_status_reports()
        self.seed_measurements()
        self.seed_area_status()
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
        self.plan = upsert(
            Helhedsplan,
            {"lbf_sagsnummer": spec["lbf_sagsnummer"]},
            {
                "navn": spec["navn"],
                "boligomraade": self.omraade,
                "kommune": kommune,
                "bevillingsperiode": Bevillingsperiode.objects.get(navn="2015-18-midlerne"),
                "startdato": self.start,
                "slutdato": self.slut,
                "status": Helhedsplan.Status.AFSLUTTET,
                "rapporteringsfrekvens": Helhedsplan.Rapporteringsfrekvens.KVARTAL,
            },
        )
        self.plan.boligorganisationer.set(orgs.values())
        self.plan.afdelinger.set(afdelinger)
        self.orgs = orgs

    def seed_budget(self) -> None:
        for aar, (total, fond) in self.spec["budget"].items():
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
        aftale = upsert(
            Samarbejdsaftale,
            {"helhedsplan": self.plan, "version": 1},
            {
                "status": Aftalestatus.GODKENDT,
                "problemkompleks": self.spec["problemkompleks"],
                "gyldig_fra": self.start,
                "gyldig_til": self.slut,
                "indsendt_tidspunkt": at(self.start - datetime.timedelta(days=75), 12),
                "godkendt_af": self.s.lbf_user,
                "godkendt_tidspunkt": at(self.start - datetime.timedelta(days=31), 14),
                "lbf_kommentar": "Godkendt. Aftalen lever op til kravene i regulativet for 2015-18-midlerne.",
            },
        )
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
                    "indsatsomraade": self.s.omraader[data.AREA[spec["omraade"]]],
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

    def seed_delaftaler(self) -> None:
        self.delaftaler: dict[str, Delaftale] = {}
        self.delmaal: dict[tuple[str, int], Delmaal] = {}
        for spec in self.spec["delaftaler"]:
            delaftale = upsert(
                Delaftale,
                {
                    "helhedsplan": self.plan,
                    "indsatsomraade": self.s.omraader[data.AREA[spec["omraade"]]],
                },
                {
                    "formaal": spec["formaal"],
                    "version": 1,
                    "status": Aftalestatus.GODKENDT,
                    "gyldig_fra": self.start,
                    "gyldig_til": self.slut,
                    "senest_opdateret": add_months(self.start, 13),
                },
            )
            self.delaftaler[spec["omraade"]] = delaftale
            for nummer, dm in enumerate(spec["delmaal"], start=1):
                self.delmaal[spec["omraade"], nummer] = self.seed_delmaal(delaftale, nummer, dm)

    def seed_delmaal(self, delaftale: Delaftale, nummer: int, spec: dict) -> Delmaal:
        delmaal = upsert(
            Delmaal,
            {"delaftale": delaftale, "nummer": nummer},
            {"titel": spec["titel"], "status": spec["status"]},
        )
        delmaal.strategiske_maal.set([self.maal[n] for n in spec["maal"]])
        for months, beskrivelse, naaet in spec["milepaele"]:
            upsert(
                Milepael,
                {"delmaal": delmaal, "beskrivelse": beskrivelse},
                {"dato": add_months(self.start, months), "naaet": naaet},
            )
        return delmaal

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
            return data.BESTYRELSE_KOMMISSORIUM.format(moeder=spec["moeder_pr_aar"])
        if spec.get("hvad"):
            return data.FOELGEGRUPPE_KOMMISSORIUM.format(hvad=spec["hvad"])
        return data.FORUM_KOMMISSORIUM

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
            "fra": self.start - datetime.timedelta(days=45),
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
                    "status": spec["status"],
                },
            )
            aktivitet.maalgrupper.set([self.s.maalgrupper[g] for g in spec["maalgrupper"]])
            aktivitet.samarbejdspartnere.set([self.s.partnere[p] for p in spec["partnere"]])
            self.aktiviteter[spec["navn"]] = aktivitet
            self.regs[spec["navn"]] = generate_registrations(self.spec["key"], self.start, spec, first, last)

    def seed_registrations(self) -> None:
        done = set(
            Aktivitetsregistrering.objects.filter(aktivitet__in=self.aktiviteter.values()).values_list(
                "aktivitet_id", flat=True
            )
        )
        todo = [
            (navn, reg)
            for navn, regs in self.regs.items()
            if self.aktiviteter[navn].pk not in done
            for reg in regs
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

    # Measurements and status reports -------------------------------------------------

    def build_series(self) -> None:
        """Generate every indicator series of the plan once, keyed by indicator code."""
        self.series: dict[str, list[Obs]] = {}
        indicators = {ind["kode"]: ind for ind in data.INDIKATORER}
        for maal in self.spec["strategiske_maal"]:
            for criterion in maal["succeskriterier"]:
                kode = criterion[1]
                if kode in self.series:
                    continue
                ind = indicators[kode]
                if ind["kilde"] == Indikator.Kilde.AKTIVITETER:
                    series = activity_series(self.spec, kode, ind["aggregering"], self.regs)
                elif ind["kilde"] == Indikator.Kilde.STATUSRAPPORTER:
                    series = report_series(self.spec, criterion)
                else:
                    series = register_series(self.spec, ind, criterion)
                self.series[kode] = series

    def seed_status_reports(self) -> None:
        self.reports: dict[tuple[str, datetime.date], Statusrapport] = {}
        covered = {d.pk for organ in self.organer.values() for d in organ.daekker.all()}
        for alias, delaftale in self.delaftaler.items():
            for q, (q_start, q_end) in enumerate(plan_quarters(self.start)):
                report = upsert(
                    Statusrapport,
                    {"delaftale": delaftale, "periode_start": q_start},
                    self.report_values(alias, q, q_start, q_end, delaftale.pk in covered),
                )
                self.reports[alias, q_start] = report
        self.seed_delmaal_status()

    def report_values(
        self, alias: str, q: int, q_start: datetime.date, q_end: datetime.date, covered: bool
    ) -> dict[str, Any]:
        last = q == QUARTERS - 1
        status = (
            Statusrapport.Status.INDSENDT
            if last
            else Statusrapport.Status.GODKENDT
            if q == QUARTERS - 2
            else Statusrapport.Status.LAAST
        )
        accepted = covered and not last
        return {
            "periode_slut": q_end,
            "status": status,
            "fortaelling": self.narrative(alias, q_start, q_end),
            "indsendt_af": self.users["projektleder"],
            "indsendt_tidspunkt": at(q_end + datetime.timedelta(days=14), 10),
            "accepteret_tidspunkt": (at(q_end + datetime.timedelta(days=24), 12) if accepted else None),
            "godkendt_af": None if last else self.users["bestyrelse"],
            "godkendt_tidspunkt": (None if last else at(q_end + datetime.timedelta(days=38), 16)),
        }

    def narrative(self, alias: str, q_start: datetime.date, q_end: datetime.date) -> str:
        per_activity = {
            spec["navn"]: [r for r in self.regs[spec["navn"]] if q_start <= r.dato <= q_end]
            for spec in self.spec["aktiviteter"]
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
        return f"{text} {data.STATUS_AFSLUTNING[data.AREA[alias]]}"

    def seed_delmaal_status(self) -> None:
        existing = set(
            Delmaalstatus.objects.filter(statusrapport__delaftale__helhedsplan=self.plan).values_list(
                "statusrapport_id", "delmaal_id"
            )
        )
        rows = []
        for (alias, q_start), report in self.reports.items():
            q = plan_quarters(self.start).index((q_start, report.periode_slut))
            for (dm_alias, _nr), delmaal in self.delmaal.items():
                if dm_alias != alias or (report.pk, delmaal.pk) in existing:
                    continue
                status, forklaring = delmaal_status(delmaal, q, q_start, report.periode_slut)
                rows.append(
                    Delmaalstatus(statusrapport=report, delmaal=delmaal, status=status, forklaring=forklaring)
                )
        bulk_create_with_history(rows, Delmaalstatus, default_user=self.users["projektleder"])

    def seed_measurements(self) -> None:
        batch = self.import_batch()
        existing = set(
            Maaling.objects.filter(helhedsplan=self.plan).values_list(
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
        indikator = self.s.indikatorer[kode]
        kilde = MAALING_KILDE[indikator.kilde]
        report = None
        if kilde == Maaling.Kilde.STATUSRAPPORT:
            alias = next(a for a, d in self.delaftaler.items() if d.indsatsomraade_id == self.goal_area(kode))
            report = self.reports[alias, obs.start]
        return Maaling(
            indikator=indikator,
            helhedsplan=self.plan,
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
        for spec in self.spec["strategiske_maal"]:
            if any(c[1] == kode for c in spec["succeskriterier"]):
                return self.maal[spec["nummer"]].indsatsomraade_id
        raise CommandError(f"{self.spec['key']}: no goal uses {kode}")

    def import_batch(self) -> ImportBatch:
        when = add_months(self.start, QUARTERS * 3 + 1)
        rows = sum(
            len(series)
            for kode, series in self.series.items()
            if self.s.indikatorer[kode].kilde == Indikator.Kilde.REGISTERDATA
        )
        batch = upsert(
            ImportBatch,
            {"filnavn": f"boligsociale-data-{self.spec['key']}-{when:%Y-%m}.xlsx"},
            {
                "kilde": f"Boligsociale Data, udtræk {DANISH_MONTHS[when.month - 1]} "
                f"{when.year} ({self.spec['omraade']})",
                "importeret_af": self.users["projektleder"],
                "status": ImportBatch.Status.GENNEMFOERT,
                "antal_raekker": rows,
            },
        )
        created = at(when, 11, 30)
        if batch.oprettet != created:  # auto_now_add: set the realistic date afterwards
            ImportBatch.objects.filter(pk=batch.pk).update(oprettet=created)
        return batch

    def seed_area_status(self) -> None:
        for aar, a, b, c, d, nv, kategori in self.spec["omraadestatus"]:
            upsert(
                Omraadestatus,
                {"boligomraade": self.omraade, "aar": aar},
                {
                    "kriteriesaet": self.s.kriteriesaet_for(aar),
                    "antal_beboere": round(self.spec["antal_beboere"] * (1 + (aar - 2019) * 0.006)),
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
    if delmaal.status == Delmaal.Status.FORSINKET and q >= QUARTERS // 2:
        return Delmaalstatus.Status.FORSINKET, (
            "Færre deltagere end forventet. Sekretariatet og forvaltningen justerer "
            "rekrutteringen og henvisningen fra kommunen."
        )
    return Delmaalstatus.Status.PAA_SPORET, ""


def email_for(navn: str, domain: str) -> str:
    local = navn.lower().translate(str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", " ": "."}))
    return f"{local}@{domain}"


# --- Meetings ---------------------------------------------------------------------------


@dataclass
class Item:
    titel: str
    type: str
    indstilling: str = ""
    maal: tuple[StrategiskMaal, ...] = ()
    delaftaler: tuple[Delaftale, ...] = ()
    beslutning: str = ""
    handling: tuple[str, str, int] | None = None  # text, member role or person key, days


ALWAYS_PRESENT = {
    Medlemskab.Rolle.FORMAND,
    Medlemskab.Rolle.PROJEKTLEDER,
    Medlemskab.Rolle.SEKRETAER,
}

# Rotating decision items of board meetings, first meeting first.
BOARD_DECISIONS = [
    (
        "Justering af delaftalen for {omraade}",
        "Det indstilles, at den justerede delaftale godkendes.",
        "Bestyrelsen godkendte den justerede delaftale, herunder nye milepæle.",
        ("Den opdaterede delaftale sendes til parterne", "projektleder", 21),
    ),
    (
        "Godkendelse af statusrapporter for seneste kvartal",
        "Sekretariatet indstiller, at bestyrelsen godkender statusrapporterne.",
        "Bestyrelsen godkendte statusrapporterne og ønsker ved næste møde en uddybning af de "
        "delmål, der er forsinket.",
        ("Notat om forsinkede delmål til næste møde", "projektleder", 60),
    ),
    (
        "Godkendelse af budget for {next_year}",
        "Det indstilles, at budgettet godkendes.",
        "Budgettet for {next_year} blev godkendt. Den lokale medfinansiering udgør 25 %.",
        ("Det godkendte budget sendes til Landsbyggefonden", "projektleder", 30),
    ),
    (
        "Årsregnskab og reguleringskontoopgørelse for {prev_year}",
        "Det indstilles, at regnskabet godkendes og sendes til LBF.",
        "Regnskabet blev godkendt uden bemærkninger.",
        ("Regnskabet indsendes via driftsstoette.lbf.dk", "projektleder", 30),
    ),
    (
        "Forankring af {aktivitet} i kommunens kernedrift",
        "Det indstilles, at forvaltningen undersøger, hvordan aktiviteten kan videreføres "
        "efter planperioden.",
        "Bestyrelsen tiltrådte indstillingen. Næstformanden tager sagen op i direktionen.",
        ("Notat om forankring af aktiviteten efter planperioden", "naestformand", 120),
    ),
    (
        "Tryghedsskabende tiltag i udearealerne",
        "Det indstilles, at boligorganisationerne prioriterer bedre belysning ved stierne.",
        "Bestyrelsen besluttede at bede driften udarbejde en plan for belysning og beskæring.",
        ("Plan for belysning og beskæring udarbejdes", "formand", 90),
    ),
]


class MeetingSeeder:
    """Two years of meetings of one body, with attendance, agenda, decisions, actions."""

    def __init__(self, plan: PlanSeeder, organ: Organ) -> None:
        self.p = plan
        self.organ = organ
        self.spec = next(o for o in plan.spec["organer"] if o["navn"] == organ.navn)
        self.members = [(plan.persons[m[0]], m[1]) for m in self.spec["medlemmer"]]

    def run(self) -> None:
        hour, minute = MEETING_HOUR.get(self.organ.type, (9, 30))
        months = MEETING_MONTHS[self.spec["moeder_pr_aar"]]
        dates = [
            add_months(self.p.start, 12 * year + month) for year in range(QUARTERS // 4) for month in months
        ]
        r = rng(self.p.spec["key"], "moeder", self.organ.navn)
        for index, first in enumerate(dates):
            day = weekday_on_or_after(first + datetime.timedelta(days=r.randint(4, 18)))
            self.seed_meeting(index, at(day, hour, minute), len(dates))

    def seed_meeting(self, index: int, when: datetime.datetime, count: int) -> None:
        attendance = self.attendance(index)
        moede = upsert(
            Moede,
            {"organ": self.organ, "tidspunkt": when},
            {
                "sted": self.p.spec["sted"],
                "status": Moede.Status.AFHOLDT,
                "referat": self.minutes(when, attendance),
                "referat_godkendt": True,
            },
        )
        existing = set(moede.deltagelser.values_list("person_id", flat=True))
        bulk_create_with_history(
            [
                Moededeltagelse(moede=moede, person=person, status=status)
                for person, status in attendance
                if person.pk not in existing
            ],
            Moededeltagelse,
        )
        items = (
            self.board_items(index, when)
            if self.organ.type == Organ.Type.BESTYRELSE
            else self.group_items(index)
        )
        for nummer, item in enumerate(items, start=1):
            self.seed_item(moede, nummer, item, last=index == count - 1)

    def attendance(self, index: int) -> list[tuple[Person, str]]:
        r = rng(self.p.spec["key"], "deltagelse", self.organ.navn, index)
        rows = []
        for person, rolle in self.members:
            draw = r.random()
            status = Moededeltagelse.Status.DELTAGER
            if rolle not in ALWAYS_PRESENT:
                if draw < 0.12:
                    status = Moededeltagelse.Status.AFBUD
                elif draw < 0.15:
                    status = Moededeltagelse.Status.FRAVAER
            rows.append((person, status))
        return rows

    def minutes(self, when: datetime.datetime, attendance: list[tuple[Person, str]]) -> str:
        present = [p.navn for p, s in attendance if s == Moededeltagelse.Status.DELTAGER]
        absent = [p.navn for p, s in attendance if s == Moededeltagelse.Status.AFBUD]
        text = (
            f"Mødet blev holdt {when.astimezone(CPH):%d.%m.%Y} i {self.p.spec['sted']}. "
            f"Til stede: {', '.join(present)}."
        )
        if absent:
            text += f" Afbud: {', '.join(absent)}."
        return text + (
            " Punkterne blev behandlet som angivet i dagsordenen; beslutningerne "
            "fremgår af beslutningsprotokollen."
        )

    def board_items(self, index: int, when: datetime.datetime) -> list[Item]:
        maal = list(self.p.maal.values())
        theme = maal[index % len(maal)]
        theme_delaftaler = tuple(
            d for d in self.p.delaftaler.values() if d.indsatsomraade_id == theme.indsatsomraade_id
        )
        items = [
            Item(
                "Godkendelse af dagsorden og kommissorium"
                if index == 0
                else "Godkendelse af dagsorden og referat fra forrige møde",
                Dagsordenspunkt.Type.BESLUTNING,
                "Det indstilles, at dagsordenen godkendes.",
                beslutning="Godkendt uden bemærkninger.",
            ),
            Item(
                "Status på helhedsplanen: kvartalsrapport fra sekretariatet",
                Dagsordenspunkt.Type.ORIENTERING,
                "Det indstilles, at bestyrelsen tager orienteringen til efterretning.",
                delaftaler=tuple(self.p.delaftaler.values()),
            ),
            Item(
                f"Udvikling i succeskriterier: {theme.titel}",
                Dagsordenspunkt.Type.DROEFTELSE,
                "Det indstilles, at bestyrelsen drøfter udviklingen og behovet for at justere indsatsen.",
                maal=(theme,),
                delaftaler=theme_delaftaler,
            ),
            self.board_decision(index, when.year),
        ]
        if index % 2:
            items.append(Item("Eventuelt", Dagsordenspunkt.Type.ORIENTERING))
        return items

    def board_decision(self, index: int, year: int) -> Item:
        titel, indstilling, beslutning, handling = BOARD_DECISIONS[index % len(BOARD_DECISIONS)]
        aliases = list(self.p.delaftaler)
        alias = aliases[index % len(aliases)]
        aktiviteter = list(self.p.aktiviteter)
        words = {
            "next_year": year + 1,
            "prev_year": year - 1,
            "omraade": self.p.delaftaler[alias].indsatsomraade.navn.lower(),
            "aktivitet": aktiviteter[index % len(aktiviteter)].lower(),
        }
        delaftaler = (self.p.delaftaler[alias],) if "{omraade}" in titel else ()
        return Item(
            titel.format(**words),
            Dagsordenspunkt.Type.BESLUTNING,
            indstilling,
            delaftaler=delaftaler,
            beslutning=beslutning.format(**words),
            handling=handling,
        )

    def group_items(self, index: int) -> list[Item]:
        covered = tuple(self.organ.daekker.all())
        sekretaer = next(
            (key for key, rolle, *_rest in self.spec["medlemmer"] if rolle == Medlemskab.Rolle.SEKRETAER),
            None,
        )
        handling = None
        if sekretaer and index % 2 == 0:
            handling = (
                "Sekretariatet følger op på aftalerne med samarbejdspartnerne",
                sekretaer,
                45,
            )
        if not covered:
            return [
                Item("Orientering om helhedsplanens fremdrift", Dagsordenspunkt.Type.ORIENTERING),
                Item("Tryghed og trivsel set fra beboernes side", Dagsordenspunkt.Type.DROEFTELSE),
                Item("Input til bestyrelsen", Dagsordenspunkt.Type.DROEFTELSE),
            ]
        return [
            Item(
                "Status på aktiviteter og delmål",
                Dagsordenspunkt.Type.ORIENTERING,
                delaftaler=covered,
            ),
            Item(
                "Accept af kvartalets statusrapport",
                Dagsordenspunkt.Type.BESLUTNING,
                "Det indstilles, at statusrapporten accepteres og sendes til bestyrelsen.",
                delaftaler=covered,
                beslutning="Gruppen accepterede statusrapporten, som sendes videre til bestyrelsen.",
            ),
            Item(
                "Samarbejde på tværs: udfordringer i praksis",
                Dagsordenspunkt.Type.DROEFTELSE,
                handling=handling,
            ),
        ]

    def seed_item(self, moede: Moede, nummer: int, item: Item, last: bool) -> None:
        punkt = upsert(
            Dagsordenspunkt,
            {"moede": moede, "nummer": nummer},
            {"titel": item.titel, "type": item.type, "indstilling": item.indstilling},
        )
        punkt.strategiske_maal.set(item.maal)
        punkt.delaftaler.set(item.delaftaler)
        punkt.indikatorer.set(
            [k.indikator for m in item.maal for k in m.succeskriterier.all() if k.indikator]
        )
        beslutning = None
        if item.beslutning:
            beslutning = upsert(Beslutning, {"dagsordenspunkt": punkt}, {"tekst": item.beslutning})
        if item.handling:
            self.seed_action(punkt, beslutning, item.handling, moede.tidspunkt, last)

    def seed_action(
        self,
        punkt: Dagsordenspunkt,
        beslutning: Beslutning | None,
        handling: tuple[str, str, int],
        when: datetime.datetime,
        last: bool,
    ) -> None:
        tekst, who, days = handling
        frist = when.astimezone(CPH).date() + datetime.timedelta(days=days)
        status = Handlingspunkt.Status.UDFOERT
        if last:
            status = Handlingspunkt.Status.I_GANG
        elif frist > self.p.window_end:
            status = Handlingspunkt.Status.AABEN
        upsert(
            Handlingspunkt,
            {"dagsordenspunkt": punkt, "tekst": tekst},
            {
                "beslutning": beslutning,
                "ansvarlig": self.responsible(who),
                "frist": frist,
                "status": status,
            },
        )

    def responsible(self, who: str) -> Person:
        for person, rolle in self.members:
            if rolle == who:
                return person
        return self.p.persons[who]


# --- The command ------------------------------------------------------------------------

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


class Command(BaseCommand):
    help = (
        "Indlæser fiktive demodata: tre helhedsplaner under 2015-18-midlerne med aftaler, "
        "mål, aktiviteter, registreringer, målinger, organer, møder og demobrugere. "
        "Kan køres flere gange uden at skabe dubletter."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        with transaction.atomic():
            plans = Seeder().run()
        elapsed = time.monotonic() - started
        self.print_summary(plans, elapsed)

    def print_summary(self, plans: list[Helhedsplan], elapsed: float) -> None:
        write = self.stdout.write
        write(self.style.SUCCESS(f"Demodata indlæst på {elapsed:.1f} s."))
        write(f"Helhedsplaner ({len(plans)}):")
        for plan in plans:
            write(f"  - {plan.navn} ({plan.kommune.navn})")
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
