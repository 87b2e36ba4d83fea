"""Form fields that refuse what no database column can hold, before any query.

Django answers an out-of-range id in a single choice with "not a valid choice" (its integer
lookups check the range), but a multiple choice looks the ids up with ``pk__in``, which does
not: 20 digits end as ``OverflowError`` on SQLite and a 500 (issue 13). Every multiple choice
of model rows in the portal is an :class:`IdsChoiceField`.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from portal.params import parse_id


class IdsChoiceField(forms.ModelMultipleChoiceField):
    def _check_values(self, value: Any):
        if (self.to_field_name or "pk") == "pk":
            for pk in value:
                if parse_id(str(pk)) is None:
                    raise ValidationError(
                        self.error_messages["invalid_pk_value"],
                        code="invalid_pk_value",
                        params={"pk": str(pk)[:80]},
                    )
        return super()._check_values(value)  # type: ignore[misc]  # private in the stubs, public in Django
