"""Where the demo stands in time: every date of the three written plans follows from the
day ``seed_demo`` runs (``--today``, default today).

The plans are anchored on the first day of today's calendar quarter, so their reporting
periods are calendar quarters and the quarter that holds today is open:

- the plan *i gang* started five quarters before it: it is in its second year;
- the plan *opstart* starts next quarter: its agreement awaits LBF's approval;
- the plan *afsluttet* ended half a year before this quarter began: every report is in.

Everything that depends on more than the quarter (which meetings are held, which report is
overdue) is a function of today alone, so a given date always gives the same data.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from demo.loader.series import add_months

I_GANG = "i_gang"
OPSTART = "opstart"
AFSLUTTET = "afsluttet"
PHASES = (I_GANG, OPSTART, AFSLUTTET)

# Months from the first day of today's quarter to each phase's plan start.
START_OFFSET = {I_GANG: -15, OPSTART: 3, AFSLUTTET: -54}
PLAN_MONTHS = 48


def quarter_start(day: datetime.date) -> datetime.date:
    return datetime.date(day.year, (day.month - 1) // 3 * 3 + 1, 1)


@dataclass(frozen=True)
class Timeline:
    """Today and the quarter it lies in."""

    today: datetime.date

    @property
    def quarter(self) -> datetime.date:
        return quarter_start(self.today)

    def plan_period(self, phase: str) -> tuple[datetime.date, datetime.date]:
        start = add_months(self.quarter, START_OFFSET[phase])
        return start, add_months(start, PLAN_MONTHS) - datetime.timedelta(days=1)
