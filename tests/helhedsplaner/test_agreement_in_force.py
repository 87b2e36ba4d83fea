"""The one rule for "which agreement version applies on a day" (Samarbejdsaftale.objects)."""

import datetime

import pytest

from helhedsplaner.models import Aftalestatus, Samarbejdsaftale
from tests.helhedsplaner.factories import HelhedsplanFactory, SamarbejdsaftaleFactory

pytestmark = pytest.mark.django_db
D = datetime.date


def _at(day: datetime.date) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, 12, tzinfo=datetime.UTC)


@pytest.fixture
def plan():
    return HelhedsplanFactory(startdato=D(2019, 1, 1), slutdato=D(2022, 12, 31))


def test_first_version_applies_from_the_plan_start_even_if_approved_late(plan):
    v1 = SamarbejdsaftaleFactory(helhedsplan=plan, godkendt_tidspunkt=_at(D(2019, 3, 1)))
    assert plan.samarbejdsaftaler.in_force(D(2019, 1, 15)) == v1
    assert v1.ikraft_fra == D(2019, 3, 1)


def test_new_version_applies_from_its_approval_not_its_gyldig_fra(plan):
    v1 = SamarbejdsaftaleFactory(helhedsplan=plan)
    v2 = SamarbejdsaftaleFactory(helhedsplan=plan, version=2, godkendt_tidspunkt=_at(D(2021, 7, 1)))
    assert v2.gyldig_fra == D(2019, 1, 1)
    assert plan.samarbejdsaftaler.in_force(D(2021, 6, 30)) == v1
    assert plan.samarbejdsaftaler.in_force(D(2021, 7, 1)) == v2
    assert Samarbejdsaftale.objects.in_force_by_plan(D(2020, 12, 31)) == {plan.pk: v1}


def test_new_version_with_later_gyldig_fra_waits_for_it(plan):
    v1 = SamarbejdsaftaleFactory(helhedsplan=plan)
    v2 = SamarbejdsaftaleFactory(
        helhedsplan=plan, version=2, gyldig_fra=D(2022, 1, 1), godkendt_tidspunkt=_at(D(2021, 7, 1))
    )
    assert plan.samarbejdsaftaler.in_force(D(2021, 12, 31)) == v1
    assert plan.samarbejdsaftaler.in_force(D(2022, 1, 1)) == v2


def test_drafts_submitted_and_rejected_versions_are_never_in_force(plan):
    v1 = SamarbejdsaftaleFactory(helhedsplan=plan)
    for n, status in enumerate([Aftalestatus.AFVIST, Aftalestatus.INDSENDT, Aftalestatus.KLADDE], start=2):
        SamarbejdsaftaleFactory(helhedsplan=plan, version=n, status=status, godkendt_tidspunkt=None)
    assert plan.samarbejdsaftaler.in_force(D(2022, 6, 1)) == v1
    assert plan.samarbejdsaftaler.current(D(2022, 6, 1)) == v1


def test_a_plan_with_only_a_draft_shows_the_draft_as_current_but_nothing_is_in_force(plan):
    draft = SamarbejdsaftaleFactory(helhedsplan=plan, status=Aftalestatus.KLADDE, godkendt_tidspunkt=None)
    assert plan.samarbejdsaftaler.in_force(D(2020, 1, 1)) is None
    assert plan.samarbejdsaftaler.current() == draft
    assert Samarbejdsaftale.objects.current_by_plan() == {plan.pk: draft}


def test_by_plan_questions_take_one_query(plan, django_assert_num_queries):
    other = HelhedsplanFactory()
    v1 = SamarbejdsaftaleFactory(helhedsplan=plan)
    w1 = SamarbejdsaftaleFactory(helhedsplan=other)
    with django_assert_num_queries(1):
        assert Samarbejdsaftale.objects.current_by_plan(D(2020, 1, 1)) == {plan.pk: v1, other.pk: w1}
    with django_assert_num_queries(1):
        assert Samarbejdsaftale.objects.in_force_by_plan(D(2020, 1, 1)) == {plan.pk: v1, other.pk: w1}
