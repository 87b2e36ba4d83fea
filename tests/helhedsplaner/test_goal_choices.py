"""Forms that link content to strategic goals offer the goals of the agreement version that
applies (``selectors.agreement_for_content``) once each, not one copy per version; goals of
another version stay offered, labelled with their version, while an object links to them."""

import datetime

import pytest
from django.urls import reverse

from bestyrelser.forms import DagsordenspunktForm
from bestyrelser.models import Dagsordenspunkt, Moede
from helhedsplaner.forms import DelmaalForm
from helhedsplaner.models import Aftalestatus
from tests.bestyrelser.factories import OrganFactory
from tests.helhedsplaner.factories import (
    DelaftaleFactory,
    DelmaalFactory,
    SamarbejdsaftaleFactory,
    StrategiskMaalFactory,
)

pytestmark = pytest.mark.django_db

TITLES = ["Flere unge i uddannelse", "Flere i job"]


@pytest.fixture
def two_versions(plan_a):
    """Version 1 approved and in force; version 2 a draft copying its goals."""
    v1 = SamarbejdsaftaleFactory(helhedsplan=plan_a, version=1)
    v2 = SamarbejdsaftaleFactory(
        helhedsplan=plan_a, version=2, status=Aftalestatus.KLADDE, godkendt_tidspunkt=None
    )
    goals = {
        v.version: [
            StrategiskMaalFactory(samarbejdsaftale=v, nummer=i, titel=t) for i, t in enumerate(TITLES, 1)
        ]
        for v in (v1, v2)
    }
    return {"plan": plan_a, "v1": v1, "v2": v2, "goals": goals}


def _labels(form) -> list[str]:
    return [str(label) for _value, label in form.fields["strategiske_maal"].choices]


def test_agenda_item_form_offers_each_goal_of_the_current_version_once(two_versions):
    plan = two_versions["plan"]
    moede = Moede.objects.create(
        organ=OrganFactory(helhedsplan=plan), tidspunkt=datetime.datetime(2020, 3, 5, 17, tzinfo=datetime.UTC)
    )
    form = DagsordenspunktForm(instance=Dagsordenspunkt(moede=moede), plan=plan)
    assert _labels(form) == ["1. Flere unge i uddannelse", "2. Flere i job"]
    offered = set(form.fields["strategiske_maal"].queryset)
    assert offered == set(two_versions["goals"][1])


def test_agenda_item_linked_to_another_version_keeps_that_goal_labelled(two_versions):
    plan = two_versions["plan"]
    moede = Moede.objects.create(
        organ=OrganFactory(helhedsplan=plan), tidspunkt=datetime.datetime(2020, 3, 5, 17, tzinfo=datetime.UTC)
    )
    punkt = Dagsordenspunkt.objects.create(moede=moede, nummer=1, titel="Status")
    draft_goal = two_versions["goals"][2][0]
    punkt.strategiske_maal.add(draft_goal)
    form = DagsordenspunktForm(instance=punkt, plan=plan)
    labels = _labels(form)
    assert labels.count("1. Flere unge i uddannelse") == 1
    assert "1. Flere unge i uddannelse (samarbejdsaftalens version 2)" in labels
    assert len(labels) == 3


def test_delmaal_form_offers_each_goal_once_and_keeps_linked_older_goal(two_versions, client_pl_a):
    plan = two_versions["plan"]
    current = two_versions["goals"][1]
    delmaal = DelmaalFactory(delaftale=DelaftaleFactory(helhedsplan=plan), strategiske_maal=[current[0]])
    form = DelmaalForm(instance=delmaal, plan=plan)
    assert _labels(form) == ["1. Flere unge i uddannelse", "2. Flere i job"]
    assert list(form.fields["strategiske_maal"].initial) == [current[0]]

    html = client_pl_a.get(
        reverse("helhedsplaner:delmaal_update", args=[plan.pk, delmaal.pk])
    ).content.decode()
    assert html.count("Flere unge i uddannelse") == 1
    assert html.count("Flere i job") == 1

    other = two_versions["goals"][2][1]
    delmaal.strategiske_maal.add(other)
    labels = _labels(DelmaalForm(instance=delmaal, plan=plan))
    assert labels == [
        "1. Flere unge i uddannelse",
        "2. Flere i job",
        "2. Flere i job (samarbejdsaftalens version 2)",
    ]
