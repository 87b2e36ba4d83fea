"""Notifications: who receives what (profiles and preferences), the in-app notices, the
sent-log with its idempotency key, and the calendar sequence of each meeting.

A *recipient* is a ``Modtagerprofil``: a person of a plan (``bestyrelser.Person``, with or
without a login) or a user without a person (LBF staff). Bounces, the calendar feed's secret
and the unsubscribe secret live here, not on the person (this app owns them).
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .kinds import KINDS


def new_token() -> str:
    return secrets.token_urlsafe(32)


KIND_CHOICES = [(k.code, k.label) for k in KINDS.values()]


class Modtagerprofil(models.Model):
    person = models.OneToOneField(
        "bestyrelser.Person",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="modtagerprofil",
        verbose_name=_("person"),
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="modtagerprofil",
        verbose_name=_("brugerkonto"),
    )
    sprog = models.CharField(_("sprog i e-mails"), max_length=5, choices=settings.LANGUAGES, default="da")
    afmeld_token = models.CharField(_("afmeldingsnøgle"), max_length=64, unique=True, default=new_token)
    kalender_token = models.CharField(_("kalendernøgle"), max_length=64, unique=True, default=new_token)
    afvist_adresse = models.EmailField(_("afvist adresse"), blank=True)
    afvist_tidspunkt = models.DateTimeField(_("adresse afvist"), null=True, blank=True)
    afvist_aarsag = models.CharField(_("årsag til afvisning"), max_length=500, blank=True)

    # The tokens are secret links: never kept in history (see portal.history.SECRET_FIELDS).
    history = HistoricalRecords(excluded_fields=["afmeld_token", "kalender_token"])

    class Meta:
        verbose_name = _("modtagerprofil")
        verbose_name_plural = _("modtagerprofiler")
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False) | Q(user__isnull=False), name="modtagerprofil_har_modtager"
            ),
        ]

    def __str__(self) -> str:
        if self.person_id:
            return str(self.person)
        return self.user.get_full_name() or self.user.get_username() if self.user else "?"

    @property
    def account(self):
        """The login of this recipient (None for a person without one)."""
        if self.user_id:
            return self.user
        return self.person.user if self.person is not None else None

    @property
    def address(self) -> str:
        """Where mail goes: the person's address, else the account's; "" when none."""
        if self.person is not None and self.person.email:
            return self.person.email
        account = self.account
        return (account.email if account is not None else "") or ""

    @property
    def bounced(self) -> bool:
        """The address we would use was refused permanently (a new address clears it)."""
        return bool(self.afvist_tidspunkt) and self.afvist_adresse.lower() == self.address.lower()


class Praeference(models.Model):
    class Levering(models.TextChoices):
        STRAKS = "straks", _("Med det samme")
        DAGLIG = "daglig", _("Samlet i en daglig oversigt")

    profil = models.ForeignKey(
        Modtagerprofil, on_delete=models.CASCADE, related_name="praeferencer", verbose_name=_("modtager")
    )
    art = models.CharField(_("slags"), max_length=30, choices=KIND_CHOICES)
    email = models.BooleanField(_("send e-mail"), default=True)
    levering = models.CharField(
        _("levering"), max_length=10, choices=Levering.choices, default=Levering.STRAKS
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("præference")
        verbose_name_plural = _("præferencer")
        constraints = [models.UniqueConstraint(fields=["profil", "art"], name="praeference_unik")]

    def __str__(self) -> str:
        return f"{self.profil}: {self.art}"


class Afsendelse(models.Model):
    """The sent-log: one row per notice to one recipient. Its key (art, objekt, modtager,
    anledning) is unique, so a rerun, a duplicate beat or a redelivered task never queues the
    same notice twice."""

    class Status(models.TextChoices):
        I_KOE = "i_koe", _("I kø")
        SAMLES = "samles", _("Venter på daglig oversigt")
        SENDT = "sendt", _("Sendt")
        KUN_I_PORTALEN = "kun_portal", _("Kun i portalen")
        FEJLET = "fejlet", _("Fejlet permanent")
        BORTFALDET = "bortfaldet", _("Bortfaldet (ingen adgang længere)")

    art = models.CharField(_("slags"), max_length=30, choices=KIND_CHOICES)
    objekt = models.CharField(_("objekt"), max_length=80, help_text=_("model:id"))
    profil = models.ForeignKey(
        Modtagerprofil, on_delete=models.CASCADE, related_name="afsendelser", verbose_name=_("modtager")
    )
    anledning = models.CharField(_("anledning"), max_length=80)
    helhedsplan = models.ForeignKey(
        "helhedsplaner.Helhedsplan",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("helhedsplan"),
    )
    adresse = models.EmailField(_("adresse"), blank=True)
    emne = models.CharField(_("emne"), max_length=255)
    tekst = models.TextField(_("tekst"))
    sti = models.CharField(_("link"), max_length=500, blank=True)
    vedhaeftning = models.TextField(_("kalendervedhæftning"), blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.I_KOE)
    oprettet = models.DateTimeField(_("oprettet"), default=timezone.now)
    forsoeg = models.PositiveSmallIntegerField(_("forsøg"), default=0)
    sendt = models.DateTimeField(_("sendt"), null=True, blank=True)
    fejl = models.TextField(_("fejl"), blank=True)
    oversigt = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="indhold",
        verbose_name=_("sendt i daglig oversigt"),
    )

    class Meta:
        verbose_name = _("afsendelse")
        verbose_name_plural = _("afsendelser")
        ordering = ["-oprettet", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["art", "objekt", "profil", "anledning"], name="afsendelse_idempotent"
            ),
        ]
        indexes = [models.Index(fields=["status", "profil"])]

    def __str__(self) -> str:
        return f"{self.art} {self.objekt} → {self.profil} ({self.anledning})"


class NotifikationQuerySet(models.QuerySet):
    def for_user(self, user) -> NotifikationQuerySet:
        return self.filter(modtager=user)

    def unread(self) -> NotifikationQuerySet:
        return self.filter(laest__isnull=True)


class Notifikation(models.Model):
    """The in-app notice: every notice to a recipient with a login, whether mailed or not."""

    modtager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifikationer",
        verbose_name=_("modtager"),
    )
    afsendelse = models.OneToOneField(
        Afsendelse, on_delete=models.CASCADE, related_name="notifikation", verbose_name=_("afsendelse")
    )
    art = models.CharField(_("slags"), max_length=30, choices=KIND_CHOICES)
    titel = models.CharField(_("titel"), max_length=255)
    tekst = models.TextField(_("tekst"))
    sti = models.CharField(_("link"), max_length=500, blank=True)
    oprettet = models.DateTimeField(_("oprettet"), default=timezone.now)
    laest = models.DateTimeField(_("læst"), null=True, blank=True)

    objects = NotifikationQuerySet.as_manager()

    class Meta:
        verbose_name = _("notifikation")
        verbose_name_plural = _("notifikationer")
        ordering = ["-oprettet", "-id"]
        indexes = [models.Index(fields=["modtager", "laest"])]

    def __str__(self) -> str:
        return self.titel


class Kalendersekvens(models.Model):
    """The iCalendar SEQUENCE of a meeting: bumped at every change mailed out, so calendars
    update the same event (same UID) instead of adding a new one."""

    moede = models.OneToOneField(
        "bestyrelser.Moede", on_delete=models.CASCADE, related_name="kalendersekvens", verbose_name=_("møde")
    )
    sekvens = models.PositiveIntegerField(_("sekvens"), default=0)

    class Meta:
        verbose_name = _("kalendersekvens")
        verbose_name_plural = _("kalendersekvenser")

    def __str__(self) -> str:
        return f"{self.moede_id}: {self.sekvens}"


class Organindstilling(models.Model):
    """Per body: how many days before a meeting the invited get the digest (default 5)."""

    organ = models.OneToOneField(
        "bestyrelser.Organ",
        on_delete=models.CASCADE,
        related_name="notifikationsindstilling",
        verbose_name=_("organ"),
    )
    dage_foer_moede = models.PositiveSmallIntegerField(
        _("dage før mødet"), default=5, help_text=_("Oversigten sendes så mange dage før mødet.")
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("notifikationsindstilling for organ")
        verbose_name_plural = _("notifikationsindstillinger for organer")
        constraints = [
            models.CheckConstraint(
                condition=Q(dage_foer_moede__lte=60), name="organindstilling_hoejst_60_dage"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organ}: {self.dage_foer_moede}"
