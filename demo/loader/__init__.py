"""Fictional demo data for ``manage.py seed_demo``: reference data, three written 2015-18
plans whose dates follow the day the seed runs, and a generated national set.

Everything is invented (areas, people, schools; addresses under ``@example.org``), except
the public reference data in ``reference.py``. ``plans/`` holds one plan spec per module,
``series.py`` generates the numbers, and ``seeder.py``, ``monitoring.py`` and
``meetings.py`` turn specs and numbers into rows.
"""

from __future__ import annotations

import datetime

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
            (f"formand.{plan['key']}", f"Formand for bestyrelsen for {plan['navn']}"),
            *(
                [(f"foelgegruppe.{plan['key']}", f"Formand for en følgegruppe i {plan['navn']}")]
                if "foelgegruppe" in plan["brugere"]
                else []
            ),
        )
    ),
]


def seed_demo(today: datetime.date, *, national: bool = True) -> tuple[list[Helhedsplan], list[int]]:
    """Create or update all demo rows for the day ``today``; return the three written plans
    and the ids of the national set's plans (none without ``national``).

    Idempotent (a second run on the same day writes nothing, not even history rows). Call
    it inside one ``transaction.atomic()`` so a failure leaves no half-seeded database.
    """
    seeder = Seeder(today)
    plans = seeder.run()
    return plans, seeder.run_national() if national else []
