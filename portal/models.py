"""Operational tables of the portal itself: the task outbox and the workers' heartbeats."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Udbakke(models.Model):
    """One Celery task to publish (the transactional outbox, `portal/outbox.py`).

    Written in the same transaction as the change that needs the task, so the task is never
    lost when the broker is down and never sent for a change that was rolled back. A row is
    *pending* until it is published (``sendt``); rows with the same ``noegle`` coalesce: at
    most one is pending at a time."""

    opgave = models.CharField(_("opgave"), max_length=200)
    noegle = models.CharField(_("nøgle"), max_length=200, blank=True)
    args = models.JSONField(_("argumenter"), default=list, blank=True)
    kwargs = models.JSONField(_("nøgleargumenter"), default=dict, blank=True)
    oprettet = models.DateTimeField(_("oprettet"), default=timezone.now)
    aendret = models.DateTimeField(_("ændret"), default=timezone.now)
    antal = models.PositiveIntegerField(_("antal ændringer"), default=1)
    sendt = models.DateTimeField(_("sendt"), null=True, blank=True)
    forsoeg = models.PositiveIntegerField(_("afsendelsesforsøg"), default=0)
    fejl = models.TextField(_("seneste fejl"), blank=True)
    besked = models.CharField(_("besked"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("udbakkepost")
        verbose_name_plural = _("udbakke")
        ordering = ["oprettet", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["noegle"],
                condition=Q(sendt__isnull=True) & ~Q(noegle=""),
                name="udbakke_en_ventende_pr_noegle",
            )
        ]
        indexes = [
            models.Index(fields=["oprettet"], condition=Q(sendt__isnull=True), name="udbakke_ventende")
        ]

    def __str__(self) -> str:
        return f"{self.opgave} {self.noegle}".strip()


class Hjerteslag(models.Model):
    """The last sign of life of one Celery worker (written at start-up and every minute by
    the beat task ``portal.heartbeat``); ``/readyz`` reads the newest."""

    vaert = models.CharField(_("worker"), max_length=200, unique=True)
    tidspunkt = models.DateTimeField(_("tidspunkt"), default=timezone.now)

    class Meta:
        verbose_name = _("hjerteslag")
        verbose_name_plural = _("hjerteslag")

    def __str__(self) -> str:
        return f"{self.vaert} {self.tidspunkt:%Y-%m-%d %H:%M:%S}"


class Cachenavnerum(models.Model):
    """A random id of this database, made once (:func:`portal.cache.namespace`): every cache
    key carries it, so a regenerated or different database never reads another's entries
    from a shared cache."""

    noegle = models.CharField(_("nøgle"), max_length=32, unique=True)

    class Meta:
        verbose_name = _("cachenavnerum")
        verbose_name_plural = _("cachenavnerum")

    def __str__(self) -> str:
        return self.noegle
