from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BestyrelserConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "bestyrelser"
    verbose_name = _("Bestyrelser og organer")

    def ready(self) -> None:
        from simple_history.signals import post_create_historical_record

        from . import versions

        post_create_historical_record.connect(versions.on_history_record, dispatch_uid="bestyrelser.versions")
