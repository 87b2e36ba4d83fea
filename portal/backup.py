"""Backups of the PostgreSQL database with ``pg_dump -Fc`` and restores with ``pg_restore``.

Called by ``manage.py backup_db`` / ``restore_db`` (and ``make backup`` / ``make restore``).
Connection details come from a Django database settings dict (``DATABASE_URL`` parsed by
django-environ), handed to the PostgreSQL tools through their ``PG*`` environment
variables, so no password appears on a command line.

A restore refuses a target database that already holds tables unless ``force`` is given
(then ``pg_restore --clean`` replaces the objects in the dump); a target that does not
exist is created. The restore runs in one transaction: it succeeds whole or changes nothing.
"""

from __future__ import annotations

import os
import shutil
import subprocess  # noqa: S404 - runs the PostgreSQL client tools with fixed arguments
from pathlib import Path

import environ
from django.conf import settings
from django.utils import timezone


class BackupError(Exception):
    """A backup or restore that cannot go ahead, with a message for the operator."""


def database_from_url(url: str) -> dict:
    return environ.Env.db_url_config(url)


def _require_postgres(db: dict) -> None:
    if "postgresql" not in db.get("ENGINE", ""):
        raise BackupError(
            "Backup og gendannelse kræver PostgreSQL (DATABASE_URL=postgres://...). "
            f"Databasen er {db.get('ENGINE', '?')} ({db.get('NAME')}); en SQLite-database "
            "sikkerhedskopieres ved at kopiere filen."
        )


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(
            f"{name} blev ikke fundet. Installér PostgreSQL-klienten (apt-get install postgresql-client)."
        )
    return path


def pg_env(db: dict, name: str | None = None) -> dict[str, str]:
    """The environment for a PostgreSQL client tool connecting to ``db``."""
    env = dict(os.environ)
    values = {
        "PGHOST": db.get("HOST") or "",
        "PGPORT": str(db.get("PORT") or ""),
        "PGUSER": db.get("USER") or "",
        "PGPASSWORD": db.get("PASSWORD") or "",
        "PGDATABASE": name or db.get("NAME") or "",
    }
    for key, value in values.items():
        if value:
            env[key] = value
        else:
            env.pop(key, None)
    return env


def _run(args: list[str], env: dict[str, str], stdin: str | None = None) -> subprocess.CompletedProcess:
    result = subprocess.run(  # noqa: S603 - our own fixed tool paths, no shell
        args, env=env, input=stdin, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise BackupError(
            f"{Path(args[0]).name} fejlede (kode {result.returncode}):\n{result.stderr.strip()}"
        )
    return result


def default_backup_path(db: dict, now=None) -> Path:
    stamp = timezone.localtime(now).strftime("%Y%m%d-%H%M%S")
    return Path(settings.BACKUP_DIR) / f"{db.get('NAME') or 'database'}-{stamp}.dump"


def backup(*, db: dict, output: Path | None = None) -> Path:
    """Dump ``db`` to ``output`` (default: BACKUP_DIR/<name>-<timestamp>.dump). The file
    appears only when the dump is complete."""
    _require_postgres(db)
    path = Path(output) if output else default_backup_path(db)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    try:
        _run([_tool("pg_dump"), "-Fc", "--no-owner", "--no-privileges", "-f", str(partial)], pg_env(db))
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)
    return path


def latest_backup(directory: Path | None = None) -> Path:
    directory = Path(directory or settings.BACKUP_DIR)
    dumps = sorted(directory.glob("*.dump"), key=lambda p: p.stat().st_mtime)
    if not dumps:
        raise BackupError(f"Ingen backup i {directory}; angiv filen med BACKUP_FILE=...")
    return dumps[-1]


def _psql(db: dict, sql: str, name: str | None = None, variables: dict[str, str] | None = None) -> str:
    """Run ``sql`` with psql (read from stdin, so psql substitutes ``:'var'`` as a quoted
    literal from ``variables``; values never become SQL text)."""
    args = [_tool("psql"), "-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1"]
    for key, value in (variables or {}).items():
        args += ["-v", f"{key}={value}"]
    return _run(args, pg_env(db, name), stdin=sql).stdout.strip()


def database_exists(db: dict) -> bool:
    sql = "SELECT 1 FROM pg_database WHERE datname = :'dbname';"
    return _psql(db, sql, name="postgres", variables={"dbname": db["NAME"]}) == "1"


def table_count(db: dict) -> int:
    return int(
        _psql(
            db,
            "SELECT count(*) FROM information_schema.tables "
            "WHERE table_schema NOT IN ('pg_catalog', 'information_schema')",
        )
    )


def restore(*, path: Path, db: dict, force: bool = False) -> dict:
    """Restore the dump ``path`` into ``db``. Refuses a database with tables unless
    ``force``; creates a missing database. Returns what was done."""
    _require_postgres(db)
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"Backupfilen {path} findes ikke.")
    created = False
    if not database_exists(db):
        _run([_tool("createdb"), db["NAME"]], pg_env(db, name="postgres"))
        created = True
    tables = 0 if created else table_count(db)
    if tables and not force:
        raise BackupError(
            f"Databasen {db['NAME']} er ikke tom ({tables} tabeller). Gendannelsen ville overskrive "
            "den; kør igen med FORCE=1 (make restore FORCE=1) for at erstatte indholdet, eller "
            "angiv en tom database med RESTORE_DATABASE_URL=..."
        )
    args = [_tool("pg_restore"), "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction"]
    if tables:
        args += ["--clean", "--if-exists"]
    _run([*args, "-d", db["NAME"], str(path)], pg_env(db))
    return {"database": db["NAME"], "oprettet": created, "erstattet": bool(tables), "fil": str(path)}


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(name: str) -> str:
    return "'" + name.replace("'", "''") + "'"


def table_checksums(db: dict, tables: list[str] | None = None) -> dict[str, tuple[int, str]]:
    """Row count and an order-independent checksum (md5 over the sorted md5s of each row's
    text) per table of ``db``: every table in the public schema, or ``tables``. Equal
    results for two databases mean equal contents, whatever the physical row order."""
    _require_postgres(db)
    if tables is None:
        listed = _psql(db, "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
        tables = [t for t in listed.splitlines() if t]
    if not tables:
        return {}
    # Table names come from pg_tables of this database (or our own list), quoted as
    # identifiers and as literals; no user input reaches this text.
    query = " UNION ALL ".join(
        f"SELECT {_literal(t)}, count(*), "  # noqa: S608  # nosec B608
        f"md5(coalesce(string_agg(md5(r::text), '' ORDER BY md5(r::text)), '')) FROM {_ident(t)} r"
        for t in tables
    )
    out = {}
    for line in _psql(db, query).splitlines():
        name, count, digest = line.split("|")
        out[name] = (int(count), digest)
    return out
