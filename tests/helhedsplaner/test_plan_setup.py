"""Setting a plan up without the admin (issue 14): LBF registers a plan, the projektleder and
the board build its structure, and the plan moves through its lifecycle."""

from __future__ import annotations

import datetime
import importlib
import re
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from bestyrelser.models import Medlemskab, Organ
from helhedsplaner import lifecycle, registration
from helhedsplaner.models import Aftalestatus, Budgetpost, Delaftale, Helhedsplan, Samarbejdsaftale
from portal.errors import NotAllowed, ServiceError
from tests.helhedsplaner.factories import (
    BevillingsperiodeFactory,
    BoligorganisationFactory,
    DelaftaleFactory,
    IndsatsomraadeFactory,
    KommuneFactory,
    StrategiskMaalFactory,
    SucceskriterieFactory,
)
from tests.monitorering.factories import IndikatorFactory

pytestmark = pytest.mark.django_db
S = Helhedsplan.Status


@pytest.fixture
def runde():
    runde = BevillingsperiodeFactory(navn="2019-26-midlerne", start_aar=2019, slut_aar=2026)
    runde.indsatsomraader.set(
        [IndsatsomraadeFactory(navn="Tryghed og trivsel"), IndsatsomraadeFactory(navn="Uddannelse")]
    )
    return runde


def _data(runde, **overrides) -> registration.PlanData:
    org = BoligorganisationFactory(navn="Boligselskabet Vest")
    values = {
        "navn": "Helhedsplan Kløverparken",
        "kommune": KommuneFactory(navn="Vejle Kommune"),
        "boligomraade": "Kløverparken",
        "antal_beboere": 2100,
        "boligorganisationer": [org],
        "nye_boligorganisationer": ["Andelsboligforeningen Øst"],
        "afdelinger": [
            registration.AfdelingData("12", "Kløverparken I", "Boligselskabet Vest", 300),
            registration.AfdelingData("3", "Kløverhusene", "Andelsboligforeningen Øst", None),
        ],
        "bevillingsperiode": runde,
        "startdato": datetime.date(2027, 1, 1),
        "slutdato": datetime.date(2030, 12, 31),
        "lbf_sagsnummer": "LBF-2026-0042",
        "budget": {
            Budgetpost.Kilde.LBF: Decimal("12000001"),
            Budgetpost.Kilde.KOMMUNE: Decimal("2000000"),
            Budgetpost.Kilde.BOLIGORGANISATION: Decimal("2000000"),
        },
        "projektleder": registration.PersonData("Pia Projekt", "pia@example.dk", "Projektleder"),
        "formand": registration.PersonData("Frede Formand", "frede@example.dk", "Direktør"),
        "formand_boligorganisation": "Boligselskabet Vest",
    }
    values.update(overrides)
    return registration.PlanData(**values)


def _register(lbf_user, runde, django_capture_on_commit_callbacks, **overrides) -> Helhedsplan:
    with django_capture_on_commit_callbacks(execute=True):
        return registration.plan_register(
            user=lbf_user, data=_data(runde, **overrides), base_url="http://testserver/"
        )


def test_lbf_registers_a_plan_with_parties_budget_board_and_invitations(
    lbf_user, runde, django_capture_on_commit_callbacks
):
    plan = _register(lbf_user, runde, django_capture_on_commit_callbacks)

    assert plan.status == S.KLADDE
    assert sorted(plan.boligorganisationer.values_list("navn", flat=True)) == [
        "Andelsboligforeningen Øst",
        "Boligselskabet Vest",
    ]
    assert sorted(plan.afdelinger.values_list("nummer", flat=True)) == ["12", "3"]
    # The period's budget is spread over its four years and adds up to the amount typed.
    lbf_lines = plan.budgetposter.filter(kilde=Budgetpost.Kilde.LBF)
    assert sorted(lbf_lines.values_list("aar", flat=True)) == [2027, 2028, 2029, 2030]
    assert sum(p.beloeb for p in lbf_lines) == Decimal("12000001")
    # The agreement's first version is a draft for the plan's period.
    aftale = plan.samarbejdsaftaler.get()
    assert (aftale.version, aftale.status, aftale.gyldig_fra) == (1, Aftalestatus.KLADDE, plan.startdato)
    # The board has its chair and the projektleder, each with an account and an invitation.
    board = plan.organer.get(type=Organ.Type.BESTYRELSE)
    roles = dict(board.medlemskaber.values_list("person__email", "rolle"))
    assert roles == {
        "pia@example.dk": Medlemskab.Rolle.PROJEKTLEDER,
        "frede@example.dk": Medlemskab.Rolle.FORMAND,
    }
    assert sorted(m.to[0] for m in mail.outbox) == ["frede@example.dk", "pia@example.dk"]
    assert plan.history.first().history_user == lbf_user


def test_the_invitation_link_lets_the_projektleder_choose_a_password_once(
    client, lbf_user, runde, django_capture_on_commit_callbacks
):
    _register(lbf_user, runde, django_capture_on_commit_callbacks)
    message = next(m for m in mail.outbox if m.to == ["pia@example.dk"])
    link = re.search(r"http://testserver(/konto/invitation/\S+)", message.body).group(1)
    page = client.get(link, follow=True)
    assert page.status_code == 200 and "Velkommen til Boligsocial Portal" in page.content.decode()
    password = "Kl0verparkens-nye-kode"  # noqa: S105
    done = client.post(page.redirect_chain[-1][0], {"new_password1": password, "new_password2": password})
    assert done.status_code == 302 and done.url == reverse("login")
    user = get_user_model().objects.get(email="pia@example.dk")
    assert user.check_password(password)
    # Used once: the same link no longer works.
    again = client.get(link, follow=True)
    assert "Linket er udløbet eller allerede brugt" in again.content.decode()


def test_registration_refuses_too_little_co_financing_and_changes_nothing(
    lbf_user, runde, django_capture_on_commit_callbacks
):
    budget = {Budgetpost.Kilde.LBF: Decimal("9000000"), Budgetpost.Kilde.KOMMUNE: Decimal("1000000")}
    with pytest.raises(ValidationError) as exc:
        _register(lbf_user, runde, django_capture_on_commit_callbacks, budget=budget)
    assert "lokale medfinansiering er 10,0 %" in str(exc.value)
    assert not Helhedsplan.objects.exists() and not mail.outbox


def test_only_lbf_registers_a_plan(projektleder_a, runde):
    with pytest.raises(NotAllowed):
        registration.plan_register(user=projektleder_a, data=_data(runde), base_url="http://testserver/")


def test_co_financing_share_and_yearly_spread():
    assert registration.co_financing_pct({"lbf": Decimal(75), "kommune": Decimal(25)}) == Decimal("25.00")
    assert registration.co_financing_pct({}) is None
    spread = registration.spread_over_years(Decimal(10), [2027, 2028, 2029])
    assert spread == {2027: Decimal(3), 2028: Decimal(3), 2029: Decimal(4)}


# --- Building the structure and the lifecycle ----------------------------------------------


@pytest.fixture
def kladde(lbf_user, runde, django_capture_on_commit_callbacks):
    plan = _register(lbf_user, runde, django_capture_on_commit_callbacks)
    pl = get_user_model().objects.get(email="pia@example.dk")
    return plan, pl


def _build(plan, pl) -> None:
    aftale = plan.samarbejdsaftaler.get()
    Samarbejdsaftale.objects.filter(pk=aftale.pk).update(problemkompleks="Mange unge uden uddannelse.")
    goal = StrategiskMaalFactory(samarbejdsaftale=aftale, nummer=1)
    SucceskriterieFactory(
        strategisk_maal=goal,
        indikator=IndikatorFactory(),
        baseline_vaerdi=Decimal(40),
        maal_vaerdi=Decimal(55),
    )
    delaftale = registration.delaftale_create(
        user=pl,
        plan=plan,
        indsatsomraade=plan.bevillingsperiode.indsatsomraader.first(),
        formaal="Flere i job.",
    )
    registration.delmaal_create(
        user=pl, delaftale=delaftale, titel="Lektiecafé", beskrivelse="", strategiske_maal=[goal]
    )


def test_a_plan_cannot_be_sent_before_it_has_its_structure(kladde):
    plan, pl = kladde
    missing = lifecycle.missing_for_sending(plan)
    assert any("problemkomplekset" in m for m in missing) and any("delaftaler" in m for m in missing)
    with pytest.raises(ValidationError):
        lifecycle.plan_transition(user=pl, plan=plan, action="send")
    assert Helhedsplan.objects.get(pk=plan.pk).status == S.KLADDE


def test_the_whole_lifecycle_with_who_may_move_it(kladde, lbf_user, board_member_a):
    plan, pl = kladde
    _build(plan, pl)
    assert lifecycle.missing_for_sending(plan) == []
    with pytest.raises(NotAllowed):  # LBF does not send a plan on the projektleder's behalf
        lifecycle.plan_transition(user=lbf_user, plan=plan, action="send")
    lifecycle.plan_transition(user=pl, plan=plan, action="send")
    assert plan.status == S.SENDT
    assert plan.samarbejdsaftaler.get().status == Aftalestatus.INDSENDT
    # While LBF reads it, the structure is frozen.
    with pytest.raises(ServiceError):
        registration.delaftale_create(
            user=pl, plan=plan, indsatsomraade=plan.bevillingsperiode.indsatsomraader.last(), formaal="x"
        )
    with pytest.raises(NotAllowed):
        lifecycle.plan_transition(user=pl, plan=plan, action="godkend")
    lifecycle.plan_transition(user=lbf_user, plan=plan, action="godkend", kommentar="Fint.")
    assert plan.status == S.GODKENDT
    assert plan.samarbejdsaftaler.get().status == Aftalestatus.GODKENDT
    lifecycle.plan_transition(user=pl, plan=plan, action="start")
    assert plan.status == S.I_GANG
    with pytest.raises(NotAllowed):
        lifecycle.plan_transition(user=pl, plan=plan, action="afslut")
    lifecycle.plan_transition(user=lbf_user, plan=plan, action="afslut")
    assert Helhedsplan.objects.get(pk=plan.pk).status == S.AFSLUTTET
    assert not lifecycle.allows(plan, "organer") and not lifecycle.allows(plan, "struktur")
    # Every move is in the plan's history, with who made it.
    moves = list(plan.history.order_by("history_date").values_list("status", "history_user__username"))
    assert [m[0] for m in moves][-4:] == [S.SENDT, S.GODKENDT, S.I_GANG, S.AFSLUTTET]


def test_lbf_returns_a_plan_with_a_comment_and_the_version_is_rejected(kladde, lbf_user):
    plan, pl = kladde
    _build(plan, pl)
    lifecycle.plan_transition(user=pl, plan=plan, action="send")
    with pytest.raises(ValidationError):
        lifecycle.plan_transition(user=lbf_user, plan=plan, action="returner", kommentar=" ")
    lifecycle.plan_transition(
        user=lbf_user, plan=plan, action="returner", kommentar="Måltallet mangler dato."
    )
    assert plan.status == S.KLADDE
    aftale = plan.samarbejdsaftaler.get()
    assert (aftale.status, aftale.lbf_kommentar) == (Aftalestatus.AFVIST, "Måltallet mangler dato.")
    assert any("ingen kladde" in m for m in lifecycle.missing_for_sending(plan))


def test_a_move_from_the_wrong_state_is_refused(kladde, lbf_user):
    plan, _pl = kladde
    with pytest.raises(ServiceError, match="kan ikke flyttes"):
        lifecycle.plan_transition(user=lbf_user, plan=plan, action="afslut")


def test_delaftale_only_for_the_rounds_areas_and_once_per_area(kladde):
    plan, pl = kladde
    area = plan.bevillingsperiode.indsatsomraader.first()
    registration.delaftale_create(user=pl, plan=plan, indsatsomraade=area, formaal="A")
    with pytest.raises(ValidationError, match="allerede en delaftale"):
        registration.delaftale_create(user=pl, plan=plan, indsatsomraade=area, formaal="B")
    with pytest.raises(ValidationError, match="bevillingsperiode"):
        registration.delaftale_create(user=pl, plan=plan, indsatsomraade=IndsatsomraadeFactory(), formaal="C")
    assert Delaftale.objects.filter(helhedsplan=plan).count() == 1


def test_delmaal_numbers_follow_on_and_need_the_plans_own_goals(kladde, plan_b):
    plan, pl = kladde
    _build(plan, pl)
    delaftale = plan.delaftaler.get()
    goal = plan.samarbejdsaftaler.get().strategiske_maal.get()
    second = registration.delmaal_create(
        user=pl, delaftale=delaftale, titel="Jobklub", beskrivelse="", strategiske_maal=[goal]
    )
    assert second.nummer == 2 and list(second.strategiske_maal.all()) == [goal]
    foreign = StrategiskMaalFactory(samarbejdsaftale__helhedsplan=plan_b)
    with pytest.raises(ValidationError):
        registration.delmaal_create(
            user=pl, delaftale=delaftale, titel="X", beskrivelse="", strategiske_maal=[foreign]
        )


def test_migration_0008_derives_each_plans_state_from_its_data():
    derive = importlib.import_module("helhedsplaner.migrations.0008_livscyklus").derive
    today = datetime.date(2026, 12, 3)
    period = {"startdato": datetime.date(2025, 1, 1), "slutdato": datetime.date(2028, 12, 31), "today": today}
    assert derive(old="under_udarbejdelse", agreement_statuses=set(), **period) == "kladde"
    assert derive(old="under_udarbejdelse", agreement_statuses={"indsendt"}, **period) == "sendt"
    assert derive(old="i_drift", agreement_statuses={"godkendt"}, **period) == "i_gang"
    assert derive(old="afsluttet", agreement_statuses={"godkendt"}, **period) == "afsluttet"
    ended = {**period, "slutdato": datetime.date(2026, 1, 1)}
    assert derive(old="i_drift", agreement_statuses={"godkendt"}, **ended) == "afsluttet"
    later = {**period, "startdato": datetime.date(2027, 1, 1)}
    assert derive(old="godkendt", agreement_statuses={"godkendt", "kladde"}, **later) == "godkendt"


# --- The pages -----------------------------------------------------------------------------


def _form(runde, **overrides) -> dict:
    org = BoligorganisationFactory(navn="Boligselskabet Vest")
    values = {
        "navn": "Helhedsplan Kløverparken",
        "lbf_sagsnummer": "LBF-2026-0043",
        "bevillingsperiode": runde.pk,
        "startdato": "2027-01-01",
        "slutdato": "2030-12-31",
        "kommune": KommuneFactory().pk,
        "boligomraade": "Kløverparken",
        "boligorganisationer": [org.pk],
        "afdelinger": "12; Kløverparken I; ; 300",
        "budget_lbf": "7.500.000",
        "budget_kommune": "1.250.000",
        "budget_boligorganisation": "1.250.000",
        "projektleder_navn": "Pia Projekt",
        "projektleder_email": "pia@example.dk",
        "formand_navn": "Frede Formand",
        "formand_email": "frede@example.dk",
    }
    values.update(overrides)
    return values


def test_registration_page_registers_a_plan(client_lbf, runde, django_capture_on_commit_callbacks):
    assert client_lbf.get(reverse("helhedsplaner:plan_register")).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client_lbf.post(reverse("helhedsplaner:plan_register"), _form(runde))
    plan = Helhedsplan.objects.get(lbf_sagsnummer="LBF-2026-0043")
    assert response.status_code == 302 and response.url == plan.get_absolute_url()
    assert plan.afdelinger.get().boligorganisation.navn == "Boligselskabet Vest"
    assert len(mail.outbox) == 2


def test_registration_page_explains_a_bad_afdeling_line_and_saves_nothing(client_lbf, runde):
    response = client_lbf.post(
        reverse("helhedsplaner:plan_register"), _form(runde, afdelinger="bare et navn")
    )
    assert response.status_code == 400
    assert "Linje 1: skriv afdelingsnummer" in response.content.decode()
    assert not Helhedsplan.objects.exists()


def test_registration_page_does_not_exist_for_a_projektleder(client_pl_a):
    assert client_pl_a.get(reverse("helhedsplaner:plan_register")).status_code == 404


def test_delaftale_and_delmaal_pages_build_the_practical_level(client, kladde):
    plan, pl = kladde
    client.force_login(pl)
    area = plan.bevillingsperiode.indsatsomraader.first()
    response = client.post(
        reverse("helhedsplaner:delaftale_create", args=[plan.pk]),
        {"indsatsomraade": area.pk, "formaal": "Job"},
    )
    assert response.status_code == 302
    delaftale = plan.delaftaler.get()
    goal = StrategiskMaalFactory(samarbejdsaftale=plan.samarbejdsaftaler.get(), nummer=1)
    url = reverse("helhedsplaner:delmaal_create", args=[plan.pk, delaftale.pk])
    assert client.post(url, {"titel": "Uden mål"}).status_code == 400  # a delmål answers a goal
    response = client.post(
        url, {"titel": "Lektiecafé", "strategiske_maal": [goal.pk], "gem_og_aktivitet": ""}
    )
    delmaal = delaftale.delmaal.get()
    assert response.url.endswith(f"/aktiviteter/ny/?delmaal={delmaal.pk}")


def test_delmaal_page_is_refused_to_a_board_member(client, kladde, board_member_a, plan_a):
    client.force_login(board_member_a)
    delaftale = DelaftaleFactory(helhedsplan=plan_a)
    url = reverse("helhedsplaner:delmaal_create", args=[plan_a.pk, delaftale.pk])
    assert client.get(url).status_code == 403


def test_transition_page_moves_the_plan_or_says_why_not(client, kladde, lbf_user):
    plan, pl = kladde
    client.force_login(pl)
    response = client.post(reverse("helhedsplaner:plan_transition", args=[plan.pk, "send"]), follow=True)
    assert "problemkomplekset" in response.content.decode()
    plan.refresh_from_db()
    assert plan.status == S.KLADDE
    _build(plan, pl)
    client.post(reverse("helhedsplaner:plan_transition", args=[plan.pk, "send"]))
    plan.refresh_from_db()
    assert plan.status == S.SENDT
    # The projektleder may not approve their own plan.
    assert client.post(reverse("helhedsplaner:plan_transition", args=[plan.pk, "godkend"])).status_code == 403


# --- LBF corrects a registered plan's master data ------------------------------------------


def _edit_form(client, plan) -> dict:
    """The edit page's form as a browser would send it unchanged."""
    from tests.security.forms import form_posting_to, payload

    url = reverse("helhedsplaner:plan_edit", args=[plan.pk])
    page = client.get(url)
    assert page.status_code == 200
    sent = payload(form_posting_to(page.content.decode(), url, url))
    return {k: v if k == "boligorganisationer" else v[0] for k, v in sent.items()}


def test_lbf_edits_master_data_with_history_and_a_respread_budget(client, kladde, lbf_user):
    plan, _pl = kladde
    client.force_login(lbf_user)
    detail = client.get(plan.get_absolute_url()).content.decode()
    assert reverse("helhedsplaner:plan_edit", args=[plan.pk]) in detail
    data = _edit_form(client, plan)
    assert data["navn"] == "Helhedsplan Kløverparken" and data["lbf_sagsnummer"] == "LBF-2026-0042"
    data.update(
        navn="Helhedsplan Kløverparken og Engen",
        lbf_sagsnummer="LBF-2026-0099",
        slutdato="2029-12-31",
        budget_lbf="9.000.000",
        afdelinger=data["afdelinger"] + "\n14; Engen; Boligselskabet Vest; 80",
    )
    kommune_post = Budgetpost.objects.filter(helhedsplan=plan, kilde=Budgetpost.Kilde.KOMMUNE)
    kommune_before = sorted(kommune_post.values_list("aar", "beloeb"))
    response = client.post(reverse("helhedsplaner:plan_edit", args=[plan.pk]), data)
    assert response.status_code == 302, response.context and response.context["form"].errors
    plan.refresh_from_db()
    assert (plan.navn, plan.lbf_sagsnummer, plan.slutdato) == (
        "Helhedsplan Kløverparken og Engen",
        "LBF-2026-0099",
        datetime.date(2029, 12, 31),
    )
    assert sorted(plan.afdelinger.values_list("nummer", flat=True)) == ["12", "14", "3"]
    lbf_posts = Budgetpost.objects.filter(helhedsplan=plan, kilde=Budgetpost.Kilde.LBF)
    assert sorted(lbf_posts.values_list("aar", "beloeb")) == [
        (2027, Decimal(3000000)),
        (2028, Decimal(3000000)),
        (2029, Decimal(3000000)),
    ]
    # The period lost a year, so every source is spread over the three years left.
    assert (
        sorted(kommune_post.values_list("aar", flat=True))
        == [2027, 2028, 2029]
        != [a for a, _b in kommune_before]
    )
    assert sum(kommune_post.values_list("beloeb", flat=True)) == Decimal(2000000)
    last = plan.history.first()
    assert last.history_user == lbf_user and last.history_change_reason == "Stamdata rettet af LBF"
    assert Budgetpost.history.filter(history_type="-", helhedsplan_id=plan.pk).count() == 3


def test_master_data_edit_keeps_the_co_financing_rule_and_changes_nothing(client, kladde, lbf_user):
    plan, _pl = kladde
    client.force_login(lbf_user)
    data = _edit_form(client, plan)
    data.update(navn="Nyt navn", budget_kommune="0", budget_boligorganisation="100.000")
    response = client.post(reverse("helhedsplaner:plan_edit", args=[plan.pk]), data)
    assert response.status_code == 400
    assert "Den lokale medfinansiering er" in response.content.decode()
    plan.refresh_from_db()
    assert plan.navn == "Helhedsplan Kløverparken"
    assert registration.budget_totals(plan)[Budgetpost.Kilde.KOMMUNE] == Decimal(2000000)


def _master(plan, **overrides) -> registration.PlanData:
    """The plan's master data as it is, with ``overrides``."""
    values = {
        "navn": plan.navn,
        "kommune": plan.kommune,
        "boligomraade": plan.boligomraade.navn,
        "antal_beboere": None,
        "boligorganisationer": list(plan.boligorganisationer.all()),
        "nye_boligorganisationer": [],
        "afdelinger": [],
        "bevillingsperiode": plan.bevillingsperiode,
        "startdato": plan.startdato,
        "slutdato": plan.slutdato,
        "lbf_sagsnummer": plan.lbf_sagsnummer,
        "budget": registration.budget_totals(plan),
    }
    values.update(overrides)
    return registration.PlanData(**values)


def test_master_data_edit_refuses_another_plans_case_number(kladde, lbf_user, plan_a):
    plan, _pl = kladde
    Helhedsplan.objects.filter(pk=plan_a.pk).update(lbf_sagsnummer="LBF-ANDEN")
    data = _master(plan, lbf_sagsnummer="LBF-ANDEN")
    with pytest.raises(ValidationError) as refused:
        registration.plan_update(user=lbf_user, plan=plan, data=data)
    assert "lbf_sagsnummer" in refused.value.message_dict


def test_master_data_page_is_lbfs_only_and_closed_when_the_plan_is_finished(client, kladde, lbf_user):
    plan, pl = kladde
    url = reverse("helhedsplaner:plan_edit", args=[plan.pk])
    client.force_login(pl)
    assert client.get(url).status_code == 404
    with pytest.raises(NotAllowed):
        registration.plan_update(user=pl, plan=plan, data=_master(plan, navn="Andet"))
    Helhedsplan.objects.filter(pk=plan.pk).update(status=S.AFSLUTTET)
    plan.refresh_from_db()
    client.force_login(lbf_user)
    response = client.get(url, follow=True)
    assert "dens stamdata kan ikke længere ændres" in response.content.decode()
    assert url not in client.get(plan.get_absolute_url()).content.decode()
    with pytest.raises(ServiceError):
        registration.plan_update(user=lbf_user, plan=plan, data=_master(plan, navn="Andet"))


# --- What each state allows: registrations and status reports only in a running plan -------


@pytest.mark.parametrize(
    ("status", "runs"),
    [(S.KLADDE, False), (S.SENDT, False), (S.GODKENDT, True), (S.I_GANG, True), (S.AFSLUTTET, False)],
)
def test_registrations_and_status_reports_only_when_the_plan_is_approved_or_running(
    plan_a, projektleder_a, status, runs
):
    from helhedsplaner import services
    from helhedsplaner.models import Aktivitetsregistrering, Statusrapport
    from tests.helhedsplaner.factories import AktivitetFactory, DelmaalFactory

    delmaal = DelmaalFactory(delaftale=DelaftaleFactory(helhedsplan=plan_a))
    aktivitet = AktivitetFactory(delmaal=delmaal, startdato=plan_a.startdato)
    Helhedsplan.objects.filter(pk=plan_a.pk).update(status=status)
    plan_a.refresh_from_db()
    aktivitet.refresh_from_db()
    session = services.Registrering(dato=plan_a.startdato, timer=Decimal(2), note="", deltagere={})
    calls = (
        lambda: services.aktivitetsregistreringer_create(
            user=projektleder_a, aktivitet=aktivitet, registreringer=[session]
        ),
        lambda: services.statusrapport_create(
            user=projektleder_a,
            delaftale=delmaal.delaftale,
            periode_start=plan_a.startdato,
            periode_slut=plan_a.startdato + datetime.timedelta(days=89),
        ),
    )
    for call in calls:
        if runs:
            call()
        else:
            with pytest.raises(ServiceError, match="først laves, når LBF har godkendt planen"):
                call()
    expected = 1 if runs else 0
    assert Aktivitetsregistrering.objects.filter(aktivitet=aktivitet).count() == expected
    assert Statusrapport.objects.filter(delaftale=delmaal.delaftale).count() == expected


def test_activities_are_planned_in_kladde_but_not_while_lbf_reads_the_plan(plan_a, projektleder_a):
    from helhedsplaner import services
    from tests.helhedsplaner.factories import AktivitetFactory, DelmaalFactory

    aktivitet = AktivitetFactory(
        delmaal=DelmaalFactory(delaftale=DelaftaleFactory(helhedsplan=plan_a)), startdato=plan_a.startdato
    )
    save = lambda: services.aktivitet_save(  # noqa: E731
        user=projektleder_a, aktivitet=aktivitet, maalgrupper=[], samarbejdspartnere=[]
    )
    Helhedsplan.objects.filter(pk=plan_a.pk).update(status=S.KLADDE)
    aktivitet.delmaal.delaftale.helhedsplan.refresh_from_db()
    save()
    Helhedsplan.objects.filter(pk=plan_a.pk).update(status=S.SENDT)
    aktivitet.delmaal.delaftale.helhedsplan.refresh_from_db()
    with pytest.raises(ServiceError, match="mens planen ligger hos LBF"):
        save()


def test_a_registration_page_on_a_finished_plan_says_why_and_saves_nothing(client_pl_a, plan_a):
    from helhedsplaner.models import Aktivitetsregistrering
    from tests.helhedsplaner.factories import AktivitetFactory, DelmaalFactory

    aktivitet = AktivitetFactory(
        delmaal=DelmaalFactory(delaftale=DelaftaleFactory(helhedsplan=plan_a)), startdato=plan_a.startdato
    )
    Helhedsplan.objects.filter(pk=plan_a.pk).update(status=S.AFSLUTTET)
    url = reverse("helhedsplaner:registrering_create", args=[plan_a.pk, aktivitet.pk])
    response = client_pl_a.post(url, {"dato": plan_a.startdato.isoformat(), "timer": "2"}, follow=True)
    assert "først laves, når LBF har godkendt planen" in response.content.decode()
    assert not Aktivitetsregistrering.objects.exists()
