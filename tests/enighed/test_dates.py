"""The new survey's closing date (issue 18): typed and shown as dd.mm.åååå in a text input,
whatever the browser's language, not a native date picker that Chromium in en-US shows as
12/24/2026."""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from enighed.forms import MaalingForm
from enighed.models import Enighedsmaaling
from tests.enighed.factories import survey_plan

pytestmark = pytest.mark.django_db

CHRISTMAS_EVE = datetime.date(2026, 12, 24)


@pytest.mark.parametrize("typed", ["24.12.2026", "24-12-2026", "24/12/2026", "2026-12-24"])
def test_the_closing_date_is_read_as_danes_type_it(typed):
    with translation.override("en"):
        form = MaalingForm({"runde": "2026", "lukkedato": typed})
        assert form.is_valid(), form.errors
    assert form.cleaned_data["lukkedato"] == CHRISTMAS_EVE


def test_a_closing_date_in_american_order_is_refused():
    form = MaalingForm({"runde": "2026", "lukkedato": "12/24/2026"})
    assert not form.is_valid()
    assert form.errors["lukkedato"] == ["Skriv datoen som dd.mm.åååå, fx 01.02.2025."]


def _closing_input(html: str) -> str:
    match = re.search(r'<input[^>]*name="lukkedato"[^>]*>', html)
    assert match, "no closing-date input on the page"
    return match.group(0)


@pytest.mark.parametrize("language", ["da", "en"])
def test_the_plan_page_shows_the_closing_date_as_a_danish_text_input(
    client, plan_a, projektleder_a, language
):
    survey_plan(plan_a)
    client.force_login(projektleder_a)
    client.cookies["django_language"] = language
    html = client.get(reverse("enighed:plan_list", args=[plan_a.pk])).content.decode()
    field = _closing_input(html)
    assert 'type="text"' in field
    assert 'type="date"' not in html
    in_three_weeks = timezone.localdate() + datetime.timedelta(days=21)
    assert f'value="{in_three_weeks:%d.%m.%Y}"' in field
    assert 'placeholder="dd.mm.' in field
    assert "form-control" in field
    assert 'id="id_lukkedato"' in field
    assert '<label for="id_lukkedato"' in html or 'for="id_lukkedato"' in html


def test_a_survey_is_created_with_a_closing_date_typed_with_dashes(client, plan_a, projektleder_a):
    survey_plan(plan_a)
    client.force_login(projektleder_a)
    closing = timezone.localdate() + datetime.timedelta(days=10)
    response = client.post(
        reverse("enighed:maaling_create", args=[plan_a.pk]),
        {"runde": "2026", "lukkedato": f"{closing.day}-{closing.month}-{closing.year}"},
    )
    assert response.status_code == 302
    assert Enighedsmaaling.objects.get().lukkedato == closing
