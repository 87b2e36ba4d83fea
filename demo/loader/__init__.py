"""Fictional demo data for ``manage.py seed_demo``: reference data and three 2015-18 plans.

Everything is invented (areas, people, schools, e-mail domains under ``.example``), except
the public reference data in ``reference.py``. ``plans/`` holds one plan spec per module,
``series.py`` generates the numbers, and ``seeder.py``, ``monitoring.py`` and
``meetings.py`` turn specs and numbers into rows.
"""

from __future__ import annotations

from demo.loader.plans import PLANS
from demo.loader.reference import DEMO_PASSWORD, STAFF_LOGINS
from demo.loader.seeder import Seeder
from demo.loader.series import DemoDataError
from helhedsplaner.models import Helhedsplan

__all__ = ["DEMO_PASSWORD", "DEMO_USERS", "DemoDataError", "seed_demo"]

# Every demo login with its description, in the order the command prints them.
DEMO_USERS: list[tuple[str, str]] = [
    *STAFF_LOGINS,
    *(
        login
        for plan in PLANS
        for login in (
            (f"projektleder.{plan['key']}", f"Projektleder for {plan['navn']}"),
            (f"bestyrelse.{plan['key']}", f"Medlem af bestyrelsen for {plan['navn']}"),
            *(
                [(f"foelgegruppe.{plan['key']}", f"Formand for en følgegruppe i {plan['navn']}")]
                if "foelgegruppe" in plan["brugere"]
                else []
            ),
        )
    ),
]


def seed_demo() -> list[Helhedsplan]:
    """Create or update all demo rows and return the three plans.

    Idempotent (a second run writes nothing, not even history rows). Call it inside one
    ``transaction.atomic()`` so a failure leaves no half-seeded database.
    """
    return Seeder().run()
