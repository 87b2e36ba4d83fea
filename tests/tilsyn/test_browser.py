"""In a real browser: the demo LBF user filters the overview, opens a plan with findings,
and approves a submitted agreement version; the national charts draw."""

import pytest
from django.core.management import call_command

from bestyrelser.models import Medlemskab
from helhedsplaner import versioning as versions
from helhedsplaner.models import Aftalestatus, Helhedsplan
from tests.conftest import login
from tilsyn import services
from tilsyn.models import Planoversigt

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_lbf_filters_opens_findings_and_approves_version(browser, live_server):
    call_command("seed_demo", "--uden-landsdata", verbosity=0)
    services.plans_audit()
    plan = Helhedsplan.objects.filter(tilsynsoversigt__antal_fund__gt=0).order_by("navn").first()
    if plan is None:  # the demo keeps every rule: break one so the plan has a finding
        plan = Helhedsplan.objects.order_by("navn").first()
        plan.budgetposter.all().delete()
        services.plan_audit(plan_id=plan.pk)
    drafter = (
        Medlemskab.objects.filter(
            organ__helhedsplan=plan, rolle=Medlemskab.Rolle.PROJEKTLEDER, person__user__isnull=False
        )
        .select_related("person__user")
        .first()
        .person.user
    )
    draft = versions.samarbejdsaftale_draft(user=drafter, plan=plan)
    versions.samarbejdsaftale_submit(user=drafter, aftale=draft)

    page = browser.new_page(locale="da-DK")
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    login(page, live_server, "lbf")

    page.get_by_role("link", name="Tilsyn", exact=True).click()
    page.select_option("#filter-fund", "ja")
    page.fill("#filter-q", plan.navn)
    page.click("#filtrer")
    page.wait_for_url("**fund=ja**")
    rows = page.locator("#oversigt tbody tr")
    assert rows.count() == 1
    rows.first.get_by_role("link", name=plan.navn).click()
    page.wait_for_url(f"**/tilsyn/plan/{plan.pk}/")
    assert page.locator("li.fund").count() == Planoversigt.objects.get(helhedsplan=plan).antal_fund > 0

    page.get_by_role("link", name="Aftaleversioner").first.click()
    page.get_by_role("link", name=f"Version {draft.version}").click()
    page.fill("#id_kommentar", "Godkendt ved tilsyn.")
    page.get_by_role("button", name="Godkend version").click()
    page.wait_for_selector("text=Versionen er godkendt og træder i kraft.")
    draft.refresh_from_db()
    assert draft.status == Aftalestatus.GODKENDT and draft.godkendt_af.username == "lbf"

    page.goto(f"{live_server.url}/tilsyn/nationalt/")
    page.wait_for_selector(".tilsyn-chart .main-svg")
    assert errors == []
