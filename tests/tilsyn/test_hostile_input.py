"""Hostile input and bounded resources on LBF's audit pages: query strings nobody's page
sends answer a page (or 400), never 500; a GET never starts a background export; survey
invitations (who was asked) stay out of the audit trail of those who do not run the survey."""

import csv
import io

import pytest
from django.urls import reverse

from tests.enighed.factories import open_survey, survey_plan
from tilsyn.models import Eksport

from .factories import compliant_plan

pytestmark = pytest.mark.django_db

THIRTY = "1" * 30
#: Every hostile value named in the finding, and a few cousins.
HOSTILE_DATES = ["9999-12-31", "0001-01-01", "2021-02-30", "²⁰²¹-01-01", THIRTY]
HOSTILE_NUMBERS = [THIRTY, "-" + THIRTY, "٣", "²", "1e400", "0x10", "-1", "0", ""]


@pytest.fixture
def plan(plan_a, projektleder_a, board_member_a):
    return compliant_plan(plan_a)["plan"]


def _ok(response, what: str) -> None:
    assert response.status_code in {200, 400}, f"{what}: {response.status_code}"


# 4. Query strings ---------------------------------------------------------------------------


def test_audit_trail_pages_survive_hostile_dates_and_ignore_only_that_filter(plan, client_lbf):
    pages = [
        reverse("tilsyn:audit_trail"),
        reverse("tilsyn:plan_audit_trail", args=[plan.pk]),
        reverse("tilsyn:audit_trail_export", args=["csv"]),
        reverse("tilsyn:plan_audit_trail_export", args=[plan.pk, "csv"]),
    ]
    for url in pages:
        for field in ("fra", "til"):
            for value in HOSTILE_DATES:
                _ok(client_lbf.get(url, {field: value}), f"{url}?{field}={value}")
        _ok(client_lbf.get(url, {"fra": "0001-01-01", "til": "9999-12-31"}), url)
    page = client_lbf.get(reverse("tilsyn:plan_audit_trail", args=[plan.pk]), {"til": "9999-12-31"})
    assert page.status_code == 200
    assert "Datoen skal ligge mellem 1900 og 2100." in page.content.decode()
    assert page.context["entries"], "the mangled date is ignored, the trail still shows"
    # A valid filter beside a mangled one still applies.
    other_user = client_lbf.get(
        reverse("tilsyn:plan_audit_trail", args=[plan.pk]), {"til": "9999-12-31", "bruger": THIRTY}
    )
    assert other_user.status_code == 200
    future = client_lbf.get(
        reverse("tilsyn:plan_audit_trail", args=[plan.pk]), {"fra": "2100-01-01", "til": "9999-12-31"}
    )
    assert future.status_code == 200 and future.context["entries"] == []


def test_pages_of_any_size_render_a_page(plan, client_lbf):
    for url in (reverse("tilsyn:audit_trail"), reverse("tilsyn:plan_audit_trail", args=[plan.pk])):
        for value in HOSTILE_NUMBERS:
            response = client_lbf.get(url, {"side": value})
            assert response.status_code == 200, f"{url}?side={value}"
        last = client_lbf.get(url, {"side": THIRTY})
        assert last.context["side"] >= 1 and last.context["entries"], "beyond the end: the last page"
    for value in HOSTILE_NUMBERS:
        assert client_lbf.get(reverse("tilsyn:overview"), {"side": value}).status_code == 200


def test_ids_of_any_size_are_ignored(plan, client_lbf):
    for value in HOSTILE_NUMBERS:
        assert client_lbf.get(reverse("tilsyn:national_charts"), {"indikator": value}).status_code == 200
        for field in ("kommune", "runde", "indsatsomraade"):
            for url in (reverse("tilsyn:overview"), reverse("tilsyn:overview_export", args=["csv"])):
                _ok(client_lbf.get(url, {field: value}), f"{url}?{field}={value}")
        for field in ("bruger", "plan"):
            _ok(client_lbf.get(reverse("tilsyn:audit_trail"), {field: value}), f"{field}={value}")
    for value in ("9999", THIRTY, "abc"):
        for name in ("agreement_diff",):
            url = reverse(f"tilsyn:{name}", args=[plan.pk])
            _ok(client_lbf.get(url, {"fra": value, "til": value}), f"{name}?fra={value}")


# 12. Starting a background export is a POST --------------------------------------------------


@pytest.mark.parametrize("who", ["client_board_a", "client_pl_a", "client_lbf"])
def test_get_with_baggrund_starts_no_job_and_post_does(plan, who, request):
    client = request.getfixturevalue(who)
    url = reverse("tilsyn:plan_export", args=[plan.pk, "aktiviteter", "csv"])
    page = client.get(url, {"baggrund": "1"})
    assert page.status_code == 200 and not Eksport.objects.exists()
    body = page.content.decode()
    assert 'method="post"' in body and "csrfmiddlewaretoken" in body
    assert f'href="{url}"' in body  # the small file can still be fetched at once
    response = client.post(f"{url}?baggrund=1")
    job = Eksport.objects.get()
    assert response.status_code == 302 and response.url == reverse("tilsyn:eksport_detail", args=[job.pk])
    assert job.art == "aktiviteter" and job.helhedsplan_id == plan.pk and "baggrund" not in job.parametre


def test_large_exports_offer_the_job_on_get_and_start_it_on_post(plan, client_lbf, settings):
    settings.TILSYN_EKSPORT_MAX_DIREKTE_RAEKKER = 0
    urls = [
        reverse("tilsyn:overview_export", args=["csv"]),
        reverse("tilsyn:audit_trail_export", args=["xlsx"]),
        reverse("tilsyn:plan_audit_trail_export", args=[plan.pk, "csv"]),
        reverse("tilsyn:plan_export", args=[plan.pk, "resultater", "xlsx"]),
    ]
    for url in urls:
        assert client_lbf.get(url).status_code == 200
    assert not Eksport.objects.exists()
    for url in urls:
        assert client_lbf.post(url).status_code == 302
    assert Eksport.objects.count() == len(urls)


def test_a_member_of_another_plan_cannot_start_an_export(plan, client_b):
    url = reverse("tilsyn:plan_export", args=[plan.pk, "aktiviteter", "csv"])
    assert client_b.post(url).status_code == 404
    assert not Eksport.objects.exists()


# 13. Who was asked in a survey ---------------------------------------------------------------


@pytest.fixture
def survey(plan_a, projektleder_a, board_member_a):
    survey_plan(plan_a)
    return open_survey(projektleder_a, plan_a)


def _labels(response) -> set[str]:
    assert response.status_code == 200
    return {e.model_label for e in response.context["entries"]}


def _csv_labels(response) -> set[str]:
    data = b"".join(response.streaming_content) if response.streaming else response.content
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    column = rows[0].index("Objekttype")
    return {r[column] for r in rows[1:] if r}


def test_invitations_in_the_audit_trail_only_for_survey_managers(
    survey, plan_a, client, projektleder_a, board_member_a, django_capture_on_commit_callbacks
):
    trail = reverse("tilsyn:plan_audit_trail", args=[plan_a.pk])
    export = reverse("tilsyn:plan_audit_trail_export", args=[plan_a.pk, "csv"])

    client.force_login(projektleder_a)
    assert "Invitation" in _labels(client.get(trail))
    assert "Invitation" in _labels(client.get(trail, {"objekttype": "enighed.invitation"}))
    assert "Invitation" in _csv_labels(client.get(export))

    client.force_login(board_member_a)  # on the board, not its formand
    page = client.get(trail)
    assert "Invitation" not in _labels(page) and "Enighedsmåling" in _labels(page)
    assert "enighed.invitation" not in page.content.decode()  # not even a filter choice
    assert "Invitation" not in _labels(client.get(trail, {"objekttype": "enighed.invitation"}))
    assert "Invitation" not in _csv_labels(client.get(export))
    assert "Invitation" not in _csv_labels(client.get(export, {"objekttype": "enighed.invitation"}))
    # ... nor in the export made in the background for them.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(export)
    job = Eksport.objects.get()
    assert job.status == "faerdig", job.fejl
    assert "Invitation" not in _csv_labels(client.get(reverse("tilsyn:eksport_download", args=[job.pk])))


def test_formand_sees_the_invitations(survey, plan_a, client, formand_a):
    client.force_login(formand_a)
    assert "Invitation" in _labels(client.get(reverse("tilsyn:plan_audit_trail", args=[plan_a.pk])))
