"""The nightly retention task (``CELERY_BEAT_SCHEDULE["portal-retention-nightly"]``)."""

from celery import shared_task

from . import retention as service


# The name predates this app; beat's schedule (settings and django-celery-beat's table) uses it.
@shared_task(name="portal.retention", soft_time_limit=1800, time_limit=1900, acks_late=True)
def retention() -> dict:
    """Nightly: delete expired sessions, old login records, old import rows and exports."""
    return service.retention_run()
