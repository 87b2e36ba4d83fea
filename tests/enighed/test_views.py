"""The survey's pages through the front door: access per role, the token pages, the
results page (suppression, tables for every chart, constant queries) and the export."""

import csv
import datetime
import io
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from enighed import services
from enighed.models import Besvarelse, Enighedsmaaling, Niveau
from tests.bestyrelser.factories import UserFactory
from tests.enighed.factories import answer_all, open_survey, survey_plan

pytestmark = pytest.mark.django_db

STRATEGIC = [[4, 4, 4, 4, 4, 4], [4, 5, 4, 4, 5, 4], [5, 4, 4, 4, 4, 4]]
PRACTICAL = [[4, 4, 2, 1, 2, 2], [5, 4, 1, 2, 1, 1], [4, 4, 2, 1, 1, 2]]


def _closed_survey(plan, user, *, strategic=STRATEGIC, practical=PRACTICAL, forum=None, texts=True):
    survey_plan(plan, board=4, group=3, forum=2)
    maaling = open_survey(user, plan, inkluder_fora=forum is not None)
    answer_all(maaling, Niveau.STRATEGISK, strategic)
    answer_all(maaling, Niveau.PRAKTISK, practical)
    if forum:
        answer_all(maaling, Niveau.FORUM, forum)
    if texts:
        fritekst = maaling.spoergsmaal.get(type="fritekst")
        for invitation in maaling.invitationer.filter(besvaret=False, niveau=Niveau.PRAKTISK)[:1]:
            services.besvarelse_submit(
                invitation=invitation, vaerdier={}, tekster={fritekst.pk: "Lektiecaféen virker."}
            )
    services.enighedsmaaling_close(user=user, maaling=maaling)
    services.analysis_run(maaling_id=maaling.pk)
    return maaling


def _url(name, *args):
    return reverse(f"enighed:{name}", args=args)


# Access ------------------------------------------------------------------------------------


def test_plan_list_per_role(client, plan_a, projektleder_a, board_member_a, member_b, lbf_user):
    survey_plan(plan_a)
    url = _url("plan_list", plan_a.pk)
    client.force_login(projektleder_a)
    page = client.get(url)
    assert page.status_code == 200 and "Ny enighedsmåling" in page.content.decode()
    client.force_login(board_member_a)
    page = client.get(url)
    assert page.status_code == 200 and "Ny enighedsmåling" not in page.content.decode()
    client.force_login(lbf_user)
    assert client.get(url).status_code == 200
    client.force_login(member_b)
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302


def test_create_through_the_page_and_refusals(client, plan_a, projektleder_a, board_member_a):
    survey_plan(plan_a)
    url = _url("maaling_create", plan_a.pk)
    data = {"runde": 2024, "lukkedato": (timezone.localdate() + datetime.timedelta(days=7)).isoformat()}
    client.force_login(board_member_a)
    assert client.post(url, data).status_code == 403
    client.force_login(projektleder_a)
    assert client.get(url).status_code == 405
    response = client.post(url, {"runde": "", "lukkedato": "x"})
    assert response.status_code == 302 and not Enighedsmaaling.objects.exists()
    response = client.post(url, data)
    maaling = Enighedsmaaling.objects.get()
    assert response.url == _url("spoergsmaal_edit", maaling.pk)


def test_edit_questions_then_open(client, plan_a, projektleder_a):
    survey_plan(plan_a)
    maaling = services.enighedsmaaling_create(
        user=projektleder_a, plan=plan_a, runde=2024, lukkedato=timezone.localdate()
    )
    client.force_login(projektleder_a)
    questions = list(maaling.spoergsmaal.order_by("nummer"))
    data = {"form-TOTAL_FORMS": len(questions), "form-INITIAL_FORMS": len(questions)}
    for i, q in enumerate(questions):
        data.update({f"form-{i}-pk": q.pk, f"form-{i}-tekst": q.tekst, f"form-{i}-medtag": "on"})
    data["form-0-tekst"] = "Hvor alvorligt er problemet?"
    del data["form-1-medtag"]
    assert client.get(_url("spoergsmaal_edit", maaling.pk)).status_code == 200
    assert client.post(_url("spoergsmaal_edit", maaling.pk), data).status_code == 302
    assert maaling.spoergsmaal.count() == len(questions) - 1
    assert client.post(_url("maaling_action", maaling.pk, "aabn")).status_code == 302
    maaling.refresh_from_db()
    assert maaling.status == Enighedsmaaling.Status.AABEN
    assert client.get(_url("maaling_action", maaling.pk, "luk")).status_code == 405


def test_survey_actions_are_forbidden_for_a_board_member_and_hidden_from_foreign_plans(
    client, plan_a, projektleder_a, board_member_a, member_b
):
    survey_plan(plan_a)
    maaling = open_survey(projektleder_a, plan_a)
    client.force_login(board_member_a)
    assert client.get(_url("maaling_detail", maaling.pk)).status_code == 200
    for action in ("paamind", "luk", "beregn"):
        assert client.post(_url("maaling_action", maaling.pk, action)).status_code == 403
    assert client.get(_url("spoergsmaal_edit", maaling.pk)).status_code == 403
    client.force_login(member_b)
    for name in ("maaling_detail", "resultater", "resultater_csv", "besvar"):
        assert client.get(_url(name, maaling.pk)).status_code == 404
    assert client.post(_url("maaling_action", maaling.pk, "luk")).status_code == 404


# Answering -----------------------------------------------------------------------------------


def _form_data(maaling, value=4):
    return {f"q{q.pk}": value for q in maaling.spoergsmaal.all() if q.er_skala}


def test_token_link_works_without_login_and_only_once(client, plan_a, projektleder_a):
    survey_plan(plan_a)
    maaling = open_survey(projektleder_a, plan_a)
    invitation = maaling.invitationer.filter(niveau=Niveau.STRATEGISK).first()
    url = _url("svar_token", services.token_for(invitation))
    page = client.get(url)
    body = page.content.decode()
    assert page.status_code == 200
    assert maaling.spoergsmaal.first().emne in body
    # Nothing but the questions: no person, no plan pages, no results.
    assert invitation.person.navn not in body
    assert "Resultater" not in body and "/planer/" not in body
    response = client.post(url, _form_data(maaling))
    assert response.status_code == 302 and response.url == _url("tak")
    assert client.get(response.url).status_code == 200
    assert Besvarelse.objects.filter(maaling=maaling, niveau=Niveau.STRATEGISK).count() == 1
    second = client.get(url)
    assert second.status_code == 409 and "allerede svaret" in second.content.decode()
    assert client.post(url, _form_data(maaling, 1)).status_code == 409
    assert Besvarelse.objects.count() == 1


def test_expired_and_unknown_tokens_are_refused(client, plan_a, projektleder_a):
    survey_plan(plan_a)
    maaling = open_survey(projektleder_a, plan_a)
    url = _url("svar_token", services.token_for(maaling.invitationer.first()))
    Enighedsmaaling.objects.filter(pk=maaling.pk).update(
        lukkedato=timezone.localdate() - datetime.timedelta(days=1)
    )
    response = client.get(url)
    assert response.status_code == 410 and "lukket" in response.content.decode()
    assert client.post(url, _form_data(maaling)).status_code == 410
    assert client.get(_url("svar_token", "ugyldigt-token")).status_code == 404
    assert not Besvarelse.objects.exists()


def test_someone_elses_token_is_refused_when_logged_in(client, plan_a, projektleder_a):
    survey_plan(plan_a)
    maaling = open_survey(projektleder_a, plan_a)
    other = maaling.invitationer.exclude(person__user=projektleder_a).first()
    client.force_login(projektleder_a)
    url = _url("svar_token", services.token_for(other))
    assert client.get(url).status_code == 403
    assert client.post(url, _form_data(maaling)).status_code == 403
    assert not Besvarelse.objects.exists()


def test_answer_after_login_uses_only_the_own_invitation(client, plan_a, projektleder_a, board_member_a):
    survey_plan(plan_a)
    maaling = open_survey(projektleder_a, plan_a)
    client.force_login(board_member_a)
    url = _url("besvar", maaling.pk)
    assert client.get(url).status_code == 200
    invalid = client.post(url, {f"q{maaling.spoergsmaal.first().pk}": 9})
    assert invalid.status_code == 400 and not Besvarelse.objects.exists()
    assert client.post(url, _form_data(maaling, 5)).status_code == 302
    besvarelse = Besvarelse.objects.get()
    assert besvarelse.niveau == Niveau.STRATEGISK
    assert maaling.invitationer.get(person__user=board_member_a).besvaret
    assert client.get(url).status_code == 409
    stranger = UserFactory(username="ikke_inviteret")
    client.force_login(stranger)
    assert client.get(url).status_code == 404  # not a member: the plan is not visible


# Results --------------------------------------------------------------------------------------


def test_results_page_shows_headline_with_tables_and_no_inline_script(client, plan_a, projektleder_a):
    maaling = _closed_survey(plan_a, projektleder_a)
    client.force_login(projektleder_a)
    page = client.get(_url("resultater", maaling.pk))
    html = page.content.decode()
    assert page.status_code == 200
    assert 'id="fig-hovedtal"' in html and 'data-figure="fig-hovedtal"' in html
    assert 'id="tabel-hovedtal"' in html
    assert "Mellem niveauerne" in html and "Hvor niveauerne er mest uenige" in html
    # Strategic problems r_wg(2) = 10/11 = 0,91 (see test_services).
    assert "0,91" in html
    assert "Lektiecaféen virker." in html
    for script in re.findall(r"<script(?P<attrs>[^>]*)>", html):
        assert "src=" in script or 'type="application/json"' in script, script
    assert not re.search(r"\son[a-z]+=", html)
    assert "cdn" not in html.lower()


def test_suppression_below_three_in_page_and_export(client, plan_a, projektleder_a):
    # Only two strategic respondents: everything strategic and "between" is suppressed.
    maaling = _closed_survey(plan_a, projektleder_a, strategic=STRATEGIC[:2], forum=[[1, 1, 1, 1, 1, 1]])
    client.force_login(projektleder_a)
    html = client.get(_url("resultater", maaling.pk)).content.decode()
    table = html[
        html.index('id="tabel-hovedtal"') : html.index("</table>", html.index('id="tabel-hovedtal"'))
    ]
    strategic_row = table[table.index("Inden for det strategiske niveau") :].split("</tr>")[0]
    assert strategic_row.count("for få svar") == 2
    between_row = table[table.index("Mellem niveauerne") :].split("</tr>")[0]
    assert between_row.count("for få svar") == 2
    assert "Ingen forskelle kan vises" in html
    text = client.get(_url("resultater_csv", maaling.pk)).content.decode("utf-8-sig")
    checked = 0
    for cells in csv.reader(io.StringIO(text), delimiter=";"):
        line = ",".join(cells)
        if (
            len(cells) > 3
            and cells[0] in ("headline", "indsatsomraade", "spoergsmaal")
            and cells[2]
            in (
                "strategisk",
                "mellem",
                "forum",
            )
        ):
            assert "for få svar" in line
            assert cells[6:10] == ["", "", "", ""], line
            checked += 1
        if cells and cells[0] == "forskel":
            assert "for få svar" in line
    assert checked > 10
    assert "Lektiecaféen" not in text  # free text never in the export


def test_free_text_only_for_plan_members(client, plan_a, projektleder_a, lbf_user):
    maaling = _closed_survey(plan_a, projektleder_a)
    client.force_login(lbf_user)
    html = client.get(_url("resultater", maaling.pk)).content.decode()
    assert "Lektiecaféen virker." not in html
    assert "0,91" in html


def test_results_page_runs_a_constant_number_of_queries(
    client, plan_a, projektleder_a, django_assert_num_queries
):
    maaling = _closed_survey(plan_a, projektleder_a)
    client.force_login(projektleder_a)
    url = _url("resultater", maaling.pk)
    client.get(url)
    # session, user, survey, LBF group, plan, memberships (roles), snapshot, result rows,
    # differences, free text
    with django_assert_num_queries(10):
        response = client.get(url)
        assert b"fig-hovedtal" in response.content


def test_results_query_count_does_not_grow_with_more_items(
    client, plan_a, projektleder_a, django_assert_num_queries
):
    from tests.helhedsplaner.factories import DelmaalFactory

    setup = survey_plan(plan_a, board=4, group=3)
    for nummer in range(3, 8):
        DelmaalFactory(delaftale=setup["delaftale"], nummer=nummer)
    maaling = open_survey(projektleder_a, plan_a)
    values = [[4, 5, 4, 4, 5, 4, 3, 4, 5, 4, 3, 4, 5, 4, 4, 4]] * 3
    answer_all(maaling, Niveau.STRATEGISK, values)
    answer_all(maaling, Niveau.PRAKTISK, values)
    services.analysis_run(maaling_id=maaling.pk)
    client.force_login(projektleder_a)
    with django_assert_num_queries(10):
        client.get(_url("resultater", maaling.pk))


def test_results_before_analysis_say_so(client, plan_a, projektleder_a):
    survey_plan(plan_a)
    maaling = open_survey(projektleder_a, plan_a)
    client.force_login(projektleder_a)
    assert "ikke beregnet endnu" in client.get(_url("resultater", maaling.pk)).content.decode()


def test_trend_across_rounds_on_the_plan_page(client, plan_a, projektleder_a):
    first = _closed_survey(plan_a, projektleder_a, texts=False)
    second = open_survey(projektleder_a, plan_a, runde=2025)
    answer_all(second, Niveau.STRATEGISK, STRATEGIC)
    answer_all(second, Niveau.PRAKTISK, STRATEGIC)
    services.enighedsmaaling_close(user=projektleder_a, maaling=second)
    services.analysis_run(maaling_id=second.pk)
    client.force_login(projektleder_a)
    html = client.get(_url("plan_list", plan_a.pk)).content.decode()
    assert 'id="fig-udvikling"' in html
    assert _url("resultater", first.pk) in html and _url("resultater", second.pk) in html


def test_lbf_overview_shows_the_distribution_only_to_lbf(
    client, plan_a, plan_b, projektleder_a, lbf_user, member_b
):
    _closed_survey(plan_a, projektleder_a, texts=False)
    client.force_login(member_b)
    assert client.get(_url("lbf_oversigt")).status_code == 404
    client.force_login(lbf_user)
    html = client.get(_url("lbf_oversigt")).content.decode()
    assert 'id="fig-fordeling"' in html
    assert "Tabel: fordelingen" in html and "0,91" in html
    assert "Lektiecaféen" not in html
