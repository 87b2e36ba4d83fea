"""A person with rich data in every corner of the portal, for the GDPR and backup tests."""

from __future__ import annotations

import datetime
import json
import secrets
import zoneinfo
from decimal import Decimal

from django.apps import apps
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from bestyrelser import services as board_services
from bestyrelser.dashboard import dashboard_data
from bestyrelser.models import Medlemskab, Moede, Moededeltagelse, Organ, Person
from enighed.models import Invitation, Niveau, Svar
from helhedsplaner.models import Delmaalstatus, Maalaendring, Statusrapport
from monitorering.models import ImportBatch
from tests.bestyrelser.factories import MedlemskabFactory, PersonFactory, UserFactory
from tests.enighed.factories import BesvarelseFactory, EnighedsmaalingFactory, SpoergsmaalFactory
from tests.helhedsplaner.factories import AktivitetFactory, AktivitetsregistreringFactory, report_setup
from tests.monitorering.factories import stage_row

CPH = zoneinfo.ZoneInfo("Europe/Copenhagen")

NAVN = "Gudrun Qvistgaard-Østergård"
EMAIL = "gudrun.qvist@example.dk"
GAMMEL_EMAIL = "gq.tidligere@example.dk"
TELEFON = "+45 29 47 13 58"
BRUGERNAVN = "gudrun.qvist7"
ORIGINALS = [NAVN, EMAIL, GAMMEL_EMAIL, TELEFON, BRUGERNAVN]


def rich_person(plan, projektleder) -> dict:
    """Gudrun: formand of ``plan``'s board with a login, meetings (one afbud), minutes and
    decisions naming her, an action item, an activity and a registration, a question and
    an answer naming her, a released board pack, a locked status report naming her, an
    import, a target change, a survey invitation and a free-text answer naming her, an
    admin log entry and an earlier e-mail address in her history."""
    user = UserFactory(
        username=BRUGERNAVN, first_name="Gudrun", last_name="Qvistgaard-Østergård", email=EMAIL
    )
    board = Organ.objects.get(helhedsplan=plan, type=Organ.Type.BESTYRELSE)
    person = PersonFactory(user=user, navn=NAVN, email=GAMMEL_EMAIL, telefon=TELEFON, stilling="Formand")
    person.email = EMAIL
    person._change_reason = f"Ny e-mail oplyst af {NAVN}"
    person.save()
    MedlemskabFactory(person=person, organ=board, rolle=Medlemskab.Rolle.FORMAND)

    setup = report_setup(plan)
    moede = board_services.moede_save(
        user=projektleder,
        moede=Moede(
            organ=board, tidspunkt=datetime.datetime(2021, 3, 4, 9, 30, tzinfo=CPH), sted="Beboerhuset"
        ),
    )
    other = board.medlemskaber.exclude(person=person).first().person
    board_services.moede_attendance_set(
        user=projektleder,
        moede=moede,
        statuses={person.pk: Moededeltagelse.Status.AFBUD, other.pk: Moededeltagelse.Status.DELTAGER},
    )
    punkt = board_services.dagsordenspunkt_save(
        user=projektleder, punkt=moede.dagsordenspunkter.model(moede=moede, titel="Budget", type="beslutning")
    )
    board_services.beslutning_add(user=projektleder, punkt=punkt, tekst=f"{NAVN} indhenter tilbud.")
    board_services.handlingspunkt_add(
        user=projektleder,
        punkt=punkt,
        tekst="Indhent tilbud",
        ansvarlig=person,
        frist=datetime.date(2021, 5, 1),
    )
    moede.refresh_from_db()
    board_services.referat_save(
        user=projektleder,
        moede=moede,
        generelt=f"Afbud: {NAVN} ({TELEFON}). Spørgsmål kan sendes til {EMAIL}.",
        punkter={punkt.pk: f"{NAVN} orienterede om budgettet."},
        expected_revision=moede.revision,
    )

    aktivitet = AktivitetFactory(delmaal=setup["delmaal"][0], ansvarlig=person, navn="Lektiecafé")
    registrering = AktivitetsregistreringFactory(aktivitet=aktivitet, note=f"Kontakt: {EMAIL}")
    registrering.registreret_af = user
    registrering.save()

    sporgsmaal = board_services.kommentar_add(
        user=user, succeskriterie=setup["kriterie"], tekst="Hvorfor er tallet faldet?"
    )
    board_services.kommentar_add(
        user=projektleder,
        succeskriterie=setup["kriterie"],
        tekst=f"Tak, {NAVN}: det skyldes færre hold.",
        svar_paa=sporgsmaal,
    )
    pack_meeting = board_services.moede_save(
        user=projektleder,
        moede=Moede(organ=board, tidspunkt=datetime.datetime(2021, 6, 4, 9, 30, tzinfo=CPH)),
    )
    pack = board_services.boardpack_release(
        user=user, moede=pack_meeting, data=dashboard_data(plan, moede=pack_meeting)
    )

    rapport = setup["rapport"]
    rapport.fortaelling = f"Forløbet er fulgt af {NAVN}."
    rapport.save()
    Delmaalstatus.objects.create(
        statusrapport=rapport, delmaal=setup["delmaal"][0], status="paa_sporet", forklaring=f"Ring {TELEFON}."
    )
    now = timezone.now()
    Statusrapport.objects.filter(pk=rapport.pk).update(
        status=Statusrapport.Status.LAAST, indsendt_tidspunkt=now, godkendt_tidspunkt=now
    )

    batch = ImportBatch.objects.create(
        filnavn="tal.csv", kilde=f"Indsendt af {NAVN}", importeret_af=user, helhedsplan=plan
    )
    stage_row(batch, f"Tal fra {NAVN}")
    Maalaendring.objects.create(
        succeskriterie=setup["kriterie"],
        felt="maal_vaerdi",
        gammel="60",
        ny="50",
        begrundelse=f"Aftalt med {NAVN}",
        oprettet_af=user,
    )

    maaling = EnighedsmaalingFactory(helhedsplan=plan, oprettet_af=user)
    Invitation.objects.create(
        maaling=maaling,
        person=person,
        niveau=Niveau.STRATEGISK,
        organisationstype="andet",
        noegle=secrets.token_hex(16),
        token_hash=secrets.token_hex(32),
        besvaret=True,
    )
    Svar.objects.create(
        besvarelse=BesvarelseFactory(maaling=maaling),
        spoergsmaal=SpoergsmaalFactory(maaling=maaling, type="fritekst"),
        tekst=f"{NAVN} gør det godt.",
        vaerdi=None,
    )
    LogEntry.objects.create(
        user=user,
        content_type=ContentType.objects.get_for_model(Person),
        object_id=str(person.pk),
        object_repr=NAVN,
        action_flag=CHANGE,
        change_message=json.dumps([{"changed": {"fields": ["navn"], "note": NAVN}}]),  # æøå escaped
    )
    # Login records and devices, when the apps are installed (django-axes, django-otp).
    if apps.is_installed("axes"):
        from axes.models import AccessLog

        AccessLog.objects.create(
            username=BRUGERNAVN,
            ip_address="10.1.2.3",
            user_agent="Firefox",
            http_accept="*/*",
            path_info="/login/",
        )
    if apps.is_installed("django_otp.plugins.otp_totp"):
        from django_otp.plugins.otp_totp.models import TOTPDevice

        TOTPDevice.objects.create(user=user, name=f"{NAVN}s telefon", confirmed=True)
    return {
        "user": user,
        "person": person,
        "moede": moede,
        "pack": pack,
        "rapport": rapport,
        "aktivitet": aktivitet,
        "setup": setup,
        "kriterie_value": Decimal(60),
    }
