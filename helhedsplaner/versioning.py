"""Agreement versions: a projektleder or the board drafts a new version of the strategic
agreement (or of a delaftale), submits it to LBF, and an LBF user approves or rejects it
with a comment. Only an approved version takes effect; earlier versions stay readable.

Matching between versions: goals by ``nummer``; criteria by their position within the
goal (the copy keeps the order). When a new agreement version is approved, delmål that
point at an older goal with the same ``nummer`` are re-pointed to the new goal in the same
transaction; a goal with no counterpart keeps its links (it is still readable history).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from monitorering.models import Kriteriestatus
from monitorering.services import recompute_request
from portal.errors import NotAllowed, ServiceError
from portal.services import validated_save

from .access import plan_roles
from .models import (
    Aftalestatus,
    Delaftale,
    Delaftaleversion,
    Delmaal,
    Helhedsplan,
    Maalaendring,
    Samarbejdsaftale,
    Statusrapport,
    StrategiskMaal,
    Succeskriterie,
)
from .services import plan_audit_request
from .signals import send_on_commit, version_changed

A = Aftalestatus
TARGET_FIELDS = ("baseline_vaerdi", "baseline_dato", "maal_vaerdi", "maal_dato")


def _require_drafter(user, plan: Helhedsplan) -> None:
    roles = plan_roles(user, plan)
    if not (roles.projektleder or roles.bestyrelsesmedlem):
        raise NotAllowed(_("Kun planens projektleder eller bestyrelse kan udarbejde en ny version."))


def _require_lbf(user, plan: Helhedsplan) -> None:
    if not plan_roles(user, plan).lbf:
        raise NotAllowed(_("Kun Landsbyggefonden kan godkende eller afvise en version."))


def _queue(plan_id: int) -> None:
    recompute_request(plan_id=plan_id)
    plan_audit_request(plan_id=plan_id)


def _announce(model: str, object_id: int, action: str, user) -> None:
    """Tell the apps above (notifications) after the commit: ids only."""
    send_on_commit(version_changed, model=model, object_id=object_id, action=action, user_id=user.pk)


def reporting_started(plan: Helhedsplan) -> bool:
    """Reporting has started once a status report was submitted or a criterion has a
    computed actual value."""
    return (
        Statusrapport.objects.filter(delaftale__helhedsplan=plan, indsendt_tidspunkt__isnull=False).exists()
        or Kriteriestatus.objects.filter(helhedsplan=plan, faktisk__isnull=False).exists()
    )


def _latest_approved(plan: Helhedsplan) -> Samarbejdsaftale | None:
    """The newest version LBF approved: what a new draft starts from. Not the question
    "which version is in force" (that is ``plan.samarbejdsaftaler.in_force(day)``): a
    version approved to take effect later is still the latest agreed text."""
    return plan.samarbejdsaftaler.approved().order_by("-version").first()


# --- The strategic agreement ---------------------------------------------------------------


def samarbejdsaftale_draft(*, user, plan: Helhedsplan) -> Samarbejdsaftale:
    """A new draft version: a copy of the version in force (else the newest) with its goals
    and criteria. Refused while another version is a draft or awaits LBF."""
    _require_drafter(user, plan)
    with transaction.atomic():
        Helhedsplan.objects.select_for_update().filter(pk=plan.pk).first()
        if plan.samarbejdsaftaler.filter(status__in=[A.KLADDE, A.INDSENDT]).exists():
            raise ServiceError(_("Der findes allerede en version under udarbejdelse eller til godkendelse."))
        base = _latest_approved(plan) or plan.samarbejdsaftaler.order_by("-version").first()
        if base is None:
            raise ServiceError(_("Planen har ingen samarbejdsaftale at tage udgangspunkt i."))
        number = (plan.samarbejdsaftaler.aggregate(m=Max("version"))["m"] or 0) + 1
        new = Samarbejdsaftale(
            helhedsplan=plan,
            version=number,
            status=A.KLADDE,
            problemkompleks=base.problemkompleks,
            gyldig_fra=base.gyldig_fra,
            gyldig_til=base.gyldig_til,
        )
        validated_save(
            new, user=user, reason=_("Ny version udarbejdet ud fra version %(v)s") % {"v": base.version}
        )
        for goal in base.strategiske_maal.order_by("nummer").prefetch_related("succeskriterier"):
            criteria = list(goal.succeskriterier.order_by("id"))
            goal.pk = None
            goal.samarbejdsaftale = new
            validated_save(goal, user=user)
            for k in criteria:
                k.forgaenger_id = k.pk  # the lineage the engine and the charts follow
                k.pk = None
                k.strategisk_maal = goal
                validated_save(k, user=user)
    return new


def _draft_of(aftale: Samarbejdsaftale, user) -> None:
    _require_drafter(user, aftale.helhedsplan)
    if aftale.status != A.KLADDE:
        raise ServiceError(_("Kun en kladde kan ændres. Udarbejd en ny version."))


def predecessor_criteria(aftale: Samarbejdsaftale) -> dict[tuple[int, int], Succeskriterie]:
    """Criteria of the version in force before ``aftale``, keyed (goal nummer, position)."""
    base = (
        aftale.helhedsplan.samarbejdsaftaler.filter(status=A.GODKENDT, version__lt=aftale.version)
        .order_by("-version")
        .first()
    )
    return criteria_by_position(base) if base else {}


def criteria_by_position(aftale: Samarbejdsaftale) -> dict[tuple[int, int], Succeskriterie]:
    out = {}
    for goal in aftale.strategiske_maal.prefetch_related("succeskriterier").order_by("nummer"):
        for i, k in enumerate(sorted(goal.succeskriterier.all(), key=lambda k: k.pk)):
            out[(goal.nummer, i)] = k
    return out


#: A :class:`KriterieData` field left as it is in the draft.
KEEP: Any = object()


@dataclass
class KriterieData:
    """New values for one criterion of a draft, with the reason a changed baseline or
    target needs once reporting has started. ``indikator`` (an ``Indikator`` of the
    catalogue, or None) and ``tolerance_pct`` stay as they are unless given."""

    kriterie: Succeskriterie
    beskrivelse: str
    baseline_vaerdi: Decimal | None
    baseline_dato: datetime.date | None
    maal_vaerdi: Decimal | None
    maal_dato: datetime.date | None
    begrundelse: str = ""
    indikator: Any = KEEP
    tolerance_pct: Any = KEEP


@dataclass
class MaalData:
    """New values for one goal of a draft. ``indsatsomraade`` (one of the plan's round's
    indsatsområder, or None) and ``maalgruppe`` stay as they are unless given."""

    maal: StrategiskMaal
    titel: str
    beskrivelse: str
    indsatsomraade: Any = KEEP
    maalgruppe: Any = KEEP


@dataclass
class NytKriterie:
    """A success criterion added to one of a draft's goals (it has no predecessor: the
    engine and the charts start its line at this version)."""

    maal: StrategiskMaal
    beskrivelse: str
    indikator: Any  # an Indikator of the catalogue, or None (needed before sending)
    baseline_vaerdi: Decimal | None
    baseline_dato: datetime.date | None
    maal_vaerdi: Decimal | None
    maal_dato: datetime.date | None
    tolerance_pct: Decimal | None = None  # None: the model's default


def _check_goal_areas(aftale: Samarbejdsaftale, areas: list[tuple[str, Any]]) -> None:
    """Each goal's indsatsområde must be one of the plan's round's (``areas``: error key, area)."""
    allowed = set(aftale.helhedsplan.bevillingsperiode.indsatsomraader.values_list("pk", flat=True))
    errors = {
        key: [_("Indsatsområdet hører ikke til planens bevillingsperiode.")]
        for key, area in areas
        if area is not None and area is not KEEP and area.pk not in allowed
    }
    if errors:
        raise ValidationError(errors)


def _fmt(value: Any) -> str:
    if value is None or value == "":
        return "–"
    if isinstance(value, datetime.date):
        return date_format(value, "SHORT_DATE_FORMAT")
    if isinstance(value, Decimal):
        return f"{value.normalize():f}".replace(".", ",")
    return str(value)


def samarbejdsaftale_update(
    *,
    user,
    aftale: Samarbejdsaftale,
    problemkompleks: str,
    gyldig_fra: datetime.date,
    gyldig_til: datetime.date,
    maal: list[MaalData],
    kriterier: list[KriterieData],
    nye_kriterier: list[NytKriterie] | None = None,
) -> Samarbejdsaftale:
    """Save a draft's text, goals (with their indsatsområde and målgruppe), criteria and
    new criteria. Once reporting has started, a changed baseline or target needs a reason,
    kept as a :class:`Maalaendring` for the diff."""
    _draft_of(aftale, user)
    nye_kriterier = nye_kriterier or []
    own_goals = set(aftale.strategiske_maal.values_list("pk", flat=True))
    if (
        any(m.maal.pk not in own_goals for m in maal)
        or any(k.kriterie.strategisk_maal_id not in own_goals for k in kriterier)
        or any(n.maal.pk not in own_goals for n in nye_kriterier)
    ):
        raise ValidationError(_("Målene og succeskriterierne skal høre til denne version."))
    _check_goal_areas(aftale, [(f"maal_{m.maal.pk}_indsatsomraade", m.indsatsomraade) for m in maal])
    started = reporting_started(aftale.helhedsplan)
    old = predecessor_criteria(aftale)
    position = {k.pk: key for key, k in criteria_by_position(aftale).items()}
    errors: dict[str, list[str]] = {}
    reasons: list[tuple[KriterieData, str, Any, Any]] = []
    for data in kriterier:
        before = old.get(position.get(data.kriterie.pk, (-1, -1)))
        for name in TARGET_FIELDS:
            if before is None:
                continue
            was, now = getattr(before, name), getattr(data, name)
            if was != now and started:
                if not data.begrundelse.strip():
                    errors.setdefault(f"kriterie_{data.kriterie.pk}_begrundelse", []).append(
                        _(
                            "Rapporteringen er begyndt: skriv en begrundelse for at ændre "
                            "baseline eller måltal."
                        )
                    )
                reasons.append((data, name, was, now))
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        aftale.problemkompleks, aftale.gyldig_fra, aftale.gyldig_til = problemkompleks, gyldig_fra, gyldig_til
        validated_save(aftale, user=user)
        for m in maal:
            m.maal.titel, m.maal.beskrivelse = m.titel, m.beskrivelse
            if m.indsatsomraade is not KEEP:
                m.maal.indsatsomraade = m.indsatsomraade
            if m.maalgruppe is not KEEP:
                m.maal.maalgruppe = m.maalgruppe
            validated_save(m.maal, user=user)
        for data in kriterier:
            k = data.kriterie
            k.beskrivelse = data.beskrivelse
            for name in TARGET_FIELDS:
                setattr(k, name, getattr(data, name))
            if data.indikator is not KEEP:
                k.indikator = data.indikator
            if data.tolerance_pct is not KEEP:
                k.tolerance_pct = data.tolerance_pct
            validated_save(k, user=user)
        changed = {(d.kriterie.pk, name) for d, name, _w, _n in reasons}
        for data in kriterier:
            for name in TARGET_FIELDS:
                if (data.kriterie.pk, name) not in changed:
                    Maalaendring.objects.filter(succeskriterie=data.kriterie, felt=name).delete()
        for data, name, was, now in reasons:
            row = Maalaendring.objects.filter(
                succeskriterie=data.kriterie, felt=name
            ).first() or Maalaendring(succeskriterie=data.kriterie, felt=name)
            row.gammel, row.ny, row.begrundelse = _fmt(was), _fmt(now), data.begrundelse.strip()
            row.oprettet_af, row.oprettet = user, timezone.now()
            validated_save(row, user=user)
        for ny in nye_kriterier:
            k = Succeskriterie(
                strategisk_maal=ny.maal,
                beskrivelse=ny.beskrivelse,
                indikator=ny.indikator,
                baseline_vaerdi=ny.baseline_vaerdi,
                baseline_dato=ny.baseline_dato,
                maal_vaerdi=ny.maal_vaerdi,
                maal_dato=ny.maal_dato,
            )
            if ny.tolerance_pct is not None:
                k.tolerance_pct = ny.tolerance_pct
            try:
                validated_save(k, user=user, reason=_("Nyt succeskriterie i kladden"))
            except ValidationError as e:
                shown = {"beskrivelse", "indikator", *TARGET_FIELDS, "tolerance_pct"}
                raise ValidationError(
                    {
                        f"ny_{ny.maal.pk}_{f if f in shown else 'maal_dato'}": msgs
                        for f, msgs in e.message_dict.items()
                    }
                ) from e
    return aftale


def strategiskmaal_add(
    *,
    user,
    aftale: Samarbejdsaftale,
    titel: str,
    problem: str,
    indsatsomraade=None,
    maalgruppe: str = "",
) -> StrategiskMaal:
    """Add a goal to a draft (next free number), with one empty criterion to fill in."""
    _draft_of(aftale, user)
    _check_goal_areas(aftale, [("indsatsomraade", indsatsomraade)])
    with transaction.atomic():
        number = (aftale.strategiske_maal.aggregate(m=Max("nummer"))["m"] or 0) + 1
        goal = StrategiskMaal(
            samarbejdsaftale=aftale,
            nummer=number,
            titel=titel,
            problem=problem,
            indsatsomraade=indsatsomraade,
            maalgruppe=maalgruppe,
        )
        validated_save(goal, user=user)
        validated_save(Succeskriterie(strategisk_maal=goal, beskrivelse=titel[:255]), user=user)
    return goal


def samarbejdsaftale_submit(*, user, aftale: Samarbejdsaftale) -> Samarbejdsaftale:
    _draft_of(aftale, user)
    with transaction.atomic():
        aftale.status, aftale.indsendt_tidspunkt = A.INDSENDT, timezone.now()
        validated_save(aftale, user=user, reason=_("Indsendt til LBF"))
    _announce("samarbejdsaftale", aftale.pk, "indsendt", user)
    return aftale


def _decide(aftale, user, kommentar: str, approve: bool) -> None:
    if aftale.status != A.INDSENDT:
        raise ServiceError(_("Kun en indsendt version kan godkendes eller afvises."))
    if not approve and not kommentar.strip():
        raise ValidationError({"kommentar": _("Skriv en begrundelse for afvisningen.")})


def samarbejdsaftale_approve(*, user, aftale: Samarbejdsaftale, kommentar: str = "") -> Samarbejdsaftale:
    """LBF approves: the version takes effect, and delmål are re-pointed to its goals."""
    plan = aftale.helhedsplan
    _require_lbf(user, plan)
    _decide(aftale, user, kommentar, approve=True)
    with transaction.atomic():
        aftale.status, aftale.godkendt_af, aftale.godkendt_tidspunkt = A.GODKENDT, user, timezone.now()
        aftale.lbf_kommentar = kommentar.strip()
        validated_save(aftale, user=user, reason=_("Godkendt af LBF"))
        repoint_delmaal(user=user, aftale=aftale)
    _queue(plan.pk)
    _announce("samarbejdsaftale", aftale.pk, "godkendt", user)
    return aftale


def repoint_delmaal(*, user, aftale: Samarbejdsaftale) -> int:
    """Point delmål at the goals of ``aftale`` where an older version's goal has the same
    number. Returns the number of delmål changed."""
    new_by_number = {g.nummer: g for g in aftale.strategiske_maal.all()}
    changed = 0
    delmaal = Delmaal.objects.filter(
        strategiske_maal__samarbejdsaftale__helhedsplan=aftale.helhedsplan
    ).distinct()
    for d in delmaal.prefetch_related("strategiske_maal"):
        goals = list(d.strategiske_maal.all())
        target = {
            (new_by_number.get(g.nummer, g) if g.samarbejdsaftale_id != aftale.pk else g).pk for g in goals
        }
        if target != {g.pk for g in goals}:
            reason = _("Knyttet til samarbejdsaftale v%(v)s") % {"v": aftale.version}
            d._history_user = user  # type: ignore[attr-defined]
            d._change_reason = reason  # type: ignore[attr-defined]
            d.strategiske_maal.set(list(target))
            changed += 1
    return changed


def samarbejdsaftale_reject(*, user, aftale: Samarbejdsaftale, kommentar: str) -> Samarbejdsaftale:
    _require_lbf(user, aftale.helhedsplan)
    _decide(aftale, user, kommentar, approve=False)
    with transaction.atomic():
        aftale.status, aftale.lbf_kommentar = A.AFVIST, kommentar.strip()
        validated_save(aftale, user=user, reason=_("Afvist af LBF: %(k)s") % {"k": kommentar.strip()})
    plan_audit_request(plan_id=aftale.helhedsplan_id)
    _announce("samarbejdsaftale", aftale.pk, "afvist", user)
    return aftale


# --- Delaftaler ----------------------------------------------------------------------------


def _delmaal_snapshot(delaftale: Delaftale) -> list[dict]:
    return [
        {"nummer": d.nummer, "titel": d.titel, "beskrivelse": d.beskrivelse}
        for d in delaftale.delmaal.order_by("nummer")
    ]


def delaftaleversion_draft(
    *, user, delaftale: Delaftale, formaal: str, gyldig_fra: datetime.date, gyldig_til: datetime.date
) -> Delaftaleversion:
    """Draft a new version of a delaftale. The delaftale itself is unchanged until LBF
    approves. The version in force is kept as a readable version the first time."""
    _require_drafter(user, delaftale.helhedsplan)
    with transaction.atomic():
        Delaftale.objects.select_for_update().filter(pk=delaftale.pk).first()
        versions = delaftale.versioner.all()
        if versions.filter(status__in=[A.KLADDE, A.INDSENDT]).exists():
            raise ServiceError(_("Der findes allerede en version under udarbejdelse eller til godkendelse."))
        if not versions.exists():
            validated_save(
                Delaftaleversion(
                    delaftale=delaftale,
                    version=delaftale.version,
                    status=delaftale.status,
                    formaal=delaftale.formaal,
                    gyldig_fra=delaftale.gyldig_fra,
                    gyldig_til=delaftale.gyldig_til,
                    delmaal=_delmaal_snapshot(delaftale),
                ),
                user=user,
                reason=_("Gældende version gemt"),
            )
        number = max(delaftale.version, versions.aggregate(m=Max("version"))["m"] or 0) + 1
        version = Delaftaleversion(
            delaftale=delaftale,
            version=number,
            formaal=formaal,
            gyldig_fra=gyldig_fra,
            gyldig_til=gyldig_til,
            delmaal=_delmaal_snapshot(delaftale),
            oprettet_af=user,
        )
        validated_save(version, user=user, reason=_("Ny version udarbejdet"))
    return version


def delaftaleversion_submit(*, user, version: Delaftaleversion) -> Delaftaleversion:
    _require_drafter(user, version.delaftale.helhedsplan)
    if version.status != A.KLADDE:
        raise ServiceError(_("Kun en kladde kan indsendes."))
    with transaction.atomic():
        version.status, version.indsendt_tidspunkt = A.INDSENDT, timezone.now()
        validated_save(version, user=user, reason=_("Indsendt til LBF"))
    _announce("delaftaleversion", version.pk, "indsendt", user)
    return version


def delaftaleversion_approve(*, user, version: Delaftaleversion, kommentar: str = "") -> Delaftaleversion:
    """LBF approves: the content is copied onto the delaftale, which counts the version."""
    delaftale = version.delaftale
    _require_lbf(user, delaftale.helhedsplan)
    _decide(version, user, kommentar, approve=True)
    with transaction.atomic():
        version.status, version.godkendt_af, version.godkendt_tidspunkt = A.GODKENDT, user, timezone.now()
        version.lbf_kommentar = kommentar.strip()
        validated_save(version, user=user, reason=_("Godkendt af LBF"))
        delaftale.formaal, delaftale.gyldig_fra, delaftale.gyldig_til = (
            version.formaal,
            version.gyldig_fra,
            version.gyldig_til,
        )
        delaftale.version, delaftale.status = version.version, A.GODKENDT
        delaftale.senest_opdateret = timezone.localdate()
        validated_save(
            delaftale, user=user, reason=_("Version %(v)s godkendt af LBF") % {"v": version.version}
        )
    plan_audit_request(plan_id=delaftale.helhedsplan_id)
    _announce("delaftaleversion", version.pk, "godkendt", user)
    return version


def delaftaleversion_reject(*, user, version: Delaftaleversion, kommentar: str) -> Delaftaleversion:
    _require_lbf(user, version.delaftale.helhedsplan)
    _decide(version, user, kommentar, approve=False)
    with transaction.atomic():
        version.status, version.lbf_kommentar = A.AFVIST, kommentar.strip()
        version.godkendt_af, version.godkendt_tidspunkt = user, timezone.now()
        validated_save(version, user=user, reason=_("Afvist af LBF: %(k)s") % {"k": kommentar.strip()})
    _announce("delaftaleversion", version.pk, "afvist", user)
    return version


# --- Diff ----------------------------------------------------------------------------------


@dataclass
class DiffItem:
    """One thing that changed between two versions, in plain words."""

    emne: str
    hvad: str  # tilføjet | fjernet | ændret
    aendringer: list[tuple[str, str, str]] = field(default_factory=list)
    begrundelser: list[str] = field(default_factory=list)

    @property
    def tekst(self) -> str:
        if self.hvad == "tilføjet":
            return _("%(emne)s er tilføjet.") % {"emne": self.emne}
        if self.hvad == "fjernet":
            return _("%(emne)s er fjernet.") % {"emne": self.emne}
        parts = [
            _("%(felt)s ændret fra %(fra)s til %(til)s") % {"felt": f, "fra": a, "til": b}
            for f, a, b in self.aendringer
        ]
        return _("%(emne)s: %(dele)s.") % {"emne": self.emne, "dele": "; ".join(parts)}


GOAL_FIELDS = ("titel", "beskrivelse", "problem", "maalgruppe", "kommunalt_maal", "indsatsomraade")
CRITERION_FIELDS = ("beskrivelse", "indikator", *TARGET_FIELDS, "tolerance_pct")


def _changes(model, a, b, names) -> list[tuple[str, str, str]]:
    out = []
    for name in names:
        f = model._meta.get_field(name)
        va, vb = getattr(a, name), getattr(b, name)
        if va != vb:
            out.append((str(f.verbose_name), _fmt(va), _fmt(vb)))
    return out


def agreement_diff(old: Samarbejdsaftale, new: Samarbejdsaftale) -> list[DiffItem]:
    """What changed from ``old`` to ``new``: the agreement's text and dates, goals (by
    number) and success criteria (by position in the goal), with reasons for changed
    targets or baselines."""
    items: list[DiffItem] = []
    head = _changes(Samarbejdsaftale, old, new, ("problemkompleks", "gyldig_fra", "gyldig_til"))
    if head:
        items.append(DiffItem(_("Samarbejdsaftalen"), "ændret", head))
    goals_old = {g.nummer: g for g in old.strategiske_maal.select_related("indsatsomraade")}
    goals_new = {g.nummer: g for g in new.strategiske_maal.select_related("indsatsomraade")}
    crit_old, crit_new = criteria_by_position(old), criteria_by_position(new)
    reasons: dict[int, list[str]] = {}
    for r in Maalaendring.objects.filter(succeskriterie__strategisk_maal__samarbejdsaftale=new):
        reasons.setdefault(r.succeskriterie_id, []).append(
            _("%(felt)s: %(begrundelse)s") % {"felt": r.get_felt_display(), "begrundelse": r.begrundelse}
        )
    for nummer in sorted(goals_old.keys() | goals_new.keys()):
        a, b = goals_old.get(nummer), goals_new.get(nummer)
        shown = b or a
        if shown is None:  # cannot happen: nummer is a goal of one of the versions
            continue
        label = _("Strategisk mål %(nr)s »%(titel)s«") % {"nr": nummer, "titel": shown.titel}
        if a is None:
            items.append(DiffItem(label, "tilføjet"))
        elif b is None:
            items.append(DiffItem(label, "fjernet"))
        else:
            changes = _changes(StrategiskMaal, a, b, GOAL_FIELDS)
            if changes:
                items.append(DiffItem(label, "ændret", changes))
        positions = sorted({p for (n, p) in crit_old.keys() | crit_new.keys() if n == nummer})
        for pos in positions:
            ka, kb = crit_old.get((nummer, pos)), crit_new.get((nummer, pos))
            kshown = kb or ka
            if kshown is None:  # cannot happen: the position is one of the two versions'
                continue
            klabel = _("Succeskriterie »%(k)s« (mål %(nr)s)") % {"k": kshown.beskrivelse, "nr": nummer}
            if ka is None:
                items.append(DiffItem(klabel, "tilføjet"))
            elif kb is None:
                items.append(DiffItem(klabel, "fjernet"))
            else:
                changes = _changes(Succeskriterie, ka, kb, CRITERION_FIELDS)
                if changes:
                    items.append(DiffItem(klabel, "ændret", changes, reasons.get(kb.pk, [])))
    return items


def delaftale_diff(old: Delaftaleversion, new: Delaftaleversion) -> list[DiffItem]:
    items: list[DiffItem] = []
    head = _changes(Delaftaleversion, old, new, ("formaal", "gyldig_fra", "gyldig_til"))
    if head:
        items.append(DiffItem(_("Delaftalen"), "ændret", head))
    a = {d["nummer"]: d for d in old.delmaal}
    b = {d["nummer"]: d for d in new.delmaal}
    for nummer in sorted(a.keys() | b.keys()):
        da, db = a.get(nummer), b.get(nummer)
        dshown = db or da
        if dshown is None:  # cannot happen: nummer is a delmål of one of the versions
            continue
        label = _("Delmål %(nr)s »%(titel)s«") % {"nr": nummer, "titel": dshown["titel"]}
        if da is None:
            items.append(DiffItem(label, "tilføjet"))
        elif db is None:
            items.append(DiffItem(label, "fjernet"))
        else:
            changes = [
                (str(name), _fmt(da.get(key)), _fmt(db.get(key)))
                for key, name in (("titel", _("titel")), ("beskrivelse", _("beskrivelse")))
                if da.get(key) != db.get(key)
            ]
            if changes:
                items.append(DiffItem(label, "ændret", changes))
    return items
