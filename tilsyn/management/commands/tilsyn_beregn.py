from django.core.management.base import BaseCommand

from tilsyn import services


class Command(BaseCommand):
    help = "Kør LBF's regler på alle helhedsplaner og opdatér tilsynsoversigten."

    def handle(self, *args, **options) -> None:
        n = services.plans_audit()
        self.stdout.write(self.style.SUCCESS(f"Tilsyn kørt på {n} planer."))
