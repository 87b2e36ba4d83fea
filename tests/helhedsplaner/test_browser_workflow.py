"""The practical level in a real browser: the demo projektleder registers yesterday's
session of an activity and submits (again) the status report the board returned, the
følgegruppe accepts it, the board member approves it, and the report shows as locked."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from helhedsplaner.models import Aktivitet, Statusrapport
from tests.conftest import login

pytestmark = pytest.mark.browser


def test_register_submit_accept_approve_in_the_browser(browser, live_server, tmp_path):
    call_command("seed_demo", "--uden-landsdata", verbosity=0)
    plan_name = "Helhedsplan Solbakken"
    aktivitet = (
        Aktivitet.objects.filter(delmaal__delaftale__helhedsplan__navn__startswith=plan_name, status="i_gang")
        .order_by("navn")
        .first()
    )
    before = aktivitet.registreringer.count()
    rapport = (
        Statusrapport.objects.filter(delaftale__helhedsplan__navn__startswith=plan_name, status="kladde")
        .order_by("delaftale__indsatsomraade__navn")
        .first()
    )
    errors: list[str] = []
    context = browser.new_context(locale="da-DK")
    page = context.new_page()
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))

    # The projektleder registers a session of an activity.
    login(page, live_server, "projektleder.solbakken")
    page.goto(f"{live_server.url}{aktivitet.delmaal.delaftale.helhedsplan.get_absolute_url()}")
    page.get_by_role("link", name=aktivitet.navn).first.click()
    page.get_by_role("link", name="Registrér gang").click()
    day = timezone.localdate() - datetime.timedelta(days=1)  # the demo plan is running today
    page.fill("#id_dato", day.isoformat())
    page.fill("#id_timer", "2,5")
    page.locator("input[name^=deltagere_]").first.fill("11")
    page.get_by_role("button", name="Gem", exact=True).click()
    page.wait_for_selector("text=Registreringen er gemt.")
    assert aktivitet.registreringer.count() == before + 1

    # ... then writes and submits the status report from the worklist.
    page.goto(f"{live_server.url}/")
    page.locator(f"a[href$='/statusrapporter/{rapport.pk}/']").first.click()
    page.get_by_role("link", name="Skriv/ret rapporten").click()
    page.fill("#id_fortaelling", "Aktiviteterne er gennemført som planlagt; to nye familier er startet.")
    page.get_by_role("button", name="Gem og indsend").click()
    page.wait_for_selector("text=Statusrapporten er indsendt.")
    page.screenshot(path=str(tmp_path / "1-indsendt.png"), full_page=True)
    page.get_by_role("button", name="Log ud").click()

    # The joint følgegruppe accepts it.
    login(page, live_server, "foelgegruppe.solbakken")
    page.goto(f"{live_server.url}{rapport.get_absolute_url()}")
    page.get_by_role("button", name="Acceptér rapporten").click()
    page.wait_for_selector("text=Statusrapporten er accepteret.")
    page.get_by_role("button", name="Log ud").click()

    # The board member approves; the report is locked.
    login(page, live_server, "bestyrelse.solbakken")
    page.goto(f"{live_server.url}{rapport.get_absolute_url()}")
    page.get_by_role("button", name="Godkend og lås").click()
    page.wait_for_selector("text=Statusrapporten er godkendt og låst.")
    assert page.locator(".badge", has_text="Godkendt og låst").first.is_visible()
    page.screenshot(path=str(tmp_path / "2-laast.png"), full_page=True)

    rapport.refresh_from_db()
    assert rapport.status == Statusrapport.Status.LAAST
    assert errors == []
