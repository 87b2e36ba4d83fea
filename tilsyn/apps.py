from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TilsynConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "tilsyn"
    verbose_name = _("Tilsyn (LBF)")

    def ready(self) -> None:
        from .admin import protect_history_admin

        protect_history_admin()
