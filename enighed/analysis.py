"""The agreement indices (pandas). Pure functions: answers in, result rows out.

Formulas and sources (also in the README, "Enighedsmåling: formulas and sources"):

* r_wg for one item (James, Demaree & Wolf 1984): ``1 - s² / σ²_EU`` with ``s²`` the
  observed (n − 1) variance and ``σ²_EU = (A² − 1) / 12`` the variance of the uniform null
  distribution over A response options (2.0 for A = 5). Negative values (more spread than
  random answering) are set to 0 (James, Demaree & Wolf 1984; LeBreton & Senter 2008).
* r_wg(J) for J items (James, Demaree & Wolf 1984):
  ``J(1 − s̄²/σ²_EU) / (J(1 − s̄²/σ²_EU) + s̄²/σ²_EU)`` with ``s̄²`` the mean item variance;
  set to 0 when ``s̄² ≥ σ²_EU`` (LeBreton & Senter 2008). Agreement at ≥ 0.70.
* AD_M for one item (Burke, Finkelstein & Dusig 1999): the mean absolute deviation from the
  item mean; AD_M(J) is the mean over items. Agreement at ≤ c/6 (Burke & Dunlap 2002), i.e.
  ≤ 0.83 for c = 5 options.
* Between groups: difference in means with a 95 % Welch interval (Welch 1947; Satterthwaite
  1946 degrees of freedom). For a block, each respondent's block score (mean of the items
  they answered) is compared. The levels *disagree* on a block (``levels_disagree``) when
  their block means differ by at least ``LEVEL_GAP_CUTOFF`` = 1 point, a whole step of the
  answer scale, or when the interval excludes 0. The step rule is needed because with the
  few respondents a plan has (3-5 per level) the interval rarely excludes 0 even for a
  1,5-point gap. The headline then says so next to the pooled r_wg(J), which can be high
  while the two levels' means lie far apart.

Every figure a page or export labels (enig/uenig, "uenighed mellem niveauerne") is first
rounded as it is shown (``shown``: two decimals, half up) and the label is decided on that
rounded number, so "0,70" is never labelled "uenig" because the stored value was 0.699.

The indices need at least two answers (a variance and a deviation from the mean of one
answer are undefined); groups below ``MIN_RESPONDENTER`` are suppressed before any number
leaves this module.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from itertools import combinations
from typing import Any

import pandas as pd

from .models import MIN_RESPONDENTER, SKALA_MAX, SKALA_MIN

OPTIONS = SKALA_MAX - SKALA_MIN + 1
RWG_CUTOFF = 0.70
STRATEGISK, PRAKTISK, FORUM, MELLEM = "strategisk", "praktisk", "forum", "mellem"
LEVELS = (STRATEGISK, PRAKTISK, FORUM)
PROBLEM, LOESNING = "problem", "loesning"
BLOCKS = (PROBLEM, LOESNING)


def null_variance(options: int = OPTIONS) -> float:
    """σ²_EU, the variance of a uniform distribution over ``options`` equally likely answers."""
    return (options**2 - 1) / 12


def ad_cutoff(options: int = OPTIONS) -> float:
    """Burke & Dunlap's (2002) upper limit for practical agreement: c / 6."""
    return options / 6


SHOWN_DECIMALS = 2


def shown(value: float | None, decimals: int = SHOWN_DECIMALS) -> float | None:
    """``value`` as pages show it: rounded half up to ``decimals`` (as Django's floatformat
    does). Classify this number, never the unrounded one: round once, then label."""
    if value is None or not math.isfinite(value):
        return None
    return float(Decimal(repr(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP))


def agrees_rwg(value: float | None) -> bool | None:
    """Agreement by r_wg / r_wg(J) as shown: ≥ 0.70 after rounding to two decimals."""
    value = shown(value)
    return None if value is None else value >= RWG_CUTOFF


def agrees_ad(value: float | None, options: int = OPTIONS) -> bool | None:
    """Agreement by AD_M as shown: ≤ c/6 (0.83 for five options) after rounding."""
    value, cutoff = shown(value), shown(ad_cutoff(options))
    return None if value is None or cutoff is None else value <= cutoff


# A whole step of the 1-5 answer scale between two levels' average answers.
LEVEL_GAP_CUTOFF = 1.0


def levels_disagree(diff: float | None, ci_low: float | None, ci_high: float | None) -> bool:
    """Whether two levels disagree on a block, judged on the figures as shown (rounded):
    their means differ by at least ``LEVEL_GAP_CUTOFF`` points, or the 95 % Welch interval
    of the difference excludes 0. No difference (suppressed): no claim."""
    gap = shown(diff)
    if gap is None:
        return False
    if abs(gap) >= LEVEL_GAP_CUTOFF:
        return True
    low, high = shown(ci_low), shown(ci_high)
    return low is not None and high is not None and (low > 0 or high < 0)


# Single-item indices -----------------------------------------------------------------------


@dataclass(frozen=True)
class ItemStats:
    n: int
    mean: float | None
    sd: float | None
    variance: float | None
    rwg: float | None
    ad: float | None


def _clean(values: Iterable[Any]) -> pd.Series:
    return pd.Series(list(values), dtype="float64").dropna()


def rwg(variance: float | None, options: int = OPTIONS) -> float | None:
    if variance is None:
        return None
    return max(0.0, 1 - variance / null_variance(options))


def rwg_j(item_variances: Sequence[float], options: int = OPTIONS) -> float | None:
    """r_wg(J) over the items whose variance is defined; None without any."""
    variances = [v for v in item_variances if v is not None]
    if not variances:
        return None
    ratio = (sum(variances) / len(variances)) / null_variance(options)
    if ratio >= 1:
        return 0.0
    j = len(variances)
    return j * (1 - ratio) / (j * (1 - ratio) + ratio)


def item_stats(values: Iterable[Any], options: int = OPTIONS) -> ItemStats:
    """Mean, SD, r_wg and AD_M of one item's answers; missing answers (None/NaN) are left out."""
    x = _clean(values)
    n = len(x)
    if n == 0:
        return ItemStats(0, None, None, None, None, None)
    mean = float(x.mean())
    if n == 1:
        return ItemStats(1, mean, None, None, None, None)
    variance = float(x.var(ddof=1))
    ad = float((x - mean).abs().mean())
    return ItemStats(n, mean, math.sqrt(variance), variance, rwg(variance, options), ad)


# Between groups ------------------------------------------------------------------------------


def _betacf(a: float, b: float, x: float) -> float:
    """Continued fraction of the incomplete beta function (Numerical Recipes, 6.4)."""
    tiny, eps = 1e-300, 3e-16
    qab, qap, qam = a + b, a + 1, a - 1
    c, d = 1.0, 1 - qab * x / qap
    d = 1 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 300):
        m2 = 2 * m
        aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1 + aa * d
        d = 1 / (d if abs(d) > tiny else tiny)
        c = 1 + aa / c if abs(1 + aa / c) > tiny else tiny
        h *= d * c
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1 + aa * d
        d = 1 / (d if abs(d) > tiny else tiny)
        c = 1 + aa / c if abs(1 + aa / c) > tiny else tiny
        delta = d * c
        h *= delta
        if abs(delta - 1) < eps:
            break
    return h


def _betainc(a: float, b: float, x: float) -> float:
    """The regularised incomplete beta function I_x(a, b)."""
    if x <= 0:
        return 0.0
    if x >= 1:
        return 1.0
    front = math.exp(
        math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x)
    )
    if x < (a + 1) / (a + b + 2):
        return front * _betacf(a, b, x) / a
    return 1 - front * _betacf(b, a, 1 - x) / b


def t_cdf(t: float, df: float) -> float:
    tail = 0.5 * _betainc(df / 2, 0.5, df / (df + t * t))
    return 1 - tail if t >= 0 else tail


def t_ppf(p: float, df: float) -> float:
    """The quantile of Student's t with ``df`` (possibly fractional) degrees of freedom."""
    if not 0 < p < 1:
        raise ValueError("p must lie in (0, 1)")
    if p < 0.5:
        return -t_ppf(1 - p, df)
    lo, hi = 0.0, 1.0
    while t_cdf(hi, df) < p:
        hi *= 2
    for _step in range(200):
        mid = (lo + hi) / 2
        if t_cdf(mid, df) < p:
            lo = mid
        else:
            hi = mid
        if hi - lo < 1e-12:
            break
    return (lo + hi) / 2


@dataclass(frozen=True)
class Difference:
    n_a: int
    n_b: int
    mean_a: float | None
    mean_b: float | None
    diff: float | None
    ci_low: float | None
    ci_high: float | None


def welch_difference(a: Iterable[Any], b: Iterable[Any], level: float = 0.95) -> Difference:
    """Mean of ``a`` minus mean of ``b`` with a Welch interval (both need ≥ 2 answers).
    When neither group varies the interval collapses onto the difference."""
    xa, xb = _clean(a), _clean(b)
    na, nb = len(xa), len(xb)
    if na == 0 or nb == 0:
        return Difference(na, nb, None, None, None, None, None)
    ma, mb = float(xa.mean()), float(xb.mean())
    diff = ma - mb
    if na < 2 or nb < 2:
        return Difference(na, nb, ma, mb, diff, None, None)
    va, vb = float(xa.var(ddof=1)) / na, float(xb.var(ddof=1)) / nb
    se = math.sqrt(va + vb)
    if se == 0:
        return Difference(na, nb, ma, mb, diff, diff, diff)
    df = (va + vb) ** 2 / (va**2 / (na - 1) + vb**2 / (nb - 1))
    half = t_ppf(1 - (1 - level) / 2, df) * se
    return Difference(na, nb, ma, mb, diff, diff - half, diff + half)


# A survey's answers -> result rows -------------------------------------------------------------

ANSWER_COLUMNS = ["besvarelse", "niveau", "spoergsmaal", "blok", "indsatsomraade", "vaerdi"]


def answers_frame(rows: Iterable[dict[str, Any]]) -> pd.DataFrame:
    """Rating answers as a frame with ``ANSWER_COLUMNS`` (one row per answer)."""
    frame = pd.DataFrame(list(rows), columns=ANSWER_COLUMNS)
    frame["vaerdi"] = frame["vaerdi"].astype("float64")
    return frame


def _groups(frame: pd.DataFrame, counts: dict[str, int]) -> dict[str, pd.DataFrame]:
    """Each level, plus the strategic and practical levels pooled ("mellem")."""
    groups = {level: frame[frame["niveau"] == level] for level in LEVELS if counts.get(level, 0)}
    if counts.get(STRATEGISK, 0) and counts.get(PRAKTISK, 0):
        groups[MELLEM] = frame[frame["niveau"].isin([STRATEGISK, PRAKTISK])]
    return groups


def _group_n(group: str, counts: dict[str, int]) -> int:
    return counts.get(STRATEGISK, 0) + counts.get(PRAKTISK, 0) if group == MELLEM else counts.get(group, 0)


def _group_visible(group: str, counts: dict[str, int]) -> bool:
    """A pooled result is shown only when each level in it could be shown on its own;
    otherwise the pooled and the other level's numbers would reveal the small one."""
    if group == MELLEM:
        return counts.get(STRATEGISK, 0) >= MIN_RESPONDENTER and counts.get(PRAKTISK, 0) >= MIN_RESPONDENTER
    return counts.get(group, 0) >= MIN_RESPONDENTER


def _pooled_ok(group: str, subset: pd.DataFrame) -> bool:
    """For the pooled group, each level must itself have enough respondents in ``subset``
    (an item or a block), or the pooled and the single-level numbers reveal the small one."""
    if group != MELLEM:
        return True
    per_level = subset.groupby("niveau")["besvarelse"].nunique()
    return all(int(per_level.get(level, 0)) >= MIN_RESPONDENTER for level in (STRATEGISK, PRAKTISK))


def _row(base: dict[str, Any], n: int, visible: bool, **numbers: float | None) -> dict[str, Any]:
    shown = visible and n >= MIN_RESPONDENTER
    row = {**base, "n": n, "undertrykt": not shown}
    row.update({k: (v if shown else None) for k, v in numbers.items()})
    return row


def block_stats(group_frame: pd.DataFrame, options: int = OPTIONS) -> dict[str, Any]:
    """Block figures of one group: distinct respondents, J, mean of item means, mean item SD,
    r_wg(J) over the item variances and AD_M(J) as the mean item AD."""
    per_item = [item_stats(values, options) for _item, values in group_frame.groupby("spoergsmaal")["vaerdi"]]
    defined = [s for s in per_item if s.variance is not None]
    means = [s.mean for s in per_item if s.mean is not None]
    return {
        "n": int(group_frame["besvarelse"].nunique()),
        "antal_items": len(per_item),
        "middel": sum(means) / len(means) if means else None,
        "spredning": sum(s.sd for s in defined if s.sd is not None) / len(defined) if defined else None,
        "rwg": rwg_j([s.variance for s in defined if s.variance is not None], options),
        "ad": sum(s.ad for s in defined if s.ad is not None) / len(defined) if defined else None,
    }


def analyse(frame: pd.DataFrame, counts: dict[str, int], options: int = OPTIONS) -> dict[str, list[dict]]:
    """All result rows of one survey.

    ``frame``: rating answers (``answers_frame``); ``counts``: responses per level (a
    response with no rating answer still counts towards its level's size).
    Returns ``{"resultater": [...], "forskelle": [...]}``: plain dicts matching the fields of
    ``Enighedsresultat`` and ``Niveauforskel``, numbers already suppressed.
    """
    resultater: list[dict[str, Any]] = []
    forskelle: list[dict[str, Any]] = []
    groups = _groups(frame, counts)
    for group, gframe in groups.items():
        visible = _group_visible(group, counts)
        for blok in BLOCKS:
            bframe = gframe[gframe["blok"] == blok]
            if bframe.empty:
                continue
            stats = block_stats(bframe, options)
            n = stats.pop("n")
            items = stats.pop("antal_items")
            base = {"niveau": group, "omfang": "blok", "blok": blok, "antal_items": items}
            resultater.append(_row(base, n, visible and _pooled_ok(group, bframe), **stats))
            for omraade, oframe in bframe.dropna(subset=["indsatsomraade"]).groupby("indsatsomraade"):
                stats = block_stats(oframe, options)
                n = stats.pop("n")
                items = stats.pop("antal_items")
                base = {
                    "niveau": group,
                    "omfang": "indsatsomraade",
                    "blok": blok,
                    "indsatsomraade_id": int(omraade),
                    "antal_items": items,
                }
                resultater.append(_row(base, n, visible and _pooled_ok(group, oframe), **stats))
            for item, iframe in bframe.groupby("spoergsmaal"):
                s = item_stats(iframe["vaerdi"], options)
                base = {"niveau": group, "omfang": "spoergsmaal", "blok": blok, "spoergsmaal_id": int(item)}
                ok = visible and _pooled_ok(group, iframe)
                resultater.append(_row(base, s.n, ok, middel=s.mean, spredning=s.sd, rwg=s.rwg, ad=s.ad))

    present = [level for level in LEVELS if counts.get(level, 0)]
    for level_a, level_b in combinations(present, 2):
        visible = _group_visible(level_a, counts) and _group_visible(level_b, counts)
        fa, fb = frame[frame["niveau"] == level_a], frame[frame["niveau"] == level_b]
        for blok in BLOCKS:
            ba, bb = fa[fa["blok"] == blok], fb[fb["blok"] == blok]
            if ba.empty or bb.empty:
                continue
            item_gaps = []
            for item in sorted(set(ba["spoergsmaal"]) | set(bb["spoergsmaal"])):
                d = welch_difference(
                    ba.loc[ba["spoergsmaal"] == item, "vaerdi"], bb.loc[bb["spoergsmaal"] == item, "vaerdi"]
                )
                shown = visible and min(d.n_a, d.n_b) >= MIN_RESPONDENTER
                if shown and d.diff is not None:
                    item_gaps.append(abs(d.diff))
                forskelle.append(
                    _difference_row(
                        {"blok": blok, "spoergsmaal_id": int(item), "niveau_a": level_a, "niveau_b": level_b},
                        d,
                        shown,
                    )
                )
            scores_a = ba.groupby("besvarelse")["vaerdi"].mean()
            scores_b = bb.groupby("besvarelse")["vaerdi"].mean()
            d = welch_difference(scores_a, scores_b)
            shown = visible and min(d.n_a, d.n_b) >= MIN_RESPONDENTER
            row = _difference_row({"blok": blok, "niveau_a": level_a, "niveau_b": level_b}, d, shown)
            row["abs_forskel"] = (sum(item_gaps) / len(item_gaps)) if shown and item_gaps else None
            forskelle.append(row)
    return {"resultater": resultater, "forskelle": forskelle}


def _difference_row(base: dict[str, Any], d: Difference, shown: bool) -> dict[str, Any]:
    numbers = {
        "middel_a": d.mean_a,
        "middel_b": d.mean_b,
        "forskel": d.diff,
        "ci_lav": d.ci_low,
        "ci_hoej": d.ci_high,
    }
    return {
        **base,
        "n_a": d.n_a,
        "n_b": d.n_b,
        "undertrykt": not shown,
        **{k: (v if shown else None) for k, v in numbers.items()},
        "abs_forskel": None,
    }


# Summaries for pages -------------------------------------------------------------------------


def distribution(values: Sequence[float]) -> dict[str, float | int | None]:
    """Count, quartiles and the share at or above the r_wg cut-off, for the LBF overview."""
    x = _clean(values)
    if x.empty:
        return {
            "antal": 0,
            "median": None,
            "q1": None,
            "q3": None,
            "min": None,
            "max": None,
            "andel_enige": None,
        }
    return {
        "antal": len(x),
        "median": float(x.median()),
        "q1": float(x.quantile(0.25)),
        "q3": float(x.quantile(0.75)),
        "min": float(x.min()),
        "max": float(x.max()),
        "andel_enige": sum(1 for v in x if agrees_rwg(float(v))) / len(x),
    }
