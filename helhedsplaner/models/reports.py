"""Status reports per delaftale and the delmål statuses reported in them."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .agreements import Delaftale
from .practice import Delmaal


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

    @property
    def tilstand(self) -> str:
        """The state as every page names it: see :func:`report_state_label`."""
        return report_state_label(self.status, self.returkommentar)

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


def report_state_label(status: str, returkommentar: str = "") -> str:
    """A status report's state as every page names it (the status badge, the board pack):
    approved reports are locked, and a draft the board or group sent back is "Returneret"."""
    S = Statusrapport.Status
    if status in Statusrapport.APPROVED_STATES:
        return str(_("Godkendt og låst"))
    if status == S.ACCEPTERET:
        return str(_("Accepteret – afventer bestyrelsen"))
    if status == S.INDSENDT:
        return str(_("Indsendt"))
    return str(_("Returneret")) if returkommentar else str(_("Kladde"))
