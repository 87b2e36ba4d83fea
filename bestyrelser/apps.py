from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BestyrelserConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "bestyrelser"
    verbose_name = _("Bestyrelser og organer")
