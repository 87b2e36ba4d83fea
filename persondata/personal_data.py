"""The personal-data registry: every field of every model, personal or not, and why.

``classify(model, field)`` answers with a :class:`Klassifikation` (personal or not, and a
short Danish category) or ``None`` when no rule covers the field; the meta-test
(``tests/persondata/test_personal_data.py``) fails listing every unclassified field of every
installed model, so a new field must be classified here before it can be merged.

The rules, in order:

1. ``FELTER``: explicit per model and field (wins over everything below).
2. Primary keys are not personal; a relation to a user or a person is a
   *personreference* (the row is about, or done by, that person); any other relation is not.
3. Historical models (django-simple-history) inherit the tracked model's classification;
   ``history_user`` is a person reference and ``history_change_reason`` free text.
4. ``UDEN_PERSONDATA``: models whose fields are all non-personal (catalogues, snapshots,
   configuration).
5. ``PERSONMODELLER`` (the rows describe a person: account, membership, login records):
   every other field must be listed in ``FELTER``, nothing is inferred.
6. In any other model, numbers, dates, booleans and coded values (choices) are not
   personal; text is personal only if listed, or if the model is in ``FRI_TEKST_MODELLER``
   (user-written plan content: every text field may mention a person by name).

Labels of models that are not installed (django-axes, django-otp) may be listed; they
are classified when the app arrives. The anonymiser (``persondata.gdpr``) rewrites a person's
name, e-mail, phone and username in every field classified as personal text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import models

# Categories (Danish, shown in the register and the docs).
INGEN = "ingen"
NAVN = "navn"
KONTAKT = "kontakt"
FRI_TEKST = "fri tekst"
PERSONREFERENCE = "personreference"
KONTO = "brugerkonto"
HEMMELIGHED = "hemmelighed"
LOGIN = "login-log"
SESSION = "session"
ROLLE = "rolle og tilknytning"
FROSSET = "frosset kopi"

NON_PERSONAL = {INGEN}


@dataclass(frozen=True)
class Klassifikation:
    kategori: str
    regel: str

    @property
    def personlig(self) -> bool:
        return self.kategori not in NON_PERSONAL


PERSON_LABELS = {"bestyrelser.Person", settings.AUTH_USER_MODEL}

UDEN_PERSONDATA = {
    "auth.Permission",
    "auth.Group",
    "contenttypes.ContentType",
    "django_celery_beat.SolarSchedule",
    "django_celery_beat.IntervalSchedule",
    "django_celery_beat.ClockedSchedule",
    "django_celery_beat.CrontabSchedule",
    "django_celery_beat.PeriodicTasks",
    "django_celery_beat.PeriodicTask",
    "helhedsplaner.Indsatsomraade",
    "helhedsplaner.Bevillingsperiode",
    "helhedsplaner.Kommune",
    "helhedsplaner.Forvaltning",
    "helhedsplaner.Boligorganisation",
    "helhedsplaner.Boligomraade",
    "helhedsplaner.Afdeling",
    "helhedsplaner.Helhedsplan",
    "helhedsplaner.Maalgruppe",
    "helhedsplaner.Samarbejdspartner",
    "helhedsplaner.Deltagertal",
    "monitorering.Indikator",
    "monitorering.Kriteriesaet",
    "monitorering.Omraadestatus",
    "monitorering.Landsgennemsnit",
    "monitorering.Kriteriestatus",
    "monitorering.Statusoversigt",
    "monitorering.Planberegning",
    "tilsyn.Planoversigt",
    "enighed.Spoergsmaal",
    "enighed.Analyse",
    "enighed.Enighedsresultat",
    "enighed.Niveauforskel",
    # Anonymous by design: no person, user, time or history (see enighed/models.py).
    "enighed.Besvarelse",
    # The task outbox (task names, ids as arguments, broker errors) and worker heartbeats
    # (host names of our own machines).
    "portal.Udbakke",
    "portal.Hjerteslag",
    # The database's cache namespace: one random key (portal.cache).
    "portal.Cachenavnerum",
    # A meeting's calendar sequence number; a body's days-before-meeting setting.
    "notifikationer.Kalendersekvens",
    "notifikationer.Organindstilling",
}

FRI_TEKST_MODELLER = {
    "helhedsplaner.Budgetpost",
    "helhedsplaner.Samarbejdsaftale",
    "helhedsplaner.StrategiskMaal",
    "helhedsplaner.Succeskriterie",
    "helhedsplaner.Delaftale",
    "helhedsplaner.Delmaal",
    "helhedsplaner.Milepael",
    "helhedsplaner.Aktivitet",
    "helhedsplaner.Aktivitetsregistrering",
    "helhedsplaner.Statusrapport",
    "helhedsplaner.Delmaalstatus",
    "bestyrelser.Organ",
    "bestyrelser.Moede",
    "bestyrelser.Dagsordenspunkt",
    "bestyrelser.Bilag",
    "bestyrelser.Beslutning",
    "bestyrelser.Handlingspunkt",
    "bestyrelser.Kommentar",
    "monitorering.Maaling",
    "monitorering.Job",
    "tilsyn.Fund",
    "helhedsplaner.Maalaendring",
    "helhedsplaner.Delaftaleversion",
    "enighed.Enighedsmaaling",
}

PERSONMODELLER = {
    "auth.User",
    "bestyrelser.Person",
    "bestyrelser.Medlemskab",
    "bestyrelser.Moededeltagelse",
    "enighed.Invitation",
    "notifikationer.Modtagerprofil",
    "sessions.Session",
    "admin.LogEntry",
    "axes.AccessAttempt",
    "axes.AccessLog",
    "axes.AccessFailureLog",
    "axes.AccessAttemptExpiration",
    "otp_totp.TOTPDevice",
    "otp_static.StaticDevice",
    "otp_static.StaticToken",
    "api.ApiNoegle",
}

_AXES_BASE = {
    "user_agent": LOGIN,
    "ip_address": LOGIN,
    "username": KONTO,
    "http_accept": LOGIN,
    "path_info": LOGIN,
    "attempt_time": LOGIN,
}
_OTP_BASE = {
    "name": FRI_TEKST,
    "confirmed": KONTO,
    "created_at": LOGIN,
    "last_used_at": LOGIN,
    "throttling_failure_timestamp": LOGIN,
    "throttling_failure_count": LOGIN,
}

FELTER: dict[str, dict[str, str]] = {
    "auth.User": {
        "password": HEMMELIGHED,
        "last_login": LOGIN,
        "is_superuser": KONTO,
        "username": KONTO,
        "first_name": NAVN,
        "last_name": NAVN,
        "email": KONTAKT,
        "is_staff": KONTO,
        "is_active": KONTO,
        "date_joined": KONTO,
    },
    "sessions.Session": {"session_key": SESSION, "session_data": SESSION, "expire_date": SESSION},
    "admin.LogEntry": {
        "action_time": LOGIN,
        "object_id": INGEN,
        "object_repr": FRI_TEKST,  # str() of the object: a person's name for Person/User
        "action_flag": INGEN,
        "change_message": FRI_TEKST,
    },
    "bestyrelser.Person": {"navn": NAVN, "stilling": ROLLE, "email": KONTAKT, "telefon": KONTAKT},
    "bestyrelser.Medlemskab": {
        "rolle": ROLLE,
        "repraesenterer": ROLLE,
        "organisation": ROLLE,
        "niveau": ROLLE,
        "fra": ROLLE,
        "til": ROLLE,
    },
    "bestyrelser.Moededeltagelse": {"status": ROLLE},
    # The frozen pack holds names: comment authors, attendees, who is responsible for an action
    # item (see bestyrelser/dashboard.py and bestyrelser/boardpack.py).
    "bestyrelser.Boardpack": {"frigivet_tidspunkt": INGEN, "data": FROSSET},
    # Notifications: who gets what (a person's settings, bounces and secret links) and the
    # notices themselves (their text may name people; the sent-log holds the address used).
    "notifikationer.Modtagerprofil": {
        "sprog": KONTO,
        "afmeld_token": HEMMELIGHED,
        "kalender_token": HEMMELIGHED,
        "afvist_adresse": KONTAKT,
        "afvist_tidspunkt": KONTAKT,
        "afvist_aarsag": FRI_TEKST,
    },
    "notifikationer.Afsendelse": {
        "objekt": INGEN,
        "anledning": INGEN,
        "adresse": KONTAKT,
        "emne": FRI_TEKST,
        "tekst": FRI_TEKST,
        "sti": INGEN,
        "vedhaeftning": FRI_TEKST,
        "fejl": FRI_TEKST,
    },
    "notifikationer.Notifikation": {"titel": FRI_TEKST, "tekst": FRI_TEKST, "sti": INGEN},
    "enighed.Invitation": {
        "niveau": ROLLE,
        "organisationstype": ROLLE,
        "noegle": HEMMELIGHED,
        "token_hash": HEMMELIGHED,
        "sendt": ROLLE,
        "paamindelser": ROLLE,
        "sidst_paamindet": ROLLE,
        "besvaret": ROLLE,
    },
    # Free text of an anonymous response: never linked to a person, but may name one.
    "enighed.Svar": {"tekst": FRI_TEKST},
    "monitorering.ImportBatch": {
        "filnavn": FRI_TEKST,
        "kilde": FRI_TEKST,
        "fejl": FRI_TEKST,
        "tidligere": FRI_TEKST,
    },
    # Staged rows of a previewed import: codes, ids, numbers and the free "note" column.
    "monitorering.Importraekke": {"note": FRI_TEKST, "maal": FRI_TEKST, "indikator": INGEN},
    "tilsyn.Eksport": {"parametre": FRI_TEKST, "fil": FRI_TEKST, "fejl": FRI_TEKST},
    # Pre-registered: django-axes and django-otp (classified when installed).
    "axes.AccessAttempt": {
        **_AXES_BASE,
        "get_data": LOGIN,
        "post_data": LOGIN,
        "failures_since_start": LOGIN,
    },
    "axes.AccessLog": {**_AXES_BASE, "logout_time": LOGIN, "session_hash": SESSION},
    "axes.AccessFailureLog": {**_AXES_BASE, "locked_out": LOGIN},
    "axes.AccessAttemptExpiration": {"expires_at": LOGIN},
    "otp_totp.TOTPDevice": {
        **_OTP_BASE,
        "key": HEMMELIGHED,
        "step": INGEN,
        "t0": INGEN,
        "digits": INGEN,
        "tolerance": INGEN,
        "drift": INGEN,
        "last_t": LOGIN,
    },
    "otp_static.StaticDevice": dict(_OTP_BASE),
    # A personal API key: its name is the owner's own text; only a hash of the key is kept.
    "api.ApiNoegle": {
        "bruger": PERSONREFERENCE,
        "navn": FRI_TEKST,
        "praefiks": HEMMELIGHED,
        "noegle_hash": HEMMELIGHED,
        "oprettet": LOGIN,
        "udloeber": KONTO,
        "sidst_brugt": LOGIN,
        "tilbagekaldt": KONTO,
    },
    "otp_static.StaticToken": {"token": HEMMELIGHED},
}

HISTORY_FIELDS = {
    "history_id": INGEN,
    "history_date": INGEN,
    "history_type": INGEN,
    "history_change_reason": FRI_TEKST,
    "history_user": PERSONREFERENCE,
    "history_relation": INGEN,
}

SCALAR_TYPES = (
    models.BooleanField,
    models.IntegerField,
    models.DecimalField,
    models.FloatField,
    models.DateField,  # DateTimeField too
    models.TimeField,
    models.DurationField,
    models.UUIDField,
)
TEXT_TYPES = (models.CharField, models.TextField, models.JSONField, models.FileField)


def label(model: Any) -> str:
    return model._meta.label


def tracked_model(model: Any) -> Any:
    """The model a simple-history model records, or None."""
    return getattr(model, "instance_type", None) if hasattr(model, "history_object") else None


def _is_person_relation(field: Any) -> bool:
    return (
        field.is_relation and field.related_model is not None and label(field.related_model) in PERSON_LABELS
    )


def classify(model: Any, field: Any) -> Klassifikation | None:
    """How ``field`` of ``model`` is classified, or None when no rule covers it."""
    lbl, name = label(model), field.name
    explicit = FELTER.get(lbl, {})
    if name in explicit:
        return Klassifikation(explicit[name], f"{lbl}.{name}")
    if field.primary_key and not field.is_relation:
        return Klassifikation(INGEN, "primærnøgle")
    if field.is_relation:
        if _is_person_relation(field):
            return Klassifikation(PERSONREFERENCE, "relation til person/bruger")
        return Klassifikation(INGEN, "relation")
    tracked = tracked_model(model)
    if tracked is not None:
        if name in HISTORY_FIELDS:
            return Klassifikation(HISTORY_FIELDS[name], "historik")
        try:
            original = tracked._meta.get_field(name)
        except Exception:  # noqa: BLE001 - a field only the history has
            return None
        found = classify(tracked, original)
        return None if found is None else Klassifikation(found.kategori, f"historik af {found.regel}")
    if lbl in UDEN_PERSONDATA:
        return Klassifikation(INGEN, "model uden persondata")
    if lbl in PERSONMODELLER:
        return None
    if isinstance(field, SCALAR_TYPES) or (isinstance(field, models.CharField) and field.choices):
        return Klassifikation(INGEN, "tal, dato eller kodet værdi")
    if lbl in FRI_TEKST_MODELLER and isinstance(field, TEXT_TYPES):
        return Klassifikation(FRI_TEKST, "brugerskrevet tekst")
    return None


def model_fields(model: Any) -> list[Any]:
    """The stored fields of a model (columns and many-to-many links)."""
    return [f for f in model._meta.get_fields() if f.concrete]


def registry(models_: list[Any] | None = None) -> list[dict]:
    """One row per field of every installed model: label, field, personal, category, rule."""
    rows = []
    for model in models_ or apps.get_models(include_auto_created=True):
        for f in model_fields(model):
            found = classify(model, f)
            rows.append(
                {
                    "model": label(model),
                    "felt": f.name,
                    "personlig": None if found is None else found.personlig,
                    "kategori": None if found is None else found.kategori,
                    "regel": None if found is None else found.regel,
                }
            )
    return rows


def unclassified() -> list[str]:
    return [f"{r['model']}.{r['felt']}" for r in registry() if r["kategori"] is None]


def personal_text_fields() -> list[tuple[Any, Any]]:
    """Every stored text field that may hold a person's name or contact data: the fields
    the anonymiser rewrites (sessions and secrets are handled separately)."""
    out: list[tuple[Any, Any]] = []
    for model in apps.get_models():
        for f in model_fields(model):
            # File paths are left alone: rewriting one would orphan the stored file.
            if not isinstance(f, TEXT_TYPES) or isinstance(f, models.FileField) or f.primary_key or f.choices:
                continue
            found = classify(model, f)
            if found is not None and found.kategori in {NAVN, KONTAKT, FRI_TEKST, FROSSET, ROLLE, KONTO}:
                out.append((model, f))
    return out
