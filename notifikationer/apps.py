from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotifikationerConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "notifikationer"
    verbose_name = _("Notifikationer")

    def ready(self) -> None:
        from .events import connect

        connect()
