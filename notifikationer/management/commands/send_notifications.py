"""``manage.py send_notifications [--today YYYY-MM-DD] [--dry-run]``: queue the day's
time-based notices and daily digests, printing one JSON object per queued message:
``{"kind": ..., "to": "<address or user id>", "subject": ..., "object": "<model>:<id>"}``.
A second run for the same day queues nothing; ``--dry-run`` prints and records nothing."""

from __future__ import annotations

import datetime
import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from notifikationer import daily


class Command(BaseCommand):
    help = "Sender dagens tidsbestemte notifikationer og daglige oversigter (én JSON-linje pr. besked)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--today", help="Dagen, der køres for (YYYY-MM-DD); standard er i dag.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Vis, hvad der ville blive sendt; gem intet."
        )

    def handle(self, *args, today: str | None = None, dry_run: bool = False, **options) -> None:
        try:
            day = datetime.date.fromisoformat(today) if today else timezone.localdate()
        except ValueError as exc:
            raise CommandError("--today skal være en dato som 2026-12-03.") from exc
        for planned in daily.run(day, dry_run=dry_run):
            self.stdout.write(json.dumps(planned.as_json(), ensure_ascii=False))
