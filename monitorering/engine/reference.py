"""The reference path of the indicator engine, in memory: observations into periods, plan or
area data, the value of a period, aggregation over time, targets per agreement version, one
result per criterion and period, and the per-period summaries.

Pure functions over plain values (no database), so every rule is unit-tested on its own and
the recompute on SQLite, the verification job and the benchmark share one implementation;
the SQL path (:mod:`.sql`) must give identical results. The shared rules (periods, expected
path, tolerance, status) are in :mod:`.rules`; docs/monitoring-rules.md writes them down.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

import pandas as pd

from ..models import Indikator, Sporstatus
from .rules import FACTOR, MAX_STALE_DAYS, Periode, expected_value, q3, status, tolerance

Art = Indikator.Art
Aggregering = Indikator.Aggregering


@dataclass(frozen=True)
class Obs:
    """One observation: a value, or a numerator/denominator pair (or both). ``eget`` is
    False for the plan's boligområde's observation (see :func:`choose_source`)."""

    slut: datetime.date
    vaerdi: Decimal | None = None
    taeller: Decimal | None = None
    naevner: Decimal | None = None
    eget: bool = True


@dataclass(frozen=True)
class Resultat:
    faktisk: Decimal | None
    forventet: Decimal | None
    tolerance: Decimal | None
    status: str
    data_til: datetime.date | None


# --- Periods -------------------------------------------------------------------------------


def assign(periods: Sequence[Periode], observations: Iterable[Obs]) -> list[list[Obs]]:
    """Observations per plan period: an observation belongs to the period its end date falls in."""
    buckets: list[list[Obs]] = [[] for _ in periods]
    starts = [p.start for p in periods]
    for obs in observations:
        lo, hi = 0, len(periods) - 1
        while lo <= hi:  # binary search: periods are sorted and contiguous
            mid = (lo + hi) // 2
            if obs.slut < starts[mid]:
                hi = mid - 1
            elif obs.slut > periods[mid].slut:
                lo = mid + 1
            else:
                buckets[mid].append(obs)
                break
    return buckets


def choose_source(buckets: Sequence[Sequence[Obs]]) -> list[list[Obs]]:
    """Plan or area data, chosen per reporting period: when the plan has an observation of
    its own in the period, only the plan's count; otherwise its boligområde's. The two are
    never pooled into one figure."""
    out = []
    for observations in buckets:
        own = [o for o in observations if o.eget]
        out.append(own if own else list(observations))
    return out


# --- Values --------------------------------------------------------------------------------


def _pooled(observations: Sequence[Obs], factor: Decimal) -> Decimal | None:
    """factor × Σnumerator / Σdenominator when every observation has both, else None."""
    if not observations or any(o.taeller is None or not o.naevner for o in observations):
        return None
    num = sum((o.taeller for o in observations if o.taeller is not None), Decimal(0))
    den = sum((o.naevner for o in observations if o.naevner is not None), Decimal(0))
    return factor * num / den if den else None


def _mean(observations: Sequence[Obs]) -> Decimal | None:
    values = [o.vaerdi for o in observations if o.vaerdi is not None]
    return sum(values, Decimal(0)) / len(values) if values else None


def period_value(art: str, observations: Sequence[Obs]) -> Decimal | None:
    """The value of one period from the observations in it.

    Counts and sums add up. Percentages, rates and averages pool numerators and denominators
    (100·Σt/Σn, 1000·Σt/Σn, Σt/Σn); without them, they take the mean of the values. A
    percentage is never the sum of percentages.
    """
    if not observations:
        return None
    if art in (Art.ANTAL, Art.SUM):
        values = [o.vaerdi for o in observations if o.vaerdi is not None]
        return sum(values, Decimal(0)) if values else None
    pooled = _pooled(observations, FACTOR[art])
    return pooled if pooled is not None else _mean(observations)


def actual_values(
    art: str,
    aggregering: str,
    buckets: Sequence[Sequence[Obs]],
    periods: Sequence[Periode] | None = None,
) -> list[Decimal | None]:
    """The actual value at the end of each period, by the indicator's aggregation over time.

    - ``sum_pr_periode``: the period's own value (no data in the period: none).
    - ``seneste``: the value of the latest period up to this one that has data, if that
      period ended at most MAX_STALE_DAYS before this one ends (older: no data).
    - ``kumulativ``: counts and sums add up every period since the plan's start; percentages,
      rates and averages pool numerators/denominators since the start (never a sum of
      percentages), falling back to the latest value when they are missing.
    """
    per_period = [period_value(art, obs) for obs in buckets]
    result: list[Decimal | None] = []
    if aggregering == Aggregering.SUM_PR_PERIODE:
        return per_period
    latest: Decimal | None = None
    latest_end: datetime.date | None = None
    running: Decimal | None = None
    seen: list[Obs] = []
    ends: list[datetime.date | None] = (
        [p.slut for p in periods] if periods is not None else [None] * len(buckets)
    )
    for value, observations, end in zip(per_period, buckets, ends, strict=True):
        if value is not None:
            latest, latest_end = value, end
        if aggregering == Aggregering.SENESTE:
            stale = end is not None and latest_end is not None and (end - latest_end).days > MAX_STALE_DAYS
            result.append(None if stale else latest)
        elif art in (Art.ANTAL, Art.SUM):
            if value is not None:
                running = (running or Decimal(0)) + value
            result.append(running)
        else:
            seen.extend(observations)
            pooled = _pooled(seen, FACTOR[art]) if seen else None
            result.append(pooled if pooled is not None else latest)
    return result


def data_until(buckets: Sequence[Sequence[Obs]], periods: Sequence[Periode]) -> list[datetime.date | None]:
    """For each period, the end of the latest period up to it that has data."""
    out: list[datetime.date | None] = []
    last = None
    for observations, period in zip(buckets, periods, strict=True):
        if observations:
            last = period.slut
        out.append(last)
    return out


# --- Targets and results -------------------------------------------------------------------


@dataclass(frozen=True)
class Maalsaet:
    """A criterion's baseline, target, dates and tolerance as one agreement version set
    them (``version`` 0 and no ``samarbejdsaftale_id``: not tied to a version)."""

    samarbejdsaftale_id: int | None
    version: int
    baseline: Decimal | None
    maal: Decimal | None
    baseline_dato: datetime.date
    maal_dato: datetime.date
    tolerance_pct: Decimal


def pick_target(lineage: Sequence[Maalsaet], version: int) -> Maalsaet:
    """The criterion's targets under agreement ``version`` (the one in force at a period's
    end): from the newest of its versions up to that one; a criterion that did not exist
    yet in that version is judged by its first version. ``lineage`` is sorted by version."""
    chosen = lineage[0]
    for m in lineage:
        if m.version <= version:
            chosen = m
    return chosen


@dataclass(frozen=True)
class Kriterie:
    """What the engine needs of one success criterion."""

    id: int
    art: str
    aggregering: str
    retning: str
    baseline: Decimal | None
    maal: Decimal | None
    baseline_dato: datetime.date
    maal_dato: datetime.date
    tolerance_pct: Decimal


def evaluate(
    kriterie: Kriterie,
    periods: Sequence[Periode],
    observations: Iterable[Obs],
    targets: Sequence[Maalsaet] | None = None,
) -> list[Resultat]:
    """One result per period (pass only completed periods). ``targets`` are the baseline,
    target, dates and tolerance that judge each period (the version in force at its end);
    without them, the criterion's own judge every period."""
    buckets = choose_source(assign(periods, observations))
    actuals = actual_values(kriterie.art, kriterie.aggregering, buckets, periods)
    until = data_until(buckets, periods)
    if targets is None:
        own = Maalsaet(
            None,
            0,
            kriterie.baseline,
            kriterie.maal,
            kriterie.baseline_dato,
            kriterie.maal_dato,
            kriterie.tolerance_pct,
        )
        targets = [own] * len(periods)
    results = []
    for period, actual, data_til, t in zip(periods, actuals, until, targets, strict=True):
        expected = tol = None
        if t.baseline is not None and t.maal is not None:
            expected = expected_value(t.baseline, t.maal, t.baseline_dato, t.maal_dato, period.slut)
            tol = tolerance(t.baseline, t.maal, t.tolerance_pct)
        results.append(
            Resultat(
                faktisk=q3(actual),
                forventet=q3(expected),
                tolerance=q3(tol),
                status=status(q3(actual), q3(expected), q3(tol), kriterie.retning),
                data_til=data_til,
            )
        )
    return results


# --- Summaries (pandas) --------------------------------------------------------------------

STATUS_COLUMNS = [s.value for s in Sporstatus]


def summarise(rows: list[dict]) -> list[dict]:
    """Counts of criteria per status for each period, per indsatsområde and overall
    (``indsatsomraade_id`` None). ``rows`` are snapshot rows with ``periode_start``,
    ``periode_slut``, ``indsatsomraade_id`` and ``status``."""
    if not rows:
        return []
    frame = pd.DataFrame(rows, columns=["periode_start", "periode_slut", "indsatsomraade_id", "status"])
    frame["status"] = pd.Categorical(frame["status"], categories=STATUS_COLUMNS)
    keys = ["periode_start", "periode_slut"]
    overall = frame.groupby(keys, observed=True)["status"].value_counts().unstack(fill_value=0)
    overall = overall.reindex(columns=STATUS_COLUMNS, fill_value=0).reset_index()
    overall["indsatsomraade_id"] = None
    areas = frame.dropna(subset=["indsatsomraade_id"])
    parts = [overall]
    if not areas.empty:
        per_area = (
            areas.groupby([*keys, "indsatsomraade_id"], observed=True)["status"]
            .value_counts()
            .unstack(fill_value=0)
            .reindex(columns=STATUS_COLUMNS, fill_value=0)
            .reset_index()
        )
        parts.append(per_area)
    combined = pd.concat(parts, ignore_index=True)
    out = []
    for rec in combined.to_dict("records"):
        area = rec["indsatsomraade_id"]
        out.append(
            {
                "periode_start": rec["periode_start"],
                "periode_slut": rec["periode_slut"],
                "indsatsomraade_id": None if area is None or pd.isna(area) else int(area),
                **{col: int(rec[col]) for col in STATUS_COLUMNS},
            }
        )
    out.sort(key=lambda r: (r["periode_start"], r["indsatsomraade_id"] or 0))
    return out
