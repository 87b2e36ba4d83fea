"""The daily run (``manage.py send_notifications``, beat task ``notifikationer.send_daily``):
time-based notices for one day, then the daily digests of those who chose them.

Every occasion is tied to its date (a deadline, a meeting day, ``today`` for a digest), so a
second run for the same day queues nothing: the sent-log already holds every key.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils.translation import ngettext

from helhedsplaner.models import Helhedsplan

from . import content
from .models import Afsendelse, Modtagerprofil
from .services import Content, Notice, Planned, plan, record

REPORTS_AFTER_END_DAYS = 120


def time_based(today: datetime.date) -> list[Notice]:
    plans = Helhedsplan.objects.all()
    # Reminders of reports stop 120 days after a plan has ended (its final report's deadline
    # has passed by then); meetings and action items are reminded whatever the plan's dates.
    running = plans.filter(slutdato__gte=today - datetime.timedelta(days=REPORTS_AFTER_END_DAYS))
    return [
        *content.report_deadlines(today, running),
        *content.action_items(today, plans),
        *content.meeting_digests(today, plans),
        *content.lbf_daily(today),
    ]


def digests(today: datetime.date) -> list[Notice]:
    """One daily digest per recipient with notices collected for it."""
    notices = []
    waiting = (
        Afsendelse.objects.filter(status=Afsendelse.Status.SAMLES, oversigt__isnull=True)
        .select_related("profil")
        .order_by("profil_id", "oprettet", "id")
    )
    by_profile: dict[int, list[Afsendelse]] = {}
    for row in waiting:
        by_profile.setdefault(row.profil_id, []).append(row)
    for rows in by_profile.values():
        profil = rows[0].profil

        def render(_p: Modtagerprofil, rows=rows) -> Content:
            subject = ngettext(
                "Daglig oversigt: %(antal)d besked fra Boligsocial Portal",
                "Daglig oversigt: %(antal)d beskeder fra Boligsocial Portal",
                len(rows),
            ) % {"antal": len(rows)}
            body = "\n\n".join(f"{r.emne}\n{r.tekst}" for r in rows)
            return Content(subject, body, "/notifikationer/")

        notice = Notice(
            "daglig_oversigt", f"modtagerprofil:{profil.pk}", today.isoformat(), None, render, [profil]
        )
        notice.collected = [r.pk for r in rows]  # type: ignore[attr-defined]
        notices.append(notice)
    return notices


def _retry_stuck() -> None:
    """Mails a transient SMTP error left queued (no worker retried them: eager mode) get
    another try; delivery is idempotent under its row lock."""
    from portal import outbox

    for pk in Afsendelse.objects.filter(status=Afsendelse.Status.I_KOE, forsoeg__gt=0).values_list(
        "pk", flat=True
    ):
        outbox.send("notifikationer.deliver", args=[pk], key=f"notifikationer:mail:{pk}")


def run(today: datetime.date, *, dry_run: bool = False) -> list[Planned]:
    """Queue (or with ``dry_run`` only list) every notice due on ``today``."""
    planned = plan(time_based(today), on=today)
    if dry_run:
        return planned + plan(digests(today), on=today)
    done = record(planned)
    _retry_stuck()
    digest_planned = plan(digests(today), on=today)
    for p in digest_planned:
        with transaction.atomic():
            written = record([p])
            if written:
                row = Afsendelse.objects.get(
                    art=p.notice.kind, objekt=p.notice.object, profil=p.profil, anledning=p.notice.occasion
                )
                Afsendelse.objects.filter(pk__in=p.notice.collected).update(oversigt=row)  # type: ignore[attr-defined]
                done += written
    return done
