"""LBF's export tables (overview, results, activities, audit trail); the safe xlsx/csv
writing itself is shared in ``portal.exports``."""

from __future__ import annotations

from django.utils.translation import gettext as _

from helhedsplaner.access import plan_roles
from helhedsplaner.models import Helhedsplan
from portal.exports import CONTENT_TYPES, DANGEROUS_PREFIXES, Table, neutralise, render, to_csv, to_xlsx

from . import audit, selectors
from .forms import AuditFilterForm, OverviewFilterForm

__all__ = ["CONTENT_TYPES", "DANGEROUS_PREFIXES", "Table", "neutralise", "render", "to_csv", "to_xlsx"]


# --- The tables ----------------------------------------------------------------------------


def overview_table(plans) -> Table:
    rows = []
    for p in plans:
        summary = getattr(p, "tilsynsoversigt", None)
        rows.append(
            [
                p.navn,
                p.boligomraade.navn,
                p.kommune.navn,
                p.kommune.get_region_display(),
                p.bevillingsperiode.navn,
                p.startdato,
                p.slutdato,
                p.get_status_display(),
                p.paa_sporet,
                p.i_risiko,
                p.ikke_paa_sporet,
                p.ingen_data,
                summary.rapporter_overskredet if summary else None,
                summary.antal_fund if summary else None,
                p.seneste_moede,
            ]
        )
    headers = [
        _("Helhedsplan"),
        _("Boligområde"),
        _("Kommune"),
        _("Region"),
        _("Bevillingsperiode"),
        _("Start"),
        _("Slut"),
        _("Status"),
        _("På sporet"),
        _("I risiko"),
        _("Ikke på sporet"),
        _("Ingen data"),
        _("Rapporter over fristen"),
        _("Tilsynsfund"),
        _("Seneste bestyrelsesmøde"),
    ]
    return Table(_("Oversigt over helhedsplaner"), headers, rows)


def results_table(plan, rows) -> Table:
    """Indicator performance tracking table: one row per criterion and period."""
    headers = [
        _("Strategisk mål"),
        _("Succeskriterie"),
        _("Indikator"),
        _("Enhed"),
        _("Periode fra"),
        _("Periode til"),
        _("Baseline"),
        _("Måltal"),
        _("Forventet"),
        _("Faktisk"),
        _("Status"),
    ]
    out = []
    for r in rows:
        k = r.succeskriterie
        out.append(
            [
                f"{k.strategisk_maal.nummer}. {k.strategisk_maal.titel}",
                k.beskrivelse,
                k.indikator.navn if k.indikator else "",
                k.indikator.enhed if k.indikator else "",
                r.periode_start,
                r.periode_slut,
                r.baseline,
                r.maal,
                r.forventet,
                r.faktisk,
                r.get_status_display(),
            ]
        )
    return Table(_("Resultater %(plan)s") % {"plan": plan.navn}, headers, out)


def activities_table(plan, activities) -> Table:
    headers = [
        _("Indsatsområde"),
        _("Delmål"),
        _("Aktivitet"),
        _("Status"),
        _("Start"),
        _("Slut"),
        _("Ansvarlig"),
        _("Dato"),
        _("Timer"),
        _("Deltagere"),
        _("Note"),
    ]
    rows = []
    for a in activities:
        base = [
            str(a.delmaal.delaftale.indsatsomraade),
            str(a.delmaal),
            a.navn,
            a.get_status_display(),
            a.startdato,
            a.slutdato,
            str(a.ansvarlig) if a.ansvarlig else "",
        ]
        regs = list(a.registreringer.all())
        if not regs:
            rows.append([*base, None, None, None, ""])
        for reg in regs:
            rows.append([*base, reg.dato, reg.timer, reg.deltagere, reg.note])
    return Table(_("Aktiviteter %(plan)s") % {"plan": plan.navn}, headers, rows)


def audit_table(entries, title: str) -> Table:
    headers = [
        _("Tidspunkt"),
        _("Bruger"),
        _("Helhedsplan"),
        _("Objekttype"),
        _("Objekt"),
        _("Handling"),
        _("Årsag"),
        _("Felt"),
        _("Før"),
        _("Efter"),
    ]
    rows = []
    for e in entries:
        base = [e.when, e.who, e.plan_name, e.model_label, e.object_label, e.kind, e.reason]
        if not e.changes:
            rows.append([*base, "", "", ""])
        for c in e.changes:
            rows.append([*base, c.field, c.old, c.new])
    return Table(title, headers, rows)


def build_table(art: str, *, user, plan_id: int | None, params: dict) -> Table:
    """The table of an export, by kind; access is checked by the caller."""
    plan = Helhedsplan.objects.get(pk=plan_id) if plan_id else None
    if art == "oversigt":
        form = OverviewFilterForm(params)
        data = form.cleaned_data if form.is_valid() else {}
        return overview_table(selectors.filter_overview(selectors.overview_queryset(), data))
    if art == "resultater" and plan is not None:
        return results_table(plan, selectors.results_table(plan))
    if art == "aktiviteter" and plan is not None:
        return activities_table(plan, selectors.activities_with_registrations(plan))
    if art == "historik":
        # The orderer sees what their own audit-trail page shows them (decided as it runs).
        hidden = audit.hidden_models(plan_roles(user, plan)) if plan is not None else frozenset()
        flt = AuditFilterForm(params, plan_fixed=plan is not None, hidden=hidden).to_filter(plan_id)
        title = _("Revisionsspor %(plan)s") % {"plan": plan.navn} if plan else _("Revisionsspor")
        return audit_table(audit.audit_all(flt), title)
    raise ValueError(art)
