"""The status report approval chain: every transition, for every role, allowed and refused."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from helhedsplaner import services
from helhedsplaner.models import Delmaalstatus, Statusrapport
from helhedsplaner.selectors import report_criteria
from monitorering.models import Maaling
from monitorering.services.recompute import _QueueRecompute
from portal import errors
from tests.helhedsplaner.factories import report_setup
from tests.monitorering.factories import MaalingFactory

pytestmark = pytest.mark.django_db
S = Statusrapport.Status
PAA_SPORET = Delmaalstatus.Status.PAA_SPORET


def fill(user, setup, **overrides):
    rapport = setup["rapport"]
    rapport.refresh_from_db()
    kwargs = {
        "user": user,
        "rapport": rapport,
        "fortaelling": "Forældrekurserne er fulde, og ventelisten er kort.",
        "delmaal_status": {d.pk: (PAA_SPORET, "") for d in setup["delmaal"]},
        "vaerdier": [services.KriterieVaerdi(kriterie=setup["kriterie"], vaerdi=Decimal(12))],
        "expected_revision": rapport.revision,
    }
    kwargs.update(overrides)
    return services.statusrapport_save_draft(**kwargs)


@pytest.fixture
def setup(group_member_a):
    return group_member_a.setup


@pytest.fixture
def submitted(setup, projektleder_a):
    fill(projektleder_a, setup)
    services.statusrapport_submit(user=projektleder_a, rapport=setup["rapport"])
    return setup["rapport"]


@pytest.fixture
def accepted(submitted, group_member_a):
    return services.statusrapport_accept(user=group_member_a, rapport=submitted)


@pytest.fixture
def approved(accepted, board_member_a):
    return services.statusrapport_approve(user=board_member_a, rapport=accepted)


def test_projektleder_writes_and_submits_a_draft(setup, projektleder_a):
    fill(projektleder_a, setup)
    rapport = setup["rapport"]
    assert rapport.delmaalstatus.count() == 2
    maaling = Maaling.objects.get(statusrapport=rapport)
    assert maaling.vaerdi == 12 and maaling.kilde == Maaling.Kilde.STATUSRAPPORT
    services.statusrapport_submit(user=projektleder_a, rapport=rapport)
    rapport.refresh_from_db()
    assert rapport.status == S.INDSENDT
    assert rapport.indsendt_af == projektleder_a and rapport.indsendt_tidspunkt


def test_delmaal_off_track_requires_an_explanation(setup, projektleder_a):
    d1, d2 = setup["delmaal"]
    with pytest.raises(ValidationError) as exc:
        fill(projektleder_a, setup, delmaal_status={d1.pk: ("forsinket", " "), d2.pk: (PAA_SPORET, "")})
    assert "Forklar, hvorfor delmålet ikke er på sporet." in str(exc.value)
    assert not setup["rapport"].delmaalstatus.exists()


def test_implausible_value_needs_a_comment(setup, projektleder_a):
    value = services.KriterieVaerdi(kriterie=setup["kriterie"], vaerdi=Decimal(500))
    with pytest.raises(ValidationError) as exc:
        fill(projektleder_a, setup, vaerdier=[value])
    assert "uden for det forventede interval" in str(exc.value)
    with_comment = services.KriterieVaerdi(
        kriterie=setup["kriterie"], vaerdi=Decimal(500), kommentar="Fælles kursus med nabobydelen"
    )
    fill(projektleder_a, setup, vaerdier=[with_comment])
    assert Maaling.objects.get(statusrapport=setup["rapport"]).kommentar == "Fælles kursus med nabobydelen"


def test_submitting_needs_every_delmaal_and_a_narrative(setup, projektleder_a):
    d1, _d2 = setup["delmaal"]
    fill(projektleder_a, setup, delmaal_status={d1.pk: (PAA_SPORET, "")})
    with pytest.raises(errors.ServiceError, match="Angiv status for alle delmål"):
        services.statusrapport_submit(user=projektleder_a, rapport=setup["rapport"])
    assert Statusrapport.objects.get(pk=setup["rapport"].pk).status == S.KLADDE


@pytest.mark.parametrize("who", ["board_member_a", "group_member_a", "member_b", "lbf_user"])
def test_only_the_projektleder_may_write_or_submit(setup, projektleder_a, who, request):
    user = request.getfixturevalue(who)
    with pytest.raises(errors.NotAllowed):
        fill(user, setup)
    fill(projektleder_a, setup)
    with pytest.raises(errors.NotAllowed):
        services.statusrapport_submit(user=user, rapport=setup["rapport"])


@pytest.mark.parametrize("who", ["projektleder_a", "board_member_a", "member_b", "lbf_user"])
def test_only_the_following_group_accepts(submitted, who, request):
    with pytest.raises(errors.NotAllowed):
        services.statusrapport_accept(user=request.getfixturevalue(who), rapport=submitted)
    assert Statusrapport.objects.get(pk=submitted.pk).status == S.INDSENDT


def test_group_member_accepts(accepted, group_member_a):
    accepted.refresh_from_db()
    assert accepted.status == S.ACCEPTERET and accepted.accepteret_af == group_member_a


def test_board_cannot_approve_before_the_group_has_accepted(submitted, board_member_a):
    with pytest.raises(errors.NotAllowed):
        services.statusrapport_approve(user=board_member_a, rapport=submitted)


@pytest.mark.parametrize("who", ["projektleder_a", "group_member_a", "member_b", "lbf_user"])
def test_only_the_board_approves(accepted, who, request):
    with pytest.raises(errors.NotAllowed):
        services.statusrapport_approve(user=request.getfixturevalue(who), rapport=accepted)


def test_board_approval_records_godkendt_then_locks(approved, board_member_a):
    approved.refresh_from_db()
    assert approved.status == S.LAAST and approved.er_laast
    assert approved.godkendt_af == board_member_a and approved.godkendt_tidspunkt
    assert [h.status for h in approved.history.order_by("history_date", "history_id")][-2:] == [
        S.GODKENDT,
        S.LAAST,
    ]


def test_without_a_following_group_the_board_approves_a_submitted_report(
    plan_a, projektleder_a, board_member_a
):
    setup = report_setup(plan_a, covered=False)
    fill(projektleder_a, setup)
    services.statusrapport_submit(user=projektleder_a, rapport=setup["rapport"])
    services.statusrapport_approve(user=board_member_a, rapport=setup["rapport"])
    assert Statusrapport.objects.get(pk=setup["rapport"].pk).status == S.LAAST


def test_reviewer_returns_with_a_required_comment(submitted, group_member_a, projektleder_a):
    with pytest.raises(ValidationError, match="Skriv, hvad projektlederen skal rette"):
        services.statusrapport_return(user=group_member_a, rapport=submitted, kommentar="  ")
    services.statusrapport_return(user=group_member_a, rapport=submitted, kommentar="Uddyb ventelisten.")
    submitted.refresh_from_db()
    assert submitted.status == S.KLADDE and submitted.er_returneret
    assert submitted.returkommentar == "Uddyb ventelisten."
    # The projektleder can correct and resubmit; the comment is cleared then.
    services.statusrapport_submit(user=projektleder_a, rapport=submitted)
    submitted.refresh_from_db()
    assert submitted.status == S.INDSENDT and submitted.returkommentar == ""


def test_board_returns_an_accepted_report(accepted, board_member_a):
    services.statusrapport_return(user=board_member_a, rapport=accepted, kommentar="Tal mangler.")
    accepted.refresh_from_db()
    assert accepted.status == S.KLADDE and accepted.accepteret_af is None


def test_projektleder_cannot_return_a_report(submitted, projektleder_a):
    with pytest.raises(errors.NotAllowed):
        services.statusrapport_return(user=projektleder_a, rapport=submitted, kommentar="x")


def test_locked_report_refuses_every_service(approved, projektleder_a, board_member_a, group_member_a):
    with pytest.raises(errors.ServiceError):
        fill(projektleder_a, {"rapport": approved, **_setup_of(approved)})
    for service, user in (
        (services.statusrapport_submit, projektleder_a),
        (services.statusrapport_accept, group_member_a),
        (services.statusrapport_approve, board_member_a),
    ):
        with pytest.raises(errors.NotAllowed):
            service(user=user, rapport=approved)
    with pytest.raises(errors.NotAllowed):
        services.statusrapport_return(user=board_member_a, rapport=approved, kommentar="x")


def _setup_of(rapport):
    return {"delmaal": list(rapport.delaftale.delmaal.all()), "kriterie": report_criteria(rapport)[0]}


def test_database_refuses_changes_to_a_locked_report_whatever_the_path(approved):
    with pytest.raises(IntegrityError), transaction.atomic():
        Statusrapport.objects.filter(pk=approved.pk).update(fortaelling="Ændret bagom ryggen")
    with pytest.raises(IntegrityError), transaction.atomic():
        Delmaalstatus.objects.filter(statusrapport=approved).update(status="opgivet", forklaring="x")
    with pytest.raises(IntegrityError), transaction.atomic():
        Maaling.objects.filter(statusrapport=approved).update(vaerdi=Decimal(99))
    with pytest.raises(IntegrityError), transaction.atomic():
        Delmaalstatus.objects.create(
            statusrapport=approved, delmaal=approved.delaftale.delmaal.first(), status=PAA_SPORET
        )
    approved.refresh_from_db()
    assert approved.fortaelling.startswith("Forældrekurserne")


def test_database_refuses_values_moved_into_or_out_of_a_locked_report(approved):
    """The lock trigger on monitorering_maaling runs only for rows with a report (a WHEN
    condition): a row moved out of or into a locked report is still refused, a row of no
    report is free."""
    value = Maaling.objects.get(statusrapport=approved)
    with pytest.raises(IntegrityError, match="låst"), transaction.atomic():
        Maaling.objects.filter(pk=value.pk).update(statusrapport=None, kilde=Maaling.Kilde.MANUEL)
    free = MaalingFactory(
        indikator=value.indikator, helhedsplan=value.helhedsplan, periode_start=datetime.date(2018, 1, 1)
    )
    Maaling.objects.filter(pk=free.pk).update(vaerdi=Decimal(7))  # no report: no lock
    with pytest.raises(IntegrityError, match="låst"), transaction.atomic():
        Maaling.objects.filter(pk=free.pk).update(statusrapport=approved)
    with pytest.raises(IntegrityError, match="låst"), transaction.atomic():
        MaalingFactory(
            indikator=value.indikator,
            helhedsplan=value.helhedsplan,
            statusrapport=approved,
            periode_start=datetime.date(2017, 1, 1),
        )
    assert Maaling.objects.get(pk=free.pk).statusrapport is None
    assert Maaling.objects.get(pk=value.pk).statusrapport == approved


def test_only_formand_or_lbf_unlock_with_a_reason(
    approved, board_member_a, projektleder_a, formand_a, lbf_user
):
    for user in (board_member_a, projektleder_a):
        with pytest.raises(errors.NotAllowed):
            services.statusrapport_unlock(user=user, rapport=approved, begrundelse="fejl")
    with pytest.raises(ValidationError, match="begrundelse"):
        services.statusrapport_unlock(user=formand_a, rapport=approved, begrundelse="")
    services.statusrapport_unlock(
        user=lbf_user, rapport=approved, begrundelse="Tal for 1. kvartal var forkerte"
    )
    approved.refresh_from_db()
    assert approved.status == S.KLADDE and approved.godkendt_af is None
    assert "Tal for 1. kvartal var forkerte" in approved.returkommentar
    last = approved.history.first()
    assert last.history_user == lbf_user
    assert last.history_change_reason == "Låst op: Tal for 1. kvartal var forkerte"
    # Unlocked, the projektleder may correct it again.
    fill(projektleder_a, {"rapport": approved, **_setup_of(approved)})


def test_formand_unlocks(approved, formand_a):
    services.statusrapport_unlock(user=formand_a, rapport=approved, begrundelse="Rettelse")
    assert Statusrapport.objects.get(pk=approved.pk).status == S.KLADDE


def test_stale_revision_is_refused_with_who_changed_it(setup, projektleder_a):
    rapport = setup["rapport"]
    stale = rapport.revision
    fill(projektleder_a, setup)
    with pytest.raises(errors.Conflict) as exc:
        fill(projektleder_a, setup, expected_revision=stale, fortaelling="Overskriver")
    assert "pl_a" in exc.value.message or "Test Bruger" in exc.value.message
    assert "Genindlæs siden" in exc.value.message
    assert Statusrapport.objects.get(pk=rapport.pk).fortaelling.startswith("Forældrekurserne")


def test_approval_queues_exactly_one_recompute_after_commit(
    accepted, board_member_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        services.statusrapport_approve(user=board_member_a, rapport=accepted)
    queued = [c for c in callbacks if isinstance(c, _QueueRecompute)]
    assert queued == [_QueueRecompute(accepted.delaftale.helhedsplan_id)]


def test_registrations_queue_one_recompute_for_many_sessions(
    setup, projektleder_a, django_capture_on_commit_callbacks
):
    from tests.helhedsplaner.factories import AktivitetFactory

    aktivitet = AktivitetFactory(delmaal=setup["delmaal"][0], startdato=datetime.date(2019, 1, 1))
    sessions = [
        services.Registrering(dato=datetime.date(2019, 3, d), timer=Decimal(2), note="", deltagere={})
        for d in (4, 11, 18)
    ]
    with django_capture_on_commit_callbacks() as callbacks:
        services.aktivitetsregistreringer_create(
            user=projektleder_a, aktivitet=aktivitet, registreringer=sessions
        )
    assert len([c for c in callbacks if isinstance(c, _QueueRecompute)]) == 1


def test_nothing_is_queued_when_the_transaction_rolls_back(
    setup, projektleder_a, django_capture_on_commit_callbacks
):
    from tests.helhedsplaner.factories import AktivitetFactory

    aktivitet = AktivitetFactory(delmaal=setup["delmaal"][0], startdato=datetime.date(2019, 1, 1))
    session = services.Registrering(dato=datetime.date(2019, 3, 4), timer=Decimal(2), note="", deltagere={})
    with django_capture_on_commit_callbacks() as callbacks:
        try:
            with transaction.atomic():
                services.aktivitetsregistreringer_create(
                    user=projektleder_a, aktivitet=aktivitet, registreringer=[session]
                )
                raise RuntimeError("afbrudt")
        except RuntimeError:
            pass
    assert [c for c in callbacks if isinstance(c, _QueueRecompute)] == []
    assert not aktivitet.registreringer.exists()
