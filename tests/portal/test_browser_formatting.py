"""Issue 12 in the browser: charts speak Danish too (month names on date axes, decimal
comma and thousands dot), with no console errors."""

import re

import pytest
from django.core.management import call_command

from helhedsplaner.models import Helhedsplan
from tests.conftest import login

pytestmark = pytest.mark.browser


def test_dashboard_charts_use_danish_months_and_separators(browser, live_server):
    call_command("seed_demo", "--uden-landsdata", verbosity=0)
    plan = Helhedsplan.objects.get(navn__startswith="Helhedsplan Solbakken")
    page = browser.new_page()
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    login(page, live_server, "bestyrelse.solbakken")
    page.goto(f"{live_server.url}/planer/{plan.pk}/overblik/")
    page.wait_for_selector("[data-figure='fig-deltagere'] svg.main-svg")
    ticks = page.eval_on_selector_all(
        "[data-figure='fig-deltagere'] .xtick text", "els => els.map(e => e.textContent)"
    )
    assert ticks, "the participants chart has a date axis"
    english = re.compile(r"\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b")
    assert not any(english.search(t) for t in ticks), ticks
    assert any(re.search(r"\b(jan|apr|jul|okt)\b", t) for t in ticks), ticks
    separators = page.evaluate(
        "() => document.querySelector(\"[data-figure='fig-deltagere']\")._fullLayout.separators"
    )
    assert separators == ",."
    assert errors == []
