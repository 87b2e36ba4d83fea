"""The test factories themselves: data they make must not depend on the order tests run in."""

import pytest

from helhedsplaner.models import Kommune, Region
from tests.helhedsplaner.factories import KommuneFactory

pytestmark = pytest.mark.django_db


def test_a_factory_kommune_skips_a_code_a_real_kommune_has():
    # CI 2026-12-03: the suite's sequence reached 615 where a test's data held Horsens (615).
    Kommune.objects.create(navn="Horsens", kommunekode="615", region=Region.MIDTJYLLAND)
    KommuneFactory.reset_sequence(615)

    made = KommuneFactory()

    assert made.kommunekode != "615" and len(made.kommunekode) == 3
