"""Idempotent writes of the demo seed: a row is saved only when a value differs."""

from __future__ import annotations

from typing import Any, TypeVar

from django.contrib.auth import get_user_model
from django.db import models

from demo.loader.reference import DEMO_PASSWORD

M = TypeVar("M", bound=models.Model)


def upsert(model: type[M], lookup: dict[str, Any], values: dict[str, Any] | None = None) -> M:
    """``update_or_create`` that saves only when a value differs, so re-running the
    seed writes no new history rows."""
    values = values or {}
    obj = model._default_manager.filter(**lookup).first()
    if obj is None:
        return model._default_manager.create(**lookup, **values)
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if changed:
        for name in changed:
            setattr(obj, name, values[name])
        obj.save(update_fields=changed)
    return obj


def ensure_user(spec: dict, **flags: bool) -> Any:
    """The demo user ``spec["username"]`` with the demo password; ``flags`` set staff rights."""
    user_model = get_user_model()
    values = {k: v for k, v in spec.items() if k != "username"}
    values.update({"is_staff": False, "is_superuser": False, "is_active": True, **flags})
    user = upsert(user_model, {"username": spec["username"]}, values)
    if not user.check_password(DEMO_PASSWORD):
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    return user
