"""The survey's services against the database: questions from the plan, respondents and
levels, invitations and tokens, answering once, reminders, closing and the snapshot."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from bestyrelser.models import Medlemskab
from enighed import services
from enighed.models import (
    Analyse,
    Besvarelse,
    Enighedsmaaling,
    Enighedsresultat,
    Niveau,
    Niveauforskel,
    Spoergsmaal,
    Svar,
)
from portal import errors
from tests.enighed.factories import (
    BesvarelseFactory,
    SpoergsmaalFactory,
    answer_all,
    open_survey,
    survey_plan,
)

pytestmark = pytest.mark.django_db
T = Spoergsmaal.Type


def _token(invitation):
    return services.token_for(invitation)


def test_questions_are_generated_from_the_plan(plan_a, projektleder_a):
    setup = survey_plan(plan_a)
    maaling = services.enighedsmaaling_create(
        user=projektleder_a, plan=plan_a, runde=2024, lukkedato=timezone.localdate()
    )
    questions = list(maaling.spoergsmaal.order_by("nummer"))
    assert [q.type for q in questions] == [T.VIGTIGHED, T.VIGTIGHED] + [T.ADRESSERER, T.OPBAKNING] * 2 + [
        T.FRITEKST
    ]
    assert questions[0].emne == "For få unge i uddannelse"
    assert questions[0].strategisk_maal == setup["goals"][0]
    assert questions[2].delmaal == setup["delmaal"][0]
    assert "Flere i lektiecafé" in questions[2].emne
    assert questions[-1].indsatsomraade == setup["omraade"]
    assert maaling.status == Enighedsmaaling.Status.KLADDE


def test_only_projektleder_formand_or_lbf_create(plan_a, board_member_a, formand_a, lbf_user):
    survey_plan(plan_a)
    kwargs = {"plan": plan_a, "lukkedato": timezone.localdate()}
    with pytest.raises(errors.NotAllowed):
        services.enighedsmaaling_create(user=board_member_a, runde=2024, **kwargs)
    assert services.enighedsmaaling_create(user=formand_a, runde=2024, **kwargs).pk
    assert services.enighedsmaaling_create(user=lbf_user, runde=2025, **kwargs).pk


def test_create_refuses_a_second_survey_in_the_same_round_and_a_past_closing_date(plan_a, projektleder_a):
    survey_plan(plan_a)
    services.enighedsmaaling_create(
        user=projektleder_a, plan=plan_a, runde=2024, lukkedato=timezone.localdate()
    )
    with pytest.raises(ValidationError, match="allerede"):
        services.enighedsmaaling_create(
            user=projektleder_a, plan=plan_a, runde=2024, lukkedato=timezone.localdate()
        )
    with pytest.raises(ValidationError, match="fortiden"):
        services.enighedsmaaling_create(
            user=projektleder_a,
            plan=plan_a,
            runde=2025,
            lukkedato=timezone.localdate() - datetime.timedelta(days=1),
        )


def test_questions_can_be_edited_and_dropped_only_as_a_draft(plan_a, projektleder_a):
    survey_plan(plan_a)
    maaling = services.enighedsmaaling_create(
        user=projektleder_a, plan=plan_a, runde=2024, lukkedato=timezone.localdate()
    )
    first, second, *rest = maaling.spoergsmaal.order_by("nummer")
    services.spoergsmaal_update(
        user=projektleder_a,
        maaling=maaling,
        edits=[
            services.QuestionEdit(first.pk, "Hvor stort er problemet?"),
            services.QuestionEdit(second.pk, "x", False),
        ],
    )
    first.refresh_from_db()
    assert first.tekst == "Hvor stort er problemet?"
    assert not Spoergsmaal.objects.filter(pk=second.pk).exists()
    assert first.history.first().history_user == projektleder_a
    services.enighedsmaaling_open(user=projektleder_a, maaling=maaling, base_url="http://testserver/")
    with pytest.raises(errors.ServiceError):
        services.spoergsmaal_update(
            user=projektleder_a, maaling=maaling, edits=[services.QuestionEdit(first.pk, "y")]
        )


def test_respondents_get_their_level_once(plan_a, projektleder_a):
    setup = survey_plan(plan_a, board=3, group=2, forum=2)
    # A board member who also sits in the følgegruppe answers once, at the strategic level.
    Medlemskab.objects.create(
        person=setup["people"]["strategisk"][0],
        organ=setup["gruppe"],
        repraesenterer="andet",
        niveau="chef",
        fra=datetime.date(2018, 1, 1),
    )
    maaling = open_survey(projektleder_a, plan_a)
    levels = {i.person_id: i.niveau for i in maaling.invitationer.all()}
    for person in setup["people"]["strategisk"]:
        assert levels[person.pk] == Niveau.STRATEGISK
    for person in setup["people"]["praktisk"]:
        assert levels[person.pk] == Niveau.PRAKTISK
    assert levels[projektleder_a.person.pk] == Niveau.PRAKTISK  # the projektleder is the practical level
    assert not any(levels.get(p.pk) for p in setup["people"]["forum"])  # fora not included
    with_fora = open_survey(projektleder_a, plan_a, inkluder_fora=True, runde=2025)
    assert with_fora.invitationer.filter(niveau=Niveau.FORUM).count() == 2


def test_opening_sends_one_email_with_a_personal_link_each(
    plan_a, projektleder_a, django_capture_on_commit_callbacks
):
    survey_plan(plan_a)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        maaling = open_survey(projektleder_a, plan_a)
    assert len(callbacks) == 1
    with_email = maaling.invitationer.exclude(person__email="")
    assert len(mail.outbox) == with_email.count() > 0
    for message, invitation in zip(
        sorted(mail.outbox, key=lambda m: m.to[0]), with_email.order_by("person__email"), strict=True
    ):
        assert message.to == [invitation.person.email]
        assert f"/enighed/svar/{_token(invitation)}/" in message.body
    # Idempotent: running the job again sends nothing more.
    assert services.invitations_send(maaling_id=maaling.pk, base_url="http://testserver/") == 0
    assert len(mail.outbox) == with_email.count()


def test_token_is_not_stored_and_is_unique(plan_a, projektleder_a):
    survey_plan(plan_a)
    maaling = open_survey(projektleder_a, plan_a)
    invitations = list(maaling.invitationer.all())
    tokens = {_token(i) for i in invitations}
    assert len(tokens) == len(invitations)
    for invitation in invitations:
        assert _token(invitation) not in (invitation.noegle, invitation.token_hash)
        assert services.invitation_for_token(_token(invitation)) == invitation
    with pytest.raises(IntegrityError), transaction.atomic():
        other = invitations[1]
        other.token_hash = invitations[0].token_hash
        other.save()


def test_one_time_token_refuses_a_second_answer(plan_a, projektleder_a):
    survey_plan(plan_a)
    maaling = open_survey(projektleder_a, plan_a)
    invitation = maaling.invitationer.filter(niveau=Niveau.STRATEGISK).first()
    question = maaling.spoergsmaal.exclude(type=T.FRITEKST).first()
    token = _token(invitation)
    services.besvarelse_submit(invitation=services.invitation_for_token(token), vaerdier={question.pk: 4})
    with pytest.raises(services.AlreadyAnswered):
        services.invitation_for_token(token)
    with pytest.raises(services.AlreadyAnswered):
        services.besvarelse_submit(invitation=invitation, vaerdier={question.pk: 2})
    # Even a stale, already-loaded invitation object cannot answer twice.
    stale = maaling.invitationer.get(pk=invitation.pk)
    stale.besvaret = False
    with pytest.raises(services.AlreadyAnswered):
        services.besvarelse_submit(invitation=stale, vaerdier={question.pk: 2})
    assert Besvarelse.objects.filter(maaling=maaling).count() == 1
    assert Svar.objects.get().vaerdi == 4


def test_expired_and_unknown_tokens_are_refused(plan_a, projektleder_a):
    survey_plan(plan_a)
    maaling = open_survey(projektleder_a, plan_a)
    invitation = maaling.invitationer.first()
    with pytest.raises(services.TokenUnknown):
        services.invitation_for_token("0" * 64)
    Enighedsmaaling.objects.filter(pk=maaling.pk).update(
        lukkedato=timezone.localdate() - datetime.timedelta(days=1)
    )
    with pytest.raises(services.SurveyClosed):
        services.invitation_for_token(_token(invitation))
    Enighedsmaaling.objects.filter(pk=maaling.pk).update(lukkedato=timezone.localdate())
    services.enighedsmaaling_close(user=projektleder_a, maaling=maaling)
    with pytest.raises(services.SurveyClosed):
        services.invitation_for_token(_token(invitation))


def test_answers_must_belong_to_the_survey_and_lie_on_the_scale(plan_a, projektleder_a):
    survey_plan(plan_a)
    maaling = open_survey(projektleder_a, plan_a)
    invitation = maaling.invitationer.first()
    question = maaling.spoergsmaal.exclude(type=T.FRITEKST).first()
    foreign = SpoergsmaalFactory()
    with pytest.raises(ValidationError):
        services.besvarelse_submit(invitation=invitation, vaerdier={foreign.pk: 3})
    with pytest.raises(ValidationError):
        services.besvarelse_submit(invitation=invitation, vaerdier={question.pk: 6})
    with pytest.raises(ValidationError, match="mindst ét"):
        services.besvarelse_submit(invitation=invitation, vaerdier={question.pk: None})
    invitation.refresh_from_db()
    assert not invitation.besvaret
    assert not Besvarelse.objects.exists()


def test_database_refuses_values_outside_one_to_five():
    besvarelse = BesvarelseFactory()
    question = SpoergsmaalFactory(maaling=besvarelse.maaling)
    with pytest.raises(IntegrityError), transaction.atomic():
        Svar.objects.create(besvarelse=besvarelse, spoergsmaal=question, vaerdi=0)
    with pytest.raises(IntegrityError), transaction.atomic():
        Svar.objects.create(besvarelse=besvarelse, spoergsmaal=question, vaerdi=None, tekst="")
    Svar.objects.create(besvarelse=besvarelse, spoergsmaal=question, vaerdi=5)
    with pytest.raises(IntegrityError), transaction.atomic():
        Svar.objects.create(besvarelse=besvarelse, spoergsmaal=question, vaerdi=4)


def test_database_refuses_numbers_in_a_suppressed_result(plan_a):
    maaling = SpoergsmaalFactory().maaling
    with pytest.raises(IntegrityError), transaction.atomic():
        Enighedsresultat.objects.create(
            maaling=maaling,
            niveau="strategisk",
            omfang="blok",
            blok="problem",
            n=2,
            undertrykt=True,
            middel=3.0,
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Enighedsresultat.objects.create(
            maaling=maaling, niveau="strategisk", omfang="blok", blok="problem", n=2
        )


def test_reminders_go_to_those_who_have_not_answered_once_per_request(
    plan_a, projektleder_a, django_capture_on_commit_callbacks
):
    survey_plan(plan_a)
    maaling = open_survey(projektleder_a, plan_a)
    answer_all(maaling, Niveau.STRATEGISK, [[3]])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.enighedsmaaling_remind(user=projektleder_a, maaling=maaling, base_url="http://testserver/")
    unanswered = maaling.invitationer.filter(besvaret=False).exclude(person__email="")
    assert len(mail.outbox) == unanswered.count()
    assert all("Påmindelse" in m.subject for m in mail.outbox)
    answered = maaling.invitationer.get(besvaret=True)
    assert answered.person.email not in {m.to[0] for m in mail.outbox}
    invitation = unanswered.first()
    assert f"/enighed/svar/{_token(invitation)}/" in next(
        m.body for m in mail.outbox if m.to == [invitation.person.email]
    )
    assert invitation.paamindelser == 1
    # The same request again (a redelivered task) reminds nobody twice.
    since = (invitation.sidst_paamindet - datetime.timedelta(seconds=1)).isoformat()
    assert services.reminders_send(maaling_id=maaling.pk, requested_at=since, base_url="http://x/") == 0


def test_closing_queues_the_analysis_and_replaces_the_snapshot(
    plan_a, projektleder_a, django_capture_on_commit_callbacks
):
    survey_plan(plan_a, board=4, group=3)
    maaling = open_survey(projektleder_a, plan_a)
    answer_all(maaling, Niveau.STRATEGISK, [[4, 4, 4, 4, 4, 4], [4, 5, 4, 4, 5, 4], [5, 4, 4, 4, 4, 4]])
    answer_all(maaling, Niveau.PRAKTISK, [[4, 4, 2, 1, 2, 2], [5, 4, 1, 2, 1, 1], [4, 4, 2, 1, 1, 2]])
    answer_all(maaling, Niveau.PRAKTISK, [[4]])
    with django_capture_on_commit_callbacks(execute=True):
        services.enighedsmaaling_close(user=projektleder_a, maaling=maaling)
    maaling.refresh_from_db()
    assert maaling.status == Enighedsmaaling.Status.LUKKET
    analyse = Analyse.objects.get(maaling=maaling)
    assert analyse.antal_besvarelser == 7
    assert analyse.antal_pr_niveau == {"strategisk": 3, "praktisk": 4, "forum": 0}
    problems = Enighedsresultat.objects.get(
        maaling=maaling, omfang="blok", blok="problem", niveau="strategisk"
    )
    # Problem items: (4, 4, 5) and (4, 5, 4): s² = 1/3 each → r_wg(2) = 2·(5/6) / (2·(5/6) + 1/6) = 10/11.
    assert problems.rwg == pytest.approx(10 / 11)
    assert problems.n == 3
    count = Enighedsresultat.objects.filter(maaling=maaling).count()
    assert Niveauforskel.objects.filter(maaling=maaling, spoergsmaal__isnull=True).count() == 2
    # Recomputing replaces rather than adds.
    services.analysis_run(maaling_id=maaling.pk)
    assert Enighedsresultat.objects.filter(maaling=maaling).count() == count
    assert Analyse.objects.filter(maaling=maaling).count() == 1


def test_nightly_job_closes_surveys_past_their_closing_date(plan_a, projektleder_a):
    survey_plan(plan_a)
    maaling = open_survey(projektleder_a, plan_a)
    assert services.enighedsmaaling_close_due(today=timezone.localdate()) == 0
    assert services.enighedsmaaling_close_due(today=maaling.lukkedato + datetime.timedelta(days=1)) == 1
    maaling.refresh_from_db()
    assert maaling.status == Enighedsmaaling.Status.LUKKET and maaling.lukket


def test_only_managers_remind_close_and_recompute(plan_a, projektleder_a, board_member_a):
    survey_plan(plan_a)
    maaling = open_survey(projektleder_a, plan_a)
    for call in (
        lambda: services.enighedsmaaling_remind(user=board_member_a, maaling=maaling, base_url="http://x/"),
        lambda: services.enighedsmaaling_close(user=board_member_a, maaling=maaling),
        lambda: services.analysis_request(user=board_member_a, maaling=maaling),
    ):
        with pytest.raises(errors.NotAllowed):
            call()
