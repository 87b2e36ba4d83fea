"""From domain events to notices. The receivers (connected in ``apps.py``) only queue a task
through the outbox: the work happens in ``notifikationer.event`` on a worker, never in the
request that caused the event."""

from __future__ import annotations

from django.utils import timezone

from bestyrelser.models import Moede
from helhedsplaner.models import Statusrapport
from portal import outbox

from . import content
from .services import notify

EVENT_TASK = "notifikationer.event"


def handle(name: str, payload: dict) -> int:
    on = timezone.localdate()
    user_id = payload.get("user_id")
    if name == "statusrapport":
        rapport = Statusrapport.objects.select_related(
            "delaftale__helhedsplan", "delaftale__indsatsomraade"
        ).get(pk=payload["rapport_id"])
        notices = content.report_event(rapport, payload["action"], user_id, on)
    elif name == "version":
        notices = content.version_event(
            payload["model"], payload["object_id"], payload["action"], user_id, on
        )
    elif name == "moede":
        if not Moede.objects.filter(pk=payload["moede_id"]).exists():
            return 0
        notices = content.meeting_event(payload["moede_id"], payload["action"], user_id, on)
    elif name == "moedepakke":
        notices = content.boardpack_event(payload["moede_id"], user_id, on)
    elif name == "kommentar":
        notices = content.question_event(payload["kommentar_id"], user_id, on)
    elif name == "import":
        notices = content.import_event(payload["batch_id"], payload["ok"], user_id, payload.get("fejl", ""))
    elif name == "eksport":
        notices = content.export_event(payload["eksport_id"], payload["ok"], payload.get("fejl", ""))
    else:
        return 0
    return len(notify(notices, on=on))


def _queue(name: str, **payload) -> None:
    payload.pop("signal", None)
    payload.pop("sender", None)
    outbox.send(EVENT_TASK, args=[name, payload])


def on_statusrapport(**kwargs) -> None:
    _queue("statusrapport", **kwargs)


def on_version(**kwargs) -> None:
    _queue("version", **kwargs)


def on_moede(**kwargs) -> None:
    _queue("moede", **kwargs)


def on_boardpack(**kwargs) -> None:
    _queue("moedepakke", **kwargs)


def on_kommentar(**kwargs) -> None:
    _queue("kommentar", **kwargs)


def on_import(**kwargs) -> None:
    _queue("import", **kwargs)


def on_export(**kwargs) -> None:
    _queue("eksport", **kwargs)


def connect() -> None:
    from bestyrelser import signals as b
    from helhedsplaner import signals as h
    from monitorering import signals as m
    from tilsyn import signals as t

    h.statusrapport_changed.connect(on_statusrapport, dispatch_uid="notifikationer.statusrapport")
    h.version_changed.connect(on_version, dispatch_uid="notifikationer.version")
    b.moede_changed.connect(on_moede, dispatch_uid="notifikationer.moede")
    b.boardpack_released.connect(on_boardpack, dispatch_uid="notifikationer.moedepakke")
    b.kommentar_added.connect(on_kommentar, dispatch_uid="notifikationer.kommentar")
    m.import_finished.connect(on_import, dispatch_uid="notifikationer.import")
    t.export_finished.connect(on_export, dispatch_uid="notifikationer.eksport")
