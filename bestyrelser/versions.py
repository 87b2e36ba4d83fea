"""A content version per plan for the board's dashboard cache.

Every change to a row the dashboard shows writes a history record (django-simple-history);
the receiver here resolves the plan of the changed row and bumps that plan's counter
(:class:`bestyrelser.models.Indholdsversion`) in the same transaction. The cached dashboard is
keyed by the counter (:func:`bestyrelser.selectors.content_stamp`), so a change to plan A
invalidates plan A's pages only, in every process (workers, Celery), and a rolled-back change
bumps nothing.

Paths that write history without signals (``bulk_create_with_history`` and
``bulk_update_with_history``) call :func:`bump_rows` for what they wrote.

Chosen over per-plan ``MAX(history_date)`` queries, which would join twelve history tables
up to each row's plan on every (also warm) visit; a bump costs one or two indexed queries per
written history record, and writes are rare next to visits.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection, models

#: The models whose rows the dashboard shows besides the snapshots, each with the lookup path
#: from the model to its plan.
PLAN_PATHS: dict[tuple[str, str], str] = {
    ("helhedsplaner", "Samarbejdsaftale"): "helhedsplan",
    ("helhedsplaner", "StrategiskMaal"): "samarbejdsaftale__helhedsplan",
    ("helhedsplaner", "Succeskriterie"): "strategisk_maal__samarbejdsaftale__helhedsplan",
    ("helhedsplaner", "Delaftale"): "helhedsplan",
    ("helhedsplaner", "Delmaal"): "delaftale__helhedsplan",
    ("helhedsplaner", "Aktivitet"): "delmaal__delaftale__helhedsplan",
    ("helhedsplaner", "Statusrapport"): "delaftale__helhedsplan",
    ("bestyrelser", "Organ"): "helhedsplan",
    ("bestyrelser", "Medlemskab"): "organ__helhedsplan",
    ("bestyrelser", "Moede"): "organ__helhedsplan",
    ("bestyrelser", "Moededeltagelse"): "moede__organ__helhedsplan",
    ("bestyrelser", "Kommentar"): "succeskriterie__strategisk_maal__samarbejdsaftale__helhedsplan",
}


def _path(model: type[models.Model]) -> str | None:
    meta = model._meta
    return PLAN_PATHS.get((meta.app_label, meta.object_name or ""))


def _first_column(model: type[models.Model], path: str) -> str:
    """The column of the first step on ``path`` (``helhedsplan_id``, ``organ_id``, ...)."""
    field = model._meta.get_field(path.partition("__")[0])
    assert isinstance(field, models.ForeignKey)  # noqa: S101  # nosec B101: PLAN_PATHS is code
    return field.attname


def _plan_ids(model: type[models.Model], path: str, parent_ids: Iterable[object]) -> set[int]:
    """The plans of rows of ``model`` whose first step on ``path`` is one of ``parent_ids``."""
    first, _sep, rest = path.partition("__")
    ids = {pk for pk in parent_ids if pk is not None}
    if not rest:
        return {int(pk) for pk in ids}  # type: ignore[call-overload]
    if not ids:
        return set()
    parent: type[models.Model] = model._meta.get_field(first).related_model  # type: ignore[assignment]
    return set(parent._default_manager.filter(pk__in=ids).values_list(rest, flat=True)) - {None}


def bump(plan_ids: Iterable[int]) -> None:
    """Bump the content version of each of ``plan_ids`` (one statement for them all)."""
    ids = sorted(set(plan_ids))
    if not ids:
        return
    from .models import Indholdsversion

    table = connection.ops.quote_name(Indholdsversion._meta.db_table)
    values = ", ".join(["(%s, 1)"] * len(ids))
    # INSERT ... ON CONFLICT is the same in PostgreSQL and SQLite; sorted ids lock in a fixed
    # order, so two transactions bumping the same plans cannot deadlock.
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (helhedsplan_id, version) VALUES {values} "  # noqa: S608  # nosec B608
            f"ON CONFLICT (helhedsplan_id) DO UPDATE SET version = {table}.version + 1",
            ids,
        )


def bump_rows(model: type[models.Model], rows: Iterable[models.Model]) -> None:
    """Bump the plans of ``rows`` of ``model`` (for bulk writes that send no signals)."""
    path = _path(model)
    if path is None:
        return
    attname = _first_column(model, path)
    bump(_plan_ids(model, path, (getattr(row, attname) for row in rows)))


def on_history_record(sender, history_instance, **kwargs) -> None:
    """Receiver of simple_history's ``post_create_historical_record``: bump the plan of the
    changed row, and on an update also the plan it belonged to before, if it moved."""
    model = history_instance.instance_type
    path = _path(model)
    if path is None:
        return
    attname = _first_column(model, path)
    parents = [getattr(history_instance, attname)]
    if history_instance.history_type == "~":
        previous = (
            type(history_instance)
            ._default_manager.filter(
                **{model._meta.pk.attname: getattr(history_instance, model._meta.pk.attname)},
                history_date__lt=history_instance.history_date,
            )
            .order_by("-history_date", "-history_id")
            .values_list(attname, flat=True)
            .first()
        )
        parents.append(previous)
    bump(_plan_ids(model, path, parents))
