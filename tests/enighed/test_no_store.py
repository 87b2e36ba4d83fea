"""The answer pages (personal link and after login) are never cached: every response,
refusals and error pages included, says ``Cache-Control: no-store``."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from enighed import services
from enighed.models import Enighedsmaaling
from tests.bestyrelser.factories import UserFactory
from tests.enighed.factories import open_survey, survey_plan

pytestmark = pytest.mark.django_db


def _no_store(response, expected_status: int) -> None:
    assert response.status_code == expected_status
    cache_control = response.get("Cache-Control", "")
    assert "no-store" in cache_control and "private" in cache_control, cache_control


def _answers(maaling, value=4):
    return {f"q{q.pk}": value for q in maaling.spoergsmaal.all() if q.er_skala}


def test_token_page_is_never_cached_whatever_it_answers(client, plan_a, projektleder_a):
    survey_plan(plan_a)
    maaling = open_survey(projektleder_a, plan_a)
    mine = maaling.invitationer.get(person__user=projektleder_a)
    other = maaling.invitationer.exclude(person__user=projektleder_a).first()
    url = reverse("enighed:svar_token", args=[services.token_for(other)])

    _no_store(client.get(url), 200)
    _no_store(client.post(url, {f"q{maaling.spoergsmaal.first().pk}": 9}), 400)
    _no_store(client.get(reverse("enighed:svar_token", args=["ugyldigt-token"])), 404)
    _no_store(client.post(url, _answers(maaling)), 302)
    _no_store(client.get(url), 409)  # answered

    client.force_login(projektleder_a)  # someone else's link while logged in
    other_again = maaling.invitationer.exclude(pk__in=[other.pk, mine.pk]).first()
    _no_store(client.get(reverse("enighed:svar_token", args=[services.token_for(other_again)])), 403)

    Enighedsmaaling.objects.filter(pk=maaling.pk).update(
        lukkedato=timezone.localdate() - datetime.timedelta(days=1)
    )
    client.logout()
    _no_store(client.get(reverse("enighed:svar_token", args=[services.token_for(other_again)])), 410)


def test_answer_after_login_is_never_cached_whatever_it_answers(
    client, plan_a, projektleder_a, board_member_a, lbf_user
):
    survey_plan(plan_a)
    maaling = open_survey(projektleder_a, plan_a)
    url = reverse("enighed:besvar", args=[maaling.pk])
    client.force_login(board_member_a)
    _no_store(client.get(url), 200)
    _no_store(client.post(url, {f"q{maaling.spoergsmaal.first().pk}": 9}), 400)
    _no_store(client.post(url, _answers(maaling, 5)), 302)
    _no_store(client.get(url), 409)
    client.force_login(lbf_user)  # sees the plan, not invited
    _no_store(client.get(url), 403)
    client.force_login(UserFactory(username="fremmed"))  # does not see the plan
    _no_store(client.get(url), 404)
