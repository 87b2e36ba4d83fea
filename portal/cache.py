"""A Redis cache that a dead Redis cannot break.

Pages use the cache only to go faster, so when Redis is unreachable a read is a miss and a
write is dropped, after at most the socket timeouts (``OPTIONS``; 1 s by default, no retries).
After a failure the cache is skipped for ``CACHE_BREAKER_SECONDS`` so later requests do not
each wait for the timeout; the first call after that tries Redis again.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import secrets
import time
from typing import Any

from django.conf import settings
from django.core.cache.backends.redis import RedisCache
from django.db import DatabaseError, connection, transaction

logger = logging.getLogger(__name__)

BREAKER_SECONDS = 5.0

_namespace: str | None = None


def namespace() -> str:
    """This database's part of every cache key: a hash of where it is (engine, name, host,
    port) and the random id stored in it once (:class:`portal.models.Cachenavnerum`, made
    anew when ``generate_scale --replace`` or a flush empties it), so neither another
    database nor a regenerated one under the same name reads this one's entries. Read once
    per process; without a readable database, only the hash (and not remembered).
    ``settings.CACHE_NAMESPACE``, when set, is used instead."""
    global _namespace
    if _namespace is not None:
        return _namespace
    if settings.CACHE_NAMESPACE:
        return settings.CACHE_NAMESPACE
    db = connection.settings_dict
    where = hashlib.sha256(
        "|".join(str(db.get(k) or "") for k in ("ENGINE", "NAME", "HOST", "PORT")).encode()
    ).hexdigest()[:12]
    from .models import Cachenavnerum

    try:
        # A savepoint, so a failure (no table before migrate) leaves an outer transaction usable.
        with transaction.atomic():
            row = Cachenavnerum.objects.order_by("pk").first()
            if row is None:
                row = Cachenavnerum.objects.create(noegle=secrets.token_hex(8))
    except (DatabaseError, RuntimeError):  # RuntimeError: tests without database access
        return where
    _namespace = f"{where}-{row.noegle}"
    return _namespace


def make_key(key: str, key_prefix: str, version: int) -> str:
    """``CACHES[...]["KEY_FUNCTION"]``: Django's key with this database's :func:`namespace`."""
    return f"{namespace()}:{key_prefix}:{version}:{key}"


def _tolerant(default: Any):
    def wrap(method):
        @functools.wraps(method)
        def inner(self, *args, **kwargs):
            if time.monotonic() < self._down_until:
                return default() if callable(default) else default
            try:
                return method(self, *args, **kwargs)
            except self._errors as exc:
                self._down_until = time.monotonic() + self._breaker
                logger.warning("Cache unavailable (%s); treating it as empty", type(exc).__name__)
                return default() if callable(default) else default

        return inner

    return wrap


class TolerantRedisCache(RedisCache):
    def __init__(self, server, params):
        # Local: the Redis client is needed only when a Redis cache is configured.
        import redis
        from redis.backoff import NoBackoff
        from redis.retry import Retry

        params = dict(params)
        options = dict(params.get("OPTIONS") or {})
        self._breaker = float(options.pop("breaker_seconds", BREAKER_SECONDS))
        options.setdefault("socket_connect_timeout", 1)
        options.setdefault("socket_timeout", 1)
        options.setdefault("retry", Retry(NoBackoff(), 0))
        params["OPTIONS"] = options
        super().__init__(server, params)
        self._errors = (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError, OSError)
        self._down_until = 0.0

    def get(self, key, default=None, version=None):
        if time.monotonic() < self._down_until:
            return default
        try:
            return super().get(key, default, version)
        except self._errors as exc:
            self._down_until = time.monotonic() + self._breaker
            logger.warning("Cache unavailable (%s); treating it as empty", type(exc).__name__)
            return default

    get_many = _tolerant(dict)(RedisCache.get_many)
    has_key = _tolerant(False)(RedisCache.has_key)
    add = _tolerant(False)(RedisCache.add)
    set = _tolerant(None)(RedisCache.set)
    set_many = _tolerant(list)(RedisCache.set_many)
    touch = _tolerant(False)(RedisCache.touch)
    delete = _tolerant(False)(RedisCache.delete)
    delete_many = _tolerant(None)(RedisCache.delete_many)
