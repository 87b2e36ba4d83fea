"""The Celery app. Configuration comes from Django settings (CELERY_*)."""

import os

from celery import Celery

from portal.requestid import connect_celery_signals

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")

app = Celery("portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
connect_celery_signals()  # request id, task id and name on every log record of a task
