"""No table links a response to a person: by structure (columns, keys, history tables)
and by behaviour (answering after login leaves no trace of who answered)."""

import uuid

import pytest
from django.apps import apps
from django.db import models

from enighed import services
from enighed.models import Besvarelse, Invitation, Niveau, Svar
from tests.enighed.factories import open_survey, survey_plan

RESPONSE_MODELS = (Besvarelse, Svar)


def test_responses_have_no_person_user_invitation_or_time_column():
    allowed = {Besvarelse: {"maaling"}, Svar: {"besvarelse", "spoergsmaal"}}
    for model in RESPONSE_MODELS:
        relations = {f.name for f in model._meta.concrete_fields if f.is_relation}
        assert relations == allowed[model], model
        for field in model._meta.concrete_fields:
            assert not isinstance(field, models.DateField | models.DateTimeField | models.TimeField), field
        assert isinstance(model._meta.pk, models.UUIDField), (
            "sequential ids would reveal the order of answers"
        )


def test_no_model_points_at_a_response_except_its_own_answers():
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if field.is_relation and field.related_model in RESPONSE_MODELS:
                assert (model, field.related_model) == (Svar, Besvarelse), (model, field)


def test_responses_are_not_history_tracked():
    names = {m.__name__ for m in apps.get_app_config("enighed").get_models()}
    assert "HistoricalBesvarelse" not in names and "HistoricalSvar" not in names
    assert "HistoricalInvitation" in names  # invitations are, without the token columns
    historical = apps.get_model("enighed", "HistoricalInvitation")
    columns = {f.name for f in historical._meta.concrete_fields}
    assert "token_hash" not in columns and "noegle" not in columns


@pytest.mark.django_db
def test_answering_after_login_leaves_no_trace_of_who(client, plan_a, projektleder_a, board_member_a):
    survey_plan(plan_a)
    maaling = open_survey(projektleder_a, plan_a)
    invitation = Invitation.objects.get(maaling=maaling, person__user=board_member_a)
    history_before = invitation.history.count()
    client.force_login(board_member_a)
    data = {f"q{q.pk}": 3 for q in maaling.spoergsmaal.all() if q.er_skala}
    assert client.post(f"/enighed/{maaling.pk}/besvar/", data).status_code == 302
    besvarelse = Besvarelse.objects.get()
    assert (besvarelse.niveau, besvarelse.organisationstype) == (
        Niveau.STRATEGISK,
        invitation.organisationstype,
    )
    # Every stored value other than the survey/question keys and the rating itself:
    free_columns = {"id", "niveau", "organisationstype", "besvarelse_id", "tekst"}
    values = set()
    for model in RESPONSE_MODELS:
        names = [f.attname for f in model._meta.concrete_fields if f.attname in free_columns]
        for row in model.objects.values_list(*names):
            values |= {str(v) for v in row}
    person = board_member_a.person
    for identifying in (board_member_a.username, str(board_member_a.pk), person.navn, str(person.pk)):
        assert identifying not in values
    assert all(isinstance(v, uuid.UUID) for v in Svar.objects.values_list("id", flat=True))
    # The invitation only knows that its person answered, and when is not recorded either.
    invitation.refresh_from_db()
    assert invitation.besvaret
    assert invitation.history.count() == history_before


@pytest.mark.django_db
def test_token_answer_refuses_reuse_even_across_two_invitations_of_one_person(plan_a, projektleder_a):
    survey_plan(plan_a)
    maaling = open_survey(projektleder_a, plan_a)
    assert maaling.invitationer.values("person").distinct().count() == maaling.invitationer.count()
    invitation = maaling.invitationer.first()
    question = maaling.spoergsmaal.exclude(type="fritekst").first()
    services.besvarelse_submit(invitation=invitation, vaerdier={question.pk: 2})
    with pytest.raises(services.AlreadyAnswered):
        services.besvarelse_submit(invitation=invitation, vaerdier={question.pk: 2})


@pytest.mark.django_db
def test_every_survey_model_has_a_history_admin_with_working_pages(client, plan_a, projektleder_a):
    from django.contrib import admin
    from django.urls import reverse
    from simple_history.admin import SimpleHistoryAdmin

    from tests.bestyrelser.factories import UserFactory

    survey_plan(plan_a)
    open_survey(projektleder_a, plan_a)
    client.force_login(UserFactory(username="admin", is_staff=True, is_superuser=True))
    for model in apps.get_app_config("enighed").get_models():
        if model.__name__.startswith("Historical"):
            continue
        assert isinstance(admin.site._registry.get(model), SimpleHistoryAdmin), model
        for page in ("changelist", "add"):
            url = reverse(f"admin:enighed_{model._meta.model_name}_{page}")
            assert client.get(url).status_code == 200, url
