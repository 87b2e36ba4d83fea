"""Monitoring pages through the front door: happy path, invalid input, forbidden user."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from monitorering import selectors, services
from monitorering.criteria import kriteriesaet_for
from monitorering.models import ImportBatch, Job, Maaling, Omraadestatus
from tests.monitorering.factories import JobFactory, monitored_plan

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2020, 1, 1)


@pytest.fixture
def computed(plan_a):
    plan, crit = monitored_plan(plan_a)
    services.plan_recompute(plan_id=plan.pk, today=TODAY)
    return plan, crit


def url(name, *args):
    return reverse(f"monitorering:{name}", args=args)


def test_board_member_sees_the_computed_statuses(client_board_a, computed):
    plan, crit = computed
    response = client_board_a.get(url("plan_status", plan.pk))
    assert response.status_code == 200
    html = response.content.decode()
    assert crit["share"].beskrivelse in html
    assert 'data-status="paa_sporet">3<' in html
    assert "Importér målinger" not in html  # only the projektleder imports


def test_status_page_can_show_an_earlier_period(client_board_a, computed):
    plan, _crit = computed
    response = client_board_a.get(url("plan_status", plan.pk), {"periode": "2019-01-01"})
    assert response.context["periode_start"] == datetime.date(2019, 1, 1)
    assert response.context["samlet"].ingen_data == 1


def test_member_of_another_plan_gets_404(client_b, computed):
    plan, _crit = computed
    assert client_b.get(url("plan_status", plan.pk)).status_code == 404
    assert client_b.get(url("job_list", plan.pk)).status_code == 404


def test_plan_monitoring_reads_in_a_constant_number_of_queries(computed, django_assert_num_queries):
    plan, _crit = computed
    with django_assert_num_queries(4):
        context = selectors.plan_monitoring(plan)
        assert [r.succeskriterie.indikator.kode for r in context["raekker"]]
        assert all(len(r.forloeb) == 4 for r in context["raekker"])
        assert context["samlet"].paa_sporet == 3


def test_job_table_for_projektleder_and_lbf_only(client, projektleder_a, board_member_a, lbf_user, plan_a):
    job = JobFactory(helhedsplan=plan_a, status=Job.Status.FEJLET, forsoeg=3, fejl="OperationalError: db")
    client.force_login(projektleder_a)
    response = client.get(url("job_list", plan_a.pk))
    assert response.status_code == 200
    assert "OperationalError: db" in response.content.decode()
    status = client.get(url("job_status", job.pk)).json()
    assert (status["status"], status["forsoeg"], status["aktiv"]) == ("fejlet", 3, False)
    assert client.get(url("job_list_all")).status_code == 404
    client.force_login(lbf_user)
    assert client.get(url("job_list", plan_a.pk)).status_code == 200
    assert client.get(url("job_list_all")).status_code == 200
    client.force_login(board_member_a)
    assert client.get(url("job_list", plan_a.pk)).status_code == 403
    assert client.get(url("job_status", job.pk)).status_code == 403


def test_job_table_reads_in_one_query(plan_a, django_assert_num_queries):
    for _ in range(5):
        JobFactory(helhedsplan=plan_a)
    with django_assert_num_queries(1):
        jobs = selectors.jobs_for(plan_a)
        assert [j.helhedsplan.navn for j in jobs] == [plan_a.navn] * 5


def test_recompute_button_queues_a_run(client_pl_a, plan_a, django_capture_on_commit_callbacks):
    assert client_pl_a.get(url("plan_recompute", plan_a.pk)).status_code == 405
    with django_capture_on_commit_callbacks(execute=True):
        response = client_pl_a.post(url("plan_recompute", plan_a.pk))
    assert response.status_code == 302
    assert Job.objects.get(helhedsplan=plan_a).status == Job.Status.FAERDIG


def csv_upload(plan, value="12"):
    header = "plan;indikator;periode_start;periode_slut;vaerdi"
    text = f"{header}\n{plan.pk};fritidsjob;2019-01-01;2019-03-31;{value}\n"
    return SimpleUploadedFile("maalinger.csv", text.encode(), content_type="text/csv")


def test_projektleder_previews_confirms_and_undoes_an_import(client_pl_a, computed):
    plan, _crit = computed
    before = Maaling.objects.count()
    response = client_pl_a.post(url("import_start", plan.pk), {"fil": csv_upload(plan), "kilde": "Test"})
    batch = ImportBatch.objects.get(helhedsplan=plan)
    assert response.status_code == 302
    assert response.url == url("import_detail", plan.pk, batch.pk)
    preview = client_pl_a.get(response.url).content.decode()
    assert "oprettes" in preview
    assert Maaling.objects.count() == before
    client_pl_a.post(url("import_confirm", plan.pk, batch.pk))
    assert Maaling.objects.count() == before + 1
    client_pl_a.post(url("import_undo", plan.pk, batch.pk))
    assert Maaling.objects.count() == before
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.FORTRUDT


def test_invalid_import_shows_row_and_column_and_writes_nothing(client_pl_a, computed):
    plan, _crit = computed
    before = (Maaling.objects.count(), ImportBatch.objects.count())
    response = client_pl_a.post(url("import_start", plan.pk), {"fil": csv_upload(plan, "tolv")})
    assert response.status_code == 400
    html = response.content.decode()
    assert "«tolv» er ikke et tal." in html
    assert "<td>2</td><td>vaerdi</td>" in html
    assert (Maaling.objects.count(), ImportBatch.objects.count()) == before


def test_board_member_may_not_import(client_board_a, plan_a):
    assert client_board_a.get(url("import_start", plan_a.pk)).status_code == 403
    assert client_board_a.post(url("import_start", plan_a.pk), {"fil": csv_upload(plan_a)}).status_code == 403


def test_area_profile_shows_values_thresholds_and_categories(client_board_a, plan_a, member_b, client):
    Omraadestatus.objects.create(
        boligomraade=plan_a.boligomraade,
        aar=2022,
        kriteriesaet=kriteriesaet_for(2022),
        antal_beboere=1800,
        a_uden_beskaeftigelse_pct=45,
        c_kun_grundskole_pct=65,
        d_indkomst_pct=60,
        ikke_vestlig_pct=55,
        kategori=Omraadestatus.Kategori.PARALLELSAMFUND,
    )
    response = client_board_a.get(url("omraade_profil", plan_a.boligomraade_id))
    assert response.status_code == 200
    rows = {k["kode"]: k["celler"][0] for k in response.context["kategorier"]}
    assert rows["parallelsamfund"].udfald is True
    assert rows["omdannelsesomraade"].udfald is None  # no earlier years known
    assert "afstand 5" in response.content.decode()  # A: 45 − 40
    client.force_login(member_b)
    assert client.get(url("omraade_profil", plan_a.boligomraade_id)).status_code == 404
