"""The plan and its chain: agreement -> strategic goals -> success criteria,
delaftaler -> delmål -> activities -> registrations, and status reports.

Model names keep the Danish domain terms without æøå; verbose names are proper Danish.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Region(models.TextChoices):
    HOVEDSTADEN = "hovedstaden", _("Region Hovedstaden")
    SJAELLAND = "sjaelland", _("Region Sjælland")
    SYDDANMARK = "syddanmark", _("Region Syddanmark")
    MIDTJYLLAND = "midtjylland", _("Region Midtjylland")
    NORDJYLLAND = "nordjylland", _("Region Nordjylland")


class Indsatsomraade(models.Model):
    navn = models.CharField(_("navn"), max_length=120, unique=True)
    kode = models.SlugField(_("kode"), max_length=60, unique=True)
    beskrivelse = models.TextField(_("beskrivelse"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("indsatsområde")
        verbose_name_plural = _("indsatsområder")
        ordering = ["navn"]

    def __str__(self) -> str:
        return self.navn


class Bevillingsperiode(models.Model):
    """A funding round, e.g. the 2015-18-midler, with its own rules and areas."""

    navn = models.CharField(_("navn"), max_length=60, unique=True)
    start_aar = models.PositiveSmallIntegerField(_("første år"))
    slut_aar = models.PositiveSmallIntegerField(_("sidste år"))
    regulativ_dato = models.DateField(_("regulativ vedtaget"), null=True, blank=True)
    vejledning_dato = models.DateField(_("vejledning dateret"), null=True, blank=True)
    min_medfinansiering_pct = models.DecimalField(
        _("mindste lokale medfinansiering (%)"), max_digits=5, decimal_places=2, default=25
    )
    indsatsomraader = models.ManyToManyField(
        Indsatsomraade, related_name="bevillingsperioder", verbose_name=_("indsatsområder")
    )

    history = HistoricalRecords(m2m_fields=[indsatsomraader])

    class Meta:
        verbose_name = _("bevillingsperiode")
        verbose_name_plural = _("bevillingsperioder")
        ordering = ["-start_aar"]
        constraints = [
            models.CheckConstraint(
                condition=Q(slut_aar__gte=F("start_aar")),
                name="bevillingsperiode_slut_efter_start",
            ),
        ]

    def __str__(self) -> str:
        return self.navn


class Kommune(models.Model):
    navn = models.CharField(_("navn"), max_length=80, unique=True)
    kommunekode = models.CharField(_("kommunekode"), max_length=3, unique=True)
    region = models.CharField(_("region"), max_length=20, choices=Region.choices)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kommune")
        verbose_name_plural = _("kommuner")
        ordering = ["navn"]

    def __str__(self) -> str:
        return self.navn


class Forvaltning(models.Model):
    class Omraade(models.TextChoices):
        BESKAEFTIGELSE = "beskaeftigelse", _("Beskæftigelse")
        BOERN_UNGE = "boern_unge", _("Børn og unge")
        SKOLE = "skole", _("Skole")
        FAMILIE = "familie", _("Familie")
        SOCIAL = "social", _("Social")
        SUNDHED = "sundhed", _("Sundhed")
        KULTUR_FRITID = "kultur_fritid", _("Kultur og fritid")
        TEKNIK_MILJOE = "teknik_miljoe", _("Teknik og miljø")
        BORGMESTER = "borgmester", _("Borgmesterens forvaltning")
        ANDET = "andet", _("Andet")

    kommune = models.ForeignKey(
        Kommune, on_delete=models.CASCADE, related_name="forvaltninger", verbose_name=_("kommune")
    )
    navn = models.CharField(_("navn"), max_length=160)
    omraade = models.CharField(_("fagområde"), max_length=20, choices=Omraade.choices)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("forvaltning")
        verbose_name_plural = _("forvaltninger")
        ordering = ["kommune__navn", "navn"]
        constraints = [
            models.UniqueConstraint(fields=["kommune", "navn"], name="forvaltning_unik_pr_kommune"),
        ]

    def __str__(self) -> str:
        return f"{self.navn} ({self.kommune})"

    def omraader(self) -> set[str]:
        """Every fagområde the forvaltning covers: its main area and its further areas
        (``bestyrelser.Forvaltningsomraade``; prefetch ``fagomraader`` when asking for many)."""
        return {self.omraade, *(a.omraade for a in self.fagomraader.all())}


class Boligorganisation(models.Model):
    navn = models.CharField(_("navn"), max_length=160, unique=True)
    cvr = models.CharField(_("CVR-nummer"), max_length=8, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("boligorganisation")
        verbose_name_plural = _("boligorganisationer")
        ordering = ["navn"]

    def __str__(self) -> str:
        return self.navn


class Boligomraade(models.Model):
    navn = models.CharField(_("navn"), max_length=160)
    kommune = models.ForeignKey(
        Kommune, on_delete=models.PROTECT, related_name="boligomraader", verbose_name=_("kommune")
    )
    antal_beboere = models.PositiveIntegerField(_("antal beboere"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("boligområde")
        verbose_name_plural = _("boligområder")
        ordering = ["navn"]
        constraints = [
            models.UniqueConstraint(fields=["kommune", "navn"], name="boligomraade_unikt_pr_kommune"),
        ]

    def __str__(self) -> str:
        return self.navn


class Afdeling(models.Model):
    boligorganisation = models.ForeignKey(
        Boligorganisation,
        on_delete=models.PROTECT,
        related_name="afdelinger",
        verbose_name=_("boligorganisation"),
    )
    boligomraade = models.ForeignKey(
        Boligomraade,
        on_delete=models.PROTECT,
        related_name="afdelinger",
        verbose_name=_("boligområde"),
    )
    nummer = models.CharField(_("afdelingsnummer"), max_length=20)
    navn = models.CharField(_("navn"), max_length=160)
    antal_boliger = models.PositiveIntegerField(_("antal boliger"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("afdeling")
        verbose_name_plural = _("afdelinger")
        ordering = ["boligorganisation__navn", "nummer"]
        constraints = [
            models.UniqueConstraint(
                fields=["boligorganisation", "nummer"], name="afdeling_unik_pr_organisation"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.navn} ({self.boligorganisation}, afd. {self.nummer})"


class HelhedsplanQuerySet(models.QuerySet):
    def visible_to(self, user) -> HelhedsplanQuerySet:
        """Plans the user may see: LBF staff and superusers see all; others the plans
        where they hold an active membership of one of the plan's bodies."""
        from portal.access import active_membership_q, is_lbf_staff

        if not user.is_authenticated:
            return self.none()
        if user.is_superuser or is_lbf_staff(user):
            return self.all()
        return self.filter(
            pk__in=self.model.objects.filter(active_membership_q("organer__medlemskaber__", user)).values(
                "pk"
            )
        )

    def for_overview_list(self) -> HelhedsplanQuerySet:
        return self.select_related("boligomraade", "kommune", "bevillingsperiode").prefetch_related(
            "boligorganisationer"
        )


class Helhedsplan(models.Model):
    class Status(models.TextChoices):
        PRAEKVALIFICERET = "praekvalificeret", _("Prækvalificeret")
        UNDER_UDARBEJDELSE = "under_udarbejdelse", _("Under udarbejdelse")
        GODKENDT = "godkendt", _("Godkendt")
        I_DRIFT = "i_drift", _("I drift")
        AFSLUTTET = "afsluttet", _("Afsluttet")

    class Rapporteringsfrekvens(models.TextChoices):
        KVARTAL = "kvartal", _("Kvartalsvis")
        HALVAAR = "halvaar", _("Halvårlig")

    navn = models.CharField(_("navn"), max_length=200)
    boligomraade = models.ForeignKey(
        Boligomraade,
        on_delete=models.PROTECT,
        related_name="helhedsplaner",
        verbose_name=_("boligområde"),
    )
    kommune = models.ForeignKey(
        Kommune,
        on_delete=models.PROTECT,
        related_name="helhedsplaner",
        verbose_name=_("beliggenhedskommune"),
    )
    boligorganisationer = models.ManyToManyField(
        Boligorganisation, related_name="helhedsplaner", verbose_name=_("boligorganisationer")
    )
    afdelinger = models.ManyToManyField(
        Afdeling, related_name="helhedsplaner", verbose_name=_("afdelinger"), blank=True
    )
    bevillingsperiode = models.ForeignKey(
        Bevillingsperiode,
        on_delete=models.PROTECT,
        related_name="helhedsplaner",
        verbose_name=_("bevillingsperiode"),
    )
    startdato = models.DateField(_("startdato"))
    slutdato = models.DateField(_("slutdato"))
    lbf_sagsnummer = models.CharField(_("LBF-sagsnummer"), max_length=40, unique=True, null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.UNDER_UDARBEJDELSE
    )
    rapportfrist_dage = models.PositiveSmallIntegerField(
        _("frist for statusrapport (dage efter periodens udløb)"), default=30
    )
    rapporteringsfrekvens = models.CharField(
        _("rapporteringsfrekvens"),
        max_length=10,
        choices=Rapporteringsfrekvens.choices,
        default=Rapporteringsfrekvens.KVARTAL,
    )

    objects = HelhedsplanQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[boligorganisationer, afdelinger])

    class Meta:
        verbose_name = _("helhedsplan")
        verbose_name_plural = _("helhedsplaner")
        ordering = ["navn"]
        constraints = [
            models.CheckConstraint(
                condition=Q(slutdato__gt=F("startdato")), name="helhedsplan_slut_efter_start"
            ),
        ]

    def __str__(self) -> str:
        return self.navn

    def get_absolute_url(self) -> str:
        return reverse("helhedsplaner:plan_detail", kwargs={"pk": self.pk})


class Budgetpost(models.Model):
    """One budget line: a year and a funding source."""

    class Kilde(models.TextChoices):
        LBF = "lbf", _("Landsbyggefonden")
        KOMMUNE = "kommune", _("Kommune")
        BOLIGORGANISATION = "boligorganisation", _("Boligorganisation/afdelinger")
        FOND = "fond", _("Fond")
        ANDET = "andet", _("Anden finansiering")

    helhedsplan = models.ForeignKey(
        Helhedsplan,
        on_delete=models.CASCADE,
        related_name="budgetposter",
        verbose_name=_("helhedsplan"),
    )
    aar = models.PositiveSmallIntegerField(_("år"))
    kilde = models.CharField(_("finansieringskilde"), max_length=20, choices=Kilde.choices)
    beloeb = models.DecimalField(
        _("beløb (kr.)"), max_digits=12, decimal_places=2, validators=[MinValueValidator(0)]
    )
    note = models.CharField(_("note"), max_length=255, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("budgetpost")
        verbose_name_plural = _("budgetposter")
        ordering = ["aar", "kilde"]
        constraints = [
            models.UniqueConstraint(
                fields=["helhedsplan", "aar", "kilde"], name="budgetpost_unik_pr_aar_og_kilde"
            ),
            models.CheckConstraint(condition=Q(beloeb__gte=0), name="budgetpost_beloeb_ikke_negativt"),
        ]

    def __str__(self) -> str:
        return f"{self.helhedsplan} {self.aar} {self.get_kilde_display()}"


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
        _("baseline (værdi)"), max_digits=14, decimal_places=3, null=True, blank=True
    )
    baseline_dato = models.DateField(_("baseline (dato)"), null=True, blank=True)
    maal_vaerdi = models.DecimalField(_("måltal"), max_digits=14, decimal_places=3, null=True, blank=True)
    maal_dato = models.DateField(_("måldato"), null=True, blank=True)
    tolerance_pct = models.DecimalField(
        _("tolerance (% af afstanden baseline→mål)"),
        max_digits=5,
        decimal_places=2,
        default=10,
        validators=[MinValueValidator(0)],
    )
    # The lineage of a criterion across agreement versions: the criterion of the version
    # this one was copied from (tilsyn.versions.samarbejdsaftale_draft sets it). Why a link
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


class Delmaal(models.Model):
    class Status(models.TextChoices):
        IKKE_STARTET = "ikke_startet", _("Ikke startet")
        PAA_SPORET = "paa_sporet", _("På sporet")
        FORSINKET = "forsinket", _("Forsinket")
        OPNAAET = "opnaaet", _("Opnået")
        OPGIVET = "opgivet", _("Opgivet")

    delaftale = models.ForeignKey(
        Delaftale, on_delete=models.CASCADE, related_name="delmaal", verbose_name=_("delaftale")
    )
    nummer = models.PositiveSmallIntegerField(_("nummer"))
    titel = models.CharField(_("titel"), max_length=255)
    beskrivelse = models.TextField(_("beskrivelse"), blank=True)
    strategiske_maal = models.ManyToManyField(
        StrategiskMaal, related_name="delmaal", verbose_name=_("strategiske mål"), blank=True
    )
    status = models.CharField(_("status"), max_length=15, choices=Status.choices, default=Status.IKKE_STARTET)
    revision = models.PositiveIntegerField(
        _("revision"),
        default=1,
        editable=False,
        help_text=_("Tælles op ved hver ændring, så ingen gemmer oven i en andens ændring."),
    )

    history = HistoricalRecords(m2m_fields=[strategiske_maal])

    class Meta:
        verbose_name = _("delmål")
        verbose_name_plural = _("delmål")
        ordering = ["delaftale", "nummer"]
        constraints = [
            models.UniqueConstraint(fields=["delaftale", "nummer"], name="delmaal_unikt_nummer"),
        ]

    def __str__(self) -> str:
        return f"{self.nummer}. {self.titel}"


class Milepael(models.Model):
    delmaal = models.ForeignKey(
        Delmaal, on_delete=models.CASCADE, related_name="milepaele", verbose_name=_("delmål")
    )
    dato = models.DateField(_("dato"))
    beskrivelse = models.CharField(_("beskrivelse"), max_length=255)
    naaet = models.BooleanField(_("nået"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("milepæl")
        verbose_name_plural = _("milepæle")
        ordering = ["delmaal", "dato"]

    def __str__(self) -> str:
        return f"{self.dato:%d.%m.%Y} {self.beskrivelse}"


class Maalgruppe(models.Model):
    """A target group that participants are counted by (e.g. 'Børn 6-12 år')."""

    navn = models.CharField(_("navn"), max_length=80, unique=True)
    sortering = models.PositiveSmallIntegerField(_("sortering"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("målgruppe")
        verbose_name_plural = _("målgrupper")
        ordering = ["sortering", "navn"]

    def __str__(self) -> str:
        return self.navn


class Samarbejdspartner(models.Model):
    class Type(models.TextChoices):
        KOMMUNAL = "kommunal", _("Kommunal institution")
        SKOLE = "skole", _("Skole/uddannelsesinstitution")
        FORENING = "forening", _("Forening")
        VIRKSOMHED = "virksomhed", _("Virksomhed")
        POLITI = "politi", _("Politi")
        BOLIG = "bolig", _("Boligorganisation/afdeling")
        ANDET = "andet", _("Andet")

    navn = models.CharField(_("navn"), max_length=160, unique=True)
    type = models.CharField(_("type"), max_length=15, choices=Type.choices, default=Type.ANDET)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("samarbejdspartner")
        verbose_name_plural = _("samarbejdspartnere")
        ordering = ["navn"]

    def __str__(self) -> str:
        return self.navn


class Aktivitet(models.Model):
    class Status(models.TextChoices):
        PLANLAGT = "planlagt", _("Planlagt")
        I_GANG = "i_gang", _("I gang")
        AFSLUTTET = "afsluttet", _("Afsluttet")
        AFLYST = "aflyst", _("Aflyst")

    delmaal = models.ForeignKey(
        Delmaal, on_delete=models.CASCADE, related_name="aktiviteter", verbose_name=_("delmål")
    )
    navn = models.CharField(_("aktivitetsnavn"), max_length=200)
    beskrivelse = models.TextField(_("indhold (aktivitetsbeskrivelse)"), blank=True)
    maalgrupper = models.ManyToManyField(
        Maalgruppe, related_name="aktiviteter", verbose_name=_("målgrupper"), blank=True
    )
    samarbejdspartnere = models.ManyToManyField(
        Samarbejdspartner,
        related_name="aktiviteter",
        verbose_name=_("samarbejdspartnere"),
        blank=True,
    )
    ansvarlig = models.ForeignKey(
        "bestyrelser.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ansvar_for_aktiviteter",
        verbose_name=_("ansvarlig"),
    )
    startdato = models.DateField(_("startdato"))
    slutdato = models.DateField(_("slutdato"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PLANLAGT)
    revision = models.PositiveIntegerField(
        _("revision"),
        default=1,
        editable=False,
        help_text=_("Tælles op ved hver ændring, så ingen gemmer oven i en andens ændring."),
    )

    history = HistoricalRecords(m2m_fields=[maalgrupper, samarbejdspartnere])

    class Meta:
        verbose_name = _("aktivitet")
        verbose_name_plural = _("aktiviteter")
        ordering = ["delmaal", "navn"]
        constraints = [
            models.CheckConstraint(
                condition=Q(slutdato__isnull=True) | Q(slutdato__gte=F("startdato")),
                name="aktivitet_slut_efter_start",
            ),
        ]

    def __str__(self) -> str:
        return self.navn


class Aktivitetsregistrering(models.Model):
    """One occurrence of an activity: when, how many hours, how many took part."""

    aktivitet = models.ForeignKey(
        Aktivitet,
        on_delete=models.CASCADE,
        related_name="registreringer",
        verbose_name=_("aktivitet"),
    )
    dato = models.DateField(_("dato"))
    timer = models.DecimalField(
        _("timer"), max_digits=7, decimal_places=2, default=0, validators=[MinValueValidator(0)]
    )
    note = models.CharField(_("note"), max_length=255, blank=True)
    registreret_af = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registreret af"),
    )
    revision = models.PositiveIntegerField(
        _("revision"),
        default=1,
        editable=False,
        help_text=_("Tælles op ved hver ændring, så ingen gemmer oven i en andens ændring."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("aktivitetsregistrering")
        verbose_name_plural = _("aktivitetsregistreringer")
        ordering = ["-dato"]
        constraints = [
            models.CheckConstraint(condition=Q(timer__gte=0), name="registrering_timer_ikke_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.aktivitet} {self.dato:%d.%m.%Y}"


class Deltagertal(models.Model):
    """Participants of one target group at one registration."""

    registrering = models.ForeignKey(
        Aktivitetsregistrering,
        on_delete=models.CASCADE,
        related_name="deltagertal",
        verbose_name=_("registrering"),
    )
    maalgruppe = models.ForeignKey(
        Maalgruppe, on_delete=models.PROTECT, related_name="+", verbose_name=_("målgruppe")
    )
    antal = models.PositiveIntegerField(_("antal deltagere"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("deltagertal")
        verbose_name_plural = _("deltagertal")
        constraints = [
            models.UniqueConstraint(
                fields=["registrering", "maalgruppe"], name="deltagertal_unikt_pr_maalgruppe"
            ),
            models.CheckConstraint(condition=Q(antal__gte=0), name="deltagertal_ikke_negativt"),
        ]

    def __str__(self) -> str:
        return f"{self.maalgruppe}: {self.antal}"


class Statusrapport(models.Model):
    """The periodic report for one delaftale: kladde → indsendt → accepteret (by the
    body that follows the delaftale, if any) → godkendt (by the board) → låst.

    A godkendt or låst report is frozen: services refuse changes, the admin shows it
    read-only, and database triggers (migration 0004) refuse any UPDATE of its content
    and any write to its delmål statuses and values. Only the unlock service moves it
    back to kladde, with a reason.
    """

    class Status(models.TextChoices):
        KLADDE = "kladde", _("Kladde")
        INDSENDT = "indsendt", _("Indsendt")
        ACCEPTERET = "accepteret", _("Accepteret af følgegruppe")
        GODKENDT = "godkendt", _("Godkendt af bestyrelsen")
        LAAST = "laast", _("Låst")

    delaftale = models.ForeignKey(
        Delaftale,
        on_delete=models.CASCADE,
        related_name="statusrapporter",
        verbose_name=_("delaftale"),
    )
    periode_start = models.DateField(_("periode fra"))
    periode_slut = models.DateField(_("periode til"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.KLADDE)
    fortaelling = models.TextField(_("status for delaftalen"), blank=True)
    returkommentar = models.TextField(_("kommentar ved returnering"), blank=True)
    indsendt_af = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("indsendt af"),
    )
    indsendt_tidspunkt = models.DateTimeField(_("indsendt"), null=True, blank=True)
    accepteret_af = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("accepteret af"),
    )
    accepteret_tidspunkt = models.DateTimeField(_("accepteret"), null=True, blank=True)
    godkendt_af = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("godkendt af"),
    )
    godkendt_tidspunkt = models.DateTimeField(_("godkendt"), null=True, blank=True)

    revision = models.PositiveIntegerField(
        _("revision"),
        default=1,
        editable=False,
        help_text=_("Tælles op ved hver ændring, så ingen gemmer oven i en andens ændring."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("statusrapport")
        verbose_name_plural = _("statusrapporter")
        ordering = ["delaftale", "-periode_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["delaftale", "periode_start"], name="statusrapport_unik_pr_periode"
            ),
            models.CheckConstraint(
                condition=Q(periode_slut__gt=F("periode_start")),
                name="statusrapport_slut_efter_start",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["godkendt", "laast"]) | Q(godkendt_tidspunkt__isnull=False),
                name="statusrapport_godkendt_har_tidspunkt",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["indsendt", "accepteret", "godkendt", "laast"])
                | Q(indsendt_tidspunkt__isnull=False),
                name="statusrapport_indsendt_har_tidspunkt",
            ),
        ]

    def __str__(self) -> str:
        return _("Statusrapport %(omraade)s %(fra)s–%(til)s") % {
            "omraade": self.delaftale.indsatsomraade,
            "fra": f"{self.periode_start:%d.%m.%Y}",
            "til": f"{self.periode_slut:%d.%m.%Y}",
        }

    def get_absolute_url(self) -> str:
        return reverse(
            "helhedsplaner:statusrapport_detail",
            kwargs={"pk": self.delaftale.helhedsplan_id, "rapport_pk": self.pk},
        )

    # THE set of approved report states: approved by the board, then locked. Values in a
    # report count from here on, and a report in these states can no longer be edited.
    APPROVED_STATES = frozenset({Status.GODKENDT, Status.LAAST})

    @property
    def er_laast(self) -> bool:
        return self.status in self.APPROVED_STATES

    @property
    def er_returneret(self) -> bool:
        return self.status == self.Status.KLADDE and bool(self.returkommentar)

    def clean(self) -> None:
        if self.periode_start and self.periode_slut and self.periode_slut <= self.periode_start:
            raise ValidationError({"periode_slut": _("Perioden skal slutte efter den starter.")})


class Delmaalstatus(models.Model):
    """A delmål's status as reported in one status report."""

    class Status(models.TextChoices):
        PAA_SPORET = "paa_sporet", _("På sporet")
        FORSINKET = "forsinket", _("Forsinket")
        OPNAAET = "opnaaet", _("Opnået")
        OPGIVET = "opgivet", _("Opgivet")

    statusrapport = models.ForeignKey(
        Statusrapport,
        on_delete=models.CASCADE,
        related_name="delmaalstatus",
        verbose_name=_("statusrapport"),
    )
    delmaal = models.ForeignKey(
        Delmaal,
        on_delete=models.CASCADE,
        related_name="rapporteret_status",
        verbose_name=_("delmål"),
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    forklaring = models.TextField(_("forklaring"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("delmålsstatus")
        verbose_name_plural = _("delmålsstatus")
        constraints = [
            models.UniqueConstraint(
                fields=["statusrapport", "delmaal"], name="delmaalstatus_unik_pr_rapport"
            ),
            models.CheckConstraint(
                condition=Q(status="paa_sporet") | ~Q(forklaring=""),
                name="delmaalstatus_forklaring_naar_ikke_paa_sporet",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.delmaal}: {self.get_status_display()}"
