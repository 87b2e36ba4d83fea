"""Reading django-simple-history as people read it: which fields changed, old → new, in
words. Shared by the per-object history pages and LBF's audit trail."""

from __future__ import annotations

import datetime
import posixpath
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, cast

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.formatting import dato, tal, tidspunkt, user_name

HIDDEN_FIELDS = {"revision", "raekker", "tidligere"}

#: Fields holding secrets (``app_label.model_name.field``): links that work without a login
#: (calendar feed, one-click unsubscribe) and key material. They are excluded from history
#: where it is recorded (``HistoricalRecords(excluded_fields=...)``), and every page or
#: export reading history leaves them out too, so rows recorded before the exclusion never
#: show. Add a field here whenever a model with history gets a secret.
SECRET_FIELDS = frozenset(
    {
        "notifikationer.modtagerprofil.afmeld_token",
        "notifikationer.modtagerprofil.kalender_token",
        "enighed.invitation.noegle",
        "enighed.invitation.token_hash",
        "api.apinoegle.noegle_hash",
    }
)
KIND_LABELS = {"+": gettext_lazy("Oprettet"), "~": gettext_lazy("Ændret"), "-": gettext_lazy("Slettet")}


@dataclass
class Change:
    field: str
    old: str
    new: str


def tracked_fields(
    model: type[models.Model], history: type[models.Model] | None = None
) -> list[models.Field]:
    """The fields a reader cares about: concrete, not bookkeeping, not secret, present in
    the history."""
    history = history or model.history.model  # type: ignore[attr-defined]
    return [
        f
        for f in model._meta.concrete_fields
        if f.name not in HIDDEN_FIELDS
        and f.name != "id"
        and not is_secret(model, f.name)
        and hasattr(history, f.attname)
    ]


def is_secret(model: type[models.Model], field_name: str) -> bool:
    return f"{model._meta.label_lower}.{field_name}" in SECRET_FIELDS


def _is_empty(value: Any) -> bool:
    """Nothing to show: no value, an empty text or an empty JSON list or object."""
    return value is None or (isinstance(value, (str, list, dict)) and not value)


def display_value(f: models.Field, value: Any, related: dict) -> str:
    if _is_empty(value):
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
    if isinstance(f, models.FileField):  # the storage path: "bilag/2026/budget.pdf"
        return posixpath.basename(str(value))
    if isinstance(value, (dict, list)):  # a JSON field
        return _joined(value)
    return str(value)


def _joined(value: dict | list) -> str:
    """A JSON list or object's items in words, separated by commas."""
    if isinstance(value, dict):
        return ", ".join(f"{k}: {_plain(v)}" for k, v in value.items())
    return ", ".join(_plain(v) for v in value)


def _plain(value: Any) -> str:
    """A JSON value inside a list or dict, in words."""
    if _is_empty(value):
        return "–"
    if isinstance(value, bool):
        return _("ja") if value else _("nej")
    if isinstance(value, (dict, list)):
        return f"({_joined(value)})"
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
        _load_labels(target, ids, related)
    _load_m2m(records, related)


def _load_labels(target: type[models.Model], ids: Iterable[Any], related: dict) -> None:
    """The labels of ``target`` objects by id, one query for those not already known."""
    missing = {v for v in ids if (target, v) not in related}
    if missing:
        for obj in target._default_manager.filter(pk__in=missing):
            related[(target, obj.pk)] = str(obj)[:120]


def _m2m_fields(record: Any) -> list[models.ManyToManyField]:
    """The many-to-many fields whose links history records (``HistoricalRecords(m2m_fields=...)``)."""
    return list(getattr(record, "_history_m2m_fields", ()))


def _m2m_key(f: models.ManyToManyField, record: Any) -> tuple:
    return ("m2m", f.name, record.history_id)


def _load_m2m(records: list[Any], related: dict) -> None:
    """Fill ``related`` with the objects each record linked to through its recorded
    many-to-many fields (the ids, and their labels): one query per field, plus one per
    target model for labels."""
    by_field: dict[models.ManyToManyField, list[Any]] = {}
    for r in records:
        if r is None:
            continue
        for f in _m2m_fields(r):
            if _m2m_key(f, r) not in related:
                by_field.setdefault(f, []).append(r)
    for f, rs in by_field.items():
        history_manager = getattr(rs[0], f.name)  # the through table's history, for this record
        target_name = f.m2m_reverse_field_name()
        links: dict[Any, set] = {r.history_id: set() for r in rs}
        rows = history_manager.model._default_manager.filter(history_id__in=list(links)).values_list(
            "history_id", f"{target_name}_id"
        )
        for history_id, target_id in rows:
            links[history_id].add(target_id)
        for r in rs:
            related[_m2m_key(f, r)] = frozenset(links[r.history_id])
        target = cast(type[models.Model], f.related_model)
        _load_labels(target, (v for ids in links.values() for v in ids), related)


def _m2m_display(f: models.ManyToManyField, ids: frozenset, related: dict) -> str:
    if not ids:
        return "–"
    target = f.related_model
    return ", ".join(sorted(related.get((target, v), f"#{v}") for v in ids))


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
            if not _is_empty(new):
                changes.append(Change(str(f.verbose_name), "", display_value(f, new, related)))
            continue
        old = getattr(previous, f.attname)
        if old != new and not (_is_empty(old) and _is_empty(new)):
            changes.append(
                Change(str(f.verbose_name), display_value(f, old, related), display_value(f, new, related))
            )
    # Links (a delmål's strategic goals, a plan's afdelinger): a change to them is recorded
    # as a new "changed" record of the object itself, so it is shown here.
    m2m = _m2m_fields(record)
    if m2m:
        known = [r for r in (record, previous) if r is not None]
        if any(_m2m_key(f, r) not in related for f in m2m for r in known):
            _load_m2m(known, related)
        for f in m2m:
            new_ids = related[_m2m_key(f, record)]
            old_ids = related[_m2m_key(f, previous)] if previous is not None else frozenset()
            if new_ids != old_ids:
                changes.append(
                    Change(
                        str(f.verbose_name),
                        _m2m_display(f, old_ids, related) if previous is not None else "",
                        _m2m_display(f, new_ids, related),
                    )
                )
    return changes
