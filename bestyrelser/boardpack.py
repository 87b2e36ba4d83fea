"""What a board pack freezes: the dashboard (:func:`bestyrelser.dashboard.dashboard_data`) plus
the meeting's own papers under the key ``"pakke"``: the agenda with each item's type and
recommendation (indstilling), the decisions to take, the latest status report per delaftale,
the plan's open action items (overdue marked), and who is called to the meeting.

Plain JSON-able data, read in a fixed number of queries; the HTML page and the PDF render only
from it, so a released pack reads the same whatever happens to the plan later. Packs released
before the ``"pakke"`` key existed have no such key and are shown without those sections.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.cache import cache
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from helhedsplaner.models import Helhedsplan, Statusrapport, report_state_label

from . import selectors
from .dashboard import dashboard_data
from .models import Boardpack, Dagsordenspunkt, Moede, Moededeltagelse
from .pdf import boardpack_pdf

# The shape of the ``"pakke"`` section; a renderer can tell packs of different shapes apart.
PACK_VERSION = 2


#: Bumped when the PDF's layout changes, so cached PDFs of released packs are set again.
PDF_LAYOUT = 1
#: How long a released pack's PDF is kept (it never changes; the cache only bounds memory).
PDF_CACHE_SECONDS = 7 * 24 * 3600


def boardpack_data(plan: Helhedsplan, moede: Moede) -> dict[str, Any]:
    """The whole pack for ``moede`` as it would be frozen now."""
    return {**dashboard_data(plan, moede=moede), "pakke": meeting_section(plan, moede)}


def pack_pdf(plan: Helhedsplan, moede: Moede, pack: Boardpack | None) -> bytes:
    """The pack as a PDF: the released (frozen) pack, or a preview of the figures now that
    says so in its header.

    A released pack never changes, so its PDF is set once per language and kept in the cache
    (setting it costs about half a second of CPU: text layout and the fonts); the key names
    the release's moment, so a pack released again is set anew."""
    title = f"{_('Mødepakke')}: {moede}"
    if pack is None:
        released = _("Forhåndsvisning: pakken er ikke frigivet. Tallene er de aktuelle.")
        return boardpack_pdf(title=title, released=released, data=boardpack_data(plan, moede))
    key = f"boardpack-pdf:{PDF_LAYOUT}:{pack.pk}:{pack.frigivet_tidspunkt.timestamp()}:{get_language()}"
    content = cache.get(key)
    if content is None:
        released = _("Frigivet %(dato)s af %(hvem)s. Indholdet er frosset.") % {
            "dato": date_format(timezone.localtime(pack.frigivet_tidspunkt), "DATETIME_FORMAT"),
            "hvem": pack.frigivet_af.get_full_name() or pack.frigivet_af.get_username(),
        }
        content = boardpack_pdf(title=title, released=released, data=pack.data)
        cache.set(key, content, PDF_CACHE_SECONDS)
    return content


def meeting_section(plan: Helhedsplan, moede: Moede, today: datetime.date | None = None) -> dict[str, Any]:
    today = today or timezone.localdate()
    punkter = list(moede.dagsordenspunkter.order_by("nummer"))
    items = selectors.open_action_items(plan)
    return {
        "version": PACK_VERSION,
        "moede": {
            "organ": moede.organ.navn,
            "tidspunkt": timezone.localtime(moede.tidspunkt).isoformat(),
            "sted": moede.sted,
        },
        "dagsorden": [_agenda_item(p) for p in punkter],
        "til_beslutning": [_agenda_item(p) for p in punkter if p.type == Dagsordenspunkt.Type.BESLUTNING],
        "statusrapporter": _latest_reports(plan),
        "handlingspunkter": [
            {
                "tekst": item.tekst,
                "ansvarlig": item.ansvarlig.navn,
                "frist": item.frist.isoformat(),
                "status_label": str(item.get_status_display()),
                "overskredet": item.frist < today,
                "organ": item.dagsordenspunkt.moede.organ.navn,
            }
            for item in items
        ],
        "overskredne_handlingspunkter": sum(1 for item in items if item.frist < today),
        "opgjort": today.isoformat(),
        "deltagere": _attendance(moede),
    }


def _agenda_item(punkt: Dagsordenspunkt) -> dict[str, Any]:
    return {
        "nummer": punkt.nummer,
        "titel": punkt.titel,
        "type": punkt.type,
        "type_label": str(punkt.get_type_display()),
        "indstilling": punkt.indstilling,
    }


def _latest_reports(plan: Helhedsplan) -> list[dict[str, Any]]:
    """Per delaftale its newest status report: period, status and, from the newest approved
    one, the narrative."""
    names = {d.pk: str(d.indsatsomraade) for d in selectors.plan_delaftaler(plan)}
    newest: dict[int, dict[str, Any]] = {}
    for r in selectors.plan_reports(plan):  # newest period first per delaftale
        row = newest.setdefault(
            r["delaftale_id"],
            {
                "omraade": names.get(r["delaftale_id"], ""),
                "periode_slut": r["periode_slut"].isoformat(),
                "status_label": report_state_label(r["status"], r["returkommentar"]),
                "fortaelling": "",
            },
        )
        if not row["fortaelling"] and r["status"] in Statusrapport.APPROVED_STATES:
            row["fortaelling"] = r["fortaelling"]
    return [newest[pk] for pk in names if pk in newest]


def _attendance(moede: Moede) -> list[dict[str, Any]]:
    """The body's members on the meeting's day with their registered attendance (none yet
    before the meeting)."""
    day = timezone.localtime(moede.tidspunkt).date()
    status = {d.person_id: d for d in moede.deltagelser.all()}
    labels = dict(Moededeltagelse.Status.choices)
    return [
        {
            "navn": m.person.navn,
            "rolle": str(m.get_rolle_display()),
            "repraesenterer": m.repraesentation,
            "status": status[m.person_id].status if m.person_id in status else "",
            "status_label": str(labels[status[m.person_id].status]) if m.person_id in status else "",
        }
        for m in selectors.members_on(moede.organ, day)
    ]
