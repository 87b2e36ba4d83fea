"""Readable change history of a plan's objects: who changed what, old → new."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _

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
HIDDEN_FIELDS = {"revision"}
TYPE_LABELS = {"+": _("Oprettet"), "~": _("Ændret"), "-": _("Slettet")}


@dataclass
class Change:
    field: str
    old: str
    new: str


@dataclass
class Entry:
    when: Any
    who: str
    kind: str
    reason: str
    changes: list[Change]


def _display(field: models.Field, value: Any, related: dict) -> str:
    if value in (None, ""):
        return "–"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.ForeignKey):
        return related.get((field.related_model, value), f"#{value}")
    if isinstance(field, models.BooleanField):
        return str(_("ja") if value else _("nej"))
    return str(value)


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
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    fields = {
        f.name: f for f in model._meta.concrete_fields if f.name not in HIDDEN_FIELDS and f.name != "id"
    }
    related: dict = {}
    for f in fields.values():
        if isinstance(f, models.ForeignKey):
            ids = {getattr(r, f.attname) for r in records} - {None}
            for obj in f.related_model._default_manager.filter(pk__in=ids):
                related[(f.related_model, obj.pk)] = str(obj)
    entries = []
    previous = None
    for record in records:
        changes = []
        for f in fields.values():
            new = getattr(record, f.attname)
            old = getattr(previous, f.attname) if previous is not None else None
            if previous is None and new in (None, ""):
                continue
            if previous is None or old != new:
                changes.append(
                    Change(
                        str(f.verbose_name),
                        _display(f, old, related) if previous else "",
                        _display(f, new, related),
                    )
                )
        user = record.history_user
        entries.append(
            Entry(
                when=record.history_date,
                who=(user.get_full_name() or user.get_username()) if user else str(_("system")),
                kind=str(TYPE_LABELS.get(record.history_type, record.history_type)),
                reason=record.history_change_reason or "",
                changes=changes,
            )
        )
        previous = record
    entries.reverse()
    return {
        "model_label": model._meta.verbose_name,
        "object": instance,
        "entries": entries,
    }
