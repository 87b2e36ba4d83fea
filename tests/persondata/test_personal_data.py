"""The personal-data registry covers every field of every installed model."""

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models

from bestyrelser.models import Person
from enighed.models import Besvarelse
from persondata import personal_data as pd


def test_every_field_of_every_installed_model_is_classified():
    missing = pd.unclassified()
    assert missing == [], (
        "Unclassified fields; classify them in persondata/personal_data.py (personal or not, and a "
        "category):\n  " + "\n  ".join(missing)
    )


def test_registry_names_only_fields_that_exist_in_installed_models():
    stale = []
    for lbl, fields in pd.FELTER.items():
        try:
            model = apps.get_model(lbl)
        except LookupError:
            continue  # pre-registered, not installed (django-axes, django-otp)
        names = {f.name for f in pd.model_fields(model)}
        stale += [f"{lbl}.{name}" for name in fields if name not in names]
    for lbl in pd.UDEN_PERSONDATA | pd.FRI_TEKST_MODELLER | pd.PERSONMODELLER:
        if "." not in lbl:
            stale.append(lbl)
    assert stale == []


def test_person_and_account_fields_are_personal_and_history_follows_the_model():
    User = get_user_model()
    assert pd.classify(Person, Person._meta.get_field("navn")).kategori == pd.NAVN
    assert pd.classify(Person, Person._meta.get_field("email")).kategori == pd.KONTAKT
    historical = Person.history.model
    assert pd.classify(historical, historical._meta.get_field("telefon")).kategori == pd.KONTAKT
    assert pd.classify(historical, historical._meta.get_field("history_user")).kategori == pd.PERSONREFERENCE
    assert pd.classify(User, User._meta.get_field("password")).kategori == pd.HEMMELIGHED
    assert not pd.classify(Besvarelse, Besvarelse._meta.get_field("niveau")).personlig


def test_a_new_text_field_on_a_person_model_is_reported_unclassified():
    field = models.CharField(max_length=20)
    field.set_attributes_from_name("kaldenavn")
    assert pd.classify(Person, field) is None


def test_axes_and_otp_models_are_pre_registered():
    for lbl in ("axes.AccessAttempt", "axes.AccessLog", "axes.AccessFailureLog", "otp_totp.TOTPDevice"):
        assert lbl in pd.FELTER and lbl in pd.PERSONMODELLER
    assert pd.FELTER["axes.AccessAttempt"]["ip_address"] == pd.LOGIN
    assert pd.FELTER["otp_totp.TOTPDevice"]["key"] == pd.HEMMELIGHED
