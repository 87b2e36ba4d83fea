"""Every change to plan data is recorded: who, when, what."""

import pytest
from django.test import RequestFactory
from simple_history.middleware import HistoryRequestMiddleware

from tests.bestyrelser.factories import UserFactory
from tests.helhedsplaner.factories import DelmaalFactory, StrategiskMaalFactory

pytestmark = pytest.mark.django_db


def test_change_to_a_delmaal_is_recorded_with_old_and_new_value():
    delmaal = DelmaalFactory(titel="Flere børn i lektiecafé")
    delmaal.titel = "Flere børn og unge i lektiecafé"
    delmaal.save(update_fields=["titel"])

    latest, first = delmaal.history.all()[:2]
    assert first.history_type == "+"
    assert latest.history_type == "~"
    change = latest.diff_against(first).changes
    assert [(c.field, c.old, c.new) for c in change] == [
        ("titel", "Flere børn i lektiecafé", "Flere børn og unge i lektiecafé")
    ]


def test_history_records_the_user_behind_a_request():
    user = UserFactory(username="projektleder")
    request = RequestFactory().post("/")
    request.user = user

    def change(_request):
        delmaal = DelmaalFactory()
        delmaal.titel = "Ændret af projektleder"
        delmaal.save()
        return delmaal

    middleware = HistoryRequestMiddleware(change)
    delmaal = middleware(request)
    assert delmaal.history.first().history_user == user


def test_linking_a_delmaal_to_a_strategic_goal_is_recorded():
    delmaal = DelmaalFactory()
    goal = StrategiskMaalFactory()
    delmaal.strategiske_maal.add(goal)
    latest = delmaal.history.first()
    assert [row.strategiskmaal_id for row in latest.strategiske_maal.all()] == [goal.pk]


def test_deletion_is_recorded():
    delmaal = DelmaalFactory()
    pk = delmaal.pk
    delmaal.delete()
    from helhedsplaner.models import Delmaal

    assert Delmaal.history.filter(id=pk).latest().history_type == "-"
