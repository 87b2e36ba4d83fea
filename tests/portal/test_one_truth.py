"""One figure, one number: every page and export that shows a figure shows the same one.

Each figure is read from what the user sees (the rendered page, the exported file), never
from the function behind it, so a page that computes its own version fails here.

- Overdue status reports (deadline passed, not submitted; drafts, returned reports and
  periods with no report count): the board's dashboard, the board pack, the status-report
  list's summary, the completeness grid, LBF's overview and its export, and LBF's
  compliance finding.
- Criteria per status (på sporet / i risiko / ikke på sporet / ingen data): the board's
  dashboard and its export, the monitoring page, LBF's overview and its export.
- The agreement version shown as current: the plan page, the dashboard, LBF's versions page.
"""

from __future__ import annotations

import csv
import datetime
import html
import io
import re

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from bestyrelser.models import Boardpack, Moede, Organ
from helhedsplaner.models import Aftalestatus, Helhedsplan, Statusrapport
from helhedsplaner.periods import reporting_periods
from tests.helhedsplaner.factories import (
    DelaftaleFactory,
    HelhedsplanFactory,
    SamarbejdsaftaleFactory,
    StatusrapportFactory,
)
from tilsyn.services import plan_audit

pytestmark = pytest.mark.django_db

S = Statusrapport.Status


# --- Reading figures off the pages ---------------------------------------------------------


def _text(response) -> str:
    assert response.status_code == 200, response.status_code
    raw = response.content.decode()
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", raw)))


def _int(pattern: str, text: str, where: str) -> int:
    m = re.search(pattern, text)
    assert m, f"{where}: no match for {pattern!r}"
    return int(m.group(1))


def _csv(response) -> list[list[str]]:
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";" if b";" in body else ","))


def _overview_row(client: Client, plan: Helhedsplan) -> list[str]:
    raw = client.get(reverse("tilsyn:overview"), {"q": plan.navn}).content.decode()
    link = reverse("tilsyn:plan_findings", args=[plan.pk])
    row = re.search(r'<tr>\s*<td><a href="' + re.escape(link) + r'">.*?</tr>', raw, re.S)
    assert row, "plan missing from LBF's overview"
    return [
        html.unescape(re.sub(r"<[^>]+>", "", c)).strip()
        for c in re.findall(r"<td[^>]*>(.*?)</td>", row[0], re.S)
    ]


def _overview_export_row(client: Client, plan: Helhedsplan) -> dict[str, str]:
    rows = _csv(client.get(reverse("tilsyn:overview_export", kwargs={"fmt": "csv"}), {"q": plan.navn}))
    header = rows[0]
    body = next(r for r in rows[1:] if r and r[0] == plan.navn)
    return dict(zip(header, body, strict=False))


def _unreleased_meeting(plan: Helhedsplan) -> Moede:
    board = Organ.objects.get(helhedsplan=plan, type=Organ.Type.BESTYRELSE)
    moede = Moede.objects.filter(organ=board).exclude(pk__in=Boardpack.objects.values("moede")).first()
    return moede or Moede.objects.create(organ=board, tidspunkt=timezone.now(), sted="Beboerhuset")


def overdue_figures(client: Client, plan: Helhedsplan) -> dict[str, int]:
    """The overdue count as each page and export shows it."""
    plan_audit(plan_id=plan.pk)  # the audit job fills LBF's overview and the findings
    figures = {}
    label = r"Statusrapporter med overskredet frist: (\d+)"
    figures["dashboard"] = _int(
        label, _text(client.get(reverse("bestyrelser:dashboard", args=[plan.pk]))), "dash"
    )
    moede = _unreleased_meeting(plan)
    pack = client.get(reverse("bestyrelser:boardpack_detail", args=[plan.pk, moede.pk]))
    figures["board pack"] = _int(label, _text(pack), "board pack")
    listing = client.get(reverse("helhedsplaner:statusrapport_list", args=[plan.pk]))
    figures["status-report list"] = _int(r"frist overskredet: (\d+)", _text(listing), "list")
    figures["completeness grid"] = len(
        re.findall(r'<td class="[^"]*\bcell-overskredet\b', listing.content.decode())
    )
    figures["LBF overview"] = int(_overview_row(client, plan)[10])
    figures["LBF overview export"] = int(_overview_export_row(client, plan)["Rapporter over fristen"])
    findings = client.get(reverse("tilsyn:plan_findings", args=[plan.pk])).content.decode()
    block = re.search(r'data-regel="rapporter_rettidige".*?(?=data-regel=|\Z)', findings, re.S)[0]
    fund = re.findall(r'<li class="fund">(.*?)</li>', block, re.S)
    figures["compliance finding"] = sum(1 for f in fund if "text-bg-warning" not in f)
    return figures


def status_figures(client: Client, plan: Helhedsplan) -> dict[str, tuple[int, int, int, int]]:
    """Criteria per status (på sporet, i risiko, ikke på sporet, ingen data) per page."""
    figures = {}
    monitoring = client.get(reverse("monitorering:plan_status", args=[plan.pk])).content.decode()
    figures["monitoring page"] = tuple(
        int(re.search(rf'data-status="{s}">(\d+)<', monitoring)[1])
        for s in ("paa_sporet", "i_risiko", "ikke_paa_sporet", "ingen_data")
    )
    row = _overview_row(client, plan)
    figures["LBF overview"] = tuple(int(v) if v.isdigit() else 0 for v in row[6:10])
    export = _overview_export_row(client, plan)
    figures["LBF overview export"] = tuple(
        int(export[k] or 0) for k in ("På sporet", "I risiko", "Ikke på sporet", "Ingen data")
    )
    page = client.get(reverse("bestyrelser:dashboard", args=[plan.pk])).content.decode()
    table = re.search(r"Succeskriterier efter status</caption>.*?</table>", page, re.S)[0]
    cells = re.findall(r"<tr><td>(.*?)</td><td>(\d+)</td></tr>", table)
    shown = {html.unescape(k).lower(): int(v) for k, v in cells}
    figures["dashboard"] = tuple(
        shown.get(k, 0) for k in ("på sporet", "i risiko", "ikke på sporet", "ingen data")
    )
    dash = _csv(client.get(reverse("bestyrelser:dashboard_export", args=[plan.pk, "status", "csv"])))
    counts = {r[0].lower(): int(r[1]) for r in dash[1:] if r}
    figures["dashboard export"] = tuple(
        counts.get(k, 0) for k in ("på sporet", "i risiko", "ikke på sporet", "ingen data")
    )
    return figures


def _agree(figures: dict) -> None:
    assert len(set(figures.values())) == 1, figures


# --- The demo plans ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo seed, loaded once for this module and rolled back after it."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            call_command("seed_demo", "--uden-landsdata", verbosity=0, stdout=io.StringIO())
            yield list(Helhedsplan.objects.order_by("navn"))
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def lbf_client(demo):
    from django.contrib.auth import get_user_model

    client = Client()
    client.force_login(get_user_model().objects.get(username="lbf"))
    return client


def test_demo_plans_show_one_overdue_count_everywhere(demo, lbf_client):
    for plan in demo:
        figures = overdue_figures(lbf_client, plan)
        _agree(figures)


def test_demo_plans_show_one_status_count_per_status_everywhere(demo, lbf_client):
    started = [plan for plan in demo if plan.startdato <= timezone.localdate()]
    assert len(started) == 2  # the plan that starts next quarter has no period, so no statuses yet
    for plan in started:
        figures = status_figures(lbf_client, plan)
        assert sum(figures["monitoring page"]) > 0, plan  # the demo has computed statuses
        _agree(figures)


# --- Factory-built edge cases --------------------------------------------------------------


@pytest.fixture
def edge_plan(plan_a, board_member_a, lbf_user):
    """Plan A's one delaftale with a report in each awkward state; other periods unwritten."""
    delaftale = DelaftaleFactory(helhedsplan=plan_a)
    periods = reporting_periods(plan_a)
    late = timezone.make_aware(datetime.datetime.combine(periods[2].frist, datetime.time(12)))
    on_time = timezone.make_aware(datetime.datetime.combine(periods[3].slut, datetime.time(12)))

    def report(p, **kw):
        return StatusrapportFactory(delaftale=delaftale, periode_start=p.start, periode_slut=p.slut, **kw)

    report(periods[0], status=S.KLADDE)  # a draft past its deadline
    report(periods[1], status=S.KLADDE, returkommentar="Mangler tal", indsendt_tidspunkt=on_time)  # returned
    report(periods[2], status=S.INDSENDT, indsendt_tidspunkt=late + datetime.timedelta(days=5))  # late
    report(periods[3], status=S.INDSENDT, indsendt_tidspunkt=on_time)  # on time
    # periods[4:] have no report at all
    return plan_a


def test_edge_cases_show_one_overdue_count_everywhere(edge_plan, client, lbf_user):
    client.force_login(lbf_user)
    figures = overdue_figures(client, edge_plan)
    _agree(figures)
    # Overdue: every ended period past its deadline except the two submitted reports.
    ended = list(reporting_periods(edge_plan, until=timezone.localdate()))
    assert figures["dashboard"] == sum(1 for p in ended if p.frist < timezone.localdate()) - 2


def test_a_board_member_sees_the_same_overdue_count_as_lbf(edge_plan, client, board_member_a, lbf_user):
    client.force_login(lbf_user)
    lbf = overdue_figures(client, edge_plan)["dashboard"]
    client.force_login(board_member_a)
    page = _text(client.get(reverse("bestyrelser:dashboard", args=[edge_plan.pk])))
    assert _int(r"Statusrapporter med overskredet frist: (\d+)", page, "dash") == lbf


def test_the_cached_dashboard_counts_a_deadline_that_passed_overnight(
    client, plan_a, board_member_a, monkeypatch
):
    """Nothing in the database changes when a deadline passes; the count still must."""
    delaftale = DelaftaleFactory(helhedsplan=plan_a)
    first = reporting_periods(plan_a)[0]
    client.force_login(board_member_a)
    url = reverse("bestyrelser:dashboard", args=[plan_a.pk])
    label = r"Statusrapporter med overskredet frist: (\d+)"

    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: first.frist)
    assert _int(label, _text(client.get(url)), "on the deadline") == 0
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: first.frist + datetime.timedelta(days=1))
    assert _int(label, _text(client.get(url)), "the day after") == 1
    assert delaftale.statusrapporter.count() == 0


# --- The agreement version in force --------------------------------------------------------


def _versions_shown(client: Client, plan: Helhedsplan) -> dict[str, str]:
    detail = _text(client.get(plan.get_absolute_url()))
    dash = client.get(reverse("bestyrelser:dashboard", args=[plan.pk])).content.decode()
    versions = client.get(reverse("tilsyn:versions_page", args=[plan.pk])).content.decode()
    in_force = re.search(r"Version (\d+)</a> <span class=\"badge text-bg-primary\">i kraft", versions)
    plan_page = re.search(r"Strategisk samarbejdsaftale · version (\d+)", detail)
    dashboard = re.search(r'data-aftale-version="(\d+)"', dash)
    return {
        "plan page": plan_page[1] if plan_page else "not shown",
        "dashboard": dashboard[1] if dashboard else "not shown",
        "LBF versions page": in_force[1] if in_force else "none",
    }


def test_a_later_approved_version_is_current_on_every_page(client, plan_a, board_member_a, lbf_user):
    SamarbejdsaftaleFactory(helhedsplan=plan_a, version=1, godkendt_af=lbf_user)
    SamarbejdsaftaleFactory(
        helhedsplan=plan_a,
        version=2,
        gyldig_fra=datetime.date(2021, 1, 1),
        godkendt_tidspunkt=timezone.now() - datetime.timedelta(days=30),
        godkendt_af=lbf_user,
    )
    SamarbejdsaftaleFactory(
        helhedsplan=plan_a, version=3, status=Aftalestatus.INDSENDT, godkendt_tidspunkt=None
    )
    client.force_login(lbf_user)
    shown = _versions_shown(client, plan_a)
    assert set(shown.values()) == {"2"}, shown


def test_a_version_approved_ahead_of_its_start_is_not_yet_current_anywhere(client, lbf_user):
    """v2 is approved but takes effect next month: v1 stays current on every page."""
    today = timezone.localdate()
    start = today - datetime.timedelta(days=400)
    plan = HelhedsplanFactory(startdato=start, slutdato=start + datetime.timedelta(days=4 * 365))
    SamarbejdsaftaleFactory(helhedsplan=plan, version=1, godkendt_af=lbf_user)
    SamarbejdsaftaleFactory(
        helhedsplan=plan,
        version=2,
        gyldig_fra=today + datetime.timedelta(days=30),
        godkendt_tidspunkt=timezone.now() - datetime.timedelta(days=1),
        godkendt_af=lbf_user,
    )
    client.force_login(lbf_user)
    shown = _versions_shown(client, plan)
    assert set(shown.values()) == {"1"}, shown


def test_a_draft_only_plan_shows_its_draft_labelled_as_not_approved(client, plan_a, board_member_a):
    SamarbejdsaftaleFactory(
        helhedsplan=plan_a, version=1, status=Aftalestatus.KLADDE, godkendt_tidspunkt=None
    )
    client.force_login(board_member_a)
    for url in (plan_a.get_absolute_url(), reverse("bestyrelser:dashboard", args=[plan_a.pk])):
        page = _text(client.get(url))
        assert "Kladde – ikke godkendt af LBF" in page, url
    assert _text(client.get(plan_a.get_absolute_url())).count("version 1") >= 1


def test_worklist_marks_overdue_items_in_words(client, edge_plan, plan_a):
    from bestyrelser.models import Medlemskab
    from tests.conftest import _member

    user = _member(plan_a, "pl_edge", Medlemskab.Rolle.PROJEKTLEDER)
    client.force_login(user)
    page = _text(client.get(reverse("home")))
    listing = client.get(reverse("helhedsplaner:statusrapport_list", args=[plan_a.pk]))
    overdue = _int(r"frist overskredet: (\d+)", _text(listing), "list")
    assert page.count("Frist overskredet") == overdue


def test_lbf_overview_follows_a_returned_report_without_waiting_for_the_nightly_audit(
    edge_plan, client, lbf_user, board_member_a, django_capture_on_commit_callbacks
):
    """LBF's overview stores the overdue count with the plan's audit; a report going back to
    draft queues that audit itself (through the outbox), so LBF never lags the board's page."""
    from helhedsplaner.services import statusrapport_return

    client.force_login(lbf_user)
    before = overdue_figures(client, edge_plan)
    submitted = (
        Statusrapport.objects.filter(delaftale__helhedsplan=edge_plan, status=Statusrapport.Status.INDSENDT)
        .order_by("periode_start")
        .first()
    )
    with django_capture_on_commit_callbacks(execute=True):
        statusrapport_return(
            user=board_member_a, rapport=submitted, kommentar="Tallene for 2. kvartal mangler."
        )
    assert int(_overview_row(client, edge_plan)[10]) == before["LBF overview"] + 1
    dashboard = _text(client.get(reverse("bestyrelser:dashboard", args=[edge_plan.pk])))
    assert _int(r"Statusrapporter med overskredet frist: (\d+)", dashboard, "dash") == before["dashboard"] + 1
