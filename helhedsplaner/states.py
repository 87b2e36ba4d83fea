"""What each state of a plan's lifecycle allows (:mod:`helhedsplaner.lifecycle` moves a
plan between the states; this module only answers whether a state allows a kind of write).

Kept apart from the transitions so that :mod:`helhedsplaner.services`, which the agreement's
versions use, can ask before every write without importing the versions back.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from portal.errors import ServiceError

from .models import Helhedsplan

S = Helhedsplan.Status

#: What a state allows, by the name services and pages ask for.
#: ``struktur``: the agreement's draft, new delaftaler and delmål (projektleder and board);
#: ``organer``: bodies and their members; ``stamdata``: LBF's master data of the plan;
#: ``aktiviteter``: planning, editing and closing activities (part of the structure the
#: projektleder builds before sending, so not while LBF reads the plan);
#: ``drift``: registrations of sessions and status reports (only an approved plan runs).
#: ``helhedsplaner.services`` asks before every write of these.
ALLOWS: dict[str, frozenset[str]] = {
    "struktur": frozenset({S.KLADDE, S.GODKENDT, S.I_GANG}),
    "aktiviteter": frozenset({S.KLADDE, S.GODKENDT, S.I_GANG}),
    "drift": frozenset({S.GODKENDT, S.I_GANG}),
    "organer": frozenset({S.KLADDE, S.SENDT, S.GODKENDT, S.I_GANG}),
    "stamdata": frozenset({S.KLADDE, S.SENDT, S.GODKENDT, S.I_GANG}),
}

_STATE_NAMES = {
    "struktur": gettext_lazy(
        "Planens struktur kan ikke ændres, mens planen ligger hos LBF, eller når den er afsluttet."
    ),
    "organer": gettext_lazy("Planen er afsluttet; organerne kan ikke længere ændres."),
    "stamdata": gettext_lazy("Planen er afsluttet; dens stamdata kan ikke længere ændres."),
    "aktiviteter": gettext_lazy(
        "Aktiviteterne kan ikke ændres, mens planen ligger hos LBF, eller når den er afsluttet."
    ),
    "drift": gettext_lazy(
        "Registreringer og statusrapporter kan først laves, når LBF har godkendt planen, "
        "og ikke efter at planen er afsluttet."
    ),
}


def allows(plan: Helhedsplan, what: str) -> bool:
    """Does the plan's state allow ``what`` (a key of :data:`ALLOWS`)?"""
    return plan.status in ALLOWS[what]


def require(plan: Helhedsplan, what: str) -> None:
    """Refuse (:class:`ServiceError`, a Danish message) what the plan's state does not allow."""
    if not allows(plan, what):
        raise ServiceError(str(_STATE_NAMES[what]))
