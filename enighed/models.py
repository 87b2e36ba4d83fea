"""Enighedsmåling: a short survey of agreement on the area's problems and on their
solutions, within and between the strategic and the practical level (DOMAIN.md §0).

Anonymity is structural. A :class:`Besvarelse` (response) and its :class:`Svar` rows carry
the respondent's level and organisation type and nothing else: no person, no user, no
invitation, no timestamp, no history (django-simple-history would record the logged-in
respondent as ``history_user``) and random UUID keys, so neither a foreign key, a column nor
the order of ids links a response to a person. The :class:`Invitation` only records *that*
its person has answered, which is what stops a second answer.

Analysis results are snapshots (:class:`Analyse`, :class:`Enighedsresultat`,
:class:`Niveauforskel`), replaced whole by each run; a group below
:data:`MIN_RESPONDENTER` is stored as suppressed, without any number, so no page or export
can show it.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from bestyrelser.models import Medlemskab

#: Fewest respondents in a group for any result of that group to be shown.
MIN_RESPONDENTER = 3
#: Response options of every rating question (1-5).
SKALA_MIN = 1
SKALA_MAX = 5


class Niveau(models.TextChoices):
    STRATEGISK = "strategisk", _("Strategisk niveau")
    PRAKTISK = "praktisk", _("Praktisk niveau")
    FORUM = "forum", _("Politiske fora og beboerfora")


class Blok(models.TextChoices):
    PROBLEM = "problem", _("Problemer")
    LOESNING = "loesning", _("Løsninger")


class Enighedsmaaling(models.Model):
    class Status(models.TextChoices):
        KLADDE = "kladde", _("Kladde")
        AABEN = "aaben", _("Åben for besvarelse")
        LUKKET = "lukket", _("Lukket")

    helhedsplan = models.ForeignKey(
        "helhedsplaner.Helhedsplan",
        on_delete=models.CASCADE,
        related_name="enighedsmaalinger",
        verbose_name=_("helhedsplan"),
    )
    titel = models.CharField(_("titel"), max_length=200)
    runde = models.PositiveSmallIntegerField(_("runde (år)"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.KLADDE)
    lukkedato = models.DateField(_("lukkedato"), help_text=_("Sidste dag, der kan svares."))
    inkluder_fora = models.BooleanField(
        _("medtag politiske fora og beboerfora"),
        default=False,
        help_text=_("Fora inviteres som en tredje gruppe ved siden af de to niveauer."),
    )
    oprettet_af = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("oprettet af"),
    )
    oprettet = models.DateTimeField(_("oprettet"), auto_now_add=True)
    aabnet = models.DateTimeField(_("åbnet"), null=True, blank=True)
    lukket = models.DateTimeField(_("lukket"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("enighedsmåling")
        verbose_name_plural = _("enighedsmålinger")
        ordering = ["helhedsplan", "-runde"]
        constraints = [
            models.UniqueConstraint(fields=["helhedsplan", "runde"], name="enighedsmaaling_en_pr_runde"),
            models.CheckConstraint(
                condition=Q(status="kladde") | Q(aabnet__isnull=False),
                name="enighedsmaaling_aaben_har_tidspunkt",
            ),
            models.CheckConstraint(
                condition=~Q(status="lukket") | Q(lukket__isnull=False),
                name="enighedsmaaling_lukket_har_tidspunkt",
            ),
        ]

    def __str__(self) -> str:
        return self.titel

    def get_absolute_url(self) -> str:
        return reverse("enighed:maaling_detail", kwargs={"maaling_pk": self.pk})


class Spoergsmaal(models.Model):
    """One question, generated from the plan and editable while the survey is a draft."""

    class Type(models.TextChoices):
        VIGTIGHED = "vigtighed", _("Problemets vigtighed")
        ADRESSERER = "adresserer", _("Delmålet adresserer problemet")
        OPBAKNING = "opbakning", _("Opbakning til aktiviteterne")
        FRITEKST = "fritekst", _("Fritekst")

    maaling = models.ForeignKey(
        Enighedsmaaling, on_delete=models.CASCADE, related_name="spoergsmaal", verbose_name=_("måling")
    )
    nummer = models.PositiveSmallIntegerField(_("nummer"))
    type = models.CharField(_("type"), max_length=12, choices=Type.choices)
    emne = models.CharField(
        _("emne"), max_length=300, help_text=_("Problemet eller delmålet, der spørges til.")
    )
    tekst = models.CharField(_("spørgsmål"), max_length=500)
    strategisk_maal = models.ForeignKey(
        "helhedsplaner.StrategiskMaal",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("strategisk mål"),
    )
    delmaal = models.ForeignKey(
        "helhedsplaner.Delmaal",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("delmål"),
    )
    indsatsomraade = models.ForeignKey(
        "helhedsplaner.Indsatsomraade",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("indsatsområde"),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("spørgsmål")
        verbose_name_plural = _("spørgsmål")
        ordering = ["maaling", "nummer"]
        constraints = [
            models.UniqueConstraint(fields=["maaling", "nummer"], name="spoergsmaal_unikt_nummer"),
        ]

    def __str__(self) -> str:
        return f"{self.nummer}. {self.emne}: {self.tekst}"

    @property
    def blok(self) -> str | None:
        return BLOK_FOR_TYPE.get(self.type)

    @property
    def er_skala(self) -> bool:
        return self.type != self.Type.FRITEKST


BLOK_FOR_TYPE: dict[str, str] = {
    Spoergsmaal.Type.VIGTIGHED: Blok.PROBLEM,
    Spoergsmaal.Type.ADRESSERER: Blok.LOESNING,
    Spoergsmaal.Type.OPBAKNING: Blok.LOESNING,
}


class Invitation(models.Model):
    """A personal invitation. The link's token is derived from ``noegle`` with the
    server's secret (see ``services.token_for``); the database holds only its SHA-256."""

    maaling = models.ForeignKey(
        Enighedsmaaling, on_delete=models.CASCADE, related_name="invitationer", verbose_name=_("måling")
    )
    person = models.ForeignKey(
        "bestyrelser.Person", on_delete=models.CASCADE, related_name="+", verbose_name=_("person")
    )
    niveau = models.CharField(_("niveau"), max_length=12, choices=Niveau.choices)
    organisationstype = models.CharField(
        _("organisationstype"), max_length=20, choices=Medlemskab.Repraesenterer.choices
    )
    noegle = models.CharField(_("nøgle"), max_length=64, unique=True, editable=False)
    token_hash = models.CharField(_("token (SHA-256)"), max_length=64, unique=True, editable=False)
    sendt = models.DateTimeField(_("sendt"), null=True, blank=True)
    paamindelser = models.PositiveSmallIntegerField(_("påmindelser"), default=0)
    sidst_paamindet = models.DateTimeField(_("sidst påmindet"), null=True, blank=True)
    besvaret = models.BooleanField(_("har svaret"), default=False)

    history = HistoricalRecords(excluded_fields=["noegle", "token_hash"])

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitationer")
        ordering = ["maaling", "niveau", "person__navn"]
        constraints = [
            models.UniqueConstraint(fields=["maaling", "person"], name="invitation_en_pr_person"),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_niveau_display()})"


class Besvarelse(models.Model):
    """One anonymous response: level and organisation type only (see the module docstring)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    maaling = models.ForeignKey(
        Enighedsmaaling, on_delete=models.CASCADE, related_name="besvarelser", verbose_name=_("måling")
    )
    niveau = models.CharField(_("niveau"), max_length=12, choices=Niveau.choices)
    organisationstype = models.CharField(
        _("organisationstype"), max_length=20, choices=Medlemskab.Repraesenterer.choices
    )

    class Meta:
        verbose_name = _("besvarelse")
        verbose_name_plural = _("besvarelser")
        ordering = ["maaling", "niveau", "id"]

    def __str__(self) -> str:
        return f"{self.maaling}: {self.get_niveau_display()}"


class Svar(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    besvarelse = models.ForeignKey(
        Besvarelse, on_delete=models.CASCADE, related_name="svar", verbose_name=_("besvarelse")
    )
    spoergsmaal = models.ForeignKey(
        Spoergsmaal, on_delete=models.CASCADE, related_name="svar", verbose_name=_("spørgsmål")
    )
    vaerdi = models.PositiveSmallIntegerField(_("værdi (1-5)"), null=True, blank=True)
    tekst = models.TextField(_("tekst"), blank=True)

    class Meta:
        verbose_name = _("svar")
        verbose_name_plural = _("svar")
        ordering = ["besvarelse", "spoergsmaal"]
        constraints = [
            models.UniqueConstraint(fields=["besvarelse", "spoergsmaal"], name="svar_et_pr_spoergsmaal"),
            models.CheckConstraint(
                condition=Q(vaerdi__isnull=True) | Q(vaerdi__gte=SKALA_MIN, vaerdi__lte=SKALA_MAX),
                name="svar_vaerdi_1_til_5",
            ),
            models.CheckConstraint(condition=Q(vaerdi__isnull=False) | ~Q(tekst=""), name="svar_har_indhold"),
        ]

    def __str__(self) -> str:
        return f"{self.spoergsmaal_id}: {self.vaerdi if self.vaerdi is not None else self.tekst[:40]}"


# Analysis snapshots -----------------------------------------------------------------------


class Analyse(models.Model):
    """When a survey's results were last computed, and on how many responses."""

    maaling = models.OneToOneField(
        Enighedsmaaling, on_delete=models.CASCADE, related_name="analyse", verbose_name=_("måling")
    )
    beregnet = models.DateTimeField(_("beregnet"))
    antal_inviterede = models.PositiveIntegerField(_("inviterede"))
    antal_besvarelser = models.PositiveIntegerField(_("besvarelser"))
    antal_pr_niveau = models.JSONField(_("besvarelser pr. niveau"), default=dict)

    class Meta:
        verbose_name = _("analyse")
        verbose_name_plural = _("analyser")

    def __str__(self) -> str:
        return f"{self.maaling} ({self.beregnet:%d.%m.%Y %H:%M})"


class Resultatniveau(models.TextChoices):
    """A group a result is computed over: one level, or strategic + practical pooled."""

    STRATEGISK = "strategisk", _("Strategisk niveau")
    PRAKTISK = "praktisk", _("Praktisk niveau")
    FORUM = "forum", _("Politiske fora og beboerfora")
    MELLEM = "mellem", _("Mellem niveauerne")


class Enighedsresultat(models.Model):
    """Mean, spread and agreement of one group, for one item, one block or one block
    within one indsatsområde. Suppressed rows hold no numbers (database-enforced)."""

    class Omfang(models.TextChoices):
        SPOERGSMAAL = "spoergsmaal", _("Spørgsmål")
        BLOK = "blok", _("Blok")
        INDSATSOMRAADE = "indsatsomraade", _("Blok i indsatsområde")

    maaling = models.ForeignKey(
        Enighedsmaaling, on_delete=models.CASCADE, related_name="resultater", verbose_name=_("måling")
    )
    niveau = models.CharField(_("gruppe"), max_length=12, choices=Resultatniveau.choices)
    omfang = models.CharField(_("omfang"), max_length=15, choices=Omfang.choices)
    blok = models.CharField(_("blok"), max_length=10, choices=Blok.choices)
    spoergsmaal = models.ForeignKey(
        Spoergsmaal,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("spørgsmål"),
    )
    indsatsomraade = models.ForeignKey(
        "helhedsplaner.Indsatsomraade",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("indsatsområde"),
    )
    n = models.PositiveIntegerField(_("antal svarpersoner"))
    antal_items = models.PositiveIntegerField(_("antal spørgsmål (J)"), default=1)
    undertrykt = models.BooleanField(_("undertrykt (for få svar)"), default=False)
    middel = models.FloatField(_("gennemsnit"), null=True, blank=True)
    spredning = models.FloatField(_("spredning (SD)"), null=True, blank=True)
    rwg = models.FloatField(_("r_wg / r_wg(J)"), null=True, blank=True)
    ad = models.FloatField(_("AD"), null=True, blank=True)

    class Meta:
        verbose_name = _("enighedsresultat")
        verbose_name_plural = _("enighedsresultater")
        ordering = ["maaling", "omfang", "blok", "niveau"]
        constraints = [
            models.CheckConstraint(
                condition=Q(undertrykt=False)
                | Q(middel__isnull=True, spredning__isnull=True, rwg__isnull=True, ad__isnull=True),
                name="enighedsresultat_undertrykt_uden_tal",
            ),
            models.CheckConstraint(
                condition=Q(undertrykt=True) | Q(n__gte=MIN_RESPONDENTER),
                name="enighedsresultat_mindst_3_svar",
            ),
            models.CheckConstraint(
                condition=Q(rwg__isnull=True) | Q(rwg__gte=0, rwg__lte=1), name="enighedsresultat_rwg_0_1"
            ),
            models.CheckConstraint(
                condition=~Q(omfang="spoergsmaal") | Q(spoergsmaal__isnull=False),
                name="enighedsresultat_spoergsmaal_angivet",
            ),
            models.CheckConstraint(
                condition=~Q(omfang="indsatsomraade") | Q(indsatsomraade__isnull=False),
                name="enighedsresultat_indsatsomraade_angivet",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.maaling} {self.omfang} {self.blok} {self.niveau}"


class Niveauforskel(models.Model):
    """The difference in means between two groups (a − b) with a 95 % Welch interval,
    for one item or (``spoergsmaal`` empty) one block of respondent block scores."""

    maaling = models.ForeignKey(
        Enighedsmaaling, on_delete=models.CASCADE, related_name="forskelle", verbose_name=_("måling")
    )
    blok = models.CharField(_("blok"), max_length=10, choices=Blok.choices)
    spoergsmaal = models.ForeignKey(
        Spoergsmaal,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("spørgsmål"),
    )
    niveau_a = models.CharField(_("gruppe a"), max_length=12, choices=Niveau.choices)
    niveau_b = models.CharField(_("gruppe b"), max_length=12, choices=Niveau.choices)
    n_a = models.PositiveIntegerField(_("antal a"))
    n_b = models.PositiveIntegerField(_("antal b"))
    undertrykt = models.BooleanField(_("undertrykt (for få svar)"), default=False)
    middel_a = models.FloatField(_("gennemsnit a"), null=True, blank=True)
    middel_b = models.FloatField(_("gennemsnit b"), null=True, blank=True)
    forskel = models.FloatField(_("forskel (a − b)"), null=True, blank=True)
    ci_lav = models.FloatField(_("95 %-interval, nedre"), null=True, blank=True)
    ci_hoej = models.FloatField(_("95 %-interval, øvre"), null=True, blank=True)
    abs_forskel = models.FloatField(_("gennemsnitlig absolut forskel pr. spørgsmål"), null=True, blank=True)

    class Meta:
        verbose_name = _("niveauforskel")
        verbose_name_plural = _("niveauforskelle")
        ordering = ["maaling", "blok", "niveau_a", "niveau_b"]
        constraints = [
            models.CheckConstraint(
                condition=Q(undertrykt=False)
                | Q(
                    middel_a__isnull=True,
                    middel_b__isnull=True,
                    forskel__isnull=True,
                    ci_lav__isnull=True,
                    ci_hoej__isnull=True,
                    abs_forskel__isnull=True,
                ),
                name="niveauforskel_undertrykt_uden_tal",
            ),
            models.CheckConstraint(
                condition=Q(undertrykt=True) | Q(n_a__gte=MIN_RESPONDENTER, n_b__gte=MIN_RESPONDENTER),
                name="niveauforskel_mindst_3_svar",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.maaling} {self.blok} {self.niveau_a}–{self.niveau_b}"
