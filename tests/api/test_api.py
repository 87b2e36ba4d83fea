"""The read API as a client uses it: keys, access, pages, incremental sync, ETags, limits,
errors, query counts, and agreement with the board's dashboard."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from api.models import ApiNoegle
from bestyrelser.dashboard import dashboard_data
from helhedsplaner.models import Helhedsplan
from monitorering.services import plan_recompute
from tests.helhedsplaner.factories import (
    AktivitetFactory,
    AktivitetsregistreringFactory,
    BudgetpostFactory,
    DeltagertalFactory,
    HelhedsplanFactory,
    MaalgruppeFactory,
    build_chain,
)
from tests.monitorering.factories import monitored_plan

pytestmark = pytest.mark.django_db

PLANS = reverse("api:plan_list")


def _plan_url(name: str, plan, **kw) -> str:
    return reverse(f"api:{name}", kwargs={"plan_id": plan.pk, **kw})


# --- keys ------------------------------------------------------------------------------------


def test_command_prints_the_key_alone_on_its_last_line_and_it_works(client, projektleder_a, plan_a):
    out = io.StringIO()
    call_command("api_token", "pl_a", "--name", "Power BI", stdout=out)
    raw = out.getvalue().rstrip("\n").splitlines()[-1]
    assert raw.startswith("bsp_") and " " not in raw
    noegle = ApiNoegle.objects.get(bruger=projektleder_a)
    assert noegle.navn == "Power BI"
    assert raw not in {noegle.noegle_hash, noegle.praefiks} and noegle.noegle_hash != raw
    response = client.get(PLANS, HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 200
    assert [p["id"] for p in response.json()["resultater"]] == [plan_a.pk]
    noegle.refresh_from_db()
    assert noegle.sidst_brugt is not None  # last use recorded


def test_command_refuses_an_unknown_user():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("api_token", "findes-ikke")


def test_key_created_on_the_security_page_is_shown_once_and_stored_hashed(client_pl_a, projektleder_a):
    page = client_pl_a.get(reverse("security"))
    assert "API-nøgler" in page.content.decode()
    response = client_pl_a.post(reverse("api_noegle_create"), {"navn": "Datavarehus", "udloeber": ""})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    noegle = ApiNoegle.objects.get(bruger=projektleder_a)
    raw = response.context["raw"]
    assert raw in response.content.decode()
    assert raw not in client_pl_a.get(reverse("security")).content.decode()  # never shown again
    assert noegle.praefiks in client_pl_a.get(reverse("security")).content.decode()
    from api.tokens import hash_key

    assert noegle.noegle_hash == hash_key(raw)


def test_bad_key_form_is_refused_with_a_danish_error_and_nothing_saved(client_pl_a):
    yesterday = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
    response = client_pl_a.post(reverse("api_noegle_create"), {"navn": "  ", "udloeber": yesterday})
    assert response.status_code == 400
    text = response.content.decode()
    assert "Giv nøglen et navn." in text or "Dette felt er påkrævet." in text
    assert "Udløbsdatoen skal ligge i fremtiden." in text
    assert not ApiNoegle.objects.exists()


def test_revoked_and_expired_keys_are_refused(client, client_pl_a, projektleder_a, plan_a):
    from api.tokens import key_create

    noegle, raw = key_create(user=projektleder_a, navn="A")
    assert client.get(PLANS, HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 200
    assert client_pl_a.post(reverse("api_noegle_revoke", args=[noegle.pk])).status_code == 302
    response = client.get(PLANS, HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 401
    assert response.json()["kode"] == "ugyldig_noegle"
    expired, raw2 = key_create(
        user=projektleder_a, navn="B", udloeber=timezone.now() + datetime.timedelta(hours=1)
    )
    ApiNoegle.objects.filter(pk=expired.pk).update(udloeber=timezone.now() - datetime.timedelta(seconds=1))
    assert client.get(PLANS, HTTP_AUTHORIZATION=f"Bearer {raw2}").status_code == 401


def test_another_users_key_cannot_be_revoked(client_b, projektleder_a):
    from api.tokens import key_create

    noegle, _raw = key_create(user=projektleder_a, navn="A")
    assert client_b.post(reverse("api_noegle_revoke", args=[noegle.pk])).status_code == 404
    noegle.refresh_from_db()
    assert noegle.tilbagekaldt is None


def test_lbf_staff_create_keys_only_from_a_two_factor_verified_session(client, lbf_user):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client.force_login(lbf_user)
    assert (
        "kun oprette API-nøgler efter login med to-faktor" in client.get(reverse("security")).content.decode()
    )
    response = client.post(reverse("api_noegle_create"), {"navn": "LBF BI"})
    assert response.status_code == 302 and not ApiNoegle.objects.exists()
    device = TOTPDevice.objects.create(user=lbf_user, name="app", confirmed=True)
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    response = client.post(reverse("api_noegle_create"), {"navn": "LBF BI"})
    assert response.status_code == 200
    assert ApiNoegle.objects.filter(bruger=lbf_user).count() == 1


# --- authentication and errors ---------------------------------------------------------------


def test_anonymous_and_malformed_authorization_get_json_401(client):
    for headers in ({}, {"HTTP_AUTHORIZATION": "Basic eDp5"}, {"HTTP_AUTHORIZATION": "Bearer bsp_wrong"}):
        response = client.get(PLANS, **headers)
        assert response.status_code == 401
        body = response.json()
        assert set(body) == {"kode", "besked"} and body["besked"]


def test_session_gives_the_same_as_a_key(client_pl_a, projektleder_a, plan_a, key_for):
    by_session = client_pl_a.get(PLANS).json()
    client_pl_a.logout()
    assert client_pl_a.get(PLANS, **key_for(projektleder_a)).json() == by_session


def test_foreign_plan_answers_exactly_like_a_missing_one(client, plan_a, member_b, key_for):
    headers = key_for(member_b)
    foreign = client.get(_plan_url("plan_detail", plan_a), **headers)
    missing = client.get(reverse("api:plan_detail", kwargs={"plan_id": 2_000_000_000}), **headers)
    assert foreign.status_code == missing.status_code == 404
    assert (
        foreign.json()
        == missing.json()
        == {"kode": "findes_ikke", "besked": "Findes ikke, eller du har ikke adgang."}
    )


@pytest.mark.parametrize("plan_id", ["abc", "0", "-1", "99999999999999999999", "1.5"])
def test_hostile_ids_are_400_or_404_never_500(client, projektleder_a, key_for, plan_id):
    response = client.get(f"/api/v1/plans/{plan_id}/", **key_for(projektleder_a))
    assert response.status_code in (400, 404)
    if response.status_code == 400:
        assert response.json()["kode"] == "ugyldig_parameter"


def test_members_see_no_lbf_routes(client, plan_a, projektleder_a, key_for):
    headers = key_for(projektleder_a)
    assert client.get(reverse("api:overview"), **headers).status_code == 404
    assert client.get(_plan_url("finding_list", plan_a), **headers).status_code == 404


# --- pages, incremental sync, ETags, the rate limit ------------------------------------------


def test_cursor_pages_walk_every_plan_once(client, lbf_user, key_for):
    plans = HelhedsplanFactory.create_batch(5)
    headers = key_for(lbf_user)
    seen, url = [], PLANS + "?limit=2"
    while url:
        body = client.get(url, **headers).json()
        assert len(body["resultater"]) <= 2
        seen += [p["id"] for p in body["resultater"]]
        url = body["naeste"]
    assert seen == sorted(p.pk for p in plans)
    bad = client.get(PLANS + "?cursor=%%%", **headers)
    assert bad.status_code == 400 and bad.json()["kode"] == "ugyldig_parameter"
    assert client.get(PLANS + "?limit=0", **headers).status_code == 400


def test_updated_since_gives_only_what_changed(client, lbf_user, key_for):
    old, changed = HelhedsplanFactory(), HelhedsplanFactory()
    Helhedsplan.history.filter(id=old.pk).update(history_date=timezone.now() - datetime.timedelta(days=3))
    Helhedsplan.history.filter(id=changed.pk).update(history_date=timezone.now() - datetime.timedelta(days=3))
    since = timezone.now() - datetime.timedelta(days=1)
    changed.navn = "Ny navn"
    changed.save()
    headers = key_for(lbf_user)
    body = client.get(PLANS, {"updated_since": since.isoformat()}, **headers).json()
    assert [p["id"] for p in body["resultater"]] == [changed.pk]
    assert client.get(PLANS, {"updated_since": "i går"}, **headers).status_code == 400
    assert client.get(PLANS, {"updated_since": "0001-01-01"}, **headers).status_code == 400


def test_etag_answers_304_until_the_data_changes(client, plan_a, projektleder_a, key_for):
    headers = key_for(projektleder_a)
    first = client.get(PLANS, **headers)
    etag = first["ETag"]
    again = client.get(PLANS, HTTP_IF_NONE_MATCH=etag, **headers)
    assert again.status_code == 304 and again.content == b""
    plan_a.navn = "Helhedsplan Aaparken II"
    plan_a.save()
    changed = client.get(PLANS, HTTP_IF_NONE_MATCH=etag, **headers)
    assert changed.status_code == 200 and changed["ETag"] != etag


def test_rate_limit_per_key_answers_a_clear_429(client, settings, plan_a, projektleder_a, key_for):
    settings.API_RATE_LIMIT = "3/60"
    first, second = key_for(projektleder_a, "A"), key_for(projektleder_a, "B")
    assert [client.get(PLANS, **first).status_code for _ in range(3)] == [200, 200, 200]
    refused = client.get(PLANS, **first)
    assert refused.status_code == 429
    assert refused.json()["kode"] == "for_mange_kald"
    assert "For mange kald" in refused.json()["besked"]
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert client.get(PLANS, **second).status_code == 200  # per key


# --- content -----------------------------------------------------------------------------------


def test_plan_registry_has_budget_and_co_financing(client, plan_a, projektleder_a, key_for):
    BudgetpostFactory(helhedsplan=plan_a, kilde="lbf", beloeb=Decimal("750000"))
    BudgetpostFactory(helhedsplan=plan_a, kilde="kommune", beloeb=Decimal("250000"))
    body = client.get(_plan_url("plan_detail", plan_a), **key_for(projektleder_a)).json()
    assert body["budget"] == {
        "i_alt": 1000000.0,
        "lbf": 750000.0,
        "medfinansiering": 250000.0,
        "medfinansiering_pct": 25.0,
    }
    assert body["kommune"]["navn"] == plan_a.kommune.navn and body["region"] == plan_a.kommune.region


def test_activities_are_summed_per_quarter_and_target_group_never_single_participants(
    client, plan_a, projektleder_a, key_for
):
    boys, girls = MaalgruppeFactory(navn="Drenge"), MaalgruppeFactory(navn="Piger")
    aktivitet = AktivitetFactory(delmaal__delaftale__helhedsplan=plan_a)
    for day, antal in ((datetime.date(2019, 1, 10), 3), (datetime.date(2019, 2, 10), 4)):
        reg = AktivitetsregistreringFactory(aktivitet=aktivitet, dato=day, timer=Decimal("2"), note="Ali kom")
        DeltagertalFactory(registrering=reg, maalgruppe=boys, antal=antal)
        DeltagertalFactory(registrering=reg, maalgruppe=girls, antal=1)
    response = client.get(_plan_url("activity_list", plan_a), **key_for(projektleder_a))
    [row] = response.json()["resultater"]
    [q1] = row["perioder"]
    assert q1 == {
        "periode_start": "2019-01-01",
        "periode_slut": "2019-03-31",
        "gange": 2,
        "timer": 4.0,
        "deltagere": 9,
        "pr_maalgruppe": [{"maalgruppe": "Drenge", "deltagere": 7}, {"maalgruppe": "Piger", "deltagere": 2}],
    }
    assert "Ali" not in response.content.decode()


def test_api_and_dashboard_agree_on_a_criterions_periods(client, lbf_user, key_for):
    plan, crit = monitored_plan()
    plan_recompute(plan_id=plan.pk)
    share = crit["share"]
    body = client.get(
        reverse("api:criterion_periods", kwargs={"plan_id": plan.pk, "criterion_id": share.pk}),
        **key_for(lbf_user),
    ).json()
    dashboard = dashboard_data(plan)
    [shown] = [
        k for omr in dashboard["maal"] for g in omr["maal"] for k in g["kriterier"] if k["id"] == share.pk
    ]
    assert shown["serie"], "the dashboard shows periods"
    assert [
        {
            "periode": p["periode_slut"],
            "faktisk": p["faktisk"],
            "forventet": p["forventet"],
            "maal": p["maal"],
        }
        for p in body["resultater"]
    ] == shown["serie"]
    criteria = client.get(
        reverse("api:criterion_list", kwargs={"plan_id": plan.pk}), **key_for(lbf_user)
    ).json()
    [listed] = [k for k in criteria["resultater"] if k["id"] == share.pk]
    assert listed["status"] == shown["status"] and listed["maal"] == shown["maal"]


# --- query counts: constant in list size ------------------------------------------------------


def _count(client, url, headers) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url, **headers).status_code == 200
    return len(ctx.captured_queries)


def _grow(plan, goal, delmaal, first: int, n: int) -> None:
    """``n`` more rows of every list: plans, activities with registrations, criteria, status
    reports, meetings with decisions, agreement versions."""
    from bestyrelser.models import Beslutning, Dagsordenspunkt, Moede
    from tests.helhedsplaner.factories import (
        SamarbejdsaftaleFactory,
        StatusrapportFactory,
        SucceskriterieFactory,
    )

    board = plan.organer.first()
    for i in range(first, first + n):
        HelhedsplanFactory()
        DeltagertalFactory(
            registrering=AktivitetsregistreringFactory(aktivitet=AktivitetFactory(delmaal=delmaal))
        )
        SucceskriterieFactory(strategisk_maal=goal)
        StatusrapportFactory(
            delaftale=delmaal.delaftale,
            periode_start=datetime.date(2020 + i, 1, 1),
            periode_slut=datetime.date(2020 + i, 3, 31),
        )
        moede = Moede.objects.create(organ=board, tidspunkt=timezone.now() - datetime.timedelta(days=i + 1))
        punkt = Dagsordenspunkt.objects.create(moede=moede, nummer=1, titel="Budget", type="beslutning")
        Beslutning.objects.create(dagsordenspunkt=punkt, tekst="Godkendt")
        SamarbejdsaftaleFactory(helhedsplan=plan, version=2 + i, status="kladde")


@pytest.mark.parametrize(
    "name", ["plan_list", "activity_list", "meeting_list", "report_list", "criterion_list", "agreement_list"]
)
def test_query_count_does_not_grow_with_the_list(
    client, plan_a, lbf_user, key_for, django_assert_num_queries, name
):
    headers = key_for(lbf_user)
    url = PLANS if name == "plan_list" else _plan_url(name, plan_a)
    goal, delmaal = build_chain(plan_a, activities=1)
    _grow(plan_a, goal, delmaal, 0, 1)
    client.get(url, **headers)  # the key's last use is written once a minute: not in the count
    small = _count(client, url, headers)
    _grow(plan_a, goal, delmaal, 1, 6)
    with django_assert_num_queries(small):
        response = client.get(url, **headers)
    assert len(response.json()["resultater"]) > 3
