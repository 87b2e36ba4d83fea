"""Personal API keys: a user's named, revocable bearer tokens for the read API.

Only a SHA-256 hash of each key is stored (the key has 256 random bits, so a slow hash adds
nothing); the key itself is shown once, when it is created. ``praefiks`` (the first
characters) lets the owner tell keys apart in the list without storing the secret.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ApiNoegleQuerySet(models.QuerySet):
    def usable(self, now=None) -> ApiNoegleQuerySet:
        """Keys that authenticate now: not revoked, not expired, of an active user."""
        now = now or timezone.now()
        return self.filter(
            Q(udloeber__isnull=True) | Q(udloeber__gt=now), tilbagekaldt__isnull=True, bruger__is_active=True
        )


class ApiNoegle(models.Model):
    bruger = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_noegler",
        verbose_name=_("bruger"),
    )
    navn = models.CharField(_("navn"), max_length=100)
    praefiks = models.CharField(_("begyndelse"), max_length=16)
    noegle_hash = models.CharField(_("nøglens hash"), max_length=64, unique=True, editable=False)
    oprettet = models.DateTimeField(_("oprettet"), default=timezone.now)
    udloeber = models.DateTimeField(_("udløber"), null=True, blank=True)
    sidst_brugt = models.DateTimeField(_("sidst brugt"), null=True, blank=True)
    tilbagekaldt = models.DateTimeField(_("tilbagekaldt"), null=True, blank=True)

    objects = ApiNoegleQuerySet.as_manager()

    class Meta:
        verbose_name = _("API-nøgle")
        verbose_name_plural = _("API-nøgler")
        ordering = ["-oprettet", "-id"]

    def __str__(self) -> str:
        return f"{self.navn} ({self.praefiks}…)"

    @property
    def aktiv(self) -> bool:
        return self.tilbagekaldt is None and (self.udloeber is None or self.udloeber > timezone.now())
