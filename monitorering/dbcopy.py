"""Fast bulk writes: PostgreSQL COPY for large row sets, bulk_create elsewhere (SQLite)."""

from __future__ import annotations

import io
from typing import Any

from django.db import connection, models

_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def copy_text(value: Any) -> str:
    """One value in PostgreSQL COPY text format, exactly (NULL as \\N, control characters escaped)."""
    if value is None:
        return "\\N"
    return str(value).translate(_ESCAPES)


def _text(value: Any) -> str:
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    return str(value).replace("\\", "\\\\").replace("\t", " ").replace("\n", " ").replace("\r", " ")


def insert_rows(model: type[models.Model], rows: list[dict[str, Any]], batch_size: int = 5000) -> None:
    """Insert plain rows (attname → value). Fields a row leaves out get their default.
    On PostgreSQL one COPY; elsewhere bulk_create."""
    if not rows:
        return
    if connection.vendor != "postgresql":
        model._default_manager.bulk_create([model(**row) for row in rows], batch_size=batch_size)
        return
    fields = [f for f in model._meta.concrete_fields if not (f.primary_key and f.attname not in rows[0])]
    defaults = {f.attname: f.get_default() for f in fields}
    buffer = io.StringIO()
    for row in rows:
        buffer.write("\t".join(_text(row.get(f.attname, defaults[f.attname])) for f in fields))
        buffer.write("\n")
    buffer.seek(0)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    with connection.cursor() as cursor:
        cursor.cursor.copy_expert(
            f"COPY {connection.ops.quote_name(model._meta.db_table)} ({columns}) FROM STDIN", buffer
        )
