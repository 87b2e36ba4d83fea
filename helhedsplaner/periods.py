"""Reporting periods of a plan: quarters or half-years from the plan's start."""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass

from django.utils.translation import gettext


@dataclass(frozen=True)
class Periode:
    start: datetime.date
    slut: datetime.date
    frist: datetime.date

    @property
    def label(self) -> str:
        months = (self.slut.year - self.start.year) * 12 + self.slut.month - self.start.month + 1
        if months == 3 and self.start.month in (1, 4, 7, 10):
            return gettext("%(quarter)s. kvt. %(year)s") % {
                "quarter": (self.start.month - 1) // 3 + 1,
                "year": self.start.year,
            }
        if months == 6 and self.start.month in (1, 7):
            return gettext("%(half)s. halvår %(year)s") % {
                "half": 1 if self.start.month == 1 else 2,
                "year": self.start.year,
            }
        return f"{self.start:%d.%m.%Y}–{self.slut:%d.%m.%Y}"


def add_months(day: datetime.date, months: int) -> datetime.date:
    """``day`` moved ``months`` calendar months on, kept inside the month (31 Jan + 1 → 28/29 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def months_per_period(plan) -> int:
    return 6 if plan.rapporteringsfrekvens == plan.Rapporteringsfrekvens.HALVAAR else 3


def reporting_periods(plan, *, until: datetime.date | None = None) -> list[Periode]:
    """The plan's periods in order; with ``until``, only those that have ended by then."""
    step = months_per_period(plan)
    periods = []
    start = plan.startdato
    while start <= plan.slutdato:
        slut = min(add_months(start, step) - datetime.timedelta(days=1), plan.slutdato)
        if until is not None and slut >= until:
            break
        periods.append(Periode(start, slut, slut + datetime.timedelta(days=plan.rapportfrist_dage)))
        start = slut + datetime.timedelta(days=1)
    return periods


def period_containing(plan, day: datetime.date) -> Periode | None:
    return next((p for p in reporting_periods(plan) if p.start <= day <= p.slut), None)
