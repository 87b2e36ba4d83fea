"""Generated demo numbers: seeded random generators, date helpers, activity registrations
and indicator series.

Everything here is pure: each generator is seeded by a fixed seed plus a natural key,
so a value never depends on what an earlier run did or skipped.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.conf import settings

from helhedsplaner.models import Aktivitet
from monitorering.models import Indikator

SEED = 20151819
QUARTERS = 16  # the whole four-year plan, quarter by quarter
CPH = ZoneInfo(settings.TIME_ZONE)
LOCKDOWN = (datetime.date(2020, 3, 11), datetime.date(2020, 6, 30))
COVID_NOTE = "Afholdt i mindre grupper eller udendørs pga. covid-19-restriktioner."

# How a success criterion develops in the demo, as a share of the expected progress.
FORLOEB = {"godt": 1.15, "middel": 0.75, "svagt": 0.1}


class DemoDataError(ValueError):
    """The demo specs contradict each other (e.g. an indicator nothing feeds)."""


# --- Random numbers and dates -----------------------------------------------------------


def rng(*parts: object) -> random.Random:
    """A generator seeded by the fixed seed and a natural key, so a value never depends
    on what an earlier run did or skipped."""
    return random.Random(":".join([str(SEED), *map(str, parts)]))  # noqa: S311


def add_months(day: datetime.date, months: int) -> datetime.date:
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return datetime.date(year, month, min(day.day, 28))


def month_period(start: datetime.date, index: int, length: int) -> tuple[datetime.date, ...]:
    first = add_months(start, index * length)
    return first, add_months(start, (index + 1) * length) - datetime.timedelta(days=1)


def at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=CPH)


def weekday_on_or_after(day: datetime.date, allowed: tuple[int, ...] = (1, 2, 3)) -> datetime.date:
    while day.weekday() not in allowed:
        day += datetime.timedelta(days=1)
    return day


def dec(value: float | str | int, places: int = 1) -> Decimal:
    return round(Decimal(str(value)), places)


def in_lockdown(day: datetime.date) -> bool:
    return LOCKDOWN[0] <= day <= LOCKDOWN[1]


# --- Generated data (pure) --------------------------------------------------------------


@dataclass(frozen=True)
class Reg:
    """One generated occurrence of an activity."""

    dato: datetime.date
    timer: Decimal
    note: str
    deltagere: tuple[tuple[str, int], ...]

    @property
    def antal(self) -> int:
        return sum(n for _group, n in self.deltagere)


def plan_quarters(start: datetime.date) -> list[tuple[datetime.date, ...]]:
    return [month_period(start, q, 3) for q in range(QUARTERS)]


def generate_registrations(
    plan_key: str, plan_start: datetime.date, spec: dict, first: datetime.date, last: datetime.date
) -> list[Reg]:
    if spec["status"] == Aktivitet.Status.AFLYST or not spec["deltagere"]:
        return []
    r = rng(plan_key, "registreringer", spec["navn"])
    regs: list[Reg] = []
    for q, (q_start, q_end) in enumerate(plan_quarters(plan_start)):
        days = _activity_days(max(q_start, first), min(q_end, last), spec.get("kun_maaneder"))
        if not days:
            continue
        picked = sorted(r.sample(days, min(spec.get("n") or r.randint(2, 4), len(days))))
        growth = 1 + spec.get("vaekst", 0.25) * q / (QUARTERS - 1)
        for day in picked:
            factor = growth * (0.35 if in_lockdown(day) else 1)
            counts = tuple(
                (group, round(r.randint(lo, hi) * factor)) for group, (lo, hi) in spec["deltagere"].items()
            )
            lo_h, hi_h = spec["timer"]
            timer = dec(r.randint(int(lo_h * 2), int(hi_h * 2)) / 2, 2)
            note = COVID_NOTE if in_lockdown(day) else ""
            regs.append(Reg(day, timer, note, tuple((g, n) for g, n in counts if n > 0)))
    return regs


def _activity_days(
    first: datetime.date, last: datetime.date, months: list[int] | None
) -> list[datetime.date]:
    days = []
    day = first
    while day <= last:
        if day.weekday() < 5 and (not months or day.month in months):
            days.append(day)
        day += datetime.timedelta(days=1)
    return days


@dataclass(frozen=True)
class Obs:
    """One generated measurement."""

    start: datetime.date
    slut: datetime.date
    vaerdi: Decimal
    taeller: Decimal | None = None
    naevner: Decimal | None = None


def register_series(plan: dict, plan_start: datetime.date, ind: dict, criterion: tuple) -> list[Obs]:
    """Register data and surveys: from the baseline towards the target, with noise."""
    _beskr, kode, baseline, target, forloeb = criterion
    base, goal = float(baseline), float(target)
    months = ind["frekvens_mdr"]
    r = rng(plan["key"], "maaling", kode)
    series = []
    for i in range(QUARTERS * 3 // months):
        start, slut = month_period(plan_start, i, months)
        share = (i + 1) * months / 48 * FORLOEB[forloeb]
        value = base + (goal - base) * share + r.gauss(0, 0.06 * abs(goal - base))
        series.append(_observation(plan, ind, start, slut, max(value, 0.0), r))
    return series


def _observation(
    plan: dict, ind: dict, start: datetime.date, slut: datetime.date, value: float, r: random.Random
) -> Obs:
    if ind["art"] == Indikator.Art.RATE:
        naevner = round(plan["antal_beboere"] * r.uniform(0.98, 1.02))
        taeller = round(value * naevner / 1000)
        return Obs(start, slut, dec(taeller / naevner * 1000), Decimal(taeller), Decimal(naevner))
    if ind["andel_af"] is None:
        naevner = sum(afd[3] for afd in plan["afdelinger"])
    else:
        naevner = round(plan["antal_beboere"] * ind["andel_af"] * r.uniform(0.97, 1.03))
    taeller = min(max(round(naevner * value / 100), 0), naevner)
    return Obs(start, slut, dec(taeller / naevner * 100), Decimal(taeller), Decimal(naevner))


def activity_series(
    plan: dict, plan_start: datetime.date, kode: str, aggregering: str, regs: dict[str, list[Reg]]
) -> list[Obs]:
    """Counts from the generated registrations of the activities tagged with ``kode``."""
    tagged = [a["navn"] for a in plan["aktiviteter"] if a.get("indikator") == kode]
    if not tagged:
        raise DemoDataError(f"{plan['key']}: no activity feeds the indicator {kode}")
    series, running = [], 0
    for q_start, q_end in plan_quarters(plan_start):
        total = sum(reg.antal for navn in tagged for reg in regs[navn] if q_start <= reg.dato <= q_end)
        running += total
        value = running if aggregering == Indikator.Aggregering.KUMULATIV else total
        series.append(Obs(q_start, q_end, Decimal(value)))
    return series


def report_series(plan: dict, plan_start: datetime.date, criterion: tuple) -> list[Obs]:
    """Cumulative counts reported in the quarterly status reports."""
    _beskr, kode, _baseline, target, forloeb = criterion
    r = rng(plan["key"], "maaling", kode)
    series, previous = [], 0
    for q, (q_start, q_end) in enumerate(plan_quarters(plan_start)):
        expected = float(target) * (q + 1) * 3 / 48 * FORLOEB[forloeb]
        value = max(previous, round(expected + r.gauss(0, 2)))
        if in_lockdown(q_start):
            value = previous
        series.append(Obs(q_start, q_end, Decimal(value)))
        previous = value
    return series
