"""Landsbyggefonden's audit: compliance findings and summary rows per plan (computed by
the audit job, read by the overview) and export jobs. Agreement and delaftale versions
(``Delaftaleversion``, ``Maalaendring``) belong to helhedsplaner.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Alvor(models.TextChoices):
    FEJL = "fejl", _("Brud på krav")
    ADVARSEL = "advarsel", _("Advarsel")


class Fund(models.Model):
    """One compliance finding of one rule on one plan. Written only by the audit job,
    which replaces a plan's findings as a whole."""

    helhedsplan = models.ForeignKey(
        "helhedsplaner.Helhedsplan",
        on_delete=models.CASCADE,
        related_name="tilsynsfund",
        verbose_name=_("helhedsplan"),
    )
    regel = models.CharField(_("regel"), max_length=60)
    alvor = models.CharField(_("alvor"), max_length=10, choices=Alvor.choices, default=Alvor.FEJL)
    besked = models.TextField(_("forklaring"))
    link = models.CharField(_("link til rettelse"), max_length=300, blank=True)
    beregnet = models.DateTimeField(_("beregnet"), default=timezone.now)

    class Meta:
        verbose_name = _("tilsynsfund")
        verbose_name_plural = _("tilsynsfund")
        ordering = ["helhedsplan", "regel", "id"]
        indexes = [models.Index(fields=["helhedsplan", "regel"], name="fund_plan_regel")]

    def __str__(self) -> str:
        return f"{self.regel}: {self.besked[:60]}"


class Planoversigt(models.Model):
    """Summary row of one plan for LBF's overview, replaced by the audit job."""

    helhedsplan = models.OneToOneField(
        "helhedsplaner.Helhedsplan",
        on_delete=models.CASCADE,
        related_name="tilsynsoversigt",
        verbose_name=_("helhedsplan"),
    )
    antal_fund = models.PositiveIntegerField(_("fund"), default=0)
    antal_brud = models.PositiveIntegerField(_("brud på krav"), default=0)
    rapporter_overskredet = models.PositiveIntegerField(_("rapporter over fristen"), default=0)
    regler_med_fund = models.JSONField(_("regler med fund"), default=list, blank=True)
    beregnet = models.DateTimeField(_("beregnet"), default=timezone.now)

    class Meta:
        verbose_name = _("planoversigt")
        verbose_name_plural = _("planoversigter")

    def __str__(self) -> str:
        return f"{self.helhedsplan_id}: {self.antal_fund}"


class Eksport(models.Model):
    """A large export made in the background, with progress and the finished file."""

    class Art(models.TextChoices):
        OVERSIGT = "oversigt", _("Oversigt over planer")
        RESULTATER = "resultater", _("Resultattabel")
        AKTIVITETER = "aktiviteter", _("Aktiviteter og registreringer")
        HISTORIK = "historik", _("Revisionsspor")

    class Format(models.TextChoices):
        XLSX = "xlsx", "Excel (.xlsx)"
        CSV = "csv", "CSV"

    class Status(models.TextChoices):
        I_KOE = "i_koe", _("I kø")
        KOERER = "koerer", _("Kører")
        FAERDIG = "faerdig", _("Færdig")
        FEJLET = "fejlet", _("Fejlet")

    art = models.CharField(_("art"), max_length=12, choices=Art.choices)
    format = models.CharField(_("format"), max_length=4, choices=Format.choices)
    parametre = models.JSONField(_("parametre"), default=dict, blank=True)
    helhedsplan = models.ForeignKey(
        "helhedsplaner.Helhedsplan",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("helhedsplan"),
    )
    bestilt_af = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("bestilt af")
    )
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.I_KOE)
    fremskridt = models.PositiveSmallIntegerField(_("fremskridt (%)"), default=0)
    antal_raekker = models.PositiveIntegerField(_("rækker"), default=0)
    fil = models.FileField(_("fil"), upload_to="eksporter/%Y/%m/", blank=True)
    fejl = models.TextField(_("fejl"), blank=True)
    oprettet = models.DateTimeField(_("oprettet"), default=timezone.now)
    afsluttet = models.DateTimeField(_("afsluttet"), null=True, blank=True)

    class Meta:
        verbose_name = _("eksport")
        verbose_name_plural = _("eksporter")
        ordering = ["-oprettet", "-id"]

    def __str__(self) -> str:
        return f"{self.get_art_display()} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        return reverse("tilsyn:eksport_detail", kwargs={"pk": self.pk})

    @property
    def aktiv(self) -> bool:
        return self.status in {self.Status.I_KOE, self.Status.KOERER}

    @property
    def kun_lbf(self) -> bool:
        """Only LBF may order (and be told of) this export: the overview, or the whole portal's
        audit trail."""
        whole_trail = self.art == self.Art.HISTORIK and self.helhedsplan_id is None
        return self.art == self.Art.OVERSIGT or whole_trail
