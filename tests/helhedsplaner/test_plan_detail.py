import pytest

from tests.helhedsplaner.factories import (
    AktivitetsregistreringFactory,
    DeltagertalFactory,
    MaalgruppeFactory,
    build_chain,
)

pytestmark = pytest.mark.django_db


def test_overview_shows_the_whole_chain(client_board_a, plan_a):
    build_chain(plan_a, activities=2)
    html = client_board_a.get(plan_a.get_absolute_url()).content.decode()
    for text in (
        "Flere unge i job og uddannelse",  # strategic goal
        "Andelen af 18-29-årige i uddannelse eller job stiger",  # success criterion
        "Unge i fritidsjob",  # delmål
        "Lommepengejob hold 2",  # activity
        "Følgegruppe for uddannelse",  # body
        "Jens Følgesen",  # member
        "best_a Persona",  # board member
    ):
        assert text in html, text


def test_overview_flags_a_goal_with_no_delmaal(client_board_a, plan_a):
    build_chain(plan_a, activities=1)
    html = client_board_a.get(plan_a.get_absolute_url()).content.decode()
    assert "Ingen delmål følger op på dette mål" in html


def test_overview_counts_participants_per_activity(client_board_a, plan_a):
    _, delmaal = build_chain(plan_a, activities=1)
    aktivitet = delmaal.aktiviteter.get()
    DeltagertalFactory(
        registrering=AktivitetsregistreringFactory(aktivitet=aktivitet),
        maalgruppe=MaalgruppeFactory(navn="Forældre"),
        antal=5,
    )
    response = client_board_a.get(plan_a.get_absolute_url())
    activity = response.context["delaftaler"][0].delmaal.all()[0].aktiviteter.all()[0]
    assert activity.antal_registreringer == 2
    assert activity.deltagere_i_alt == 12


def _count_queries(client, plan, django_assert_num_queries, expected: int) -> None:
    with django_assert_num_queries(expected):
        response = client.get(plan.get_absolute_url())
        assert response.status_code == 200


# Session + user, the plan (visibility), roles, agreement (+ goals, criteria, delmål per goal),
# delaftaler (+ delmål, their goals, activities, activity groups, partners), bodies
# (+ members, covered delaftaler), budget, boligorganisationer, afdelinger.
OVERVIEW_QUERIES = 21


def test_overview_query_count_is_constant_with_one_activity(
    client_board_a, plan_a, django_assert_num_queries
):
    build_chain(plan_a, activities=1)
    _count_queries(client_board_a, plan_a, django_assert_num_queries, OVERVIEW_QUERIES)


def test_overview_query_count_is_constant_with_twenty_activities(
    client_board_a, plan_a, django_assert_num_queries
):
    build_chain(plan_a, activities=20)
    _count_queries(client_board_a, plan_a, django_assert_num_queries, OVERVIEW_QUERIES)


def test_home_query_count_does_not_grow_with_plans(client_lbf, plan_a, plan_b, django_assert_num_queries):
    from django.urls import reverse

    # Session, user, LBF group check, plans with counts, boligorganisationer, worklist memberships.
    with django_assert_num_queries(6):
        html = client_lbf.get(reverse("home")).content.decode()
        assert plan_a.navn in html and plan_b.navn in html
