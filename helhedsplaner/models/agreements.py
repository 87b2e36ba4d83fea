"""The agreements: the strategic cooperation agreement in versions (with THE rule for
which version is in force), its strategic goals and success criteria, the delaftaler and
their versions, and the reasons for changed targets."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from helhedsplaner import limits

from .plan import Helhedsplan
from .reference import Indsatsomraade


class Aftalestatus(models.TextChoices):
    KLADDE = "kladde", _("Kladde")
    INDSENDT = "indsendt", _("Indsendt til LBF")
    GODKENDT = "godkendt", _("Godkendt af LBF")
    AFVIST = "afvist", _("Afvist af LBF")


def agreement_in_force(versions: Iterable[Samarbejdsaftale], day: datetime.date) -> Samarbejdsaftale | None:
    """THE rule for "which agreement version applies on ``day``" (one plan's versions).

    A version is in force from its effective date (:attr:`Samarbejdsaftale.ikraft_fra`:
    the later of ``gyldig_fra`` and the day LBF approved it) until a newer approved version
    takes effect. Before the first approved version takes effect, that first version
    applies: it is the agreement the plan was started under, even when LBF's approval
    came late. Drafts, submitted and rejected versions are never in force.
    Everything that asks the question (pages, the reference engine, the SQL engine,
    LBF's rules) uses this rule; :class:`SamarbejdsaftaleQuerySet` wraps it.
    """
    approved = sorted((v for v in versions if v.status == Aftalestatus.GODKENDT), key=lambda v: v.version)
    if not approved:
        return None
    chosen = approved[0]
    for v in approved[1:]:
        if v.ikraft_fra is not None and v.ikraft_fra <= day:
            chosen = v
    return chosen


def agreement_current(versions: Iterable[Samarbejdsaftale], today: datetime.date) -> Samarbejdsaftale | None:
    """The version the portal shows as current (one plan's versions): the one in force
    ``today``; a plan that has no approved version yet shows its newest version (a draft,
    marked as such on the pages and judged against its own targets until LBF approves one)."""
    versions = sorted(versions, key=lambda v: v.version)
    if not versions:
        return None
    return agreement_in_force(versions, today) or versions[-1]


class SamarbejdsaftaleQuerySet(models.QuerySet):
    def approved(self) -> SamarbejdsaftaleQuerySet:
        return self.filter(status=Aftalestatus.GODKENDT)

    def _by_plan(self) -> dict[int, list[Samarbejdsaftale]]:
        by_plan: dict[int, list[Samarbejdsaftale]] = {}
        for v in self.order_by("helhedsplan_id", "version"):
            by_plan.setdefault(v.helhedsplan_id, []).append(v)
        return by_plan

    def in_force_by_plan(self, day: datetime.date) -> dict[int, Samarbejdsaftale]:
        """Per plan in this queryset, the version in force on ``day`` (plans with no
        approved version are absent). One query."""
        chosen = {pid: agreement_in_force(vs, day) for pid, vs in self.approved()._by_plan().items()}
        return {pid: v for pid, v in chosen.items() if v is not None}

    def in_force(self, day: datetime.date) -> Samarbejdsaftale | None:
        """The version in force on ``day``; call it on one plan's versions
        (``plan.samarbejdsaftaler.in_force(day)``)."""
        return agreement_in_force(self.approved().order_by("version"), day)

    def current_by_plan(self, today: datetime.date | None = None) -> dict[int, Samarbejdsaftale]:
        """Per plan, the current version (:func:`agreement_current`). One query."""
        today = today or timezone.localdate()
        chosen = {pid: agreement_current(vs, today) for pid, vs in self._by_plan().items()}
        return {pid: v for pid, v in chosen.items() if v is not None}

    def current(self, today: datetime.date | None = None) -> Samarbejdsaftale | None:
        """The current version of one plan's agreement (:func:`agreement_current`)."""
        return agreement_current(self.order_by("version"), today or timezone.localdate())


class Samarbejdsaftale(models.Model):
    """One version of the strategic cooperation agreement. A version takes effect
    only once LBF's approval is recorded; earlier versions stay readable."""

    helhedsplan = models.ForeignKey(
        Helhedsplan,
        on_delete=models.CASCADE,
        related_name="samarbejdsaftaler",
        verbose_name=_("helhedsplan"),
    )
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    status = models.CharField(
        _("status"), max_length=10, choices=Aftalestatus.choices, default=Aftalestatus.KLADDE
    )
    problemkompleks = models.TextField(_("problemkompleks"), blank=True)
    gyldig_fra = models.DateField(_("gyldig fra"))
    gyldig_til = models.DateField(_("gyldig til"))
    indsendt_tidspunkt = models.DateTimeField(_("indsendt"), null=True, blank=True)
    godkendt_af = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("godkendt af"),
    )
    godkendt_tidspunkt = models.DateTimeField(_("godkendt"), null=True, blank=True)
    lbf_kommentar = models.TextField(_("LBF's kommentar"), blank=True)

    objects = SamarbejdsaftaleQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("strategisk samarbejdsaftale")
        verbose_name_plural = _("strategiske samarbejdsaftaler")
        ordering = ["helhedsplan", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["helhedsplan", "version"], name="samarbejdsaftale_unik_version"),
            models.CheckConstraint(
                condition=Q(gyldig_til__gt=F("gyldig_fra")), name="samarbejdsaftale_slut_efter_start"
            ),
            models.CheckConstraint(
                condition=~Q(status=Aftalestatus.GODKENDT) | Q(godkendt_tidspunkt__isnull=False),
                name="samarbejdsaftale_godkendt_har_tidspunkt",
            ),
        ]

    def __str__(self) -> str:
        return _("Samarbejdsaftale v%(version)s for %(plan)s") % {
            "version": self.version,
            "plan": self.helhedsplan,
        }

    @property
    def ikraft_fra(self) -> datetime.date | None:
        """The day this version takes effect: the later of ``gyldig_fra`` and LBF's
        approval (local date); None while it is not approved."""
        if self.status != Aftalestatus.GODKENDT or self.godkendt_tidspunkt is None:
            return None
        return max(self.gyldig_fra, timezone.localdate(self.godkendt_tidspunkt))


class StrategiskMaal(models.Model):
    samarbejdsaftale = models.ForeignKey(
        Samarbejdsaftale,
        on_delete=models.CASCADE,
        related_name="strategiske_maal",
        verbose_name=_("samarbejdsaftale"),
    )
    nummer = models.PositiveSmallIntegerField(_("nummer"))
    titel = models.CharField(_("titel"), max_length=255)
    beskrivelse = models.TextField(_("beskrivelse"), blank=True)
    problem = models.TextField(_("problem, målet besvarer"))
    maalgruppe = models.CharField(_("målgruppe"), max_length=255, blank=True)
    kommunalt_maal = models.CharField(
        _("kommunal politik eller mål, det understøtter"), max_length=255, blank=True
    )
    indsatsomraade = models.ForeignKey(
        Indsatsomraade,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="strategiske_maal",
        verbose_name=_("indsatsområde"),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("strategisk mål")
        verbose_name_plural = _("strategiske mål")
        ordering = ["samarbejdsaftale", "nummer"]
        constraints = [
            models.UniqueConstraint(
                fields=["samarbejdsaftale", "nummer"], name="strategisk_maal_unikt_nummer"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.nummer}. {self.titel}"


class Succeskriterie(models.Model):
    strategisk_maal = models.ForeignKey(
        StrategiskMaal,
        on_delete=models.CASCADE,
        related_name="succeskriterier",
        verbose_name=_("strategisk mål"),
    )
    beskrivelse = models.CharField(_("succeskriterie"), max_length=255)
    indikator = models.ForeignKey(
        "monitorering.Indikator",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="succeskriterier",
        verbose_name=_("indikator"),
    )
    baseline_vaerdi = models.DecimalField(
        _("baseline (værdi)"),
        max_digits=14,
        decimal_places=3,
        null=True,
        blank=True,
        validators=limits.bounded(-limits.MAX_VAERDI, limits.MAX_VAERDI),
    )
    baseline_dato = models.DateField(_("baseline (dato)"), null=True, blank=True)
    maal_vaerdi = models.DecimalField(
        _("måltal"),
        max_digits=14,
        decimal_places=3,
        null=True,
        blank=True,
        validators=limits.bounded(-limits.MAX_VAERDI, limits.MAX_VAERDI),
    )
    maal_dato = models.DateField(_("måldato"), null=True, blank=True)
    tolerance_pct = models.DecimalField(
        _("tolerance (% af afstanden baseline→mål)"),
        max_digits=5,
        decimal_places=2,
        default=10,
        validators=limits.bounded(0, limits.MAX_TOLERANCE_PCT),
    )
    # The lineage of a criterion across agreement versions: the criterion of the version
    # this one was copied from (helhedsplaner.versioning.samarbejdsaftale_draft sets it). Why a link
    # and not the goal number + position the diff matches on: a goal can be added, removed
    # or renumbered and a criterion added or deleted in a draft, which silently shifts
    # positions; the link is set once, when the copy is made, and never guesses. "The same
    # criterion in version N" is one walk up this chain. Existing copies were linked by
    # goal number + position once (migration 0005).
    forgaenger = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="efterfoelgere",
        verbose_name=_("samme succeskriterie i den forrige version"),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("succeskriterie")
        verbose_name_plural = _("succeskriterier")
        ordering = ["strategisk_maal", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(maal_dato__isnull=True)
                | Q(baseline_dato__isnull=True)
                | Q(maal_dato__gt=F("baseline_dato")),
                name="succeskriterie_maaldato_efter_baseline",
            ),
            models.CheckConstraint(
                condition=Q(tolerance_pct__gte=0), name="succeskriterie_tolerance_ikke_negativ"
            ),
            models.CheckConstraint(
                condition=Q(tolerance_pct__lte=limits.MAX_TOLERANCE_PCT),
                name="succeskriterie_tolerance_graense",
            ),
            limits.between(
                "baseline_vaerdi", -limits.MAX_VAERDI, limits.MAX_VAERDI, "succeskriterie_baseline_graenser"
            ),
            limits.between(
                "maal_vaerdi", -limits.MAX_VAERDI, limits.MAX_VAERDI, "succeskriterie_maal_graenser"
            ),
        ]

    def __str__(self) -> str:
        return self.beskrivelse


class Delaftale(models.Model):
    """The sub-agreement for one chosen indsatsområde. The board keeps it current;
    each save is a recorded version (history), and ``version`` counts approved ones."""

    helhedsplan = models.ForeignKey(
        Helhedsplan,
        on_delete=models.CASCADE,
        related_name="delaftaler",
        verbose_name=_("helhedsplan"),
    )
    indsatsomraade = models.ForeignKey(
        Indsatsomraade,
        on_delete=models.PROTECT,
        related_name="delaftaler",
        verbose_name=_("indsatsområde"),
    )
    formaal = models.TextField(_("formål"))
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    status = models.CharField(
        _("status"), max_length=10, choices=Aftalestatus.choices, default=Aftalestatus.KLADDE
    )
    gyldig_fra = models.DateField(_("gyldig fra"))
    gyldig_til = models.DateField(_("gyldig til"))
    senest_opdateret = models.DateField(_("senest opdateret af bestyrelsen"), default=timezone.localdate)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("delaftale")
        verbose_name_plural = _("delaftaler")
        ordering = ["helhedsplan", "indsatsomraade__navn"]
        constraints = [
            models.UniqueConstraint(
                fields=["helhedsplan", "indsatsomraade"], name="delaftale_unik_pr_indsatsomraade"
            ),
            models.CheckConstraint(
                condition=Q(gyldig_til__gt=F("gyldig_fra")), name="delaftale_slut_efter_start"
            ),
        ]

    def __str__(self) -> str:
        return _("Delaftale: %(omraade)s") % {"omraade": self.indsatsomraade}


class Maalaendring(models.Model):
    """Why a baseline or target changed in a new agreement version after reporting had
    started. Linked to the criterion of the new version; shown in the diff.

    Moved here from tilsyn; it keeps its tables (``tilsyn_maalaendring`` and its history)."""

    class Felt(models.TextChoices):
        BASELINE_VAERDI = "baseline_vaerdi", _("baseline (værdi)")
        BASELINE_DATO = "baseline_dato", _("baseline (dato)")
        MAAL_VAERDI = "maal_vaerdi", _("måltal")
        MAAL_DATO = "maal_dato", _("måldato")

    succeskriterie = models.ForeignKey(
        Succeskriterie,
        on_delete=models.CASCADE,
        related_name="maalaendringer",
        verbose_name=_("succeskriterie"),
    )
    felt = models.CharField(_("felt"), max_length=20, choices=Felt.choices)
    gammel = models.CharField(_("før"), max_length=40, blank=True)
    ny = models.CharField(_("efter"), max_length=40, blank=True)
    begrundelse = models.TextField(_("begrundelse"))
    oprettet_af = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("oprettet af"),
    )
    oprettet = models.DateTimeField(_("oprettet"), default=timezone.now)

    history = HistoricalRecords(table_name="tilsyn_historicalmaalaendring")

    class Meta:
        db_table = "tilsyn_maalaendring"
        verbose_name = _("ændring af mål eller baseline")
        verbose_name_plural = _("ændringer af mål eller baseline")
        ordering = ["succeskriterie", "felt"]
        constraints = [
            models.UniqueConstraint(fields=["succeskriterie", "felt"], name="maalaendring_unik_pr_felt"),
            models.CheckConstraint(condition=~Q(begrundelse=""), name="maalaendring_har_begrundelse"),
        ]

    def __str__(self) -> str:
        return f"{self.get_felt_display()}: {self.gammel} → {self.ny}"


class Delaftaleversion(models.Model):
    """One version of a delaftale's content. Drafts and submitted versions do not touch
    the Delaftale row; approval by LBF copies the content onto it (it takes effect).
    Approved and rejected versions stay readable.

    Moved here from tilsyn; it keeps its tables (``tilsyn_delaftaleversion`` and its history)."""

    delaftale = models.ForeignKey(
        Delaftale,
        on_delete=models.CASCADE,
        related_name="versioner",
        verbose_name=_("delaftale"),
    )
    version = models.PositiveSmallIntegerField(_("version"))
    status = models.CharField(
        _("status"), max_length=10, choices=Aftalestatus.choices, default=Aftalestatus.KLADDE
    )
    formaal = models.TextField(_("formål"))
    gyldig_fra = models.DateField(_("gyldig fra"))
    gyldig_til = models.DateField(_("gyldig til"))
    delmaal = models.JSONField(
        _("delmål"), default=list, blank=True, help_text=_("Delmålene, som de stod i versionen.")
    )
    oprettet_af = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("oprettet af"),
    )
    oprettet = models.DateTimeField(_("oprettet"), default=timezone.now)
    indsendt_tidspunkt = models.DateTimeField(_("indsendt"), null=True, blank=True)
    godkendt_af = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("behandlet af"),
    )
    godkendt_tidspunkt = models.DateTimeField(_("behandlet"), null=True, blank=True)
    lbf_kommentar = models.TextField(_("LBF's kommentar"), blank=True)

    history = HistoricalRecords(table_name="tilsyn_historicaldelaftaleversion")

    class Meta:
        db_table = "tilsyn_delaftaleversion"
        verbose_name = _("delaftaleversion")
        verbose_name_plural = _("delaftaleversioner")
        ordering = ["delaftale", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["delaftale", "version"], name="delaftaleversion_unik"),
            models.CheckConstraint(
                condition=Q(gyldig_til__gt=F("gyldig_fra")), name="delaftaleversion_slut_efter_start"
            ),
        ]

    def __str__(self) -> str:
        return _("%(delaftale)s, version %(version)s") % {
            "delaftale": self.delaftale,
            "version": self.version,
        }
