"""Every projektleder view: the happy path, one invalid input with its message, and a
forbidden user (member of another plan: 404; read-only role: 403). GET never changes state."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from helhedsplaner.models import Aktivitet, Aktivitetsregistrering, Delmaal, Statusrapport
from tests.helhedsplaner.factories import AktivitetFactory, MaalgruppeFactory, report_setup

pytestmark = pytest.mark.django_db
S = Statusrapport.Status


@pytest.fixture
def setup(plan_a, projektleder_a, board_member_a):
    return report_setup(plan_a)


@pytest.fixture
def aktivitet(setup):
    return AktivitetFactory(
        delmaal=setup["delmaal"][0],
        navn="Lektiecafé",
        startdato=datetime.date(2019, 1, 15),
        maalgrupper=[MaalgruppeFactory(navn="Børn 6-12 år")],
    )


def url(name, plan, *args):
    return reverse(f"helhedsplaner:{name}", args=[plan.pk, *args])


def html(response) -> str:
    return response.content.decode()


# Activities -----------------------------------------------------------------------------


def test_projektleder_creates_an_activity(client_pl_a, plan_a, setup):
    delmaal = setup["delmaal"][0]
    response = client_pl_a.post(
        url("aktivitet_create", plan_a),
        {
            "delmaal": delmaal.pk,
            "navn": "Bydelsmødre",
            "beskrivelse": "Mødre fra området vejleder andre mødre.",
            "startdato": "2019-03-01",
            "status": "i_gang",
            "nye_samarbejdspartnere": "Bydelsmødrene Aaparken\nRøde Kors",
        },
    )
    aktivitet = Aktivitet.objects.get(navn="Bydelsmødre")
    assert response.status_code == 302
    assert response["Location"] == url("aktivitet_detail", plan_a, aktivitet.pk)
    assert {p.navn for p in aktivitet.samarbejdspartnere.all()} == {"Bydelsmødrene Aaparken", "Røde Kors"}
    assert aktivitet.history.first().history_user.username == "pl_a"


def test_activity_dates_must_lie_in_the_plan_period(client_pl_a, plan_a, setup):
    response = client_pl_a.post(
        url("aktivitet_create", plan_a),
        {
            "delmaal": setup["delmaal"][0].pk,
            "navn": "For tidlig",
            "startdato": "2017-01-01",
            "status": "planlagt",
        },
    )
    assert response.status_code == 200
    assert "Datoen skal ligge i planperioden" in html(response)
    assert not Aktivitet.objects.filter(navn="For tidlig").exists()


def test_activity_end_before_start_is_refused(client_pl_a, plan_a, setup):
    response = client_pl_a.post(
        url("aktivitet_create", plan_a),
        {
            "delmaal": setup["delmaal"][0].pk,
            "navn": "Baglæns",
            "startdato": "2020-05-01",
            "slutdato": "2020-04-01",
            "status": "planlagt",
        },
    )
    assert "Slutdatoen kan ikke ligge før startdatoen." in html(response)


def test_board_member_may_not_create_activities(client_board_a, plan_a, setup):
    assert client_board_a.get(url("aktivitet_create", plan_a)).status_code == 403
    response = client_board_a.post(
        url("aktivitet_create", plan_a),
        {"delmaal": setup["delmaal"][0].pk, "navn": "X", "startdato": "2019-03-01", "status": "planlagt"},
    )
    assert response.status_code == 403
    assert not Aktivitet.objects.filter(navn="X").exists()


def test_member_of_another_plan_gets_404_on_activity_pages(client_b, plan_a, aktivitet):
    for name in ("aktivitet_detail", "aktivitet_update", "registrering_create", "registrering_bulk"):
        assert client_b.get(url(name, plan_a, aktivitet.pk)).status_code == 404, name


def test_activity_of_another_plan_is_404_through_my_plan(client_pl_a, plan_a, plan_b):
    other = AktivitetFactory(delmaal__delaftale__helhedsplan=plan_b)
    assert client_pl_a.get(url("aktivitet_detail", plan_a, other.pk)).status_code == 404


def test_editing_with_a_stale_revision_names_who_changed_it(
    client_pl_a, client, plan_a, aktivitet, projektleder_a
):
    form = {
        "delmaal": aktivitet.delmaal_id,
        "navn": "Lektiecafé for alle",
        "startdato": "2019-01-15",
        "status": "i_gang",
        "revision": aktivitet.revision,
    }
    assert client_pl_a.post(url("aktivitet_update", plan_a, aktivitet.pk), form).status_code == 302
    # A second editor who loaded the same revision saves later.
    response = client_pl_a.post(
        url("aktivitet_update", plan_a, aktivitet.pk), {**form, "navn": "Overskrevet"}
    )
    assert response.status_code == 200
    assert "Dine ændringer er ikke gemt" in html(response)
    assert "Genindlæs" in html(response)
    assert Aktivitet.objects.get(pk=aktivitet.pk).navn == "Lektiecafé for alle"


def test_projektleder_closes_an_activity(client_pl_a, plan_a, aktivitet):
    response = client_pl_a.post(
        url("aktivitet_close", plan_a, aktivitet.pk),
        {"status": "afsluttet", "slutdato": "2020-06-30", "revision": aktivitet.revision},
    )
    assert response.status_code == 302
    aktivitet.refresh_from_db()
    assert aktivitet.status == "afsluttet" and aktivitet.slutdato == datetime.date(2020, 6, 30)


def test_closing_is_post_only_and_needs_a_valid_end(client_pl_a, plan_a, aktivitet):
    assert client_pl_a.get(url("aktivitet_close", plan_a, aktivitet.pk)).status_code == 405
    response = client_pl_a.post(
        url("aktivitet_close", plan_a, aktivitet.pk),
        {"status": "afsluttet", "slutdato": "2018-01-01", "revision": aktivitet.revision},
        follow=True,
    )
    assert "Datoen skal ligge i planperioden" in html(response)
    assert Aktivitet.objects.get(pk=aktivitet.pk).status == "i_gang"


# Registrations --------------------------------------------------------------------------


def test_projektleder_registers_a_session(client_pl_a, plan_a, aktivitet):
    gruppe = aktivitet.maalgrupper.get()
    response = client_pl_a.post(
        url("registrering_create", plan_a, aktivitet.pk),
        {"dato": "2019-02-05", "timer": "2,5", "note": "God stemning", f"deltagere_{gruppe.pk}": "14"},
    )
    assert response.status_code == 302
    reg = Aktivitetsregistrering.objects.get(aktivitet=aktivitet)
    assert reg.deltagertal.get().antal == 14 and reg.registreret_af.username == "pl_a"
    assert reg.timer == Decimal("2.5")


def test_negative_participants_and_dates_outside_the_activity_are_refused(client_pl_a, plan_a, aktivitet):
    gruppe = aktivitet.maalgrupper.get()
    response = client_pl_a.post(
        url("registrering_create", plan_a, aktivitet.pk),
        {"dato": "2019-02-05", "timer": "2", f"deltagere_{gruppe.pk}": "-3"},
    )
    assert "Denne værdi skal være større end eller lig 0." in html(response)
    response = client_pl_a.post(
        url("registrering_create", plan_a, aktivitet.pk),
        {"dato": "2019-01-02", "timer": "2", f"deltagere_{gruppe.pk}": "3"},
    )
    assert "Datoen skal ligge i aktivitetens periode" in html(response)
    assert not Aktivitetsregistrering.objects.exists()


def test_bulk_form_prefills_a_months_sessions_and_saves_them_all(client_pl_a, plan_a, aktivitet):
    gruppe = aktivitet.maalgrupper.get()
    page = client_pl_a.get(
        url("registrering_bulk", plan_a, aktivitet.pk), {"maaned": "2019-03", "ugedage": ["1"]}
    )
    assert page.status_code == 200
    formset = page.context["formset"]
    days = [f.initial["dato"] for f in formset.forms]
    assert days == [datetime.date(2019, 3, d) for d in (5, 12, 19, 26)]  # the Tuesdays
    data = {"form-TOTAL_FORMS": "4", "form-INITIAL_FORMS": "0"}
    for i, day in enumerate(days):
        data.update(
            {
                f"form-{i}-dato": day.isoformat(),
                f"form-{i}-timer": "2",
                f"form-{i}-deltagere_{gruppe.pk}": "9",
            }
        )
    response = client_pl_a.post(url("registrering_bulk", plan_a, aktivitet.pk), data)
    assert response.status_code == 302
    assert aktivitet.registreringer.count() == 4


def test_bulk_form_refuses_all_rows_when_one_is_bad(client_pl_a, plan_a, aktivitet):
    data = {
        "form-TOTAL_FORMS": "2",
        "form-INITIAL_FORMS": "0",
        "form-0-dato": "2019-03-05",
        "form-0-timer": "2",
        "form-1-dato": "2019-03-05",
        "form-1-timer": "2",
    }
    response = client_pl_a.post(url("registrering_bulk", plan_a, aktivitet.pk), data)
    assert "Datoen står to gange i skemaet." in html(response)
    assert not aktivitet.registreringer.exists()


def test_board_member_cannot_register_or_delete(client_board_a, plan_a, aktivitet):
    assert client_board_a.get(url("registrering_create", plan_a, aktivitet.pk)).status_code == 403
    reg = Aktivitetsregistrering.objects.create(aktivitet=aktivitet, dato=datetime.date(2019, 2, 1))
    assert client_board_a.post(url("registrering_delete", plan_a, reg.pk)).status_code == 403
    assert Aktivitetsregistrering.objects.filter(pk=reg.pk).exists()


def test_projektleder_deletes_a_registration(client_pl_a, plan_a, aktivitet):
    reg = Aktivitetsregistrering.objects.create(aktivitet=aktivitet, dato=datetime.date(2019, 2, 1))
    assert client_pl_a.get(url("registrering_delete", plan_a, reg.pk)).status_code == 405
    assert client_pl_a.post(url("registrering_delete", plan_a, reg.pk)).status_code == 302
    assert not Aktivitetsregistrering.objects.filter(pk=reg.pk).exists()


# Delmål ---------------------------------------------------------------------------------


def delmaal_post(delmaal, goals, **extra):
    data = {
        "titel": "Forældre styrkes i rollen",
        "beskrivelse": "",
        "status": "paa_sporet",
        "revision": delmaal.revision,
        "milepael-TOTAL_FORMS": "1",
        "milepael-INITIAL_FORMS": "0",
        "milepael-0-dato": "2020-06-30",
        "milepael-0-beskrivelse": "20 familier har gennemført kursus",
    }
    data.update({"strategiske_maal": [g.pk for g in goals]})
    data.update(extra)
    return data


def test_projektleder_edits_a_delmaal_with_milestones(client_pl_a, plan_a, setup):
    delmaal = setup["delmaal"][0]
    response = client_pl_a.post(
        url("delmaal_update", plan_a, delmaal.pk), delmaal_post(delmaal, [setup["goal"]])
    )
    assert response.status_code == 302
    delmaal.refresh_from_db()
    assert delmaal.titel == "Forældre styrkes i rollen"
    assert delmaal.milepaele.get().beskrivelse == "20 familier har gennemført kursus"


def test_delmaal_needs_at_least_one_strategic_goal(client_pl_a, plan_a, setup):
    delmaal = setup["delmaal"][0]
    response = client_pl_a.post(url("delmaal_update", plan_a, delmaal.pk), delmaal_post(delmaal, []))
    assert "Vælg mindst ét strategisk mål" in html(response)
    assert Delmaal.objects.get(pk=delmaal.pk).titel == "Forældre styrkes"


def test_board_member_cannot_edit_delmaal(client_board_a, plan_a, setup):
    delmaal = setup["delmaal"][0]
    response = client_board_a.post(
        url("delmaal_update", plan_a, delmaal.pk), delmaal_post(delmaal, [setup["goal"]])
    )
    assert response.status_code == 403


# Status reports -------------------------------------------------------------------------


def report_post(setup, rapport, **extra):
    d1, d2 = setup["delmaal"]
    data = {
        "revision": rapport.revision,
        "fortaelling": "Kurserne kører efter planen.",
        f"delmaal_{d1.pk}": "paa_sporet",
        f"delmaal_{d2.pk}": "paa_sporet",
        f"kriterie_{setup['kriterie'].pk}": "12",
    }
    data.update(extra)
    return data


def test_projektleder_saves_and_submits_a_report(client_pl_a, plan_a, setup):
    rapport = setup["rapport"]
    response = client_pl_a.post(
        url("statusrapport_update", plan_a, rapport.pk), report_post(setup, rapport, indsend="1")
    )
    assert response.status_code == 302
    rapport.refresh_from_db()
    assert rapport.status == S.INDSENDT


def test_report_form_shows_the_reason_when_a_delmaal_is_off_track(client_pl_a, plan_a, setup):
    rapport = setup["rapport"]
    d1 = setup["delmaal"][0]
    response = client_pl_a.post(
        url("statusrapport_update", plan_a, rapport.pk),
        report_post(setup, rapport, **{f"delmaal_{d1.pk}": "forsinket"}),
    )
    assert response.status_code == 200
    assert "Forklar, hvorfor delmålet ikke er på sporet." in html(response)
    assert not rapport.delmaalstatus.exists()


def test_refused_submission_keeps_nothing_of_the_draft(client_pl_a, plan_a, setup):
    rapport = setup["rapport"]
    response = client_pl_a.post(
        url("statusrapport_update", plan_a, rapport.pk),
        report_post(setup, rapport, fortaelling="", indsend="1"),
    )
    assert "Skriv en status for delaftalen før indsendelse." in html(response)
    rapport.refresh_from_db()
    assert rapport.status == S.KLADDE and not rapport.delmaalstatus.exists()


def test_board_member_cannot_edit_a_report(client_board_a, plan_a, setup):
    rapport = setup["rapport"]
    assert client_board_a.get(url("statusrapport_update", plan_a, rapport.pk)).status_code == 403
    assert (
        client_board_a.post(
            url("statusrapport_update", plan_a, rapport.pk), report_post(setup, rapport)
        ).status_code
        == 403
    )


def test_member_of_another_plan_gets_404_on_report_pages(client_b, plan_a, setup):
    rapport = setup["rapport"]
    assert client_b.get(url("statusrapport_list", plan_a)).status_code == 404
    assert client_b.get(url("statusrapport_detail", plan_a, rapport.pk)).status_code == 404
    assert client_b.post(url("statusrapport_transition", plan_a, rapport.pk, "indsend")).status_code == 404


def test_transitions_are_post_only(client_pl_a, plan_a, setup):
    rapport = setup["rapport"]
    assert client_pl_a.get(url("statusrapport_transition", plan_a, rapport.pk, "indsend")).status_code == 405
    assert Statusrapport.objects.get(pk=rapport.pk).status == S.KLADDE


def test_forbidden_transition_is_refused_with_403(client_board_a, plan_a, setup):
    rapport = setup["rapport"]
    response = client_board_a.post(url("statusrapport_transition", plan_a, rapport.pk, "godkend"))
    assert response.status_code == 403
    assert Statusrapport.objects.get(pk=rapport.pk).status == S.KLADDE


def test_full_chain_through_the_views(client, plan_a, setup, projektleder_a, board_member_a):
    from tests.bestyrelser.factories import MedlemskabFactory, PersonFactory, UserFactory

    reviewer = UserFactory(username="gruppe")
    MedlemskabFactory(person=PersonFactory(user=reviewer), organ=setup["organ"])
    rapport = setup["rapport"]
    client.force_login(projektleder_a)
    client.post(url("statusrapport_update", plan_a, rapport.pk), report_post(setup, rapport, indsend="1"))
    client.force_login(reviewer)
    page = client.get(url("statusrapport_detail", plan_a, rapport.pk))
    assert "Acceptér rapporten" in html(page)
    client.post(url("statusrapport_transition", plan_a, rapport.pk, "accepter"))
    client.force_login(board_member_a)
    assert "Godkend og lås" in html(client.get(url("statusrapport_detail", plan_a, rapport.pk)))
    response = client.post(url("statusrapport_transition", plan_a, rapport.pk, "godkend"), follow=True)
    assert "Statusrapporten er godkendt og låst." in html(response)
    assert "Godkendt og låst" in html(response)
    rapport.refresh_from_db()
    assert rapport.status == S.LAAST
    client.force_login(projektleder_a)
    response = client.get(url("statusrapport_update", plan_a, rapport.pk), follow=True)
    assert "godkendt og låst; den kan ikke ændres" in html(response)


def test_return_needs_a_comment_in_the_view(client, plan_a, setup, projektleder_a, board_member_a):
    rapport = setup["rapport"]
    setup["organ"].daekker.clear()
    client.force_login(projektleder_a)
    client.post(url("statusrapport_update", plan_a, rapport.pk), report_post(setup, rapport, indsend="1"))
    client.force_login(board_member_a)
    response = client.post(
        url("statusrapport_transition", plan_a, rapport.pk, "returner"), {"kommentar": ""}, follow=True
    )
    assert "Skriv, hvad projektlederen skal rette." in html(response)
    rapport.refresh_from_db()
    assert rapport.status == S.INDSENDT and rapport.returkommentar == ""


def test_completeness_view_shows_each_period(client_board_a, plan_a, setup):
    response = client_board_a.get(url("statusrapport_list", plan_a))
    assert response.status_code == 200
    assert "1. kvt. 2019" in html(response) and "4. kvt. 2022" in html(response)
    assert "Skriv rapport" not in html(response)  # board members do not write reports


def test_projektleder_starts_a_report_for_a_missing_period(client_pl_a, plan_a, setup):
    response = client_pl_a.post(
        url("statusrapport_create", plan_a, setup["delaftale"].pk), {"periode": "2019-04-01"}
    )
    rapport = Statusrapport.objects.get(delaftale=setup["delaftale"], periode_start=datetime.date(2019, 4, 1))
    assert response["Location"] == url("statusrapport_update", plan_a, rapport.pk)
    assert rapport.periode_slut == datetime.date(2019, 6, 30)
    response = client_pl_a.post(
        url("statusrapport_create", plan_a, setup["delaftale"].pk), {"periode": "2019-04-01"}, follow=True
    )
    assert "Der findes allerede en statusrapport" in html(response)


def test_history_page_shows_old_and_new_values(client_board_a, plan_a, aktivitet, projektleder_a):
    from helhedsplaner import services

    aktivitet.navn = "Lektiecafé og madklub"
    services.aktivitet_save(
        user=projektleder_a,
        aktivitet=aktivitet,
        maalgrupper=aktivitet.maalgrupper.all(),
        samarbejdspartnere=[],
        expected_revision=aktivitet.revision,
    )
    response = client_board_a.get(url("history", plan_a, "aktivitet", aktivitet.pk))
    assert response.status_code == 200
    content = html(response)
    assert "Lektiecafé" in content and "Lektiecafé og madklub" in content
    assert "pl_a" in content or "Test Bruger" in content


def test_history_of_another_plans_object_is_404(client_b, plan_a, aktivitet):
    assert client_b.get(url("history", plan_a, "aktivitet", aktivitet.pk)).status_code == 404
