from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PersondataConfig(AppConfig):
    """Personal data (GDPR): the field registry, a person's export and anonymisation, and the
    nightly retention. A top-layer app: it reads every app's models, no app imports it."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "persondata"
    verbose_name = _("Persondata")
