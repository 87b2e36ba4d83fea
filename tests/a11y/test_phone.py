"""On a phone (390 px): the month's registration grid is one card per day, every field
labelled where it is, and the page does not scroll sideways; it still saves."""

from __future__ import annotations

import datetime
import os
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.dates import MONTHS

from helhedsplaner.models import Aktivitet, Aktivitetsregistrering
from tests.security.conftest import build_world

from .pages import DESKTOP, PHONE, SCROLL_WIDTH, TOLERANCE, browser_context

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

UNLABELLED = """() => [...document.querySelectorAll('#form-rows input:not([type=hidden])')]
  .filter(i => !(i.labels.length && i.labels[0].getBoundingClientRect().width > 1))
  .map(i => i.id)"""


def _last_month() -> list[datetime.date]:
    """Last month's Mondays and Wednesdays: the demo's running plan has been under way for
    more than a year on any day the demo is seeded (demo/loader/timeline.py)."""
    last = timezone.localdate().replace(day=1) - datetime.timedelta(days=1)
    return [d for d in (last.replace(day=n) for n in range(1, last.day + 1)) if d.weekday() in (0, 2)]


@pytest.fixture
def world(live_server, demo_data):
    return build_world()


def test_bulk_grid_is_one_labelled_card_per_day_on_a_phone(browser, live_server, world):
    plan, aktivitet_pk = world.plan_a, world.ids["aktivitet_pk"]
    url = reverse("helhedsplaner:registrering_bulk", args=[plan.pk, aktivitet_pk])
    context = browser_context(browser, live_server, world, "projektleder")
    page = context.new_page()
    page.set_viewport_size(PHONE)
    dates = _last_month()
    aktivitet = Aktivitet.objects.get(pk=aktivitet_pk)
    assert aktivitet.startdato <= dates[0] and (aktivitet.slutdato is None or aktivitet.slutdato >= dates[-1])
    month = f"{dates[0]:%Y-%m}"
    page.goto(f"{live_server.url}{url}?maaned={month}&ugedage=0&ugedage=2")  # Mondays, Wednesdays
    rows = page.locator("#form-rows tr")
    days = rows.count()
    assert days == len(dates)
    assert page.evaluate(UNLABELLED) == []  # every field shows its label in its card
    first, second = rows.nth(0).bounding_box(), rows.nth(1).bounding_box()
    assert second["y"] >= first["y"] + first["height"]  # cards stacked, not a table row
    assert first["width"] <= PHONE["width"]
    assert page.evaluate(SCROLL_WIDTH) <= PHONE["width"] + TOLERANCE
    if os.environ.get("A11Y_SHOTS"):
        page.screenshot(
            path=str(Path(os.environ["A11Y_SHOTS"]) / "registrering-bulk-grid-390.png"), full_page=True
        )

    # A wide screen shows the table: the labels are for screen readers only, the header shows.
    page.set_viewport_size(DESKTOP)
    assert page.locator("thead").is_visible()
    assert len(page.evaluate(UNLABELLED)) == days * page.locator("#form-rows tr:first-child input").count()
    if os.environ.get("A11Y_SHOTS"):
        page.screenshot(
            path=str(Path(os.environ["A11Y_SHOTS"]) / "registrering-bulk-grid-1366.png"), full_page=True
        )

    # Filled by its label on the phone, saved.
    page.set_viewport_size(PHONE)
    before = Aktivitetsregistrering.objects.filter(aktivitet_id=aktivitet_pk).count()
    first = dates[0]
    with translation.override("da"):
        month = str(MONTHS[first.month])
    label = rf"^Timer, {first.day}\. {month} {first.year}"
    page.get_by_label(re.compile(label)).fill("3,5")
    page.get_by_role("button", name="Gem alle gange").click()
    page.wait_for_url(re.compile(r"/aktiviteter/\d+/$"))
    saved = Aktivitetsregistrering.objects.filter(aktivitet_id=aktivitet_pk)
    assert saved.count() == before + days
    assert saved.filter(dato=first).latest("pk").timer == Decimal("3.5")
    context.close()
