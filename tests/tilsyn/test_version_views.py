"""LBF's agreement version pages (tilsyn views over helhedsplaner.versioning): draft,
submit and approve through the pages; the edit page asks for a reason."""

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
