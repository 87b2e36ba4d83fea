import datetime

import pytest
from django.urls import reverse

from bestyrelser.models import Medlemskab
from helhedsplaner.access import plan_roles
from helhedsplaner.models import Helhedsplan
from tests.bestyrelser.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_anonymous_is_redirected_to_login_from_home(client):
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_anonymous_is_redirected_to_login_from_a_plan(client, plan_a):
    response = client.get(plan_a.get_absolute_url())
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_login_page_and_healthz_need_no_login(client):
    assert client.get(reverse("login")).status_code == 200
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_login_with_wrong_password_shows_a_danish_error(client, board_member_a):
    response = client.post(reverse("login"), {"username": "best_a", "password": "forkert"})
    assert response.status_code == 200
    assert "Brugernavn eller adgangskode er forkert" in response.content.decode()


def test_login_with_right_password_lands_on_home(client, board_member_a):
    response = client.post(
        reverse("login"), {"username": "best_a", "password": "hemmelig-kode-123"}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("home")
    assert "Helhedsplan Aaparken" in response.content.decode()


def test_member_of_plan_b_gets_404_on_plan_a(client_b, plan_a):
    response = client_b.get(plan_a.get_absolute_url())
    assert response.status_code == 404


def test_unknown_plan_and_forbidden_plan_answer_the_same(client_b, plan_a):
    forbidden = client_b.get(plan_a.get_absolute_url())
    missing = client_b.get(reverse("helhedsplaner:plan_detail", kwargs={"pk": 999_999}))
    assert forbidden.status_code == missing.status_code == 404


def test_home_lists_only_the_users_own_plans(client_board_a, plan_a, plan_b):
    content = client_board_a.get(reverse("home")).content.decode()
    assert plan_a.navn in content
    assert plan_b.navn not in content


def test_lbf_staff_see_every_plan(client_lbf, plan_a, plan_b):
    content = client_lbf.get(reverse("home")).content.decode()
    assert plan_a.navn in content and plan_b.navn in content
    assert client_lbf.get(plan_a.get_absolute_url()).status_code == 200
    assert client_lbf.get(plan_b.get_absolute_url()).status_code == 200


def test_user_without_memberships_sees_no_plans(client, plan_a):
    client.force_login(UserFactory(username="udenfor"))
    assert client.get(plan_a.get_absolute_url()).status_code == 404
    assert "ikke tilknyttet nogen helhedsplan" in client.get(reverse("home")).content.decode()


def test_ended_membership_no_longer_gives_access(client, board_member_a, plan_a):
    Medlemskab.objects.filter(person__user=board_member_a).update(til=datetime.date(2020, 1, 1))
    client.force_login(board_member_a)
    assert client.get(plan_a.get_absolute_url()).status_code == 404


def test_visible_to_is_the_one_source_of_plan_visibility(board_member_a, member_b, lbf_user, plan_a, plan_b):
    assert list(Helhedsplan.objects.visible_to(board_member_a)) == [plan_a]
    assert list(Helhedsplan.objects.visible_to(member_b)) == [plan_b]
    assert set(Helhedsplan.objects.visible_to(lbf_user)) == {plan_a, plan_b}


def test_visible_to_does_not_repeat_a_plan_for_several_memberships(board_member_a, plan_a):
    Medlemskab.objects.create(
        person=board_member_a.person,
        organ=plan_a.organer.get(),
        rolle=Medlemskab.Rolle.SEKRETAER,
        repraesenterer=Medlemskab.Repraesenterer.ANDET,
        niveau=Medlemskab.Niveau.LEDER,
        fra=datetime.date(2018, 1, 1),
    )
    assert Helhedsplan.objects.visible_to(board_member_a).count() == 1


def test_plan_roles_follow_memberships(projektleder_a, board_member_a, member_b, lbf_user, plan_a):
    assert plan_roles(projektleder_a, plan_a).projektleder
    assert plan_roles(projektleder_a, plan_a).can_edit_practice
    board = plan_roles(board_member_a, plan_a)
    assert board.bestyrelsesmedlem and not board.can_edit_practice
    assert not plan_roles(member_b, plan_a).can_view
    lbf = plan_roles(lbf_user, plan_a)
    assert lbf.lbf and lbf.can_view and not lbf.can_edit_practice
