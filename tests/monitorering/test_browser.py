"""In a real browser: the projektleder imports a file, previews it, confirms it, undoes it,
and the job table and status page render without console errors."""

import contextlib
from urllib.parse import urlparse

import pytest

from monitorering.models import ImportBatch, Maaling
from tests.monitorering.factories import monitored_plan

# The Chromium fixture: in tests/portal/test_browser.py, or shared from tests/conftest.py.
with contextlib.suppress(ImportError):
    from tests.portal.test_browser import browser  # noqa: F401

pytestmark = pytest.mark.browser


def test_import_round_trips_in_the_browser(browser, live_server, plan_a, projektleder_a, tmp_path):  # noqa: F811
    plan, _crit = monitored_plan(plan_a)
    page = browser.new_page(locale="da-DK")
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    host = urlparse(live_server.url).hostname
    outside: list[str] = []
    page.on("request", lambda req: outside.append(req.url) if urlparse(req.url).hostname != host else None)

    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", projektleder_a.username)
    page.fill("#id_password", "hemmelig-kode-123")
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")

    page.goto(f"{live_server.url}/monitorering/plan/{plan.pk}/")
    page.get_by_role("link", name="Importér målinger").click()
    csv = tmp_path / "maalinger.csv"
    csv.write_text(
        "plan;indikator;periode_start;periode_slut;vaerdi;note\n"
        f"{plan.pk};fritidsjob;2019-01-01;2019-03-31;12;første kvartal\n"
        f"{plan.pk};job-18-29;2019-04-01;2019-06-28;61,5;\n",
        encoding="utf-8-sig",
    )
    before = Maaling.objects.count()
    page.set_input_files("#id_fil", str(csv))
    page.fill("#id_kilde", "Boligsociale Data, test")
    page.get_by_role("button", name="Forhåndsvis import").click()
    page.wait_for_selector("#bekraeft")
    assert page.locator("#importraekker tbody tr").count() == 2
    assert "1 målinger oprettes, 1 eksisterende opdateres" in page.content()
    assert Maaling.objects.count() == before

    page.click("#bekraeft")
    page.wait_for_selector("#fortryd")
    assert page.locator("#importstatus").inner_text() == "Gennemført"
    assert Maaling.objects.count() == before + 1
    batch = ImportBatch.objects.get(helhedsplan=plan)
    assert (batch.antal_oprettet, batch.antal_opdateret) == (1, 1)

    page.click("#fortryd")
    page.wait_for_selector("text=Importen blev fortrudt")
    assert page.locator("#importstatus").inner_text() == "Fortrudt"
    assert Maaling.objects.count() == before

    page.goto(f"{live_server.url}/monitorering/plan/{plan.pk}/job/")
    assert page.locator("#jobtabel tbody tr").count() >= 2  # the import and its recomputes
    page.wait_for_timeout(300)
    page.goto(f"{live_server.url}/monitorering/plan/{plan.pk}/")
    assert page.locator("#kriterietabel tbody tr").count() == 3
    assert errors == []
    assert outside == []
