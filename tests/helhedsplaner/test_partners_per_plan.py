"""Finding 11: each plan keeps its own catalogue of partners. What one projektleder types as
a new partner is offered in that plan's activity form only; migration 0007 gave each plan a
copy of the partners its activities used."""

import datetime
import importlib
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import IntegrityError, connection, transaction
from django.urls import reverse

from bestyrelser.models import Medlemskab
from helhedsplaner import forms
from helhedsplaner.models import Aktivitet, Samarbejdspartner
from tests.conftest import _member
from tests.helhedsplaner.factories import AktivitetFactory, SamarbejdspartnerFactory, report_setup


def _schema_editor() -> SimpleNamespace:
    """What the data functions use of a schema editor: the connection, and execute()."""
    return SimpleNamespace(
        connection=connection, execute=lambda sql, params=None: connection.cursor().execute(sql, params)
    )


pytestmark = pytest.mark.django_db

migration = importlib.import_module("helhedsplaner.migrations.0007_graenser_og_partnere_pr_plan")


def test_a_partner_typed_in_plan_a_is_not_offered_in_plan_b(client, plan_a, plan_b, projektleder_a):
    delmaal = report_setup(plan_a)["delmaal"][0]
    report_setup(plan_b)
    client.force_login(projektleder_a)
    response = client.post(
        reverse("helhedsplaner:aktivitet_create", args=[plan_a.pk]),
        {
            "delmaal": delmaal.pk,
            "navn": "Bydelsmødre",
            "startdato": "2019-03-01",
            "status": "i_gang",
            "nye_samarbejdspartnere": "Bydelsmødrene Aaparken\n bydelsmødrene  aaparken \n",
        },
    )
    assert response.status_code == 302
    partner = Samarbejdspartner.objects.get(navn="Bydelsmødrene Aaparken")  # once, case aside
    assert partner.helhedsplan == plan_a
    assert partner.history.get().history_user == projektleder_a  # the service recorded who

    client.force_login(_member(plan_b, "pl_b", Medlemskab.Rolle.PROJEKTLEDER))
    page = client.get(reverse("helhedsplaner:aktivitet_create", args=[plan_b.pk]))
    assert page.status_code == 200
    assert "Bydelsmødrene Aaparken" not in page.content.decode()
    assert partner not in page.context["form"].fields["samarbejdspartnere"].queryset
    assert partner in forms.AktivitetForm(plan=plan_a).fields["samarbejdspartnere"].queryset


def test_a_partner_of_another_plan_cannot_be_posted(client, plan_a, plan_b, projektleder_a):
    delmaal = report_setup(plan_a)["delmaal"][0]
    foreign = SamarbejdspartnerFactory(helhedsplan=plan_b, navn="Bøgeparkens Boldklub")
    client.force_login(projektleder_a)
    response = client.post(
        reverse("helhedsplaner:aktivitet_create", args=[plan_a.pk]),
        {
            "delmaal": delmaal.pk,
            "navn": "Fodbold",
            "startdato": "2019-03-01",
            "status": "i_gang",
            "samarbejdspartnere": [foreign.pk],
        },
    )
    assert response.status_code == 200  # the form refuses a choice it does not offer
    assert not Aktivitet.objects.filter(navn="Fodbold").exists()


def test_the_same_name_may_exist_once_per_plan(plan_a, plan_b):
    SamarbejdspartnerFactory(helhedsplan=plan_a, navn="Røde Kors")
    SamarbejdspartnerFactory(helhedsplan=plan_b, navn="Røde Kors")
    with pytest.raises(IntegrityError), transaction.atomic():
        SamarbejdspartnerFactory(helhedsplan=plan_a, navn="Røde Kors")


def test_migration_gives_each_plan_its_own_copy_and_repoints_links_and_history(plan_a, plan_b):
    """The data step of migration 0007 on a small dataset: one partner shared by two plans
    (now and in an activity's history), one used by one plan, one used by none."""
    delmaal_a = report_setup(plan_a)["delmaal"][0]
    delmaal_b = report_setup(plan_b)["delmaal"][0]
    # Before the migration there was one list; here every row starts out owned by plan B.
    shared = SamarbejdspartnerFactory(helhedsplan=plan_b, navn="Røde Kors")
    only_b = SamarbejdspartnerFactory(helhedsplan=plan_b, navn="Bøgeparkens Boldklub")
    unused = SamarbejdspartnerFactory(helhedsplan=plan_b, navn="Ingen bruger mig")
    start = datetime.date(2019, 3, 1)
    in_a = AktivitetFactory(delmaal=delmaal_a, startdato=start, samarbejdspartnere=[shared])
    in_b = AktivitetFactory(delmaal=delmaal_b, startdato=start, samarbejdspartnere=[shared, only_b])
    in_b.samarbejdspartnere.set([only_b])  # history: B's activity once named the shared partner
    History = apps.get_model("helhedsplaner", "HistoricalAktivitet_samarbejdspartnere")
    assert History.objects.filter(history__id=in_b.pk, samarbejdspartner=shared).exists()

    migration.partners_per_plan(apps, _schema_editor())

    shared.refresh_from_db()
    only_b.refresh_from_db()
    copy = Samarbejdspartner.objects.get(navn="Røde Kors", helhedsplan=plan_b)
    first, second = sorted([plan_a, plan_b], key=lambda p: p.pk)
    # The original row goes to the lowest-numbered plan using it, the other gets a copy.
    assert shared.helhedsplan == first
    assert Samarbejdspartner.objects.filter(navn="Røde Kors").count() == 2
    assert {p.helhedsplan for p in Samarbejdspartner.objects.filter(navn="Røde Kors")} == {plan_a, plan_b}
    keeps_a = Samarbejdspartner.objects.get(navn="Røde Kors", helhedsplan=plan_a)
    assert list(in_a.samarbejdspartnere.all()) == [keeps_a]
    assert list(in_b.samarbejdspartnere.all()) == [only_b] and only_b.helhedsplan == plan_b
    # Every historical link of plan B's activity names a partner of plan B.
    names = History.objects.filter(history__id=in_b.pk).values_list("samarbejdspartner_id", flat=True)
    assert {Samarbejdspartner.objects.get(pk=pk).helhedsplan for pk in names} == {plan_b}
    assert History.objects.filter(history__id=in_b.pk, samarbejdspartner=copy if second == plan_b else shared)
    assert copy.history.filter(history_change_reason__startswith="Kopieret fra det fælles katalog").exists()
    # Nobody ever used it: it was only an entry in the shared list.
    assert not Samarbejdspartner.objects.filter(pk=unused.pk).exists()

    migration.partners_shared(apps, _schema_editor())

    assert Samarbejdspartner.objects.filter(navn="Røde Kors").count() == 1
    merged = Samarbejdspartner.objects.get(navn="Røde Kors")
    assert list(in_a.samarbejdspartnere.all()) == [merged]
    history = History.objects.filter(history__id__in=[in_a.pk, in_b.pk])
    linked = history.values_list("samarbejdspartner_id", flat=True)
    assert set(linked) == {merged.pk, only_b.pk}
