"""LBF's agreement version pages (tilsyn views over helhedsplaner.versioning): draft,
submit and approve through the pages; the edit page asks for a reason."""

from decimal import Decimal

import pytest
from django.urls import reverse

from helhedsplaner import versioning as versions
from helhedsplaner.models import Aftalestatus

from .factories import compliant_plan

pytestmark = pytest.mark.django_db
A = Aftalestatus


@pytest.fixture
def setup(plan_a, projektleder_a):
    return compliant_plan(plan_a)


def test_views_draft_submit_and_lbf_approves(setup, client, projektleder_a, lbf_user):
    plan = setup["plan"]
    client.force_login(projektleder_a)
    assert client.get(reverse("tilsyn:agreement_draft", args=[plan.pk])).status_code == 405
    response = client.post(reverse("tilsyn:agreement_draft", args=[plan.pk]))
    draft = plan.samarbejdsaftaler.get(version=2)
    assert response.url == reverse("tilsyn:agreement_edit", args=[plan.pk, draft.pk])
    assert client.get(response.url).status_code == 200
    client.post(reverse("tilsyn:agreement_action", args=[plan.pk, draft.pk, "indsend"]))
    assert (
        client.post(reverse("tilsyn:agreement_action", args=[plan.pk, draft.pk, "godkend"])).status_code
        == 403
    )
    client.force_login(lbf_user)
    page = client.get(reverse("tilsyn:agreement_detail", args=[plan.pk, draft.pk])).content.decode()
    assert "Godkend version" in page
    client.post(reverse("tilsyn:agreement_action", args=[plan.pk, draft.pk, "godkend"]), {"kommentar": "OK"})
    draft.refresh_from_db()
    assert draft.status == A.GODKENDT


def test_edit_view_shows_reason_error(setup, client, projektleder_a):
    plan = setup["plan"]
    draft = versions.samarbejdsaftale_draft(user=projektleder_a, plan=plan)
    client.force_login(projektleder_a)
    k = draft.strategiske_maal.get().succeskriterier.get()
    g = draft.strategiske_maal.get()
    data = {
        "problemkompleks": "x",
        "gyldig_fra": "2019-01-01",
        "gyldig_til": "2022-12-31",
        f"maal_{g.pk}_titel": g.titel,
        f"maal_{g.pk}_beskrivelse": "",
        f"kriterie_{k.pk}_beskrivelse": k.beskrivelse,
        f"kriterie_{k.pk}_baseline_vaerdi": "52",
        f"kriterie_{k.pk}_baseline_dato": "2018-12-31",
        f"kriterie_{k.pk}_maal_vaerdi": "70",
        f"kriterie_{k.pk}_maal_dato": "2022-12-31",
        f"kriterie_{k.pk}_indikator": k.indikator_id or "",
        f"kriterie_{k.pk}_tolerance_pct": "10",
        f"kriterie_{k.pk}_begrundelse": "",
    }
    response = client.post(reverse("tilsyn:agreement_edit", args=[plan.pk, draft.pk]), data)
    assert response.status_code == 400
    assert "skriv en begrundelse" in response.content.decode()
    data[f"kriterie_{k.pk}_begrundelse"] = "Ny prognose"
    assert client.post(reverse("tilsyn:agreement_edit", args=[plan.pk, draft.pk]), data).status_code == 302
    diff = client.get(reverse("tilsyn:agreement_diff", args=[plan.pk])).content.decode()
    assert "måltal ændret fra 60 til 70" in diff and "Ny prognose" in diff


def test_edit_view_sets_a_criterions_indicator_and_tolerance(setup, client, projektleder_a):
    from tests.monitorering.factories import IndikatorFactory

    plan = setup["plan"]
    draft = versions.samarbejdsaftale_draft(user=projektleder_a, plan=plan)
    client.force_login(projektleder_a)
    k = draft.strategiske_maal.get().succeskriterier.get()
    g = draft.strategiske_maal.get()
    other = IndikatorFactory(navn="Tryghed i området")
    data = {
        "problemkompleks": draft.problemkompleks or "x",
        "gyldig_fra": draft.gyldig_fra.isoformat(),
        "gyldig_til": draft.gyldig_til.isoformat(),
        f"maal_{g.pk}_titel": g.titel,
        f"kriterie_{k.pk}_beskrivelse": k.beskrivelse,
        f"kriterie_{k.pk}_baseline_vaerdi": f"{k.baseline_vaerdi.normalize():f}",
        f"kriterie_{k.pk}_baseline_dato": k.baseline_dato.isoformat(),
        f"kriterie_{k.pk}_maal_vaerdi": f"{k.maal_vaerdi.normalize():f}",
        f"kriterie_{k.pk}_maal_dato": k.maal_dato.isoformat(),
        f"kriterie_{k.pk}_indikator": other.pk,
        f"kriterie_{k.pk}_tolerance_pct": "12,5",
    }
    url = reverse("tilsyn:agreement_edit", args=[plan.pk, draft.pk])
    assert client.post(url, {**data, f"kriterie_{k.pk}_tolerance_pct": "-1"}).status_code == 400
    assert client.post(url, data).status_code == 302
    k.refresh_from_db()
    assert (k.indikator, str(k.tolerance_pct)) == (other, "12.50")


def _edit_page_as_sent(client, url) -> dict:
    """The edit page's form as a browser sends it unchanged."""
    from tests.security.forms import form_posting_to, payload

    page = client.get(url)
    assert page.status_code == 200
    return {k: v[0] for k, v in payload(form_posting_to(page.content.decode(), url, url)).items()}


def test_draft_editor_sets_a_goals_area_and_target_group_and_adds_a_criterion(
    setup, client, projektleder_a, lbf_user
):
    from tests.helhedsplaner.factories import IndsatsomraadeFactory
    from tests.monitorering.factories import IndikatorFactory

    plan = setup["plan"]
    tryghed = IndsatsomraadeFactory(kode="tryghed", navn="Tryghed og trivsel")
    outside = IndsatsomraadeFactory(kode="andet", navn="Ikke i runden")
    plan.bevillingsperiode.indsatsomraader.add(tryghed)
    indikator = IndikatorFactory(navn="Andel trygge beboere")
    draft = versions.samarbejdsaftale_draft(user=projektleder_a, plan=plan)
    g = draft.strategiske_maal.get()
    client.force_login(projektleder_a)
    url = reverse("tilsyn:agreement_edit", args=[plan.pk, draft.pk])
    data = _edit_page_as_sent(client, url)
    data.update(
        {
            f"maal_{g.pk}_indsatsomraade": str(tryghed.pk),
            f"maal_{g.pk}_maalgruppe": "Beboere over 65 år",
            f"ny_{g.pk}_beskrivelse": "Flere føler sig trygge",
            f"ny_{g.pk}_indikator": str(indikator.pk),
            f"ny_{g.pk}_baseline_vaerdi": "61,5",
            f"ny_{g.pk}_baseline_dato": "2018-12-31",
            f"ny_{g.pk}_maal_vaerdi": "75",
            f"ny_{g.pk}_maal_dato": "2018-06-30",  # before the baseline: refused
            f"ny_{g.pk}_tolerance_pct": "15",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 400
    assert "Måldatoen skal ligge efter baselinedatoen." in response.content.decode()
    data[f"ny_{g.pk}_maal_dato"] = "2022-12-31"
    refused = client.post(url, {**data, f"maal_{g.pk}_indsatsomraade": str(outside.pk)})
    assert refused.status_code == 400 and g.succeskriterier.count() == 1
    assert client.post(url, data).status_code == 302
    g.refresh_from_db()
    assert (g.indsatsomraade, g.maalgruppe) == (tryghed, "Beboere over 65 år")
    new = g.succeskriterier.get(beskrivelse="Flere føler sig trygge")
    assert (new.indikator, new.baseline_vaerdi, new.maal_vaerdi, str(new.tolerance_pct)) == (
        indikator,
        Decimal("61.5"),
        Decimal("75"),
        "15.00",
    )
    assert new.history.first().history_user == projektleder_a
    # Saved again unchanged, the page adds nothing more.
    assert client.post(url, _edit_page_as_sent(client, url)).status_code == 302
    assert g.succeskriterier.count() == 2
    # LBF approves the version as today: it takes effect with the goal's area and the criterion.
    client.post(reverse("tilsyn:agreement_action", args=[plan.pk, draft.pk, "indsend"]))
    client.force_login(lbf_user)
    client.post(reverse("tilsyn:agreement_action", args=[plan.pk, draft.pk, "godkend"]), {"kommentar": "OK"})
    draft.refresh_from_db()
    assert draft.status == A.GODKENDT
    assert draft.strategiske_maal.get().succeskriterier.filter(indikator=indikator).exists()


def test_a_new_goal_gets_its_area_and_target_group(setup, client, projektleder_a):
    from tests.helhedsplaner.factories import IndsatsomraadeFactory

    plan = setup["plan"]
    tryghed = IndsatsomraadeFactory(kode="tryghed", navn="Tryghed og trivsel")
    plan.bevillingsperiode.indsatsomraader.add(tryghed)
    draft = versions.samarbejdsaftale_draft(user=projektleder_a, plan=plan)
    client.force_login(projektleder_a)
    client.post(
        reverse("tilsyn:agreement_add_goal", args=[plan.pk, draft.pk]),
        {"titel": "Tryghed", "problem": "Utryghed", "indsatsomraade": tryghed.pk, "maalgruppe": "Alle"},
    )
    goal = draft.strategiske_maal.get(nummer=2)
    assert (goal.indsatsomraade, goal.maalgruppe, goal.succeskriterier.count()) == (tryghed, "Alle", 1)
