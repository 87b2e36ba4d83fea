"""The indicator engine's rules, shared by both paths: the reporting periods, the expected
path, the tolerance and the status of a criterion, and the constants the SQL path
interpolates. Pure functions over plain values (no database). The rules are written down in
docs/monitoring-rules.md.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext

from portal.formatting import tal

from ..models import Indikator, Sporstatus

Art = Indikator.Art

THREE_PLACES = Decimal("0.001")
# A criterion is "i risiko" when it misses the expected value by more than the tolerance but
# by at most RISIKO_FAKTOR × the tolerance; beyond that it is "ikke på sporet".
RISIKO_FAKTOR = Decimal(2)
MONTHS_PER_PERIOD = {"kvartal": 3, "halvaar": 6}
# A "latest value" older than this (a yearly survey plus slack) no longer counts as current.
MAX_STALE_DAYS = 400


@dataclass(frozen=True)
class Periode:
    start: datetime.date
    slut: datetime.date


def q3(value: Decimal | None) -> Decimal | None:
    return None if value is None else value.quantize(THREE_PLACES, rounding=ROUND_HALF_UP)


# --- Periods -------------------------------------------------------------------------------


def add_months(day: datetime.date, months: int) -> datetime.date:
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    last_day = (datetime.date(year + month // 12, month % 12 + 1, 1) - datetime.timedelta(days=1)).day
    return datetime.date(year, month, min(day.day, last_day))


def plan_periods(start: datetime.date, slut: datetime.date, frekvens: str = "kvartal") -> list[Periode]:
    """Consecutive reporting periods from the plan's start date; the last one ends at ``slut``."""
    months = MONTHS_PER_PERIOD.get(frekvens, 3)
    periods: list[Periode] = []
    i = 0
    while True:
        p_start = add_months(start, i * months)
        if p_start > slut:
            return periods
        p_slut = min(add_months(start, (i + 1) * months) - datetime.timedelta(days=1), slut)
        periods.append(Periode(p_start, p_slut))
        i += 1


def completed(periods: Iterable[Periode], today: datetime.date) -> list[Periode]:
    """Only periods that have ended before ``today`` get a status."""
    return [p for p in periods if p.slut < today]


# --- Values --------------------------------------------------------------------------------

FACTOR: dict[str, Decimal] = {Art.PROCENT: Decimal(100), Art.RATE: Decimal(1000), Art.GENNEMSNIT: Decimal(1)}


# --- Expected path and status --------------------------------------------------------------


def expected_value(
    baseline: Decimal,
    target: Decimal,
    baseline_date: datetime.date,
    target_date: datetime.date,
    at: datetime.date,
) -> Decimal:
    """The straight path from baseline (at its date) to target (at its date), at ``at``;
    before the baseline date it is the baseline, after the target date the target."""
    span = (target_date - baseline_date).days
    if span <= 0:
        return target
    elapsed = min(max((at - baseline_date).days, 0), span)
    return baseline + (target - baseline) * Decimal(elapsed) / Decimal(span)


def tolerance(baseline: Decimal, target: Decimal, tolerance_pct: Decimal) -> Decimal:
    return abs(target - baseline) * tolerance_pct / Decimal(100)


def status(
    actual: Decimal | None,
    expected: Decimal | None,
    tol: Decimal | None,
    retning: str,
) -> str:
    """på sporet: at least as good as expected − tolerance (in the better direction);
    i risiko: worse by more than the tolerance but at most RISIKO_FAKTOR × tolerance;
    ikke på sporet: worse than that; ingen data: no actual value or no baseline/target."""
    if actual is None or expected is None or tol is None:
        return Sporstatus.INGEN_DATA
    sign = Decimal(1) if retning == Indikator.Retning.HOEJERE else Decimal(-1)
    shortfall = sign * (expected - actual)  # > 0: behind the path
    if shortfall <= tol:
        return Sporstatus.PAA_SPORET
    if shortfall <= RISIKO_FAKTOR * tol:
        return Sporstatus.I_RISIKO
    return Sporstatus.IKKE_PAA_SPORET


def status_sentence(
    actual: Decimal | None,
    expected: Decimal | None,
    tol: Decimal | None,
    retning: str,
) -> str:
    """Why :func:`status` gives what it gives, in one Danish sentence with the values: the
    latest value against the expected path and the tolerance (issue 18)."""
    verdict = status(actual, expected, tol, retning)
    if verdict == Sporstatus.INGEN_DATA:
        return gettext("Ingen data: der er ingen måling for perioden, eller baseline eller måltal mangler.")
    assert actual is not None and expected is not None and tol is not None  # noqa: S101 - status() checked
    sign = Decimal(1) if retning == Indikator.Retning.HOEJERE else Decimal(-1)
    shortfall = sign * (expected - actual)
    one = Decimal("0.1")
    values = {
        k: tal(v.quantize(one, rounding=ROUND_HALF_UP))
        for k, v in {
            "a": actual,
            "e": expected,
            "t": tol,
            "t2": RISIKO_FAKTOR * tol,
            "d": abs(shortfall),
        }.items()
    }
    if verdict == Sporstatus.PAA_SPORET:
        if shortfall <= 0:
            return gettext("På sporet: %(a)s er på eller foran den forventede værdi %(e)s.") % values
        return (
            gettext(
                "På sporet: %(a)s er %(d)s bag den forventede værdi %(e)s, inden for tolerancen på %(t)s."
            )
            % values
        )
    if verdict == Sporstatus.I_RISIKO:
        return (
            gettext(
                "I risiko: %(a)s er %(d)s bag den forventede værdi %(e)s; det er mere end tolerancen på "
                "%(t)s, men højst %(t2)s."
            )
            % values
        )
    return (
        gettext(
            "Ikke på sporet: %(a)s er %(d)s bag den forventede værdi %(e)s; det er mere end %(t2)s "
            "(to gange tolerancen)."
        )
        % values
    )
