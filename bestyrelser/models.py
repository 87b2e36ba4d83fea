"""People, bodies (the board, steering/follow groups, fora), memberships and meetings.

Memberships are also where roles come from: see ``portal.access``.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from helhedsplaner.models import Forvaltning


class Person(models.Model):
    navn = models.CharField(_("navn"), max_length=160)
    stilling = models.CharField(_("stilling"), max_length=160, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    telefon = models.CharField(_("telefon"), max_length=30, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
        verbose_name=_("brugerkonto"),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("personer")
        ordering = ["navn"]

    def __str__(self) -> str:
        return self.navn


class Forvaltningsomraade(models.Model):
    """A further fagområde a forvaltning covers besides its main one (``Forvaltning.omraade``):
    Beskæftigelses- og Socialforvaltningen has beskæftigelse as its main area and social
    here. What a forvaltning covers is data, read by ``Forvaltning.omraader()``; the board-
    composition check asks that, never the forvaltning's name."""

    forvaltning = models.ForeignKey(
        Forvaltning, on_delete=models.CASCADE, related_name="fagomraader", verbose_name=_("forvaltning")
    )
    omraade = models.CharField(_("fagområde"), max_length=20, choices=Forvaltning.Omraade.choices)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("øvrigt fagområde")
        verbose_name_plural = _("øvrige fagområder")
        ordering = ["forvaltning", "omraade"]
        constraints = [
            models.UniqueConstraint(fields=["forvaltning", "omraade"], name="forvaltningsomraade_unikt"),
        ]

    def __str__(self) -> str:
        return f"{self.forvaltning.navn}: {self.get_omraade_display()}"


class Organ(models.Model):
    """A body of a plan. ``rapporterer_til`` is the styringsstreng; ``daekker`` names
    the delaftaler the body follows."""

    class Type(models.TextChoices):
        BESTYRELSE = "bestyrelse", _("Boligsocial bestyrelse")
        STYREGRUPPE = "styregruppe", _("Styregruppe")
        FOELGEGRUPPE = "foelgegruppe", _("Følgegruppe")
        ARBEJDSGRUPPE = "arbejdsgruppe", _("Arbejdsgruppe")
        POLITISK_FORUM = "politisk_forum", _("Politisk forum")
        BEBOERFORUM = "beboerforum", _("Beboerforum")
        SAMARBEJDSRAAD = "samarbejdsraad", _("Samarbejdsråd")

    # The groups below the board that follow delaftaler and accept their status reports.
    GROUP_TYPES = (Type.STYREGRUPPE, Type.FOELGEGRUPPE, Type.ARBEJDSGRUPPE)

    helhedsplan = models.ForeignKey(
        "helhedsplaner.Helhedsplan",
        on_delete=models.CASCADE,
        related_name="organer",
        verbose_name=_("helhedsplan"),
    )
    navn = models.CharField(_("navn"), max_length=160)
    type = models.CharField(_("type"), max_length=20, choices=Type.choices)
    rapporterer_til = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="underorganer",
        verbose_name=_("rapporterer til"),
    )
    daekker = models.ManyToManyField(
        "helhedsplaner.Delaftale",
        related_name="organer",
        blank=True,
        verbose_name=_("følger delaftaler"),
    )
    kommissorium = models.TextField(_("kommissorium"), blank=True)
    moeder_pr_aar = models.PositiveSmallIntegerField(_("planlagte møder pr. år"), null=True, blank=True)

    history = HistoricalRecords(m2m_fields=[daekker])

    class Meta:
        verbose_name = _("organ")
        verbose_name_plural = _("organer")
        ordering = ["helhedsplan", "type", "navn"]
        constraints = [
            models.UniqueConstraint(
                fields=["helhedsplan"],
                condition=Q(type="bestyrelse"),
                name="organ_en_bestyrelse_pr_plan",
            ),
            models.UniqueConstraint(fields=["helhedsplan", "navn"], name="organ_unikt_navn_pr_plan"),
        ]

    def __str__(self) -> str:
        return self.navn

    def clean(self) -> None:
        if self.rapporterer_til is not None:
            if self.pk and self.rapporterer_til_id == self.pk:
                raise ValidationError({"rapporterer_til": _("Et organ kan ikke rapportere til sig selv.")})
            if self.rapporterer_til.helhedsplan_id != self.helhedsplan_id:
                raise ValidationError(
                    {"rapporterer_til": _("Organet skal rapportere til et organ i samme helhedsplan.")}
                )


class Medlemskab(models.Model):
    class Rolle(models.TextChoices):
        FORMAND = "formand", _("Formand")
        NAESTFORMAND = "naestformand", _("Næstformand/medformand")
        MEDLEM = "medlem", _("Medlem")
        SEKRETAER = "sekretaer", _("Sekretær")
        PROJEKTLEDER = "projektleder", _("Projektleder")

    class Repraesenterer(models.TextChoices):
        KOMMUNE = "kommune", _("Kommune")
        BOLIGORGANISATION = "boligorganisation", _("Boligorganisation")
        POLITI = "politi", _("Politi")
        BEBOERDEMOKRATI = "beboerdemokrati", _("Beboerdemokrati")
        POLITIKER = "politiker", _("Politiker")
        ERHVERV = "erhverv", _("Erhverv")
        SEKRETARIAT = "sekretariat", _("Boligsocialt sekretariat")
        ANDET = "andet", _("Andet")

    class Niveau(models.TextChoices):
        DIREKTOER = "direktoer", _("Direktør")
        CHEF = "chef", _("Chef")
        LEDER = "leder", _("Leder")
        MEDARBEJDER = "medarbejder", _("Medarbejder")
        POLITIKER = "politiker", _("Politiker")
        BEBOER = "beboer", _("Beboer")

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="medlemskaber", verbose_name=_("person")
    )
    organ = models.ForeignKey(
        Organ, on_delete=models.CASCADE, related_name="medlemskaber", verbose_name=_("organ")
    )
    rolle = models.CharField(_("rolle"), max_length=15, choices=Rolle.choices, default=Rolle.MEDLEM)
    repraesenterer = models.CharField(_("repræsenterer"), max_length=20, choices=Repraesenterer.choices)
    forvaltning = models.ForeignKey(
        "helhedsplaner.Forvaltning",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="medlemskaber",
        verbose_name=_("forvaltning"),
    )
    boligorganisation = models.ForeignKey(
        "helhedsplaner.Boligorganisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="medlemskaber",
        verbose_name=_("boligorganisation"),
    )
    organisation = models.CharField(
        _("organisation (andre)"),
        max_length=160,
        blank=True,
        help_text=_(
            "Fx politikreds, forening eller virksomhed, når det ikke er kommune eller boligorganisation."
        ),
    )
    niveau = models.CharField(_("niveau"), max_length=15, choices=Niveau.choices)
    fra = models.DateField(_("fra"))
    til = models.DateField(_("til"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("medlemskab")
        verbose_name_plural = _("medlemskaber")
        ordering = ["organ", "rolle", "person__navn"]
        constraints = [
            models.CheckConstraint(
                condition=Q(til__isnull=True) | Q(til__gte=F("fra")), name="medlemskab_til_efter_fra"
            ),
            models.CheckConstraint(
                condition=~Q(repraesenterer="kommune") | Q(forvaltning__isnull=False),
                name="medlemskab_kommune_har_forvaltning",
            ),
            models.CheckConstraint(
                condition=~Q(repraesenterer="boligorganisation") | Q(boligorganisation__isnull=False),
                name="medlemskab_boligorganisation_angivet",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.get_rolle_display()} i {self.organ}"

    @property
    def repraesentation(self) -> str:
        """Who the member represents, in words (forvaltning, organisation or kind)."""
        if self.forvaltning is not None:
            return self.forvaltning.navn
        if self.boligorganisation is not None:
            return self.boligorganisation.navn
        return self.organisation or self.get_repraesenterer_display()


class Referatstatus(models.TextChoices):
    KLADDE = "kladde", _("Kladde")
    UDSENDT = "udsendt", _("Udsendt til godkendelse")
    GODKENDT = "godkendt", _("Godkendt og låst")


class Moede(models.Model):
    class Status(models.TextChoices):
        PLANLAGT = "planlagt", _("Planlagt")
        AFHOLDT = "afholdt", _("Afholdt")
        AFLYST = "aflyst", _("Aflyst")

    organ = models.ForeignKey(Organ, on_delete=models.CASCADE, related_name="moeder", verbose_name=_("organ"))
    tidspunkt = models.DateTimeField(_("tidspunkt"))
    sted = models.CharField(_("sted"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PLANLAGT)
    referat = models.TextField(_("referat (generelt)"), blank=True)
    referat_status = models.CharField(
        _("referatets status"), max_length=10, choices=Referatstatus.choices, default=Referatstatus.KLADDE
    )
    referat_udsendt_tidspunkt = models.DateTimeField(_("referat udsendt"), null=True, blank=True)
    referat_godkendt_af = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("referat godkendt af"),
    )
    referat_godkendt_tidspunkt = models.DateTimeField(_("referat godkendt"), null=True, blank=True)
    revision = models.PositiveIntegerField(_("revision"), default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("møde")
        verbose_name_plural = _("møder")
        ordering = ["-tidspunkt"]
        # A body's meetings newest first (the meeting list, LBF's "last board meeting"): one
        # backward index scan instead of reading and sorting every meeting of the body.
        indexes = [models.Index(fields=["organ", "tidspunkt"], name="moede_organ_tidspunkt")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(referat_status="godkendt") | Q(referat_godkendt_tidspunkt__isnull=False),
                name="moede_godkendt_referat_har_tidspunkt",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organ} {self.tidspunkt:%d.%m.%Y}"

    def get_absolute_url(self) -> str:
        return reverse(
            "bestyrelser:moede_detail", kwargs={"pk": self.organ.helhedsplan_id, "moede_pk": self.pk}
        )

    @property
    def referat_laast(self) -> bool:
        return self.referat_status == Referatstatus.GODKENDT


class Moededeltagelse(models.Model):
    class Status(models.TextChoices):
        DELTAGER = "deltager", _("Deltager")
        AFBUD = "afbud", _("Afbud")
        FRAVAER = "fravaer", _("Fravær uden afbud")

    moede = models.ForeignKey(
        Moede, on_delete=models.CASCADE, related_name="deltagelser", verbose_name=_("møde")
    )
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="moededeltagelser", verbose_name=_("person")
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DELTAGER)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("mødedeltagelse")
        verbose_name_plural = _("mødedeltagelser")
        constraints = [
            models.UniqueConstraint(fields=["moede", "person"], name="moededeltagelse_unik"),
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.get_status_display()}"


class Dagsordenspunkt(models.Model):
    class Type(models.TextChoices):
        BESLUTNING = "beslutning", _("Til beslutning")
        ORIENTERING = "orientering", _("Til orientering")
        DROEFTELSE = "droeftelse", _("Til drøftelse")

    moede = models.ForeignKey(
        Moede, on_delete=models.CASCADE, related_name="dagsordenspunkter", verbose_name=_("møde")
    )
    nummer = models.PositiveSmallIntegerField(_("punkt nr."))
    titel = models.CharField(_("titel"), max_length=255)
    type = models.CharField(_("type"), max_length=12, choices=Type.choices)
    indstilling = models.TextField(_("indstilling"), blank=True)
    referat = models.TextField(_("referat"), blank=True)
    opfoelgning_paa: models.ManyToManyField[Handlingspunkt, Any] = models.ManyToManyField(
        "Handlingspunkt",
        blank=True,
        related_name="opfoelgninger",
        verbose_name=_("opfølgning på handlingspunkter"),
    )
    strategiske_maal = models.ManyToManyField(
        "helhedsplaner.StrategiskMaal",
        blank=True,
        related_name="dagsordenspunkter",
        verbose_name=_("strategiske mål"),
    )
    delaftaler = models.ManyToManyField(
        "helhedsplaner.Delaftale",
        blank=True,
        related_name="dagsordenspunkter",
        verbose_name=_("delaftaler"),
    )
    indikatorer = models.ManyToManyField(
        "monitorering.Indikator",
        blank=True,
        related_name="dagsordenspunkter",
        verbose_name=_("indikatorer"),
    )

    history = HistoricalRecords(m2m_fields=[strategiske_maal, delaftaler, indikatorer, opfoelgning_paa])

    class Meta:
        verbose_name = _("dagsordenspunkt")
        verbose_name_plural = _("dagsordenspunkter")
        ordering = ["moede", "nummer"]
        constraints = [
            models.UniqueConstraint(fields=["moede", "nummer"], name="dagsordenspunkt_unikt_nummer"),
        ]

    def __str__(self) -> str:
        return f"{self.nummer}. {self.titel}"


class Bilag(models.Model):
    dagsordenspunkt = models.ForeignKey(
        Dagsordenspunkt,
        on_delete=models.CASCADE,
        related_name="bilag",
        verbose_name=_("dagsordenspunkt"),
    )
    titel = models.CharField(_("titel"), max_length=255)
    fil = models.FileField(_("fil"), upload_to="bilag/%Y/")
    uploadet = models.DateTimeField(_("uploadet"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("bilag")
        verbose_name_plural = _("bilag")
        ordering = ["dagsordenspunkt", "titel"]

    def __str__(self) -> str:
        return self.titel


class Beslutning(models.Model):
    dagsordenspunkt = models.ForeignKey(
        Dagsordenspunkt,
        on_delete=models.CASCADE,
        related_name="beslutninger",
        verbose_name=_("dagsordenspunkt"),
    )
    tekst = models.TextField(_("beslutning"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("beslutning")
        verbose_name_plural = _("beslutninger")
        ordering = ["dagsordenspunkt", "id"]

    def __str__(self) -> str:
        return self.tekst[:80]


class Handlingspunkt(models.Model):
    class Status(models.TextChoices):
        AABEN = "aaben", _("Åben")
        I_GANG = "i_gang", _("I gang")
        UDFOERT = "udfoert", _("Udført")
        ANNULLERET = "annulleret", _("Annulleret")

    dagsordenspunkt = models.ForeignKey(
        Dagsordenspunkt,
        on_delete=models.CASCADE,
        related_name="handlingspunkter",
        verbose_name=_("dagsordenspunkt"),
    )
    beslutning = models.ForeignKey(
        Beslutning,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="handlingspunkter",
        verbose_name=_("beslutning"),
    )
    tekst = models.CharField(_("handling"), max_length=255)
    ansvarlig = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        related_name="handlingspunkter",
        verbose_name=_("ansvarlig"),
    )
    frist = models.DateField(_("frist"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.AABEN)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("handlingspunkt")
        verbose_name_plural = _("handlingspunkter")
        ordering = ["frist"]

    def __str__(self) -> str:
        return self.tekst

    @property
    def aaben(self) -> bool:
        return self.status in (self.Status.AABEN, self.Status.I_GANG)


class Boardpack(models.Model):
    """The papers for one meeting, frozen when released: a copy of the dashboard data
    (snapshot values, narratives, statuses) as it was, so it reads the same a year later."""

    moede = models.OneToOneField(
        Moede, on_delete=models.PROTECT, related_name="boardpack", verbose_name=_("møde")
    )
    frigivet_af = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("frigivet af")
    )
    frigivet_tidspunkt = models.DateTimeField(_("frigivet"))
    data = models.JSONField(_("indhold (frosset)"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("mødepakke")
        verbose_name_plural = _("mødepakker")
        ordering = ["-frigivet_tidspunkt"]

    def __str__(self) -> str:
        return _("Mødepakke til %(moede)s") % {"moede": self.moede}


class Kommentar(models.Model):
    """A board member's question on a success criterion, or the answer to one."""

    succeskriterie = models.ForeignKey(
        "helhedsplaner.Succeskriterie",
        on_delete=models.CASCADE,
        related_name="kommentarer",
        verbose_name=_("succeskriterie"),
    )
    svar_paa = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="svar",
        verbose_name=_("svar på"),
    )
    forfatter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("forfatter")
    )
    tekst = models.TextField(_("tekst"))
    oprettet = models.DateTimeField(_("oprettet"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kommentar")
        verbose_name_plural = _("kommentarer")
        ordering = ["oprettet"]

    def __str__(self) -> str:
        return self.tekst[:80]


class Indholdsversion(models.Model):
    """A counter per plan, bumped in the same transaction as every change to a row the
    board's dashboard shows (:mod:`bestyrelser.versions`), so the cached dashboard of one plan
    is invalidated by changes to that plan only, in every process.

    The plan is a plain id, not a foreign key: a change written while the plan itself is being
    deleted may bump it after the cascade removed the plan's rows, and a left-over counter of a
    deleted plan costs nothing."""

    helhedsplan_id = models.BigIntegerField(_("helhedsplan"), primary_key=True)
    version = models.BigIntegerField(_("version"), default=0)

    class Meta:
        verbose_name = _("indholdsversion")
        verbose_name_plural = _("indholdsversioner")

    def __str__(self) -> str:
        return f"{self.helhedsplan_id}: {self.version}"
