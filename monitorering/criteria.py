"""The statutory area classification (almenboligloven §§ 61a-61b) in three-valued logic.

Each criterion is met (True), not met (False) or unknown (None: a missing value or a missing
national average). Each category is yes, no or undetermined (None), combined with Kleene
logic, so a category is decided whenever the known criteria already decide it: 2 of 4 met
is "yes" whatever the unknown two are; 3 of 4 known and not met is "no".

Thresholds come from the ``Kriteriesaet`` columns; how criteria combine into categories
comes from its ``kategorier`` list (data, see the migration 0003 and README).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from portal.formatting import tal

from .models import Kriteriesaet, Landsgennemsnit, Omraadestatus

CATEGORY_CODES = [
    "saerligt_udsat",
    "ghettoomraade",
    "haardt_ghettoomraade",
    "udsat_boligomraade",
    "parallelsamfund",
    "omdannelsesomraade",
    "forebyggelsesomraade",
]
CATEGORY_LABELS = {
    "saerligt_udsat": _("Særligt udsat boligområde"),
    "ghettoomraade": _("Ghettoområde"),
    "haardt_ghettoomraade": _("Hårdt ghettoområde"),
    "udsat_boligomraade": _("Udsat boligområde"),
    "parallelsamfund": _("Parallelsamfund"),
    "omdannelsesomraade": _("Omdannelsesområde"),
    "forebyggelsesomraade": _("Forebyggelsesområde"),
}
CRITERION_LABELS = {
    "beboere": _("Mindst antal beboere"),
    "A": _("A: uden tilknytning til arbejdsmarked eller uddannelse (18-64 år)"),
    "B": _("B: dømte (18+ år)"),
    "C": _("C: kun grundskole (30-59 år)"),
    "D": _("D: bruttoindkomst i forhold til regionen (15-64 år)"),
    "ikke_vestlig": _("Indvandrere og efterkommere fra ikke-vestlige lande"),
    "forebyggelse_A": _("Forebyggelse A: uden arbejde/uddannelse"),
    "forebyggelse_B": _("Forebyggelse B: dømte"),
    "forebyggelse_C": _("Forebyggelse C: kun grundskole"),
    "forebyggelse_D": _("Forebyggelse D: bruttoindkomst"),
    "forebyggelse_ikke_vestlig": _("Forebyggelse: ikke-vestlig baggrund"),
}


@dataclass(frozen=True)
class Values:
    """An area's criteria values for one year; None is unknown."""

    residents: int | None = None
    outside_work_edu_pct: Decimal | None = None
    nonwestern_pct: Decimal | None = None
    convicted_pct: Decimal | None = None
    convicted_factor: Decimal | None = None  # × the national average, when that is what is known
    basic_edu_pct: Decimal | None = None
    income_pct_of_region: Decimal | None = None


@dataclass(frozen=True)
class CriterionResult:
    kode: str
    vaerdi: Decimal | None
    operator: str
    taerskel: Decimal | None
    opfyldt: bool | None
    forklaring: str
    enhed: str = "%"

    @property
    def afstand(self) -> Decimal | None:
        """How far the value is from the threshold (positive: on the 'met' side)."""
        if self.vaerdi is None or self.taerskel is None:
            return None
        diff = self.vaerdi - self.taerskel
        return -diff if self.operator == "<" else diff


@dataclass(frozen=True)
class CategoryResult:
    kode: str
    udfald: bool | None
    forklaring: str  # the rule as a formula ("… ⇒ nej"), for the audit and the tooltip
    begrundelse: str = ""  # the same in a Danish sentence, for readers (category_sentence)


@dataclass
class Classification:
    aar: int
    kriteriesaet: str
    kriterier: dict[str, CriterionResult] = field(default_factory=dict)
    kategorier: dict[str, CategoryResult] = field(default_factory=dict)

    def as_json(self) -> dict:
        return {
            "rules": self.kriteriesaet,
            "criteria": {k: c.opfyldt for k, c in self.kriterier.items()},
            "categories": {k: c.udfald for k, c in self.kategorier.items()},
        }


# --- Kleene logic ----------------------------------------------------------------------------


def k_of_n(values: Iterable[bool | None], k: int) -> bool | None:
    vals = list(values)
    met = sum(1 for v in vals if v is True)
    unknown = sum(1 for v in vals if v is None)
    if met >= k:
        return True
    if met + unknown < k:
        return False
    return None


def all_of(values: Iterable[bool | None]) -> bool | None:
    vals = list(values)
    if any(v is False for v in vals):
        return False
    if all(v is True for v in vals):
        return True
    return None


def any_of(values: Iterable[bool | None]) -> bool | None:
    vals = list(values)
    if any(v is True for v in vals):
        return True
    if all(v is False for v in vals):
        return False
    return None


def word(value: bool | None) -> str:
    return {True: "ja", False: "nej", None: "uafgjort"}[value]


# --- Criteria --------------------------------------------------------------------------------


def kriteriesaet_for(aar: int) -> Kriteriesaet | None:
    """The rules in force for the list published in ``aar`` (lists appear by 1 December)."""
    return (
        Kriteriesaet.objects.filter(gyldig_fra__lte=datetime.date(aar, 12, 1)).order_by("-gyldig_fra").first()
    )


def national_conviction_pct(aar: int) -> Decimal | None:
    return Landsgennemsnit.objects.filter(aar=aar).values_list("doemte_pct", flat=True).first()


def _fmt(number: Decimal | None) -> str:
    if number is None:
        return "ukendt"
    return format(number.quantize(Decimal("0.01")).normalize(), "f").replace(".", ",")


def _compare(value: Decimal | None, op: str, threshold: Decimal | None) -> bool | None:
    if value is None or threshold is None:
        return None
    return {">": value > threshold, ">=": value >= threshold, "<": value < threshold}[op]


def _simple(kode: str, value: Decimal | None, op: str, threshold: Decimal | None) -> CriterionResult:
    met = _compare(value, op, threshold)
    sign = {">": ">", ">=": "≥", "<": "<"}[op]
    if value is None:
        why = f"værdien mangler (tærskel {sign} {_fmt(threshold)} %)"
    else:
        why = f"{_fmt(value)} % {sign if met else 'ikke ' + sign} {_fmt(threshold)} %"
    return CriterionResult(kode, value, op, threshold, met, why)


def _conviction(kode: str, v: Values, factor: Decimal | None, pct: Decimal | None, national: Decimal | None):
    """B: either ≥ factor × the national average (2018 onward) or > a fixed share (before)."""
    if factor is not None:
        if v.convicted_factor is not None:
            met = v.convicted_factor >= factor
            why = (
                f"{_fmt(v.convicted_factor)} × landsgennemsnittet {'≥' if met else 'ikke ≥'} {_fmt(factor)} ×"
            )
            return CriterionResult(kode, v.convicted_factor, ">=", factor, met, why, enhed="×")
        threshold = None if national is None else factor * national
        if national is None:
            why = f"landsgennemsnittet for året mangler (tærskel {_fmt(factor)} × landsgennemsnittet)"
            return CriterionResult(kode, v.convicted_pct, ">=", None, None, why)
        result = _simple(kode, v.convicted_pct, ">=", threshold)
        return CriterionResult(
            kode,
            result.vaerdi,
            ">=",
            threshold,
            result.opfyldt,
            f"{result.forklaring} (= {_fmt(factor)} × landsgennemsnittet {_fmt(national)} %)",
        )
    value = v.convicted_pct
    if value is None and v.convicted_factor is not None and national is not None:
        value = v.convicted_factor * national
    return _simple(kode, value, ">", pct)


def evaluate_criteria(saet: Kriteriesaet, v: Values, national: Decimal | None) -> dict[str, CriterionResult]:
    out: dict[str, CriterionResult] = {}
    minimum = Decimal(saet.min_beboere)
    residents = None if v.residents is None else Decimal(v.residents)
    met = _compare(residents, ">=", minimum)
    why = (
        f"antal beboere mangler (mindst {saet.min_beboere})"
        if residents is None
        else f"{v.residents} beboere {'≥' if met else '<'} {saet.min_beboere}"
    )
    out["beboere"] = CriterionResult("beboere", residents, ">=", minimum, met, why, enhed="beboere")
    if saet.a_uden_beskaeftigelse_pct is not None:
        out["A"] = _simple("A", v.outside_work_edu_pct, ">", saet.a_uden_beskaeftigelse_pct)
    if saet.b_doemte_faktor is not None or saet.b_doemte_pct is not None:
        out["B"] = _conviction("B", v, saet.b_doemte_faktor, saet.b_doemte_pct, national)
    if saet.c_kun_grundskole_pct is not None:
        out["C"] = _simple("C", v.basic_edu_pct, ">", saet.c_kun_grundskole_pct)
    if saet.d_indkomst_pct is not None:
        out["D"] = _simple("D", v.income_pct_of_region, "<", saet.d_indkomst_pct)
    if saet.ikke_vestlig_parallelsamfund_pct is not None:
        out["ikke_vestlig"] = _simple(
            "ikke_vestlig", v.nonwestern_pct, ">", saet.ikke_vestlig_parallelsamfund_pct
        )
    if saet.forebyggelse_a_pct is not None:
        out["forebyggelse_A"] = _simple(
            "forebyggelse_A", v.outside_work_edu_pct, ">", saet.forebyggelse_a_pct
        )
    if saet.forebyggelse_b_faktor is not None:
        out["forebyggelse_B"] = _conviction("forebyggelse_B", v, saet.forebyggelse_b_faktor, None, national)
    if saet.forebyggelse_c_pct is not None:
        out["forebyggelse_C"] = _simple("forebyggelse_C", v.basic_edu_pct, ">", saet.forebyggelse_c_pct)
    if saet.forebyggelse_d_pct is not None:
        out["forebyggelse_D"] = _simple(
            "forebyggelse_D", v.income_pct_of_region, "<", saet.forebyggelse_d_pct
        )
    if saet.forebyggelse_ikke_vestlig_pct is not None:
        out["forebyggelse_ikke_vestlig"] = _simple(
            "forebyggelse_ikke_vestlig", v.nonwestern_pct, ">", saet.forebyggelse_ikke_vestlig_pct
        )
    return out


# --- In words (issue 18): why a category is yes, no or undecided --------------------------------

#: What each criterion measures, as the subject of a sentence.
CRITERION_SUBJECTS = {
    "beboere": _("antallet af beboere"),
    "A": _("andelen uden tilknytning til arbejdsmarked eller uddannelse (kriterium A)"),
    "B": _("andelen dømte (kriterium B)"),
    "C": _("andelen med kun grundskole (kriterium C)"),
    "D": _("bruttoindkomsten i forhold til regionen (kriterium D)"),
    "ikke_vestlig": _("andelen med ikke-vestlig baggrund"),
    "forebyggelse_A": _("andelen uden tilknytning til arbejdsmarked eller uddannelse (kriterium A)"),
    "forebyggelse_B": _("andelen dømte (kriterium B)"),
    "forebyggelse_C": _("andelen med kun grundskole (kriterium C)"),
    "forebyggelse_D": _("bruttoindkomsten i forhold til regionen (kriterium D)"),
    "forebyggelse_ikke_vestlig": _("andelen med ikke-vestlig baggrund"),
}


def _amount(number: Decimal | None, enhed: str) -> str:
    text = _fmt(number)
    if enhed == "%":
        return f"{text} %"
    if enhed == "×":
        return gettext("%(n)s gange landsgennemsnittet") % {"n": text}
    return text


def criterion_sentence(c: CriterionResult) -> str:
    """One criterion in words: its value, the threshold and which side of it the value is
    ("andelen med kun grundskole (kriterium C) er 64 %, over tærsklen på 60 %")."""
    if c.kode == "beboere":
        if c.vaerdi is None:
            return gettext("antallet af beboere kendes ikke")
        return (
            gettext("området har %(n)s beboere, mindst %(t)s")
            if c.opfyldt
            else gettext("området har kun %(n)s beboere, færre end %(t)s")
        ) % {"n": tal(c.vaerdi), "t": tal(c.taerskel)}
    subject = str(CRITERION_SUBJECTS.get(c.kode, CRITERION_LABELS.get(c.kode, c.kode)))
    if c.taerskel is None:
        return gettext("tærsklen for %(what)s kendes ikke, fordi landsgennemsnittet for året mangler") % {
            "what": subject
        }
    threshold = _amount(c.taerskel, c.enhed)
    if c.vaerdi is None:
        return gettext("%(what)s kendes ikke (tærsklen er %(t)s)") % {"what": subject, "t": threshold}
    relation = {
        (">", True): gettext("over"),
        (">", False): gettext("ikke over"),
        (">=", True): gettext("på eller over"),
        (">=", False): gettext("under"),
        ("<", True): gettext("under"),
        ("<", False): gettext("ikke under"),
    }[(c.operator, bool(c.opfyldt))]
    return gettext("%(what)s er %(v)s, %(rel)s tærsklen på %(t)s") % {
        "what": subject,
        "v": _amount(c.vaerdi, c.enhed),
        "rel": relation,
        "t": threshold,
    }


def _join(parts: list[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return gettext("%(first)s og %(last)s") % {"first": ", ".join(parts[:-1]), "last": parts[-1]}


def category_sentence(outcome: bool | None, reasons: list[tuple[bool | None, str]]) -> str:
    """Why a category is yes, no or undecided, in one Danish sentence: for "ja" every
    condition (all hold), for "nej" the conditions that fail, for "uafgjort" those unknown.
    ``reasons`` pairs each condition's three-valued result with its words."""
    if outcome is True:
        return gettext("Ja, fordi %(why)s.") % {"why": _join([text for _v, text in reasons])}
    if outcome is False:
        return gettext("Nej, fordi %(why)s.") % {"why": _join([text for v, text in reasons if v is False])}
    return gettext("Uafgjort, fordi %(why)s; de kendte værdier afgør ikke kategorien.") % {
        "why": _join([text for v, text in reasons if v is None])
    }


def _count_sentence(rule: dict, crit: dict[str, CriterionResult], value: bool | None) -> str:
    """ "k of n criteria": how many are met, which, and (when that decides "no") which not."""
    codes = rule["af"]
    known = [crit[c] for c in codes if c in crit]
    met = [c for c in known if c.opfyldt is True]
    not_met = [c for c in known if c.opfyldt is False]
    unknown = len(codes) - len(met) - len(not_met)
    text = gettext("%(m)s af %(n)s kriterier er opfyldt, og der kræves mindst %(k)s") % {
        "m": len(met),
        "n": len(codes),
        "k": rule["min"],
    }
    if met:
        text += " (" + _join([criterion_sentence(c) for c in met]) + ")"
    if value is False and not_met:
        text += "; " + _join([criterion_sentence(c) for c in not_met])
    if unknown:
        text += "; " + ngettext("%(u)s kriterium kendes ikke", "%(u)s kriterier kendes ikke", unknown) % {
            "u": unknown
        }
        why = [criterion_sentence(c) for c in known if c.opfyldt is None]
        if why:
            text += " (" + _join(why) + ")"
    return text


# --- Categories ------------------------------------------------------------------------------

History = dict[int, dict[str, bool | None]]  # year → category code → yes/no/undetermined


def _history_value(history: History, year: int, codes: list[str]) -> bool | None:
    known = history.get(year)
    if known is None:
        return None
    return any_of(known.get(code) if code in known else False for code in codes) if codes else None


def _history_sentence(aar: int, years: int, earlier: list[bool | None], value: bool | None) -> str:
    if value is True:
        return gettext("området var på listen i alle de %(n)s foregående år") % {"n": years}
    missing = [str(aar - i) for i, e in enumerate(earlier, start=1) if e is False]
    if value is False:
        return gettext("området skal have været på listen de %(n)s foregående år, men var ikke i %(y)s") % {
            "n": years,
            "y": _join(missing),
        }
    unknown = [str(aar - i) for i, e in enumerate(earlier, start=1) if e is None]
    return gettext("listen kendes ikke for %(y)s") % {"y": _join(unknown)}


def classify(
    saet: Kriteriesaet, aar: int, v: Values, national: Decimal | None, history: History | None = None
):
    """Classify one area for one year. ``history`` holds the categories of earlier years,
    when known; categories that need it are undetermined without it."""
    history = history or {}
    result = Classification(aar=aar, kriteriesaet=saet.navn, kriterier=evaluate_criteria(saet, v, national))
    crit = result.kriterier
    for rule in saet.kategorier:
        kode = rule["kode"]
        parts: list[bool | None] = [crit["beboere"].opfyldt]
        reasons = [f"beboere: {word(crit['beboere'].opfyldt)}"]
        words: list[tuple[bool | None, str]] = [
            (crit["beboere"].opfyldt, criterion_sentence(crit["beboere"]))
        ]
        if rule.get("alle"):
            value = all_of(crit[c].opfyldt if c in crit else None for c in rule["alle"])
            parts.append(value)
            reasons.append(f"alle af {', '.join(rule['alle'])}: {word(value)}")
            for c in rule["alle"]:
                if c in crit:
                    words.append((crit[c].opfyldt, criterion_sentence(crit[c])))
        if rule.get("af"):
            codes = rule["af"]
            value = k_of_n((crit[c].opfyldt if c in crit else None for c in codes), rule["min"])
            met = [c for c in codes if c in crit and crit[c].opfyldt is True]
            unknown = [c for c in codes if c not in crit or crit[c].opfyldt is None]
            reasons.append(
                f"mindst {rule['min']} af {', '.join(codes)}: opfyldt {', '.join(met) or 'ingen'}"
                + (f", ukendt {', '.join(unknown)}" if unknown else "")
                + f" → {word(value)}"
            )
            parts.append(value)
            words.append((value, _count_sentence(rule, crit, value)))
        for other in rule.get("kategorier", []):
            value = result.kategorier[other].udfald if other in result.kategorier else None
            parts.append(value)
            reasons.append(f"{CATEGORY_LABELS.get(other, other).lower()} i år: {word(value)}")
            label = str(CATEGORY_LABELS.get(other, other)).lower()
            words.append(
                (
                    value,
                    {
                        True: gettext("området er %(c)s i år"),
                        False: gettext("området er ikke %(c)s i år"),
                        None: gettext("det er uafgjort, om området er %(c)s i år"),
                    }[value]
                    % {"c": label},
                )
            )
        if rule.get("historik"):
            years = rule["historik"]["aar"]
            lineage = rule["historik"]["kategorier"]
            earlier = [_history_value(history, aar - i, lineage) for i in range(1, years)]
            value = all_of(earlier)
            parts.append(value)
            known = ", ".join(f"{aar - i}: {word(e)}" for i, e in enumerate(earlier, start=1))
            reasons.append(f"på listen de {years - 1} foregående år ({known}): {word(value)}")
            words.append((value, _history_sentence(aar, years - 1, earlier, value)))
        outcome = all_of(parts)
        result.kategorier[kode] = CategoryResult(
            kode, outcome, "; ".join(reasons) + f" ⇒ {word(outcome)}", category_sentence(outcome, words)
        )
    return result


LINEAGE_FROM_KATEGORI = {Omraadestatus.Kategori.PARALLELSAMFUND, Omraadestatus.Kategori.OMDANNELSE}


def history_from_status(rows: Iterable[Omraadestatus]) -> History:
    """Earlier years' categories from stored area status: the stored three-valued result if
    there is one, else the single recorded category (on the ghetto/parallelsamfund list or not)."""
    history: History = {}
    for row in rows:
        if row.kategorier:
            history[row.aar] = dict(row.kategorier)
            continue
        on_list = row.kategori in LINEAGE_FROM_KATEGORI
        history[row.aar] = {
            "ghettoomraade": on_list,
            "saerligt_udsat": on_list,
            "parallelsamfund": on_list,
            "udsat_boligomraade": row.kategori != Omraadestatus.Kategori.INGEN
            and row.kategori != Omraadestatus.Kategori.FOREBYGGELSE,
        }
    return history


def values_from_status(row: Omraadestatus) -> Values:
    return Values(
        residents=row.antal_beboere,
        outside_work_edu_pct=row.a_uden_beskaeftigelse_pct,
        nonwestern_pct=row.ikke_vestlig_pct,
        convicted_pct=row.b_doemte_pct,
        convicted_factor=row.b_doemte_faktor,
        basic_edu_pct=row.c_kun_grundskole_pct,
        income_pct_of_region=row.d_indkomst_pct,
    )
