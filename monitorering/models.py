"""Indicators, observations, imports and the statutory area criteria."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Indikator(models.Model):
    class Art(models.TextChoices):
        ANTAL = "antal", _("Antal")
        SUM = "sum", _("Sum")
        PROCENT = "procent", _("Procent (tæller/nævner × 100)")
        GENNEMSNIT = "gennemsnit", _("Gennemsnit")
        RATE = "rate", _("Rate pr. 1.000")

    class Retning(models.TextChoices):
        HOEJERE = "hoejere", _("Højere er bedre")
        LAVERE = "lavere", _("Lavere er bedre")

    class Aggregering(models.TextChoices):
        KUMULATIV = "kumulativ", _("Kumulativ siden planens start")
        SENESTE = "seneste", _("Seneste værdi")
        SUM_PR_PERIODE = "sum_pr_periode", _("Sum pr. periode")

    class Kilde(models.TextChoices):
        AKTIVITETER = "aktiviteter", _("Aktivitetsregistreringer")
        STATUSRAPPORTER = "statusrapporter", _("Statusrapporter")
        REGISTERDATA = "registerdata", _("Registerdata (import)")
        SURVEY = "survey", _("Spørgeskema/survey")

    navn = models.CharField(_("navn"), max_length=200, unique=True)
    kode = models.SlugField(_("kode"), max_length=60, unique=True)
    beskrivelse = models.TextField(_("beskrivelse"), blank=True)
    enhed = models.CharField(_("enhed"), max_length=40)
    art = models.CharField(_("art"), max_length=12, choices=Art.choices)
    taeller_definition = models.CharField(_("tæller"), max_length=255, blank=True)
    naevner_definition = models.CharField(_("nævner"), max_length=255, blank=True)
    retning = models.CharField(_("retning"), max_length=8, choices=Retning.choices)
    aggregering = models.CharField(_("aggregering over tid"), max_length=15, choices=Aggregering.choices)
    kilde = models.CharField(_("kilde"), max_length=16, choices=Kilde.choices)
    min_plausibel = models.DecimalField(
        _("mindste plausible værdi"), max_digits=14, decimal_places=3, null=True, blank=True
    )
    max_plausibel = models.DecimalField(
        _("største plausible værdi"), max_digits=14, decimal_places=3, null=True, blank=True
    )
    aktiviteter = models.ManyToManyField(
        "helhedsplaner.Aktivitet",
        blank=True,
        related_name="indikatorer",
        verbose_name=_("aktiviteter, der tælles med"),
        help_text=_(
            "For indikatorer med kilden aktivitetsregistreringer: deltagerne i disse aktiviteters "
            "registreringer er indikatorens værdi."
        ),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("indikator")
        verbose_name_plural = _("indikatorer")
        ordering = ["navn"]
        constraints = [
            models.CheckConstraint(
                condition=Q(min_plausibel__isnull=True)
                | Q(max_plausibel__isnull=True)
                | Q(max_plausibel__gte=F("min_plausibel")),
                name="indikator_plausibel_interval",
            ),
        ]

    def __str__(self) -> str:
        return self.navn

    @property
    def har_naevner(self) -> bool:
        return self.art in {self.Art.PROCENT, self.Art.RATE, self.Art.GENNEMSNIT}


class ImportBatch(models.Model):
    class Status(models.TextChoices):
        FORHAANDSVIST = "forhaandsvist", _("Forhåndsvist")
        GENNEMFOERT = "gennemfoert", _("Gennemført")
        FEJLET = "fejlet", _("Fejlet")
        FORTRUDT = "fortrudt", _("Fortrudt")
        # Set by the retention job (portal/retention.py): the rows and overwritten values
        # are deleted, so the import stays as done and can no longer be undone.
        ARKIVERET = "arkiveret", _("Gennemført, kan ikke længere fortrydes")

    filnavn = models.CharField(_("filnavn"), max_length=255)
    kilde = models.CharField(_("kilde"), max_length=160, help_text=_("Fx Boligsociale Data, 2. halvår 2024"))
    importeret_af = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("importeret af"),
    )
    oprettet = models.DateTimeField(_("oprettet"), default=timezone.now)
    status = models.CharField(
        _("status"), max_length=15, choices=Status.choices, default=Status.FORHAANDSVIST
    )
    antal_raekker = models.PositiveIntegerField(_("antal rækker"), default=0)
    fejl = models.TextField(_("fejl"), blank=True)
    helhedsplan = models.ForeignKey(
        "helhedsplaner.Helhedsplan",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="importkoersler",
        verbose_name=_("helhedsplan"),
        help_text=_("Planen, importen blev startet fra. Tom for scriptede importer."),
    )
    tidligere = models.JSONField(
        _("tidligere værdier"),
        default=list,
        blank=True,
        help_text=_("Målinger, importen overskrev, så den kan fortrydes."),
    )
    antal_oprettet = models.PositiveIntegerField(_("oprettet"), default=0)
    antal_opdateret = models.PositiveIntegerField(_("opdateret"), default=0)
    gennemfoert = models.DateTimeField(_("gennemført"), null=True, blank=True)
    fortrudt = models.DateTimeField(_("fortrudt"), null=True, blank=True)
    raadata_slettet = models.DateTimeField(
        _("rådata slettet"),
        null=True,
        blank=True,
        help_text=_("Hvornår opbevaringsreglen slettede rækkerne og de tidligere værdier."),
    )

    # The payload of overwritten values can be large; the batch's own history keeps
    # who/when/status. The previewed rows themselves are Importraekke rows.
    history = HistoricalRecords(excluded_fields=["tidligere"])

    class Meta:
        verbose_name = _("importkørsel")
        verbose_name_plural = _("importkørsler")
        ordering = ["-oprettet"]

    def __str__(self) -> str:
        return f"{self.filnavn} ({self.oprettet:%d.%m.%Y})"


class Importraekke(models.Model):
    """One valid, normalised row of a previewed import: what confirming the batch writes.

    A staging row, written in one COPY by the preview and read set-based by the confirm, so a
    large file is never held as one JSON document. The ids are plain numbers (no foreign
    keys): a plan or indicator removed before the confirm makes the confirm fail as a whole.
    """

    batch = models.ForeignKey(
        ImportBatch, on_delete=models.CASCADE, related_name="raekker", verbose_name=_("importkørsel")
    )
    raekke = models.PositiveIntegerField(_("række i filen"))
    indikator_id = models.BigIntegerField(_("indikator"))
    indikator = models.CharField(_("indikatorkode"), max_length=60)
    helhedsplan_id = models.BigIntegerField(_("helhedsplan"), null=True, blank=True)
    boligomraade_id = models.BigIntegerField(_("boligområde"), null=True, blank=True)
    maal = models.CharField(_("plan/område"), max_length=255, blank=True)
    periode_start = models.DateField(_("periode fra"))
    periode_slut = models.DateField(_("periode til"))
    vaerdi = models.DecimalField(_("værdi"), max_digits=14, decimal_places=3)
    taeller = models.DecimalField(_("tæller"), max_digits=14, decimal_places=3, null=True, blank=True)
    naevner = models.DecimalField(_("nævner"), max_digits=14, decimal_places=3, null=True, blank=True)
    andel = models.BooleanField(_("andel"), default=False)
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("importrække")
        verbose_name_plural = _("importrækker")
        ordering = ["batch", "raekke"]

    def __str__(self) -> str:
        return f"{self.batch_id}:{self.raekke}"


#: The largest magnitude an observation may have: what its column holds (14 digits, 3 of
#: them decimals). An import refuses larger values row by row (``imports``); the
#: report form bounds reported values far lower (``helhedsplaner.limits.MAX_VAERDI``); the
#: check constraints below make SQLite refuse what PostgreSQL's numeric column refuses.
MAX_MAALING = Decimal("99999999999.999")


class Maaling(models.Model):
    """One observation of an indicator for a plan or an area over a period."""

    class Kilde(models.TextChoices):
        AKTIVITETER = "aktiviteter", _("Aktivitetsregistreringer")
        STATUSRAPPORT = "statusrapport", _("Statusrapport")
        IMPORT = "import", _("Import")
        SURVEY = "survey", _("Survey")
        MANUEL = "manuel", _("Manuel indtastning")

    indikator = models.ForeignKey(
        Indikator, on_delete=models.PROTECT, related_name="maalinger", verbose_name=_("indikator")
    )
    helhedsplan = models.ForeignKey(
        "helhedsplaner.Helhedsplan",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="maalinger",
        verbose_name=_("helhedsplan"),
    )
    boligomraade = models.ForeignKey(
        "helhedsplaner.Boligomraade",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="maalinger",
        verbose_name=_("boligområde"),
    )
    periode_start = models.DateField(_("periode fra"))
    periode_slut = models.DateField(_("periode til"))
    taeller = models.DecimalField(
        _("tæller"),
        max_digits=14,
        decimal_places=3,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(MAX_MAALING)],
    )
    naevner = models.DecimalField(
        _("nævner"),
        max_digits=14,
        decimal_places=3,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(MAX_MAALING)],
    )
    andel = models.BooleanField(
        _("tæller er en delmængde af nævneren"),
        default=False,
        help_text=_("Sand for andele (procent): så kan tælleren ikke overstige nævneren."),
    )
    vaerdi = models.DecimalField(
        _("værdi"),
        max_digits=14,
        decimal_places=3,
        validators=[MinValueValidator(-MAX_MAALING), MaxValueValidator(MAX_MAALING)],
    )
    kilde = models.CharField(_("kilde"), max_length=15, choices=Kilde.choices)
    import_batch = models.ForeignKey(
        ImportBatch,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="maalinger",
        verbose_name=_("importkørsel"),
    )
    statusrapport = models.ForeignKey(
        "helhedsplaner.Statusrapport",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="maalinger",
        verbose_name=_("statusrapport"),
    )
    kommentar = models.CharField(_("kommentar"), max_length=255, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("måling")
        verbose_name_plural = _("målinger")
        ordering = ["indikator", "periode_start"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(helhedsplan__isnull=False) & Q(boligomraade__isnull=True))
                | (Q(helhedsplan__isnull=True) & Q(boligomraade__isnull=False)),
                name="maaling_plan_eller_omraade",
            ),
            models.CheckConstraint(
                condition=Q(periode_slut__gte=F("periode_start")), name="maaling_slut_efter_start"
            ),
            models.CheckConstraint(
                condition=Q(taeller__isnull=True) | Q(taeller__gte=0), name="maaling_taeller_ikke_negativ"
            ),
            models.CheckConstraint(
                condition=Q(vaerdi__gte=-MAX_MAALING, vaerdi__lte=MAX_MAALING),
                name="maaling_vaerdi_inden_for_graense",
            ),
            models.CheckConstraint(
                condition=Q(taeller__isnull=True) | Q(taeller__lte=MAX_MAALING),
                name="maaling_taeller_inden_for_graense",
            ),
            models.CheckConstraint(
                condition=Q(naevner__isnull=True) | Q(naevner__lte=MAX_MAALING),
                name="maaling_naevner_inden_for_graense",
            ),
            models.CheckConstraint(
                condition=Q(naevner__isnull=True) | Q(naevner__gt=0), name="maaling_naevner_positiv"
            ),
            models.CheckConstraint(
                condition=Q(andel=False)
                | Q(taeller__isnull=True)
                | Q(naevner__isnull=True)
                | Q(taeller__lte=F("naevner")),
                name="maaling_andel_taeller_hoejst_naevner",
            ),
            models.CheckConstraint(
                condition=~Q(kilde="statusrapport") | Q(statusrapport__isnull=False),
                name="maaling_statusrapport_kilde_har_rapport",
                violation_error_message=_(
                    "En værdi med kilden statusrapport skal høre til en statusrapport."
                ),
            ),
            models.UniqueConstraint(
                fields=["indikator", "helhedsplan", "periode_start", "periode_slut"],
                condition=Q(helhedsplan__isnull=False),
                name="maaling_unik_pr_plan_og_periode",
            ),
            models.UniqueConstraint(
                fields=["indikator", "boligomraade", "periode_start", "periode_slut"],
                condition=Q(boligomraade__isnull=False),
                name="maaling_unik_pr_omraade_og_periode",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indikator}: {self.vaerdi} ({self.periode_start:%d.%m.%Y}–{self.periode_slut:%d.%m.%Y})"

    def clean(self) -> None:
        if self.indikator_id and self.indikator.art == Indikator.Art.PROCENT:
            self.andel = True
        too_large = (
            self.andel
            and self.taeller is not None
            and self.naevner is not None
            and self.taeller > self.naevner
        )
        if too_large:
            raise ValidationError({"taeller": _("Tælleren kan ikke være større end nævneren for en andel.")})


class Kriteriesaet(models.Model):
    """Statutory thresholds (almenboligloven §§ 61a–61b) in force from a date.

    Stored as data so that time series use the rules of their own year.
    """

    navn = models.CharField(_("navn"), max_length=120, unique=True)
    gyldig_fra = models.DateField(_("gyldig fra"), unique=True)
    lovgrundlag = models.CharField(_("lovgrundlag"), max_length=255, blank=True)
    min_antal_kriterier = models.PositiveSmallIntegerField(_("mindste antal opfyldte kriterier"), default=2)
    a_uden_beskaeftigelse_pct = models.DecimalField(
        _("A: uden tilknytning til arbejdsmarked/uddannelse, over (%)"), max_digits=5, decimal_places=2
    )
    b_doemte_faktor = models.DecimalField(
        _("B: dømte, mindst × landsgennemsnit"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    b_doemte_pct = models.DecimalField(
        _("B: dømte, over (% af beboere 18+)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    c_kun_grundskole_pct = models.DecimalField(
        _("C: kun grundskole, over (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    d_indkomst_pct = models.DecimalField(
        _("D: gennemsnitlig bruttoindkomst, under (% af regionen)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
    )
    min_beboere = models.PositiveIntegerField(_("mindste antal beboere"), default=1000)
    ikke_vestlig_parallelsamfund_pct = models.DecimalField(
        _("ikke-vestlig baggrund for parallelsamfund, over (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
    )
    omdannelse_aar = models.PositiveSmallIntegerField(
        _("år som parallelsamfund før omdannelsesområde"), null=True, blank=True
    )
    forebyggelse_ikke_vestlig_pct = models.DecimalField(
        _("forebyggelsesområde: ikke-vestlig baggrund, over (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
    )
    forebyggelse_a_pct = models.DecimalField(
        _("forebyggelsesområde: A over (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    forebyggelse_b_faktor = models.DecimalField(
        _("forebyggelsesområde: B mindst × landsgennemsnit"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
    )
    forebyggelse_c_pct = models.DecimalField(
        _("forebyggelsesområde: C over (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    forebyggelse_d_pct = models.DecimalField(
        _("forebyggelsesområde: D under (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    kategorier = models.JSONField(
        _("kategoriregler"),
        default=dict,
        blank=True,
        help_text=_(
            "Hvilke kategorier der gælder, og hvordan de afgøres af kriterierne. "
            "Se README: Statutory area criteria."
        ),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kriteriesæt")
        verbose_name_plural = _("kriteriesæt")
        ordering = ["-gyldig_fra"]

    def __str__(self) -> str:
        return self.navn


class Omraadestatus(models.Model):
    """A boligområde's statutory criteria values and category for one list year."""

    class Kategori(models.TextChoices):
        INGEN = "ingen", _("Ikke på listerne")
        FOREBYGGELSE = "forebyggelse", _("Forebyggelsesområde")
        UDSAT = "udsat", _("Udsat boligområde")
        PARALLELSAMFUND = "parallelsamfund", _("Parallelsamfund")
        OMDANNELSE = "omdannelse", _("Omdannelsesområde")

    boligomraade = models.ForeignKey(
        "helhedsplaner.Boligomraade",
        on_delete=models.CASCADE,
        related_name="omraadestatus",
        verbose_name=_("boligområde"),
    )
    aar = models.PositiveSmallIntegerField(_("listeår"))
    kriteriesaet = models.ForeignKey(
        Kriteriesaet,
        on_delete=models.PROTECT,
        related_name="omraadestatus",
        verbose_name=_("kriteriesæt"),
    )
    antal_beboere = models.PositiveIntegerField(_("antal beboere"), null=True, blank=True)
    a_uden_beskaeftigelse_pct = models.DecimalField(
        _("A (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    b_doemte_faktor = models.DecimalField(
        _("B (× landsgennemsnit)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    c_kun_grundskole_pct = models.DecimalField(
        _("C (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    d_indkomst_pct = models.DecimalField(
        _("D (% af regionen)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    ikke_vestlig_pct = models.DecimalField(
        _("ikke-vestlig baggrund (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    kategori = models.CharField(_("kategori"), max_length=16, choices=Kategori.choices)
    b_doemte_pct = models.DecimalField(
        _("B: dømte (% af beboere 18+)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    kategorier = models.JSONField(
        _("kategorier (ja/nej/uafgjort)"),
        default=dict,
        blank=True,
        help_text=_("Klassifikationens resultat pr. kategori: true, false eller null (uafgjort)."),
    )
    import_batch = models.ForeignKey(
        ImportBatch,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("importkørsel"),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("områdestatus")
        verbose_name_plural = _("områdestatus")
        ordering = ["boligomraade", "-aar"]
        constraints = [
            models.UniqueConstraint(fields=["boligomraade", "aar"], name="omraadestatus_unik_pr_aar"),
        ]

    def __str__(self) -> str:
        return f"{self.boligomraade} {self.aar}: {self.get_kategori_display()}"


class Landsgennemsnit(models.Model):
    """The national average share of convicted residents for one year (criterion B)."""

    aar = models.PositiveSmallIntegerField(_("år"), unique=True)
    doemte_pct = models.DecimalField(
        _("dømte, landsgennemsnit (% af beboere 18+)"), max_digits=5, decimal_places=3
    )
    kilde = models.CharField(_("kilde"), max_length=255, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("landsgennemsnit")
        verbose_name_plural = _("landsgennemsnit")
        ordering = ["-aar"]

    def __str__(self) -> str:
        return f"{self.aar}: {self.doemte_pct} %"


# --- Computed snapshots: written only by the recompute job, read by dashboards ----------


class Sporstatus(models.TextChoices):
    PAA_SPORET = "paa_sporet", _("På sporet")
    I_RISIKO = "i_risiko", _("I risiko")
    IKKE_PAA_SPORET = "ikke_paa_sporet", _("Ikke på sporet")
    INGEN_DATA = "ingen_data", _("Ingen data")


class KriteriestatusQuerySet(models.QuerySet):
    def for_plan(self, plan_id: int) -> KriteriestatusQuerySet:
        return self.filter(helhedsplan_id=plan_id).select_related(
            "succeskriterie__indikator", "indsatsomraade"
        )


class Kriteriestatus(models.Model):
    """Snapshot: one success criterion in one completed period."""

    helhedsplan = models.ForeignKey(
        "helhedsplaner.Helhedsplan",
        on_delete=models.CASCADE,
        related_name="kriteriestatus",
        verbose_name=_("helhedsplan"),
    )
    succeskriterie = models.ForeignKey(
        "helhedsplaner.Succeskriterie",
        on_delete=models.CASCADE,
        related_name="status_snapshots",
        verbose_name=_("succeskriterie"),
    )
    indsatsomraade = models.ForeignKey(
        "helhedsplaner.Indsatsomraade",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("indsatsområde"),
    )
    periode_start = models.DateField(_("periode fra"))
    periode_slut = models.DateField(_("periode til"))
    faktisk = models.DecimalField(_("faktisk værdi"), max_digits=16, decimal_places=3, null=True)
    baseline = models.DecimalField(_("baseline"), max_digits=16, decimal_places=3, null=True)
    maal = models.DecimalField(_("måltal"), max_digits=16, decimal_places=3, null=True)
    forventet = models.DecimalField(_("forventet værdi"), max_digits=16, decimal_places=3, null=True)
    tolerance = models.DecimalField(_("tolerance"), max_digits=16, decimal_places=3, null=True)
    status = models.CharField(_("status"), max_length=16, choices=Sporstatus.choices)
    data_til = models.DateField(_("seneste data til"), null=True)
    # The agreement version whose baseline, target, dates and tolerance judged this period:
    # the one in force at the period's end (README, "Monitoring: calculation rules").
    samarbejdsaftale = models.ForeignKey(
        "helhedsplaner.Samarbejdsaftale",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("samarbejdsaftale (version)"),
    )

    objects = KriteriestatusQuerySet.as_manager()

    class Meta:
        verbose_name = _("succeskriteriestatus")
        verbose_name_plural = _("succeskriteriestatus")
        ordering = ["helhedsplan", "periode_start", "succeskriterie"]
        constraints = [
            models.UniqueConstraint(
                fields=["succeskriterie", "periode_start"], name="kriteriestatus_unik_pr_periode"
            ),
        ]
        indexes = [models.Index(fields=["helhedsplan", "periode_start"], name="kriteriestatus_plan_periode")]

    def __str__(self) -> str:
        return f"{self.succeskriterie_id} {self.periode_start}: {self.get_status_display()}"


class Statusoversigt(models.Model):
    """Snapshot: counts of criteria per status in one period, per indsatsområde or overall
    (``indsatsomraade`` empty)."""

    helhedsplan = models.ForeignKey(
        "helhedsplaner.Helhedsplan",
        on_delete=models.CASCADE,
        related_name="statusoversigter",
        verbose_name=_("helhedsplan"),
    )
    indsatsomraade = models.ForeignKey(
        "helhedsplaner.Indsatsomraade",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("indsatsområde"),
    )
    periode_start = models.DateField(_("periode fra"))
    periode_slut = models.DateField(_("periode til"))
    paa_sporet = models.PositiveIntegerField(_("på sporet"), default=0)
    i_risiko = models.PositiveIntegerField(_("i risiko"), default=0)
    ikke_paa_sporet = models.PositiveIntegerField(_("ikke på sporet"), default=0)
    ingen_data = models.PositiveIntegerField(_("ingen data"), default=0)

    class Meta:
        verbose_name = _("statusoversigt")
        verbose_name_plural = _("statusoversigter")
        ordering = ["helhedsplan", "periode_start", "indsatsomraade"]
        constraints = [
            models.UniqueConstraint(
                fields=["helhedsplan", "periode_start", "indsatsomraade"],
                condition=Q(indsatsomraade__isnull=False),
                name="statusoversigt_unik_pr_omraade",
            ),
            models.UniqueConstraint(
                fields=["helhedsplan", "periode_start"],
                condition=Q(indsatsomraade__isnull=True),
                name="statusoversigt_unik_samlet",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.helhedsplan_id} {self.periode_start}"


class Planberegning(models.Model):
    """Per plan: the cache generation dashboards key on, bumped after each recompute,
    a fingerprint of the snapshot rows (identical input gives an identical fingerprint) and
    one of the inputs they were computed from."""

    helhedsplan = models.OneToOneField(
        "helhedsplaner.Helhedsplan",
        on_delete=models.CASCADE,
        related_name="beregning",
        verbose_name=_("helhedsplan"),
    )
    generation = models.PositiveIntegerField(_("cachegeneration"), default=0)
    beregnet = models.DateTimeField(_("beregnet"), null=True, blank=True)
    fingeraftryk = models.CharField(_("fingeraftryk"), max_length=64, blank=True)
    # The stamp of the inputs the stored snapshots were computed from (monitorering.inputs);
    # the nightly run skips the plan while it is unchanged. Blank: unknown, never skipped.
    inddata = models.CharField(_("inddatas fingeraftryk"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("planberegning")
        verbose_name_plural = _("planberegninger")

    def __str__(self) -> str:
        return f"{self.helhedsplan_id}: generation {self.generation}"


class JobQuerySet(models.QuerySet):
    def for_plan(self, plan_id: int) -> JobQuerySet:
        return self.filter(helhedsplan_id=plan_id).select_related("import_batch")

    def recent(self, limit: int = 50) -> JobQuerySet:
        return self.order_by("-oprettet", "-id")[:limit]


class Job(models.Model):
    """One recompute, verification or import run, as shown in the job table."""

    class Type(models.TextChoices):
        GENBEREGNING = "genberegning", _("Genberegning af plan")
        GENBEREGN_ALLE = "genberegn_alle", _("Genberegning af alle planer")
        KONTROL = "kontrol", _("Kontrol af snapshots")
        IMPORT = "import", _("Import af målinger")

    class Status(models.TextChoices):
        I_KOE = "i_koe", _("I kø")
        KOERER = "koerer", _("Kører")
        FAERDIG = "faerdig", _("Færdig")
        FEJLET = "fejlet", _("Fejlet")

    type = models.CharField(_("type"), max_length=16, choices=Type.choices)
    helhedsplan = models.ForeignKey(
        "helhedsplaner.Helhedsplan",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="beregningsjob",
        verbose_name=_("helhedsplan"),
    )
    import_batch = models.ForeignKey(
        ImportBatch,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="job",
        verbose_name=_("importkørsel"),
    )
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.I_KOE)
    forsoeg = models.PositiveSmallIntegerField(_("forsøg"), default=0)
    oprettet = models.DateTimeField(_("oprettet"), default=timezone.now)
    startet = models.DateTimeField(_("startet"), null=True, blank=True)
    afsluttet = models.DateTimeField(_("afsluttet"), null=True, blank=True)
    varighed = models.FloatField(_("varighed (s)"), null=True, blank=True)
    fremskridt = models.PositiveSmallIntegerField(_("fremskridt (%)"), default=0)
    besked = models.CharField(_("besked"), max_length=255, blank=True)
    fejl = models.TextField(_("fejl"), blank=True)

    objects = JobQuerySet.as_manager()

    class Meta:
        verbose_name = _("job")
        verbose_name_plural = _("job")
        ordering = ["-oprettet", "-id"]
        indexes = [models.Index(fields=["helhedsplan", "-oprettet"], name="job_plan_oprettet")]

    def __str__(self) -> str:
        return f"{self.get_type_display()} ({self.get_status_display()})"

    @property
    def aktiv(self) -> bool:
        return self.status in {self.Status.I_KOE, self.Status.KOERER}
