"""LBF's overview: filters, sorting, search, pagination, constant queries; access."""

import pytest
from django.urls import reverse

from helhedsplaner.models import Helhedsplan, Region
from monitorering.models import Statusoversigt
from tests.helhedsplaner.factories import (
    BevillingsperiodeFactory,
    DelaftaleFactory,
    HelhedsplanFactory,
    IndsatsomraadeFactory,
    KommuneFactory,
)
from tilsyn.models import Planoversigt

pytestmark = pytest.mark.django_db

URL = reverse("tilsyn:overview")


def _plans(n):
    plans = HelhedsplanFactory.create_batch(n)
    Statusoversigt.objects.bulk_create(
        Statusoversigt(
            helhedsplan=p,
            periode_start=p.startdato,
            periode_slut=p.startdato.replace(month=3, day=31),
            paa_sporet=i % 3,
            i_risiko=1,
            ikke_paa_sporet=0,
            ingen_data=2,
        )
        for i, p in enumerate(plans)
    )
    Planoversigt.objects.bulk_create(
        Planoversigt(helhedsplan=p, antal_fund=i % 2, rapporter_overskredet=i % 4)
        for i, p in enumerate(plans)
    )
    return plans


@pytest.mark.parametrize("n", [10, 200])
def test_overview_queries_do_not_grow_with_plans(client_lbf, django_assert_num_queries, n):
    _plans(n)
    client_lbf.get(URL)  # warm the session/user caches
    # session, user, groups (LBF check), count, the page's ids, the page's rows, 3 filter
    # choice lists
    with django_assert_num_queries(9):
        response = client_lbf.get(URL, {"sort": "-fund", "fund": "ja"})
        html = response.content.decode()
    assert response.status_code == 200
    assert "Helhedsplan" in html
    assert len(response.context["page"].object_list) == min(25, n // 2)


def test_overview_filters_search_and_sorting(client_lbf):
    _plans(3)
    kommune = KommuneFactory(navn="Aarhus", region=Region.MIDTJYLLAND)
    runde = BevillingsperiodeFactory(navn="2019-26-midlerne", start_aar=2019, slut_aar=2026)
    target = HelhedsplanFactory(
        navn="Gellerup-planen", boligomraade__kommune=kommune, bevillingsperiode=runde
    )
    area = IndsatsomraadeFactory(kode="krim", navn="Kriminalitetsforebyggelse")
    DelaftaleFactory(helhedsplan=target, indsatsomraade=area)
    Planoversigt.objects.create(helhedsplan=target, antal_fund=4)
    for params in (
        {"kommune": kommune.pk},
        {"region": Region.MIDTJYLLAND},
        {"runde": runde.pk},
        {"indsatsomraade": area.pk},
        {"q": "gellerup"},
        {"q": "aarhus", "fund": "ja", "status": Helhedsplan.Status.I_GANG},
    ):
        names = [p.navn for p in client_lbf.get(URL, params).context["page"]]
        assert names == ["Gellerup-planen"], params
    names = [p.navn for p in client_lbf.get(URL, {"sort": "-fund"}).context["page"]]
    assert names[0] == "Gellerup-planen"
    page2 = client_lbf.get(URL, {"fund": "nej"}).context["page"]
    assert "Gellerup-planen" not in [p.navn for p in page2]


def test_overview_paginates_and_keeps_filters_in_links(client_lbf):
    _plans(30)
    response = client_lbf.get(URL, {"q": "Helhedsplan"})
    assert response.context["page"].paginator.num_pages == 2
    assert "q=Helhedsplan&amp;side=2" in response.content.decode()


@pytest.mark.parametrize(
    "name", ["tilsyn:overview", "tilsyn:rules_page", "tilsyn:national_charts", "tilsyn:audit_trail"]
)
def test_lbf_pages_answer_404_to_others(client_board_a, name):
    assert client_board_a.get(reverse(name)).status_code == 404


@pytest.mark.parametrize("name", ["tilsyn:overview_export", "tilsyn:audit_trail_export"])
def test_lbf_exports_answer_404_to_others(client_board_a, name):
    assert client_board_a.get(reverse(name, args=["xlsx"])).status_code == 404


def test_anonymous_is_sent_to_login(client):
    assert client.get(URL).status_code == 302


def test_other_plans_exports_and_pages_answer_404(client_b, plan_a):
    for url in (
        reverse("tilsyn:plan_findings", args=[plan_a.pk]),
        reverse("tilsyn:plan_export", args=[plan_a.pk, "resultater", "xlsx"]),
        reverse("tilsyn:plan_export", args=[plan_a.pk, "aktiviteter", "csv"]),
        reverse("tilsyn:plan_audit_trail", args=[plan_a.pk]),
        reverse("tilsyn:plan_audit_trail_export", args=[plan_a.pk, "csv"]),
        reverse("tilsyn:versions_page", args=[plan_a.pk]),
    ):
        assert client_b.get(url).status_code == 404, url


def test_rules_page_lists_rules_and_thresholds(client_lbf):
    html = client_lbf.get(reverse("tilsyn:rules_page")).content.decode()
    assert "COMPLIANCE_MIN_BESTYRELSESMOEDER_PR_AAR" in html
    assert "Lokal medfinansiering" in html
    # Each threshold in words with its value; the levels as Danish words, not their codes.
    assert "Mindste antal bestyrelsesmøder om året" in html
    assert "direktør, chef" in html and "direktoer" not in html


def test_board_member_sees_own_plan_findings_but_cannot_run_rules(client_board_a, plan_a):
    assert client_board_a.get(reverse("tilsyn:plan_findings", args=[plan_a.pk])).status_code == 200
    assert client_board_a.post(reverse("tilsyn:plan_audit_start", args=[plan_a.pk])).status_code == 403


def test_lbf_runs_rules_on_a_plan_and_sees_findings(client_lbf, plan_a):
    response = client_lbf.post(reverse("tilsyn:plan_audit_start", args=[plan_a.pk]), follow=True)
    html = response.content.decode()
    assert "Ingen version af samarbejdsaftalen er godkendt af LBF." in html
    assert Planoversigt.objects.get(helhedsplan=plan_a).antal_fund > 0


def test_run_all_is_post_only(client_lbf, plan_a):
    assert client_lbf.get(reverse("tilsyn:audit_all_start")).status_code == 405
    client_lbf.post(reverse("tilsyn:audit_all_start"))
    assert Planoversigt.objects.filter(helhedsplan=plan_a).exists()


def test_national_charts_render_for_lbf(client_lbf):
    from tests.monitorering.factories import monitored_plan

    monitored_plan()
    response = client_lbf.get(reverse("tilsyn:national_charts"))
    assert response.status_code == 200
    assert 'id="fig-status"' in response.content.decode()


def _varied_plans(n):
    """Plans whose overall status has two periods (the newer one counts), some with a held
    board meeting, some with audit findings: every sort key has ties and gaps."""
    import datetime

    from bestyrelser.models import Moede, Organ

    plans = HelhedsplanFactory.create_batch(n)
    rows = []
    for i, p in enumerate(plans):
        for k, start in enumerate((datetime.date(2024, 1, 1), datetime.date(2024, 4, 1))):
            rows.append(
                Statusoversigt(
                    helhedsplan=p,
                    periode_start=start,
                    periode_slut=start + datetime.timedelta(days=89),
                    paa_sporet=(i * 7 + k) % 5,
                    i_risiko=(i + k) % 3,
                    ikke_paa_sporet=k * (i % 4),
                    ingen_data=(i * 3) % 4,
                )
            )
    Statusoversigt.objects.bulk_create(rows)
    Planoversigt.objects.bulk_create(
        Planoversigt(helhedsplan=p, antal_fund=i % 3, rapporter_overskredet=i % 2)
        for i, p in enumerate(plans)
        if i % 4
    )
    for i, p in enumerate(plans[::3]):
        board = Organ.objects.create(helhedsplan=p, type=Organ.Type.BESTYRELSE, navn=f"Bestyrelse {p.pk}")
        Moede.objects.create(
            organ=board,
            tidspunkt=datetime.datetime(2025, 1 + i % 12, 1, 10, tzinfo=datetime.UTC),
            status=Moede.Status.AFHOLDT,
        )
    return plans


@pytest.mark.parametrize(
    "sort", ["plan", "status", "paa_sporet", "-ikke_paa_sporet", "ingen_data", "-fund", "moede", "-moede"]
)
def test_a_page_of_the_overview_is_that_slice_of_the_export(sort):
    """The page reads ids by the sort key alone, then the page's rows: it must show exactly
    the rows, order and figures of the one-query overview the exports and the API use."""
    from tilsyn import selectors

    _varied_plans(13)
    whole = list(selectors.filter_overview(selectors.overview_queryset(), {"sort": sort}))
    shown = ("pk", "paa_sporet", "i_risiko", "ikke_paa_sporet", "ingen_data", "seneste_moede")
    for number in (1, 2, 3):
        page = selectors.overview_page({"sort": sort}, number, per_page=5)
        assert page.paginator.count == 13
        expected = whole[(number - 1) * 5 : number * 5]
        assert [[getattr(p, f) for f in shown] for p in page] == [
            [getattr(p, f) for f in shown] for p in expected
        ]
    newest = {p.pk: p.paa_sporet for p in whole}
    assert all(
        newest[s.helhedsplan_id] == s.paa_sporet
        for s in Statusoversigt.objects.filter(periode_start__month=4, indsatsomraade__isnull=True)
    ), "the overview shows the newest period's counts"


def test_the_quick_select_renders_what_django_s_select_renders():
    from django import forms
    from django.test.html import parse_html

    from portal.widgets import QuickSelect

    choices = [("", "Alle"), ("a", "Æble & <pære>"), ("Gruppe", [("b", "B"), ("c", 'C "citat"')])]
    for value in ("", "a", "c", "ukendt"):
        attrs = {"class": "form-select", "id": "filter-x", "required": True, "disabled": False}
        django_html = forms.Select(choices=choices).render("x", value, attrs=attrs)
        quick_html = QuickSelect(choices=choices).render("x", value, attrs=attrs)
        assert parse_html(quick_html) == parse_html(django_html), value
