"""The practice under a delaftale: delmål, milestones, activities, their registrations
and participant counts."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from helhedsplaner import limits

from .agreements import Delaftale, StrategiskMaal
from .reference import Maalgruppe, Samarbejdspartner


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
        _("timer"), max_digits=7, decimal_places=2, default=0, validators=limits.bounded(0, limits.MAX_TIMER)
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
            models.CheckConstraint(
                condition=Q(timer__lte=limits.MAX_TIMER), name="registrering_timer_graense"
            ),
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
    antal = models.PositiveIntegerField(
        _("antal deltagere"), validators=[MaxValueValidator(limits.MAX_DELTAGERE)]
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("deltagertal")
        verbose_name_plural = _("deltagertal")
        constraints = [
            models.UniqueConstraint(
                fields=["registrering", "maalgruppe"], name="deltagertal_unikt_pr_maalgruppe"
            ),
            models.CheckConstraint(condition=Q(antal__gte=0), name="deltagertal_ikke_negativt"),
            models.CheckConstraint(condition=Q(antal__lte=limits.MAX_DELTAGERE), name="deltagertal_graense"),
        ]

    def __str__(self) -> str:
        return f"{self.maalgruppe}: {self.antal}"
