from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoreringConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "monitorering"
    verbose_name = _("Monitorering")
