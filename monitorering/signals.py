"""Events of imports that other apps may act on (notifications, say). Sent after the commit
(``helhedsplaner.signals.send_on_commit``) with ids only."""

from __future__ import annotations

from django.dispatch import Signal

#: An import finished or failed: ``batch_id``, ``ok`` (bool), ``user_id`` (who started it),
#: ``fejl`` (the reason when it failed).
import_finished = Signal()
