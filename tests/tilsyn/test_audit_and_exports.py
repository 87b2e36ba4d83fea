"""Audit trail (edit, approval, unlock, import; filters; read-only) and exports."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from helhedsplaner import services as plan_services
from helhedsplaner import versioning as versions
from monitorering import services as mon_services
from tests.helhedsplaner.factories import AktivitetFactory
from tests.monitorering.factories import IndikatorFactory
from tilsyn import audit, exports
from tilsyn.models import Eksport

from .factories import compliant_plan

pytestmark = pytest.mark.django_db

EVIL = ['=HYPERLINK("http://x")', "+1+2", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd"]


def test_neutralise_prefixes_dangerous_text_only():
    for value in EVIL:
        assert exports.neutralise(value) == "'" + value
    assert exports.neutralise("Lektiecafé") == "Lektiecafé"
    assert exports.neutralise(-5) == -5


def _table():
    return exports.Table(
        "Test", ["Tekst", "Tal", "Dato"], [[v, -12.5, datetime.date(2020, 1, 2)] for v in EVIL]
    )


def test_xlsx_neutralises_formulas_and_keeps_numbers():
    wb = load_workbook(io.BytesIO(exports.to_xlsx(_table())))
    ws = wb.active
    for row, value in zip(ws.iter_rows(min_row=2), EVIL, strict=True):
        text, number, _date = row
        # XML stores a carriage return as a line feed; the apostrophe is what matters
        assert text.data_type == "s" and text.value == "'" + value.replace("\r", "\n")
        assert number.data_type == "n" and number.value == -12.5


def test_csv_neutralises_formulas_and_keeps_numbers():
    data = exports.to_csv(_table()).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(data), delimiter=";"))
    assert rows[0] == ["Tekst", "Tal", "Dato"]
    assert [r[0] for r in rows[1:]] == ["'" + v for v in EVIL]
    assert {r[1] for r in rows[1:]} == {"-12,5"}
    assert rows[1][2] == "02.01.2020"


@pytest.fixture
def setup(plan_a, projektleder_a, board_member_a):
    return compliant_plan(plan_a)


def test_audit_trail_covers_edit_approval_unlock_and_import(setup, projektleder_a, board_member_a, lbf_user):
    plan = setup["plan"]
    # an edit
    aktivitet = AktivitetFactory(delmaal=setup["delmaal"], navn="Lektiecafé")
    plan_services.aktivitet_save(
        user=projektleder_a,
        aktivitet=type(aktivitet).objects.get(pk=aktivitet.pk),
        maalgrupper=[],
        samarbejdspartnere=[],
    )
    a = type(aktivitet).objects.get(pk=aktivitet.pk)
    a.navn = "Lektiecafé for unge"
    plan_services.aktivitet_save(user=projektleder_a, aktivitet=a, maalgrupper=[], samarbejdspartnere=[])
    # an approval of an agreement version
    draft = versions.samarbejdsaftale_draft(user=projektleder_a, plan=plan)
    versions.samarbejdsaftale_submit(user=projektleder_a, aftale=draft)
    versions.samarbejdsaftale_approve(user=lbf_user, aftale=draft, kommentar="OK")
    # an unlock of an approved report (board approves, LBF unlocks)
    from helhedsplaner.models import Statusrapport

    rapport = Statusrapport.objects.filter(delaftale=setup["delaftale"]).order_by("periode_start").first()
    Statusrapport.objects.filter(pk=rapport.pk).update(
        status="godkendt", godkendt_tidspunkt=rapport.indsendt_tidspunkt
    )
    rapport.refresh_from_db()
    plan_services.statusrapport_unlock(user=lbf_user, rapport=rapport, begrundelse="Forkert tal")
    # an import
    IndikatorFactory(kode="job-import", navn="Andel i job (import)")
    csv_data = (
        f"plan;indikator;periode_start;periode_slut;vaerdi\n{plan.pk};job-import;2019-01-01;2019-03-31;55\n"
    ).encode()
    batch, parsed = mon_services.import_preview(
        data=csv_data, filename="data.csv", kilde="Test", user=projektleder_a, plan=plan
    )
    assert parsed.ok, parsed.problems
    mon_services.import_confirm(batch_id=batch.pk, user=projektleder_a)

    entries = audit.audit_all(audit.AuditFilter(plan_id=plan.pk))

    def has(model, who, predicate=lambda e: True):
        return any(e.model_label == model and e.who == who and predicate(e) for e in entries)

    # People by their Person's name, else the account's full name (portal.formatting.user_name).
    pl, lbf = projektleder_a.person.navn, "Test " + lbf_user.last_name
    assert has(
        "Aktivitet",
        pl,
        lambda e: any(c.old == "Lektiecafé" and c.new == "Lektiecafé for unge" for c in e.changes),
    )
    assert has("Strategisk samarbejdsaftale", lbf, lambda e: e.reason == "Godkendt af LBF")
    assert has("Statusrapport", lbf, lambda e: e.reason.startswith("Låst op: Forkert tal"))
    assert has("Måling", pl, lambda e: any(c.new == "55.000" or c.new == "55" for c in e.changes))
    assert (
        has("Importkørsel", pl)
        or has("Import af målinger", pl)
        or any("mport" in e.model_label for e in entries)
    )
    # filters: user, object type, dates; the other plan has nothing
    only_lbf = audit.audit_all(audit.AuditFilter(plan_id=plan.pk, user_id=lbf_user.pk))
    assert only_lbf and {e.who for e in only_lbf} == {lbf}
    only_type = audit.audit_all(audit.AuditFilter(plan_id=plan.pk, model_key="helhedsplaner.aktivitet"))
    assert only_type and {e.model_label for e in only_type} == {"Aktivitet"}
    future = audit.audit_all(audit.AuditFilter(plan_id=plan.pk, fra=datetime.date(2100, 1, 1)))
    assert future == []


def test_audit_views_and_exports(setup, client_lbf, projektleder_a):
    plan = setup["plan"]
    html = client_lbf.get(reverse("tilsyn:audit_trail"), {"plan": plan.pk}).content.decode()
    assert "Revisionsspor" in html and plan.navn in html
    response = client_lbf.get(reverse("tilsyn:audit_trail_export", args=["csv"]), {"plan": plan.pk})
    assert response["Content-Type"].startswith("text/csv")
    assert "Helhedsplan" in response.content.decode("utf-8-sig").splitlines()[0]
    response = client_lbf.get(reverse("tilsyn:plan_audit_trail_export", args=[plan.pk, "xlsx"]))
    ws = load_workbook(io.BytesIO(response.content)).active
    assert ws.max_row > 1


def test_audit_page_invalid_dates_show_error(client_lbf):
    html = client_lbf.get(
        reverse("tilsyn:audit_trail"), {"fra": "2021-01-02", "til": "2021-01-01"}
    ).content.decode()
    assert "Slutdatoen skal ligge efter startdatoen." in html


def test_history_cannot_be_reverted_by_non_superuser_staff(setup, client):
    from django.contrib.auth.models import Permission

    from tests.bestyrelser.factories import UserFactory

    staff = UserFactory(username="staff", is_staff=True)
    staff.user_permissions.add(
        *Permission.objects.filter(codename__in=["change_samarbejdsaftale", "view_samarbejdsaftale"])
    )
    client.force_login(staff)
    aftale = setup["aftale"]
    record = aftale.history.first()
    url = reverse("admin:helhedsplaner_samarbejdsaftale_simple_history", args=[aftale.pk, record.history_id])
    assert client.post(url, {"problemkompleks": "Ændret via historik"}).status_code == 403
    aftale.refresh_from_db()
    assert aftale.problemkompleks != "Ændret via historik"


def test_plan_results_and_activity_exports(setup, client_board_a):
    plan = setup["plan"]
    AktivitetFactory(delmaal=setup["delmaal"], navn="=cmd|' /C calc'!A0")
    r = client_board_a.get(reverse("tilsyn:plan_export", args=[plan.pk, "aktiviteter", "xlsx"]))
    ws = load_workbook(io.BytesIO(r.content)).active
    names = [row[2].value for row in ws.iter_rows(min_row=2)]
    assert "'=cmd|' /C calc'!A0" in names
    r = client_board_a.get(reverse("tilsyn:plan_export", args=[plan.pk, "resultater", "csv"]))
    assert r.status_code == 200 and "Baseline" in r.content.decode("utf-8-sig")
    assert (
        client_board_a.get(reverse("tilsyn:plan_export", args=[plan.pk, "andet", "csv"])).status_code == 404
    )


def test_overview_export_both_formats(setup, client_lbf):
    setup["plan"].navn = "+Plan med plus"
    setup["plan"].save()
    r = client_lbf.get(reverse("tilsyn:overview_export", args=["csv"]))
    assert "'+Plan med plus" in r.content.decode("utf-8-sig")
    r = client_lbf.get(reverse("tilsyn:overview_export", args=["xlsx"]))
    ws = load_workbook(io.BytesIO(r.content)).active
    assert ws["A2"].value == "'+Plan med plus" and ws["A2"].data_type == "s"


def test_large_export_runs_as_job_with_download(
    setup, client_lbf, django_capture_on_commit_callbacks, settings
):
    settings.TILSYN_EKSPORT_MAX_DIREKTE_RAEKKER = 0
    url = reverse("tilsyn:overview_export", args=["xlsx"])
    page = client_lbf.get(url)  # a GET only offers the job (a button that posts)
    assert page.status_code == 200 and not Eksport.objects.exists()
    assert f'method="post" action="{url}"' in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_lbf.post(url)
    job = Eksport.objects.get()
    assert response.url == reverse("tilsyn:eksport_detail", args=[job.pk])
    status = client_lbf.get(reverse("tilsyn:eksport_status", args=[job.pk])).json()
    assert status["status"] == "faerdig" and status["fremskridt"] == 100 and status["url"]
    download = client_lbf.get(status["url"])
    ws = load_workbook(io.BytesIO(b"".join(download.streaming_content))).active
    assert ws.max_row == 2


def test_export_jobs_are_private(setup, client_board_a, lbf_user):
    job = Eksport.objects.create(art="oversigt", format="csv", bestilt_af=lbf_user)
    assert client_board_a.get(reverse("tilsyn:eksport_detail", args=[job.pk])).status_code == 404
