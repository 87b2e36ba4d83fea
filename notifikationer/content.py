"""What each kind of notice says and to whom: one builder per row of the table in
``kinds.py``. Builders take ids or objects and return ``Notice``s; the wording is rendered per
recipient in their language (``services.render_for``). Nothing here writes."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from bestyrelser.models import Handlingspunkt, Kommentar, Moede
from helhedsplaner.models import Delaftale, Delaftaleversion, Samarbejdsaftale, Statusrapport
from helhedsplaner.periods import reporting_periods
from monitorering.models import ImportBatch
from portal.access import is_lbf_staff
from portal.formatting import dato, dato_lang, tidspunkt_lang
from tilsyn.models import Eksport

from . import recipients as who
from .calendar import meeting_ics, next_sequence
from .models import Modtagerprofil, Organindstilling
from .services import Content, Notice

S = Statusrapport.Status


def _without(profiles: list[Modtagerprofil], user_id: int | None) -> list[Modtagerprofil]:
    """Nobody is told of what they did themselves."""
    return [p for p in profiles if user_id is None or getattr(p.account, "pk", None) != user_id]


def _plan_name(delaftale: Delaftale) -> str:
    return f"{delaftale.helhedsplan.navn}, {delaftale.indsatsomraade}"


# --- Status reports -------------------------------------------------------------------------


def report_event(rapport: Statusrapport, action: str, user_id: int | None, on: datetime.date) -> list[Notice]:
    delaftale = rapport.delaftale
    plan_id = delaftale.helhedsplan_id
    path = rapport.get_absolute_url()
    obj = f"statusrapport:{rapport.pk}"

    if action in ("indsendt", "accepteret"):
        if action == "indsendt":
            to = who.report_receivers(delaftale, on)
            stamp = rapport.indsendt_tidspunkt
        else:
            to = who.board_approvers(plan_id, on)
            stamp = rapport.accepteret_tidspunkt

        def render(_p: Modtagerprofil) -> Content:
            waiting = _("accept") if action == "indsendt" and delaftale.organer.exists() else _("godkendelse")
            return Content(
                _("Statusrapport venter på din %(hvad)s: %(plan)s")
                % {"hvad": waiting, "plan": _plan_name(delaftale)},
                _("Statusrapporten for %(periode)s er klar og venter på din %(hvad)s.")
                % {
                    "periode": f"{dato_lang(rapport.periode_start)}–{dato_lang(rapport.periode_slut)}",
                    "hvad": waiting,
                },
                path,
            )

        occasion = f"{action}:{stamp.isoformat() if stamp else rapport.revision}"
        return [Notice("rapport_indsendt", obj, occasion, plan_id, render, _without(to, user_id))]

    if action == "returneret":

        def render_return(_p: Modtagerprofil) -> Content:
            return Content(
                _("Statusrapport returneret: %(plan)s") % {"plan": _plan_name(delaftale)},
                _("Statusrapporten er returneret med denne kommentar:") + "\n\n" + rapport.returkommentar,
                path,
            )

        to = _without(who.projektledere(plan_id, on), user_id)
        return [
            Notice("rapport_returneret", obj, f"returneret:{rapport.revision}", plan_id, render_return, to)
        ]
    return []


def report_deadlines(today: datetime.date, plans) -> list[Notice]:
    """Reports due in 7 days, overdue since yesterday, then weekly; from 14 days overdue the
    chair who receives the report is told too. A submitted report ends the reminders."""
    notices: list[Notice] = []
    delaftaler = list(
        Delaftale.objects.filter(helhedsplan__in=plans)
        .select_related("helhedsplan", "indsatsomraade")
        .order_by("pk")
    )
    reports = {
        (r.delaftale_id, r.periode_start): r
        for r in Statusrapport.objects.filter(delaftale__in=[d.pk for d in delaftaler])
    }
    periods_of: dict[int, list] = {}
    for delaftale in delaftaler:
        plan = delaftale.helhedsplan
        if plan.pk not in periods_of:
            periods_of[plan.pk] = reporting_periods(plan)
        for periode in periods_of[plan.pk]:
            rapport = reports.get((delaftale.pk, periode.start))
            if rapport is not None and rapport.status != S.KLADDE:
                continue
            days_over = (today - periode.frist).days
            if days_over == -7:
                occasion, overdue = "frist-7", False
            elif days_over >= 1 and (days_over - 1) % 7 == 0:
                occasion, overdue = f"overskredet-{days_over}", True
            else:
                continue
            to = who.projektledere(plan.pk, today)
            if overdue and days_over > 14:
                to += who.receiving_chair(delaftale, today)
            notices.append(
                Notice(
                    "rapport_frist",
                    f"delaftale:{delaftale.pk}",
                    f"{periode.start.isoformat()}:{occasion}",
                    plan.pk,
                    _deadline_render(delaftale, periode, days_over),
                    to,
                )
            )
    return notices


def _deadline_render(delaftale: Delaftale, periode, days_over: int):
    path = reverse("helhedsplaner:statusrapport_list", kwargs={"pk": delaftale.helhedsplan_id})

    def render(_p: Modtagerprofil) -> Content:
        values = {"plan": _plan_name(delaftale), "frist": dato_lang(periode.frist), "periode": periode.label}
        if days_over < 0:
            subject = _("Statusrapport har frist om 7 dage: %(plan)s") % values
            text = _("Statusrapporten for %(periode)s skal indsendes senest %(frist)s.") % values
        else:
            values["dage"] = days_over
            subject = _("Statusrapport er forsinket: %(plan)s") % values
            text = (
                ngettext(
                    "Statusrapporten for %(periode)s skulle være indsendt %(frist)s (%(dage)d dag siden).",
                    "Statusrapporten for %(periode)s skulle være indsendt %(frist)s (%(dage)d dage siden).",
                    days_over,
                )
                % values
            )
        return Content(subject, text, path)

    return render


# --- Agreement versions ---------------------------------------------------------------------


def _version(model: str, object_id: int):
    if model == "samarbejdsaftale":
        aftale = Samarbejdsaftale.objects.select_related("helhedsplan").get(pk=object_id)
        path = reverse(
            "tilsyn:agreement_detail", kwargs={"pk": aftale.helhedsplan_id, "aftale_pk": aftale.pk}
        )
        return aftale, aftale.helhedsplan, _("Samarbejdsaftale version %(v)s") % {"v": aftale.version}, path
    version = Delaftaleversion.objects.select_related(
        "delaftale__helhedsplan", "delaftale__indsatsomraade"
    ).get(pk=object_id)
    plan = version.delaftale.helhedsplan
    path = reverse("tilsyn:delaftale_version", kwargs={"pk": plan.pk, "version_pk": version.pk})
    label = _("Delaftale %(omraade)s version %(v)s") % {
        "omraade": version.delaftale.indsatsomraade,
        "v": version.version,
    }
    return version, plan, label, path


def version_event(
    model: str, object_id: int, action: str, user_id: int | None, on: datetime.date
) -> list[Notice]:
    obj, plan, _label, path = _version(model, object_id)
    key = f"{model}:{object_id}"
    if action == "indsendt":
        stamp = obj.indsendt_tidspunkt.isoformat() if obj.indsendt_tidspunkt else ""

        def render(_p: Modtagerprofil) -> Content:
            _o, _pl, label, _path = _version(model, object_id)
            return Content(
                _("Venter på LBF's godkendelse: %(hvad)s, %(plan)s") % {"hvad": label, "plan": plan.navn},
                _("%(hvad)s for %(plan)s er indsendt og venter på Landsbyggefondens godkendelse.")
                % {"hvad": label, "plan": plan.navn},
                path,
            )

        return [
            Notice(
                "version_venter",
                key,
                f"indsendt:{stamp}",
                plan.pk,
                render,
                _without(who.lbf_staff(), user_id),
            )
        ]
    if action in ("godkendt", "afvist"):

        def render_decision(_p: Modtagerprofil) -> Content:
            o, _pl, label, _path = _version(model, object_id)
            verb = _("godkendt") if action == "godkendt" else _("afvist")
            text = _("Landsbyggefonden har %(verb)s %(hvad)s.") % {"verb": verb, "hvad": label}
            if o.lbf_kommentar:
                text += "\n\n" + _("Kommentar: %(k)s") % {"k": o.lbf_kommentar}
            return Content(
                _("%(hvad)s er %(verb)s: %(plan)s") % {"hvad": label, "verb": verb, "plan": plan.navn},
                text,
                path,
            )

        to = who.projektledere(plan.pk, on) + who.board_formand(plan.pk, on)
        return [Notice("version_afgjort", key, action, plan.pk, render_decision, _without(to, user_id))]
    return []


def lbf_queue() -> list[tuple[str, Any, datetime.datetime | None]]:
    """What waits for LBF, oldest first: (kind label, version, since)."""
    rows: list[tuple[str, Any, datetime.datetime | None]] = []
    for aftale in Samarbejdsaftale.objects.filter(status="indsendt").select_related("helhedsplan"):
        rows.append(("samarbejdsaftale", aftale, aftale.indsendt_tidspunkt))
    for version in Delaftaleversion.objects.filter(status="indsendt").select_related(
        "delaftale__helhedsplan", "delaftale__indsatsomraade"
    ):
        rows.append(("delaftaleversion", version, version.indsendt_tidspunkt))
    far_past = datetime.datetime.min.replace(tzinfo=datetime.UTC)
    return sorted(rows, key=lambda r: r[2] or far_past)


def lbf_daily(today: datetime.date) -> list[Notice]:
    queue = lbf_queue()
    if not queue:
        return []

    def render(_p: Modtagerprofil) -> Content:
        lines = []
        for model, obj, since in lbf_queue():
            _o, plan, label, _path = _version(model, obj.pk)
            waited = (today - timezone.localtime(since).date()).days if since else 0
            lines.append(
                _("%(hvad)s, %(plan)s: venter siden %(siden)s (%(dage)s dage)")
                % {
                    "hvad": label,
                    "plan": plan.navn,
                    "siden": dato_lang(since) if since else "?",
                    "dage": waited,
                }
            )
        subject = ngettext(
            "%(antal)d aftaleversion venter på LBF", "%(antal)d aftaleversioner venter på LBF", len(lines)
        ) % {"antal": len(lines)}
        return Content(subject, "\n\n".join(lines), reverse("notifikationer:lbf_koe"))

    return [
        Notice("version_venter", "koe:lbf", f"dagligt:{today.isoformat()}", None, render, who.lbf_staff())
    ]


# --- Meetings --------------------------------------------------------------------------------


def _moede(moede_id: int) -> Moede:
    return Moede.objects.select_related("organ", "organ__helhedsplan").get(pk=moede_id)


def meeting_event(moede_id: int, action: str, user_id: int | None, on: datetime.date) -> list[Notice]:
    moede = _moede(moede_id)
    sequence = next_sequence(moede)
    ics = meeting_ics(moede, sequence)
    when = moede.tidspunkt

    def render(_p: Modtagerprofil) -> Content:
        values = {"organ": moede.organ.navn, "tid": tidspunkt_lang(when), "sted": moede.sted or "–"}
        subject = {
            "planlagt": _("Møde planlagt: %(organ)s %(tid)s"),
            "flyttet": _("Møde flyttet: %(organ)s %(tid)s"),
            "aflyst": _("Møde aflyst: %(organ)s %(tid)s"),
        }[action] % values
        text = _("Tid: %(tid)s. Sted: %(sted)s.") % values
        text += "\n\n" + _("Kalenderinvitationen er vedhæftet og opdaterer den samme aftale i din kalender.")
        return Content(subject, text, moede.get_absolute_url(), ics)

    to = _without(who.members(moede.organ, on), user_id)
    return [
        Notice(
            "moede_kalender",
            f"moede:{moede.pk}",
            f"{action}:{sequence}",
            moede.organ.helhedsplan_id,
            render,
            to,
        )
    ]


def boardpack_event(moede_id: int, user_id: int | None, on: datetime.date) -> list[Notice]:
    moede = _moede(moede_id)
    path = reverse(
        "bestyrelser:boardpack_detail", kwargs={"pk": moede.organ.helhedsplan_id, "moede_pk": moede.pk}
    )

    def render(_p: Modtagerprofil) -> Content:
        values = {"organ": moede.organ.navn, "tid": tidspunkt_lang(moede.tidspunkt)}
        return Content(
            _("Mødepakken er frigivet: %(organ)s %(tid)s") % values,
            _("Mødepakken til mødet %(tid)s er frigivet og kan læses i portalen.") % values,
            path,
        )

    to = _without(who.members(moede.organ, on), user_id)
    return [Notice("moedepakke", f"moede:{moede.pk}", "frigivet", moede.organ.helhedsplan_id, render, to)]


def days_before(organ) -> int:
    setting = Organindstilling.objects.filter(organ=organ).first()
    return setting.dage_foer_moede if setting is not None else 5


def meeting_digests(today: datetime.date, plans) -> list[Notice]:
    notices = []
    upcoming = (
        Moede.objects.filter(
            organ__helhedsplan__in=plans,
            tidspunkt__date__gte=today,
            tidspunkt__date__lte=today + datetime.timedelta(days=60),
        )
        .exclude(status=Moede.Status.AFLYST)
        .select_related("organ", "organ__helhedsplan")
    )
    for moede in upcoming:
        if (
            timezone.localtime(moede.tidspunkt).date() - datetime.timedelta(days=days_before(moede.organ))
            != today
        ):
            continue
        notices.append(
            Notice(
                "moede_oversigt",
                f"moede:{moede.pk}",
                f"oversigt:{timezone.localtime(moede.tidspunkt).date().isoformat()}",
                moede.organ.helhedsplan_id,
                _digest_render(moede, today),
                who.members(moede.organ, today),
            )
        )
    return notices


def _digest_render(moede: Moede, today: datetime.date):
    def render(_p: Modtagerprofil) -> Content:
        organ = moede.organ
        parts = [
            _("Mødet holdes %(tid)s, %(sted)s.")
            % {"tid": tidspunkt_lang(moede.tidspunkt), "sted": moede.sted or "–"}
        ]
        punkter = [f"{p.nummer}. {p.titel}" for p in moede.dagsordenspunkter.order_by("nummer")]
        parts.append(_("Dagsorden:") + "\n" + ("\n".join(punkter) if punkter else _("Ingen punkter endnu.")))
        if hasattr(moede, "boardpack"):
            parts.append(_("Mødepakken er frigivet og ligger i portalen."))
        else:
            parts.append(_("Mødepakken er ikke frigivet endnu."))
        previous = (
            Moede.objects.filter(organ=organ, tidspunkt__lt=moede.tidspunkt)
            .exclude(pk=moede.pk)
            .order_by("-tidspunkt")
            .first()
        )
        since = previous.tidspunkt if previous else moede.tidspunkt - datetime.timedelta(days=90)
        changed = (
            Statusrapport.objects.filter(delaftale__helhedsplan=organ.helhedsplan)
            .filter(
                Q(indsendt_tidspunkt__gt=since)
                | Q(godkendt_tidspunkt__gt=since)
                | Q(accepteret_tidspunkt__gt=since)
            )
            .select_related("delaftale__indsatsomraade")
        )
        lines = [
            f"{r.delaftale.indsatsomraade} ({dato(r.periode_start)}–{dato(r.periode_slut)}): {r.tilstand}"
            for r in changed.order_by("delaftale__indsatsomraade__navn", "periode_start")
        ]
        parts.append(
            _("Statusrapporter ændret siden sidste møde (%(siden)s):") % {"siden": dato_lang(since)}
            + "\n"
            + ("\n".join(lines) if lines else _("Ingen."))
        )
        items = Handlingspunkt.objects.filter(
            dagsordenspunkt__moede__organ=organ,
            status__in=[Handlingspunkt.Status.AABEN, Handlingspunkt.Status.I_GANG],
        ).select_related("ansvarlig")
        open_lines = []
        for item in items:
            mark = _(" (overskredet)") if item.frist < today else ""
            open_lines.append(f"{item.tekst} – {item.ansvarlig.navn}, {dato_lang(item.frist)}{mark}")
        parts.append(
            _("Åbne handlingspunkter:") + "\n" + ("\n".join(open_lines) if open_lines else _("Ingen."))
        )
        return Content(
            _("Før mødet %(tid)s: %(organ)s") % {"tid": tidspunkt_lang(moede.tidspunkt), "organ": organ.navn},
            "\n\n".join(parts),
            moede.get_absolute_url(),
        )

    return render


def action_items(today: datetime.date, plans) -> list[Notice]:
    notices = []
    due = Handlingspunkt.objects.filter(
        dagsordenspunkt__moede__organ__helhedsplan__in=plans,
        status__in=[Handlingspunkt.Status.AABEN, Handlingspunkt.Status.I_GANG],
        frist__in=[today + datetime.timedelta(days=3), today - datetime.timedelta(days=1)],
    ).select_related("ansvarlig", "dagsordenspunkt__moede__organ")
    for item in due:
        overdue = item.frist < today
        plan_id = item.dagsordenspunkt.moede.organ.helhedsplan_id

        def render(_p: Modtagerprofil, item=item, overdue=overdue) -> Content:
            values = {"tekst": item.tekst, "frist": dato_lang(item.frist)}
            subject = (
                _("Handlingspunkt overskredet: %(tekst)s")
                if overdue
                else _("Handlingspunkt har frist om 3 dage: %(tekst)s")
            ) % values
            return Content(
                subject[:255],
                _("Handlingspunktet »%(tekst)s« har frist %(frist)s.") % values,
                reverse(
                    "bestyrelser:handlingspunkt_list",
                    kwargs={"pk": item.dagsordenspunkt.moede.organ.helhedsplan_id},
                ),
            )

        notices.append(
            Notice(
                "handlingspunkt",
                f"handlingspunkt:{item.pk}",
                f"{item.frist.isoformat()}:{'overskredet' if overdue else 'frist-3'}",
                plan_id,
                render,
                [who.profile_for_person(item.ansvarlig)],
            )
        )
    return notices


# --- Questions, imports and exports ---------------------------------------------------------


def question_event(kommentar_id: int, user_id: int | None, on: datetime.date) -> list[Notice]:
    kommentar = Kommentar.objects.select_related(
        "succeskriterie__strategisk_maal__samarbejdsaftale", "svar_paa__forfatter"
    ).get(pk=kommentar_id)
    plan_id = kommentar.succeskriterie.strategisk_maal.samarbejdsaftale.helhedsplan_id
    path = reverse("bestyrelser:dashboard", kwargs={"pk": plan_id})
    if kommentar.svar_paa is None:
        to = who.projektledere(plan_id, on)
        occasion = "spurgt"
    else:
        to = [who.profile_for_user(kommentar.svar_paa.forfatter)]
        occasion = "besvaret"

    def render(_p: Modtagerprofil) -> Content:
        kriterie = kommentar.succeskriterie.beskrivelse[:120]
        subject = (
            _("Nyt spørgsmål til succeskriteriet: %(k)s")
            if occasion == "spurgt"
            else _("Dit spørgsmål er besvaret: %(k)s")
        ) % {"k": kriterie}
        return Content(subject[:255], kommentar.tekst, path)

    return [
        Notice("spoergsmaal", f"kommentar:{kommentar.pk}", occasion, plan_id, render, _without(to, user_id))
    ]


def import_event(batch_id: int, ok: bool, user_id: int | None, fejl: str) -> list[Notice]:
    user = get_user_model().objects.filter(pk=user_id).first() if user_id is not None else None
    if user is None:
        return []
    batch = ImportBatch.objects.filter(pk=batch_id).first()
    plan_id = batch.helhedsplan_id if batch is not None else None
    name = batch.filnavn if batch is not None else str(batch_id)
    path = (
        reverse("monitorering:import_detail", kwargs={"pk": plan_id, "batch_id": batch_id})
        if batch is not None and plan_id is not None
        else ""
    )

    def render(_p: Modtagerprofil) -> Content:
        if ok:
            return Content(
                _("Importen er gennemført: %(fil)s") % {"fil": name},
                _("Importen af %(fil)s er gennemført.") % {"fil": name},
                path,
            )
        return Content(
            _("Importen fejlede: %(fil)s") % {"fil": name},
            _("Importen af %(fil)s blev ikke gennemført:") % {"fil": name} + "\n\n" + fejl,
            path,
        )

    return [
        Notice(
            "import",
            f"importbatch:{batch_id}",
            "gennemfoert" if ok else "fejlet",
            plan_id,
            render,
            [who.profile_for_user(user)],
        )
    ]


def export_event(eksport_id: int, ok: bool, fejl: str) -> list[Notice]:
    """Tell the one who ordered a background export how it ended, with a link to its page
    (status and download). The recipient is the job's orderer, whatever the event says; a
    deleted job, an inactive account or one that has lost LBF's rights for an LBF-only export
    tells nobody, and ``plan`` re-checks the plan's access for them."""
    job = Eksport.objects.select_related("bestilt_af", "helhedsplan").filter(pk=eksport_id).first()
    if job is None:
        return []
    user = job.bestilt_af
    if not user.is_active or (job.kun_lbf and not (user.is_superuser or is_lbf_staff(user))):
        return []
    path = job.get_absolute_url()

    def render(_p: Modtagerprofil) -> Content:
        values = {"hvad": job.get_art_display(), "format": job.get_format_display()}
        if job.helhedsplan is not None:
            values["hvad"] = f"{values['hvad']}, {job.helhedsplan.navn}"
        if ok:
            return Content(
                _("Eksporten er klar: %(hvad)s") % values,
                _("Eksporten %(hvad)s (%(format)s) er færdig og kan hentes i portalen.") % values,
                path,
            )
        return Content(
            _("Eksporten fejlede: %(hvad)s") % values,
            _("Eksporten %(hvad)s (%(format)s) kunne ikke laves:") % values + "\n\n" + fejl,
            path,
        )

    return [
        Notice(
            "eksport",
            f"eksport:{job.pk}",
            "faerdig" if ok else "fejlet",
            job.helhedsplan_id,
            render,
            [who.profile_for_user(user)],
        )
    ]
