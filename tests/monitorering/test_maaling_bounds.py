"""A measurement's value, numerator and denominator are bounded by what the column holds, in
the model (a Danish field error) and in the database (issue 13, finding 5): SQLite refuses
what PostgreSQL's numeric column refuses."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import DataError, IntegrityError, connection, transaction

from monitorering.models import MAX_MAALING, Maaling
from tests.monitorering.factories import MaalingFactory

pytestmark = pytest.mark.django_db

TOO_BIG = Decimal("1e12")


@pytest.mark.parametrize("field, value", [("vaerdi", TOO_BIG), ("vaerdi", -TOO_BIG), ("taeller", TOO_BIG)])
def test_full_clean_refuses_a_value_beyond_the_column(field, value):
    maaling = MaalingFactory(andel=False)
    setattr(maaling, field, value)
    with pytest.raises(ValidationError) as exc:
        maaling.full_clean()
    assert field in exc.value.message_dict


@pytest.mark.parametrize("field", ["vaerdi", "taeller", "naevner"])
def test_the_database_refuses_a_value_written_around_the_model(field):
    """SQLite by the check constraint (IntegrityError); PostgreSQL already by its numeric(14,3)
    column (DataError), before the constraint is reached."""
    maaling = MaalingFactory(andel=False)
    with pytest.raises((IntegrityError, DataError)), transaction.atomic():
        Maaling.objects.filter(pk=maaling.pk).update(**{field: TOO_BIG})


def test_the_largest_value_the_column_holds_is_accepted():
    maaling = MaalingFactory(andel=False, vaerdi=MAX_MAALING, taeller=MAX_MAALING, naevner=MAX_MAALING)
    maaling.refresh_from_db()
    assert maaling.vaerdi == MAX_MAALING


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the triggers are rebuilt only on SQLite")
def test_the_status_report_lock_triggers_survive_the_constraints():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type='trigger' AND tbl_name='monitorering_maaling'"
        )
        names = {row[0] for row in cursor.fetchall()}
    assert names == {"monitorering_maaling_laast_insert", "monitorering_maaling_laast_update"}
