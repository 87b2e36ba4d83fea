from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "api"
    verbose_name = _("API")

    def ready(self) -> None:
        # The "Sikkerhed" page (portal) shows the user's API keys: portal may not import
        # this app, so the app registers its section there (portal.account_sections).
        from portal import account_sections

        from .views import security_section

        account_sections.register(
            account_sections.AccountSection("api_noegler", "api/security_section.html", security_section)
        )
