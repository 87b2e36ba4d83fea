"""Readable change history of a plan's objects: who changed what, old → new."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import models
from django.http import Http404

from portal.history import (
    HISTORY_USER,
    KIND_LABELS,
    Change,
    changes_between,
    load_related_labels,
    tracked_fields,
    who,
)

from .models import (
    Aktivitet,
    Aktivitetsregistrering,
    Delaftale,
    Delmaal,
    Helhedsplan,
    Samarbejdsaftale,
    Statusrapport,
    StrategiskMaal,
    Succeskriterie,
)

# URL name of a model -> (model, the lookup from it to its plan).
HISTORY_MODELS: dict[str, tuple[type[models.Model], str]] = {
    "helhedsplan": (Helhedsplan, "pk"),
    "samarbejdsaftale": (Samarbejdsaftale, "helhedsplan"),
    "strategiskmaal": (StrategiskMaal, "samarbejdsaftale__helhedsplan"),
    "succeskriterie": (Succeskriterie, "strategisk_maal__samarbejdsaftale__helhedsplan"),
    "delaftale": (Delaftale, "helhedsplan"),
    "delmaal": (Delmaal, "delaftale__helhedsplan"),
    "aktivitet": (Aktivitet, "delmaal__delaftale__helhedsplan"),
    "aktivitetsregistrering": (Aktivitetsregistrering, "aktivitet__delmaal__delaftale__helhedsplan"),
    "statusrapport": (Statusrapport, "delaftale__helhedsplan"),
}


@dataclass
class Entry:
    when: Any
    who: str
    kind: str
    reason: str
    changes: list[Change]


def history_for(plan: Helhedsplan, model_name: str, object_pk: int) -> dict[str, Any]:
    """The object's history entries, newest first, if it exists in ``plan`` (else 404)."""
    if model_name not in HISTORY_MODELS:
        raise Http404
    model, to_plan = HISTORY_MODELS[model_name]
    instance = model._default_manager.filter(pk=object_pk, **{to_plan: plan}).first()
    if instance is None:
        raise Http404
    records = list(
        model.history.filter(id=object_pk)  # type: ignore[attr-defined]
        .select_related(HISTORY_USER)
        .order_by("history_date", "history_id")
    )
    fields = tracked_fields(model)
    related: dict = {}
    load_related_labels(fields, records, related)
    entries = []
    previous = None
    for record in records:
        entries.append(
            Entry(
                when=record.history_date,
                who=who(record),
                kind=str(KIND_LABELS.get(record.history_type, record.history_type)),
                reason=record.history_change_reason or "",
                changes=changes_between(fields, previous, record, related),
            )
        )
        previous = record
    entries.reverse()
    return {
        "model_label": model._meta.verbose_name,
        "object": instance,
        "entries": entries,
    }
