"""One seeded world for the security sweep: the demo data (plan A = Solbakken, plan B =
Lærkevangen), a few objects the demo lacks (an open meeting, a paper, an open survey with
invitations, a draft delaftale version, an import batch, a job, a finished export), the
personas and their sessions.

The world is built once per package inside a transaction that is rolled back at the end;
each test runs in a savepoint inside it (pytest-django's ``db``), so requests that write
leave nothing behind for the next test.
"""

from __future__ import annotations

import datetime
import hashlib
import secrets
from dataclasses import dataclass, field

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.test import Client
from django.utils import timezone

from tests.conftest import DemoSnapshot, restore_demo

PERSONAS = ("anon", "projektleder", "group_member", "board_member", "formand", "member_b", "lbf", "admin")
"""The persona vocabulary of the whole suite (tests/conftest.py's fixtures use the same stems:
``projektleder_a``, ``board_member_a``, ``group_member_a``, ``formand_a``, ``member_b``,
``lbf_user``): anon: not logged in · projektleder: projektleder of plan A · group_member:
plain member of plan A's følgegruppe · board_member: plain member of plan A's bestyrelse ·
formand: the bestyrelse's formand · member_b: board member of plan B only · lbf:
Landsbyggefonden · admin: superuser."""


@dataclass
class World:
    plan_a: object
    plan_b: object
    users: dict = field(default_factory=dict)  # persona -> User (anon absent)
    sessions: dict = field(default_factory=dict)  # persona -> session key
    ids: dict = field(default_factory=dict)  # name -> pk of a plan A object (see _objects)
    ids_b: dict = field(default_factory=dict)  # the same names for plan B where they exist
    token: str = ""  # a personal survey link of a non-persona respondent of plan A

    def client(self, persona: str, **kwargs) -> Client:
        client = Client(**kwargs)
        if persona != "anon":
            self._keep_alive(persona)
            client.cookies[settings.SESSION_COOKIE_NAME] = self.sessions[persona]
        return client

    def _keep_alive(self, persona: str) -> None:
        """The persona's session as just used: the sessions are made once per package, and a
        slow run (the fuzz alone can take many minutes on a busy machine) would otherwise pass
        the idle timeout (portal.sessions) and see the login page instead of the form."""
        from importlib import import_module

        from portal import sessions

        store = import_module(settings.SESSION_ENGINE).SessionStore(session_key=self.sessions[persona])
        store[sessions.LAST_SEEN_KEY] = store[sessions.LOGIN_AT_KEY] = sessions._now()
        store.save()


def _user_for(person, username: str):
    user = get_user_model().objects.create_user(username=username, password="demo1234")  # noqa: S106
    person.user = user
    person.save(update_fields=["user"])
    return user


def _personas(plan_a, plan_b) -> dict:
    from bestyrelser.models import Medlemskab, Organ

    User = get_user_model()
    board = Organ.objects.get(helhedsplan=plan_a, type=Organ.Type.BESTYRELSE)
    group = Organ.objects.filter(helhedsplan=plan_a, type=Organ.Type.FOELGEGRUPPE).first()
    plain = group.medlemskaber.filter(rolle=Medlemskab.Rolle.MEDLEM, person__user__isnull=True).first().person
    users = {
        "projektleder": User.objects.get(username="projektleder.solbakken"),
        "group_member": _user_for(plain, "gruppe.solbakken"),
        "board_member": User.objects.get(username="bestyrelse.solbakken"),
        # The demo's own formand login (the board's formand).
        "formand": board.medlemskaber.get(rolle=Medlemskab.Rolle.FORMAND).person.user,
        "member_b": User.objects.get(username="bestyrelse.laerkevangen"),
        "lbf": User.objects.get(username="lbf"),
        "admin": User.objects.get(username="admin"),
    }
    return users


def _objects(plan, users: dict | None) -> dict:
    """Objects of ``plan`` for every URL kwarg; with ``users`` also the extra objects."""
    from bestyrelser.models import Bilag, Dagsordenspunkt, Handlingspunkt, Moede, Organ, Referatstatus
    from helhedsplaner.models import Aktivitet, Aktivitetsregistrering, Statusrapport
    from monitorering.models import ImportBatch, Job

    board = Organ.objects.get(helhedsplan=plan, type=Organ.Type.BESTYRELSE)
    aktivitet = Aktivitet.objects.filter(delmaal__delaftale__helhedsplan=plan).order_by("pk").first()
    if users is not None and aktivitet.status != Aktivitet.Status.I_GANG:
        # One running activity, so that closing it and registering on it are possible.
        Aktivitet.objects.filter(pk=aktivitet.pk).update(status=Aktivitet.Status.I_GANG)
    aftale = plan.samarbejdsaftaler.order_by("version").first()
    kriterie = aftale.strategiske_maal.order_by("nummer").first().succeskriterier.order_by("pk").first()
    reports = Statusrapport.objects.filter(delaftale__helhedsplan=plan).order_by("delaftale_id", "-pk")
    delaftale_id = reports.first().delaftale_id
    # The newest report in each state, over the plan's delaftaler: the demo's running plan
    # has last quarter's reports in different states on different delaftaler.
    by_status = {}
    for rapport in reports.order_by("-periode_start", "delaftale_id"):
        by_status.setdefault(rapport.status, rapport.pk)
    if users is None:
        # Plan B (the finished demo plan) has only approved and locked reports: as a foreign
        # object any of its reports serves.
        for status in ("kladde", "indsendt", "accepteret", "laast"):
            by_status.setdefault(status, reports.first().pk)
    ids = {
        "pk": plan.pk,
        "aktivitet_pk": aktivitet.pk,
        "registrering_pk": Aktivitetsregistrering.objects.filter(aktivitet=aktivitet)
        .order_by("pk")
        .first()
        .pk,
        "delmaal_pk": aktivitet.delmaal_id,
        "delaftale_pk": delaftale_id,
        "rapport_kladde": by_status["kladde"],
        "rapport_indsendt": by_status["indsendt"],
        "rapport_accepteret": by_status["accepteret"],
        "rapport_laast": by_status["laast"],
        "delaftale_other": plan.delaftaler.exclude(pk=delaftale_id).order_by("pk").first().pk,
        "organ_pk": board.pk,
        "kriterie_pk": kriterie.pk,
        "aftale_pk": aftale.pk,
        "moede_locked": Moede.objects.filter(organ=board, referat_status=Referatstatus.GODKENDT)
        .order_by("-tidspunkt")
        .first()
        .pk,
    }
    if users is None:
        return ids
    from django.contrib.auth.models import AnonymousUser  # noqa: F401 - documents the None case

    from enighed import services as enighed_services
    from enighed.models import Enighedsmaaling, Invitation, Niveau, Spoergsmaal
    from helhedsplaner.models import Delaftaleversion
    from tilsyn.models import Eksport

    # An upcoming board meeting whose minutes are open, with an item, a paper and an action
    # item owned by a board member who is none of the personas.
    moede = Moede.objects.create(organ=board, tidspunkt=timezone.now() + datetime.timedelta(days=20))
    punkt = Dagsordenspunkt.objects.create(moede=moede, nummer=1, titel="Budget", type="beslutning")
    bilag = Bilag.objects.create(
        dagsordenspunkt=punkt, titel="Budget", fil=ContentFile(b"%PDF-1.4 test", name="budget.pdf")
    )
    persona_people = {u.pk for u in users.values()}
    owner = (
        board.medlemskaber.exclude(person__user_id__in=persona_people)
        .exclude(person__user__isnull=False)
        .first()
        .person
    )
    item = Handlingspunkt.objects.create(
        dagsordenspunkt=punkt, tekst="Følg op", ansvarlig=owner, frist=timezone.localdate()
    )
    batch = ImportBatch.objects.create(filnavn="x.csv", kilde="Test", helhedsplan=plan)
    job = Job.objects.create(type=Job.Type.GENBEREGNING, helhedsplan=plan)
    delaftale = plan.delaftaler.get(pk=delaftale_id)
    version = Delaftaleversion.objects.create(
        delaftale=delaftale,
        version=(delaftale.version or 1) + 1,
        formaal="Nyt formål",
        gyldig_fra=delaftale.gyldig_fra,
        gyldig_til=delaftale.gyldig_til,
    )
    maaling = Enighedsmaaling.objects.create(
        helhedsplan=plan,
        titel="Enighed 2026",
        runde=2026,
        status=Enighedsmaaling.Status.AABEN,
        aabnet=timezone.now(),
        lukkedato=timezone.localdate() + datetime.timedelta(days=14),
    )
    Spoergsmaal.objects.create(
        maaling=maaling, nummer=1, type=Spoergsmaal.Type.VIGTIGHED, emne="Tryghed", tekst="?"
    )
    invitations = {}
    for key, person in (("board_member", users["board_member"].person), ("outsider", owner)):
        invitation = Invitation(
            maaling=maaling,
            person=person,
            niveau=Niveau.STRATEGISK,
            organisationstype="kommune",
            noegle=secrets.token_hex(32),
        )
        invitation.token_hash = hashlib.sha256(enighed_services.token_for(invitation).encode()).hexdigest()
        invitation.save()
        invitations[key] = invitation
    eksport = Eksport.objects.create(
        art=Eksport.Art.OVERSIGT,
        format=Eksport.Format.CSV,
        bestilt_af=users["lbf"],
        status=Eksport.Status.FAERDIG,
        fil=ContentFile(b"a;b\n", name="oversigt.csv"),
    )
    ids.update(
        moede_pk=moede.pk,
        punkt_pk=punkt.pk,
        bilag_pk=bilag.pk,
        item_pk=item.pk,
        batch_id=batch.pk,
        job_id=job.pk,
        version_pk=version.pk,
        maaling_pk=maaling.pk,
        eksport_pk=eksport.pk,
        omraade_pk=plan.boligomraade_id,
    )
    from api.tokens import key_create

    ids["api_noegle"] = key_create(user=users["projektleder"], navn="Power BI")[0].pk
    ids["_token"] = enighed_services.token_for(invitations["outsider"])
    return ids


def _notification_objects(users) -> dict:
    """The projektleder's notice (others may not mark it read) and the secret tokens of the
    unsubscribe link and the calendar feed."""
    from notifikationer.models import Afsendelse, Notifikation
    from notifikationer.recipients import profile_for_user

    profil = profile_for_user(users["projektleder"])
    row = Afsendelse.objects.create(
        art="import",
        objekt="importbatch:1",
        profil=profil,
        anledning="test",
        emne="Import",
        tekst="Gennemført.",
    )
    notice = Notifikation.objects.create(
        modtager=users["projektleder"], afsendelse=row, art="import", titel="Import", tekst="Gennemført."
    )
    return {
        "notifikation_pk": notice.pk,
        "afmeld_token": profil.afmeld_token,
        "kalender_token": profil.kalender_token,
    }


def seed_world(demo: DemoSnapshot) -> World:
    restore_demo(demo)  # the demo data, seeded once per session (tests/conftest.py)
    return build_world()


def build_world() -> World:
    """The personas, their sessions and the extra objects, over the demo data already in the
    database (restored from the snapshot, or seeded for real in a browser test)."""
    from helhedsplaner.models import Helhedsplan

    plan_a = Helhedsplan.objects.get(navn__startswith="Helhedsplan Solbakken")
    plan_b = Helhedsplan.objects.get(navn__startswith="Helhedsplan Lærkevangen")
    world = World(plan_a=plan_a, plan_b=plan_b)
    world.users = _personas(plan_a, plan_b)
    world.ids = _objects(plan_a, world.users)
    world.token = world.ids.pop("_token")
    world.ids_b = _objects(plan_b, None)
    world.ids.update(_notification_objects(world.users))
    for persona, user in world.users.items():
        client = Client()
        client.force_login(user)
        world.sessions[persona] = client.cookies[settings.SESSION_COOKIE_NAME].value
    return world


@pytest.fixture(scope="package")
def world(django_db_setup, django_db_blocker, demo_snapshot):
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield seed_world(demo_snapshot)
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


# --- Has anything changed? ------------------------------------------------------------------

SKIP_TABLES = {"django_session"}


def _tables(skip: frozenset[str] = frozenset()) -> list[tuple[str, str, str]]:
    """(table, SQL for its highest id as text: numeric max for integer keys)."""
    qn = connection.ops.quote_name
    out = []
    for model in apps.get_models(include_auto_created=True):
        table, pk = model._meta.db_table, model._meta.pk
        if table in SKIP_TABLES or table in skip:
            continue
        if pk.get_internal_type() in {"AutoField", "BigAutoField", "IntegerField", "BigIntegerField"}:
            top = f"CAST(MAX({qn(pk.column)}) AS VARCHAR(40))"
        else:  # e.g. UUID keys, which PostgreSQL cannot MAX()
            top = f"MAX(CAST({qn(pk.column)} AS VARCHAR(64)))"
        out.append((table, pk.column, top))
    return sorted(set(out))


def db_fingerprint(*, content: bool = True, skip: frozenset[str] = frozenset()) -> str:
    """Row count and highest id of every table (so every insert and delete, and every
    save that simple-history records: one query, ~5 ms), plus (``content``) the full
    content of every table that is not a history table and has few rows (workflow state
    changed without history: ~40 ms)."""
    qn = connection.ops.quote_name
    tables = _tables(skip)
    digest = hashlib.sha256()
    with connection.cursor() as cursor:
        union = " UNION ALL ".join(
            f"SELECT '{t}', COUNT(*), {top} FROM {qn(t)}"  # noqa: S608 - model table names
            for t, _pk, top in tables
        )
        cursor.execute(union)
        counts = cursor.fetchall()
        digest.update(repr(sorted(counts)).encode())
        for (table, pk, _top), (_t, count, _max) in zip(tables, sorted(counts), strict=True):
            if not content or "historical" in table or count > 400:
                continue
            cursor.execute(f"SELECT * FROM {qn(table)} ORDER BY {qn(pk)}")  # noqa: S608 - table names
            digest.update(table.encode())
            digest.update(repr(cursor.fetchall()).encode())
    return digest.hexdigest()
