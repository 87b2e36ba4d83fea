"""The audit trail: who changed what and when, old → new, read from django-simple-history's
historical tables of every model that has them (``simple_history.models.registered_models``).

Read-only by construction: this module only queries. Each model's way to its plan is found
by following foreign keys (shortest path to Helhedsplan), so new apps are covered without
changes here; models with no path to a plan (catalogues, users' organisations) appear in
the cross-plan trail only.
"""

from __future__ import annotations

import datetime
import heapq
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any, cast

from django.apps import apps
from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.db.models import F
from django.utils import timezone
from simple_history.models import registered_models

from enighed.services import can_manage as can_manage_survey
from helhedsplaner.access import PlanRoles
from helhedsplaner.models import Helhedsplan
from portal.history import (
    HISTORY_USER,
    KIND_LABELS,
    Change,
    changes_between,
    load_related_labels,
    tracked_fields,
    who,
)
from portal.params import DATE_MAX, DATE_MIN

LABEL_FIELDS = ("navn", "titel", "beskrivelse", "tekst", "filnavn")

#: History that tells who was asked in an agreement survey (an invitation names its person):
#: shown only to those who may manage the plan's surveys (projektleder, formand, LBF).
SURVEY_MANAGERS_ONLY = frozenset({"enighed.invitation"})


@dataclass(frozen=True)
class Tracked:
    key: str  # app_label.model_name
    model: type[models.Model]
    history: type[models.Model]
    plan_path: str | None  # lookup from a historical row to the plan's id

    @property
    def label(self) -> str:
        return str(self.model._meta.verbose_name).capitalize()


@dataclass
class Entry:
    when: datetime.datetime
    who: str
    user_id: int | None
    model_label: str
    object_label: str
    object_id: Any
    kind: str
    reason: str
    plan_id: int | None
    plan_name: str = ""
    changes: list[Change] = field(default_factory=list)
    record: Any = None


def _plan_path(model: type[models.Model]) -> str | None:
    """Shortest chain of forward foreign keys from ``model`` to Helhedsplan."""
    plan_model = apps.get_model("helhedsplaner", "Helhedsplan")
    if model is plan_model:
        return "id"
    queue: list[tuple[type[models.Model], str]] = [(model, "")]
    seen = {model}
    for _depth in range(6):
        nxt = []
        for current, prefix in queue:
            for f in current._meta.concrete_fields:
                if not isinstance(f, models.ForeignKey):
                    continue
                target = cast(type[models.Model], f.related_model)  # resolved once apps are ready
                path = f"{prefix}{f.name}"
                if target is plan_model:
                    return path
                if target not in seen and target._meta.app_label != "auth":
                    seen.add(target)
                    nxt.append((target, f"{path}__"))
        queue = nxt
    return None


@cache
def tracked_models() -> dict[str, Tracked]:
    out = {}
    for model in set(registered_models.values()):
        attr = getattr(model._meta, "simple_history_manager_attribute", None)
        if not attr or not hasattr(model, attr):
            continue
        key = model._meta.label_lower
        out[key] = Tracked(key, model, getattr(model, attr).model, _plan_path(model))
    return dict(sorted(out.items(), key=lambda kv: kv[1].label))


@dataclass
class AuditFilter:
    plan_id: int | None = None
    user_id: int | None = None
    model_key: str | None = None
    fra: datetime.date | None = None
    til: datetime.date | None = None
    #: Models (``app_label.model_name``) whose rows this reader may not see.
    hidden: frozenset[str] = frozenset()


def hidden_models(roles: PlanRoles) -> frozenset[str]:
    """The history a user with ``roles`` in a plan may not see in its audit trail."""
    return frozenset() if can_manage_survey(roles) else SURVEY_MANAGERS_ONLY


def _queryset(t: Tracked, flt: AuditFilter):
    qs = t.history._default_manager.all()
    if flt.plan_id is not None:
        if t.plan_path is None:  # a model outside the plans has no rows in one plan
            return qs.none()
        qs = qs.filter(**{t.plan_path: flt.plan_id})
    if flt.user_id is not None:
        qs = qs.filter(history_user_id=flt.user_id)
    tz = timezone.get_current_timezone()
    # Dates outside 1900-2100 bound nothing (and would overflow once a day or a timezone is
    # applied), so they are ignored.
    if flt.fra and DATE_MIN <= flt.fra <= DATE_MAX:
        qs = qs.filter(history_date__gte=datetime.datetime.combine(flt.fra, datetime.time.min, tz))
    if flt.til and DATE_MIN <= flt.til <= DATE_MAX:
        end = datetime.datetime.combine(flt.til + datetime.timedelta(days=1), datetime.time.min, tz)
        qs = qs.filter(history_date__lt=end)
    if t.plan_path:
        qs = qs.annotate(_plan_id=F(t.plan_path))
    return qs.select_related(HISTORY_USER).order_by("-history_date", "-history_id")


def _models_for(flt: AuditFilter) -> list[Tracked]:
    chosen = [t for t in tracked_models().values() if t.key not in flt.hidden]
    if flt.model_key:
        chosen = [t for t in chosen if t.key == flt.model_key]
    if flt.plan_id is not None:
        chosen = [t for t in chosen if t.plan_path]
    return chosen


def audit_page(flt: AuditFilter, *, offset: int = 0, limit: int = 50) -> tuple[list[Entry], bool]:
    """Entries newest first from ``offset``; and whether there are more."""
    streams = []
    for t in _models_for(flt):
        rows = list(_queryset(t, flt)[: offset + limit + 1])
        streams.append([(r.history_date, r.history_id, t.key, r) for r in rows])
    merged = list(heapq.merge(*streams, key=lambda x: (x[0], x[1]), reverse=True))
    page = merged[offset : offset + limit]
    return _entries([(tracked_models()[k], r) for _d, _i, k, r in page]), len(merged) > offset + limit


def audit_all(flt: AuditFilter, *, max_rows: int | None = None) -> list[Entry]:
    """Every matching entry, newest first (for exports)."""
    streams = []
    for t in _models_for(flt):
        qs = _queryset(t, flt)
        rows = list(qs[:max_rows] if max_rows else qs)
        streams.append([(r.history_date, r.history_id, t.key, r) for r in rows])
    merged = heapq.merge(*streams, key=lambda x: (x[0], x[1]), reverse=True)
    chosen = [(tracked_models()[k], r) for _d, _i, k, r in merged]
    return _entries(chosen[:max_rows] if max_rows else chosen)


def count_all(flt: AuditFilter) -> int:
    return sum(_queryset(t, flt).count() for t in _models_for(flt))


def _own_label(record) -> str | None:
    """The record's own name field as it was then (e.g. an activity's old name)."""
    for name in LABEL_FIELDS:
        value = getattr(record, name, None)
        if value:
            return str(value)[:80]
    return None


def _related_paths(model: type[models.Model], depth: int = 2) -> list[str]:
    """Foreign keys ``depth`` levels deep (not users), for select_related before ``str()``:
    most objects name themselves through their parent (a meeting: "Bestyrelsen 01.03.2024")."""
    paths: list[str] = []
    frontier: list[tuple[type[models.Model], str]] = [(model, "")]
    for _level in range(depth):
        nxt = []
        for current, prefix in frontier:
            for f in current._meta.concrete_fields:
                if not isinstance(f, models.ForeignKey):
                    continue
                target = cast(type[models.Model], f.related_model)  # resolved once apps are ready
                if target._meta.app_label != "auth":
                    paths.append(prefix + f.name)
                    nxt.append((target, f"{prefix}{f.name}__"))
        frontier = nxt
    return paths


def _object_labels(t: Tracked, records: list) -> dict[Any, str]:
    """Labels for records without a name field of their own: the object's ``__str__`` (one
    query per model, its parents joined in); a deleted object is named from its last
    historical state."""
    ids = {r.id for r in records if _own_label(r) is None}
    if not ids:
        return {}
    labels = {
        pk: str(obj)[:80]
        for pk, obj in t.model._default_manager.select_related(*_related_paths(t.model)).in_bulk(ids).items()
    }
    for r in records:
        if r.id in ids and r.id not in labels:
            try:
                labels[r.id] = str(r.instance)[:80]
            except ObjectDoesNotExist:  # its parent is gone too
                labels[r.id] = f"#{r.id}"
    return labels


def _fields(t: Tracked) -> list[models.Field]:
    return tracked_fields(t.model, t.history)


def _entries(chosen: list[tuple[Tracked, Any]]) -> list[Entry]:
    """Entries with old → new values, computed in a few queries per model involved."""
    by_model: dict[str, list] = defaultdict(list)
    for t, r in chosen:
        by_model[t.key].append(r)
    previous: dict[tuple[str, int], Any] = {}
    related: dict = {}
    for key, records in by_model.items():
        t = tracked_models()[key]
        ids = {r.id for r in records}
        latest = max(r.history_date for r in records)
        history = t.history._default_manager.filter(id__in=ids, history_date__lte=latest).order_by(
            "id", "history_date", "history_id"
        )
        last: dict[Any, Any] = {}
        wanted = {r.history_id for r in records}
        rows: Iterator[Any] = history.iterator()  # historical rows: fields unknown to the stubs
        for h in rows:
            if h.history_id in wanted:
                previous[(key, h.history_id)] = last.get(h.id)
            last[h.id] = h
        load_related_labels(
            _fields(t), [*records, *(previous.get((key, r.history_id)) for r in records)], related
        )
    labels = {key: _object_labels(tracked_models()[key], records) for key, records in by_model.items()}
    plan_ids = {getattr(r, "_plan_id", None) for _t, r in chosen} - {None}
    plans = dict(Helhedsplan.objects.filter(pk__in=plan_ids).values_list("pk", "navn"))
    out = []
    for t, r in chosen:
        changes = changes_between(_fields(t), previous.get((t.key, r.history_id)), r, related)
        plan_id = getattr(r, "_plan_id", None)
        out.append(
            Entry(
                when=r.history_date,
                who=who(r),
                user_id=r.history_user_id,
                model_label=t.label,
                object_label=_own_label(r) or labels[t.key].get(r.id, f"#{r.id}"),
                object_id=r.id,
                kind=str(KIND_LABELS.get(r.history_type, r.history_type)),
                reason=r.history_change_reason or "",
                plan_id=plan_id,
                plan_name=plans.get(plan_id, ""),
                changes=changes,
                record=r,
            )
        )
    return out


def model_choices(*, plan_only: bool = False, hidden: frozenset[str] = frozenset()) -> list[tuple[str, str]]:
    return [
        (t.key, t.label)
        for t in tracked_models().values()
        if (t.plan_path or not plan_only) and t.key not in hidden
    ]
