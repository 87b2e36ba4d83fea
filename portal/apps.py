from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "portal"
    verbose_name = _("Portal")

    def ready(self) -> None:
        # Login logging, session clocks and ending a deactivated user's sessions (signals).
        from portal import auth, sessions  # noqa: F401
