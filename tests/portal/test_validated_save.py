"""portal.services.validated_save refuses a NUL in any text as a field error (PostgreSQL cannot
store one; the hostile-input sweep found it as a 500 on the minutes and decision forms)."""

import pytest
from django.core.exceptions import ValidationError

from helhedsplaner.models import Maalgruppe
from portal.services import validated_save

pytestmark = pytest.mark.django_db


def test_a_nul_in_a_text_is_a_field_error_and_nothing_is_saved():
    with pytest.raises(ValidationError) as exc:
        validated_save(Maalgruppe(navn="Unge\x00"))
    assert "navn" in exc.value.message_dict
    assert not Maalgruppe.objects.exists()


def test_text_without_nul_is_saved():
    validated_save(Maalgruppe(navn="Unge 15-17 år"))
    assert Maalgruppe.objects.filter(navn="Unge 15-17 år").exists()
