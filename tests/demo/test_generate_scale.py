"""manage.py generate_scale at small scale: the practice around the plans is generated too
(meetings, status reports in every state, action items, surveys, history), every table is
analysed, and the outbox is left empty."""

import pytest
from django.core.management import call_command
from django.db import connection

from bestyrelser.models import (
    Beslutning,
    Dagsordenspunkt,
    Handlingspunkt,
    Medlemskab,
    Moede,
    Moededeltagelse,
    Organ,
    Referatstatus,
)
from enighed.models import Besvarelse, Enighedsmaaling, Invitation, Spoergsmaal, Svar
from helhedsplaner.models import Delmaalstatus, Helhedsplan, Statusrapport
from monitorering.models import Maaling
from portal import outbox
from portal.models import Udbakke
from tests.conftest import skip_unless_available

pytestmark = pytest.mark.django_db


@pytest.fixture
def generated():
    skip_unless_available(connection.vendor == "postgresql", "generate_scale needs PostgreSQL (COPY)")
    outbox.add("portal.ping", key="left-over")  # a pending row the generator must not leave
    call_command("generate_scale", "--plans", "3", "--years", "2", "--seed", "7", verbosity=0)


def test_meetings_reports_surveys_and_history_are_generated(generated):
    plans = Helhedsplan.objects.count()
    assert plans == 3
    assert Organ.objects.filter(type=Organ.Type.BESTYRELSE).count() == plans
    for practice in (Medlemskab, Moede, Moededeltagelse, Dagsordenspunkt, Beslutning, Handlingspunkt):
        assert practice.objects.exists(), practice
    assert Moede.objects.filter(referat_status=Referatstatus.GODKENDT).exists()
    assert set(Statusrapport.objects.values_list("status", flat=True)) == set(Statusrapport.Status.values)
    assert Statusrapport.objects.exclude(returkommentar="").filter(status="kladde").exists()
    assert Delmaalstatus.objects.count() == Statusrapport.objects.count()
    for survey in (Enighedsmaaling, Spoergsmaal, Invitation, Besvarelse, Svar):
        assert survey.objects.exists(), survey
    assert Invitation.objects.filter(besvaret=True).count() == Besvarelse.objects.count()
    # History as the services would have left it: a creation row per row, and the steps.
    for model in (Helhedsplan, Moede, Statusrapport, Handlingspunkt, Maaling):
        assert model.history.filter(history_type="+").count() == model.objects.count(), model
    locked = Statusrapport.objects.filter(status="laast").count()
    assert Statusrapport.history.filter(history_type="~", status="laast").count() == locked


def test_every_table_is_analysed_and_the_outbox_is_empty(generated):
    assert not Udbakke.objects.filter(sendt__isnull=True).exists()
    with connection.cursor() as cursor:
        for model in (Moededeltagelse, Svar, Statusrapport, Handlingspunkt):
            cursor.execute("SELECT reltuples FROM pg_class WHERE relname = %s", [model._meta.db_table])
            assert cursor.fetchone()[0] > 0, model


@pytest.mark.django_db(transaction=True)  # --replace truncates: no deferred FK checks pending
def test_the_same_seed_writes_the_same_rows(generated):
    def fingerprint():
        return (
            list(
                Statusrapport.objects.order_by("delaftale__helhedsplan__navn", "periode_start").values_list(
                    "periode_start", "status"
                )
            ),
            list(
                Moededeltagelse.objects.order_by("moede__tidspunkt", "person__navn").values_list(
                    "status", flat=True
                )
            ),
            sorted(Svar.objects.values_list("vaerdi", flat=True), key=lambda v: (v is None, v)),
        )

    first = fingerprint()
    call_command("generate_scale", "--plans", "3", "--years", "2", "--seed", "7", "--replace", verbosity=0)
    assert fingerprint() == first
