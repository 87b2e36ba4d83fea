"""The agreement survey's section on the board's dashboard.

``bestyrelser`` may not import this app, so the section is registered into its registry
(:mod:`bestyrelser.sections`) from :meth:`enighed.apps.EnighedConfig.ready`.
"""

from __future__ import annotations

from typing import Any

from bestyrelser.sections import SectionProvider
from helhedsplaner.models import Helhedsplan

from .models import Analyse
from .selectors import trend_for_plan


def agreement_headline(plan: Helhedsplan) -> dict[str, Any] | None:
    """The latest analysed enighedsmåling's headline (suppressed cells stay empty)."""
    rounds = trend_for_plan(plan)
    if not rounds:
        return None
    latest = rounds[-1]
    return {
        "id": latest["maaling"].pk,
        "runde": str(latest["maaling"]),
        "raekker": [
            {
                "label": str(row["label"]),
                "celler": [
                    {
                        "blok": c.blok,
                        "rwg": None if c.undertrykt else c.rwg,
                        "n": c.n,
                        "undertrykt": c.undertrykt,
                    }
                    for c in row["celler"]
                ],
            }
            for row in latest["headline"]
        ],
    }


#: Key "enighed" in the dashboard data (and so in released board packs); a new analysis
#: (``Analyse.beregnet``) refreshes the cached dashboard.
SECTION = SectionProvider(
    key="enighed",
    build=agreement_headline,
    template="enighed/dashboard_section.html",
    changed=(Analyse, "beregnet"),
    plan_path="maaling__helhedsplan",
)
