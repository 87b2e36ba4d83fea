"""Events of meetings and board packs that other apps may act on (notifications, say).

Sent by ``bestyrelser.services`` after the commit (``helhedsplaner.signals.send_on_commit``)
with ids only; receivers live in the apps above.
"""

from __future__ import annotations

from django.dispatch import Signal

#: A meeting was scheduled, moved or cancelled: ``moede_id``, ``action`` (planlagt, flyttet,
#: aflyst), ``user_id``.
moede_changed = Signal()

#: A board pack was released: ``moede_id``, ``user_id``.
boardpack_released = Signal()

#: A question on a success criterion was asked or answered: ``kommentar_id``, ``user_id``.
kommentar_added = Signal()
