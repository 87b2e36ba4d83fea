"""portal.fields.IdsChoiceField: ids no column can hold are a field error, not a 500."""

import pytest

from helhedsplaner.forms import GoalsField
from helhedsplaner.models import Maalgruppe
from portal.fields import IdsChoiceField

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
