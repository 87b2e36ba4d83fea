"""The indicator engine: what makes a success criterion på sporet, i risiko or ikke på sporet.

- :mod:`.rules`: the rules both paths share (periods, expected path, tolerance, status, and
  the constants the SQL interpolates).
- :mod:`.reference`: the reference path, in memory (SQLite, the verification job, tests).
- :mod:`.sql`: the SQL path (PostgreSQL), a chunk of plans at once; it must give rows,
  summaries and fingerprints identical to the reference path (ADR 0001).

Pure computation: reading the inputs is :mod:`monitorering.selectors`, running a recompute and
storing its snapshots :mod:`monitorering.services`.
"""

from . import reference, rules, sql
from .reference import Kriterie, Maalsaet, Obs, Resultat, evaluate, pick_target, summarise
from .rules import Periode, completed, plan_periods, q3

__all__ = [
    "Kriterie",
    "Maalsaet",
    "Obs",
    "Periode",
    "Resultat",
    "completed",
    "evaluate",
    "pick_target",
    "plan_periods",
    "q3",
    "reference",
    "rules",
    "sql",
    "summarise",
]
