"""Baseline and target on LBF's agreement page (issue 18): written as the monitoring page
writes them, "78,4 %", never the stored Decimal(14, 3) "78,400", which a Danish reader takes
for seventy-eight thousand."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from helhedsplaner.models import Succeskriterie
from tests.monitorering.factories import IndikatorFactory

from .factories import compliant_plan

pytestmark = pytest.mark.django_db


def test_agreement_detail_shows_baseline_and_target_as_plain_numbers_with_unit(client_lbf, plan_a):
    compliant_plan(plan_a)
    aftale = plan_a.samarbejdsaftaler.get()
    Succeskriterie.objects.filter(strategisk_maal__samarbejdsaftale=aftale).update(
        baseline_vaerdi=Decimal("78.400"),
        maal_vaerdi=Decimal("1250.000"),
        indikator=IndikatorFactory(enhed="%"),
    )
    html = client_lbf.get(reverse("tilsyn:agreement_detail", args=[plan_a.pk, aftale.pk])).content.decode()
    assert "78,4 %" in html
    assert "1.250 %" in html
    assert "78,400" not in html and "78.400" not in html
    assert "1250,000" not in html and "1.250,000" not in html


def test_a_criterion_without_values_shows_a_dash(client_lbf, plan_a):
    compliant_plan(plan_a)
    aftale = plan_a.samarbejdsaftaler.get()
    Succeskriterie.objects.filter(strategisk_maal__samarbejdsaftale=aftale).update(
        baseline_vaerdi=None, maal_vaerdi=None, baseline_dato=None, maal_dato=None
    )
    html = client_lbf.get(reverse("tilsyn:agreement_detail", args=[plan_a.pk, aftale.pk])).content.decode()
    assert "<td>–</td>" in html
