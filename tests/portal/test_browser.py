"""What only a browser shows: the demo board member logs in, opens the plan, sees its
strategic goals, and the page raises no console errors and calls no outside host."""

from urllib.parse import urlparse

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.browser


def test_board_member_logs_in_and_sees_the_plans_strategic_goals(browser, live_server, tmp_path):
    call_command("seed_demo", "--uden-landsdata", verbosity=0)
    from helhedsplaner.models import Helhedsplan

    page = browser.new_page(locale="da-DK")
    errors: list[str] = []
    outside: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    host = urlparse(live_server.url).hostname
    page.on("request", lambda req: outside.append(req.url) if urlparse(req.url).hostname != host else None)

    page.goto(f"{live_server.url}/")
    assert "/login/" in page.url
    page.fill("#id_username", "bestyrelse.solbakken")
    page.fill("#id_password", "demo1234")
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
    assert page.get_by_role("heading", name="Mine helhedsplaner").is_visible()

    page.locator(".plan-card").get_by_role("link", name="Helhedsplan Solbakken").click()
    page.wait_for_selector("#strategisk")
    plan = Helhedsplan.objects.get(navn__startswith="Helhedsplan Solbakken")
    assert page.url.endswith(plan.get_absolute_url())
    goals = page.locator("#strategisk article h3")
    assert goals.count() >= 4
    first_goal = plan.samarbejdsaftaler.current().strategiske_maal.order_by("nummer").first()
    assert first_goal.titel in goals.first.inner_text()
    assert page.locator("#praktisk").is_visible()
    page.screenshot(path=str(tmp_path / "plan.png"), full_page=True)

    assert errors == []
    assert outside == []
