"""The three written plans of the demo, one module each; their dates follow the day the
seed runs (``timeline.py``).

Conventions in the plan specs:
- ``fase`` places the plan in time (``timeline.py``); dates of activities, milestones etc.
  are month offsets from the plan's start date;
- ``delmaal`` of an activity is ``(area alias, number)``, e.g. ``("ub", 1)``;
- ``maal`` of a delmål are strategic-goal numbers of the same plan;
- a member is ``(person key, rolle, repraesenterer, niveau, organisation)`` where the
  organisation is a forvaltning name (kommune), a boligorganisation name, or free text.
"""

from __future__ import annotations

from demo.loader.plans.laerkevangen import LAERKEVANGEN
from demo.loader.plans.maageparken import MAAGEPARKEN
from demo.loader.plans.solbakken import SOLBAKKEN

# Seeded in this order, which fixes the primary keys of everything below a plan.
PLANS = [SOLBAKKEN, LAERKEVANGEN, MAAGEPARKEN]
