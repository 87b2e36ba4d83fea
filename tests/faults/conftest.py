"""Fault tests need PostgreSQL shared with the processes they start, and redis-server."""

import pytest
from django.db import connection

from tests.conftest import skip_unless_available

from . import procs


@pytest.fixture(scope="module")
def private_redis(tmp_path_factory, django_db_setup, django_db_blocker):
    """A redis-server of this module's own on a free port (no persistence)."""
    skip_unless_available(bool(procs.redis_server_binary()), "redis-server is not installed")
    with django_db_blocker.unblock():
        skip_unless_available(
            connection.vendor == "postgresql",
            "fault tests need a PostgreSQL test database that worker processes share (DATABASE_URL)",
        )
    port = procs.free_port()
    workdir = tmp_path_factory.mktemp("redis")
    server = {"port": port, "url": f"redis://127.0.0.1:{port}/0", "dir": workdir}
    server["process"] = procs.start_redis(port, workdir)
    try:
        yield server  # a test may stop it and start it again: it replaces "process"
    finally:
        procs.stop(server["process"])
