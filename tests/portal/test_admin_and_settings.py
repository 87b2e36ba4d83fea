import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse

from tests.bestyrelser.factories import UserFactory
from tests.helhedsplaner.factories import build_chain


@pytest.mark.django_db
def test_every_model_has_a_working_admin_changelist_and_add_page(client, plan_a):
    build_chain(plan_a, activities=2)
    superuser = UserFactory(username="admin", is_staff=True, is_superuser=True)
    client.force_login(superuser)
    request = RequestFactory().get("/")
    request.user = superuser
    for model, model_admin in admin.site._registry.items():
        meta = model._meta
        pages = ["changelist"]
        if model_admin.has_add_permission(request):  # computed and frozen rows have none
            pages.append("add")
        for page in pages:
            url = reverse(f"admin:{meta.app_label}_{meta.model_name}_{page}")
            assert client.get(url).status_code == 200, url


@pytest.mark.django_db
def test_admin_registers_every_domain_model():
    from django.apps import apps

    registered = set(admin.site._registry)
    for label in ("helhedsplaner", "bestyrelser", "monitorering", "tilsyn", "enighed"):
        for model in apps.get_app_config(label).get_models():
            if model.__name__.startswith("Historical"):
                continue
            assert model in registered, model


def test_prod_settings_refuse_to_start_without_required_environment():
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS", "CELERY_BROKER_URL"}
    }
    env["DJANGO_SETTINGS_MODULE"] = "portal.settings.prod"
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    for name in ("SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS", "CELERY_BROKER_URL"):
        assert name in result.stderr


def test_prod_settings_start_with_the_environment_set():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.prod",
        "SECRET_KEY": "x" * 50,
        "DATABASE_URL": "postgres://portal@db.example:5432/portal",
        "ALLOWED_HOSTS": "portal.example.dk",
        "CELERY_BROKER_URL": "redis://redis.example:6379/0",
    }
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.DATABASES['default']['ENGINE'], s.CELERY_TASK_ALWAYS_EAGER, s.DEBUG)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["django.db.backends.postgresql", "False", "False"]


def test_celery_uses_json_only():
    assert settings.CELERY_ACCEPT_CONTENT == ["json"]
    assert settings.CELERY_TASK_SERIALIZER == settings.CELERY_RESULT_SERIALIZER == "json"
