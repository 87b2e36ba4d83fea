from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HelhedsplanerConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "helhedsplaner"
    verbose_name = _("Helhedsplaner")
