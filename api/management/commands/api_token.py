"""``manage.py api_token USERNAME [--name NAME]``: a new personal API key for scripts and
checks; the key alone is printed on the last line."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from api import tokens


class Command(BaseCommand):
    help = "Opret en personlig API-nøgle til brugeren; nøglen står alene på sidste linje."

    def add_arguments(self, parser) -> None:
        parser.add_argument("username")
        parser.add_argument("--name", default="Kommandolinje", help="Nøglens navn (standard: Kommandolinje)")

    def handle(self, *args, username: str, name: str, **options) -> None:
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"Ingen aktiv bruger med brugernavnet {username!r}.")
        if not name.strip():
            raise CommandError("Nøglen skal have et navn.")
        noegle, raw = tokens.key_create(user=user, navn=name[:100])
        self.stderr.write(f"API-nøgle {noegle.navn!r} oprettet til {user.get_username()} (vises kun nu).")
        self.stdout.write(raw)
