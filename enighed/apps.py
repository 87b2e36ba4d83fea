from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EnighedConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "enighed"
    verbose_name = _("Enighedsmåling")

    def ready(self) -> None:
        # Imported here: models may be imported only once the app registry is ready.
        from bestyrelser.sections import register

        from .dashboard_section import SECTION

        register(SECTION)  # the survey's section on the board's dashboard
