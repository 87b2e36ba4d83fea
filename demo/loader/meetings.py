"""The meetings of each body of a demo plan: attendance, minutes, agenda items,
decisions and action points."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING

from simple_history.utils import bulk_create_with_history

from bestyrelser import versions
from bestyrelser.models import (
    Beslutning,
    Dagsordenspunkt,
    Handlingspunkt,
    Medlemskab,
    Moede,
    Moededeltagelse,
    Organ,
    Person,
    Referatstatus,
)
from demo.loader.db import upsert
from demo.loader.series import CPH, QUARTERS, add_months, at, rng, weekday_on_or_after
from demo.loader.timeline import I_GANG
from helhedsplaner.models import Delaftale, StrategiskMaal

if TYPE_CHECKING:
    from demo.loader.seeder import PlanSeeder

MEETING_MONTHS = {2: [3, 9], 3: [2, 6, 10], 4: [1, 4, 7, 10]}
MEETING_HOUR = {
    Organ.Type.BESTYRELSE: (14, 0),
    Organ.Type.POLITISK_FORUM: (17, 0),
    Organ.Type.BEBOERFORUM: (17, 0),
}


@dataclass
class Item:
    """One agenda item to seed."""

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
    """The meetings of one body over the plan period up to today, with attendance, agenda,
    decisions and actions, and the next meeting planned (agenda only). In a running plan the
    minutes of each body's latest meeting are circulated and await the formand's approval."""

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
        days = [weekday_on_or_after(first + datetime.timedelta(days=r.randint(4, 18))) for first in dates]
        held = [day for day in days if day < self.p.today]
        self.open_actions_from = len(held) - 2  # the last two held meetings' actions are open
        for index, day in enumerate(held):
            self.seed_meeting(index, at(day, hour, minute), held=True, latest=index == len(held) - 1)
        upcoming = [day for day in days if day >= self.p.today]
        if upcoming:
            self.seed_meeting(len(held), at(upcoming[0], hour, minute), held=False, latest=False)

    def seed_meeting(self, index: int, when: datetime.datetime, *, held: bool, latest: bool) -> None:
        if not held:
            moede = upsert(
                Moede,
                {"organ": self.organ, "tidspunkt": when},
                {"sted": self.p.spec["sted"], "status": Moede.Status.PLANLAGT},
            )
            for nummer, item in enumerate(self.items(index, when), start=1):
                self.seed_item(moede, nummer, item, index, planned=True)
            return
        attendance = self.attendance(index)
        circulated = latest and self.p.fase == I_GANG
        moede = upsert(
            Moede,
            {"organ": self.organ, "tidspunkt": when},
            {
                "sted": self.p.spec["sted"],
                "status": Moede.Status.AFHOLDT,
                "referat": self.minutes(when, attendance),
                "referat_status": Referatstatus.UDSENDT if circulated else Referatstatus.GODKENDT,
                "referat_udsendt_tidspunkt": min(
                    when + datetime.timedelta(days=7), at(self.p.today - datetime.timedelta(days=1), 9)
                ),
                "referat_godkendt_tidspunkt": None if circulated else when + datetime.timedelta(days=21),
            },
        )
        existing = set(moede.deltagelser.values_list("person_id", flat=True))
        created = bulk_create_with_history(
            [
                Moededeltagelse(moede=moede, person=person, status=status)
                for person, status in attendance
                if person.pk not in existing
            ],
            Moededeltagelse,
        )
        # No signals on this path: bump the dashboard's content version (bestyrelser.versions).
        versions.bump_rows(Moededeltagelse, created)
        for nummer, item in enumerate(self.items(index, when), start=1):
            self.seed_item(moede, nummer, item, index, planned=False)

    def items(self, index: int, when: datetime.datetime) -> list[Item]:
        if self.organ.type == Organ.Type.BESTYRELSE:
            return self.board_items(index, when)
        return self.group_items(index)

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

    def seed_item(self, moede: Moede, nummer: int, item: Item, index: int, *, planned: bool) -> None:
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
        if planned:
            return  # the agenda is ready; decisions and actions come at the meeting
        beslutning = None
        if item.beslutning:
            beslutning = upsert(Beslutning, {"dagsordenspunkt": punkt}, {"tekst": item.beslutning})
        if item.handling:
            self.seed_action(punkt, beslutning, item.handling, moede.tidspunkt, index)

    def seed_action(
        self,
        punkt: Dagsordenspunkt,
        beslutning: Beslutning | None,
        handling: tuple[str, str, int],
        when: datetime.datetime,
        index: int,
    ) -> None:
        """Done, except those of the last two meetings held: the latest's in progress, the
        one before still open (overdue once its deadline has passed)."""
        tekst, who, days = handling
        frist = when.astimezone(CPH).date() + datetime.timedelta(days=days)
        status = Handlingspunkt.Status.UDFOERT
        if index > self.open_actions_from:
            status = Handlingspunkt.Status.I_GANG
        elif index == self.open_actions_from:
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
