"""Reference data the plans are built from: regions, indsatsområder, funding rounds,
kommuner and their forvaltninger, housing organisations, areas and afdelinger, target
groups and partners."""

from __future__ import annotations

from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from helhedsplaner import limits


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
    start_aar = models.PositiveSmallIntegerField(
        _("første år"), validators=limits.bounded(limits.MIN_AAR, limits.MAX_AAR)
    )
    slut_aar = models.PositiveSmallIntegerField(
        _("sidste år"), validators=limits.bounded(limits.MIN_AAR, limits.MAX_AAR)
    )
    regulativ_dato = models.DateField(_("regulativ vedtaget"), null=True, blank=True)
    vejledning_dato = models.DateField(_("vejledning dateret"), null=True, blank=True)
    min_medfinansiering_pct = models.DecimalField(
        _("mindste lokale medfinansiering (%)"),
        max_digits=5,
        decimal_places=2,
        default=25,
        validators=limits.bounded(0, limits.MAX_PROCENT),
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
            limits.between(
                "start_aar", limits.MIN_AAR, limits.MAX_AAR, "bevillingsperiode_start_aar_graenser"
            ),
            limits.between("slut_aar", limits.MIN_AAR, limits.MAX_AAR, "bevillingsperiode_slut_aar_graenser"),
            limits.between(
                "min_medfinansiering_pct", 0, limits.MAX_PROCENT, "bevillingsperiode_medfinansiering_graenser"
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
    antal_beboere = models.PositiveIntegerField(
        _("antal beboere"), null=True, blank=True, validators=[MaxValueValidator(limits.MAX_BEBOERE)]
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("boligområde")
        verbose_name_plural = _("boligområder")
        ordering = ["navn"]
        constraints = [
            models.UniqueConstraint(fields=["kommune", "navn"], name="boligomraade_unikt_pr_kommune"),
            limits.between("antal_beboere", 0, limits.MAX_BEBOERE, "boligomraade_antal_beboere_graenser"),
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
    antal_boliger = models.PositiveIntegerField(
        _("antal boliger"), null=True, blank=True, validators=[MaxValueValidator(limits.MAX_BOLIGER)]
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("afdeling")
        verbose_name_plural = _("afdelinger")
        ordering = ["boligorganisation__navn", "nummer"]
        constraints = [
            models.UniqueConstraint(
                fields=["boligorganisation", "nummer"], name="afdeling_unik_pr_organisation"
            ),
            limits.between("antal_boliger", 0, limits.MAX_BOLIGER, "afdeling_antal_boliger_graenser"),
        ]

    def __str__(self) -> str:
        return f"{self.navn} ({self.boligorganisation}, afd. {self.nummer})"


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

    # Each plan keeps its own catalogue: what one projektleder types is offered in that
    # plan's activity form only (migration 0007 gave each plan a copy of the partners it used).
    helhedsplan = models.ForeignKey(
        "helhedsplaner.Helhedsplan",
        on_delete=models.CASCADE,
        related_name="samarbejdspartnere",
        verbose_name=_("helhedsplan"),
    )
    navn = models.CharField(_("navn"), max_length=160)
    type = models.CharField(_("type"), max_length=15, choices=Type.choices, default=Type.ANDET)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("samarbejdspartner")
        verbose_name_plural = _("samarbejdspartnere")
        ordering = ["navn"]
        constraints = [
            models.UniqueConstraint(fields=["helhedsplan", "navn"], name="samarbejdspartner_unik_pr_plan"),
        ]

    def __str__(self) -> str:
        return self.navn
