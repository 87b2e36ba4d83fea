"""THE table of notification kinds: what is sent, to whom, when (issue 15's table).

One row per kind. ``mandatory`` kinds are what a role must receive (the projektleder's
overdue report, LBF's queue): they cannot be turned off, only moved to the daily digest.
``tests/notifikationer/test_kinds.py`` fails on a kind without a test of who gets it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Kind:
    code: str
    label: str | Promise
    to: str | Promise
    mandatory: bool = False


KINDS: dict[str, Kind] = {
    k.code: k
    for k in (
        Kind(
            "rapport_frist",
            _("Statusrapport snart til frist eller overskredet"),
            _("Projektlederen; efter 14 dage også følgegruppens formand eller bestyrelsens formand"),
            mandatory=True,
        ),
        Kind(
            "rapport_indsendt",
            _("Statusrapport venter på accept eller godkendelse"),
            _("Følgegruppens formand eller bestyrelsen"),
        ),
        Kind(
            "rapport_returneret",
            _("Statusrapport returneret med kommentar"),
            _("Projektlederen"),
            mandatory=True,
        ),
        Kind(
            "version_venter",
            _("Aftaleversion venter på LBF's godkendelse"),
            _("Landsbyggefonden"),
            mandatory=True,
        ),
        Kind(
            "version_afgjort",
            _("Aftaleversion godkendt eller afvist"),
            _("Projektlederen og bestyrelsens formand"),
        ),
        Kind("moedepakke", _("Mødepakke frigivet"), _("Mødets indbudte")),
        Kind("moede_oversigt", _("Oversigt før møde"), _("Mødets indbudte")),
        Kind("moede_kalender", _("Møde planlagt, flyttet eller aflyst"), _("Mødets indbudte")),
        Kind("handlingspunkt", _("Handlingspunkt snart til frist eller overskredet"), _("Den ansvarlige")),
        Kind(
            "spoergsmaal",
            _("Spørgsmål til succeskriterie stillet eller besvaret"),
            _("Projektlederen eller spørgeren"),
        ),
        Kind("import", _("Import gennemført eller fejlet"), _("Den, der startede importen")),
        Kind("eksport", _("Eksport færdig eller fejlet"), _("Den, der bestilte eksporten")),
        Kind(
            "daglig_oversigt",
            _("Daglig samlet oversigt"),
            _("Alle, der har valgt daglig oversigt"),
            mandatory=True,
        ),
    )
}

CHOOSABLE = [k for k in KINDS.values() if k.code != "daglig_oversigt"]
