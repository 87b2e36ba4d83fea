"""Factories and a ready-made survey setting for the agreement survey's tests."""

from __future__ import annotations

import datetime
import itertools

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from bestyrelser.models import Medlemskab, Organ
from enighed import models as m
from enighed import services
from tests.bestyrelser.factories import MedlemskabFactory, OrganFactory, PersonFactory, UserFactory
from tests.helhedsplaner.factories import (
    DelaftaleFactory,
    DelmaalFactory,
    HelhedsplanFactory,
    IndsatsomraadeFactory,
    SamarbejdsaftaleFactory,
    StrategiskMaalFactory,
)


class EnighedsmaalingFactory(DjangoModelFactory):
    class Meta:
        model = m.Enighedsmaaling

    helhedsplan = factory.SubFactory(HelhedsplanFactory)
    titel = factory.Sequence(lambda n: f"Enighedsmåling {n}")
    runde = factory.Sequence(lambda n: 2020 + n)
    lukkedato = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=14))


class SpoergsmaalFactory(DjangoModelFactory):
    class Meta:
        model = m.Spoergsmaal

    maaling = factory.SubFactory(EnighedsmaalingFactory)
    nummer = factory.Sequence(lambda n: n + 1)
    type = m.Spoergsmaal.Type.VIGTIGHED
    emne = factory.Sequence(lambda n: f"Problem {n}")
    tekst = "Hvor vigtigt er dette problem i området?"


class BesvarelseFactory(DjangoModelFactory):
    class Meta:
        model = m.Besvarelse

    maaling = factory.SubFactory(EnighedsmaalingFactory)
    niveau = m.Niveau.STRATEGISK
    organisationstype = Medlemskab.Repraesenterer.KOMMUNE


_emails = itertools.count(1)


def member(plan, organ, *, rolle=Medlemskab.Rolle.MEDLEM, username: str | None = None, email: str = ""):
    """A person with an active membership of ``organ`` (and a login if ``username``)."""
    user = UserFactory(username=username) if username else None
    person = PersonFactory(user=user, email=email or f"svarperson{next(_emails)}@example.dk")
    MedlemskabFactory(person=person, organ=organ, rolle=rolle)
    return person


def survey_plan(plan=None, *, board: int = 3, group: int = 2, forum: int = 1):
    """A plan with an agreement (two goals with problems), one delaftale with two delmål, a
    board of ``board`` members, a følgegruppe of ``group`` members plus a projektleder, and a
    political forum of ``forum`` members. Returns a dict of the pieces."""
    plan = plan or HelhedsplanFactory()
    aftale = SamarbejdsaftaleFactory(helhedsplan=plan)
    omraade = IndsatsomraadeFactory(navn="Uddannelse og beskæftigelse", kode="ub")
    goals = [
        StrategiskMaalFactory(samarbejdsaftale=aftale, nummer=1, problem="For få unge i uddannelse"),
        StrategiskMaalFactory(
            samarbejdsaftale=aftale, nummer=2, problem="Utryghed om aftenen", indsatsomraade=omraade
        ),
    ]
    delaftale = DelaftaleFactory(helhedsplan=plan, indsatsomraade=omraade)
    delmaal = [
        DelmaalFactory(
            delaftale=delaftale, nummer=1, titel="Flere i lektiecafé", strategiske_maal=[goals[0]]
        ),
        DelmaalFactory(
            delaftale=delaftale, nummer=2, titel="Flere i fritidsjob", strategiske_maal=[goals[0]]
        ),
    ]
    bestyrelse = Organ.objects.filter(helhedsplan=plan, type=Organ.Type.BESTYRELSE).first() or OrganFactory(
        helhedsplan=plan, type=Organ.Type.BESTYRELSE
    )
    gruppe = OrganFactory(
        helhedsplan=plan, type=Organ.Type.FOELGEGRUPPE, navn="Følgegruppe", rapporterer_til=bestyrelse
    )
    forum_organ = OrganFactory(helhedsplan=plan, type=Organ.Type.POLITISK_FORUM, navn="Forum")
    people = {
        "strategisk": [member(plan, bestyrelse) for _i in range(board)],
        "praktisk": [member(plan, gruppe) for _i in range(group)]
        + [member(plan, bestyrelse, rolle=Medlemskab.Rolle.PROJEKTLEDER)],
        "forum": [member(plan, forum_organ) for _i in range(forum)],
    }
    return {
        "plan": plan,
        "goals": goals,
        "delaftale": delaftale,
        "delmaal": delmaal,
        "omraade": omraade,
        "bestyrelse": bestyrelse,
        "gruppe": gruppe,
        "forum": forum_organ,
        "people": people,
    }


def open_survey(user, plan, *, inkluder_fora: bool = False, runde: int = 2024) -> m.Enighedsmaaling:
    """Create and open a survey for ``plan`` as ``user`` (e-mails go to the locmem outbox)."""
    maaling = services.enighedsmaaling_create(
        user=user,
        plan=plan,
        runde=runde,
        lukkedato=timezone.localdate() + datetime.timedelta(days=14),
        inkluder_fora=inkluder_fora,
    )
    services.enighedsmaaling_open(user=user, maaling=maaling, base_url="http://testserver/")
    maaling.refresh_from_db()
    return maaling


def answer_all(maaling, niveau: str, value_rows: list[list[int | None]], *, block: str | None = None) -> None:
    """Submit one response per row through the service, using unanswered invitations of
    ``niveau``. Row values go to the rating questions in order (``block`` limits them)."""
    questions = [
        q for q in maaling.spoergsmaal.order_by("nummer") if q.er_skala and (block is None or q.blok == block)
    ]
    invitations = list(maaling.invitationer.filter(niveau=niveau, besvaret=False).order_by("pk"))
    assert len(invitations) >= len(value_rows), "not enough invitations at this level"
    for invitation, values in zip(invitations, value_rows, strict=False):
        services.besvarelse_submit(
            invitation=invitation, vaerdier={q.pk: v for q, v in zip(questions, values, strict=False)}
        )
