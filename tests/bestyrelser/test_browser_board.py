"""What only a browser shows on the board's pages: charts drawn without console errors,
a pack released and printed to PDF, and no serious accessibility violations (axe-core)."""

import os
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from bestyrelser.models import Boardpack, Moede, Organ
from helhedsplaner.models import Helhedsplan
from tests.conftest import login, skip_unless_available

pytestmark = pytest.mark.browser
AXE = Path(os.environ.get("AXE_CORE_PATH", Path(settings.BASE_DIR) / "node_modules/axe-core/axe.min.js"))


@pytest.fixture
def demo(live_server):
    call_command("seed_demo", "--uden-landsdata", verbosity=0)
    plan = Helhedsplan.objects.get(navn__startswith="Helhedsplan Solbakken")
    moede = Moede.objects.filter(organ__helhedsplan=plan, organ__type=Organ.Type.BESTYRELSE).order_by(
        "-tidspunkt"
    )[0]
    return plan, moede


def watch(page) -> list[str]:
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    return errors


def test_dashboard_draws_its_charts(browser, live_server, demo):
    plan, _moede = demo
    page = browser.new_page()
    errors = watch(page)
    login(page, live_server, "bestyrelse.solbakken")
    page.goto(f"{live_server.url}/planer/{plan.pk}/overblik/")
    page.wait_for_selector("svg.main-svg")
    assert page.locator("[data-figure] svg.main-svg").count() >= 5
    assert page.get_by_text("Styringsstrengen").first.is_visible()
    # The data behind a chart is one click away, as a table.
    page.get_by_text("Vis data som tabel").first.click()
    assert page.locator("details[open] table tbody tr").count() >= 1
    assert errors == []


def test_pack_is_released_frozen_and_printed_to_pdf(browser, live_server, demo, tmp_path):
    plan, moede = demo
    page = browser.new_page()
    errors = watch(page)
    page.on("dialog", lambda dialog: dialog.accept())
    login(page, live_server, "projektleder.solbakken")
    page.goto(f"{live_server.url}/planer/{plan.pk}/moeder/{moede.pk}/pakke/")
    page.get_by_role("button", name="Frigiv mødepakke").click()
    page.wait_for_selector("text=Mødepakken er frigivet og frosset.")
    assert Boardpack.objects.filter(moede=moede).exists()
    with page.expect_download() as download:
        page.get_by_role("link", name="Hent som PDF").click()
    pdf = Path(download.value.path()).read_bytes()
    assert pdf.startswith(b"%PDF")
    printed = tmp_path / "pakke-udskrift.pdf"
    page.emulate_media(media="print")
    page.pdf(path=str(printed))
    assert printed.read_bytes().startswith(b"%PDF") and printed.stat().st_size > 5000
    assert errors == []


def test_board_pages_have_no_serious_accessibility_violations(browser, live_server, demo):
    skip_unless_available(AXE.exists(), f"axe-core is not installed at {AXE} (npm install axe-core)")
    plan, moede = demo
    context = browser.new_context(bypass_csp=True)  # to inject axe-core itself
    page = context.new_page()
    login(page, live_server, "bestyrelse.solbakken")
    found = {}
    for path in (
        f"/planer/{plan.pk}/overblik/",
        f"/planer/{plan.pk}/moeder/{moede.pk}/",
        f"/planer/{plan.pk}/moeder/{moede.pk}/pakke/",
        f"/planer/{plan.pk}/",
        "/",
    ):
        page.goto(f"{live_server.url}{path}")
        page.wait_for_load_state("networkidle")
        page.add_script_tag(path=str(AXE))
        violations = page.evaluate(
            "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
            ".filter(v => ['serious', 'critical'].includes(v.impact))"
            ".map(v => v.id + ': ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '))"
        )
        if violations:
            found[path] = violations
    context.close()
    assert found == {}


def test_dashboard_works_with_the_keyboard(browser, live_server, demo):
    plan, _moede = demo
    page = browser.new_page()
    login(page, live_server, "bestyrelse.solbakken")
    page.goto(f"{live_server.url}/planer/{plan.pk}/overblik/")
    page.wait_for_selector("svg.main-svg")
    # The skip link is the first stop and leads to the content.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Spring til indhold"
    # Tab reaches the filters and the first chart's table toggle; Enter opens the table.
    reached = []
    for _ in range(60):
        page.keyboard.press("Tab")
        reached.append(page.evaluate("document.activeElement.id || document.activeElement.tagName"))
        if reached[-1] == "SUMMARY":
            break
    assert "f-omraade" in reached and reached[-1] == "SUMMARY"
    page.keyboard.press("Enter")
    assert page.locator("details[open] table").count() >= 1


def test_board_member_asks_a_question_on_the_cached_dashboard(browser, live_server, demo):
    plan, _moede = demo
    page = browser.new_page()
    errors = watch(page)
    login(page, live_server, "bestyrelse.solbakken")
    page.goto(f"{live_server.url}/planer/{plan.pk}/overblik/")
    page.get_by_text("Stil et spørgsmål eller svar").first.click()
    page.locator("textarea[name=tekst]").first.fill("Hvorfor stiger kurven først i 2021?")
    page.get_by_role("button", name="Send").first.click()
    page.wait_for_selector("text=Kommentaren er gemt.")
    assert page.get_by_text("Hvorfor stiger kurven først i 2021?").first.is_visible()
    assert errors == []
