"""Events of the plan's workflow that other apps may act on (notifications, say).

Sent by the services in ``helhedsplaner`` *after* the transaction that made the change has
committed (``send_on_commit``), with ids only, so a receiver never sees a change that was
rolled back and never holds the request's transaction open. Receivers live in the apps above
(``notifikationer``); this app knows none of them.
"""

from __future__ import annotations

from django.db import transaction
from django.dispatch import Signal

#: A status report moved on: ``rapport_id``, ``action`` (indsendt, accepteret, returneret,
#: godkendt), ``user_id`` (who did it).
statusrapport_changed = Signal()

#: An agreement or delaftale version moved on: ``model`` ("samarbejdsaftale" or
#: "delaftaleversion"), ``object_id``, ``action`` (indsendt, godkendt, afvist), ``user_id``.
version_changed = Signal()


def send_on_commit(signal: Signal, **kwargs) -> None:
    """Send ``signal`` with ``kwargs`` once the current transaction commits (at once outside
    one). A receiver's error is logged, never raised into the service that sent it."""
    transaction.on_commit(lambda: signal.send_robust(sender=None, **kwargs), robust=True)
