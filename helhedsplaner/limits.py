"""The largest (and smallest) number a user may type into the plan's fields.

A number nobody could mean, accepted once, breaks every page that adds it up (a participant
count of 2**63 - 1 overflowed the plan page's sums). Each bound is a model validator (so
forms, the admin and services' ``full_clean()`` refuse it with a Danish field error) and a
database check constraint of the same name (so nothing written around a form stores it).
They are chosen from the domain with a wide margin, not from the column types.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

#: Participants of one target group at one registration: a big event, not a stadium.
MAX_DELTAGERE = 100_000
#: Hours in one registration (a session, or a month of sessions entered as one).
MAX_TIMER = Decimal(10_000)
#: Money on one budget line, in kroner: one billion, far above any plan's whole budget
#: (and below what the column holds, so the check constraint, not an overflow, refuses more).
MAX_BELOEB = Decimal(10**9)
#: A success criterion's baseline or target, or a value reported for it (counts, shares,
#: kroner per resident): at most one billion either way. Reported values are never negative
#: (the report form refuses them); a baseline or target may be, for a change measure.
MAX_VAERDI = Decimal(10**9)
#: Percentages (local co-financing share, a criterion's tolerance).
MAX_PROCENT = Decimal(100)
#: A criterion's tolerance may exceed the distance baseline→target, but not fivefold.
MAX_TOLERANCE_PCT = Decimal(500)
#: Residents of one housing area, dwellings of one department.
MAX_BEBOERE = 1_000_000
MAX_BOLIGER = 100_000
#: Days after a period's end before a report is due: at most a year.
MAX_RAPPORTFRIST_DAGE = 365
#: Years (budget lines, funding rounds), as the date parser's range (portal.params).
MIN_AAR = 1900
MAX_AAR = 2100


def bounded(low, high) -> list:
    """The model field's half of a bound: validators, so forms and the admin answer a
    Danish field error instead of storing the number."""
    return [MinValueValidator(low), MaxValueValidator(high)]


def between(field: str, low, high, name: str) -> models.CheckConstraint:
    """The database's half of a bound (``NULL`` passes, as for every check constraint)."""
    return models.CheckConstraint(condition=Q(**{f"{field}__gte": low, f"{field}__lte": high}), name=name)
