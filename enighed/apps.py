from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EnighedConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "enighed"
    verbose_name = _("Enighedsmåling")
