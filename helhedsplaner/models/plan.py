"""The plan itself (Helhedsplan, with the query for the plans a user may see) and its budget."""

from __future__ import annotations

from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from helhedsplaner import limits
from portal.access import active_membership_q, is_lbf_staff

from .reference import Afdeling, Bevillingsperiode, Boligomraade, Boligorganisation, Kommune


class HelhedsplanQuerySet(models.QuerySet):
    def visible_to(self, user) -> HelhedsplanQuerySet:
        """Plans the user may see: LBF staff and superusers see all; others the plans
        where they hold an active membership of one of the plan's bodies."""
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
        """The plan's lifecycle; who moves it and what each state allows is
        :mod:`helhedsplaner.lifecycle`."""

        KLADDE = "kladde", _("Kladde")
        SENDT = "sendt", _("Sendt til LBF")
        GODKENDT = "godkendt", _("Godkendt")
        I_GANG = "i_gang", _("I gang")
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
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.KLADDE)
    rapportfrist_dage = models.PositiveSmallIntegerField(
        _("frist for statusrapport (dage efter periodens udløb)"),
        default=30,
        validators=[MaxValueValidator(limits.MAX_RAPPORTFRIST_DAGE)],
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
            limits.between(
                "rapportfrist_dage", 0, limits.MAX_RAPPORTFRIST_DAGE, "helhedsplan_rapportfrist_graenser"
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
    aar = models.PositiveSmallIntegerField(_("år"), validators=limits.bounded(limits.MIN_AAR, limits.MAX_AAR))
    kilde = models.CharField(_("finansieringskilde"), max_length=20, choices=Kilde.choices)
    beloeb = models.DecimalField(
        _("beløb (kr.)"), max_digits=12, decimal_places=2, validators=limits.bounded(0, limits.MAX_BELOEB)
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
            models.CheckConstraint(
                condition=Q(beloeb__lte=limits.MAX_BELOEB), name="budgetpost_beloeb_graense"
            ),
            limits.between("aar", limits.MIN_AAR, limits.MAX_AAR, "budgetpost_aar_graenser"),
        ]

    def __str__(self) -> str:
        return f"{self.helhedsplan} {self.aar} {self.get_kilde_display()}"
