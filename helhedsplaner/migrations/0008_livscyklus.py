"""The plan's lifecycle (issue 14): kladde → sendt til LBF → godkendt → i gang → afsluttet.

Existing plans get the state their data says (``derive``): no approved agreement version →
kladde (sendt when a version awaits LBF); approved and ended, or marked afsluttet →
afsluttet; approved and started → i gang; approved, not started → godkendt."""

import datetime

from django.db import migrations, models
from django.utils import timezone

CHOICES = [
    ("kladde", "Kladde"),
    ("sendt", "Sendt til LBF"),
    ("godkendt", "Godkendt"),
    ("i_gang", "I gang"),
    ("afsluttet", "Afsluttet"),
]


def derive(*, old: str, agreement_statuses: set[str], startdato, slutdato, today: datetime.date) -> str:
    if "godkendt" not in agreement_statuses:
        return "sendt" if "indsendt" in agreement_statuses else "kladde"
    if old == "afsluttet" or slutdato < today:
        return "afsluttet"
    if startdato <= today:
        return "i_gang"
    return "godkendt"


def forwards(apps, schema_editor):
    Helhedsplan = apps.get_model("helhedsplaner", "Helhedsplan")
    Samarbejdsaftale = apps.get_model("helhedsplaner", "Samarbejdsaftale")
    today = timezone.localdate()
    statuses: dict[int, set[str]] = {}
    for plan_id, status in Samarbejdsaftale.objects.values_list("helhedsplan_id", "status"):
        statuses.setdefault(plan_id, set()).add(status)
    for plan in Helhedsplan.objects.all():
        new = derive(
            old=plan.status,
            agreement_statuses=statuses.get(plan.pk, set()),
            startdato=plan.startdato,
            slutdato=plan.slutdato,
            today=today,
        )
        if new != plan.status:
            Helhedsplan.objects.filter(pk=plan.pk).update(status=new)


def backwards(apps, schema_editor):
    Helhedsplan = apps.get_model("helhedsplaner", "Helhedsplan")
    for new, old in (("kladde", "under_udarbejdelse"), ("sendt", "under_udarbejdelse"), ("i_gang", "i_drift")):
        Helhedsplan.objects.filter(status=new).update(status=old)


class Migration(migrations.Migration):
    dependencies = [
        ("helhedsplaner", "0007_graenser_og_partnere_pr_plan"),
    ]

    operations = [
        migrations.AlterField(
            model_name="helhedsplan",
            name="status",
            field=models.CharField(choices=CHOICES, default="kladde", max_length=20, verbose_name="status"),
        ),
        migrations.AlterField(
            model_name="historicalhelhedsplan",
            name="status",
            field=models.CharField(choices=CHOICES, default="kladde", max_length=20, verbose_name="status"),
        ),
        migrations.RunPython(forwards, backwards),
    ]
