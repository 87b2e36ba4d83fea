"""Cache keys carry a namespace of the database (issue 17): another database, or the same
one regenerated, never reads this one's entries from a shared cache."""

import pytest
from django.core.cache import cache
from django.db import connection

from portal import cache as portal_cache
from portal.models import Cachenavnerum

pytestmark = pytest.mark.django_db


@pytest.fixture
def fresh_namespace(monkeypatch, settings):
    settings.CACHE_NAMESPACE = ""
    monkeypatch.setattr(portal_cache, "_namespace", None)
    yield
    portal_cache._namespace = None


def test_keys_carry_the_database_namespace(fresh_namespace):
    key = cache.make_key("x")
    namespace = portal_cache.namespace()
    assert key.startswith(f"{namespace}:") and key.endswith(":x")
    assert Cachenavnerum.objects.get().noegle in namespace


def test_a_regenerated_database_reads_nothing_of_the_old_one(fresh_namespace):
    cache.set("side", "gammel")
    assert cache.get("side") == "gammel"
    old = portal_cache.namespace()
    Cachenavnerum.objects.all().delete()  # what generate_scale --replace does
    portal_cache._namespace = None  # a new process
    assert portal_cache.namespace() != old
    assert cache.get("side") is None


def test_a_fixed_namespace_needs_no_query(settings, django_assert_num_queries):
    settings.CACHE_NAMESPACE = "fast"
    with django_assert_num_queries(0):
        assert cache.make_key("x").startswith("fast:")


def test_another_database_has_another_namespace(fresh_namespace, monkeypatch):
    old = portal_cache.namespace()
    portal_cache._namespace = None
    monkeypatch.setitem(connection.settings_dict, "NAME", "en_anden_database")
    assert portal_cache.namespace() != old
