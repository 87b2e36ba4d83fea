"""Events of LBF's background exports that other apps may act on (notifications, say). Sent
after the commit (``helhedsplaner.signals.send_on_commit``) with ids only."""

from __future__ import annotations

from django.dispatch import Signal

#: A background export finished or failed: ``eksport_id``, ``ok`` (bool), ``user_id`` (who
#: ordered it), ``fejl`` (the reason when it failed).
export_finished = Signal()
