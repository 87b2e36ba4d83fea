"""The one hierarchy of refused writes. Every service raises these (or Django's
``ValidationError`` for field errors); every view turns them into a message, a form error or
403 through :mod:`portal.web`, so a refusal reads the same on every page."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from portal.history import HISTORY_USER
from portal.history import who as history_who


class ServiceError(Exception):
    """A refused write, with a message for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotAllowed(ServiceError):
    """The user's role does not allow this (answered with 403)."""


class Locked(ServiceError):
    """The object is part of something approved and locked (a report, a released pack)."""


class Invalid(ServiceError):
    """The write breaks a rule of the workflow (wrong state, missing part), not one field."""


class Conflict(ServiceError):
    """Someone else saved the object after the user loaded it."""

    @classmethod
    def for_object(cls, obj: models.Model) -> Conflict:
        last = obj.history.select_related(HISTORY_USER).first()  # type: ignore[attr-defined]
        who = _("en anden bruger")
        when = ""
        if last is not None:
            if last.history_user is not None:
                who = history_who(last)
            when = date_format(timezone.localtime(last.history_date), "DATETIME_FORMAT")
        return cls(
            _(
                "Dine ændringer er ikke gemt: %(objekt)s blev ændret af %(hvem)s %(hvornaar)s, "
                "efter du åbnede siden. Genindlæs siden for at se den nye version, og indtast "
                "derefter dine ændringer igen."
            )
            % {"objekt": obj._meta.verbose_name, "hvem": who, "hvornaar": when}
        )
