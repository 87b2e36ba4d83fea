"""Walking the URL configuration and reversing a table row with the seeded objects."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, get_resolver, reverse

from .table import Case


def url_patterns(include_admin: bool = False) -> dict:
    """Every named URL pattern, by its namespaced name (admin only when asked)."""

    def walk(patterns, namespace=None):
        for p in patterns:
            if isinstance(p, URLResolver):
                ns = p.namespace or namespace
                if ns == "admin" and not include_admin:
                    continue
                yield from walk(
                    p.url_patterns, f"{namespace}:{p.namespace}" if namespace and p.namespace else ns
                )
            elif isinstance(p, URLPattern) and p.name:
                yield (f"{namespace}:{p.name}" if namespace else p.name), p

    return dict(walk(get_resolver().url_patterns))


def case_url(case: Case, world, *, missing: bool = False) -> str:
    """The case's URL with plan A's objects (``missing``: every id replaced by one that
    does not exist)."""
    pattern = url_patterns()[case.name]
    kwargs = {}
    for key, converter in pattern.pattern.converters.items():
        value = case.kwargs.get(key, key)
        if value == "token":
            value = world.token
        elif isinstance(value, str) and value in world.ids:
            value = world.ids[value]
        if missing and (type(converter).__name__ == "IntConverter" or key.endswith("_id")):
            value = 900_000_000 + hash(key) % 1000
        kwargs[key] = value
    return reverse(case.name, kwargs=kwargs)
