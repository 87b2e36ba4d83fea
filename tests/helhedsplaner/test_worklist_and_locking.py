"""Worklist and completeness in a fixed number of queries; locking in the admin;
optimistic locking under real concurrent transactions."""

import datetime
import threading

import pytest
from django.db import connection, connections
from django.urls import reverse

from helhedsplaner import services
from helhedsplaner.models import Delmaalstatus, Statusrapport
from helhedsplaner.selectors import worklist
from portal import errors
from tests.bestyrelser.factories import UserFactory
from tests.conftest import skip_unless_available
from tests.helhedsplaner.factories import StatusrapportFactory, report_setup

S = Statusrapport.Status
TODAY = datetime.date(2026, 11, 26)


SUBMITTED = datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)


def many_reports(setup, n: int, status: str) -> None:
    start = datetime.date(2019, 1, 1)
    sent = None if status == S.KLADDE else SUBMITTED
    for i in range(n):
        month = start.month + 3 * i
        periode_start = datetime.date(start.year + (month - 1) // 12, (month - 1) % 12 + 1, 1)
        if Statusrapport.objects.filter(delaftale=setup["delaftale"], periode_start=periode_start).exists():
            Statusrapport.objects.filter(delaftale=setup["delaftale"], periode_start=periode_start).update(
                status=status, indsendt_tidspunkt=sent
            )
            continue
        StatusrapportFactory(
            delaftale=setup["delaftale"],
            periode_start=periode_start,
            periode_slut=periode_start + datetime.timedelta(days=80),
            status=status,
            indsendt_tidspunkt=sent,
        )


@pytest.mark.django_db
@pytest.mark.parametrize("n", [1, 16])
def test_worklist_query_count_is_constant(
    group_member_a, projektleder_a, board_member_a, n, django_assert_num_queries
):
    setup = group_member_a.setup
    many_reports(setup, n, S.INDSENDT)
    # memberships, delaftaler the groups follow, open reports, their following bodies
    with django_assert_num_queries(4):
        items = worklist(group_member_a, today=TODAY)
        assert len(items) == n and {i.kind for i in items} == {"accepter"}
        assert all(i.delaftale.indsatsomraade.navn and i.plan.navn for i in items)
    # The projektleder: memberships, open reports, their following bodies, then the expected
    # reports (delaftaler, reports) for the missing periods, oldest first.
    with django_assert_num_queries(5):
        items = worklist(projektleder_a, today=TODAY)
        assert len(items) == 16 - n  # the quarters of the four-year plan with no report yet
        assert [i.frist for i in items] == sorted(i.frist for i in items)
        assert all(i.delaftale.indsatsomraade.navn for i in items)


@pytest.mark.django_db
def test_worklist_gives_each_role_its_own_work(group_member_a, projektleder_a, board_member_a, member_b):
    setup = group_member_a.setup
    rapport = setup["rapport"]
    assert [i.kind for i in worklist(projektleder_a, today=TODAY) if i.rapport == rapport] == ["skriv"]
    Statusrapport.objects.filter(pk=rapport.pk).update(
        status=S.INDSENDT, indsendt_tidspunkt=datetime.datetime(2019, 4, 10, tzinfo=datetime.UTC)
    )
    assert [i.kind for i in worklist(group_member_a, today=TODAY)] == ["accepter"]
    assert worklist(board_member_a, today=TODAY) == []  # the group has not accepted yet
    Statusrapport.objects.filter(pk=rapport.pk).update(status=S.ACCEPTERET)
    assert [i.kind for i in worklist(board_member_a, today=TODAY)] == ["godkend"]
    assert worklist(member_b, today=TODAY) == []


@pytest.mark.django_db
def test_worklist_flags_overdue_reports(projektleder_a, plan_a):
    report_setup(plan_a, covered=False)
    items = worklist(projektleder_a, today=TODAY)
    assert items and all(i.overdue for i in items if i.kind == "skriv")


@pytest.mark.django_db
@pytest.mark.parametrize("n", [1, 16])
def test_completeness_view_query_count_is_constant(
    client_board_a, plan_a, group_member_a, n, django_assert_num_queries
):
    setup = group_member_a.setup
    many_reports(setup, n, S.INDSENDT)
    # session, user, plan, roles (LBF group, memberships), delaftaler, reports
    with django_assert_num_queries(7):
        response = client_board_a.get(reverse("helhedsplaner:statusrapport_list", args=[plan_a.pk]))
        assert response.status_code == 200
        assert response.context["counts"]["rettidig"] + response.context["counts"]["for_sent"] == n


@pytest.mark.django_db
def test_admin_cannot_change_a_locked_report(client, plan_a, projektleder_a):
    setup = report_setup(plan_a, covered=False)
    rapport = setup["rapport"]
    Statusrapport.objects.filter(pk=rapport.pk).update(
        status=S.LAAST,
        indsendt_tidspunkt=datetime.datetime(2019, 4, 10, tzinfo=datetime.UTC),
        godkendt_tidspunkt=datetime.datetime(2019, 5, 10, tzinfo=datetime.UTC),
    )
    admin = UserFactory(username="root", is_staff=True, is_superuser=True)
    client.force_login(admin)
    change_url = reverse("admin:helhedsplaner_statusrapport_change", args=[rapport.pk])
    page = client.get(change_url)
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    response = client.post(change_url, {"fortaelling": "Ændret i admin", "delaftale": setup["delaftale"].pk})
    assert response.status_code == 403
    delete = client.post(
        reverse("admin:helhedsplaner_statusrapport_delete", args=[rapport.pk]), {"post": "yes"}
    )
    assert delete.status_code == 403
    assert Statusrapport.objects.filter(pk=rapport.pk, fortaelling="").exists()


@pytest.mark.django_db
def test_admin_shows_workflow_fields_read_only(client, plan_a):
    setup = report_setup(plan_a, covered=False)
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    page = client.get(reverse("admin:helhedsplaner_statusrapport_change", args=[setup["rapport"].pk]))
    assert 'name="status"' not in page.content.decode()


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_saves_one_wins_the_other_is_refused(plan_a, projektleder_a):
    """Real concurrent transactions (PostgreSQL): both load revision 1, both save; the
    row lock serialises them and the second is refused instead of overwriting."""
    skip_unless_available(
        connection.vendor == "postgresql",
        "needs PostgreSQL for concurrent transactions (set DATABASE_URL)",
    )
    setup = report_setup(plan_a, covered=False)
    rapport = setup["rapport"]
    loaded = rapport.revision
    barrier = threading.Barrier(2)
    results: dict[str, str] = {}

    def save(name: str) -> None:
        try:
            copy = Statusrapport.objects.get(pk=rapport.pk)
            barrier.wait(timeout=10)
            services.statusrapport_save_draft(
                user=projektleder_a,
                rapport=copy,
                fortaelling=f"Tekst fra {name}",
                delmaal_status={d.pk: (Delmaalstatus.Status.PAA_SPORET, "") for d in setup["delmaal"]},
                vaerdier=[],
                expected_revision=loaded,
            )
            results[name] = "gemt"
        except errors.Conflict:
            results[name] = "konflikt"
        finally:
            connections.close_all()

    threads = [threading.Thread(target=save, args=(n,)) for n in ("A", "B")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert sorted(results.values()) == ["gemt", "konflikt"]
    winner = next(n for n, r in results.items() if r == "gemt")
    rapport.refresh_from_db()
    assert rapport.fortaelling == f"Tekst fra {winner}" and rapport.revision == loaded + 1
