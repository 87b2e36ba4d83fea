"""portal.fields.IdsChoiceField: ids no column can hold are a field error, not a 500."""

import pytest

from helhedsplaner.forms import GoalsField
from helhedsplaner.models import Maalgruppe
from portal.fields import CalendarDateTimeField, IdsChoiceField

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("value", ["9" * 20, "²", "-1", "0", "1.5", "x" * 10_000, "\x00"])
def test_a_mangled_id_is_a_field_error_before_any_query(value, django_assert_num_queries):
    field = IdsChoiceField(queryset=Maalgruppe.objects.all())
    with django_assert_num_queries(0), pytest.raises(Exception) as exc:
        field.clean(["1", value])
    assert type(exc.value).__name__ == "ValidationError"
    assert exc.value.code == "invalid_pk_value"


def test_real_ids_still_choose_rows():
    group = Maalgruppe.objects.create(navn="Unge 15-17 år")
    assert list(GoalsField(queryset=Maalgruppe.objects.all()).clean([str(group.pk)])) == [group]


@pytest.mark.parametrize(
    "value", ["0001-01-01T00:00", "9999-12-31T23:59", "1899-12-31T12:00", "2101-01-01T00:00"]
)
def test_a_date_and_time_outside_1900_2100_is_a_field_error(value):
    field = CalendarDateTimeField(input_formats=["%Y-%m-%dT%H:%M"])
    with pytest.raises(Exception) as exc:
        field.clean(value)
    assert type(exc.value).__name__ == "ValidationError"
    assert "1900" in str(exc.value) and "2100" in str(exc.value)


def test_a_date_and_time_inside_the_range_is_kept():
    field = CalendarDateTimeField(input_formats=["%Y-%m-%dT%H:%M"])
    assert field.clean("2026-12-03T09:30").year == 2026
