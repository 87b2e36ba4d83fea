"""Reading django-simple-history as people read it: which fields changed, old → new, in
words. Shared by the per-object history pages and LBF's audit trail."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, cast

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.formatting import dato, tal, tidspunkt, user_name

HIDDEN_FIELDS = {"revision", "raekker", "tidligere"}
KIND_LABELS = {"+": gettext_lazy("Oprettet"), "~": gettext_lazy("Ændret"), "-": gettext_lazy("Slettet")}


@dataclass
class Change:
    field: str
    old: str
    new: str


def tracked_fields(
    model: type[models.Model], history: type[models.Model] | None = None
) -> list[models.Field]:
    """The fields a reader cares about: concrete, not bookkeeping, present in the history."""
    history = history or model.history.model  # type: ignore[attr-defined]
    return [
        f
        for f in model._meta.concrete_fields
        if f.name not in HIDDEN_FIELDS and f.name != "id" and hasattr(history, f.attname)
    ]


def display_value(f: models.Field, value: Any, related: dict) -> str:
    if value in (None, ""):
        return "–"
    if f.choices:
        return str(dict(f.flatchoices).get(value, value))
    if isinstance(f, models.ForeignKey):
        return related.get((f.related_model, value), f"#{value}")
    if isinstance(f, models.BooleanField):
        return _("ja") if value else _("nej")
    if isinstance(value, datetime.datetime):
        return tidspunkt(value)
    if isinstance(value, datetime.date):
        return dato(value)
    if isinstance(value, (Decimal, float)):
        return tal(value)
    return str(value)


# The user behind a historical record, for select_related: Person.user is "person".
HISTORY_USER = "history_user__person"


def who(record: Any) -> str:
    """The name of whoever made a historical record (``portal.formatting.user_name``), or
    "system" for a change made outside a request. Every history and audit page uses this."""
    user = record.history_user
    return user_name(user) if user is not None else _("system")


def load_related_labels(fields: Iterable[models.Field], records: Iterable[Any], related: dict) -> None:
    """Fill ``related`` with the labels of the objects the records' foreign keys point to
    (one query per foreign key, only for ids not already known)."""
    records = list(records)
    for f in fields:
        if not isinstance(f, models.ForeignKey):
            continue
        target = cast(type[models.Model], f.related_model)  # "self" is resolved once apps are ready
        ids = {getattr(r, f.attname) for r in records if r is not None} - {None}
        missing = {v for v in ids if (target, v) not in related}
        if missing:
            for obj in target._default_manager.filter(pk__in=missing):
                related[(target, obj.pk)] = str(obj)[:120]


def changes_between(
    fields: Iterable[models.Field], previous: Any, record: Any, related: dict
) -> list[Change]:
    """What ``record`` changed against ``previous`` (None: it was created; a deletion
    changes nothing field by field)."""
    if record.history_type == "-":
        return []
    changes = []
    for f in fields:
        new = getattr(record, f.attname)
        if previous is None:
            if new not in (None, ""):
                changes.append(Change(str(f.verbose_name), "", display_value(f, new, related)))
        elif getattr(previous, f.attname) != new:
            old = getattr(previous, f.attname)
            changes.append(
                Change(str(f.verbose_name), display_value(f, old, related), display_value(f, new, related))
            )
    return changes
