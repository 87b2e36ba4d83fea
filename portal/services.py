"""The one way a service saves a model: validate, record who and why in history, save."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.db import models

from portal.errors import Conflict

_no_nul = ProhibitNullCharactersValidator()


def refuse_nul(obj: models.Model) -> None:
    """A text with a NUL character is a field error, as Django's form fields make it:
    PostgreSQL cannot store one (a 500 on the minutes and decision forms, which read
    ``request.POST`` without a form, found by the hostile-input sweep)."""
    errors = {}
    for f in obj._meta.concrete_fields:
        if isinstance(f, models.CharField | models.TextField):
            try:
                _no_nul(getattr(obj, f.attname))
            except ValidationError as exc:
                errors[f.name] = exc.messages
    if errors:
        raise ValidationError(errors)


def validated_save(
    obj: models.Model, *, user=None, reason: str = "", expected_revision: int | None = None
) -> None:
    """Validate and save ``obj`` as ``user`` (call inside the service's transaction).

    Objects with a ``revision`` field are locked for the write and bumped; with
    ``expected_revision``, a row that has moved on since the user loaded it is refused with
    :class:`~portal.errors.Conflict`. An anonymous or absent ``user`` (a survey respondent,
    a task) is recorded as no one.
    """
    if obj.pk is not None and hasattr(obj, "revision"):
        current = type(obj)._default_manager.select_for_update().get(pk=obj.pk)
        if expected_revision is not None and current.revision != expected_revision:
            raise Conflict.for_object(current)
        obj.revision = current.revision + 1
    refuse_nul(obj)
    obj.full_clean()
    if user is not None and user.is_authenticated:
        obj._history_user = user  # type: ignore[attr-defined]
    if reason:
        obj._change_reason = reason  # type: ignore[attr-defined]
    obj.save()
