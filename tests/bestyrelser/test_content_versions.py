"""A change to one plan invalidates that plan's cached dashboard only (issue 17): every model
the dashboard shows bumps its own plan's content version, in every write path, and the
provided sections' stamps are restricted to the plan."""

import datetime

import pytest
from django.apps import apps
from django.core.cache import cache
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from bestyrelser import versions
from bestyrelser.models import Kommentar, Moede, Moededeltagelse, Organ
from bestyrelser.sections import providers
from bestyrelser.selectors import content_stamp
from tests.bestyrelser.factories import PersonFactory
from tests.enighed.test_views import _closed_survey
from tests.helhedsplaner.factories import StatusrapportFactory, build_chain

pytestmark = pytest.mark.django_db


def _fill(plan, user) -> None:
    """A plan with at least one row of every model in versions.PLAN_PATHS."""
    goal, delmaal = build_chain(plan, activities=1)
    StatusrapportFactory(delaftale=delmaal.delaftale)
    board = Organ.objects.filter(helhedsplan=plan, type=Organ.Type.BESTYRELSE).first()
    moede = Moede.objects.create(
        organ=board, tidspunkt=datetime.datetime(2024, 3, 5, 17, tzinfo=datetime.UTC), status="afholdt"
    )
    Moededeltagelse.objects.create(moede=moede, person=PersonFactory())
    Kommentar.objects.create(succeskriterie=goal.succeskriterier.first(), forfatter=user, tekst="Hvorfor?")


@pytest.fixture
def two_plans(plan_a, plan_b, projektleder_a, member_b):
    _fill(plan_a, projektleder_a)
    _fill(plan_b, member_b)
    return plan_a, plan_b


def _row(label: tuple[str, str], plan):
    model = apps.get_model(*label)
    row = model.objects.filter(**{versions.PLAN_PATHS[label]: plan.pk}).first()
    assert row is not None, f"no {label} in the plan"
    return row


def test_every_stamped_model_has_a_path_to_its_plan():
    """Each model's path leads to Helhedsplan, and each writes history (the bump rides on
    simple_history's signal, so a model without history would never invalidate)."""
    from helhedsplaner.models import Helhedsplan

    for label, path in versions.PLAN_PATHS.items():
        model = apps.get_model(*label)
        assert hasattr(model, "history"), f"{label} writes no history"
        *steps, last = path.split("__")
        for step in steps:
            model = model._meta.get_field(step).related_model
        assert model._meta.get_field(last).related_model is Helhedsplan, label
    assert len(versions.PLAN_PATHS) == 12


@pytest.mark.parametrize("label", list(versions.PLAN_PATHS), ids=lambda label: label[1])
@pytest.mark.parametrize("write", ["save", "delete"])
def test_a_change_invalidates_its_own_plan_only(two_plans, label, write):
    plan_a, plan_b = two_plans
    row = _row(label, plan_a)
    before_a, before_b = content_stamp(plan_a)[0], content_stamp(plan_b)[0]
    getattr(row, write)()
    assert content_stamp(plan_a)[0] != before_a
    assert content_stamp(plan_b)[0] == before_b


def test_a_row_moved_to_another_plan_invalidates_both(two_plans):
    plan_a, plan_b = two_plans
    label = ("helhedsplaner", "Delmaal")
    delmaal, target = _row(label, plan_a), _row(("helhedsplaner", "Delaftale"), plan_b)
    before_a, before_b = content_stamp(plan_a)[0], content_stamp(plan_b)[0]
    delmaal.delaftale = target
    delmaal.save()
    assert content_stamp(plan_a)[0] != before_a
    assert content_stamp(plan_b)[0] != before_b


def test_a_rolled_back_change_leaves_the_stamp(two_plans):
    plan_a, _plan_b = two_plans
    before = content_stamp(plan_a)[0]
    with pytest.raises(RuntimeError), transaction.atomic():
        _row(("bestyrelser", "Kommentar"), plan_a).save()
        raise RuntimeError
    assert content_stamp(plan_a)[0] == before


def test_bulk_writes_with_history_bump_through_bump_rows(two_plans):
    plan_a, plan_b = two_plans
    moede = _row(("bestyrelser", "Moede"), plan_a)
    before_a, before_b = content_stamp(plan_a)[0], content_stamp(plan_b)[0]
    created = bulk_create_with_history(
        [Moededeltagelse(moede=moede, person=PersonFactory())], Moededeltagelse
    )
    versions.bump_rows(Moededeltagelse, created)
    assert content_stamp(plan_a)[0] != before_a
    assert content_stamp(plan_b)[0] == before_b


@pytest.mark.parametrize("provider", [p for p in providers() if p.changed], ids=lambda p: p.key)
def test_a_provided_section_invalidates_its_own_plan_only(plan_a, plan_b, projektleder_a, lbf_user, provider):
    _closed_survey(plan_a, projektleder_a)
    _closed_survey(plan_b, lbf_user)
    model, name = provider.changed
    before_a, before_b = content_stamp(plan_a)[0], content_stamp(plan_b)[0]
    # update(): no signals and no history, as any write path may do.
    rows = model.objects.filter(**{provider.plan_path: plan_a.pk})
    assert rows.exists()
    rows.update(**{name: timezone.now() + datetime.timedelta(minutes=1)})
    assert content_stamp(plan_a)[0] != before_a
    assert content_stamp(plan_b)[0] == before_b


def test_a_change_to_plan_b_keeps_plan_a_cached(two_plans, client_board_a, django_assert_num_queries):
    from tests.bestyrelser.test_meetings import DASHBOARD_QUERIES_WARM

    plan_a, plan_b = two_plans
    cache.clear()
    url = reverse("bestyrelser:dashboard", args=[plan_a.pk])
    assert client_board_a.get(url).status_code == 200
    _row(("helhedsplaner", "Aktivitet"), plan_b).save()
    with django_assert_num_queries(DASHBOARD_QUERIES_WARM):  # still the cached page
        assert client_board_a.get(url).status_code == 200
