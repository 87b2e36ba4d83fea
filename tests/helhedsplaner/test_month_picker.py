"""The bulk registration's month (issue 18): a list of the activity's months named as Danes
say them ("marts 2021"), not a browser month picker that Chromium shows as "--------- ----";
``?maaned=2021-03`` in a link still picks March 2021."""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse

from tests.helhedsplaner.factories import AktivitetFactory, report_setup

pytestmark = pytest.mark.django_db


@pytest.fixture
def aktivitet(plan_a, projektleder_a):
    setup = report_setup(plan_a)
    return AktivitetFactory(
        delmaal=setup["delmaal"][0], startdato=datetime.date(2019, 1, 15), slutdato=datetime.date(2021, 6, 30)
    )


def _url(aktivitet) -> str:
    plan = aktivitet.delmaal.delaftale.helhedsplan
    return reverse("helhedsplaner:registrering_bulk", args=[plan.pk, aktivitet.pk])


def _month_select(html: str) -> str:
    match = re.search(r'<select[^>]*name="maaned".*?</select>', html, re.S)
    assert match, "no month list on the page"
    return match.group(0)


def test_the_month_is_a_list_of_the_activitys_months_named_in_danish(client_pl_a, aktivitet):
    html = client_pl_a.get(_url(aktivitet)).content.decode()
    assert 'type="month"' not in html
    select = _month_select(html)
    values = re.findall(r'<option value="([^"]*)"', select)
    assert values[0] == "2019-01" and values[-1] == "2021-06" and len(values) == 30
    assert '<option value="2019-01">januar 2019</option>' in select
    # Today lies after the activity's end: its last month is chosen.
    assert '<option value="2021-06" selected>juni 2021</option>' in select


@pytest.mark.parametrize("maaned", ["2021-03", "2021-03-01", "3.2021"])
def test_a_link_with_maaned_picks_the_month_and_prefills_its_days(client_pl_a, aktivitet, maaned):
    page = client_pl_a.get(_url(aktivitet), {"maaned": maaned, "ugedage": ["2"]})
    assert page.status_code == 200
    days = [f.initial["dato"] for f in page.context["formset"].forms]
    assert days == [datetime.date(2021, 3, d) for d in (3, 10, 17, 24, 31)]  # the Wednesdays
    assert '<option value="2021-03" selected>marts 2021</option>' in _month_select(page.content.decode())


def test_a_month_outside_the_activity_is_refused_in_danish(client_pl_a, aktivitet):
    page = client_pl_a.get(_url(aktivitet), {"maaned": "2022-01", "ugedage": ["2"]})
    assert page.status_code == 200
    assert page.context["formset"] is None
    assert "Vælg en af de måneder, listen tilbyder." in page.content.decode()
