from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """Demo and load-test data: ``manage.py seed_demo`` (the loader in ``demo/loader/``) and
    ``manage.py load_users``. A top-layer app: it writes every app's models, no app imports it."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "demo"
    verbose_name = _("Demodata")
