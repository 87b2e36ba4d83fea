"""LBF's formal requirements as small, named rule functions over one plan.

Each rule takes ``(plan, today)`` and returns a list of :class:`Finding` (empty when the
plan complies), each with a plain-Danish explanation and a link to where it is fixed.
Thresholds come from settings (``COMPLIANCE_*``) or data (the funding round's minimum
co-financing), never from literals here. :data:`RULES` is the registry the audit job and
the rules page read; add a rule with the :func:`rule` decorator.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from dateutil.relativedelta import relativedelta  # type: ignore[import-untyped]  # no stubs installed
from django.conf import settings
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from bestyrelser.models import Medlemskab, Moede, Organ
from helhedsplaner.models import (
    Aftalestatus,
    Budgetpost,
    Delaftale,
    Helhedsplan,
    Samarbejdsaftale,
    StrategiskMaal,
    Succeskriterie,
)
from helhedsplaner.selectors import agreement_for_content, report_slots
from portal.formatting import tal

from .models import Alvor


@dataclass(frozen=True)
class Finding:
    regel: str
    besked: str
    link: str = ""
    alvor: str = Alvor.FEJL


def thresholds() -> dict[str, object]:
    """The settings the rules' descriptions name, as they read in a sentence (an LBF
    reader sees "mindst 3 møder om året", never the setting's name; the settings are listed
    by name on the rules page)."""
    return {
        "max_dage": settings.COMPLIANCE_DELAFTALE_MAX_ALDER_DAGE,
        "moeder": settings.COMPLIANCE_MIN_BESTYRELSESMOEDER_PR_AAR,
        "niveauer": level_names(),
        "aar": settings.COMPLIANCE_PLANPERIODE_AAR,
        "tolerance": settings.COMPLIANCE_PLANPERIODE_TOLERANCE_DAGE,
        "efter": settings.COMPLIANCE_START_EFTER_RUNDE_AAR,
    }


def threshold_rows() -> list[tuple[str, str, object]]:
    """The thresholds for LBF's rules page: (what it is, the setting that sets it, its value)."""
    values = thresholds()
    return [
        (
            _("Højeste alder af en delaftale (dage)"),
            "COMPLIANCE_DELAFTALE_MAX_ALDER_DAGE",
            values["max_dage"],
        ),
        (
            _("Mindste antal bestyrelsesmøder om året"),
            "COMPLIANCE_MIN_BESTYRELSESMOEDER_PR_AAR",
            values["moeder"],
        ),
        (_("Ledelsesniveauer, der tæller i bestyrelsen"), "COMPLIANCE_LEDELSESNIVEAUER", values["niveauer"]),
        (_("Planperiodens længde (år)"), "COMPLIANCE_PLANPERIODE_AAR", values["aar"]),
        (
            _("Tolerance på planperiodens længde (dage)"),
            "COMPLIANCE_PLANPERIODE_TOLERANCE_DAGE",
            values["tolerance"],
        ),
        (
            _("Seneste start efter bevillingsperiodens sidste år (år)"),
            "COMPLIANCE_START_EFTER_RUNDE_AAR",
            values["efter"],
        ),
    ]


def level_names() -> str:
    """The management levels that count (``COMPLIANCE_LEDELSESNIVEAUER``) as words:
    "direktør, chef"."""
    labels = dict(Medlemskab.Niveau.choices)
    return ", ".join(str(labels.get(level, level)).lower() for level in settings.COMPLIANCE_LEDELSESNIVEAUER)


@dataclass(frozen=True)
class Rule:
    code: str
    title: str
    description: str  # what it checks, with %(name)s for the thresholds in force
    func: Callable[[Helhedsplan, datetime.date], list[Finding]]
    do_not_call_in_templates = True

    @property
    def checks(self) -> str:
        """What the rule checks, in words, with the thresholds now in force."""
        return str(self.description) % thresholds()

    def __call__(self, plan: Helhedsplan, today: datetime.date) -> list[Finding]:
        return self.func(plan, today)


RULES: dict[str, Rule] = {}


def rule(code: str, title, checks):
    """Register a rule function under ``code`` with a title and what it checks."""

    def register(func):
        RULES[code] = Rule(code, title, checks, func)
        return func

    return register


def _versions_url(plan: Helhedsplan) -> str:
    return reverse("tilsyn:versions_page", args=[plan.pk])


def _d(day: datetime.date) -> str:
    return date_format(day, "SHORT_DATE_FORMAT")


def current_agreement(plan: Helhedsplan, today: datetime.date) -> Samarbejdsaftale | None:
    """The version in force on the plan's present (today, or its last day once it has
    ended); None when LBF has approved none. See :func:`helhedsplaner.models.agreement_in_force`."""
    return plan.samarbejdsaftaler.in_force(min(today, plan.slutdato))


# --- Strategic agreement -------------------------------------------------------------------


@rule(
    "aftale_godkendt",
    gettext_lazy("Samarbejdsaftalen er godkendt af LBF og gældende"),
    gettext_lazy(
        "Der findes en version af den strategiske samarbejdsaftale, som LBF har godkendt, og "
        "dens gyldighedsperiode dækker i dag (eller planens sidste dag for afsluttede planer)."
    ),
)
def aftale_godkendt(plan: Helhedsplan, today: datetime.date) -> list[Finding]:
    aftale = current_agreement(plan, today)
    link = _versions_url(plan)
    if aftale is None:
        return [Finding("aftale_godkendt", _("Ingen version af samarbejdsaftalen er godkendt af LBF."), link)]
    day = min(today, plan.slutdato)
    if not aftale.gyldig_fra <= day <= aftale.gyldig_til:
        return [
            Finding(
                "aftale_godkendt",
                _(
                    "Den godkendte samarbejdsaftale (version %(v)s) gælder %(fra)s–%(til)s og er ikke "
                    "gældende pr. %(dag)s."
                )
                % {
                    "v": aftale.version,
                    "fra": _d(aftale.gyldig_fra),
                    "til": _d(aftale.gyldig_til),
                    "dag": _d(day),
                },
                link,
            )
        ]
    return []


CONTENT_FIELDS = {
    Samarbejdsaftale: ("problemkompleks", "gyldig_fra", "gyldig_til"),
    StrategiskMaal: (
        "nummer",
        "titel",
        "beskrivelse",
        "problem",
        "maalgruppe",
        "kommunalt_maal",
        "indsatsomraade_id",
    ),
    Succeskriterie: (
        "beskrivelse",
        "indikator_id",
        "baseline_vaerdi",
        "baseline_dato",
        "maal_vaerdi",
        "maal_dato",
        "tolerance_pct",
    ),
}


def changes_after_approval(aftale: Samarbejdsaftale) -> list[str]:
    """Content edits and deletions recorded in history after LBF's approval of ``aftale``
    was recorded: of the approved version itself, its goals or its criteria.

    Additions are not counted: loading an approved version (seed data, migrations from
    LBF's case system) creates its goals after the approved row; any edit of them is."""
    if aftale.godkendt_tidspunkt is None:
        return []
    records = Samarbejdsaftale.history.filter(id=aftale.pk)  # type: ignore[attr-defined]
    approval = records.filter(status=Aftalestatus.GODKENDT).order_by("history_date").first()
    since = max(aftale.godkendt_tidspunkt, approval.history_date if approval else aftale.godkendt_tidspunkt)
    found: list[str] = []
    goal_ids = list(
        StrategiskMaal.history.filter(samarbejdsaftale_id=aftale.pk).values_list("id", flat=True)  # type: ignore[attr-defined]
    )
    groups = [
        (Samarbejdsaftale, records),
        (StrategiskMaal, StrategiskMaal.history.filter(id__in=goal_ids)),  # type: ignore[attr-defined]
        (Succeskriterie, Succeskriterie.history.filter(strategisk_maal_id__in=goal_ids)),  # type: ignore[attr-defined]
    ]
    for model, qs in groups:
        fields = CONTENT_FIELDS[model]
        last: dict[int, tuple] = {}
        for rec in qs.order_by("history_date", "history_id"):
            values = tuple(getattr(rec, f) for f in fields)
            previous = last.get(rec.id)
            last[rec.id] = values
            if rec.history_date <= since or rec.history_type == "+":
                continue
            if rec.history_type == "~" and previous == values:
                continue  # a save that changed only workflow fields, e.g. the approval
            label = _("slettet") if rec.history_type == "-" else _("ændret")
            name = f"v{aftale.version}" if model is Samarbejdsaftale else _label(rec)
            found.append(
                _("%(model)s »%(obj)s« %(hvad)s %(dato)s")
                % {
                    "model": model._meta.verbose_name,
                    "obj": name,
                    "hvad": label,
                    "dato": _d(timezone.localtime(rec.history_date).date()),
                }
            )
    return found


def _label(rec) -> str:
    return str(getattr(rec, "titel", None) or getattr(rec, "beskrivelse", None) or f"#{rec.id}")


@rule(
    "aendringer_godkendt",
    gettext_lazy("Ændringer efter godkendelse er godkendt af LBF"),
    gettext_lazy(
        "Den godkendte samarbejdsaftale, dens mål og succeskriterier er ikke ændret efter LBF's "
        "godkendelse (ændringer skal ske som en ny version, som LBF godkender), og ingen ny "
        "version venter på LBF's afgørelse."
    ),
)
def aendringer_godkendt(plan: Helhedsplan, today: datetime.date) -> list[Finding]:
    aftale = current_agreement(plan, today)
    if aftale is None:
        return []
    link = _versions_url(plan)
    findings = [
        Finding(
            "aendringer_godkendt",
            _("Ændret uden LBF's godkendelse: %(hvad)s.") % {"hvad": change},
            link,
        )
        for change in changes_after_approval(aftale)
    ]
    pending = plan.samarbejdsaftaler.filter(status=Aftalestatus.INDSENDT, version__gt=aftale.version)
    findings += [
        Finding(
            "aendringer_godkendt",
            _("Version %(v)s af samarbejdsaftalen venter på LBF's godkendelse.") % {"v": v.version},
            link,
            Alvor.ADVARSEL,
        )
        for v in pending
    ]
    return findings


# --- Delaftaler ----------------------------------------------------------------------------


@rule(
    "delaftaler_daekker",
    gettext_lazy("Hvert valgt indsatsområde har en delaftale"),
    gettext_lazy(
        "Hvert indsatsområde, som samarbejdsaftalens strategiske mål hører under, har en delaftale."
    ),
)
def delaftaler_daekker(plan: Helhedsplan, today: datetime.date) -> list[Finding]:
    aftale = agreement_for_content(plan, today)
    if aftale is None:
        return []
    chosen = {
        g.indsatsomraade_id: g.indsatsomraade
        for g in aftale.strategiske_maal.select_related("indsatsomraade").exclude(indsatsomraade=None)
    }
    covered = set(plan.delaftaler.values_list("indsatsomraade_id", flat=True))
    return [
        Finding(
            "delaftaler_daekker",
            _("Indsatsområdet »%(omraade)s« er valgt i samarbejdsaftalen, men har ingen delaftale.")
            % {"omraade": area},
            _versions_url(plan),
        )
        for area_id, area in sorted(chosen.items(), key=lambda kv: str(kv[1]))
        if area_id not in covered
    ]


@rule(
    "delaftaler_aktuelle",
    gettext_lazy("Delaftalerne er godkendt og holdt ajour"),
    gettext_lazy(
        "Hver delaftale er godkendt af LBF og opdateret af bestyrelsen inden for de seneste "
        "%(max_dage)s dage."
    ),
)
def delaftaler_aktuelle(plan: Helhedsplan, today: datetime.date) -> list[Finding]:
    max_days = settings.COMPLIANCE_DELAFTALE_MAX_ALDER_DAGE
    findings = []
    link = _versions_url(plan)
    if plan.slutdato < today:
        return []
    for d in Delaftale.objects.filter(helhedsplan=plan).select_related("indsatsomraade"):
        if d.status != Aftalestatus.GODKENDT:
            findings.append(
                Finding(
                    "delaftaler_aktuelle",
                    _("Delaftalen for »%(omraade)s« er ikke godkendt af LBF (status: %(status)s).")
                    % {"omraade": d.indsatsomraade, "status": d.get_status_display()},
                    link,
                )
            )
        age = (today - d.senest_opdateret).days
        if age > max_days:
            findings.append(
                Finding(
                    "delaftaler_aktuelle",
                    _(
                        "Delaftalen for »%(omraade)s« blev senest opdateret %(dato)s, for %(dage)s dage "
                        "siden (grænse: %(max)s dage)."
                    )
                    % {
                        "omraade": d.indsatsomraade,
                        "dato": _d(d.senest_opdateret),
                        "dage": age,
                        "max": max_days,
                    },
                    link,
                )
            )
    return findings


# --- Goals and success criteria ------------------------------------------------------------


def criterion_complete(k: Succeskriterie) -> bool:
    return k.baseline_vaerdi is not None and k.baseline_dato is not None and k.maal_vaerdi is not None


@rule(
    "succeskriterier_komplette",
    gettext_lazy("Hvert strategisk mål har et fuldt succeskriterie"),
    gettext_lazy(
        "Hvert strategisk mål i den gældende samarbejdsaftale har mindst ét succeskriterie med "
        "baseline (værdi og dato) og måltal."
    ),
)
def succeskriterier_komplette(plan: Helhedsplan, today: datetime.date) -> list[Finding]:
    aftale = agreement_for_content(plan, today)
    if aftale is None:
        return []
    findings = []
    for goal in aftale.strategiske_maal.prefetch_related("succeskriterier").order_by("nummer"):
        criteria = list(goal.succeskriterier.all())
        if not any(criterion_complete(k) for k in criteria):
            why = (
                _("har intet succeskriterie")
                if not criteria
                else _("har intet succeskriterie med både baseline (værdi og dato) og måltal")
            )
            findings.append(
                Finding(
                    "succeskriterier_komplette",
                    _("Strategisk mål %(nr)s »%(titel)s« %(why)s.")
                    % {"nr": goal.nummer, "titel": goal.titel, "why": why},
                    _versions_url(plan),
                )
            )
    return findings


# --- The board -----------------------------------------------------------------------------


@rule(
    "bestyrelse_sammensaetning",
    gettext_lazy("Bestyrelsen har ledere fra kommunen og fra hver boligorganisation og en formand"),
    gettext_lazy(
        "Bestyrelsen har aktive medlemmer på ledelsesniveau (%(niveauer)s) fra "
        "beliggenhedskommunen og fra hver af planens boligorganisationer, og en formand."
    ),
)
def bestyrelse_sammensaetning(plan: Helhedsplan, today: datetime.date) -> list[Finding]:
    link = plan.get_absolute_url() + "#organisering"
    board = Organ.objects.filter(helhedsplan=plan, type=Organ.Type.BESTYRELSE).first()
    if board is None:
        return [Finding("bestyrelse_sammensaetning", _("Planen har ingen boligsocial bestyrelse."), link)]
    levels = set(settings.COMPLIANCE_LEDELSESNIVEAUER)
    members = list(
        board.medlemskaber.filter(fra__lte=today)
        .exclude(til__lt=today)
        .exclude(rolle=Medlemskab.Rolle.PROJEKTLEDER)
        .select_related("boligorganisation")
    )
    leaders = [m for m in members if m.niveau in levels]
    findings = []
    if not any(m.repraesenterer == Medlemskab.Repraesenterer.KOMMUNE for m in leaders):
        findings.append(
            Finding(
                "bestyrelse_sammensaetning",
                _("Bestyrelsen har intet medlem fra kommunen på ledelsesniveau (%(niveauer)s).")
                % {"niveauer": level_names()},
                link,
            )
        )
    represented = {
        m.boligorganisation_id
        for m in leaders
        if m.repraesenterer == Medlemskab.Repraesenterer.BOLIGORGANISATION
    }
    for org in plan.boligorganisationer.all():
        if org.pk not in represented:
            findings.append(
                Finding(
                    "bestyrelse_sammensaetning",
                    _("Bestyrelsen har intet medlem fra %(org)s på ledelsesniveau (%(niveauer)s).")
                    % {"org": org, "niveauer": level_names()},
                    link,
                )
            )
    if not any(m.rolle == Medlemskab.Rolle.FORMAND for m in members):
        findings.append(Finding("bestyrelse_sammensaetning", _("Bestyrelsen har ingen formand."), link))
    return findings


@rule(
    "bestyrelsesmoeder",
    gettext_lazy("Bestyrelsen mødes tilstrækkeligt ofte"),
    gettext_lazy(
        "Bestyrelsen har holdt mindst %(moeder)s møder om året i "
        "planperioden. Et kalenderår, der kun delvis ligger i planperioden, kræver en tilsvarende "
        "andel (rundet op), og kun møder i planperioden tæller. Et år vurderes, når dets del af "
        "planperioden er slut."
    ),
)
def bestyrelsesmoeder(plan: Helhedsplan, today: datetime.date) -> list[Finding]:
    years = [
        year
        for year in range(plan.startdato.year, plan.slutdato.year + 1)
        if min(datetime.date(year, 12, 31), plan.slutdato) < today
    ]
    if not years:
        return []
    held: dict[int, int] = dict.fromkeys(years, 0)
    for when in Moede.objects.filter(
        organ__helhedsplan=plan,
        organ__type=Organ.Type.BESTYRELSE,
        status=Moede.Status.AFHOLDT,
        tidspunkt__date__gte=plan.startdato,
        tidspunkt__date__lte=plan.slutdato,
    ).values_list("tidspunkt", flat=True):
        year = timezone.localtime(when).year
        if year in held:
            held[year] += 1
    findings = []
    for year, count in held.items():
        required = board_meetings_required(plan, year)
        if count >= required:
            continue
        first = max(datetime.date(year, 1, 1), plan.startdato)
        last = min(datetime.date(year, 12, 31), plan.slutdato)
        if (first, last) == (datetime.date(year, 1, 1), datetime.date(year, 12, 31)):
            text = ngettext(
                "Bestyrelsen holdt %(antal)s møde i %(aar)s; kravet er mindst %(min)s.",
                "Bestyrelsen holdt %(antal)s møder i %(aar)s; kravet er mindst %(min)s.",
                count,
            )
        else:
            text = ngettext(
                "Bestyrelsen holdt %(antal)s møde i %(aar)s (planperioden %(fra)s-%(til)s); "
                "kravet er mindst %(min)s, en forholdsmæssig andel af %(aarligt)s om året, rundet op.",
                "Bestyrelsen holdt %(antal)s møder i %(aar)s (planperioden %(fra)s-%(til)s); "
                "kravet er mindst %(min)s, en forholdsmæssig andel af %(aarligt)s om året, rundet op.",
                count,
            )
        findings.append(
            Finding(
                "bestyrelsesmoeder",
                text
                % {
                    "antal": count,
                    "aar": year,
                    "min": required,
                    "fra": _d(first),
                    "til": _d(last),
                    "aarligt": settings.COMPLIANCE_MIN_BESTYRELSESMOEDER_PR_AAR,
                },
                plan.get_absolute_url() + "#organisering",
            )
        )
    return findings


def board_meetings_required(plan: Helhedsplan, year: int) -> int:
    """The board meetings LBF requires in ``year``: the yearly minimum times the share of the
    year's days inside the plan period, rounded up (a part-year still needs a meeting for
    every started share of the minimum: 1 Jan-31 Mar needs ceil(3 x 90/365) = 1, 1 Apr-31 Dec
    needs ceil(3 x 275/365) = 3). A year outside the plan period requires none."""
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    inside = (min(last, plan.slutdato) - max(first, plan.startdato)).days + 1
    if inside <= 0:
        return 0
    share = Fraction(inside, (last - first).days + 1)
    return math.ceil(settings.COMPLIANCE_MIN_BESTYRELSESMOEDER_PR_AAR * share)


# --- Money ---------------------------------------------------------------------------------


def co_financing_pct(plan: Helhedsplan) -> Decimal | None:
    rows = dict(
        Budgetpost.objects.filter(helhedsplan=plan).values_list("kilde").annotate(total=Sum("beloeb"))
    )
    total = sum(rows.values(), Decimal(0))
    if not total:
        return None
    local = total - rows.get(Budgetpost.Kilde.LBF, Decimal(0))
    return local / total * 100


@rule(
    "medfinansiering",
    gettext_lazy("Lokal medfinansiering mindst som bevillingsperioden kræver"),
    gettext_lazy(
        "Den lokale medfinansiering (alt andet end LBF) udgør mindst den andel af budgettet, som "
        "planens bevillingsperiode kræver (felt »mindste lokale medfinansiering«, 25 %% for 2015-18)."
    ),
)
def medfinansiering(plan: Helhedsplan, today: datetime.date) -> list[Finding]:
    minimum = plan.bevillingsperiode.min_medfinansiering_pct
    link = plan.get_absolute_url() + "#parter"
    pct = co_financing_pct(plan)
    if pct is None:
        return [
            Finding(
                "medfinansiering", _("Planen har intet budget; medfinansieringen kan ikke vurderes."), link
            )
        ]
    if pct < minimum:
        return [
            Finding(
                "medfinansiering",
                _("Den lokale medfinansiering er %(pct)s %% af budgettet; kravet er mindst %(min)s %%.")
                % {"pct": tal(pct, 1), "min": tal(minimum)},
                link,
            )
        ]
    return []


# --- Reporting -----------------------------------------------------------------------------


@rule(
    "rapporter_rettidige",
    gettext_lazy("Statusrapporter indsendes rettidigt"),
    gettext_lazy(
        "For hver delaftale og hver afsluttet rapporteringsperiode er statusrapporten indsendt "
        "inden planens frist (dage efter periodens udløb)."
    ),
)
def rapporter_rettidige(plan: Helhedsplan, today: datetime.date) -> list[Finding]:
    link = reverse("helhedsplaner:statusrapport_list", args=[plan.pk])
    findings = []
    for slot in report_slots([plan], today=today):
        periode, rapport = slot.periode, slot.rapport
        fields = {
            "omraade": slot.delaftale.indsatsomraade,
            "periode": periode.label,
            "frist": _d(periode.frist),
        }
        if slot.is_overdue(today):
            message = (
                _("Statusrapporten for »%(omraade)s«, %(periode)s, mangler (frist %(frist)s).")
                if rapport is None
                else _("Statusrapporten for »%(omraade)s«, %(periode)s, er ikke indsendt (frist %(frist)s).")
            )
            findings.append(Finding("rapporter_rettidige", message % fields, link))
        elif slot.submitted_late:
            findings.append(
                Finding(
                    "rapporter_rettidige",
                    _(
                        "Statusrapporten for »%(omraade)s«, %(periode)s, blev indsendt efter "
                        "fristen %(frist)s."
                    )
                    % fields,
                    link,
                    Alvor.ADVARSEL,
                )
            )
    return findings


# --- Plan period ---------------------------------------------------------------------------


@rule(
    "planperiode",
    gettext_lazy("Planperioden er fire år og passer med bevillingsperioden"),
    gettext_lazy(
        "Planen løber %(aar)s år (± %(tolerance)s dage), starter tidligst i bevillingsperiodens "
        "første år og senest %(efter)s år efter dens sidste år."
    ),
)
def planperiode(plan: Helhedsplan, today: datetime.date) -> list[Finding]:
    years = settings.COMPLIANCE_PLANPERIODE_AAR
    tolerance = settings.COMPLIANCE_PLANPERIODE_TOLERANCE_DAGE
    link = reverse("admin:helhedsplaner_helhedsplan_change", args=[plan.pk])
    expected_end = plan.startdato + relativedelta(years=years) - datetime.timedelta(days=1)
    findings = []
    if abs((plan.slutdato - expected_end).days) > tolerance:
        findings.append(
            Finding(
                "planperiode",
                _("Planperioden %(fra)s–%(til)s er ikke %(aar)s år (forventet slut omkring %(slut)s).")
                % {
                    "fra": _d(plan.startdato),
                    "til": _d(plan.slutdato),
                    "aar": years,
                    "slut": _d(expected_end),
                },
                link,
            )
        )
    runde = plan.bevillingsperiode
    latest = runde.slut_aar + settings.COMPLIANCE_START_EFTER_RUNDE_AAR
    if not runde.start_aar <= plan.startdato.year <= latest:
        findings.append(
            Finding(
                "planperiode",
                _(
                    "Planen starter i %(aar)s, men %(runde)s giver tilsagn til planer, "
                    "der starter %(fra)s–%(til)s."
                )
                % {"aar": plan.startdato.year, "runde": runde, "fra": runde.start_aar, "til": latest},
                link,
            )
        )
    return findings


def evaluate(plan: Helhedsplan, today: datetime.date) -> list[Finding]:
    """Every registered rule on ``plan``."""
    findings: list[Finding] = []
    for r in RULES.values():
        findings.extend(r(plan, today))
    return findings
